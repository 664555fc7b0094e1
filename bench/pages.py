"""Page latency at newsroom scale, against a floor, under gunicorn.

    .venv/bin/python bench/pages.py --db sqlite:////tmp/bench1m.db [--requests 60] [--workers 2]
    .venv/bin/python bench/pages.py --db postgresql+psycopg://postgres@127.0.0.1:5432/scale_bench

The database must hold generated data (`factcheck generate --articles 20000
--claims-per-article 50` gives 20,000 articles and ~1,010,000 claims, article 1 with 500 claims,
1% of articles with 100). The app and the floor (bench/floor_app.py: one indexed SELECT of 50
rows in a trivial template) are served by two gunicorns with the same settings. Requests go one at
a time, in rounds: the floor, then every page once, as a signed-in editor; so a change in the
machine's load over the run weighs on the floor and on the pages alike. Each page's median and p95
are printed with its ratio to the floor's median and the number of SQL queries the page ran
(X-Query-Count from bench/wsgi.py). Searches: a common pair of words, a word in about 1% of
claims ("teacher"), a number ("47") and a word that matches nothing. Targets: median < 50 ms
and <= 4x the floor, p95 < 150 ms; report exports of the 500-claim article < 200 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select, text  # noqa: E402

from bench.common import (  # noqa: E402
    Client,
    bench_password,
    gunicorn,
    machine,
    median,
    met,
    percentile,
)
from factcheck.db import make_engine  # noqa: E402


def _targets(db_url: str) -> dict:
    engine = make_engine(db_url)
    with engine.connect() as c:
        claims = c.scalar(text("SELECT count(*) FROM claim"))
        articles = c.scalar(text("SELECT count(*) FROM article"))
        big = c.scalar(
            text(
                "SELECT article_id FROM claim WHERE article_id IN "
                "(SELECT id FROM article ORDER BY id LIMIT 300) "
                "GROUP BY article_id HAVING count(*) >= 500 ORDER BY article_id LIMIT 1"
            )
        )
        hundred = c.scalar(
            text(
                "SELECT article_id FROM claim WHERE article_id IN "
                "(SELECT id FROM article ORDER BY id LIMIT 300) "
                "GROUP BY article_id HAVING count(*) = 100 ORDER BY article_id LIMIT 1"
            )
        )
        claim = c.scalar(
            text("SELECT claim_id FROM annotation ORDER BY id DESC LIMIT 1")
        ) or c.scalar(select(func.max(text("id"))).select_from(text("claim")))
        word = "unemployment"
    engine.dispose()
    return {
        "claims": claims,
        "articles": articles,
        "big": big,
        "hundred": hundred,
        "claim": claim,
        "word": word,
    }


def _interleaved(targets: list[tuple[Client, str]], rounds: int, warmup: int) -> list[dict]:
    """Request every target once per round, in turn, so that the floor and every page see the
    same machine load over the run; returns each target's times, last status and query count."""
    results = [{"times": [], "status": 0, "queries": 0} for _ in targets]
    for round_number in range(warmup + rounds):
        for (client, path), result in zip(targets, results, strict=True):
            started = time.perf_counter()
            status, _body, headers = client.request(path)
            elapsed = (time.perf_counter() - started) * 1000
            if round_number >= warmup:
                result["times"].append(elapsed)
            result["status"] = status
            result["queries"] = int(headers.get("X-Query-Count") or 0)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--user", default="editor1@bench.example")
    args = parser.parse_args()
    n = max(5, min(args.requests, 1000))
    t = _targets(args.db)
    password = bench_password(args.db)
    print(f"machine: {machine()}")
    print(f"database: {args.db.split('@')[-1]}: {t['articles']:,} articles, {t['claims']:,} claims")
    print(
        f"gunicorn: {args.workers} workers x 4 threads (gthread) for the app and for the floor; "
        f"{n} rounds after {args.warmup} warm-up rounds, each round requesting the floor and "
        "then every page once, one request at a time"
    )
    pages = [
        ("dashboard", "/"),
        ("queue (default)", "/claims"),
        ("queue (status=in_review)", "/claims?status=in_review"),
        ("queue (verdict, sorted)", "/claims?verdict=5&sort=checkworthiness"),
        ("search", f"/claims?q={t['word']}+percent"),
        ("search, ~1% word", "/claims?q=teacher"),
        ("search, number", "/claims?q=47"),
        ("search, no match", "/claims?q=zyxwvnomatch"),
        ("article, 100 claims", f"/articles/{t['hundred']}"),
        ("claim page", f"/claims/{t['claim']}"),
        ("sources", "/sources"),
    ]
    exports = [
        ("export json, 500 claims", f"/articles/{t['big']}/report.json"),
        ("export html, 500 claims", f"/articles/{t['big']}/report.html"),
    ]
    with (
        gunicorn("bench.floor_app:app", args.db, args.workers) as floor_base,
        gunicorn("bench.wsgi:app", args.db, args.workers) as base,
    ):
        client = Client(base)
        client.login(args.user, password)
        targets = [(Client(floor_base), "/")] + [(client, path) for _, path in pages + exports]
        floor_result, *results = _interleaved(targets, n, args.warmup)
    floor_times = floor_result["times"]
    floor = median(floor_times)
    rows = []
    ok_all = True
    for (name, path), result in zip(pages + exports, results, strict=True):
        times, status, queries = result["times"], result["status"], result["queries"]
        med, p95 = median(times), percentile(times, 95)
        if (name, path) in exports:
            ok = med < 200 and status == 200
            target = "median < 200 ms"
        else:
            ok = med < 50 and med <= 4 * floor and p95 < 150 and status == 200
            target = "median < 50 ms & <= 4x floor, p95 < 150 ms"
        ok_all &= ok
        rows.append((name, path, status, med, p95, med / floor, queries, target, ok))
    print(
        f"\nfloor (bare Flask, one indexed SELECT of 50 rows): median {floor:.1f} ms, "
        f"p95 {percentile(floor_times, 95):.1f} ms\n"
    )
    print(
        f"{'page':<26} {'HTTP':>4} {'median':>8} {'p95':>8} {'x floor':>8} {'queries':>7}  target"
    )
    for name, _path, status, med, p95, ratio, queries, target, ok in rows:
        print(
            f"{name:<26} {status:>4} {med:>6.1f}ms {p95:>6.1f}ms {ratio:>7.1f}x {queries:>7}  "
            f"{met(ok)} ({target})"
        )
    print(f"\nall page targets: {met(ok_all)}")
    return 0 if ok_all else 1


if __name__ == "__main__":
    sys.exit(main())
