"""The analyst's review of a month as a page of its own: ``review.html`` beside
``review.md`` in the month folder (reports/<dataset>/<YYYY-MM>/), never in the site.

The readers' site holds only what readers may see; whoever copies or hosts it publishes
nothing of the review. The page is the site's look with its style sheet inlined, so it
opens from the month folder on disk, and links only to the month's PDF beside it.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from bulletin.core.meta import META_NAME, read_meta
from bulletin.publish.notebook import PDF_NAME, markdown_html
from bulletin.publish.site.base import TEMPLATES, template_env

REVIEW_PAGE = "review.html"


def write_review_page(folder: Path, losses: list[str] = (), losses_heading: str = "") \
        -> Path | None:
    """review.md of the month ``folder`` rendered as review.html beside it (None when the
    notebook wrote no review). ``losses``: data losses not accepted, shown first under
    ``losses_heading`` as an alert (``bulletin preview``'s draft)."""
    from bulletin.report.sections.review import REVIEW_NAME  # the report layer: when used

    folder = Path(folder)
    source = folder / REVIEW_NAME
    if not source.is_file():
        return None
    meta = read_meta(folder / META_NAME)
    css = (TEMPLATES / "assets" / "style.css").read_text(encoding="utf-8")
    html = template_env().get_template(REVIEW_PAGE).render(
        title=meta.title, issue_label=meta.issue_label, css=Markup(css),
        pdf=PDF_NAME if (folder / PDF_NAME).is_file() else None,
        losses=list(losses), losses_heading=losses_heading,
        html=Markup(markdown_html(source.read_text(encoding="utf-8"))))
    page = folder / REVIEW_PAGE
    page.write_text(html, encoding="utf-8")
    return page


__all__ = ["REVIEW_PAGE", "write_review_page"]
