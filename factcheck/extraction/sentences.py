"""Sentence segmentation with exact character offsets.

A rule-based segmenter rather than a library: pysbd (the one well-known rule-based option with
character offsets) is unmaintained and slow on long inputs, and the model-based ones need runtime
downloads. The rules here are one linear pass over candidate boundaries (``.``, ``!``, ``?``,
``…`` followed by whitespace or the end), each judged on the word before and the word after:
abbreviations (Mr., Dr., Jan., e.g., U.S.), initials (George W. Bush), decimals and numbers
(3.5, No. 5), closing quotes and brackets (kept with the sentence they end), and a lower-case
next word (no boundary). Paragraph breaks (a blank line) always end a sentence; the document
parser has already joined paragraphs that were split in mid-sentence by a formatting accident.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# Never a sentence end when followed by a capitalised word or a number.
TITLES = {
    "mr", "mrs", "ms", "mx", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt",
    "cpt", "maj", "adm", "cmdr", "gov", "sen", "rep", "rev", "hon", "pres", "supt", "det", "insp",
    "fr", "br", "mt", "ft", "cf", "vs", "v", "ca", "approx", "dept", "est", "univ", "assn", "bros",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "e.g", "i.e", "eg",
    "ie", "viz", "al", "ave", "blvd", "rd", "hwy", "inc", "corp", "co", "ltd", "plc", "llc",
    "etc", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m",
}  # fmt: skip
# Abbreviations only before a number.
NUMBER_ABBREVIATIONS = {
    "no",
    "nos",
    "p",
    "pp",
    "vol",
    "vols",
    "fig",
    "art",
    "para",
    "sec",
    "ch",
    "op",
}
# These also often end a sentence: a boundary when the next word is a common sentence opener.
SENTENCE_FINAL_ABBREVIATIONS = {
    "inc", "corp", "co", "ltd", "plc", "llc", "etc", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m",
    "jr", "sr", "bros", "al",
}  # fmt: skip
OPENERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "in", "on", "at", "but", "and", "this",
    "that", "these", "those", "there", "his", "her", "its", "their", "our", "after", "before",
    "when", "while", "however", "meanwhile", "also", "as", "if", "for", "according", "some",
    "many", "most", "one", "both", "since", "yet", "still", "so", "then", "now", "what", "who",
    "why", "how", "where", "last", "earlier", "later", "today", "yesterday",
}  # fmt: skip

# four-letter tails of abbreviations that must go through the full check ("Sept.", "Corp.")
_LONG_ABBREVIATION_TAILS = {t[-4:] for t in TITLES if len(t) >= 4 and t.isalpha()}
_CANDIDATE_RE = re.compile(r"(?:[.!?]+|…)[\"'”’»)\]]*(?=\s|$)")
_PARAGRAPH_RE = re.compile(r"\n[ \t]*\n|\n")
_WORD_BEFORE_RE = re.compile(r"([\w.'’-]{0,40})$")
_NEXT_RE = re.compile(r"\s*([\"'“‘«(\[]*)(\S{0,40})")


def split_sentences(
    text: str, start: int = 0, end: int | None = None, limit: int | None = None
) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in ``text[start:end]``, trimmed of whitespace.

    With ``limit``, stops once more than ``limit`` sentences were found (the caller can then
    refuse an absurdly long input without segmenting all of it)."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _PARAGRAPH_RE.finditer(text, start, end):
        _split_block(text, pos, m.start(), spans, limit)
        pos = m.end()
        if limit is not None and len(spans) > limit:
            return spans
    _split_block(text, pos, end, spans, limit)
    return spans


def _split_block(
    text: str, start: int, end: int, spans: list[tuple[int, int]], limit: int | None = None
) -> None:
    sent_start = start
    for m in _CANDIDATE_RE.finditer(text, start, end):
        if limit is not None and len(spans) > limit:
            return
        p_end = m.end()
        # fast path, the common case in prose: "word. The" (a lower-case word of 4+ letters)
        if (
            p_end + 1 < end
            and text[p_end] == " "
            and text[p_end + 1].isupper()
            and m.start() >= 4
            and text[m.start() - 4 : m.start()].isalpha()
            and text[m.start() - 4 : m.start()].islower()
            and text[m.start() - 4 : m.start()] not in _LONG_ABBREVIATION_TAILS
        ):
            _add(text, sent_start, p_end, spans)
            sent_start = p_end
            continue
        if _is_boundary(text, m.start(), p_end, end, sent_start):
            _add(text, sent_start, m.end(), spans)
            sent_start = m.end()
    _add(text, sent_start, end, spans)


def _add(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


def _is_boundary(text: str, p_start: int, p_end: int, block_end: int, sent_start: int) -> bool:
    punct = text[p_start:p_end]
    nxt = _NEXT_RE.match(text, p_end, block_end)
    opener_quote = nxt.group(1) if nxt else ""
    next_word = nxt.group(2) if nxt else ""
    if not next_word and not opener_quote:
        return True  # end of the block
    first = next_word[:1]
    if first and first.islower() and not opener_quote:
        return False  # "e.g. something", "... the U.S. retailer", "'Why?' he asked"
    if punct[0] != ".":
        return True
    if punct.startswith("..") and first and not first.isupper():
        return False
    before = _WORD_BEFORE_RE.search(text, max(sent_start, p_start - 40), p_start)
    word = before.group(1) if before else ""
    word = word.lstrip("'’-(\"“‘«").rstrip(".")
    low = word.lower()
    if not word:
        return True
    if len(word) == 1 and word.isupper():
        return False  # an initial: "George W. Bush"
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", word) and low not in SENTENCE_FINAL_ABBREVIATIONS:
        return False  # "U.N.C.", "e.g"
    if low in NUMBER_ABBREVIATIONS:
        return not first.isdigit()  # "No. 5", "p. 12"
    if low in TITLES:
        if low in SENTENCE_FINAL_ABBREVIATIONS:
            bare = next_word.strip("\"'“‘«([").rstrip(",.;:").lower()
            return bare in OPENERS
        return False
    return True
