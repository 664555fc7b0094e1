"""Ingest: an article and its claim candidates stored in one transaction, all or nothing.

Re-ingesting a revised article (same URL, or same title and publisher) re-anchors its claims in
the new text, adds the new claims and marks the ones whose text is gone as orphaned.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import func, insert, or_, select
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.articles.models import Article, ArticleSource
from factcheck.audit import AuditEvent
from factcheck.claims.models import Claim, Origin, Status
from factcheck.extraction import anchor_quote, claim_fingerprint, extract_article, reanchor
from factcheck.extraction.types import ClaimCandidate, ExtractedArticle, ExtractionError
from factcheck.sources.models import Evidence, Relation
from factcheck.sources.operations import sources_for_urls, unresolved_sources
from factcheck.urls import safe_url

MAX_TITLE = 500


@dataclass
class IngestResult:
    article: Article
    created: bool
    added: list[Claim] = field(default_factory=list)
    reanchored: int = 0
    orphaned: int = 0

    @property
    def unchanged(self) -> bool:
        return not self.created and not self.added and not self.reanchored and not self.orphaned


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
) -> IngestResult:
    """Parse and store one article. Raises ExtractionError for input that is not an article."""
    if url is not None and safe_url(url) is None:
        raise ExtractionError(f"not an http(s) URL: {url[:200]!r}")
    extracted = extract_article(data, fmt)
    raw = data if isinstance(data, str) else data.decode("utf-8-sig")
    return store_extracted(
        session,
        actor,
        extracted,
        raw,
        url=url,
        publisher=publisher,
        title=title,
        fallback_title=fallback_title,
    )


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
) -> IngestResult:
    doc = extracted.document
    fields = {
        "title": _title(title or doc.title or fallback_title, doc.text),
        "author": doc.author,
        "publisher": publisher or doc.publisher,
        "published": doc.published,
        "url": safe_url(url or doc.url),
        "provenance": doc.provenance,
        "text": doc.text,
        "input_format": doc.format,
        "raw_text": raw,
        "content_sha256": hashlib.sha256(doc.text.encode()).hexdigest(),
    }
    existing = _find_existing(session, fields)
    if existing is None:
        article = Article(**fields, ingested_by_id=_actor_id(actor))
        session.add(article)
        session.flush()
        audit.record(
            session,
            actor,
            "ingest",
            article,
            after={"title": article.title, "content_sha256": article.content_sha256},
        )
        added = _add_claims(session, actor, article, extracted.claims)
        _add_article_sources(session, article, extracted)
        return IngestResult(article, created=True, added=added)
    if existing.content_sha256 == fields["content_sha256"]:
        return IngestResult(existing, created=False)
    return _revise(session, actor, existing, fields, extracted)


def _title(title: str | None, text: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        title = " ".join(text.split())[:80] or "Untitled"
    return title[:MAX_TITLE]


def _actor_id(actor) -> int | None:
    return None if isinstance(actor, str) else actor.id


def _find_existing(session: Session, fields: dict) -> Article | None:
    conditions = []
    if fields["url"]:
        conditions.append(Article.url == fields["url"])
    if fields["publisher"]:
        conditions.append(
            (Article.title == fields["title"]) & (Article.publisher == fields["publisher"])
        )
    if not conditions:
        return None
    return session.scalars(
        select(Article).where(or_(*conditions)).order_by(Article.id).limit(1)
    ).first()


def _add_claims(
    session: Session,
    actor,
    article: Article,
    candidates: list[ClaimCandidate],
) -> list[Claim]:
    """Insert the claims, their "extract" events and cited sources in a handful of statements
    whatever the number of claims: one INSERT for the claims, one SELECT for every normalised URL
    cited, one INSERT each for the new sources, the evidence and the events."""
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
            "status": Status.unreviewed.value,
            "rationale": "",
            "version": 1,  # what the ORM's version counter starts at
        }
        for candidate, key in zip(candidates, keys, strict=True)
    ]
    if not rows:
        return []
    if session.get_bind().dialect.name == "sqlite":
        # SQLite cannot hand back the ids of a multi-row INSERT in order. This transaction has
        # held the database's only write lock since the article's INSERT: nobody else can take
        # the next ids, so they are given here and the claims go in as one executemany.
        first = (session.scalar(select(func.max(Claim.id))) or 0) + 1
        ids = list(range(first, first + len(rows)))
        for claim_id, row in zip(ids, rows, strict=True):
            row["id"] = claim_id
        session.execute(insert(Claim), rows)
    else:
        ids = list(
            session.scalars(insert(Claim).returning(Claim.id, sort_by_parameter_order=True), rows)
        )
    # Core inserts, then the ORM objects read back in one SELECT (cheaper than flushing them).
    loaded = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_(ids)))}
    claims = [loaded[claim_id] for claim_id in ids]
    actor_id, actor_label = (None, actor) if isinstance(actor, str) else (actor.id, actor.email)
    events = [
        {
            "actor_id": actor_id,
            "actor_label": actor_label,
            "entity_type": Claim.__tablename__,
            "entity_id": claim.id,
            "claim_id": claim.id,
            "action": "extract",
            "before": None,
            "after": {"text": claim.text, "status": claim.status, "same_as": claim.same_as_id},
        }
        for claim in claims
    ]
    if events:
        session.execute(insert(AuditEvent), events)
    # Each cited URL's row once (one SELECT for all), each unresolved citation its own row.
    cited = [
        (claim, citation)
        for claim, candidate in zip(claims, candidates, strict=True)
        for citation in candidate.citations
    ]
    resolved = iter(sources_for_urls(session, [(c.url, None) for _, c in cited if c.url]))
    placeholders = iter(
        unresolved_sources(session, [c.anchor_text or "" for _, c in cited if not c.url])
    )
    evidence = []
    seen: set[tuple[int, int]] = set()
    added_by = None if isinstance(actor, str) else actor.id
    for claim, citation in cited:
        source = next(resolved) if citation.url else next(placeholders)
        if (claim.id, source.id) in seen:  # the same source cited twice in one claim
            continue
        seen.add((claim.id, source.id))
        evidence.append(
            {
                "claim_id": claim.id,
                "source_id": source.id,
                "relation": Relation.cited.value,
                "anchor_text": citation.anchor_text[:1000] if citation.anchor_text else None,
                "quote": None,
                "added_by_id": added_by,
            }
        )
    if evidence:
        session.execute(insert(Evidence), evidence)
    return claims


def _earliest_by_fingerprint(session: Session, keys: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    unique = sorted(set(keys))
    for i in range(0, len(unique), 500):
        rows = session.execute(
            select(Claim.fingerprint, Claim.id)
            .where(Claim.fingerprint.in_(unique[i : i + 500]))
            .order_by(Claim.id)
        )
        for key, claim_id in rows:
            found.setdefault(key, claim_id)
    return found


def _add_article_sources(session: Session, article: Article, extracted: ExtractedArticle) -> None:
    """The article's own source list: one SELECT for all its URLs, one flush."""
    links = [
        link for link in extracted.document.sources if link.url and safe_url(link.url) is not None
    ]
    seen: set[int] = set()
    for link, source in zip(
        links, sources_for_urls(session, [(link.url, link.text) for link in links]), strict=True
    ):
        if source.id in seen:
            continue
        seen.add(source.id)
        session.add(
            ArticleSource(
                article_id=article.id, source_id=source.id, anchor_text=_bounded(link.text, 1000)
            )
        )
    session.flush()


def _bounded(value: str | None, limit: int) -> str | None:
    return value[:limit] if value else None


def _revise(
    session: Session, actor, article: Article, fields: dict, extracted: ExtractedArticle
) -> IngestResult:
    """A changed version of a known article: move claims with their text, never to a wrong place."""
    before = {"content_sha256": article.content_sha256, "revision": article.revision}
    new_text = fields["text"]
    result = IngestResult(article, created=False)
    kept_spans: list[tuple[int, int]] = []
    for claim in list(article.claims):
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
    for key, value in fields.items():
        setattr(article, key, value)
    article.revision += 1
    session.flush()
    audit.record(
        session,
        actor,
        "revise",
        article,
        before=before,
        after={"content_sha256": article.content_sha256, "revision": article.revision},
    )
    fresh = [
        c
        for c in extracted.claims
        if not any(c.start < end and start < c.end for start, end in kept_spans)
    ]
    result.added = _add_claims(session, actor, article, fresh)
    return result
