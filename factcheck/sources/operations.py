"""Writes on sources and evidence: find-or-create by normalised URL, attach to claims."""

from __future__ import annotations

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.auth.models import Role
from factcheck.claims.models import Claim
from factcheck.db import insert_ignoring_conflicts, insert_returning_ids
from factcheck.permissions import require, require_unlocked
from factcheck.sources.classify import kind_for_domain
from factcheck.sources.models import Evidence, Relation, Source
from factcheck.urls import domain_of, normalize_url, safe_url


class SourceError(ValueError):
    pass


def source_for_url(session: Session, url: str, title: str | None = None) -> Source:
    """The one Source row for this URL (created on first sight)."""
    return _load(session, source_ids(session, [(url, title)]))[0]


def unresolved_source(session: Session, anchor_text: str) -> Source:
    """A citation the article made without a usable link: its own row, to be completed later."""
    return _load(session, source_ids(session, [(None, anchor_text)]))[0]


def _load(session: Session, ids: list[int]) -> list[Source]:
    # populate_existing: a title that source_ids set with a Core UPDATE shows on loaded objects.
    query = select(Source).where(Source.id.in_(ids)).execution_options(populate_existing=True)
    loaded = {source.id: source for source in session.scalars(query)}
    return [loaded[source_id] for source_id in ids]


def source_ids(session: Session, links: list[tuple[str | None, str | None]]) -> list[int]:
    """The Source id of each (url, title) link, in order, without ORM objects: one SELECT of
    the normalised URLs, one INSERT of the new rows (and an UPDATE when a row gets its first
    title). A URL's row is created on first sight and takes the first non-empty title; a link
    without URL is an unresolved citation, a new row of its own titled `title`."""
    keyed = [
        (None, None, title) if url is None else (*_checked(url), title) for url, title in links
    ]
    known = _known(session, sorted({key for _, key, _ in keyed if key is not None}))
    new, titled, order = [], [], []
    for url, key, title in keyed:
        title = (title or None) and title[:1000]
        row = known.get(key) if key is not None else None
        if row is None:
            row = _new_row(url, key, title)
            new.append(row)
            if key is not None:
                known[key] = row
        elif title and not row["title"]:
            row["title"] = title
            if "id" in row:  # a row that exists; a new one goes in with its title
                titled.append(row)
        order.append(row)
    _insert_new(session, new, titled)
    if titled:
        session.execute(
            update(Source.__table__).where(Source.id == bindparam("source_id")),
            [{"source_id": row["id"], "title": row["title"]} for row in titled],
        )
    return [row["id"] for row in order]


def _insert_new(session: Session, new: list[dict], titled: list[dict]) -> None:
    """Give each new row its id. A URL's row goes in unless another transaction stored the same
    URL meanwhile (the unique normalised URL decides): then that row's id is taken, and our
    title if it has none. Unresolved citations are always new rows."""
    keyed = sorted((row for row in new if row["normalized_url"]), key=lambda r: r["normalized_url"])
    inserted = dict(
        (key, source_id)
        for source_id, key in insert_ignoring_conflicts(
            session, Source.__table__, keyed, "normalized_url"
        )
    )
    stored_meanwhile = [row for row in keyed if row["normalized_url"] not in inserted]
    found = _known(session, [row["normalized_url"] for row in stored_meanwhile])
    for row in keyed:
        key = row["normalized_url"]
        if key in inserted:
            row["id"] = inserted[key]
        else:
            row["id"] = found[key]["id"]
            if row["title"] and not found[key]["title"]:
                titled.append(row)
    unresolved = [row for row in new if not row["normalized_url"]]
    ids = insert_returning_ids(session, Source.__table__, unresolved)
    for row, source_id in zip(unresolved, ids, strict=True):
        row["id"] = source_id


def _known(session: Session, keys: list[str]) -> dict[str, dict]:
    """{normalised URL: {"id", "title"}} of the sources that exist."""
    known: dict[str, dict] = {}
    for i in range(0, len(keys), 500):
        query = select(Source.id, Source.normalized_url, Source.title).where(
            Source.normalized_url.in_(keys[i : i + 500])
        )
        for source_id, key, title in session.execute(query):
            if key is not None:  # matched one of `keys`
                known[key] = {"id": source_id, "title": title}
    return known


def _checked(url: str) -> tuple[str, str]:
    checked = safe_url(url)
    if checked is None:
        raise SourceError("source URLs must be absolute http:// or https:// addresses")
    return checked, normalize_url(checked)


def _new_row(url: str | None, key: str | None, title: str | None) -> dict:
    domain = domain_of(url) if url is not None else None
    return {
        "url": url,
        "normalized_url": key,
        "title": title,
        "domain": domain,
        "kind": kind_for_domain(domain) if url is not None else "other",
    }


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
    """Link a source to a claim as evidence; a missing URL makes an unresolved citation.
    Reviewers and up; an approved claim's evidence only an editor changes."""
    require(session, actor, Role.reviewer)
    require_unlocked(session, actor, claim.id)
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


def resolve_citation(
    session: Session, actor, evidence: Evidence, url: str, title: str | None = None
) -> Evidence:
    """Give an unresolved citation its URL (and the source its title, when it has none yet):
    the evidence then points at the URL's Source. The words the article linked stay the
    evidence's anchor text; they never become the source's title ("resumed" names no page).
    Reviewers and up; an approved claim's evidence only an editor changes."""
    require(session, actor, Role.reviewer)
    require_unlocked(session, actor, evidence.claim_id)
    if not evidence.source.unresolved:
        raise SourceError("this citation already has a URL")
    placeholder = evidence.source
    if not evidence.anchor_text and placeholder.title:
        evidence.anchor_text = placeholder.title[:1000]  # what the article linked, kept
    source = source_for_url(session, url, title or None)
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


def remove_evidence(session: Session, actor, evidence: Evidence) -> None:
    """Unlink a source from a claim (the source stays). Reviewers and up; an approved claim's
    evidence only an editor changes."""
    require(session, actor, Role.reviewer)
    require_unlocked(session, actor, evidence.claim_id)
    source = evidence.source
    audit.record(
        session,
        actor,
        "remove_source",
        evidence,
        claim_id=evidence.claim_id,
        before={
            "url": source.url,
            "title": source.title,
            "relation": evidence.relation,
            "anchor_text": evidence.anchor_text,
            "quote": evidence.quote,
        },
    )
    session.delete(evidence)
    session.flush()
