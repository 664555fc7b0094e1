"""The API edits a claim's fields, dismisses it with a reason, adds claims and publishes them,
through the desk's own operations: one If-Match per PATCH, the same roles and the approved lock."""

from __future__ import annotations

from factcheck.claims.models import Claim
from factcheck.publishing.models import Publication
from tests.api.conftest import bearer
from tests.factories import make_claim, make_text_article, verdict


def _patch(client, token, claim_id, body, tag=None):
    url = f"/api/v1/claims/{claim_id}"
    if tag is None:
        tag = client.get(url, headers=bearer(token)).headers["ETag"]
    return client.patch(url, json=body, headers={**bearer(token), "If-Match": tag})


def test_patch_edits_the_fields_and_assesses_in_one_version(client, session, reviewer_token):
    claim = make_claim(session)
    session.commit()
    url = f"/api/v1/claims/{claim.id}"
    read = client.get(url, headers=bearer(reviewer_token))
    assert read.json["claim_reviewed"] == claim.text and read.json["publication"] is None
    assert read.json["is_caption"] is False and read.json["dismissal_reason"] is None
    tag = read.headers["ETag"]
    body = {
        "claim_reviewed": "Unemployment fell to 4.1% in 2019",
        "claimant": "The minister",
        "claimant_kind": "speaker",
        "claim_date_start": "2020-01-02",
        "appearance_url": "https://example.org/speech",
        "status": "in_review",
        "rationale": "Checking the ONS series.",
    }
    missing = client.patch(url, json=body, headers=bearer(reviewer_token))
    assert missing.status_code == 428
    saved = _patch(client, reviewer_token, claim.id, body, tag)
    assert saved.status_code == 200, saved.json
    out = saved.json
    assert out["claim_reviewed"] == "Unemployment fell to 4.1% in 2019"
    assert (out["claimant"], out["claimant_kind"]) == ("The minister", "speaker")
    assert out["claim_date_start"] == "2020-01-02" and out["status"] == "in_review"
    assert out["appearance_url"] == "https://example.org/speech"
    assert out["rationale"] == "Checking the ONS series."

    stale = _patch(client, reviewer_token, claim.id, {"claimant": "Someone else"}, tag)
    assert stale.status_code == 412 and stale.json["current"]["claimant"] == "The minister"
    assert stale.headers["ETag"] == saved.headers["ETag"]

    # A bad field in an edit changes nothing, not even the assessment sent with it.
    bad = _patch(
        client,
        reviewer_token,
        claim.id,
        {"rationale": "Other", "claim_date_start": "2020-02-01", "claim_date_end": "2020-01-01"},
    )
    assert bad.status_code == 422 and "ends before" in bad.json["detail"]
    unsafe = _patch(client, reviewer_token, claim.id, {"appearance_url": "javascript:alert(1)"})
    assert unsafe.status_code == 422
    session.expire_all()
    stored = session.get(Claim, claim.id)
    assert stored.rationale == "Checking the ONS series."
    assert stored.appearance_url == "https://example.org/speech"


def test_an_approved_claims_fields_are_for_editors(client, session, reviewer_token, editor_token):
    claim = make_claim(session)
    claim.verdict_id = verdict(session, "False").id
    claim.rationale = "ONS says 3.8."
    session.commit()
    approved = _patch(client, editor_token, claim.id, {"status": "approved"})
    assert approved.status_code == 200, approved.json
    locked = _patch(client, reviewer_token, claim.id, {"claimant": "The minister"})
    assert locked.status_code == 403
    edited = _patch(client, editor_token, claim.id, {"claimant": "The minister"})
    assert edited.status_code == 200 and edited.json["claimant"] == "The minister"


def test_dismissing_needs_a_reason(client, session, reviewer_token, editor_token):
    claim = make_claim(session)
    other = make_claim(session, text="Prices rose by 2 percent in 2018.")
    session.commit()
    bare = _patch(client, reviewer_token, claim.id, {"status": "dismissed"})
    assert bare.status_code == 422 and "dismissal_reason" in bare.json["detail"]
    loose = _patch(client, reviewer_token, claim.id, {"dismissal_reason": "opinion"})
    assert loose.status_code == 422
    unsaid = _patch(
        client, reviewer_token, claim.id, {"status": "dismissed", "dismissal_reason": "other"}
    )
    assert unsaid.status_code == 422 and "dismissal_note" in unsaid.json["detail"]
    nowhere = _patch(
        client,
        reviewer_token,
        claim.id,
        {"status": "dismissed", "dismissal_reason": "duplicate", "duplicate_of": 99999},
    )
    assert nowhere.status_code == 422 and "duplicate_of" in nowhere.json["detail"]
    session.expire_all()
    assert session.get(Claim, claim.id).status == "unreviewed"

    dismissed = _patch(
        client,
        reviewer_token,
        claim.id,
        {"status": "dismissed", "dismissal_reason": "duplicate", "duplicate_of": other.id},
    )
    assert dismissed.status_code == 200, dismissed.json
    assert dismissed.json["status"] == "dismissed"
    assert dismissed.json["dismissal_reason"] == "duplicate"
    reopened = _patch(client, reviewer_token, claim.id, {"status": "unreviewed"})
    assert reopened.status_code == 200 and reopened.json["dismissal_reason"] is None


def test_adding_claims_in_an_article_and_elsewhere(client, session, reviewer_token, read_token):
    article = make_text_article(
        session, "Intro. Crime fell by 5 percent. Later: Crime fell by 5 percent. End."
    )
    session.commit()
    url = f"/api/v1/articles/{article.id}/claims"
    quote = "Crime fell by 5 percent."
    read_only = client.post(url, json={"quote": quote}, headers=bearer(read_token))
    assert read_only.status_code == 403
    second = client.post(
        url, json={"quote": quote, "occurrence": 2}, headers=bearer(reviewer_token)
    )
    assert second.status_code == 201, second.json
    assert second.json["start"] == article.text.rindex(quote)
    assert second.json["origin"] == "manual" and second.headers["ETag"]
    assert second.headers["Location"].endswith(f"/api/v1/claims/{second.json['id']}")
    again = client.post(url, json={"quote": quote, "occurrence": 2}, headers=bearer(reviewer_token))
    assert again.status_code == 409
    absent = client.post(url, json={"quote": "Not in it."}, headers=bearer(reviewer_token))
    assert absent.status_code == 422
    both = client.post(
        url, json={"quote": quote, "start": 0, "end": 5}, headers=bearer(reviewer_token)
    )
    assert both.status_code == 422
    missing = client.post(
        "/api/v1/articles/99999/claims", json={"quote": quote}, headers=bearer(reviewer_token)
    )
    assert missing.status_code == 404

    body = {
        "text": "Taxes  doubled last year.",
        "appearance_url": "https://social.example/post/1",
        "claimant": "A candidate",
        "claimant_kind": "speaker",
        "claim_date_start": "2026-01-05",
    }
    elsewhere = client.post("/api/v1/claims", json=body, headers=bearer(reviewer_token))
    assert elsewhere.status_code == 201, elsewhere.json
    assert (
        elsewhere.json["article_id"] is None
        and elsewhere.json["text"] == "Taxes doubled last year."
    )
    assert elsewhere.json["appearance_url"] == "https://social.example/post/1"
    unsafe = client.post(
        "/api/v1/claims",
        json={**body, "appearance_url": "file:///etc/passwd"},
        headers=bearer(reviewer_token),
    )
    assert unsafe.status_code == 422
    assert session.query(Claim).filter(Claim.article_id.is_(None)).count() == 1


def test_publish_correct_and_unpublish(client, session, reviewer_token, editor_token):
    claim = make_claim(session)
    claim.verdict_id = verdict(session, "False").id
    claim.rationale = "ONS says 3.8."
    session.commit()
    url = f"/api/v1/claims/{claim.id}/publication"
    too_early = client.put(url, headers=bearer(editor_token))
    assert too_early.status_code == 409 and "approved" in too_early.json["detail"]
    assert _patch(client, editor_token, claim.id, {"status": "approved"}).status_code == 200
    assert client.put(url, headers=bearer(reviewer_token)).status_code == 403
    published = client.put(url, headers=bearer(editor_token))
    assert published.status_code == 200, published.json
    shown = published.json["publication"]
    assert shown["state"] == "published" and f"/fact-checks/{claim.id}-" in shown["url"]
    assert client.get(shown["url"]).status_code == 200

    corrections = f"/api/v1/claims/{claim.id}/corrections"
    empty = client.post(corrections, json={"note": ""}, headers=bearer(editor_token))
    assert empty.status_code == 422
    corrected = client.post(
        corrections, json={"note": "The year was wrong."}, headers=bearer(editor_token)
    )
    assert corrected.status_code == 200
    assert corrected.json["publication"]["correction_note"] == "The year was wrong."

    withdrawn = client.delete(url, headers=bearer(editor_token))
    assert withdrawn.status_code == 200 and withdrawn.json["publication"]["state"] == "withdrawn"
    assert withdrawn.json["publication"]["url"] is None
    assert client.get(shown["url"]).status_code == 410
    assert client.delete(url, headers=bearer(editor_token)).status_code == 409
    assert session.get(Publication, claim.id).withdrawn_at is not None
