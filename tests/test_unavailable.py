"""With the database unreachable, every page answers 503 with a page that says so (and when to
retry), never a bare 500."""

from __future__ import annotations

import pytest

from factcheck import create_app
from factcheck.db import get_database

UNREACHABLE = {
    "sqlite": "sqlite:////nonexistent-folder/factcheck.db",
    # port 1 on this machine: nothing listens there, the connection is refused at once
    "postgresql": "postgresql+psycopg://factcheck@127.0.0.1:1/factcheck",
}


@pytest.fixture(params=sorted(UNREACHABLE))
def down(request, tmp_path):
    app = create_app(
        {"DATABASE_URL": UNREACHABLE[request.param], "SECRET_KEY": "k", "WTF_CSRF_ENABLED": False}
    )
    yield app
    get_database(app).engine.dispose()


def assert_unavailable(response) -> None:
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0
    assert "The database is unavailable" in response.get_data(as_text=True)


def test_signing_in_and_every_page_say_the_database_is_unavailable(down):
    client = down.test_client()
    assert client.get("/login").status_code == 200  # needs no database
    assert_unavailable(client.post("/login", data={"email": "a@example.org", "password": "x" * 12}))
    with client.session_transaction() as cookie:
        cookie["sid"] = "a session token from before the outage"
    for url in ("/", "/claims", "/claims/1", "/articles/1/report.json", "/sources", "/users"):
        assert_unavailable(client.get(url))
    assert_unavailable(client.post("/claims/1/assess", data={"status": "approved"}))
