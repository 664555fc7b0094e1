"""Every page of the desk, as each role and signed out, passes axe-core (no critical or serious
violation) and fits a 390 px phone; a mention travels from a note to an inbox.

Screenshots of each page, on a laptop and on a phone, go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.browser.conftest import USERS
from tests.browser.pagecheck import check_page
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

ROLES = ("viewer", "reviewer", "editor", "admin")
RANK = {role: i for i, role in enumerate(ROLES)}


@dataclass(frozen=True)
class Desk:
    """The ids of the things the pages show, in the states worth looking at."""

    article: int
    open_claim: int  # in review, assigned, with a note that mentions a reviewer
    approved_claim: int  # locked
    dismissed_claim: int
    source: int
    unresolved_source: int


def claim_id(url: str) -> int:
    return int(re.search(r"/claims/(\d+)", url).group(1))


def assess(page, status: str, verdict: str | None = None, rationale: str | None = None):
    from playwright.sync_api import expect

    page.get_by_label("Status").select_option(status)
    if verdict:
        page.get_by_label("Verdict").select_option(label=verdict)
    if rationale:
        page.get_by_label("Rationale").fill(rationale)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved.")).to_be_visible()


def dismiss(page, reason: str, note: str | None = None):
    from playwright.sync_api import expect

    page.get_by_text("Not a claim to check? Say why").click()
    page.locator("#dismiss").get_by_label(reason, exact=True).check()
    if note:
        page.get_by_label("In a few words").fill(note)
    page.get_by_role("button", name="Dismiss", exact=True).click()
    expect(page.get_by_text("Dismissed.")).to_be_visible()


@pytest.fixture(scope="module")
def desk(browser, live_server) -> Desk:
    """Claims in every state the pages show, made through the pages by an editor and a
    reviewer: the last three claims of the seed article (the other browser tests work on the
    first ones)."""
    from playwright.sync_api import expect

    from tests.browser.conftest import sign_in

    context = browser.new_context(base_url=live_server)
    try:
        editor = context.new_page()
        sign_in(editor, "editor")
        editor.goto("/articles")
        editor.get_by_role("link", name="The Rapprochement Between Russia and Syria").click()
        article = int(re.search(r"/articles/(\d+)", editor.url).group(1))
        links = editor.locator(".claim-index a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())][-3:]
        open_claim, approved, dismissed = (claim_id(h) for h in hrefs)

        editor.goto(f"/claims/{approved}")
        assess(editor, "approved", "Half true", "The aid is Russian; the town is in Quneitra.")
        editor.goto(f"/claims/{dismissed}")
        dismiss(editor, "other", "a reader's letter, quoted for colour")
        expect(editor.locator(".dismissal")).to_contain_text("other")
        editor.goto(f"/claims/{open_claim}")
        assess(editor, "in_review", rationale="Looking for the ministry's own figures.")
        editor.get_by_label("Assignee").select_option(label=USERS["reviewer"][1])
        editor.get_by_role("button", name="Assign").click()
        expect(editor.get_by_text("Assigned to Rita Reviewer.")).to_be_visible()

        editor.goto("/sources")
        unresolved = editor.locator("tr", has=editor.locator(".flag")).first.locator("a")
        unresolved_source = int(unresolved.get_attribute("href").rsplit("/", 1)[1])
        # a completed citation: the page's address and title, never the linked words
        editor.goto(f"/claims/{open_claim}")
        form = editor.locator(".ev.unresolved form").first
        if form.count():
            form.get_by_label("Address of the cited page").fill(
                "https://www.reuters.com/world/middle-east/syria-russia-aid"
            )
            form.get_by_label("Its title").fill("Russian aid reaches Quneitra")
            form.get_by_role("button", name="Complete the citation").click()
            expect(editor.get_by_text("Citation completed.")).to_be_visible()
            expect(editor.locator("#sources")).to_contain_text("Russian aid reaches Quneitra")
        source = editor.locator("#sources a.domain").first
        if not source.count():
            editor.get_by_text("Add a source").click()
            editor.get_by_label("URL", exact=True).fill("https://www.tass.com/world/aid")
            editor.get_by_role("button", name="Add source").click()
            source = editor.locator("#sources a.domain").first
        source_id = int(source.get_attribute("href").rsplit("/", 1)[1])
        return Desk(article, open_claim, approved, dismissed, source_id, unresolved_source)
    finally:
        context.close()


def pages(desk: Desk) -> list[tuple[str, str, str]]:
    """(name, address, the least role that may open it) of every page of the desk."""
    return [
        ("dashboard", "/", "viewer"),
        ("queue", "/claims", "viewer"),
        ("queue-filtered", "/claims?status=open&sort=oldest&min_cw=0.2&q=Syria", "viewer"),
        ("queue-dismissed", "/claims?status=dismissed", "viewer"),
        ("queue-empty", "/claims?q=zzzzqqq", "viewer"),
        ("claim", f"/claims/{desk.open_claim}?sort=article&article={desk.article}", "viewer"),
        ("claim-approved", f"/claims/{desk.approved_claim}", "viewer"),
        ("claim-dismissed", f"/claims/{desk.dismissed_claim}", "viewer"),
        ("articles", "/articles", "viewer"),
        ("article", f"/articles/{desk.article}", "viewer"),
        ("sources", "/sources", "viewer"),
        ("source", f"/sources/{desk.source}", "viewer"),
        ("source-unresolved", f"/sources/{desk.unresolved_source}", "viewer"),
        ("inbox", "/inbox", "viewer"),
        ("inbox-unread", "/inbox?show=unread", "viewer"),
        ("account", "/account", "viewer"),
        ("new-article", "/articles/new", "editor"),
        ("verdicts", "/verdicts", "editor"),
        ("users", "/users", "admin"),
        ("not-found", "/claims/2147483647", "viewer"),
        ("method-not-allowed", "/logout", "viewer"),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_page_as(role, new_page, desk):
    from playwright.sync_api import expect

    page = new_page(role)
    forbidden_seen = False
    for name, path, least in pages(desk):
        response = page.goto(path)
        allowed = RANK[role] >= RANK[least]
        if not allowed:
            assert response.status == 403, (role, path)
            if forbidden_seen:
                continue  # one 403 page per role is enough
            forbidden_seen, name = True, "forbidden"
        elif name == "not-found":
            assert response.status == 404
        elif name == "method-not-allowed":
            assert response.status == 405
            expect(page.locator("h1")).to_have_text("Not a page to open")
        else:
            assert response.status == 200, (role, path, response.status)
        expect(page.locator("h1")).to_have_count(1)
        check_page(page, f"{role}-{name}")

    # the menus and the overlay, open
    page.goto(f"/articles/{desk.article}")
    if role in ("editor", "admin"):
        page.get_by_text("Report ▾").click()
        check_page(page, f"{role}-article-report-menu" if role == "editor" else None)
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    check_page(page)


def test_signed_out_pages(new_page):
    from playwright.sync_api import expect

    page = new_page()
    page.goto("/claims?status=open")
    page.wait_for_url(re.compile(r"/login\?next="))
    expect(page.locator('input[name="next"]')).to_be_hidden()
    check_page(page, "anonymous-login")
    page.get_by_label("Email").fill(USERS["viewer"][0])
    page.get_by_label("Password").fill("not the password at all")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("Wrong email or password.")).to_be_visible()
    check_page(page, "anonymous-login-error")
    assert page.goto("/reset/" + "x" * 43).status == 404
    check_page(page, "anonymous-reset-link-not-valid")


def test_a_disabled_account_hears_so_only_with_its_password(new_page):
    from playwright.sync_api import expect

    admin = new_page("admin")
    admin.goto("/users")
    email = USERS["viewer"][0]
    admin.get_by_label(f"{email} active").uncheck()
    admin.locator("tr", has_text=email).get_by_role("button", name="Save").click()
    expect(admin.get_by_text(f"{email}: viewer, disabled.")).to_be_visible()
    admin.goto("/")
    expect(admin.locator(".activity")).to_contain_text("disabled the account of Vera Viewer")
    try:
        page = new_page()
        page.goto("/login")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill("not the password at all")
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("Wrong email or password.")).to_be_visible()
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text("This account is disabled.")).to_be_visible()
    finally:
        admin.goto("/users")
        admin.get_by_label(f"{email} active").check()
        admin.locator("tr", has_text=email).get_by_role("button", name="Save").click()
        expect(admin.get_by_text(f"{email}: viewer, active.")).to_be_visible()


def test_a_mention_arrives_in_the_inbox(new_page, desk):
    from playwright.sync_api import expect

    rob = new_page("reviewer2")
    rob.goto(f"/claims/{desk.open_claim}")
    rob.get_by_label("Note").fill("@rita.reviewer the ministry's figures are in the annex.")
    rob.get_by_role("button", name="Add note").click()
    expect(rob.get_by_text("Note added.")).to_be_visible()
    expect(rob.get_by_text("Mentioned: Rita Reviewer.")).to_be_visible()

    rita = new_page("reviewer")
    inbox = rita.get_by_role("link", name=re.compile(r"^Inbox \d+ unread$"))
    expect(inbox).to_be_visible()
    unread = int(inbox.locator(".unread-count").inner_text())
    inbox.click()
    mention = rita.locator(".notice.unread", has_text="mentioned you in a note").first
    expect(mention).to_contain_text("Rob Reviewer")
    expect(mention).to_contain_text("the ministry's figures are in the annex.")
    check_page(rita, "reviewer-inbox-mention")
    mention.get_by_role("button", name=re.compile("^Mark read")).click()
    if unread > 1:
        expect(rita.locator(".unread-count")).to_have_text(str(unread - 1))
        rita.get_by_role("button", name="Mark all read").click()
    expect(rita.locator(".unread-count")).to_have_count(0)
    rita.locator(".notice", has_text="mentioned you in a note").first.get_by_role("link").click()
    expect(rita.locator("#annotations")).to_contain_text("the ministry's figures")


def test_the_conflict_page(new_page, desk):
    """Two reviewers change the same field of one claim: the second gets the 409 page."""
    first, second = new_page("reviewer"), new_page("reviewer2")
    for page in (first, second):
        page.goto(f"/claims/{desk.dismissed_claim}")
    first.get_by_label("Rationale").fill("Rita: an opinion, not a claim.")
    first.get_by_role("button", name="Save", exact=True).click()
    second.get_by_label("Rationale").fill("Rob: a prediction.")
    with second.expect_response(lambda r: r.request.method == "POST") as response:
        second.get_by_role("button", name="Save", exact=True).click()
    assert response.value.status == 409
    check_page(second, "reviewer-claim-conflict")
