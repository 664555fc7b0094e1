"""Publishing: who may publish what, the claim page's buttons, and what the public sees."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.models import Origin, Status
from factcheck.claims.operations import assess
from factcheck.permissions import PermissionDenied
from factcheck.publishing.models import Publication
from factcheck.publishing.operations import PublishError, correct, publish, slugify, unpublish
from tests.factories import make_user, verdict
from tests.publishing.conftest import BASE
from tests.webclient import count_queries, post, record_statements, sign_in_as


def page_of(claim) -> str:
    return f"/fact-checks/{claim.id}"


def public_get(client, url: str, **kwargs):
    response = client.get(url, follow_redirects=True, **kwargs)
    return response, response.get_data(as_text=True)


# --- operations ------------------------------------------------------------------------------


def test_slug_is_readable_ascii():
    assert (
        slugify("Syria's minister met Putin — in “July”!") == "syria-s-minister-met-putin-in-july"
    )
    assert slugify("Ünïcödé façade") == "unicode-facade"
    assert slugify("?!") == "fact-check"
    assert len(slugify("word " * 40)) <= 60


def test_publish_is_audited_and_only_once(session, newsroom):
    claim = newsroom["published"]
    publication = session.get(Publication, claim.id)
    assert publication.slug == "syria-s-foreign-minister-met-vladimir-putin-in-moscow-in"
    assert publication.published_by_id == newsroom["editor"].id
    actions = session.scalars(
        select(AuditEvent.action).where(AuditEvent.claim_id == claim.id)
    ).all()
    assert "publish" in actions
    with pytest.raises(PublishError, match="already published"):
        publish(session, newsroom["editor"], claim.id)


def test_only_editors_publish(session, newsroom):
    with pytest.raises(PermissionDenied):
        publish(session, newsroom["reviewer"], newsroom["approved"].id)
    with pytest.raises(PermissionDenied):
        unpublish(session, newsroom["reviewer"], newsroom["published"].id)
    assert session.get(Publication, newsroom["approved"].id) is None


def test_only_approved_claims_with_a_verdict(session, newsroom):
    with pytest.raises(PublishError, match="approved"):
        publish(session, newsroom["editor"], newsroom["draft"].id)
    assert session.get(Publication, newsroom["draft"].id) is None


def test_imported_fact_checks_are_never_ours(session, newsroom):
    claim = newsroom["approved"]
    claim.origin = Origin.imported.value
    session.flush()
    with pytest.raises(PublishError, match="imported from another organisation"):
        publish(session, newsroom["editor"], claim.id)
    assert session.get(Publication, claim.id) is None


def test_unpublish_then_publish_again_keeps_the_date(client, session, newsroom):
    claim, editor = newsroom["published"], newsroom["editor"]
    first = session.get(Publication, claim.id).published_at
    unpublish(session, editor, claim.id)
    assert client.get(page_of(claim), follow_redirects=True).status_code == 410
    with pytest.raises(PublishError, match="not published"):
        unpublish(session, editor, claim.id)
    publish(session, editor, claim.id)
    assert session.get(Publication, claim.id).published_at == first
    assert client.get(page_of(claim), follow_redirects=True).status_code == 200


def test_reopening_takes_the_page_down_and_a_new_verdict_needs_a_correction(
    client, session, newsroom
):
    claim, editor = newsroom["published"], newsroom["editor"]
    assess(session, editor, claim, expected_version=None, status=Status.reviewed)
    response, text = public_get(client, page_of(claim))
    assert response.status_code == 410 and "withdrawn" in text
    assert claim.reviewed_text not in text
    assess(session, editor, claim, expected_version=None, status=Status.approved,
           verdict=verdict(session, "Half true"), rationale="New evidence came in.")  # fmt: skip
    assert client.get(page_of(claim), follow_redirects=True).status_code == 410
    with pytest.raises(PublishError, match="as a correction"):
        publish(session, editor, claim.id)
    with pytest.raises(PublishError, match="Say what was corrected"):
        correct(session, editor, claim.id, "  ")
    with pytest.raises(PublishError, match="longer than"):
        correct(session, editor, claim.id, "x" * 2001)
    correct(session, editor, claim.id, "We first rated this Mostly true; a <b>new</b> report.")
    response, text = public_get(client, page_of(claim))
    assert response.status_code == 200
    assert "Half true" in text and "New evidence came in." in text
    assert "We first rated this Mostly true; a &lt;b&gt;new&lt;/b&gt; report." in text
    assert '"dateModified"' in text


# --- the claim page's buttons ----------------------------------------------------------------


def test_editor_publishes_from_the_claim_page(client, session, newsroom):
    claim = newsroom["approved"]
    sign_in_as(client, newsroom["editor"])
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert 'id="publishing"' in page and f"/claims/{claim.id}/publish" in page
    assert client.post(f"/claims/{claim.id}/publish").status_code == 400  # no CSRF token
    assert session.get(Publication, claim.id) is None
    response = post(client, f"/claims/{claim.id}/publish", page=f"/claims/{claim.id}")
    assert response.status_code == 303
    assert session.get(Publication, claim.id) is not None
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "Open the public page" in page and "Unpublish" in page
    response = post(client, f"/claims/{claim.id}/correct", {"note": ""}, page=f"/claims/{claim.id}")
    assert response.status_code == 303
    assert session.get(Publication, claim.id).corrected_at is None
    post(client, f"/claims/{claim.id}/unpublish", page=f"/claims/{claim.id}")
    assert session.get(Publication, claim.id).withdrawn_at is not None


def test_reviewer_cannot_publish(client, session, newsroom):
    claim = newsroom["approved"]
    sign_in_as(client, newsroom["reviewer"])
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert f"/claims/{claim.id}/publish" not in page
    response = post(client, f"/claims/{claim.id}/publish", page=f"/claims/{claim.id}")
    assert response.status_code == 403
    assert session.get(Publication, claim.id) is None


def test_imported_claim_page_says_it_stays_theirs(client, session, newsroom):
    claim = newsroom["approved"]
    claim.origin = Origin.imported.value
    session.flush()
    sign_in_as(client, newsroom["editor"])
    page = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "never published as ours" in page
    response = post(
        client, f"/claims/{claim.id}/publish", page=f"/claims/{claim.id}", follow_redirects=True
    )
    assert "imported from another organisation" in response.get_data(as_text=True)
    assert session.get(Publication, claim.id) is None


# --- the public site -------------------------------------------------------------------------

SECRETS = ("PRIVATE-NOTE", "DRAFT-RATIONALE-SECRET", "Rationale of {approved}", "/claims/")


def _links(text: str) -> set[str]:
    return set(re.findall(r'(?:href|src)="(/[^"]*)"', text)) | set(
        re.findall(r"<loc>https://checks\.example\.org(/[^<]*)</loc>", text)
    )


def test_signed_out_walk_reveals_nothing_unpublished(client, session, newsroom):
    """Every page reachable from the public index, signed out: only the published claim."""
    published, approved, draft = newsroom["published"], newsroom["approved"], newsroom["draft"]
    hidden_texts = [approved.text, approved.reviewed_text, draft.text]
    people = [newsroom["reviewer"].email, newsroom["editor"].email]
    people += [newsroom["reviewer"].name, newsroom["editor"].name]
    secrets = [s.format(approved=approved.id) for s in SECRETS]
    seen: set[str] = set()
    queue = ["/fact-checks/", "/fact-checks/feed.atom", "/sitemap.xml"]
    queue.append(f"/fact-checks/{published.id}.jsonld")
    while queue:
        url = queue.pop()
        if url in seen or url.startswith("/static/"):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code in (301, 302):
            queue.append(response.headers["Location"])
            continue
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        for hidden in hidden_texts + secrets + [p for p in people if p]:
            assert hidden not in text, (url, hidden)
        assert (
            f"/fact-checks/{approved.id}-" not in text and f"/fact-checks/{draft.id}-" not in text
        )
        queue.extend(u for u in _links(text) if u.startswith(("/fact-checks", "/sitemap")))
    assert any(u.startswith(f"/fact-checks/{published.id}-") for u in seen)
    for claim in (approved, draft):
        assert client.get(page_of(claim), follow_redirects=True).status_code == 404
        assert client.get(f"/fact-checks/{claim.id}.jsonld").status_code == 404


def test_public_page_shows_the_fact_check(client, session, newsroom):
    claim, article = newsroom["published"], newsroom["article"]
    response, text = public_get(client, page_of(claim))
    assert response.status_code == 200
    assert "Syria&#39;s foreign minister met Vladimir Putin in Moscow in July" in text
    assert "<mark>" + claim.text.replace("'", "&#39;") in text  # the quote, in its paragraph
    assert f'href="{article.url}"' in text
    assert "22 September 2025" in text  # when it was said
    assert "Mostly true" in text and f"Rationale of {claim.id}." in text
    assert "Official report" in text and "https://data.example.org/report" in text
    assert "Harbour Fact Check" in text
    assert newsroom["reviewer"].name not in text and "Checked by" not in text


def test_names_only_when_the_newsroom_shows_them(app, client, newsroom):
    app.config["PUBLIC_NAMES"] = True
    try:
        _, text = public_get(client, page_of(newsroom["published"]))
    finally:
        app.config["PUBLIC_NAMES"] = False
    assert f"Checked by {newsroom['reviewer'].name}" in text
    assert f"edited by {newsroom['editor'].name}" in text


def test_old_slug_redirects_and_unknown_is_404(client, newsroom):
    claim = newsroom["published"]
    response = client.get(f"/fact-checks/{claim.id}-an-old-title")
    assert response.status_code == 301
    slug = "syria-s-foreign-minister-met-vladimir-putin-in-moscow-in"
    assert response.headers["Location"].endswith(f"/fact-checks/{claim.id}-{slug}")
    assert client.get("/fact-checks/999999-x").status_code == 404


def test_conditional_requests_get_304(client, newsroom):
    for url in (
        "/fact-checks/",
        f"/fact-checks/{newsroom['published'].id}",
        "/fact-checks/feed.atom",
        "/sitemap.xml",
    ):
        first = client.get(url, follow_redirects=True)
        assert first.status_code == 200
        assert first.headers["Cache-Control"].startswith("public")
        etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
        final = first.request.path
        again = client.get(final, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.get_data() == b""
        assert client.get(final, headers={"If-Modified-Since": modified}).status_code == 304
        assert client.get(final, headers={"If-None-Match": '"other"'}).status_code == 200


def test_index_search_verdict_filter_and_paging(client, session, newsroom):
    publish(session, newsroom["editor"], newsroom["approved"].id)
    published, approved = newsroom["published"], newsroom["approved"]
    _, text = public_get(client, "/fact-checks/")
    assert "2 fact checks" in text
    # newest first
    assert text.index(f"/fact-checks/{approved.id}-") < text.index(f"/fact-checks/{published.id}-")
    _, text = public_get(client, "/fact-checks/?q=PUTIN")
    assert f"/fact-checks/{published.id}-" in text and f"/fact-checks/{approved.id}-" not in text
    false = verdict(session, "False")
    _, text = public_get(client, f"/fact-checks/?verdict={false.id}")
    assert f"/fact-checks/{approved.id}-" in text and f"/fact-checks/{published.id}-" not in text
    _, text = public_get(client, "/fact-checks/?q=100%25")
    assert "No fact check matches" in text
    assert client.get("/fact-checks/?verdict=abc").status_code == 400
    assert client.get("/fact-checks/?page=0").status_code == 400
    assert client.get("/fact-checks/?q=" + "x" * 201).status_code == 400


def test_feed_and_sitemap(client, newsroom):
    claim = newsroom["published"]
    response = client.get("/fact-checks/feed.atom")
    assert response.mimetype == "application/atom+xml"
    text = response.get_data(as_text=True)
    assert '<feed xmlns="http://www.w3.org/2005/Atom">' in text
    assert f"{BASE}/fact-checks/{claim.id}-syria" in text
    assert "<title>Mostly true: Syria&#39;s foreign minister" in text
    response = client.get("/sitemap.xml")
    text = response.get_data(as_text=True)
    assert f"<loc>{BASE}/fact-checks/{claim.id}-syria" in text
    assert text.count("<url>") == 2  # the index and the one fact-check


def test_markup_in_claims_is_escaped(client, session, newsroom):
    claim = newsroom["published"]
    claim.claim_reviewed = 'Putin said "<script>alert(1)</script>" & more'
    session.flush()
    _, text = public_get(client, page_of(claim))
    assert "<script>alert(1)" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert text.lower().count("</script") == 1  # the JSON-LD block's own end
    assert session.scalar(select(func.count()).select_from(Publication)) == 1


def test_public_pages_need_no_account_but_desk_pages_do(client, newsroom):
    assert client.get("/fact-checks/").status_code == 200
    assert client.get("/claims").status_code == 303
    assert client.get(f"/articles/{newsroom['article'].id}/annotations.jsonld").status_code == 303


def test_organisation_is_not_a_placeholder(app):
    assert app.config["ORGANISATION_NAME"] != "factcheck newsroom"


def test_role_needed_for_desk_annotations(client, session, newsroom):
    viewer = make_user(session, Role.viewer)
    sign_in_as(client, viewer)
    response = client.get(f"/articles/{newsroom['article'].id}/annotations.jsonld")
    assert response.status_code == 200


def test_public_lists_run_a_fixed_number_of_queries(app, client, session, newsroom):
    def queries(url: str) -> int:
        with count_queries(app) as n:
            response = client.get(url)
        assert response.status_code == 200, url
        return n()

    urls = ("/fact-checks/", "/fact-checks/feed.atom", "/sitemap.xml")
    one = [queries(url) for url in urls]
    editor = newsroom["editor"]
    for claim in newsroom["claims"][3:8]:
        assess(session, editor, claim, expected_version=None, status=Status.approved,
               verdict=verdict(session, "False"), rationale="Checked.")  # fmt: skip
        publish(session, editor, claim.id)
    publish(session, editor, newsroom["approved"].id)
    session.commit()
    assert "7 fact checks" in client.get("/fact-checks/").get_data(as_text=True)
    assert [queries(url) for url in urls] == one


def test_public_page_reads_no_notes_history_or_assignee(app, client, newsroom):
    claim = newsroom["published"]
    with record_statements(app) as statements:
        response = client.get(page_of(claim), follow_redirects=True)
    assert response.status_code == 200
    sql = "\n".join(statements).lower()
    assert "from annotation" not in sql and "from audit_event" not in sql


def test_publishing_is_the_webhooks_published_event(session, newsroom):
    """publish() writes the history entry the webhooks read as claim.published."""
    from factcheck.webhooks.models import WebhookDelivery
    from factcheck.webhooks.operations import enqueue, register_webhook

    editor = newsroom["editor"]
    register_webhook(
        session, editor, "http://127.0.0.1:9/hook", ["claim.published"], allow_private=True
    )
    publish(session, editor, newsroom["approved"].id)
    assert enqueue(session) == 1
    delivery = session.scalar(select(WebhookDelivery))
    assert delivery.event == "claim.published"
    assert delivery.payload["claim"]["id"] == newsroom["approved"].id


def test_an_id_out_of_range_is_the_public_sites_404_signed_out(client):
    """No route matches an id outside 1..2^31-1: still the public site, not a sign-in."""
    for url in (
        "/fact-checks/0-x",
        "/fact-checks/99999999999999999999-x",
        "/fact-checks/-1-x",
        "/fact-checks/0",
        "/fact-checks/99999999999999999999.jsonld",
        "/fact-checks/nothing/here",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "No fact check at this address" in response.get_data(as_text=True), url
    assert client.get("/claims/0").status_code == 303  # the desk still asks to sign in
