"""Markdown to blocks, with markdown-it-py (CommonMark): syntax removed, links kept as runs."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .blocks import Block, Inline

_TAG_RE = re.compile(r"<[^<>]*>")  # linear: a match never runs past the next "<"
_BLANK_LINES_RE = re.compile(r"\n[ \t]*\n")

_md = MarkdownIt("commonmark")

# markdown-it-py is exact but slow on long or adversarial input (tens of seconds for a few MB of
# emphasis markers); above this size a simple linear, line-based reading is used instead.
FAST_PATH_CHARS = 200_000
FAST_PATH_MARKERS = 20_000  # this many "[", "*", "_", "<", "`" or ">" is not an article's markup


def markdown_blocks(text: str) -> list[Block]:
    if len(text) > FAST_PATH_CHARS or _markers(text) > FAST_PATH_MARKERS:
        return simple_markdown_blocks(text)
    tokens = _md.parse(text)
    blocks: list[Block] = []
    list_depth = 0
    heading: int | None = None
    for tok in tokens:
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
        elif t in ("bullet_list_close", "ordered_list_close"):
            list_depth = max(0, list_depth - 1)
        elif t == "heading_open":
            heading = int(tok.tag[1:]) if tok.tag[1:].isdigit() else 1
        elif t == "heading_close":
            heading = None
        elif t == "inline":
            inlines = _inlines(tok.children or [])
            if heading is not None:
                blocks.append(Block("heading", inlines, level=heading))
            elif list_depth:
                blocks.append(Block("item", inlines))
            else:
                blocks.append(Block("paragraph", inlines))
        elif t in ("fence", "code_block"):
            # a fenced block is code by declaration; an indented one may be prose indented
            kind = "code" if t == "fence" else "item" if list_depth else "paragraph"
            for chunk in _BLANK_LINES_RE.split(tok.content):
                blocks.append(Block(kind, [Inline(chunk)]))
        elif t == "html_block":
            stripped = _TAG_RE.sub(" ", tok.content)
            for chunk in _BLANK_LINES_RE.split(stripped):
                blocks.append(Block("paragraph", [Inline(chunk)]))
    return [b for b in blocks if b.plain()]


def _markers(text: str) -> int:
    return sum(text.count(c) for c in "[*_<`>")


def _inlines(children) -> list[Inline]:
    out: list[Inline] = []
    href: str | None = None
    in_link = False
    strong = 0
    for child in children:
        t = child.type
        if t == "text" or t == "code_inline":
            out.append(Inline(child.content, is_link=in_link, href=href, strong=strong > 0))
        elif t in ("softbreak", "hardbreak"):
            out.append(Inline(" ", is_link=in_link, href=href, strong=strong > 0))
        elif t == "link_open":
            in_link = True
            raw = child.attrs.get("href") if child.attrs else None
            href = str(raw) if raw is not None else None
        elif t == "link_close":
            in_link = False
            href = None
        elif t == "strong_open":
            strong += 1
        elif t == "strong_close":
            strong = max(0, strong - 1)
        elif t == "html_inline":
            # <br>, <span> ...: markup, not text; keep a word boundary
            out.append(Inline(" ", is_link=in_link, href=href, strong=strong > 0))
        # images (alt text) and emphasis markers carry no text of the article
    return out


_CHUNK_RE = re.compile(r"\n[ \t]*\n")
_HEADING_LINE_RE = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
_ITEM_LINE_RE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_QUOTE_PREFIX_RE = re.compile(r"^(?:\s{0,3}>\s?){1,50}")
_INLINE_RE = re.compile(
    r"(?P<img>!)?\[(?P<text>[^\[\]\n]{0,1000})\]\(\s*<?(?P<href>[^()\s<>]{0,2000})>?"
    r"(?:\s+\"[^\"\n]{0,300}\")?\s*\)|<(?P<auto>https?://[^\s<>]{1,2000})>"
)
_EMPHASIS_RE = re.compile(r"(?<![\w*_])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*_])")
_INLINE_TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]*>")


def simple_markdown_blocks(text: str) -> list[Block]:
    """A linear reading of long Markdown: headings, list items, paragraphs, links, emphasis."""
    blocks: list[Block] = []
    for chunk in _CHUNK_RE.split(text):
        lines = [_QUOTE_PREFIX_RE.sub("", ln) for ln in chunk.split("\n")]
        lines = [ln for ln in lines if ln.strip()]
        if not lines:
            continue
        m = _HEADING_LINE_RE.match(lines[0])
        if m:
            blocks.append(Block("heading", _simple_inlines(m.group(2)), level=len(m.group(1))))
            lines = lines[1:]
            if not lines:
                continue
        if all(_ITEM_LINE_RE.match(ln) for ln in lines):
            for ln in lines:
                blocks.append(Block("item", _simple_inlines(_ITEM_LINE_RE.sub("", ln, count=1))))
        else:
            blocks.append(Block("paragraph", _simple_inlines(" ".join(lines))))
    return [b for b in blocks if b.plain()]


def _plain_run(text: str) -> str:
    if "<" in text and ">" in text:
        text = _INLINE_TAG_RE.sub(" ", text)
    if "*" in text or "_" in text:
        text = _EMPHASIS_RE.sub("", text)
    return text


def _simple_inlines(text: str) -> list[Inline]:
    out: list[Inline] = []
    pos = 0
    for m in _INLINE_RE.finditer(text):
        if m.start() > pos:
            out.append(Inline(_plain_run(text[pos : m.start()])))
        pos = m.end()
        if m.group("img"):
            continue
        if m.group("auto"):
            out.append(Inline(m.group("auto"), is_link=True, href=m.group("auto")))
        else:
            out.append(Inline(_plain_run(m.group("text")), is_link=True, href=m.group("href")))
    if pos < len(text):
        out.append(Inline(_plain_run(text[pos:])))
    return out
