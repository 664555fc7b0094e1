"""Webhooks registered and removed (editors), and the events of the history turned into
deliveries. Events are read from the audit log, which every entry point writes (the pages, the
API, the command line, imports): no operation needs to know about webhooks."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from factcheck import audit
from factcheck.articles.models import Article
from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.models import Claim, Status
from factcheck.db import insert_ignoring_conflicts, utcnow
from factcheck.permissions import require
from factcheck.webhooks.addresses import check_url
from factcheck.webhooks.models import Event, Webhook, WebhookDelivery

MAX_HOOKS = 100
# Transactions commit in another order than they took their ids: the history is read again
# this far back, and the deliveries' unique key keeps an event from being sent twice.
LOOK_BACK = timedelta(minutes=10)
# The actions of the history that may be events ("publish" is written by the publishing
# feature when a fact-check goes public; nothing else needs to change for it to be sent).
ACTIONS = ("assess", "ingest", "revise", "publish", "republish")


class WebhookError(ValueError):
    """A webhook that cannot be registered as asked; the message is for the user."""


def register_webhook(
    session: Session, actor, url: str, events: list[str], *, allow_private: bool
) -> Webhook:
    """A new webhook for `events` (editors); its secret is on the returned row."""
    require(session, actor, Role.editor)
    wanted = sorted(set(events))
    if not wanted or any(e not in {v.value for v in Event} for e in wanted):
        raise WebhookError(f"Events are some of: {', '.join(e.value for e in Event)}.")
    if len(url) > 2048:
        raise WebhookError("A webhook URL has at most 2,048 characters.")
    check_url(url, allow_private)
    if (session.scalar(select(func.count()).select_from(Webhook)) or 0) >= MAX_HOOKS:
        raise WebhookError(f"There are {MAX_HOOKS} webhooks already: remove one first.")
    last = session.scalar(select(func.max(AuditEvent.id))) or 0
    hook = Webhook(
        url=url,
        events=wanted,
        secret="whsec_" + secrets.token_urlsafe(32),
        created_by_id=None if isinstance(actor, str) else actor.id,
        since_event_id=last,
        cursor=last,
    )
    session.add(hook)
    session.flush()
    audit.record(session, actor, "create_webhook", hook, after={"url": url, "events": wanted})
    return hook


def delete_webhook(session: Session, actor, hook: Webhook) -> None:
    """Remove a webhook and its deliveries (editors)."""
    require(session, actor, Role.editor)
    audit.record(session, actor, "delete_webhook", hook, before={"url": hook.url})
    session.delete(hook)
    session.flush()


def event_name(event: AuditEvent) -> Event | None:
    """The webhook event an entry of the history is, if any."""
    if event.action in ("ingest", "revise"):
        return Event.article_ingested
    if event.action in ("publish", "republish"):
        return Event.claim_published
    if event.action == "assess" and event.after and "status" in event.after:
        approved = Status.approved.value
        if event.after["status"] == approved:
            return Event.claim_approved
        if (event.before or {}).get("status") == approved:
            return Event.claim_reopened
    return None


def _payload(session: Session, event: AuditEvent, name: Event) -> dict[str, Any]:
    out: dict[str, Any] = {
        "event": name.value,
        "occurred_at": event.at.isoformat(),
        "actor": event.actor_label,
        "history_id": event.id,
    }
    if event.entity_type == Article.__tablename__:
        article = session.get(Article, event.entity_id)
        if article is not None:
            out["article"] = {
                "id": article.id,
                "title": article.title,
                "url": article.url,
                "revision": article.revision,
                "api": f"/api/v1/articles/{article.id}",
            }
    else:
        claim = session.get(Claim, event.claim_id or event.entity_id)
        if claim is not None:
            out["claim"] = {
                "id": claim.id,
                "text": claim.text,
                "status": claim.status,
                "verdict": claim.verdict.label if claim.verdict else None,
                "article_id": claim.article_id,
                "api": f"/api/v1/claims/{claim.id}",
            }
    return out


def enqueue(session: Session, now: datetime | None = None) -> int:
    """Deliveries for the events each active hook has not been given yet; how many."""
    now = now or utcnow()
    made = 0
    for hook in session.scalars(select(Webhook).where(Webhook.active).order_by(Webhook.id)):
        events = session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.id > hook.since_event_id,
                AuditEvent.action.in_(ACTIONS),
                or_(AuditEvent.id > hook.cursor, AuditEvent.at >= now - LOOK_BACK),
            )
            .order_by(AuditEvent.id)
            .limit(5000)
        ).all()
        rows = []
        for event in events:
            name = event_name(event)
            if name is not None and name.value in hook.events:
                rows.append(
                    {
                        "webhook_id": hook.id,
                        "audit_event_id": event.id,
                        "key": f"{hook.id}:{event.id}",
                        "event": name.value,
                        "payload": _payload(session, event, name),
                        "state": "pending",
                        "attempts": 0,
                        "next_attempt_at": now,
                        "created_at": now,
                    }
                )
        made += len(insert_ignoring_conflicts(session, WebhookDelivery.__table__, rows, "key"))
        if events:
            hook.cursor = max(hook.cursor, events[-1].id)
    session.flush()
    return made
