"""Reads for the account pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck.auth.models import Role, User


def all_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.email)))


def reviewers(session: Session, cached: bool = True) -> list[User]:
    """Active accounts that can be assigned claims (a per-process copy unless `cached` is False:
    see factcheck.claims.queries.REFERENCE_TTL)."""
    from factcheck.claims.queries import _cached

    roles = [r.value for r in Role if r.allows(Role.reviewer)]
    statement = (
        select(User).where(User.active.is_(True), User.role.in_(roles)).order_by(User.name, User.id)
    )
    if not cached:
        return list(session.scalars(statement))
    return _cached(session, User, "reviewers", statement)
