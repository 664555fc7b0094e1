"""Writes on sources and evidence: find-or-create by normalised URL, attach to claims."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.claims.models import Claim
from factcheck.sources.classify import kind_for_domain
from factcheck.sources.models import Evidence, Relation, Source
from factcheck.urls import domain_of, normalize_url, safe_url


class SourceError(ValueError):
    pass


def source_for_url(session: Session, url: str, title: str | None = None) -> Source:
    """The one Source row for this URL (created on first sight)."""
    return sources_for_urls(session, [(url, title)])[0]


def sources_for_urls(session: Session, links: list[tuple[str, str | None]]) -> list[Source]:
    """`source_for_url` for many (url, title) pairs at once, in order: one SELECT for all the
    normalised URLs, one flush for the new rows. A URL's row takes the first non-empty title."""
    keyed = []
    for url, title in links:
        checked = safe_url(url)
        if checked is None:
            raise SourceError("source URLs must be absolute http:// or https:// addresses")
        keyed.append((checked, normalize_url(checked), title))
    found: dict[str, Source] = {}
    unique = sorted({key for _, key, _ in keyed})
    for i in range(0, len(unique), 500):
        for source in session.scalars(
            select(Source).where(Source.normalized_url.in_(unique[i : i + 500]))
        ):
            found[source.normalized_url] = source
    new = []
    result = []
    for checked, key, title in keyed:
        source = found.get(key)
        if source is None:
            domain = domain_of(checked)
            source = Source(
                url=checked,
                normalized_url=key,
                title=(title or None) and title[:1000],
                domain=domain,
                kind=kind_for_domain(domain),
            )
            found[key] = source
            new.append(source)
        elif title and not source.title:
            source.title = title[:1000]
        result.append(source)
    if new:
        session.add_all(new)
        session.flush()
    return result


def unresolved_sources(session: Session, anchor_texts: list[str]) -> list[Source]:
    """`unresolved_source` for many citations: one row each, one flush."""
    sources = [
        Source(url=None, normalized_url=None, title=text[:1000] or None, kind="other")
        for text in anchor_texts
    ]
    if sources:
        session.add_all(sources)
        session.flush()
    return sources


def unresolved_source(session: Session, anchor_text: str) -> Source:
    """A citation the article made without a usable link: its own row, to be completed later."""
    return unresolved_sources(session, [anchor_text])[0]


def attach_source(
    session: Session,
    actor,
    claim: Claim,
    *,
    url: str | None,
    title: str | None = None,
    relation: Relation = Relation.cited,
    anchor_text: str | None = None,
    quote: str | None = None,
    audit_event: bool = True,
) -> Evidence:
    """Link a source to a claim as evidence; a missing URL makes an unresolved citation."""
    source = (
        source_for_url(session, url, title)
        if url
        else unresolved_source(session, anchor_text or title or "")
    )
    existing = session.scalar(
        select(Evidence).where(
            Evidence.claim_id == claim.id,
            Evidence.source_id == source.id,
            Evidence.relation == relation.value,
        )
    )
    if existing is not None:
        return existing
    evidence = Evidence(
        claim_id=claim.id,
        source_id=source.id,
        relation=relation.value,
        anchor_text=anchor_text[:1000] if anchor_text else None,
        quote=quote,
        added_by_id=None if isinstance(actor, str) else actor.id,
    )
    session.add(evidence)
    session.flush()
    if audit_event:
        audit.record(
            session,
            actor,
            "add_source",
            evidence,
            claim_id=claim.id,
            after={
                "url": source.url,
                "title": source.title,
                "relation": relation.value,
                "anchor_text": anchor_text,
                "quote": quote,
            },
        )
    return evidence


def resolve_citation(session: Session, actor, evidence: Evidence, url: str) -> Evidence:
    """Give an unresolved citation its URL: the evidence then points at the URL's Source."""
    if not evidence.source.unresolved:
        raise SourceError("this citation already has a URL")
    placeholder = evidence.source
    source = source_for_url(session, url, placeholder.title)
    before = {"url": None, "title": placeholder.title}
    evidence.source_id = source.id
    session.flush()
    session.delete(placeholder)
    session.flush()
    audit.record(
        session,
        actor,
        "resolve_citation",
        evidence,
        claim_id=evidence.claim_id,
        before=before,
        after={"url": source.url, "title": source.title},
    )
    return evidence
