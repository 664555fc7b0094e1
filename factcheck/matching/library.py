"""The library of earlier fact-checks and the search for the ones a new claim repeats.

``Library.add(entries)`` encodes each entry's claim (its vector) and keeps its claim and title
words (the lexical score); ``Library.match(text)`` takes the ``CANDIDATES`` entries whose claims
are closest in meaning and ranks them by

    score = cosine similarity + LEXICAL_WEIGHT * BM25 / (the best BM25 among the candidates)

Fields, weight and threshold were chosen by 5-fold cross-validation over the CheckThat! 2020
train and dev queries (docs/matching.md, bench/matching.py): the claim's vector with BM25 over
claim and title scored 0.868 ± 0.014 MAP@5 across folds, the vector alone 0.821 ± 0.017.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .encoder import DIMENSIONS, Encoder
from .lexical import LexicalStats
from .text import query_text, words
from .vectors import VectorIndex

CANDIDATES = 100
# 0.15 and 0.2 tie over train+dev (0.869); 0.2 sits mid-plateau (0.1: 0.862, 0.3: 0.861).
LEXICAL_WEIGHT = 0.2
# Below this cosine similarity the best entry is "nothing found": chosen by 5-fold CV as the
# threshold with the best F1 of a shown top match where one claim in five was checked before
# (news sentences that no fact-check covers weighted to 80 %); every fold chose 0.56
# (bench/matching.py). Weighted equally, the folds chose 0.52-0.54.
MIN_SIMILARITY = 0.56


@dataclass(frozen=True)
class Entry:
    """A fact-check in the library: its id, the claim it checked, its title."""

    id: int
    claim: str
    title: str = ""


@dataclass(frozen=True)
class Candidate:
    id: int
    similarity: float  # cosine similarity of the claims' vectors, -1 to 1
    lexical: float  # BM25 over claim and title, as a share of the best among the candidates


@dataclass(frozen=True)
class Match:
    id: int
    score: float  # the ranking score (similarity plus the weighted lexical share)
    similarity: float  # cosine similarity of the claims' vectors, -1 to 1


class Library:
    def __init__(self, encoder: Encoder | None = None) -> None:
        self._encoder = encoder
        self.index = VectorIndex(DIMENSIONS)
        self.lexical = LexicalStats()
        self._words: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return len(self.index)

    def __contains__(self, entry_id: int) -> bool:
        return entry_id in self._words

    @property
    def encoder(self) -> Encoder:
        """Loaded on first use: a library given stored vectors searches without the model."""
        if self._encoder is None:
            self._encoder = Encoder()
        return self._encoder

    def add(self, entries: Sequence[Entry], vectors: np.ndarray | None = None) -> None:
        """Add (or replace) entries; ``vectors`` are their claims' vectors when already known."""
        if not entries:
            return
        if vectors is None:
            vectors = self.encoder.encode([entry.claim for entry in entries])
        self.remove([entry.id for entry in entries])
        for entry in entries:
            entry_words = words(f"{entry.claim} {entry.title}")
            self._words[entry.id] = entry_words
            self.lexical.add(entry_words)
        self.index.add([entry.id for entry in entries], vectors)

    def remove(self, ids: Iterable[int]) -> None:
        present = [i for i in ids if i in self._words]
        for i in present:
            self.lexical.remove(self._words.pop(i))
        self.index.remove(present)

    def match(self, text: str, top: int = 5, min_similarity: float | None = None) -> list[Match]:
        return self.match_many([text], top, min_similarity)[0]

    def match_many(
        self,
        texts: Sequence[str],
        top: int = 5,
        min_similarity: float | None = None,
        vectors: np.ndarray | None = None,
    ) -> list[list[Match]]:
        """Best entries for each text, best first (only those reaching ``min_similarity``);
        ``vectors``: the texts' vectors when already known (``query_text`` of each, encoded)."""
        return [
            rank(candidates, LEXICAL_WEIGHT, min_similarity)[:top]
            for candidates in self.candidates(texts, vectors)
        ]

    def candidates(
        self, texts: Sequence[str], vectors: np.ndarray | None = None
    ) -> list[list[Candidate]]:
        """For each text, the ``CANDIDATES`` entries closest in meaning, with both scores."""
        cleaned = [query_text(text) for text in texts]
        if vectors is None:
            vectors = self.encoder.encode(cleaned)
        out = []
        for query, vector in zip(cleaned, vectors, strict=True):
            found = self.index.search(vector, CANDIDATES)
            bm25 = self.lexical.scores(words(query), [self._words[i] for i, _ in found])
            best = max(bm25, default=0.0) or 1.0
            out.append(
                [
                    Candidate(id=i, similarity=similarity, lexical=score / best)
                    for (i, similarity), score in zip(found, bm25, strict=True)
                ]
            )
        return out


def rank(
    candidates: Sequence[Candidate], lexical_weight: float, min_similarity: float | None = None
) -> list[Match]:
    """Candidates as matches, best first (ties: the lower id first)."""
    ranked = sorted(
        (
            Match(id=c.id, score=c.similarity + lexical_weight * c.lexical, similarity=c.similarity)
            for c in candidates
            if min_similarity is None or c.similarity >= min_similarity
        ),
        key=lambda m: (-m.score, m.id),
    )
    return ranked
