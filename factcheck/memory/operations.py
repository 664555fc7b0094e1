"""The matching pass (vectors and earlier fact-checks for the claims that need them), and a
reviewer's answers to a match: link it as evidence, or "not the same claim".

Ingest stores claims without vectors (encoding runs at about 100 claims a second on one core,
ingest at 50 articles of about 11 claims a second): `match_batch` catches up afterwards, in the
background worker that `factcheck serve` and `factcheck demo` start, in `factcheck match
--pending`, and right after `factcheck import`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from sqlalchemy import Row, Table, delete, select, update
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.auth.roles import Role
from factcheck.claims.models import Claim
from factcheck.db import utcnow
from factcheck.matching import MIN_SIMILARITY, to_blob
from factcheck.memory import index
from factcheck.memory.models import ClaimMatch, ClaimVector
from factcheck.permissions import require, require_unlocked
from factcheck.sources.models import Evidence, Relation
from factcheck.sources.operations import attach_source

BATCH = 256
KEPT = 5  # earlier fact-checks stored per claim
SCAN = 20_000  # stored vectors compared with new library entries at a time


class MatchError(ValueError):
    """A match that cannot be linked or rejected (HTTP 400)."""


@dataclass
class BatchResult:
    last_id: int | None = None  # None: nothing was left to do
    encoded: int = 0
    checked: int = 0
    joined: list[int] = field(default_factory=list)  # claims that became library entries
    left: int = 0
    matched: int = 0


def match_batch(
    session: Session, after_id: int = 0, since: datetime | None = None, size: int = BATCH
) -> BatchResult:
    """`pending`, `encode` and `store` in one transaction (the caller commits)."""
    rows = pending(session, after_id, since, size)
    return store(session, rows, encode(session, rows))


def pending(
    session: Session, after_id: int = 0, since: datetime | None = None, size: int = BATCH
) -> list[Row]:
    """Up to `size` claims after `after_id` (by id) whose vector is missing or older than the
    claim (only those changed since `since`, when given)."""
    statement = (
        select(
            Claim.id,
            index.claim_text().label("text"),
            Claim.version,
            index.in_library().label("member"),
            ClaimVector.model,
            ClaimVector.text_hash,
            ClaimVector.in_library,
        )
        .outerjoin(ClaimVector, ClaimVector.claim_id == Claim.id)
        .where(
            Claim.id > after_id,
            (ClaimVector.claim_id.is_(None))
            | (ClaimVector.claim_version != Claim.version)
            | (ClaimVector.model != index.MODEL),
        )
        .order_by(Claim.id)
        .limit(size)
    )
    if since is not None:
        statement = statement.where(Claim.updated_at >= since)
    return list(session.execute(statement))


def encode(session: Session, rows: list[Row]) -> dict[int, bytes]:
    """The vectors (``to_blob``) of the pending claims whose text or model changed. Reads and
    writes nothing: a caller on SQLite runs it between transactions, so that encoding (seconds
    for a batch) never holds the database's write lock."""
    stale = [r for r in rows if r.model != index.MODEL or r.text_hash != index.text_hash(r.text)]
    vectors = index.encode(session, [r.text for r in stale])
    return {r.id: to_blob(v) for r, v in zip(stale, vectors, strict=True)}


def store(session: Session, rows: list[Row], blobs: dict[int, bytes]) -> BatchResult:
    """Store the new vectors (`blobs`), record who is a library entry, and store the earlier
    fact-checks of the claims whose text changed and of those a new library entry is close to.
    A claim changed again since `pending` read it is looked at again by the next pass."""
    result = BatchResult(last_id=rows[-1].id if rows else None, checked=len(rows))
    if not rows:
        return result
    hashes = {r.id: index.text_hash(r.text) for r in rows}
    stale = [r for r in rows if r.id in blobs]
    result.encoded = len(stale)
    now = utcnow()
    known = {r.id for r in rows if r.model is not None}
    _upsert(
        session,
        ClaimVector.__table__,
        [
            {
                "claim_id": r.id,
                "model": index.MODEL,
                "text_hash": hashes[r.id],
                "claim_version": r.version,
                "vector": blobs[r.id],
                "in_library": bool(r.member),
                "updated_at": now,
            }
            for r in stale
        ],
        ["claim_id"],
    )
    for r in rows:
        if r.id in known and r.id not in blobs:
            session.execute(
                update(ClaimVector)
                .where(ClaimVector.claim_id == r.id)
                .values(claim_version=r.version, in_library=bool(r.member), updated_at=now)
            )
    left = [r.id for r in rows if r.in_library and not r.member]
    if left:
        session.execute(
            delete(ClaimMatch).where(
                ClaimMatch.match_id.in_(left), ClaimMatch.rejected_at.is_(None)
            )
        )
    result.left = len(left)
    result.joined = [r.id for r in rows if r.member and (r.id in blobs or not r.in_library)]
    session.flush()
    index.refresh(session)
    # Library entries are what others are matched against; the other claims get matches.
    to_match = {r.id for r in stale if not r.member}
    to_match |= _close_to(session, result.joined)
    result.matched = store_matches(session, sorted(to_match))
    return result


def _close_to(session: Session, entry_ids: list[int]) -> set[int]:
    """Claims outside the library whose vectors are close enough to one of these entries that
    their earlier fact-checks may have changed."""
    if not entry_ids:
        return set()
    entries = index.vectors_from_blobs(
        list(session.scalars(select(ClaimVector.vector).where(ClaimVector.claim_id.in_(entry_ids))))
    )
    out: set[int] = set()
    after = 0
    while True:
        rows = session.execute(
            select(ClaimVector.claim_id, ClaimVector.vector)
            .where(
                ClaimVector.claim_id > after,
                ClaimVector.in_library.is_(False),
                ClaimVector.model == index.MODEL,
            )
            .order_by(ClaimVector.claim_id)
            .limit(SCAN)
        ).all()
        if not rows:
            return out
        after = rows[-1].claim_id
        similarity = index.vectors_from_blobs([r.vector for r in rows]) @ entries.T
        close = np.flatnonzero((similarity >= MIN_SIMILARITY).any(axis=1))
        out.update(rows[int(i)].claim_id for i in close)


def store_matches(session: Session, claim_ids: list[int]) -> int:
    """Replace the stored earlier fact-checks of these claims (those marked "not the same
    claim" stay, and are never stored again). How many pairs were stored."""
    if not claim_ids:
        return 0
    rows = session.execute(
        select(Claim.id, index.claim_text().label("text"), ClaimVector.vector)
        .join(ClaimVector, ClaimVector.claim_id == Claim.id)
        .where(Claim.id.in_(claim_ids))
        .order_by(Claim.id)
    ).all()
    rejected = {
        (claim_id, match_id)
        for claim_id, match_id in session.execute(
            select(ClaimMatch.claim_id, ClaimMatch.match_id).where(
                ClaimMatch.claim_id.in_(claim_ids), ClaimMatch.rejected_at.is_not(None)
            )
        )
    }
    found = index.search(
        session,
        [r.text for r in rows],
        index.vectors_from_blobs([r.vector for r in rows]),
        top=KEPT + 1,
        min_similarity=MIN_SIMILARITY,
    )
    session.execute(
        delete(ClaimMatch).where(
            ClaimMatch.claim_id.in_(claim_ids), ClaimMatch.rejected_at.is_(None)
        )
    )
    pairs = [
        {"claim_id": r.id, "match_id": m.id, "score": m.score, "similarity": m.similarity}
        for r, matches in zip(rows, found, strict=True)
        for m in [m for m in matches if m.id != r.id and (r.id, m.id) not in rejected][:KEPT]
    ]
    _upsert(session, ClaimMatch.__table__, pairs, ["claim_id", "match_id"], replace=False)
    return len(pairs)


def _upsert(
    session: Session, table: Table, rows: list[dict], key: list[str], replace: bool = True
) -> None:
    """INSERT … ON CONFLICT: two passes at once (an import beside the background worker) may
    write the same claim; the later one wins (`replace`) or the row stays as it is."""
    if not rows:
        return
    from sqlalchemy.dialects import postgresql, sqlite

    postgresql_dialect = session.get_bind().dialect.name == "postgresql"
    statement = (postgresql.insert if postgresql_dialect else sqlite.insert)(table)
    if replace:
        changed = {c: statement.excluded[c] for c in rows[0] if c not in key}
        statement = statement.on_conflict_do_update(index_elements=key, set_=changed)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=key)
    session.execute(statement, rows)


def _library_entry(session: Session, claim: Claim, match_id: int) -> Claim:
    entry = session.scalar(select(Claim).where(Claim.id == match_id, index.in_library()))
    if entry is None or entry.id == claim.id:
        raise MatchError("That earlier fact-check no longer exists or has no verdict.")
    return entry


def link_match(session: Session, actor, claim: Claim, match_id: int) -> Evidence:
    """Link an earlier fact-check to the claim as evidence that adds context (reviewers and up;
    an approved claim only an editor changes). The claim's verdict is not touched."""
    require(session, actor, Role.reviewer)
    require_unlocked(session, actor, claim.id)
    entry = _library_entry(session, claim, match_id)
    if not entry.review_url:
        raise MatchError("That fact-check is one of ours: it has no page elsewhere to link.")
    titles = index.fact_check_titles(session, [entry.id])
    return attach_source(
        session,
        actor,
        claim,
        url=entry.review_url,
        title=titles.get(entry.id) or entry.reviewed_text[:1000],
        relation=Relation.context,
        anchor_text=f"Checked before: {entry.reviewed_text}"[:1000],
    )


def reject_match(session: Session, actor, claim: Claim, match_id: int) -> None:
    """ "Not the same claim": the pair is kept, marked, and never shown for this claim again."""
    require(session, actor, Role.reviewer)
    require_unlocked(session, actor, claim.id)
    entry = _library_entry(session, claim, match_id)
    pair = session.scalar(
        select(ClaimMatch).where(ClaimMatch.claim_id == claim.id, ClaimMatch.match_id == entry.id)
    )
    if pair is None:
        pair = ClaimMatch(claim_id=claim.id, match_id=entry.id, score=0.0, similarity=0.0)
        session.add(pair)
    if pair.rejected_at is not None:
        return
    pair.rejected_at = utcnow()
    pair.rejected_by_id = None if isinstance(actor, str) else actor.id
    session.flush()
    audit.record(
        session,
        actor,
        "reject_match",
        pair,
        claim_id=claim.id,
        after={"match_id": entry.id, "claim_reviewed": entry.reviewed_text[:300]},
    )
