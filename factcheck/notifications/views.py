"""The inbox (/inbox): your notifications, marking them read; the top bar's unread count."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for

from factcheck.auth.forms import ButtonForm
from factcheck.auth.signin import current_user
from factcheck.db import get_session
from factcheck.notifications.operations import mark_read
from factcheck.notifications.queries import UNREAD_CAP, unread_count
from factcheck.notifications.queries import inbox as inbox_data
from factcheck.web import page_arg

bp = Blueprint("notifications", __name__)

SHOW = ("all", "unread")


@bp.before_app_request
def _count_afresh() -> None:
    g.pop("unread_notifications", None)  # per request (the test client shares `g`)


@bp.app_template_global()
def unread_notifications() -> str | None:
    """The top bar's count of unread notifications ("99+" past UNREAD_CAP), None for none.
    One query per request, however often a page asks; none when nobody is signed in or the
    database is unavailable (the 503 page must not ask it again)."""
    user = current_user()
    if user is None or g.get("database_unavailable"):
        return None
    if "unread_notifications" not in g:
        count = unread_count(get_session(), user.id)
        g.unread_notifications = f"{UNREAD_CAP}+" if count > UNREAD_CAP else str(count or "")
    return g.unread_notifications or None


def _show() -> str:
    show = request.args.get("show", "all")
    if show not in SHOW:
        abort(400, f"show: one of {', '.join(SHOW)}.")
    return show


@bp.route("/inbox")
def inbox():
    user = current_user()
    assert user is not None  # every page but sign-in requires one (web.register_web)
    show = _show()
    data = inbox_data(get_session(), user.id, page_arg(), unread_only=show == "unread")
    return render_template("notifications/inbox.html", inbox=data, show=show)


def _back():
    """Back to the inbox as it was shown (all, or unread only)."""
    show = _show()
    target = url_for("notifications.inbox", show=show if show != "all" else None)
    return redirect(target, code=303)


@bp.route("/inbox/<int:notification_id>/read", methods=["POST"])
def read(notification_id: int):
    if not ButtonForm().validate_on_submit():
        abort(400)
    db = get_session()
    user = current_user()
    assert user is not None
    if not mark_read(db, user, notification_id):
        abort(404, "You have no such notification.")
    db.commit()
    return _back()


@bp.route("/inbox/read", methods=["POST"])
def read_all():
    if not ButtonForm().validate_on_submit():
        abort(400)
    db = get_session()
    user = current_user()
    assert user is not None
    marked = mark_read(db, user)
    db.commit()
    flash(
        f"{marked} marked read." if marked else "Nothing unread.", "success" if marked else "info"
    )
    return _back()
