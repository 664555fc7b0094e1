"""A live server on a fresh SQLite file and Debian's Chromium driven by Playwright.

The server runs the real app in a background thread (werkzeug), seeded with the Moscow Times
article and one account per role. Screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tests.factories import PASSWORD, SEED

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
USERS = {
    "viewer": ("vera.viewer@example.org", "Vera Viewer"),
    "reviewer": ("rita.reviewer@example.org", "Rita Reviewer"),
    "reviewer2": ("rob.reviewer@example.org", "Rob Reviewer"),
    "editor": ("eddie.editor@example.org", "Eddie Editor"),
    "admin": ("ada.admin@example.org", "Ada Admin"),
}


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives a real browser (Chromium via Playwright)")


@pytest.fixture(scope="session")
def live_database_url(tmp_path_factory) -> str:
    """The live server's database (a SQLite file), for tests that add to it directly."""
    return "sqlite:///" + str(tmp_path_factory.mktemp("browser") / "desk.db")


@pytest.fixture(scope="session")
def live_server(tmp_path_factory, live_database_url):
    from werkzeug.serving import make_server

    from factcheck import create_app
    from factcheck.articles.operations import ingest
    from factcheck.auth.models import Role
    from factcheck.auth.operations import add_user
    from factcheck.db import get_database, get_session
    from factcheck.migrate import upgrade

    folder = tmp_path_factory.mktemp("browser")
    os.environ.setdefault("FACTCHECK_INSTANCE_PATH", str(folder / "instance"))
    url = live_database_url
    upgrade(url)
    app = create_app(
        {
            "DATABASE_URL": url,
            "SECRET_KEY": "browser-tests",
            "ORGANISATION_NAME": "Harbour Fact Check",
            "ORGANISATION_URL": "https://harbour-factcheck.example.org/about",
        }
    )
    with app.app_context():
        session = get_session()
        for key, (email, name) in USERS.items():
            role = Role(key.rstrip("2"))
            add_user(session, "test", email, role, PASSWORD, name=name)
        ingest(session, "test", SEED.read_bytes(), "md")
        session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        get_database(app).engine.dispose()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open a fresh browser session (its own cookies) signed in as `role`."""
    contexts = []

    def open_as(role: str | None = None):
        context = browser.new_context(viewport={"width": 1440, "height": 900}, base_url=live_server)
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        if role is not None:
            sign_in(page, role)
        return page

    yield open_as
    for context in contexts:
        context.close()


def sign_in(page, role: str) -> None:
    page.goto("/login")
    page.get_by_label("Email").fill(USERS[role][0])
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/")


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
