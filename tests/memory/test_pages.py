"""The claim page's "Checked before", a reviewer's answers to it, the queue's filter, the "Has
this been checked?" page and `factcheck match`."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claimreview.operations import import_claimreview
from factcheck.claims.models import Status
from factcheck.memory.models import ClaimMatch
from factcheck.sources.models import Evidence, Relation
from tests.factories import make_claim, make_user, verdict
from tests.webclient import post, sign_in_as

from .conftest import claimreview
from .test_matching_pass import COCAINE, JOBS, run_pass


@pytest.fixture
def desk(session):
    """Three imported fact-checks, a claim that repeats one of them, one that repeats none."""
    reviews = {
        c.review_url.rsplit("/", 1)[1]: c
        for c in import_claimreview(session, "test", claimreview(), origin="t").imported
    }
    cocaine, jobs = make_claim(session, text=COCAINE), make_claim(session, text=JOBS)
    run_pass(session)
    session.commit()
    return reviews, cocaine, jobs


def page(client, claim_id: int) -> str:
    response = client.get(f"/claims/{claim_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_claim_page_shows_earlier_fact_checks_or_nothing_found(client, session, desk):
    _reviews, cocaine, jobs = desk
    sign_in_as(client, make_user(session, Role.viewer))
    html = page(client, cocaine.id)
    assert "Checked before" in html and "https://checks.example/cocaine" in html
    assert "Example Checks" in html and "2024-03-05" in html and "% alike" in html
    assert "Not the same claim" not in html  # a viewer cannot answer
    html = page(client, jobs.id)
    assert "Nothing found" in html and "checks.example" not in html


def test_linking_a_match_adds_context_and_suggests_its_verdict(client, session, desk):
    reviews, cocaine, _jobs = desk
    sign_in_as(client, make_user(session, Role.reviewer))
    assert "Link as a source" in page(client, cocaine.id)
    url = f"/claims/{cocaine.id}/checked-before/{reviews['cocaine'].id}/link"
    response = post(client, url, {"suggest": "y"})
    assert response.status_code == 303
    false = verdict(session, "False")
    assert f"suggest={false.id}" in response.location
    [evidence] = session.scalars(select(Evidence).where(Evidence.claim_id == cocaine.id))
    assert evidence.relation == Relation.context.value
    assert evidence.source.url == "https://checks.example/cocaine"
    session.refresh(cocaine)
    assert (cocaine.status, cocaine.verdict_id) == (Status.unreviewed.value, None)  # untouched
    html = client.get(response.location).get_data(as_text=True)
    assert f'<option selected value="{false.id}">' in html or (
        f'value="{false.id}" selected' in html
    )


def test_not_the_same_claim_is_kept_audited_and_no_longer_shown(client, session, desk):
    reviews, cocaine, _jobs = desk
    reviewer = make_user(session, Role.reviewer)
    sign_in_as(client, reviewer)
    url = f"/claims/{cocaine.id}/checked-before/{reviews['cocaine'].id}/reject"
    assert post(client, url).status_code == 303
    pair = session.scalar(select(ClaimMatch).where(ClaimMatch.claim_id == cocaine.id))
    assert pair.rejected_at is not None and pair.rejected_by_id == reviewer.id
    assert "https://checks.example/cocaine" not in page(client, cocaine.id)
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.claim_id == cocaine.id))
    assert "reject_match" in list(actions)
    run_pass(session)  # a later pass does not bring it back
    assert client.get("/claims?checked=yes").get_data(as_text=True).count(COCAINE[:30]) == 0


def test_answers_need_a_reviewer_a_token_and_an_unlocked_claim(client, session, desk):
    reviews, cocaine, _jobs = desk
    link = f"/claims/{cocaine.id}/checked-before/{reviews['cocaine'].id}/link"
    sign_in_as(client, make_user(session, Role.viewer))
    assert post(client, link).status_code == 403
    sign_in_as(client, make_user(session, Role.reviewer))
    assert client.post(link, data={}).status_code == 400  # no CSRF token
    assert post(client, f"/claims/{cocaine.id}/checked-before/{cocaine.id}/link").status_code == 303
    cocaine.status, cocaine.verdict_id = Status.approved.value, verdict(session, "False").id
    session.commit()
    assert post(client, link).status_code == 403  # approved: only an editor
    assert session.scalars(select(Evidence).where(Evidence.claim_id == cocaine.id)).all() == []


def test_the_queue_filters_claims_with_an_earlier_fact_check(client, session, desk):
    _reviews, cocaine, jobs = desk
    sign_in_as(client, make_user(session, Role.viewer))
    html = client.get("/claims?checked=yes").get_data(as_text=True)
    assert f"/claims/{cocaine.id}" in html and f"/claims/{jobs.id}?" not in html
    html = client.get("/claims?checked=no").get_data(as_text=True)
    assert f"/claims/{jobs.id}" in html and f"/claims/{cocaine.id}?" not in html
    assert client.get("/claims?checked=maybe").status_code == 400


def test_the_check_page_takes_any_sentence(client, session, desk):
    sign_in_as(client, make_user(session, Role.viewer))
    html = client.get("/check").get_data(as_text=True)
    assert "Has this been checked?" in html
    html = client.get("/check?q=Is+the+Eiffel+Tower+moving+to+Vegas%3F").get_data(as_text=True)
    assert "https://checks.example/eiffel" in html
    html = client.get("/check?q=" + JOBS).get_data(as_text=True)
    assert "Nothing found" in html
    assert client.get("/check?q=" + "x" * 3000).status_code == 400


def test_match_reads_claims_and_writes_json_lines(app, session, desk):
    reviews, _cocaine, _jobs = desk
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["match", "--top", "2", "--json"], input=f"{COCAINE}\n{JOBS}\n", catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in result.output.splitlines())
    assert first["text"] == COCAINE and second == {"text": JOBS, "matches": []}
    best = first["matches"][0]
    assert set(best) == {"claim_id", "url", "claim_reviewed", "verdict", "score"}
    assert (best["claim_id"], best["verdict"]) == (reviews["cocaine"].id, "False")
    assert len(first["matches"]) <= 2


def test_import_encodes_its_fact_checks_and_match_finds_them_at_once(app, session, tmp_path):
    path = tmp_path / "reviews.json"
    path.write_text(claimreview(), encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "matching: 3 claims encoded" in result.output
    make_claim(session, text=COCAINE)
    session.commit()
    result = runner.invoke(args=["match", "--pending"], catch_exceptions=False)
    assert "matching: 1 claims encoded, 1 earlier fact-checks stored" in result.output
    result = runner.invoke(args=["match"], input="Eiffel Tower moving to Las Vegas\n")
    [line] = result.output.splitlines()
    assert json.loads(line)["matches"][0]["url"] == "https://checks.example/eiffel"
