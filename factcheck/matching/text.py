"""Text as the matcher reads it: links dropped from queries, words for the lexical score.

A t.co link or a pic.twitter.com address says nothing about the claim and only adds noise to
its vector; the rest of a post, its "— Name (@handle) date" tail included, stays: the name of
who said it often appears in the fact-check (cross-validated on the CheckThat! 2020 queries,
dropping the tail lost 0.02 MAP@5).
"""

from __future__ import annotations

import re

# A link ends at whitespace, at a dash or where the next link starts (tweets glue them together).
_LINK = re.compile(r"(?:https?://|pic\.twitter\.com/)[^\s—–]*?(?=https?://|pic\.twitter|[\s—–]|$)")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def query_text(text: str) -> str:
    """The text to match: links removed, whitespace collapsed."""
    return _SPACE.sub(" ", _LINK.sub(" ", text)).strip()


def words(text: str) -> list[str]:
    """Lower-cased words (runs of letters, digits and underscores) for the lexical score."""
    return _WORD.findall(text.lower())
