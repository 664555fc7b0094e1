"""An approved claim is locked (only an editor changes or reopens it), reviewers keep their
credit, and permissions are decided on accounts read fresh, never on the per-worker copies."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select, text

from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.models import Claim, Status
from factcheck.claims.operations import assess
from factcheck.permissions import PermissionDenied
from factcheck.sources.models import Evidence, Relation, Source
from factcheck.sources.operations import attach_source, resolve_citation
from tests.factories import make_claim, make_user, verdict
from tests.webclient import post, sign_in_as


@pytest.fixture
def people(session):
    return make_user(session, Role.reviewer), make_user(session, Role.editor)


@pytest.fixture
def approved(session, people):
    """A claim a reviewer judged True and an editor approved, with an unresolved citation."""
    reviewer, editor = people
    claim = make_claim(session)
    attach_source(session, "test", claim, url=None, anchor_text="a citation")
    assess(
        session,
        reviewer,
        claim,
        expected_version=claim.version,
        status=Status.reviewed,
        verdict=verdict(session, "True"),
        rationale="The statistics office confirms it.",
    )
    assess(session, editor, claim, expected_version=claim.version, status=Status.approved)
    session.commit()
    return claim


def report_entry(client, session, claim, editor) -> dict:
    sign_in_as(client, editor)
    response = client.get(f"/articles/{claim.article_id}/report.json")
    [entry] = [c for c in json.loads(response.get_data())["claims"] if c["id"] == claim.id]
    return entry


def state(session, claim) -> tuple:
    session.expire_all()
    return (
        session.execute(
            select(Claim.status, Claim.verdict_id, Claim.rationale, Claim.version).where(
                Claim.id == claim.id
            )
        ).one(),
        session.scalar(select(func.count(Evidence.id)).where(Evidence.claim_id == claim.id)),
        session.scalar(select(func.count(AuditEvent.id))),
    )


def test_a_reviewer_cannot_rewrite_an_approved_verdict(client, session, people, approved):
    reviewer, editor = people
    before = state(session, approved)
    sign_in_as(client, reviewer)
    response = post(
        client,
        f"/claims/{approved.id}/assess",
        {
            "version": approved.version,
            "status": "approved",
            "verdict": str(verdict(session, "False").id),
            "rationale": "Actually it is false.",
        },
    )
    assert response.status_code == 403
    assert "only an editor" in response.get_data(as_text=True)
    response = post(
        client,
        f"/claims/{approved.id}/evidence",
        {"url": "https://example.org/refutation", "relation": "refutes"},
    )
    assert response.status_code == 403
    [citation] = session.scalars(select(Evidence).where(Evidence.claim_id == approved.id))
    response = post(
        client,
        f"/claims/{approved.id}/evidence/{citation.id}/resolve",
        {"url": "https://example.org/elsewhere"},
    )
    assert response.status_code == 403
    assert state(session, approved) == before
    entry = report_entry(client, session, approved, editor)
    assert entry["verdict"]["label"] == "True"
    assert entry["rationale"] == "The statistics office confirms it."
    assert entry["approved_by"] == editor.name
    assert [s["relation"] for s in entry["sources"]] == ["cited"]


def test_the_claim_page_tells_a_reviewer_it_is_locked(client, session, people, approved):
    reviewer, _editor = people
    sign_in_as(client, reviewer)
    html = client.get(f"/claims/{approved.id}").get_data(as_text=True)
    assert "only an editor can change it or reopen it" in html
    assert 'id="assess-form"' not in html and "Add a source" not in html


def test_the_lock_holds_in_the_operations_for_every_caller(session, people, approved):
    reviewer, _editor = people
    with pytest.raises(PermissionDenied):
        assess(session, reviewer, approved, expected_version=approved.version, rationale="x")
    with pytest.raises(PermissionDenied):
        attach_source(session, reviewer, approved, url="https://example.org/x")
    [citation] = approved.evidence
    with pytest.raises(PermissionDenied):
        resolve_citation(session, reviewer, citation, "https://example.org/y")


def test_an_editor_edits_or_reopens_and_the_history_says_so(client, session, people, approved):
    reviewer, _editor = people
    other_editor = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, other_editor)
    response = post(
        client,
        f"/claims/{approved.id}/assess",
        {
            "version": approved.version,
            "status": "approved",
            "verdict": str(verdict(session, "Mostly true").id),
            "rationale": "The statistics office confirms it, with a caveat.",
        },
    )
    assert response.status_code == 303
    session.expire_all()
    assert approved.verdict.label == "Mostly true" and approved.status == "approved"
    # the new verdict is signed off by the editor who made it
    assert approved.approved_by_id == other_editor.id == approved.reviewer_id
    response = post(
        client,
        f"/claims/{approved.id}/assess",
        {
            "version": approved.version,
            "status": "reviewed",
            "verdict": str(approved.verdict_id),
            "rationale": approved.rationale,
        },
    )
    assert response.status_code == 303
    session.expire_all()
    assert approved.status == "reviewed" and approved.approved_by_id is None
    last = session.scalars(
        select(AuditEvent).where(AuditEvent.claim_id == approved.id).order_by(AuditEvent.id.desc())
    ).first()
    assert last.actor_id == other_editor.id
    assert last.before == {"status": "approved"} and last.after == {"status": "reviewed"}
    # reopened, the reviewer may work on it again
    assert assess(session, reviewer, approved, expected_version=approved.version, rationale="y")


def test_the_reviewer_keeps_the_credit_when_an_editor_only_approves(client, session, people):
    reviewer, editor = people
    claim = make_claim(session)
    session.commit()
    true = verdict(session, "True")
    sign_in_as(client, reviewer)
    form = {"status": "reviewed", "verdict": str(true.id), "rationale": "Confirmed."}
    assert post(client, f"/claims/{claim.id}/assess", {**form, "version": 1}).status_code == 303
    session.expire_all()
    sign_in_as(client, editor)
    approve = {**form, "status": "approved", "version": claim.version}
    assert post(client, f"/claims/{claim.id}/assess", approve).status_code == 303
    entry = report_entry(client, session, claim, editor)
    assert entry["status"] == "approved"
    assert entry["reviewer"] == reviewer.name
    assert entry["approved_by"] == editor.name
    html = client.get(f"/articles/{claim.article_id}/report.md").get_data(as_text=True)
    assert f"Reviewed by {reviewer.name}" in html


def test_writes_check_accounts_fresh_not_the_cached_copies(client, session, _rolled_back):
    editor = make_user(session, Role.editor)
    demoted = make_user(session, Role.reviewer)
    claims = [make_claim(session), make_claim(session)]
    session.commit()
    demoted_id, editor_id, claim_ids = demoted.id, editor.id, [c.id for c in claims]
    sign_in_as(client, editor)
    assert demoted.name in client.get("/claims").get_data(as_text=True)  # the copies are warm
    session.rollback()  # end the page's savepoint: the UPDATEs below must outlive the requests'
    session.expunge_all()  # as in a new request, whose session holds no account yet
    # another worker demotes the account: no event of this process sees it
    _rolled_back.execute(
        text("UPDATE user_account SET role = 'viewer' WHERE id = :id"), {"id": demoted_id}
    )
    response = post(client, f"/claims/{claim_ids[0]}/assign", {"assignee": str(demoted_id)})
    assert response.status_code == 303
    response = post(
        client,
        "/claims/bulk",
        {"ids": claim_ids, "assignee": str(demoted_id)},
        follow_redirects=True,
    )
    assert "cannot review claims (role viewer)" in response.get_data(as_text=True)
    assignees = session.scalars(select(Claim.assignee_id).where(Claim.id.in_(claim_ids)))
    assert list(assignees) == [None, None]
    # and the signed-in editor, demoted the same way, is refused at once
    _rolled_back.execute(
        text("UPDATE user_account SET role = 'reviewer' WHERE id = :id"), {"id": editor_id}
    )
    response = post(client, f"/claims/{claim_ids[0]}/assign", {"assignee": "none"})
    assert response.status_code == 403


def test_an_unresolved_citation_on_an_open_claim_can_still_be_completed(session, people):
    reviewer, _editor = people
    claim = make_claim(session)
    evidence = attach_source(session, "test", claim, url=None, anchor_text="a citation")
    resolve_citation(session, reviewer, evidence, "https://example.org/found")
    assert session.get(Source, evidence.source_id).url == "https://example.org/found"
    assert evidence.relation == Relation.cited.value
