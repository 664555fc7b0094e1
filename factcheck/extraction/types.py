"""Plain data passed from the extraction pipeline to the rest of the application.

Every offset is a Python string index (Unicode code points) into ``Document.text``, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


class ExtractionError(ValueError):
    """The input cannot be turned into an article; the message is shown to the user as is."""


@dataclass(frozen=True)
class Link:
    """A hyperlink: its anchor text sits at text[start:end]; url is None when unusable ("#", "")."""

    start: int
    end: int
    text: str
    url: str | None


@dataclass(frozen=True)
class Caption:
    """A photo caption and its credit (e.g. "Andrei Gryaznov / TASS")."""

    text: str
    credit: str | None = None


@dataclass(frozen=True)
class Document:
    """An article reduced to canonical plain text plus its metadata."""

    text: str
    format: str  # "md", "txt" or "html"
    title: str | None = None
    author: str | None = None
    published: date | None = None
    url: str | None = None
    publisher: str | None = None
    provenance: str | None = None  # "adapted from the original published by ..."
    links: tuple[Link, ...] = ()
    captions: tuple[Caption, ...] = ()
    # Spans of text that are not claim material (boilerplate, captions, bylines, "Sources" lists).
    excluded: tuple[tuple[int, int], ...] = ()
    # The photo captions' own text (their credits left out), inside excluded spans: claim
    # candidates marked as captions, since a miscaptioned photo is a claim to check.
    caption_spans: tuple[tuple[int, int], ...] = ()
    # The article's own sources (e.g. a Wikinews "## Sources" list).
    sources: tuple[Link, ...] = ()
    # How much of ``published`` the article gave: "day", or "month" for a dateline such as
    # "December 2004" (``published`` is then the first of the month).
    published_precision: str = "day"
    # The article's language, an ISO 639-1 code ("en", "de"), None when it cannot be told.
    language: str | None = None
    # What sort of piece it is where the page says so (factcheck.extraction.kind): "news",
    # "opinion", "analysis", "interview", "press_release"; None when it does not say.
    kind: str | None = None


@dataclass(frozen=True)
class Citation:
    """A source a claim rests on, as cited by the article."""

    anchor_text: str
    url: str | None  # None: unresolved citation for a reviewer to complete


@dataclass(frozen=True)
class ClaimCandidate:
    start: int
    end: int
    text: str  # == document.text[start:end]
    prefix: str  # up to 32 characters before start
    suffix: str  # up to 32 characters after end
    checkworthiness: float  # 0..1
    claimant: str | None = None
    attribution: str | None = None
    date_start: date | None = None
    date_end: date | None = None
    citations: tuple[Citation, ...] = ()
    # "speaker" (quoted or reported speech), "outlet" (a news organisation's report) or "author"
    # (the article's own assertion, claimant = the byline); None when nobody can be named.
    claimant_kind: str | None = None
    is_caption: bool = False  # the sentence is a photo caption
    # The sentence hedges or predicts (checkworthiness.opinion_or_prediction): "opinion" or
    # "prediction". Such a sentence is kept only when cited or a caption, and stored dismissed
    # for that reason; None for the others.
    hedged: str | None = None
    # False when the article's language is one the check-worthiness model cannot score
    # (factcheck.extraction.language.SCORED_LANGUAGES): `checkworthiness` is then 0, not a score.
    scored: bool = True


@dataclass(frozen=True)
class ExtractedArticle:
    document: Document
    claims: list[ClaimCandidate] = field(default_factory=list)
