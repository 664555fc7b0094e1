"""Earlier fact-checks of any text or claim, as pages, the command line and the API show them.

``find(session, text, top)`` is the interface: the library's best entries for a sentence, best
first, each with its verdict, publisher, date and score (only those reaching MIN_SIMILARITY).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck.claims.models import Claim, Origin, Verdict
from factcheck.matching import MIN_SIMILARITY, Match
from factcheck.memory import index
from factcheck.memory.models import ClaimMatch, ClaimVector
from factcheck.sources.models import Evidence, Relation, Source

MAX_TEXT = 2000  # characters of a sentence looked up (the model reads 256 tokens at most)
MAX_TOP = 50


@dataclass(frozen=True)
class EarlierCheck:
    """A library entry found for a text: a fact-check published before."""

    claim_id: int
    url: str | None  # the fact-check's page (imported), None for this newsroom's own claims
    claim_reviewed: str
    verdict: str | None  # the verdict's label, or the imported rating the scale could not map
    verdict_colour: str | None
    publisher: str | None
    published: date | None
    score: float  # the ranking score: cosine similarity plus the lexical share
    similarity: float  # cosine similarity of the two claims' vectors
    own: bool  # checked in this newsroom, not imported

    def as_json(self) -> dict:
        return {
            "claim_id": self.claim_id,
            "url": self.url,
            "claim_reviewed": self.claim_reviewed,
            "verdict": self.verdict,
            "score": round(self.score, 4),
        }


def find(session: Session, text: str, top: int = 5) -> list[EarlierCheck]:
    """The earlier fact-checks of any sentence, best first."""
    return find_many(session, [text], top)[0]


def find_many(session: Session, texts: Sequence[str], top: int = 5) -> list[list[EarlierCheck]]:
    texts = [text[:MAX_TEXT] for text in texts]
    found = index.search(session, texts, top=min(top, MAX_TOP), min_similarity=MIN_SIMILARITY)
    return _described(session, found)


def checked_before(session: Session, claim: Claim, top: int = 5) -> list[EarlierCheck]:
    """A claim's earlier fact-checks (never itself, nor those marked "not the same claim"),
    found with its stored vector, or encoded now when the matching pass has not reached it."""
    rejected = set(
        session.scalars(
            select(ClaimMatch.match_id).where(
                ClaimMatch.claim_id == claim.id, ClaimMatch.rejected_at.is_not(None)
            )
        )
    )
    stored = session.scalar(
        select(ClaimVector.vector).where(
            ClaimVector.claim_id == claim.id,
            ClaimVector.model == index.MODEL,
            ClaimVector.text_hash == index.text_hash(claim.reviewed_text),
        )
    )
    vectors = index.vectors_from_blobs([stored]) if stored is not None else None
    found = index.search(
        session,
        [claim.reviewed_text],
        vectors,
        top=top + len(rejected) + 1,
        min_similarity=MIN_SIMILARITY,
    )[0]
    kept = [m for m in found if m.id != claim.id and m.id not in rejected][:top]
    return _described(session, [kept])[0]


def stored_matches(session: Session, claim_id: int, top: int = MAX_TOP) -> list[EarlierCheck]:
    """The earlier fact-checks the matching pass stored for a claim (claim_match), best first,
    without those a reviewer marked "not the same claim"."""
    rows = session.execute(
        select(ClaimMatch.match_id, ClaimMatch.score, ClaimMatch.similarity)
        .where(ClaimMatch.claim_id == claim_id, ClaimMatch.rejected_at.is_(None))
        .order_by(ClaimMatch.score.desc(), ClaimMatch.match_id)
        .limit(top)
    )
    return _described(session, [[Match(i, score, similarity) for i, score, similarity in rows]])[0]


def _described(session: Session, found: list[list[Match]]) -> list[list[EarlierCheck]]:
    ids = sorted({m.id for matches in found for m in matches})
    if not ids:
        return [[] for _ in found]
    claims = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_(ids)))}
    verdicts = {v.id: v for v in session.scalars(select(Verdict))}
    publishers = _publishers(session, ids)
    out = []
    for matches in found:
        checks = []
        for m in matches:
            claim = claims.get(m.id)
            if claim is None:  # deleted since this process loaded its library
                continue
            verdict = verdicts.get(claim.verdict_id) if claim.verdict_id else None
            checks.append(
                EarlierCheck(
                    claim_id=claim.id,
                    url=claim.review_url,
                    claim_reviewed=claim.reviewed_text,
                    verdict=verdict.label if verdict else claim.unmapped_verdict,
                    verdict_colour=verdict.colour if verdict else None,
                    publisher=publishers.get(claim.id),
                    published=claim.approved_at.date() if claim.approved_at else None,
                    score=m.score,
                    similarity=m.similarity,
                    own=claim.origin != Origin.imported.value,
                )
            )
        out.append(checks)
    return out


def _publishers(session: Session, ids: list[int]) -> dict[int, str]:
    """Who published each imported fact-check: its organisation as imported, else the site."""
    if not ids:
        return {}
    statement = (
        select(Evidence.claim_id, Evidence.anchor_text, Source.publisher, Source.domain)
        .join(Source, Source.id == Evidence.source_id)
        .join(Claim, Claim.id == Evidence.claim_id)
        .where(
            Evidence.claim_id.in_(ids),
            Evidence.relation == Relation.context.value,
            Source.url == Claim.review_url,
        )
    )
    return {
        claim_id: name
        for claim_id, anchor, publisher, domain in session.execute(statement)
        if (name := anchor or publisher or domain)
    }
