"""Sending deliveries: signed (HMAC-SHA256 of "<timestamp>.<body>" with the hook's secret),
no redirects followed, the address checked again right before each attempt, retried with
backoff, each answer logged on the delivery row.

A receiver checks a delivery by computing the same HMAC over the X-Factcheck-Timestamp header,
a ".", and the raw body, comparing it with X-Factcheck-Signature ("sha256=<hex>") in constant
time, and refusing timestamps more than a few minutes old (a replay)."""

from __future__ import annotations

import hashlib
import hmac
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from factcheck.db import utcnow
from factcheck.webhooks.addresses import AddressRefused, check_url
from factcheck.webhooks.models import DeliveryState, Webhook, WebhookDelivery

# Waits after the 1st, 2nd... failed attempt; after the last, the delivery has failed.
BACKOFF = (
    timedelta(seconds=30),
    timedelta(minutes=2),
    timedelta(minutes=10),
    timedelta(hours=1),
    timedelta(hours=6),
)
TIMEOUT = 10  # seconds per attempt
BATCH = 50
KEPT = 2000  # characters of a response body kept


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


@dataclass
class Answer:
    status: int | None
    body: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is the answer: a redirect could lead anywhere


_opener = urllib.request.build_opener(_NoRedirects)


def post(url: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST `body` to `url` (an http(s) URL that check_url accepted)."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=TIMEOUT) as response:
            return Answer(response.status, response.read(KEPT).decode("utf-8", "replace"))
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.read(KEPT).decode("utf-8", "replace"))
    except (OSError, ValueError) as error:
        return Answer(None, "", f"{type(error).__name__}: {error}"[:500])


def attempt(
    delivery: WebhookDelivery,
    hook: Webhook,
    allow_private: bool,
    now: datetime,
    send: Callable[[str, bytes, dict[str, str]], Answer] = post,
) -> bool:
    """One attempt at a delivery, its answer written on the row; whether it was delivered."""
    body = orjson.dumps(delivery.payload)
    timestamp = str(int(time.time()))
    try:
        check_url(hook.url, allow_private)
    except AddressRefused as refused:
        answer = Answer(None, "", str(refused)[:500])
    else:
        answer = send(
            hook.url,
            body,
            {
                "Content-Type": "application/json",
                "User-Agent": "factcheck-webhooks/1",
                "X-Factcheck-Event": delivery.event,
                "X-Factcheck-Delivery": str(delivery.id),
                "X-Factcheck-Timestamp": timestamp,
                "X-Factcheck-Signature": signature(hook.secret, timestamp, body),
            },
        )
    delivery.attempts += 1
    delivery.last_attempt_at = now
    delivery.response_status = answer.status
    delivery.response_body = answer.body[:KEPT]
    delivery.error = answer.error
    if answer.ok:
        delivery.state = DeliveryState.delivered.value
        delivery.delivered_at = now
    elif delivery.attempts > len(BACKOFF):
        delivery.state = DeliveryState.failed.value
    else:
        delivery.next_attempt_at = now + BACKOFF[delivery.attempts - 1]
    return answer.ok


def deliver_due(
    session: Session,
    allow_private: bool,
    now: datetime | None = None,
    send: Callable[[str, bytes, dict[str, str]], Answer] = post,
) -> tuple[int, int]:
    """Attempt the deliveries that are due (a batch; rows locked on PostgreSQL, so two loops
    never send one delivery at once): (delivered, failed attempts). The caller commits."""
    now = now or utcnow()
    due = session.execute(
        select(WebhookDelivery, Webhook)
        .join(Webhook, Webhook.id == WebhookDelivery.webhook_id)
        .where(
            WebhookDelivery.state == DeliveryState.pending.value,
            WebhookDelivery.next_attempt_at <= now,
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.id)
        .limit(BATCH)
        .with_for_update(skip_locked=True, of=WebhookDelivery)
    ).all()
    delivered = failed = 0
    for delivery, hook in due:
        if attempt(delivery, hook, allow_private, now, send):
            delivered += 1
        else:
            failed += 1
    session.flush()
    return delivered, failed
