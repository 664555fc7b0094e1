"""Signing in and out, the rate limit on failures, and account management."""

from __future__ import annotations

from sqlalchemy import select

from factcheck.auth.models import LoginAttempt, Role, User
from factcheck.auth.operations import MAX_FAILURES_PER_EMAIL
from tests.factories import PASSWORD, make_user
from tests.webclient import csrf_token, post, sign_in_as


def login(client, email, password, next_url=""):
    token = csrf_token(client, "/login")
    return client.post(
        "/login", data={"csrf_token": token, "email": email, "password": password, "next": next_url}
    )


def test_sign_in_returns_to_the_page_asked_for_and_sign_out(client, session):
    user = make_user(session, Role.reviewer)
    session.commit()
    response = client.get("/claims?status=open")
    assert response.headers["Location"] == "/login?next=/claims?status%3Dopen"
    response = login(client, user.email.upper(), PASSWORD, "/claims?status=open")
    assert response.status_code == 303 and response.headers["Location"] == "/claims?status=open"
    html = client.get("/").get_data(as_text=True)
    assert user.name in html and "reviewer" in html
    assert post(client, "/logout").status_code == 303
    assert client.get("/").status_code == 303


HOSTILE_NEXT = (
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",  # browsers drop the tab: //evil.example
    "/\n/x",  # a line break in a header was a 500
    "/\r\n//evil.example",
    "/\u3000/evil.example",
    "https:/evil.example",
    "/%09/evil.example".replace("%09", "\x0b"),
)


def test_next_never_leaves_the_site(app, client, session):
    user = make_user(session, Role.reviewer)
    session.commit()
    for target in HOSTILE_NEXT:
        response = login(app.test_client(), user.email, PASSWORD, target)
        # signed in and sent home, or (a control character in the form) refused outright
        assert response.status_code in (303, 400), repr(target)
        assert response.headers.get("Location", "/") == "/", repr(target)
    assert login(client, user.email, PASSWORD, "/claims?status=open").headers["Location"] == (
        "/claims?status=open"
    )


def test_next_in_the_address_of_the_sign_in_page(client, session):
    for query in ("/%09/evil.example", "/%0A/x", "//evil.example", "%2F%2Fevil.example"):
        response = client.get(f"/login?next={query}")
        assert response.status_code == 200, query
        assert 'name="next" type="hidden" value=""' in response.get_data(as_text=True), query


def test_wrong_password_and_unknown_email_look_the_same(client, session):
    user = make_user(session, Role.reviewer)
    session.commit()
    wrong = login(client, user.email, "not the password")
    unknown = login(client, "nobody@example.org", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "Wrong email or password." in wrong.get_data(as_text=True)
    assert "Wrong email or password." in unknown.get_data(as_text=True)


def test_failed_sign_ins_are_rate_limited(client, session):
    user = make_user(session, Role.reviewer)
    session.commit()
    for _ in range(MAX_FAILURES_PER_EMAIL):
        assert login(client, user.email, "guess guess guess").status_code == 401
    response = login(client, user.email, PASSWORD)  # even the right password waits
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) > 0
    assert "Too many failed sign-ins" in response.get_data(as_text=True)
    assert session.scalar(select(LoginAttempt).where(LoginAttempt.succeeded.is_(True))) is None
    # another account is not locked out by it
    other = make_user(session, Role.reviewer)
    session.commit()
    assert login(client, other.email, PASSWORD).status_code == 303


def test_a_disabled_account_or_changed_password_ends_the_session(client, session):
    from factcheck.auth.operations import set_password

    user = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, user)
    assert client.get("/").status_code == 200
    set_password(session, "test", user, "another long password")
    session.commit()
    assert client.get("/").status_code == 303
    sign_in_as(client, user)
    user.active = False
    session.commit()
    assert client.get("/").status_code == 303
    # The right password is told the account is disabled; a wrong one learns nothing.
    disabled = login(client, user.email, "another long password")
    assert disabled.status_code == 403
    assert "This account is disabled" in disabled.get_data(as_text=True)
    wrong = login(client, user.email, "not the password at all")
    assert wrong.status_code == 401
    assert "disabled" not in wrong.get_data(as_text=True)
    assert "Wrong email or password." in wrong.get_data(as_text=True)


def test_admins_manage_users(client, session):
    admin = make_user(session, Role.admin)
    session.commit()
    sign_in_as(client, admin)
    response = post(
        client,
        "/users",
        {
            "email": "New.Person@example.org",
            "name": "New Person",
            "role": "reviewer",
            "password": "long enough pw",
        },
    )
    assert response.status_code == 303
    created = session.scalar(select(User).where(User.email == "new.person@example.org"))
    assert created.role == "reviewer"
    response = post(
        client,
        "/users",
        {"email": "new.person@example.org", "role": "viewer", "password": "long enough pw"},
    )
    assert response.status_code == 400 and "already exists" in response.get_data(as_text=True)
    post(client, f"/users/{created.id}", {"role": "editor"})  # unchecked: disabled
    session.expire_all()
    assert created.role == "editor" and created.active is False
    post(client, f"/users/{admin.id}", {"role": "viewer", "active": "y"})
    session.expire_all()
    assert admin.role == "admin"  # cannot demote yourself
    assert "users" in client.get("/users").get_data(as_text=True).lower()
