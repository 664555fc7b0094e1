"""Writing notifications (called by the claims' operations, in the transaction of the change
they tell of) and marking them read. Who is told: never the actor, only accounts that may read
the claim (factcheck.permissions.claim_readers) and that chose to hear of that kind.

Mentions name accounts by the part of their email before the @ ("@rita.reviewer"): every
account has one, the desk already shows it, it needs no new name to administer, and newsroom
addresses are mostly unique by it. When two accounts share it (rita@example.org and
rita@partner.org), "@rita" names nobody and the note's author is told to write the whole
address ("@rita@partner.org").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import CursorResult, func, literal, or_, select, update
from sqlalchemy.orm import Session

from factcheck.audit import AuditEvent
from factcheck.auth.models import User
from factcheck.db import UTCDateTime, utcnow
from factcheck.notifications.models import Kind, Notification
from factcheck.permissions import claim_readers

# "@" + a local part (letters, digits, . _ + -, not ending in a dot: "ask @rita." is "rita"),
# optionally "@domain". Not after a letter, digit, "/", "." or "@": an email address or a URL
# in the text ("press@ministry.gov", "x.com/@user") mentions nobody.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
MENTION = re.compile(
    rf"(?<![\w@./])@([a-z0-9](?:[a-z0-9._+-]{{0,62}}[a-z0-9])?(?:@{_LABEL}(?:\.{_LABEL})+)?)",
    re.IGNORECASE,
)
# A note names at most this many people; further handles are not looked up.
MAX_MENTIONS = 20


def handles(text: str) -> list[str]:
    """The distinct handles mentioned in `text`, lower-cased, in order (at most MAX_MENTIONS)."""
    found: list[str] = []
    for match in MENTION.finditer(text):
        handle = match.group(1).lower()
        if handle not in found:
            found.append(handle)
            if len(found) == MAX_MENTIONS:
                break
    return found


@dataclass
class Mentions:
    """What the handles of a note name: one active account each, or nobody."""

    people: list[User] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # no active account has this handle
    ambiguous: list[str] = field(default_factory=list)  # several have it: write the address


def _local_part(email: str) -> str:
    return email.lower().rpartition("@")[0]


def find_mentions(session: Session, text: str) -> Mentions:
    """The active accounts the handles in `text` name (one query; none when it has no "@")."""
    wanted = handles(text)
    if not wanted:
        return Mentions()
    email = func.lower(User.email)
    addresses = [h for h in wanted if "@" in h]
    conditions = [email.in_(addresses)] if addresses else []
    conditions += [
        email.like(h.replace("_", "\\_") + "@%", escape="\\") for h in wanted if "@" not in h
    ]
    accounts = list(session.scalars(select(User).where(User.active.is_(True), or_(*conditions))))
    mentions = Mentions()
    for handle in wanted:
        if "@" in handle:
            named = [u for u in accounts if u.email.lower() == handle]
        else:
            named = [u for u in accounts if _local_part(u.email) == handle]
        if len(named) > 1:
            mentions.ambiguous.append(handle)
        elif not named:
            mentions.unknown.append(handle)
        elif named[0] not in mentions.people:
            mentions.people.append(named[0])
    return mentions


def notify(
    session: Session,
    actor: User | str,
    kind: Kind,
    claim_id: int,
    user_ids: set[int],
    annotation_id: int | None = None,
) -> list[User]:
    """Put a notification of `kind` about the claim in the inbox of each of `user_ids` who may
    read it and chose to hear of it, the actor aside; returns who was told."""
    actor_id = None if isinstance(actor, str) else actor.id
    told = [
        user
        for user in claim_readers(session, {i for i in user_ids if i != actor_id})
        if user.wants(kind)
    ]
    label = actor if isinstance(actor, str) else actor.email
    session.add_all(
        Notification(
            user_id=user.id,
            kind=kind.value,
            claim_id=claim_id,
            annotation_id=annotation_id,
            actor_id=actor_id,
            actor_label=label,
        )
        for user in told
    )
    return told


def worked_on(session: Session, claim_id: int) -> set[int]:
    """The accounts that changed the claim or wrote on it: everyone its history names."""
    statement = (
        select(AuditEvent.actor_id)
        .where(AuditEvent.claim_id == claim_id, AuditEvent.actor_id.is_not(None))
        .distinct()
    )
    return {actor_id for actor_id in session.scalars(statement) if actor_id is not None}


def mark_read(session: Session, user: User, notification_id: int | None = None) -> int:
    """Mark one of `user`'s notifications read (or all of them, when no id is given); returns
    how many of theirs were found. Someone else's notification is never touched (0)."""
    statement = update(Notification).where(Notification.user_id == user.id)
    if notification_id is None:
        statement = statement.where(Notification.read_at.is_(None)).values(read_at=utcnow())
    else:
        # Found even when already read (the first read time is kept): "not yours" is 0.
        statement = statement.where(Notification.id == notification_id).values(
            read_at=func.coalesce(Notification.read_at, literal(utcnow(), UTCDateTime()))
        )
    result = session.execute(statement.execution_options(synchronize_session=False))
    return cast("CursorResult[Any]", result).rowcount or 0
