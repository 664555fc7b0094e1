"""Statements built once per process.

Building a SQLAlchemy Select and computing its cache key cost more than running a small indexed
read (0.5 ms of the 0.9 ms the dashboard's "assigned to me" read took). A page's statements
differ by the shape of what it shows (which filters, which order, which page), not by the values
it is given: those are named bound parameters, passed at execution. `built_once` keeps one
statement per shape.
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
