"""Engine, sessions and the declarative Base shared by every feature's models."""

from __future__ import annotations

import enum
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    MetaData,
    Table,
    create_engine,
    event,
    func,
    insert,
    make_url,
    select,
    text,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Session
from sqlalchemy.types import TypeDecorator

# Ids are INTEGER columns: the largest value both databases hold in one (larger is no row).
MAX_ID = 2**31 - 1

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    if TYPE_CHECKING:
        __table__: ClassVar[Table]  # every model maps one Table, which Core statements use


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite keeps no zone of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def make_engine(url: str, **kwargs) -> Engine:
    # hide_parameters: an error message or log line never carries the values of a statement
    # (an article's text, a password hash).
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    # PostgreSQL: no pool_pre_ping (it costs a round trip on every checkout, i.e. on every
    # request); connections are recycled after 30 minutes instead, and a connection that the
    # server dropped fails one statement, after which SQLAlchemy invalidates the pool (the next
    # request reconnects). The default pool (5 + 10 overflow) covers gunicorn's 4 threads per
    # worker. psycopg 3 prepares a statement server-side once it has run `prepare_threshold`
    # times on a connection: 2 instead of 5, so the pages' statements are prepared sooner.
    # No JIT compilation: it pays for long analytical queries, and the planner's estimate for a
    # search page (every match, bounded by a LIMIT it does not weigh) passed jit_above_cost, so
    # the page waited 30 ms for compiled code on every request.
    options: dict = {"pool_recycle": 1800}
    parsed = make_url(url)
    if parsed.drivername == "postgresql+psycopg":
        # connect_args' options replace the URL's own (e.g. a search_path): keep both
        own = parsed.query.get("options") or ()
        server_options = [own] if isinstance(own, str) else list(own)
        options["connect_args"] = {
            "prepare_threshold": 2,
            "options": " ".join([*server_options, "-c jit=off"]),
        }
    options.update(kwargs)
    return create_engine(url, **options)


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys, WAL, a busy timeout, and transactions that take the write lock up front.

    pysqlite's own BEGIN handling is switched off (the SQLAlchemy pysqlite recipe) so that a
    writing session can start with BEGIN IMMEDIATE: two writers then queue on the busy timeout
    instead of failing with "database is locked" when a read lock is upgraded.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        mode = "IMMEDIATE" if conn.get_execution_options().get("writes") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


# A load of at least this many claims (ingest, import) refreshes the planner's statistics of the
# tables it wrote: until then the planner plans for the tables as they were (PostgreSQL until
# autovacuum runs, or never where it is off; SQLite until ANALYZE).
BULK_LOAD_ROWS = 10_000


def analyze(session: Session, tables: tuple[str, ...]) -> None:
    """Refresh the planner's statistics of `tables` (in the session's transaction)."""
    for table in tables:
        session.execute(text(f"ANALYZE {table}"))


def vacuum_analyze(engine: Engine) -> None:
    """After a bulk load of a whole database (`factcheck generate`): on PostgreSQL VACUUM
    (ANALYZE), whose visibility map lets the counts read their indexes alone (straight after a
    load without it the dashboard and the sources page took 1.5-2x as long); ANALYZE on SQLite."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM (ANALYZE)")
        return
    with write_engine(engine).begin() as connection:
        connection.exec_driver_sql("ANALYZE")


def write_engine(engine: Engine) -> Engine:
    """The same engine, marked so that SQLite transactions begin IMMEDIATE."""
    return engine.execution_options(writes=True)


def read_engine(engine: Engine) -> Engine:
    """The engine for read-only requests. On PostgreSQL its connections run in autocommit: at
    READ COMMITTED every statement takes its own snapshot inside a transaction too, so a page's
    reads see the same data either way, and the BEGIN and ROLLBACK round trips are saved. (SQLite
    keeps its deferred transaction: there a transaction is one snapshot, and BEGIN costs no round
    trip.)"""
    if engine.dialect.name == "postgresql":
        return engine.execution_options(isolation_level="AUTOCOMMIT")
    return engine


def insert_returning_ids(session: Session, table: Table, rows: list[dict]) -> list[int]:
    """INSERT the rows in one statement (executemany) and return their ids, in order.

    SQLite cannot hand back the ids of a multi-row INSERT in order (SQLAlchemy would insert
    row by row), so there they are given here: every writing transaction holds the database's
    only write lock (BEGIN IMMEDIATE), so nobody else can take the next ids before it commits.
    """
    if not rows:
        return []
    if session.get_bind().dialect.name == "sqlite":
        first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
        ids = list(range(first, first + len(rows)))
        session.execute(insert(table), [{**row, "id": i} for i, row in zip(ids, rows, strict=True)])
        return ids
    query = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(session.scalars(query, rows))


def insert_ignoring_conflicts(
    session: Session, table: Table, rows: list[dict], key: str
) -> list[tuple[int, Any]]:
    """INSERT … ON CONFLICT (key) DO NOTHING: (id, key value) of the rows it inserted, the rows
    whose `key` (a column with a unique index) another row already holds left out. On PostgreSQL
    a row that another transaction is inserting with the same key makes this wait until that
    transaction ends: left out if it committed, inserted if it rolled back. So the database,
    not a look-up before the INSERT, decides what is new, whatever runs at the same time."""
    if not rows:
        return []
    from sqlalchemy.dialects import postgresql, sqlite

    postgresql_dialect = session.get_bind().dialect.name == "postgresql"
    dialect_insert = postgresql.insert if postgresql_dialect else sqlite.insert
    statement = (
        dialect_insert(table)
        .on_conflict_do_nothing(index_elements=[key])
        .returning(table.c.id, table.c[key])
    )
    return [(row_id, value) for row_id, value in session.execute(statement, rows)]


def describe_error(error: Exception) -> str:
    """A database error in one line for a person: the driver's own first line (e.g. "connection
    refused", "unable to open database file"), never the SQL statement or its parameters."""
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {lines[0] if lines else 'no details'}"


def enum_check(column: str, enum_cls: type[enum.Enum], name: str | None = None) -> CheckConstraint:
    """A CHECK constraint keeping a string column within an enum's values (no native enums)."""
    values = ", ".join(repr(m.value) for m in enum_cls)
    return CheckConstraint(f"{column} IN ({values})", name=name or column)


# --- one session per request -------------------------------------------------------------------

_EXTENSION = "factcheck.db"
_READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class Database:
    """The engine and the session factories of one app (tests swap `bind` for a connection)."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        self.bind = self.engine
        self._writer = write_engine(self.engine)
        self._reader = read_engine(self.engine)

    def session(self, *, writes: bool) -> Session:
        if self.bind is self.engine:
            return Session(bind=self._writer if writes else self._reader, expire_on_commit=False)
        # A test's connection: every commit becomes a savepoint inside its outer transaction.
        return Session(
            bind=self.bind, expire_on_commit=False, join_transaction_mode="create_savepoint"
        )


def init_app(app) -> Database:
    database = Database(app.config["DATABASE_URL"])
    app.extensions[_EXTENSION] = database

    @app.teardown_appcontext
    def _close_session(_exc):
        from flask import g

        session = g.pop("db_session", None)
        if session is not None:
            session.close()

    return database


def get_database(app=None) -> Database:
    from flask import current_app

    return (app or current_app).extensions[_EXTENSION]


def request_writes() -> bool:
    """Whether the current request (or CLI command: always) may write."""
    from flask import has_request_context, request

    return not has_request_context() or request.method not in _READ_METHODS


def get_session() -> Session:
    """The session of the current request or CLI command, opened on first use."""
    from flask import g

    session = g.get("db_session")
    if session is None:
        session = get_database().session(writes=request_writes())
        g.db_session = session
    return session
