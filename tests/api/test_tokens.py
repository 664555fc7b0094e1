"""Personal access tokens: hashed, shown once, scoped, expiring, revocable, never more than
their account, rate-limited; the API never reads a session cookie."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select

from factcheck.api.models import ApiToken, Scope
from factcheck.api.tokens import TokenError, create_token, revoke_token
from factcheck.auth.models import Role
from factcheck.auth.operations import set_active, set_role
from factcheck.db import utcnow
from factcheck.permissions import PermissionDenied
from tests.api.conftest import bearer, token_for
from tests.factories import make_claim, make_user
from tests.webclient import sign_in_as


def test_only_the_hash_of_the_secret_is_stored(session):
    user = make_user(session, Role.reviewer)
    token, secret = create_token(session, "test", user, name="CMS", scope=Scope.read)
    stored = session.scalar(select(ApiToken).where(ApiToken.id == token.id))
    assert secret.startswith("fct_") and len(secret) > 40
    assert stored.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {stored.name, stored.prefix, stored.secret_sha256}
    assert stored.scope == "read" and stored.expires_at is None


def test_bad_names_and_expiries_are_refused(session):
    user = make_user(session, Role.reviewer)
    with pytest.raises(TokenError):
        create_token(session, "test", user, name="  ", scope=Scope.read)
    with pytest.raises(TokenError):
        create_token(session, "test", user, name="x", scope=Scope.read, expires_days=0)
    other = make_user(session, Role.reviewer)
    with pytest.raises(PermissionDenied):
        create_token(session, other, user, name="x", scope=Scope.read)


def test_missing_unknown_expired_revoked_and_disabled_get_401(client, session):
    assert client.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me", headers=bearer("fct_nothing")).status_code == 401
    user = make_user(session, Role.reviewer)
    token, secret = create_token(session, "test", user, name="t", scope=Scope.read)
    session.commit()
    ok = client.get("/api/v1/me", headers=bearer(secret))
    assert ok.status_code == 200 and ok.json["email"] == user.email and ok.json["scope"] == "read"
    token.expires_at = utcnow() - timedelta(seconds=1)
    session.commit()
    expired = client.get("/api/v1/me", headers=bearer(secret))
    assert expired.status_code == 401
    assert expired.headers["Content-Type"] == "application/problem+json"
    assert expired.headers["WWW-Authenticate"].startswith("Bearer")
    token.expires_at = None
    session.commit()
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 200
    assert revoke_token(session, user, token)
    session.commit()
    assert client.get("/api/v1/me", headers=bearer(secret)).status_code == 401

    _t2, second = create_token(session, "test", user, name="t2", scope=Scope.read)
    session.commit()
    set_active(session, "test", user, False)
    session.commit()
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 401


def test_a_read_token_writes_nothing(client, session, read_token):
    claim = make_claim(session)
    session.commit()
    headers = {**bearer(read_token), "If-Match": f'"claim-{claim.id}-v{claim.version}"'}
    response = client.patch(
        f"/api/v1/claims/{claim.id}", json={"status": "dismissed"}, headers=headers
    )
    assert response.status_code == 403
    assert "read token" in response.json["detail"]
    session.refresh(claim)
    assert claim.status == "unreviewed"


def test_a_token_acts_with_its_accounts_role_now(client, session):
    user = make_user(session, Role.editor)
    _t, secret = create_token(session, "test", user, name="t", scope=Scope.write)
    claim = make_claim(session)
    session.commit()
    set_role(session, "test", user, Role.viewer)
    session.commit()
    response = client.put(
        f"/api/v1/claims/{claim.id}/assignee", json={"assignee_id": None}, headers=bearer(secret)
    )
    assert response.status_code == 403
    assert response.headers["Content-Type"] == "application/problem+json"


def test_the_api_ignores_session_cookies_and_needs_no_csrf(client, session, editor_token):
    user = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, user)
    assert client.get("/api/v1/me").status_code == 401  # a signed-in browser is no token
    claim = make_claim(session)
    session.commit()
    response = client.post(
        f"/api/v1/claims/{claim.id}/notes", json={"body": "Checked."}, headers=bearer(editor_token)
    )
    assert response.status_code == 201
    assert "Set-Cookie" not in response.headers


def test_rate_limit_answers_429_with_retry_after(client, session, app, monkeypatch):
    secret = token_for(session, Role.reviewer, Scope.read)
    monkeypatch.setitem(app.config, "API_RATE_LIMIT", 3)
    codes = [client.get("/api/v1/me", headers=bearer(secret)).status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200] and codes[3:] == [429, 429]
    limited = client.get("/api/v1/me", headers=bearer(secret))
    assert 1 <= int(limited.headers["Retry-After"]) <= 60


def test_last_use_is_recorded(client, session):
    secret = token_for(session, Role.reviewer, Scope.read)
    token = session.scalar(select(ApiToken).order_by(ApiToken.id.desc()))
    assert token.last_used_at is None
    client.get("/api/v1/me", headers=bearer(secret))
    session.expire_all()
    assert token.last_used_at is not None


def test_cors_only_for_configured_origins(client, session, app, monkeypatch):
    secret = token_for(session, Role.reviewer, Scope.read)
    origin = {"Origin": "https://cms.example.org"}
    plain = client.get("/api/v1/me", headers={**bearer(secret), **origin})
    assert "Access-Control-Allow-Origin" not in plain.headers
    monkeypatch.setitem(app.config, "API_CORS_ORIGINS", frozenset({"https://cms.example.org"}))
    allowed = client.get("/api/v1/me", headers={**bearer(secret), **origin})
    assert allowed.headers["Access-Control-Allow-Origin"] == "https://cms.example.org"
    assert "Access-Control-Allow-Credentials" not in allowed.headers
    preflight = client.options(
        "/api/v1/me", headers={**origin, "Access-Control-Request-Method": "PATCH"}
    )
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]
