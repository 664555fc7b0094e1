"""/webhooks: editors register a URL for events, see each hook's latest deliveries and remove
hooks in the browser (the same operations as /api/v1/webhooks)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for

from factcheck.auth.forms import ButtonForm
from factcheck.auth.models import Role
from factcheck.auth.signin import current_user, requires
from factcheck.db import get_session
from factcheck.webhooks.addresses import AddressRefused
from factcheck.webhooks.forms import WebhookForm
from factcheck.webhooks.models import DeliveryState, Event, Webhook
from factcheck.webhooks.operations import WebhookError, delete_webhook, register_webhook
from factcheck.webhooks.queries import hooks_with_deliveries

bp = Blueprint("webhooks", __name__)

STATE_WORDS = {
    DeliveryState.pending.value: "waiting to be sent",
    DeliveryState.delivered.value: "delivered",
    DeliveryState.failed.value: "failed, no more tries",
}


def _page(form: WebhookForm | None = None, status: int = 200, new: Webhook | None = None):
    page = render_template(
        "webhooks/index.html",
        logs=hooks_with_deliveries(get_session()),
        form=form or WebhookForm(formdata=None),
        remove_form=ButtonForm(formdata=None),
        new=new,
        event_words={e.value: e.label for e in Event},
        state_words=STATE_WORDS,
    )
    return page, status


@bp.route("/webhooks", methods=["GET"])
@requires(Role.editor)
def index():
    return _page()


@bp.route("/webhooks", methods=["POST"])
@requires(Role.editor)
def create():
    """Register a webhook: its secret is shown on this answer once."""
    form = WebhookForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    db = get_session()
    try:
        hook = register_webhook(
            db,
            current_user(),
            form.url.data,
            form.events.data,
            allow_private=current_app.config["WEBHOOKS_ALLOW_PRIVATE"],
        )
    except (WebhookError, AddressRefused) as exc:
        db.rollback()
        form.url.errors = [str(exc)]
        return _page(form, 400)
    db.commit()
    return _page(status=201, new=hook)


@bp.route("/webhooks/<int:hook_id>/remove", methods=["POST"])
@requires(Role.editor)
def remove(hook_id: int):
    if not ButtonForm().validate_on_submit():
        abort(400, "The form is incomplete.")
    db = get_session()
    hook = db.get(Webhook, hook_id)
    if hook is None:
        abort(404, "There is no such webhook.")
    url = hook.url
    delete_webhook(db, current_user(), hook)
    db.commit()
    flash(f"Webhook for {url} removed, with its deliveries.", "success")
    return redirect(url_for("webhooks.index"), code=303)
