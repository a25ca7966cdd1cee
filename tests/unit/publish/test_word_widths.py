"""Column widths of the Word file's tables leave room for the widest face a number may be
shown in: the 公文 faces (half-width digits), the open Noto faces (digits 0.557 em) or what
LibreOffice puts in their place without them — DejaVu Sans, bold in a 合计 row, whose
advances (DejaVuSans-Bold.ttf, units of 2048) are 1425 for a digit, 778 for 「.」 and 2052
for 「%」. A table as wide as seed 003's 附件1 (nine columns, six of 「100.00%」) at 10.5 pt
fits its numbers unbroken in 156 mm; the text columns give way first."""

from __future__ import annotations

from docx.oxml import parse_xml

from bulletin.publish.word.layout import TEXT_W, W
from bulletin.publish.word.tables import column_widths

HEADER = ["序号", "镇（街道）", "事项数", "认领率", "发布率", "办事指南准确率", "梳理完成率", "办件覆盖率",
          "主动评价率"]
ROWS = [["1", "石马河街道", "12", "100.00%", "100.00%", "100.00%", "100.00%", "90.00%", "100.00%"],
        ["", "合计", "5860", "100.00%", "100.00%", "100.00%", "100.00%", "84.11%", "95.19%"]]
MARGINS = 2 * 60  # twips: the cells' left and right margins (word.tables.format_table)


def bold_dejavu(text: str) -> float:
    """Twips of ``text`` in DejaVu Sans Bold at 10.5 pt."""
    units = sum(2052 if ch == "%" else 778 if ch == "." else 1425 for ch in text)
    return units / 2048 * 10.5 * 20


def table(rows: list[list[str]]):
    def row(cells: list[str], header: bool) -> str:
        head = "<w:trPr><w:tblHeader/></w:trPr>" if header else ""
        return f"<w:tr>{head}" + "".join(
            f"<w:tc><w:p><w:r><w:t>{c}</w:t></w:r></w:p></w:tc>" for c in cells) + "</w:tr>"

    grid = "".join("<w:gridCol/>" for _ in HEADER)
    return parse_xml(f"<w:tbl {W}><w:tblGrid>{grid}</w:tblGrid>{row(HEADER, True)}"
                     + "".join(row(r, False) for r in rows) + "</w:tbl>")


def test_every_number_fits_in_the_widest_face():
    widths = column_widths(table(ROWS), TEXT_W, em=210)
    assert sum(widths) <= TEXT_W
    for column in range(2, len(HEADER)):
        widest = max(bold_dejavu(r[column]) for r in ROWS)
        assert widths[column] >= widest + MARGINS, (HEADER[column], widths[column], widest)
    # the text columns gave way: the unit names are narrower than the numbers
    assert widths[1] < widths[3]


def test_a_table_with_room_keeps_its_one_line_widths():
    rows = [["1", "石马河街道", "12", "90.00%", "1.00", "3", "4", "5", "6"]]
    widths = column_widths(table(rows), TEXT_W, em=210)
    assert widths[1] >= 6 * 210  # 「石马河街道」 on one line (5 characters and the padding)
