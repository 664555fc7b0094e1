"""The pipeline: bytes or text in, an ExtractedArticle (document + claim candidates) out."""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from datetime import date

from . import checkworthiness
from .anchoring import anchor_quote
from .attribution import attribute_sentences
from .citations import LinkIndex, citations_in
from .dates import resolve_claim_date
from .decoding import check_format, decode_text
from .documents import parse_document
from .language import unscored_language
from .sentences import split_sentences
from .types import ClaimCandidate, Document, ExtractedArticle, ExtractionError

__all__ = ["candidate_sentences", "describe_span", "extract_article", "extract_claims"]

MIN_WORDS = 5
MAX_SENTENCES = 50_000  # about a 1,000-page book: beyond this the input is not an article
MAX_CLAIM_CHARS = 1500  # a longer "sentence" is a run-on or a list, not one claim
_BATCH = 2000
_LETTER_RE = re.compile(r"[^\W\d_]")


def _reference_date(doc: Document) -> date | None:
    """The day relative dates count from: the publication date (end of its month when the
    article only gave a month, so "on 8 December" in a "December 2004" article is 2004)."""
    if doc.published is None:
        return None
    if doc.published_precision == "month":
        y, m = doc.published.year, doc.published.month
        return date(y, m, calendar.monthrange(y, m)[1])
    return doc.published


class _Excluded:
    def __init__(self, spans) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        self.spans = merged
        self.starts = [s for s, _ in merged]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.spans[i][1] > start

    def contains(self, start: int, end: int) -> bool:
        i = bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i][1] >= end


def candidate_sentences(doc: Document) -> list[tuple[int, int, bool]]:
    """Sentences that could be claims, as (start, end, is_caption): outside excluded spans
    (except photo captions), long enough, with letters."""
    excluded = _Excluded(doc.excluded)
    captions = _Excluded(doc.caption_spans)
    out = []
    spans = split_sentences(doc.text, limit=MAX_SENTENCES, language=doc.language)
    if len(spans) > MAX_SENTENCES:
        raise ExtractionError(
            f"the text is too long to be one article: more than {MAX_SENTENCES:,} sentences"
        )
    for s, e in spans:
        is_caption = False
        if excluded.overlaps(s, e):
            if not captions.contains(s, e):
                continue
            is_caption = True
        if e - s > MAX_CLAIM_CHARS:
            continue
        text = doc.text[s:e]
        if len(text.split()) < MIN_WORDS or not _LETTER_RE.search(text):
            continue
        out.append((s, e, is_caption))
    return out


def extract_claims(doc: Document) -> list[ClaimCandidate]:
    """The check-worthy sentences of the document as claim candidates, in text order.

    A sentence is kept when the model finds it check-worthy, when it cites a source (a link in
    the sentence: the author rests it on something, so it is never dropped on its score alone)
    or when it is a photo caption (a miscaptioned photo is among the most checked claims). A
    kept sentence that hedges or predicts is marked (`hedged`: "opinion" or "prediction") so
    that it is stored dismissed for that reason. In a language the model cannot score (not
    English) every candidate sentence is kept, unscored (`scored` False, score 0): the English
    model does not pretend, and the reviewer sees the whole article's sentences."""
    spans = candidate_sentences(doc)
    links = LinkIndex(doc.links)
    reference = _reference_date(doc)
    speakers = attribute_sentences(doc, [(s, e) for s, e, _ in spans])
    scored = unscored_language(doc.language) is None
    claims: list[ClaimCandidate] = []
    for b in range(0, len(spans), _BATCH):
        batch = spans[b : b + _BATCH]
        texts = [doc.text[s:e] for s, e, _ in batch]
        scores = checkworthiness.score(texts) if scored else [0.0] * len(batch)
        for n, ((s, e, is_caption), sc) in enumerate(zip(batch, scores, strict=True), b):
            citations = citations_in(links, s, e)
            if scored and not (checkworthiness.is_checkworthy(sc) or citations or is_caption):
                continue
            text = doc.text[s:e]
            hedged = None
            if scored and not is_caption:
                hedged = checkworthiness.opinion_or_prediction(text)
            prefix, suffix = anchor_quote(doc.text, s, e)
            who = speakers[n]
            d0, d1 = resolve_claim_date(text, reference, doc.language)
            claims.append(
                ClaimCandidate(
                    start=s,
                    end=e,
                    text=text,
                    prefix=prefix,
                    suffix=suffix,
                    checkworthiness=float(min(1.0, max(0.0, sc))),
                    claimant=who.claimant,
                    attribution=who.attribution,
                    date_start=d0,
                    date_end=d1,
                    citations=citations,
                    claimant_kind=who.kind,
                    is_caption=is_caption,
                    hedged=hedged,
                    scored=scored,
                )
            )
    return claims


def describe_span(doc: Document, start: int, end: int) -> ClaimCandidate:
    """A span a reviewer chose (any span of the text, not only a sentence the extraction kept),
    described as an extracted claim would be: score, claimant and attribution (reading the
    article up to it), date and citations."""
    if not 0 <= start < end <= len(doc.text):
        raise ValueError(f"span {start}:{end} is not within the text")
    text = doc.text[start:end]
    before = [(s, e) for s, e in split_sentences(doc.text, language=doc.language) if e <= start]
    who = attribute_sentences(doc, [*before, (start, end)])[-1]
    prefix, suffix = anchor_quote(doc.text, start, end)
    d0, d1 = resolve_claim_date(text, _reference_date(doc), doc.language)
    return ClaimCandidate(
        start=start,
        end=end,
        text=text,
        prefix=prefix,
        suffix=suffix,
        checkworthiness=float(min(1.0, max(0.0, checkworthiness.score([text])[0]))),
        claimant=who.claimant,
        attribution=who.attribution,
        date_start=d0,
        date_end=d1,
        citations=citations_in(LinkIndex(doc.links), start, end),
        claimant_kind=who.kind,
        is_caption=any(cs <= start and end <= ce for cs, ce in doc.caption_spans),
    )


def extract_article(data: bytes | str, fmt: str) -> ExtractedArticle:
    """Decode, parse and extract: the whole pipeline. Raises ExtractionError for bad input."""
    fmt = check_format(fmt)
    text = decode_text(data)
    doc = parse_document(text, fmt)
    if not doc.text.strip():
        raise ExtractionError("no article text found in the file")
    return ExtractedArticle(document=doc, claims=extract_claims(doc))
