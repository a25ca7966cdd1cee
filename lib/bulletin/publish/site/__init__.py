"""The static site of a dataset (index, month pages, unit pages, trends) and the analyst's
review page beside each month's reports."""

from bulletin.publish.site.build import build_site, old_layout
from bulletin.publish.site.review_page import REVIEW_PAGE, write_review_page

__all__ = ["REVIEW_PAGE", "build_site", "old_layout", "write_review_page"]
