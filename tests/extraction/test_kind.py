"""The kind of piece, read only where the page says so."""

from __future__ import annotations

import pytest

from factcheck.extraction.documents import parse_document
from factcheck.extraction.kind import kind_from_text
from tests.factories import SEED

STORY = "<p>" + "The council approved the budget of 4 million euros on Monday night. " * 3 + "</p>"


def page(head: str = "", body: str = STORY) -> str:
    head = f"<head><title>A story</title>{head}</head>"
    return f"<html>{head}<body><article>{body}</article></body></html>"


def test_the_seed_article_says_it_is_an_opinion_piece():
    doc = parse_document(SEED.read_text(), "md")
    assert doc.kind == "opinion"


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        ('<meta property="article:section" content="Opinion">', "opinion"),
        ('<meta property="article:section" content="Analysis">', "analysis"),
        ('<script type="application/ld+json">{"@type": "OpinionNewsArticle"}</script>', "opinion"),
        (
            '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
            '{"@type": "NewsArticle", "genre": "Interview"}]}</script>',
            "interview",
        ),
        ('<script type="application/ld+json">{"@type": "ReportageNewsArticle"}</script>', "news"),
        # says nothing, or nothing it is sure of: no kind
        ('<script type="application/ld+json">{"@type": "NewsArticle"}</script>', None),
        ('<meta property="article:section" content="World">', None),
        ('<meta property="article:section" content="Opinion and news">', None),
        ('<script type="application/ld+json">{not json</script>', None),
        (
            '<meta property="article:section" content="Opinion">'
            '<script type="application/ld+json">{"@type": "AnalysisNewsArticle"}</script>',
            None,
        ),
        ("", None),
    ],
)
def test_an_html_page_declares_its_kind(head, kind):
    assert parse_document(page(head), "html").kind == kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Opinion\n\nTaxes are too high.", "opinion"),
        ("FOR IMMEDIATE RELEASE\n\nAcme Corp announces a merger.", "press_release"),
        ("Q: Why?\n\nThis interview has been edited for length and clarity.", "interview"),
        ("The minister said opinion polls were wrong.", None),
        ("The council met.\n\nAnalysis of the vote follows in a later piece, opinion aside.", None),
    ],
)
def test_the_text_declares_its_kind(text, kind):
    assert kind_from_text(text) == kind
