"""Everything the browser side shares: sign-in state, roles, CSRF, security headers, blueprints.

Sign-in is a small session-based login rather than Flask-Login: the app needs only "who is this
request" and "may they do this", and keeping it here avoids a dependency and keeps the rules in
one place. The signed session cookie holds the user id and a key derived from the password hash,
so changing a password or disabling an account ends that user's other sessions; the session is
cleared at sign-in (a fresh session and CSRF token) and at sign-out.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from flask import (
    Flask,
    abort,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from markupsafe import Markup, escape
from werkzeug.exceptions import HTTPException

from factcheck.auth.models import Role, User
from factcheck.claims.models import Status
from factcheck.db import get_session
from factcheck.sources.models import Relation

csrf = CSRFProtect()

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

# Endpoints an anonymous visitor may reach.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "static"})

STATUS_HELP = {
    Status.unreviewed: "extracted, nobody has looked yet",
    Status.in_review: "a reviewer is working on it",
    Status.reviewed: "verdict and rationale in, waiting for an editor",
    Status.approved: "signed off by an editor; appears in published reports",
    Status.dismissed: "not a check-worthy claim",
}


class _SessionInterface(SecureCookieSessionInterface):
    """Secure cookies whenever the request came over HTTPS (or the setting forces them)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        if app.config.get("SESSION_COOKIE_SECURE"):
            return True
        return bool(request) and request.is_secure


def session_key(user: User) -> str:
    """Binds a session to the password it was opened with."""
    material = f"{user.id}:{user.password_hash or ''}".encode()
    return hashlib.sha256(material).hexdigest()[:32]


def sign_in(user: User) -> None:
    session.clear()
    g.pop("csrf_token", None)  # the token is bound to the old session: make a new one
    session["uid"] = user.id
    session["key"] = session_key(user)
    g.user = user


def sign_out() -> None:
    session.clear()
    g.pop("csrf_token", None)
    g.user = None


def current_user() -> User | None:
    return g.get("user")


def requires(role: Role) -> Callable:
    """The view needs at least `role`; everyone else gets 403 (and nothing is changed)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            user = current_user()
            if user is None or not user.can(role):
                abort(403, f"This needs the {role.value} role.")
            return view(*args, **kwargs)

        return wrapped

    return decorator


def can(role: str | Role) -> bool:
    user = current_user()
    return user is not None and user.can(Role(role))


def safe_next(target: str | None) -> str | None:
    """A local path to return to after sign-in, never another site."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    return target


def _load_user() -> Any:
    g.pop("csrf_token", None)  # per request (the test client shares `g` between requests)
    g.user = None
    uid = session.get("uid")
    if uid is not None:
        user = get_session().get(User, uid)
        if user is not None and user.active and session.get("key") == session_key(user):
            g.user = user
        else:
            session.clear()
    if g.user is None and request.endpoint not in PUBLIC_ENDPOINTS:
        target = request.full_path if request.method == "GET" else None
        if target and target.endswith("?"):
            target = target[:-1]
        return redirect(url_for("auth.login", next=target), code=303)
    return None


def querystring(args: dict | None = None, **overrides: Any) -> str:
    """The current query (or `args`) with some parameters replaced; '' when empty."""
    source = request.args if args is None else args
    pairs: list[tuple[str, Any]] = []
    for key in source:
        if key in overrides:
            continue
        values = source.getlist(key) if hasattr(source, "getlist") else [source[key]]
        pairs.extend((key, v) for v in values if v not in (None, ""))
    for key, value in overrides.items():
        if value not in (None, "", False):
            pairs.append((key, value))
    return ("?" + urlencode(pairs)) if pairs else ""


def _format_dt(value: datetime | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return ""
    return value.strftime(fmt) + (" UTC" if "%H" in fmt else "")


def shorten(text: str | None, length: int = 255) -> str:
    """Jinja's `truncate` (cut at a word, "...", 5 characters of leeway) without its per-call
    environment lookups: the queue shortens a few hundred texts per page."""
    if text is None:
        return ""
    if len(text) <= length + 5:
        return text
    return text[: length - 3].rsplit(" ", 1)[0] + "..."


def options(pairs, selected: Any = None) -> Markup:
    """<option> tags for (value, label) pairs, the one equal to `selected` selected (written in
    Python: a Jinja loop over the queue's 300 article choices took a millisecond)."""
    chosen = "" if selected is None else str(selected)
    html = "".join(
        f'<option value="{escape(value)}"{" selected" if str(value) == chosen else ""}>'
        f"{escape(label)}</option>"
        for value, label in pairs
    )
    return Markup(html)  # noqa: S704 (every value and label above is escaped)


def _colour(value: str | None) -> str:
    """A verdict colour safe to put in an attribute: #rrggbb or a neutral grey."""
    if value and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return value
    return "#6e7781"


def _error(error: HTTPException) -> tuple[str, int]:
    get_session().rollback()
    description = error.description if isinstance(error.description, str) else ""
    if isinstance(error, CSRFError):
        description = (
            "The form had expired or was not sent from this site (missing CSRF token). "
            "Go back, reload the page and try again."
        )
    return (
        render_template("error.html", code=error.code, name=error.name, description=description),
        error.code or 500,
    )


def register_web(app: Flask) -> None:
    csrf.init_app(app)
    app.session_interface = _SessionInterface()
    app.before_request(_load_user)

    from factcheck.articles.views import bp as articles_bp
    from factcheck.auth.views import bp as auth_bp
    from factcheck.claims.views import bp as claims_bp
    from factcheck.sources.views import bp as sources_bp

    for blueprint in (auth_bp, claims_bp, articles_bp, sources_bp):
        app.register_blueprint(blueprint)

    for code in (400, 403, 404, 405, 409, 413, 429):
        app.register_error_handler(code, _error)
    app.register_error_handler(CSRFError, _error)

    app.jinja_env.globals.update(
        current_user=current_user,
        can=can,
        options=options,
        querystring=querystring,
        STATUSES=list(Status),
        STATUS_HELP=STATUS_HELP,
        Status=Status,
        Relation=Relation,
    )
    app.jinja_env.filters["dt"] = _format_dt
    app.jinja_env.filters["shorten"] = shorten
    app.jinja_env.filters["colour"] = _colour
    app.jinja_env.filters["status_label"] = lambda s: Status(s).label if s else ""

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if current_user() is not None and response.mimetype == "text/html":
            response.headers.setdefault("Cache-Control", "no-store")
        return response
