"""Articles: the list, a new article (paste or upload), an article with its claims in place."""

from __future__ import annotations

from pathlib import PurePath

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from factcheck.articles.forms import EXTENSIONS, ArticleForm, KindForm, guess_format
from factcheck.articles.models import Article
from factcheck.articles.operations import IngestError, ingest, set_kind
from factcheck.articles.queries import article_list, article_page
from factcheck.auth.models import Role
from factcheck.auth.signin import current_user, requires
from factcheck.db import get_session
from factcheck.extraction.language import language_name, unscored_language
from factcheck.extraction.types import ExtractionError  # light: the extraction loads on use
from factcheck.web import page_arg

bp = Blueprint("articles", __name__)

# The article page's report menu: (group, which claims, [(format, link text)]). Every format of
# factcheck.reports.formats.FORMATS is offered (a test checks it).
REPORT_MENU = (
    ("Report, approved claims", False, (("html", "HTML"), ("md", "Markdown"), ("pdf", "PDF"))),
    ("Report, all claims", True, (("html", "HTML"), ("md", "Markdown"), ("pdf", "PDF"))),
    ("Every claim, as data", False, (("json", "JSON"), ("csv", "CSV"))),
    (
        "ClaimReview, approved claims",
        False,
        (("claimreview", "JSON-LD"), ("claimreview-html", "HTML snippet")),
    ),
)


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


@bp.route("/articles")
def articles():
    q = " ".join(request.args.get("q", "").split())[:200]
    page = article_list(get_session(), page_arg(), q=q)
    return render_template("articles/list.html", page=page, q=q)


@bp.route("/articles/new")
@requires(Role.editor)
def new():
    return render_template(
        "articles/new.html",
        form=ArticleForm(formdata=None),
        limit=_size(current_app.config["MAX_CONTENT_LENGTH"]),
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_large(_error):
    form = ArticleForm(formdata=None)
    limit = _size(current_app.config["MAX_CONTENT_LENGTH"])
    form.file.errors = [f"The file is too large: uploads are limited to {limit}."]
    get_session().rollback()
    article_id = (request.view_args or {}).get("article_id")
    if request.endpoint == "articles.revise" and article_id is not None:
        item = get_session().get(Article, article_id)
        if item is None:
            abort(404, "There is no such article.")
        return render_template("articles/revise.html", form=form, limit=limit, article=item), 413
    return render_template("articles/new.html", form=form, limit=limit), 413


def _submitted(form: ArticleForm) -> tuple[bytes | str, str, str | None]:
    """(text or file bytes, format, a title made from the file name) of a valid form."""
    fallback_title = None
    if form.file.data and form.file.data.filename:
        name = PurePath(form.file.data.filename).name
        data: bytes | str = form.file.data.read()
        fmt = EXTENSIONS.get(name.rsplit(".", 1)[-1].lower(), "txt")
        fallback_title = name.rsplit(".", 1)[0].replace("-", " ").replace("_", " ")[:200]
    else:
        text: str = form.text.data
        data = text
        fmt = guess_format(text)
    if form.format.data != "auto":
        fmt = form.format.data
    return data, fmt, fallback_title


def _store(form: ArticleForm, revise: int | None = None):
    """Ingest the form's article (a new version of article `revise`); the result, or None with
    the reason shown next to the field."""
    db = get_session()
    data, fmt, fallback_title = _submitted(form)
    try:
        return ingest(
            db,
            current_user(),
            data,
            fmt,
            url=form.url.data or None,
            publisher=form.publisher.data or None,
            title=form.title.data or None,
            fallback_title=fallback_title,
            revise=revise,
        )
    except (ExtractionError, IngestError, UnicodeDecodeError) as exc:
        db.rollback()
        message = (
            str(exc) if not isinstance(exc, UnicodeDecodeError) else "The file is not UTF-8 text."
        )
        field = (
            form.url
            if isinstance(exc, IngestError)
            else (form.file if form.file.data else form.text)
        )
        field.errors = [message]
        return None


@bp.route("/articles/new", methods=["POST"])
@requires(Role.editor)
def create():
    form = ArticleForm()
    limit = _size(current_app.config["MAX_CONTENT_LENGTH"])
    result = _store(form) if form.validate_on_submit() else None
    if result is None:
        return render_template("articles/new.html", form=form, limit=limit), 400
    get_session().commit()
    if result.created:
        flash(f"Article added with {len(result.added_ids)} claims.", "success")
    else:
        _flash_version(result)
    return redirect(url_for("articles.article", article_id=result.article.id), code=303)


@bp.route("/articles/<int:article_id>/revise", methods=["GET", "POST"])
@requires(Role.editor)
def revise(article_id: int):
    """A new version of the article, uploaded or pasted (its URL may be new, or missing)."""
    item = get_session().get(Article, article_id)
    if item is None:
        abort(404, "There is no such article.")
    limit = _size(current_app.config["MAX_CONTENT_LENGTH"])
    if request.method == "GET":
        form = ArticleForm(formdata=None)
        return render_template("articles/revise.html", form=form, limit=limit, article=item)
    form = ArticleForm()
    result = _store(form, revise=article_id) if form.validate_on_submit() else None
    if result is None:
        return render_template("articles/revise.html", form=form, limit=limit, article=item), 400
    get_session().commit()
    _flash_version(result)
    return redirect(url_for("articles.article", article_id=article_id), code=303)


def _flash_version(result) -> None:
    article = result.article
    if result.unchanged:
        flash("This article is already here, unchanged.", "info")
        return
    flash(
        f"Updated to revision {article.revision}: {len(result.added_ids)} new claims, "
        f"{result.reanchored} moved, {result.orphaned} no longer in the text.",
        "success",
    )
    if result.orphaned_reviewed:
        flash(
            f"{len(result.orphaned_reviewed)} of the claims no longer in the text were in "
            "review, reviewed or approved: "
            + ", ".join(
                f"#{claim_id} ({status.replace('_', ' ')})"
                for claim_id, status in result.orphaned_reviewed
            )
            + ". They keep their verdicts; see them under \u201cNo longer in the text\u201d.",
            "warning",
        )


@bp.route("/articles/<int:article_id>")
def article(article_id: int):
    page = article_page(get_session(), article_id)
    if page is None:
        abort(404, "There is no such article.")
    return render_template(
        "articles/article.html",
        article=page.article,
        paragraphs=page.paragraphs,
        claims=page.claims,
        orphaned=page.orphaned,
        counts=page.counts,
        orphaned_reviewed=page.orphaned_reviewed,
        report_menu=REPORT_MENU,
        kind_form=KindForm(formdata=None, kind=page.article.kind or ""),
        unscored=unscored_language(page.article.language),
        language=language_name(page.article.language) if page.article.language else None,
    )


@bp.route("/articles/<int:article_id>/kind", methods=["POST"])
@requires(Role.reviewer)
def kind(article_id: int):
    db = get_session()
    item = db.get(Article, article_id)
    if item is None:
        abort(404, "There is no such article.")
    form = KindForm()
    if not form.validate_on_submit():
        abort(400, "Choose a kind of piece from the list.")
    if set_kind(db, current_user(), item, form.kind.data or None):
        db.commit()
        flash("Kind saved." if item.kind else "Kind cleared: not said.", "success")
    return redirect(url_for("articles.article", article_id=article_id), code=303)
