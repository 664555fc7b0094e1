"""/webhooks in the browser: editors register a hook (its secret shown once), see its latest
deliveries in words and remove it; nobody else can, and nothing changes without the CSRF token."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from factcheck import audit
from factcheck.auth.models import Role
from factcheck.webhooks.models import Webhook, WebhookDelivery
from factcheck.webhooks.operations import enqueue
from tests.factories import make_claim, make_user
from tests.webclient import post, sign_in_as

HOOK = "https://93.184.216.34/hook"


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(Webhook))


def test_an_editor_registers_sees_deliveries_and_removes(client, session):
    editor = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, editor)
    assert client.get("/webhooks").status_code == 200
    made = post(
        client,
        "/webhooks",
        {"url": HOOK, "events": ["claim.published", "claim.corrected"]},
        page="/webhooks",
    )
    assert made.status_code == 201
    html = made.get_data(as_text=True)
    secret = re.search(r'<code class="secret">(whsec_[^<]+)</code>', html)
    assert secret is not None
    hook = session.scalar(select(Webhook))
    assert hook.secret == secret.group(1)
    assert sorted(hook.events) == ["claim.corrected", "claim.published"]

    claim = make_claim(session)
    audit.record(session, editor, "correct", claim, claim_id=claim.id, after={})
    session.flush()
    enqueue(session)
    session.commit()
    page = client.get("/webhooks").get_data(as_text=True)
    assert secret.group(1) not in page  # shown once
    assert "a published fact-check is corrected" in page and "waiting to be sent" in page

    removed = post(client, f"/webhooks/{hook.id}/remove", page="/webhooks")
    assert removed.status_code == 303
    assert _count(session) == 0
    assert session.scalar(select(func.count()).select_from(WebhookDelivery)) == 0


def test_bad_input_and_other_roles_change_nothing(client, session):
    editor = make_user(session, Role.editor)
    reviewer = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, editor)
    private = post(
        client,
        "/webhooks",
        {"url": "http://127.0.0.1/x", "events": ["claim.approved"]},
        page="/webhooks",
    )
    assert private.status_code == 400 and "private address" in private.get_data(as_text=True)
    none = post(client, "/webhooks", {"url": HOOK}, page="/webhooks")
    assert none.status_code == 400 and "at least one event" in none.get_data(as_text=True)
    scheme = post(
        client,
        "/webhooks",
        {"url": "javascript:alert(1)", "events": ["claim.approved"]},
        page="/webhooks",
    )
    assert scheme.status_code == 400
    forged = client.post("/webhooks", data={"url": HOOK, "events": ["claim.approved"]})
    assert forged.status_code == 400
    assert _count(session) == 0

    sign_in_as(client, reviewer)
    assert client.get("/webhooks").status_code == 403
    refused = post(client, "/webhooks", {"url": HOOK, "events": ["claim.approved"]}, page="/")
    assert refused.status_code == 403 and _count(session) == 0
