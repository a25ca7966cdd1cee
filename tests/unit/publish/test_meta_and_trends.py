"""meta.json through its one model (core.meta), and the site's trends drawn from it: a rate
in percent, a count in its unit, kinds never guessed from a label."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from bulletin.core.config import Distribution
from bulletin.core.definitions import FIGURES
from bulletin.core.errors import PublishError
from bulletin.core.meta import SCHEMA_VERSION, HeadlineFigure, MonthMeta, read_meta, write_meta
from bulletin.publish.notebook import read_report


def month_meta(month: str, applied: int, online_share: float) -> MonthMeta:
    figures = [
        HeadlineFigure.of(FIGURES["applied"], applied, str(applied)),
        HeadlineFigure.of(FIGURES["online_share"], online_share,
                          f"{int(online_share * 10000) / 100:.2f}%"),
        HeadlineFigure.of(FIGURES["active_evaluations"], 81480, "81480"),
    ]
    return MonthMeta(
        month=month, dataset="mini", profile_title="达州市一体化政务服务平台运行情况通报",
        title_lines=["达州市一体化政务服务平台运行", "情况通报"], authority="达州市政务服务管理局",
        issue_label=f"2021 年第 {int(month[5:])} 期", issue_date="2021 年 3 月 22 日",
        distribution=Distribution.model_validate({"报": ["省大数据中心；"], "发": ["各县（市、区）"]}),
        headline=figures, downloads=[])


def report_folder(reports: Path, meta: MonthMeta) -> Path:
    """reports/<dataset>/<month>/ with meta.json and a one-cell executed notebook."""
    folder = reports / meta.dataset / meta.month
    folder.mkdir(parents=True)
    write_meta(meta, folder)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("## 一、总体运行情况")])
    nbformat.write(nb, folder / "bulletin.ipynb")
    return folder


@pytest.fixture
def reports(tmp_path) -> Path:
    root = tmp_path / "reports"
    report_folder(root, month_meta("2021-01", 240000, 0.4012))
    report_folder(root, month_meta("2021-02", 249679, 0.42559045814826235))
    return root


def test_meta_round_trips_through_the_model(tmp_path):
    meta = month_meta("2021-02", 249679, 0.42559045814826235)
    path = write_meta(meta, tmp_path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["schema_version"] == SCHEMA_VERSION
    assert raw["distribution"]["报"] == ["省大数据中心；"]  # the typst 版记 reads these keys
    assert raw["headline"][1] == {"key": "online_share", "label": "线上申请占比", "kind": "rate",
                                  "unit": "%", "value": 0.42559045814826235, "display": "42.55%"}
    assert raw["headline"][0]["value"] == 249679 and isinstance(raw["headline"][0]["value"], int)
    back = read_meta(path)
    assert back == meta
    assert back.figure("online_share").plotted == pytest.approx(42.559, abs=1e-3)
    assert back.figure("applied").plotted == 249679
    assert back.figure("completed") is None


def test_trends_draw_rates_as_percentages_and_counts_in_their_unit(reports, tmp_path):
    from bulletin.publish.site.build import build_site, trend_spec
    from bulletin.publish.site.entries import collect

    entries = collect(reports)["mini"]
    spec = trend_spec(entries)
    rows = {(r["月份"], r["指标"]): r for r in spec["data"]["values"]}
    share = rows[("2021-02", "线上申请占比（%）")]
    assert share["数值"] == pytest.approx(42.56, abs=0.01)
    assert share["单位"] == "%" and share["显示"] == "42.55%"
    applied = rows[("2021-02", "申请件（件）")]
    assert applied["数值"] == 249679 and applied["单位"] == "件" and applied["显示"] == "249679 件"
    assert rows[("2021-02", "主动评价数（条）")]["单位"] == "条"
    views = spec["concat"]
    assert [v["title"] for v in views] == ["申请件（件）", "线上申请占比（%）", "主动评价数（条）"]
    assert all({"field": "显示", "title": "数值", "type": "nominal"} in v["encoding"]["tooltip"]
               for v in views)
    # counts from zero; the share over at least 10 points around its values
    scales = [v["encoding"]["y"]["scale"] for v in views]
    assert scales[0] == scales[2] == {"zero": True}
    assert scales[1]["domain"][1] - scales[1]["domain"][0] >= 10

    site = build_site(reports, tmp_path / "_site")
    trends = (site / "trends.html").read_text(encoding="utf-8")
    assert "线上申请占比（%）" in trends and "0.4255" not in trends
    index = (site / "index.html").read_text(encoding="utf-8")
    assert ('<th scope="col"><span class="header-phrase">线上申请</span><wbr>'
            '<span class="header-phrase">占比</span></th>') in index and "42.55%" in index and "40.12%" in index


def write_raw(folder: Path, data: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "meta.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def good_raw() -> dict:
    return month_meta("2021-02", 249679, 0.4256).model_dump(mode="json", by_alias=True)


def test_a_bad_headline_kind_is_a_publish_error_naming_file_and_key(tmp_path):
    raw = good_raw()
    raw["headline"][1]["kind"] = "percent"
    path = write_raw(tmp_path / "mini" / "2021-02", raw)
    with pytest.raises(PublishError, match=r"headline\[1\]\.kind") as err:
        read_report(path.parent, with_blocks=False)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(("change", "key"), [
    (lambda raw: raw.pop("issue_label"), "缺少键「issue_label」"),
    (lambda raw: raw.update(month="2021-13"), "「month」"),
    (lambda raw: raw["headline"][0].update(value=1.5), r"「headline\[0\]」"),
    (lambda raw: raw.update(colour="red"), "「colour」"),
    (lambda raw: raw.pop("schema_version"), "「schema_version」"),
])
def test_malformed_meta_names_the_key(tmp_path, change, key):
    raw = good_raw()
    change(raw)
    path = write_raw(tmp_path, raw)
    with pytest.raises(PublishError, match=key) as err:
        read_meta(path)
    assert str(path) in str(err.value)


def test_old_headline_dict_asks_to_publish_the_month_again(tmp_path):
    raw = good_raw()
    del raw["schema_version"]
    raw["headline"] = {"申请件": 249679, "线上申请占比": 0.4256}
    with pytest.raises(PublishError, match="重新发布"):
        read_meta(write_raw(tmp_path, raw))


def test_meta_that_is_not_json_is_named(tmp_path):
    (tmp_path / "meta.json").write_text("{", encoding="utf-8")
    with pytest.raises(PublishError, match="不是有效的 JSON"):
        read_meta(tmp_path / "meta.json")
