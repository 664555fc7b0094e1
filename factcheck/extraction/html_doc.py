"""HTML to blocks and metadata: find the story in a news page and leave the clutter out.

lxml parses the page (``huge_tree``: markup nested up to 2048 levels); ``html_meta`` reads its
metadata and ``story`` picks the story's blocks. Only markup lxml cannot read (or nested beyond
the parser's limit) falls back to dropping the tags and reading what is left as plain text.
"""

from __future__ import annotations

import re
import warnings

from lxml import etree
from lxml import html as lxml_html

from .blocks import Block
from .html_meta import HtmlMeta, read_metadata
from .story import story_blocks

__all__ = ["HtmlMeta", "parse_html"]


def parse_html(text: str) -> tuple[list[Block], HtmlMeta]:
    root, truncated = _parse(text)
    if root is None:
        return _stripped_blocks(text), HtmlMeta()
    meta = read_metadata(root)
    blocks = story_blocks(root)
    if truncated or not blocks:
        # nothing readable came out of the tree (markup nested too deeply for the parser?)
        stripped = _stripped_blocks(text)
        if sum(len(b.plain()) for b in stripped) > sum(len(b.plain()) for b in blocks):
            blocks = stripped
    return blocks, meta


_RAW_OPEN_RE = re.compile(r"<(script|style|template|noscript)\b", re.IGNORECASE)


def _drop_raw_text_elements(text: str) -> str:
    """Remove <script>/<style>/... elements in one linear pass (an unclosed one ends the text)."""
    low = text.lower()
    out: list[str] = []
    pos = 0
    while True:
        m = _RAW_OPEN_RE.search(text, pos)
        if m is None:
            out.append(text[pos:])
            break
        out.append(text[pos : m.start()])
        close = low.find("</" + m.group(1).lower(), m.end())
        if close < 0:
            break
        gt = text.find(">", close)
        pos = len(text) if gt < 0 else gt + 1
    return " ".join(out)


_ANY_TAG_RE = re.compile(r"<[^<>]*>")  # linear: a match never runs past the next "<"
_BLOCK_TAG_RE = re.compile(
    r"<\s*/?\s*(?:p|div|br|h[1-6]|li|tr|section|article|blockquote|figure|figcaption)\b[^<>]*>",
    re.IGNORECASE,
)


def _stripped_blocks(text: str) -> list[Block]:
    """Last resort for markup lxml cannot read: drop the tags, keep the text, as plain text."""
    from html import unescape

    from .plain_doc import plain_blocks

    body = _drop_raw_text_elements(text) if "<" in text else text
    body = _BLOCK_TAG_RE.sub("\n\n", body)
    body = unescape(_ANY_TAG_RE.sub(" ", body))
    blocks = plain_blocks(body) if body.strip() else []
    for b in blocks:
        if b.kind == "heading":
            b.kind = "paragraph"
    return blocks


def _parse(text: str):
    """(root, truncated): truncated when the markup was nested beyond the parser's limit."""
    if not text.strip():
        return None, False
    # huge_tree lifts libxml2's nesting limit from 256 to 2048 levels; deeper markup is cut off
    # by the parser and then read by the tag-stripping fallback in parse_html.
    parser = lxml_html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=True
    )
    data = text.encode("utf-8", "replace")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            root = lxml_html.document_fromstring(data, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, False
    truncated = any("Excessive depth" in (e.message or "") for e in parser.error_log)
    return root, truncated
