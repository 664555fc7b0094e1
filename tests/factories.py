"""Test data: users and articles through the application's operations, or rows made directly."""

from __future__ import annotations

import hashlib
import itertools
from pathlib import Path

from sqlalchemy import select

from factcheck.articles.models import Article
from factcheck.articles.operations import ingest
from factcheck.auth.models import Role
from factcheck.auth.operations import add_user
from factcheck.claims.models import Claim, Verdict

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "articles" / "moscow-times-2025-09-22-russia-syria.md"
PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def make_user(session, role: Role = Role.reviewer, email: str | None = None):
    email = email or f"{role.value}{next(_counter)}@example.org"
    return add_user(session, "test", email, role, PASSWORD)


def make_article(session, text: str | None = None, fmt: str = "md", **kwargs):
    """Ingest `text` (default: the seed article); returns the IngestResult."""
    data = text.encode() if text is not None else SEED.read_bytes()
    return ingest(session, "test", data, fmt, **kwargs)


def make_text_article(session, body: str, title: str | None = None) -> Article:
    """An article stored directly from plain text, without extraction."""
    article = Article(
        title=title or f"Article {next(_counter)}",
        text=body,
        input_format="txt",
        raw_text=body,
        content_sha256=hashlib.sha256(body.encode()).hexdigest(),
    )
    session.add(article)
    session.flush()
    return article


def make_claim(session, article=None, text: str = "Unemployment fell to 4.1 percent in 2019."):
    """A claim stored directly (no extraction), in `article` or a new one made for it."""
    if article is None:
        article = make_text_article(session, f"Intro sentence. {text} Outro sentence.")
    start = article.text.index(text)
    claim = Claim(
        article_id=article.id,
        text=text,
        start=start,
        end=start + len(text),
        fingerprint=hashlib.sha256(text.lower().encode()).hexdigest(),
        checkworthiness=0.9,
    )
    session.add(claim)
    session.flush()
    return claim


def verdict(session, label: str) -> Verdict:
    return session.scalar(select(Verdict).where(Verdict.label == label))


def report_claim(claim_id, text, status, verdict=None, **extra) -> dict:
    """A claim entry of the canonical JSON report (DESIGN.md), for tests of its renderings."""
    claim = {
        "id": claim_id,
        "text": text,
        "position": {"start": 0, "end": len(text)},
        "quote": {"exact": text, "prefix": "", "suffix": ""},
        "checkworthiness": 0.8,
        "claimant": None,
        "attribution": None,
        "claim_date": None,
        "status": status,
        "verdict": verdict,
        "rationale": "",
        "assignee": None,
        "sources": [],
        "annotations": [],
        "history": [],
    }
    claim.update(extra)
    return claim


def claims_of(article: Article) -> list[Claim]:
    """An article's claims in the order of the text, read from its session."""
    from sqlalchemy.orm import object_session

    session = object_session(article)
    assert session is not None
    return list(
        session.scalars(
            select(Claim).where(Claim.article_id == article.id).order_by(Claim.start, Claim.id)
        )
    )
