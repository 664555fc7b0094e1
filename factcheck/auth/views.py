"""Sign in, sign out, and account management for admins."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for

from factcheck.auth.forms import LoginForm, LogoutForm, NewUserForm, UserForm
from factcheck.auth.models import Role, User
from factcheck.auth.operations import (
    AccountError,
    add_user,
    authenticate,
    change_role,
    login_retry_after,
    prune_login_attempts,
    record_login_attempt,
    set_active,
)
from factcheck.auth.queries import all_users
from factcheck.db import get_session, utcnow
from factcheck.web import current_user, requires, safe_next, sign_in, sign_out

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if request.method == "GET":
        if current_user() is not None:
            return redirect(url_for("claims.dashboard"))
        form.next.data = safe_next(request.args.get("next")) or ""
        return render_template("auth/login.html", form=form)
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form), 400
    db = get_session()
    email = form.email.data.lower()
    ip = request.remote_addr or "unknown"
    wait = login_retry_after(db, email, ip)
    if wait:
        minutes = max(1, round(wait / 60))
        form.password.errors = [
            f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes > 1 else ''}."
        ]
        return render_template("auth/login.html", form=form), 429, {"Retry-After": str(wait)}
    user = authenticate(db, email, form.password.data)
    record_login_attempt(db, email, ip, succeeded=user is not None)
    if user is None:
        db.commit()
        form.password.errors = ["Wrong email or password."]
        return render_template("auth/login.html", form=form), 401
    user.last_login_at = utcnow()
    prune_login_attempts(db)
    db.commit()
    sign_in(user)
    return redirect(safe_next(form.next.data) or url_for("claims.dashboard"), code=303)


@bp.route("/logout", methods=["POST"])
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        sign_out()
        flash("You are signed out.", "info")
    return redirect(url_for("auth.login"), code=303)


@bp.route("/users")
@requires(Role.admin)
def users():
    return render_template(
        "auth/users.html", users=all_users(get_session()), new_form=NewUserForm(), Role=Role
    )


@bp.route("/users", methods=["POST"])
@requires(Role.admin)
def add():
    db = get_session()
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            user = add_user(
                db,
                current_user(),
                form.email.data,
                Role(form.role.data),
                form.password.data,
                name=form.name.data or None,
            )
        except AccountError as exc:
            form.email.errors = [str(exc)]
        else:
            db.commit()
            flash(f"Account {user.email} created ({user.role}).", "success")
            return redirect(url_for("auth.users"), code=303)
    return render_template("auth/users.html", users=all_users(db), new_form=form, Role=Role), 400


@bp.route("/users/<int:user_id>", methods=["POST"])
@requires(Role.admin)
def update(user_id: int):
    db = get_session()
    user = db.get(User, user_id) or abort(404)
    form = UserForm()
    if not form.validate_on_submit():
        abort(400, "Choose a role.")
    try:
        change_role(db, current_user(), user, Role(form.role.data))
        set_active(db, current_user(), user, bool(form.active.data))
    except AccountError as exc:
        db.rollback()
        flash(str(exc), "error")
    else:
        db.commit()
        flash(f"{user.email}: {user.role}, {'active' if user.active else 'disabled'}.", "success")
    return redirect(url_for("auth.users"), code=303)
