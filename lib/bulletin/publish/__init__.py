"""Publishing months: executing the notebook (papermill), the PDF (pandoc + typst, or
Quarto), the Word file and the offline site, built beside their targets and swapped in
together; then a month's life — draft, issued, revised — its verification against the
inputs, and its preview while the analyst writes. The names below are its face: what the
command line uses.

Modules::

    runner      publish_many: execute, typeset, build the site, commit; the numbered steps
    render      a month executed by hand made into PDF, Word and site; rebuild sites
    staging     every month and the site built beside their targets (notebooks run ahead)
    demo        every sample dataset published, two at a time, then one site
    kernel      a month's notebook executed (papermill); the first kernel launched early
    issue       the final of a published draft
    revise      an issued month issued again from new data
    verify      a published month recomputed and compared figure by figure
    preview     the month's draft served on this machine, rebuilt on every save
    compare     what changed between two versions of a month
    frozen      an issued month is never written over
    preflight   the inputs checked before any notebook runs (loss gates)
    gates       the loss gates on render's hand route and in the preview
    notebook    a month's blocks read from meta.json; the output file names
    blocks      a table as pandoc reads it, from its cells; wide tables, captions
    gt_html     a table as great-tables draws it, from its cells (the site, Quarto)
    titles      every printed title broken between phrases (PDF, Word)
    sanitise    Markdown and a chart's SVG cleaned before they are published
    reports     the month folders a site is built from, and the ones it skips
    personal    the last scan for personal data before anything is published
    fs          folders replaced atomically and recoverably, one writer at a time
    pdf/        the PDF without Quarto: blocks → pandoc → typst
    word/       the Word file in 公文 format
    site/       the static site, the unit pages, trends, and the review page
    quarto/     the PDF through Quarto, when it is installed
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bulletin.core.faces import lazy

_EXPORTS = {
    "publish_many": "bulletin.publish.runner",
    "review_summary": "bulletin.publish.runner",
    "publish_demo": "bulletin.publish.demo",
    "EarlyKernel": "bulletin.publish.kernel",
    "PublishResult": "bulletin.publish.runner",
    "render_month": "bulletin.publish.render",
    "rebuild_sites": "bulletin.publish.render",
    "own_site": "bulletin.publish.render",
    "issue_month": "bulletin.publish.issue",
    "revise_month": "bulletin.publish.revise",
    "verify_month": "bulletin.publish.verify",
    "os_error_text": "bulletin.publish.fs",
    "serve": "bulletin.publish.preview",
    "NOTEBOOK_NAME": "bulletin.publish.notebook",
}
__all__ = [
    "NOTEBOOK_NAME",
    "EarlyKernel",
    "PublishResult",
    "issue_month",
    "os_error_text",
    "own_site",
    "publish_demo",
    "publish_many",
    "rebuild_sites",
    "render_month",
    "review_summary",
    "revise_month",
    "serve",
    "verify_month",
]

if TYPE_CHECKING:  # for readers and type checkers; at run time names load lazily
    from bulletin.publish.demo import publish_demo
    from bulletin.publish.fs import os_error_text
    from bulletin.publish.issue import issue_month
    from bulletin.publish.kernel import EarlyKernel
    from bulletin.publish.notebook import NOTEBOOK_NAME
    from bulletin.publish.preview import serve
    from bulletin.publish.render import own_site, rebuild_sites, render_month
    from bulletin.publish.revise import revise_month
    from bulletin.publish.runner import PublishResult, publish_many, review_summary
    from bulletin.publish.verify import verify_month

__getattr__, __dir__ = lazy(__name__, _EXPORTS)
