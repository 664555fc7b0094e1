"""Re-run the cross-validation of the feature and weighting variants measured against the
shipped check-worthiness model (docs/checkworthiness.md, "Richer features and weightings").

    .venv/bin/python scripts/checkworthiness_variants.py [--data DIR] [--jobs 2] [NAME ...]

Each variant is the shipped logistic regression (C 2, classes balanced, liblinear) on a changed
input or with changed sentence weights, cross-validated exactly like ``train_checkworthiness.py
--select`` (same folds, near-duplicates, threshold and figures). The variants that the runtime
does not compute (word trigrams, other character n-gram sizes, binary counts) are built here from
the runtime's own ``Features``; none of them was kept, so the runtime does not carry them.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from checkworthiness_splits import DEFAULT_DATA, load  # noqa: E402
from train_checkworthiness import SHIPPED, Pool, Setting, cross_validate, describe  # noqa: E402

from factcheck.extraction import checkworthiness as cw  # noqa: E402

_MASK = (1 << 64) - 1


@dataclass(frozen=True)
class Variant(Setting):
    name: str = "shipped"
    char_ns: tuple[int, ...] = cw.CHAR_NS
    trigrams: bool = False  # word trigrams added to the word table
    binary: bool = False  # n-gram presence instead of counts, scaled by 1/sqrt(distinct n-grams)
    scale: tuple[float, float, float] = (1.0, 1.0, 1.0)  # multiplies cues, word, char columns
    clef_pos_weight: float | None = None  # CLEF positives' weight (None: clef_weight)

    def __str__(self) -> str:
        return f"{self.name}: {super().__str__()}"


# per-block multipliers of the columns (cues, word, char): the same as a C per block
SCALES = ((1, 1, 0.5), (1, 1, 0.7), (1, 1, 1.4), (1, 0.7, 1), (1, 1.4, 1), (2, 1, 1), (0.5, 1, 1))
BASE = Variant(**{k: getattr(SHIPPED, k) for k in SHIPPED.__dataclass_fields__})
VARIANTS = (
    BASE,
    replace(BASE, name="CLEF weight 0", clef_weight=0.0),
    replace(BASE, name="CLEF weight 0.03", clef_weight=0.03),
    replace(BASE, name="CLEF weight 0.05", clef_weight=0.05),
    replace(BASE, name="CLEF weight 0.2", clef_weight=0.2),
    replace(BASE, name="CLEF weight 1", clef_weight=1.0),
    replace(BASE, name="CLEF positives 0.3, negatives 0.1", clef_pos_weight=0.3),
    replace(BASE, name="CLEF positives 1, negatives 0.1", clef_pos_weight=1.0),
    replace(BASE, name="CLEF positives 0.3, negatives 0.03", clef_weight=0.03, clef_pos_weight=0.3),
    replace(BASE, name="word trigrams", trigrams=True),
    replace(BASE, name="char 2-5", char_ns=(2, 3, 4, 5)),
    replace(BASE, name="char 3-6", char_ns=(3, 4, 5, 6)),
    replace(BASE, name="char 2-6", char_ns=(2, 3, 4, 5, 6)),
    replace(BASE, name="char 1-6", char_ns=(1, 2, 3, 4, 5, 6)),
    replace(BASE, name="word 2^20, char 2^20", bits_word=20, bits_char=20),
    replace(BASE, name="binary n-grams", binary=True),
    replace(BASE, name="word trigrams + char 3-6", trigrams=True, char_ns=(3, 4, 5, 6)),
    replace(
        BASE,
        name="word trigrams + char 3-6, binary",
        trigrams=True,
        char_ns=(3, 4, 5, 6),
        binary=True,
    ),
    *(replace(BASE, name=f"block scale cues/word/char {a}", scale=a) for a in SCALES),
)


def _trigram_buckets(f: cw.Features) -> tuple[np.ndarray, np.ndarray]:
    """(row, bucket) of every word trigram, hashed like the runtime hashes word bigrams."""
    rows, buckets = [], []
    bigram, mix, shift = int(cw._BIGRAM), int(cw._MIX), 64 - f.bits_word
    text = f.text
    for i in range(f.k):
        h = [cw._hash(t) for t in text[f.offsets[i] : f.offsets[i + 1]].split()]
        for a, b, c in zip(h, h[1:], h[2:], strict=False):
            tri = (((a * bigram + b) * bigram + c + 3) & _MASK) * mix & _MASK
            rows.append(i)
            buckets.append(tri >> shift)
    return np.array(rows, dtype=np.intp), np.array(buckets, dtype=np.intp)


def _counts(rows, buckets, k: int, width: int) -> sparse.csr_matrix:
    return sparse.csr_matrix((np.ones(len(rows)), (rows, buckets)), shape=(k, width))


def _scaled(counts: sparse.csr_matrix, binary: bool) -> sparse.csr_matrix:
    """Counts over sqrt(number of n-grams), as the runtime scales; or presence over
    sqrt(number of distinct n-grams)."""
    if binary:
        counts = counts.copy()
        counts.data[:] = 1.0
    total = np.asarray(counts.sum(axis=1)).ravel()
    return sparse.diags(1.0 / np.sqrt(np.maximum(total, 1))) @ counts


def matrix(texts, v: Variant) -> sparse.csr_matrix:
    parts = []
    cw.CHAR_NS = v.char_ns  # read by Features' character n-grams
    try:
        for i in range(0, len(texts), 2000):
            chunk = texts[i : i + 2000]
            f = cw.Features(chunk, v.bits_word, v.bits_char)
            k = len(chunk)
            word_rows, word_buckets = f.word_row, f.word_bucket
            if v.trigrams:
                rows, buckets = _trigram_buckets(f)
                word_rows = np.concatenate([word_rows, rows])
                word_buckets = np.concatenate([word_buckets, buckets])
            char_rows, char_buckets, _, _ = f.char_ngrams()
            parts.append(
                sparse.hstack(
                    [
                        sparse.csr_matrix(f.cues) * v.scale[0],
                        _scaled(_counts(word_rows, word_buckets, k, 1 << v.bits_word), v.binary)
                        * v.scale[1],
                        _scaled(_counts(char_rows, char_buckets, k, 1 << v.bits_char), v.binary)
                        * v.scale[2],
                    ]
                ).tocsr()
            )
    finally:
        cw.CHAR_NS = BASE.char_ns
    return sparse.vstack(parts).tocsr()


class VariantPool(Pool):
    """The training pool, with each variant's input matrix and sentence weights."""

    def x(self, s: Setting) -> sparse.csr_matrix:
        assert isinstance(s, Variant)
        key = (s.bits_word, s.bits_char, s.char_ns, s.trigrams, s.binary, s.scale)
        if key not in self._x:
            self._x[key] = matrix(self.texts, s)
        return self._x[key]

    def weights(self, s: Setting) -> np.ndarray:
        assert isinstance(s, Variant)
        w = super().weights(s)
        if s.clef_pos_weight is not None:
            w[~self.is_cb & (self.y == 1)] = s.clef_pos_weight
        return w


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("names", nargs="*", help="variants to run (default: all)")
    args = ap.parse_args(argv)
    chosen = [v for v in VARIANTS if not args.names or v.name in args.names]
    pool = VariantPool(load(args.data))
    for v in chosen:  # one at a time: each variant's matrix is freed before the next
        (r,) = cross_validate(pool, [v], args.jobs)
        print(describe(r), flush=True)
        pool._x.clear()


if __name__ == "__main__":
    main()
