"""The pipeline's spine (report.pipeline): each step returns the typed value the next one
takes, the notebook calls the steps in the spine's order, and ``run_month`` gives what
the steps one by one give."""

from __future__ import annotations

import json
import re

import pytest

from bulletin.core.blocks import Table, Text
from bulletin.core.errors import InputError
from bulletin.core.meta import read_meta
from bulletin.ingest.month import MonthInputs
from bulletin.ingest.targets import Stated
from bulletin.report import pipeline
from bulletin.report.month import MonthlyBulletin
from support.paths import DATA, ROOT


def test_each_step_gives_the_next_its_value():
    opened = pipeline.open_dataset(DATA / "seed002", "2020-12")
    assert (opened.month, opened.available) == ("2020-12", ["2020-12"])
    inputs = pipeline.validate(opened)
    assert isinstance(inputs, MonthInputs) and inputs.targets.height == 6  # targets/2020-12.csv
    # dataset.yml targets.stated_in_text, parsed in ingest as the table's values are
    assert inputs.stated_targets == {"政务服务事项不见面审批事项占比": Stated("98.9%", 0.989),
                                     "行政许可事项即办件占比": Stated("51.8%", 0.518)}
    facts = pipeline.month_facts(opened)
    # no cases/ or unit_stats/: one row per registry unit, no figures, nothing set aside
    assert facts.table.columns == ["month", "unit"]
    assert facts.table.height == opened.dataset.registry.units.height
    assert facts.ingestion.files == []
    b = pipeline.indicators(opened, inputs, facts)
    assert isinstance(b, MonthlyBulletin) and b.inputs is inputs and b.facts is facts.table
    blocks = pipeline.sections(b)  # values: text, tables, charts (and review items)
    texts = [block.markdown for block in blocks if isinstance(block, Text)]
    assert texts and not any(text.startswith("# ") for text in texts)
    assert pipeline.title(b)[0].startswith("# ")  # the title block is a step of its own


def test_a_month_the_dataset_does_not_hold_is_refused_at_the_first_step():
    with pytest.raises(InputError, match="2020-11"):
        pipeline.open_dataset(DATA / "seed002", "2020-11")


def test_the_facts_of_case_data_span_the_months_compared():
    opened = pipeline.open_dataset(DATA / "synthetic", "2021-02")
    assert opened.available[-1] == "2021-04"
    facts = pipeline.month_facts(opened)
    # 2021-02 with its previous month, its January (累计) and the year before where held
    # (the synthetic data starts in 2020-10); never a month after it
    assert sorted(set(facts.table["month"].to_list())) == ["2020-10", "2020-11", "2020-12",
                                                          "2021-01", "2021-02"]
    # what reading the rows counted, file by file: read = used + quarantined
    assert facts.ingestion.files[-1].shown == "synthetic/evaluations/evaluations.parquet"
    assert all(f.read == f.used + f.quarantined > 0 for f in facts.ingestion.files)


def test_run_month_is_the_six_steps(tmp_path):
    run = pipeline.run_month(DATA / "seed002", "2020-12", tmp_path,
                             parameters={"dataset": "x", "month": "2020-12", "out_dir": "y"})
    meta = read_meta(run.written.meta)
    assert meta.month == "2020-12" and meta.provenance.parameters["dataset"] == "x"
    b = pipeline.open_month(DATA / "seed002", "2020-12")
    texts = [block.markdown for block in pipeline.sections(b) if isinstance(block, Text)]
    assert texts and [block.markdown for block in run.blocks if isinstance(block, Text)] == texts
    assert [block.title for block in run.blocks if isinstance(block, Table)] == [
        "平顶山市指标整改提升目标及完成情况"]
    assert pipeline.run_month(DATA / "seed002", "2020-12").written is None


def test_the_notebook_calls_the_steps_in_the_spines_order():
    nb = json.loads((ROOT / "notebooks" / "bulletin.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(cell["source"]) for cell in nb["cells"]
                     if cell["cell_type"] == "code")
    called = re.findall(r"pipeline\.(\w+)\(", code)
    assert called == ["open_dataset", "validate", "month_facts", "indicators", "title",
                      "sections", "outputs"]
