"""BM25 (Okapi) scores of a few candidate entries, with statistics kept for the whole library.

The matcher needs lexical scores only for the candidates its vectors found, so this keeps what
BM25 needs globally (how many entries contain each word, the average length) and scores a short
list on demand; libraries that index a whole corpus (rank-bm25, bm25s) would score every entry.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

K1 = 1.5
B = 0.75


class LexicalStats:
    """Document frequencies and total length of the library's entries, updated as they change."""

    def __init__(self) -> None:
        self.document_frequency: Counter[str] = Counter()
        self.entries = 0
        self.total_length = 0

    def add(self, words: Sequence[str]) -> None:
        self.document_frequency.update(set(words))
        self.entries += 1
        self.total_length += len(words)

    def remove(self, words: Sequence[str]) -> None:
        """Forget an entry added earlier with these same words."""
        self.document_frequency.subtract(set(words))
        for word in set(words):
            if self.document_frequency[word] <= 0:
                del self.document_frequency[word]
        self.entries -= 1
        self.total_length -= len(words)

    def idf(self, word: str) -> float:
        # The "plus one" form: never negative, so a word in most entries still counts a little.
        df = self.document_frequency.get(word, 0)
        return math.log(1.0 + (self.entries - df + 0.5) / (df + 0.5))

    def scores(self, query: Iterable[str], candidates: Sequence[Sequence[str]]) -> list[float]:
        """BM25 of each candidate (a list of words) for the query words."""
        average = self.total_length / self.entries if self.entries else 1.0
        weights = {word: self.idf(word) for word in set(query)}
        out = []
        for words in candidates:
            counts = Counter(words)
            norm = K1 * (1.0 - B + B * len(words) / average)
            out.append(
                sum(
                    idf * counts[w] * (K1 + 1.0) / (counts[w] + norm)
                    for w, idf in weights.items()
                    if w in counts
                )
            )
        return out
