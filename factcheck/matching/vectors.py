"""Vectors as stored and searched: an int8 blob per entry, a bit signature for the first pass.

Storage format (``to_blob``/``from_blob``): the vector scaled so that its largest component is
127, rounded to int8, followed by the scale as a little-endian float32: ``dim + 4`` bytes
(388 for 384 dimensions), the same bytes in SQLite and PostgreSQL (a BLOB / bytea column).

Search (``VectorIndex``) takes two passes: the Hamming distance between sign bits (48 bytes per
entry for 384 dimensions) picks a shortlist, and the int8 vectors give the shortlist its exact
cosine similarities. A library no larger than the shortlist is scored exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

SHORTLIST = 1000


def quantize(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows as int8 codes and their float32 scales (code / scale is the row)."""
    vectors = np.asarray(vectors, dtype=np.float32)
    peak = np.abs(vectors).max(axis=1)
    scales = (127.0 / np.where(peak > 0, peak, 1.0)).astype(np.float32)
    codes = np.rint(vectors * scales[:, None]).astype(np.int8)
    return codes, scales


def to_blob(vector: np.ndarray) -> bytes:
    codes, scales = quantize(np.asarray(vector, dtype=np.float32)[None, :])
    return codes[0].tobytes() + scales.astype("<f4").tobytes()


def from_blob(blob: bytes, dim: int) -> np.ndarray:
    """The float32 vector stored by ``to_blob``; a blob of the wrong size is a ValueError."""
    if len(blob) != dim + 4:
        raise ValueError(f"a vector blob of {dim} dimensions has {dim + 4} bytes, not {len(blob)}")
    codes = np.frombuffer(blob, dtype=np.int8, count=dim).astype(np.float32)
    return codes / np.frombuffer(blob, dtype="<f4", offset=dim)[0]


def signatures(vectors: np.ndarray) -> np.ndarray:
    """Sign bits of each row, packed into uint64 words."""
    bits = np.packbits(np.asarray(vectors) > 0, axis=1)
    pad = (-bits.shape[1]) % 8
    if pad:
        bits = np.pad(bits, ((0, 0), (0, pad)))
    return bits.view(np.uint64)


class VectorIndex:
    """Entry ids with their vectors; ``search`` gives the ids closest to a query vector."""

    def __init__(self, dim: int, shortlist: int = SHORTLIST) -> None:
        self.dim = dim
        self.shortlist = shortlist
        self.ids = np.empty(0, dtype=np.int64)
        self.codes = np.empty((0, dim), dtype=np.int8)
        self.scales = np.empty(0, dtype=np.float32)
        self.bits = np.empty((0, (dim + 63) // 64), dtype=np.uint64)

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, ids: Sequence[int], vectors: np.ndarray) -> None:
        """Add entries (an id already present is replaced)."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        self.remove(ids)
        codes, scales = quantize(vectors)
        self.ids = np.concatenate([self.ids, np.asarray(ids, dtype=np.int64)])
        self.codes = np.concatenate([self.codes, codes])
        self.scales = np.concatenate([self.scales, scales])
        self.bits = np.concatenate([self.bits, signatures(vectors)])

    def remove(self, ids: Sequence[int]) -> None:
        keep = ~np.isin(self.ids, np.asarray(ids, dtype=np.int64))
        if not keep.all():
            self.ids, self.codes = self.ids[keep], self.codes[keep]
            self.scales, self.bits = self.scales[keep], self.bits[keep]

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Up to k (id, cosine similarity) pairs, best first; the query must be unit length."""
        query = np.asarray(query, dtype=np.float32)
        rows = np.arange(len(self.ids))
        if len(rows) > self.shortlist:
            distance = np.bitwise_count(self.bits ^ signatures(query[None, :])).sum(axis=1)
            rows = np.argpartition(distance, self.shortlist)[: self.shortlist]
        similarity = (self.codes[rows].astype(np.float32) @ query) / self.scales[rows]
        best = np.argsort(-similarity, kind="stable")[:k]
        return [(int(self.ids[rows[i]]), float(similarity[i])) for i in best]
