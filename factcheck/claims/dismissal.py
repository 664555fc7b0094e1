"""Dismissing a claim says why: opinion, prediction, not checkable, a duplicate of another claim,
not a claim, or another reason in words. Reviewers' reasons are the training signal for the next
check-worthiness model, so each one is stored on the claim and in its history.

Ingest (factcheck.articles.operations) dismisses hedged and predictive sentences itself, reason
opinion or prediction, with the actor `extraction` (claims.models.MACHINE), so a reviewer's own
decision can be told from the machine's; reopening a claim (any other status) clears the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.auth.models import Role
from factcheck.claims.models import Claim, DismissalReason, Status
from factcheck.claims.operations import ClaimError, StaleClaim
from factcheck.db import MAX_ID
from factcheck.notifications.models import Kind
from factcheck.notifications.operations import notify, worked_on
from factcheck.permissions import require, require_unlocked

MAX_NOTE = 1000


class BadReason(ClaimError):
    """A reason that does not hold; `field` names what is wrong: reason, note or duplicate_of."""

    def __init__(self, message: str, field: str = "reason") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Dismissal:
    """A checked reason: `duplicate_of` is set only for a duplicate, `note` is None or text."""

    reason: DismissalReason
    note: str | None = None
    duplicate_of: int | None = None


def reason_of(
    session: Session,
    reason: str | DismissalReason | None,
    *,
    note: str | None = None,
    duplicate_of: int | None = None,
    claim_id: int | None = None,
) -> Dismissal:
    """The reason as given, checked (ClaimError says what is wrong): one of DismissalReason;
    "other" needs a note; a duplicate names another claim that exists (not `claim_id`)."""
    if not reason:
        raise BadReason("say why the claim is dismissed: choose a reason")
    try:
        why = DismissalReason(reason)
    except ValueError:
        choices = ", ".join(r.label for r in DismissalReason)
        raise BadReason(f"{str(reason)[:40]!r} is not a reason to dismiss ({choices})") from None
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE:
        raise BadReason(f"the reason's note is limited to {MAX_NOTE} characters", "note")
    if why == DismissalReason.other and note is None:
        raise BadReason("say in a few words why the claim is dismissed", "note")
    if why != DismissalReason.duplicate:
        return Dismissal(why, note)
    if duplicate_of is None:
        raise BadReason("name the claim this one duplicates (its number)", "duplicate_of")
    if duplicate_of == claim_id:
        raise BadReason("a claim cannot be a duplicate of itself", "duplicate_of")
    found = 0 < duplicate_of <= MAX_ID and session.scalar(
        select(Claim.id).where(Claim.id == duplicate_of)
    )
    if not found:
        raise BadReason(f"there is no claim {duplicate_of}", "duplicate_of")
    return Dismissal(why, note, duplicate_of)


def recorded(claim: Claim) -> dict:
    """What a dismissal changes, as kept in the history."""
    return {
        "status": claim.status,
        "dismissal_reason": claim.dismissal_reason,
        "dismissal_note": claim.dismissal_note,
        "same_as": claim.same_as_id,
    }


def dismiss(
    session: Session,
    actor,
    claim: Claim,
    reason: str | DismissalReason | None,
    *,
    note: str | None = None,
    duplicate_of: int | None = None,
    expected_version: int | None = None,
) -> bool:
    """Dismiss `claim` for a reason (reviewers; an approved claim needs an editor). Raises
    StaleClaim when `expected_version` is not the claim's version, ClaimError for a reason that
    does not hold; returns whether anything changed."""
    require(session, actor, Role.reviewer)
    require_unlocked(session, actor, claim.id)
    if expected_version is not None and expected_version != claim.version:
        raise StaleClaim(claim, expected_version)
    why = reason_of(session, reason, note=note, duplicate_of=duplicate_of, claim_id=claim.id)
    return _dismiss(session, actor, claim, why)


def dismiss_many(
    session: Session, actor, claims: list[Claim], why: Dismissal
) -> tuple[int, list[str]]:
    """Dismiss many claims for one reason (editors, the queue's bulk action): returns how many
    changed and a message for each claim skipped (a duplicate of itself)."""
    require(session, actor, Role.editor)
    changed, skipped = 0, []
    for claim in claims:
        if why.duplicate_of == claim.id:
            skipped.append(f"claim {claim.id}: a claim cannot be a duplicate of itself")
            continue
        changed += _dismiss(session, actor, claim, why)
    return changed, skipped


def _dismiss(session: Session, actor, claim: Claim, why: Dismissal) -> bool:
    before = recorded(claim)
    was_approved = claim.status == Status.approved.value
    claim.status = Status.dismissed.value
    claim.dismissal_reason = why.reason.value
    claim.dismissal_note = why.note
    if why.duplicate_of is not None:
        claim.same_as_id = why.duplicate_of
    claim.approved_by_id = claim.approved_at = None
    after = recorded(claim)
    keys = [k for k in after if before[k] != after[k]]
    if not keys:
        return False
    session.flush()
    audit.record(
        session,
        actor,
        "dismiss",
        claim,
        before={k: before[k] for k in keys},
        after={k: after[k] for k in keys},
        claim_id=claim.id,
    )
    if was_approved:  # taken back: as when assess() reopens it
        people = worked_on(session, claim.id) | {claim.assignee_id, claim.reviewer_id}
        notify(session, actor, Kind.reopened, claim.id, {i for i in people if i is not None})
    return True
