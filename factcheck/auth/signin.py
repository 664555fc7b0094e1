"""Who is signed in, and what they may open: the browser's sign-in state.

Sign-in is a small session-based login rather than Flask-Login: the app needs only "who is this
request" and "may they do this", and keeping it here keeps the rules in one place. The signed
session cookie carries only a random session token; the session itself lives in the database
(factcheck.auth.sessions), read on every request (`load_user`), so signing out, a password or
role change and disabling an account end it on every worker at once. The session is renewed at
sign-in (a fresh token and CSRF token) and cleared at sign-out. What a write may do is decided
again by factcheck.permissions, on the account read fresh.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from flask import abort, current_app, g, redirect, request, session, url_for

from factcheck.auth.models import Role, User
from factcheck.auth.sessions import Limits, end_session, find, open_session, touch
from factcheck.db import get_database, get_session, request_writes

# Endpoints an anonymous visitor may reach.
PUBLIC_ENDPOINTS = frozenset({"auth.login", "auth.reset", "static"})


def session_limits() -> Limits:
    config = current_app.config
    return Limits(
        idle=timedelta(seconds=config["SESSION_IDLE_TIMEOUT"]),
        lifetime=timedelta(seconds=config["SESSION_LIFETIME"]),
    )


def sign_in(user: User) -> None:
    """Open a new session for `user` in this browser (the caller commits)."""
    session.clear()
    g.pop("csrf_token", None)  # the token is bound to the old session: make a new one
    session["sid"] = open_session(get_session(), user)
    g.user = user


def sign_out() -> None:
    """End this browser's session (the caller commits)."""
    token = session.get("sid")
    if isinstance(token, str):
        end_session(get_session(), token)
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


def load_user() -> Any:
    """Before every request: the signed-in account, or a redirect to sign in. The API
    (/api/) reads no session cookie: its requests carry tokens (factcheck.api.access)."""
    if request.path.startswith("/api/"):
        return None
    g.pop("csrf_token", None)  # per request (the test client shares `g` between requests)
    g.user = None
    token = session.get("sid")
    if isinstance(token, str):
        found = find(get_session(), token, session_limits())
        if found is not None:
            g.user = found.user
            if found.stale:
                _touch(token)
        else:
            session.clear()
    if g.user is None and request.endpoint not in PUBLIC_ENDPOINTS:
        target = request.full_path if request.method == "GET" else None
        if target and target.endswith("?"):
            target = target[:-1]
        return redirect(url_for("auth.login", next=target), code=303)
    return None


def _touch(token: str) -> None:
    """Record that the session is in use (for the idle timeout). A writing request does it in
    its own transaction; a read-only one in a short transaction of its own (on SQLite a read
    transaction cannot safely become a writing one)."""
    if request_writes():
        touch(get_session(), token)
        return
    with get_database().session(writes=True) as db:
        touch(db, token)
        db.commit()
