"""Statements built once per shape of a page and run with its values as named parameters.

Building a SQLAlchemy Select and computing its cache key, on every request, cost more than
running the page's small indexed reads: at a million claims (bench/pages.py) the dashboard's
reads took 2.7 ms of CPU built per request against 1.4 ms built once, the queue's 0.9 ms against
0.5 ms. A shape is what decides the SQL (which filters, which order, which page); the values are
the named parameters the caller passes at execution (see factcheck.claims.filters).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

MAX_SHAPES = 2_000  # past this (deep pages of many filter combinations) the copies start over

_built: dict[Hashable, Any] = {}


def built_once(key: Hashable, build: Callable[[], Any]) -> Any:
    """The statement for `key`, built by `build()` the first time it is asked for."""
    statement = _built.get(key)
    if statement is None:
        if len(_built) >= MAX_SHAPES:
            _built.clear()
        statement = _built.setdefault(key, build())
    return statement
