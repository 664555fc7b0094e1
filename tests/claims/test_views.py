"""The dashboard, the queue, the claim page and its forms, the verdict scale."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.models import Claim, Status, Verdict
from factcheck.claims.operations import annotate, assess, assign
from factcheck.sources.models import Evidence, Relation
from factcheck.sources.operations import attach_source
from tests.factories import make_claim, make_text_article, make_user, verdict
from tests.webclient import count_queries, post, sign_in_as


def make_article_with_claims(session, n: int, reviewer=None):
    sentences = [f"Exports of grain number {i} rose by {i} percent in 2024." for i in range(n)]
    body = "Intro paragraph.\n\n" + " ".join(sentences) + "\n\nOutro."
    article = make_text_article(session, body, f"Grain report {n}")
    claims = [make_claim(session, article, s) for s in sentences]
    for i, claim in enumerate(claims):
        claim.checkworthiness = round(0.1 + 0.8 * i / max(1, n - 1), 3)
        claim.claimant = "the ministry" if i % 2 else None
    session.flush()
    if reviewer is not None:
        for claim in claims:
            assign(session, "test", claim, reviewer)
            annotate(session, reviewer, claim, f"note on {claim.id}")
            attach_source(
                session,
                reviewer,
                claim,
                url=f"https://example.org/{claim.id}",
                relation=Relation.supports,
            )
            attach_source(session, reviewer, claim, url=None, anchor_text="a citation")
    return article, claims


@pytest.fixture
def reviewer(session):
    return make_user(session, Role.reviewer)


@pytest.fixture
def editor(session):
    return make_user(session, Role.editor)


def text(response) -> str:
    return response.get_data(as_text=True)


def claim_ids(html: str) -> list[int]:
    return [int(m) for m in re.findall(r'class="claimlink" href="/claims/(\d+)', html)]


def test_dashboard_shows_status_verdict_progress_mine_and_activity(client, session, reviewer):
    article, claims = make_article_with_claims(session, 4)
    assign(session, "test", claims[0], reviewer)
    assess(
        session,
        reviewer,
        claims[1],
        expected_version=None,
        status=Status.reviewed,
        verdict=verdict(session, "False"),
        rationale="no",
    )
    session.commit()
    sign_in_as(client, reviewer)
    html = text(client.get("/"))
    assert re.search(
        r'<span class="tile-count">3</span>\s*<span class="tile-label">unreviewed', html
    )
    assert "False" in html and article.title in html
    assert claims[0].text[:40] in html  # assigned to me
    # recent activity, in words: who did what to which claim (its text, not its number)
    assert "assessed" in html and f"“{claims[1].text}”" in html
    assert f"claim {claims[1].id}<" not in html


def test_the_history_and_the_activity_say_it_in_words(client, session, reviewer):
    from factcheck.auth.operations import set_active

    claim = make_claim(session)
    assess(session, "cli:root", claim, expected_version=None, status=Status.in_review)
    assign(session, "cli:root", claim, reviewer)
    gone = make_user(session, Role.viewer)
    set_active(session, "cli:root", gone, False)
    session.commit()
    sign_in_as(client, reviewer)
    page = text(client.get(f"/claims/{claim.id}"))
    history = page[page.index('id="history"') :]
    assert "the command line (root)" in history and "cli:root" not in history
    assert "assessed it" in history and "in review" in history and "in_review" not in history
    assert "unreviewed</span> → " in history  # the value before, then after
    assert '→ <span class="after">' + reviewer.name in history  # the assignee by name
    dashboard = text(client.get("/"))
    assert "disabled the account of" in dashboard and "set active" not in dashboard


def test_dashboard_counts_my_open_claims_up_to_a_cap(client, session, reviewer, monkeypatch):
    from factcheck.claims import queries

    _article, claims = make_article_with_claims(session, 4)
    for claim in claims[:3]:
        assign(session, "test", claim, reviewer)
    session.commit()
    sign_in_as(client, reviewer)
    monkeypatch.setattr(queries, "MINE_COUNT_CAP", 3)
    assert '<h2>Assigned to me <span class="count">3</span>' in text(client.get("/"))
    monkeypatch.setattr(queries, "MINE_COUNT_CAP", 2)
    assert '<span class="count">more than 2</span>' in text(client.get("/"))


def test_queue_filters_search_sort_and_pages(client, session, reviewer):
    article, claims = make_article_with_claims(session, 60)
    assess(
        session,
        reviewer,
        claims[3],
        expected_version=None,
        status=Status.reviewed,
        verdict=verdict(session, "True"),
        rationale="ok",
    )
    assign(session, "test", claims[5], reviewer)
    session.commit()
    sign_in_as(client, reviewer)
    first = claim_ids(text(client.get("/claims")))
    assert len(first) == 50
    assert first[0] == claims[-1].id  # most check-worthy first
    second = claim_ids(text(client.get("/claims?page=2")))
    assert len(second) == 10 and not set(first) & set(second)
    assert claim_ids(text(client.get("/claims?sort=oldest")))[0] == claims[0].id
    assert claim_ids(text(client.get("/claims?sort=newest")))[0] == claims[-1].id
    assert claim_ids(text(client.get("/claims?status=reviewed"))) == [claims[3].id]
    true = verdict(session, "True")
    assert claim_ids(text(client.get(f"/claims?verdict={true.id}"))) == [claims[3].id]
    assert claim_ids(text(client.get("/claims?assignee=me"))) == [claims[5].id]
    assert claim_ids(text(client.get("/claims?q=number+17+rose"))) == [claims[17].id]
    assert claim_ids(text(client.get("/claims?q=100%25"))) == []  # % is not a wildcard
    with_claimant = claim_ids(text(client.get("/claims?claimant=The+Ministry&sort=oldest")))
    assert with_claimant[:2] == [claims[1].id, claims[3].id]
    assert all(
        c.checkworthiness >= 0.8
        for c in claims
        if c.id in claim_ids(text(client.get("/claims?min_cw=0.8")))
    )
    other, _ = make_article_with_claims(session, 2)
    session.commit()
    html = text(client.get(f"/claims?article={article.id}"))
    assert len(claim_ids(html)) == 50
    assert f'<option value="{article.id}" selected>' in html
    assert f'<option value="{other.id}">' in html  # the other article is a choice, not chosen
    # rubbish in the query string is a 400 that names the parameter
    for bad in ("page=-3", "sort=drop", "status=x", "verdict=y", "min_cw=7", "article=2147483648"):
        response = client.get(f"/claims?{bad}")
        assert response.status_code == 400, bad
        assert f"{bad.split('=')[0]}: " in response.get_data(as_text=True), bad


def test_pages_run_a_constant_number_of_queries(client, session, app, reviewer):
    small, small_claims = make_article_with_claims(session, 3, reviewer)
    large, large_claims = make_article_with_claims(session, 40, reviewer)
    for claim in large_claims[:5]:
        for i in range(4):
            annotate(session, reviewer, claim, f"more {i}")
            attach_source(
                session,
                reviewer,
                claim,
                url=f"https://example.org/x{claim.id}/{i}",
                relation=Relation.refutes,
            )
    session.commit()
    sign_in_as(client, reviewer)

    def queries(url):
        client.get(url)  # warm up
        with count_queries(app) as n:
            response = client.get(url)
        assert response.status_code == 200, url
        return n()

    assert queries(f"/claims?article={small.id}") == queries(f"/claims?article={large.id}")
    assert queries(f"/articles/{small.id}") == queries(f"/articles/{large.id}")
    assert queries(f"/claims/{small_claims[0].id}") == queries(f"/claims/{large_claims[0].id}")
    assert queries("/") <= 15
    assert queries("/sources") == queries("/sources?q=example")


def test_claim_page_shows_context_sources_and_prev_next(client, session, reviewer):
    _article, claims = make_article_with_claims(session, 3, reviewer)
    session.commit()
    sign_in_as(client, reviewer)
    html = text(client.get(f"/claims/{claims[1].id}?sort=oldest"))
    assert f'<mark class="hl st-unreviewed">{claims[1].text}</mark>' in html
    assert '<span class="dim">' in html
    assert "Unresolved citation" in html and "https://example.org/" in html
    assert f'href="/claims/{claims[0].id}?sort=oldest"' in html  # previous
    assert f'href="/claims/{claims[2].id}?sort=oldest"' in html  # next
    assert "note on" in html


def test_assess_saves_and_records_history(client, session, reviewer):
    claim = make_claim(session)
    session.commit()
    sign_in_as(client, reviewer)
    false = verdict(session, "False")
    response = post(
        client,
        f"/claims/{claim.id}/assess",
        {
            "version": claim.version,
            "status": "reviewed",
            "verdict": false.id,
            "rationale": "It was 5.3 percent.",
            "save": "y",
        },
    )
    assert response.status_code == 303
    session.expire_all()
    assert claim.status == "reviewed" and claim.verdict_id == false.id
    html = text(client.get(response.headers["Location"]))
    assert "Saved." in html
    history = html[html.index('id="history"') :]
    assert "assess" in history and "It was 5.3 percent." in history and "reviewed" in history


def test_save_and_next_goes_to_the_next_claim(client, session, reviewer):
    _article, claims = make_article_with_claims(session, 3)
    session.commit()
    sign_in_as(client, reviewer)
    response = post(
        client,
        f"/claims/{claims[0].id}/assess?sort=oldest",
        {
            "version": claims[0].version,
            "status": "in_review",
            "verdict": "",
            "rationale": "",
            "save_next": "y",
        },
    )
    assert response.headers["Location"] == f"/claims/{claims[1].id}?sort=oldest"


def test_a_stale_save_is_refused_with_both_versions(client, session, reviewer):
    claim = make_claim(session)
    other = make_user(session, Role.reviewer)
    session.commit()
    loaded_version = claim.version
    assess(
        session,
        other,
        claim,
        expected_version=loaded_version,
        status=Status.in_review,
        rationale="Their rationale.",
    )
    session.commit()
    sign_in_as(client, reviewer)
    response = post(
        client,
        f"/claims/{claim.id}/assess",
        {
            "version": loaded_version,
            "status": "reviewed",
            "verdict": verdict(session, "True").id,
            "rationale": "My rationale.",
        },
    )
    assert response.status_code == 409
    html = text(response)
    assert "Someone saved this claim" in html
    assert "Their rationale." in html and "My rationale." in html
    assert f'name="version" type="hidden" value="{claim.version}"' in html
    assert re.search(r"<textarea[^>]*>\s*My rationale.</textarea>", html)  # my input kept
    session.expire_all()
    assert claim.rationale == "Their rationale." and claim.status == "in_review"
    # saving the merged form is accepted and recorded
    response = post(
        client,
        f"/claims/{claim.id}/assess",
        {
            "version": claim.version,
            "status": "reviewed",
            "verdict": verdict(session, "True").id,
            "rationale": "Merged.",
        },
    )
    assert response.status_code == 303
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.claim_id == claim.id))
    assert list(actions) == ["assess", "assess"]


def test_invalid_assessments_keep_the_input_and_explain(client, session, reviewer):
    claim = make_claim(session)
    session.commit()
    sign_in_as(client, reviewer)
    response = post(
        client,
        f"/claims/{claim.id}/assess",
        {
            "version": claim.version,
            "status": "reviewed",
            "verdict": "",
            "rationale": "Draft I must not lose.",
        },
    )
    assert response.status_code == 400
    html = text(response)
    assert "a verdict is needed" in html and "Draft I must not lose." in html
    response = post(
        client,
        f"/claims/{claim.id}/assess",
        {
            "version": claim.version,
            "status": "approved",
            "verdict": verdict(session, "True").id,
            "rationale": "x",
        },
    )
    assert response.status_code == 403 and "editor needed" in text(response)
    session.expire_all()
    assert claim.status == "unreviewed"


def test_an_editor_approves(client, session, reviewer, editor):
    claim = make_claim(session)
    assess(
        session,
        reviewer,
        claim,
        expected_version=None,
        status=Status.reviewed,
        verdict=verdict(session, "False"),
        rationale="Because.",
    )
    session.commit()
    sign_in_as(client, editor)
    response = post(
        client,
        f"/claims/{claim.id}/assess",
        {
            "version": claim.version,
            "status": "approved",
            "verdict": claim.verdict_id,
            "rationale": "Because.",
        },
    )
    assert response.status_code == 303
    session.expire_all()
    assert claim.status == "approved" and claim.approved_by_id == editor.id


def test_evidence_citations_and_annotations(client, session, reviewer):
    claim = make_claim(session)
    citation = attach_source(session, "test", claim, url=None, anchor_text="reported")
    session.commit()
    sign_in_as(client, reviewer)
    response = post(
        client,
        f"/claims/{claim.id}/evidence",
        {
            "url": "https://stats.example.gov/table",
            "title": "Table 4",
            "relation": "refutes",
            "quote": "5.3 percent",
        },
    )
    assert response.status_code == 303
    added = session.scalar(select(Evidence).where(Evidence.relation == "refutes"))
    assert added.source.domain == "stats.example.gov" and added.quote == "5.3 percent"
    response = post(
        client, f"/claims/{claim.id}/evidence/{citation.id}/resolve", {"url": "javascript:alert(1)"}
    )
    assert response.status_code == 400 and "starting with http" in text(response)
    response = post(
        client,
        f"/claims/{claim.id}/evidence/{citation.id}/resolve",
        {"url": "https://news.example.com/story", "title": "Jobs report, March"},
    )
    assert response.status_code == 303
    session.expire_all()
    assert citation.source.url == "https://news.example.com/story"
    assert citation.source.title == "Jobs report, March" and citation.anchor_text == "reported"
    sources = text(client.get(f"/claims/{claim.id}"))
    assert "Jobs report, March" in sources and "linked as “reported”" in sources
    response = post(client, f"/claims/{claim.id}/annotations", {"body": "First note"})
    assert response.status_code == 303
    note = claim.annotations[0] if claim.annotations else None
    session.expire_all()
    note = session.scalars(select(Claim).where(Claim.id == claim.id)).one().annotations[0]
    post(client, f"/claims/{claim.id}/annotations", {"body": "A reply", "parent_id": note.id})
    post(client, f"/claims/{claim.id}/annotations/{note.id}/resolve", {"resolved": "1"})
    session.expire_all()
    assert note.resolved
    html = text(client.get(f"/claims/{claim.id}"))
    assert "A reply" in html and "resolved" in html
    assert post(client, f"/claims/{claim.id}/annotations", {"body": "  "}).status_code == 400


def test_assign_and_bulk_actions(client, session, reviewer, editor):
    _article, claims = make_article_with_claims(session, 4)
    session.commit()
    sign_in_as(client, editor)
    response = post(client, f"/claims/{claims[0].id}/assign", {"assignee": reviewer.id})
    assert response.status_code == 303
    response = post(
        client,
        "/claims/bulk",
        {
            "ids": [claims[1].id, claims[2].id],
            "assignee": reviewer.id,
            "status": "in_review",
            "apply": "y",
            "back": "?sort=oldest",
        },
    )
    assert response.headers["Location"] == "/claims?sort=oldest"
    response = post(
        client, "/claims/bulk", {"ids": [claims[3].id], "dismiss": "y", "reason": "not_a_claim"}
    )
    response = post(
        client, "/claims/bulk", {"ids": [claims[1].id], "status": "reviewed", "apply": "y"}
    )
    session.expire_all()
    assert [c.assignee_id for c in claims[:3]] == [reviewer.id] * 3
    assert [c.status for c in claims] == ["unreviewed", "in_review", "in_review", "dismissed"]
    assert "Skipped claim" in text(client.get("/claims"))  # no verdict: cannot be reviewed


def test_the_verdict_scale_for_editors(client, session, editor):
    session.commit()
    sign_in_as(client, editor)
    response = post(
        client,
        "/verdicts",
        {"label": "Pants on fire", "description": "Absurd", "value": "1", "colour": "#ff2200"},
    )
    assert response.status_code == 303
    added = session.scalar(select(Verdict).where(Verdict.label == "Pants on fire"))
    assert added.value == 1 and added.colour == "#ff2200"
    response = post(client, "/verdicts", {"label": "Bad", "value": "9", "colour": "red"})
    assert response.status_code == 400
    html = text(response)
    assert "1 (worst) to 5 (best)" in html and "#rrggbb" in html
    response = post(
        client,
        f"/verdicts/{added.id}",
        {"label": "Pants on fire", "description": "Absurd", "value": "", "colour": "#ff2200"},
    )
    session.expire_all()
    assert added.value is None and added.active is False  # unchecked box: retired
    assert "Pants on fire" in text(client.get("/verdicts"))


def test_on_a_conflict_the_fields_you_left_alone_take_their_values(client, session, reviewer):
    from factcheck.claims.forms import digest

    claim = make_claim(session)
    other = make_user(session, Role.reviewer)
    session.commit()
    loaded = {
        "version": claim.version,
        "loaded_status": claim.status,
        "loaded_verdict": "",
        "loaded_rationale": digest(claim.rationale),
    }
    assess(
        session,
        other,
        claim,
        expected_version=claim.version,
        status=Status.in_review,
        verdict=verdict(session, "False"),
        rationale="",
    )
    session.commit()
    sign_in_as(client, reviewer)
    response = post(
        client,
        f"/claims/{claim.id}/assess",
        {**loaded, "status": "unreviewed", "verdict": "", "rationale": "Mine."},
    )
    assert response.status_code == 409
    html = text(response)
    assert re.search(
        r'<option selected value="in_review">|<option value="in_review" selected', html
    )
    false = verdict(session, "False")
    assert re.search(
        rf'<option selected value="{false.id}">|<option value="{false.id}" selected', html
    )
    assert re.search(r"<textarea[^>]*>\s*Mine.</textarea>", html)
    assert "not changed by you: theirs is kept" in html
