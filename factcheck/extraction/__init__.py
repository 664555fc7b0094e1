"""Article text in, claim candidates out: pure functions, no Flask, no database.

``extract_article(data, fmt)`` runs the whole pipeline: ``decode_text`` (bytes to text, or a
clear ExtractionError), ``parse_document`` (Markdown, plain text or HTML to a Document: canonical
text, metadata, links with offsets, excluded boilerplate spans, sources), ``extract_claims``
(sentences, check-worthiness, attribution, citations, dates, anchors). ``anchor_quote`` and
``reanchor`` keep claims attached when an article is re-ingested in a revised version;
``claim_fingerprint`` links the same claim across articles.
"""

from .anchoring import anchor_quote, reanchor
from .attribution import attribute
from .dates import find_time_expressions, resolve_claim_date
from .decoding import FORMATS, MAX_INPUT_BYTES, decode_text, format_for_filename
from .documents import parse_document
from .fingerprint import claim_fingerprint, normalize_claim, similar_claim
from .pipeline import extract_article, extract_claims
from .sentences import split_sentences
from .types import (
    Caption,
    Citation,
    ClaimCandidate,
    Document,
    ExtractedArticle,
    ExtractionError,
    Link,
)

__all__ = [
    "FORMATS",
    "MAX_INPUT_BYTES",
    "Caption",
    "Citation",
    "ClaimCandidate",
    "Document",
    "ExtractedArticle",
    "ExtractionError",
    "Link",
    "anchor_quote",
    "attribute",
    "claim_fingerprint",
    "decode_text",
    "extract_article",
    "extract_claims",
    "find_time_expressions",
    "format_for_filename",
    "normalize_claim",
    "parse_document",
    "reanchor",
    "resolve_claim_date",
    "similar_claim",
    "split_sentences",
]
