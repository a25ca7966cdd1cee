"""The PDF of a month without Quarto: the executed notebook's blocks → pandoc → typst."""

from bulletin.publish.pdf.typeset import font_paths, make_pdf, typst_compiler

__all__ = ["font_paths", "make_pdf", "typst_compiler"]
