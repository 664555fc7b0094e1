"""Extraction speed per article: ``extract_article`` on the sample articles, one process.

    .venv/bin/python bench/extraction_speed.py [--rounds 20]

Markdown (the seed article and the Wikinews stories) and HTML (the three cluttered news pages)
separately; the best of three passes, each over every file --rounds times. Ingest's target
(>= 50 articles/s on this machine, bench/ingest.py) needs extraction well under 20 ms an article.
The development set's real web pages are timed by bench/story_extraction.py.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.extraction import extract_article, format_for_filename  # noqa: E402

ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    files = sorted(p for p in ARTICLES.rglob("*") if p.suffix in (".md", ".html"))
    for fmt in ("md", "html"):
        data = [p.read_bytes() for p in files if format_for_filename(p.name) == fmt]
        for d in data:
            extract_article(d, fmt)  # warm up: models and tables loaded once per process
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            for _ in range(args.rounds):
                for d in data:
                    extract_article(d, fmt)
            best = min(best, time.perf_counter() - started)
        ms = 1000 * best / (args.rounds * len(data))
        print(f"{fmt}: {len(data)} files, {ms:.2f} ms per article ({1000 / ms:.0f} articles/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
