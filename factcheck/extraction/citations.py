"""The sources a claim cites: the hyperlinks inside its sentence."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from .types import Citation, Link
from .urls import is_encyclopedia

__all__ = ["citations_in", "LinkIndex"]


class LinkIndex:
    """Links sorted by start, for quick lookup of the links inside a span."""

    def __init__(self, links: Sequence[Link]) -> None:
        self.links = sorted(links, key=lambda link: (link.start, link.end))
        self.starts = [link.start for link in self.links]

    def within(self, start: int, end: int) -> list[Link]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.links) and self.links[i].start < end:
            if self.links[i].end <= end:
                out.append(self.links[i])
            i += 1
        return out


def citations_in(index: LinkIndex, start: int, end: int) -> tuple[Citation, ...]:
    """Each link inside text[start:end] as a Citation; topic links to encyclopedias are left out.

    A link whose target was missing or "#" becomes a citation with url None: an unresolved
    citation for a reviewer to complete (the anchor text still marks what the author cited).
    """
    seen: set[tuple[str, str | None]] = set()
    out: list[Citation] = []
    for link in index.within(start, end):
        if is_encyclopedia(link.url):
            continue
        key = (link.text, link.url)
        if key in seen:
            continue
        seen.add(key)
        out.append(Citation(anchor_text=link.text[:500], url=link.url))
    return tuple(out)
