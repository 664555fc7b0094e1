"""Sign in and out, your account (password, sessions), one-time reset links, and account
management for admins."""

from __future__ import annotations

from datetime import timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)

from factcheck.api.models import ApiToken, Scope
from factcheck.api.tokens import TokenError, create_token, revoke_token, tokens_of
from factcheck.auth.forms import (
    ButtonForm,
    ChangePasswordForm,
    LoginForm,
    LogoutForm,
    NewUserForm,
    NotificationsForm,
    ResetPasswordForm,
    SetPasswordForm,
    TokenForm,
    UserForm,
)
from factcheck.auth.models import Role, User
from factcheck.auth.operations import (
    AccountError,
    PasswordRefused,
    TooManyAttempts,
    WrongPassword,
    add_user,
    attempt_sign_in,
    change_own_password,
    issue_reset_link,
    reset_link_user,
    reset_password,
    set_active,
    set_notifications,
    set_password,
    set_role,
)
from factcheck.auth.queries import all_users
from factcheck.auth.sessions import end_all_sessions, prune_sessions
from factcheck.auth.signin import current_user, requires, session_limits, sign_in, sign_out
from factcheck.db import get_session
from factcheck.notifications.models import Kind
from factcheck.web import safe_next

bp = Blueprint("auth", __name__)

# Longer than any token we issue (43 characters): anything else is not a link of ours.
MAX_TOKEN = 64


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
    outcome = attempt_sign_in(
        db, form.email.data, form.password.data, request.remote_addr or "unknown"
    )
    if outcome.retry_after:
        db.rollback()
        minutes = max(1, round(outcome.retry_after / 60))
        form.password.errors = [
            f"Too many failed sign-ins. Try again in {minutes} minute{'s' if minutes > 1 else ''}."
        ]
        headers = {"Retry-After": str(outcome.retry_after)}
        return render_template("auth/login.html", form=form), 429, headers
    if outcome.user is None:
        db.commit()
        form.password.errors = [
            "This account is disabled. Ask an admin to enable it."
            if outcome.disabled
            else "Wrong email or password."
        ]
        return render_template("auth/login.html", form=form), 403 if outcome.disabled else 401
    prune_sessions(db, session_limits())
    sign_in(outcome.user)
    db.commit()
    return redirect(safe_next(form.next.data) or url_for("claims.dashboard"), code=303)


@bp.route("/logout", methods=["POST"])
def logout():
    form = LogoutForm()
    if form.validate_on_submit():
        sign_out()
        get_session().commit()
        flash("You are signed out.", "info")
    return redirect(url_for("auth.login"), code=303)


# --- your account ------------------------------------------------------------------------------


def _account_page(password_form=None, status: int = 200, token_form=None, new_token=None):
    user = current_user()
    assert user is not None  # every page but the public ones needs a session (web._load_user)
    settings = NotificationsForm(
        formdata=None, data={kind.value: user.wants(kind) for kind in Kind}
    )
    return render_template(
        "auth/account.html",
        password_form=password_form or ChangePasswordForm(formdata=None),
        everywhere_form=ButtonForm(formdata=None),
        notifications_form=settings,
        tokens=tokens_of(get_session(), user.id),
        token_form=token_form or TokenForm(formdata=None),
        new_token=new_token,
    ), status


@bp.route("/account")
def account():
    return _account_page()


@bp.route("/account/notifications", methods=["POST"])
def notification_settings():
    form = NotificationsForm()
    if not form.validate_on_submit():
        abort(400)
    db = get_session()
    user = current_user()
    assert user is not None  # every page but the public ones needs a session (web._load_user)
    changed = set_notifications(db, user, form.chosen())
    db.commit()
    flash(
        "Notification settings saved." if changed else "Nothing to save: no changes.",
        "success" if changed else "info",
    )
    return redirect(url_for("auth.account") + "#notifications", code=303)


@bp.route("/account/password", methods=["POST"])
def change_password():
    db = get_session()
    user = current_user()
    assert user is not None  # every page but the public ones needs a session (web._load_user)
    form = ChangePasswordForm()
    if not form.validate_on_submit():
        return _account_page(form, 400)
    try:
        change_own_password(
            db,
            user,
            form.current.data,
            form.password.data,
            request.remote_addr or "unknown",
        )
    except TooManyAttempts as exc:
        db.rollback()
        form.current.errors = [str(exc)]
        page, _status = _account_page(form)
        return page, 429, {"Retry-After": str(exc.retry_after)}
    except AccountError as exc:
        if isinstance(exc, WrongPassword):
            db.commit()  # the failed attempt counts towards the limit; nothing else changed
        else:
            db.rollback()
        field = form.password if isinstance(exc, PasswordRefused) else form.current
        field.errors = [str(exc)]
        return _account_page(form, 400)
    sign_in(user)  # every session ended: this browser gets a new one
    db.commit()
    flash("Password changed. You are signed out everywhere else.", "success")
    return redirect(url_for("auth.account"), code=303)


@bp.route("/account/sessions", methods=["POST"])
def sign_out_everywhere():
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    db = get_session()
    user = current_user()
    assert user is not None  # every page but the public ones needs a session (web._load_user)
    end_all_sessions(db, user.id)
    sign_in(user)
    db.commit()
    flash("You are signed out everywhere else.", "success")
    return redirect(url_for("auth.account"), code=303)


@bp.route("/account/tokens", methods=["POST"])
def create_api_token():
    """A new API token: its secret is shown on this answer once, never stored or sent again."""
    db = get_session()
    user = current_user()
    assert user is not None  # every page but the public ones needs a session (web._load_user)
    form = TokenForm()
    if not form.validate_on_submit():
        return _account_page(status=400, token_form=form)
    try:
        _token, secret = create_token(
            db,
            user,
            user,
            name=form.name.data,
            scope=Scope(form.scope.data),
            expires_days=form.expires.data,
        )
    except TokenError as exc:
        db.rollback()
        form.name.errors = [str(exc)]
        return _account_page(status=400, token_form=form)
    db.commit()
    return _account_page(status=201, new_token=secret)


@bp.route("/account/tokens/<int:token_id>/revoke", methods=["POST"])
def revoke_api_token(token_id: int):
    form = ButtonForm()
    if not form.validate_on_submit():
        abort(400)
    db = get_session()
    user = current_user()
    token = db.get(ApiToken, token_id)
    if token is None or user is None or token.user_id != user.id:
        abort(404, "You have no such token.")
    revoke_token(db, user, token)
    db.commit()
    flash(f"Token “{token.name}” revoked: it opens nothing from now on.", "success")
    return redirect(url_for("auth.account") + "#tokens", code=303)


# --- one-time reset links ----------------------------------------------------------------------


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token: str):
    db = get_session()
    user = reset_link_user(db, token) if len(token) <= MAX_TOKEN else None
    if user is None:
        abort(404, "This reset link is not valid: it was used, replaced or has expired.")
    form = ResetPasswordForm()
    if request.method == "POST" and form.validate_on_submit():
        try:
            reset_password(db, token, form.password.data)
        except PasswordRefused as exc:
            db.rollback()
            form.password.errors = [str(exc)]
        except AccountError as exc:
            db.rollback()
            abort(404, str(exc))
        else:
            sign_out()  # whoever was signed in in this browser
            db.commit()
            flash("Your password is set. Sign in with it.", "success")
            return redirect(url_for("auth.login"), code=303)
    status = 400 if request.method == "POST" else 200
    return render_template("auth/reset.html", form=form, user=user), status


# --- account management (admins) ---------------------------------------------------------------


def _users_page(new_form=None, status: int = 200, reset_link: tuple | None = None):
    return render_template(
        "auth/users.html",
        users=all_users(get_session()),
        new_form=new_form or NewUserForm(formdata=None),
        password_form=SetPasswordForm(formdata=None),
        reset_link=reset_link,
        Role=Role,
    ), status


@bp.route("/users")
@requires(Role.admin)
def users():
    return _users_page()


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
            db.rollback()
            field = form.password if isinstance(exc, PasswordRefused) else form.email
            field.errors = [str(exc)]
        else:
            db.commit()
            flash(f"Account {user.email} created ({user.role}).", "success")
            return redirect(url_for("auth.users"), code=303)
    return _users_page(form, 400)


def _user_or_404(user_id: int) -> User:
    return get_session().get(User, user_id) or abort(404, "There is no such account.")


@bp.route("/users/<int:user_id>", methods=["POST"])
@requires(Role.admin)
def update(user_id: int):
    db = get_session()
    user = _user_or_404(user_id)
    form = UserForm()
    if not form.validate_on_submit():
        abort(400, "Choose a role.")
    try:
        set_role(db, current_user(), user, Role(form.role.data))
        set_active(db, current_user(), user, bool(form.active.data))
    except AccountError as exc:
        db.rollback()
        flash(str(exc), "error")
    else:
        db.commit()
        flash(f"{user.email}: {user.role}, {'active' if user.active else 'disabled'}.", "success")
    return redirect(url_for("auth.users"), code=303)


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@requires(Role.admin)
def admin_set_password(user_id: int):
    db = get_session()
    user = _user_or_404(user_id)
    form = SetPasswordForm()
    if not form.validate_on_submit():
        flash(f"{user.email}: {' '.join(form.password.errors) or 'enter a password.'}", "error")
        return redirect(url_for("auth.users"), code=303)
    try:
        set_password(db, current_user(), user, form.password.data)
    except AccountError as exc:
        db.rollback()
        flash(f"{user.email}: {exc}", "error")
    else:
        db.commit()
        flash(f"New password set for {user.email}; their sessions ended.", "success")
    return redirect(url_for("auth.users"), code=303)


@bp.route("/users/<int:user_id>/reset-link", methods=["POST"])
@requires(Role.admin)
def admin_reset_link(user_id: int):
    db = get_session()
    user = _user_or_404(user_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    valid_for = timedelta(seconds=current_app.config["PASSWORD_RESET_TIMEOUT"])
    try:
        token = issue_reset_link(db, current_user(), user, valid_for)
    except AccountError as exc:
        db.rollback()
        flash(str(exc), "error")
        return redirect(url_for("auth.users"), code=303)
    db.commit()
    base = current_app.config["BASE_URL"]
    path = url_for("auth.reset", token=token)
    link = base + path if base else url_for("auth.reset", token=token, _external=True)
    # Shown once, on this response only (never in a flash message: the cookie is not secret).
    return _users_page(reset_link=(user, link, valid_for))
