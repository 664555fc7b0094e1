"""HTML to blocks and metadata: find the story in a news page and leave the clutter out.

The story container is found with lxml (``<article>``, ``itemprop=articleBody``, ``<main>``); when a
page has none, trafilatura picks the main content. Either way the text is walked iteratively (no
recursion, so deeply nested markup cannot exhaust the stack) into blocks whose link runs keep
their exact targets.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from .blocks import Block, Inline

BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "blockquote", "pre", "li", "ul", "ol",
    "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "table", "tr",
    "td", "th", "tbody", "thead", "caption", "address", "hr", "body", "html", "center",
}  # fmt: skip
DROP_TAGS = {
    "script", "style", "noscript", "template", "nav", "footer", "aside", "form", "button",
    "iframe", "svg", "select", "textarea", "input", "object", "embed", "canvas", "head", "title",
    "meta", "link", "img", "picture", "video", "audio", "source", "menu", "dialog",
}  # fmt: skip
_CLUTTER_RE = re.compile(
    r"cookie|consent|gdpr|banner|newsletter|subscri|promo|advert|\bads?\b|\bad-|share|social|"
    r"related|most-?read|popular|trending|recommend|comments?\b|breadcrumb|paywall|sidebar|"
    r"\bmenu\b|navigation|\bnav\b|footer|masthead|site-header|signup|sign-up|outbrain|taboola",
    re.IGNORECASE,
)
_CREDIT_CLASS_RE = re.compile(r"credit|copyright|source|author", re.IGNORECASE)
_TITLE_SPLIT_RE = re.compile(r"\s+[|\u2013\u2014-]\s+|\s+::\s+")


@dataclass
class HtmlMeta:
    title: str | None = None
    author: str | None = None
    published: str | None = None  # raw date string, parsed by documents.py
    url: str | None = None
    publisher: str | None = None


def parse_html(text: str) -> tuple[list[Block], HtmlMeta]:
    root, truncated = _parse(text)
    if root is None:
        return _stripped_blocks(text), HtmlMeta()
    meta = _metadata(root)
    container = _find_container(root)
    if container is None:
        blocks = _trafilatura_blocks(text)
        if blocks is None:
            body = root.find("body")
            container = body if body is not None else root
    if container is not None:
        blocks = _walk(container)
    if not meta.published:
        for t in container.iter("time") if container is not None else ():
            value = t.get("datetime") or (t.text or "")
            if value.strip():
                meta.published = value.strip()
                break
    assert blocks is not None  # trafilatura's, or else the walked container's
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


def _attr(el, name: str) -> str | None:
    value = el.get(name)
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _metadata(root) -> HtmlMeta:
    meta = HtmlMeta()
    props: dict[str, str] = {}
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        content = _attr(m, "content")
        if key and content and key not in props:
            props[key] = content[:2000]
    meta.title = props.get("og:title") or props.get("twitter:title") or props.get("title")
    if not meta.title:
        t = root.find(".//title")
        if t is not None and t.text:
            parts = _TITLE_SPLIT_RE.split(" ".join(t.text.split()))
            meta.title = parts[0] if parts and parts[0] else None
            if len(parts) > 1 and not props.get("og:site_name"):
                meta.publisher = parts[-1]
    meta.author = props.get("author") or props.get("article:author") or props.get("dc.creator")
    if meta.author and meta.author.startswith(("http://", "https://")):
        meta.author = None
    meta.published = (
        props.get("article:published_time")
        or props.get("datepublished")
        or props.get("date")
        or props.get("pubdate")
        or props.get("dc.date")
        or props.get("publish-date")
    )
    for link in root.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical" and link.get("href"):
            meta.url = link.get("href").strip()
            break
    if not meta.url:
        meta.url = props.get("og:url")
    meta.publisher = props.get("og:site_name") or meta.publisher
    if not meta.publisher:
        t = root.find(".//title")
        if t is not None and t.text:
            parts = _TITLE_SPLIT_RE.split(" ".join(t.text.split()))
            if len(parts) > 1:
                meta.publisher = parts[-1]
    return meta


def _text_len(el) -> int:
    try:
        return len("".join(el.itertext()))
    except (ValueError, TypeError):
        return 0


def _find_container(root):
    candidates = list(root.iter("article"))
    if not candidates:
        candidates = [el for el in root.iter() if (el.get("itemprop") or "") == "articleBody"]
    if not candidates:
        candidates = list(root.iter("main")) or [
            el for el in root.iter() if (el.get("role") or "") == "main"
        ]
    if not candidates:
        return None
    return max(candidates, key=_text_len)


def _is_clutter(el) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in DROP_TAGS:
        return True
    if tag in ("article", "main", "body", "html"):
        return False
    ident = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"))))
    if not ident:
        return False
    if el.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
        return True
    if (el.get("aria-hidden") or "") == "true":
        return True
    return bool(_CLUTTER_RE.search(ident)) and "byline" not in ident.lower()


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current: list[Inline] = []
        self.kind = "paragraph"
        self.level = 0
        self.credit: str | None = None
        self.links: list[str | None] = []
        self.strong = 0

    def flush(self) -> None:
        if self.current:
            block = Block(self.kind, self.current, level=self.level, credit=self.credit)
            if block.plain():
                self.blocks.append(block)
        self.current = []
        self.kind = "paragraph"
        self.level = 0
        self.credit = None

    def add(self, text: str | None) -> None:
        if text:
            in_link = bool(self.links)
            href = self.links[-1] if self.links else None
            self.current.append(Inline(text, is_link=in_link, href=href, strong=self.strong > 0))


def _walk(container) -> list[Block]:
    w = _Walker()
    skip_depth = 0  # >0 while inside a dropped element
    kinds: list[tuple[str, int]] = []
    for event, el in etree.iterwalk(container, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if skip_depth:
                skip_depth += 1
                continue
            if not tag or _is_clutter(el):
                skip_depth = 1
                continue
            if tag in BLOCK_TAGS:
                w.flush()
                if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    w.kind, w.level = "heading", int(tag[1])
                elif tag == "li":
                    w.kind = "item"
                elif tag in ("figcaption", "caption"):
                    w.kind = "caption"
                elif kinds and kinds[-1][0] in ("item", "caption", "heading"):
                    w.kind, w.level = kinds[-1]  # a <p> inside an <li> is still the list item
                kinds.append((w.kind, w.level))
            elif tag == "a":
                w.links.append(el.get("href"))
            elif tag in ("strong", "b"):
                w.strong += 1
            elif tag == "br":
                w.add(" ")
            if tag in ("td", "th", "dd", "dt"):
                w.add(" ")
            if w.kind == "caption" and _CREDIT_CLASS_RE.search(el.get("class") or ""):
                credit = " ".join("".join(el.itertext()).split())
                if credit:
                    w.credit = credit
                    skip_depth = 1  # the credit is metadata, not caption text
                    continue
            w.add(el.text)
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth == 0:
                    w.add(el.tail)
                continue
            if tag in BLOCK_TAGS:
                w.flush()
                if kinds:
                    kinds.pop()
                if kinds:  # back inside an enclosing block (e.g. text after a nested <p>)
                    w.kind, w.level = kinds[-1]
            elif tag == "a":
                if w.links:
                    w.links.pop()
            elif tag in ("strong", "b"):
                w.strong = max(0, w.strong - 1)
            if el is not container:
                w.add(el.tail)
    w.flush()
    return w.blocks


def _trafilatura_blocks(text: str) -> list[Block] | None:
    """Main content by trafilatura (pages without an <article> or <main>), as blocks."""
    try:
        import trafilatura

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            xml = trafilatura.extract(
                text,
                output_format="xml",
                include_links=True,
                include_comments=False,
                include_tables=False,
                include_images=False,
                favor_precision=True,
            )
    except Exception:  # noqa: BLE001 - a third-party extractor failing is a fallback case
        return None
    if not xml:
        return None
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
        doc = etree.fromstring(xml.encode("utf-8"), parser=parser)
    except (etree.XMLSyntaxError, ValueError):
        return None
    if doc is None:
        return None
    main = doc.find("main")
    if main is None:
        main = doc
    w = _Walker()
    for event, el in etree.iterwalk(main, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else ""
        if event == "start":
            if tag in ("p", "head", "item", "quote", "list", "main", "code"):
                w.flush()
                if tag == "head":
                    w.kind = "heading"
                    rend = el.get("rend") or "h2"
                    w.level = int(rend[1]) if rend[1:].isdigit() else 2
                elif tag == "item":
                    w.kind = "item"
            elif tag == "ref":
                w.links.append(el.get("target"))
            elif tag == "lb":
                w.add(" ")
            w.add(el.text)
        else:
            if tag in ("p", "head", "item", "quote", "list", "main", "code"):
                w.flush()
            elif tag == "ref" and w.links:
                w.links.pop()
            if el is not main:
                w.add(el.tail)
    w.flush()
    return w.blocks or None
