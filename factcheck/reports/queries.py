"""The canonical report of DESIGN.md, built by one query layer that every format renders."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Text, select, type_coerce
from sqlalchemy.orm import Session

from factcheck.articles.models import Article
from factcheck.audit import AuditEvent
from factcheck.auth.models import User
from factcheck.claims.models import Annotation, Claim, Status, Verdict
from factcheck.db import utcnow
from factcheck.sources.models import Evidence, Relation, Source

_RELATION_ORDER = {r.value: i for i, r in enumerate(Relation)}


_CHUNK = 500  # ids per IN list


def _connection(session: Session):
    """The session's connection, after a flush: Core rows, without the ORM's result handling."""
    if session.autoflush:
        session.flush()
    return session.connection()


_CLAIM_COLUMNS = (
    Claim.id,
    Claim.text,
    Claim.start,
    Claim.end,
    Claim.quote_prefix,
    Claim.quote_suffix,
    Claim.orphaned,
    Claim.checkworthiness,
    Claim.claimant,
    Claim.attribution,
    Claim.claim_date_start,
    Claim.claim_date_end,
    Claim.status,
    Claim.verdict_id,
    Claim.unmapped_verdict,
    Claim.rationale,
    Claim.assignee_id,
    Claim.reviewer_id,
    Claim.approved_by_id,
    Claim.approved_at,
    Claim.appearance_url,
    Claim.review_url,
    Claim.same_as_id,
    Claim.updated_at,
    Claim.dismissal_reason,
    Claim.dismissal_note,
    Claim.claimant_kind,
    Claim.is_caption,
)
_ARTICLE_COLUMNS = (
    Article.id,
    Article.title,
    Article.author,
    Article.publisher,
    Article.published,
    Article.url,
    Article.provenance,
    Article.revision,
    Article.content_sha256,
    Article.text,
    Article.kind,
    Article.language,
)


def _claim_rows(session: Session, *where, order=(), limit: int | None = None) -> list:
    """The report's columns of the claims, with their verdict's label and value (no ORM objects:
    building hundreds of mapped instances with their relationships costs more than the SQL)."""
    statement = (
        select(*_CLAIM_COLUMNS, Verdict.label.label("verdict_label"), Verdict.value)
        .outerjoin(Verdict, Verdict.id == Claim.verdict_id)
        .where(*where)
        .order_by(*order)
    )
    if limit is not None:
        statement = statement.limit(limit)
    return _connection(session).execute(statement).all()


def article_report(session: Session, article_id: int) -> dict | None:
    """The JSON report of one article, or None when there is no such article."""
    article = (
        _connection(session)
        .execute(select(*_ARTICLE_COLUMNS).where(Article.id == article_id))
        .first()
    )
    if article is None:
        return None
    claims = _claim_rows(
        session,
        Claim.article_id == article_id,
        order=(Claim.orphaned, Claim.start, Claim.id),
    )
    return build_report(article, _entries(session, claims))


def iter_article_reports(session: Session, batch: int = 200) -> Iterator[dict]:
    """Every article's report, in id order, holding one article's rows at a time."""
    last_id = 0
    while True:
        ids = session.scalars(
            select(Article.id).where(Article.id > last_id).order_by(Article.id).limit(batch)
        ).all()
        if not ids:
            return
        for article_id in ids:
            report = article_report(session, article_id)
            session.expunge_all()  # keep memory flat across a large database
            if report is not None:
                yield report
        last_id = ids[-1]


def iter_unattached_reports(session: Session, batch: int = 500) -> Iterator[dict]:
    """Claims with no article here (imported or entered by hand), `batch` to a report."""
    last_id = 0
    while True:
        claims = _claim_rows(
            session,
            Claim.article_id.is_(None),
            Claim.id > last_id,
            order=(Claim.id,),
            limit=batch,
        )
        if not claims:
            return
        report = build_report(None, _entries(session, claims))
        last_id = claims[-1].id
        session.expunge_all()
        yield report


def iter_all_reports(session: Session) -> Iterator[dict]:
    """The whole database as reports: each article's, then the claims that have no article."""
    yield from iter_article_reports(session)
    yield from iter_unattached_reports(session)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def _history(session: Session, claim_ids: list[int]) -> dict[int, list[dict]]:
    history: dict[int, list[dict]] = defaultdict(list)
    before: Any = AuditEvent.before
    after: Any = AuditEvent.after
    raw = session.get_bind().dialect.name == "sqlite"
    if raw:  # JSON text, decoded here once per distinct value (most events repeat a few)
        before, after = type_coerce(before, Text), type_coerce(after, Text)
    decoded: dict[str, object] = {}

    def value(text):
        if not raw or text is None:
            return text
        found = decoded.get(text, decoded)
        if found is decoded:
            found = decoded[text] = json.loads(text)
        return found

    for chunk in _chunks(claim_ids):
        events = _connection(session).execute(
            select(
                AuditEvent.claim_id,
                AuditEvent.actor_label,
                AuditEvent.action,
                AuditEvent.at,
                before,
                after,
            )
            .where(AuditEvent.claim_id.in_(chunk))
            .order_by(AuditEvent.at, AuditEvent.id)
        )
        for claim_id, actor, action, at, old, new in events.all():
            history[claim_id].append(
                {"actor": actor, "action": action, "at": at.isoformat(), "before": value(old),
                 "after": value(new)}
            )  # fmt: skip
    return history


def _sources(session: Session, claim_ids: list[int]) -> dict[int, list[dict]]:
    """Each claim's sources: cited in the article first, then by relation, then in added order."""
    rows: dict[int, list] = defaultdict(list)
    for chunk in _chunks(claim_ids):
        for row in _connection(session).execute(
            select(
                Evidence.claim_id,
                Evidence.id,
                Evidence.relation,
                Evidence.anchor_text,
                Evidence.quote,
                Source.url,
                Source.title,
            )
            .join(Source, Source.id == Evidence.source_id)
            .where(Evidence.claim_id.in_(chunk))
        ):
            rows[row.claim_id].append(row)
    return {
        claim_id: [
            {
                "url": e.url,
                "title": e.title,
                "anchor_text": e.anchor_text,
                "relation": e.relation,
                "quote": e.quote,
            }
            for e in sorted(found, key=lambda e: (_RELATION_ORDER[e.relation], e.id))
        ]
        for claim_id, found in rows.items()
    }


def _annotations(session: Session, claim_ids: list[int]) -> dict[int, list]:
    notes: dict[int, list] = defaultdict(list)
    for chunk in _chunks(claim_ids):
        for row in _connection(session).execute(
            select(
                Annotation.claim_id,
                Annotation.author_id,
                Annotation.body,
                Annotation.created_at,
                Annotation.resolved,
            )
            .where(Annotation.claim_id.in_(chunk))
            .order_by(Annotation.id)
        ):
            notes[row.claim_id].append(row)
    return notes


def _names(session: Session, user_ids: set[int]) -> dict[int, str]:
    """Display names: reports name the people who did the work (the history keeps accounts)."""
    if not user_ids:
        return {}
    return dict(
        _connection(session).execute(select(User.id, User.name).where(User.id.in_(user_ids))).all()
    )


def _entries(session: Session, claims: list) -> list[dict]:
    """The report entries of `claims` (rows of _claim_rows): one query per relation."""
    ids = [c.id for c in claims]
    sources = _sources(session, ids)
    notes = _annotations(session, ids)
    history = _history(session, ids)
    user_ids = {
        u for c in claims for u in (c.assignee_id, c.reviewer_id, c.approved_by_id) if u
    } | {n.author_id for found in notes.values() for n in found if n.author_id}
    names = _names(session, user_ids)
    return [
        claim_entry(c, sources.get(c.id, []), notes.get(c.id, []), history.get(c.id, []), names)
        for c in claims
    ]


def claim_entry(claim, sources: list[dict], notes: list, history: list[dict], names) -> dict:
    """One claim of the report, from a row of _claim_rows and its related rows."""
    (
        claim_id, text, start, end, prefix, suffix, orphaned, checkworthiness, claimant,
        attribution, date_start, date_end, status, verdict_id, unmapped_verdict, rationale,
        assignee_id, reviewer_id, approved_by_id, approved_at, appearance_url, review_url,
        same_as_id, updated_at, dismissal_reason, dismissal_note, claimant_kind, is_caption,
        verdict_label, verdict_value,
    ) = claim  # the columns of _claim_rows, in order  # fmt: skip
    return {
        "id": claim_id,
        "text": text,
        "position": None if orphaned or start is None else {"start": start, "end": end},
        "quote": {"exact": text, "prefix": prefix, "suffix": suffix},
        "orphaned": orphaned,
        "checkworthiness": round(checkworthiness, 4),
        "claimant": claimant,
        "attribution": attribution,
        "claim_date": date_start.isoformat() if date_start else None,
        "claim_date_end": date_end.isoformat() if date_end else None,
        "status": status,
        "verdict": (
            {"label": verdict_label, "value": verdict_value}
            if verdict_id is not None and verdict_label is not None
            else (
                {"label": unmapped_verdict, "value": None, "unmapped": True}
                if unmapped_verdict
                else None
            )
        ),
        "rationale": rationale,
        "assignee": names.get(assignee_id),
        "reviewer": names.get(reviewer_id),
        "approved_by": names.get(approved_by_id),
        "approved_at": approved_at.isoformat() if approved_at else None,
        "appearance_url": appearance_url,
        "review_url": review_url,
        "same_as": same_as_id,
        "updated_at": updated_at.isoformat(),
        "dismissal_reason": dismissal_reason,
        "dismissal_note": dismissal_note,
        "claimant_kind": claimant_kind,
        "is_caption": bool(is_caption),
        "sources": sources,
        "annotations": [
            {
                "author": names.get(author_id),
                "body": body,
                "created_at": created_at.isoformat(),
                "resolved": resolved,
            }
            for _claim_id, author_id, body, created_at, resolved in notes
        ],
        "history": history,
    }


def build_report(article, entries: list[dict]) -> dict:
    """The report of `article` (a row of the article's columns, or None) and its claim entries."""
    return {
        "article": article_entry(article) if article is not None else None,
        "claims": entries,
        "summary": summarize(entries),
        "generated_at": utcnow().isoformat(),
    }


def article_entry(article) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "publisher": article.publisher,
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
        "provenance": article.provenance,
        "revision": article.revision,
        "content_sha256": article.content_sha256,
        "text": article.text,
        "kind": article.kind,
        "language": article.language,
    }


def summarize(entries: list[dict]) -> dict:
    by_status = Counter(e["status"] for e in entries)
    by_verdict = Counter(e["verdict"]["label"] for e in entries if e["verdict"])
    return {
        "claims": len(entries),
        "by_status": {s.value: by_status.get(s.value, 0) for s in Status},
        "by_verdict": dict(sorted(by_verdict.items())),
    }
