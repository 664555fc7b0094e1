"""Extraction v2 in one run: every figure the extraction is judged by, on the development data.

    .venv/bin/pip install -e '.[train]'      # scikit-learn for the CV, pysbd to compare
    .venv/bin/python bench/extraction.py [--quick]

Prints, in order:

1. the sample articles (../shared/articles): every file extracted, claims per file (open,
   stored dismissed as opinion/prediction, captions), and for the seed article the count against
   the target (at most 30 claims in all) and whether its two cited sentences and its photo
   caption are among them;
2. story finding on Mozilla Readability's pages against trafilatura in the same run: body F1
   with its spread over folds, title, byline, date, language, speed (bench/story_extraction.py);
   then the claims extracted from those pages that lie outside the expected story text (a
   sidebar headline, a footer line), captions counted apart (they are kept on purpose);
3. check-worthiness cross-validated over whole debates with the spread over folds, and its
   speed on one core (bench/checkworthiness.py);
4. claimants: precision and recall on the gold set in the tests (bench/claimants.py);
5. sentence splitting against pysbd when it is installed (bench/sentences.py);
6. extraction speed per article (bench/extraction_speed.py).

``--quick`` leaves out the cross-validations (3 and the CV of 2), which take minutes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import SHARED  # noqa: E402
from bench.story_extraction import Page, default_pages  # noqa: E402
from factcheck.extraction import (  # noqa: E402
    decode_text,
    extract_article,
    format_for_filename,
    parse_document,
)
from factcheck.extraction.pipeline import extract_claims  # noqa: E402

SEED = "moscow-times-2025-09-22-russia-syria.md"
SEED_TARGET = 30
# what the seed's list must hold: its two sentences that cite a link, and its photo caption
SEED_MUST = (
    "Damascus tightened inspections for those approaching the military facilities",
    "Damascus does not control all of the country's territory",
)


def sample_articles() -> None:
    files = sorted(
        p
        for p in (SHARED / "articles").rglob("*")
        if p.is_file() and p.suffix in (".md", ".html", ".txt") and p.stem != "README"
    )
    print(f"(1) the sample articles: {len(files)} files in {SHARED / 'articles'}")
    total = dismissed = 0
    for path in files:
        claims = extract_article(path.read_bytes(), format_for_filename(path.name)).claims
        hedged = sum(c.hedged is not None for c in claims)
        captions = sum(c.is_caption for c in claims)
        total, dismissed = total + len(claims), dismissed + hedged
        print(
            f"    {path.relative_to(SHARED / 'articles')}: {len(claims)} claims"
            f" ({len(claims) - hedged} open, {hedged} dismissed, {captions} captions)"
        )
        if path.name == SEED:
            found = {m: any(m in c.text for c in claims) for m in SEED_MUST}
            print(
                f"    the seed: {len(claims)} claims in all ({len(claims) - hedged} open,"
                f" {hedged} stored dismissed as opinion or prediction); target <= {SEED_TARGET}:"
                f" {'MET' if len(claims) <= SEED_TARGET else 'NOT MET'}"
            )
            for words, ok in found.items():
                print(f"      cited sentence {'in' if ok else 'MISSING'}: {words} ...")
            print(f"      photo caption {'in' if captions else 'MISSING'}")
    print(f"    all: {total} claims, {dismissed} stored dismissed; every file extracted")


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def claims_outside_story() -> None:
    """Claims of the development pages whose words are not in the expected story text."""
    pages = [Page(p) for p in sorted(default_pages().iterdir()) if p.is_dir()]
    claims = outside = captions = 0
    by_page: dict[str, int] = {}
    for page in pages:
        story = _words(page.expected)
        for claim in extract_claims(parse_document(decode_text(page.data), "html")):
            claims += 1
            if _words(claim.text) not in story:
                if claim.is_caption:
                    captions += 1
                else:
                    outside += 1
                    by_page[page.name] = by_page.get(page.name, 0) + 1
    worst = ", ".join(f"{n} {k}" for k, n in sorted(by_page.items(), key=lambda kv: -kv[1])[:5])
    print(
        f"  claims outside the expected story: {outside} of {claims} ({outside / claims:.1%});"
        f" captions outside it (kept on purpose): {captions}; most on: {worst}"
    )


def run(title: str, script: str, *args: str) -> None:
    print(f"\n{title} (bench/{' '.join((script, *args))})", flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="leave out the cross-validations")
    args = parser.parse_args()
    sample_articles()
    run("(2) story finding", "story_extraction.py", *(() if args.quick else ("--cv",)))
    claims_outside_story()
    if not args.quick:
        run("(3) check-worthiness", "checkworthiness.py")
    run("(4) claimants", "claimants.py")
    run("(5) sentence splitting", "sentences.py")
    run("(6) extraction speed", "extraction_speed.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
