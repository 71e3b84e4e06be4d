"""A real browser against the real dashboard: ``streamlit run app.py`` on a free port, driven by Chromium.

The server is started once per test process and stopped at the end; the fixture waits for Streamlit's
health endpoint, so a test starts only when the app can answer. Chromium is Debian's
(``/usr/bin/chromium``, fonts from ``fonts-noto-cjk``): the network is closed, so Playwright cannot
download its own. Every test leaves a screenshot in ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM_ARGS, ROOT, running_app

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
UPDATE_MS = 20_000  # how long a test waits for the numbers to update after an input changes


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "e2e" in item.path.parts:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory):
    with running_app(tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (scripts/test.sh does, as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, request: pytest.FixtureRequest):
    """A fresh browser tab (desktop size, Chinese locale); a screenshot of it is kept after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(UPDATE_MS)
    yield tab
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
    finally:
        context.close()


def wait_for_app(tab) -> None:
    """Streamlit has finished the script run: the running indicator is gone and the page has content."""
    tab.wait_for_selector('[data-testid="stApp"]')
    tab.wait_for_selector('[data-testid="stMainBlockContainer"] >> text=/./')
    tab.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.match(/Running|运行/)"
    )
