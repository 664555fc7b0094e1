"""Article text in, claim candidates out: pure functions, no Flask, no database.

``extract_article(data, fmt)`` runs the whole pipeline: ``decode_text`` (bytes to text, or a
clear ExtractionError), ``parse_document`` (Markdown, plain text or HTML to a Document: canonical
text, metadata, links with offsets, excluded boilerplate spans, sources), ``extract_claims``
(sentences, check-worthiness, attribution, citations, dates, anchors). ``anchor_quote`` and
``reanchor`` keep claims attached when an article is re-ingested in a revised version;
``claim_fingerprint`` links the same claim across articles.
"""

from typing import TYPE_CHECKING

# Loaded on first use (PEP 562): importing one light part (the types, the dates, the URL rules)
# does not load the model (numpy) or the HTML reader (lxml, trafilatura).
_WHERE = {
    "anchor_quote": "anchoring",
    "reanchor": "anchoring",
    "attribute": "attribution",
    "find_time_expressions": "dates",
    "resolve_claim_date": "dates",
    "FORMATS": "decoding",
    "MAX_INPUT_BYTES": "decoding",
    "decode_text": "decoding",
    "format_for_filename": "decoding",
    "parse_document": "documents",
    "claim_fingerprint": "fingerprint",
    "normalize_claim": "fingerprint",
    "similar_claim": "fingerprint",
    "extract_article": "pipeline",
    "extract_claims": "pipeline",
    "split_sentences": "sentences",
    "Caption": "types",
    "Citation": "types",
    "ClaimCandidate": "types",
    "Document": "types",
    "ExtractedArticle": "types",
    "ExtractionError": "types",
    "Link": "types",
}

if TYPE_CHECKING:
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


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


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
