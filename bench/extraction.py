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
3. check-worthiness cross-validated over whole debates with the spread over folds, and its
   speed on one core (bench/checkworthiness.py);
4. claimants: precision and recall on the gold set in the tests (bench/claimants.py);
5. sentence splitting against pysbd when it is installed (bench/sentences.py);
6. extraction speed per article (bench/extraction_speed.py).

``--quick`` leaves out the cross-validations (3 and the CV of 2), which take minutes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.common import SHARED  # noqa: E402
from factcheck.extraction import extract_article, format_for_filename  # noqa: E402

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
        if p.is_file() and p.suffix in (".md", ".html", ".txt")
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


def run(title: str, script: str, *args: str) -> None:
    print(f"\n{title} (bench/{' '.join((script, *args))})", flush=True)
    subprocess.run([sys.executable, str(ROOT / "bench" / script), *args], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="leave out the cross-validations")
    args = parser.parse_args()
    sample_articles()
    run("(2) story finding", "story_extraction.py", *(() if args.quick else ("--cv",)))
    if not args.quick:
        run("(3) check-worthiness", "checkworthiness.py")
    run("(4) claimants", "claimants.py")
    run("(5) sentence splitting", "sentences.py")
    run("(6) extraction speed", "extraction_speed.py")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
