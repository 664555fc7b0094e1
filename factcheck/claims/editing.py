"""The fact-checker's last word on a claim: add one by hand, edit what it says and who said it,
move its span, split it in two, merge two into one. Every change is role-checked, respects the
approved-claim lock and the claim's version, and goes into the history with the values it
replaced (the extracted ones included).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.articles.models import Article
from factcheck.articles.operations import fingerprint_key
from factcheck.auth.models import Role
from factcheck.claims.merge import three_way
from factcheck.claims.models import (
    Annotation,
    Claim,
    ClaimantKind,
    DismissalReason,
    Origin,
    Status,
)
from factcheck.claims.operations import ClaimError, StaleClaim
from factcheck.claims.spans import MAX_QUOTE, check_span, find_quote, occurrences
from factcheck.extraction.anchoring import anchor_quote
from factcheck.extraction.types import ClaimCandidate
from factcheck.permissions import require, require_unlocked
from factcheck.sources.models import Evidence, Relation
from factcheck.sources.operations import source_ids
from factcheck.urls import safe_url

MAX_REVIEWED = 2000
# What the edit form changes, as kept in the history.
EDITABLE = (
    "claim_reviewed",
    "claimant",
    "claimant_kind",
    "attribution",
    "claim_date_start",
    "claim_date_end",
    "appearance_url",
)


@dataclass
class EditConflict(StaleClaim):
    """The claim changed since the form was loaded and the same field was changed both times."""

    clashes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{super().__str__()}; both changed: {', '.join(self.clashes)}"


def editable(claim: Claim) -> dict[str, Any]:
    """The claim's editable fields (claim_reviewed as the reader sees it: the quote by default)."""
    values = {key: getattr(claim, key) for key in EDITABLE}
    values["claim_reviewed"] = claim.reviewed_text
    return values


def _fresh(session: Session, actor, claim_id: int, expected_version: int | None) -> Claim:
    """The claim as the database has it now, once the actor may change it (reviewers; an
    approved claim only editors); StaleClaim when it is not at `expected_version`."""
    require(session, actor, Role.reviewer)
    require_unlocked(session, actor, claim_id)
    claim = session.get(Claim, claim_id, populate_existing=True)
    if claim is None:
        raise ClaimError(f"there is no claim {claim_id}")
    if expected_version is not None and expected_version != claim.version:
        raise StaleClaim(claim, expected_version)
    return claim


def _article_of(session: Session, claim: Claim) -> Article:
    if claim.article_id is None:
        raise ClaimError("this claim has no article: its words have no span to change")
    if claim.orphaned:
        raise ClaimError("this claim's words are no longer in the article")
    article = session.get(Article, claim.article_id)
    assert article is not None  # a foreign key
    return article


# --- describing a span as the extraction would ------------------------------------------------


def describe(article: Article, start: int, end: int) -> ClaimCandidate:
    """The span of the article's text scored and attributed by the extraction's own code (the
    article parsed again from its stored input; only the text when that no longer gives the
    same text)."""
    from factcheck.extraction.decoding import decode_text  # lxml and the model: only here
    from factcheck.extraction.documents import parse_document
    from factcheck.extraction.pipeline import describe_span
    from factcheck.extraction.types import Document

    doc = parse_document(decode_text(article.raw_text), article.input_format)
    if doc.text != article.text:
        doc = Document(
            text=article.text,
            format=article.input_format,
            author=article.author,
            publisher=article.publisher,
            published=article.published,
        )
    return describe_span(doc, start, end)


def _score(text: str) -> float:
    from factcheck.extraction import checkworthiness

    return float(min(1.0, max(0.0, checkworthiness.score([text])[0])))


def _place(article: Article, start: int, end: int) -> dict[str, Any]:
    """The columns that anchor a claim at text[start:end], as an extracted claim is anchored."""
    prefix, suffix = anchor_quote(article.text, start, end)
    text = article.text[start:end]
    return {
        "text": text,
        "start": start,
        "end": end,
        "quote_prefix": prefix,
        "quote_suffix": suffix,
        "fingerprint": fingerprint_key(text),
        "orphaned": False,
    }


def _span(
    article: Article,
    quote: str | None,
    occurrence: int | None,
    start: int | None,
    end: int | None,
) -> tuple[int, int]:
    """The span named by a quote (and occurrence) or by start and end; with both, the quote
    must be what the article has there (a selection made on an older text is refused)."""
    if start is None and end is None:
        return find_quote(article.text, quote or "", occurrence)
    if start is None or end is None:
        raise ClaimError("a span needs both its start and its end")
    start, end = check_span(article.text, start, end)
    if quote is not None and quote.strip() and (start, end) not in occurrences(article.text, quote):
        raise ClaimError("the article's text there is not the quote: reload the page and try again")
    return start, end


def _new_claim(session: Session, actor, article: Article, start: int, end: int) -> Claim:
    """A claim at text[start:end], entered by hand, described by the extraction's code."""
    found = describe(article, start, end)
    place = _place(article, start, end)
    earlier = session.scalar(
        select(func.min(Claim.id)).where(Claim.fingerprint == place["fingerprint"])
    )
    claim = Claim(
        article_id=article.id,
        origin=Origin.manual.value,
        **place,
        same_as_id=earlier,
        checkworthiness=found.checkworthiness,
        claimant=found.claimant[:300] if found.claimant else None,
        claimant_kind=found.claimant_kind if found.claimant else None,
        attribution=found.attribution[:300] if found.attribution else None,
        claim_date_start=found.date_start,
        claim_date_end=found.date_end,
        is_caption=found.is_caption,
        status=Status.unreviewed.value,
        rationale="",
    )
    session.add(claim)
    session.flush()
    _cite(session, actor, claim, found)
    return claim


def _cite(session: Session, actor, claim: Claim, found: ClaimCandidate) -> None:
    """The links inside the span as the claim's cited sources, as at extraction."""
    links: list[tuple[str | None, str | None]] = [
        (c.url, None) if c.url else (None, c.anchor_text or "") for c in found.citations
    ]
    seen: set[int] = set()
    for citation, source_id in zip(found.citations, source_ids(session, links), strict=True):
        if source_id in seen:
            continue
        seen.add(source_id)
        session.add(
            Evidence(
                claim_id=claim.id,
                source_id=source_id,
                relation=Relation.cited.value,
                anchor_text=citation.anchor_text[:1000] if citation.anchor_text else None,
                added_by_id=None if isinstance(actor, str) else actor.id,
            )
        )
    session.flush()


def _added(claim: Claim, **extra) -> dict[str, Any]:
    return {
        "text": claim.text,
        "origin": claim.origin,
        "status": claim.status,
        "claimant": claim.claimant,
        "attribution": claim.attribution,
        **extra,
    }


# --- add ---------------------------------------------------------------------------------------


def add_claim(
    session: Session,
    actor,
    article_id: int,
    *,
    quote: str | None = None,
    occurrence: int | None = None,
    start: int | None = None,
    end: int | None = None,
) -> Claim:
    """A claim the extraction missed, at the quote's place in the article (`occurrence`, from 1,
    when the quote is there more than once) or at start:end; reviewers. Anchored, scored and
    attributed like an extracted claim, its cited links as sources; origin manual."""
    require(session, actor, Role.reviewer)
    article = session.get(Article, article_id)
    if article is None:
        raise ClaimError(f"there is no article {article_id}")
    start, end = _span(article, quote, occurrence, start, end)
    same = session.scalar(
        select(Claim.id).where(
            Claim.article_id == article.id,
            Claim.start == start,
            Claim.end == end,
            ~Claim.orphaned,
            Claim.status != Status.dismissed.value,
        )
    )
    if same is not None:
        raise ClaimError(f"claim {same} already covers exactly these words")
    claim = _new_claim(session, actor, article, start, end)
    audit.record(session, actor, "add_claim", claim, claim_id=claim.id, after=_added(claim))
    return claim


def add_unattached_claim(
    session: Session,
    actor,
    *,
    text: str,
    appearance_url: str,
    claimant: str | None = None,
    claimant_kind: str | None = None,
    claim_date_start: date | None = None,
    claim_date_end: date | None = None,
) -> Claim:
    """A claim seen outside the articles here (a post, a speech), with the address where it
    appeared; reviewers."""
    require(session, actor, Role.reviewer)
    text = " ".join(text.split())
    if not text:
        raise ClaimError("write the claim as it was made")
    if len(text) > MAX_QUOTE:
        raise ClaimError(f"a claim is limited to {MAX_QUOTE} characters")
    url = safe_url(appearance_url)
    if url is None:
        raise ClaimError("give the address where the claim appeared, starting with http(s)://")
    values = _checked(
        {
            "claimant": claimant,
            "claimant_kind": claimant_kind,
            "claim_date_start": claim_date_start,
            "claim_date_end": claim_date_end,
        },
        text,
    )
    _check_dates(values["claim_date_start"], values["claim_date_end"])
    key = fingerprint_key(text)
    claim = Claim(
        article_id=None,
        appearance_url=url,
        origin=Origin.manual.value,
        text=text,
        fingerprint=key,
        same_as_id=session.scalar(select(func.min(Claim.id)).where(Claim.fingerprint == key)),
        checkworthiness=_score(text),
        status=Status.unreviewed.value,
        rationale="",
        **values,
    )
    session.add(claim)
    session.flush()
    after = _added(claim, appearance_url=url)
    audit.record(session, actor, "add_claim", claim, claim_id=claim.id, after=after)
    return claim


# --- edit --------------------------------------------------------------------------------------


def _checked(changes: dict[str, Any], quote: str) -> dict[str, Any]:
    """The changes, validated and in stored form (ClaimError for the user otherwise)."""
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in EDITABLE:
            raise ClaimError(f"{key.replace('_', ' ')} cannot be edited")
        if isinstance(value, str):
            value = " ".join(value.split()) or None
        if key == "claim_reviewed":
            if value is not None and len(value) > MAX_REVIEWED:
                raise ClaimError(f"the claim as checked is limited to {MAX_REVIEWED} characters")
            value = value or quote
        elif key in ("claimant", "attribution") and value is not None and len(value) > 300:
            raise ClaimError(f"the {key} is limited to 300 characters")
        elif key == "claimant_kind" and value is not None and value not in ClaimantKind.__members__:
            raise ClaimError("the claimant is a speaker, an outlet or the article's author")
        elif key.startswith("claim_date") and value is not None and not isinstance(value, date):
            raise ClaimError("dates are written YYYY-MM-DD")
        elif key == "appearance_url" and value is not None:
            value = safe_url(value)
            if value is None:
                raise ClaimError("the appearance URL must start with http:// or https://")
        out[key] = value
    return out


def _check_dates(start: date | None, end: date | None) -> None:
    if end is not None and start is None:
        raise ClaimError("a date range needs its first day")
    if start is not None and end is not None and end < start:
        raise ClaimError("the date range ends before it starts")


def edit_claim(
    session: Session,
    actor,
    claim_id: int,
    expected_version: int | None,
    changes: dict[str, Any],
    loaded: dict[str, Any] | None = None,
) -> bool:
    """Change the fields of EDITABLE named in `changes` (claim_reviewed: the claim as checked,
    the quote when empty; one date is a claim_date_start without end). Reviewers; an approved
    claim only editors.

    When the claim changed since version `expected_version` and `loaded` gives the values the
    form was loaded with, the fields merge (merge.three_way): an EditConflict names the fields
    both changed differently; without `loaded`, StaleClaim. Returns whether anything changed."""
    claim = _fresh(session, actor, claim_id, None)
    changes = _checked(changes, claim.text)
    current = editable(claim)
    if expected_version is not None and expected_version != claim.version:
        if loaded is None:
            raise StaleClaim(claim, expected_version)
        merged = three_way(_checked(loaded, claim.text), current, changes)
        if merged.clashes:
            raise EditConflict(claim, expected_version, clashes=merged.clashes)
        changes = merged.apply
    after = {**current, **changes}
    _check_dates(after["claim_date_start"], after["claim_date_end"])
    if after["claim_reviewed"] == claim.text:
        changes["claim_reviewed"] = None
    before = {k: getattr(claim, k) for k in EDITABLE}
    for key, value in changes.items():
        setattr(claim, key, value)
    old = {k: v for k, v in before.items() if getattr(claim, k) != v}
    if not old:
        return False
    new = {k: getattr(claim, k) for k in old}
    session.flush()
    audit.record(session, actor, "edit", claim, claim_id=claim.id, before=old, after=new)
    return True


# --- the span: move, split, merge --------------------------------------------------------------


def _move(claim: Claim, article: Article, start: int, end: int) -> tuple[dict, dict]:
    """Anchor the claim at text[start:end] and rescore it; (before, after) for the history."""
    before = {"start": claim.start, "end": claim.end, "text": claim.text}
    for key, value in _place(article, start, end).items():
        setattr(claim, key, value)
    claim.checkworthiness = _score(claim.text)
    return before, {"start": start, "end": end, "text": claim.text}


def change_span(
    session: Session,
    actor,
    claim_id: int,
    expected_version: int | None,
    *,
    quote: str | None = None,
    occurrence: int | None = None,
    start: int | None = None,
    end: int | None = None,
) -> bool:
    """Make the claim cover other words of its article (by quote and occurrence, or start and
    end), anchored exactly; returns whether the span changed."""
    claim = _fresh(session, actor, claim_id, expected_version)
    article = _article_of(session, claim)
    start, end = _span(article, quote, occurrence, start, end)
    if (start, end) == (claim.start, claim.end):
        return False
    before, after = _move(claim, article, start, end)
    session.flush()
    audit.record(
        session, actor, "change_span", claim, claim_id=claim.id, before=before, after=after
    )
    return True


def split_claim(
    session: Session, actor, claim_id: int, expected_version: int | None, at: int
) -> Claim:
    """Cut the claim in two at offset `at` of its text: the first part keeps the claim (its
    sources, notes, verdict and history), the second becomes a new claim whose history says
    where it came from. Returns the new claim."""
    claim = _fresh(session, actor, claim_id, expected_version)
    article = _article_of(session, claim)
    assert claim.start is not None and claim.end is not None  # an anchored claim
    if not 0 < at < claim.end - claim.start:
        raise ClaimError("split the claim somewhere between its first and its last word")
    first = check_span(article.text, claim.start, claim.start + at)
    second = check_span(article.text, claim.start + at, claim.end)
    before, after = _move(claim, article, *first)
    part = _new_claim(session, actor, article, *second)
    session.flush()
    after["split_into"] = part.id
    audit.record(session, actor, "split", claim, claim_id=claim.id, before=before, after=after)
    audit.record(
        session,
        actor,
        "split_from",
        part,
        claim_id=part.id,
        after=_added(part, split_from=claim.id, origin_of_whole=claim.origin),
    )
    return part


def merge_claims(
    session: Session, actor, claim_id: int, expected_version: int | None, other_id: int
) -> Claim:
    """Join claim `other_id` into claim `claim_id`, its neighbour in the same article: the
    claim covers both spans and the gap between, takes the other's sources and notes (and its
    verdict when it had none); the other is dismissed as its duplicate, its history saying
    where it went. Refused when both have different verdicts."""
    if other_id == claim_id:
        raise ClaimError("a claim cannot be merged with itself")
    survivor = _fresh(session, actor, claim_id, expected_version)
    other = _fresh(session, actor, other_id, None)
    article = _article_of(session, survivor)
    if other.article_id != survivor.article_id or other.orphaned:
        raise ClaimError(f"claim {other_id} is not in the same article's text")
    if other.status == Status.dismissed.value and other.same_as_id == survivor.id:
        raise ClaimError(f"claim {other_id} is already merged into this one")
    if (
        survivor.verdict_id is not None
        and other.verdict_id is not None
        and survivor.verdict_id != other.verdict_id
    ):
        labels = [c.verdict.label if c.verdict else "" for c in (survivor, other)]
        raise ClaimError(
            f"the two claims have different verdicts ({labels[0]} and {labels[1]}): "
            "settle on one verdict first"
        )
    assert survivor.start is not None and survivor.end is not None
    assert other.start is not None and other.end is not None
    start, end = min(survivor.start, other.start), max(survivor.end, other.end)
    _require_adjacent(session, article, start, end, {survivor.id, other.id})
    before, after = _move(survivor, article, start, end)
    if survivor.verdict_id is None and other.verdict_id is not None:
        before |= {"status": survivor.status, "verdict": None, "rationale": survivor.rationale}
        survivor.verdict, survivor.status = other.verdict, other.status
        survivor.rationale = survivor.rationale or other.rationale
        verdict = other.verdict.label if other.verdict else None
        after |= {"status": survivor.status, "verdict": verdict, "rationale": survivor.rationale}
    moved = _move_evidence(session, other, survivor)
    notes = session.scalars(select(Annotation).where(Annotation.claim_id == other.id)).all()
    for note in notes:
        note.claim_id = survivor.id
    after |= {"merged": other.id, "sources_moved": moved, "notes_moved": len(notes)}
    other_before = {"status": other.status, "same_as": other.same_as_id}
    other.status = Status.dismissed.value
    other.dismissal_reason = DismissalReason.duplicate.value
    other.same_as_id = survivor.id
    session.flush()
    audit.record(
        session, actor, "merge", survivor, claim_id=survivor.id, before=before, after=after
    )
    audit.record(
        session,
        actor,
        "merged_into",
        other,
        claim_id=other.id,
        before=other_before,
        after={"status": other.status, "same_as": survivor.id, "merged_into": survivor.id},
    )
    return survivor


def _require_adjacent(
    session: Session, article: Article, start: int, end: int, pair: set[int]
) -> None:
    """No other claim of the article's text lies between (or across) the two to merge."""
    between = session.scalar(
        select(Claim.id)
        .where(
            Claim.article_id == article.id,
            Claim.id.not_in(pair),
            ~Claim.orphaned,
            Claim.status != Status.dismissed.value,
            Claim.start < end,
            Claim.end > start,
        )
        .limit(1)
    )
    if between is not None:
        raise ClaimError(f"claim {between} lies between them: only neighbouring claims merge")


def _move_evidence(session: Session, other: Claim, survivor: Claim) -> int:
    """The other claim's sources onto the survivor (a source it already has the same way is
    not doubled); how many moved."""
    have = {
        (source_id, relation)
        for source_id, relation in session.execute(
            select(Evidence.source_id, Evidence.relation).where(Evidence.claim_id == survivor.id)
        )
    }
    moved = 0
    for evidence in session.scalars(select(Evidence).where(Evidence.claim_id == other.id)):
        if (evidence.source_id, evidence.relation) in have:
            continue
        evidence.claim_id = survivor.id
        moved += 1
    return moved


def merge_candidates(session: Session, claim: Claim) -> list[Claim]:
    """The claims just before and just after this one in its article's text: the ones it may
    merge with."""
    if claim.article_id is None or claim.orphaned or claim.start is None:
        return []
    live = (
        Claim.article_id == claim.article_id,
        Claim.id != claim.id,
        ~Claim.orphaned,
        Claim.status != Status.dismissed.value,
    )
    before = session.scalars(
        select(Claim).where(*live, Claim.start < claim.start).order_by(Claim.start.desc()).limit(1)
    ).first()
    after = session.scalars(
        select(Claim).where(*live, Claim.start >= claim.start).order_by(Claim.start).limit(1)
    ).first()
    return [c for c in (before, after) if c is not None]
