"""A normalised key for a claim's text, so the same claim in another article can be linked."""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rapidfuzz import fuzz

__all__ = ["claim_fingerprint", "normalize_claim", "similar_claim"]

_PUNCT_RE = re.compile(r"(?<!\d)[^\w\s]|[^\w\s](?!\d)")
_WS_RE = re.compile(r"\s+")


def normalize_claim(text: str) -> str:
    """Lower case; quotes and punctuation removed (not inside numbers: 3.5, 1,000); spaces
    collapsed."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = _PUNCT_RE.sub(" ", text)
    return _WS_RE.sub(" ", text).strip()


def claim_fingerprint(text: str) -> str:
    """32 hex characters: equal for claims that differ only in case, punctuation and spacing."""
    return hashlib.blake2b(normalize_claim(text).encode("utf-8"), digest_size=16).hexdigest()


def similar_claim(a: str, b: str) -> float:
    """Similarity of two claims in 0..1 (word-order tolerant)."""
    na, nb = normalize_claim(a), normalize_claim(b)
    if not na or not nb:
        return 0.0
    return fuzz.token_sort_ratio(na, nb) / 100.0
