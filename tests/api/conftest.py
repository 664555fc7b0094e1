"""Tokens and a client for the API's tests."""

from __future__ import annotations

import pytest

from factcheck.api.models import Scope
from factcheck.api.tokens import create_token
from factcheck.auth.models import Role
from tests.factories import make_user


def token_for(session, role: Role = Role.editor, scope: Scope = Scope.write, **kwargs) -> str:
    user = make_user(session, role)
    _token, secret = create_token(session, "test", user, name="tests", scope=scope, **kwargs)
    session.commit()
    return secret


def bearer(secret: str) -> dict:
    return {"Authorization": f"Bearer {secret}"}


@pytest.fixture
def editor_token(session) -> str:
    return token_for(session, Role.editor)


@pytest.fixture
def reviewer_token(session) -> str:
    return token_for(session, Role.reviewer)


@pytest.fixture
def read_token(session) -> str:
    return token_for(session, Role.editor, Scope.read)
