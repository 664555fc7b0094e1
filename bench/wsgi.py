"""The app as the benchmarks serve it: create_app() plus an X-Query-Count response header."""

from __future__ import annotations

import contextlib

from flask import g
from sqlalchemy import event

from factcheck import create_app
from factcheck.db import get_database
from factcheck.serve import freeze_heap

app = create_app()


@event.listens_for(get_database(app).engine, "before_cursor_execute")
def _count(*_args):
    with contextlib.suppress(RuntimeError):  # outside a request
        g.bench_queries = g.get("bench_queries", 0) + 1


@app.after_request
def _header(response):
    response.headers["X-Query-Count"] = str(g.get("bench_queries", 0))
    return response


freeze_heap()  # as factcheck/serve.py does in each worker once the app is loaded
