"""Ingest speed: 1,000 articles through `factcheck ingest` (target: >= 50 articles/s).

    .venv/bin/python bench/ingest.py [--db URL] [--articles 1000] [--jobs N] [--matching]

The articles are tests/fixtures/articles/*.md and *.txt, each copy made distinct by a numbered
line, so that none is a re-ingest. Without --db a fresh SQLite file in a temporary folder is used
(a PostgreSQL --db must be an empty database you own; its schema is created with `factcheck
init`). Time is wall-clock for the whole command, startup included; CPU time is the command's
and its parser processes' (a PostgreSQL server's work is in the wall time only).

--matching runs the matching pass beside the ingest, as `factcheck serve` does (`factcheck match
--pending --watch` on the same database, sharing the CPUs), then times how long the pass takes
to catch up once the ingest is done (every claim encoded, its earlier fact-checks stored).
"""

from __future__ import annotations

import argparse
import os
import resource
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
    parser.add_argument("--jobs", type=int, help="passed to `factcheck ingest --jobs`")
    parser.add_argument("--matching", action="store_true", help="the matching pass alongside")
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
        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        factcheck = str(VENV_BIN / "factcheck")
        matcher = (
            subprocess.Popen(
                [factcheck, "match", "--pending", "--watch"],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
            )
            if args.matching
            else None
        )
        cpu_before = _children_cpu()
        started = time.perf_counter()
        completed = subprocess.run(
            [str(VENV_BIN / "factcheck"), "ingest", "--json", *jobs, str(folder)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            check=False,
            timeout=3600,
        )
        seconds = time.perf_counter() - started
        cpu = _children_cpu() - cpu_before
        if matcher is not None:
            matcher.terminate()
            matcher.wait()
            caught_up = time.perf_counter()
            finish = subprocess.run(
                [factcheck, "match", "--pending"], cwd=ROOT, env=env, capture_output=True
            )
            print(
                f"matching pass alongside; after the ingest it caught up in "
                f"{time.perf_counter() - caught_up:.1f} s "
                f"({finish.stdout.decode().strip() or finish.stderr.decode()[-300:]})"
            )
    lines = completed.stdout.decode().splitlines()
    rate = len(lines) / seconds if seconds else 0
    ok = completed.returncode == 0 and len(lines) == args.articles and rate >= 50
    print(
        f"ingested {len(lines)} articles in {seconds:.1f} s: {rate:.0f} articles/s: "
        f"{met(ok)} (>= 50 articles/s)"
    )
    print(f"client CPU: {cpu:.1f} s (the command and its parser processes)")
    if completed.returncode:
        print(completed.stderr.decode()[-2000:])
    return 0 if ok else 1


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    sys.exit(main())
