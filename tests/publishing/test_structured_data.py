"""What search engines read: extruct finds exactly one ClaimReview on each fact-check page, with
every field Google's fact-check guidelines ask for."""

from __future__ import annotations

import json

import extruct
from sqlalchemy import select

from factcheck.publishing.models import Publication
from factcheck.publishing.operations import correct, publish
from tests.publishing.conftest import ARTICLE_URL, BASE


def claimreviews(html: str, url: str) -> list[dict]:
    data = extruct.extract(
        html, base_url=url, syntaxes=["json-ld", "microdata", "rdfa", "opengraph"], uniform=True
    )
    found = []
    for syntax in ("json-ld", "microdata", "rdfa"):
        for node in data.get(syntax, []):
            for item in node.get("@graph", [node]):
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(str(k).endswith("ClaimReview") for k in kinds):
                    found.append(item)
    return found


def test_each_page_carries_one_complete_claimreview(client, session, newsroom):
    publish(session, newsroom["editor"], newsroom["approved"].id)
    correct(session, newsroom["editor"], newsroom["published"].id, "The date was wrong.")
    session.commit()
    publications = session.scalars(select(Publication).order_by(Publication.claim_id)).all()
    assert len(publications) == 2
    for publication in publications:
        claim = session.get(type(newsroom["published"]), publication.claim_id)
        url = f"{BASE}/fact-checks/{claim.id}-{publication.slug}"
        response = client.get(f"/fact-checks/{claim.id}-{publication.slug}")
        assert response.status_code == 200
        found = claimreviews(response.get_data(as_text=True), url)
        assert len(found) == 1, found
        review = found[0]
        assert review["url"] == url
        assert review["claimReviewed"] == claim.reviewed_text
        rating = review["reviewRating"]
        assert rating["@type"] == "Rating"
        assert rating["alternateName"] == claim.verdict.label
        assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (
            claim.verdict.value,
            5,
            1,
        )
        assert review["author"] == {
            "@type": "Organization",
            "name": "Harbour Fact Check",
            "url": "https://harbour.example.org/about",
        }
        assert review["datePublished"] == publication.published_at.date().isoformat()
        item = review["itemReviewed"]
        assert item["@type"] == "Claim"
        kind = "Organization" if claim.claimant_kind == "outlet" else "Person"
        assert item["author"] == {"@type": kind, "name": claim.claimant}
        assert item["datePublished"] == "2025-09-22"  # the article's date
        assert item["appearance"] == [{"@type": "CreativeWork", "url": ARTICLE_URL}]
        if publication.corrected_at:
            assert review["dateModified"] == publication.corrected_at.date().isoformat()
        else:
            assert "dateModified" not in review


def test_export_snippet_and_page_carry_the_same_claimreview(app, client, session, newsroom):
    """One builder: the `claimreview` export, the embed snippet and the page agree."""
    claim = newsroom["published"]
    slug = session.get(Publication, claim.id).slug
    url = f"{BASE}/fact-checks/{claim.id}-{slug}"
    page = client.get(f"/fact-checks/{claim.id}-{slug}").get_data(as_text=True)
    [on_page] = claimreviews(page, url)
    runner = app.test_cli_runner()
    exported = {}
    for fmt in ("claimreview", "claimreview-html"):
        result = runner.invoke(
            args=["export", str(newsroom["article"].id), "--format", fmt], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        exported[fmt] = result.stdout
    document = json.loads(exported["claimreview"])
    items = document.get("@graph", [document])
    by_url = {item.get("url"): item for item in items}
    # the other approved claim is not published: it has no url, and never the desk's address
    assert len(items) == 2 and None in by_url and "/claims/" not in exported["claimreview"]
    in_export = {k: v for k, v in by_url[url].items() if k != "@context"}
    assert in_export == {k: v for k, v in on_page.items() if k != "@context"}
    snippet = f"<html><head>{exported['claimreview-html']}</head></html>"
    [in_snippet] = [item for item in claimreviews(snippet, url) if item.get("url") == url]
    assert {k: v for k, v in in_snippet.items() if k != "@context"} == in_export
