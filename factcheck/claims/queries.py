"""Reads behind the dashboard, the claim queue and the claim page, in a fixed number of queries."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field, fields, replace
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql import ColumnElement, Select

from factcheck.articles.models import Article
from factcheck.audit import AuditEvent
from factcheck.auth.models import User
from factcheck.claims.models import Annotation, Claim, Status, Verdict
from factcheck.sources.models import Evidence, Relation

PER_PAGE = 50
SORTS = {
    "checkworthiness": "most check-worthy",
    "newest": "newest",
    "oldest": "oldest",
    "article": "article order",
}
# Machine bookkeeping the dashboard's activity feed leaves out (the claim history shows it).
QUIET_ACTIONS = ("extract", "reanchor")
OPEN = "open"  # the status filter for work still to do: unreviewed + in review
NONE = "none"  # filter value for "no verdict" / "nobody"


def search_condition(q: str, dialect: str = "sqlite") -> ColumnElement[bool]:
    """Claims whose text matches every word of `q`, through the engine's full-text index."""
    from factcheck.search import claim_condition

    return claim_condition(dialect, q)


def _int(value: Any) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


@dataclass(frozen=True)
class QueueFilters:
    """The queue's filters, read from and written back to the page's query string."""

    status: str = ""
    verdict: str = ""
    article: int | None = None
    assignee: str = ""
    claimant: str = ""
    min_cw: float | None = None
    q: str = ""
    sort: str = "checkworthiness"
    page: int = 1

    @classmethod
    def from_args(cls, args, me: User | None = None) -> QueueFilters:
        status = args.get("status", "")
        if status not in {s.value for s in Status} | {OPEN}:
            status = ""
        verdict = args.get("verdict", "")
        if verdict != NONE and _int(verdict) is None:
            verdict = ""
        assignee = args.get("assignee", "")
        if assignee == "me" and me is not None:
            assignee = str(me.id)
        if assignee != NONE and _int(assignee) is None:
            assignee = ""
        try:
            min_cw = float(args.get("min_cw", ""))
            min_cw = min_cw if 0 <= min_cw <= 1 else None
        except ValueError:
            min_cw = None
        sort = args.get("sort", "checkworthiness")
        return cls(
            status=status,
            verdict=verdict,
            article=_int(args.get("article")),
            assignee=assignee,
            claimant=args.get("claimant", "").strip()[:300],
            min_cw=min_cw,
            q=" ".join(args.get("q", "").split())[:200],
            sort=sort if sort in SORTS else "checkworthiness",
            page=min(_int(args.get("page")) or 1, 10**6),
        )

    def args(self, **overrides: Any) -> dict[str, Any]:
        """The non-default filters as query parameters (the page number only when > 1)."""
        current = replace(self, **overrides)
        out = {}
        for f in fields(self):
            value = getattr(current, f.name)
            if value in (None, "") or value == f.default:
                continue
            out[f.name] = value
        return out

    @property
    def active(self) -> bool:
        return bool(self.args(page=1, sort="checkworthiness"))


def _filtered(statement: Select, f: QueueFilters, dialect: str = "sqlite") -> Select:
    if f.status == OPEN:
        statement = statement.where(
            Claim.status.in_([Status.unreviewed.value, Status.in_review.value])
        )
    elif f.status:
        statement = statement.where(Claim.status == f.status)
    if f.verdict == NONE:
        statement = statement.where(Claim.verdict_id.is_(None))
    elif f.verdict:
        statement = statement.where(Claim.verdict_id == int(f.verdict))
    if f.article:
        statement = statement.where(Claim.article_id == f.article)
    if f.assignee == NONE:
        statement = statement.where(Claim.assignee_id.is_(None))
    elif f.assignee:
        statement = statement.where(Claim.assignee_id == int(f.assignee))
    if f.claimant:
        statement = statement.where(func.lower(Claim.claimant) == f.claimant.lower())
    if f.min_cw is not None:
        statement = statement.where(Claim.checkworthiness >= f.min_cw)
    if f.q:
        statement = statement.where(search_condition(f.q, dialect))
    return statement


def _dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def _order_keys(sort: str) -> list[tuple[Any, bool]]:
    """(column, descending) pairs of the queue's order."""
    if sort == "newest":
        return [(Claim.id, True)]
    if sort == "oldest":
        return [(Claim.id, False)]
    if sort == "article":
        return [(Claim.article_id, False), (Claim.start, False), (Claim.id, False)]
    return [(Claim.checkworthiness, True), (Claim.id, False)]


def _order(sort: str, reverse: bool = False) -> list:
    return [
        column.desc() if descending != reverse else column.asc()
        for column, descending in _order_keys(sort)
    ]


@dataclass
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first_index(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_index(self) -> int:
        return min(self.total, self.page * self.per_page)


def queue_page(session: Session, f: QueueFilters, per_page: int = PER_PAGE) -> Page:
    """One page of the queue: a count and the claims with what the rows show (4 queries)."""
    total = session.scalar(_filtered(select(func.count(Claim.id)), f, _dialect(session))) or 0
    pages = max(1, math.ceil(total / per_page))
    page = min(f.page, pages)
    claims = session.scalars(
        _filtered(select(Claim), f, _dialect(session))
        .order_by(*_order(f.sort))
        .limit(per_page)
        .offset((page - 1) * per_page)
        .options(
            selectinload(Claim.article).load_only(Article.id, Article.title),
            selectinload(Claim.verdict),
            selectinload(Claim.assignee),
        )
    ).all()
    return Page(list(claims), total, page, per_page)


def _position(claim: Claim, sort: str, after: bool) -> ColumnElement[bool]:
    """Claims after (or before) `claim` in the queue's order: a keyset comparison."""
    terms = []
    keys = _order_keys(sort)
    for i, (column, descending) in enumerate(keys):
        equal = [c == getattr(claim, c.key) for c, _ in keys[:i]]
        value = getattr(claim, column.key)
        if value is None:
            continue
        later = column < value if descending else column > value
        earlier = column > value if descending else column < value
        terms.append(and_(*equal, later if after else earlier))
    return or_(*terms)


def neighbours(session: Session, claim: Claim, f: QueueFilters) -> tuple[int | None, int | None]:
    """The previous and next claim in the queue this claim was opened from (2 queries)."""
    prev_id = session.scalar(
        _filtered(select(Claim.id), f, _dialect(session))
        .where(_position(claim, f.sort, after=False))
        .order_by(*_order(f.sort, reverse=True))
        .limit(1)
    )
    next_id = session.scalar(
        _filtered(select(Claim.id), f, _dialect(session))
        .where(_position(claim, f.sort, after=True))
        .order_by(*_order(f.sort))
        .limit(1)
    )
    return prev_id, next_id


def claim_detail(session: Session, claim_id: int) -> Claim | None:
    """A claim with everything the claim page shows (one query per relationship)."""
    return session.scalars(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(
            selectinload(Claim.article),
            selectinload(Claim.verdict),
            selectinload(Claim.assignee),
            selectinload(Claim.reviewer),
            selectinload(Claim.approved_by),
            selectinload(Claim.evidence).selectinload(Evidence.source),
            selectinload(Claim.evidence).selectinload(Evidence.added_by),
            selectinload(Claim.annotations).selectinload(Annotation.author),
            selectinload(Claim.annotations).selectinload(Annotation.resolved_by),
        )
    ).first()


def sorted_evidence(claim: Claim) -> list[Evidence]:
    """Cited in the article first (unresolved citations first of those), then by relation."""
    order = {r.value: i for i, r in enumerate(Relation)}
    return sorted(
        claim.evidence,
        key=lambda e: (order.get(e.relation, 9), not e.source.unresolved, e.id),
    )


def annotation_thread(claim: Claim) -> list[tuple[Annotation, list[Annotation]]]:
    """Top-level notes, each with its replies, oldest first."""
    replies: dict[int, list[Annotation]] = defaultdict(list)
    roots = []
    for note in claim.annotations:
        if note.parent_id is None:
            roots.append(note)
        else:
            replies[note.parent_id].append(note)
    return [(note, replies.get(note.id, [])) for note in roots]


def claim_history(session: Session, claim_id: int) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.claim_id == claim_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .options(selectinload(AuditEvent.actor))
        )
    )


def verdict_scale(session: Session, include_inactive: bool = False) -> list[Verdict]:
    statement = select(Verdict).order_by(Verdict.position, Verdict.id)
    if not include_inactive:
        statement = statement.where(Verdict.active.is_(True))
    return list(session.scalars(statement))


def claims_by_ids(session: Session, ids: list[int]) -> list[Claim]:
    return list(
        session.scalars(
            select(Claim)
            .where(Claim.id.in_(ids[:1000]))
            .options(selectinload(Claim.verdict), selectinload(Claim.assignee))
        )
    )


def article_choices(session: Session, limit: int = 300) -> list[tuple[int, str]]:
    """Recent articles for the queue's article filter."""
    return list(
        session.execute(select(Article.id, Article.title).order_by(Article.id.desc()).limit(limit))
    )


@dataclass
class Dashboard:
    by_status: dict[str, int]
    by_verdict: list[tuple[Verdict | None, int]]
    articles: list[tuple[Article, dict[str, int]]]
    assigned: list[Claim]
    activity: list[AuditEvent]
    total: int = 0
    mine_total: int = 0
    article_total: int = 0
    extra: dict = field(default_factory=dict)


def dashboard(session: Session, user: User, articles: int = 8, activity: int = 15) -> Dashboard:
    # Counts from the trigger-maintained tally (factcheck/tally.py): one small read instead of
    # two GROUP BYs over every claim.
    from factcheck.tally import claims_by_status_and_verdict

    by_status = {s.value: 0 for s in Status}
    verdict_counts: dict[int, int] = {}
    for (status, verdict_id), count in claims_by_status_and_verdict(session).items():
        by_status[status] = by_status.get(status, 0) + count
        if verdict_id is not None:
            verdict_counts[verdict_id] = verdict_counts.get(verdict_id, 0) + count
    scale = verdict_scale(session, include_inactive=True)
    by_verdict = [
        (v, verdict_counts.get(v.id, 0)) for v in scale if v.active or verdict_counts.get(v.id)
    ]
    recent = list(session.scalars(select(Article).order_by(Article.id.desc()).limit(articles)))
    progress: dict[int, dict[str, int]] = {a.id: {s.value: 0 for s in Status} for a in recent}
    if recent:
        for article_id, status, count in session.execute(
            select(Claim.article_id, Claim.status, func.count(Claim.id))
            .where(Claim.article_id.in_(list(progress)))
            .group_by(Claim.article_id, Claim.status)
        ):
            progress[article_id][status] = count
    open_statuses = [Status.unreviewed.value, Status.in_review.value]
    mine = select(Claim).where(Claim.assignee_id == user.id, Claim.status.in_(open_statuses))
    mine_total = (
        session.scalar(
            select(func.count(Claim.id)).where(
                Claim.assignee_id == user.id, Claim.status.in_(open_statuses)
            )
        )
        or 0
    )
    assigned = list(
        session.scalars(
            mine.order_by(Claim.checkworthiness.desc(), Claim.id)
            .limit(10)
            .options(selectinload(Claim.article).load_only(Article.id, Article.title))
        )
    )
    events = list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.action.not_in(QUIET_ACTIONS))
            .order_by(AuditEvent.id.desc())
            .limit(activity)
            .options(selectinload(AuditEvent.actor))
        )
    )
    return Dashboard(
        by_status=by_status,
        by_verdict=by_verdict,
        articles=[(a, progress[a.id]) for a in recent],
        assigned=assigned,
        activity=events,
        total=sum(by_status.values()),
        article_total=session.scalar(select(func.count(Article.id))) or 0,
        mine_total=mine_total,
    )
