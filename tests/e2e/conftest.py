"""A real browser against the real dashboard: ``streamlit run app.py`` on a free port, driven by Chromium.

The server is started once per test process and stopped at the end; the fixture waits for Streamlit's
health endpoint, so a test starts only when the app can answer. Chromium is Debian's
(``/usr/bin/chromium``, fonts from ``fonts-noto-cjk``): the network is closed, so Playwright cannot
download its own. Every test leaves a screenshot in ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.server import CHROMIUM_ARGS, ROOT, running_app

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
UPDATE_MS = 20_000  # how long a test waits for the numbers to update after an input changes
SETTLE_MS = 150  # how long an idle app must stay idle before a test reads it


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


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@contextlib.contextmanager
def visitor(
    browser,
    url: str,
    *,
    phone: bool = False,
    viewport: dict | None = None,
    locale: str | None = "zh-CN",
    screenshot: str | None = None,
) -> Iterator:
    """A new visitor's tab (a browser context of its own: no session, no cookie) opened on ``url`` and
    waited for; ``phone``: 390×844 with touch; ``screenshot``: the file the whole page is kept in afterwards,
    also when the test fails (that is when it is needed most)."""
    options: dict = {"viewport": PHONE if phone else viewport or DESKTOP, "is_mobile": phone, "has_touch": phone}
    if locale:
        options["locale"] = locale
    context = browser.new_context(**options)
    tab = context.new_page()
    try:
        tab.set_default_timeout(UPDATE_MS)
        tab.goto(url)
        wait_for_app(tab)
        yield tab
    finally:
        try:
            if screenshot:
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                tab.screenshot(path=str(SCREENSHOTS / screenshot), full_page=True)
        finally:
            context.close()


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


IDLE = (
    "() => { const app = document.querySelector('[data-testid=\"stApp\"]');"
    " return app && app.dataset.testConnectionState === 'CONNECTED'"
    " && app.dataset.testScriptState === 'notRunning'; }"
)


def wait_for_app(tab) -> None:
    """Streamlit has finished the script run and the page has content.

    A widget change reaches the server a moment after the browser event, so an idle app seen at once may
    be the state *before* the rerun: the app must be seen idle twice, a short while apart.
    """
    tab.wait_for_selector('[data-testid="stMainBlockContainer"] >> text=/./')
    for _ in range(2):
        tab.wait_for_function(IDLE)
        tab.wait_for_timeout(SETTLE_MS)
    tab.wait_for_function(IDLE)


def set_slider(tab, slider, value: int, step: int = 1) -> None:
    """Move a slider to ``value`` with the keyboard, as a user would, until the app has settled on it.

    A rerun that lands between key presses can re-render the slider from the server's value, so the
    keys are pressed again from wherever the slider then stands.
    """
    for _ in range(5):
        now = int(float(slider.input_value()))
        if now == value:
            wait_for_app(tab)
            if int(float(slider.input_value())) == value:
                return
            continue
        slider.focus()
        for _ in range(abs(value - now) // step):
            slider.press("ArrowRight" if value > now else "ArrowLeft")
        wait_for_app(tab)
    raise AssertionError(f"slider stays at {slider.input_value()}, not {value}")
