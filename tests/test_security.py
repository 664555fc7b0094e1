"""Security of the desk: sign-in required, CSRF, roles checked on every write, escaping, headers,
URL checks, upload limits, cookies, rate-limited sign-in."""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from factcheck.audit import AuditEvent
from factcheck.auth.models import Role, UserSession
from factcheck.auth.sessions import digest
from factcheck.claims.models import Annotation, Claim
from factcheck.sources.models import Evidence
from tests.factories import PASSWORD, make_article, make_claim, make_user
from tests.webclient import csrf_token, post, sign_in_as

PAGES = [
    "/",
    "/claims",
    "/claims/{claim}",
    "/articles",
    "/articles/{article}",
    "/sources",
    "/articles/new",
    "/verdicts",
    "/users",
]


@pytest.fixture
def claim(session):
    claim = make_claim(session)
    session.commit()
    return claim


def writes(claim):
    """Every write endpoint with a form that would be valid for a permitted user."""
    return [
        (
            f"/claims/{claim.id}/assess",
            {"version": claim.version, "status": "in_review", "verdict": "", "rationale": "x"},
        ),
        (f"/claims/{claim.id}/evidence", {"url": "https://example.org/a", "relation": "supports"}),
        (f"/claims/{claim.id}/annotations", {"body": "a note"}),
        (f"/claims/{claim.id}/assign", {"assignee": "none"}),
        (f"/claims/{claim.id}/dismiss", {"version": claim.version, "reason": "opinion"}),
        ("/claims/bulk", {"ids": [claim.id], "dismiss": "y", "reason": "not_a_claim"}),
        (f"/articles/{claim.article_id}/kind", {"kind": "news"}),
        (
            "/articles/new",
            {"text": "The GDP grew 4 percent in 2020, the minister said.", "format": "txt"},
        ),
        ("/verdicts", {"label": "Pants on fire", "value": "1", "colour": "#ff0000"}),
        ("/users", {"email": "new@example.org", "role": "admin", "password": "x" * 12}),
    ]


def snapshot(session):
    """What writes would change, counted."""
    session.expire_all()
    return (
        session.scalar(select(func.count(AuditEvent.id))),
        session.scalar(select(func.count(Evidence.id))),
        session.scalar(select(func.count(Annotation.id))),
        session.scalar(select(func.count(Claim.id))),
        tuple(session.execute(select(Claim.status, Claim.version, Claim.rationale)).all()),
    )


def test_anonymous_visitors_are_sent_to_sign_in(client, claim):
    for page in PAGES:
        url = page.format(claim=claim.id, article=claim.article_id)
        response = client.get(url)
        assert response.status_code == 303, url
        assert response.headers["Location"].startswith("/login?next=")


def test_anonymous_posts_change_nothing(client, session, claim):
    before = snapshot(session)
    for url, data in writes(claim):
        response = post(client, url, data, page="/login")
        assert response.status_code == 303 and "/login" in response.headers["Location"], url
    assert snapshot(session) == before


def test_every_post_needs_a_csrf_token(client, session, claim):
    admin = make_user(session, Role.admin)
    session.commit()
    sign_in_as(client, admin)
    before = snapshot(session)
    for url, data in writes(claim):
        response = client.post(url, data=data)
        assert response.status_code == 400, url
        assert "CSRF" in response.get_data(as_text=True)
        response = client.post(url, data={**data, "csrf_token": "forged"})
        assert response.status_code == 400, url
    assert client.post("/logout").status_code == 400
    assert snapshot(session) == before


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.viewer, set()),
        (Role.reviewer, {"assess", "evidence", "annotations", "dismiss", "kind"}),
        (
            Role.editor,
            {"assess", "evidence", "annotations", "dismiss", "kind"}
            | {"assign", "bulk", "new", "verdicts"},
        ),
    ],
)
def test_roles_are_checked_on_every_write(client, session, claim, role, allowed):
    user = make_user(session, role)
    session.commit()
    sign_in_as(client, user)
    for url, data in writes(claim):
        name = url.rstrip("/").split("/")[-1]
        if name in allowed:
            continue
        before = snapshot(session)
        response = post(client, url, data)
        assert response.status_code == 403, (role, url)
        assert snapshot(session) == before, (role, url)


def test_a_viewer_sees_no_write_forms(client, session, claim):
    viewer = make_user(session, Role.viewer)
    session.commit()
    sign_in_as(client, viewer)
    html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert 'id="assess-form"' not in html
    assert "Add a source" not in html


def test_article_and_annotation_markup_is_shown_as_text(client, session):
    hostile = (
        "Officials said <script>alert('x')</script> that 40 percent of voters "
        "<img src=x onerror=alert(1)> backed the plan in 2021."
    )
    result = make_article(session, hostile, fmt="txt", title="<b onmouseover=alert(1)>Title</b>")
    reviewer = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, reviewer)
    article_html = client.get(f"/articles/{result.article.id}").get_data(as_text=True)
    assert "<script>alert" not in article_html
    assert "<img src=x" not in article_html
    assert "<b onmouseover" not in article_html
    assert "&lt;script&gt;" in article_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in article_html
    claim = (
        result.added[0]
        if result.added
        else make_claim(session, result.article, "backed the plan in 2021.")
    )
    session.commit()
    response = post(
        client,
        f"/claims/{claim.id}/annotations",
        {"body": '<script>alert(2)</script><img src=x onerror="alert(3)">'},
    )
    assert response.status_code == 303
    claim_html = client.get(f"/claims/{claim.id}").get_data(as_text=True)
    assert "<script>alert(2)" not in claim_html and "<img src=x onerror" not in claim_html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in claim_html
    for page in ("/", "/claims", f"/claims/{claim.id}", f"/articles/{result.article.id}"):
        html = client.get(page).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), page  # no inline script
        assert not re.search(r"\sstyle=", html), page  # no inline styles (CSP style-src 'self')


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>x</script>",
        "file:///etc/passwd",
        "ftp://example.org/a",
        "//example.org/a",
        "example.org",
    ],
)
def test_source_urls_other_than_http_are_refused_at_the_field(client, session, claim, url):
    reviewer = make_user(session, Role.reviewer)
    session.commit()
    sign_in_as(client, reviewer)
    response = post(
        client,
        f"/claims/{claim.id}/evidence",
        {"url": url, "relation": "supports", "title": "kept title"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(
        r'<p class="error" id="url-error">Enter a web address starting with http', html
    )
    assert 'value="kept title"' in html  # the input is kept
    assert session.scalar(select(func.count(Evidence.id)).where(Evidence.claim_id == claim.id)) == 0


def test_uploads_past_the_limit_get_a_clear_message(client, session, app, monkeypatch):
    editor = make_user(session, Role.editor)
    session.commit()
    sign_in_as(client, editor)
    token = csrf_token(client, "/articles/new")
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 50_000)
    big = io.BytesIO(b"The economy grew 3 percent. " * 4000)
    response = client.post(
        "/articles/new",
        data={"csrf_token": token, "file": (big, "big.txt")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "The file is too large: uploads are limited to 48 KB." in response.get_data(as_text=True)


def test_security_headers(client, session):
    for url in ("/login", "/static/app.css"):
        response = client.get(url)
        csp = response.headers["Content-Security-Policy"]
        script_src = re.search(r"script-src ([^;]+)", csp).group(1)
        assert script_src.strip() == "'self'"
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"]
        response.close()


def test_session_cookie_flags_and_a_fresh_session_at_sign_in(client, session):
    user = make_user(session, Role.reviewer)
    session.commit()
    with client.session_transaction() as cookie_session:
        cookie_session["planted"] = "by an attacker"
    token = csrf_token(client, "/login")
    response = client.post(
        "/login", data={"csrf_token": token, "email": user.email, "password": PASSWORD}
    )
    assert response.status_code == 303
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http in tests
    with client.session_transaction() as cookie_session:
        assert set(cookie_session) <= {"sid", "csrf_token", "_flashes"}  # nothing but the token
        token = cookie_session["sid"]
    row = session.get(UserSession, digest(token))
    assert row is not None and row.user_id == user.id
    # the CSRF token of the anonymous session is not valid in the signed-in one
    response = client.post("/claims/bulk", data={"csrf_token": token})
    assert response.status_code == 400


def test_cookies_are_secure_over_https(client, session):
    response = client.get("/login", base_url="https://localhost")
    cookies = response.headers.getlist("Set-Cookie")
    assert cookies and all("Secure" in c for c in cookies)


def test_strict_transport_security_when_served_over_https(client, session, app, monkeypatch):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    response = client.get("/login", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)  # FACTCHECK_SECURE_COOKIES=1
    assert "Strict-Transport-Security" in client.get("/login").headers


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html", "pdf", "claimreview"])
def test_report_downloads_are_not_stored_by_caches(client, session, fmt):
    editor = make_user(session, Role.editor)
    article = make_article(session).article
    session.commit()
    sign_in_as(client, editor)
    response = client.get(f"/articles/{article.id}/report.{fmt}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


def test_a_pdf_without_pango_says_what_to_install(client, session, monkeypatch):
    import sys

    editor = make_user(session, Role.editor)
    article = make_article(session).article
    session.commit()
    sign_in_as(client, editor)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # as if it could not be imported
    response = client.get(f"/articles/{article.id}/report.pdf")
    assert response.status_code == 503
    assert "libpango-1.0-0" in response.get_data(as_text=True)
