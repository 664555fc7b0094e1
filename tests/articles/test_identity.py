"""Which article a text is: its canonical URL, or the article the user names; never a title."""

import pytest
from sqlalchemy import func, select

from factcheck.articles.models import Article
from factcheck.articles.operations import IngestError, ingest
from factcheck.audit import AuditEvent
from factcheck.auth.models import Role
from factcheck.claims.models import Claim, Status
from factcheck.claims.operations import assess
from tests.factories import claims_of, make_user, verdict

STORIES = {
    "https://www.dailycourier.example/news/2024/03/11/bridge-closure": """
        <p>The Harbour Bridge will close for 14 months from April, the city council said on
        Monday, after inspectors found corrosion in 230 of its 1,100 steel cables.</p>
        <p>Council leader Mara Lindqvist said repairs would cost 48 million euros, twice the
        figure given in the 2022 budget.</p>
        <p>About 61,000 vehicles cross the bridge every day, according to the transport
        department, which said buses would be diverted through the tunnel.</p>
        <p>Engineers warned in 2019 that the cables had a remaining life of ten years.</p>""",
    "https://www.dailycourier.example/news/2024/03/12/hospital-strike": """
        <p>Nurses at St Anne's Hospital voted by 87 percent to strike next month, the union
        said on Tuesday, in a dispute over staffing levels.</p>
        <p>The hospital has 212 vacant nursing posts, up from 140 a year ago, according to
        figures released by the health board.</p>
        <p>Health minister Tomas Okafor said the government had already funded 3,000 new
        training places since 2021.</p>
        <p>The last strike at the hospital, in 2016, lasted four days.</p>""",
}


def breaking_news(url: str) -> str:
    """A real-looking news page whose headline is only "BREAKING NEWS"."""
    return f"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>BREAKING NEWS - Daily Courier</title>
<meta property="og:site_name" content="Daily Courier">
<meta property="og:title" content="BREAKING NEWS">
<link rel="canonical" href="{url}">
<meta name="author" content="Courier staff">
<meta property="article:published_time" content="2024-03-11T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>BREAKING NEWS</h1>{STORIES[url]}</article>
<footer>Daily Courier, 1 Quay Street</footer>
</body></html>"""


def _reviewed(session, claims, status=Status.reviewed):
    reviewer = make_user(session, Role.reviewer)
    editor = make_user(session, Role.editor)
    for claim in claims:
        assess(
            session,
            reviewer,
            claim,
            expected_version=claim.version,
            status=Status.reviewed,
            verdict=verdict(session, "False"),
            rationale="The council's figure differs.",
        )
        if status == Status.approved:
            assess(session, editor, claim, expected_version=claim.version, status=status)


def test_two_breaking_news_pages_of_one_publisher_are_two_articles(session):
    bridge, hospital = STORIES
    first = ingest(session, "test", breaking_news(bridge), "html")
    _reviewed(session, claims_of(first.article)[:2])
    second = ingest(session, "test", breaking_news(hospital), "html")

    assert first.article.title == second.article.title == "BREAKING NEWS"
    assert first.article.publisher == second.article.publisher == "Daily Courier"
    assert second.created and second.article.id != first.article.id
    assert second.orphaned == 0
    session.expire_all()
    kept = session.get(Article, first.article.id)
    assert "Harbour Bridge" in kept.text and kept.revision == 1
    assert claims_of(first.article) and not any(c.orphaned for c in claims_of(kept))
    assert kept.normalized_url == "https://dailycourier.example/news/2024/03/11/bridge-closure"


def test_the_same_canonical_url_written_differently_is_the_same_article(session):
    bridge = next(iter(STORIES))
    first = ingest(session, "test", breaking_news(bridge), "html")
    again = ingest(
        session,
        "test",
        breaking_news(bridge).replace("230 of its", "240 of its"),
        "html",
        url="http://dailycourier.example/news/2024/03/11/bridge-closure/?utm_source=feed",
    )
    assert again.article.id == first.article.id and not again.created
    assert again.article.revision == 2


def test_without_url_the_same_title_and_publisher_make_no_identity(session):
    one = ingest(
        session,
        "test",
        "# IN BRIEF:\n\nThe port handled 4.2 million containers in 2023.",
        "md",
        publisher="Courier",
    )
    two = ingest(
        session,
        "test",
        "# IN BRIEF:\n\nRail fares rose 5.9 percent in March.",
        "md",
        publisher="Courier",
    )
    assert one.article.title == two.article.title == "IN BRIEF:"
    assert two.created and two.article.id != one.article.id
    assert "containers" in session.get(Article, one.article.id).text


def test_without_url_the_same_text_again_is_unchanged(session):
    text = "# IN BRIEF:\n\nThe port handled 4.2 million containers in 2023."
    one = ingest(session, "test", text, "md", publisher="Courier")
    again = ingest(session, "test", text, "md", publisher="Courier")
    assert again.article.id == one.article.id and again.unchanged


def test_a_named_article_takes_a_new_version_and_says_which_reviewed_claims_it_orphaned(session):
    bridge = next(iter(STORIES))
    first = ingest(session, "test", breaking_news(bridge), "html")
    claims = sorted(claims_of(first.article), key=lambda c: c.start)
    cables = next(c for c in claims if "cables" in c.text and "230" in c.text)
    cost = next(c for c in claims if "48 million" in c.text)
    _reviewed(session, [cables], Status.approved)
    _reviewed(session, [cost])
    # A corrected text, pasted without its URL: the user names the article it revises.
    corrected = (
        "# BREAKING NEWS\n\nThe Harbour Bridge will close for 14 months from April, the city "
        "council said on Monday.\n\nAbout 61,000 vehicles cross the bridge every day, according "
        "to the transport department.\n"
    )
    result = ingest(session, "test", corrected, "md", revise=first.article.id)

    assert result.article.id == first.article.id and result.article.revision == 2
    assert result.orphaned >= 2
    assert sorted(result.orphaned_reviewed) == sorted(
        [(cables.id, "approved"), (cost.id, "reviewed")]
    )
    session.expire_all()
    article = session.get(Article, first.article.id)
    assert article.url == bridge  # a version without URL keeps the article's
    assert session.get(Claim, cables.id).orphaned and session.get(Claim, cables.id).verdict
    revise = session.scalars(
        select(AuditEvent).where(AuditEvent.action == "revise", AuditEvent.entity_id == article.id)
    ).one()
    assert revise.after["revision"] == 2


def test_a_version_with_another_articles_url_is_refused(session):
    bridge, hospital = STORIES
    first = ingest(session, "test", breaking_news(bridge), "html")
    second = ingest(session, "test", breaking_news(hospital), "html")
    before = session.scalar(select(func.count(Claim.id)))
    with pytest.raises(IngestError, match=f"article {second.article.id}'s"):
        ingest(session, "test", breaking_news(hospital), "html", revise=first.article.id)
    with pytest.raises(IngestError, match="no article 99999"):
        ingest(session, "test", "# X\n\nRents rose 9 percent in 2023.", "md", revise=99999)
    session.expire_all()
    assert session.get(Article, first.article.id).revision == 1
    assert session.scalar(select(func.count(Claim.id))) == before


def test_a_named_article_may_take_a_new_url(session):
    first = ingest(
        session, "test", "# Rents\n\nRents rose 9 percent in 2023, the agency said.", "md"
    )
    moved = "https://courier.example/rents-2023"
    result = ingest(
        session,
        "test",
        "# Rents\n\nRents rose 9.2 percent in 2023, the agency said.",
        "md",
        url=moved,
        revise=first.article.id,
    )
    assert result.article.id == first.article.id and result.article.url == moved
    again = ingest(
        session,
        "test",
        "# Rents\n\nRents rose 9.2 percent in 2023, the agency said.",
        "md",
        url=moved + "/",
    )
    assert again.article.id == first.article.id and again.unchanged
