"""Ingest: an article and its claim candidates stored in one transaction, all or nothing.

A text is a new version of an article only when its canonical URL is the article's (compared
normalised, factcheck.urls.normalize_url; the database keeps it unique) or when the caller names
the article (`revise=ID`). A title and publisher, however alike, make no identity: two
"BREAKING NEWS" pages of one publisher are two articles. A text without URL that is exactly the
text of an article of the same publisher already stored is that article, unchanged.

A new version re-anchors the claims in the new text, adds the new claims and marks the ones
whose text is gone as orphaned, saying which of those a reviewer had worked on.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, object_session

from factcheck import audit
from factcheck.articles.models import Article, ArticleSource, Kind
from factcheck.auth.models import Role
from factcheck.claims.models import MACHINE, WORKED_ON, Claim, Origin, Status
from factcheck.db import MAX_ID, insert_ignoring_conflicts, insert_returning_ids
from factcheck.extraction.anchoring import anchor_quote, reanchor
from factcheck.extraction.fingerprint import claim_fingerprint
from factcheck.extraction.types import ClaimCandidate, ExtractedArticle, ExtractionError
from factcheck.permissions import require
from factcheck.sources.models import Evidence, Relation
from factcheck.sources.operations import source_ids
from factcheck.urls import normalize_url, safe_url

MAX_TITLE = 500


# Claims whose loss a revision must not hide: someone has started or finished reviewing them.


class IngestError(ValueError):
    """A text that cannot be stored as asked: the article to revise is not there, or the new
    version's URL is another article's."""


@dataclass
class IngestResult:
    article: Article
    created: bool
    anchored: int = 0  # the article's claims anchored in its current text
    added_ids: list[int] = field(default_factory=list)
    # how many of the new claims the extraction dismissed (hedged or predictive)
    dismissed: int = 0
    reanchored: int = 0
    orphaned: int = 0
    # (id, status) of the orphaned claims that were in review, reviewed or approved
    orphaned_reviewed: list[tuple[int, str]] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not self.created and not self.added_ids and not self.reanchored and not self.orphaned

    @functools.cached_property
    def added(self) -> list[Claim]:
        """The new claims as ORM objects, loaded on first use (ingest writes them with Core)."""
        query = select(Claim).where(Claim.id.in_(self.added_ids))
        session = object_session(self.article)
        assert session is not None  # a stored article
        loaded = {claim.id: claim for claim in session.scalars(query)}
        return [loaded[claim_id] for claim_id in self.added_ids]


def fingerprint_key(text: str) -> str:
    return hashlib.sha256(claim_fingerprint(text).encode()).hexdigest()


def ingest(
    session: Session,
    actor,
    data: bytes | str,
    fmt: str,
    *,
    url: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
    fallback_title: str | None = None,
    revise: int | None = None,
) -> IngestResult:
    """Parse and store one article (a new version of article `revise`, when given). Raises
    ExtractionError for input that is not an article, IngestError for one that cannot be
    stored as asked."""
    extracted, raw = extract(data, fmt, url=url)
    return store_extracted(
        session,
        actor,
        extracted,
        raw,
        url=url,
        publisher=publisher,
        title=title,
        fallback_title=fallback_title,
        revise=revise,
    )


def extract(data: bytes | str, fmt: str, *, url: str | None = None) -> tuple[ExtractedArticle, str]:
    """The half of `ingest` that needs no database (so it can run in another process): the
    article's extraction and its raw text. Raises ExtractionError."""
    if url is not None and safe_url(url) is None:
        raise ExtractionError(f"not an http(s) URL: {url[:200]!r}")
    from factcheck.extraction.pipeline import extract_article  # the model, lxml: only here

    extracted = extract_article(data, fmt)
    return extracted, data if isinstance(data, str) else data.decode("utf-8-sig")


def store_extracted(
    session: Session,
    actor,
    extracted: ExtractedArticle,
    raw: str,
    *,
    url: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
    fallback_title: str | None = None,
    revise: int | None = None,
) -> IngestResult:
    """Store a parsed article (editors and the command line): a new article, a new version of
    the article with the same canonical URL or of article `revise`, or nothing when the text
    is the one stored."""
    require(session, actor, Role.editor)
    doc = extracted.document
    canonical = safe_url(url or doc.url)
    key = normalize_url(canonical) if canonical else None
    fields: dict[str, Any] = {
        "title": _title(title or doc.title or fallback_title, doc.text),
        "author": doc.author,
        "publisher": publisher or doc.publisher,
        "published": doc.published,
        "url": canonical,
        "provenance": doc.provenance,
        "text": doc.text,
        "input_format": doc.format,
        "raw_text": raw,
        "content_sha256": hashlib.sha256(doc.text.encode()).hexdigest(),
        "kind": doc.kind,
        "language": doc.language,
    }
    if revise is not None:
        return _new_version(session, actor, _to_revise(session, revise, key), fields, extracted)
    if key is None:
        same = _same_text(session, fields)
        if same is not None:
            return IngestResult(same, created=False, anchored=_anchored(session, same))
        created = _create(session, actor, fields, key, extracted)
        assert created is not None  # no URL: nothing to conflict with
        return created
    existing = _locked(session, Article.normalized_url == key)
    if existing is None:
        created = _create(session, actor, fields, key, extracted)
        if created is not None:
            return created
        # Another transaction stored this URL since the look-up (and has committed).
        existing = _locked(session, Article.normalized_url == key)
        assert existing is not None
    return _new_version(session, actor, existing, fields, extracted)


def _same_text(session: Session, fields: dict[str, Any]) -> Article | None:
    """The article (without URL) that has exactly this text from the same publisher."""
    publisher = fields["publisher"]
    query = (
        select(Article)
        .where(
            Article.content_sha256 == fields["content_sha256"],
            Article.publisher == publisher if publisher else Article.publisher.is_(None),
        )
        .order_by(Article.id)
        .limit(1)
    )
    return session.scalars(query).first()


def _locked(session: Session, condition) -> Article | None:
    """The article, its row locked until the end of the transaction (PostgreSQL; SQLite's
    writers hold the whole database) so that two new versions of it are stored one after
    the other, each over the one before."""
    query = (
        select(Article).where(condition).with_for_update().execution_options(populate_existing=True)
    )
    return session.scalars(query).first()


def _to_revise(session: Session, article_id: int, key: str | None) -> Article:
    article = _locked(session, Article.id == article_id) if 0 < article_id <= MAX_ID else None
    if article is None:
        raise IngestError(f"there is no article {article_id} to revise")
    if key is not None and key != article.normalized_url:
        other = session.scalar(select(Article.id).where(Article.normalized_url == key))
        if other is not None:
            raise IngestError(
                f"this URL is article {other}'s, not article {article_id}'s: "
                f"revise article {other}, or give article {article_id}'s own URL"
            )
    return article


def _new_version(
    session: Session, actor, article: Article, fields: dict, extracted: ExtractedArticle
) -> IngestResult:
    if article.content_sha256 == fields["content_sha256"]:
        return IngestResult(article, created=False, anchored=_anchored(session, article))
    return _revise(session, actor, article, fields, extracted)


def _create(
    session: Session, actor, fields: dict, key: str | None, extracted: ExtractedArticle
) -> IngestResult | None:
    """A new article, or None when another transaction has stored its URL meanwhile."""
    row = {**fields, "normalized_url": key, "ingested_by_id": _actor_id(actor)}
    inserted = insert_ignoring_conflicts(session, Article.__table__, [row], "normalized_url")
    if not inserted:
        return None
    article = session.get(Article, inserted[0][0])
    assert article is not None
    # The article's "ingest" event goes in with its claims' "extract" events, in one INSERT.
    event = audit.event_row(
        actor,
        "ingest",
        Article.__tablename__,
        article.id,
        after={"title": article.title, "content_sha256": article.content_sha256},
    )
    added = _add_claims(session, actor, article, extracted.claims, events=[event])
    _add_article_sources(session, article, extracted)
    dismissed = sum(1 for c in extracted.claims if c.hedged)
    return IngestResult(
        article, created=True, anchored=len(added), added_ids=added, dismissed=dismissed
    )


def _anchored(session: Session, article: Article) -> int:
    query = select(func.count()).where(Claim.article_id == article.id, ~Claim.orphaned)
    return session.scalar(query) or 0


def _title(title: str | None, text: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        title = " ".join(text.split())[:80] or "Untitled"
    return title[:MAX_TITLE]


def _actor_id(actor) -> int | None:
    return None if isinstance(actor, str) else actor.id


def _add_claims(
    session: Session,
    actor,
    article: Article,
    candidates: list[ClaimCandidate],
    events: Sequence[dict] = (),
) -> list[int]:
    """Insert the claims, their "extract" events and their cited sources in a handful of Core
    statements whatever the number of claims; returns the claims' ids. `events` (rows made by
    `_event`) go first in the same INSERT as the "extract" events."""
    keys = [fingerprint_key(c.text) for c in candidates]
    earlier = _earliest_by_fingerprint(session, keys)
    rows = [
        {
            "article_id": article.id,
            "origin": Origin.extracted.value,
            "text": candidate.text,
            "start": candidate.start,
            "end": candidate.end,
            "quote_prefix": candidate.prefix,
            "quote_suffix": candidate.suffix,
            "orphaned": False,
            "fingerprint": key,
            "same_as_id": earlier.get(key),
            "checkworthiness": min(1.0, max(0.0, float(candidate.checkworthiness))),
            "claimant": _bounded(candidate.claimant, 300),
            "attribution": _bounded(candidate.attribution, 300),
            "claim_date_start": candidate.date_start,
            "claim_date_end": candidate.date_end,
            "claimant_kind": candidate.claimant_kind,
            "is_caption": candidate.is_caption,
            # a hedged or predictive sentence: dismissed by the extraction, reason pre-filled
            "status": Status.dismissed.value if candidate.hedged else Status.unreviewed.value,
            "dismissal_reason": candidate.hedged,
            "rationale": "",
            "version": 1,  # what the ORM's version counter starts at
        }
        for candidate, key in zip(candidates, keys, strict=True)
    ]
    ids = insert_returning_ids(session, Claim.__table__, rows)
    events = [
        *events,
        *(
            audit.event_row(
                actor,
                "extract",
                Claim.__tablename__,
                claim_id,
                claim_id=claim_id,
                after={
                    "text": row["text"],
                    "status": Status.unreviewed.value,
                    "same_as": row["same_as_id"],
                },
            )
            for claim_id, row in zip(ids, rows, strict=True)
        ),
        *(  # the extraction's own decision, told apart from a reviewer's by its actor
            audit.event_row(
                MACHINE,
                "dismiss",
                Claim.__tablename__,
                claim_id,
                claim_id=claim_id,
                before={"status": Status.unreviewed.value, "dismissal_reason": None},
                after={"status": row["status"], "dismissal_reason": row["dismissal_reason"]},
            )
            for claim_id, row in zip(ids, rows, strict=True)
            if row["dismissal_reason"] is not None
        ),
    ]
    audit.insert_events(session, events)
    _add_citations(session, actor, ids, candidates)
    return ids


def _add_citations(
    session: Session, actor, claim_ids: list[int], candidates: list[ClaimCandidate]
) -> None:
    """Each claim's citations as evidence: each cited URL's source once, each unresolved
    citation its own source row, one evidence row per claim and source."""
    cited = [
        (claim_id, citation)
        for claim_id, candidate in zip(claim_ids, candidates, strict=True)
        for citation in candidate.citations
    ]
    links: list[tuple[str | None, str | None]] = [
        (c.url, None) if c.url else (None, c.anchor_text or "") for _, c in cited
    ]
    evidence: dict[tuple[int, int], dict[str, Any]] = {}
    added_by = _actor_id(actor)
    for (claim_id, citation), source_id in zip(cited, source_ids(session, links), strict=True):
        evidence.setdefault(  # the same source cited twice in one claim: the first citation
            (claim_id, source_id),
            {
                "claim_id": claim_id,
                "source_id": source_id,
                "relation": Relation.cited.value,
                "anchor_text": citation.anchor_text[:1000] if citation.anchor_text else None,
                "quote": None,
                "added_by_id": added_by,
            },
        )
    if evidence:
        session.execute(insert(Evidence.__table__), list(evidence.values()))


def _earliest_by_fingerprint(session: Session, keys: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    unique = sorted(set(keys))
    for i in range(0, len(unique), 500):
        query = (
            select(Claim.fingerprint, func.min(Claim.id))
            .where(Claim.fingerprint.in_(unique[i : i + 500]))
            .group_by(Claim.fingerprint)
        )
        found.update(session.execute(query).all())
    return found


def _add_article_sources(session: Session, article: Article, extracted: ExtractedArticle) -> None:
    """The article's own source list: one lookup of all its URLs, one INSERT."""
    links: list[tuple[str | None, str | None]] = [
        (link.url, link.text)
        for link in extracted.document.sources
        if link.url and safe_url(link.url) is not None
    ]
    rows: dict[int, dict[str, Any]] = {}
    for (_url, text), source_id in zip(links, source_ids(session, links), strict=True):
        rows.setdefault(
            source_id,
            {"article_id": article.id, "source_id": source_id, "anchor_text": _bounded(text, 1000)},
        )
    if rows:
        session.execute(insert(ArticleSource.__table__), list(rows.values()))


def _bounded(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else None


# What a new version without it keeps of the article (a pasted text names no URL or publisher).
KEPT_WHEN_MISSING = ("author", "publisher", "published", "url", "provenance", "kind")


def _revise(
    session: Session, actor, article: Article, fields: dict, extracted: ExtractedArticle
) -> IngestResult:
    """A changed version of a known article: move claims with their text, never to a wrong place."""
    before: dict[str, Any] = {
        "content_sha256": article.content_sha256,
        "revision": article.revision,
    }
    before_url = article.url
    new_text = fields["text"]
    result = IngestResult(article, created=False)
    kept_spans: list[tuple[int, int]] = []
    claims = session.scalars(
        select(Claim).where(Claim.article_id == article.id).order_by(Claim.start, Claim.id)
    ).all()
    for claim in claims:
        old = {
            "start": claim.start,
            "end": claim.end,
            "text": claim.text,
            "orphaned": claim.orphaned,
        }
        found = reanchor(
            (claim.text, claim.quote_prefix, claim.quote_suffix, claim.start or 0), new_text
        )
        if found is None:
            if not claim.orphaned:
                claim.orphaned = True
                result.orphaned += 1
                if claim.status in WORKED_ON:
                    result.orphaned_reviewed.append((claim.id, claim.status))
                audit.record(
                    session,
                    actor,
                    "orphan",
                    claim,
                    claim_id=claim.id,
                    before=old,
                    after={"orphaned": True},
                )
            continue
        start, end, _score = found
        prefix, suffix = anchor_quote(new_text, start, end)
        new = {"start": start, "end": end, "text": new_text[start:end], "orphaned": False}
        kept_spans.append((start, end))
        if new != old:
            claim.start, claim.end, claim.text, claim.orphaned = start, end, new["text"], False
            claim.quote_prefix, claim.quote_suffix = prefix, suffix
            claim.fingerprint = fingerprint_key(claim.text)
            result.reanchored += 1
            changed = [k for k in new if new[k] != old[k]]
            audit.record(
                session,
                actor,
                "reanchor",
                claim,
                claim_id=claim.id,
                before={k: old[k] for k in changed},
                after={k: new[k] for k in changed},
            )
    if kind_set_by_person(session, article.id):
        fields = {k: v for k, v in fields.items() if k != "kind"}  # theirs, not the page's
    for key, value in fields.items():
        if value is not None or key not in KEPT_WHEN_MISSING:
            setattr(article, key, value)
    article.revision += 1
    session.flush()
    after = {"content_sha256": article.content_sha256, "revision": article.revision}
    if article.url != before_url:
        before["url"], after["url"] = before_url, article.url
    audit.record(session, actor, "revise", article, before=before, after=after)
    fresh = [
        c
        for c in extracted.claims
        if not any(c.start < end and start < c.end for start, end in kept_spans)
    ]
    result.added_ids = _add_claims(session, actor, article, fresh)
    result.dismissed = sum(1 for c in fresh if c.hedged)
    result.anchored = len(kept_spans) + len(result.added_ids)
    return result


# --- what sort of piece the article is ---------------------------------------------------------


def set_kind(session: Session, actor, article: Article, kind: str | None) -> bool:
    """Say what sort of piece the article is (None: not said); reviewers and up. A kind set so
    stays when a new version of the article is ingested. ValueError for an unknown kind."""
    require(session, actor, Role.reviewer)
    if kind is not None and kind not in Kind.__members__:
        raise ValueError(f"{kind[:40]!r} is not a kind of article")
    if article.kind == kind:
        return False
    before = {"kind": article.kind}
    article.kind = kind
    session.flush()
    audit.record(session, actor, "set_kind", article, before=before, after={"kind": kind})
    return True


def kind_set_by_person(session: Session, article_id: int) -> bool:
    """Whether someone has set the article's kind (set_kind): then ingest leaves it alone."""
    query = select(audit.AuditEvent.id).where(
        audit.AuditEvent.entity_type == Article.__tablename__,
        audit.AuditEvent.entity_id == article_id,
        audit.AuditEvent.action == "set_kind",
    )
    return session.scalar(query.limit(1)) is not None
