"""Earlier fact-checks that a claim repeats: pure (no Flask, no database).

``Library`` holds the fact-checks (``Entry``: id, claim, title) and finds, for any text, the ones
that check the same claim (``Match``: id, score, similarity), best first. ``Encoder`` turns texts
into unit-length vectors with the sentence model shipped in ``model/``; ``vectors`` holds the
storage format (``to_blob``/``from_blob``) and the in-memory index; ``lexical`` the BM25 share of
the score. docs/matching.md has the measurements and the design for the database.
"""

from .encoder import Encoder
from .library import (
    CANDIDATES,
    LEXICAL_WEIGHT,
    MIN_SIMILARITY,
    Candidate,
    Entry,
    Library,
    Match,
    rank,
)
from .text import query_text, words
from .vectors import VectorIndex, from_blob, to_blob

__all__ = [
    "CANDIDATES",
    "LEXICAL_WEIGHT",
    "MIN_SIMILARITY",
    "Candidate",
    "Encoder",
    "Entry",
    "Library",
    "Match",
    "VectorIndex",
    "from_blob",
    "query_text",
    "rank",
    "to_blob",
    "words",
]
