"""How long a reviewer waits for a claim added, edited, split or merged by hand.

    .venv/bin/python bench/claim_editing.py [--db URL] [--runs 20]

On a fresh SQLite file (or the empty database `--db` names), stores the seed article, then times
the operations behind the desk's forms, each in its own transaction as a request would run it:
adding a claim by quote (the article parsed again, the span scored, attributed and cited by the
extraction's code), editing its fields, splitting it and merging the halves again. Prints the
median and slowest of `--runs` rounds. Target: each under 0.3 s (a form's save that feels
immediate); the first add of the process is reported on its own.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import machine, median, met  # noqa: E402

TARGET = 0.3
QUOTE = (
    "It is just that in the current circumstances, Damascus' position is not strong enough to "
    "allow it to be on bad terms with Moscow."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", help="an empty database (default: a fresh SQLite file)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from factcheck import create_app
    from factcheck.articles.operations import ingest
    from factcheck.claims.editing import add_claim, edit_claim, merge_claims, split_claim
    from factcheck.claims.spans import split_point
    from factcheck.db import get_session
    from factcheck.migrate import upgrade

    folder = tempfile.mkdtemp(prefix="claim-editing-")
    url = args.db or f"sqlite:///{folder}/bench.db"
    upgrade(url)
    app = create_app({"DATABASE_URL": url, "SECRET_KEY": "bench"})
    seed = Path(__file__).resolve().parent.parent / "factcheck" / "seed"
    times: dict[str, list[float]] = {"add": [], "edit": [], "split": [], "merge": []}
    with app.app_context():
        session = get_session()
        data = next(seed.glob("*.md")).read_bytes()
        article = ingest(session, "cli:bench", data, "md").article
        session.commit()

        @contextmanager
        def timed(name: str):
            start = time.perf_counter()
            yield
            session.commit()
            times[name].append(time.perf_counter() - start)

        start = time.perf_counter()
        add_claim(session, "cli:bench", article.id, quote=QUOTE)
        session.rollback()
        first = time.perf_counter() - start
        changes = {"claimant": "Nikita Smagin", "claim_reviewed": "Damascus is weak."}
        for _ in range(args.runs):
            with timed("add"):
                claim = add_claim(session, "cli:bench", article.id, quote=QUOTE)
            with timed("edit"):
                edit_claim(session, "cli:bench", claim.id, claim.version, changes)
            at = split_point(claim.text, "Damascus' position")
            with timed("split"):
                part = split_claim(session, "cli:bench", claim.id, claim.version, at)
            with timed("merge"):
                merge_claims(session, "cli:bench", claim.id, claim.version, part.id)
            # out of the way for the next round: dismissed, as a reviewer would
            claim.status = "dismissed"
            session.commit()

    print(f"machine: {machine()}")
    print(f"database: {url.split(':', 1)[0]}, seed article, {args.runs} rounds")
    print(f"first add in the process: {first * 1000:.0f} ms")
    ok = True
    for name, values in times.items():
        slowest = max(values)
        ok = ok and slowest < TARGET
        print(
            f"{name:>6}: median {median(values) * 1000:6.1f} ms, slowest {slowest * 1000:6.1f} ms"
        )
    print(f"each under {TARGET * 1000:.0f} ms after the first: {met(ok)}")


if __name__ == "__main__":
    main()
