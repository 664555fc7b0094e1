"""Webhooks: registered by editors through the API, URLs checked against SSRF, events read
from the history, deliveries signed, retried with backoff and logged, sent to a local
receiver (with private addresses allowed, as the tests need)."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from factcheck.auth.models import Role
from factcheck.claims.models import Status
from factcheck.claims.operations import assess
from factcheck.db import utcnow
from factcheck.webhooks.addresses import AddressRefused, check_url
from factcheck.webhooks.delivery import BACKOFF, deliver_due
from factcheck.webhooks.models import WebhookDelivery
from factcheck.webhooks.operations import enqueue, register_webhook
from tests.api.conftest import bearer, token_for
from tests.factories import SEED, make_claim, make_user, verdict
from tests.webhooks.receiver import Receiver


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def private_allowed(app, monkeypatch):
    monkeypatch.setitem(app.config, "WEBHOOKS_ALLOW_PRIVATE", True)


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/x",
        "http://localhost:8000/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://0.0.0.0/",
        "ftp://example.org/",
        "javascript:alert(1)",
        "http://no-such-host.invalid/",
    ],
)
def test_urls_that_could_reach_inside_are_refused(url):
    with pytest.raises(AddressRefused):
        check_url(url, allow_private=False)


def test_private_addresses_only_when_allowed():
    assert check_url("http://127.0.0.1:9/x", allow_private=True)
    with pytest.raises(AddressRefused):
        check_url("file:///etc/passwd", allow_private=True)


def test_only_editors_register_and_the_api_refuses_private_urls(client, session):
    reviewer = token_for(session, Role.reviewer)
    editor = token_for(session, Role.editor)
    body = {"url": "https://hooks.example.org/x", "events": ["claim.approved"]}
    assert client.post("/api/v1/webhooks", json=body, headers=bearer(reviewer)).status_code == 403
    inside = {"url": "http://127.0.0.1:8080/", "events": ["claim.approved"]}
    refused = client.post("/api/v1/webhooks", json=inside, headers=bearer(editor))
    assert refused.status_code == 422 and "private" in refused.json["detail"]
    wrong = {"url": "https://hooks.example.org/x", "events": ["claim.deleted"]}
    assert client.post("/api/v1/webhooks", json=wrong, headers=bearer(editor)).status_code == 422


def test_events_are_signed_and_delivered(client, session, receiver, private_allowed):
    editor = token_for(session, Role.editor)
    made = client.post(
        "/api/v1/webhooks",
        json={
            "url": receiver.url,
            "events": ["claim.approved", "claim.reopened", "article.ingested"],
        },
        headers=bearer(editor),
    )
    assert made.status_code == 201
    secret, hook_id = made.json["secret"], made.json["id"]
    # An article ingested, a claim approved and reopened: through the API and an operation.
    ingested = client.post(
        "/api/v1/articles",
        json={"content": SEED.read_text(encoding="utf-8"), "format": "markdown"},
        headers=bearer(editor),
    )
    assert ingested.status_code == 201
    claim = make_claim(session)
    boss = make_user(session, Role.editor)
    false = verdict(session, "False")
    for status in (Status.approved, Status.in_review):
        assess(
            session,
            boss,
            claim,
            expected_version=None,
            status=status,
            verdict=false,
            rationale="The figures say otherwise.",
        )
    session.commit()

    assert enqueue(session) == 3
    assert enqueue(session) == 0  # each event once
    assert deliver_due(session, allow_private=True) == (3, 0)
    session.commit()
    events = [json.loads(body)["event"] for _headers, body in receiver.received]
    assert events == ["article.ingested", "claim.approved", "claim.reopened"]
    for headers, body in receiver.received:
        expected = hmac.new(
            secret.encode(), headers["X-Factcheck-Timestamp"].encode() + b"." + body, hashlib.sha256
        ).hexdigest()
        assert headers["X-Factcheck-Signature"] == f"sha256={expected}"
    approved = json.loads(receiver.received[1][1])
    assert approved["claim"]["id"] == claim.id
    log = client.get(f"/api/v1/webhooks/{hook_id}/deliveries", headers=bearer(editor)).json
    assert {d["state"] for d in log} == {"delivered"} and {d["response_status"] for d in log} == {
        204
    }


def test_failures_are_retried_with_backoff_then_given_up(session, private_allowed):
    receiver = Receiver(statuses=[500] * (len(BACKOFF) + 1))
    try:
        editor = make_user(session, Role.editor)
        register_webhook(session, editor, receiver.url, ["claim.approved"], allow_private=True)
        claim = make_claim(session)
        assess(
            session,
            editor,
            claim,
            expected_version=None,
            status=Status.approved,
            verdict=verdict(session, "True"),
            rationale="Checked.",
        )
        enqueue(session)
        now = utcnow()
        assert deliver_due(session, True, now) == (0, 1)
        delivery = session.scalar(select(WebhookDelivery))
        assert delivery.state == "pending" and delivery.attempts == 1
        assert delivery.response_status == 500 and delivery.response_body == "not today"
        assert delivery.next_attempt_at == now + BACKOFF[0]
        assert deliver_due(session, True, now + timedelta(seconds=1)) == (0, 0)  # not yet due
        for wait in BACKOFF:
            now += wait
            deliver_due(session, True, now)
        assert delivery.state == "failed" and delivery.attempts == len(BACKOFF) + 1
        assert len(receiver.received) == len(BACKOFF) + 1
    finally:
        receiver.close()


def test_a_hook_pointing_inside_is_not_called_when_private_is_not_allowed(session, receiver):
    editor = make_user(session, Role.editor)
    register_webhook(session, editor, receiver.url, ["claim.approved"], allow_private=True)
    claim = make_claim(session)
    assess(
        session,
        editor,
        claim,
        expected_version=None,
        status=Status.approved,
        verdict=verdict(session, "True"),
        rationale="Checked.",
    )
    enqueue(session)
    assert deliver_due(session, allow_private=False) == (0, 1)
    delivery = session.scalar(select(WebhookDelivery))
    assert "private" in delivery.error and receiver.received == []


def test_deliver_once_from_the_command_line(app, session, receiver, private_allowed):
    editor = make_user(session, Role.editor)
    register_webhook(session, editor, receiver.url, ["claim.approved"], allow_private=True)
    claim = make_claim(session)
    assess(
        session,
        editor,
        claim,
        expected_version=None,
        status=Status.approved,
        verdict=verdict(session, "True"),
        rationale="Checked.",
    )
    session.commit()
    result = app.test_cli_runner().invoke(args=["webhooks", "deliver", "--once"])
    assert result.exit_code == 0, result.output
    assert "1 new deliveries, 1 delivered" in result.output
    assert len(receiver.received) == 1


def test_a_publish_in_the_history_is_a_published_event(session, receiver):
    """Publishing writes "publish" (or "republish") to the claim's history: that is the event;
    nothing else needs to know of webhooks."""
    from factcheck import audit

    editor = make_user(session, Role.editor)
    register_webhook(session, editor, receiver.url, ["claim.published"], allow_private=True)
    claim = make_claim(session)
    audit.record(session, editor, "publish", claim, claim_id=claim.id, after={"slug": "x"})
    session.flush()
    assert enqueue(session) == 1
    delivery = session.scalar(select(WebhookDelivery))
    assert delivery.event == "claim.published" and delivery.payload["claim"]["id"] == claim.id
