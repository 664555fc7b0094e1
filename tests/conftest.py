"""One app per test session; each test runs inside a transaction that is rolled back.

The schema is built by the alembic migrations, on SQLite by default or on the PostgreSQL database
named by FACTCHECK_TEST_DATABASE_URL.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import text

from factcheck import create_app
from factcheck.db import get_database, get_session, make_engine
from factcheck.migrate import upgrade


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    url = os.environ.get("FACTCHECK_TEST_DATABASE_URL")
    if url:
        engine = make_engine(url)
        with engine.begin() as connection:  # a fresh schema for every run
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
        engine.dispose()
    else:
        url = "sqlite:///" + str(tmp_path_factory.mktemp("db") / "test.db")
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def app(database_url, tmp_path_factory):
    os.environ.setdefault("FACTCHECK_INSTANCE_PATH", str(tmp_path_factory.mktemp("instance")))
    app = create_app({"DATABASE_URL": database_url, "TESTING": True, "SECRET_KEY": "test-key"})
    yield app
    get_database(app).engine.dispose()


@pytest.fixture(autouse=True)
def _rolled_back(request):
    """Bind the app to one connection whose outer transaction is rolled back after the test."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    database = get_database(app)
    connection = database.engine.connect()
    transaction = connection.begin()
    database.bind = connection
    try:
        yield connection
    finally:
        database.bind = database.engine
        transaction.rollback()
        connection.close()


@pytest.fixture
def session(app):
    """The session the app uses in the current (test) app context."""
    return get_session()


@pytest.fixture
def dialect(database_url) -> str:
    return "postgresql" if database_url.startswith("postgresql") else "sqlite"


@pytest.fixture
def fresh_database_url(database_url, tmp_path):
    """An empty database of its own, migrated to head, for tests whose processes commit: a
    SQLite file, or on PostgreSQL a schema of the test database, dropped afterwards."""
    if not database_url.startswith("postgresql"):
        url = "sqlite:///" + str(tmp_path / "fresh.db")
        upgrade(url)
        yield url
        return
    schema = f"fresh_{uuid.uuid4().hex[:12]}"
    engine = make_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in database_url else "?"
    url = f"{database_url}{separator}options=-csearch_path%3D{schema}"
    try:
        upgrade(url)
        yield url
    finally:
        with engine.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()
