"""Twenty reviewers at once under gunicorn: no errors but the intended 409s, no lost updates.

    .venv/bin/python bench/concurrency.py --db sqlite:////tmp/bench1m.db [--seconds 60]

Each simulated reviewer signs in (generated accounts, *@bench.example) and loops until the time
is up: reads the dashboard, the queue, a search, and a claim page; saves that claim's assess form
with the version it read and a unique rationale. Half of the saves go to a hot set of 5 claims
that everybody edits at once, so conflicts (HTTP 409) are frequent. Afterwards, from the
database: every accepted save (HTTP 303) must be in the claim's history (audit_event) and each
claim's final rationale must be the newest accepted one; any other HTTP status is an error.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

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

_VERSION = re.compile(r'name="version"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="version"')
STATUSES = ("unreviewed", "in_review", "dismissed")
ACCOUNTS = [f"reviewer{i}@bench.example" for i in range(1, 11)] + [
    "editor1@bench.example",
    "editor2@bench.example",
]


def _claims(db: str, hot: int, cold: int) -> tuple[list[int], list[int]]:
    engine = make_engine(db)
    with engine.connect() as c:
        top = c.scalar(text("SELECT max(id) FROM claim"))
        ids = list(
            c.scalars(
                text(
                    "SELECT id FROM claim WHERE id > :low AND status IN "
                    "('unreviewed', 'in_review', 'dismissed') ORDER BY id LIMIT :n"
                ),
                {"low": max(0, top - 50_000), "n": hot + cold},
            )
        )
    engine.dispose()
    return ids[:hot], ids[hot:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    hot, cold = _claims(args.db, 5, 200)
    password = bench_password(args.db)
    print(f"machine: {machine()}")
    print(
        f"{args.reviewers} reviewers for {args.seconds:.0f} s against gunicorn "
        f"({args.workers} workers x 4 threads), {args.db.split('@')[-1]}"
    )
    lock = threading.Lock()
    statuses: Counter = Counter()
    latencies: dict[str, list[float]] = defaultdict(list)
    accepted: dict[int, list[tuple[float, str]]] = defaultdict(list)
    errors: list[str] = []

    def reviewer(number: int, base: str, stop_at: float) -> None:
        rng = random.Random(number)
        client = Client(base)
        try:
            client.login(ACCOUNTS[number % len(ACCOUNTS)], password)
        except Exception as exc:  # noqa: BLE001 (counted, reported)
            with lock:
                errors.append(f"sign-in: {exc}")
            return
        n = 0
        while time.monotonic() < stop_at and n < 100_000:
            n += 1
            claim_id = rng.choice(hot) if rng.random() < 0.5 else rng.choice(cold)
            reads = [
                ("/", "dashboard"),
                ("/claims", "queue"),
                ("/claims?q=percent+unemployment", "search"),
            ]
            path, kind = rng.choice(reads)
            steps = [(path, None, kind), (f"/claims/{claim_id}", None, "claim")]
            for path, data, kind in steps:
                started = time.perf_counter()
                try:
                    status, body, _ = client.request(path, data)
                except Exception as exc:  # noqa: BLE001
                    with lock:
                        errors.append(f"{kind}: {exc}")
                    continue
                with lock:
                    latencies[kind].append((time.perf_counter() - started) * 1000)
                    statuses[(kind, status)] += 1
                    if status != 200:
                        errors.append(f"{kind} {path}: HTTP {status}")
            if status != 200:
                continue
            match = _VERSION.search(body)
            if match is None:
                with lock:
                    errors.append(f"claim {claim_id}: no version in the form")
                continue
            version = match.group(1) or match.group(2)
            token = f"r{number}-{n}-{rng.randrange(10**6)}"
            form = {
                "csrf_token": client.csrf(body),
                "version": version,
                "status": rng.choice(STATUSES),
                "verdict": "",
                "rationale": token,
                "save": "Save",
            }
            started = time.perf_counter()
            try:
                status, _body, _ = client.request(f"/claims/{claim_id}/assess", form)
            except Exception as exc:  # noqa: BLE001
                with lock:
                    errors.append(f"save: {exc}")
                continue
            finished = time.perf_counter()
            with lock:
                latencies["save"].append((finished - started) * 1000)
                statuses[("save", status)] += 1
                if status == 303:
                    accepted[claim_id].append((finished, token))
                elif status != 409:
                    errors.append(f"save claim {claim_id}: HTTP {status}")

    with gunicorn("factcheck:create_app()", args.db, args.workers) as base:
        stop_at = time.monotonic() + args.seconds
        threads = [
            threading.Thread(target=reviewer, args=(i, base, stop_at), daemon=True)
            for i in range(args.reviewers)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=args.seconds + 120)

    engine = make_engine(args.db)
    lost = []
    with engine.connect() as c:
        for claim_id, saves in accepted.items():
            history = c.execute(
                text(
                    "SELECT id, after FROM audit_event WHERE claim_id = :c AND action = 'assess' "
                    "ORDER BY id"
                ),
                {"c": claim_id},
            ).all()
            seen = []
            for _id, after in history:
                if isinstance(after, str):
                    import json

                    after = json.loads(after)
                if after and "rationale" in after:
                    seen.append(after["rationale"])
            tokens = {t for _, t in saves}
            missing = tokens - set(seen)
            final = c.scalar(text("SELECT rationale FROM claim WHERE id = :c"), {"c": claim_id})
            ours = [r for r in seen if r in tokens]
            if missing:
                lost.append(f"claim {claim_id}: {len(missing)} accepted saves not in history")
            if ours and final != ours[-1]:
                lost.append(
                    f"claim {claim_id}: final rationale {final!r} != last saved {ours[-1]!r}"
                )
    engine.dispose()
    total_saves = sum(n for (kind, _s), n in statuses.items() if kind == "save")
    print("\nresponses:", ", ".join(f"{k} {s}: {n}" for (k, s), n in sorted(statuses.items())))
    for kind, values in sorted(latencies.items()):
        print(
            f"  {kind:<10} n={len(values):>5}  median {median(values):6.1f} ms  "
            f"p95 {percentile(values, 95):6.1f} ms"
        )
    accepted_n = sum(len(v) for v in accepted.values())
    conflicts = statuses[("save", 409)]
    print(
        f"saves: {total_saves} ({accepted_n} accepted, {conflicts} conflicts answered 409) "
        f"on {len(accepted)} claims; {total_saves / args.seconds:.1f} saves/s"
    )
    print(f"errors other than 409: {len(errors)} {errors[:5]}")
    print(f"lost updates: {len(lost)} {lost[:5]}")
    ok = not errors and not lost and accepted_n > 0
    print(f"concurrency: {met(ok)} (no errors but 409, every accepted save in history and final)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
