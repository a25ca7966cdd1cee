"""Readers get only what an office writes: no published file of any sample month — every
file of the site, and the PDF, Word file, downloads and pages of each month folder (the
analyst's review and the executed notebook aside) — says how the engine works (truncated
rates, rates above 100 %, negative values, totals not averaged) or that a month has no
data; and no chart is titled for a comparison it does not draw."""

from __future__ import annotations

import html
import json
import re
import subprocess
import zipfile
from pathlib import Path

# Sentences for the analyst (docs/definitions.md, the review), never for readers.
FORBIDDEN = ["无数据，本期不作", "截断", "可超过", "可为负", "不对比率取平均"]

# The month folder's files that are not the bulletin's: the analyst's and the machine's.
NOT_FOR_READERS = {"review.md", "review.html", "bulletin.ipynb", "meta.json",
                   "accepted_losses.json"}

BINARY = {".png", ".jpg", ".woff", ".woff2", ".ttf", ".otf", ".ico"}

# A title naming a comparison with an earlier month.
COMPARING = re.compile(r"对比|较上月|与上月|环比|同比")


def text_of(path: Path) -> str | None:
    """What a reader reads in ``path``, without whitespace (a phrase broken over two lines
    or two runs is still found); None for an image or a font."""
    suffix = path.suffix.lower()
    if suffix in BINARY:
        return None
    if suffix == ".pdf":
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                              check=True).stdout
    elif suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as z:
            xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
        text = html.unescape(re.sub(r"<[^>]+>", "", xml))
    else:
        text = html.unescape(path.read_bytes().decode("utf-8-sig", "replace"))
    return re.sub(r"\s+", "", text)


def reader_files(root: Path) -> list[Path]:
    site = [p for p in (root / "_site").rglob("*") if p.is_file()]
    months = [p for p in (root / "reports").glob("*/*/*")
              if p.is_file() and p.name not in NOT_FOR_READERS]
    return sorted(site + months)


def test_no_reader_file_speaks_of_method_or_missing_data(published_demo):
    files = reader_files(published_demo)
    kinds = {p.suffix for p in files}
    assert {".pdf", ".docx", ".xlsx", ".csv", ".html"} <= kinds  # every kind is looked at
    assert not any(p.name.startswith("review") for p in files)
    found = []
    for path in files:
        text = text_of(path)
        if text is not None:
            found += [(str(path.relative_to(published_demo)), w) for w in FORBIDDEN if w in text]
    assert found == []


def chart_specs(page: Path) -> list[dict]:
    """The vega-lite specs a site page embeds (<script type="application/json">)."""
    scripts = re.findall(r'<script type="application/json"[^>]*>(.*?)</script>',
                         page.read_text(encoding="utf-8"), flags=re.DOTALL)
    specs = [json.loads(s) for s in scripts]
    return [s for s in specs if isinstance(s, dict) and "$schema" in s]


def title(spec: dict) -> str:
    t = spec.get("title", "")
    return t.get("text", "") if isinstance(t, dict) else str(t)


def periods(spec: dict) -> set[str]:
    """The months (时期 or 月份) a spec's data holds."""
    rows = [r for values in spec.get("datasets", {}).values() for r in values]
    rows += spec.get("data", {}).get("values", []) if isinstance(spec.get("data"), dict) else []
    return {str(r[k]) for r in rows if isinstance(r, dict) for k in ("时期", "月份") if k in r}


def test_no_chart_is_titled_for_a_comparison_it_does_not_draw(published_demo):
    site = published_demo / "_site"
    charted = {}
    for page in site.rglob("*.html"):
        for spec in chart_specs(page):
            if COMPARING.search(title(spec)):
                assert len(periods(spec)) >= 2, (str(page.relative_to(site)), title(spec))
            charted.setdefault(page.parent.name, []).append(spec)
    # seed 000's February has no January: its three bar charts are titled 「…情况」, one month
    month = site / "seed000" / "2021-02" / "index.html"
    titles = [title(s) for s in chart_specs(month)]
    assert titles[:3] == ["图1. 全市办理政务服务事项情况", "图2. 市本级部门办理政务服务事项情况",
                          "图3. 县（市、区）办结政务服务事项情况"]
    # the synthetic sample's February has its January: compared, and drawn so
    compared = [s for s in chart_specs(site / "synthetic" / "2021-02" / "index.html")
                if COMPARING.search(title(s))]
    assert len(compared) == 3 and all(len(periods(s)) == 2 for s in compared)
    # the PDF and the Word file name no comparison for a month whose charts draw one month
    folder = published_demo / "reports" / "seed000" / "2021-02"
    for name in ("bulletin.pdf", "bulletin.docx"):
        text = text_of(folder / name)
        assert "图1.全市办理政务服务事项情况" in text and "与上月对比" not in text, name
