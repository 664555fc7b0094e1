"""Markdown to blocks, with markdown-it-py (CommonMark): syntax removed, links kept as runs."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from .blocks import Block, Inline

_TAG_RE = re.compile(r"<[^<>]{0,2000}>")
_BLANK_LINES_RE = re.compile(r"\n[ \t]*\n")

_md = MarkdownIt("commonmark")


def markdown_blocks(text: str) -> list[Block]:
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
            for chunk in _BLANK_LINES_RE.split(tok.content):
                blocks.append(Block("item" if list_depth else "paragraph", [Inline(chunk)]))
        elif t == "html_block":
            stripped = _TAG_RE.sub(" ", tok.content)
            for chunk in _BLANK_LINES_RE.split(stripped):
                blocks.append(Block("paragraph", [Inline(chunk)]))
    return [b for b in blocks if b.plain()]


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
