"""Benchmark the shipped check-worthiness model on the held-out splits.

    .venv/bin/python bench/checkworthiness.py [--data DIR] [--n 40000] [--batch 1000] [--rounds 3]

Prints (1) F1 of the check-worthy class on the class-balanced ClaimBuster test split at the
shipped threshold, (2) MAP over the held-out CLEF 2019 debates (average precision of the ranking
of each debate's sentences, then the mean), (3) throughput of this single process pinned to one
core: sentences per CPU-second (time.process_time around the score() calls, batches of 1000,
the median of a few rounds), wall clock for information, and score_one() one at a time.
Splits come from scripts/checkworthiness_splits.py, the same as in training.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from checkworthiness_splits import DEFAULT_DATA, load_splits  # noqa: E402

from factcheck.extraction import checkworthiness as cw  # noqa: E402

F1_TARGET = 0.85
MAP_TARGET = 0.17
RATE_TARGET = 20_000


def _verdict(ok: bool) -> str:
    return "MET" if ok else "NOT MET"


def average_precision(scores, labels) -> float:
    order = np.argsort(-np.asarray(scores), kind="stable")
    y = np.asarray(labels)[order]
    if y.sum() == 0:
        return 0.0
    hits = np.cumsum(y)
    return float(np.sum((hits / np.arange(1, len(y) + 1))[y == 1]) / y.sum())


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=40_000, help="sentences for the throughput test")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3, help="throughput rounds (median reported)")
    args = ap.parse_args(argv)
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    splits = load_splits(args.data)
    for note in splits.notes:
        print(note)
    cw.score_one("warm up")  # load the model outside the timings
    threshold = cw.THRESHOLD

    # (1) ClaimBuster, class-balanced held-out split, shipped threshold
    texts = [t for t, _ in splits.cb_test]
    y = np.array([label for _, label in splits.cb_test])
    pred = np.array([cw.is_checkworthy(s) for s in cw.score(texts)])
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    print()
    print(
        f"(1) ClaimBuster balanced test ({int(y.sum())} check-worthy + {int((y == 0).sum())} not),"
        f" threshold {threshold:.4f}:"
    )
    print(f"    precision {precision:.4f}  recall {recall:.4f}")
    print(f"    F1 (check-worthy) = {f1:.4f}   target >= {F1_TARGET}  {_verdict(f1 >= F1_TARGET)}")

    # (2) CLEF 2019, whole held-out debates
    print(f"(2) CLEF 2019 held-out debates ({len(splits.clef_test)} sentences):")
    aps = []
    for debate in sorted({c.debate for c in splits.clef_test}):
        rows = [c for c in splits.clef_test if c.debate == debate]
        ap_ = average_precision(cw.score([c.text for c in rows]), [c.label for c in rows])
        aps.append(ap_)
        print(
            f"    {debate:32s} {len(rows):5d} sentences {sum(c.label for c in rows):3d} positive"
            f"  AP {ap_:.4f}"
        )
    m = float(np.mean(aps))
    print(f"    MAP = {m:.4f}   target >= {MAP_TARGET}  {_verdict(m >= MAP_TARGET)}")

    # (3) throughput: CPU time of this (single, one-core) process spent inside score(), so that
    # other processes sharing the machine do not count; wall clock printed for information
    pool = [t for t, _ in splits.cb_test + splits.cb_dev] + [c.text for c in splits.clef_test]
    sents = (pool * (args.n // len(pool) + 1))[: args.n]
    batches = [sents[i : i + args.batch] for i in range(0, len(sents), args.batch)]
    rates, walls = [], []
    for _ in range(args.rounds):
        cpu = 0.0
        start = time.perf_counter()
        for batch in batches:
            t0 = time.process_time()
            cw.score(batch)
            cpu += time.process_time() - t0
        walls.append(len(sents) / (time.perf_counter() - start))
        rates.append(len(sents) / cpu)
    rate = float(np.median(rates))
    n_one = min(len(sents), 5_000)
    cpu = 0.0
    for s in sents[:n_one]:
        t0 = time.process_time()
        cw.score_one(s)
        cpu += time.process_time() - t0
    one_rate = n_one / cpu
    print(
        f"(3) throughput, one process pinned to one core ({len(sents)} sentences, mean "
        f"{np.mean([len(s) for s in sents]):.0f} chars, {args.rounds} rounds):"
    )
    print(
        f"    score() in batches of {args.batch}: {rate:,.0f} sentences per CPU-second (median;"
        f" rounds {', '.join(f'{r:,.0f}' for r in rates)})"
    )
    print(
        f"    target >= {RATE_TARGET:,} sentences per CPU-second  {_verdict(rate >= RATE_TARGET)}"
    )
    print(
        f"    wall clock, for information: {np.median(walls):,.0f} sentences/s"
        " (lower when other processes share the core)"
    )
    print(f"    score_one() one at a time: {one_rate:,.0f} sentences per CPU-second")


if __name__ == "__main__":
    main()
