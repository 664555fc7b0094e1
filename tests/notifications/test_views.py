"""The inbox page, marking read (CSRF, only your own), the settings on the account page, and the
top bar's unread count: one query on every page."""

from __future__ import annotations

import re

from factcheck.auth.models import Role
from factcheck.claims.operations import annotate, assign
from factcheck.notifications.models import Notification
from factcheck.notifications.queries import UNREAD_CAP
from tests.factories import make_claim, make_user
from tests.webclient import post, record_statements, sign_in_as


def text(response) -> str:
    return response.get_data(as_text=True)


def unread_badge(html: str) -> str | None:
    match = re.search(r'<span class="count unread-count">([^<]+)</span>', html)
    return match.group(1) if match else None


def test_a_mention_shows_in_the_inbox_and_the_top_bar(client, session):
    rita = make_user(session, Role.reviewer, "rita.reviewer@example.org")
    rob = make_user(session, Role.reviewer, "rob.reviewer@example.org")
    claim = make_claim(session)
    annotate(session, rita, claim, "@rob.reviewer can you find the <b>BLS</b> table?")
    session.commit()
    sign_in_as(client, rob)
    assert unread_badge(text(client.get("/"))) == "1"
    html = text(client.get("/inbox"))
    assert "mentioned you in a note on this claim" in html
    assert "can you find the &lt;b&gt;BLS&lt;/b&gt; table?" in html  # escaped
    assert f'href="/claims/{claim.id}#annotations"' in html
    assert claim.text in html and "New" in html
    sign_in_as(client, rita)
    assert unread_badge(text(client.get("/"))) is None  # nothing for the author


def test_marking_read_needs_the_form_and_touches_only_your_own(client, session):
    editor = make_user(session, Role.editor)
    rob = make_user(session, Role.reviewer)
    rita = make_user(session, Role.reviewer)
    claims = [make_claim(session, text=f"Exports rose {i} percent in 2024.") for i in range(3)]
    for claim in claims:
        assign(session, editor, claim, rob)
    assign(session, editor, claims[0], rita)
    session.commit()
    ids = [n.id for n in session.query(Notification).filter_by(user_id=rob.id)]
    ritas = session.query(Notification).filter_by(user_id=rita.id).one().id
    sign_in_as(client, rob)
    assert client.post(f"/inbox/{ids[0]}/read").status_code == 400  # no CSRF token
    assert post(client, f"/inbox/{ritas}/read").status_code == 404  # not his
    response = post(client, f"/inbox/{ids[0]}/read?show=unread")
    assert response.status_code == 303 and response.headers["Location"] == "/inbox?show=unread"
    assert unread_badge(text(client.get("/"))) == "2"
    unread = text(client.get("/inbox?show=unread"))
    assert unread.count('class="notice unread"') == 2
    assert post(client, "/inbox/read").status_code == 303
    assert unread_badge(text(client.get("/"))) is None
    assert "Nothing unread." in text(client.get("/inbox?show=unread"))
    assert client.get("/inbox?show=everything").status_code == 400
    sign_in_as(client, rita)
    assert unread_badge(text(client.get("/"))) == "1"  # Rob's marks left hers alone


def test_the_account_page_chooses_what_you_hear_of(client, session):
    rob = make_user(session, Role.reviewer, "rob@example.org")
    editor = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, rob)
    page = text(client.get("/account"))
    assert "@rob" in page
    assert page.count('type="checkbox"') == 4 and page.count("checked") == 4
    assert client.post("/account/notifications", data={"mention": "y"}).status_code == 400
    response = post(client, "/account/notifications", {"mention": "y", "approved": "y"})
    assert response.status_code == 303
    session.expire_all()
    assert (rob.notify_mention, rob.notify_assigned) == (True, False)
    assert (rob.notify_approved, rob.notify_reopened) == (True, False)
    assign(session, editor, make_claim(session), rob)
    session.commit()
    assert unread_badge(text(client.get("/"))) is None


def test_the_unread_count_is_one_query_on_every_page(app, client, session):
    rob = make_user(session, Role.reviewer)
    claim = make_claim(session)
    session.commit()
    sign_in_as(client, rob)
    pages = ["/", "/claims", "/articles", f"/claims/{claim.id}", "/sources", "/account", "/inbox"]

    def statements(url: str) -> list[str]:
        client.get(url)  # warm up
        with record_statements(app) as seen:
            assert client.get(url).status_code == 200, url
        return seen

    before = {url: statements(url) for url in pages}
    session.add_all(
        Notification(user_id=rob.id, kind="assigned", claim_id=claim.id, actor_label="test")
        for _ in range(UNREAD_CAP + 20)
    )
    session.commit()
    for url in pages:
        after = statements(url)
        assert len(after) == len(before[url]), url
        assert sum("FROM notification" in s and "read_at IS NULL" in s for s in after) == 1, url
    assert unread_badge(text(client.get("/"))) == f"{UNREAD_CAP}+"
