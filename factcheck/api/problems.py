"""Errors as RFC 9457 problem details (application/problem+json): the API's every error, from
its views, its token check, the operations they call, and the routing under /api/."""

from __future__ import annotations

from typing import Any

import orjson
from flask import Response, request
from werkzeug.exceptions import HTTPException

from factcheck.db import describe_error, get_session

PROBLEM = "application/problem+json"
TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    406: "Not acceptable",
    409: "Conflict",
    412: "Precondition failed",
    413: "Content too large",
    415: "Unsupported media type",
    422: "Unprocessable content",
    428: "Precondition required",
    429: "Too many requests",
    500: "Internal server error",
    503: "Service unavailable",
}


class Problem(Exception):
    """Raised by the API's code: answered as a problem document with these members."""

    def __init__(self, status: int, detail: str, headers: dict | None = None, **extra: Any):
        super().__init__(detail)
        self.status, self.detail, self.headers, self.extra = status, detail, headers or {}, extra


def problem(status: int, detail: str, headers: dict | None = None, **extra: Any) -> Response:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    # Errors of list items are keyed by their index: OPT_NON_STR_KEYS writes it as a string.
    content = orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS)
    response = Response(content, status=status, mimetype=PROBLEM)
    response.headers.update(headers or {})
    return response


def from_problem(error: Problem) -> Response:
    get_session().rollback()
    return problem(error.status, error.detail, error.headers, **error.extra)


def from_http(error: HTTPException) -> Response:
    """An HTTP error raised in an API view (abort, the request parser) or by the routing."""
    get_session().rollback()
    status = error.code or 500
    detail = error.description or TITLES.get(status, "")
    extra: dict[str, Any] = {}
    # The request parser (webargs) puts what is wrong with each field in `data`.
    messages = getattr(error, "data", {}).get("messages")
    if messages:
        extra["errors"] = messages
        detail = "Some fields of the request are not valid: see errors."
    headers = dict(error.get_headers()) if status == 405 else {}
    headers.pop("Content-Type", None)
    return problem(status, detail, headers, **extra)


def unavailable(error: Exception) -> Response:
    """The database cannot be reached, or is locked past the busy timeout."""
    from flask import current_app

    current_app.logger.warning("database unavailable: %s", describe_error(error))
    return problem(
        503, "The database is unavailable right now; nothing was changed.", {"Retry-After": "30"}
    )
