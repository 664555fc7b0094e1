"""Tokens made and revoked on the account page: the secret shown once, only to its owner."""

from __future__ import annotations

import re

from sqlalchemy import select

from factcheck.api.models import ApiToken
from factcheck.auth.models import Role
from tests.api.conftest import bearer
from tests.factories import make_user
from tests.webclient import post, sign_in_as


def test_make_use_and_revoke_a_token_on_the_account_page(client, session):
    user = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, user)
    made = post(
        client,
        "/account/tokens",
        {"name": "Spreadsheet", "scope": "read", "expires": "30"},
        page="/account",
    )
    assert made.status_code == 201
    secret = re.search(r'<code class="secret">(fct_[^<]+)</code>', made.get_data(as_text=True))
    assert secret is not None
    assert client.get("/api/v1/me", headers=bearer(secret.group(1))).json["scope"] == "read"
    page = client.get("/account").get_data(as_text=True)
    assert "Spreadsheet" in page and secret.group(1) not in page  # shown once
    token = session.scalar(select(ApiToken).where(ApiToken.user_id == user.id))
    assert token.expires_at is not None
    revoked = post(client, f"/account/tokens/{token.id}/revoke", page="/account")
    assert revoked.status_code == 303
    assert client.get("/api/v1/me", headers=bearer(secret.group(1))).status_code == 401


def test_someone_elses_token_cannot_be_revoked(client, session):
    owner = make_user(session, Role.reviewer)
    other = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, owner)
    post(client, "/account/tokens", {"name": "mine", "scope": "write"}, page="/account")
    token = session.scalar(select(ApiToken).where(ApiToken.user_id == owner.id))
    sign_in_as(client, other)
    assert post(client, f"/account/tokens/{token.id}/revoke", page="/account").status_code == 404
    session.refresh(token)
    assert token.revoked_at is None


def test_a_bad_token_form_keeps_the_input(client, session):
    user = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, user)
    response = post(
        client, "/account/tokens", {"name": "", "scope": "read", "expires": "0"}, page="/account"
    )
    assert response.status_code == 400
    assert session.scalar(select(ApiToken).where(ApiToken.user_id == user.id)) is None
