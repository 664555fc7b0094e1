"""HTML elements to blocks: an iterative walk (no recursion, so deeply nested markup cannot exhaust
the stack) that keeps every link run with its exact target, marks headings, list items and photo
captions (with their credit), and leaves out what ``skip`` rejects.

Two ``skip`` rules: ``is_hidden`` (scripts, forms' controls, media and hidden elements: never
text) for the walk that trafilatura's choice of story is aligned with, and ``is_clutter`` (also
navigation, footers, asides and elements whose class or id says "cookie", "share", "related",
"sidebar", ...) for the fallback walk of a story container when trafilatura finds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from .blocks import Block, Inline

__all__ = ["is_clutter", "is_hidden", "walk"]

BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "blockquote", "pre", "li", "ul", "ol",
    "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "table", "tr",
    "td", "th", "tbody", "thead", "caption", "address", "hr", "body", "html", "center", "aside",
    "nav", "footer", "form",
}  # fmt: skip
# Never text: code, controls, media, the document head.
NEVER_TEXT_TAGS = {
    "script", "style", "noscript", "template", "button", "iframe", "svg", "select", "textarea",
    "input", "object", "embed", "canvas", "head", "title", "meta", "link", "img", "picture",
    "video", "audio", "source", "menu", "dialog", "math",
}  # fmt: skip
# Elements that hold one self-contained piece: a story, a card, a box beside the story.
REGION_TAGS = {"article", "aside"}
# Page furniture, left out by the fallback walk.
FURNITURE_TAGS = {"nav", "footer", "aside", "form"}
_CLUTTER_RE = re.compile(
    r"cookie|consent|gdpr|banner|newsletter|subscri|promo|advert|\bads?\b|\bad-|share|social|"
    r"related|most-?read|popular|trending|recommend|comments?\b|breadcrumb|paywall|sidebar|"
    r"\bmenu\b|navigation|\bnav\b|footer|masthead|site-header|signup|sign-up|outbrain|taboola",
    re.IGNORECASE,
)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CREDIT_CLASS_RE = re.compile(r"credit|copyright|source|author", re.IGNORECASE)


def is_hidden(el) -> bool:
    """Never story text: code, controls, media, and elements hidden from readers."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if not tag or tag in NEVER_TEXT_TAGS:
        return True
    if el.get("hidden") is not None or (el.get("aria-hidden") or "") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE_RE.search(style))


def is_clutter(el) -> bool:
    """Hidden, or page furniture by its tag, role, class or id."""
    if is_hidden(el):
        return True
    tag = el.tag.lower()
    if tag in FURNITURE_TAGS:
        return True
    if tag in ("article", "main", "body", "html"):
        return False
    if el.get("role") in ("navigation", "banner", "contentinfo", "complementary"):
        return True
    ident = " ".join(filter(None, (el.get("class"), el.get("id"))))
    return bool(ident and _CLUTTER_RE.search(ident)) and "byline" not in ident.lower()


_CODE_CLASS_RE = re.compile(
    r"code|highlight|syntax|lang(uage)?-|console|shell|terminal|javascript|python|ruby|bash|"
    r"\bsql\b|json|php|perl|rust|cpp",
    re.IGNORECASE,
)
_PROMPT_RE = re.compile(r"^\s*(\$|>>>) ", re.MULTILINE)  # a shell or Python prompt


def _is_code(pre) -> bool:
    """A <pre> that holds code: a <code> inside, a class naming code or a language, or a command
    prompt. A <pre> of prose (an IETF draft's whole text) stays prose."""
    ident = " ".join(filter(None, (pre.get("class"), pre.get("id"))))
    return (
        pre.find(".//code") is not None
        or bool(_CODE_CLASS_RE.search(ident))
        or bool(_PROMPT_RE.search("".join(pre.itertext())))
    )


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.current: list[Inline] = []
        self.kind = "paragraph"
        self.level = 0
        self.credit: str | None = None
        self.links: list[str | None] = []
        self.strong = 0
        self.regions: list[int] = [0]
        self.region_count = 0

    def flush(self) -> None:
        if self.current:
            block = Block(self.kind, self.current, level=self.level, credit=self.credit,
                          region=self.regions[-1])  # fmt: skip
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


def walk(container, skip: Callable[[object], bool] = is_hidden) -> list[Block]:
    w = _Walker()
    skip_depth = 0  # >0 while inside a skipped element
    kinds: list[tuple[str, int]] = []
    for event, el in etree.iterwalk(container, events=("start", "end")):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if event == "start":
            if skip_depth:
                skip_depth += 1
                continue
            if not tag or (el is not container and skip(el)):
                skip_depth = 1
                continue
            if tag in BLOCK_TAGS:
                w.flush()
                if tag in REGION_TAGS:
                    w.region_count += 1
                    w.regions.append(w.region_count)
                if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    w.kind, w.level = "heading", int(tag[1])
                elif tag == "li":
                    w.kind = "item"
                elif tag in ("figcaption", "caption"):
                    w.kind = "caption"
                elif tag == "pre" and _is_code(el):
                    w.kind = "code"
                elif kinds and kinds[-1][0] in ("item", "caption", "heading", "code"):
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
                if tag in REGION_TAGS and len(w.regions) > 1:
                    w.regions.pop()
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
