"""/api/v1/webhooks: editors register URLs for events, remove them, and read the deliveries'
log (factcheck.webhooks)."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import select

from factcheck.api.access import api_user
from factcheck.api.problems import Problem
from factcheck.api.schemas import (
    DeliverySchema,
    NewWebhookSchema,
    NewWebhookSecretSchema,
    WebhookSchema,
)
from factcheck.api.views import bp, errors
from factcheck.auth.models import Role
from factcheck.db import get_session
from factcheck.permissions import require
from factcheck.webhooks.addresses import AddressRefused
from factcheck.webhooks.models import Webhook, WebhookDelivery
from factcheck.webhooks.operations import WebhookError, delete_webhook, register_webhook

MAX_DELIVERIES = 100


def _hook(hook: Webhook) -> dict:
    return {
        "id": hook.id,
        "url": hook.url,
        "events": hook.events,
        "active": hook.active,
        "created_at": hook.created_at,
    }


def _found(hook_id: int) -> Webhook:
    session = get_session()
    require(session, api_user(), Role.editor)
    hook = session.get(Webhook, hook_id)
    if hook is None:
        raise Problem(404, f"There is no webhook {hook_id}.")
    return hook


@bp.route("/webhooks", methods=["GET"])
@bp.response(200, WebhookSchema(many=True))
@errors(403)
def webhooks():
    """The registered webhooks (editors)."""
    session = get_session()
    require(session, api_user(), Role.editor)
    return [_hook(h) for h in session.scalars(select(Webhook).order_by(Webhook.id))]


@bp.route("/webhooks", methods=["POST"])
@bp.arguments(NewWebhookSchema)
@bp.response(201, NewWebhookSecretSchema)
@errors(403, 422)
def create_webhook(body: dict):
    """Register a URL for events (editors): http(s) only, and never a loopback, link-local or
    private address unless the server allows it. The answer carries the secret that signs
    the deliveries, once."""
    session = get_session()
    try:
        hook = register_webhook(
            session,
            api_user(),
            body["url"],
            body["events"],
            allow_private=current_app.config["WEBHOOKS_ALLOW_PRIVATE"],
        )
    except (WebhookError, AddressRefused) as exc:
        raise Problem(422, str(exc)) from None
    session.commit()
    return {**_hook(hook), "secret": hook.secret}, 201


@bp.route("/webhooks/<int:hook_id>", methods=["DELETE"])
@bp.response(204)
@errors(403, 404)
def remove_webhook(hook_id: int):
    """Remove a webhook and its deliveries (editors)."""
    session = get_session()
    delete_webhook(session, api_user(), _found(hook_id))
    session.commit()
    return ""


@bp.route("/webhooks/<int:hook_id>/deliveries", methods=["GET"])
@bp.response(200, DeliverySchema(many=True))
@errors(403, 404)
def deliveries(hook_id: int):
    """A webhook's latest deliveries, newest first, with each one's last answer (editors)."""
    hook = _found(hook_id)
    rows = get_session().scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.webhook_id == hook.id)
        .order_by(WebhookDelivery.id.desc())
        .limit(MAX_DELIVERIES)
    )
    return [
        {
            "id": d.id,
            "event": d.event,
            "state": d.state,
            "attempts": d.attempts,
            "next_attempt_at": d.next_attempt_at,
            "last_attempt_at": d.last_attempt_at,
            "response_status": d.response_status,
            "response_body": d.response_body,
            "error": d.error,
            "payload": d.payload,
        }
        for d in rows
    ]
