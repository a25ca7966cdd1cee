"""The synthetic dataset: deterministic, the committed copy is what the documented command
makes, and ingesting it (clean or with bad cells injected) accounts for every row."""

from __future__ import annotations

import functools
import hashlib
import tempfile
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bulletin.facts.build import case_facts
from bulletin.ingest.dataset import Dataset, Ingestion
from bulletin.ingest.encoding import decode_csv
from bulletin.ingest.schema import CASES
from bulletin.ingest.validate import load_validated
from bulletin.synth import generate
from support.paths import DATA
from support.properties import examples

SYNTHETIC = DATA / "synthetic"
# The command documented in data/README.md.
COMMITTED = {"first": "2020-10", "last": "2021-04", "scale": 0.02, "seed": 7}
PERSONAL = ("申请人姓名", "身份证号", "联系电话")


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def content(path: Path) -> pl.DataFrame | bytes:
    """A file's data, independent of writer metadata (Parquet/XLSX) where that matters."""
    if path.suffix == ".parquet":
        return pl.read_parquet(path)
    if path.suffix == ".xlsx":
        return pl.read_excel(path, engine="calamine", infer_schema_length=0)
    return path.read_bytes()


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    args = {"first": "2020-12", "last": "2021-03", "scale": 0.002}
    generate(tmp_path / "a", seed=3, **args)
    generate(tmp_path / "b", seed=3, **args)
    generate(tmp_path / "c", seed=4, **args)
    a, b, c = (digest(tmp_path / x) for x in "abc")
    assert a == b
    assert sorted(a) == sorted(c) and a != c
    # Every reader format is exercised.
    assert {Path(k).suffix for k in a if k.startswith("cases")} == {".parquet", ".csv", ".xlsx"}


@functools.cache
def regenerated() -> Path:
    out = Path(tempfile.mkdtemp(prefix="synthetic-")) / "synthetic"
    generate(out, **COMMITTED)
    return out


def test_committed_copy_is_what_the_documented_command_makes():
    fresh = regenerated()
    committed_files = sorted(digest(SYNTHETIC))
    assert committed_files == sorted(digest(fresh))
    for rel in committed_files:
        old, new = content(SYNTHETIC / rel), content(fresh / rel)
        if isinstance(old, pl.DataFrame):
            assert old.equals(new), rel
        else:
            assert old == new, rel


def test_committed_copy_is_small():
    size = sum(p.stat().st_size for p in SYNTHETIC.rglob("*") if p.is_file())
    assert size < 8 * 2**20


@functools.cache
def committed_facts() -> tuple[pl.DataFrame, Ingestion]:
    ingestion = Ingestion()
    table = case_facts(Dataset.open(SYNTHETIC), "2020-10", "2021-04", ingestion)
    return table, ingestion


def test_ingest_of_synthetic_conserves_rows():
    table, ingestion = committed_facts()
    assert len(ingestion.files) == 8  # 7 case files + evaluations
    for f in ingestion.files:
        rows = content(f.path)
        expected = rows.height if isinstance(rows, pl.DataFrame) else \
            len(decode_csv(f.path).splitlines()) - 1
        assert f.read == expected == f.used + f.quarantined, f.path
        assert f.quarantined == 0, f.path
    cases = sum(f.read for f in ingestion.files if "cases" in f.path.parts)
    assert table["applied"].sum() == cases
    assert table.height == 7 * 49


def test_synthetic_shape():
    table, _ = committed_facts()
    month = table.group_by("month").agg(pl.exclude("unit").sum()).sort("month")
    by = dict(zip(month["month"], month.iter_rows(named=True)))
    # About 5,000 a month at scale 0.02; the Spring Festival month dips below its neighbours.
    assert all(4000 < r["applied"] < 6500 for r in by.values())
    assert by["2021-02"]["applied"] < min(by["2021-01"]["applied"], by["2021-03"]["applied"])
    total = month.sum()
    assert 0.38 < total["online_applied"][0] / total["applied"][0] < 0.46
    assert 0.25 < total["active_evaluations"][0] / total["completed"][0] < 0.40
    assert 0 < total["completed_overdue"][0] < 0.05 * total["completed"][0]
    assert 0 < total["bad_evaluations"][0] <= 0.005 * total["evaluations"][0]
    assert total["bad_rectified"][0] >= 0.5 * total["bad_evaluations"][0]
    # Some cases applied in the window are still open at its end.
    assert total["completed"][0] < total["applied"][0]


def test_personal_data_never_leaves_the_readers():
    ds = Dataset.open(SYNTHETIC)
    _, ingestion = committed_facts()
    for f in ingestion.files:
        if "cases" in f.path.parts:
            assert sorted(f.dropped_personal) == sorted(PERSONAL)
    sample = pl.read_parquet(SYNTHETIC / "cases" / "2021-02.parquet", n_rows=50)
    secrets = set(sample.select(PERSONAL).to_numpy().ravel().tolist())
    validated, _ = load_validated(ds.case_files, CASES, ds.registry.unit_map)
    frame = validated.frame.collect()
    assert not set(frame.columns) & set(PERSONAL)
    for column in frame.select(pl.col(pl.String)).columns:
        assert not secrets & set(frame[column].to_list()), column
    table, _ = committed_facts()
    assert not secrets & {str(v) for v in table.to_numpy().ravel()}


# --- bad cells injected into a small generated CSV -------------------------------------

COLUMNS = ("办件编号", "办理单位", "事项编码", "申请时间", "受理时间", "办结时间", "法定时限",
           "承诺时限", "申请方式")
REQUIRED = {"办件编号", "办理单位", "申请时间", "承诺时限", "申请方式"}
BAD_VALUES = ("", "  ", "abc", "-1", "1.5", "五", "2021-02-30 25:00:00", "未知单位")


@functools.cache
def small_cases() -> pl.DataFrame:
    out = Path(tempfile.mkdtemp(prefix="synthetic-small-")) / "ds"
    generate(out, "2021-02", "2021-02", scale=0.0004, seed=11)
    frame = pl.read_parquet(out / "cases" / "2021-02.parquet")
    return frame.with_columns(pl.col(pl.Datetime).dt.strftime("%Y-%m-%d %H:%M:%S")) \
        .cast(pl.String)


injection = st.tuples(st.integers(0, 10**6), st.sampled_from(COLUMNS), st.sampled_from(BAD_VALUES))


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cells=st.lists(injection, max_size=12), duplicates=st.lists(st.integers(0, 10**6),
                                                                      max_size=3))
def test_ingestion_conserves_rows_with_bad_cells(cells, duplicates):
    base = small_cases()
    n = base.height
    rows = base.rows(named=True)
    final: dict[tuple[int, str], str] = {}  # a later injection into a cell replaces the earlier
    for i, column, value in cells:
        rows[i % n][column] = value
        final[i % n, column] = value
    surely_bad = {row for (row, column), value in final.items()
                  if column in REQUIRED and (column != "办件编号" or not value.strip())}
    # any other text is a valid case id
    for i in duplicates:
        j = i % n
        if j > 0:  # the later of two equal case ids is the duplicate
            rows[j]["办件编号"] = rows[j - 1]["办件编号"]
    frame = pl.DataFrame(rows, schema=base.schema)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "cases").mkdir()
        (folder / "units.csv").write_bytes((SYNTHETIC / "units.csv").read_bytes())
        frame.write_csv(folder / "cases" / "2021-02.csv")
        ingestion = Ingestion()
        table = case_facts(Dataset.open(folder), "2021-01", "2021-03", ingestion)
    (f,) = ingestion.files
    assert f.read == n == f.used + f.quarantined
    assert f.quarantined >= len(surely_bad)
    assert len({p.row for p in ingestion.problems}) == f.quarantined
    # Every used row is counted exactly once in the facts.
    assert table["applied"].sum() == f.used


@pytest.mark.parametrize("kind", ["cases", "evaluations"])
def test_single_parquet_mode(tmp_path, kind):
    generate(tmp_path / "d", "2021-01", "2021-02", scale=0.001, seed=1, single_parquet=True,
             personal=False)
    files = sorted(p.name for p in (tmp_path / "d" / kind).iterdir())
    assert files == ([f"{kind}.parquet"])
    if kind == "cases":
        schema = pl.read_parquet_schema(tmp_path / "d" / "cases" / "cases.parquet")
        assert not set(schema) & set(PERSONAL)


def test_one_pass_cube_gives_the_same_facts_as_separate_aggregations(tmp_path):
    """Dataset.case_facts (one validated pass into a cube) = the three plain aggregations of
    facts.case_facts / evaluation_facts over the good rows, also with bad rows present."""
    import shutil

    from bulletin.facts.build import check_elapsed
    from bulletin.ingest.schema import EVALUATIONS
    from support import oracle as F

    folder = tmp_path / "ds"
    shutil.copytree(SYNTHETIC, folder)
    csv = folder / "cases" / "2020-12.csv"
    frame = pl.read_csv(csv, infer_schema=False, encoding="utf8")
    rows = frame.rows(named=True)
    for i, (column, value) in enumerate([("办理单位", "未知单位"), ("申请方式", " 网办 "),
                                         ("受理时间", "abc"), ("办件编号", ""),
                                         ("承诺时限", "-1"), ("办理单位", " 市人社局")]):
        rows[10 + 7 * i][column] = value
    rows[100]["办件编号"] = rows[99]["办件编号"]
    pl.DataFrame(rows, schema=frame.schema).write_csv(csv, include_bom=True)
    ds = Dataset.open(folder)
    first, last = "2020-11", "2021-03"
    ingestion = Ingestion()
    new = case_facts(ds, first, last, ingestion)
    assert 0 < ingestion.quarantined < 10

    k0, k1 = F.key_of(first), F.key_of(last)
    start, end = F.month_bounds(first, last)
    parts = []
    for paths, schema in ((ds.case_files, CASES), (ds.evaluation_files, EVALUATIONS)):
        validated, _ = load_validated(paths, schema, ds.registry.unit_map)
        good = validated.frame.filter(~pl.col("__bad__"))
        queries = (F.case_facts(good, ds.calendar(start, end), k0, k1) if schema is CASES
                   else [F.evaluation_facts(good, k0, k1)])
        parts += [check_elapsed(r, start) for r in pl.collect_all(queries)]
    old = F.assemble(parts, ds.registry, k0, k1)
    assert new.equals(old)


def settled_equals_exact(validated) -> None:
    """Validated.lean, its mapped columns settled row by row, is the exact frame: the same
    typed columns and the same __bad__ (which in lean leaves out the mapped columns' rules)."""
    exact = validated.frame.collect()
    lean = validated.lean.collect()
    settled = validated.settle(lean)
    shared = [c for c in exact.columns if not c.startswith("__e_")]
    assert settled.select(shared).equals(exact.select(shared))
    flags = [c for c in exact.columns if c.startswith("__e_")]
    mapped = [r.flag for r in validated.rules if r.column in ("unit", "channel", "level", "kind")]
    others = exact.select(pl.any_horizontal([f for f in flags if f[4:] not in mapped]))
    assert lean["__bad__"].equals(others.to_series().alias("__bad__"))


def test_lean_rows_settled_equal_the_exact_frame(tmp_path):
    """The facts group rows by the text of their unit, channel, level and kind cells and map
    the distinct texts afterwards (Validated.settle): row for row the same values and bad
    rows as mapping every cell, for clean files and for padded, unknown and blank cells."""
    import shutil

    from bulletin.ingest.schema import EVALUATIONS

    folder = tmp_path / "ds"
    shutil.copytree(SYNTHETIC, folder)
    ds = Dataset.open(folder)
    validated, _ = load_validated(ds.case_files, CASES, ds.registry.unit_map)
    settled_equals_exact(validated)
    assert not validated.frame.select(pl.col("__bad__").any()).collect().item()

    csv = folder / "cases" / "2020-12.csv"
    frame = pl.read_csv(csv, infer_schema=False, encoding="utf8")
    rows = frame.rows(named=True)
    rows[3]["申请方式"], rows[5]["办理单位"], rows[8]["办理单位"] = " 网办 ", " 市人社局", "未知单位"
    rows[9]["申请方式"], rows[10]["办理单位"], rows[11]["申请方式"] = " ", None, "Online"
    pl.DataFrame(rows, schema=frame.schema).write_csv(csv, include_bom=True)
    validated, _ = load_validated(ds.case_files, CASES, ds.registry.unit_map)
    settled_equals_exact(validated)
    exact = validated.frame.filter(pl.col("__bad__")).collect()
    # the padded 网办 and 市人社局 map; 未知单位, the blank and missing cells, Online do not
    assert exact.height == 4
    assert exact.select(pl.col("__e_unit_unknown").sum(), pl.col("__e_unit_missing").sum(),
                        pl.col("__e_channel_missing").sum(), pl.col("__e_channel_bad").sum()
                        ).row(0) == (1, 1, 1, 1)

    path = ds.evaluation_files[0]  # a Parquet file
    frame = pl.read_parquet(path)
    rows = frame.rows(named=True)
    rows[0]["评价等级"], rows[1]["评价方式"], rows[2]["评价等级"] = " 不满意", "其他", ""
    pl.DataFrame(rows, schema=frame.schema).write_parquet(path)
    validated, _ = load_validated(ds.evaluation_files, EVALUATIONS, ds.registry.unit_map)
    settled_equals_exact(validated)
    assert validated.frame.filter(pl.col("__bad__")).collect().height == 2

def test_a_rule_of_a_mapped_column_reading_another_column_is_refused():
    """settle checks the rules of unit, channel, level and kind on the distinct texts of
    their cells: a rule that also read another column could not be checked there."""
    import polars as pl

    from bulletin.ingest.rules import Rule, case_rules, raw
    from bulletin.ingest.validate import unmapped_rules

    rules = case_rules()
    assert {r.column for r in unmapped_rules(rules)} & {"unit", "channel"} == set()
    assert len(unmapped_rules(rules)) == len(rules) - 4  # unit and channel: missing, unknown
    own = Rule("unit_blank", "unit", "…", ~pl.col(raw("unit")) | pl.col("unit").is_null())
    assert unmapped_rules([own]) == []  # its own column and flag: checked on the texts
    for rule in (Rule("unit_late", "unit", "…", pl.col("unit").is_null()
                      & pl.col("applied_at").is_null()),
                 Rule("applied_late", "applied_at", "…", pl.col("channel").is_null())):
        with pytest.raises(ValueError, match=rule.flag):
            unmapped_rules([rule])
