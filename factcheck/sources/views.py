"""Sources: every URL used as evidence, how often, and for which claims."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from factcheck.db import get_session
from factcheck.sources.queries import source_list, source_page
from factcheck.web import page_arg

bp = Blueprint("sources", __name__)


@bp.route("/sources")
def sources():
    q = " ".join(request.args.get("q", "").split())[:200]
    page = source_list(get_session(), q=q, page=page_arg())
    return render_template("sources/list.html", page=page, q=q)


@bp.route("/sources/<int:source_id>")
def source(source_id: int):
    page = source_page(get_session(), source_id)
    if page is None:
        abort(404, "There is no such source.")
    return render_template("sources/source.html", source=page.source, evidence=page.evidence)
