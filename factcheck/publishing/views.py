"""The editor's publishing buttons on the claim page (publish, correct, unpublish), and an
article's claims as W3C Web Annotations for the signed-in desk."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, flash, redirect, url_for

from factcheck.auth.models import Role, User
from factcheck.auth.signin import current_user, requires
from factcheck.claims.models import Claim
from factcheck.db import get_session
from factcheck.publishing import operations, queries
from factcheck.publishing.forms import CorrectionForm, PublishForm
from factcheck.publishing.public import base_url
from factcheck.reports.annotations import annotation_document
from factcheck.reports.formats import Publisher
from factcheck.reports.queries import article_report

bp = Blueprint("publishing", __name__)


@bp.app_context_processor
def _panel() -> dict:
    """`publishing_panel(claim)` for the claim page's include."""

    def publishing_panel(claim: Claim) -> dict:
        return {
            "panel": queries.panel(get_session(), claim),
            "publish_form": PublishForm(formdata=None),
            "correction_form": CorrectionForm(formdata=None),
        }

    return {"publishing_panel": publishing_panel}


def _editor() -> User:
    user = current_user()
    assert user is not None  # @requires saw to it
    return user


def _back(claim_id: int):
    return redirect(url_for("claims.claim", claim_id=claim_id) + "#publishing", code=303)


def _act(claim_id: int, action, done: str):
    db = get_session()
    if db.get(Claim, claim_id) is None:
        abort(404)
    try:
        action(db)
    except operations.PublishError as error:
        db.rollback()
        flash(str(error), "error")
        return _back(claim_id)
    db.commit()
    flash(done, "success")
    return _back(claim_id)


@bp.route("/claims/<int:claim_id>/publish", methods=["POST"])
@requires(Role.editor)
def publish(claim_id: int):
    if not PublishForm().validate_on_submit():
        abort(400, "The form is incomplete.")
    return _act(
        claim_id,
        lambda db: operations.publish(db, _editor(), claim_id),
        "Published: the fact-check is on the public site.",
    )


@bp.route("/claims/<int:claim_id>/unpublish", methods=["POST"])
@requires(Role.editor)
def unpublish(claim_id: int):
    if not PublishForm().validate_on_submit():
        abort(400, "The form is incomplete.")
    return _act(
        claim_id,
        lambda db: operations.unpublish(db, _editor(), claim_id),
        "Unpublished: its public address now says the fact-check was withdrawn.",
    )


@bp.route("/claims/<int:claim_id>/correct", methods=["POST"])
@requires(Role.editor)
def correct(claim_id: int):
    form = CorrectionForm()
    if not form.validate_on_submit():
        errors = [e for errors in form.errors.values() for e in errors]
        flash(" ".join(str(e) for e in errors) or "The form is incomplete.", "error")
        return _back(claim_id)
    return _act(
        claim_id,
        lambda db: operations.correct(db, _editor(), claim_id, form.note.data),
        "Correction published: readers see the note and the date it was corrected.",
    )


@bp.get("/articles/<int:article_id>/annotations.jsonld")
@requires(Role.viewer)
def article_annotations(article_id: int) -> Response:
    """Every claim of the article as a W3C Web Annotation (an AnnotationCollection)."""
    report = article_report(get_session(), article_id)
    if report is None:
        abort(404, f"There is no article {article_id}.")
    config = current_app.config
    publisher = Publisher(config["ORGANISATION_NAME"], config["ORGANISATION_URL"], base_url())
    body = annotation_document(publisher.annotations(report))
    return Response(body, mimetype="application/ld+json")
