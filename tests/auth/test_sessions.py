"""Sessions live on the server: sign-out, a password or role change and deactivation end them at
once; an idle timeout and an absolute lifetime, both configurable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select, text, update

from factcheck.auth.models import Role, UserSession
from factcheck.auth.operations import set_active, set_password, set_role
from factcheck.auth.sessions import digest
from factcheck.config import load_config
from factcheck.db import utcnow
from tests.factories import PASSWORD, make_user
from tests.webclient import csrf_token, post, sign_in_as


def login(client, email, password=PASSWORD):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"csrf_token": token, "email": email, "password": password})


def signed_in(client) -> bool:
    return client.get("/").status_code == 200


def test_a_cookie_captured_before_sign_out_is_dead_after_it(app, session):
    user = make_user(session, Role.reviewer)
    session.commit()
    browser = app.test_client()
    assert login(browser, user.email).status_code == 303
    captured = browser.get_cookie("session").value
    assert post(browser, "/logout").status_code == 303
    assert not signed_in(browser)
    thief = app.test_client()
    thief.set_cookie("session", captured)
    response = thief.get("/")
    assert response.status_code == 303 and response.headers["Location"].startswith("/login")
    assert session.scalar(select(func.count()).select_from(UserSession)) == 0


@pytest.mark.parametrize(
    "change",
    [
        lambda db, user: set_password(db, "cli", user, "a brand new passphrase"),
        lambda db, user: set_role(db, "cli", user, Role.viewer),
        lambda db, user: set_active(db, "cli", user, False),
    ],
    ids=["password", "role", "deactivation"],
)
def test_account_changes_end_every_session_of_the_account(app, session, change):
    user = make_user(session, Role.editor)
    other = make_user(session, Role.editor)
    session.commit()
    laptop, phone, colleague = app.test_client(), app.test_client(), app.test_client()
    sign_in_as(laptop, user)
    sign_in_as(phone, user)
    sign_in_as(colleague, other)
    assert signed_in(laptop) and signed_in(phone)
    change(session, user)
    session.commit()
    assert not signed_in(laptop) and not signed_in(phone)
    assert signed_in(colleague)


def test_a_session_ended_by_another_worker_binds_the_next_request(client, session, _rolled_back):
    user = make_user(session, Role.editor)
    session.commit()
    user_id = user.id
    sign_in_as(client, user)
    assert client.get("/claims").status_code == 200  # the per-worker copies are warm
    session.rollback()  # end the page's savepoint, so that the DELETE below outlives it
    _rolled_back.execute(text("DELETE FROM user_session WHERE user_id = :id"), {"id": user_id})
    assert client.get("/claims").status_code == 303


def test_idle_sessions_end_and_used_ones_are_kept_alive(client, session, app, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_IDLE_TIMEOUT", 600)
    user = make_user(session, Role.reviewer)
    session.commit()
    token = sign_in_as(client, user)
    row = session.get(UserSession, digest(token))

    def last_seen(seconds_ago: int) -> None:
        session.execute(
            update(UserSession)
            .where(UserSession.id == row.id)
            .values(last_seen_at=utcnow() - timedelta(seconds=seconds_ago))
        )
        session.commit()

    last_seen(590)
    assert signed_in(client)
    session.expire_all()
    assert utcnow() - row.last_seen_at < timedelta(seconds=60)  # the request renewed it
    last_seen(601)
    assert not signed_in(client)


def test_sessions_end_after_their_lifetime_however_busy(client, session, app, monkeypatch):
    monkeypatch.setitem(app.config, "SESSION_LIFETIME", 3600)
    user = make_user(session, Role.reviewer)
    session.commit()
    token = sign_in_as(client, user)
    session.execute(
        update(UserSession)
        .where(UserSession.id == digest(token))
        .values(created_at=utcnow() - timedelta(seconds=3601))
    )
    session.commit()
    assert not signed_in(client)


def test_the_limits_are_settings(monkeypatch, tmp_path):
    config = load_config(str(tmp_path), keep_secret=False)
    assert config["SESSION_IDLE_TIMEOUT"] == 8 * 3600
    assert config["SESSION_LIFETIME"] == 7 * 24 * 3600
    monkeypatch.setenv("FACTCHECK_SESSION_IDLE_TIMEOUT", "900")
    monkeypatch.setenv("FACTCHECK_SESSION_LIFETIME", "86400")
    config = load_config(str(tmp_path), keep_secret=False)
    assert (config["SESSION_IDLE_TIMEOUT"], config["SESSION_LIFETIME"]) == (900, 86400)
    monkeypatch.setenv("FACTCHECK_SESSION_IDLE_TIMEOUT", "8h")
    with pytest.raises(ValueError, match="FACTCHECK_SESSION_IDLE_TIMEOUT"):
        load_config(str(tmp_path), keep_secret=False)


def test_only_the_hash_of_the_token_is_stored(client, session):
    user = make_user(session, Role.reviewer)
    session.commit()
    token = sign_in_as(client, user)
    [stored] = session.scalars(select(UserSession.id).where(UserSession.user_id == user.id))
    assert stored == digest(token) != token
