"""Pages that add claims by hand and reshape them: the fields, the span, a split, a merge."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from factcheck.articles.models import Article
from factcheck.auth.models import Role
from factcheck.auth.signin import current_user, requires
from factcheck.claims.edit_forms import (
    AddClaimForm,
    EditClaimForm,
    MergeForm,
    NewClaimForm,
    SpanForm,
    SplitForm,
)
from factcheck.claims.editing import (
    EDITABLE,
    EditConflict,
    add_claim,
    add_unattached_claim,
    change_span,
    edit_claim,
    editable,
    merge_candidates,
    merge_claims,
    split_claim,
)
from factcheck.claims.models import Claim
from factcheck.claims.operations import ClaimError, StaleClaim
from factcheck.claims.queries import claim_history
from factcheck.claims.spans import split_point
from factcheck.db import get_session
from factcheck.forms import choices
from factcheck.permissions import PermissionDenied
from factcheck.reads.reference import people_by_id
from factcheck.web import row_id
from factcheck.wording import actor_in_words

bp = Blueprint("editing", __name__)

STALE = "Someone changed this claim since you loaded the page: it is shown as it is now."


def _int(value) -> int | None:
    """A form's position or id (at most MAX_ID), None when empty; 400 when not a number."""
    if value in (None, ""):
        return None
    value = str(value)
    if value != "0" and row_id(value) is None:
        abort(400, "A number was expected.")
    return int(value)


# --- add ---------------------------------------------------------------------------------------


def _article_or_404(article_id: int) -> Article:
    article = get_session().get(Article, article_id)
    if article is None:
        abort(404, "There is no such article.")
    return article


@bp.route("/articles/<int:article_id>/claims/new", methods=["GET", "POST"])
@requires(Role.reviewer)
def add(article_id: int):
    """A claim of the article the extraction missed: its words pasted (or selected on the
    article page, which sends their place too)."""
    article = _article_or_404(article_id)
    form = AddClaimForm()
    if not form.is_submitted():
        form = AddClaimForm(formdata=None)
        return render_template("claims/add.html", article=article, form=form)
    status = 400
    if form.validate_on_submit():
        db = get_session()
        try:
            claim = add_claim(
                db,
                current_user(),
                article.id,
                quote=form.quote.data,
                occurrence=form.occurrence.data,
                start=_int(form.start.data),
                end=_int(form.end.data),
            )
        except ClaimError as exc:
            db.rollback()
            form.quote.errors = [_sentence(exc)]
        except PermissionDenied as exc:
            db.rollback()
            form.quote.errors = [str(exc)]
            status = 403
        else:
            db.commit()
            flash("Claim added.", "success")
            return redirect(url_for("claims.claim", claim_id=claim.id), code=303)
    return render_template("claims/add.html", article=article, form=form), status


def _sentence(exc: Exception) -> str:
    text = str(exc)
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


@bp.route("/claims/new", methods=["GET", "POST"])
@requires(Role.reviewer)
def new():
    """A claim seen outside the articles here, with the address where it appeared."""
    form = NewClaimForm()
    if not form.is_submitted():
        return render_template("claims/new.html", form=NewClaimForm(formdata=None))
    if form.validate_on_submit():
        db = get_session()
        try:
            claim = add_unattached_claim(
                db,
                current_user(),
                text=form.text.data,
                appearance_url=form.appearance_url.data,
                claimant=form.claimant.data,
                claimant_kind=form.claimant_kind.data or None,
                claim_date_start=form.claim_date_start.data,
                claim_date_end=form.claim_date_end.data,
            )
        except (ClaimError, PermissionDenied) as exc:
            db.rollback()
            form.text.errors = [_sentence(exc)]
        else:
            db.commit()
            flash("Claim added.", "success")
            return redirect(url_for("claims.claim", claim_id=claim.id), code=303)
    return render_template("claims/new.html", form=form), 400


# --- the edit page -----------------------------------------------------------------------------


def _claim_or_404(claim_id: int) -> Claim:
    claim = get_session().get(Claim, claim_id)
    if claim is None:
        abort(404, "There is no such claim.")
    return claim


def _as_form(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else str(value)


def _edit_form(claim: Claim) -> EditClaimForm:
    values = editable(claim)
    form = EditClaimForm(formdata=None, version=claim.version, **values)
    form.claimant_kind.data = claim.claimant_kind or ""
    _loaded_from(form, values)
    return form


def _loaded_from(form: EditClaimForm, values: dict) -> None:
    for key in EDITABLE:
        form[f"loaded_{key}"].data = _as_form(values[key])


def _changes(form: EditClaimForm) -> dict:
    return {key: form[key].data or None for key in EDITABLE}


def _loaded(form: EditClaimForm) -> dict:
    """The values the form was loaded with, typed as the claim's (400 for a forged form)."""
    out: dict = {}
    for key in EDITABLE:
        raw = form[f"loaded_{key}"].data or None
        if raw is not None and key.startswith("claim_date"):
            try:
                raw = date.fromisoformat(raw)
            except ValueError:
                abort(400, "The form's loaded date is not a date.")
        out[key] = raw
    return out


def _span_form(claim: Claim) -> SpanForm:
    return SpanForm(formdata=None, version=claim.version, quote=claim.text)


def _split_form(claim: Claim) -> SplitForm:
    return SplitForm(formdata=None, version=claim.version)


def _merge_form(claim: Claim, form: MergeForm | None = None) -> MergeForm:
    form = form or MergeForm(formdata=None, version=claim.version)
    pairs = []
    for other in merge_candidates(get_session(), claim):
        where = "before" if (other.start or 0) < (claim.start or 0) else "after"
        text = other.text if len(other.text) <= 90 else other.text[:89] + "…"
        pairs.append((str(other.id), f"Claim {other.id}, just {where}: “{text}”"))
    form.other.choices = choices(pairs)
    return form


def render_edit(claim_id: int, *, status: int = 200, conflict: dict | None = None, **forms):
    claim = _claim_or_404(claim_id)
    context = None
    if claim.article is not None and claim.start is not None and not claim.orphaned:
        from factcheck.articles.queries import paragraph_around

        context = paragraph_around(claim.article.text, claim.start, claim.end or claim.start)
    spans = claim.article_id is not None and not claim.orphaned
    return render_template(
        "claims/edit.html",
        claim=claim,
        context=context,
        spans=spans,
        conflict=conflict,
        edit_form=forms.get("edit_form") or _edit_form(claim),
        span_form=forms.get("span_form") or _span_form(claim),
        split_form=forms.get("split_form") or _split_form(claim),
        merge_form=_merge_form(claim, forms.get("merge_form")),
        labels={key: EditClaimForm(formdata=None)[key].label.text for key in EDITABLE},
    ), status


@bp.route("/claims/<int:claim_id>/edit", methods=["GET", "POST"])
@requires(Role.reviewer)
def edit(claim_id: int):
    if request.method == "POST":
        return _save(claim_id)
    return render_edit(claim_id)


def _version(form) -> int:
    try:
        return int(form.version.data)
    except (TypeError, ValueError):
        abort(400, "The form's version is not a number.")


def _save(claim_id: int):
    db = get_session()
    _claim_or_404(claim_id)
    form = EditClaimForm()
    if not form.validate_on_submit():
        return render_edit(claim_id, status=400, edit_form=form)
    expected = _version(form)
    try:
        changed = edit_claim(
            db, current_user(), claim_id, expected, _changes(form), loaded=_loaded(form)
        )
        db.commit()
    except EditConflict as exc:
        db.rollback()
        return _edit_conflict(claim_id, form, expected, exc.clashes)
    except StaleDataError:
        db.rollback()
        return _edit_conflict(claim_id, form, expected, list(EDITABLE))
    except PermissionDenied as exc:
        db.rollback()
        form.claim_reviewed.errors = [str(exc)]
        return render_edit(claim_id, status=403, edit_form=form)
    except ClaimError as exc:
        db.rollback()
        field = next((k for k in EDITABLE if k.replace("_", " ") in str(exc)), None)
        if field is None and "date" in str(exc):
            field = "claim_date_start"
        elif field is None and "URL" in str(exc):
            field = "appearance_url"
        form[field or "claim_reviewed"].errors = [_sentence(exc)]
        return render_edit(claim_id, status=400, edit_form=form)
    flash("Saved." if changed else "Nothing to save: no changes.", "success" if changed else "info")
    return redirect(url_for("claims.claim", claim_id=claim_id), code=303)


def _edit_conflict(claim_id: int, form: EditClaimForm, expected: int, clashes: list[str]):
    """The same field was changed by someone else: theirs next to yours; the form keeps yours
    for the fields you changed and takes theirs for the others."""
    db = get_session()
    db.expire_all()
    claim = _claim_or_404(claim_id)
    theirs = editable(claim)
    loaded, yours = _loaded(form), _changes(form)
    for key in EDITABLE:
        if yours[key] == loaded[key] or (key == "claim_reviewed" and not yours[key]):
            form[key].data = theirs[key] if key != "claimant_kind" else theirs[key] or ""
    form.version.data = claim.version
    _loaded_from(form, theirs)
    rows = [(key, _as_form(theirs[key]), _as_form(yours[key])) for key in clashes]
    last = next((e for e in claim_history(db, claim.id) if e.action == "edit"), None)
    who = None
    if last is not None:
        person = people_by_id(db, {last.actor_id}).get(last.actor_id or 0)
        who = (person.name or person.email) if person else actor_in_words(last.actor_label)
    conflict = {"rows": rows, "expected": expected, "last": last, "who": who}
    return render_edit(claim_id, status=409, conflict=conflict, edit_form=form)


# --- span, split, merge ------------------------------------------------------------------------


def _reshape(claim_id: int, form, action, done: str, form_name: str):
    """Run `action()` (a span, split or merge operation) for a valid `form`; the edit page
    with the reason when it cannot be done."""
    db = get_session()
    _claim_or_404(claim_id)
    if not form.validate_on_submit():
        return render_edit(claim_id, status=400, **{form_name: form})
    status = 400
    try:
        result = action()
        db.commit()
    except (StaleClaim, StaleDataError):
        db.rollback()
        flash(STALE, "error")
        return redirect(url_for("editing.edit", claim_id=claim_id), code=303)
    except PermissionDenied as exc:
        db.rollback()
        error, status = str(exc), 403
    except ClaimError as exc:
        db.rollback()
        error = _sentence(exc)
    else:
        flash(done, "success")
        target = result.id if isinstance(result, Claim) else claim_id
        return redirect(url_for("claims.claim", claim_id=target), code=303)
    next(iter(f for f in form if f.type not in ("HiddenField", "CSRFTokenField"))).errors = [error]
    return render_edit(claim_id, status=status, **{form_name: form})


@bp.route("/claims/<int:claim_id>/span", methods=["POST"])
@requires(Role.reviewer)
def span(claim_id: int):
    form = SpanForm()
    return _reshape(
        claim_id,
        form,
        lambda: change_span(
            get_session(),
            current_user(),
            claim_id,
            _version(form),
            quote=form.quote.data,
            occurrence=form.occurrence.data,
            start=_int(form.start.data),
            end=_int(form.end.data),
        ),
        "The claim covers the new words.",
        "span_form",
    )


@bp.route("/claims/<int:claim_id>/split", methods=["POST"])
@requires(Role.reviewer)
def split(claim_id: int):
    form = SplitForm()

    def cut():
        claim = _claim_or_404(claim_id)
        split_claim(
            get_session(),
            current_user(),
            claim_id,
            _version(form),
            split_point(claim.text, form.second.data),
        )
        return claim

    return _reshape(
        claim_id, form, cut, "Split in two: the second part is a claim of its own.", "split_form"
    )


@bp.route("/claims/<int:claim_id>/merge", methods=["POST"])
@requires(Role.reviewer)
def merge(claim_id: int):
    form = MergeForm()
    claim = _claim_or_404(claim_id)
    _merge_form(claim, form)

    def join():
        other = _int(form.other.data)
        if other is None:
            raise ClaimError("choose the claim to merge into this one")
        return merge_claims(get_session(), current_user(), claim_id, _version(form), other)

    return _reshape(claim_id, form, join, "Merged: this claim now covers both.", "merge_form")
