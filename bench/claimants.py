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

Other languages (--data DIR, default ../shared/data/article-pages/readability next to the
checkout): the same figures per language over two gold sets, both labelled before the rules were
written: tests/extraction/data/claimants_pages.json (222 candidate sentences of the French,
Portuguese, Spanish and German pages of DIR, read in their own language as detected) and
tests/extraction/data/claimants_written.json (72 news sentences written in German, French,
Spanish, Portuguese, Italian and Russian, read as one short article per language with its
author and publication date). An outlet is right under any of its names ("ТАСС" and "TASS").
Dates: of the gold sentences with a date, how many got one and how many got exactly the gold
range of days; of those without (written set only), how many got one anyway.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import re
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import SHARED  # noqa: E402
from factcheck.extraction import parse_document  # noqa: E402
from factcheck.extraction.attribution import (  # noqa: E402
    attribute,
    attribute_sentences,
    canonical_outlet,
)
from factcheck.extraction.dates import resolve_claim_date  # noqa: E402
from factcheck.extraction.pipeline import _reference_date, candidate_sentences  # noqa: E402

GOLD = ROOT / "tests" / "extraction" / "data" / "claimants.json"
GOLD_PAGES = ROOT / "tests" / "extraction" / "data" / "claimants_pages.json"
GOLD_WRITTEN = ROOT / "tests" / "extraction" / "data" / "claimants_written.json"
GOLD_HELDOUT = ROOT / "tests" / "extraction" / "data" / "claimants_heldout.json"
PAGES = SHARED / "data" / "article-pages" / "readability"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
_WORD_RE = re.compile(r"[\w'’-]+")


def same_claimant(found: str | None, gold: str | None) -> bool:
    outlet = canonical_outlet(found)
    if outlet and outlet == canonical_outlet(gold):
        return True
    found, gold = (x.replace("’", "'") if x else x for x in (found, gold))
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


def other_languages(
    pages_dir: Path | None,
) -> list[tuple[dict, str | None, str | None, list | None]]:
    """(gold row, claimant found, kind found, date range found) for the non-English sets (the
    pages' only with ``pages_dir``)."""
    out = []
    by_page: dict[str, list[dict]] = {}
    if pages_dir is not None:
        for row in json.loads(GOLD_PAGES.read_text(encoding="utf-8")):
            by_page.setdefault(row["page"], []).append(row)
    docs = []
    for page, rows in by_page.items():
        html = (pages_dir / page / "source.html").read_text(encoding="utf-8")
        docs.append((parse_document(html, "html"), rows))
    for page_rows in by_page.values():
        for row in page_rows:
            row["set"] = "pages"
    by_language: dict[tuple[str, str], list[dict]] = {}
    for name, path in (("written", GOLD_WRITTEN), ("held-out", GOLD_HELDOUT)):
        for row in json.loads(path.read_text(encoding="utf-8")):
            by_language.setdefault((name, row["language"]), []).append({**row, "set": name})
    for (_, language), rows in by_language.items():
        text = "# News\n\n" + "\n\n".join(row["sentence"] for row in rows)
        doc = dataclasses.replace(
            parse_document(text, "md"),
            author=rows[0]["author"],
            published=date.fromisoformat(rows[0]["published"]),
            language=language,
        )
        docs.append((doc, rows))
    for doc, rows in docs:
        spans = [(s, e) for s, e, _ in candidate_sentences(doc)]
        speakers = attribute_sentences(doc, spans)
        starts = {doc.text[s:e][:80]: i for i, (s, e) in enumerate(spans)}
        for row in rows:
            i = starts.get(row["sentence"][:80])
            if i is None:
                raise SystemExit(f"gold sentence not found: {row['sentence']!r}")
            s, e = spans[i]
            d0, d1 = resolve_claim_date(doc.text[s:e], _reference_date(doc), doc.language)
            found_date = [d0.isoformat(), d1.isoformat()] if d0 and d1 else None
            row = {**row, "language": row.get("language") or doc.language}
            out.append((row, speakers[i].claimant, speakers[i].kind, found_date))
    return out


def report(found: list[tuple[dict, str | None, str | None, list | None]]) -> str:
    rows = [(row, c, k) for row, c, k, _ in found]
    p, r, named, expected = scores(rows)
    sp, sr, snamed, sexpected = scores(rows, speech_only=True)
    both = [(row, k) for row, c, k in rows if c and row["claimant"]]
    kind_ok = sum(k == row["kind"] for row, k in both)
    gold_dated = [(row, d) for row, _, _, d in found if row.get("date")]
    got = sum(d is not None for _, d in gold_dated)
    right = sum(d == row["date"] for row, d in gold_dated)
    undated = [d for row, _, _, d in found if "date" in row and not row["date"]]
    spurious = sum(d is not None for d in undated)
    return (
        f"({len(rows)} sentences): all P {p:.3f} ({named}) R {r:.3f} ({expected}); "
        f"speech P {sp:.3f} ({snamed}) R {sr:.3f} ({sexpected}); kind {kind_ok}/{len(both)} | "
        f"dates found {got}/{len(gold_dated)}, right {right}/{len(gold_dated)}"
        + (f", where none {spurious}/{len(undated)}" if undated else "")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=PAGES, help="the readability pages")
    args = parser.parse_args()
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
    if not args.data.is_dir():
        print(f"other languages: no pages at {args.data} (pass --data)")
        return 0
    found = other_languages(args.data)
    print("other languages: claimants | dates")
    for language in ("de", "fr", "es", "pt", "it", "ru"):
        for name in ("pages", "written", "held-out"):
            rows = [x for x in found if x[0]["language"] == language and x[0]["set"] == name]
            if rows:
                print(f"  {language} {name:8} {report(rows)}")
    for name in ("pages", "written", "held-out"):
        rows = [x for x in found if x[0]["set"] == name]
        print(f"  all {name:8} {report(rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
