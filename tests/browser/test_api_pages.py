"""The API's pages in a browser: making a token on the account page (the secret shown once, the
list of tokens) and the API's documentation pass axe-core and fit a 390 px phone."""

from __future__ import annotations

import re

import pytest

from tests.browser.pagecheck import check_page

pytestmark = pytest.mark.browser


def test_make_and_revoke_a_token_on_the_account_page(new_page):
    from playwright.sync_api import expect

    page = new_page("reviewer")
    page.goto("/account")
    page.get_by_label("What it is for").fill("Newsroom spreadsheet")
    page.get_by_label("Access").select_option("read")
    page.get_by_label("Expires after (days)").fill("90")
    page.get_by_role("button", name="Make a token").click()
    secret = page.locator("code.secret")
    expect(secret).to_have_text(re.compile(r"^fct_\S{40,}$"))
    check_page(page, "reviewer-account-new-token")
    page.goto("/account")
    expect(page.locator("code.secret")).to_have_count(0)
    row = page.locator("tr", has_text="Newsroom spreadsheet")
    expect(row).to_contain_text("read only")
    row.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("revoked: it opens nothing from now on")).to_be_visible()
    check_page(page, "reviewer-account-token-revoked")


def test_the_api_documentation_page(new_page):
    from playwright.sync_api import expect

    page = new_page()
    response = page.goto("/api/v1/docs")
    assert response.status == 200
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_text("PATCH /api/v1/claims/{claim_id}")).to_be_visible()
    check_page(page, "anonymous-api-docs")
