"""Every route with hostile values in its address, its query and its form: a 4xx with a message,
never a server error (on SQLite and on PostgreSQL)."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from factcheck.api.models import Scope
from factcheck.api.tokens import create_token
from factcheck.auth.models import Role
from factcheck.claims.operations import annotate, assign
from factcheck.notifications.queries import inbox as admin_inbox
from factcheck.sources.operations import attach_source
from factcheck.webhooks.operations import register_webhook
from tests.factories import claims_of, make_article, make_user
from tests.webclient import csrf_token, sign_in_as

BAD_IDS = ["0", "2147483648", "9223372036854775807", "99999999999999999999999", "00", "-1"]
BAD_STRINGS = ["x\x00y", "a" * 3000, "..", "%ff%fe", "\u202e", "NEAR(", '"', "*"]
BAD_VALUES = [
    "x\x00y",
    "2147483648",
    "9223372036854775807",
    "-1",
    "nan",
    '"',
    "NEAR(a b*",
    "%ff",
    "\u0661",  # ARABIC-INDIC DIGIT ONE: a digit to str.isdigit, not to SQL
    "x" * 5000,
]
# Every query parameter a page reads.
PARAMETERS = [
    "q",
    "status",
    "verdict",
    "article",
    "assignee",
    "claimant",
    "min_cw",
    "sort",
    "page",
    "next",
    "all",
    "download",
    "show",
    "checked",
    "suggest",
]


@pytest.fixture
def desk(client, session):
    """An admin signed in, and one of each thing a route can point at."""
    admin = make_user(session, Role.admin)
    article = make_article(session).article
    claim = claims_of(article)[0]
    note = annotate(session, admin, claim, "a note")
    evidence = attach_source(session, admin, claim, url=None, anchor_text="a citation")
    assign(session, make_user(session, Role.editor), claim, admin)  # a notification for admin
    [notification] = admin_inbox(session, admin.id).items
    token, _secret = create_token(session, admin, admin, name="routes", scope=Scope.write)
    hook = register_webhook(
        session, admin, "http://127.0.0.1:9/hook", ["claim.approved"], allow_private=True
    )
    session.commit()
    sign_in_as(client, admin)
    return {
        "claim_id": claim.id,
        "article_id": article.id,
        "source_id": evidence.source_id,
        "evidence_id": evidence.id,
        "note_id": note.id,
        "notification_id": notification.id,
        "user_id": admin.id,
        "token_id": token.id,
        "hook_id": hook.id,
        "verdict_id": 1,
        "match_id": claim.id,
        "fmt": "json",
        "slug": "a-fact-check",
        "token": "x" * 43,
        "admin": admin,
    }


def rules(app):
    return [r for r in app.url_map.iter_rules() if r.endpoint != "static"]


def is_id(rule, name: str) -> bool:
    return f"<int:{name}>" in rule.rule


def build(rule, values: dict) -> str:
    path = rule.rule
    for name in rule.arguments:
        path = path.replace(f"<int:{name}>", str(values[name])).replace(
            f"<{name}>", quote(str(values[name]), safe="%")
        )
    return path


def no_server_error(response, what) -> None:
    assert response.status_code < 500, (what, response.status_code)


def test_every_route_with_hostile_ids_and_names(app, client, desk):
    token = csrf_token(client, "/")
    for rule in rules(app):
        for name in rule.arguments:
            bad = BAD_IDS if is_id(rule, name) else BAD_STRINGS
            for value in bad:
                url = build(rule, {**desk, name: value})
                for method in rule.methods - {"HEAD", "OPTIONS"}:
                    data = {"csrf_token": token} if method == "POST" else None
                    response = client.open(url, method=method, data=data)
                    no_server_error(response, (method, url))
                    if is_id(rule, name):
                        assert response.status_code == 404, (method, url)


def test_every_page_with_hostile_query_parameters(app, client, desk):
    for rule in rules(app):
        if "GET" not in rule.methods:
            continue
        url = build(rule, desk)
        for parameter in PARAMETERS:
            for value in BAD_VALUES:
                response = client.get(url, query_string={parameter: value})
                no_server_error(response, (url, parameter, value[:20]))
    # NUL and control characters are refused with a message that names the parameter
    response = client.get("/claims", query_string={"q": "x\x00y"})
    assert response.status_code == 400
    assert "holds a control character" in response.get_data(as_text=True)


def test_every_form_with_hostile_values(app, client, desk):
    token = csrf_token(client, "/")
    fields = ["status", "verdict", "rationale", "url", "relation", "body", "parent_id", "ids"]
    fields += ["assignee", "label", "value", "colour", "email", "role", "password", "text"]
    fields += ["version", "current", "confirm", "format", "title", "quote", "resolved", "next"]
    fields += ["mention", "assigned", "approved", "reopened", "events"]
    for rule in rules(app):
        if "POST" not in rule.methods:
            continue
        url = build(rule, desk)
        for value in ("x\x00y", "2147483648", "-1", "nan", "x" * 30000):
            data = {"csrf_token": token, **dict.fromkeys(fields, value)}
            response = client.post(url, data=data)
            no_server_error(response, (url, value[:20]))
            if "\x00" in value:
                assert response.status_code == 400, url
        if client.get("/").status_code != 200:  # that was /logout
            sign_in_as(client, desk["admin"])
        token = csrf_token(client, "/")  # some forms renew the session (and its token)


def test_error_pages_say_what_happened_in_words(client, desk):
    page = client.get("/logout")  # a form's address, opened as a page
    html = page.get_data(as_text=True)
    assert page.status_code == 405 and "Not a page to open" in html
    assert "The method is not allowed" not in html  # Werkzeug's stock text
    missing = client.get("/claims/2147483647")
    assert missing.status_code == 404 and "<h1>Not found</h1>" in missing.get_data(as_text=True)
