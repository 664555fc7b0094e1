"""What the webhooks page shows: the hooks and each one's latest deliveries."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck.webhooks.models import Webhook, WebhookDelivery

LATEST = 5


@dataclass(frozen=True)
class HookLog:
    hook: Webhook
    deliveries: list[WebhookDelivery]


def hooks_with_deliveries(session: Session, latest: int = LATEST) -> list[HookLog]:
    """Every webhook (at most operations.MAX_HOOKS) with its `latest` deliveries, newest first."""
    out = []
    for hook in session.scalars(select(Webhook).order_by(Webhook.id)):
        deliveries = session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.webhook_id == hook.id)
            .order_by(WebhookDelivery.id.desc())
            .limit(latest)
        )
        out.append(HookLog(hook, list(deliveries)))
    return out
