"""Accounts: the password rules, changing your own password, an admin's new password or one-time
reset link, and the whole life of an account through the pages."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from factcheck.audit import AuditEvent
from factcheck.auth.models import PasswordReset, Role, User
from factcheck.auth.operations import (
    AccountError,
    PasswordRefused,
    authenticate,
    issue_reset_link,
    reset_password,
    set_password,
)
from factcheck.auth.passwords import password_problem
from factcheck.auth.sessions import digest
from factcheck.db import utcnow
from tests.factories import PASSWORD, make_user
from tests.webclient import csrf_token, post, sign_in_as


def login(client, email, password):
    token = csrf_token(client, "/login")
    return client.post("/login", data={"csrf_token": token, "email": email, "password": password})


def page(response) -> str:
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    "password",
    ["password12", "1234567890", "aaaaaaaaaaaa", "qwertyuiop12", "Password1234", "short pw"],
)
def test_short_common_and_breached_passwords_are_refused(password):
    assert password_problem(password) is not None


@pytest.mark.parametrize(
    "password",
    [
        "correct horse battery",  # no digits, no capitals, no symbols: fine
        "x" * 11 + "yz" + "w" * 51,  # 64 characters
        "tranquil otters juggle " * 40,  # 920 characters
        "  spaces around are kept  ",
    ],
)
def test_long_passwords_without_composition_rules_are_accepted(password):
    assert password_problem(password) is None


def test_passwords_made_from_the_account_or_the_application_are_refused():
    assert "name" in password_problem("FactCheck2026!", email="ed@example.org")
    assert "name" in password_problem("ed.newsroom@example.org", email="ed.newsroom@example.org")
    assert "name" in password_problem("edna-newsroom-99", email="edna.newsroom@example.org")


def test_passwords_are_kept_exactly_as_typed(app, client, session):
    admin = make_user(session, Role.admin)
    session.commit()
    sign_in_as(client, admin)
    padded = "  padded pass phrase  "
    response = post(
        client,
        "/users",
        {"email": "padded@example.org", "role": "viewer", "password": padded},
    )
    assert response.status_code == 303
    browser = app.test_client()
    assert login(browser, "padded@example.org", padded.strip()).status_code == 401
    assert login(browser, "padded@example.org", padded).status_code == 303


def test_the_admin_form_refuses_a_breached_password_next_to_the_field(client, session):
    admin = make_user(session, Role.admin)
    session.commit()
    sign_in_as(client, admin)
    response = post(
        client,
        "/users",
        {"email": "weak@example.org", "role": "viewer", "password": "password1234"},
    )
    assert response.status_code == 400
    assert "common or breached" in page(response)
    assert session.scalar(select(User).where(User.email == "weak@example.org")) is None


def test_change_your_own_password(app, client, session):
    user = make_user(session, Role.viewer)
    session.commit()
    phone = app.test_client()
    sign_in_as(phone, user)
    assert login(client, user.email, PASSWORD).status_code == 303
    assert "Change your password" in page(client.get("/account"))
    new = "a fresh pass phrase"
    wrong = post(
        client,
        "/account/password",
        {"current": "not my password", "password": new, "confirm": new},
        page="/account",
    )
    assert wrong.status_code == 400 and "current password is not right" in page(wrong)
    breached = post(
        client,
        "/account/password",
        {"current": PASSWORD, "password": "iloveyouforever", "confirm": "iloveyouforever"},
        page="/account",
    )
    assert breached.status_code == 400 and "common or breached" in page(breached)
    session.expire_all()
    assert authenticate(session, user.email, PASSWORD) is not None
    done = post(
        client,
        "/account/password",
        {"current": PASSWORD, "password": new, "confirm": new},
        page="/account",
    )
    assert done.status_code == 303
    assert client.get("/account").status_code == 200  # this browser stays signed in
    assert phone.get("/").status_code == 303  # every other session ended
    session.expire_all()
    assert authenticate(session, user.email, PASSWORD) is None
    assert authenticate(session, user.email, new) is not None


def test_an_admin_sets_a_password_and_the_users_sessions_end(app, client, session):
    admin = make_user(session, Role.admin)
    user = make_user(session, Role.reviewer)
    reviewer = make_user(session, Role.reviewer)
    session.commit()
    theirs = app.test_client()
    sign_in_as(theirs, user)
    sign_in_as(client, reviewer)
    refused = post(client, f"/users/{user.id}/password", {"password": "chosen by a reviewer"})
    assert refused.status_code == 403
    sign_in_as(client, admin)
    response = post(
        client, f"/users/{user.id}/password", {"password": "chosen by the admin"}, page="/users"
    )
    assert response.status_code == 303
    assert theirs.get("/").status_code == 303
    session.expire_all()
    assert authenticate(session, user.email, "chosen by the admin") is not None
    event = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "set_password").order_by(AuditEvent.id)
    ).all()[-1]
    assert event.actor_id == admin.id and event.entity_id == user.id


def test_a_reset_link_works_once_and_only_while_it_is_valid(app, client, session):
    admin = make_user(session, Role.admin)
    user = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, admin)
    response = post(client, f"/users/{user.id}/reset-link", page="/users")
    assert response.status_code == 200
    link = re.search(r'value="(http://[^"]+/reset/([^"]+))"', page(response))
    assert link, "the page shows the link"
    path, token = "/reset/" + link.group(2), link.group(2)
    stored = session.scalars(select(PasswordReset.id).where(PasswordReset.user_id == user.id))
    assert list(stored) == [digest(token)]  # only the hash is kept
    stranger = app.test_client()
    assert stranger.get(path).status_code == 200
    form = {"password": "set through the link", "confirm": "set through the link"}
    weak = post(stranger, path, {"password": "password1234", "confirm": "password1234"}, page=path)
    assert weak.status_code == 400 and "common or breached" in page(weak)
    used = post(stranger, path, form, page=path)
    assert used.status_code == 303 and used.headers["Location"] == "/login"
    assert login(stranger, user.email, "set through the link").status_code == 303
    assert stranger.get(path).status_code == 404  # used up
    # an expired link is refused too, and a new link replaces the old one
    older = issue_reset_link(session, admin, user, timedelta(hours=1))
    newer = issue_reset_link(session, admin, user, timedelta(hours=1))
    session.execute(
        update(PasswordReset)
        .where(PasswordReset.id == digest(newer))
        .values(expires_at=utcnow() - timedelta(seconds=1))
    )
    session.commit()
    for dead in (older, newer):
        assert stranger.get(f"/reset/{dead}").status_code == 404
        with pytest.raises(AccountError, match="not valid"):
            reset_password(session, dead, "another fresh passphrase")


def test_account_operations_check_their_rules(session):
    admin = make_user(session, Role.admin)
    editor = make_user(session, Role.editor)
    with pytest.raises(PasswordRefused):
        set_password(session, "cli", editor, "aaaaaaaaaaaa")
    with pytest.raises(AccountError, match="your own account"):
        set_password(session, admin, admin, "a perfectly fine password")
    from factcheck.permissions import PermissionDenied

    with pytest.raises(PermissionDenied):
        set_password(session, editor, admin, "a perfectly fine password")
    with pytest.raises(PermissionDenied):
        issue_reset_link(session, editor, admin, timedelta(hours=1))


def test_a_new_user_signs_in_changes_password_is_reset_and_signs_out_for_good(app, session):
    admin = make_user(session, Role.admin)
    session.commit()
    desk, newcomer = app.test_client(), app.test_client()
    sign_in_as(desk, admin)
    created = post(
        desk,
        "/users",
        {"email": "new@example.org", "role": "reviewer", "password": "first temporary words"},
        page="/users",
    )
    assert created.status_code == 303
    assert login(newcomer, "new@example.org", "first temporary words").status_code == 303
    mine = "my own chosen words"
    changed = post(
        newcomer,
        "/account/password",
        {"current": "first temporary words", "password": mine, "confirm": mine},
        page="/account",
    )
    assert changed.status_code == 303
    # they forget it; the admin makes a reset link
    user = session.scalar(select(User).where(User.email == "new@example.org"))
    link = page(post(desk, f"/users/{user.id}/reset-link", page="/users"))
    path = "/reset/" + re.search(r"/reset/([^\"]+)\"", link).group(1)
    assert newcomer.get("/").status_code == 200  # the reset only takes effect when used
    reset = post(
        newcomer, path, {"password": "after the reset", "confirm": "after the reset"}, page=path
    )
    assert reset.status_code == 303
    assert newcomer.get("/").status_code == 303  # the old session ended with the reset
    assert login(newcomer, "new@example.org", mine).status_code == 401
    assert login(newcomer, "new@example.org", "after the reset").status_code == 303
    captured = newcomer.get_cookie("session").value
    assert post(newcomer, "/logout").status_code == 303
    replay = app.test_client()
    replay.set_cookie("session", captured)
    assert replay.get("/").status_code == 303


def test_guessing_the_current_password_is_rate_limited(client, session):
    from factcheck.auth.operations import MAX_FAILURES_PER_EMAIL

    user = make_user(session, Role.viewer)
    session.commit()
    sign_in_as(client, user)  # e.g. a stolen session
    new = "a fresh pass phrase"
    for i in range(MAX_FAILURES_PER_EMAIL):
        guess = {"current": f"guess number {i}", "password": new, "confirm": new}
        assert post(client, "/account/password", guess, page="/account").status_code == 400
    right = {"current": PASSWORD, "password": new, "confirm": new}
    response = post(client, "/account/password", right, page="/account")
    assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
    session.expire_all()
    assert authenticate(session, user.email, PASSWORD) is not None
