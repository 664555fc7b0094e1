"""Who is told of what: mentions, assignments, approvals and reopenings, in the transaction of
the change, never to the actor, only to accounts that may read claims and want to hear of it."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factcheck.auth.models import Role
from factcheck.auth.operations import set_active, set_notifications
from factcheck.claims.models import Status
from factcheck.claims.operations import annotate, assess, assign, bulk_update
from factcheck.notifications.models import Kind, Notification
from factcheck.notifications.operations import find_mentions, handles, mark_read
from factcheck.notifications.queries import UNREAD_CAP, inbox, unread_count
from tests.factories import make_claim, make_user, verdict


def inbox_of(session, user) -> list[tuple[str, int]]:
    rows = session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    )
    return [(n.kind, n.claim_id) for n in rows]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@rita.reviewer can you check?", ["rita.reviewer"]),
        ("Ask @Rita.Reviewer.", ["rita.reviewer"]),  # case-insensitive; the full stop ends it
        ("(@rob) and @rob again, @eddie_e!", ["rob", "eddie_e"]),
        ("cc @rita@partner.org.", ["rita@partner.org"]),
        ("write to press@ministry.gov or see x.com/@someone", []),
        ("an @ alone, @-dash, @.dot", []),
    ],
)
def test_handles_are_read_from_the_text(text, expected):
    assert handles(text) == expected


def test_handles_are_bounded():
    text = " ".join(f"@user{i}" for i in range(50))
    assert len(handles(text)) == 20


def test_mentions_resolve_to_one_active_account_each(session):
    rita = make_user(session, Role.reviewer, "rita.reviewer@example.org")
    make_user(session, Role.reviewer, "sam@example.org")
    make_user(session, Role.reviewer, "sam@partner.org")
    gone = make_user(session, Role.reviewer, "gone@example.org")
    set_active(session, "test", gone, False)
    found = find_mentions(session, "@rita.reviewer @sam @sam@partner.org @gone @nobody")
    assert [u.email for u in found.people] == ["rita.reviewer@example.org", "sam@partner.org"]
    assert found.ambiguous == ["sam"]
    assert found.unknown == ["gone", "nobody"]
    assert found.people[0] is rita


def test_an_underscore_in_a_handle_is_no_wildcard(session):
    make_user(session, Role.reviewer, "ab@example.org")
    make_user(session, Role.reviewer, "a_b@example.org")
    assert [u.email for u in find_mentions(session, "@a_b").people] == ["a_b@example.org"]


def test_a_mention_reaches_the_mentioned_but_not_the_author(session):
    rita = make_user(session, Role.reviewer, "rita@example.org")
    rob = make_user(session, Role.reviewer, "rob@example.org")
    viewer = make_user(session, Role.viewer, "vera@example.org")
    claim = make_claim(session)
    note = annotate(session, rita, claim, "@rob @vera @rita have a look")
    assert inbox_of(session, rob) == [("mention", claim.id)]
    assert inbox_of(session, viewer) == [("mention", claim.id)]  # viewers read claims
    assert inbox_of(session, rita) == []  # never to the actor
    [sent] = session.scalars(select(Notification).where(Notification.user_id == rob.id))
    assert sent.annotation_id == note.id and sent.actor_id == rita.id


def test_no_notification_survives_a_rolled_back_change(session):
    """Written in the change's own transaction: undoing the change undoes the notification."""
    rita = make_user(session, Role.reviewer, "rita@example.org")
    rob = make_user(session, Role.reviewer, "rob@example.org")
    claim = make_claim(session)
    savepoint = session.begin_nested()
    annotate(session, rita, claim, "@rob see this")
    savepoint.rollback()
    assert inbox_of(session, rob) == []


def test_an_assignment_reaches_the_assignee(session):
    editor = make_user(session, Role.editor)
    rob = make_user(session, Role.reviewer)
    claim = make_claim(session)
    assign(session, editor, claim, rob)
    assert inbox_of(session, rob) == [("assigned", claim.id)]
    assign(session, editor, claim, rob)  # no change: no second notice
    assign(session, editor, claim, None)
    assign(session, editor, claim, editor)  # editors assigning themselves hear nothing
    assert inbox_of(session, rob) == [("assigned", claim.id)]
    assert inbox_of(session, editor) == []


def test_a_bulk_assignment_tells_the_assignee_of_each_claim(session):
    editor = make_user(session, Role.editor)
    rob = make_user(session, Role.reviewer)
    claims = [make_claim(session, text=f"Exports rose {i} percent in 2024.") for i in range(3)]
    bulk_update(session, editor, claims, assignee=rob)
    assert inbox_of(session, rob) == [("assigned", c.id) for c in claims]


def test_approval_and_reopening_reach_everyone_who_worked_on_the_claim(session):
    rita = make_user(session, Role.reviewer)
    rob = make_user(session, Role.reviewer)
    bystander = make_user(session, Role.reviewer)
    editor = make_user(session, Role.editor)
    claim = make_claim(session)
    annotate(session, rob, claim, "Looking at the BLS series.")
    assess(
        session,
        rita,
        claim,
        expected_version=claim.version,
        status=Status.reviewed,
        verdict=verdict(session, "False"),
        rationale="The figure was 5.3%.",
    )
    assess(session, editor, claim, expected_version=claim.version, status=Status.approved)
    assess(session, editor, claim, expected_version=claim.version, rationale="Corrected.")
    assess(session, editor, claim, expected_version=claim.version, status=Status.in_review)
    for person in (rita, rob):
        assert inbox_of(session, person) == [("approved", claim.id), ("reopened", claim.id)]
    assert inbox_of(session, bystander) == []
    assert inbox_of(session, editor) == []


def test_nobody_hears_what_they_turned_off(session):
    rob = make_user(session, Role.reviewer)
    editor = make_user(session, Role.editor)
    claim = make_claim(session)
    assert set_notifications(session, rob, {Kind.mention})
    assert not set_notifications(session, rob, {Kind.mention})
    assign(session, editor, claim, rob)
    assert inbox_of(session, rob) == []
    annotate(session, editor, claim, f"@{rob.email.partition('@')[0]} please")
    assert inbox_of(session, rob) == [("mention", claim.id)]


def test_a_disabled_account_is_told_nothing(session):
    rob = make_user(session, Role.reviewer)
    rita = make_user(session, Role.reviewer)
    claim = make_claim(session)
    annotate(session, rob, claim, "my note")
    set_active(session, "test", rob, False)
    assess(
        session,
        "cli:root",
        claim,
        expected_version=claim.version,
        status=Status.approved,
        verdict=verdict(session, "False"),
        rationale="ok",
    )
    assert inbox_of(session, rob) == []
    annotate(session, rita, claim, f"@{rob.email.partition('@')[0]}")
    assert inbox_of(session, rob) == []


def test_marking_read_touches_only_your_own(session):
    rita = make_user(session, Role.reviewer)
    rob = make_user(session, Role.reviewer)
    editor = make_user(session, Role.editor)
    claims = [make_claim(session, text=f"Exports rose {i} percent in 2024.") for i in range(3)]
    for claim in claims:
        assign(session, editor, claim, rob)
    assign(session, editor, claims[0], rita)
    assert unread_count(session, rob.id) == 3
    [first, *_rest] = inbox(session, rob.id).items[::-1]
    assert mark_read(session, rita, first.id) == 0  # not hers
    assert mark_read(session, rob, first.id) == 1
    assert mark_read(session, rob, first.id) == 1  # still found, stays read
    assert unread_count(session, rob.id) == 2
    assert mark_read(session, rob) == 2
    assert unread_count(session, rob.id) == 0
    assert unread_count(session, rita.id) == 1
    shown = inbox(session, rob.id)
    assert [item.read for item in shown.items] == [True, True, True]
    assert inbox(session, rob.id, unread_only=True).items == []


def test_the_unread_count_stops_past_the_cap(session):
    rob = make_user(session, Role.reviewer)
    claim = make_claim(session)
    session.add_all(
        Notification(user_id=rob.id, kind="assigned", claim_id=claim.id, actor_label="test")
        for _ in range(UNREAD_CAP + 5)
    )
    session.flush()
    assert unread_count(session, rob.id) == UNREAD_CAP + 1
