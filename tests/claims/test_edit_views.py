"""The pages that add claims by hand and reshape them (factcheck.claims.edit_views)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from factcheck.auth.models import Role
from factcheck.claims.editing import add_claim, edit_claim
from factcheck.claims.models import Claim, Status
from factcheck.claims.operations import assess
from tests.factories import make_claim, make_text_article, make_user, verdict
from tests.webclient import post, sign_in_as


@pytest.fixture
def reviewer(session):
    return make_user(session, Role.reviewer)


def text(response) -> str:
    return response.get_data(as_text=True)


def claims(session) -> int:
    return session.scalar(select(func.count(Claim.id))) or 0


def test_adding_a_claim_by_quote_without_javascript(client, session, reviewer):
    article = make_text_article(session, "Prices rose.\n\nWages fell by 3 percent. Prices rose.")
    session.commit()
    sign_in_as(client, reviewer)
    page = text(client.get(f"/articles/{article.id}"))
    assert f'href="/articles/{article.id}/claims/new"' in page
    assert '<p data-start="14">' in page  # where each paragraph begins, for a selection
    form = text(client.get(f"/articles/{article.id}/claims/new"))
    assert 'name="quote"' in form and 'name="occurrence"' in form

    before = claims(session)
    response = post(client, f"/articles/{article.id}/claims/new", {"quote": "Prices rose."})
    assert response.status_code == 400
    assert "2 times" in text(response) and claims(session) == before
    response = post(client, f"/articles/{article.id}/claims/new", {"quote": "Prices fell."})
    assert response.status_code == 400 and "does not have these words" in text(response)

    response = post(
        client, f"/articles/{article.id}/claims/new", {"quote": "Prices rose.", "occurrence": "2"}
    )
    assert response.status_code == 303
    claim = session.scalars(select(Claim).order_by(Claim.id.desc())).first()
    assert response.headers["Location"].endswith(f"/claims/{claim.id}")
    assert (claim.origin, claim.start, claim.text) == (
        "manual",
        article.text.rindex("Prices"),
        "Prices rose.",
    )
    page = text(client.get(f"/claims/{claim.id}"))
    assert "added by hand" in page and "added it by hand" in page


def test_a_selection_sends_its_place(client, session, reviewer):
    article = make_text_article(session, "Prices rose.\n\nWages fell by 3 percent. Prices rose.")
    session.commit()
    sign_in_as(client, reviewer)
    start = 0  # the first of two occurrences, selected with the line break after it
    response = post(
        client,
        f"/articles/{article.id}/claims/new",
        {"quote": "Prices rose.\n", "start": str(start), "end": str(start + 13)},
    )
    assert response.status_code == 303
    claim = session.scalars(select(Claim).order_by(Claim.id.desc())).first()
    assert (claim.start, claim.end) == (start, start + 12)
    response = post(
        client, f"/articles/{article.id}/claims/new", {"quote": "Wages", "start": "x", "end": "3"}
    )
    assert response.status_code == 400


def test_adding_needs_a_reviewer_and_a_csrf_token(client, session):
    article = make_text_article(session, "Prices rose by 3 percent.")
    viewer = make_user(session, Role.viewer)
    reviewer = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, viewer)
    before = claims(session)
    assert (
        post(client, f"/articles/{article.id}/claims/new", {"quote": "Prices"}).status_code == 403
    )
    sign_in_as(client, reviewer)
    response = client.post(f"/articles/{article.id}/claims/new", data={"quote": "Prices"})
    assert response.status_code == 400 and claims(session) == before


def test_a_claim_without_article(client, session, reviewer):
    session.commit()
    sign_in_as(client, reviewer)
    assert 'name="appearance_url"' in text(client.get("/claims/new"))
    response = post(
        client,
        "/claims/new",
        {"text": "Crime doubled in two years.", "appearance_url": "javascript:alert(1)"},
    )
    assert response.status_code == 400 and "http" in text(response)
    response = post(
        client,
        "/claims/new",
        {
            "text": "Crime doubled in two years.",
            "appearance_url": "https://example.org/video",
            "claimant": "A candidate",
            "claimant_kind": "speaker",
            "claim_date_start": "2025-03-01",
        },
    )
    assert response.status_code == 303
    claim = session.scalars(select(Claim).order_by(Claim.id.desc())).first()
    assert claim.article_id is None and claim.appearance_url == "https://example.org/video"
    assert claim.claimant_kind == "speaker" and str(claim.claim_date_start) == "2025-03-01"
    assert "https://example.org/video" in text(client.get(f"/claims/{claim.id}"))


def edit_form_values(html: str) -> dict:
    """The edit form's hidden fields as loaded (version and loaded_*)."""
    return dict(
        re.findall(r'id="((?:loaded_\w+)|version)" name="\1" type="hidden" value="([^"]*)"', html)
    )


def test_editing_a_claim(client, session, reviewer):
    claim = make_claim(session)
    session.commit()
    sign_in_as(client, reviewer)
    html = text(client.get(f"/claims/{claim.id}/edit"))
    loaded = edit_form_values(html)
    assert loaded["loaded_claim_reviewed"] == claim.text and loaded["version"] == str(claim.version)
    response = post(
        client,
        f"/claims/{claim.id}/edit",
        {
            **loaded,
            "claim_reviewed": "US unemployment fell to 4.1 percent in 2019.",
            "claimant": "Labor Department",
            "claimant_kind": "outlet",
            "claim_date_start": "2019-01-01",
            "claim_date_end": "2019-12-31",
        },
    )
    assert response.status_code == 303
    session.expire_all()
    assert claim.claim_reviewed == "US unemployment fell to 4.1 percent in 2019."
    assert claim.claimant == "Labor Department" and str(claim.claim_date_end) == "2019-12-31"
    page = text(client.get(f"/claims/{claim.id}"))
    assert "US unemployment fell to 4.1 percent in 2019." in page and "edited it" in page
    bad = post(
        client,
        f"/claims/{claim.id}/edit",
        {
            **edit_form_values(text(client.get(f"/claims/{claim.id}/edit"))),
            "appearance_url": "ftp://x.org",
        },
    )
    assert bad.status_code == 400 and "http" in text(bad)


def test_different_fields_merge_and_the_same_field_conflicts(client, session, reviewer):
    claim = make_claim(session)
    other = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, reviewer)
    loaded = edit_form_values(text(client.get(f"/claims/{claim.id}/edit")))
    base = {"claim_reviewed": claim.text}
    edit_claim(session, other, claim.id, claim.version, {"claimant": "Their claimant"})
    session.commit()
    response = post(
        client, f"/claims/{claim.id}/edit", {**loaded, **base, "attribution": "said on TV"}
    )
    assert response.status_code == 303
    session.expire_all()
    assert (claim.claimant, claim.attribution) == ("Their claimant", "said on TV")
    response = post(
        client, f"/claims/{claim.id}/edit", {**loaded, **base, "claimant": "My claimant"}
    )
    assert response.status_code == 409
    html = text(response)
    assert "Someone saved this claim" in html and "Their claimant" in html and "My claimant" in html
    assert "saved it at" in html  # who saved last, and when
    assert re.search(r'name="attribution"[^>]*value="said on TV"', html)  # theirs, untouched by me
    session.expire_all()
    assert claim.claimant == "Their claimant"


def test_an_approved_claim_is_locked_for_reviewers(client, session, reviewer):
    editor = make_user(session, Role.editor)
    claim = make_claim(session)
    assess(
        session,
        editor,
        claim,
        expected_version=claim.version,
        status=Status.approved,
        verdict=verdict(session, "False"),
        rationale="Checked.",
    )
    session.commit()
    sign_in_as(client, reviewer)
    loaded = edit_form_values(text(client.get(f"/claims/{claim.id}/edit")))
    version = claim.version
    response = post(client, f"/claims/{claim.id}/edit", {**loaded, "claimant": "Somebody"})
    assert response.status_code == 403
    response = post(client, f"/claims/{claim.id}/split", {"version": version, "second": "to 4.1"})
    assert response.status_code == 403
    session.expire_all()
    assert claim.version == version and claim.claimant is None


def test_span_split_and_merge_pages(client, session, reviewer):
    article = make_text_article(
        session, "Intro. Exports rose 5 percent and imports fell 3 percent. End."
    )
    claim = add_claim(
        session, reviewer, article.id, quote="Exports rose 5 percent and imports fell 3 percent."
    )
    session.commit()
    sign_in_as(client, reviewer)
    html = text(client.get(f"/claims/{claim.id}/edit"))
    assert f'action="/claims/{claim.id}/split"' in html
    response = post(
        client, f"/claims/{claim.id}/split", {"version": claim.version, "second": "imports"}
    )
    assert response.status_code == 303
    session.expire_all()
    second = session.scalars(select(Claim).order_by(Claim.id.desc())).first()
    assert claim.text == "Exports rose 5 percent and" and second.text == "imports fell 3 percent."
    # the merge form offers the neighbour; merging joins them again
    html = text(client.get(f"/claims/{claim.id}/edit"))
    assert f'<option value="{second.id}">' in html
    response = post(
        client, f"/claims/{claim.id}/merge", {"version": claim.version, "other": second.id}
    )
    assert response.status_code == 303
    session.expire_all()
    assert claim.text == "Exports rose 5 percent and imports fell 3 percent."
    assert second.status == "dismissed" and second.same_as_id == claim.id
    response = post(
        client,
        f"/claims/{claim.id}/span",
        {"version": claim.version, "quote": "Exports rose 5 percent"},
    )
    assert response.status_code == 303
    session.expire_all()
    assert claim.text == "Exports rose 5 percent"
    stale = post(
        client, f"/claims/{claim.id}/span", {"version": claim.version - 1, "quote": "Intro."}
    )
    assert stale.status_code == 303
    session.expire_all()
    assert claim.text == "Exports rose 5 percent"
    wrong = post(
        client, f"/claims/{claim.id}/split", {"version": claim.version, "second": "nowhere"}
    )
    assert wrong.status_code == 400 and "does not have these words" in text(wrong)
