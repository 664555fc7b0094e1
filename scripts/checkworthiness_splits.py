"""Deterministic train / dev / test splits of the check-worthiness data, shared by
``scripts/train_checkworthiness.py`` and ``bench/checkworthiness.py``.

* ClaimBuster: the two-class file and the three-class file (CFS = 1, NFS/UFS = 0) are pooled and
  deduplicated by normalised text (the two-class label wins on conflict). A class-balanced test
  split (as many check-worthy sentences as not, like ClaimBuster's own test set) and a
  class-balanced dev split are drawn with a fixed seed; the rest is training data.
* CLEF 2019: whole debates are held out, a fixed seeded pick for test and another for dev.
* Any training sentence whose normalised text occurs in a dev or test split of either collection
  is dropped (the 2016 debates are in both collections), so no test sentence is trained on.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20190908
CB_TEST_PER_CLASS = 500
CB_DEV_PER_CLASS = 300
CLEF_TEST_DEBATES = 5
CLEF_DEV_DEBATES = 3

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "checkworthiness"

_NORM_RE = re.compile(r"[^a-z0-9]+")


def norm(text: str) -> str:
    """The deduplication key: lowercase letters and digits, single spaces."""
    return _NORM_RE.sub(" ", text.lower()).strip()


@dataclass
class ClefSentence:
    debate: str
    line: int
    speaker: str
    text: str
    label: int


@dataclass
class Splits:
    cb_train: list[tuple[str, int]] = field(default_factory=list)
    cb_dev: list[tuple[str, int]] = field(default_factory=list)
    cb_test: list[tuple[str, int]] = field(default_factory=list)
    clef_train: list[ClefSentence] = field(default_factory=list)
    clef_dev: list[ClefSentence] = field(default_factory=list)
    clef_test: list[ClefSentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _read(path: Path, expected_columns: int) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
    assert all(len(r) == expected_columns and None not in r for r in rows), path
    return rows


def load_splits(data_dir: Path | str = DEFAULT_DATA) -> Splits:
    data_dir = Path(data_dir)
    s = Splits()

    # ClaimBuster pool, deduplicated by normalised text
    pool: dict[str, tuple[str, int]] = {}
    conflicts = 0
    for r in _read(data_dir / "claimbuster_2class_train.tsv", 3):
        key = norm(r["text"])
        if key and key not in pool:
            pool[key] = (r["text"], int(r["label"]))
    n2 = len(pool)
    for r in _read(data_dir / "claimbuster_3class.tsv", 3):
        key = norm(r["text"])
        label = 1 if r["label"] == "CFS" else 0
        if not key:
            continue
        if key in pool:
            conflicts += pool[key][1] != label
            continue
        pool[key] = (r["text"], label)
    s.notes.append(
        f"ClaimBuster pool: {n2} unique from 2-class file + {len(pool) - n2} new from 3-class "
        f"file = {len(pool)} ({conflicts} label conflicts, 2-class label kept)"
    )

    # CLEF: whole debates held out
    clef = [
        ClefSentence(r["debate"], int(r["line"]), r["speaker"], r["text"], int(r["label"]))
        for r in _read(data_dir / "clef2019_debates_train.tsv", 5)
    ]
    debates = sorted({c.debate for c in clef})
    rng = random.Random(SEED)
    rng.shuffle(debates)
    test_debates = set(debates[:CLEF_TEST_DEBATES])
    dev_debates = set(debates[CLEF_TEST_DEBATES : CLEF_TEST_DEBATES + CLEF_DEV_DEBATES])
    s.clef_test = [c for c in clef if c.debate in test_debates]
    s.clef_dev = [c for c in clef if c.debate in dev_debates]
    clef_train = [c for c in clef if c.debate not in test_debates | dev_debates]

    # ClaimBuster balanced test and dev; sentences of held-out CLEF debates are not drawn for
    # them (they could not be trained on anyway) to keep the held-out sets independent
    held_clef = {norm(c.text) for c in s.clef_test + s.clef_dev}
    keys = sorted(pool)
    rng = random.Random(SEED)
    rng.shuffle(keys)
    pos = [k for k in keys if pool[k][1] == 1 and k not in held_clef]
    neg = [k for k in keys if pool[k][1] == 0 and k not in held_clef]
    t, d = CB_TEST_PER_CLASS, CB_DEV_PER_CLASS
    test_keys = pos[:t] + neg[:t]
    dev_keys = pos[t : t + d] + neg[t : t + d]
    s.cb_test = [pool[k] for k in sorted(test_keys)]
    s.cb_dev = [pool[k] for k in sorted(dev_keys)]

    held = held_clef | set(test_keys) | set(dev_keys)
    s.cb_train = [pool[k] for k in keys if k not in held]
    s.clef_train = [c for c in clef_train if norm(c.text) not in held]
    s.notes.append(
        f"ClaimBuster: train {len(s.cb_train)} (pos {sum(y for _, y in s.cb_train)}), "
        f"dev {len(s.cb_dev)} balanced, test {len(s.cb_test)} balanced; "
        f"{len(pool) - len(s.cb_train) - len(s.cb_dev) - len(s.cb_test)} pool sentences dropped "
        f"as they occur in held-out CLEF debates"
    )
    n_train_debates = len(debates) - len(test_debates) - len(dev_debates)
    s.notes.append(
        f"CLEF: train {len(s.clef_train)} sentences of {n_train_debates}"
        f" debates ({len(clef_train) - len(s.clef_train)} dropped as held-out duplicates), "
        f"dev {sorted(dev_debates)}, test {sorted(test_debates)}"
    )
    return s


if __name__ == "__main__":
    for note in load_splits().notes:
        print(note)
