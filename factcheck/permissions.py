"""Who may write what, decided on rows read from the database at the moment of the write.

Every operation (the write side) calls these, so the pages, bulk actions, the command line and
any future API obey the same rules. Accounts are read fresh for each decision: never from the
per-worker reference copies (a few seconds old) nor from whatever the session happens to hold.
An actor given as a string ("cli:...", "import") is the command line, which acts with every right.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck.auth.models import Role, User
from factcheck.claims.models import Claim, Status


class PermissionDenied(Exception):
    """The actor may not make this change (HTTP 403); the caller rolls back, nothing changes."""


def fresh_user(session: Session, user_id: int) -> User | None:
    """The account as the database has it now; the session's copy is overwritten with it."""
    statement = select(User).where(User.id == user_id).execution_options(populate_existing=True)
    return session.scalar(statement)


def require(session: Session, actor: User | str, role: Role, reason: str | None = None) -> None:
    """Raise PermissionDenied unless `actor` is an active account with at least `role` now."""
    if isinstance(actor, str):
        return
    current = fresh_user(session, actor.id)
    if current is None or not current.can(role):
        held = "a disabled account" if current is None or not current.active else current.role
        raise PermissionDenied(reason or f"Your role ({held}) cannot do this: {role.value} needed.")


LOCKED = "This claim is approved and locked: only an editor can change it or reopen it."


def require_unlocked(session: Session, actor: User | str, claim_id: int) -> None:
    """An approved claim is what published reports show: only an editor changes it (or reopens
    it). Its status is read again, row-locked on PostgreSQL, so an approval made since the page
    was loaded counts and cannot slip in between this check and the write."""
    if isinstance(actor, str):
        return
    status = session.scalar(select(Claim.status).where(Claim.id == claim_id).with_for_update())
    if status == Status.approved.value:
        require(session, actor, Role.editor, LOCKED)


def claim_readers(session: Session, user_ids: set[int]) -> list[User]:
    """The accounts among `user_ids` that may read claims now (read fresh): who may be told of
    a claim. Every active account may today; the rule lives here so that a notification never
    shows a claim to someone who could not open it."""
    if not user_ids:
        return []
    statement = (
        select(User)
        .where(User.id.in_(sorted(user_ids)))
        .order_by(User.id)
        .execution_options(populate_existing=True)
    )
    return [user for user in session.scalars(statement) if user.can(Role.viewer)]
