"""What the inbox shows, and the top bar's unread count."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, literal, select
from sqlalchemy.orm import Session

from factcheck.claims.models import Annotation, Claim
from factcheck.notifications.models import Notification
from factcheck.reads.paging import Page, clamp
from factcheck.reads.reference import Person, people_by_id
from factcheck.wording import actor_in_words

# The top bar says "99+" past this: the count reads at most this many index entries.
UNREAD_CAP = 99
PER_PAGE = 30


# One statement for every page (the user is its parameter): at most UNREAD_CAP + 1 entries of
# the partial index of unread notifications are read, however many there are.
_UNREAD = select(func.count()).select_from(
    select(literal(1))
    .where(Notification.user_id == bindparam("user"), Notification.read_at.is_(None))
    .limit(UNREAD_CAP + 1)
    .subquery()
)


def unread_count(session: Session, user_id: int) -> int:
    """How many unread notifications `user_id` has, up to UNREAD_CAP + 1 (one query; the top
    bar shows it on every page)."""
    return session.scalar(_UNREAD, {"user": user_id}) or 0


@dataclass(frozen=True)
class InboxItem:
    """One notification as the inbox shows it."""

    id: int
    kind: str
    at: datetime
    read: bool
    actor: str  # who made the change, in words
    claim_id: int
    claim_text: str
    claim_status: str
    note: str | None  # the note that mentions the reader


def inbox(session: Session, user_id: int, page: int = 1, unread_only: bool = False) -> Page:
    """A page of `user_id`'s notifications (InboxItem), newest first, with the claims and notes
    they concern (2 queries: the count and the page; the actors from the reference copy)."""
    condition = [Notification.user_id == user_id]
    if unread_only:
        condition.append(Notification.read_at.is_(None))
    total = session.scalar(select(func.count(Notification.id)).where(*condition)) or 0
    page = clamp(page, total, PER_PAGE)
    rows = session.execute(
        select(Notification, Claim.text, Claim.status, Annotation.body)
        .join(Claim, Claim.id == Notification.claim_id)
        .outerjoin(Annotation, Annotation.id == Notification.annotation_id)
        .where(*condition)
        .order_by(Notification.id.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    people = people_by_id(session, {n.actor_id for n, *_ in rows if n.actor_id is not None})
    items = [
        InboxItem(
            id=n.id,
            kind=n.kind,
            at=n.created_at,
            read=n.read_at is not None,
            actor=_actor(people, n.actor_id, n.actor_label),
            claim_id=n.claim_id,
            claim_text=text,
            claim_status=status,
            note=body,
        )
        for n, text, status, body in rows
    ]
    return Page(items, total, page, PER_PAGE)


def _actor(people: dict[int, Person], actor_id: int | None, label: str) -> str:
    person = people.get(actor_id) if actor_id is not None else None
    return (person.name or person.email) if person is not None else actor_in_words(label)
