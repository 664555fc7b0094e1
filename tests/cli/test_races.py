"""Identity belongs to the database: commands run at the same time store one article per
canonical URL and one claim per published fact-check (real processes, on a database of their
own that they commit to)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from sqlalchemy import func, select

from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.db import make_engine
from tests.factories import FIXTURES, SEED


def _start(url: str, tmp_path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "FACTCHECK_DATABASE_URL": url, "FACTCHECK_INSTANCE_PATH": str(tmp_path)}
    script = os.path.join(os.path.dirname(sys.executable), "factcheck")
    return subprocess.Popen(
        [script, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _finish(processes: list[subprocess.Popen]) -> list[str]:
    outputs = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        outputs.append(out)
    return outputs


def test_concurrent_ingests_of_one_url_make_one_article(fresh_database_url, tmp_path):
    """Four rounds of two `ingest --url U` started together (each pair a different URL; one
    pair with two different texts): one article per URL, the other run unchanged or a
    revision of it."""
    text = SEED.read_text()
    revised = tmp_path / "revised.md"
    revised.write_text(text + "\n\nUnemployment in Syria rose to 12.5 percent in 2024.\n")
    rounds = [
        (f"https://news.example/2025/story-{n}", SEED, revised if n == 3 else SEED)
        for n in range(4)
    ]
    for url, one, two in rounds:
        pair = [
            _start(fresh_database_url, tmp_path, "ingest", "--json", "--url", url, str(path))
            for path in (one, two)
        ]
        lines = [json.loads(out) for out in _finish(pair)]
        assert lines[0]["article_id"] == lines[1]["article_id"]
        assert sorted(line["status"] for line in lines) in (
            ["created", "unchanged"],
            ["created", "revised"],
        )
    engine = make_engine(fresh_database_url)
    with engine.connect() as connection:
        per_url = connection.execute(
            select(Article.normalized_url, func.count()).group_by(Article.normalized_url)
        ).all()
    engine.dispose()
    assert len(per_url) == 4 and all(n == 1 for _, n in per_url)


def test_importing_one_file_twice_at_once_stores_each_fact_check_once(fresh_database_url, tmp_path):
    path = FIXTURES / "claimreview" / "factckbr_sample.jsonld"
    for _round in range(2):
        pair = [_start(fresh_database_url, tmp_path, "import", str(path)) for _ in range(2)]
        outputs = _finish(pair)
        assert sum(f"imported {n} claims" in out for out in outputs for n in (0, 25)) == 2
    engine = make_engine(fresh_database_url)
    with engine.connect() as connection:
        claims = connection.scalar(select(func.count(Claim.id)))
        keys = connection.scalar(select(func.count(func.distinct(Claim.review_key))))
    engine.dispose()
    assert claims == keys == 25
