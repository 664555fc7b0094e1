"""Ingest speed: 1,000 articles through `factcheck ingest` (target: >= 50 articles/s).

    .venv/bin/python bench/ingest.py [--db URL] [--articles 1000]

The articles are tests/fixtures/articles/*.md|txt|html, each copy made distinct by a numbered
line, so that none is a re-ingest. Without --db a fresh SQLite file in a temporary folder is used
(a PostgreSQL --db must be an empty database you own; its schema is created with `factcheck
init`). Time is wall-clock for the whole command, startup included.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT, VENV_BIN, machine, met  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "articles"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db")
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    sources = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".md", ".txt"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for i in range(min(args.articles, 100_000)):
            source = sources[i % len(sources)]
            text = source.read_text(encoding="utf-8")
            (folder / f"{i:05d}-{source.name}").write_text(
                f"{text}\n\nEditor's note {i}: this copy was published as edition {i}.\n",
                encoding="utf-8",
            )
        db = args.db or f"sqlite:///{tmp}/ingest.db"
        env = {**os.environ, "FACTCHECK_DATABASE_URL": db}
        env.setdefault("FACTCHECK_INSTANCE_PATH", "/tmp/factcheck-bench-instance")
        subprocess.run(
            [str(VENV_BIN / "factcheck"), "init"],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"machine: {machine()}")
        started = time.perf_counter()
        completed = subprocess.run(
            [str(VENV_BIN / "factcheck"), "ingest", "--json", str(folder)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=False,
            timeout=3600,
        )
        seconds = time.perf_counter() - started
    lines = completed.stdout.decode().splitlines()
    rate = len(lines) / seconds if seconds else 0
    ok = completed.returncode == 0 and len(lines) == args.articles and rate >= 50
    print(
        f"ingested {len(lines)} articles in {seconds:.1f} s: {rate:.0f} articles/s: "
        f"{met(ok)} (>= 50 articles/s)"
    )
    if completed.returncode:
        print(completed.stderr.decode()[-2000:])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
