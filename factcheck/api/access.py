"""Who an API request acts as: its bearer token, never a session cookie (so it needs no CSRF
token: a browser does not attach a bearer token to another site's requests by itself). Then the
token's scope, its rate limit, and CORS for the configured origins only."""

from __future__ import annotations

import math
import threading
import time

from flask import Response, current_app, g, request

from factcheck.api.problems import Problem
from factcheck.api.tokens import Bearer, bearer, touch
from factcheck.auth.models import User
from factcheck.db import get_database, get_session, request_writes

READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# POSTs that only read (a lookup whose text is too long for a query string): read tokens too.
READ_POSTS = frozenset({"api.post_matches"})
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="factcheck"'}


def api_user() -> User:
    """The account the request's token acts as (read at the start of the request)."""
    return g.api_bearer.user


def authenticate() -> None:
    """Before every API request: a valid token (401), the scope for the method (403), the
    token's rate limit (429)."""
    if request.method == "OPTIONS":
        return
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise Problem(
            401, "Send a personal access token: 'Authorization: Bearer <token>'.", CHALLENGE
        )
    found = bearer(get_session(), secret.strip())
    if found is None:
        raise Problem(401, "The token is unknown, expired or revoked.", CHALLENGE)
    g.api_bearer = found
    reads = request.method in READ_METHODS or request.endpoint in READ_POSTS
    if not reads and not found.scope == "write":
        raise Problem(403, "This is a read token: it cannot change anything.")
    _limit(found)
    _record_use(found)


def _record_use(found: Bearer) -> None:
    if not found.stale:
        return
    if request_writes():
        touch(get_session(), found.token_id)
        return
    # A reading request's session does not write: a short transaction of its own.
    with get_database().session(writes=True) as db:
        touch(db, found.token_id)
        db.commit()


class _Windows:
    """Requests per token in the current minute, per worker process (a fixed window)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[int, int]] = {}

    def hit(self, key: str, limit: int, now: float) -> float | None:
        """Count a request; the seconds to wait when it is one too many."""
        window = int(now // 60)
        with self._lock:
            if len(self._counts) > 10_000:
                self._counts = {k: v for k, v in self._counts.items() if v[0] == window}
            seen_window, count = self._counts.get(key, (window, 0))
            count = count + 1 if seen_window == window else 1
            self._counts[key] = (window, count)
        return (window + 1) * 60 - now if count > limit else None


_windows = _Windows()


def _limit(found: Bearer) -> None:
    wait = _windows.hit(found.key, current_app.config["API_RATE_LIMIT"], time.time())
    if wait is not None:
        raise Problem(
            429,
            f"This token made more than {current_app.config['API_RATE_LIMIT']} requests this "
            "minute; wait and try again.",
            {"Retry-After": str(max(1, math.ceil(wait)))},
        )


EXPOSED = "ETag, Location, Retry-After, Link"


def cors(response: Response) -> Response:
    """Cross-origin reads for the origins in FACTCHECK_API_CORS_ORIGINS only (none by default).
    Tokens travel in a header, never as cookies: no credentials are allowed."""
    origin = request.headers.get("Origin")
    if origin and origin in current_app.config["API_CORS_ORIGINS"]:
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Access-Control-Expose-Headers"] = EXPOSED
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, PATCH, PUT, DELETE"
            response.headers["Access-Control-Allow-Headers"] = (
                "Authorization, Content-Type, If-Match"
            )
            response.headers["Access-Control-Max-Age"] = "600"
        response.vary.add("Origin")
    return response
