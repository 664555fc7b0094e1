"""The sign-in limit behind a reverse proxy, and under parallel guesses, with apps that commit
(the rows they write are removed at the end)."""

from __future__ import annotations

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import delete, insert

from factcheck import create_app
from factcheck.auth import operations
from factcheck.auth.models import LoginAttempt, User
from factcheck.auth.operations import MAX_FAILURES_PER_EMAIL, hash_password
from factcheck.db import get_database
from tests.factories import PASSWORD


@pytest.fixture
def committing(database_url):
    """make(**config): an app on the test database whose requests commit; on teardown the
    accounts and sign-in attempts the test made are deleted."""
    apps, emails, addresses = [], [], []

    def make(**config):
        app = create_app(
            {
                "DATABASE_URL": database_url,
                "TESTING": True,
                "SECRET_KEY": "test-key",
                "WTF_CSRF_ENABLED": False,
                **config,
            }
        )
        apps.append(app)
        return app

    def account() -> str:
        email = f"limit-{uuid.uuid4().hex[:12]}@example.org"
        emails.append(email)
        with get_database(apps[0]).engine.begin() as connection:
            connection.execute(
                insert(User.__table__).values(
                    email=email,
                    name="Limit",
                    role="reviewer",
                    password_hash=hash_password(PASSWORD),
                )
            )
        return email

    make.account = account
    make.addresses = addresses
    yield make
    engine = get_database(apps[0]).engine
    with engine.begin() as connection:
        connection.execute(
            delete(LoginAttempt.__table__).where(
                LoginAttempt.email.in_(emails)
                | LoginAttempt.ip.in_(addresses)
                | LoginAttempt.email.like("nobody-%@example.org")
            )
        )
        connection.execute(delete(User.__table__).where(User.email.in_(emails)))
    for app in apps:
        get_database(app).engine.dispose()


def sign_in(app, email, password, **environ):
    return app.test_client().post(
        "/login", data={"email": email, "password": password}, environ_base=environ
    )


# The per-address limit, lowered so the tests need fewer (slow, by design) password checks.
FEW = 4


def test_behind_a_trusted_proxy_the_limit_counts_each_client(committing, monkeypatch):
    monkeypatch.setattr(operations, "MAX_FAILURES_PER_IP", FEW)
    app = committing(TRUSTED_PROXIES=1)
    email = committing.account()
    committing.addresses.extend(["203.0.113.9", "203.0.113.10", "10.0.0.1"])
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    attacker = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    for i in range(FEW):
        assert sign_in(app, f"nobody-{i}@example.org", "guess", **attacker).status_code == 401
    assert sign_in(app, "nobody-x@example.org", "guess", **attacker).status_code == 429
    colleague = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.10"}
    assert sign_in(app, email, PASSWORD, **colleague).status_code == 303


def test_without_the_setting_forwarded_headers_are_not_believed(committing, monkeypatch):
    monkeypatch.setattr(operations, "MAX_FAILURES_PER_IP", FEW)
    app = committing()  # FACTCHECK_TRUSTED_PROXIES defaults to 0
    assert app.config["TRUSTED_PROXIES"] == 0
    email = committing.account()
    committing.addresses.extend(["10.0.0.2"])
    spoofed = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    for i in range(FEW):
        spoofed["HTTP_X_FORWARDED_FOR"] = f"198.51.100.{i + 1}"
        assert sign_in(app, f"nobody-{i}@example.org", "guess", **spoofed).status_code == 401
    # every attempt counted against the one real address: a made-up header does not escape it
    spoofed["HTTP_X_FORWARDED_FOR"] = "198.51.100.200"
    assert sign_in(app, email, PASSWORD, **spoofed).status_code == 429


def test_the_proxy_setting_also_carries_the_scheme(committing):
    behind = committing(TRUSTED_PROXIES=1).test_client()
    https = {"REMOTE_ADDR": "10.0.0.3", "HTTP_X_FORWARDED_PROTO": "https"}
    response = behind.get("/login", environ_base=https)
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    plain = committing().test_client().get("/login", environ_base=https)
    assert "Secure" not in plain.headers["Set-Cookie"]
    assert "Strict-Transport-Security" not in plain.headers


def test_parallel_guesses_get_no_more_than_the_limit_evaluated(committing):
    app = committing()
    email = committing.account()
    guesses = 40
    addresses = [f"198.51.100.{i + 1}" for i in range(guesses)]  # the per-address limit aside
    committing.addresses.extend(addresses)
    start = threading.Barrier(guesses)

    def guess(i: int) -> int:
        client = app.test_client()
        start.wait()
        return client.post(
            "/login",
            data={"email": email, "password": f"wrong guess {i}"},
            environ_base={"REMOTE_ADDR": addresses[i]},
        ).status_code

    with ThreadPoolExecutor(guesses) as pool:
        codes = list(pool.map(guess, range(guesses)))
    assert codes.count(401) == MAX_FAILURES_PER_EMAIL  # evaluated, wrong
    assert codes.count(429) == guesses - MAX_FAILURES_PER_EMAIL  # refused before evaluation
