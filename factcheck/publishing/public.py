"""The public site, no sign-in: the published fact-checks, their feed and sitemap.

Every response is cacheable (ETag and Last-Modified, 304 on a conditional request) and the same
for everyone: nothing here reads who is signed in.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from flask import Blueprint, abort, current_app, redirect, render_template, request
from flask import url_for as flask_url_for
from markupsafe import Markup
from werkzeug.wrappers import Response

from factcheck.claimreview.export import claimreview_html_snippet
from factcheck.db import get_session
from factcheck.publishing import queries
from factcheck.reports.annotations import annotation_document, claim_annotations
from factcheck.reports.formats import Publisher
from factcheck.web import page_arg, row_id

bp = Blueprint("public", __name__)

MAX_AGE = 300  # seconds a cache may keep a public page without asking again


def base_url() -> str:
    """The site's public address: FACTCHECK_BASE_URL, else the address this request came to."""
    return current_app.config["BASE_URL"] or request.url_root.rstrip("/")


def publisher() -> Publisher:
    config = current_app.config
    return Publisher(config["ORGANISATION_NAME"], config["ORGANISATION_URL"], base_url())


def _cacheable(body: str | bytes, mimetype: str, modified: datetime | None) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    if modified is not None:
        response.last_modified = modified.replace(microsecond=0)
    response.add_etag()
    return response.make_conditional(request)


def _gone() -> tuple[str, int]:
    return render_template("public/gone.html"), 410


def _missing() -> tuple[str, int]:
    """404 in the public site's words (the desk's error page would ask to sign in)."""
    return render_template("public/missing.html"), 404


@bp.route("/fact-checks/")
def index():
    q = request.args.get("q", "").strip()
    if len(q) > queries.MAX_QUERY:
        abort(400, f"The search is longer than {queries.MAX_QUERY} characters.")
    verdict_id = None
    if request.args.get("verdict"):
        verdict_id = row_id(request.args["verdict"])
        if verdict_id is None:
            abort(400, "The verdict must be one of the list's choices.")
    found = queries.public_index(get_session(), q, verdict_id, page_arg())
    page = render_template(
        "public/index.html",
        found=found,
    )
    return _cacheable(page, "text/html", queries.last_change(get_session()))


def _canonical(entry: queries.Entry) -> str:
    return flask_url_for("public.fact_check", claim_id=entry.id, slug=entry.slug)


@bp.route("/fact-checks/<int:claim_id>-<slug>")
def fact_check(claim_id: int, slug: str):
    names = current_app.config["PUBLIC_NAMES"]
    found = queries.fact_check(get_session(), claim_id, names=names)
    if found is None:
        return _missing()
    if isinstance(found, str):
        return _gone()
    if slug != found.entry.slug:
        return redirect(_canonical(found.entry), code=301)
    items = publisher().claimreview_items(found.report)
    # The one ClaimReview builder's output, written script-safe (every "<" escaped).
    snippet = Markup(claimreview_html_snippet(items)) if items else ""  # noqa: S704
    page = render_template(
        "public/fact_check.html",
        fc=found,
        claimreview_snippet=snippet,
        canonical=base_url() + _canonical(found.entry),
    )
    return _cacheable(page, "text/html", found.entry.updated_at)


@bp.route("/fact-checks/<int:claim_id>")
def short(claim_id: int):
    found = queries.fact_check(get_session(), claim_id, names=False)
    if found is None:
        return _missing()
    if isinstance(found, str):
        return _gone()
    return redirect(_canonical(found.entry), code=301)


@bp.route("/fact-checks/<int:claim_id>.jsonld", endpoint="annotations")
def annotation(claim_id: int):
    """The published fact-check as a W3C Web Annotation on the article it appeared in."""
    found = queries.fact_check(get_session(), claim_id, names=False)
    if found is None:
        return _missing()
    if isinstance(found, str):
        return _gone()
    items = claim_annotations(
        found.report, base_url=base_url(), organisation=publisher().organisation
    )
    body = annotation_document(items)
    return _cacheable(body, "application/ld+json", found.entry.updated_at)


@bp.route("/fact-checks/feed.atom")
def feed():
    session = get_session()
    entries = queries.recent(session)
    body = render_template(
        "public/feed.xml",
        entries=entries,
        base=base_url(),
        updated=max((e.updated_at for e in entries), default=None),
    )
    return _cacheable(body, "application/atom+xml", queries.last_change(session))


@bp.route("/sitemap.xml")
def sitemap():
    session = get_session()
    body = render_template(
        "public/sitemap.xml", entries=queries.everything(session), base=base_url()
    )
    return _cacheable(body, "application/xml", queries.last_change(session))


@bp.context_processor
def _masthead() -> dict:
    config = current_app.config
    return {
        "organisation_name": config["ORGANISATION_NAME"],  # None when not configured
        "organisation": config["ORGANISATION_NAME"] or "Fact checks",
        "organisation_url": config["ORGANISATION_URL"],
    }


_PARAGRAPHS = re.compile(r"\n\s*\n")


@bp.app_template_filter("long_date")
def long_date(value: date | datetime | str | None) -> str:
    """22 September 2025."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if value is None:
        return ""
    return f"{value.day} {value:%B %Y}"


@bp.app_template_filter("atom_time")
def atom_time(value: datetime | None) -> str:
    """An RFC 3339 time in UTC (the epoch when there is none: an empty feed)."""
    value = value or datetime(1970, 1, 1, tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@bp.app_template_filter("paragraphs")
def paragraphs(text: str | None) -> list[str]:
    """A text's paragraphs (split at blank lines), for <p> each."""
    return [p.strip() for p in _PARAGRAPHS.split(text or "") if p.strip()]
