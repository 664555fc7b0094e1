"""The floor: a bare Flask view that runs one indexed SELECT of 50 rows and renders them.

Served by gunicorn exactly like the app (bench/pages.py), on the same database, so that each
page's latency can be read as a multiple of what the stack itself costs.
"""

from __future__ import annotations

import os

from flask import Flask, render_template_string
from sqlalchemy import text

from factcheck.db import make_engine

TEMPLATE = """<!doctype html><title>floor</title><ul>
{% for row in rows %}<li>{{ row.id }} {{ row.status }} {{ row.text }}</li>{% endfor %}</ul>"""

app = Flask(__name__)
engine = make_engine(os.environ["FACTCHECK_DATABASE_URL"])
QUERY = text(
    "SELECT id, status, text FROM claim WHERE checkworthiness <= 1 "
    "ORDER BY checkworthiness DESC, id LIMIT 50"
)


@app.route("/")
def floor():
    with engine.connect() as connection:
        rows = connection.execute(QUERY).all()
    return render_template_string(TEMPLATE, rows=rows)
