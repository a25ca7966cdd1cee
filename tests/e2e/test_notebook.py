"""The notebook's parameter contract and a papermill run holding every section."""

from __future__ import annotations

import json

import papermill as pm
import pytest

from bulletin.core.definitions import HEADLINE_KEYS
from bulletin.core.meta import read_meta
from support.paths import DATA, ROOT

NOTEBOOK = ROOT / "notebooks" / "bulletin.ipynb"


def test_parameters_are_declared_with_defaults():
    params = pm.inspect_notebook(str(NOTEBOOK))
    assert set(params) == {"dataset", "month", "out_dir"}
    assert all(p["default"] not in (None, "") or name == "out_dir" for name, p in params.items())


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    out = tmp_path_factory.mktemp("nb")
    pm.execute_notebook(str(NOTEBOOK), str(out / "bulletin.ipynb"),
                        parameters={"dataset": str(DATA / "seed000"), "month": "2021-02",
                                    "out_dir": str(out)},
                        kernel_name="python3", progress_bar=False)
    return out


def outputs(path):
    nb = json.loads((path / "bulletin.ipynb").read_text(encoding="utf-8"))
    texts, html, charts = [], [], []
    for cell in nb["cells"]:
        for o in cell.get("outputs", []):
            data = o.get("data", {})
            assert o.get("output_type") != "error", o
            if "text/markdown" in data:
                texts.append("".join(data["text/markdown"]))
            if "text/html" in data:
                html.append("".join(data["text/html"]))
            if "image/svg+xml" in data:
                charts.append(data)
    return "\n".join(texts), html, charts


def test_every_section_is_in_the_executed_notebook(executed):
    text, html, charts = outputs(executed)
    for heading in ["达州市一体化政务服务平台运行情况通报", "2021 年第 2 期", "2021 年 3 月 22 日",
                    "要　目", "（一）总体情况", "（二）市本级运行情况", "（三）各县（市、区）运行情况",
                    "好差评情况", "办件超时情况", "工作动态", "存在的问题", "核查清单", "问题线索"]:
        assert heading in text, heading  # the analyst sees the review in Jupyter too
    assert "市交通运输局、市医疗保障局、市公安局办结件较多，分别为 1750 件、1238 件、1129 件" in text
    assert "大竹县、宣汉县、开江县办结件较多，分别为 74586 件、49872 件、44393 件" in text
    assert len(html) == 2 and all("办件情况（件）" in h and "线上承诺办件效率" in h for h in html)
    assert "市消防救援支队" in html[0] and "达州高新区" in html[1]
    assert len(charts) == 4
    assert all(any(k.startswith("application/vnd.vegalite") for k in c) for c in charts)


def test_the_review_is_a_cell_of_its_own_that_the_bulletin_skips(executed):
    from bulletin.core.blocks import Text

    nb = json.loads((executed / "bulletin.ipynb").read_text(encoding="utf-8"))
    review = [c for c in nb["cells"] if "review" in c["metadata"].get("tags", [])]
    assert len(review) == 1
    shown = "".join("".join(o["data"].get("text/markdown", "")) for o in review[0]["outputs"])
    assert "249682" in shown and "问题线索" in shown
    published = "\n".join(b.markdown for b in read_meta(executed / "meta.json").blocks
                          if isinstance(b, Text))
    assert "存在的问题" in published and "249682" not in published and "核查清单" not in published
    assert (executed / "review.md").read_text(encoding="utf-8").startswith("# 核查清单")
    # meta.json counts what review.md lists: 8 stated figures that differ, 1 clue, 5 table
    # headers and 1 name the print cannot keep in whole phrases (as
    # tests/unit/report/test_review.py), 10 notes on sources, 9 blockers (the 8 figures and
    # the 期号), none acknowledged
    review = read_meta(executed / "meta.json").review
    assert review.topics == {"数据核对": 8, "问题线索": 1, "表格排版": 6, "数据来源": 10,
                             "签发前核实": 9}
    assert review.blocking == 9


def test_outputs_beside_the_notebook(executed):
    meta = read_meta(executed / "meta.json")
    assert meta.issue_label == "2021 年第 2 期"
    completed = meta.figure("completed")
    assert (completed.label, completed.kind, completed.unit, completed.value) == (
        "办结件", "count", "件", 243986)
    share = meta.figure("online_share")
    assert (share.kind, share.unit, share.display) == ("rate", "%", "42.55%")
    assert [f.key for f in meta.headline] == [k for k in HEADLINE_KEYS if meta.figure(k)]
    assert meta.distribution.issue_to
    raw = json.loads((executed / "meta.json").read_text(encoding="utf-8"))
    assert raw["distribution"]["发"]  # the typst 版记 reads the Chinese keys
    for name in meta.downloads:
        assert (executed / name).stat().st_size > 0
