"""`kill -9` of a writing command at any point leaves a database every other command works on
(ids from the sequences on PostgreSQL; committed files stay, the one in progress is not there)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from sqlalchemy import func, select

from factcheck.articles.models import Article
from factcheck.db import make_engine
from tests.factories import FIXTURES, SEED


def _command(url: str, tmp_path) -> tuple[str, dict]:
    env = {**os.environ, "FACTCHECK_DATABASE_URL": url, "FACTCHECK_INSTANCE_PATH": str(tmp_path)}
    return os.path.join(os.path.dirname(sys.executable), "factcheck"), env


def _articles(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count(Article.id))) or 0


def _every_writing_command_works(script: str, env: dict, sample: str) -> None:
    """After a kill: ingest, user add and import take ids that are free and commit."""
    ingested = subprocess.run(
        [script, "ingest", "--json", str(SEED)], env=env, capture_output=True, text=True
    )
    assert ingested.returncode == 0, ingested.stderr
    added = subprocess.run(
        [script, "user", "add", "after-kill@example.org", "--role", "editor", "--password-stdin"],
        env=env,
        input="a long enough passphrase\n",
        capture_output=True,
        text=True,
    )
    assert added.returncode == 0, added.stderr
    imported = subprocess.run(
        [script, "import", str(FIXTURES / "claimreview" / sample)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0 and "imported 25 claims" in imported.stdout, imported.stderr


def test_generate_killed_mid_run_leaves_a_database_every_command_works_on(
    fresh_database_url, tmp_path
):
    """kill -9 after some batches were committed: on PostgreSQL the sequences moved with every
    batch's rows, so later commands take ids that are free."""
    script, env = _command(fresh_database_url, tmp_path)
    engine = make_engine(fresh_database_url)
    generate_command = [script, "generate", "--articles", "50000", "--claims-per-article", "3"]
    process = subprocess.Popen(
        [*generate_command, "--batch", "300", "--big-claims", "3"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while _articles(engine) < 200 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    articles = _articles(engine)
    engine.dispose()
    assert 200 <= articles < 50000  # killed in the middle, after some batches were committed
    _every_writing_command_works(script, env, "averitec_sample.jsonld")


def test_ingest_killed_between_files_leaves_a_database_every_command_works_on(
    fresh_database_url, tmp_path
):
    script, env = _command(fresh_database_url, tmp_path)
    folder = tmp_path / "articles"
    folder.mkdir()
    sources = sorted((FIXTURES / "articles" / "wikinews").glob("*.md"))
    for copy in range(6):
        for path in sources:
            text = path.read_text() + f"\n\nThe council counted {copy + 11} new schools in 2024.\n"
            (folder / f"{copy}-{path.name}").write_text(text)
    engine = make_engine(fresh_database_url)
    process = subprocess.Popen(
        [script, "ingest", "--keep-going", "--jobs", "1", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while _articles(engine) < 3 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    stored = _articles(engine)
    engine.dispose()
    assert 3 <= stored < len(sources) * 6  # killed in the middle of the folder

    _every_writing_command_works(script, env, "factckbr_sample.jsonld")


def test_import_killed_midway_imports_nothing_and_the_next_import_works(
    fresh_database_url, tmp_path
):
    """An import is one transaction: killed before its commit, nothing of it is there, and the
    same file imports in full afterwards."""
    import json

    script, env = _command(fresh_database_url, tmp_path)
    records = [
        {
            "@type": "ClaimReview",
            "url": f"https://checks.example/{n}",
            "claimReviewed": f"Claim number {n} about the budget",
            "reviewRating": {"@type": "Rating", "alternateName": "False"},
            "citation": [{"url": f"https://source.example/{n}/{k}"} for k in range(2)],
        }
        for n in range(1000)
    ]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(records))
    process = subprocess.Popen(
        [script, "import", str(path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    time.sleep(2)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    engine = make_engine(fresh_database_url)
    with engine.connect() as connection:
        from factcheck.claims.models import Claim

        claims = connection.scalar(select(func.count(Claim.id)))
    engine.dispose()
    assert claims in (0, 1000)  # all or nothing
    done = subprocess.run([script, "import", str(path)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert f"imported {1000 - claims} claims" in done.stdout
    added = subprocess.run(
        [script, "user", "add", "after-import@example.org", "--role", "viewer", "--password-stdin"],
        env=env,
        input="a long enough passphrase\n",
        capture_output=True,
        text=True,
    )
    assert added.returncode == 0, added.stderr
