"""Publishing in a real browser: an editor approves a claim and publishes it from the claim
page; signed out, the public list and the fact-check page pass axe-core, fit a 390 px phone and
carry the ClaimReview. Screenshots: public-index*.png, public-fact-check*.png."""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.pagecheck import check_page
from tests.browser.test_desk import expect_text

pytestmark = pytest.mark.browser

LAVROV = re.compile(r"Lavrov said that Moscow and Damascus would review old agreements")


@pytest.fixture(scope="module")
def published(browser, live_server) -> str:
    """The claim page's address, once an editor approved and published it through the pages."""
    from tests.browser.conftest import sign_in
    from tests.browser.test_every_page import assess

    context = browser.new_context(base_url=live_server)
    try:
        editor = context.new_page()
        sign_in(editor, "editor")
        editor.goto("/articles")
        editor.get_by_role("link", name="The Rapprochement Between Russia and Syria").click()
        editor.locator("a.hl", has_text=LAVROV).first.click()
        editor.wait_for_url(re.compile(r"/claims/\d+"))
        assess(
            editor,
            "approved",
            "Mostly true",
            "The Russian foreign ministry's readout of the meeting says the two sides agreed "
            "to review the agreements signed under the former government.\n\n"
            "It names no agreement and no date, so how far the review will go is not known.",
        )
        editor.get_by_role("button", name="Publish", exact=True).click()
        expect_text(editor, "Published: the fact-check is on the public site.")
        check_page(editor, "public-claim-panel")
        return editor.url.split("?")[0]
    finally:
        context.close()


def test_public_pages_signed_out(new_page, published):
    page = new_page()  # nobody signed in
    page.goto("/fact-checks/")
    expect_text(page, "Fact checks")
    check_page(page, "public-index")
    page.locator(".check-claim a").first.click()
    page.wait_for_url(re.compile(r"/fact-checks/\d+-[a-z0-9-]+$"))
    expect_text(page, "Our verdict")
    check_page(page, "public-fact-check")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "ClaimReview"
    assert data["url"].endswith(page.url.split("/fact-checks/")[1])
    assert data["reviewRating"]["alternateName"] == "Mostly true"
    # the desk stays shut
    page.goto(published)
    page.wait_for_url(re.compile(r"/login"))


def test_unknown_and_withdrawn_addresses_read_well(new_page, published):
    page = new_page()
    response = page.goto("/fact-checks/999999-nothing-here")
    assert response.status == 404
    expect_text(page, "No fact check at this address")
    check_page(page)
    editor = new_page("editor")
    editor.goto(published)
    editor.get_by_role("button", name="Unpublish").click()
    expect_text(editor, "Unpublished")
    claim_id = re.search(r"/claims/(\d+)", published)[1]
    response = page.goto(f"/fact-checks/{claim_id}")
    assert response.status == 410
    expect_text(page, "This fact check was withdrawn")
    check_page(page, "public-withdrawn")
    editor.get_by_role("button", name="Publish again").click()
    expect_text(editor, "Published: the fact-check is on the public site.")
    assert page.goto(f"/fact-checks/{claim_id}").status == 200
