"""Plain text to blocks: paragraphs by blank lines; a title-like first line is the heading."""

from __future__ import annotations

import re

from .blocks import Block, Inline

_BLANK_LINES_RE = re.compile(r"\n[ \t\f\v\r]*\n")
_URL_RE = re.compile(r"https?://[^\s<>\"'\]\[)(]{1,2000}")
_BULLET_RE = re.compile(r"^\s*(?:[-*\u2022]|\d{1,3}[.)])\s+")


def plain_blocks(text: str) -> list[Block]:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[Block] = []
    chunks = [c for c in _BLANK_LINES_RE.split(text) if c.strip()]
    for n, chunk in enumerate(chunks):
        lines = [ln for ln in chunk.split("\n") if ln.strip()]
        if n == 0 and len(lines) > 1 and _looks_like_title(lines[0]):
            blocks.append(Block("heading", [Inline(lines[0])], level=1))
            lines = lines[1:]
            chunk = "\n".join(lines)
        elif n == 0 and len(lines) == 1 and _looks_like_title(lines[0]) and len(chunks) > 1:
            blocks.append(Block("heading", [Inline(lines[0])], level=1))
            continue
        if lines and all(_BULLET_RE.match(ln) for ln in lines):
            for ln in lines:
                blocks.append(Block("item", _linkify(_BULLET_RE.sub("", ln, count=1))))
        else:
            blocks.append(Block("paragraph", _linkify(chunk)))
    return [b for b in blocks if b.plain()]


def _looks_like_title(line: str) -> bool:
    line = line.strip()
    if not line or len(line) > 200 or len(line.split()) > 25:
        return False
    return line[-1] not in ".,;:" or line.endswith("?")


def _linkify(text: str) -> list[Inline]:
    """Bare URLs in plain text become links whose anchor text is the URL itself."""
    out: list[Inline] = []
    pos = 0
    for m in _URL_RE.finditer(text):
        url = m.group(0).rstrip(".,;:!?")
        if m.start() > pos:
            out.append(Inline(text[pos : m.start()]))
        out.append(Inline(url, is_link=True, href=url))
        pos = m.start() + len(url)
    if pos < len(text):
        out.append(Inline(text[pos:]))
    return out
