"""The article's kind: read at ingest, set by a reviewer (audited), kept over new versions,
shown on the article and in reports, a filter of the queue."""

from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from factcheck.articles.models import Article
from factcheck.articles.operations import set_kind
from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.models import Claim
from factcheck.permissions import PermissionDenied
from factcheck.reports.queries import article_report
from factcheck.reports.renderers import render_html, render_json, render_markdown
from tests.factories import make_article, make_user
from tests.webclient import post, sign_in_as

OPINION = "Opinion\n\n# Taxes\n\nThe tax rate rose to 45 percent in 2024, the ministry said.\n"


def claim_ids(session, article_id: int) -> set[int]:
    return set(session.scalars(select(Claim.id).where(Claim.article_id == article_id)))


def queue_ids(client, url: str) -> set[int]:
    html = client.get(url).get_data(as_text=True)
    return {int(i) for i in re.findall(r'class="claimlink" href="/claims/(\d+)', html)}


def test_ingest_reads_the_kind_and_the_language(session):
    article = make_article(session).article
    assert (article.kind, article.language) == ("opinion", "en")


def test_a_reviewer_sets_the_kind_in_the_history(session):
    reviewer = make_user(session, Role.reviewer)
    viewer = make_user(session, Role.viewer)
    article = make_article(session, "# Budget\n\nThe budget grew 4 percent in 2024.\n").article
    assert article.kind is None
    with pytest.raises(PermissionDenied):
        set_kind(session, viewer, article, "news")
    with pytest.raises(ValueError, match="not a kind"):
        set_kind(session, reviewer, article, "gossip")
    assert set_kind(session, reviewer, article, "analysis")
    assert not set_kind(session, reviewer, article, "analysis")
    event = session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "set_kind",
            AuditEvent.entity_id == article.id,
        )
    ).one()
    assert (event.actor_id, event.before, event.after) == (
        reviewer.id,
        {"kind": None},
        {"kind": "analysis"},
    )


def test_reports_carry_the_kind(session):
    article = make_article(session).article
    report = article_report(session, article.id)
    data = json.loads(render_json(report))
    assert data["article"]["kind"] == "opinion" and data["article"]["language"] == "en"
    for key in ("id", "title", "author", "publisher", "published", "url", "text"):
        assert key in data["article"]
    assert "**Kind of piece:** opinion" in render_markdown(report)
    assert "<dt>Kind of piece</dt><dd>opinion</dd>" in render_html(report)


def test_the_article_page_and_the_queue_filter(client, session):
    reviewer = make_user(session, Role.reviewer)
    viewer = make_user(session, Role.viewer)
    opinion = make_article(session).article
    news = make_article(session, "# Budget\n\nThe budget grew 4 percent in 2024, the mayor said.\n")
    news = news.article
    session.commit()
    sign_in_as(client, viewer)
    html = client.get(f"/articles/{opinion.id}").get_data(as_text=True)
    assert "Kind of piece: opinion" in html and 'action="/articles/' not in html.split("kind")[0]
    assert post(client, f"/articles/{news.id}/kind", {"kind": "news"}).status_code == 403
    sign_in_as(client, reviewer)
    url = f"/articles/{news.id}"
    assert post(client, f"{url}/kind", {"kind": "gossip"}, page=url).status_code == 400
    assert post(client, f"{url}/kind", {"kind": "press_release"}, page=url).status_code == 303
    session.expire_all()
    assert session.get(Article, news.id).kind == "press_release"
    html = client.get(url).get_data(as_text=True)
    assert '<option selected value="press_release">press release</option>' in html
    news_ids = claim_ids(session, news.id)
    assert news_ids
    assert not queue_ids(client, "/claims?kind=opinion") & news_ids
    assert queue_ids(client, "/claims?kind=opinion&sort=oldest") <= claim_ids(session, opinion.id)
    assert queue_ids(client, "/claims?kind=press_release") == news_ids
    assert client.get("/claims?kind=gossip").status_code == 400


def test_a_label_line_is_the_kind(session):
    assert make_article(session, OPINION).article.kind == "opinion"
