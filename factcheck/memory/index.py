"""Each process's library: the stored vectors of the claims with a verdict, loaded at first use
and brought up to date from the claim_vector rows written since (docs/matching.md).

Every gunicorn worker, the matching pass and the command line keep their own copy; none is a
server. Before each search one query reads the library's size and newest `updated_at`; when
either moved, the rows written since are applied, and a size that still disagrees (a claim
deleted) reloads everything.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from factcheck.claims.models import Claim, Status
from factcheck.matching import Encoder, Entry, Library, Match, query_text
from factcheck.matching.encoder import DIMENSIONS
from factcheck.memory.models import ClaimVector
from factcheck.sources.models import Evidence, Relation, Source

# Names the encoder shipped in factcheck/matching/model: a new model means every claim is
# encoded again (the matching pass compares it with claim_vector.model).
MODEL = "all-MiniLM-L6-v2"
# Rows committed a little after their `updated_at` was taken are still read by the next refresh.
SLACK = timedelta(minutes=1)
CHUNK = 500


def in_library() -> ColumnElement[bool]:
    """A library entry: a claim with a verdict that is approved (imported fact-checks are,
    with their rating even when the verdict scale could not map it)."""
    return and_(
        Claim.status == Status.approved.value,
        or_(Claim.verdict_id.is_not(None), Claim.unmapped_verdict.is_not(None)),
    )


def claim_text() -> ColumnElement[str]:
    """What is encoded and matched: the claim as checked, or its quote when that stands alone."""
    return func.coalesce(Claim.claim_reviewed, Claim.text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def vectors_from_blobs(blobs: Sequence[bytes]) -> np.ndarray:
    """The float32 rows of many ``to_blob`` blobs at once."""
    if not blobs:
        return np.empty((0, DIMENSIONS), dtype=np.float32)
    raw = np.frombuffer(b"".join(blobs), dtype=np.uint8).reshape(len(blobs), DIMENSIONS + 4)
    codes = raw[:, :DIMENSIONS].view(np.int8).astype(np.float32)
    scales = raw[:, DIMENSIONS:].copy().view("<f4")[:, 0]
    return codes / scales[:, None]


@dataclass
class _State:
    library: Library = field(default_factory=Library)
    seen: dict[int, datetime] = field(default_factory=dict)  # entry id -> its row's updated_at
    since: datetime | None = None
    signature: tuple | None = None  # (size, newest updated_at) of the library when last looked


_states: dict[str, _State] = {}
_encoder: Encoder | None = None
_lock = threading.RLock()


def forget() -> None:
    """Drop every library this process loaded (the next search loads it again); the model
    stays loaded."""
    with _lock:
        _states.clear()


def _state(session: Session) -> _State:
    key = session.get_bind().engine.url.render_as_string(hide_password=True)
    with _lock:
        return _states.setdefault(key, _State())


def refresh(session: Session) -> None:
    """Bring this process's library up to date (one query when nothing changed)."""
    state = _state(session)
    with _lock:
        signature = tuple(
            session.execute(
                select(func.count(), func.max(ClaimVector.updated_at)).where(
                    ClaimVector.in_library, ClaimVector.model == MODEL
                )
            ).one()
        )
        if signature == state.signature:
            return
        if state.since is None:
            _reload(session, state)
        else:
            _apply(session, state, _rows(session, ClaimVector.updated_at >= state.since))
            if signature[0] != len(state.library):
                _reload(session, state)
        state.signature = signature


def _reload(session: Session, state: _State) -> None:
    state.library.remove(list(state.seen))
    state.seen.clear()
    state.since = None
    _apply(session, state, _rows(session, and_(ClaimVector.in_library, ClaimVector.model == MODEL)))


def _rows(session: Session, condition: ColumnElement[bool]) -> list:
    statement = (
        select(
            ClaimVector.claim_id,
            ClaimVector.vector,
            ClaimVector.in_library,
            ClaimVector.model,
            ClaimVector.updated_at,
            claim_text().label("text"),
        )
        .join(Claim, Claim.id == ClaimVector.claim_id)
        .where(condition)
    )
    return list(session.execute(statement))


def _apply(session: Session, state: _State, rows: list) -> None:
    fresh = [r for r in rows if state.seen.get(r.claim_id) != r.updated_at]
    if rows:
        latest = max(r.updated_at for r in rows) - SLACK
        state.since = latest if state.since is None else max(state.since, latest)
    elif state.since is None:
        state.since = datetime(1970, 1, 1, tzinfo=UTC)
    gone = [r.claim_id for r in fresh if not (r.in_library and r.model == MODEL)]
    state.library.remove(gone)
    for claim_id in gone:
        state.seen.pop(claim_id, None)
    added = [r for r in fresh if r.in_library and r.model == MODEL]
    titles = fact_check_titles(session, [r.claim_id for r in added])
    state.library.add(
        [Entry(r.claim_id, r.text, titles.get(r.claim_id, "")) for r in added],
        vectors_from_blobs([r.vector for r in added]),
    )
    state.seen.update((r.claim_id, r.updated_at) for r in added)


def fact_check_titles(session: Session, ids: list[int]) -> dict[int, str]:
    """The title of each claim's own fact-check page (imported claims: their review's URL)."""
    out: dict[int, str] = {}
    for i in range(0, len(ids), CHUNK):
        statement = (
            select(Evidence.claim_id, Source.title)
            .join(Source, Source.id == Evidence.source_id)
            .join(Claim, Claim.id == Evidence.claim_id)
            .where(
                Evidence.claim_id.in_(ids[i : i + CHUNK]),
                Evidence.relation == Relation.context.value,
                Source.url == Claim.review_url,
            )
        )
        out.update((claim_id, title or "") for claim_id, title in session.execute(statement))
    return out


def encode(session: Session, texts: Sequence[str]) -> np.ndarray:
    """The vectors of texts as the matcher reads them (links dropped), with this process's model
    (loaded at first use: a page whose claims have stored vectors never needs it)."""
    global _encoder
    if not texts:
        return np.empty((0, DIMENSIONS), dtype=np.float32)
    with _lock:
        if _encoder is None:
            _encoder = Encoder()
    return _encoder.encode([query_text(text) for text in texts])


def search(
    session: Session,
    texts: Sequence[str],
    vectors: np.ndarray | None = None,
    *,
    top: int,
    min_similarity: float | None,
) -> list[list[Match]]:
    """The library's best entries for each text (its vector when known), best first."""
    refresh(session)
    if vectors is None:
        vectors = encode(session, texts)
    library = _state(session).library
    with _lock:  # the index's arrays are replaced as a whole by a refresh
        return library.match_many(texts, top, min_similarity, vectors=vectors)
