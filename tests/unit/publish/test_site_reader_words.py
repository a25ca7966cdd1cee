"""Site pages hold readers' words: the publication's own title and its issues' dates — not
the dataset's folder name, nor the time the site was built (kept in a ``<meta>`` of the
index and trends pages for machines), nor how the charts are drawn. A site of one dataset
is that publication's; a site of several lists them at its root, each under its own title."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup

from bulletin.core.meta import META_NAME, read_meta, write_meta
from bulletin.publish.site.build import build_site
from support.executed import markdown, write_month

BUILT = "2026-12-06 10:00"


def words(path) -> str:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for hidden in soup(["script", "style", "svg", "head"]):
        hidden.decompose()
    return soup.get_text(" ", strip=True)


def test_one_publication_shows_no_folder_name_and_no_build_time(tmp_path):
    reports = tmp_path / "reports"
    write_month(reports, "2021-01", [markdown("一月正文")], dataset="seedx")
    write_month(reports, "2021-02", [markdown("二月正文")], dataset="seedx")
    site = build_site(reports, tmp_path / "site", built=BUILT)
    pages = sorted(site.rglob("*.html"))
    assert [p.relative_to(site).as_posix() for p in pages] == [
        "index.html", "seedx/2021-01/index.html", "seedx/2021-02/index.html", "trends.html"]
    for page in pages:
        text = words(page)
        assert "seedx" not in text and "数据集" not in text and "2026" not in text, page
        assert "Vega" not in text and "更新于" not in text, page
    for name in ("index.html", "trends.html"):
        assert f'<meta name="dcterms.modified" content="{BUILT}">' in (site / name).read_text(
            encoding="utf-8")
    # the issue dates a reader sees (support.executed: 印发 2021 年 N 月 5 日 …)
    index = words(site / "index.html")
    assert re.findall(r"\d{4} 年 \d{1,2} 月 \d{1,2} 日印发", index)


def test_several_publications_each_under_its_own_title(tmp_path):
    reports = tmp_path / "reports"
    write_month(reports, "2021-01", [markdown("甲的正文")], dataset="a")
    write_month(reports, "2021-02", [markdown("乙的正文")], dataset="b")
    site = build_site(reports, tmp_path / "site", built=BUILT)
    root = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a["href"] for a in root.select(".publication h2 a")] == ["a/index.html", "b/index.html"]
    assert not (site / "trends.html").exists()
    for name, month, other in (("a", "2021-01", "2021-02"), ("b", "2021-02", "2021-01")):
        for page in ("index.html", "trends.html", f"{month}/index.html"):
            text = (site / name / page).read_text(encoding="utf-8")
            assert other not in text, (name, page)  # never the other publication's months
            nav = BeautifulSoup(text, "html.parser").select(".site-nav a")
            hrefs = [a["href"] for a in nav]
            up = "../../" if "/" in page else "../"
            assert hrefs == [f"{up}index.html", f"{up}{name}/index.html",
                             f"{up}{name}/trends.html"], (name, page)
    # no unit lists any row: no units pages, no link to them
    assert not list(site.rglob("units"))
    assert "units/" not in (site / "a" / "index.html").read_text(encoding="utf-8")


MARK = "重庆市江北区政务服务管理办公室"  # seed 004's 发文机关标志 (its authority)
PROFILE = "重庆市江北区行政许可事项指标情况通报"  # its profile title, printed nowhere


def official(reports, month: str, dataset: str) -> None:
    """A month of a 公文 (seed 004's shape): the 发文机关标志 over the 发文字号."""
    folder = write_month(reports, month, [markdown("## 关于转发某文件的通知\n\n正文。")], dataset)
    meta = read_meta(folder / META_NAME).model_copy(update={
        "kind": "公文", "title_lines": [MARK], "profile_title": PROFILE,
        "issue_label": f"江北政务〔2021〕{40 + int(month[5:])}号", "authority": MARK})
    write_meta(meta, folder)


def test_a_document_is_named_on_the_site_as_its_first_page_names_it(tmp_path):
    reports = tmp_path / "reports"
    official(reports, "2021-09", "seed004")
    site = build_site(reports, tmp_path / "site", built=BUILT)
    for page in ("index.html", "trends.html", "seed004/2021-09/index.html"):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.select_one(".site-name").get_text() == MARK, page
        assert PROFILE not in soup.get_text(), page
    month = BeautifulSoup((site / "seed004/2021-09/index.html").read_text(encoding="utf-8"),
                          "html.parser")
    assert month.title.get_text() == f"{MARK}（江北政务〔2021〕49号）"
    assert [h.get_text() for h in BeautifulSoup((site / "index.html").read_text(
        encoding="utf-8"), "html.parser").select("main h2")] == [MARK]


def test_the_root_lists_a_document_by_its_mark_and_a_bulletin_by_its_name(tmp_path):
    reports = tmp_path / "reports"
    write_month(reports, "2021-01", [markdown("简报正文")], dataset="a")
    official(reports, "2021-09", "b")
    site = build_site(reports, tmp_path / "site", built=BUILT)
    root = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in root.select(".publication h2 a")] == [
        "达州市一体化政务服务平台运行情况通报", MARK]
    for name, title in (("a", "达州市一体化政务服务平台运行情况通报"), ("b", MARK)):
        page = BeautifulSoup((site / name / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
        assert page.select_one(".site-name").get_text() == title
