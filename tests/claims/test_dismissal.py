"""Dismissing with a reason: the operation, the claim page, the queue, the history, the report."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.dismissal import BadReason, dismiss
from factcheck.claims.models import Claim, Status
from factcheck.claims.operations import StaleClaim, assess
from factcheck.permissions import PermissionDenied
from factcheck.reports.queries import article_report
from factcheck.reports.renderers import render_json
from tests.factories import make_claim, make_text_article, make_user, verdict
from tests.webclient import post, sign_in_as


@pytest.fixture
def reviewer(session):
    return make_user(session, Role.reviewer)


def events(session, claim, action=None):
    query = select(AuditEvent).where(AuditEvent.claim_id == claim.id).order_by(AuditEvent.id)
    return [e for e in session.scalars(query) if action is None or e.action == action]


def two_claims(session):
    article = make_text_article(
        session, "Exports rose 4 percent in 2024. Exports rose four percent last year. End."
    )
    first = make_claim(session, article, "Exports rose 4 percent in 2024.")
    second = make_claim(session, article, "Exports rose four percent last year.")
    return first, second


def test_a_dismissal_keeps_its_reason_and_says_so_in_the_history(session, reviewer):
    claim = make_claim(session)
    assert dismiss(session, reviewer, claim, "prediction", note=" looks ahead ", expected_version=1)
    assert claim.status == "dismissed"
    assert (claim.dismissal_reason, claim.dismissal_note) == ("prediction", "looks ahead")
    [event] = events(session, claim)
    assert event.action == "dismiss" and event.actor_id == reviewer.id
    assert event.before == {
        "status": "unreviewed",
        "dismissal_reason": None,
        "dismissal_note": None,
    }
    assert event.after == {
        "status": "dismissed",
        "dismissal_reason": "prediction",
        "dismissal_note": "looks ahead",
    }
    # the same reason again changes nothing
    assert not dismiss(session, reviewer, claim, "prediction", note="looks ahead")


def test_a_duplicate_names_an_existing_other_claim(session, reviewer):
    first, second = two_claims(session)
    with pytest.raises(BadReason, match="name the claim") as missing:
        dismiss(session, reviewer, second, "duplicate")
    assert missing.value.field == "duplicate_of"
    with pytest.raises(BadReason, match="itself"):
        dismiss(session, reviewer, second, "duplicate", duplicate_of=second.id)
    with pytest.raises(BadReason, match="there is no claim"):
        dismiss(session, reviewer, second, "duplicate", duplicate_of=first.id + 1000)
    with pytest.raises(BadReason, match="there is no claim"):
        dismiss(session, reviewer, second, "duplicate", duplicate_of=2**62)
    assert second.status == "unreviewed" and events(session, second) == []
    dismiss(session, reviewer, second, "duplicate", duplicate_of=first.id)
    assert (second.dismissal_reason, second.same_as_id) == ("duplicate", first.id)
    assert events(session, second)[-1].after["same_as"] == first.id


@pytest.mark.parametrize(
    ("reason", "note", "message"),
    [
        (None, None, "choose a reason"),
        ("boring", None, "is not a reason"),
        ("other", "   ", "in a few words"),
        ("opinion", "x" * 1001, "limited to 1000"),
    ],
)
def test_a_reason_that_does_not_hold_changes_nothing(session, reviewer, reason, note, message):
    claim = make_claim(session)
    with pytest.raises(BadReason, match=message):
        dismiss(session, reviewer, claim, reason, note=note)
    assert claim.status == "unreviewed" and claim.dismissal_reason is None


def test_other_needs_words(session, reviewer):
    claim = make_claim(session)
    dismiss(session, reviewer, claim, "other", note="satire")
    assert (claim.dismissal_reason, claim.dismissal_note) == ("other", "satire")


def test_rights_locks_and_versions_as_for_any_change(session, reviewer):
    viewer = make_user(session, Role.viewer)
    editor = make_user(session, Role.editor)
    claim = make_claim(session)
    with pytest.raises(PermissionDenied):
        dismiss(session, viewer, claim, "opinion")
    with pytest.raises(StaleClaim):
        dismiss(session, reviewer, claim, "opinion", expected_version=claim.version + 1)
    assess(
        session,
        editor,
        claim,
        expected_version=None,
        status=Status.approved,
        verdict=verdict(session, "False"),
        rationale="checked",
    )
    with pytest.raises(PermissionDenied, match="approved and locked"):
        dismiss(session, reviewer, claim, "opinion")
    assert dismiss(session, editor, claim, "not_checkable")
    assert claim.approved_by_id is None and claim.approved_at is None


def test_reopening_clears_the_reason_in_the_history(session, reviewer):
    claim = make_claim(session)
    dismiss(session, reviewer, claim, "other", note="satire")
    assess(session, reviewer, claim, expected_version=None, status=Status.in_review)
    assert claim.dismissal_reason is None and claim.dismissal_note is None
    event = events(session, claim)[-1]
    assert event.action == "assess"
    assert event.before == {
        "status": "dismissed",
        "dismissal_reason": "other",
        "dismissal_note": "satire",
    }
    assert event.after == {"status": "in_review", "dismissal_reason": None, "dismissal_note": None}


def test_the_json_report_carries_the_reason(session, reviewer):
    first, second = two_claims(session)
    dismiss(session, reviewer, second, "duplicate", note="same figure", duplicate_of=first.id)
    report = json.loads(render_json(article_report(session, first.article_id)))
    by_id = {c["id"]: c for c in report["claims"]}
    assert by_id[second.id]["dismissal_reason"] == "duplicate"
    assert by_id[second.id]["dismissal_note"] == "same figure"
    assert by_id[second.id]["same_as"] == first.id
    assert by_id[first.id]["dismissal_reason"] is None
    for key in ("id", "text", "status", "verdict", "history", "claimant", "position"):
        assert key in by_id[first.id]  # none of the existing keys is lost


# --- the pages ---------------------------------------------------------------------------------


def test_the_claim_page_asks_why_and_shows_it(client, session, reviewer):
    first, second = two_claims(session)
    session.commit()
    sign_in_as(client, reviewer)
    url = f"/claims/{second.id}"
    html = client.get(url).get_data(as_text=True)
    assert f'action="/claims/{second.id}/dismiss"' in html and "not checkable" in html
    # no reason: refused, nothing changed
    response = post(client, f"{url}/dismiss", {"version": second.version}, page=url)
    assert response.status_code == 400 and "choose a reason" in response.get_data(as_text=True)
    response = post(
        client, f"{url}/dismiss", {"version": second.version, "reason": "duplicate"}, page=url
    )
    assert response.status_code == 400 and "Name the claim" in response.get_data(as_text=True)
    response = post(
        client,
        f"{url}/dismiss",
        {"version": second.version, "reason": "duplicate", "duplicate_of": str(second.id)},
        page=url,
    )
    assert response.status_code == 400
    session.expire_all()
    assert session.get(Claim, second.id).status == "unreviewed"
    response = post(
        client,
        f"{url}/dismiss",
        {"version": second.version, "reason": "duplicate", "duplicate_of": str(first.id)},
        page=url,
    )
    assert response.status_code == 303
    html = client.get(url).get_data(as_text=True)
    assert "Dismissed as <strong>duplicate</strong>" in html
    assert f'href="/claims/{first.id}">claim {first.id}</a>' in html
    assert "dismissed it" in html and "reason" in html  # the history, in words
    queue = client.get("/claims?status=dismissed").get_data(as_text=True)
    assert '<span class="meta">duplicate</span>' in queue


def test_a_stale_dismiss_form_is_refused(client, session, reviewer):
    claim = make_claim(session)
    session.commit()
    sign_in_as(client, reviewer)
    url = f"/claims/{claim.id}"
    stale = {"version": claim.version - 1 if claim.version > 1 else 99, "reason": "opinion"}
    response = post(client, f"{url}/dismiss", stale, page=url)
    assert response.status_code == 409
    session.expire_all()
    assert session.get(Claim, claim.id).status == "unreviewed"


def test_the_assess_form_does_not_dismiss_without_a_reason(client, session, reviewer):
    claim = make_claim(session)
    session.commit()
    sign_in_as(client, reviewer)
    url = f"/claims/{claim.id}"
    data = {"version": claim.version, "status": "dismissed", "verdict": "", "rationale": ""}
    response = post(client, f"{url}/assess", data, page=url)
    assert response.status_code == 400 and "Say why" in response.get_data(as_text=True)
    session.expire_all()
    assert session.get(Claim, claim.id).status == "unreviewed"


def test_the_queue_dismisses_many_for_one_reason(client, session):
    editor = make_user(session, Role.editor)
    first, second = two_claims(session)
    session.commit()
    sign_in_as(client, editor)
    ids = [first.id, second.id]
    response = post(client, "/claims/bulk", {"ids": ids, "dismiss": "y", "reason": "other"})
    assert response.status_code == 303
    assert "Nothing dismissed" in client.get("/claims").get_data(as_text=True)
    data = {"ids": ids, "dismiss": "y", "reason": "duplicate", "duplicate_of": str(first.id)}
    post(client, "/claims/bulk", data)
    session.expire_all()
    first, second = session.get(Claim, first.id), session.get(Claim, second.id)
    assert first.status == "unreviewed"  # not a duplicate of itself: skipped, said so
    assert (second.status, second.dismissal_reason, second.same_as_id) == (
        "dismissed",
        "duplicate",
        first.id,
    )
    assert "cannot be a duplicate of itself" in client.get("/claims").get_data(as_text=True)
