"""The `factcheck` command group (also reachable as `flask --app factcheck`).

Each command imports what it needs when it runs, so `factcheck --help` loads neither Flask nor
SQLAlchemy, only `ingest`, `demo` and `checkworthy` load the extraction's model and HTML reader,
and only a PDF export loads WeasyPrint (bench/cli_start.py times the start).
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import json
import os
import secrets
import signal
import sys
from collections import deque
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from factcheck.auth.roles import Role
from factcheck.reports.formats import FORMATS as EXPORT_FORMATS

SEED = Path(__file__).resolve().parent / "seed"
MAX_FILE_BYTES = 10 * 1024 * 1024


def with_appcontext(command):
    """Run `command` with the settings and a database session: the app's, when Flask runs the
    command (`flask --app factcheck`, the tests' CLI runner), else a context of its own without
    Flask (`factcheck ...`: starting Flask and its pages would be most of a short command's
    time)."""

    @click.pass_context
    def run(ctx: click.Context, /, *args, **kwargs):
        if "flask" in sys.modules:
            from flask import current_app
            from flask.cli import ScriptInfo

            if not current_app and (info := ctx.find_object(ScriptInfo)) is not None:
                ctx.with_resource(info.load_app().app_context())
            if current_app:
                return ctx.invoke(command, *args, **kwargs)
        ctx.with_resource(_own_context())
        return ctx.invoke(command, *args, **kwargs)

    return functools.update_wrapper(run, command)


@dataclass
class _Context:
    """A command's settings and, opened on first use, its database session."""

    config: dict
    database: Any = None
    session: Any = None


_current: ContextVar[_Context | None] = ContextVar("factcheck_cli_context", default=None)


@contextlib.contextmanager
def _own_context():
    from factcheck import models  # noqa: F401 (every table mapped before the first query)
    from factcheck.config import default_instance_path, load_config

    # keep_secret=False: a command serves no page, so it leaves no key file behind.
    context = _Context(load_config(default_instance_path(), keep_secret=False))
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
        if context.session is not None:
            context.session.close()
        if context.database is not None:
            context.database.engine.dispose()


def _config() -> dict:
    context = _current.get()
    if context is not None:
        return context.config
    from flask import current_app

    return current_app.config


def _database():
    context = _current.get()
    if context is None:
        from factcheck.db import get_database

        return get_database()
    if context.database is None:
        from factcheck.db import Database

        context.database = Database(context.config["DATABASE_URL"])
    return context.database


def _session():
    context = _current.get()
    if context is None:
        from factcheck.db import get_session

        return get_session()
    if context.session is None:
        context.session = _database().session(writes=True)
    return context.session


class UnreadableFile(Exception):
    """A file that cannot be read (missing, not a file, too large)."""


def cli_actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


@click.command("init")
@with_appcontext
def init_command() -> None:
    """Create or upgrade the database (alembic upgrade head)."""
    _create_database()
    click.echo(f"database ready: {_display_url()}")


def _create_database() -> None:
    """Create or upgrade the configured database (`init` and `demo` only)."""
    from factcheck.migrate import upgrade

    url = _config()["DATABASE_URL"]
    path = _sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    upgrade(url)


def _display_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(_config()["DATABASE_URL"]).render_as_string(hide_password=True)


def _sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL (None for another database or an in-memory one)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _check_database() -> None:
    """Every command but `init` and `demo` works on a database that exists: otherwise say
    which one was looked at and how to point at the right one (and create nothing)."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from factcheck.db import describe_error

    hint = (
        "Run `factcheck init` to create it, or point FACTCHECK_DATABASE_URL (or, for the "
        "default SQLite file, FACTCHECK_INSTANCE_PATH) at your database."
    )
    path = _sqlite_path(_config()["DATABASE_URL"])
    if path is not None and not path.is_file():
        raise click.ClickException(f"there is no database at {_display_url()}. {hint}")
    try:
        with _database().engine.connect() as connection:
            ready = inspect(connection).has_table("alembic_version")
    except SQLAlchemyError as exc:
        message = f"cannot use the database {_display_url()}: {describe_error(exc)}"
        raise click.ClickException(message) from None
    if not ready:
        raise click.ClickException(f"{_display_url()} has no factcheck tables. {hint}")


def needs_database(command):
    """with_appcontext, and the database must exist (see _check_database)."""

    @functools.wraps(command)
    def wrapped(*args, **kwargs):
        _check_database()
        return command(*args, **kwargs)

    return with_appcontext(wrapped)


def _expand(paths: tuple[str, ...]) -> list[Path]:
    from factcheck.extraction import FORMATS

    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in FORMATS
            )
            if not found:
                raise click.ClickException(f"{path}: no .md, .txt or .html files in this folder")
            files.extend(found)
        else:
            files.append(path)
    return files


def _read(path: Path) -> bytes:
    from factcheck.extraction import format_for_filename
    from factcheck.extraction.types import ExtractionError

    format_for_filename(path.name)  # refuse unsupported extensions before reading
    try:
        return _read_limited(path)
    except UnreadableFile as exc:
        raise ExtractionError(str(exc)) from None


def _read_limited(path: Path) -> bytes:
    if not path.exists():
        raise UnreadableFile("no such file")
    if not path.is_file():
        raise UnreadableFile("not a regular file")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UnreadableFile(f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    return path.read_bytes()


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option("--url", help="The article's canonical URL (one file only).")
@click.option(
    "--revise",
    "revise",
    type=click.IntRange(min=1),
    metavar="ID",
    help="The file is a new version of article ID (one file only); without it, a file is a "
    "new version only of the article with its canonical URL.",
)
@click.option("--publisher", help="The publisher, when the article does not say.")
@click.option("--json", "as_json", is_flag=True, help="One JSON line per article.")
@click.option(
    "--keep-going",
    is_flag=True,
    help="Commit each file on its own and go on past bad ones (default: all or nothing).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    help="Processes that read and parse the files (default: the number of CPUs; 1: none, "
    "this process parses too). This process stores them in the order given, so what is "
    "stored and printed is the same whatever the number.",
)
@needs_database
def ingest_command(paths, url, revise, publisher, as_json, keep_going, jobs) -> None:
    """Parse articles (.md, .txt, .html; folders too) and extract their claims."""
    from factcheck.articles.operations import IngestError, store_extracted
    from factcheck.extraction.types import ExtractionError

    files = _expand(paths)
    for option, value in (("--url", url), ("--revise", revise)):
        if value and len(files) > 1:
            raise click.ClickException(f"{option} applies to a single article; give one file")
    session = _session()
    actor = cli_actor()
    failures = added = 0
    extractions = _extractions(files, url, jobs or os.cpu_count() or 1)
    with contextlib.closing(extractions), _custom_plans(session):
        for path, extracted in extractions:
            try:
                extraction, raw = extracted()
                result = store_extracted(
                    session,
                    actor,
                    extraction,
                    raw,
                    url=url,
                    publisher=publisher,
                    fallback_title=path.stem,
                    revise=revise,
                )
            except (ExtractionError, IngestError) as exc:
                session.rollback()
                if not keep_going:
                    raise click.ClickException(f"{path}: {exc} (nothing was ingested)") from None
                failures += 1
                click.echo(f"error: {path}: {exc}", err=True)
                continue
            if keep_going:
                session.commit()
            added += len(result.added_ids)
            _report_ingest(result, path, as_json)
    session.commit()
    _analyze_after_bulk_load(session, added, INGESTED_TABLES)
    if failures:
        raise click.ClickException(f"{failures} of {len(files)} files could not be ingested")


INGESTED_TABLES = ("article", "article_source", "claim", "evidence", "source", "audit_event")
IMPORTED_TABLES = ("claim", "evidence", "source", "audit_event")


def _analyze_after_bulk_load(session, claims: int, tables: tuple[str, ...]) -> None:
    """Fresh planner statistics for the tables a large load wrote (factcheck.db.BULK_LOAD_ROWS)."""
    from factcheck import db

    if claims >= db.BULK_LOAD_ROWS:
        db.analyze(session, tables)
        session.commit()


@contextlib.contextmanager
def _custom_plans(session):
    """On PostgreSQL, plan every statement of the session's transactions for the tables as they
    are. A long ingest into a small database grows its tables, and the plans PostgreSQL keeps for
    the foreign-key checks (made when the tables were small: sequential scans) would make each
    check read a whole table: quadratic (the server's time 1.5x for 1,000 articles into an empty
    database, 3.3x for 3,000)."""
    if session.get_bind().dialect.name != "postgresql":
        yield
        return
    from sqlalchemy import event

    def set_mode(_session, _transaction, connection) -> None:
        connection.exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")

    if session.in_transaction():
        set_mode(session, None, session.connection())
    event.listen(session, "after_begin", set_mode)
    try:
        yield
    finally:
        event.remove(session, "after_begin", set_mode)


def _extract_file(path: Path, url: str | None):
    """A file's (extraction, raw text); ExtractionError when it is not an article."""
    from factcheck.articles.operations import extract
    from factcheck.extraction import format_for_filename

    return extract(_read(path), format_for_filename(path.name), url=url)


def _extractions(files: list[Path], url: str | None, jobs: int):
    """(path, extracted) for each file, in order, where extracted() returns what
    `_extract_file` returns or raises its ExtractionError. With jobs > 1 a pool of that many
    processes parses up to 4 files each ahead of the caller, who stores them."""
    if jobs == 1 or len(files) == 1:
        for path in files:
            yield path, functools.partial(_extract_file, path, url)
        return
    from concurrent.futures import ProcessPoolExecutor

    # The workers leave Ctrl+C to this process, which then stops them (shutdown below).
    pool = ProcessPoolExecutor(
        min(jobs, len(files)), initializer=signal.signal, initargs=(signal.SIGINT, signal.SIG_IGN)
    )
    try:
        ahead: deque[tuple[Path, Callable[[], Any]]] = deque()
        for path in files:
            ahead.append((path, pool.submit(_extract_file, path, url).result))
            if len(ahead) >= 4 * jobs:
                yield ahead.popleft()
        while ahead:
            yield ahead.popleft()
    finally:
        pool.shutdown(cancel_futures=True)


def _report_ingest(result, path: Path, as_json: bool) -> None:
    article, count = result.article, result.anchored
    state = "created" if result.created else ("unchanged" if result.unchanged else "revised")
    if as_json:
        click.echo(
            json.dumps(
                {
                    "article_id": article.id,
                    "title": article.title,
                    "claims": count,
                    "status": state,
                    "added": len(result.added_ids),
                    "dismissed": result.dismissed,
                    "kind": article.kind,
                    "language": article.language,
                    "orphaned": result.orphaned,
                    "path": str(path),
                    "orphaned_reviewed": [
                        {"id": claim_id, "status": status}
                        for claim_id, status in result.orphaned_reviewed
                    ],
                },
                ensure_ascii=False,
            )
        )
    else:
        click.echo(
            f"{state} article {article.id} \u201c{article.title}\u201d: {count} claims"
            f" ({len(result.added_ids)} new, {result.dismissed} of them dismissed as hedged or"
            f" predictive, {result.orphaned} orphaned) from {path}"
        )
    if result.orphaned_reviewed:  # reviewers' work no longer in the text: never silently
        claims = ", ".join(
            f"{claim_id} ({status})" for claim_id, status in result.orphaned_reviewed
        )
        click.echo(
            f"warning: revision {article.revision} of article {article.id} orphaned "
            f"{len(result.orphaned_reviewed)} claims that were in review, reviewed or "
            f"approved: {claims}",
            err=True,
        )


def _output(path: str | None, binary: bool = False, newline: str | None = None):
    if path is None or path == "-":
        return contextlib.nullcontext(sys.stdout.buffer if binary else sys.stdout)
    if binary:
        return click.open_file(path, "wb", atomic=True)
    return open(path, "w", encoding="utf-8", newline=newline)  # noqa: SIM115


@click.command("export")
@click.argument("article_id", type=int, required=False)
@click.option("--all", "export_all", is_flag=True, help="The whole database, streamed.")
@click.option(
    "--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="json", show_default=True
)
@click.option(
    "--include-all", is_flag=True, help="md/html/pdf: every claim, not only approved ones."
)
@click.option("-o", "--output", help="Write to this file instead of standard output.")
@needs_database
def export_command(article_id, export_all, fmt, include_all, output) -> None:
    """Export an article's verification report (or --all of them)."""
    from factcheck.reports.formats import STREAMING, Publisher, render, write_all
    from factcheck.reports.queries import article_report, iter_all_reports
    from factcheck.reports.renderers import PdfUnavailable

    if export_all == (article_id is not None):
        raise click.ClickException("give either an ARTICLE_ID or --all")
    session = _session()
    publisher = Publisher.from_config(_config())
    if fmt.startswith("claimreview") and not publisher.base_url:
        click.echo(
            "warning: FACTCHECK_BASE_URL is not set, so ClaimReview items carry no url "
            "(Google's Fact Check markup requires one: the public page of each fact-check)",
            err=True,
        )
    if fmt.startswith("claimreview") and not publisher.name:
        click.echo(
            "warning: FACTCHECK_ORGANISATION_NAME is not set, so our ClaimReview items carry "
            "no author",
            err=True,
        )
    if export_all:
        if fmt not in STREAMING:
            raise click.ClickException(f"--all exports {', '.join(STREAMING)}, not {fmt}")
        with _output(output, newline="" if fmt == "csv" else None) as out:
            write_all(iter_all_reports(session), fmt, publisher, out)
        return
    report = article_report(session, article_id)
    if report is None:
        raise click.ClickException(f"no article with id {article_id}")
    try:
        rendered = render(report, fmt, publisher, include_all=include_all)
    except PdfUnavailable as exc:
        raise click.ClickException(str(exc)) from None
    binary = isinstance(rendered, bytes)
    with _output(output, binary=binary, newline="" if fmt == "csv" else None) as out:
        out.write(rendered if binary or rendered.endswith("\n") else rendered + "\n")


@click.command("import")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["claimreview"]), default="claimreview", show_default=True
)
@click.option(
    "--mapping",
    type=click.Path(exists=True, dir_okay=False),
    help='JSON file {"rating label": "verdict label"} added to the default mapping.',
)
@needs_database
def import_command(path, fmt, mapping) -> None:
    """Import published fact-checks (ClaimReview JSON-LD: object, array or @graph)."""
    from factcheck.claimreview.operations import import_claimreview

    try:
        data = _read_limited(Path(path))
    except UnreadableFile as exc:
        raise click.ClickException(f"{path}: {exc}") from None
    label_mapping = {**_config()["VERDICT_LABEL_MAPPING"], **_load_mapping(mapping)}
    session = _session()
    summary = import_claimreview(
        session, cli_actor(), data, origin=Path(path).name, label_mapping=label_mapping
    )
    session.commit()
    _analyze_after_bulk_load(session, len(summary.imported), IMPORTED_TABLES)
    if summary.imported:
        _match_pending(session)  # the new library entries are searchable right away
    for problem in summary.errors:
        click.echo(f"skipped {problem.position}: {problem.reason}", err=True)
    click.echo(
        f"imported {len(summary.imported)} claims ({summary.unmapped} with an unmapped verdict), "
        f"{summary.duplicates} already present, {len(summary.errors)} unreadable records"
    )
    if not summary.imported and not summary.duplicates:
        raise click.ClickException("nothing could be imported from this file")


def _load_mapping(path: str | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        mapping = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise click.ClickException(f"{path}: not a JSON file ({exc})") from None
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise click.ClickException(f'{path}: expected {{"rating label": "verdict label"}}')
    return mapping


@click.command("checkworthy")
@click.option(
    "--threshold", type=click.FloatRange(0, 1), help="Decision threshold (default: the model's)."
)
@click.option("--explain", is_flag=True, help='Add "reasons": the features that moved the score.')
def checkworthy_command(threshold, explain) -> None:
    """Score sentences from standard input, one per line, as JSON lines."""
    from factcheck.extraction import checkworthiness

    cut = checkworthiness.THRESHOLD if threshold is None else threshold
    batch: list[str] = []

    def flush() -> None:
        for text, score in zip(batch, checkworthiness.score(batch), strict=True):
            line = {"text": text, "score": round(score, 4), "checkworthy": score >= cut}
            if explain:
                line["reasons"] = [[n, round(w, 4)] for n, w in checkworthiness.explain(text)]
            click.echo(json.dumps(line, ensure_ascii=False))
        batch.clear()

    for line in sys.stdin:
        batch.append(line.rstrip("\r\n"))
        if len(batch) >= 1000:
            flush()
    flush()


@click.command("match")
@click.option("--top", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="JSON lines (the only output format).")
@click.option(
    "--pending",
    is_flag=True,
    help="Instead: encode the claims not encoded yet and store their earlier fact-checks.",
)
@click.option("--watch", is_flag=True, help="With --pending: keep doing it every few seconds.")
@click.option("--with-parent", is_flag=True, hidden=True, help="Stop when the parent stops.")
@needs_database
def match_command(top, as_json, pending, watch, with_parent) -> None:
    """Earlier fact-checks of claims from standard input, one per line, as JSON lines:
    {"text", "matches": [{"claim_id", "url", "claim_reviewed", "verdict", "score"}]}."""
    session = _session()
    if pending or watch:
        _match_pending(session, watch=watch, with_parent=with_parent)
        return
    from factcheck.memory.queries import find_many

    batch: list[str] = []

    def flush() -> None:
        for text, found in zip(batch, find_many(session, batch, top), strict=True):
            line = {"text": text, "matches": [check.as_json() for check in found]}
            click.echo(json.dumps(line, ensure_ascii=False))
        batch.clear()

    for line in sys.stdin:
        batch.append(line.rstrip("\r\n"))
        if len(batch) >= 100:
            flush()
    flush()


WATCH_SECONDS = 5.0
FULL_PASS = 60  # with --watch, every claim is looked at again every 60 passes (about 5 minutes)


def _match_pending(session, watch: bool = False, with_parent: bool = False) -> None:
    """Matching passes until nothing is left (`watch`: then again every WATCH_SECONDS, looking
    only at the claims changed since the last pass, and at every claim every FULL_PASS passes;
    a pass that fails is tried again, until stopped)."""
    import time
    from datetime import datetime

    from sqlalchemy.exc import SQLAlchemyError

    from factcheck.db import describe_error, utcnow
    from factcheck.memory.index import SLACK
    from factcheck.memory.operations import encode, pending, store

    since: datetime | None = None
    passes = 0
    parent = os.getppid()
    while not with_parent or os.getppid() == parent:  # serve's pass ends with serve, even killed
        started: datetime | None = utcnow() - SLACK
        after, encoded, matched = 0, 0, 0
        try:
            while rows := pending(session, after, since):
                session.commit()  # encoding holds no transaction (SQLite: no write lock)
                result = store(session, rows, encode(session, rows))
                session.commit()
                after = rows[-1].id
                encoded += result.encoded
                matched += result.matched
            session.commit()
        except SQLAlchemyError as exc:
            if not watch:
                raise
            session.rollback()
            click.echo(f"matching pass failed, trying again: {describe_error(exc)}", err=True)
            started = since  # look again at what this pass may have missed
        if not watch:
            click.echo(f"matching: {encoded} claims encoded, {matched} earlier fact-checks stored")
            return
        passes += 1
        since = None if passes % FULL_PASS == 0 else started
        time.sleep(WATCH_SECONDS)


@click.group("user")
def user_group() -> None:
    """Manage accounts."""


@user_group.command("add")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", help="Display name (default: the email's local part).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@needs_database
def user_add_command(email, role, name, password_stdin) -> None:
    """Create an account."""
    from factcheck.auth.operations import AccountError, add_user

    password = _password(password_stdin)
    session = _session()
    try:
        user = add_user(session, cli_actor(), email, Role(role), password, name=name)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    click.echo(f"created {user.email} ({user.role})")


def _password(password_stdin: bool) -> str:
    """A password from standard input (one line, kept as typed) or typed twice at a prompt."""
    if password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _account(email: str):
    from sqlalchemy import select

    from factcheck.auth.models import User
    from factcheck.auth.operations import AccountError, normalize_email

    try:
        user = _session().scalar(select(User).where(User.email == normalize_email(email)))
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    if user is None:
        raise click.ClickException(f"there is no account {email}")
    return user


def _change(change, *args) -> None:
    """Run an account operation as the command line and commit it, or say why not."""
    from factcheck.auth.operations import AccountError

    session = _session()
    try:
        change(session, cli_actor(), *args)
    except AccountError as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()


@user_group.command("list")
@needs_database
def user_list_command() -> None:
    """Every account: email, role, active or disabled, last sign-in, name."""
    from sqlalchemy import select

    from factcheck.auth.models import User

    for user in _session().scalars(select(User).order_by(User.email)):
        state = "active" if user.active else "disabled"
        last = user.last_login_at.strftime("%Y-%m-%d %H:%M UTC") if user.last_login_at else "never"
        click.echo(f"{user.email}\t{user.role}\t{state}\t{last}\t{user.name}")


@user_group.command("set-password")
@click.argument("email")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@needs_database
def user_set_password_command(email, password_stdin) -> None:
    """Set a new password; the account's sessions end."""
    from factcheck.auth.operations import set_password

    user = _account(email)
    _change(set_password, user, _password(password_stdin))
    click.echo(f"new password set for {user.email}; their sessions ended")


@user_group.command("set-role")
@click.argument("email")
@click.argument("role", type=click.Choice([r.value for r in Role]))
@needs_database
def user_set_role_command(email, role) -> None:
    """Give an account another role; its sessions end."""
    from factcheck.auth.operations import set_role

    user = _account(email)
    _change(set_role, user, Role(role))
    click.echo(f"{user.email} is now {role}")


@user_group.command("disable")
@click.argument("email")
@needs_database
def user_disable_command(email) -> None:
    """Disable an account: it cannot sign in, its sessions end (its history stays)."""
    from factcheck.auth.operations import set_active

    user = _account(email)
    _change(set_active, user, False)
    click.echo(f"{user.email} is disabled")


@user_group.command("enable")
@click.argument("email")
@needs_database
def user_enable_command(email) -> None:
    """Enable a disabled account again."""
    from factcheck.auth.operations import set_active

    user = _account(email)
    _change(set_active, user, True)
    click.echo(f"{user.email} is enabled")


@click.group("token")
def token_group() -> None:
    """Personal access tokens for the HTTP API (/api/v1/)."""


@token_group.command("create")
@click.argument("email")
@click.option("--scope", type=click.Choice(["read", "write"]), required=True)
@click.option(
    "--expires", type=click.IntRange(1, 3650), help="Days until it expires (default: never)."
)
@click.option("--name", default="command line", show_default=True, help="What the token is for.")
@needs_database
def token_create_command(email, scope, expires, name) -> None:
    """Make a token for an account; its secret is printed once, on standard output."""
    from factcheck.api.models import Scope
    from factcheck.api.tokens import TokenError, create_token

    user = _account(email)
    session = _session()
    try:
        token, secret = create_token(
            session, cli_actor(), user, name=name, scope=Scope(scope), expires_days=expires
        )
    except TokenError as exc:
        raise click.ClickException(str(exc)) from None
    session.commit()
    until = token.expires_at.strftime("%Y-%m-%d %H:%M UTC") if token.expires_at else "never"
    click.echo(f"token {token.id} ({scope}) for {user.email}, expires {until}:", err=True)
    click.echo(secret)


@token_group.command("list")
@click.argument("email", required=False)
@needs_database
def token_list_command(email) -> None:
    """Tokens (of one account): id, account, name, scope, state, expiry, last use."""
    from sqlalchemy import select

    from factcheck.api.models import ApiToken
    from factcheck.auth.models import User

    statement = select(ApiToken, User.email).join(User).order_by(ApiToken.id)
    if email:
        statement = statement.where(ApiToken.user_id == _account(email).id)

    def when(value) -> str:
        return value.strftime("%Y-%m-%d %H:%M UTC") if value else "never"

    for token, owner in _session().execute(statement):
        state = "revoked" if token.revoked_at else "active"
        click.echo(
            f"{token.id}\t{owner}\t{token.name}\t{token.scope}\t{state}\t"
            f"expires {when(token.expires_at)}\tlast used {when(token.last_used_at)}"
        )


@token_group.command("revoke")
@click.argument("token_id", type=click.IntRange(1, 2**31 - 1))
@needs_database
def token_revoke_command(token_id) -> None:
    """Revoke a token for good: requests with it get 401 from now on."""
    from factcheck.api.models import ApiToken
    from factcheck.api.tokens import revoke_token

    session = _session()
    token = session.get(ApiToken, token_id)
    if token is None:
        raise click.ClickException(f"there is no token {token_id}")
    changed = revoke_token(session, cli_actor(), token)
    session.commit()
    click.echo(f"token {token_id} revoked" if changed else f"token {token_id} was revoked already")


@click.group("webhooks")
def webhooks_group() -> None:
    """Webhooks: deliveries of events to the registered URLs."""


@webhooks_group.command("deliver")
@click.option("--once", "mode", flag_value="once", default=True, help="One round, then stop.")
@click.option("--loop", "mode", flag_value="loop", help="Rounds until stopped (serve runs one).")
@click.option("--interval", default=5.0, show_default=True, type=click.FloatRange(0.5, 3600))
@click.option("--with-parent", is_flag=True, hidden=True, help="Stop when the parent stops.")
@needs_database
def webhooks_deliver_command(mode, interval, with_parent) -> None:
    """Turn new events into deliveries and send the ones that are due (retries included)."""
    import time

    from factcheck.webhooks.delivery import deliver_due
    from factcheck.webhooks.operations import enqueue

    allow_private = _config()["WEBHOOKS_ALLOW_PRIVATE"]

    def one_round() -> tuple[int, int, int]:
        session = _session()
        try:
            made = enqueue(session)
            session.commit()
            delivered, failed = deliver_due(session, allow_private)
            session.commit()
        except Exception:
            session.rollback()
            raise
        return made, delivered, failed

    if mode == "once":
        made, delivered, failed = one_round()
        click.echo(f"{made} new deliveries, {delivered} delivered, {failed} failed attempts")
        return
    parent = os.getppid()
    while not with_parent or os.getppid() == parent:  # serve's loop ends with serve, even killed
        try:
            one_round()
        except Exception as exc:  # the database away for a moment: try again next round
            click.echo(f"webhooks: {_describe(exc)}", err=True)
        time.sleep(interval)


@webhooks_group.command("list")
@needs_database
def webhooks_list_command() -> None:
    """Registered webhooks: id, URL, events, deliveries by state."""
    from sqlalchemy import func, select

    from factcheck.webhooks.models import Webhook, WebhookDelivery

    session = _session()
    counts: dict[int, dict[str, int]] = {}
    statement = select(WebhookDelivery.webhook_id, WebhookDelivery.state, func.count())
    for hook_id, state, n in session.execute(
        statement.group_by(WebhookDelivery.webhook_id, WebhookDelivery.state)
    ):
        counts.setdefault(hook_id, {})[state] = n
    for hook in session.scalars(select(Webhook).order_by(Webhook.id)):
        tally = ", ".join(f"{n} {state}" for state, n in sorted(counts.get(hook.id, {}).items()))
        click.echo(f"{hook.id}\t{hook.url}\t{','.join(hook.events)}\t{tally or 'no deliveries'}")


def _serve(host: str, port: int, workers: int) -> None:
    import subprocess

    from factcheck.serve import run_gunicorn

    # Beside the server, each in a process of its own for as long as it runs: webhook
    # deliveries, and the matching pass (vectors and earlier fact-checks for new claims).
    command = [sys.executable, "-c", "from factcheck.cli import main; main()"]
    loop = subprocess.Popen([*command, "webhooks", "deliver", "--loop", "--with-parent"])  # noqa: S603
    matcher = subprocess.Popen(  # noqa: S603 (this interpreter and fixed arguments)
        [*command, "match", "--pending", "--watch", "--with-parent"], stdin=subprocess.DEVNULL
    )
    try:
        run_gunicorn(host=host, port=port, workers=workers)
    finally:
        for process in (loop, matcher):
            process.terminate()
        for process in (loop, matcher):
            process.wait(timeout=30)


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@needs_database
def serve_command(host, port, workers) -> None:
    """Serve the app with gunicorn on the configured database."""
    _serve(host, port, workers)


DEMO_USERS = (
    ("reviewer@example.org", Role.reviewer, "Riley Reviewer"),
    ("editor@example.org", Role.editor, "Eden Editor"),
    ("admin@example.org", Role.admin, "Ada Admin"),
)


@click.command("demo")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Set up the demo data and stop.")
@with_appcontext
def demo_command(port, no_serve) -> None:
    """Create the database, load the demo article, create demo accounts, serve on 127.0.0.1."""
    from sqlalchemy import select

    from factcheck.articles.operations import ingest
    from factcheck.auth.models import User
    from factcheck.auth.operations import add_user, set_password, set_role
    from factcheck.extraction import FORMATS, format_for_filename

    # A plausible newsroom for the public pages and the ClaimReview (the environment wins).
    os.environ.setdefault("FACTCHECK_ORGANISATION_NAME", "Harbour Fact Check")
    os.environ.setdefault("FACTCHECK_BASE_URL", f"http://127.0.0.1:{port}")
    _create_database()
    session = _session()
    actor = cli_actor()
    for path in sorted(p for p in SEED.iterdir() if p.suffix.lower() in FORMATS):
        result = ingest(
            session,
            actor,
            path.read_bytes(),
            format_for_filename(path.name),
            fallback_title=path.stem,
        )
        _report_ingest(result, path, as_json=False)
    click.echo("\nDemo accounts (passwords are new on every `factcheck demo`):")
    for email, role, name in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        user = session.scalar(select(User).where(User.email == email))
        if user is None:
            add_user(session, actor, email, role, password, name=name)
        else:
            set_role(session, actor, user, role)
            set_password(session, actor, user, password)
        click.echo(f"  {role.value:<9} {email:<22} password: {password}")
    session.commit()
    if no_serve:
        _match_pending(session)
    else:
        click.echo(
            f"\nOpen http://127.0.0.1:{port}/ and sign in; published fact-checks are at "
            f"http://127.0.0.1:{port}/fact-checks/. Ctrl+C stops the server.\n"
        )
        _serve("127.0.0.1", port, 2)


@click.command("generate")
@click.option("--articles", type=click.IntRange(1, 10_000_000), required=True)
@click.option("--claims-per-article", type=click.IntRange(1, 10_000), required=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option(
    "--batch",
    type=click.IntRange(100, 1_000_000),
    default=10_000,
    show_default=True,
    help="Claims per transaction.",
)
@click.option(
    "--big-claims",
    type=click.IntRange(1, 10_000),
    default=500,
    show_default=True,
    help="Claims of the first article (the export benchmark's).",
)
@click.option(
    "--password",
    help="Password of the generated accounts (@bench.example; default: a new random one).",
)
@with_appcontext
def generate_command(articles, claims_per_article, seed, batch, big_claims, password) -> None:
    """Fill the configured database with synthetic data for benchmarks (from a checkout)."""
    options = {"seed": seed, "batch": batch, "big_claims": big_claims}
    if password is not None:
        from factcheck.auth.passwords import password_problem

        problem = password_problem(password)
        if problem:
            raise click.ClickException(f"--password: {problem}")
        options["password"] = password
    run = _bench_module("generate").run
    click.echo(run(_config()["DATABASE_URL"], articles, claims_per_article, **options))


def _bench_module(name: str):
    """bench/<name>.py of the checkout this package runs from: the benchmark tools are not part
    of the installed package."""
    import importlib.util

    path = Path(__file__).resolve().parent.parent / "bench" / f"{name}.py"
    if not path.is_file():
        raise click.ClickException(
            f"`factcheck {name}` is a development tool (bench/{name}.py in the repository): "
            "run it from a checkout, installed with `pip install -e .`"
        )
    spec = importlib.util.spec_from_file_location(f"factcheck_bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


COMMANDS = (
    init_command,
    ingest_command,
    export_command,
    import_command,
    checkworthy_command,
    match_command,
    user_group,
    token_group,
    webhooks_group,
    serve_command,
    demo_command,
    generate_command,
)


def register_commands(app) -> None:
    for command in COMMANDS:
        app.cli.add_command(command)


@click.group(commands=COMMANDS)
def cli() -> None:
    """factcheck: a claim-and-source fact-checking database."""


def main() -> None:
    try:
        cli.main(prog_name="factcheck")
    except SystemExit:
        raise
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        click.echo(f"error: {_describe(exc)}", err=True)
        sys.exit(1)


def _describe(exc: Exception) -> str:
    """An unexpected error in one line; a database's never with the SQL or its values."""
    if "sqlalchemy" in sys.modules:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            from factcheck.db import describe_error

            return f"the database refused or could not be reached: {describe_error(exc)}"
    return f"{type(exc).__name__}: {exc}"
