"""Claimants: who makes each claim, against a hand-labelled gold set.

    .venv/bin/python bench/claimants.py

The gold set (tests/extraction/data/claimants.json) holds 152 candidate sentences of the sample
articles (the seed article and twelve Wikinews stories) with the claimant a reader names: the
speaker of direct or reported speech, the outlet for an outlet's report, the byline's author for
the author's own assertions (the Wikinews stories have no byline: no claimant there), and
nobody for unnamed reports. A claimant found is right when its words and the gold claimant's
words are one within the other ("Lavrov" and "Sergei Lavrov"; case and a leading "the" aside).

Printed: precision and recall of the claimants named, over all sentences and over reported
speech only (gold kind speaker or outlet), the kind's accuracy where both name someone, and the
same figures for the sentence rules alone (one sentence at a time, no author, no
pronouns) for comparison.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.extraction import parse_document  # noqa: E402
from factcheck.extraction.attribution import attribute, attribute_sentences  # noqa: E402
from factcheck.extraction.pipeline import candidate_sentences  # noqa: E402

GOLD = ROOT / "tests" / "extraction" / "data" / "claimants.json"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
_WORD_RE = re.compile(r"[\w'’-]+")


def same_claimant(found: str | None, gold: str | None) -> bool:
    a = {w for w in _WORD_RE.findall((found or "").casefold()) if w != "the"}
    b = {w for w in _WORD_RE.findall((gold or "").casefold()) if w != "the"}
    return bool(a and b) and (a <= b or b <= a)


def predictions(rules: str) -> list[tuple[dict, str | None, str | None]]:
    """(gold row, claimant found, kind found) for every gold sentence."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    by_article: dict[str, list[dict]] = {}
    for row in gold:
        by_article.setdefault(row["article"], []).append(row)
    out = []
    for article, rows in by_article.items():
        doc = parse_document((ARTICLES / article).read_text(encoding="utf-8"), "md")
        spans = [(s, e) for s, e, _ in candidate_sentences(doc)]
        if rules == "new":
            found = [(sp.claimant, sp.kind) for sp in attribute_sentences(doc, spans)]
        else:
            found = [(attribute(doc.text[s:e])[0], "speaker") for s, e in spans]
        starts = {doc.text[s:e][:80]: i for i, (s, e) in enumerate(spans)}
        for row in rows:
            i = starts.get(row["sentence"])
            if i is None:
                raise SystemExit(f"gold sentence not found in {article}: {row['sentence']!r}")
            out.append((row, *found[i]))
    return out


def scores(rows, speech_only: bool = False) -> tuple[float, float, int, int]:
    tp = named = expected = 0
    for row, claimant, kind in rows:
        gold_speech = row["kind"] in ("speaker", "outlet")
        if speech_only:
            claimant = claimant if kind in ("speaker", "outlet") else None
            gold = row["claimant"] if gold_speech else None
        else:
            gold = row["claimant"]
        named += claimant is not None
        expected += gold is not None
        tp += claimant is not None and same_claimant(claimant, gold)
    return tp / max(1, named), tp / max(1, expected), named, expected


def main() -> int:
    alone = "one sentence at a time (no author, no pronouns)"
    for name, rules in (("factcheck", "new"), (alone, "old")):
        started = time.perf_counter()
        rows = predictions(rules)
        seconds = time.perf_counter() - started
        p, r, named, expected = scores(rows)
        sp, sr, snamed, sexpected = scores(rows, speech_only=True)
        both = [(row, k) for row, c, k in rows if c and row["claimant"]]
        kind_ok = sum(k == row["kind"] for row, k in both)
        print(f"{name} ({len(rows)} sentences, {seconds * 1000:.0f} ms with parsing)")
        print(f"  all claimants: precision {p:.3f} ({named} named), recall {r:.3f} "
              f"({expected} in the gold set)")  # fmt: skip
        print(f"  reported speech: precision {sp:.3f} ({snamed} named), recall {sr:.3f} "
              f"({sexpected} in the gold set)")  # fmt: skip
        if rules == "new":
            print(f"  claimant_kind right: {kind_ok}/{len(both)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
