import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.models import Claim, Status
from factcheck.claims.operations import (
    ClaimError,
    StaleClaim,
    annotate,
    assess,
    assign,
    resolve_annotation,
)
from factcheck.permissions import PermissionDenied
from tests.factories import make_claim, make_text_article, make_user, verdict


def events(session, claim):
    return session.scalars(
        select(AuditEvent).where(AuditEvent.claim_id == claim.id).order_by(AuditEvent.id)
    ).all()


def test_assess_records_before_and_after(session):
    reviewer = make_user(session, Role.reviewer)
    claim = make_claim(session)
    version = claim.version
    changed = assess(
        session,
        reviewer,
        claim,
        expected_version=version,
        status=Status.reviewed,
        verdict=verdict(session, "False"),
        rationale="The figure was 5.3%.",
    )
    assert changed
    assert claim.version == version + 1
    assert claim.reviewer_id == reviewer.id
    [event] = events(session, claim)
    assert event.actor_id == reviewer.id and event.action == "assess"
    assert event.before == {"status": "unreviewed", "verdict": None, "rationale": ""}
    assert event.after == {
        "status": "reviewed",
        "verdict": "False",
        "rationale": "The figure was 5.3%.",
    }


def test_saving_nothing_new_writes_no_event(session):
    reviewer = make_user(session, Role.reviewer)
    claim = make_claim(session)
    assert not assess(session, reviewer, claim, expected_version=claim.version, rationale="")
    assert events(session, claim) == []


def test_a_stale_version_is_refused_and_changes_nothing(session):
    reviewer = make_user(session, Role.reviewer)
    claim = make_claim(session)
    old_version = claim.version
    assess(session, reviewer, claim, expected_version=old_version, rationale="first")
    with pytest.raises(StaleClaim):
        assess(session, reviewer, claim, expected_version=old_version, rationale="second")
    assert claim.rationale == "first"
    assert len(events(session, claim)) == 1


def test_concurrent_updates_of_the_same_row_fail_instead_of_overwriting(session):
    claim = make_claim(session)
    from sqlalchemy import update

    from factcheck.claims.models import Claim

    # Someone else's write lands after this session loaded the claim.
    session.execute(
        update(Claim)
        .where(Claim.id == claim.id)
        .values(version=Claim.version + 1)
        .execution_options(synchronize_session=False)
    )
    claim.rationale = "mine"
    with pytest.raises(StaleDataError):
        session.flush()


def test_reviewers_cannot_approve_editors_can(session):
    reviewer = make_user(session, Role.reviewer)
    editor = make_user(session, Role.editor)
    claim = make_claim(session)
    assess(
        session,
        reviewer,
        claim,
        expected_version=None,
        status=Status.reviewed,
        verdict=verdict(session, "True"),
        rationale="Matches BLS data.",
    )
    with pytest.raises(PermissionDenied):
        assess(session, reviewer, claim, expected_version=None, status=Status.approved)
    assess(session, editor, claim, expected_version=None, status=Status.approved)
    assert claim.status == "approved" and claim.approved_by_id == editor.id
    assert claim.approved_at is not None


def test_viewers_cannot_write(session):
    viewer = make_user(session, Role.viewer)
    claim = make_claim(session)
    with pytest.raises(PermissionDenied):
        assess(session, viewer, claim, expected_version=None, rationale="x")
    with pytest.raises(PermissionDenied):
        annotate(session, viewer, claim, "hello")


def test_a_verdict_is_needed_before_review_is_done(session):
    reviewer = make_user(session, Role.reviewer)
    claim = make_claim(session)
    with pytest.raises(ClaimError, match="verdict is needed"):
        assess(session, reviewer, claim, expected_version=None, status=Status.reviewed)
    assert claim.status == "unreviewed"


def test_assign_and_annotate_are_in_the_history(session):
    editor = make_user(session, Role.editor)
    reviewer = make_user(session, Role.reviewer)
    viewer = make_user(session, Role.viewer)
    claim = make_claim(session)
    assert assign(session, editor, claim, reviewer)
    with pytest.raises(ClaimError):
        assign(session, editor, claim, viewer)
    with pytest.raises(PermissionDenied):
        assign(session, reviewer, claim, reviewer)
    note = annotate(session, reviewer, claim, "  Check the BLS series.  ")
    reply = annotate(session, editor, claim, "Done.", parent=note)
    resolve_annotation(session, editor, note)
    assert note.body == "Check the BLS series." and reply.parent_id == note.id and note.resolved
    assert [e.action for e in events(session, claim)] == [
        "assign",
        "annotate",
        "annotate",
        "resolve",
    ]
    assert events(session, claim)[0].after == {"assignee": reviewer.email}


def test_audit_events_cannot_be_changed_or_deleted(session):
    reviewer = make_user(session, Role.reviewer)
    claim = make_claim(session)
    annotate(session, reviewer, claim, "note")
    [event] = events(session, claim)
    event.action = "tampered"
    with pytest.raises(RuntimeError, match="append-only"):
        session.flush()
    session.rollback()


@pytest.mark.parametrize("walk", [1, 1000])  # PostgreSQL, with a search: see NEIGHBOUR_WALK
def test_neighbours_follow_the_filtered_order_for_any_values(session, monkeypatch, walk):
    """The prev/next statement is built once per shape of the filters and reused with other
    values: each claim still gets its own neighbours in its own filtered queue."""
    from factcheck.claims.filters import QueueFilters
    from factcheck.claims.queue import neighbours, queue_page
    from factcheck.search import postgresql

    monkeypatch.setattr(postgresql, "NEIGHBOUR_WALK", walk)

    reviewers = [make_user(session, Role.reviewer) for _ in range(2)]
    articles = []
    for a in range(2):
        article = make_text_article(
            session, " ".join(f"Claim {a}-{i} cost {i} euros." for i in range(6))
        )
        articles.append(article)
        for i in range(6):
            claim = make_claim(session, article, text=f"Claim {a}-{i} cost {i} euros.")
            claim.checkworthiness = (i % 3) / 3  # ties: the id decides
            claim.assignee_id = reviewers[i % 2].id
    session.flush()
    shapes = [
        {"article": articles[0].id},
        {"article": articles[1].id},
        {"assignee": str(reviewers[0].id)},
        {"assignee": str(reviewers[1].id), "sort": "newest"},
        {"article": articles[1].id, "sort": "article"},
        {},
        {"q": "euros"},  # every claim
        {"q": "3"},  # one in six: the nearest match is further than one claim away
        {"q": "3", "sort": "newest"},
        {"q": "euros", "assignee": str(reviewers[1].id)},
    ]
    for values in shapes:
        f = QueueFilters.from_args(values)
        order = [c.id for c in queue_page(session, f).items]
        claims = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_(order)))}
        for i, claim_id in enumerate(order):
            expected = (order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None)
            assert neighbours(session, claims[claim_id], f) == expected, (values, i)
