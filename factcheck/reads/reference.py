"""Reference data that nearly every page shows and that rarely changes: the verdict scale, the
accounts (names, the reviewer list), the queue's article choices and the number of articles.

Each worker process keeps a copy for at most REFERENCE_TTL seconds, as plain frozen values
(VerdictInfo, Person, tuples): never mapped rows, so nothing here is ever in a session, written
back or used to decide a permission (factcheck.permissions reads accounts fresh). A write in this
process that adds, changes or deletes a verdict, an account or an article drops every copy at
once (the session events below); other worker processes see it within REFERENCE_TTL seconds.
The copies are kept per database (the engine's pool in production, the test's own connection in
the tests, whose transactions are rolled back).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar

from sqlalchemy import Connection, func, select
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from factcheck.articles.models import Article
from factcheck.auth.models import Role, User
from factcheck.claims.models import Verdict

REFERENCE_TTL = 5.0
# The queue's article filter offers the most recent articles.
ARTICLE_CHOICES = 300

T = TypeVar("T")


@dataclass(frozen=True)
class VerdictInfo:
    """What pages show of a step of the verdict scale."""

    id: int
    label: str
    description: str
    value: int | None
    colour: str | None
    position: int
    active: bool


@dataclass(frozen=True)
class Person:
    """What pages show of an account: who did what, who can be assigned."""

    id: int
    name: str
    email: str
    role: str
    active: bool

    @property
    def reviews(self) -> bool:
        """An active account that can be assigned claims."""
        return self.active and Role(self.role).allows(Role.reviewer)


class _Copies:
    """The per-process copies, each dropped after REFERENCE_TTL seconds or at invalidate()."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.generation = 0
        self.owner: Any = None
        self.entries: dict[str, tuple[int, float, Any]] = {}

    def invalidate(self) -> None:
        with self.lock:
            self.generation += 1
            self.entries.clear()

    def get(self, session: Session, key: str, load: Callable[[], T]) -> T:
        bind = session.get_bind()
        owner = bind if isinstance(bind, Connection) else bind.pool
        now = time.monotonic()
        with self.lock:
            if self.owner is not owner:
                self.owner = owner
                self.generation += 1
                self.entries.clear()
            entry = self.entries.get(key)
            generation = self.generation
        if entry is not None and entry[1] > now:
            return entry[2]
        value = load()
        with self.lock:
            # Not kept when a write dropped the copies while this one was read.
            if self.generation == generation and self.owner is owner:
                self.entries[key] = (generation, now + REFERENCE_TTL, value)
        return value


_copies = _Copies()


def invalidate() -> None:
    """Drop this process's copies (the session events do it on every write that touches them)."""
    _copies.invalidate()


# --- the copies -----------------------------------------------------------------------------


def verdict_scale(session: Session, include_inactive: bool = False) -> list[VerdictInfo]:
    """The verdict scale in its order (retired verdicts only with `include_inactive`)."""

    def load() -> tuple[VerdictInfo, ...]:
        rows = session.execute(
            select(
                Verdict.id,
                Verdict.label,
                Verdict.description,
                Verdict.value,
                Verdict.colour,
                Verdict.position,
                Verdict.active,
            ).order_by(Verdict.position, Verdict.id)
        )
        return tuple(VerdictInfo(*row) for row in rows)

    scale = _copies.get(session, "verdicts", load)
    return [v for v in scale if include_inactive or v.active]


def verdicts_by_id(session: Session) -> dict[int, VerdictInfo]:
    return {v.id: v for v in verdict_scale(session, include_inactive=True)}


def _people(session: Session) -> dict[int, Person]:
    def load() -> dict[int, Person]:
        rows = session.execute(
            select(User.id, User.name, User.email, User.role, User.active).order_by(
                User.name, User.id
            )
        )
        return {row.id: Person(*row) for row in rows}

    return _copies.get(session, "people", load)


def people_by_id(session: Session, ids: Iterable[int | None]) -> dict[int, Person]:
    """The accounts with these ids (None ignored): from the copy, and in one query those it
    does not hold yet (an account created by another worker process a moment ago)."""
    wanted = {i for i in ids if i is not None}
    people = _people(session)
    found = {i: people[i] for i in wanted if i in people}
    missing = wanted - found.keys()
    if missing:
        rows = session.execute(
            select(User.id, User.name, User.email, User.role, User.active).where(
                User.id.in_(missing)
            )
        )
        found.update({row.id: Person(*row) for row in rows})
    return found


def name_for_email(session: Session, email: str) -> str:
    """The account's name for an email the history recorded (the email when none matches)."""
    wanted = email.lower()
    person = next((p for p in _people(session).values() if p.email.lower() == wanted), None)
    return (person.name or person.email) if person is not None else email


def reviewers(session: Session) -> list[Person]:
    """Active accounts that can be assigned claims, by name."""
    return [p for p in _people(session).values() if p.reviews]


def article_choices(session: Session) -> tuple[tuple[int, str], ...]:
    """(id, title) of the ARTICLE_CHOICES most recent articles, newest first."""

    def load() -> tuple[tuple[int, str], ...]:
        statement = select(Article.id, Article.title).order_by(Article.id.desc())
        return tuple((i, t) for i, t in session.execute(statement.limit(ARTICLE_CHOICES)))

    return _copies.get(session, "article_choices", load)


def article_count(session: Session) -> int:
    """How many articles there are (counting 20,000 articles takes PostgreSQL a millisecond or
    two on every dashboard)."""

    def load() -> int:
        return session.scalar(select(func.count()).select_from(Article)) or 0

    return _copies.get(session, "article_count", load)


# --- invalidation ---------------------------------------------------------------------------

_MODELS: tuple[type, ...] = (Verdict, User, Article)


@sa_event.listens_for(Session, "after_flush")
def _flushed(session: Session, _context) -> None:
    if any(isinstance(o, _MODELS) for o in chain(session.new, session.dirty, session.deleted)):
        session.info["reference_changed"] = True
        invalidate()


@sa_event.listens_for(Session, "do_orm_execute")
def _bulk(state) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        mapper = state.bind_mapper
        if mapper is not None and issubclass(mapper.class_, _MODELS):
            state.session.info["reference_changed"] = True
            invalidate()


@sa_event.listens_for(Session, "after_commit")
@sa_event.listens_for(Session, "after_soft_rollback")
def _ended(session: Session, *_args) -> None:
    # Again at the end: another request may have read the old rows between flush and commit.
    if session.info.pop("reference_changed", False):
        invalidate()
