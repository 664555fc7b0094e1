"""Helpers for tests that drive the pages through Flask's test client."""

from __future__ import annotations

import re
from contextlib import contextmanager

from sqlalchemy import event

from factcheck.auth.sessions import open_session
from factcheck.db import get_database, get_session

_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def sign_in_as(client, user) -> str:
    """Open a session for `user` and give the client its cookie (the sign-in form itself is
    tested in tests/auth); returns the session token."""
    db = get_session()
    token = open_session(db, user)
    db.commit()
    with client.session_transaction() as session:
        session.clear()
        session["sid"] = token
    return token


def csrf_token(client, page: str = "/login") -> str:
    response = client.get(page)
    match = _META.search(response.get_data(as_text=True))
    assert match, f"no CSRF token on {page} ({response.status_code})"
    return match.group(1)


def post(client, url: str, data: dict | None = None, *, page: str = "/", **kwargs):
    """POST with a valid CSRF token taken from `page`."""
    form = {"csrf_token": csrf_token(client, page), **(data or {})}
    return client.post(url, data=form, **kwargs)


@contextmanager
def record_statements(app):
    """The SQL statements run inside the block (savepoints aside), as a list filled in as
    they run: `with record_statements(app) as seen: ...`."""
    statements: list[str] = []
    engine = get_database(app).engine

    def _record(_conn, _cursor, statement, *_args):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", _record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", _record)


@contextmanager
def count_queries(app):
    """Count the SQL statements run inside the block: `with count_queries(app) as n: ...; n()`."""
    with record_statements(app) as statements:
        yield lambda: len(statements)
