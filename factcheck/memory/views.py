"""The "Has this been checked?" page and a reviewer's answers to a claim's earlier fact-checks:
link one as evidence (and suggest its verdict), or "not the same claim"."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from factcheck.auth.models import Role
from factcheck.auth.signin import current_user, requires
from factcheck.claims.models import Claim
from factcheck.db import get_session
from factcheck.memory.forms import LinkMatchForm, RejectMatchForm
from factcheck.memory.operations import MatchError, link_match, reject_match
from factcheck.memory.queries import MAX_TEXT, find

bp = Blueprint("memory", __name__)


@bp.route("/check")
def check():
    """Any sentence -> the earlier fact-checks of the library (a search: nothing is stored)."""
    text = " ".join(request.args.get("q", "").split())
    if len(text) > MAX_TEXT:
        abort(400, f"Up to {MAX_TEXT:,} characters, please.")
    found = find(get_session(), text, top=10) if text else []
    return render_template("memory/check.html", text=text, found=found, max_text=MAX_TEXT)


def _claim(claim_id: int) -> Claim:
    claim = get_session().get(Claim, claim_id)
    if claim is None:
        abort(404, "There is no such claim.")
    return claim


def _back(claim_id: int, **args) -> str:
    return url_for("claims.claim", claim_id=claim_id, **args) + "#checked-before"


@bp.route("/claims/<int:claim_id>/checked-before/<int:match_id>/link", methods=["POST"])
@requires(Role.reviewer)
def link(claim_id: int, match_id: int):
    db = get_session()
    claim = _claim(claim_id)
    form = LinkMatchForm()
    if not form.validate_on_submit():
        abort(400, "The form expired: reload the page and try again.")
    try:
        link_match(db, current_user(), claim, match_id)
    except MatchError as exc:
        db.rollback()
        flash(str(exc), "error")
        return redirect(_back(claim_id), code=303)
    entry = db.get(Claim, match_id)
    db.commit()
    flash("The earlier fact-check is linked as a source that adds context.", "success")
    if form.suggest.data and entry is not None and entry.verdict_id and claim.verdict_id is None:
        # Pre-selected in the assessment, for the reviewer to keep or change: never saved here.
        return redirect(
            url_for("claims.claim", claim_id=claim_id, suggest=entry.verdict_id) + "#assess",
            code=303,
        )
    return redirect(_back(claim_id), code=303)


@bp.route("/claims/<int:claim_id>/checked-before/<int:match_id>/reject", methods=["POST"])
@requires(Role.reviewer)
def reject(claim_id: int, match_id: int):
    db = get_session()
    claim = _claim(claim_id)
    if not RejectMatchForm().validate_on_submit():
        abort(400, "The form expired: reload the page and try again.")
    try:
        reject_match(db, current_user(), claim, match_id)
    except MatchError as exc:
        db.rollback()
        flash(str(exc), "error")
        return redirect(_back(claim_id), code=303)
    db.commit()
    flash("Marked as not the same claim: it is no longer shown for this claim.", "success")
    return redirect(_back(claim_id), code=303)
