"""Sending deliveries: signed (HMAC-SHA256 of "<timestamp>.<body>" with the hook's secret),
no redirects followed, the host resolved and checked again right before each attempt and the
connection made to that very address, retried with backoff, each answer logged on the row.

A receiver checks a delivery by computing the same HMAC over the X-Factcheck-Timestamp header,
a ".", and the raw body, comparing it with X-Factcheck-Signature ("sha256=<hex>") in constant
time, and refusing timestamps more than a few minutes old (a replay)."""

from __future__ import annotations

import hashlib
import hmac
import http.client
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

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


class _Pinned(http.client.HTTPConnection):
    """A connection to the address that was checked, whatever the name resolves to now."""

    def __init__(self, host: str, port: int | None, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedTLS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int | None, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def post(url: str, address: str, body: bytes, headers: dict[str, str]) -> Answer:
    """POST `body` to `url` at `address` (what check_url resolved and accepted). A redirect
    is an answer like any other: it is not followed."""
    parts = urlsplit(url)
    kind = _PinnedTLS if parts.scheme == "https" else _Pinned
    connection = kind(parts.hostname or "", parts.port, address, TIMEOUT)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.read(KEPT).decode("utf-8", "replace"))
    except (OSError, ValueError, http.client.HTTPException) as error:
        return Answer(None, "", f"{type(error).__name__}: {error}"[:500])
    finally:
        connection.close()


def attempt(
    delivery: WebhookDelivery,
    hook: Webhook,
    allow_private: bool,
    now: datetime,
    send: Callable[[str, str, bytes, dict[str, str]], Answer] = post,
) -> bool:
    """One attempt at a delivery, its answer written on the row; whether it was delivered."""
    body = orjson.dumps(delivery.payload)
    timestamp = str(int(time.time()))
    try:
        address = check_url(hook.url, allow_private)
    except AddressRefused as refused:
        answer = Answer(None, "", str(refused)[:500])
    else:
        answer = send(
            hook.url,
            address,
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
    send: Callable[[str, str, bytes, dict[str, str]], Answer] = post,
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
