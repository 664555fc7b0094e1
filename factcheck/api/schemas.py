"""The API's request and response bodies, as marshmallow schemas: flask-smorest reads requests
through them (a field that is wrong is a 422 naming it) and writes the OpenAPI document from
them. Every length is bounded, as in the desk's forms."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from factcheck.claims.dismissal import MAX_NOTE as MAX_DISMISSAL_NOTE
from factcheck.claims.editing import MAX_REVIEWED
from factcheck.claims.models import ClaimantKind, DismissalReason, Status
from factcheck.claims.operations import MAX_ANNOTATION, MAX_RATIONALE
from factcheck.claims.spans import MAX_QUOTE
from factcheck.db import MAX_ID
from factcheck.memory.queries import MAX_TEXT as MAX_MATCH_TEXT
from factcheck.memory.queries import MAX_TOP
from factcheck.publishing.operations import MAX_NOTE as MAX_CORRECTION
from factcheck.reports.formats import FORMATS
from factcheck.sources.models import Relation
from factcheck.webhooks.models import Event

Id = validate.Range(min=1, max=MAX_ID)
STATUSES = [s.value for s in Status]
REASONS = [r.value for r in DismissalReason]
KINDS = [k.value for k in ClaimantKind]
PUBLICATION_STATES = ["published", "withdrawn", "held"]
MAX_ARTICLE_CHARS = 5_000_000
SCOPES = ["read", "write"]


class Strict(Schema):
    """A request body: an unknown field is an error, not ignored."""


def _id(**kwargs) -> fields.Integer:
    return fields.Integer(validate=Id, **{"strict": True, **kwargs})


class ProblemSchema(Schema):
    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    instance = fields.String(required=True)
    errors = fields.Dict()
    current = fields.Dict(metadata={"description": "412: the claim as it is now"})


class PersonSchema(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)
    role = fields.String(required=True)


class MeSchema(PersonSchema):
    scope = fields.String(required=True, validate=validate.OneOf(SCOPES))


class VerdictSchema(Schema):
    id = fields.Integer(required=True)
    label = fields.String(required=True)
    description = fields.String(required=True)
    value = fields.Integer(required=True, allow_none=True)
    active = fields.Boolean(required=True)


class ArticleSchema(Schema):
    id = fields.Integer(required=True)
    title = fields.String(required=True)
    author = fields.String(required=True, allow_none=True)
    publisher = fields.String(required=True, allow_none=True)
    published = fields.Date(required=True, allow_none=True)
    url = fields.String(required=True, allow_none=True)
    revision = fields.Integer(required=True)
    ingested_at = fields.DateTime(required=True)
    claims_by_status = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)


class ArticleClaimSchema(Schema):
    id = fields.Integer(required=True)
    text = fields.String(required=True)
    start = fields.Integer(required=True, allow_none=True)
    end = fields.Integer(required=True, allow_none=True)
    orphaned = fields.Boolean(required=True)
    status = fields.String(required=True)
    verdict = fields.Nested(VerdictSchema, required=True, allow_none=True)
    assignee = fields.Nested(PersonSchema, required=True, allow_none=True)


class ArticleDetailSchema(ArticleSchema):
    text = fields.String(required=True)
    content_sha256 = fields.String(required=True)
    claims = fields.List(fields.Nested(ArticleClaimSchema), required=True)


class ArticleListSchema(Schema):
    items = fields.List(fields.Nested(ArticleSchema), required=True)
    total = fields.Integer(required=True)
    total_exact = fields.Boolean(required=True)
    next = fields.String(required=True, allow_none=True)


class ArticleQuerySchema(Strict):
    q = fields.String(validate=validate.Length(max=200))
    page = fields.Integer(validate=validate.Range(min=1, max=10**6), strict=False)


class NewArticleSchema(Strict):
    content = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_ARTICLE_CHARS),
        metadata={"description": "The article: plain text, Markdown or HTML"},
    )
    format = fields.String(
        required=True,
        validate=validate.OneOf(["text", "markdown", "html"]),
    )
    url = fields.String(validate=validate.Length(max=2048), allow_none=True)
    publisher = fields.String(validate=validate.Length(max=300), allow_none=True)
    title = fields.String(validate=validate.Length(max=500), allow_none=True)
    revise = _id(allow_none=True, metadata={"description": "a new version of this article"})


class IngestedSchema(Schema):
    article = fields.Nested(ArticleSchema, required=True)
    status = fields.String(
        required=True, validate=validate.OneOf(["created", "revised", "unchanged"])
    )
    claims = fields.Integer(required=True)
    added = fields.List(fields.Integer(), required=True)
    orphaned = fields.Integer(required=True)


class SourceSchema(Schema):
    id = fields.Integer(required=True)
    url = fields.String(required=True, allow_none=True)
    title = fields.String(required=True, allow_none=True)


class EvidenceSchema(Schema):
    id = fields.Integer(required=True)
    relation = fields.String(required=True)
    anchor_text = fields.String(required=True, allow_none=True)
    quote = fields.String(required=True, allow_none=True)
    source = fields.Nested(SourceSchema, required=True)
    created_at = fields.DateTime(required=True)


class NoteSchema(Schema):
    id = fields.Integer(required=True)
    parent_id = fields.Integer(required=True, allow_none=True)
    author = fields.Nested(PersonSchema, required=True, allow_none=True)
    body = fields.String(required=True)
    resolved = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)


class ClaimSummarySchema(Schema):
    id = fields.Integer(required=True)
    article_id = fields.Integer(required=True, allow_none=True)
    article_title = fields.String(required=True, allow_none=True)
    text = fields.String(required=True)
    claimant = fields.String(required=True, allow_none=True)
    checkworthiness = fields.Float(required=True)
    status = fields.String(required=True, validate=validate.OneOf(STATUSES))
    verdict = fields.Nested(VerdictSchema, required=True, allow_none=True)
    assignee = fields.Nested(PersonSchema, required=True, allow_none=True)


class PublicationSchema(Schema):
    state = fields.String(
        required=True,
        validate=validate.OneOf(PUBLICATION_STATES),
        metadata={
            "description": "published: on the public site; withdrawn: unpublished; held: "
            "reopened or re-approved since, off the site until an editor publishes it again"
        },
    )
    url = fields.String(
        required=True, allow_none=True, metadata={"description": "the public page, if shown"}
    )
    published_at = fields.DateTime(required=True)
    corrected_at = fields.DateTime(required=True, allow_none=True)
    correction_note = fields.String(required=True, allow_none=True)


class ClaimSchema(ClaimSummarySchema):
    origin = fields.String(required=True)
    claim_reviewed = fields.String(
        required=True, metadata={"description": "the claim as checked (the quote by default)"}
    )
    claimant_kind = fields.String(required=True, allow_none=True)
    is_caption = fields.Boolean(required=True)
    dismissal_reason = fields.String(required=True, allow_none=True)
    dismissal_note = fields.String(required=True, allow_none=True)
    publication = fields.Nested(
        PublicationSchema,
        required=True,
        allow_none=True,
        metadata={"description": "null: never published"},
    )
    start = fields.Integer(required=True, allow_none=True)
    end = fields.Integer(required=True, allow_none=True)
    orphaned = fields.Boolean(required=True)
    attribution = fields.String(required=True, allow_none=True)
    claim_date_start = fields.Date(required=True, allow_none=True)
    claim_date_end = fields.Date(required=True, allow_none=True)
    rationale = fields.String(required=True)
    appearance_url = fields.String(required=True, allow_none=True)
    review_url = fields.String(required=True, allow_none=True)
    version = fields.Integer(required=True)
    created_at = fields.DateTime(required=True)
    updated_at = fields.DateTime(required=True)
    evidence = fields.List(fields.Nested(EvidenceSchema), required=True)
    notes = fields.List(fields.Nested(NoteSchema), required=True)


class ClaimListSchema(Schema):
    items = fields.List(fields.Nested(ClaimSummarySchema), required=True)
    next = fields.String(
        required=True, allow_none=True, metadata={"description": "the next page, or null"}
    )


class ClaimQuerySchema(Strict):
    """The queue's filters (factcheck.claims.filters), read by the queue's own parser."""

    status = fields.String(validate=validate.OneOf([*STATUSES, "open"]))
    verdict = fields.String(metadata={"description": "a verdict id or 'none'"})
    article = fields.String(metadata={"description": "an article id"})
    assignee = fields.String(metadata={"description": "an account id, 'none' or 'me'"})
    claimant = fields.String(validate=validate.Length(max=300))
    min_cw = fields.String(metadata={"description": "check-worthiness from 0 to 1"})
    q = fields.String(validate=validate.Length(max=200), metadata={"description": "search"})
    sort = fields.String(
        validate=validate.OneOf(["checkworthiness", "newest", "oldest", "article"])
    )
    after = _id(strict=False, metadata={"description": "the last claim of the previous page"})
    limit = fields.Integer(validate=validate.Range(min=1, max=200), strict=False)


class ClaimPatchSchema(Strict):
    status = fields.String(validate=validate.OneOf(STATUSES))
    verdict_id = _id(allow_none=True, metadata={"description": "null clears the verdict"})
    rationale = fields.String(validate=validate.Length(max=MAX_RATIONALE))
    dismissal_reason = fields.String(
        validate=validate.OneOf(REASONS),
        metadata={"description": "why (with status dismissed): needed to dismiss"},
    )
    dismissal_note = fields.String(
        validate=validate.Length(max=MAX_DISMISSAL_NOTE),
        allow_none=True,
        metadata={"description": "in words; needed for the reason other"},
    )
    duplicate_of = _id(metadata={"description": "the claim it duplicates (reason duplicate)"})
    claim_reviewed = fields.String(
        validate=validate.Length(max=MAX_REVIEWED),
        allow_none=True,
        metadata={"description": "the claim as checked; empty or null: the quote"},
    )
    claimant = fields.String(validate=validate.Length(max=300), allow_none=True)
    claimant_kind = fields.String(validate=validate.OneOf(KINDS), allow_none=True)
    attribution = fields.String(validate=validate.Length(max=300), allow_none=True)
    claim_date_start = fields.Date(allow_none=True)
    claim_date_end = fields.Date(allow_none=True)
    appearance_url = fields.String(
        validate=validate.Length(max=2048),
        allow_none=True,
        metadata={"description": "http:// or https:// only"},
    )


class NewClaimSchema(Strict):
    quote = fields.String(
        validate=validate.Length(min=1, max=MAX_QUOTE),
        metadata={"description": "the article's words, as they are in its text"},
    )
    occurrence = fields.Integer(
        validate=validate.Range(min=1, max=10_000),
        strict=True,
        allow_none=True,
        metadata={"description": "which time the quote appears, from 1"},
    )
    start = fields.Integer(validate=validate.Range(min=0, max=MAX_ARTICLE_CHARS), strict=True)
    end = fields.Integer(validate=validate.Range(min=0, max=MAX_ARTICLE_CHARS), strict=True)


class NewUnattachedClaimSchema(Strict):
    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_QUOTE))
    appearance_url = fields.String(
        required=True,
        validate=validate.Length(min=1, max=2048),
        metadata={"description": "where the claim appeared: http:// or https://"},
    )
    claimant = fields.String(validate=validate.Length(max=300), allow_none=True)
    claimant_kind = fields.String(validate=validate.OneOf(KINDS), allow_none=True)
    claim_date_start = fields.Date(allow_none=True)
    claim_date_end = fields.Date(allow_none=True)


class CorrectionSchema(Strict):
    note = fields.String(
        required=True,
        validate=validate.Length(min=1, max=MAX_CORRECTION),
        metadata={"description": "what was corrected, shown to readers"},
    )


class NewEvidenceSchema(Strict):
    url = fields.String(
        required=True,
        validate=validate.Length(min=1, max=2048),
        metadata={"format": "uri", "description": "http:// or https:// only"},
    )
    title = fields.String(validate=validate.Length(max=1000), allow_none=True)
    relation = fields.String(
        load_default=Relation.supports.value, validate=validate.OneOf([r.value for r in Relation])
    )
    quote = fields.String(validate=validate.Length(max=10_000), allow_none=True)


class NewNoteSchema(Strict):
    body = fields.String(required=True, validate=validate.Length(min=1, max=MAX_ANNOTATION))
    parent_id = _id(allow_none=True)


class AssigneeSchema(Strict):
    assignee_id = _id(required=True, allow_none=True, metadata={"description": "null: nobody"})


class ReportQuerySchema(Strict):
    format = fields.String(required=True, validate=validate.OneOf(list(FORMATS)))
    include_all = fields.Boolean(
        load_default=False, metadata={"description": "every claim, not only the approved ones"}
    )


class ImportProblemSchema(Schema):
    position = fields.String(required=True)
    reason = fields.String(required=True)


class ImportSummarySchema(Schema):
    imported = fields.List(fields.Integer(), required=True)
    duplicates = fields.Integer(required=True)
    unmapped = fields.Integer(required=True)
    errors = fields.List(fields.Nested(ImportProblemSchema), required=True)


class WebhookSchema(Schema):
    id = fields.Integer(required=True)
    url = fields.String(required=True)
    events = fields.List(fields.String(), required=True)
    active = fields.Boolean(required=True)
    created_at = fields.DateTime(required=True)


class NewWebhookSecretSchema(WebhookSchema):
    secret = fields.String(
        required=True, metadata={"description": "signs every delivery; shown this once"}
    )


class NewWebhookSchema(Strict):
    url = fields.String(required=True, validate=validate.Length(min=1, max=2048))
    events = fields.List(
        fields.String(validate=validate.OneOf([e.value for e in Event])),
        required=True,
        validate=validate.Length(min=1, max=len(Event)),
    )


class DeliverySchema(Schema):
    id = fields.Integer(required=True)
    event = fields.String(required=True)
    state = fields.String(required=True)
    attempts = fields.Integer(required=True)
    next_attempt_at = fields.DateTime(required=True)
    last_attempt_at = fields.DateTime(required=True, allow_none=True)
    response_status = fields.Integer(required=True, allow_none=True)
    response_body = fields.String(required=True, allow_none=True)
    error = fields.String(required=True, allow_none=True)
    payload = fields.Dict(required=True)


class MatchSchema(Schema):
    claim_id = fields.Integer(required=True)
    url = fields.String(
        required=True,
        allow_none=True,
        metadata={"description": "the fact-check's page, if imported"},
    )
    claim_reviewed = fields.String(required=True)
    verdict = fields.String(required=True, allow_none=True)
    score = fields.Float(required=True)


class MatchesSchema(Schema):
    text = fields.String(required=True)
    matches = fields.List(fields.Nested(MatchSchema), required=True)


class ClaimMatchesSchema(Schema):
    claim_id = fields.Integer(required=True)
    matches = fields.List(fields.Nested(MatchSchema), required=True)


class MatchQuerySchema(Strict):
    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_MATCH_TEXT))
    top = fields.Integer(load_default=5, validate=validate.Range(min=1, max=MAX_TOP), strict=False)
