"""New article (paste or upload) and the article page with its claims highlighted in place."""

from __future__ import annotations

import io
import re

from sqlalchemy import select

from factcheck.articles.models import Article
from factcheck.auth.models import Role
from factcheck.claims.models import Status
from factcheck.claims.operations import assess
from factcheck.sources.models import Relation  # noqa: F401
from tests.factories import SEED, claims_of, make_article, make_user, verdict
from tests.webclient import csrf_token, post, sign_in_as

PASTED = (
    "Wheat exports rose 12 percent in 2024, the agriculture ministry said.\n\n"
    "The harvest was the largest since 1990, according to the state statistics office."
)


def test_paste_an_article_and_land_on_it(client, session):
    editor = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, editor)
    response = post(
        client,
        "/articles/new",
        {
            "text": PASTED,
            "format": "auto",
            "title": "Grain",
            "publisher": "Desk",
            "url": "https://example.org/grain",
        },
    )
    assert response.status_code == 303
    article = session.scalar(select(Article).where(Article.title == "Grain"))
    assert response.headers["Location"] == f"/articles/{article.id}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Article added with" in html
    assert (
        len(re.findall(r'<a class="hl st-unreviewed" id="claim-\d+"', html))
        == len(claims_of(article))
        > 0
    )


def test_upload_a_markdown_file(client, session):
    editor = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, editor)
    token = csrf_token(client, "/articles/new")
    response = client.post(
        "/articles/new",
        data={
            "csrf_token": token,
            "format": "auto",
            "file": (io.BytesIO(SEED.read_bytes()), "russia-syria.md"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The Rapprochement Between Russia and Syria" in html
    assert "printing Syria&#39;s national currency in Russia" in html


def test_new_article_errors_are_shown_at_the_field(client, session):
    editor = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, editor)
    response = post(client, "/articles/new", {"text": "", "format": "auto"})
    assert response.status_code == 400
    assert "Paste the text or upload a file" in response.get_data(as_text=True)
    response = post(
        client, "/articles/new", {"text": PASTED, "format": "auto", "url": "javascript:alert(1)"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "starting with http" in html and "Wheat exports rose 12 percent" in html  # kept
    token = csrf_token(client, "/articles/new")
    response = client.post(
        "/articles/new",
        data={"csrf_token": token, "file": (io.BytesIO(b"MZ\x90\x00"), "virus.exe")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Upload a .md, .txt or .html file." in response.get_data(as_text=True)


def test_article_page_colours_claims_by_status_and_links_them(client, session):
    result = make_article(session)
    claim = result.added[0]
    assess(
        session,
        "test",
        claim,
        expected_version=None,
        status=Status.reviewed,
        verdict=verdict(session, "True"),
    )
    viewer = make_user(session, Role.viewer)
    session.commit()
    sign_in_as(client, viewer)
    html = client.get(f"/articles/{result.article.id}").get_data(as_text=True)
    assert f'class="hl st-reviewed" id="claim-{claim.id}" href="/claims/{claim.id}?' in html
    assert "report.json" not in html  # report links are for editors
    assert client.get("/articles").status_code == 200
    assert client.get("/articles/999999").status_code == 404


def test_the_articles_page_searches_titles_and_texts(client, session):
    from tests.factories import make_text_article

    in_text = make_text_article(session, "Zanzibarian cloves sold well.", title="Spice markets")
    in_title = make_text_article(session, "Prices held.", title="Zanzibarian harbour reopens")
    other = make_text_article(session, "Nothing about islands.", title="Weather report")
    viewer = make_user(session, Role.viewer)
    session.commit()
    sign_in_as(client, viewer)
    html = client.get("/articles?q=zanzibarian").get_data(as_text=True)
    assert in_text.title in html and in_title.title in html
    assert other.title not in html
    assert 'value="zanzibarian"' in html
    html = client.get("/articles?q=zanzibarian+harbour").get_data(as_text=True)
    assert in_title.title in html and in_text.title not in html
    html = client.get("/articles?q=%22%20NEAR(").get_data(as_text=True)  # query syntax is text
    assert "No article has all these words." in html
    assert other.title in client.get("/articles").get_data(as_text=True)


def _revised_seed() -> str:
    """The seed article without its Reuters paragraph (claims there lose their text)."""
    text = SEED.read_text()
    start = text.index("At the end of August, Reuters")
    return text[:start] + text[text.index("continue to do so.") + 18 :]


def test_a_new_version_upload_on_the_article_page(client, session, app, monkeypatch):
    """Editors upload a new version of an article (CSRF, the upload limit); the page then says
    how many claims are no longer in the text and which were reviewed or approved."""
    result = make_article(session)
    article_id = result.article.id
    pounds = next(c for c in result.added if "Reuters reported" in c.text)
    assess(
        session,
        "test",
        pounds,
        expected_version=None,
        status=Status.approved,
        verdict=verdict(session, "True"),
        rationale="Confirmed by the central bank.",
    )
    reviewer, editor = make_user(session, Role.reviewer), make_user(session, Role.editor)
    session.commit()

    sign_in_as(client, reviewer)
    page = client.get(f"/articles/{article_id}").get_data(as_text=True)
    assert f"/articles/{article_id}/revise" not in page  # editors only
    assert client.get(f"/articles/{article_id}/revise").status_code == 403
    token = csrf_token(client, f"/articles/{article_id}")
    refused = client.post(
        f"/articles/{article_id}/revise",
        data={"csrf_token": token, "text": _revised_seed(), "format": "md"},
    )
    assert refused.status_code == 403

    sign_in_as(client, editor)
    form = client.get(f"/articles/{article_id}/revise")
    assert form.status_code == 200 and "New version of" in form.get_data(as_text=True)
    no_token = client.post(f"/articles/{article_id}/revise", data={"text": _revised_seed()})
    assert no_token.status_code == 400
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 5_000)
    too_big = client.post(
        f"/articles/{article_id}/revise",
        data={
            "csrf_token": csrf_token(client, f"/articles/{article_id}/revise"),
            "file": (io.BytesIO(b"Exports rose 3 percent. " * 400), "v2.txt"),
        },
        content_type="multipart/form-data",
    )
    assert too_big.status_code == 413 and "uploads are limited to" in too_big.get_data(as_text=True)
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 10_000_000)
    session.expire_all()
    assert session.get(Article, article_id).revision == 1  # nothing changed so far

    response = client.post(
        f"/articles/{article_id}/revise",
        data={
            "csrf_token": csrf_token(client, f"/articles/{article_id}/revise"),
            "format": "auto",
            "file": (io.BytesIO(_revised_seed().encode()), "russia-syria-v2.md"),
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 303
    assert response.headers["Location"] == f"/articles/{article_id}"
    html = client.get(f"/articles/{article_id}").get_data(as_text=True)
    session.expire_all()
    article = session.get(Article, article_id)
    orphaned = [c for c in claims_of(article) if c.orphaned]
    assert article.revision == 2 and pounds.id in {c.id for c in orphaned}
    assert f"{len(orphaned)} no longer in the text" in html  # the flash
    assert f"#{pounds.id} (approved)" in html
    assert f'No longer in the text <span class="count">{len(orphaned)}</span>' in html
    assert "approved is no longer in the text" in html or "approved are no longer" in html


def test_a_new_version_with_another_articles_url_is_refused_at_the_field(client, session):
    first = make_article(
        session, "# One\n\nRents rose 9 percent in 2023.", url="https://a.example/1"
    )
    make_article(session, "# Two\n\nFares rose 4 percent in 2024.", url="https://a.example/2")
    editor = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, editor)
    response = post(
        client,
        f"/articles/{first.article.id}/revise",
        {"text": "# One\n\nRents rose 9.5 percent in 2023.", "url": "https://a.example/2"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "this URL is article" in html and "Rents rose 9.5 percent" in html  # input kept
    session.expire_all()
    assert session.get(Article, first.article.id).revision == 1
    assert client.get("/articles/99999/revise").status_code == 404
