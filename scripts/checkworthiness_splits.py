"""The check-worthiness development data, its groups and the cross-validation folds, shared by
``scripts/train_checkworthiness.py`` and ``bench/checkworthiness.py``.

* ClaimBuster: the two-class file and the three-class file (CFS = 1, NFS/UFS = 0) are pooled and
  deduplicated by normalised text (the two-class label wins on conflict). The files carry no
  debate name, but ClaimBuster numbers the sentences of a debate consecutively, so a group is a
  run of sentence ids without a jump of more than ``ID_GAP`` (29 runs, each one debate or a few
  debates in a row).
* CLEF 2019: a group is a debate (or speech); 19 of them.
* Folds: every fold holds out whole ClaimBuster groups *and* whole CLEF debates at once (groups
  dealt out largest first to the fold with the fewest sentences so far). A fold's model is
  trained on all other groups, less every training sentence that is a near-duplicate of a
  held-out one (same normalised text, or half or more of the word trigrams shared): the 2016
  debates are in both collections, and speakers repeat their lines.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

FOLDS = 5
ID_GAP = 30
NEAR_JACCARD = 0.5  # word-trigram Jaccard from which two sentences count as near-duplicates

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "checkworthiness"

_NORM_RE = re.compile(r"[^a-z0-9]+")


def norm(text: str) -> str:
    """The deduplication key: lowercase letters and digits, single spaces."""
    return _NORM_RE.sub(" ", text.lower()).strip()


@dataclass
class Sentence:
    text: str
    label: int
    group: str  # "cb03" (a run of ClaimBuster ids) or a CLEF debate file name


@dataclass
class Fold:
    cb_held: list[int]  # indices into Data.cb
    clef_held: list[int]  # indices into Data.clef
    cb_groups: list[str]
    clef_groups: list[str]


@dataclass
class Data:
    cb: list[Sentence] = field(default_factory=list)
    clef: list[Sentence] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def folds(self, k: int = FOLDS) -> list[Fold]:
        cb, cb_groups = _deal(self.cb, k)
        clef, clef_groups = _deal(self.clef, k)
        return [Fold(*parts) for parts in zip(cb, clef, cb_groups, clef_groups, strict=True)]


def _deal(sentences: list[Sentence], k: int) -> tuple[list[list[int]], list[list[str]]]:
    """Whole groups into k folds: largest group first, each to the fold with fewest sentences."""
    members: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sentences):
        members[s.group].append(i)
    held: list[list[int]] = [[] for _ in range(k)]
    names: list[list[str]] = [[] for _ in range(k)]
    for g in sorted(members, key=lambda g: (-len(members[g]), g)):
        f = min(range(k), key=lambda f: (len(held[f]), f))
        held[f].extend(members[g])
        names[f].append(g)
    return [sorted(h) for h in held], [sorted(n) for n in names]


def _shingles(text: str) -> set[tuple[str, ...]]:
    w = norm(text).split()
    return {tuple(w[i : i + 3]) for i in range(max(len(w) - 2, 1))}


class NearDuplicates:
    """Which sentences of a collection are near-duplicates of a given set of others."""

    def __init__(self, texts: list[str]) -> None:
        self.keys = [norm(t) for t in texts]
        self.shingles = [_shingles(t) for t in texts]
        self.index: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, sh in enumerate(self.shingles):
            for s in sh:
                self.index[s].append(i)

    def of(self, held: set[int]) -> set[int]:
        """Indices outside ``held`` that duplicate or nearly duplicate a sentence in it."""
        by_key = {self.keys[i] for i in held}
        out = {i for i, k in enumerate(self.keys) if i not in held and k in by_key}
        for i in held:
            sh = self.shingles[i]
            shared: dict[int, int] = defaultdict(int)
            for s in sh:
                for j in self.index[s]:
                    if j not in held:
                        shared[j] += 1
            for j, n in shared.items():
                if n / len(sh | self.shingles[j]) >= NEAR_JACCARD:
                    out.add(j)
        return out


def _read(path: Path, expected_columns: int) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
    assert all(len(r) == expected_columns and None not in r for r in rows), path
    return rows


def load(data_dir: Path | str = DEFAULT_DATA) -> Data:
    data_dir = Path(data_dir)
    d = Data()

    # ClaimBuster pool, deduplicated by normalised text, keyed by sentence id
    pool: dict[str, tuple[int, str, int]] = {}
    conflicts = 0
    for r in _read(data_dir / "claimbuster_2class_train.tsv", 3):
        key = norm(r["text"])
        if key and key not in pool:
            pool[key] = (int(r["sentence_id"]), r["text"], int(r["label"]))
    n2 = len(pool)
    for r in _read(data_dir / "claimbuster_3class.tsv", 3):
        key = norm(r["text"])
        label = 1 if r["label"] == "CFS" else 0
        if not key:
            continue
        if key in pool:
            conflicts += pool[key][2] != label
            continue
        pool[key] = (int(r["sentence_id"]), r["text"], label)
    rows = sorted(pool.values())
    group, previous = 0, None
    for sid, text, label in rows:
        if previous is not None and sid - previous > ID_GAP:
            group += 1
        previous = sid
        d.cb.append(Sentence(text, label, f"cb{group:02d}"))
    d.notes.append(
        f"ClaimBuster: {n2} unique sentences from the 2-class file + {len(pool) - n2} new from the"
        f" 3-class file = {len(pool)} ({sum(s.label for s in d.cb)} check-worthy;"
        f" {conflicts} label conflicts, 2-class label kept), {group + 1} groups of consecutive ids"
    )
    d.clef = [
        Sentence(r["text"], int(r["label"]), r["debate"])
        for r in _read(data_dir / "clef2019_debates_train.tsv", 5)
    ]
    d.notes.append(
        f"CLEF 2019: {len(d.clef)} sentences ({sum(s.label for s in d.clef)} check-worthy) in"
        f" {len({s.group for s in d.clef})} debates"
    )
    return d


if __name__ == "__main__":
    import sys

    data = load(*sys.argv[1:2])
    for note in data.notes:
        print(note)
    for i, f in enumerate(data.folds()):
        print(
            f"fold {i}: {len(f.cb_held)} ClaimBuster sentences ({', '.join(f.cb_groups)}),"
            f" {len(f.clef_held)} CLEF sentences ({', '.join(f.clef_groups)})"
        )
