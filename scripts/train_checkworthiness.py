"""Train the check-worthiness model and write factcheck/extraction/model/checkworthiness.npz.

    .venv/bin/pip install -e '.[train]'        # scikit-learn, only needed here
    .venv/bin/python scripts/train_checkworthiness.py [--data DIR] [--out FILE] [--jobs 2]
    .venv/bin/python scripts/train_checkworthiness.py --select   # the CV grid, writes nothing

Model selection is by stratified k-fold cross-validation (fixed seed) on the ClaimBuster
training + dev splits pooled; the CLEF training debates are in every fold's training part (with
their sample weight) and never held out. Each fold's held-out ClaimBuster part is scored as if it
were class-balanced, like the test split: its negatives are weighted by (positives / negatives),
which is the expectation over balanced subsamples (one explicit balanced subsample per fold is
reported too). The decision threshold is the single score that maximises the mean balanced F1
over the folds (out-of-fold scores). ``--select`` runs the grid of settings below and prints these
CV figures plus the mean CLEF dev-debate MAP of the fold models; the default command re-runs the
CV of the shipped setting to derive the threshold, then fits that setting on all training data
(ClaimBuster train + dev, CLEF train), prints the CLEF dev MAP and writes the model (weights,
intercept, threshold). The test splits are never looked at here.

Deterministic: fixed splits (scripts/checkworthiness_splits.py), fixed fold seed, a
deterministic solver. The feature matrix is built from ``checkworthiness.Features`` -- the very
code the runtime scores with -- so the model file and the runtime agree by construction (checked
below against scikit-learn's predict_proba).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from joblib import Parallel, delayed
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from checkworthiness_splits import DEFAULT_DATA, load_splits  # noqa: E402

from factcheck.extraction import checkworthiness as cw  # noqa: E402

OUT = ROOT / "factcheck" / "extraction" / "model" / "checkworthiness.npz"

BITS_WORD = 18
BITS_CHAR = 18
CLASS_WEIGHT = "balanced"
# chosen by 5-fold CV with --select (see docs/checkworthiness.md)
C = 2.0  # CV balanced F1 0.8526 (C 0.5: 0.8479, 1: 0.8508; C 1 at CLEF weight 1: 0.8455)
CLEF_WEIGHT = 0.3  # weight of a CLEF training sentence relative to a ClaimBuster one
# the CV grid (each setting is 5 fits of ~20 CPU-s; kept small for a shared 2-core machine)
GRID = ((0.5, 0.3), (1.0, 0.3), (2.0, 0.3), (1.0, 1.0))  # (C, CLEF weight)
CV_FOLDS = 5
CV_SEED = 20190908


def matrix(texts, bits_word=BITS_WORD, bits_char=BITS_CHAR) -> sparse.csr_matrix:
    parts = []
    for i in range(0, len(texts), 2000):
        f = cw.Features(texts[i : i + 2000], bits_word, bits_char)
        rows, cols, vals = f.triples()
        shape = (
            len(texts[i : i + 2000]),
            len(cw.FEATURE_NAMES) + (1 << bits_word) + (1 << bits_char),
        )
        parts.append(sparse.csr_matrix((vals, (rows, cols)), shape=shape))
    return sparse.vstack(parts).tocsr()


def balanced_f1(scores: np.ndarray, y: np.ndarray, thresholds) -> np.ndarray:
    """Check-worthy F1 at each threshold (predict positive when score >= threshold) with the
    negatives weighted so that both classes weigh the same: the F1 expected on a class-balanced
    sample of these sentences."""
    t = np.atleast_1d(np.asarray(thresholds, dtype=np.float64))
    pos, neg = np.sort(scores[y == 1]), np.sort(scores[y == 0])
    tp = len(pos) - np.searchsorted(pos, t, side="left")
    fp = (len(neg) - np.searchsorted(neg, t, side="left")) * (len(pos) / len(neg))
    fn = len(pos) - tp
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tp > 0, 2 * tp / (2 * tp + fp + fn), 0.0)


def average_precision(scores, y) -> float:
    order = np.argsort(-np.asarray(scores), kind="stable")
    y = np.asarray(y)[order]
    if y.sum() == 0:
        return 0.0
    hits = np.cumsum(y)
    return float(np.sum((hits / np.arange(1, len(y) + 1))[y == 1]) / y.sum())


def mean_ap(sentences, scores) -> tuple[float, dict[str, float]]:
    per: dict[str, float] = {}
    for d in sorted({c.debate for c in sentences}):
        idx = [i for i, c in enumerate(sentences) if c.debate == d]
        per[d] = average_precision([scores[i] for i in idx], [sentences[i].label for i in idx])
    return float(np.mean(list(per.values()))), per


def fit(x, y, w, c=C, class_weight=CLASS_WEIGHT) -> LogisticRegression:
    """Logistic regression (liblinear, deterministic)."""
    clf = LogisticRegression(
        C=c, solver="liblinear", max_iter=1000, tol=1e-6, class_weight=class_weight
    )
    keep = w > 0  # a weight of 0 leaves those sentences out altogether
    clf.fit(x[keep], y[keep], sample_weight=w[keep])
    return clf


class Data:
    """The training pool (ClaimBuster train + dev, then CLEF train) and CLEF dev, featurised."""

    def __init__(self, splits):
        cb = splits.cb_train + splits.cb_dev
        self.n_cb = len(cb)
        self.texts = [t for t, _ in cb] + [s.text for s in splits.clef_train]
        self.y = np.array([y for _, y in cb] + [s.label for s in splits.clef_train])
        self.x = matrix(self.texts)
        self.clef_dev = splits.clef_dev
        self.x_clef_dev = matrix([s.text for s in splits.clef_dev])
        skf = StratifiedKFold(n_splits=CV_FOLDS, shuffle=True, random_state=CV_SEED)
        self.folds = [held for _, held in skf.split(np.zeros(self.n_cb), self.y[: self.n_cb])]

    def weights(self, clef_weight: float) -> np.ndarray:
        w = np.ones(len(self.y))
        w[self.n_cb :] = clef_weight
        return w


def _fold_job(x, y, w, held, x_clef_dev, c, class_weight):
    train = np.ones(len(y), dtype=bool)
    train[held] = False
    clf = fit(x[train], y[train], w[train], c, class_weight)
    return clf.predict_proba(x[held])[:, 1], clf.predict_proba(x_clef_dev)[:, 1]


def cross_validate(data: Data, settings, jobs: int) -> list[dict]:
    """Out-of-fold ClaimBuster scores and CLEF dev MAP of every fold model, for each setting
    (c, clef_weight); the threshold maximising the mean balanced fold F1 and the figures at it."""
    tasks = [(i, k, c, cw_) for i, (c, cw_) in enumerate(settings) for k in range(len(data.folds))]
    out = Parallel(n_jobs=jobs)(
        delayed(_fold_job)(
            data.x, data.y, data.weights(cw_), data.folds[k], data.x_clef_dev, c, CLASS_WEIGHT
        )
        for _, k, c, cw_ in tasks
    )
    y_cb = data.y[: data.n_cb]
    results = []
    for i, (c, clef_weight) in enumerate(settings):
        runs = [r for (j, *_), r in zip(tasks, out, strict=True) if j == i]
        oof = np.zeros(data.n_cb)
        for held, (s, _) in zip(data.folds, runs, strict=True):
            oof[held] = s
        u = np.unique(oof)
        cands = (u[:-1] + u[1:]) / 2
        per_fold = np.array([balanced_f1(oof[held], y_cb[held], cands) for held in data.folds])
        best = int(np.argmax(per_fold.mean(axis=0)))
        t = float(cands[best])
        fold_f1 = per_fold[:, best]
        # one explicit balanced subsample per fold (all positives, as many random negatives)
        rng = np.random.default_rng(CV_SEED)
        sub_f1, prec, rec = [], [], []
        for held in data.folds:
            yh = y_cb[held]
            pos = held[yh == 1]
            neg = rng.choice(held[yh == 0], size=len(pos), replace=False)
            idx = np.concatenate([pos, neg])
            sub_f1.append(float(balanced_f1(oof[idx], y_cb[idx], t)[0]))
            pred = oof[idx] >= t
            tp = np.sum(pred & (y_cb[idx] == 1))
            prec.append(tp / max(1, pred.sum()))
            rec.append(tp / len(pos))
        fold_best_t = [float(cands[int(np.argmax(f))]) for f in per_fold]
        maps = [mean_ap(data.clef_dev, d)[0] for _, d in runs]
        results.append(
            dict(
                c=c,
                clef_weight=clef_weight,
                threshold=t,
                f1=float(fold_f1.mean()),
                f1_sd=float(fold_f1.std()),
                f1_folds=fold_f1.tolist(),
                f1_sub=float(np.mean(sub_f1)),
                precision=float(np.mean(prec)),
                recall=float(np.mean(rec)),
                fold_thresholds=fold_best_t,
                f1_pooled=float(balanced_f1(oof, y_cb, t)[0]),
                clef_map=float(np.mean(maps)),
                # the share of the natural (imbalanced) pool the threshold flags, for information
                flagged=float(np.mean(oof >= t)),
            )
        )
    return results


def describe(r: dict) -> str:
    return (
        f"C={r['c']:<4} CLEF weight={r['clef_weight']:<4} CV balanced F1 {r['f1']:.4f}"
        f" +- {r['f1_sd']:.4f} (balanced subsamples {r['f1_sub']:.4f}, P {r['precision']:.3f}"
        f" R {r['recall']:.3f}) at threshold {r['threshold']:.4f}"
        f"  CLEF dev MAP {r['clef_map']:.4f}"
    )


def select(data: Data, jobs: int) -> None:
    """The CV grid; the shipped setting is the best mean balanced fold F1."""
    results = cross_validate(data, list(GRID), jobs)
    for r in results:
        print(describe(r), flush=True)
    best = max(results, key=lambda r: (r["f1"], r["clef_map"]))
    print(f"best by CV: C={best['c']} CLEF weight={best['clef_weight']}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--jobs", type=int, default=2, help="parallel fits (joblib)")
    ap.add_argument("--select", action="store_true", help="print the CV grid, write nothing")
    args = ap.parse_args(argv)

    splits = load_splits(args.data)
    for note in splits.notes:
        print(note)
    data = Data(splits)
    print(
        f"CV pool: {data.n_cb} ClaimBuster sentences ({int(data.y[: data.n_cb].sum())} positive)"
        f" in {CV_FOLDS} stratified folds (seed {CV_SEED}); {len(data.y) - data.n_cb} CLEF"
        " training sentences in every fold's training part"
    )
    if args.select:
        select(data, args.jobs)
        return

    (r,) = cross_validate(data, [(C, CLEF_WEIGHT)], args.jobs)
    print(describe(r))
    print("    per fold F1 at that threshold: " + ", ".join(f"{f:.4f}" for f in r["f1_folds"]))
    print(
        "    per fold best thresholds: "
        + ", ".join(f"{t:.4f}" for t in r["fold_thresholds"])
        + f"; pooled out-of-fold balanced F1 {r['f1_pooled']:.4f};"
        f" flags {r['flagged']:.1%} of the (imbalanced) pool"
    )
    threshold = r["threshold"]

    clf = fit(data.x, data.y, data.weights(CLEF_WEIGHT), C, CLASS_WEIGHT)
    coef, intercept = clf.coef_[0], float(clf.intercept_[0])
    m, per = mean_ap(splits.clef_dev, clf.predict_proba(data.x_clef_dev)[:, 1])
    print(
        f"features: {len(cw.FEATURE_NAMES)} cues + 2^{BITS_WORD} word + "
        f"2^{BITS_CHAR} character n-gram buckets"
    )
    print(
        f"final model: C={C}, CLEF weight {CLEF_WEIGHT}, class weight {CLASS_WEIGHT}, trained on"
        f" {len(data.y)} sentences; shipped threshold {threshold:.4f} (from CV)"
    )
    print(f"dev CLEF MAP: {m:.4f}  " + "  ".join(f"{d}={v:.3f}" for d, v in per.items()))

    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        coef=coef.astype(np.float32),
        intercept=np.float64(intercept),
        threshold=np.float64(threshold),
        bits_word=np.int64(BITS_WORD),
        bits_char=np.int64(BITS_CHAR),
    )
    # the runtime (numpy only, float32 weights) must reproduce the fitted model
    cw._model.cache_clear()
    if args.out.resolve() == OUT.resolve():
        sample = [t for t, _ in splits.cb_dev] + [x.text for x in splits.clef_dev[:500]]
        diff = np.max(np.abs(np.array(cw.score(sample)) - clf.predict_proba(matrix(sample))[:, 1]))
        print(f"runtime vs scikit-learn predict_proba: max |difference| {diff:.2e}")
        assert diff < 1e-6
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB)")


if __name__ == "__main__":
    main()
