"""The fact-check memory through the API: any sentence's earlier fact-checks (as `factcheck
match`), and a claim's as the matching pass stored them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from factcheck.claimreview.operations import import_claimreview
from factcheck.db import utcnow
from factcheck.memory import index
from factcheck.memory.models import ClaimMatch
from factcheck.memory.queries import find
from tests.api.conftest import bearer
from tests.factories import make_claim
from tests.memory.conftest import claimreview
from tests.memory.test_matching_pass import COCAINE, JOBS, run_pass


@pytest.fixture(autouse=True)
def _no_library_loaded():
    index.forget()
    yield
    index.forget()


def test_any_sentence_and_a_claims_stored_matches(client, session, read_token):
    summary = import_claimreview(session, "test", claimreview(), origin="test")
    cocaine = {c.review_url: c for c in summary.imported}["https://checks.example/cocaine"]
    said, other = make_claim(session, text=COCAINE), make_claim(session, text=JOBS)
    run_pass(session)
    session.commit()

    got = client.get("/api/v1/matches", query_string={"text": COCAINE}, headers=bearer(read_token))
    assert got.status_code == 200, got.json
    assert got.json["text"] == COCAINE
    first = got.json["matches"][0]
    assert first["claim_id"] == cocaine.id and first["url"] == "https://checks.example/cocaine"
    assert first["verdict"] == "False" and first["score"] > 0
    assert got.json["matches"] == [m.as_json() for m in find(session, COCAINE)]
    posted = client.post("/api/v1/matches", json={"text": COCAINE}, headers=bearer(read_token))
    assert posted.status_code == 200 and posted.json == got.json
    blank = client.post("/api/v1/matches", json={"text": "   "}, headers=bearer(read_token))
    assert blank.status_code == 422
    long = client.post("/api/v1/matches", json={"text": "x" * 2001}, headers=bearer(read_token))
    assert long.status_code == 422

    stored = client.get(f"/api/v1/claims/{said.id}/matches", headers=bearer(read_token))
    assert stored.status_code == 200
    assert [m["claim_id"] for m in stored.json["matches"]] == [cocaine.id]
    none = client.get(f"/api/v1/claims/{other.id}/matches", headers=bearer(read_token))
    assert none.json == {"claim_id": other.id, "matches": []}
    # "Not the same claim" on the desk: no longer listed.
    row = session.scalar(select(ClaimMatch).where(ClaimMatch.claim_id == said.id))
    row.rejected_at = utcnow()
    session.commit()
    again = client.get(f"/api/v1/claims/{said.id}/matches", headers=bearer(read_token))
    assert again.json["matches"] == []
    missing = client.get("/api/v1/claims/99999/matches", headers=bearer(read_token))
    assert missing.status_code == 404
