"""The browser side every page shares: CSRF, security headers, bounded route ids and query
parameters, error pages (403, 404, 503...), and the helpers templates use. Who is signed in is
factcheck.auth.signin.
"""

from __future__ import annotations

import contextlib
import functools
import re
import unicodedata
from datetime import datetime
from typing import Any
from urllib.parse import urlencode, urlsplit

from flask import (
    Flask,
    abort,
    current_app,
    g,
    render_template,
    request,
)
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from markupsafe import Markup, escape
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from werkzeug.exceptions import BadRequest, Forbidden, HTTPException
from werkzeug.routing import IntegerConverter

from factcheck.articles.models import Kind
from factcheck.claims.models import DismissalReason, Status
from factcheck.db import MAX_ID, describe_error, get_session
from factcheck.permissions import PermissionDenied
from factcheck.reads.reference import name_for_email
from factcheck.sources.models import Relation
from factcheck.wording import action_in_words, actor_in_words, field_in_words, value_in_words

csrf = CSRFProtect()

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)

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


def safe_next(target: str | None) -> str | None:
    """A path on this site to return to after sign-in, never another site. Browsers drop tabs
    and line breaks from a Location ("/%09/evil.example" decoded is "//evil.example") and read
    a backslash as "/", so any whitespace, control character or backslash disqualifies it."""
    if not target or len(target) > 2000 or "\\" in target:
        return None
    if any(c.isspace() or unicodedata.category(c) == "Cc" for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


MAX_PAGE = 10**6
# Characters no text column can hold (PostgreSQL refuses NUL) and no form has a use for.
_UNSTORABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class IdConverter(IntegerConverter):
    """`<int:...>` in every route: an id outside 1..MAX_ID is a 404, never a database error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("min", 1)
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _refuse_unstorable() -> None:
    """400 for a query or form value with a control character (NUL and the like)."""
    for values in (request.args, request.form):
        for key, value in values.items(multi=True):
            if _UNSTORABLE.search(key) or _UNSTORABLE.search(value):
                raise BadRequest(
                    f"The value of {key[:40]!r} holds a control character (such as NUL), "
                    "which cannot be stored or searched for."
                )


def row_id(value: str | None) -> int | None:
    """An id sent in a form field: a number from 1 to MAX_ID, else None (no row has it)."""
    if value and value.isascii() and value.isdigit() and 0 < int(value) <= MAX_ID:
        return int(value)
    return None


def page_arg() -> int:
    """The `page` query parameter: 1 when absent, 400 unless a number from 1 to MAX_PAGE."""
    value = request.args.get("page", "")
    if value == "":
        return 1
    if re.fullmatch(r"[0-9]{1,7}", value) and 1 <= int(value) <= MAX_PAGE:
        return int(value)
    abort(400, f"The page number must be a number from 1 to {MAX_PAGE:,}.")


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


@functools.lru_cache(maxsize=8)
def _choices_markup(pairs: tuple[tuple[Any, str], ...], length: int) -> str:
    return str(options((value, shorten(label, length)) for value, label in pairs))


def cached_options(pairs: tuple[tuple[Any, str], ...], selected: Any, length: int = 60) -> Markup:
    """options() for a long list that changes rarely (the reference copies' tuples), labels
    shortened to `length`: rendered once per list (escaping the queue's 300 article choices
    on every request took 1 ms of its 7-8 ms at a million claims, bench/pages.py)."""
    html = _choices_markup(pairs, length)
    if selected is not None:
        value = escape(str(selected))
        html = html.replace(f'<option value="{value}">', f'<option value="{value}" selected>', 1)
    return Markup(html)  # noqa: S704 (written by options(), which escapes)


def _colour(value: str | None) -> str:
    """A verdict colour safe to put in an attribute: #rrggbb or a neutral grey."""
    if value and re.fullmatch(r"#[0-9a-fA-F]{6}", value):
        return value
    return "#6e7781"


# Error pages in words: a title, and what to do when the error carries no message of its own
# (Werkzeug's stock descriptions speak of "the requested URL" and "the server").
ERROR_WORDS = {
    400: ("Something in the request is wrong", "Go back, check what you entered and try again."),
    403: ("Not allowed", "Your role does not allow this."),
    404: ("Not found", "Nothing is at this address: the link may be old or mistyped."),
    405: (
        "Not a page to open",
        "This address only takes a form sent from a page of the desk (a button such as Save "
        "or Mark read), not a link opened in the browser. Go back and use the page's button.",
    ),
    409: ("Someone changed this first", "Reload the page to see their change, then try again."),
    413: ("Too large", "What you sent is larger than the desk accepts."),
    429: ("Too many attempts", "Wait a few minutes and try again."),
    503: ("Unavailable for a moment", "Nothing was changed; try again in a minute."),
}


def _error(error: HTTPException) -> tuple[str, int]:
    get_session().rollback()
    code = error.code or 500
    title, advice = ERROR_WORDS.get(code, (error.name, ""))
    description = error.description if isinstance(error.description, str) else ""
    if description == type(error).description:  # Werkzeug's stock text
        description = advice
    if isinstance(error, CSRFError):
        title = "The form had expired"
        description = (
            "The form had expired or was not sent from this site (missing CSRF token). "
            "Go back, reload the page and try again."
        )
    return render_template("error.html", code=code, name=title, description=description), code


def _unavailable(error: Exception) -> tuple[str, int, dict]:
    """The database cannot be reached (or is locked past the busy timeout): 503, try later."""
    current_app.logger.warning("database unavailable: %s", describe_error(error))
    g.database_unavailable = True  # the page below asks the database nothing more
    session = g.pop("db_session", None)
    if session is not None:
        with contextlib.suppress(SQLAlchemyError):
            session.close()
    page = render_template(
        "error.html",
        code=503,
        name=ERROR_WORDS[503][0],
        description="The database is unavailable right now. Nothing was changed; "
        "try again in a minute.",
    )
    return page, 503, {"Retry-After": "30"}


def _denied(error: PermissionDenied) -> tuple[str, int]:
    """An operation refused the write (whichever view called it): 403, nothing changed."""
    return _error(Forbidden(str(error)))


def _value_words(key: str, value: Any) -> str:
    """A value the history recorded, in words; an assignee (kept as an email) by name."""
    if key == "assignee" and isinstance(value, str) and value:
        return name_for_email(get_session(), value)
    return value_in_words(key, value)


def register_web(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter  # before any route is added
    csrf.init_app(app)
    app.session_interface = _SessionInterface()
    app.before_request(_refuse_unstorable)

    for code in (400, 403, 404, 405, 409, 413, 429, 503):
        app.register_error_handler(code, _error)
    app.register_error_handler(CSRFError, _error)
    app.register_error_handler(PermissionDenied, _denied)
    for unavailable in (OperationalError, InterfaceError, SQLAlchemyTimeoutError):
        app.register_error_handler(unavailable, _unavailable)

    app.jinja_env.globals.update(
        options=options,
        querystring=querystring,
        STATUSES=list(Status),
        DISMISSAL_REASONS=list(DismissalReason),
        KINDS=list(Kind),
        STATUS_HELP=STATUS_HELP,
        Status=Status,
        Relation=Relation,
    )
    app.jinja_env.filters["dt"] = _format_dt
    app.jinja_env.filters["shorten"] = shorten
    app.jinja_env.filters["colour"] = _colour
    app.jinja_env.filters["status_label"] = lambda s: Status(s).label if s else ""
    app.jinja_env.filters["actor_words"] = actor_in_words
    app.jinja_env.filters["action_words"] = action_in_words
    app.jinja_env.filters["field_words"] = field_in_words
    app.jinja_env.filters["value_words"] = _value_words

    @app.after_request
    def _security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.endpoint != "static":
            # Pages and report downloads hold what only signed-in staff may read.
            response.headers.setdefault("Cache-Control", "no-store")
        if request.is_secure or app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
