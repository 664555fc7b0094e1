"""Every sample article parses, yields claims with exact offsets, and keeps its clutter out."""

from datetime import date
from pathlib import Path

import pytest

from factcheck.extraction import extract_article, format_for_filename, parse_document

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
WIKINEWS_MD = sorted((ARTICLES / "wikinews").glob("*.md"))
HTML = sorted((ARTICLES / "wikinews-html").glob("*.html"))
ALL = [ARTICLES / "moscow-times-2025-09-22-russia-syria.md", *WIKINEWS_MD, *HTML]


def _extract(path: Path):
    return extract_article(path.read_bytes(), format_for_filename(path.name))


def test_fixtures_present():
    assert len(ALL) == 17
    assert len(HTML) == 3


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_article_parses_with_exact_offsets(path):
    article = _extract(path)
    doc = article.document
    assert doc.title
    assert article.claims, "every sample article has at least one check-worthy claim"
    for link in doc.links + doc.sources:
        assert doc.text[link.start : link.end] == link.text
        assert link.url is None or link.url.startswith(("http://", "https://"))
    for s, e in doc.excluded:
        assert 0 <= s < e <= len(doc.text)
    for claim in article.claims:
        assert doc.text[claim.start : claim.end] == claim.text
        assert claim.prefix == doc.text[max(0, claim.start - 32) : claim.start]
        assert claim.suffix == doc.text[claim.end : claim.end + 32]
        if claim.is_caption:  # a photo caption: excluded from the story, still a claim
            assert any(s <= claim.start and claim.end <= e for s, e in doc.caption_spans)
        else:
            assert not any(s < claim.end and claim.start < e for s, e in doc.excluded)
        for junk in ("{publish}}", "{{", "Sources", "](", "**"):
            assert junk not in claim.text
        if claim.date_start or claim.date_end:
            assert claim.date_start <= claim.date_end


@pytest.mark.parametrize("path", ALL, ids=lambda p: p.name)
def test_no_encyclopedia_citations(path):
    for claim in _extract(path).claims:
        for citation in claim.citations:
            assert "wikipedia.org" not in (citation.url or "")
            assert "wikinews.org" not in (citation.url or "")


@pytest.mark.parametrize("path", WIKINEWS_MD, ids=lambda p: p.name)
def test_wikinews_sources_list(path):
    doc = _extract(path).document
    has_list = "## Sources\n\n- [" in path.read_text(encoding="utf-8")
    if has_list:
        assert doc.sources
        for source in doc.sources:
            assert source.url and source.url.startswith("http")
    assert "{publish}}" not in doc.text
    assert "{{byline" not in doc.text.lower()


def test_sources_of_kmart_story():
    doc = _extract(ARTICLES / "wikinews" / "024-kmart-to-buy-sears-for-us-11-billion.md").document
    assert [s.text for s in doc.sources] == [
        "Kmart Acquires Sears in $11 Billion Deal",
        "Top News Article",
        "Sears and Kmart to merge",
        "Retail giants merge in $11bn deal",
        "Kmart, Sears to merge in $11B deal",
    ]
    assert doc.sources[1].url == (
        "http://www.reuters.com/newsArticle.jhtml?type=topNews&storyID=6842124"
    )
    assert doc.published == date(2004, 11, 17)


@pytest.mark.parametrize("path", HTML, ids=lambda p: p.name)
def test_html_page_story_without_clutter(path):
    article = _extract(path)
    doc = article.document
    md = _extract(ARTICLES / "wikinews" / (path.stem + ".md")).document
    assert doc.title == md.title
    assert doc.published == md.published
    assert doc.published is not None
    assert doc.url and doc.url.startswith("https://news.example.org/")
    assert doc.publisher == "Example News"
    for clutter in ("cookies", "Accept all", "Most read", "Subscribe", "All rights reserved",
                    "Stocks fell", "Contact us", "Privacy policy", "dataLayer"):  # fmt: skip
        assert clutter not in doc.text
    assert doc.sources
    # the HTML page and the markdown version give the same claims
    assert [c.text for c in article.claims] == [
        c.text for c in _extract(ARTICLES / "wikinews" / (path.stem + ".md")).claims
    ]


def test_wikipedia_links_are_links_but_not_citations():
    path = ARTICLES / "wikinews" / "000-president-of-china-lunches-with-brazilian-president.md"
    article = _extract(path)
    assert any("wikipedia.org" in (link.url or "") for link in article.document.links)
    assert all(not c.citations for c in article.claims)


def test_month_only_dateline():
    path = (
        ARTICLES
        / "wikinews"
        / ("064-south-american-community-of-nations-announced-at-third-south.md")
    )
    article = _extract(path)
    doc = article.document
    assert doc.published == date(2004, 12, 1)
    assert doc.published_precision == "month"
    assert "right|300px|" not in doc.text
    summit = [c for c in article.claims if "on 8 December" in c.text]
    if summit:
        assert summit[0].date_start == date(2004, 12, 8)


def test_plain_text_document():
    text = (
        "Town council approves budget\n\n"
        "By Jane Doe\n\n"
        "March 3, 2024\n\n"
        "The council approved a budget of $4.5 million on Monday, the mayor said.\n"
        "It is 12% larger than last year's budget.\n\n"
        "Sources:\n\n"
        "- https://example.org/budget\n"
    )
    doc = parse_document(text, "txt")
    assert doc.title == "Town council approves budget"
    assert doc.author == "Jane Doe"
    assert doc.published == date(2024, 3, 3)
    assert doc.text.startswith("The council approved a budget of $4.5 million on Monday")
    assert [s.url for s in doc.sources] == ["https://example.org/budget"]
