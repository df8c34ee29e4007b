"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, plus axe-core.

Browser tests use pytest-django's ``live_server``; Playwright's sync API runs an event
loop in the test thread, so Django's async-safety guard is relaxed for these tests only.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed: run `make system-deps` (Debian package chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under var/screenshots/NAME.png and return its path.

    Headless Chromium now and then refuses a capture ("Unable to capture screenshot", seen
    in CI on a 917-px page) when no frame is ready; it is asked again after the next frame,
    at most three times, and a fourth refusal fails the test."""
    from playwright.sync_api import Error

    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        for _ in range(3):
            try:
                page.screenshot(path=str(path), full_page=True)
                return path
            except Error as refused:
                if "Unable to capture screenshot" not in str(refused):
                    raise
                page.evaluate("() => new Promise(requestAnimationFrame)")
                page.wait_for_timeout(250)
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def assert_accessible(page):
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the current page; fail on any violation."""
    from axe_playwright_python.sync_playwright import Axe

    def check(context: str = "") -> None:
        results = Axe().run(
            page,
            options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
        )
        violations = results.response["violations"]
        summary = "\n".join(
            f"- {v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}"
            for v in violations
        )
        assert not violations, f"axe-core violations on {context or page.url}:\n{summary}"

    return check


@pytest.fixture
def login(page, live_server):
    """Log a user in through the real login form."""

    def as_user(username: str, password: str) -> None:
        page.goto(f"{live_server.url}/account/inloggen/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form:has(#id_username) button[type=submit]")

    return as_user
