"""The dashboard, the claim queue, the claim page and its writes, the verdict scale."""

from __future__ import annotations

from typing import Literal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy.orm.exc import StaleDataError

from factcheck.auth.models import Role, User
from factcheck.auth.signin import current_user, requires
from factcheck.claims.dismissal import BadReason, dismiss, dismiss_many, reason_of
from factcheck.claims.filters import NONE, OPEN, SORTS, BadFilter, QueueFilters
from factcheck.claims.forms import (
    AnnotationForm,
    AssessForm,
    AssignForm,
    BulkForm,
    DismissForm,
    EvidenceForm,
    ResolveCitationForm,
    ResolveForm,
    VerdictForm,
    digest,
)
from factcheck.claims.merge import three_way
from factcheck.claims.models import Annotation, Claim, Status, Verdict
from factcheck.claims.operations import (
    ClaimError,
    StaleClaim,
    add_verdict,
    annotate,
    assess,
    assign,
    bulk_update,
    resolve_annotation,
    update_verdict,
)
from factcheck.claims.queries import (
    claim_history,
    claim_page,
    claims_by_ids,
    verdict_rows,
)
from factcheck.claims.queries import (
    dashboard as dashboard_data,
)
from factcheck.claims.queue import neighbours, queue_page
from factcheck.db import get_session
from factcheck.forms import choices as make_choices
from factcheck.memory.queries import checked_before
from factcheck.notifications.operations import find_mentions
from factcheck.permissions import PermissionDenied
from factcheck.reads.reference import Person, article_choices, reviewers, verdict_scale
from factcheck.sources.models import Evidence, Relation
from factcheck.sources.operations import SourceError, attach_source, resolve_citation
from factcheck.web import cached_options, row_id

bp = Blueprint("claims", __name__)


def _filters() -> QueueFilters:
    try:
        user = current_user()
        return QueueFilters.from_args(request.args, user.id if user is not None else None)
    except BadFilter as exc:
        abort(400, str(exc))


def _assignee_choices(users: list[Person], keep: str | None = None) -> list:
    choices = [("", keep)] if keep else []
    return make_choices(
        [*choices, (NONE, "— nobody —"), *[(str(u.id), u.name or u.email) for u in users]]
    )


# --- dashboard and queue -----------------------------------------------------------------------


@bp.route("/")
def dashboard():
    user = current_user()
    assert user is not None  # every page but sign-in requires one (web.register_web)
    data = dashboard_data(get_session(), user)
    return render_template("claims/dashboard.html", data=data)


@bp.route("/claims")
def queue():
    db = get_session()
    filters = _filters()
    page = queue_page(db, filters)
    users = reviewers(db)
    bulk = BulkForm()
    bulk.assignee.choices = _assignee_choices(users, keep="— keep assignee —")
    return render_template(
        "claims/queue.html",
        page=page,
        filters=filters,
        verdicts=verdict_scale(db, include_inactive=True),
        article_options=cached_options(article_choices(db), filters.get("article")),
        users=users,
        sorts=SORTS,
        bulk=bulk,
        OPEN=OPEN,
        NONE=NONE,
    )


@bp.route("/claims/bulk", methods=["POST"])
@requires(Role.editor)
def bulk():
    db = get_session()
    form = BulkForm()
    form.assignee.choices = _assignee_choices(reviewers(db), keep="keep")
    back = url_for("claims.queue") + _back_query()
    ids = [i for i in form.ids.data or [] if row_id(str(i))] if form.validate_on_submit() else []
    if not ids:
        flash("Select at least one claim first.", "error")
        return redirect(back, code=303)
    claims = claims_by_ids(db, ids)
    if form.dismiss.data:
        return _bulk_dismiss(form, claims, back)
    status = (
        Status.dismissed
        if form.dismiss.data
        else (Status(form.status.data) if form.status.data else None)
    )
    assignee: User | None | Literal[False] = False
    if not form.dismiss.data and form.assignee.data:
        if form.assignee.data == NONE:
            assignee = None
        else:
            assignee = _row(User, form.assignee.data)
            if assignee is None:
                abort(400, "Unknown assignee.")
    if status is None and assignee is False:
        flash("Choose a status or an assignee to apply.", "error")
        return redirect(back, code=303)
    try:
        changed, skipped = bulk_update(db, current_user(), claims, status=status, assignee=assignee)
    except ClaimError as exc:
        db.rollback()
        flash(str(exc), "error")
        return redirect(back, code=303)
    db.commit()
    flash(f"{changed} claim{'s' if changed != 1 else ''} updated.", "success")
    for message in skipped[:10]:
        flash(f"Skipped {message}", "error")
    return redirect(back, code=303)


def _bulk_dismiss(form: BulkForm, claims: list[Claim], back: str):
    """The queue's "Dismiss selected": one reason for every selected claim."""
    db = get_session()
    try:
        why = reason_of(
            db, form.reason.data, note=form.note.data, duplicate_of=form.duplicate_of.data
        )
        changed, skipped = dismiss_many(db, current_user(), claims, why)
    except ClaimError as exc:
        db.rollback()
        flash(f"Nothing dismissed: {exc}.", "error")
        return redirect(back, code=303)
    db.commit()
    plural = "s" if changed != 1 else ""
    flash(f"{changed} claim{plural} dismissed ({why.reason.label}).", "success")
    for message in skipped[:10]:
        flash(f"Skipped {message}", "error")
    return redirect(back, code=303)


def _row(model, value: str | None):
    """The row of `model` whose id a form sent, or None (no such row, or not an id)."""
    row_key = row_id(value)
    return get_session().get(model, row_key) if row_key is not None else None


def _back_query() -> str:
    """The queue's filters, carried by a hidden `back` field or the form's own address."""
    back = request.form.get("back", "")
    return back if back.startswith("?") and len(back) < 2000 else ""


# --- the claim page ----------------------------------------------------------------------------


def _claim_or_404(claim_id: int) -> Claim:
    """The claim a write acts on, read fresh."""
    claim = get_session().get(Claim, claim_id)
    if claim is None:
        abort(404, "There is no such claim.")
    return claim


def _assess_form(claim: Claim, verdicts: list, formdata=None) -> AssessForm:
    if formdata is None:
        form = AssessForm(
            formdata=None,
            version=claim.version,
            status=claim.status,
            verdict=str(claim.verdict_id or ""),
            rationale=claim.rationale,
            loaded_status=claim.status,
            loaded_verdict=str(claim.verdict_id or ""),
            loaded_rationale=digest(claim.rationale),
        )
    else:
        form = AssessForm()
    form.set_verdicts(verdicts, claim.verdict)
    return form


def render_claim(claim_id: int, *, status: int = 200, conflict: dict | None = None, **forms):
    """The claim page (`forms`: the forms to show as the user left them, with their errors)."""
    filters = _filters()
    page = claim_page(get_session(), claim_id, filters)
    if page is None:
        abort(404, "There is no such claim.")
    claim = page.claim
    assign_form = AssignForm(formdata=None, assignee=str(claim.assignee_id or NONE))
    assign_form.assignee.choices = _assignee_choices(page.reviewers)
    assess_form = forms.get("assess_form") or _assess_form(claim, page.verdicts)
    # An earlier fact-check's verdict, pre-selected for the reviewer (never saved here).
    suggested = request.args.get("suggest", "")
    if (
        "assess_form" not in forms
        and claim.verdict_id is None
        and any(str(v.id) == suggested for v in page.verdicts if v.active)
    ):
        assess_form.verdict.data = suggested
    return (
        render_template(
            "claims/claim.html",
            page=page,
            claim=claim,
            people=page.people,
            filters=filters,
            queue_args=filters.args(),
            assess_form=assess_form,
            checked_before=checked_before(get_session(), claim),
            evidence_form=forms.get("evidence_form") or EvidenceForm(formdata=None),
            annotation_form=forms.get("annotation_form") or AnnotationForm(formdata=None),
            resolve_form=ResolveCitationForm(formdata=None),
            resolve_errors=forms.get("resolve_errors") or {},
            small_form=ResolveForm(formdata=None),
            assign_form=assign_form,
            dismiss_form=forms.get("dismiss_form")
            or DismissForm(formdata=None, version=claim.version),
            conflict=conflict,
            Relation=Relation,
        ),
        status,
    )


@bp.route("/claims/<int:claim_id>")
def claim(claim_id: int):
    return render_claim(claim_id)


def _back_to(claim_id: int, anchor: str = "") -> str:
    return url_for("claims.claim", claim_id=claim_id, **_filters().args()) + anchor


@bp.route("/claims/<int:claim_id>/assess", methods=["POST"])
@requires(Role.reviewer)
def assess_claim(claim_id: int):
    db = get_session()
    claim = _claim_or_404(claim_id)
    verdicts = verdict_scale(db)
    form = _assess_form(claim, verdicts, formdata=request.form)
    if not form.validate_on_submit():
        return render_claim(claim_id, status=400, assess_form=form)
    try:
        expected = int(form.version.data)
    except ValueError:
        abort(400, "The form's version is not a number.")
    verdict = None
    if form.verdict.data:
        verdict = _row(Verdict, form.verdict.data)
        if verdict is None:
            form.verdict.errors = ["Choose a verdict from the scale."]
            return render_claim(claim_id, status=400, assess_form=form)
    if form.status.data == Status.dismissed.value and claim.status != Status.dismissed.value:
        form.status.errors = ["Say why it is dismissed: use “Dismiss” below."]
        return render_claim(claim_id, status=400, assess_form=form)
    try:
        changed = assess(
            db,
            current_user(),
            claim,
            expected_version=expected,
            status=Status(form.status.data),
            verdict=verdict,
            rationale=form.rationale.data,
        )
        db.commit()
    except StaleClaim:
        db.rollback()
        return _merge_assess(claim_id, form, expected, verdict)
    except StaleDataError:
        db.rollback()
        return _conflict(claim_id, form, expected)
    except PermissionDenied as exc:
        db.rollback()
        form.status.errors = [str(exc)]
        return render_claim(claim_id, status=403, assess_form=form)
    except ClaimError as exc:
        db.rollback()
        claim = _claim_or_404(claim_id)
        form.version.data = claim.version
        field = form.rationale if "rationale" in str(exc) else form.verdict
        field.errors = [str(exc)]
        return render_claim(claim_id, status=400, assess_form=form)
    flash("Saved." if changed else "Nothing to save: no changes.", "success" if changed else "info")
    if form.save_next.data:
        _prev, next_id = neighbours(db, claim, _filters())
        if next_id is not None:
            return redirect(url_for("claims.claim", claim_id=next_id, **_filters().args()), 303)
    return redirect(_back_to(claim_id), code=303)


def _merge_assess(claim_id: int, form: AssessForm, expected: int, verdict: Verdict | None):
    """Someone saved the claim since the form was loaded: the fields only one of you changed
    are saved (theirs kept, yours applied); a field you both changed differently is a clash,
    for the conflict page."""
    db = get_session()
    db.expire_all()
    claim = _claim_or_404(claim_id)
    merged = three_way(
        loaded={
            "status": form.loaded_status.data,
            "verdict": form.loaded_verdict.data or "",
            "rationale": form.loaded_rationale.data,
        },
        current={
            "status": claim.status,
            "verdict": str(claim.verdict_id or ""),
            "rationale": digest(claim.rationale),
        },
        submitted={
            "status": form.status.data,
            "verdict": form.verdict.data or "",
            "rationale": digest(form.rationale.data),
        },
    )
    if merged.clashes:
        return _conflict(claim_id, form, expected)
    apply = merged.apply
    try:
        changed = assess(
            db,
            current_user(),
            claim,
            expected_version=claim.version,
            status=Status(form.status.data) if "status" in apply else None,
            verdict=verdict if "verdict" in apply else False,
            rationale=form.rationale.data if "rationale" in apply else None,
        )
        db.commit()
    except (StaleClaim, StaleDataError):
        db.rollback()
        return _conflict(claim_id, form, expected)
    except PermissionDenied as exc:
        db.rollback()
        form.status.errors = [str(exc)]
        return render_claim(claim_id, status=403, assess_form=form)
    except ClaimError as exc:
        db.rollback()
        return _conflict(claim_id, form, expected, str(exc))
    if changed:
        flash(
            "Saved. Someone else saved this claim meanwhile: their changes are kept with yours.",
            "success",
        )
    else:
        flash("Nothing to save: the claim already has your changes.", "info")
    return redirect(_back_to(claim_id), code=303)


def _conflict(claim_id: int, form: AssessForm, expected: int, problem: str | None = None):
    """Someone saved in between: show their version next to yours, keep yours in the form."""
    db = get_session()
    db.expire_all()
    claim = _claim_or_404(claim_id)
    verdict_labels = {str(v.id): v.label for v in verdict_scale(db, include_inactive=True)}
    yours = {
        "status": form.status.data,
        "verdict": verdict_labels.get(form.verdict.data or ""),
        "rationale": form.rationale.data or "",
    }
    theirs = {
        "status": claim.status,
        "verdict": claim.verdict.label if claim.verdict else None,
        "rationale": claim.rationale or "",
    }
    history = claim_history(db, claim.id)
    last = next((e for e in history if e.action in ("assess", "assign")), None)
    # Fields you did not touch take their value; the ones you changed keep yours.
    untouched = {
        "status": form.loaded_status.data == form.status.data,
        "verdict": form.loaded_verdict.data == (form.verdict.data or ""),
        "rationale": form.loaded_rationale.data == digest(form.rationale.data),
    }
    if untouched["status"]:
        form.status.data = claim.status
    if untouched["verdict"]:
        form.verdict.data = str(claim.verdict_id or "")
    if untouched["rationale"]:
        form.rationale.data = claim.rationale
    form.version.data = claim.version  # saving again means "this merge replaces theirs"
    form.loaded_status.data = claim.status
    form.loaded_verdict.data = str(claim.verdict_id or "")
    form.loaded_rationale.data = digest(claim.rationale)
    conflict = {
        "yours": yours,
        "theirs": theirs,
        "last": last,
        "expected": expected,
        "untouched": untouched,
        "problem": problem,
    }
    return render_claim(claim_id, status=409, conflict=conflict, assess_form=form)


@bp.route("/claims/<int:claim_id>/dismiss", methods=["POST"])
@requires(Role.reviewer)
def dismiss_claim(claim_id: int):
    db = get_session()
    claim = _claim_or_404(claim_id)
    form = DismissForm()
    if not form.validate_on_submit():
        return render_claim(claim_id, status=400, dismiss_form=form)
    try:
        expected = int(form.version.data)
    except ValueError:
        abort(400, "The form's version is not a number.")
    try:
        dismiss(
            db,
            current_user(),
            claim,
            form.reason.data,
            note=form.note.data,
            duplicate_of=form.duplicate_of.data,
            expected_version=expected,
        )
        db.commit()
    except (StaleClaim, StaleDataError):
        db.rollback()
        claim = _claim_or_404(claim_id)
        form.version.data = claim.version
        form.reason.errors = [
            "Someone changed this claim since you opened it: look at it again, then dismiss it."
        ]
        return render_claim(claim_id, status=409, dismiss_form=form)
    except PermissionDenied as exc:
        db.rollback()
        form.reason.errors = [str(exc)]
        return render_claim(claim_id, status=403, dismiss_form=form)
    except BadReason as exc:
        db.rollback()
        form[exc.field].errors = [f"{str(exc)[0].upper()}{str(exc)[1:]}."]
        return render_claim(claim_id, status=400, dismiss_form=form)
    flash("Dismissed.", "success")
    return redirect(_back_to(claim_id), code=303)


@bp.route("/claims/<int:claim_id>/evidence", methods=["POST"])
@requires(Role.reviewer)
def add_evidence(claim_id: int):
    db = get_session()
    claim = _claim_or_404(claim_id)
    form = EvidenceForm()
    if not form.validate_on_submit():
        return render_claim(claim_id, status=400, evidence_form=form)
    try:
        attach_source(
            db,
            current_user(),
            claim,
            url=form.url.data,
            title=form.title.data or None,
            relation=Relation(form.relation.data),
            quote=form.quote.data or None,
        )
    except SourceError as exc:
        db.rollback()
        form.url.errors = [str(exc)]
        return render_claim(claim_id, status=400, evidence_form=form)
    db.commit()
    flash("Source added.", "success")
    return redirect(_back_to(claim_id, "#sources"), code=303)


@bp.route("/claims/<int:claim_id>/evidence/<int:evidence_id>/resolve", methods=["POST"])
@requires(Role.reviewer)
def resolve_evidence(claim_id: int, evidence_id: int):
    db = get_session()
    claim = _claim_or_404(claim_id)
    evidence = db.get(Evidence, evidence_id)
    if evidence is None or evidence.claim_id != claim.id:
        abort(404, "There is no such citation on this claim.")
    form = ResolveCitationForm()
    if form.validate_on_submit():
        try:
            resolve_citation(
                db, current_user(), evidence, form.url.data, title=form.title.data or None
            )
        except SourceError as exc:
            db.rollback()
            form.url.errors = [str(exc)]
        else:
            db.commit()
            flash("Citation completed.", "success")
            return redirect(_back_to(claim_id, "#sources"), code=303)
    errors = {evidence_id: (form.url.data, form.url.errors, form.title.data)}
    return render_claim(claim_id, status=400, resolve_errors=errors)


@bp.route("/claims/<int:claim_id>/annotations", methods=["POST"])
@requires(Role.reviewer)
def add_annotation(claim_id: int):
    db = get_session()
    claim = _claim_or_404(claim_id)
    form = AnnotationForm()
    if not form.validate_on_submit():
        return render_claim(claim_id, status=400, annotation_form=form)
    parent = None
    if form.parent_id.data:
        parent = _row(Annotation, form.parent_id.data)
        if parent is None or parent.claim_id != claim.id:
            abort(400, "A reply must answer a note on the same claim.")
    try:
        annotate(db, current_user(), claim, form.body.data, parent=parent)
    except ClaimError as exc:
        db.rollback()
        form.body.errors = [str(exc)]
        return render_claim(claim_id, status=400, annotation_form=form)
    mentions = find_mentions(db, form.body.data)
    db.commit()
    flash("Note added.", "success")
    if mentions.people:
        flash(f"Mentioned: {', '.join(u.name or u.email for u in mentions.people)}.", "info")
    for handle in mentions.unknown:
        flash(f"Nobody active is called @{handle}: nobody was told.", "error")
    for handle in mentions.ambiguous:
        flash(
            f"@{handle} names several accounts: write the whole email address after the @ "
            "to tell one of them.",
            "error",
        )
    return redirect(_back_to(claim_id, "#annotations"), code=303)


@bp.route("/claims/<int:claim_id>/annotations/<int:note_id>/resolve", methods=["POST"])
@requires(Role.reviewer)
def resolve_note(claim_id: int, note_id: int):
    db = get_session()
    note = db.get(Annotation, note_id)
    if note is None or note.claim_id != claim_id:
        abort(404, "There is no such note on this claim.")
    form = ResolveForm()
    if not form.validate_on_submit():
        abort(400)
    resolve_annotation(db, current_user(), note, resolved=form.resolved.data != "0")
    db.commit()
    return redirect(_back_to(claim_id, "#annotations"), code=303)


@bp.route("/claims/<int:claim_id>/assign", methods=["POST"])
@requires(Role.editor)
def assign_claim(claim_id: int):
    db = get_session()
    claim = _claim_or_404(claim_id)
    form = AssignForm()
    if not form.validate_on_submit():
        abort(400)
    assignee = None
    if form.assignee.data and form.assignee.data != NONE:
        assignee = _row(User, form.assignee.data)
        if assignee is None:
            abort(400, "Unknown assignee.")
    try:
        changed = assign(db, current_user(), claim, assignee)
    except ClaimError as exc:
        db.rollback()
        flash(str(exc), "error")
        return redirect(_back_to(claim_id), code=303)
    db.commit()
    if changed:
        flash(f"Assigned to {assignee.name}." if assignee else "Unassigned.", "success")
    return redirect(_back_to(claim_id), code=303)


# --- the verdict scale -------------------------------------------------------------------------


@bp.route("/verdicts")
@requires(Role.editor)
def verdicts(new_form: VerdictForm | None = None, status: int = 200, errors: dict | None = None):
    scale = verdict_rows(get_session())
    forms = {
        v.id: VerdictForm(
            formdata=None,
            label=v.label,
            description=v.description,
            value=v.value,
            colour=v.colour or "#6e7781",
            active=v.active,
        )
        for v in scale
    }
    for verdict_id, form in (errors or {}).items():
        forms[verdict_id] = form
    return render_template(
        "claims/verdicts.html",
        scale=scale,
        forms=forms,
        new_form=new_form or VerdictForm(formdata=None),
    ), status


@bp.route("/verdicts", methods=["POST"])
@requires(Role.editor)
def new_verdict():
    db = get_session()
    form = VerdictForm()
    if form.validate_on_submit():
        try:
            add_verdict(
                db,
                current_user(),
                label=form.label.data,
                description=form.description.data or "",
                value=form.value.data,
                colour=form.colour.data or None,
            )
        except ClaimError as exc:
            db.rollback()
            form.label.errors = [str(exc)]
        else:
            db.commit()
            flash(f"Verdict “{form.label.data}” added.", "success")
            return redirect(url_for("claims.verdicts"), code=303)
    return verdicts(new_form=form, status=400)


@bp.route("/verdicts/<int:verdict_id>", methods=["POST"])
@requires(Role.editor)
def edit_verdict(verdict_id: int):
    db = get_session()
    verdict = db.get(Verdict, verdict_id) or abort(404)
    form = VerdictForm()
    if form.validate_on_submit():
        try:
            update_verdict(
                db,
                current_user(),
                verdict,
                label=form.label.data,
                description=form.description.data or "",
                value=form.value.data,
                colour=form.colour.data or None,
                active=bool(form.active.data),
            )
        except ClaimError as exc:
            db.rollback()
            form.label.errors = [str(exc)]
        else:
            db.commit()
            flash(f"Verdict “{verdict.label}” saved.", "success")
            return redirect(url_for("claims.verdicts"), code=303)
    return verdicts(status=400, errors={verdict_id: form})
