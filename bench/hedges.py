"""What dismissing hedged and predictive sentences at ingest costs and gains, cross-validated.

    .venv/bin/pip install -e '.[train]'      # the cross-validation fits models (scikit-learn)
    .venv/bin/python bench/hedges.py [--data DIR] [--jobs 2]

Ingest keeps a sentence when the check-worthiness score reaches the threshold (or it cites a
source, or it is a caption) and stores it dismissed, reason opinion or prediction, when
``checkworthiness.opinion_or_prediction`` flags it. This runs the shipped setting's
cross-validation (5 folds holding out whole ClaimBuster debates and whole CLEF debates:
scripts/checkworthiness_splits.py), takes each sentence's out-of-fold score and the CV
threshold, and prints per fold, for the sentences the score keeps:

* the share the rule dismisses, and how many of those are labelled check-worthy (a reviewer
  would have to reopen them: recall given up);
* precision of the open list (kept and not dismissed) against the kept list, ClaimBuster weighted
  to class balance as its F1 is, CLEF as it comes (3% check-worthy);
* recall of the open list against the kept list;

each as mean +- standard deviation with the minimum and maximum over the folds.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from checkworthiness_splits import DEFAULT_DATA, load  # noqa: E402
from train_checkworthiness import SHIPPED, Pool, cross_validate  # noqa: E402

from factcheck.extraction import checkworthiness as cw  # noqa: E402


def _spread(values) -> str:
    v = np.asarray(values, dtype=np.float64)
    return f"{v.mean():.3f} +- {v.std():.3f} [{v.min():.3f} .. {v.max():.3f}]"


def _precision(y, keep, weight_neg: float) -> float:
    tp = np.sum(keep & (y == 1))
    fp = np.sum(keep & (y == 0)) * weight_neg
    return float(tp / max(tp + fp, 1e-9))


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    pool = Pool(load(args.data))
    [result] = cross_validate(pool, [SHIPPED], args.jobs)
    oof, t = result["oof"], result["threshold"]
    flagged = np.array([cw.opinion_or_prediction(text) is not None for text in pool.texts])
    print(f"shipped setting {SHIPPED}; CV threshold {t:.4f}; {flagged.mean():.3f} of all")
    print(f"sentences flagged as hedged or predictive ({flagged.sum()} of {len(flagged)})")
    for name, part in (("ClaimBuster", pool.is_cb), ("CLEF 2019", ~pool.is_cb)):
        dismissed, wrong, p_kept, p_open, r_open = [], [], [], [], []
        for held, _train in pool.folds:
            h = held[part[held]]
            y, kept = pool.y[h], oof[h] >= t
            gone = kept & flagged[h]
            open_ = kept & ~flagged[h]
            w = y.sum() / max((y == 0).sum(), 1) if name == "ClaimBuster" else 1.0
            dismissed.append(gone.sum() / max(kept.sum(), 1))
            wrong.append(np.sum(gone & (y == 1)) / max(gone.sum(), 1))
            p_kept.append(_precision(y, kept, w))
            p_open.append(_precision(y, open_, w))
            r_open.append(np.sum(open_ & (y == 1)) / max(np.sum(kept & (y == 1)), 1))
        print(f"\n{name} (per fold, held-out sentences the score keeps)")
        print(f"  dismissed as hedged or predictive     {_spread(dismissed)}")
        print(f"  of those, labelled check-worthy       {_spread(wrong)}")
        print(f"  precision, kept list                  {_spread(p_kept)}")
        print(f"  precision, open list (after dismissal) {_spread(p_open)}")
        print(f"  recall of the open list vs kept list  {_spread(r_open)}")


if __name__ == "__main__":
    main()
