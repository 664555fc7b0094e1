"""Report downloads: /articles/<id>/report.<format>, for editors."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, request

from factcheck.auth.models import Role
from factcheck.auth.signin import requires
from factcheck.db import get_session
from factcheck.reports.formats import FORMATS, Publisher, render
from factcheck.reports.queries import article_report
from factcheck.reports.renderers import PdfUnavailable

bp = Blueprint("reports", __name__)


@bp.get("/articles/<int:article_id>/report.<fmt>")
@requires(Role.editor)
def article_report_download(article_id: int, fmt: str) -> Response:
    export = FORMATS.get(fmt)
    if export is None:
        abort(404, f"No report format {fmt!r}; try one of {', '.join(FORMATS)}.")
    report = article_report(get_session(), article_id)
    if report is None:
        abort(404, f"There is no article {article_id}.")
    include_all = request.args.get("all") == "1"
    try:
        body = render(
            report, fmt, Publisher.from_config(current_app.config), include_all=include_all
        )
    except PdfUnavailable as exc:
        abort(503, str(exc))
    response = Response(body, mimetype=export.mimetype.split(";")[0])
    inline = request.args.get("download") != "1" and fmt in ("html", "pdf", "json")
    filename = export.filename(article_id, include_all)
    response.headers["Content-Disposition"] = (
        f'{"inline" if inline else "attachment"}; filename="{filename}"'
    )
    # The standalone report carries its own inline CSS and runs no script at all.
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
    )
    return response
