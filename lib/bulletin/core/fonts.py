"""Where the open CJK fonts are (Debian's fonts-noto-cjk), and their families: one list that
the charts (vl-convert), the site's static charts and the PDF (typst) all search.
"""

from __future__ import annotations

from pathlib import Path

SERIF = "Noto Serif CJK SC"  # for 小标宋 and 仿宋: title and body
SANS = "Noto Sans CJK SC"  # for 黑体: headings and charts

# Searched in this order; Debian's fonts-noto-cjk installs into the first.
FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto",
             "/usr/share/fonts/opentype", "/usr/local/share/fonts", "/usr/share/fonts")

NOTO_FILES = ("NotoSerifCJK-Regular.ttc", "NotoSansCJK-Regular.ttc")


def font_dirs() -> list[str]:
    """The folders of FONT_DIRS this machine has."""
    return [d for d in FONT_DIRS if Path(d).is_dir()]


def noto_dir() -> str | None:
    """The first folder holding the Noto CJK fonts, or None."""
    return next((d for d in font_dirs() if any(Path(d, n).exists() for n in NOTO_FILES)), None)
