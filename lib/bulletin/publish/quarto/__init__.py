"""The Quarto route, for users who have Quarto: the month's front matter, the project
check, and the PDF through Quarto's typst format (project); the month as the notebook
Quarto renders (cells)."""

from bulletin.publish.quarto.project import (
    check_quarto,
    front_matter,
    pdf_with_quarto,
    quarto_available,
)

__all__ = ["check_quarto", "front_matter", "pdf_with_quarto", "quarto_available"]
