"""The reviewer's desk in a real browser: the whole life of one claim, and a stale save."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

# The claim about Syria's currency printed in Russia (the seed article says it twice: printing
# ended in spring; Reuters reported in August that it would go on).
CURRENCY = re.compile(r"printing (Syria's national currency|its pounds) in Russia")


def open_currency_claim(page):
    page.goto("/articles")
    page.get_by_role("link", name="The Rapprochement Between Russia and Syria").click()
    page.locator("a.hl", has_text=CURRENCY).first.click()
    page.wait_for_url(re.compile(r"/claims/\d+"))
    return page.url


def test_sign_in_is_required_and_works(new_page):
    page = new_page()
    page.goto("/claims")
    page.wait_for_url(re.compile(r"/login\?next="))
    screenshot(page, "01-login")
    page.get_by_label("Email").fill("rita.reviewer@example.org")
    page.get_by_label("Password").fill("wrong password here")
    page.get_by_role("button", name="Sign in").click()
    expect_text(page, "Wrong email or password.")
    sign_in(page, "reviewer")
    expect_text(page, "Rita Reviewer")


def expect_text(page, text):
    from playwright.sync_api import expect

    expect(page.get_by_text(text).first).to_be_visible()


def test_a_claim_from_article_to_approval(new_page):
    from playwright.sync_api import expect

    page = new_page("reviewer")
    screenshot(page, "02-dashboard")
    claim_url = open_currency_claim(page)
    expect(page.locator("blockquote.context mark")).to_contain_text(CURRENCY)
    expect(page.locator(".ev.unresolved").first).to_contain_text("Unresolved citation")

    # add a source
    page.get_by_text("Add a source").click()
    page.get_by_label("URL", exact=True).fill(
        "https://www.reuters.com/world/middle-east/syria-currency-russia"
    )
    page.get_by_label("Title", exact=True).fill("Syria to keep printing its currency in Russia")
    page.get_by_label("refutes").check()
    page.get_by_label("Quoted passage").fill("Syria will continue to print its pounds in Russia.")
    page.get_by_role("button", name="Add source").click()
    expect(page.get_by_text("Source added.")).to_be_visible()
    expect(page.locator("#sources")).to_contain_text("Syria to keep printing its currency")

    # a verdict with a rationale, saved with the keyboard
    page.keyboard.press("e")
    page.get_by_label("Status").select_option("reviewed")
    page.get_by_label("Verdict").select_option(label="Misleading")
    page.get_by_label("Rationale").fill(
        "Printing ended in spring, but Reuters reported in August that Syria reversed course."
    )
    page.keyboard.press("Control+Enter")
    expect(page.get_by_text("Saved.")).to_be_visible()

    # annotate
    page.get_by_label("Note").fill("Check the Reuters piece against <script>alert(1)</script>.")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("Note added.")).to_be_visible()
    expect(page.locator("#annotations")).to_contain_text("<script>alert(1)</script>")

    history = page.locator("#history")
    for action in ("added a source", "assessed it", "wrote a note"):
        expect(history).to_contain_text(action)
    expect(history).to_contain_text("Misleading")
    expect(history).to_contain_text("Rita Reviewer")
    screenshot(page, "04-claim")

    # an editor approves it
    editor = new_page("editor")
    editor.goto(claim_url)
    editor.get_by_label("Status").select_option("approved")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.get_by_text("Saved.")).to_be_visible()
    expect(editor.locator(".claim-head .badge")).to_have_text("approved")
    expect(editor.locator("#history")).to_contain_text("Eddie Editor")
    expect(editor.locator("#history")).to_contain_text("approved")

    editor.goto("/articles")
    editor.get_by_role("link", name="The Rapprochement Between Russia and Syria").click()
    expect(editor.locator("a.hl.st-approved", has_text=CURRENCY).first).to_be_visible()
    screenshot(editor, "03-article")


def test_a_stale_form_gets_the_conflict_page(new_page):
    from playwright.sync_api import expect

    first = new_page("reviewer")
    first.goto("/claims?sort=oldest")
    first.locator("a.claimlink").filter(has_not_text=CURRENCY).first.click()
    claim_url = first.url
    second = new_page("reviewer2")
    second.goto(claim_url)

    first.get_by_label("Status").select_option("in_review")
    first.get_by_label("Rationale").fill("Rita: looking for the Reuters report.")
    first.get_by_role("button", name="Save", exact=True).click()
    expect(first.get_by_text("Saved.")).to_be_visible()

    second.get_by_label("Rationale").fill("Rob: the report is from August 29.")
    with second.expect_response(lambda r: r.request.method == "POST") as response:
        second.get_by_role("button", name="Save", exact=True).click()
    assert response.value.status == 409
    conflict = second.locator(".conflict")
    expect(conflict).to_contain_text("Someone saved this claim")
    expect(conflict.locator(".theirs")).to_contain_text(
        ["in review", "—", "Rita: looking for the Reuters report."]
    )
    expect(conflict.locator(".yours").last).to_have_text("Rob: the report is from August 29.")
    expect(second.get_by_label("Rationale")).to_have_value("Rob: the report is from August 29.")
    # Rob did not touch the status: the form now carries Rita's
    expect(second.get_by_label("Status")).to_have_value("in_review")
    screenshot(second, "05-conflict")

    # merging and saving again is accepted
    second.get_by_label("Rationale").fill(
        "Rita: looking for the Reuters report.\nRob: the report is from August 29."
    )
    second.get_by_role("button", name="Save", exact=True).click()
    expect(second.get_by_text("Saved.")).to_be_visible()


def test_queue_keyboard_and_other_pages(new_page):
    from playwright.sync_api import expect

    page = new_page("editor")
    page.goto("/claims")
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    expect(page.locator("tr.selected")).to_have_count(1)
    expect(page.locator("tbody tr").first).to_have_class(re.compile("selected"))
    screenshot(page, "06-queue")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/claims/\d+"))
    here = page.url
    page.keyboard.press(page.locator("a[data-key]").first.get_attribute("data-key"))
    page.wait_for_url(lambda url: url != here)
    page.keyboard.press("/")
    expect(page.locator("#topsearch")).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    page.keyboard.press("Escape")
    page.goto("/sources")
    screenshot(page, "07-sources")
    page.goto("/articles/new")
    screenshot(page, "08-new-article")
    page.goto("/verdicts")
    screenshot(page, "09-verdicts")
