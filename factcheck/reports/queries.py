"""The canonical report of DESIGN.md, built by one query layer that every format renders."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from factcheck.articles.models import Article
from factcheck.audit import AuditEvent
from factcheck.claims.models import Annotation, Claim, Status
from factcheck.db import utcnow
from factcheck.sources.models import Evidence, Relation

_RELATION_ORDER = {r.value: i for i, r in enumerate(Relation)}


def _claim_options():
    return (
        selectinload(Claim.verdict),
        selectinload(Claim.assignee),
        selectinload(Claim.reviewer),
        selectinload(Claim.approved_by),
        selectinload(Claim.evidence).selectinload(Evidence.source),
        selectinload(Claim.annotations).selectinload(Annotation.author),
    )


def article_report(session: Session, article_id: int) -> dict | None:
    """The JSON report of one article, or None when there is no such article."""
    article = session.get(Article, article_id)
    if article is None:
        return None
    claims = session.scalars(
        select(Claim)
        .where(Claim.article_id == article_id)
        .order_by(Claim.orphaned, Claim.start, Claim.id)
        .options(*_claim_options())
    ).all()
    return build_report(article, claims, _history(session, [c.id for c in claims]))


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
        claims = session.scalars(
            select(Claim)
            .where(Claim.article_id.is_(None), Claim.id > last_id)
            .order_by(Claim.id)
            .limit(batch)
            .options(*_claim_options())
        ).all()
        if not claims:
            return
        report = build_report(None, claims, _history(session, [c.id for c in claims]))
        last_id = claims[-1].id
        session.expunge_all()
        yield report


def iter_all_reports(session: Session) -> Iterator[dict]:
    """The whole database as reports: each article's, then the claims that have no article."""
    yield from iter_article_reports(session)
    yield from iter_unattached_reports(session)


def _history(session: Session, claim_ids: list[int]) -> dict[int, list[dict]]:
    history: dict[int, list[dict]] = defaultdict(list)
    for i in range(0, len(claim_ids), 500):
        events = session.scalars(
            select(AuditEvent)
            .where(AuditEvent.claim_id.in_(claim_ids[i : i + 500]))
            .order_by(AuditEvent.at, AuditEvent.id)
        )
        for event in events:
            history[event.claim_id].append(
                {
                    "actor": event.actor_label,
                    "action": event.action,
                    "at": event.at.isoformat(),
                    "before": event.before,
                    "after": event.after,
                }
            )
    return history


def _user_label(user) -> str | None:
    return user.email if user is not None else None


def claim_entry(claim: Claim, history: list[dict]) -> dict:
    position = (
        None if claim.orphaned or claim.start is None else {"start": claim.start, "end": claim.end}
    )
    evidence = sorted(claim.evidence, key=lambda e: (_RELATION_ORDER[e.relation], e.id))
    return {
        "id": claim.id,
        "text": claim.text,
        "position": position,
        "quote": {"exact": claim.text, "prefix": claim.quote_prefix, "suffix": claim.quote_suffix},
        "orphaned": claim.orphaned,
        "checkworthiness": round(claim.checkworthiness, 4),
        "claimant": claim.claimant,
        "attribution": claim.attribution,
        "claim_date": claim.claim_date_start.isoformat() if claim.claim_date_start else None,
        "claim_date_end": claim.claim_date_end.isoformat() if claim.claim_date_end else None,
        "status": claim.status,
        "verdict": (
            {"label": claim.verdict.label, "value": claim.verdict.value}
            if claim.verdict
            else (
                {"label": claim.unmapped_verdict, "value": None, "unmapped": True}
                if claim.unmapped_verdict
                else None
            )
        ),
        "rationale": claim.rationale,
        "assignee": _user_label(claim.assignee),
        "reviewer": _user_label(claim.reviewer),
        "approved_by": _user_label(claim.approved_by),
        "approved_at": claim.approved_at.isoformat() if claim.approved_at else None,
        "appearance_url": claim.appearance_url,
        "review_url": claim.review_url,
        "same_as": claim.same_as_id,
        "updated_at": claim.updated_at.isoformat(),
        "sources": [
            {
                "url": e.source.url,
                "title": e.source.title,
                "anchor_text": e.anchor_text,
                "relation": e.relation,
                "quote": e.quote,
            }
            for e in evidence
        ],
        "annotations": [
            {
                "author": _user_label(a.author),
                "body": a.body,
                "created_at": a.created_at.isoformat(),
                "resolved": a.resolved,
            }
            for a in claim.annotations
        ],
        "history": history,
    }


def build_report(article: Article | None, claims, history: dict[int, list[dict]]) -> dict:
    entries = [claim_entry(c, history.get(c.id, [])) for c in claims]
    return {
        "article": article_entry(article) if article is not None else None,
        "claims": entries,
        "summary": summarize(entries),
        "generated_at": utcnow().isoformat(),
    }


def article_entry(article: Article) -> dict:
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
    }


def summarize(entries: list[dict]) -> dict:
    by_status = Counter(e["status"] for e in entries)
    by_verdict = Counter(e["verdict"]["label"] for e in entries if e["verdict"])
    return {
        "claims": len(entries),
        "by_status": {s.value: by_status.get(s.value, 0) for s in Status},
        "by_verdict": dict(sorted(by_verdict.items())),
    }
