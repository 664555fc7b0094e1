"""Publish, correct and withdraw fact-checks: editors only, approved claims of our own only.

Each takes a session and an actor, checks the rules on rows read now (the claim row-locked on
PostgreSQL, the actor's role fresh), appends an audit event and flushes; the caller commits.
"""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.auth.models import Role, User
from factcheck.claimreview.export import fact_check_path
from factcheck.claims.models import Claim, Origin, Status
from factcheck.db import utcnow
from factcheck.permissions import require
from factcheck.publishing.models import Publication

MAX_NOTE = 2000
SLUG_LENGTH = 60


class PublishError(ValueError):
    """A publication that cannot be made; the message is for the user."""


def slugify(text: str) -> str:
    """The readable part of a public address: ASCII words joined by hyphens, at most
    SLUG_LENGTH characters cut at a word ("fact-check" when nothing is left)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > SLUG_LENGTH:
            break
        slug = candidate
    return slug or "fact-check"


def _locked_claim(session: Session, claim_id: int) -> Claim:
    claim = session.scalar(
        select(Claim)
        .where(Claim.id == claim_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if claim is None:
        raise PublishError(f"There is no claim {claim_id}.")
    return claim


def _publishable(session: Session, actor: User | str, claim_id: int) -> Claim:
    require(session, actor, Role.editor, "Only an editor can publish a fact-check.")
    claim = _locked_claim(session, claim_id)
    if claim.origin == Origin.imported.value:
        raise PublishError(
            "This is a fact-check imported from another organisation: it stays theirs and is "
            "never published as ours. Check the claim yourself as a new claim to publish it."
        )
    if claim.status != Status.approved.value or claim.verdict_id is None:
        raise PublishError("Only an approved claim with a verdict can be published.")
    if not (claim.rationale or "").strip():
        raise PublishError("Write the rationale before publishing: readers need the reasons.")
    return claim


def _actor_id(actor: User | str) -> int | None:
    return None if isinstance(actor, str) else actor.id


def publish(session: Session, actor: User | str, claim_id: int) -> Publication:
    """Make the approved claim `claim_id` public at /fact-checks/<id>-<slug>.

    A fact-check that was public before and has not changed since comes back as it was; one
    whose verdict or rationale was re-approved since must be published as a correction
    (`correct`), so that readers see what changed."""
    claim = _publishable(session, actor, claim_id)
    publication = session.get(Publication, claim.id, with_for_update=True)
    now = utcnow()
    if publication is None:
        publication = Publication(
            claim_id=claim.id,
            slug=slugify(claim.reviewed_text),
            published_at=now,
            published_by_id=_actor_id(actor),
            approved_at=claim.approved_at,
        )
        session.add(publication)
        action = "publish"
    elif publication.shows(claim):
        raise PublishError("This fact-check is already published.")
    elif publication.approved_at != claim.approved_at:
        raise PublishError(
            "The verdict or rationale changed since this fact-check was published: publish it "
            "as a correction, with a note saying what changed."
        )
    else:
        publication.withdrawn_at = None
        action = "republish"
    session.flush()
    audit.record(
        session,
        actor,
        action,
        claim,
        claim_id=claim.id,
        after={"url": fact_check_path(claim.id, publication.slug)},
    )
    session.flush()
    return publication


def correct(session: Session, actor: User | str, claim_id: int, note: str) -> Publication:
    """Publish the claim as it is now with a correction note readers see (and dateModified)."""
    note = (note or "").strip()
    if not note:
        raise PublishError("Say what was corrected: the note is shown on the public page.")
    if len(note) > MAX_NOTE:
        raise PublishError(f"The correction note is longer than {MAX_NOTE:,} characters.")
    claim = _publishable(session, actor, claim_id)
    publication = session.get(Publication, claim.id, with_for_update=True)
    if publication is None:
        raise PublishError("Only a published fact-check can be corrected; publish it first.")
    before = {"correction_note": publication.correction_note}
    publication.corrected_at = utcnow()
    publication.correction_note = note
    publication.corrected_by_id = _actor_id(actor)
    publication.approved_at = claim.approved_at
    publication.withdrawn_at = None
    session.flush()
    audit.record(
        session,
        actor,
        "correct",
        claim,
        claim_id=claim.id,
        before=before,
        after={"correction_note": note},
    )
    session.flush()
    return publication


def unpublish(session: Session, actor: User | str, claim_id: int) -> Publication:
    """Take the fact-check off the public site: its address answers 410 Gone until an editor
    publishes it again (keeping its first publication date)."""
    require(session, actor, Role.editor, "Only an editor can unpublish a fact-check.")
    claim = _locked_claim(session, claim_id)
    publication = session.get(Publication, claim.id, with_for_update=True)
    if publication is None or publication.withdrawn_at is not None:
        raise PublishError("This fact-check is not published.")
    publication.withdrawn_at = utcnow()
    session.flush()
    audit.record(
        session,
        actor,
        "unpublish",
        claim,
        claim_id=claim.id,
        after={"url": fact_check_path(claim.id, publication.slug)},
    )
    session.flush()
    return publication
