"""The intermediate form every input format is parsed into: blocks of inline text runs.

Markdown, HTML and plain text parsers each produce a list of :class:`Block`; ``documents.py`` then
turns the blocks into one canonical text with exact link offsets and recognises the metadata and
the boilerplate, the same way for every format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WS_RE = re.compile(r"\s+")


@dataclass
class Inline:
    """A run of text; a link when ``is_link`` (``href`` is the raw target, possibly None)."""

    text: str
    is_link: bool = False
    href: str | None = None
    strong: bool = False


@dataclass
class Block:
    """A paragraph-level unit: "heading", "paragraph", "item" (list item), "caption" or "code"
    (a preformatted or fenced block: part of the story's text, never a claim)."""

    kind: str
    inlines: list[Inline] = field(default_factory=list)
    level: int = 0  # heading level
    credit: str | None = None  # caption credit, when the parser found one
    region: int = 0  # HTML: which <article> or <aside> the block sits in (0: none)

    def plain(self) -> str:
        return _WS_RE.sub(" ", "".join(i.text for i in self.inlines)).strip()


def collapse(text: str) -> str:
    return _WS_RE.sub(" ", text).strip()
