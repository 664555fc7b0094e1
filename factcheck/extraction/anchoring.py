"""Quote anchors (W3C TextQuoteSelector style) and re-anchoring in a revised text.

``reanchor`` finds where a quote went when an article is re-ingested in a changed version:
exact occurrence first (prefix/suffix context decides between several), then the text between the
unchanged prefix and suffix, then a fuzzy search (rapidfuzz) near the old position and in the
whole text. Every candidate must reach a minimum similarity, and a fuzzy match must also be clearly
better than any other; otherwise the claim is orphaned (None). A wrong place is worse than none.
"""

from __future__ import annotations

from rapidfuzz import fuzz

__all__ = ["CONTEXT", "MIN_SCORE", "anchor_quote", "reanchor"]

CONTEXT = 32
MIN_SCORE = 0.85  # fuzzy matches below this are orphaned
_MAX_OCCURRENCES = 2000


def anchor_quote(text: str, start: int, end: int, context: int = CONTEXT) -> tuple[str, str]:
    """(prefix, suffix): up to ``context`` characters before ``start`` and after ``end``."""
    return text[max(0, start - context) : start], text[end : end + context]


def _context_score(new_text: str, pos: int, end: int, prefix: str, suffix: str) -> float:
    scores = []
    if prefix:
        got = new_text[max(0, pos - len(prefix)) : pos]
        scores.append(fuzz.ratio(prefix, got) / 100.0)
    if suffix:
        got = new_text[end : end + len(suffix)]
        scores.append(fuzz.ratio(suffix, got) / 100.0)
    return sum(scores) / len(scores) if scores else 0.0


def _occurrences(haystack: str, needle: str) -> list[int]:
    found: list[int] = []
    i = haystack.find(needle)
    while i >= 0 and len(found) < _MAX_OCCURRENCES:
        found.append(i)
        i = haystack.find(needle, i + 1)
    return found


def reanchor(
    old_text_quote: tuple[str, str, str, int], new_text: str
) -> tuple[int, int, float] | None:
    """Find ``(exact, prefix, suffix, old_start)`` in ``new_text``: (start, end, score) or None."""
    exact, prefix, suffix, old_start = old_text_quote
    if not exact or not new_text:
        return None
    prefix = prefix or ""
    suffix = suffix or ""
    old_start = old_start if isinstance(old_start, int) and old_start >= 0 else 0

    # 1. exact occurrences
    hits = _occurrences(new_text, exact)
    if len(hits) == 1:
        return hits[0], hits[0] + len(exact), 1.0
    if hits:
        ranked = sorted(
            (
                (
                    _context_score(new_text, h, h + len(exact), prefix, suffix),
                    -abs(h - old_start),
                    h,
                )
                for h in hits
            ),
            reverse=True,
        )
        best, second = ranked[0], ranked[1]
        if best[0] > second[0] + 1e-9:
            return best[2], best[2] + len(exact), 1.0
        if best[1] != second[1]:  # same context: the one nearest the old place
            return best[2], best[2] + len(exact), 0.9
        return None

    if len(exact) < 12:
        return None  # too short to find by similarity without a wrong guess

    # 2. the text between an unchanged prefix and suffix
    if len(prefix) >= 8 and len(suffix) >= 8:
        found = _between_context(exact, prefix, suffix, old_start, new_text)
        if found is not None:
            return found

    # 3. fuzzy: near the old position first, then everywhere
    margin = 2 * len(exact) + 500
    lo = max(0, old_start - margin)
    hi = min(len(new_text), old_start + len(exact) + margin)
    windows = [(lo, hi)]
    if lo > 0 or hi < len(new_text):
        windows.append((0, len(new_text)))
    for w_lo, w_hi in windows:
        found = _fuzzy(exact, prefix, suffix, new_text, w_lo, w_hi)
        if found is not None:
            return found
    return None


def _between_context(exact, prefix, suffix, old_start, new_text):
    best = None
    for p in _occurrences(new_text, prefix)[:50]:
        start = p + len(prefix)
        limit = start + 2 * len(exact) + 50
        s = new_text.find(suffix, start, limit + len(suffix))
        if s < 0:
            continue
        candidate = new_text[start:s]
        score = fuzz.ratio(exact, candidate) / 100.0
        if score >= MIN_SCORE and (best is None or score > best[2]):
            best = (start, s, score)
    return best


def _fuzzy(exact, prefix, suffix, new_text, lo, hi):
    window = new_text[lo:hi]
    if not window:
        return None
    align = fuzz.partial_ratio_alignment(exact, window, score_cutoff=MIN_SCORE * 100)
    if align is None:
        return None
    start, end = lo + align.dest_start, lo + align.dest_end
    start, end = _refine(exact, new_text, start, end)
    score = fuzz.ratio(exact, new_text[start:end]) / 100.0
    if score < MIN_SCORE:
        return None
    # Must be clearly the best: mask the match and look again.
    masked = window[: start - lo] + "\x00" * (end - start) + window[end - lo :]
    other = fuzz.partial_ratio_alignment(exact, masked, score_cutoff=MIN_SCORE * 100)
    if other is not None and other.score >= score * 100 - 2:
        ctx_this = _context_score(new_text, start, end, prefix, suffix)
        o_start, o_end = lo + other.dest_start, lo + other.dest_end
        ctx_other = _context_score(new_text, o_start, o_end, prefix, suffix)
        if ctx_this <= ctx_other + 0.1:
            return None
    return start, end, round(score, 4)


def _refine(exact: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Move the match edges to the word boundaries that give the best similarity."""
    slack = max(3, len(exact) // 5)

    def boundaries(center: int, is_start: bool) -> list[int]:
        out = {center}
        for pos in range(max(0, center - slack), min(len(text), center + slack) + 1):
            if is_start and (pos == 0 or (text[pos - 1].isspace() and not text[pos].isspace())):
                out.add(pos)
            if not is_start and (
                pos == len(text) or (not text[pos - 1].isspace() and (text[pos].isspace()))
            ):
                out.add(pos)
        return sorted(out)

    best = (fuzz.ratio(exact, text[start:end]), start, end)
    for s in boundaries(start, True):
        for e in boundaries(end, False):
            if e - s < len(exact) // 2:
                continue
            r = fuzz.ratio(exact, text[s:e])
            if r > best[0]:
                best = (r, s, e)
    return best[1], best[2]
