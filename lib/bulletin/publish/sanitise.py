"""Cleaning what a month's blocks hold before it is published.

The bulletin's text carries strings nobody checked as HTML: the analyst's notes, unit names
from units.csv, strings of dataset.yml. Whatever markup they hold must never run in the
site (script, event handlers, javascript: links, CSS that loads URLs, meta refresh …) nor
reach the PDF's layout. Tables are written from their cells, every string escaped as it is
written (``publish.gt_html``, ``publish.blocks``); the rest goes through one of these:

Markup outside the allow-list is shown as text, as typed (escaped), so the words around
it stay; markup inside it is cleaned by nh3 (attributes, URLs and styles filtered).

* ``clean_markdown_html``: rendered Markdown — headings, paragraphs, emphasis, lists,
  tables, quotes, ``div``/``span`` with the bulletin's own classes (``centered``, ``annex-list``, ``addressees``, ``signature``,
  ``attached-note``), ``br``,
  links (``safe_href``); no ids (they could clobber the page's own), no images (they
  would be fetched), no styles beyond text alignment.

Links: only ``http://`` / ``https://`` addresses and the files the tool publishes beside a
month's page (``附件1_….xlsx``, ``.csv``, ``bulletin.pdf``, ``bulletin.docx``) stay links.
Any other — protocol-relative ``//host/share``, a UNC path (two backslashes, host, share), ``file:``,
``javascript:``, ``data:``, ``mailto:``, a relative page or folder — is shown as the text
that was typed (``[文字](//host/share)``), in the site, the PDF and the Word file alike:
on an office PC a click on a network address sends the user's Windows credentials there.
* ``clean_svg``: a chart's SVG rebuilt element by element from an allow-list (vl-convert's
  shapes and text); scripts, event handlers, links, foreign content and animation are gone.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import unquote

import nh3

from bulletin.core.errors import PublishError

# Elements whose content is removed with them (never shown as text).
DROPPED_WITH_CONTENT = {"script", "style", "template", "noscript", "iframe", "object", "embed",
                        "textarea", "title", "svg", "math", "xmp", "noembed", "noframes",
                        "select", "option"}

TABLE_TAGS = {"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td"}

TEXT_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "strong", "b", "em", "i", "u",
             "s", "del", "ins", "sub", "sup", "small", "mark", "code", "pre", "kbd", "blockquote",
             "ul", "ol", "li", "dl", "dt", "dd", "a", "div", "span"}

# CSS properties an inline style may set: none of them can load a URL or cover the page.
STYLE_PROPERTIES = {
    "color", "background-color", "font-weight", "font-style", "font-size", "font-family",
    "font-variant", "text-align", "vertical-align", "text-decoration", "text-transform",
    "text-indent", "white-space", "line-height", "letter-spacing", "word-break",
    "overflow-wrap", "width", "min-width", "max-width", "height", "overflow-x", "overflow-y",
    "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
    "margin", "margin-top", "margin-right", "margin-bottom", "margin-left",
    "border", "border-top", "border-right", "border-bottom", "border-left",
    "border-color", "border-style", "border-width", "border-collapse", "border-spacing",
    *(f"border-{side}-{part}" for side in ("top", "right", "bottom", "left")
      for part in ("color", "style", "width")),
}

_MARKDOWN_ATTRIBUTES = {
    "a": {"href", "title"}, "ol": {"start"}, "div": {"class"}, "span": {"class"}, "p": {"class"},
    "th": {"style", "colspan", "rowspan", "align"}, "td": {"style", "colspan", "rowspan", "align"},
}

# The classes the bulletin's Markdown uses (report sections).
MARKDOWN_CLASSES = {"centered", "annex-list", "addressees", "signature", "attached-note"}
# An id a chart's SVG may keep: no hyphen, so never one of the page's own ids (spec-1,
# trend-spec-…) that charts.js looks up.
_SAFE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,63}")


# A web address with a host; a file the tool publishes beside a month's page.
_WEB = re.compile(r"https?://[^\s/\\]", re.IGNORECASE)
_OWN_FILE = re.compile(r"[^/\\:?#.\s][^/\\:?#]*\.(?:xlsx|csv|pdf|docx)", re.IGNORECASE)


def safe_href(value: str) -> bool:
    """Whether a link to ``value`` may stay a link (see the module's notes)."""
    value = unquote(html.unescape(value)).strip()
    return bool(_WEB.match(value) or _OWN_FILE.fullmatch(value))


# A link as the Markdown renderer writes it.
_RENDERED_LINK = re.compile(r'<a href="([^"]*)"(?: title="[^"]*")?>(.*?)</a>', re.DOTALL)


def _links_as_typed(text: str) -> str:
    """Each rendered link whose address may not stay a link, as it was typed: 「[文字](地址)」,
    「<地址>」 for an address typed as a link of its own."""
    def typed(m: re.Match) -> str:
        href = unquote(html.unescape(m.group(1)))
        if safe_href(href):
            return m.group(0)
        shown = html.escape(href, quote=False)
        if html.unescape(re.sub(r"<[^>]*>", "", m.group(2))) == href:
            return f"&lt;{shown}&gt;"
        return f"[{m.group(2)}]({shown})"

    return _RENDERED_LINK.sub(typed, text)


def _markdown_filter(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if safe_href(value) else None
    if attribute == "class":
        return " ".join(c for c in value.split() if c in MARKDOWN_CLASSES) or None
    return value


# A tag as typed: "<name …>" or "</name>". Used only to decide what is shown as text;
# nh3 parses and cleans whatever is left, so a tag this misreads is still cleaned.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)([^>]*)>")


def _show_as_text(text: str, tags: set[str]) -> str:
    """Markup outside the allow-list escaped, so that it reads as typed
    (「<details open ontoggle=…>」) instead of vanishing, or swallowing the text after it."""
    return _TAG.sub(lambda m: m.group(0) if m.group(2).lower() in tags
                    else html.escape(m.group(0), quote=False), text)


def _clean(text: str, tags: set[str], attributes: dict, attribute_filter) -> str:
    text = _show_as_text(text, tags)
    return nh3.clean(text, tags=tags, clean_content_tags=DROPPED_WITH_CONTENT,
                     attributes=attributes, attribute_filter=attribute_filter,
                     url_schemes={"http", "https"}, filter_style_properties=STYLE_PROPERTIES,
                     strip_comments=True, link_rel="noopener noreferrer")


def clean_markdown_html(text: str) -> str:
    """Rendered Markdown reduced to the bulletin's allow-list (see the module's notes)."""
    return _clean(_links_as_typed(text), TEXT_TAGS | TABLE_TAGS, _MARKDOWN_ATTRIBUTES,
                  _markdown_filter)


# ------------------------------------------------------------------------------ SVG

SVG_NS = "http://www.w3.org/2000/svg"
XML_NS = "http://www.w3.org/XML/1998/namespace"

SVG_TAGS = {"svg", "g", "path", "rect", "line", "text", "tspan", "circle", "ellipse", "polyline",
            "polygon", "defs", "clipPath", "linearGradient", "radialGradient", "stop", "desc"}

# Links are unwrapped: their text stays, the link goes.
SVG_UNWRAPPED = {"a"}

SVG_ATTRIBUTES = {
    "width", "height", "viewBox", "version", "preserveAspectRatio", "x", "y", "x1", "y1", "x2",
    "y2", "cx", "cy", "r", "rx", "ry", "dx", "dy", "d", "points", "transform", "fill",
    "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset", "opacity",
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "text-anchor",
    "dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing",
    "text-decoration", "pointer-events", "display", "visibility", "clip-path", "clip-rule",
    "mask", "id", "class", "role", "aria-label", "aria-hidden", "aria-roledescription",
    "offset", "stop-color", "stop-opacity", "gradientUnits", "gradientTransform",
    "clipPathUnits", "shape-rendering", "text-rendering", "paint-order", "style",
}

# A value may point inside the SVG (url(#clip1)), never outside it or at script.
_SVG_VALUE_UNSAFE = re.compile(r"url\s*\(\s*['\"]?\s*[^#'\"\s]|javascript|vbscript|expression"
                               r"|@import|[<>\\]", re.IGNORECASE)


def _local(name: str) -> tuple[str | None, str]:
    if name.startswith("{"):
        ns, _, local = name[1:].partition("}")
        return ns, local
    return None, name


def _svg_attributes(element: ET.Element) -> str:
    out = []
    for name, value in element.attrib.items():
        ns, local = _local(name)
        if ns == XML_NS and local == "space":
            out.append(f' xml:space="{html.escape(value)}"')
        elif local == "id" and not (ns is None and _SAFE_ID.fullmatch(value)):
            continue
        elif ns is None and local in SVG_ATTRIBUTES and not _SVG_VALUE_UNSAFE.search(value):
            out.append(f' {local}="{html.escape(value)}"')
    return "".join(out)


def _svg_element(element: ET.Element, out: list[str], root: bool = False) -> None:
    ns, local = _local(element.tag)
    if ns not in (SVG_NS, None):
        return  # foreign content (XHTML in foreignObject …)
    if local in SVG_UNWRAPPED:
        _svg_children(element, out)
        return
    if local not in SVG_TAGS:
        return  # script, style, foreignObject, use, image, animate, set …: gone with content
    xmlns = f' xmlns="{SVG_NS}"' if root else ""
    out.append(f"<{local}{xmlns}{_svg_attributes(element)}>")
    _svg_children(element, out)
    out.append(f"</{local}>")


def _svg_children(element: ET.Element, out: list[str]) -> None:
    if element.text:
        out.append(html.escape(element.text, quote=False))
    for child in element:
        _svg_element(child, out)
        if child.tail:
            out.append(html.escape(child.tail, quote=False))


def clean_svg(svg: str) -> str:
    """A chart's SVG rebuilt from the allow-list; a PublishError when it is not SVG."""
    try:
        root = ET.fromstring(svg.strip())
    except ET.ParseError as error:
        raise PublishError(f"图表的 SVG 无法解析（{error}），不予发布") from error
    if _local(root.tag)[1] != "svg":
        raise PublishError(f"图表输出不是 SVG（根元素 {_local(root.tag)[1]}），不予发布")
    out: list[str] = []
    _svg_element(root, out, root=True)
    return "".join(out)
