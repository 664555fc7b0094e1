from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from factcheck.auth.models import User
from factcheck.db import make_engine


def test_sqlite_pragmas(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 30000
    engine.dispose()


def test_writing_sessions_take_the_sqlite_lock_up_front(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    seen = []
    from sqlalchemy import event

    @event.listens_for(engine, "before_cursor_execute")
    def _log(_conn, _cursor, statement, *_args):
        seen.append(statement)

    with engine.execution_options(writes=True).connect() as connection:
        connection.execute(text("SELECT 1"))
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
    assert [s for s in seen if s.startswith("BEGIN")] == ["BEGIN IMMEDIATE", "BEGIN DEFERRED"]
    engine.dispose()


def test_timestamps_come_back_as_utc(session):
    moment = datetime(2025, 9, 22, 12, 0, tzinfo=timezone(timedelta(hours=3)))
    user = User(email="tz@example.org", name="tz", role="viewer", created_at=moment)
    session.add(user)
    session.flush()
    session.expire(user)
    assert user.created_at == moment
    assert user.created_at.tzinfo == UTC


def test_naive_timestamps_are_refused(session):
    session.add(
        User(email="naive@example.org", name="n", role="viewer", created_at=datetime(2025, 1, 1))
    )
    with pytest.raises(Exception, match="naive datetime"):
        session.flush()


def test_check_constraints_refuse_unknown_roles(session):
    session.add(User(email="bad@example.org", name="b", role="superuser"))
    with pytest.raises(IntegrityError):
        session.flush()


def test_read_sessions_skip_the_transaction_round_trips_on_postgresql(database_url):
    from factcheck.db import Database

    database = Database(database_url)
    try:
        with database.session(writes=False) as reading, database.session(writes=True) as writing:
            reader = reading.connection()
            writer = writing.connection()
            drivers = reader.connection.dbapi_connection, writer.connection.dbapi_connection
            autocommit = [getattr(driver, "autocommit", None) for driver in drivers]
            in_transaction = [getattr(driver, "in_transaction", None) for driver in drivers]
    finally:
        database.engine.dispose()
    if database_url.startswith("postgresql"):
        assert autocommit == [True, False]
    else:  # SQLite keeps its transaction for reads: one snapshot, and BEGIN is local
        assert in_transaction == [True, True]


def test_server_options_of_the_url_survive_the_engine_own(database_url):
    """The engine adds `-c jit=off`; a search_path given in the URL must still apply (the tests'
    fresh schemas and a newsroom's own settings rely on it)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("server options are a PostgreSQL connection setting")
    separator = "&" if "?" in database_url else "?"
    engine = make_engine(f"{database_url}{separator}options=-csearch_path%3Delsewhere")
    try:
        with engine.connect() as connection:
            assert connection.scalar(text("SHOW search_path")) == "elsewhere"
            assert connection.scalar(text("SHOW jit")) == "off"
    finally:
        engine.dispose()
