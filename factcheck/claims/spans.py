"""Where in an article's text a reviewer's quote is: the span a claim covers.

A quote pasted from a browser seldom matches the stored text character for character: line
breaks become spaces, typographic quotes become straight ones. So the quote matches any run of
whitespace for its whitespace and either form of a quotation mark or apostrophe; the span is
then the article's own text, which the claim stores exactly (its position and quote selectors).
"""

from __future__ import annotations

import re

from factcheck.claims.operations import ClaimError

MAX_QUOTE = 5000  # characters: a claim is a sentence or a few, never a whole article
MAX_OCCURRENCES = 100

_APOSTROPHES = "'‘’ʼ′"
_QUOTES = '"“”„″«»'


def _pattern(quote: str) -> re.Pattern[str]:
    parts = []
    for word in quote.split():
        escaped = "".join(
            f"[{re.escape(_APOSTROPHES)}]"
            if ch in _APOSTROPHES
            else f"[{re.escape(_QUOTES)}]"
            if ch in _QUOTES
            else re.escape(ch)
            for ch in word
        )
        parts.append(escaped)
    return re.compile(r"\s+".join(parts))


def occurrences(text: str, quote: str) -> list[tuple[int, int]]:
    """The spans of `text` that `quote` matches (whitespace and quotation marks loosely), in
    order, at most MAX_OCCURRENCES + 1."""
    quote = quote.strip()
    if not quote:
        return []
    found = []
    for match in _pattern(quote).finditer(text):
        found.append((match.start(), match.end()))
        if len(found) > MAX_OCCURRENCES:
            break
    return found


def find_quote(text: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """The (start, end) of `quote` in `text`; `occurrence` (1-based) picks one when the quote
    is there more than once. ClaimError, for the user, when it is absent or ambiguous."""
    quote = quote.strip()
    if not quote:
        raise ClaimError("paste the words of the claim as the article has them")
    if len(quote) > MAX_QUOTE:
        raise ClaimError(f"a claim is limited to {MAX_QUOTE} characters")
    found = occurrences(text, quote)
    if not found:
        raise ClaimError(
            "the article does not have these words: paste them as the article has them"
        )
    if occurrence is None:
        if len(found) > 1:
            many = "more than 100" if len(found) > MAX_OCCURRENCES else str(len(found))
            raise ClaimError(
                f"the article has these words {many} times: say which occurrence "
                "(1 for the first), or paste a longer quote"
            )
        return found[0]
    if not 1 <= occurrence <= len(found):
        raise ClaimError(
            f"the article has these words {len(found)} time{'s' if len(found) != 1 else ''}: "
            f"occurrence {occurrence} is not one of them"
        )
    return found[occurrence - 1]


def check_span(text: str, start: int, end: int) -> tuple[int, int]:
    """(start, end) trimmed of surrounding whitespace, if it is a span of some words of `text`."""
    if not 0 <= start < end <= len(text):
        raise ClaimError("the span must lie within the article's text")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ClaimError("the span has no words")
    if end - start > MAX_QUOTE:
        raise ClaimError(f"a claim is limited to {MAX_QUOTE} characters")
    return start, end


def split_point(quote: str, second: str) -> int:
    """Where the words `second` begin in `quote` (the claim's text), past its start: the offset
    a split cuts at. ClaimError when they are not there once."""
    second = second.strip()
    if not second:
        raise ClaimError("give the words the second claim starts with")
    found = [s for s, _e in occurrences(quote, second) if s > 0]
    if not found:
        raise ClaimError("the claim does not have these words after its start")
    if len(found) > 1:
        raise ClaimError("the claim has these words more than once: give a few more of them")
    return found[0]
