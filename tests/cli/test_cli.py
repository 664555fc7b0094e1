"""The command line of DESIGN.md, through Flask's CLI runner and as the installed script."""

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import func, select

from factcheck import models
from factcheck.auth.models import UserSession
from tests.factories import FIXTURES, SEED

TABLES = [
    models.Article,
    models.Claim,
    models.Source,
    models.Evidence,
    models.AuditEvent,
    models.ArticleSource,
    models.User,
    models.Annotation,
]


@pytest.fixture
def run(app):
    runner = app.test_cli_runner(mix_stderr=False) if _has_mix_stderr() else app.test_cli_runner()

    def invoke(*args, input=None):
        return runner.invoke(args=list(args), input=input, catch_exceptions=False)

    return invoke


def _has_mix_stderr() -> bool:
    import inspect

    from click.testing import CliRunner

    return "mix_stderr" in inspect.signature(CliRunner.__init__).parameters


def row_counts(session):
    session.expire_all()
    return {t.__name__: session.scalar(select(func.count()).select_from(t)) for t in TABLES}


def test_ingest_then_export_the_seed_article(run, session):
    result = run("ingest", str(SEED), "--json")
    assert result.exit_code == 0, result.output
    line = json.loads(result.stdout.strip())
    assert line["title"] == "The Rapprochement Between Russia and Syria Is a Temporary Necessity"
    assert line["claims"] > 5
    exported = run("export", str(line["article_id"]), "--format", "json")
    assert exported.exit_code == 0
    report = json.loads(exported.stdout)
    article = report["article"]
    assert article["author"] == "Nikita Smagin"
    assert article["published"] == "2025-09-22"
    assert article["url"] == (
        "https://www.themoscowtimes.com/2025/09/22/the-rapprochement-"
        "between-russia-and-syria-is-a-temporary-necessity-a90513"
    )
    assert len(report["claims"]) == line["claims"] == report["summary"]["claims"]
    text = article["text"]
    import hashlib

    assert article["content_sha256"] == hashlib.sha256(text.encode()).hexdigest()
    for claim in report["claims"]:
        start, end = claim["position"]["start"], claim["position"]["end"]
        assert text[start:end] == claim["quote"]["exact"] == claim["text"]
        assert text[:start].endswith(claim["quote"]["prefix"])
        assert text[end:].startswith(claim["quote"]["suffix"])
        # a hedged or predictive sentence: dismissed by the extraction, its reason in the report
        hedged = claim["dismissal_reason"] in ("opinion", "prediction")
        assert [h["action"] for h in claim["history"]] == ["extract"] + ["dismiss"] * hedged
        assert claim["status"] == ("dismissed" if hedged else "unreviewed")
    assert sum(c["status"] == "dismissed" for c in report["claims"]) == line["dismissed"] > 0
    assert (line["kind"], line["language"]) == ("opinion", "en")
    pounds = [c for c in report["claims"] if "currency" in c["text"] or "pounds" in c["text"]]
    assert pounds and any(
        s["url"] is None and s["relation"] == "cited" for c in pounds for s in c["sources"]
    )


def test_reingesting_the_same_file_changes_nothing(run, session):
    first = json.loads(run("ingest", str(SEED), "--json").stdout)
    before = row_counts(session)
    again = json.loads(run("ingest", str(SEED), "--json").stdout)
    assert again["article_id"] == first["article_id"] and again["status"] == "unchanged"
    assert row_counts(session) == before


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.md", b"", "empty"),
        ("blank.txt", b"  \n\t\n ", "no text"),
        ("binary.md", bytes(range(256)) * 8, "binary"),
        ("latin1.txt", "caf\xe9 cr\xe8me".encode("latin-1") * 20, "UTF-8"),
        ("article.pdf", b"%PDF-1.4 whatever", "unsupported"),
    ],
)
def test_bad_files_are_refused_and_change_nothing(run, session, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    before = row_counts(session)
    result = run("ingest", str(SEED), str(path))
    assert result.exit_code != 0
    assert message.lower() in result.stderr.lower()
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1
    assert row_counts(session) == before  # the good file before it was not kept either


def test_a_missing_file_is_refused(run, session, tmp_path):
    before = row_counts(session)
    result = run("ingest", str(tmp_path / "nope.md"))
    assert result.exit_code != 0 and "no such file" in result.stderr
    assert row_counts(session) == before


def test_a_failure_halfway_leaves_the_database_as_it_was(run, session, monkeypatch):
    from factcheck.articles import operations
    from factcheck.extraction.types import ExtractionError

    def broken(*_args, **_kwargs):
        raise ExtractionError("simulated failure after the claims were written")

    monkeypatch.setattr(operations, "_add_article_sources", broken)
    before = row_counts(session)
    result = run("ingest", str(SEED))
    assert result.exit_code != 0 and "simulated failure" in result.stderr
    assert row_counts(session) == before


def test_keep_going_ingests_the_good_files(run, session, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"")
    result = run("ingest", "--keep-going", "--json", str(bad), str(SEED))
    assert result.exit_code == 1
    assert "bad.md" in result.stderr
    assert json.loads(result.stdout)["claims"] > 0


def _folder(tmp_path, bad: bytes | None = None):
    """Every sample article, the seed again (unchanged) and a revision of it; `bad` in the
    middle when given."""
    folder = tmp_path / "articles"
    folder.mkdir()
    samples = sorted(p for p in (FIXTURES / "articles").rglob("*.*") if p.is_file())
    for i, path in enumerate(samples):
        (folder / f"{i:02d}-{path.name}").write_bytes(path.read_bytes())
    (folder / "90-same.md").write_bytes(SEED.read_bytes())
    revised = SEED.read_text() + "\n\nUnemployment in Syria rose to 12.5 percent in 2024.\n"
    (folder / "91-revised.md").write_text(revised)
    if bad is not None:
        (folder / "50-bad.md").write_bytes(bad)
    return folder


def test_ingest_revise_names_the_article_and_reports_the_reviewed_claims_it_orphaned(
    run, session, tmp_path
):
    from factcheck.claims.models import Status
    from factcheck.claims.operations import assess
    from tests.factories import verdict

    first = json.loads(run("ingest", "--json", str(SEED)).stdout)
    pounds = session.scalars(
        select(models.Claim).where(
            models.Claim.article_id == first["article_id"],
            models.Claim.text.contains("Reuters reported"),
        )
    ).one()
    assess(
        session,
        "test",
        pounds,
        expected_version=None,
        status=Status.reviewed,
        verdict=verdict(session, "True"),
        rationale="Checked with the central bank.",
    )
    session.commit()
    text = SEED.read_text()
    cut = text[text.index("At the end of August, Reuters") : text.index("continue to do so.") + 18]
    pasted = tmp_path / "corrected.md"  # no "Original url:" line: only --revise says which
    pasted.write_text(text.replace(cut, "").split("Original url:")[0])
    result = run("ingest", "--json", "--revise", str(first["article_id"]), str(pasted))
    assert result.exit_code == 0, result.stderr
    line = json.loads(result.stdout)
    assert line["article_id"] == first["article_id"] and line["status"] == "revised"
    assert {"article_id", "title", "claims", "status", "added", "orphaned", "path"} <= set(line)
    assert line["orphaned"] >= 1
    assert {"id": pounds.id, "status": "reviewed"} in line["orphaned_reviewed"]
    assert f"orphaned {len(line['orphaned_reviewed'])} claims" in result.stderr
    assert f"{pounds.id} (reviewed)" in result.stderr
    refused = run("ingest", "--revise", "424242", str(pasted))
    assert refused.exit_code != 0 and "no article 424242" in refused.stderr
    both = run("ingest", "--revise", str(first["article_id"]), str(pasted), str(SEED))
    assert both.exit_code != 0 and "--revise applies to a single article" in both.stderr


def test_a_bad_file_parsed_in_a_worker_still_stores_nothing(run, session, tmp_path):
    folder = _folder(tmp_path, bad=bytes(range(256)) * 8)
    before = row_counts(session)
    result = run("ingest", "--jobs", "2", "--json", str(folder))
    assert result.exit_code != 0
    [error] = result.stderr.strip().splitlines()
    assert "50-bad.md" in error and "binary" in error and "nothing was ingested" in error
    assert row_counts(session) == before


def test_keep_going_with_jobs_stores_the_good_files(run, session, tmp_path):
    folder = _folder(tmp_path, bad=b"")
    result = run("ingest", "--jobs", "2", "--keep-going", "--json", str(folder))
    assert result.exit_code == 1 and "50-bad.md" in result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == len(list(folder.iterdir())) - 1
    assert [line["status"] for line in lines[-2:]] == ["unchanged", "revised"]


def test_ingest_plans_each_statement_for_the_tables_as_they_are(run, dialect, monkeypatch):
    """PostgreSQL: custom plans in every transaction of the command (see cli._custom_plans);
    SQLite has no such setting (each file is still stored once)."""
    from sqlalchemy import text

    from factcheck.articles import operations

    modes = []

    def store(session, *args, **kwargs):
        if dialect == "postgresql":
            modes.append(session.scalar(text("SHOW plan_cache_mode")))
        else:
            modes.append("(no plan cache)")
        return real(session, *args, **kwargs)

    real = operations.store_extracted
    monkeypatch.setattr(operations, "store_extracted", store)
    other = FIXTURES / "articles" / "wikinews" / "024-kmart-to-buy-sears-for-us-11-billion.md"
    assert run("ingest", "--keep-going", str(SEED), str(other)).exit_code == 0
    expected = "force_custom_plan" if dialect == "postgresql" else "(no plan cache)"
    assert modes == [expected] * 2


def test_jobs_store_and_print_what_one_process_does(tmp_path):
    """The same lines and the same rows (ids included) with a pool of parsers as without."""
    folder = _folder(tmp_path)
    script = os.path.join(os.path.dirname(sys.executable), "factcheck")
    runs = []
    for jobs in ("1", "2"):
        db = tmp_path / f"jobs{jobs}.db"
        env = {
            **os.environ,
            "FACTCHECK_DATABASE_URL": f"sqlite:///{db}",
            "FACTCHECK_INSTANCE_PATH": str(tmp_path),
        }
        subprocess.run([script, "init"], env=env, capture_output=True, check=True)
        done = subprocess.run(
            [script, "ingest", "--json", "--jobs", jobs, str(folder)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        runs.append((done.stdout, _sqlite_rows(db)))
    assert runs[0] == runs[1]
    assert len(runs[0][0].splitlines()) == len(list(folder.iterdir()))


def _sqlite_rows(db) -> dict:
    import sqlite3

    timestamps = {"at", "created_at", "updated_at", "ingested_at"}
    tables = ["article", "claim", "source", "evidence", "article_source", "audit_event"]
    connection = sqlite3.connect(db)
    try:
        rows = {}
        for table in tables:
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY rowid")
            names = [d[0] for d in cursor.description]
            rows[table] = [
                {k: v for k, v in zip(names, row, strict=True) if k not in timestamps}
                for row in cursor
            ]
        return rows
    finally:
        connection.close()


def test_export_of_an_unknown_article(run):
    result = run("export", "999999", "--format", "json")
    assert result.exit_code != 0 and "no article with id 999999" in result.stderr


def test_export_all_writes_json_lines(run, tmp_path):
    run("ingest", str(SEED))
    run("ingest", str(SEED.parent / "wikinews" / "024-kmart-to-buy-sears-for-us-11-billion.md"))
    out = tmp_path / "all.jsonl"
    assert run("export", "--all", "--format", "json", "-o", str(out)).exit_code == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(lines) >= 2
    assert all({"article", "claims", "summary", "generated_at"} <= set(r) for r in lines)


def test_user_add(run, session):
    result = run(
        "user",
        "add",
        "ed@example.org",
        "--role",
        "editor",
        "--password-stdin",
        input="a long enough password\n",
    )
    assert result.exit_code == 0, result.stderr
    user = session.scalar(select(models.User).where(models.User.email == "ed@example.org"))
    assert user.role == "editor"
    dup = run(
        "user",
        "add",
        "ed@example.org",
        "--role",
        "editor",
        "--password-stdin",
        input="a long enough password\n",
    )
    assert dup.exit_code != 0 and "already exists" in dup.stderr


def test_demo_loads_the_seed_and_prints_accounts(run, session):
    result = run("demo", "--no-serve")
    assert result.exit_code == 0, result.stderr
    assert "editor@example.org" in result.stdout and "password:" in result.stdout
    assert session.scalar(select(func.count()).select_from(models.Claim)) > 0
    roles = dict(session.execute(select(models.User.email, models.User.role)).all())
    assert roles["reviewer@example.org"] == "reviewer"


def test_checkworthy_scores_stdin(run):
    result = run("checkworthy", input="Unemployment fell to 4.1 percent in 2019.\nThank you.\n")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["text"] for line in lines] == [
        "Unemployment fell to 4.1 percent in 2019.",
        "Thank you.",
    ]
    assert all(0 <= line["score"] <= 1 for line in lines)
    assert lines[0]["score"] > lines[1]["score"]
    assert lines[0]["checkworthy"] and not lines[1]["checkworthy"]
    forced = run("checkworthy", "--threshold", "0", input="Thank you.\n")
    assert json.loads(forced.stdout)["checkworthy"] is True
    explained = json.loads(run("checkworthy", "--explain", input="GDP grew 3% in 2019.\n").stdout)
    assert explained["reasons"] and all(isinstance(w, float) for _, w in explained["reasons"])


def test_the_installed_script_prints_errors_without_tracebacks(tmp_path):
    env = {
        **os.environ,
        "FACTCHECK_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "FACTCHECK_INSTANCE_PATH": str(tmp_path),
    }
    script = os.path.join(os.path.dirname(sys.executable), "factcheck")
    init = subprocess.run([script, "init"], env=env, capture_output=True, text=True)
    assert init.returncode == 0, init.stderr
    missing = subprocess.run(
        [script, "ingest", str(tmp_path / "missing.md")], env=env, capture_output=True, text=True
    )
    assert missing.returncode == 1
    assert missing.stderr.strip().count("\n") == 0 and "Traceback" not in missing.stderr
    unknown = subprocess.run([script, "export", "42"], env=env, capture_output=True, text=True)
    assert unknown.returncode == 1 and "no article with id 42" in unknown.stderr


def _script_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
    return {**env, **extra}


def test_commands_refuse_a_missing_database_and_create_nothing(tmp_path):
    """Run from another folder, only init and demo create a database."""
    script = os.path.join(os.path.dirname(sys.executable), "factcheck")
    env = _script_env(tmp_path)
    expected_db = str(tmp_path / "instance" / "factcheck.db")
    for args in (["export", "1"], ["user", "list"], ["ingest", str(SEED)], ["serve"]):
        done = subprocess.run(
            [script, *args], cwd=tmp_path, env=env, capture_output=True, text=True
        )
        assert done.returncode == 1, args
        assert expected_db in done.stderr and "factcheck init" in done.stderr, done.stderr
        assert "FACTCHECK_DATABASE_URL" in done.stderr and "Traceback" not in done.stderr
        assert list(tmp_path.iterdir()) == [], args  # no instance/, no database, no key
    init = subprocess.run([script, "init"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert init.returncode == 0, init.stderr
    listed = subprocess.run(
        [script, "user", "list"], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert listed.returncode == 0 and listed.stdout == "", listed.stderr


def test_an_unreachable_database_is_named_in_one_line(tmp_path):
    script = os.path.join(os.path.dirname(sys.executable), "factcheck")
    env = _script_env(
        tmp_path, FACTCHECK_DATABASE_URL="postgresql+psycopg://factcheck:s3cret@127.0.0.1:1/fc"
    )
    done = subprocess.run([script, "export", "1"], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert (
        "cannot use the database postgresql+psycopg://factcheck:***@127.0.0.1:1/fc" in done.stderr
    )
    assert "s3cret" not in done.stderr and done.stderr.strip().count("\n") == 0


def test_a_failed_write_prints_neither_sql_nor_the_article(tmp_path):
    import sqlite3

    script = os.path.join(os.path.dirname(sys.executable), "factcheck")
    db = tmp_path / "archive.db"
    env = _script_env(tmp_path, FACTCHECK_DATABASE_URL=f"sqlite:///{db}")
    assert subprocess.run([script, "init"], env=env, capture_output=True).returncode == 0
    connection = sqlite3.connect(db)
    connection.execute(
        "CREATE TRIGGER archive BEFORE INSERT ON article "
        "BEGIN SELECT RAISE(ABORT, 'this archive takes no new articles'); END"
    )
    connection.commit()
    connection.close()
    done = subprocess.run([script, "ingest", str(SEED)], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "this archive takes no new articles" in done.stderr
    assert done.stderr.strip().count("\n") == 0
    for leak in ("INSERT", "[SQL", "parameters", "Syria", "Smagin"):
        assert leak not in done.stderr, leak


def test_user_commands(run, session):
    from factcheck.auth.operations import authenticate
    from factcheck.auth.sessions import open_session

    add = run(
        "user",
        "add",
        "ada@example.org",
        "--role",
        "editor",
        "--password-stdin",
        input="first long password\n",
    )
    assert add.exit_code == 0, add.stderr
    user = session.scalar(select(models.User).where(models.User.email == "ada@example.org"))
    open_session(session, user)
    session.commit()
    weak = run(
        "user", "set-password", "ada@example.org", "--password-stdin", input="password1234\n"
    )
    assert weak.exit_code != 0 and "common or breached" in weak.stderr
    done = run(
        "user",
        "set-password",
        "ADA@example.org",
        "--password-stdin",
        input="  second long password \n",
    )
    assert done.exit_code == 0, done.stderr
    session.expire_all()
    assert authenticate(session, "ada@example.org", "  second long password ") is not None
    assert session.scalar(select(func.count()).select_from(UserSession)) == 0  # sessions ended
    assert run("user", "set-role", "ada@example.org", "reviewer").exit_code == 0
    assert run("user", "disable", "ada@example.org").exit_code == 0
    listed = run("user", "list").stdout
    assert "ada@example.org\treviewer\tdisabled\tnever\tada" in listed
    assert run("user", "enable", "ada@example.org").exit_code == 0
    session.expire_all()
    assert user.active and user.role == "reviewer"
    missing = run("user", "disable", "nobody@example.org")
    assert missing.exit_code != 0 and "no account nobody@example.org" in missing.stderr


def test_the_command_line_and_the_pure_modules_load_no_heavy_library():
    """`factcheck --help` starts without Flask, SQLAlchemy, the model or the HTML reader
    (bench/cli_start.py times it); the pure modules stay pure at run time too."""
    probe = (
        "import sys\n"
        "import factcheck.cli, factcheck.urls, factcheck.extraction.types\n"
        "import factcheck.extraction.dates\n"
        "heavy = ('flask', 'sqlalchemy', 'numpy', 'lxml', 'trafilatura', 'weasyprint')\n"
        "print(' '.join(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == ""


def test_a_large_load_refreshes_the_planner_statistics(run, monkeypatch):
    """ingest (and import) ANALYZE the tables they wrote once they added BULK_LOAD_ROWS claims
    or more; a small load leaves the statistics to the database."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from factcheck import db

    statements: list[str] = []

    def seen(*args):
        statements.append(args[2])

    event.listen(Engine, "before_cursor_execute", seen)
    try:
        assert run("ingest", str(SEED)).exit_code == 0
        assert not any(s.startswith("ANALYZE") for s in statements)
        monkeypatch.setattr(db, "BULK_LOAD_ROWS", 1)
        other = FIXTURES / "articles" / "wikinews" / "024-kmart-to-buy-sears-for-us-11-billion.md"
        assert run("ingest", str(other)).exit_code == 0
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    from factcheck.cli import INGESTED_TABLES

    analyzed = [s for s in statements if s.startswith("ANALYZE")]
    assert analyzed == [f"ANALYZE {table}" for table in INGESTED_TABLES]
