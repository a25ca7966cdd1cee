"""The PDF of a month without Quarto: the executed notebook's blocks → pandoc → typst."""

from bulletin.publish.pdf.typeset import (
    WARM_SVG,
    font_paths,
    make_pdf,
    typst_compiler,
    warm_typst,
)

__all__ = ["WARM_SVG", "font_paths", "make_pdf", "typst_compiler", "warm_typst"]
