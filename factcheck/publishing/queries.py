"""What the public pages and the claim page's publishing panel show.

Public reads go through LIVE: an approved claim of our own, published with the approval it has
now, not withdrawn. Nothing else (drafts, notes, assignees, history) is read for a public page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from factcheck.articles.queries import paragraph_around
from factcheck.claims.models import Claim, Origin, Status, Verdict
from factcheck.publishing.models import Publication
from factcheck.reads.paging import Page, clamp
from factcheck.reports.queries import claim_report
from factcheck.sources.models import Relation
from factcheck.urls import safe_url

LIVE = and_(
    Publication.withdrawn_at.is_(None),
    Claim.status == Status.approved.value,
    Claim.origin != Origin.imported.value,
    Publication.approved_at == Claim.approved_at,
)
PER_PAGE = 20
FEED_ENTRIES = 50
SITEMAP_LIMIT = 50_000
MAX_QUERY = 200


@dataclass(frozen=True)
class Panel:
    """The claim page's publishing panel."""

    claim_id: int
    publishable: bool  # approved, our own, with a verdict
    imported: bool
    publication: Publication | None
    live: bool
    changed_since: bool  # re-approved since it was published: a correction is due


def panel(session: Session, claim: Claim) -> Panel:
    publication = session.get(Publication, claim.id)
    approved = claim.status == Status.approved.value and claim.verdict_id is not None
    imported = claim.origin == Origin.imported.value
    live = publication is not None and publication.shows(claim)
    changed = publication is not None and approved and publication.approved_at != claim.approved_at
    return Panel(claim.id, approved and not imported, imported, publication, live, changed)


@dataclass(frozen=True)
class Entry:
    """A fact-check in the public list, the feed and the sitemap."""

    id: int
    slug: str
    claim: str  # as checked
    claimant: str | None
    verdict: str
    verdict_colour: str | None
    rationale: str
    published_at: datetime
    corrected_at: datetime | None
    updated_at: datetime  # the latest of publication, correction and the claim's own change

    @property
    def modified_at(self) -> datetime:
        return self.corrected_at or self.published_at


_ENTRY_COLUMNS = (
    Claim.id,
    Publication.slug,
    func.coalesce(Claim.claim_reviewed, Claim.text),
    Claim.claimant,
    Verdict.label,
    Verdict.colour,
    Claim.rationale,
    Publication.published_at,
    Publication.corrected_at,
    Claim.updated_at,
)


def _entries(statement) -> Any:
    return (
        statement.join(Publication, Publication.claim_id == Claim.id)
        .join(Verdict, Verdict.id == Claim.verdict_id)
        .where(LIVE)
    )


def _entry(row) -> Entry:
    claim_id, slug, text, claimant, label, colour, rationale, published, corrected, changed = row
    latest = max(d for d in (published, corrected, changed) if d is not None)
    return Entry(
        claim_id, slug, text, claimant, label, colour, rationale, published, corrected, latest
    )


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class Index:
    page: Page
    q: str
    verdict_id: int | None
    verdicts: list[tuple[int, str]]  # those that published fact-checks carry


def public_index(session: Session, q: str, verdict_id: int | None, page: int) -> Index:
    """Published fact-checks, newest first; `q` searches the claim, the claimant and the
    rationale; `verdict_id` keeps one verdict."""
    conditions = []
    if q:
        pattern = _like(q)
        conditions.append(
            or_(
                *(
                    func.lower(column).like(pattern, escape="\\")
                    for column in (
                        Claim.text,
                        Claim.claim_reviewed,
                        Claim.claimant,
                        Claim.rationale,
                    )
                )
            )
        )
    if verdict_id is not None:
        conditions.append(Claim.verdict_id == verdict_id)
    total = session.scalar(_entries(select(func.count()).select_from(Claim)).where(*conditions))
    total = total or 0
    page = clamp(page, total, PER_PAGE)
    rows = session.execute(
        _entries(select(*_ENTRY_COLUMNS))
        .where(*conditions)
        .order_by(Publication.published_at.desc(), Claim.id.desc())
        .offset((page - 1) * PER_PAGE)
        .limit(PER_PAGE)
    ).all()
    verdicts = session.execute(
        _entries(select(Verdict.id, Verdict.label).select_from(Claim))
        .group_by(Verdict.id, Verdict.label, Verdict.position)
        .order_by(Verdict.position, Verdict.id)
    ).all()
    return Index(
        Page([_entry(r) for r in rows], total, page, PER_PAGE),
        q,
        verdict_id,
        [(v.id, v.label) for v in verdicts],
    )


def recent(session: Session, limit: int = FEED_ENTRIES) -> list[Entry]:
    """The newest published fact-checks, for the feed."""
    rows = session.execute(
        _entries(select(*_ENTRY_COLUMNS))
        .order_by(Publication.published_at.desc(), Claim.id.desc())
        .limit(limit)
    ).all()
    return [_entry(r) for r in rows]


def everything(session: Session) -> list[Entry]:
    """The published fact-checks for the sitemap: the newest SITEMAP_LIMIT (a sitemap's
    limit), in id order."""
    newest = (
        _entries(select(Claim.id))
        .order_by(Publication.published_at.desc())
        .limit(SITEMAP_LIMIT)
        .scalar_subquery()
    )
    rows = session.execute(
        _entries(select(*_ENTRY_COLUMNS)).where(Claim.id.in_(newest)).order_by(Claim.id)
    ).all()
    return [_entry(r) for r in rows]


def last_change(session: Session) -> datetime | None:
    """When the public list last changed: its newest publication, correction or withdrawal,
    or a change to a published claim."""
    found = session.execute(
        select(
            func.max(Publication.published_at),
            func.max(Publication.corrected_at),
            func.max(Publication.withdrawn_at),
            func.max(Claim.updated_at),
        ).join(Claim, Claim.id == Publication.claim_id)
    ).one()
    values = [v for v in found if v is not None]
    return max(values) if values else None


# What a claim entry of the report holds that a reviewer alone should see.
PRIVATE = ("annotations", "history", "assignee", "checkworthiness", "status", "same_as")


@dataclass(frozen=True)
class PublicSource:
    url: str | None
    name: str
    relation: str | None


def _public_sources(claim: dict) -> list[PublicSource]:
    out = []
    for source in claim.get("sources") or []:
        url = safe_url(source.get("url"))
        name = source.get("title") or source.get("anchor_text") or url
        if not name:
            continue
        relation = source.get("relation")
        words = Relation(relation).label if relation in Relation.__members__ else None
        out.append(PublicSource(url, name, words))
    return out


@dataclass(frozen=True)
class FactCheck:
    """A published fact-check's public page."""

    entry: Entry
    report: dict  # the canonical report of the claim (the ClaimReview builder's input)
    claim: dict  # its claim entry
    article: dict | None
    context: tuple[str, str, str] | None  # the quote in its paragraph
    correction_note: str | None
    reviewer: str | None  # names, only when the newsroom shows them
    editor: str | None
    sources: list[PublicSource]


def fact_check(session: Session, claim_id: int, *, names: bool) -> FactCheck | str | None:
    """The public page of `claim_id`; "gone" when it was published and is no longer public
    (withdrawn, reopened or changed since), None when it never was."""
    row = session.execute(_entries(select(*_ENTRY_COLUMNS)).where(Claim.id == claim_id)).first()
    if row is None:
        ever = session.scalar(select(Publication.claim_id).where(Publication.claim_id == claim_id))
        return "gone" if ever is not None else None
    full = claim_report(session, claim_id, desk=False)
    assert full is not None
    claim = {k: v for k, v in full["claims"][0].items() if k not in PRIVATE}
    claim["status"] = Status.approved.value  # what LIVE means; the builder reads it
    article = full["article"]
    report = {"article": article, "claims": [claim], "generated_at": full["generated_at"]}
    context = None
    position = claim.get("position")
    if article and position:
        context = paragraph_around(article["text"], position["start"], position["end"])
    note = session.scalar(
        select(Publication.correction_note).where(Publication.claim_id == claim_id)
    )
    return FactCheck(
        entry=_entry(row),
        report=report,
        claim=claim,
        article=article,
        context=context,
        correction_note=note,
        reviewer=claim["reviewer"] if names else None,
        editor=claim["approved_by"] if names else None,
        sources=_public_sources(claim),
    )
