"""Every write on a claim: assess, approve, assign, annotate. Each appends an audit event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.auth.models import Role, User
from factcheck.claims.models import Annotation, Claim, Status, Verdict
from factcheck.db import utcnow
from factcheck.notifications.models import Kind
from factcheck.notifications.operations import find_mentions, notify, worked_on
from factcheck.permissions import fresh_user, require, require_unlocked

MAX_RATIONALE = 20_000
MAX_ANNOTATION = 10_000


class ClaimError(ValueError):
    """A change that cannot be made; the message is for the user."""


@dataclass
class StaleClaim(ClaimError):
    """Someone saved the claim after the form was loaded."""

    claim: Claim
    expected_version: int

    def __str__(self) -> str:
        return (
            f"claim {self.claim.id} was changed by someone else (version {self.claim.version}, "
            f"your form had version {self.expected_version})"
        )


def snapshot(claim: Claim) -> dict:
    """The reviewable fields of a claim, as kept in its history."""
    return {
        "status": claim.status,
        "verdict": claim.verdict.label if claim.verdict else None,
        "rationale": claim.rationale,
        "assignee": claim.assignee.email if claim.assignee else None,
        # why it was dismissed (factcheck.claims.dismissal): cleared when it is reopened
        "dismissal_reason": claim.dismissal_reason,
        "dismissal_note": claim.dismissal_note,
    }


def _changed(before: dict, after: dict) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after[k]]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def assess(
    session: Session,
    actor,
    claim: Claim,
    *,
    expected_version: int | None,
    status: Status | None = None,
    verdict: Verdict | None | Literal[False] = False,
    rationale: str | None = None,
) -> bool:
    """Set status, verdict (None clears it; False leaves it) and rationale in one change.

    Raises StaleClaim when `expected_version` is not the claim's current version. Approving,
    leaving the approved state (reopening) and any change to an approved claim need an editor
    (PermissionDenied); returns whether anything changed.
    """
    require(session, actor, Role.reviewer)
    require_unlocked(session, actor, claim.id)
    if status == Status.approved and claim.status_enum != Status.approved:
        require(session, actor, Role.editor)
    return _assess(
        session,
        actor,
        claim,
        expected_version=expected_version,
        status=status,
        verdict=verdict,
        rationale=rationale,
    )


def _assess(
    session: Session,
    actor,
    claim: Claim,
    *,
    expected_version: int | None,
    status: Status | None,
    verdict: Verdict | None | Literal[False],
    rationale: str | None,
) -> bool:
    """assess() once the actor's rights are checked."""
    if expected_version is not None and expected_version != claim.version:
        raise StaleClaim(claim, expected_version)
    if rationale is not None and len(rationale) > MAX_RATIONALE:
        raise ClaimError(f"the rationale is limited to {MAX_RATIONALE} characters")
    before = snapshot(claim)
    new_verdict = claim.verdict if verdict is False else verdict
    new_status = status or claim.status_enum
    new_rationale = claim.rationale if rationale is None else rationale.strip()
    if new_status in (Status.reviewed, Status.approved) and new_verdict is None:
        raise ClaimError(f"a verdict is needed before the claim can be {new_status.label}")
    if new_status == Status.approved and not new_rationale and claim.status != "approved":
        raise ClaimError("a rationale is needed before the claim can be approved")
    # Credit goes to whoever last changed the verdict or the rationale, not to whoever saved
    # the form last: an editor who only approves is the approver, not the reviewer.
    new_verdict_id = new_verdict.id if new_verdict is not None else None
    judged = new_verdict_id != claim.verdict_id or new_rationale != claim.rationale
    claim.status = new_status.value
    if new_status != Status.dismissed:  # reopened: the reason for dismissing it is gone
        claim.dismissal_reason = claim.dismissal_note = None
    claim.verdict = new_verdict
    claim.rationale = new_rationale
    if verdict is not False and new_verdict is not None:
        claim.unmapped_verdict = None
    if judged and not isinstance(actor, str):
        claim.reviewer_id = actor.id
    was_approved = before["status"] == Status.approved.value
    if new_status == Status.approved and (not was_approved or judged):
        # Approving, or an editor changing an approved verdict: the sign-off is theirs now.
        claim.approved_by_id = None if isinstance(actor, str) else actor.id
        claim.approved_at = utcnow()
    elif new_status != Status.approved:
        claim.approved_by_id = None
        claim.approved_at = None
    old, new = _changed(before, snapshot(claim))
    if not new:
        return False
    session.flush()
    audit.record(session, actor, "assess", claim, before=old, after=new, claim_id=claim.id)
    if "status" in new and Status.approved.value in (old["status"], new["status"]):
        # Signed off, or taken back: everyone who worked on it hears of it.
        kind = Kind.approved if new["status"] == Status.approved.value else Kind.reopened
        people = worked_on(session, claim.id) | {claim.assignee_id, claim.reviewer_id}
        notify(session, actor, kind, claim.id, {i for i in people if i is not None})
    return True


def assign(session: Session, actor, claim: Claim, assignee: User | None) -> bool:
    require(session, actor, Role.editor)
    return _assign(session, actor, claim, _reviewer(session, assignee))


def _reviewer(session: Session, assignee: User | None) -> User | None:
    """The assignee as the database has it now, if it may review claims (ClaimError if not)."""
    if assignee is None:
        return None
    current = fresh_user(session, assignee.id)
    if current is None or not current.can(Role.reviewer):
        role = current.role if current is not None and current.active else "disabled"
        raise ClaimError(f"{assignee.email} cannot review claims (role {role})")
    return current


def _assign(session: Session, actor, claim: Claim, assignee: User | None) -> bool:
    """assign() once the actor's and the assignee's rights are checked."""
    before = snapshot(claim)
    claim.assignee = assignee
    old, new = _changed(before, snapshot(claim))
    if not new:
        return False
    session.flush()
    audit.record(session, actor, "assign", claim, before=old, after=new, claim_id=claim.id)
    if assignee is not None:
        notify(session, actor, Kind.assigned, claim.id, {assignee.id})
    return True


def annotate(
    session: Session, actor, claim: Claim, body: str, parent: Annotation | None = None
) -> Annotation:
    require(session, actor, Role.reviewer)
    body = body.strip()
    if not body:
        raise ClaimError("an annotation needs some text")
    if len(body) > MAX_ANNOTATION:
        raise ClaimError(f"annotations are limited to {MAX_ANNOTATION} characters")
    if parent is not None and parent.claim_id != claim.id:
        raise ClaimError("a reply must be on the same claim")
    note = Annotation(
        claim_id=claim.id,
        parent_id=parent.id if parent else None,
        author_id=None if isinstance(actor, str) else actor.id,
        body=body,
    )
    session.add(note)
    session.flush()
    audit.record(session, actor, "annotate", note, claim_id=claim.id, after={"body": body})
    mentioned = {user.id for user in find_mentions(session, body).people}
    notify(session, actor, Kind.mention, claim.id, mentioned, annotation_id=note.id)
    return note


def resolve_annotation(session: Session, actor, note: Annotation, resolved: bool = True) -> None:
    require(session, actor, Role.reviewer)
    if note.resolved == resolved:
        return
    note.resolved = resolved
    note.resolved_by_id = None if isinstance(actor, str) or not resolved else actor.id
    session.flush()
    audit.record(
        session,
        actor,
        "resolve" if resolved else "reopen",
        note,
        claim_id=note.claim_id,
        before={"resolved": not resolved},
        after={"resolved": resolved},
    )


# --- added for the web desk: bulk changes and the verdict scale -------------------------------


def bulk_update(
    session: Session,
    actor,
    claims: list[Claim],
    *,
    status: Status | None = None,
    assignee: User | None | Literal[False] = False,
) -> tuple[int, list[str]]:
    """Set the status and/or assignee (False leaves it) of many claims; editors only (an
    assignee who cannot review is a ClaimError).

    Each claim is changed on its own terms (a claim without a verdict cannot become reviewed);
    returns how many changed and a message for each claim that was skipped.
    """
    require(session, actor, Role.editor)
    if assignee is not False:
        assignee = _reviewer(session, assignee)
    changed, skipped = 0, []
    for claim in claims:
        try:
            did = False
            if assignee is not False:
                did = _assign(session, actor, claim, assignee) or did
            if status is not None:
                did = (
                    _assess(
                        session,
                        actor,
                        claim,
                        expected_version=None,
                        status=status,
                        verdict=False,
                        rationale=None,
                    )
                    or did
                )
        except ClaimError as exc:
            skipped.append(f"claim {claim.id}: {exc}")
            continue
        changed += did
    return changed, skipped


def _verdict_fields(verdict: Verdict) -> dict:
    return {
        "label": verdict.label,
        "description": verdict.description,
        "value": verdict.value,
        "colour": verdict.colour,
        "active": verdict.active,
    }


def _check_verdict(label: str, value: int | None, colour: str | None) -> None:
    import re

    if not label.strip():
        raise ClaimError("a verdict needs a label")
    if value is not None and not 1 <= value <= 5:
        raise ClaimError("a verdict's number is 1 (worst) to 5 (best), or none")
    if colour and not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        raise ClaimError("colours are written #rrggbb")


def add_verdict(
    session: Session,
    actor,
    *,
    label: str,
    description: str = "",
    value: int | None = None,
    colour: str | None = None,
) -> Verdict:
    """Append a step to the verdict scale (editors)."""
    from sqlalchemy import func, select

    require(session, actor, Role.editor)
    _check_verdict(label, value, colour)
    label = label.strip()[:100]
    if session.scalar(select(Verdict.id).where(func.lower(Verdict.label) == label.lower())):
        raise ClaimError(f"the scale already has a verdict {label!r}")
    position = (session.scalar(select(func.max(Verdict.position))) or 0) + 1
    verdict = Verdict(
        label=label,
        description=description.strip()[:1000],
        value=value,
        colour=colour or None,
        position=position,
        active=True,
    )
    session.add(verdict)
    session.flush()
    audit.record(session, actor, "add_verdict", verdict, after=_verdict_fields(verdict))
    return verdict


def update_verdict(
    session: Session,
    actor,
    verdict: Verdict,
    *,
    label: str,
    description: str,
    value: int | None,
    colour: str | None,
    active: bool = True,
) -> bool:
    """Change a step of the scale; claims keep pointing at it (editors)."""
    from sqlalchemy import func, select

    require(session, actor, Role.editor)
    _check_verdict(label, value, colour)
    label = label.strip()[:100]
    clash = session.scalar(
        select(Verdict.id).where(
            func.lower(Verdict.label) == label.lower(), Verdict.id != verdict.id
        )
    )
    if clash:
        raise ClaimError(f"the scale already has a verdict {label!r}")
    before = _verdict_fields(verdict)
    verdict.label, verdict.description = label, description.strip()[:1000]
    verdict.value, verdict.colour, verdict.active = value, colour or None, active
    old, new = _changed(before, _verdict_fields(verdict))
    if not new:
        return False
    session.flush()
    audit.record(session, actor, "update_verdict", verdict, before=old, after=new)
    return True
