"""What the dashboard, the claim page and the verdict scale page show, one function each (the
queue is factcheck.claims.queue)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, literal, select, true
from sqlalchemy.orm import Session, defer, joinedload, selectinload

from factcheck.articles.models import Article
from factcheck.articles.queries import paragraph_around
from factcheck.audit import AuditEvent
from factcheck.auth.models import User
from factcheck.claims.filters import OPEN, OPEN_STATUSES, QueueFilters
from factcheck.claims.models import MACHINE, Annotation, Claim, Status, Verdict
from factcheck.claims.queue import ArticleTitle, QueueRow, neighbours, queue_rows
from factcheck.extraction.language import unscored_language
from factcheck.reads.reference import (
    Person,
    VerdictInfo,
    article_count,
    people_by_id,
    reviewers,
    verdict_scale,
)
from factcheck.sources.models import Evidence, Relation
from factcheck.statements import built_once
from factcheck.tally import claims_by_status_and_verdict

# Machine bookkeeping the dashboard's activity feed leaves out (the claim history shows it).
QUIET_ACTIONS = ("extract", "reanchor")
# The dashboard counts a reviewer's open claims up to here: "more than 1,000".
MINE_COUNT_CAP = 1_000


# --- the claim page ---------------------------------------------------------------------------


@dataclass
class ClaimPage:
    """Everything the claim page shows of a claim, and the way back to its queue."""

    claim: Claim  # with its article and verdict
    evidence: list[Evidence]  # with their sources; cited in the article first
    notes: list[Annotation]  # oldest first
    thread: list[tuple[Annotation, list[Annotation]]]  # the notes, each with its replies
    history: list[AuditEvent]  # newest first
    people: dict[int, Person]  # everyone the page names, by id
    verdicts: list[VerdictInfo]  # the active scale, for the form
    reviewers: list[Person]  # who can be assigned
    context: tuple[str, str, str] | None  # the claim's paragraph: before, claim, after
    prev_id: int | None
    next_id: int | None
    reasons: list = field(default_factory=list)  # why the model scored it so
    # The article's language when the check-worthiness model cannot score it (not English).
    unscored: str | None = None
    # The claim was dismissed by the extraction (hedged or predictive), not by a person.
    dismissed_by_machine: bool = False


def claim_page(session: Session, claim_id: int, filters: QueueFilters) -> ClaimPage | None:
    """The claim page: the claim with its article and verdict, its evidence and sources, its
    notes, its history, the accounts they name (from the reference copy), and the previous and
    next claim of the queue it was opened from (`filters`). None when there is no such claim."""
    from factcheck.extraction import checkworthiness  # the model (numpy): this page only

    claim = session.scalars(
        select(Claim)
        .where(Claim.id == claim_id)
        .options(joinedload(Claim.article), joinedload(Claim.verdict))
    ).first()
    if claim is None:
        return None
    evidence = list(
        session.scalars(
            select(Evidence)
            .where(Evidence.claim_id == claim_id)
            .options(joinedload(Evidence.source))
            .order_by(Evidence.id)
        )
    )
    notes = list(
        session.scalars(
            select(Annotation).where(Annotation.claim_id == claim_id).order_by(Annotation.id)
        )
    )
    history = claim_history(session, claim_id)
    named = {claim.assignee_id, claim.reviewer_id, claim.approved_by_id}
    named |= {e.added_by_id for e in evidence} | {e.actor_id for e in history}
    named |= {n.author_id for n in notes} | {n.resolved_by_id for n in notes}
    context = None
    article, start, end = claim.article, claim.start, claim.end
    if article is not None and start is not None and end is not None and not claim.orphaned:
        context = paragraph_around(article.text, start, end)
    prev_id, next_id = neighbours(session, claim, filters)
    return ClaimPage(
        claim=claim,
        evidence=sorted_evidence(evidence),
        notes=notes,
        thread=annotation_thread(notes),
        history=history,
        people=people_by_id(session, named),
        verdicts=verdict_scale(session),
        reviewers=reviewers(session),
        context=context,
        prev_id=prev_id,
        next_id=next_id,
        reasons=checkworthiness.explain(claim.text, top=6),
        unscored=unscored_language(article.language if article is not None else None),
        dismissed_by_machine=claim.status == Status.dismissed.value
        and next((e.actor_label for e in history if e.action == "dismiss"), None) == MACHINE,
    )


def sorted_evidence(evidence: list[Evidence]) -> list[Evidence]:
    """Cited in the article first (unresolved citations first of those), then by relation."""
    order = {r.value: i for i, r in enumerate(Relation)}
    return sorted(evidence, key=lambda e: (order.get(e.relation, 9), not e.source.unresolved, e.id))


def annotation_thread(notes: list[Annotation]) -> list[tuple[Annotation, list[Annotation]]]:
    """Top-level notes, each with its replies, oldest first."""
    replies: dict[int, list[Annotation]] = defaultdict(list)
    roots = []
    for note in notes:
        if note.parent_id is None:
            roots.append(note)
        else:
            replies[note.parent_id].append(note)
    return [(note, replies.get(note.id, [])) for note in roots]


def claim_history(session: Session, claim_id: int) -> list[AuditEvent]:
    """The claim's audit events, newest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(AuditEvent.claim_id == claim_id)
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        )
    )


def claims_by_ids(session: Session, ids: list[int]) -> list[Claim]:
    """The claims a bulk action names (at most 1,000), read fresh for the write."""
    return list(
        session.scalars(
            select(Claim)
            .where(Claim.id.in_(ids[:1000]))
            .options(selectinload(Claim.verdict), selectinload(Claim.assignee))
        )
    )


def verdict_rows(session: Session) -> list[Verdict]:
    """The whole verdict scale, read fresh, for the page that edits it."""
    return list(session.scalars(select(Verdict).order_by(Verdict.position, Verdict.id)))


# --- the dashboard ----------------------------------------------------------------------------


@dataclass
class Dashboard:
    by_status: dict[str, int]
    by_verdict: list[tuple[VerdictInfo, int]]
    articles: list[tuple[ArticleTitle, dict[str, int]]]
    assigned: list[QueueRow]
    # Recent events, each with the text of the claim or the title of the article it concerns.
    activity: list[tuple[AuditEvent, str | None, str | None]]
    people: dict[int, Person]  # the activity's actors and the accounts it names
    verdict_labels: dict[int, str] = field(default_factory=dict)  # the verdicts it names
    total: int = 0
    mine_total: int = 0
    mine_exact: bool = True
    article_total: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _recent_articles(articles: int) -> Select:
    """The recent articles, their claims per status, and the count of the reviewer's open
    claims, in one round trip (outer joined to a one-row select, so that the count comes back
    when there are no articles). The count stops at MINE_COUNT_CAP + 1 ("more than") and is
    read from the index alone: a reviewer can have tens of thousands of claims open. The
    reviewer is the named parameter `me`."""
    mine = (
        select(literal(1))
        .where(Claim.assignee_id == bindparam("me"), Claim.status.in_(OPEN_STATUSES))
        .limit(MINE_COUNT_CAP + 1)
        .subquery()
    )
    counts = select(select(func.count()).select_from(mine).scalar_subquery().label("mine"))
    counts_sub = counts.subquery()
    recent = (
        select(Article.id, Article.title).order_by(Article.id.desc()).limit(articles).subquery()
    )
    return (
        select(recent.c.id, recent.c.title, counts_sub.c.mine, Claim.status, func.count(Claim.id))
        .select_from(counts_sub)
        .outerjoin(recent, true())
        .outerjoin(Claim, Claim.article_id == recent.c.id)
        .group_by(recent.c.id, recent.c.title, counts_sub.c.mine, Claim.status)
        .order_by(recent.c.id.desc())
    )


def dashboard(session: Session, user: User, articles: int = 8, activity: int = 15) -> Dashboard:
    """The dashboard: claims by status and verdict (the trigger-kept tally), the recent
    articles' progress, the reviewer's first open claims, the recent activity."""
    by_status = {s.value: 0 for s in Status}
    verdict_counts: dict[int, int] = {}
    for (status, verdict_id), count in claims_by_status_and_verdict(session).items():
        by_status[status] = by_status.get(status, 0) + count
        if verdict_id is not None:
            verdict_counts[verdict_id] = verdict_counts.get(verdict_id, 0) + count
    by_verdict = [
        (v, verdict_counts.get(v.id, 0))
        for v in verdict_scale(session, include_inactive=True)
        if v.active or verdict_counts.get(v.id)
    ]
    recent: dict[int, ArticleTitle] = {}
    progress: dict[int, dict[str, int]] = {}
    mine_total = 0
    recent_articles = built_once(
        ("dashboard", articles, MINE_COUNT_CAP), lambda: _recent_articles(articles)
    )
    for article_id, title, mine_n, status, count in session.execute(
        recent_articles, {"me": user.id}
    ):
        mine_total = mine_n or 0
        if article_id is None:  # no articles (claims may still have been imported)
            continue
        if article_id not in recent:
            recent[article_id] = ArticleTitle(article_id, title)
            progress[article_id] = {s.value: 0 for s in Status}
        if status is not None:
            progress[article_id][status] = count
    # The first ten of each open status, read in order from (assignee, status, checkworthiness).
    mine = QueueFilters().with_value("status", OPEN).with_value("assignee", user.id)
    activity_statement = built_once(
        ("activity", activity),
        lambda: (
            select(AuditEvent, Claim.text, Article.title)
            .outerjoin(Claim, Claim.id == AuditEvent.claim_id)
            .outerjoin(
                Article,
                and_(AuditEvent.entity_type == "article", Article.id == AuditEvent.entity_id),
            )
            .where(AuditEvent.action.not_in(QUIET_ACTIONS), AuditEvent.actor_label != MACHINE)
            .order_by(AuditEvent.id.desc())
            .limit(activity)
            .options(defer(AuditEvent.before))  # the feed shows what changed to, not from
        ),
    )
    events = [(e, text, title) for e, text, title in session.execute(activity_statement)]
    named = {e.actor_id for e, _, _ in events}
    named |= {e.entity_id for e, _, _ in events if e.entity_type == "user_account"}
    scale = verdict_scale(session, include_inactive=True)
    return Dashboard(
        by_status=by_status,
        by_verdict=by_verdict,
        articles=[(a, progress[a.id]) for a in recent.values()],
        assigned=queue_rows(session, mine, 10),
        activity=events,
        people=people_by_id(session, named),
        verdict_labels={v.id: v.label for v in scale},
        total=sum(by_status.values()),
        article_total=article_count(session),
        mine_total=min(mine_total, MINE_COUNT_CAP),
        mine_exact=mine_total <= MINE_COUNT_CAP,
    )
