"""The PDF of a month without Quarto: the executed notebook's blocks → pandoc → typst."""

from bulletin.publish.pdf.typeset import font_paths, make_pdf, typst_compiler, warm_typst

__all__ = ["font_paths", "make_pdf", "typst_compiler", "warm_typst"]
