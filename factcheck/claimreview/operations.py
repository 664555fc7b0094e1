"""Import published fact-checks (ClaimReview) as approved claims with their sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.articles.operations import fingerprint_key
from factcheck.auth.models import Role
from factcheck.claimreview.parse import ImportedReview, ImportProblem, parse_claimreview
from factcheck.claimreview.verdicts import DEFAULT_LABEL_MAPPING, map_verdict
from factcheck.claims.models import Claim, Origin, Status, Verdict
from factcheck.db import insert_ignoring_conflicts
from factcheck.permissions import require
from factcheck.sources.models import Relation
from factcheck.sources.operations import attach_source
from factcheck.urls import safe_url


@dataclass
class ImportSummary:
    imported: list[Claim] = field(default_factory=list)
    duplicates: int = 0
    unmapped: int = 0
    errors: list[ImportProblem] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)


def import_claimreview(
    session: Session,
    actor,
    data: bytes | str,
    *,
    origin: str,
    label_mapping: dict[str, str] | None = None,
) -> ImportSummary:
    """Every readable record becomes an approved claim; unreadable ones are reported, not fatal.

    `origin` (a file name or URL) is recorded in each claim's history. A record whose identity
    (factcheck.claimreview.parse.identity_key) an imported claim already has is skipped, so
    importing twice adds nothing: the database keeps the identity unique, so two imports of one
    file at the same time store each record once.
    """
    require(session, actor, Role.editor)
    parsed = parse_claimreview(data)
    summary = ImportSummary(errors=list(parsed.errors), notes=list(parsed.notes))
    verdicts = {v.label: v for v in session.scalars(select(Verdict).where(Verdict.active))}
    scale = [{"label": v.label, "value": v.value} for v in verdicts.values()]
    mapping = {**DEFAULT_LABEL_MAPPING, **(label_mapping or {})}
    known = _known_identities(session, [r.identity for r in parsed.records])
    for record in parsed.records:
        if record.identity in known:
            summary.duplicates += 1
            continue
        label, _value, mapped = map_verdict(record, scale, mapping)
        verdict = verdicts.get(label) if mapped else None
        inserted = insert_ignoring_conflicts(
            session, Claim.__table__, [_claim_row(record, verdict, label)], "review_key"
        )
        if not inserted:  # another import stored it meanwhile
            summary.duplicates += 1
            continue
        claim = session.get(Claim, inserted[0][0])
        assert claim is not None
        if claim.verdict_id is None:
            summary.unmapped += 1
        audit.record(
            session,
            actor,
            "import",
            claim,
            claim_id=claim.id,
            after={
                "origin": origin,
                "position": record.position,
                "review_url": record.url,
                "organisation": record.organisation,
                "rating": record.rating_label,
                "rating_value": record.rating_value,
                "verdict": label,
            },
        )
        _attach_sources(session, actor, claim, record)
        summary.imported.append(claim)
    return summary


def _known_identities(session: Session, keys: list[str]) -> set[str]:
    unique = sorted(set(keys))
    known: set[str] = set()
    for i in range(0, len(unique), 500):
        known.update(
            session.scalars(
                select(Claim.review_key).where(Claim.review_key.in_(unique[i : i + 500]))
            )
        )
    return known


def _claim_row(record: ImportedReview, verdict: Verdict | None, label: str) -> dict[str, Any]:
    reviewed_at = (
        datetime(
            record.review_date.year, record.review_date.month, record.review_date.day, tzinfo=UTC
        )
        if record.review_date
        else None
    )
    return {
        "article_id": None,
        "appearance_url": next((u for u in record.appearance_urls if safe_url(u)), None),
        "origin": Origin.imported.value,
        "text": record.claim_reviewed,
        "fingerprint": fingerprint_key(record.claim_reviewed),
        # A published fact-check: someone already judged it worth checking.
        "checkworthiness": 1.0,
        "claimant": record.claimant[:300] if record.claimant else None,
        "claim_date_start": record.claim_date,
        "claim_date_end": record.claim_date,
        "status": Status.approved.value,
        "verdict_id": verdict.id if verdict is not None else None,
        "unmapped_verdict": None if verdict is not None else label[:200],
        "rationale": record.review_body or "",
        "review_url": safe_url(record.url),
        "review_key": record.identity,
        "approved_at": reviewed_at or datetime.now(UTC),
        "version": 1,  # what the ORM's version counter starts at
    }


def _attach_sources(session: Session, actor, claim: Claim, record: ImportedReview) -> None:
    if claim.review_url:
        attach_source(
            session,
            actor,
            claim,
            url=claim.review_url,
            title=record.title,
            relation=Relation.context,
            anchor_text=record.organisation,
            audit_event=False,
        )
    for url, name in record.citations:
        attach_source(
            session,
            actor,
            claim,
            url=url,
            title=name,
            anchor_text=name,
            relation=Relation.cited,
            audit_event=False,
        )
