"""The Word file of a month (bulletin.docx): pandoc's docx, then the 公文 styles, page
sections, 版头 and 版记, and the tables' borders and widths."""

from bulletin.publish.word.document import DOCX_NAME, make_docx

__all__ = ["DOCX_NAME", "make_docx"]
