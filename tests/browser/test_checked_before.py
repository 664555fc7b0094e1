"""The fact-check memory's pages in a browser: a claim's "Checked before" (a reviewer links an
earlier fact-check, another marks one "not the same claim"), the queue's filter and the "Has
this been checked?" page; every one passes the page checks (axe-core, 390 px)."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.pagecheck import check_page

pytestmark = pytest.mark.browser

SEED_CLAIM = "Israel's intervention in Syria is now on a greater scale"
REVIEWS = [
    (
        "https://checks.example/israel-syria",
        "Israel now intervenes in Syria on a bigger scale than any other country.",
        "Mostly true",
    ),
    (
        "https://checks.example/dorian",
        "Hurricane Dorian washed up bricks of cocaine on Florida's beaches.",
        "False",
    ),
]


@pytest.fixture(scope="module")
def library(live_server, live_database_url):
    """Two published fact-checks imported into the live server's database and matched."""
    from factcheck import models  # noqa: F401
    from factcheck.claimreview.operations import import_claimreview
    from factcheck.db import Database
    from factcheck.memory import index
    from factcheck.memory.operations import match_batch

    document = [
        {
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": claim,
            "datePublished": "2025-06-01",
            "author": {"@type": "Organization", "name": "Example Checks"},
            "reviewRating": {"@type": "Rating", "alternateName": rating},
        }
        for url, claim, rating in REVIEWS
    ]
    database = Database(live_database_url)
    session = database.session(writes=True)
    try:
        import_claimreview(session, "test", json.dumps(document), origin="browser test")
        after = 0
        while (result := match_batch(session, after)).last_id is not None:
            after = result.last_id
        session.commit()
    finally:
        session.close()
        database.engine.dispose()
    index.forget()  # the live server runs in this process: it loads the new library


def test_checked_before_on_a_claim_page(new_page, library):
    from playwright.sync_api import expect

    page = new_page("reviewer")
    page.goto("/claims?checked=yes")
    check_page(page, "reviewer-queue-checked-before")
    page.get_by_role("link", name=re.compile(re.escape(SEED_CLAIM[:40]))).first.click()
    section = page.locator("#checked-before")
    expect(section).to_contain_text("Israel now intervenes in Syria")
    expect(section).to_contain_text("Example Checks")
    check_page(page, "reviewer-claim-checked-before")

    section.get_by_role("button", name="Link as a source").first.click()
    expect(page.get_by_text("linked as a source that adds context")).to_be_visible()
    expect(page.locator("#sources")).to_contain_text("checks.example")
    expect(page.get_by_label("Verdict", exact=True)).to_have_value(
        re.compile(r"\d+")
    )  # the suggestion
    assert (
        page.get_by_label("Verdict", exact=True).locator("option:checked").inner_text()
        == "Mostly true"
    )

    page.goto(page.url.split("?")[0])
    page.locator("#checked-before").get_by_role("button", name="Not the same claim").click()
    expect(page.get_by_text("Marked as not the same claim")).to_be_visible()
    expect(page.locator("#checked-before")).to_contain_text("Nothing found")
    check_page(page, "reviewer-claim-nothing-found")


def test_has_this_been_checked(new_page, library):
    from playwright.sync_api import expect

    page = new_page("viewer")
    page.goto("/")
    page.get_by_role("link", name="Checked?").click()
    expect(page.locator("h1")).to_have_text("Has this been checked?")
    check_page(page, "viewer-check")
    box = page.get_by_label("A claim, in any words")
    box.fill("After Dorian, cocaine bricks are washing up in Florida")
    page.get_by_role("button", name="Look it up").click()
    expect(page.locator(".earlier-check")).to_contain_text("bricks of cocaine")
    check_page(page, "viewer-check-found")
    box.fill("The town council will meet on Tuesday evening.")
    page.get_by_role("button", name="Look it up").click()
    expect(page.get_by_text("Nothing found")).to_be_visible()
    check_page(page, "viewer-check-nothing-found")
