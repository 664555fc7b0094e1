"""Benchmark the check-worthiness model: cross-validated quality with its spread, and speed.

    .venv/bin/pip install -e '.[train]'      # the cross-validation fits models (scikit-learn)
    .venv/bin/python bench/checkworthiness.py [--data DIR] [--n 40000] [--batch 1000] [--rounds 3]

Prints (1) the cross-validation of the shipped setting over whole groups (5 folds, each holding
out whole ClaimBuster debates and whole CLEF debates; scripts/checkworthiness_splits.py): F1 of
the check-worthy class on the held-out ClaimBuster sentences weighted to class balance, at the CV
threshold, and MAP over the held-out CLEF debates, each as mean +- standard deviation with the
minimum and maximum over the folds; (2) throughput of the shipped model in this single process
pinned to one core: sentences per CPU-second (time.process_time around the score() calls, which
compute every feature from the raw text; batches of 1000; the median of a few rounds), wall clock
for information, and score_one() one at a time; (3) the model file's size.
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

from checkworthiness_splits import DEFAULT_DATA, load  # noqa: E402
from train_checkworthiness import OUT, SHIPPED, Pool, cross_validate  # noqa: E402

from factcheck.extraction import checkworthiness as cw  # noqa: E402

RATE_TARGET = 20_000


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--n", type=int, default=40_000, help="sentences for the throughput test")
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=3, help="throughput rounds (median reported)")
    ap.add_argument("--jobs", type=int, default=2, help="parallel fits in the cross-validation")
    args = ap.parse_args(argv)

    data = load(args.data)
    for note in data.notes:
        print(note)

    # (1) cross-validation of the shipped setting over whole groups
    pool = Pool(data)
    (r,) = cross_validate(pool, [SHIPPED], args.jobs)
    f, m = r["f1"], r["map"]
    print(f"\n(1) cross-validation, {len(pool.folds)} folds of whole debates; {SHIPPED}")
    print(
        f"    ClaimBuster F1 (class-balanced) {f['mean']:.4f} +- {f['sd']:.4f}"
        f"  min {f['min']:.4f}  max {f['max']:.4f}  (P {r['precision']:.3f} R {r['recall']:.3f},"
        f" threshold {r['threshold']:.4f}; shipped threshold {cw.THRESHOLD:.4f})"
    )
    print("    per fold: " + "  ".join(f"{x:.4f}" for x in r["f1_folds"]))
    print(
        f"    CLEF 2019 MAP {m['mean']:.4f} +- {m['sd']:.4f}  min {m['min']:.4f}"
        f"  max {m['max']:.4f}  (mean over the {len(r['ap'])} debates"
        f" {np.mean(list(r['ap'].values())):.4f})"
    )
    print("    per fold: " + "  ".join(f"{x:.4f}" for x in r["map_folds"]))

    # (2) throughput of the shipped model: CPU time of this process (pinned to one core) inside
    # score(), so that other processes sharing the machine do not count
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    cw.score_one("warm up")  # load the model outside the timings
    sents = (pool.texts * (args.n // len(pool.texts) + 1))[: args.n]
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
    print(
        f"\n(2) throughput, one process pinned to one core ({len(sents)} sentences, mean "
        f"{np.mean([len(s) for s in sents]):.0f} chars, {args.rounds} rounds, every feature"
        " computed from the text):"
    )
    print(
        f"    score() in batches of {args.batch}: {rate:,.0f} sentences per CPU-second (median;"
        f" rounds {', '.join(f'{x:,.0f}' for x in rates)}); target >= {RATE_TARGET:,}:"
        f" {'MET' if rate >= RATE_TARGET else 'NOT MET'}"
    )
    print(f"    wall clock, for information: {np.median(walls):,.0f} sentences/s")
    print(f"    score_one() one at a time: {n_one / cpu:,.0f} sentences per CPU-second")
    print(f"\n(3) model file: {OUT.relative_to(ROOT)}, {OUT.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
