"""/api/v1/: the desk's work as JSON, through the features' own queries and operations (the
same rules, locks and history as the pages). Every write needs a write token; the account's
role decides the rest (factcheck.permissions), as on the desk."""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, g, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from factcheck.api import access, problems
from factcheck.api.access import api_user
from factcheck.api.problems import Problem
from factcheck.api.queries import claim_detail
from factcheck.api.schemas import (
    ArticleDetailSchema,
    ArticleListSchema,
    ArticleQuerySchema,
    AssigneeSchema,
    ClaimListSchema,
    ClaimMatchesSchema,
    ClaimPatchSchema,
    ClaimQuerySchema,
    ClaimSchema,
    CorrectionSchema,
    EvidenceSchema,
    ImportSummarySchema,
    IngestedSchema,
    MatchesSchema,
    MatchQuerySchema,
    MeSchema,
    NewArticleSchema,
    NewClaimSchema,
    NewEvidenceSchema,
    NewNoteSchema,
    NewUnattachedClaimSchema,
    NoteSchema,
    PersonSchema,
    ProblemSchema,
    ReportQuerySchema,
    VerdictSchema,
)
from factcheck.articles.models import Article
from factcheck.articles.operations import IngestError, ingest
from factcheck.articles.queries import article_claims, article_list
from factcheck.auth.models import Role, User
from factcheck.claimreview.export import fact_check_path
from factcheck.claimreview.operations import import_claimreview
from factcheck.claims.dismissal import BadReason, dismiss
from factcheck.claims.editing import EDITABLE, add_claim, add_unattached_claim, edit_claim
from factcheck.claims.filters import BadFilter, QueueFilters
from factcheck.claims.models import Annotation, Claim, Status, Verdict
from factcheck.claims.operations import ClaimError, StaleClaim, annotate, assess, assign
from factcheck.claims.queue import queue_after
from factcheck.db import get_session
from factcheck.extraction.types import ExtractionError
from factcheck.memory.queries import find, stored_matches
from factcheck.permissions import PermissionDenied, require
from factcheck.publishing.operations import PublishError, correct, publish, unpublish
from factcheck.publishing.public import base_url as public_base_url
from factcheck.publishing.queries import panel
from factcheck.reads.reference import reviewers, verdict_scale
from factcheck.reports.formats import FORMATS, Publisher, render
from factcheck.reports.queries import article_report
from factcheck.reports.renderers import PdfUnavailable
from factcheck.sources.models import Evidence, Relation
from factcheck.sources.operations import SourceError, attach_source, remove_evidence

bp = Blueprint("api", __name__, url_prefix="/api/v1", description="The fact-checking desk")
bp.before_request(access.authenticate)
bp.after_request(access.cors)
bp.register_error_handler(Problem, problems.from_problem)
bp.register_error_handler(HTTPException, problems.from_http)
# Flask looks for a handler of the status code in the blueprint and the app before it looks
# for one of a class: the browser's error pages are registered by code, so these are too.
for _code in (400, 401, 403, 404, 405, 406, 409, 412, 413, 415, 422, 428, 429, 503):
    bp.register_error_handler(_code, problems.from_http)
bp.register_error_handler(PermissionDenied, lambda e: problems.from_problem(Problem(403, str(e))))
for _unavailable in (OperationalError, InterfaceError, SQLAlchemyTimeoutError):
    bp.register_error_handler(_unavailable, problems.unavailable)

# Errors every operation may answer (documented, so that clients and the fuzzing expect them).
COMMON = (401, 429, 503)
FORMAT_INPUT = {"text": "txt", "markdown": "md", "html": "html"}


def errors(*codes: int):
    """Document the problem responses an operation may give."""

    def decorate(view):
        for code in sorted({*codes, *COMMON}):
            view = bp.alt_response(
                code, schema=ProblemSchema, content_type="application/problem+json"
            )(view)
        return view

    return decorate


def _commit() -> None:
    get_session().commit()


# --- shapes -----------------------------------------------------------------------------------


def _person(person) -> dict | None:
    if person is None:
        return None
    return {"id": person.id, "name": person.name, "email": person.email, "role": person.role}


def _verdict(verdict) -> dict | None:
    if verdict is None:
        return None
    return {
        "id": verdict.id,
        "label": verdict.label,
        "description": verdict.description,
        "value": verdict.value,
        "active": verdict.active,
    }


def _article(article: Article, counts: dict[str, int] | None = None) -> dict:
    return {
        "id": article.id,
        "title": article.title,
        "author": article.author,
        "publisher": article.publisher,
        "published": article.published,
        "url": article.url,
        "revision": article.revision,
        "ingested_at": article.ingested_at,
        "claims_by_status": counts or {},
    }


def _claim(claim: Claim) -> dict:
    return {
        "id": claim.id,
        "article_id": claim.article_id,
        "article_title": claim.article.title if claim.article else None,
        "origin": claim.origin,
        "text": claim.text,
        "claim_reviewed": claim.reviewed_text,
        "start": claim.start,
        "end": claim.end,
        "orphaned": claim.orphaned,
        "checkworthiness": claim.checkworthiness,
        "claimant": claim.claimant,
        "claimant_kind": claim.claimant_kind,
        "is_caption": bool(claim.is_caption),
        "attribution": claim.attribution,
        "claim_date_start": claim.claim_date_start,
        "claim_date_end": claim.claim_date_end,
        "status": claim.status,
        "dismissal_reason": claim.dismissal_reason,
        "dismissal_note": claim.dismissal_note,
        "verdict": _verdict(claim.verdict),
        "rationale": claim.rationale,
        "assignee": _person(claim.assignee),
        "publication": _publication(claim),
        "appearance_url": claim.appearance_url,
        "review_url": claim.review_url,
        "version": claim.version,
        "created_at": claim.created_at,
        "updated_at": claim.updated_at,
        "evidence": [_evidence(e) for e in claim.evidence],
        "notes": [_note(n) for n in claim.annotations],
    }


def _publication(claim: Claim) -> dict | None:
    shown = panel(get_session(), claim)
    publication = shown.publication
    if publication is None:
        return None
    state = "published" if shown.live else "withdrawn" if publication.withdrawn_at else "held"
    url = None
    if shown.live:
        url = public_base_url() + fact_check_path(claim.id, publication.slug)
    return {
        "state": state,
        "url": url,
        "published_at": publication.published_at,
        "corrected_at": publication.corrected_at,
        "correction_note": publication.correction_note,
    }


def _evidence(evidence: Evidence) -> dict:
    source = evidence.source
    return {
        "id": evidence.id,
        "relation": evidence.relation,
        "anchor_text": evidence.anchor_text,
        "quote": evidence.quote,
        "source": {"id": source.id, "url": source.url, "title": source.title},
        "created_at": evidence.created_at,
    }


def _note(note: Annotation) -> dict:
    return {
        "id": note.id,
        "parent_id": note.parent_id,
        "author": _person(note.author),
        "body": note.body,
        "resolved": note.resolved,
        "created_at": note.created_at,
    }


def etag(claim: Claim) -> str:
    """The claim's entity tag: its version, which every change bumps."""
    return f'"claim-{claim.id}-v{claim.version}"'


def _found_claim(claim_id: int) -> Claim:
    claim = claim_detail(get_session(), claim_id)
    if claim is None:
        raise Problem(404, f"There is no claim {claim_id}.")
    return claim


def _claim_response(claim_id: int, status: int = 200) -> tuple[dict, int, dict]:
    session = get_session()
    session.expire_all()
    claim = _found_claim(claim_id)
    return _claim(claim), status, {"ETag": etag(claim)}


# --- who am I, the scale, the people ----------------------------------------------------------


@bp.route("/me", methods=["GET"])
@bp.response(200, MeSchema)
@errors()
def me():
    """The account the token acts as, its role and the token's scope."""
    return {**(_person(api_user()) or {}), "scope": g.api_bearer.scope.value}


@bp.route("/verdicts", methods=["GET"])
@bp.response(200, VerdictSchema(many=True))
@errors()
def verdicts():
    """The verdict scale, in its order (inactive steps too, marked)."""
    return [_verdict(v) for v in verdict_scale(get_session(), include_inactive=True)]


@bp.route("/reviewers", methods=["GET"])
@bp.response(200, PersonSchema(many=True))
@errors()
def people():
    """The accounts a claim can be assigned to."""
    return [_person(p) for p in reviewers(get_session())]


# --- articles ---------------------------------------------------------------------------------


@bp.route("/articles", methods=["GET"])
@bp.arguments(ArticleQuerySchema, location="query")
@bp.response(200, ArticleListSchema)
@errors(422)
def articles(args: dict):
    """Articles, newest first, with their claims counted by status (`q` searches titles and
    texts); `next` is the following page."""
    q = " ".join(args.get("q", "").split())
    page = article_list(get_session(), page=args.get("page", 1), q=q)
    following = None
    if page.page < page.pages:
        following = url_for("api.articles", q=q or None, page=page.page + 1)
    return {
        "items": [_article(a, counts) for a, counts in page.items],
        "total": page.total,
        "total_exact": page.exact,
        "next": following,
    }


@bp.route("/articles", methods=["POST"])
@bp.arguments(NewArticleSchema)
@bp.response(201, IngestedSchema)
@bp.alt_response(200, schema=IngestedSchema, description="the text was stored already")
@errors(403, 404, 409, 422)
def create_article(body: dict):
    """Ingest an article (editors), through the same ingest as `factcheck ingest`: all or
    nothing, with the same errors. A text with the canonical URL of a stored article is a new
    version of it (`revise` names the article otherwise)."""
    session = get_session()
    try:
        result = ingest(
            session,
            api_user(),
            body["content"],
            FORMAT_INPUT[body["format"]],
            url=body.get("url") or None,
            publisher=body.get("publisher") or None,
            title=body.get("title") or None,
            revise=body.get("revise"),
        )
    except ExtractionError as exc:
        raise Problem(422, f"Not an article that can be read: {exc}") from None
    except IngestError as exc:
        status = 404 if "no article" in str(exc) else 409
        raise Problem(status, str(exc)) from None
    article, created = result.article, result.created
    state = "created" if created else ("unchanged" if result.unchanged else "revised")
    added = list(result.added_ids)
    _commit()
    counts = {s.value: 0 for s in Status}
    for claim in article_claims(session, article.id):
        counts[claim.status] += 1
    out = {
        "article": _article(article, counts),
        "status": state,
        "claims": result.anchored,
        "added": added,
        "orphaned": result.orphaned,
    }
    location = url_for("api.article", article_id=article.id)
    return out, 201 if created else 200, {"Location": location}


@bp.route("/articles/<int:article_id>", methods=["GET"])
@bp.response(200, ArticleDetailSchema)
@errors(404)
def article(article_id: int):
    """An article with its text and its claims in text order."""
    session = get_session()
    found = session.get(Article, article_id)
    if found is None:
        raise Problem(404, f"There is no article {article_id}.")
    claims = article_claims(session, article_id)
    counts = {s.value: 0 for s in Status}
    for claim in claims:
        counts[claim.status] += 1
    return {
        **_article(found, counts),
        "text": found.text,
        "content_sha256": found.content_sha256,
        "claims": [
            {
                "id": c.id,
                "text": c.text,
                "start": c.start,
                "end": c.end,
                "orphaned": c.orphaned,
                "status": c.status,
                "verdict": _verdict(c.verdict),
                "assignee": _person(c.assignee),
            }
            for c in claims
        ],
    }


@bp.route("/articles/<int:article_id>/report", methods=["GET"])
@bp.arguments(ReportQuerySchema, location="query")
@bp.response(
    200,
    description="The report in the format asked for (the JSON report: DESIGN.md)",
    content_type="application/octet-stream",
)
@errors(403, 404, 422)
def report(args: dict, article_id: int):
    """An article's verification report in any export format (editors, as on the desk):
    approved claims only unless `include_all`."""
    session = get_session()
    require(session, api_user(), Role.editor)
    fmt = args["format"]
    found = article_report(session, article_id)
    if found is None:
        raise Problem(404, f"There is no article {article_id}.")
    include_all = bool(args.get("include_all"))
    try:
        body = render(
            found, fmt, Publisher.from_config(current_app.config), include_all=include_all
        )
    except PdfUnavailable as exc:
        raise Problem(503, str(exc)) from None
    export = FORMATS[fmt]
    response = Response(body, mimetype=export.mimetype.split(";")[0])
    filename = export.filename(article_id, include_all)
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- claims -----------------------------------------------------------------------------------


@bp.route("/claims", methods=["GET"])
@bp.arguments(ClaimQuerySchema, location="query")
@bp.response(200, ClaimListSchema)
@errors(400, 422)
def claims(args: dict):
    """The claim queue with its filters, search and orders (as /claims on the desk), a page at
    a time: `next` is the following page (keyset: claims added meanwhile move no page)."""
    session = get_session()
    try:
        filters = QueueFilters.from_args(request.args, api_user().id)
    except BadFilter as exc:
        raise Problem(400, str(exc)) from None
    limit = args.get("limit", 50)
    after = None
    if args.get("after") is not None:
        after = session.get(Claim, args["after"])
        if after is None:
            raise Problem(400, f"after: there is no claim {args['after']}.")
    rows = queue_after(session, filters, after, limit + 1)
    following = None
    if len(rows) > limit:
        rows = rows[:limit]
        query: dict[str, Any] = {k: v for k, v in request.args.items() if k != "after"}
        following = url_for("api.claims", **query, after=rows[-1].id)
    items = [
        {
            "id": r.id,
            "article_id": r.article_id,
            "article_title": r.article.title if r.article else None,
            "text": r.text,
            "claimant": r.claimant,
            "checkworthiness": r.checkworthiness,
            "status": r.status,
            "verdict": _verdict(r.verdict),
            "assignee": _person(r.assignee),
        }
        for r in rows
    ]
    return {"items": items, "next": following}


def _if_match(claim: Claim) -> None:
    given = request.headers.get("If-Match")
    if not given:
        raise Problem(428, "Send If-Match with the claim's ETag (from GET): changes need it.")
    tags = [t.strip() for t in given.split(",")]
    if "*" not in tags and etag(claim) not in tags and f"W/{etag(claim)}" not in tags:
        raise _stale(claim)


def _stale(claim: Claim) -> Problem:
    return Problem(
        412,
        "The claim was changed since you read it: here is its current state; "
        "apply your change to it and send its ETag.",
        {"ETag": etag(claim)},
        current=ClaimSchema().dump(_claim(claim)),
    )


@bp.route("/claims/<int:claim_id>")
class ClaimItem(MethodView):
    # One rule for both methods: an id out of range is then a 404 for each (not a 405).

    @bp.response(200, ClaimSchema, headers={"ETag": {"schema": {"type": "string"}}})
    @errors(404)
    def get(self, claim_id: int):
        """A claim with its evidence and notes; its ETag goes in If-Match to change it."""
        return _claim_response(claim_id)

    @bp.arguments(ClaimPatchSchema)
    @bp.response(200, ClaimSchema, headers={"ETag": {"schema": {"type": "string"}}})
    @bp.doc(
        parameters=[
            {"in": "header", "name": "If-Match", "required": True, "schema": {"type": "string"}}
        ]
    )
    @errors(403, 404, 412, 422, 428)
    def patch(self, body: dict, claim_id: int):
        """Change a claim's status, verdict and rationale with the desk's rules (approving,
        reopening and any change to an approved claim: editors). If-Match: the ETag you
        read; a stale one gets 412 with the claim as it is now."""
        return update_claim(body, claim_id)


ASSESSED = ("status", "verdict_id", "rationale")
DISMISSAL = ("dismissal_reason", "dismissal_note", "duplicate_of")


def update_claim(body: dict, claim_id: int):
    """PATCH /claims/<id>: edit_claim(), assess() and dismiss() in one transaction, against the
    one version the client read (If-Match)."""
    session = get_session()
    claim = _found_claim(claim_id)
    _if_match(claim)
    verdict: Verdict | None | bool = False
    if "verdict_id" in body:
        verdict = None
        if body["verdict_id"] is not None:
            verdict = session.get(Verdict, body["verdict_id"])
            if verdict is None or not verdict.active:  # the desk offers the active scale
                raise Problem(422, f"verdict_id: {body['verdict_id']} is not on the scale.")
    status = Status(body["status"]) if body.get("status") else None
    dismissing = status == Status.dismissed and (
        claim.status != Status.dismissed.value or "dismissal_reason" in body
    )
    if dismissing and "dismissal_reason" not in body:
        raise Problem(422, "dismissal_reason: say why the claim is dismissed.")
    if not dismissing and any(k in body for k in DISMISSAL):
        raise Problem(422, "dismissal_reason: a reason goes with status dismissed.")
    edits = {k: body[k] for k in EDITABLE if k in body}
    user = api_user()
    # The first change checks the version read; the others follow it in the same transaction.
    expected: int | None = claim.version
    try:
        if edits:
            edit_claim(session, user, claim_id, expected, edits)
            expected = None
        if not edits or any(k in body for k in ASSESSED):
            assess(
                session,
                user,
                claim,
                expected_version=expected,
                status=None if dismissing else status,
                verdict=verdict,  # type: ignore[arg-type]
                rationale=body.get("rationale"),
            )
            expected = None
        if dismissing:
            dismiss(
                session,
                user,
                claim,
                body["dismissal_reason"],
                note=body.get("dismissal_note"),
                duplicate_of=body.get("duplicate_of"),
                expected_version=expected,
            )
        _commit()
    except (StaleClaim, StaleDataError):
        # Saved by someone else between this request's read and its write.
        session.rollback()
        session.expire_all()
        raise _stale(_found_claim(claim_id)) from None
    except BadReason as exc:
        session.rollback()
        field = {"reason": "dismissal_reason", "note": "dismissal_note"}.get(exc.field, exc.field)
        raise Problem(422, f"{field}: {exc}") from None
    except ClaimError as exc:
        session.rollback()
        raise Problem(422, str(exc)) from None
    return _claim_response(claim_id)


def _created(claim_id: int) -> tuple[dict, int, dict]:
    out, _, headers = _claim_response(claim_id, 201)
    return out, 201, {**headers, "Location": url_for("api.ClaimItem", claim_id=claim_id)}


@bp.route("/articles/<int:article_id>/claims", methods=["POST"])
@bp.arguments(NewClaimSchema)
@bp.response(201, ClaimSchema, headers={"ETag": {"schema": {"type": "string"}}})
@errors(403, 404, 409, 422)
def add_article_claim(body: dict, article_id: int):
    """A claim the extraction missed (reviewers): its `quote` as in the article's text
    (`occurrence`, from 1, when the words are there more than once), or `start` and `end`.
    Anchored, scored and attributed like an extracted claim; origin manual."""
    session = get_session()
    if session.get(Article, article_id) is None:
        raise Problem(404, f"There is no article {article_id}.")
    if ("quote" in body) == ("start" in body or "end" in body):
        raise Problem(422, "quote: give the claim's words, or its start and end, not both.")
    try:
        claim = add_claim(session, api_user(), article_id, **body)
    except ClaimError as exc:
        status = 409 if "already covers" in str(exc) else 422
        raise Problem(status, str(exc)) from None
    _commit()
    return _created(claim.id)


@bp.route("/claims", methods=["POST"])
@bp.arguments(NewUnattachedClaimSchema)
@bp.response(201, ClaimSchema, headers={"ETag": {"schema": {"type": "string"}}})
@errors(403, 422)
def add_claim_elsewhere(body: dict):
    """A claim seen outside the articles here (a post, a speech), with the address where it
    appeared (reviewers)."""
    session = get_session()
    try:
        claim = add_unattached_claim(session, api_user(), **body)
    except ClaimError as exc:
        raise Problem(422, str(exc)) from None
    _commit()
    return _created(claim.id)


def _publishing(claim_id: int, action) -> tuple[dict, int, dict]:
    session = get_session()
    _found_claim(claim_id)
    try:
        action(session)
    except PublishError as exc:
        session.rollback()
        raise Problem(409, str(exc)) from None
    _commit()
    return _claim_response(claim_id)


@bp.route("/claims/<int:claim_id>/publication")
class ClaimPublication(MethodView):
    @bp.response(200, ClaimSchema, headers={"ETag": {"schema": {"type": "string"}}})
    @errors(403, 404, 409)
    def put(self, claim_id: int):
        """Publish an approved claim of our own at /fact-checks/<id>-<slug> (editors); one
        re-approved since it was published needs a correction instead (409)."""
        return _publishing(claim_id, lambda db: publish(db, api_user(), claim_id))

    @bp.response(200, ClaimSchema, headers={"ETag": {"schema": {"type": "string"}}})
    @errors(403, 404, 409)
    def delete(self, claim_id: int):
        """Withdraw a published fact-check (editors): its address answers 410 Gone."""
        return _publishing(claim_id, lambda db: unpublish(db, api_user(), claim_id))


@bp.route("/claims/<int:claim_id>/corrections", methods=["POST"])
@bp.arguments(CorrectionSchema)
@bp.response(200, ClaimSchema, headers={"ETag": {"schema": {"type": "string"}}})
@errors(403, 404, 409, 422)
def correct_claim(body: dict, claim_id: int):
    """Publish a published fact-check as it is now, with a note readers see saying what was
    corrected (editors)."""
    return _publishing(claim_id, lambda db: correct(db, api_user(), claim_id, body["note"]))


@bp.route("/claims/<int:claim_id>/evidence", methods=["POST"])
@bp.arguments(NewEvidenceSchema)
@bp.response(201, EvidenceSchema)
@errors(403, 404, 422)
def add_evidence(body: dict, claim_id: int):
    """Link a source (http/https URL) to a claim as evidence (reviewers; an approved claim:
    editors)."""
    session = get_session()
    claim = _found_claim(claim_id)
    try:
        evidence = attach_source(
            session,
            api_user(),
            claim,
            url=body["url"],
            title=body.get("title") or None,
            relation=Relation(body["relation"]),
            quote=body.get("quote") or None,
        )
    except SourceError as exc:
        raise Problem(422, str(exc)) from None
    _commit()
    return _evidence(evidence), 201


@bp.route("/claims/<int:claim_id>/evidence/<int:evidence_id>", methods=["DELETE"])
@bp.response(204)
@errors(403, 404)
def delete_evidence(claim_id: int, evidence_id: int):
    """Unlink a piece of evidence from a claim (reviewers; an approved claim: editors)."""
    session = get_session()
    evidence = session.get(Evidence, evidence_id)
    if evidence is None or evidence.claim_id != claim_id:
        raise Problem(404, f"Claim {claim_id} has no evidence {evidence_id}.")
    remove_evidence(session, api_user(), evidence)
    _commit()
    return ""


@bp.route("/claims/<int:claim_id>/notes", methods=["POST"])
@bp.arguments(NewNoteSchema)
@bp.response(201, NoteSchema)
@errors(403, 404, 422)
def add_note(body: dict, claim_id: int):
    """A note on a claim, or a reply to one (`parent_id`); @mentions reach inboxes."""
    session = get_session()
    claim = _found_claim(claim_id)
    parent = None
    if body.get("parent_id") is not None:
        parent = session.get(Annotation, body["parent_id"])
        if parent is None or parent.claim_id != claim_id:
            raise Problem(422, "parent_id: a reply answers a note on the same claim.")
    try:
        note = annotate(session, api_user(), claim, body["body"], parent=parent)
    except ClaimError as exc:
        raise Problem(422, str(exc)) from None
    _commit()
    return _note(note), 201


@bp.route("/claims/<int:claim_id>/assignee", methods=["PUT"])
@bp.arguments(AssigneeSchema)
@bp.response(200, ClaimSchema, headers={"ETag": {"schema": {"type": "string"}}})
@errors(403, 404, 422)
def set_assignee(body: dict, claim_id: int):
    """Assign a claim to a reviewer, or to nobody (editors)."""
    session = get_session()
    claim = _found_claim(claim_id)
    assignee = None
    if body["assignee_id"] is not None:
        assignee = session.get(User, body["assignee_id"])
        if assignee is None:
            raise Problem(422, f"assignee_id: there is no account {body['assignee_id']}.")
    try:
        assign(session, api_user(), claim, assignee)
    except ClaimError as exc:
        raise Problem(422, str(exc)) from None
    _commit()
    return _claim_response(claim_id)


# --- the fact-check memory -------------------------------------------------------------------


def _matches(text: str, top: int) -> dict:
    text = " ".join(text.split())
    if not text:
        raise Problem(422, "text: write the sentence to look up.")
    return {"text": text, "matches": [m.as_json() for m in find(get_session(), text, top)]}


@bp.route("/matches", methods=["GET"])
@bp.arguments(MatchQuerySchema, location="query")
@bp.response(200, MatchesSchema)
@errors(400, 422)
def matches(args: dict):
    """Earlier fact-checks of any sentence, best first (as `factcheck match` and /check): our
    approved claims and imported fact-checks; nothing is stored."""
    return _matches(args["text"], args["top"])


@bp.route("/matches", methods=["POST"])
@bp.arguments(MatchQuerySchema)
@bp.response(200, MatchesSchema)
@errors(422)
def post_matches(body: dict):
    """The same as GET /matches, the sentence in the body (`{"text": ...}`)."""
    return _matches(body["text"], body["top"])


@bp.route("/claims/<int:claim_id>/matches", methods=["GET"])
@bp.response(200, ClaimMatchesSchema)
@errors(404)
def claim_matches(claim_id: int):
    """A claim's earlier fact-checks as the matching pass stored them, best first (without
    those a reviewer marked "not the same claim")."""
    _found_claim(claim_id)
    found = stored_matches(get_session(), claim_id)
    return {"claim_id": claim_id, "matches": [m.as_json() for m in found]}


# --- imports ----------------------------------------------------------------------------------


@bp.route("/imports/claimreview", methods=["POST"])
@bp.doc(
    requestBody={
        "required": True,
        "content": {"application/json": {"schema": {"description": "ClaimReview JSON-LD"}}},
    }
)
@bp.response(200, ImportSummarySchema)
@errors(403, 413, 422)
def import_reviews():
    """Import published fact-checks (ClaimReview JSON-LD: an object, an array or an @graph)
    as approved claims (editors), as `factcheck import` does: a record that cannot be read is
    reported and the others are imported; a record imported before is counted, not added."""
    session = get_session()
    require(session, api_user(), Role.editor)
    data = request.get_data(cache=False)
    if not data.strip():
        raise Problem(422, "Send ClaimReview JSON-LD in the request's body.")
    summary = import_claimreview(
        session,
        api_user(),
        data,
        origin="api",
        label_mapping=current_app.config["VERDICT_LABEL_MAPPING"],
    )
    _commit()
    return {
        "imported": [c.id for c in summary.imported],
        "duplicates": summary.duplicates,
        "unmapped": summary.unmapped,
        "errors": [{"position": str(p.position), "reason": p.reason} for p in summary.errors],
    }
