"""Story finding on real web pages: factcheck against trafilatura (default settings), same run.

    .venv/bin/python bench/story_extraction.py [--pages DIR] [--folds 5] [--cv]

The pages are Mozilla Readability's test pages (``source.html``, ``expected.html``,
``expected-metadata.json`` per folder: ../shared/data/article-pages/readability). For each page:

* body F1: word 4-grams (lowercased ``\\w+`` tokens, counted with multiplicity) of the text kept
  against the text of ``expected.html``, per page, then averaged; also per fold (pages in name
  order, page i in fold i mod --folds) to show the spread;
* title: equal to the expected title (case and spacing aside); "wrong with og:title" counts the
  pages whose ``og:title`` is set and whose title is still not the expected one;
* byline: every word of the author found is in the expected byline ("By Jane Doe" matches "Jane
  Doe"); date: the same day as the expected ``publishedTime``; "missed" counts pages stating a
  date where none was found;
* language: the detected article language equals the expected ``lang`` (primary subtag);
* speed: milliseconds per page, factcheck's ``parse_document`` and trafilatura's
  ``bare_extraction`` (text and metadata, default settings), one process.

"site pages" leaves out Readability's reduced test cases (lorem-ipsum text or under 50 words
expected), which test one parser feature each rather than a real page.

``--cv`` chooses story.py's settings (trafilatura's precision/recall mode, the coverage needed to
keep a block) by cross-validation: for each fold the setting with the best mean body F1 on the
other folds is scored on that fold.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import statistics
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

from lxml import html as lxml_html

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import SHARED  # noqa: E402
from factcheck.extraction import decode_text, parse_document, story  # noqa: E402
from factcheck.extraction.dates import parse_date_string  # noqa: E402

_TOKEN_RE = re.compile(r"\w+")
_BY_WORDS = {"by", "par", "von", "por", "de", "written", "text"}


def default_pages() -> Path:
    return SHARED / "data" / "article-pages" / "readability"


def shingles(text: str) -> Counter:
    words = _TOKEN_RE.findall((text or "").lower())
    return Counter(" ".join(words[i : i + 4]) for i in range(max(1, len(words) - 3)))


def body_f1(expected: str, got: str) -> float:
    a, b = shingles(expected), shingles(got)
    if not a and not b:
        return 1.0
    tp = sum((a & b).values())
    if tp == 0:
        return 0.0
    p, r = tp / sum(b.values()), tp / sum(a.values())
    return 2 * p * r / (p + r)


def _norm(s: str | None) -> str:
    return " ".join((s or "").casefold().split()).strip(" .")


def _site_suffix_only(found: str | None, expected: str) -> bool:
    """ "Story" against "Story | eHow": the expected title only adds the site's name."""
    a, b = _norm(found), _norm(expected)
    return bool(a) and b.startswith(a) and bool(re.match(r"\s*[|\u2013\u2014:·-]", b[len(a) :]))


def byline_ok(found: str | None, expected: str) -> bool:
    got = {t for t in _TOKEN_RE.findall((found or "").casefold()) if t not in _BY_WORDS}
    return bool(got) and got <= set(_TOKEN_RE.findall(expected.casefold()))


def date_ok(found, expected: str) -> bool:
    parsed = parse_date_string(expected)
    return bool(parsed and found and parsed[0] == found)


class Page:
    def __init__(self, folder: Path) -> None:
        self.name = folder.name
        self.data = (folder / "source.html").read_bytes()
        expected_html = (folder / "expected.html").read_text(encoding="utf-8")
        self.expected = lxml_html.fromstring(expected_html).text_content()
        self.meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        self.synthetic = "lorem ipsum" in self.expected.lower() or len(self.expected.split()) < 50
        m = re.search(rb"<meta[^>]+property=[\"']og:title[\"'][^>]*>", self.data, re.I)
        self.has_og_title = bool(m and re.search(rb"content=[\"'][^\"']+", m.group(0)))


def run_factcheck(page: Page) -> dict:
    started = time.perf_counter()
    doc = parse_document(decode_text(page.data), "html")
    seconds = time.perf_counter() - started
    return {
        "text": doc.text,
        "title": doc.title,
        "author": doc.author,
        "date": doc.published,
        "language": getattr(doc, "language", None),
        "seconds": seconds,
    }


def run_trafilatura(page: Page) -> dict:
    import trafilatura

    started = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = trafilatura.bare_extraction(page.data, with_metadata=True)
    seconds = time.perf_counter() - started
    if found is None:
        return {"text": "", "title": None, "author": None, "date": None, "seconds": seconds}
    parsed = parse_date_string(found.date) if found.date else None
    return {
        "text": found.text or "",
        "title": found.title,
        "author": found.author,
        "date": parsed[0] if parsed else None,
        "language": None,  # trafilatura detects a language only to filter on a target one
        "seconds": seconds,
    }


def _spread(values: list[float]) -> str:
    return (
        f"{statistics.mean(values):.3f} (folds {min(values):.3f}..{max(values):.3f}, "
        f"sd {statistics.pstdev(values):.3f})"
    )


def report(name: str, pages: list[Page], results: list[dict], folds: int) -> dict:
    f1 = [body_f1(p.expected, r["text"]) for p, r in zip(pages, results, strict=True)]
    per_fold = [statistics.mean(f1[i::folds]) for i in range(folds)]
    site = [v for v, p in zip(f1, pages, strict=True) if not p.synthetic]
    titled = [(p, r) for p, r in zip(pages, results, strict=True) if p.meta.get("title")]
    title_ok = sum(_norm(r["title"]) == _norm(p.meta["title"]) for p, r in titled)
    og_wrong = [
        (p, r) for p, r in titled if p.has_og_title and _norm(r["title"]) != _norm(p.meta["title"])
    ]
    suffix_only = sum(_site_suffix_only(r["title"], p.meta["title"]) for p, r in og_wrong)
    by = [(p, r) for p, r in zip(pages, results, strict=True) if p.meta.get("byline")]
    by_ok = sum(byline_ok(r["author"], p.meta["byline"]) for p, r in by)
    dated = [(p, r) for p, r in zip(pages, results, strict=True) if p.meta.get("publishedTime")]
    d_ok = sum(date_ok(r["date"], p.meta["publishedTime"]) for p, r in dated)
    d_missed = sum(r["date"] is None for p, r in dated)
    langs = [(p, r) for p, r in zip(pages, results, strict=True) if p.meta.get("lang")]
    lang_ok = sum(
        (r.get("language") or "") == p.meta["lang"].split("-")[0].lower() for p, r in langs
    )
    ms = 1000 * statistics.mean(r["seconds"] for r in results)
    print(f"{name}")
    print(f"  body F1, all {len(pages)} pages: {_spread(per_fold)}")
    print(f"  body F1, {len(site)} site pages: {statistics.mean(site):.3f}")
    print(
        f"  title: {title_ok}/{len(titled)} right; different where og:title is set: "
        f"{len(og_wrong)} ({suffix_only} only by a site name kept in the expected title)"
    )
    print(f"  byline: {by_ok}/{len(by)}")
    print(f"  date: {d_ok}/{len(dated)} right, {d_missed} missed")
    if any(r.get("language") for r in results):
        print(f"  language: {lang_ok}/{len(langs)}")
    else:
        print("  language: not detected")
    print(f"  speed: {ms:.1f} ms per page")
    return {"f1": f1, "per_fold": per_fold}


def cross_validate(pages: list[Page], folds: int) -> None:
    grid = [
        (favor, coverage)
        for favor in ("recall", "balanced", "precision")
        for coverage in (0.3, 0.5, 0.7, 0.9)
    ]
    saved = (story.FAVOR, story.COVERAGE)
    scores: dict[tuple, list[float]] = {}
    try:
        for setting in grid:
            story.FAVOR, story.COVERAGE = setting
            scores[setting] = [body_f1(p.expected, run_factcheck(p)["text"]) for p in pages]
    finally:
        story.FAVOR, story.COVERAGE = saved
    print("cross-validated choice of story.py's settings (favor, coverage):")
    for setting in grid:
        print(f"  {setting}: mean body F1 {statistics.mean(scores[setting]):.4f}")
    held_out = []
    for k in range(folds):
        train = [i for i in range(len(pages)) if i % folds != k]
        test = [i for i in range(len(pages)) if i % folds == k]
        best = max(grid, key=lambda s: statistics.mean(scores[s][i] for i in train))
        value = statistics.mean(scores[best][i] for i in test)
        held_out.append(value)
        print(f"  fold {k}: chosen {best}, held-out body F1 {value:.3f}")
    print(f"  cross-validated body F1: {_spread(held_out)}")
    print(f"  shipped: {saved}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=default_pages())
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--cv", action="store_true", help="cross-validate story.py's settings")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)
    folders = sorted(p for p in args.pages.iterdir() if (p / "source.html").is_file())
    if not folders:
        print(f"no pages under {args.pages}", file=sys.stderr)
        return 1
    pages = [Page(f) for f in folders]
    if args.cv:
        cross_validate(pages, args.folds)
        return 0
    ours = [run_factcheck(p) for p in pages]
    theirs = [run_trafilatura(p) for p in pages]
    print(f"{len(pages)} pages from {args.pages}, {args.folds} folds")
    a = report("factcheck", pages, ours, args.folds)
    b = report("trafilatura (default settings)", pages, theirs, args.folds)
    wins = sum(x > y for x, y in zip(a["per_fold"], b["per_fold"], strict=True))
    mean_a, mean_b = statistics.mean(a["f1"]), statistics.mean(b["f1"])
    verdict = "MET" if mean_a > mean_b else "NOT MET"
    print(f"body F1 above trafilatura's: {verdict} ({mean_a:.3f} vs {mean_b:.3f}; "
          f"higher in {wins} of {args.folds} folds)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
