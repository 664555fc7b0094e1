import pytest

from factcheck.auth.models import Role
from factcheck.auth.operations import AccountError, add_user, authenticate, set_password
from tests.factories import PASSWORD, make_user


def test_passwords_are_hashed_with_argon2(session):
    user = make_user(session, Role.editor, "Ed@Example.org")
    assert user.email == "ed@example.org"
    assert user.password_hash.startswith("$argon2id$")
    assert PASSWORD not in user.password_hash


def test_authenticate(session):
    user = make_user(session, Role.reviewer, "rev@example.org")
    assert authenticate(session, "REV@example.org", PASSWORD) is user
    assert authenticate(session, "rev@example.org", "wrong password!") is None
    assert authenticate(session, "nobody@example.org", PASSWORD) is None
    user.active = False
    assert authenticate(session, "rev@example.org", PASSWORD) is None


def test_bad_accounts_are_refused(session):
    make_user(session, Role.viewer, "dup@example.org")
    with pytest.raises(AccountError, match="already exists"):
        add_user(session, "test", "dup@example.org", Role.viewer, PASSWORD)
    with pytest.raises(AccountError, match="not an email"):
        add_user(session, "test", "no-at-sign", Role.viewer, PASSWORD)
    with pytest.raises(AccountError, match="at least 12 characters"):
        add_user(session, "test", "short@example.org", Role.viewer, "short")


def test_set_password(session):
    user = make_user(session)
    set_password(session, "test", user, "another long password")
    assert authenticate(session, user.email, "another long password") is user
