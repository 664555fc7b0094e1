"""Reads for the account pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck.auth.models import User


def all_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.email)))
