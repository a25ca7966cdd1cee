"""A site published month by month is, file for file and byte for byte, the site built from
scratch (``bulletin site --full``): the pages a publish did not touch are reused from the
site in place (site.reuse) — hard links to the very files — and every page whose inputs
changed is made again: the month published, its neighbours' 上一期 / 下一期 links, the unit
pages of its dataset, the index and trends pages, and every page when the site's title
changes. Months here are "executed" by hand (no kernel, typst or Word) with units, a table
naming them, a chart, a download, a PDF and a Word file; the site is the real one.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from rich.console import Console

from bulletin.core.config import Distribution
from bulletin.core.definitions import FIGURES
from bulletin.core.errors import PublishError
from bulletin.core.meta import (
    HeadlineFigure,
    MonthMeta,
    UnitCell,
    UnitFigures,
    UnitRow,
    unit_slug,
    write_meta,
)
from bulletin.publish import render, runner
from bulletin.publish.site import build as site_build
from bulletin.publish.site.reuse import MANIFEST
from support.executed import chart, markdown, table, write_notebook
from support.fake_publish import REPLACED
from support.mini_bulletin import TEMPLATE

UNITS = [("市公安局", "市级部门"), ("市民政局", "市级部门"), ("通川区", "县（市、区）")]


def unit_row(month: str, applied: int) -> UnitRow:
    return UnitRow(table=f"市级部门运行情况表（{month[:4]}年{int(month[5:])}月）", cells=[
        UnitCell(column="办件情况（件）/申请", kind="count", unit="件", display=str(applied),
                 value=float(applied)),
        UnitCell(column="按时办结率（%）", kind="rate", unit="%", display=f"{applied % 97}.5%",
                 value=applied % 97 + 0.5)])


def month_meta(dataset: str, month: str, version: int, title: str) -> MonthMeta:
    n = int(month[5:]) * 100 + version
    units = [UnitFigures(name=name, slug=unit_slug(name), level=level,
                         rows=[unit_row(month, n + i)] if level == "市级部门" else [])
             for i, (name, level) in enumerate(UNITS)]
    return MonthMeta(
        month=month, dataset=dataset, profile_title=title, title_lines=[title],
        authority="某市政务服务管理局", issue_label=f"{month[:4]} 年第 {int(month[5:])} 期",
        issue_date=f"{month[:4]} 年 {int(month[5:])} 月 5 日", distribution=Distribution(),
        headline=[HeadlineFigure.of(FIGURES["applied"], 1000 + n, str(1000 + n))],
        downloads=["附件1_市级部门运行情况表.csv"], units=units)


def write_month(folder: Path, meta: MonthMeta, version: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    title = f"市级部门运行情况表（{meta.month[:4]}年{int(meta.month[5:])}月）"
    blocks = [markdown(f"{meta.month} 的正文，第 {version} 版。"),
              table(title, ["单位", "序号"], [[name, str(i)] for i, (name, _) in enumerate(UNITS)]),
              chart('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                    '<rect width="10" height="10"/></svg>', {"mark": "point"})]
    write_meta(meta.model_copy(update={"blocks": blocks}), folder)
    write_notebook(folder, [blocks[0].markdown])
    (folder / meta.downloads[0]).write_text(f"单位,申请\n市公安局,{version}\n", encoding="utf-8")
    return folder


@pytest.fixture
def world(tmp_path, monkeypatch):
    """publish(dataset, months, site) with months executed by hand (version["n"] in their
    text), a fixed build time, and the folders."""
    for name in REPLACED:
        monkeypatch.setattr(runner, name, getattr(runner, name))  # restored after the test
    monkeypatch.setattr(site_build, "build_time", lambda: "2024-05-06 07:08")
    version = {"n": 1, "title": "某市运行情况通报"}

    def execute(dataset, month, folder, notebook):
        meta = month_meta(Path(dataset).name, month, version["n"], version["title"])
        return write_month(folder, meta, version["n"])

    def pdf(folder):
        (Path(folder) / "bulletin.pdf").write_bytes(f"%PDF version {version['n']}".encode())

    def docx(folder):
        with zipfile.ZipFile(Path(folder) / "bulletin.docx", "w") as z:
            z.writestr("word/document.xml", f"<w:document>{version['n']}</w:document>")

    monkeypatch.setattr(runner, "execute_month", execute)
    monkeypatch.setattr(runner, "check_inputs", lambda *args, **kwargs: {})
    monkeypatch.setattr(runner, "make_pdf", pdf)
    monkeypatch.setattr(runner, "make_docx", docx)

    def publish(dataset: str, months: list[str], site: Path | None = None):
        (tmp_path / dataset).mkdir(exist_ok=True)
        return runner.publish_many(
            tmp_path / dataset, months, reports=tmp_path / "reports",
            site=site or tmp_path / "_site" / dataset, notebook=TEMPLATE, use_quarto=False,
            console=Console(file=io.StringIO()), own_site=site is None)

    return tmp_path, publish, version


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def assert_as_full_rebuild(root: Path, site: Path, datasets: list[str]) -> None:
    """``site`` holds exactly the files, with exactly the bytes, of the site built from
    scratch from the same reports (``bulletin site --full`` into another folder)."""
    full = root / "full" / "_".join(datasets)
    render.rebuild_sites(root / "reports", datasets, full, full=True)
    built, expected = files(site), files(full)
    assert sorted(built) == sorted(expected)
    assert [name for name in expected if built[name] != expected[name]] == []


def inode(site: Path, name: str) -> int:
    return (site / name).stat().st_ino


def test_months_published_one_by_one_give_the_site_built_from_scratch(world):
    root, publish, _ = world
    site = root / "_site" / "city"
    publish("city", ["2021-01"])
    assert_as_full_rebuild(root, site, ["city"])
    publish("city", ["2021-02"])
    assert_as_full_rebuild(root, site, ["city"])
    january = {name: inode(site, name) for name in files(site) if name.startswith("2021-01/")}
    assert len(january) == 4  # the page, its PDF, Word file and download
    february_page = inode(site, "2021-02/index.html")
    units = inode(site, "units/index.html")
    publish("city", ["2021-03"])
    assert_as_full_rebuild(root, site, ["city"])
    # January is untouched by March: the same files, linked; February gained 下一期: made
    assert {name: inode(site, name) for name in january} == january
    assert inode(site, "2021-02/index.html") != february_page
    assert inode(site, "units/index.html") == units  # the list of units is the same
    page = (site / "2021-02/index.html").read_text("utf-8")
    assert "下一期：2021 年 3 月" in page and "上一期：2021 年 1 月" in page
    unit = (site / f"units/{unit_slug('市公安局')}.html").read_text("utf-8")
    assert "已发布 3 期通报" in unit  # the unit pages count every month: made again
    # its charts are drawn by the page's script from their spec (no static SVG)
    assert 'class="vega-chart"' in unit and 'class="chart-fallback"' in unit
    assert "<svg" not in unit


def test_a_month_published_out_of_order_remakes_its_neighbours_only(world):
    root, publish, _ = world
    site = root / "_site" / "city"
    publish("city", ["2021-01", "2021-02", "2021-05"])
    january = inode(site, "2021-01/index.html")
    publish("city", ["2021-03"])  # between February and May
    assert_as_full_rebuild(root, site, ["city"])
    assert inode(site, "2021-01/index.html") == january
    may = (site / "2021-05/index.html").read_text("utf-8")
    assert "上一期：2021 年 3 月" in may


def test_a_month_published_again_is_made_again_and_its_neighbours_are_reused(world):
    root, publish, version = world
    site = root / "_site" / "city"
    publish("city", ["2021-01", "2021-02", "2021-03"])
    before = {m: inode(site, f"{m}/index.html") for m in ("2021-01", "2021-02", "2021-03")}
    version["n"] = 2
    publish("city", ["2021-02"])
    assert_as_full_rebuild(root, site, ["city"])
    after = {m: inode(site, f"{m}/index.html") for m in before}
    assert after["2021-01"] == before["2021-01"] and after["2021-03"] == before["2021-03"]
    assert after["2021-02"] != before["2021-02"]
    assert "2021-02 的正文，第 2 版" in (site / "2021-02/index.html").read_text("utf-8")
    assert (site / "2021-02/bulletin.pdf").read_bytes() == b"%PDF version 2"


def test_a_new_title_remakes_every_page(world):
    root, publish, version = world
    site = root / "_site" / "city"
    publish("city", ["2021-01", "2021-02"])
    january = inode(site, "2021-01/index.html")
    version["title"] = "某市政务服务运行情况通报"  # the newest month names the site
    publish("city", ["2021-03"])
    assert_as_full_rebuild(root, site, ["city"])
    assert inode(site, "2021-01/index.html") != january
    header = (site / "2021-01/index.html").read_text("utf-8").split("</header>")[0]
    assert "某市政务服务运行情况通报" in re.sub(r"<[^>]*>", "", header)  # the masthead


def test_a_second_dataset_in_one_site(world):
    root, publish, _ = world
    shared = root / "_site" / "all"
    publish("city", ["2021-01", "2021-02"], site=shared)
    publish("county", ["2021-01"], site=shared)  # two datasets: the site's title changes
    assert_as_full_rebuild(root, shared, ["city", "county"])
    city = inode(shared, "city/2021-01/index.html")
    publish("county", ["2021-02"], site=shared)
    assert_as_full_rebuild(root, shared, ["city", "county"])
    assert inode(shared, "city/2021-01/index.html") == city  # the other dataset: untouched


def test_bulletin_site_never_drops_another_dataset_s_pages(world):
    """`bulletin site --dataset city --site <a site holding county too>` would rebuild it
    with city alone: refused, the site untouched; naming both, or none, rebuilds it."""
    root, publish, _ = world
    shared = root / "_site" / "all"
    publish("city", ["2021-01"], site=shared)
    publish("county", ["2021-01"], site=shared)
    before = files(shared)
    with pytest.raises(PublishError, match="现有数据集 county 的页面.*去掉 --dataset"):
        render.rebuild_sites(root / "reports", ["city"], shared)
    assert files(shared) == before
    render.rebuild_sites(root / "reports", ["city", "county"], shared)
    assert files(shared) == before
    render.rebuild_sites(root / "reports", None, shared)
    assert files(shared) == before


def test_a_page_changed_in_the_site_is_made_again_not_reused(world):
    root, publish, _ = world
    site = root / "_site" / "city"
    publish("city", ["2021-01", "2021-02"])
    page = site / "2021-01/index.html"
    page.write_text(page.read_text("utf-8").replace("</body>", "<script>x()</script></body>"),
                    encoding="utf-8")
    publish("city", ["2021-03"])
    assert "<script>x()</script>" not in page.read_text("utf-8")
    assert_as_full_rebuild(root, site, ["city"])


def test_bulletin_site_reuses_every_page_and_equals_the_full_rebuild(world):
    root, publish, _ = world
    site = root / "_site" / "city"
    publish("city", ["2021-01", "2021-02"])
    before = files(site)
    page = inode(site, "2021-01/index.html")
    render.rebuild_sites(root / "reports", ["city"], site)
    assert files(site) == before
    assert inode(site, "2021-01/index.html") == page
    assert_as_full_rebuild(root, site, ["city"])


def test_the_manifest_records_each_part_and_a_file_digest_without_runs_of_digits(world):
    root, publish, _ = world
    site = root / "_site" / "city"
    publish("city", ["2021-01", "2021-02"])
    manifest = json.loads((site / MANIFEST).read_text("utf-8"))
    parts = manifest["parts"]
    assert {"assets", "2021-01", "2021-02", "units/index",
            f"units/{unit_slug('市公安局')}"} <= set(parts)
    assert sorted(parts["2021-01"]["files"]) == [
        "2021-01/bulletin.docx", "2021-01/bulletin.pdf", "2021-01/index.html",
        "2021-01/附件1_市级部门运行情况表.csv"]
    digests = [d for part in parts.values() for d in [part["key"], *part["files"].values()]]
    assert all(set(d) <= set("abcdefghijklmnopqrstuvwxyz234567") for d in digests)


def month_scans(monkeypatch) -> list[str]:
    """The month folders ``bulletin site`` scans from now on (<dataset>/<month>)."""
    scanned: list[str] = []
    real = render.check_published

    def check(folder, *args, **kwargs):
        if not args and not kwargs:  # a month folder (the site's own scan has keywords)
            scanned.append(f"{Path(folder).parent.name}/{Path(folder).name}")
        return real(folder, *args, **kwargs)

    monkeypatch.setattr(render, "check_published", check)
    return scanned


def test_bulletin_site_scans_only_month_folders_changed_since_their_scan(world, monkeypatch):
    root, publish, _ = world
    site = root / "_site" / "city"
    publish("city", ["2021-01", "2021-02", "2021-03"])
    manifest = json.loads((site / MANIFEST).read_text("utf-8"))
    assert sorted(manifest["scanned"]) == ["city/2021-01", "city/2021-02", "city/2021-03"]
    scans = month_scans(monkeypatch)
    render.rebuild_sites(root / "reports", ["city"], site)
    assert scans == []  # each was scanned as it was published, and is unchanged
    review = root / "reports" / "city" / "2021-02" / "review.md"
    review.write_text("核查清单（分析人员改过）\n", encoding="utf-8")
    render.rebuild_sites(root / "reports", ["city"], site)
    assert scans == ["city/2021-02"]  # edited since: scanned again
    render.rebuild_sites(root / "reports", ["city"], site)
    assert scans == ["city/2021-02"]  # and recorded again
    render.rebuild_sites(root / "reports", ["city"], site, full=True)
    assert scans == ["city/2021-02", "city/2021-01", "city/2021-02", "city/2021-03"]
    assert_as_full_rebuild(root, site, ["city"])


def test_a_month_folder_edited_with_personal_data_is_refused_by_bulletin_site(world):
    root, publish, _ = world
    site = root / "_site" / "city"
    publish("city", ["2021-01", "2021-02"])
    before = files(site)
    review = root / "reports" / "city" / "2021-01" / "review.md"
    review.write_text("联系人电话 13812345678\n", encoding="utf-8")
    with pytest.raises(PublishError, match="个人信息"):
        render.rebuild_sites(root / "reports", ["city"], site)
    assert files(site) == before  # the site in place is untouched


def test_a_publish_records_only_what_it_scanned_or_what_is_unchanged(world):
    root, publish, _ = world
    site = root / "_site" / "city"
    publish("city", ["2021-01"])
    (root / "reports" / "city" / "2021-01" / "review.md").write_text("改过\n", encoding="utf-8")
    publish("city", ["2021-02"])  # does not scan January again: no longer recorded
    manifest = json.loads((site / MANIFEST).read_text("utf-8"))
    assert sorted(manifest["scanned"]) == ["city/2021-02"]
