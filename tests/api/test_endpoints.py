"""The API's endpoints do what the desk does, through the same operations: ingest, the queue
with keyset pages, If-Match on claims (428 without, 412 stale), evidence, notes, assignment,
reports, ClaimReview import."""

from __future__ import annotations

from factcheck.auth.models import Role
from tests.api.conftest import bearer, token_for
from tests.factories import FIXTURES, SEED, make_claim, make_user, verdict


def _ingest(client, token, **extra):
    body = {"content": SEED.read_text(encoding="utf-8"), "format": "markdown", **extra}
    return client.post("/api/v1/articles", json=body, headers=bearer(token))


def test_ingest_list_and_read_an_article(client, session, editor_token):
    made = _ingest(client, editor_token)
    assert made.status_code == 201, made.json
    article_id = made.json["article"]["id"]
    assert made.json["status"] == "created" and made.json["claims"] == len(made.json["added"]) > 5
    assert made.headers["Location"].endswith(f"/api/v1/articles/{article_id}")
    again = _ingest(client, editor_token)
    assert again.status_code == 200 and again.json["status"] == "unchanged"
    listed = client.get("/api/v1/articles", headers=bearer(editor_token)).json
    assert [a["id"] for a in listed["items"]] == [article_id]
    detail = client.get(f"/api/v1/articles/{article_id}", headers=bearer(editor_token)).json
    assert {c["id"] for c in detail["claims"]} == set(made.json["added"])
    for claim in detail["claims"]:
        assert detail["text"][claim["start"] : claim["end"]] == claim["text"]


def test_ingest_errors_change_nothing(client, session, editor_token, reviewer_token):
    empty = client.post(
        "/api/v1/articles", json={"content": "   ", "format": "text"}, headers=bearer(editor_token)
    )
    assert empty.status_code == 422
    assert empty.headers["Content-Type"] == "application/problem+json"
    bad_url = _ingest(client, editor_token, url="javascript:alert(1)")
    assert bad_url.status_code == 422
    missing = _ingest(client, editor_token, revise=999999)
    assert missing.status_code == 404
    assert _ingest(client, reviewer_token).status_code == 403  # editors ingest, as on the desk
    unknown = client.post(
        "/api/v1/articles",
        json={"content": "x", "format": "text", "colour": "red"},
        headers=bearer(editor_token),
    )
    assert unknown.status_code == 422 and "colour" in str(unknown.json["errors"])
    listed = client.get("/api/v1/articles", headers=bearer(editor_token)).json
    assert listed["items"] == []


def test_claims_filters_and_keyset_pages(client, session, editor_token):
    article_id = _ingest(client, editor_token).json["article"]["id"]
    seen, url = [], f"/api/v1/claims?article={article_id}&limit=3&sort=article"
    while url:
        page = client.get(url, headers=bearer(editor_token))
        assert page.status_code == 200, page.json
        seen += [c["id"] for c in page.json["items"]]
        url = page.json["next"]
    everything = client.get(
        f"/api/v1/claims?article={article_id}&limit=200&sort=article", headers=bearer(editor_token)
    ).json
    assert seen == [c["id"] for c in everything["items"]] and len(seen) > 3
    assert everything["next"] is None
    bad = client.get("/api/v1/claims?verdict=seven", headers=bearer(editor_token))
    assert bad.status_code == 400 and "verdict" in bad.json["detail"]
    searched = client.get("/api/v1/claims?q=Syria", headers=bearer(editor_token)).json
    assert searched["items"] and all("syria" in c["text"].lower() for c in searched["items"])


def test_patch_needs_if_match_and_refuses_a_stale_one(client, session, reviewer_token):
    claim = make_claim(session)
    session.commit()
    url = f"/api/v1/claims/{claim.id}"
    read = client.get(url, headers=bearer(reviewer_token))
    tag = read.headers["ETag"]
    change = {"status": "in_review", "rationale": "Looking at the ONS series."}
    missing = client.patch(url, json=change, headers=bearer(reviewer_token))
    assert missing.status_code == 428
    saved = client.patch(url, json=change, headers={**bearer(reviewer_token), "If-Match": tag})
    assert saved.status_code == 200 and saved.json["status"] == "in_review"
    assert saved.headers["ETag"] != tag
    stale = client.patch(
        url, json={"rationale": "Mine"}, headers={**bearer(reviewer_token), "If-Match": tag}
    )
    assert stale.status_code == 412
    assert stale.json["current"]["rationale"] == "Looking at the ONS series."
    assert stale.headers["ETag"] == saved.headers["ETag"]
    session.refresh(claim)
    assert claim.rationale == "Looking at the ONS series."


def test_patch_follows_the_desks_rules(client, session, reviewer_token, editor_token):
    claim = make_claim(session)
    false = verdict(session, "False")
    session.commit()
    url = f"/api/v1/claims/{claim.id}"

    def patch(token, body):
        tag = client.get(url, headers=bearer(token)).headers["ETag"]
        return client.patch(url, json=body, headers={**bearer(token), "If-Match": tag})

    needs_verdict = patch(reviewer_token, {"status": "reviewed"})
    assert needs_verdict.status_code == 422 and "verdict" in needs_verdict.json["detail"]
    judged = {"status": "reviewed", "verdict_id": false.id, "rationale": "ONS says 3.8."}
    assert patch(reviewer_token, judged).status_code == 200
    assert patch(reviewer_token, {"status": "approved"}).status_code == 403
    approved = patch(editor_token, {"status": "approved"})
    assert approved.status_code == 200 and approved.json["verdict"]["label"] == "False"
    locked = patch(reviewer_token, {"rationale": "changed"})
    assert locked.status_code == 403 and "locked" in locked.json["detail"]


def test_evidence_notes_and_assignment(client, session, reviewer_token, editor_token):
    claim = make_claim(session)
    reviewer = make_user(session, Role.reviewer)
    session.commit()
    base = f"/api/v1/claims/{claim.id}"
    added = client.post(
        f"{base}/evidence",
        json={"url": "https://www.ons.gov.uk/x", "relation": "refutes", "title": "ONS"},
        headers=bearer(reviewer_token),
    )
    assert added.status_code == 201 and added.json["source"]["url"] == "https://www.ons.gov.uk/x"
    not_http = client.post(
        f"{base}/evidence", json={"url": "file:///etc/passwd"}, headers=bearer(reviewer_token)
    )
    assert not_http.status_code == 422
    note = client.post(f"{base}/notes", json={"body": "Agreed."}, headers=bearer(reviewer_token))
    assert note.status_code == 201 and note.json["body"] == "Agreed."
    assign = client.put(
        f"{base}/assignee", json={"assignee_id": reviewer.id}, headers=bearer(reviewer_token)
    )
    assert assign.status_code == 403  # editors assign
    assign = client.put(
        f"{base}/assignee", json={"assignee_id": reviewer.id}, headers=bearer(editor_token)
    )
    assert assign.status_code == 200 and assign.json["assignee"]["id"] == reviewer.id
    detail = client.get(base, headers=bearer(reviewer_token)).json
    assert [e["relation"] for e in detail["evidence"]] == ["refutes"]
    assert [n["body"] for n in detail["notes"]] == ["Agreed."]
    gone = client.delete(f"{base}/evidence/{added.json['id']}", headers=bearer(reviewer_token))
    assert gone.status_code == 204
    assert client.get(base, headers=bearer(reviewer_token)).json["evidence"] == []
    again = client.delete(f"{base}/evidence/{added.json['id']}", headers=bearer(reviewer_token))
    assert again.status_code == 404


def test_every_report_format_and_the_import(client, session, editor_token, reviewer_token):
    article_id = _ingest(client, editor_token).json["article"]["id"]
    for fmt, kind in [
        ("json", "application/json"),
        ("csv", "text/csv"),
        ("md", "text/markdown"),
        ("html", "text/html"),
        ("claimreview", "application/ld+json"),
        ("claimreview-html", "text/html"),
    ]:
        report = client.get(
            f"/api/v1/articles/{article_id}/report?format={fmt}&include_all=true",
            headers=bearer(editor_token),
        )
        assert report.status_code == 200, (fmt, report.json)
        assert report.headers["Content-Type"].startswith(kind)
    full = client.get(
        f"/api/v1/articles/{article_id}/report?format=json&include_all=true",
        headers=bearer(editor_token),
    ).json
    assert full["article"]["id"] == article_id and full["claims"]
    assert (
        client.get(
            f"/api/v1/articles/{article_id}/report?format=json", headers=bearer(reviewer_token)
        ).status_code
        == 403
    )
    data = (FIXTURES / "claimreview" / "factckbr_sample.jsonld").read_bytes()
    headers = {**bearer(editor_token), "Content-Type": "application/json"}
    imported = client.post("/api/v1/imports/claimreview", data=data, headers=headers)
    assert imported.status_code == 200 and imported.json["imported"]
    twice = client.post("/api/v1/imports/claimreview", data=data, headers=headers).json
    assert twice["imported"] == [] and twice["duplicates"] == len(imported.json["imported"])
    denied = client.post(
        "/api/v1/imports/claimreview",
        data=data,
        headers={**bearer(token_for(session, Role.reviewer)), "Content-Type": "application/json"},
    )
    assert denied.status_code == 403


def test_unknown_addresses_and_methods_are_problems(client, editor_token):
    missing = client.get("/api/v1/nothing-here", headers=bearer(editor_token))
    assert missing.status_code == 404
    assert missing.headers["Content-Type"] == "application/problem+json"
    wrong = client.delete("/api/v1/articles", headers=bearer(editor_token))
    assert wrong.status_code == 405 and "GET" in wrong.headers["Allow"]
    assert client.get("/claims/0").status_code != 200  # the desk keeps its own pages


def test_the_contract_and_its_page(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"] == "3.1.0"
    assert spec["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
    assert "/api/v1/claims/{claim_id}" in spec["paths"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "PATCH /api/v1/claims/{claim_id}" in html and "<script" not in html


def test_a_save_between_the_read_and_the_write_is_a_412(
    client, session, reviewer_token, monkeypatch
):
    """Someone saves the claim after this request read it and before its UPDATE: the stale
    UPDATE fails (the version column) and the answer is 412 with their state, even for
    If-Match: *."""
    from sqlalchemy.orm.exc import StaleDataError

    from factcheck.api import views

    claim = make_claim(session)
    session.commit()

    def saved_meanwhile(*_args, **_kwargs):
        raise StaleDataError("UPDATE statement on table 'claim' expected to update 1 row(s)")

    monkeypatch.setattr(views, "assess", saved_meanwhile)
    response = client.patch(
        f"/api/v1/claims/{claim.id}",
        json={"rationale": "mine"},
        headers={**bearer(reviewer_token), "If-Match": "*"},
    )
    assert response.status_code == 412
    assert response.json["current"]["id"] == claim.id and response.headers["ETag"]
