"""A briefing and a training session in a real Chromium: slide mode, the working in the page's language,
a shared what-if, and printing.

Expected names and figures come from the examples file and the engine, never from the page itself.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from calculator.examples import run_examples
from tests.e2e.conftest import SCREENSHOTS, wait_for_app

expect.set_options(timeout=20_000)  # a loaded machine takes longer than the default 5 s to rerun a page
RUNS = run_examples()
SCREENS = [(1280, 720), (1920, 1080)]
ENGLISH_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
#: Latin words the Chinese page may show: key names on the slide bar, ¥ figures' none
ALLOWED_LATIN = {"PageDown", "PageUp", "Esc", "CSV", "PDF"}  # keys and file formats, named so in Chinese too


def screen_tab(browser, width: int, height: int):
    context = browser.new_context(viewport={"width": width, "height": height}, locale="zh-CN")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    return context, tab


def open_slide(tab, url: str) -> None:
    tab.goto(url)
    wait_for_app(tab)
    tab.locator(".stPlotlyChart .main-svg >> visible=true").first.wait_for()


def overflow(tab) -> int:
    """How far the page scrolls vertically (0 when everything fits the window)."""
    return tab.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return Math.max(m.scrollHeight - m.clientHeight, document.documentElement.scrollHeight - innerHeight); }"
    )


def heading(tab) -> str:
    return tab.locator('[data-testid="stMainBlockContainer"] h2').first.inner_text()


def latin_words(text: str) -> set[str]:
    return {word for word in ENGLISH_WORD.findall(text)} - ALLOWED_LATIN


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_every_example_fits_one_screen_in_slide_mode(browser, app_url, width, height):
    context, tab = screen_tab(browser, width, height)
    try:
        # every example in both languages (English words run longer)
        for language, suffix in (("zh", ""), ("en", "&lang=en")):
            for run in RUNS:
                open_slide(tab, f"{app_url}/examples?ex={run.example.id}&present=1{suffix}")
                name = run.example.name.in_lang(language)
                expect(tab.locator('[data-testid="stMainBlockContainer"] h2').first).to_contain_text(name[:6])
                assert overflow(tab) <= 1, (run.example.id, language, overflow(tab))
                expect(tab.locator('[data-testid="stSidebar"]')).to_be_hidden()
                expect(tab.locator(".slide-table")).to_be_visible()
                # the printed figure and ours side by side: every checked field's row is in the table
                assert tab.locator(".slide-table tbody tr").count() == len(run.checks)
                assert not tab.locator('[role="dialog"]').count()
                # no toolbar on the slide's chart: an image comes from the page, whose chart names the case
                assert not tab.locator(".stPlotlyChart .modebar-btn >> visible=true").count()
                # big type: the table and the body text at the stated sizes (20 px, 30 px on the large screen)
                table_px = tab.evaluate(
                    "() => parseFloat(getComputedStyle(document.querySelector('.slide-table')).fontSize)"
                )
                assert table_px == (30 if width >= 1900 else 20)
                tab.screenshot(path=str(SCREENSHOTS / f"slide_{run.example.id}_{language}_{width}x{height}.png"))
    finally:
        context.close()


@pytest.mark.parametrize(("width", "height"), SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_clicker_keys_step_through_and_a_reload_keeps_the_slide(browser, app_url, width, height):
    context, tab = screen_tab(browser, width, height)
    names = [run.example.name.zh for run in RUNS]
    try:
        open_slide(tab, f"{app_url}/examples")
        tab.get_by_text("演示模式").click()  # the toggle on the ordinary page
        expect(tab.locator(".st-key-ex-next")).to_be_visible()
        tab.wait_for_function("() => typeof window.__slideKeys === 'function'")  # the key listener is in place
        assert heading(tab).startswith(names[0][:2])
        for key, index in (("ArrowRight", 1), ("PageDown", 2), ("Space", 3), ("ArrowLeft", 2), ("PageUp", 1)):
            tab.keyboard.press(key)
            expect(tab.locator('[data-testid="stMainBlockContainer"] h2').first).to_contain_text(names[index][:2])
            expect(tab).to_have_url(re.compile(rf"ex={RUNS[index].example.id}"))
        expect(tab).to_have_url(re.compile(r"present=1"))
        tab.reload()
        open_slide(tab, tab.url)
        tab.wait_for_function("() => typeof window.__slideKeys === 'function'")
        expect(tab.locator('[data-testid="stMainBlockContainer"] h2').first).to_contain_text(names[1][:2])
        expect(tab.locator('[data-testid="stSidebar"]')).to_be_hidden()
        assert overflow(tab) <= 1
        tab.keyboard.press("Escape")
        expect(tab.get_by_text("演示模式")).to_be_visible()
        expect(tab.locator('[data-testid="stSidebar"]')).to_be_visible()
        tab.screenshot(path=str(SCREENSHOTS / f"slide_keys_{width}x{height}.png"))
    finally:
        context.close()


def test_chinese_examples_page_shows_the_working_in_chinese_for_both_sides(page, app_url):
    laoli = next(run for run in RUNS if run.example.id == "laoli")
    page.goto(f"{app_url}/examples?ex=laoli")
    wait_for_app(page)
    main = page.locator('[data-testid="stMainBlockContainer"]')
    expect(main.get_by_role("tab", name="改革前")).to_be_visible()
    expect(main.get_by_role("tab", name="改革后")).to_be_visible()
    # the after side's first step, as the engine words it, with its number
    first_after = laoli.results["after"].steps[0]
    main.get_by_role("tab", name="改革后").click()
    shown = main.locator('[role="tabpanel"]:visible')
    expect(shown.get_by_text(first_after.title("zh")).first).to_be_visible()
    expect(shown).to_contain_text(first_after.formula("zh"))
    wait_for_app(page)
    page.wait_for_function("() => !document.querySelector('[data-testid^=stSkeleton]')")
    text = main.inner_text()
    # Material icons are ligatures: their names are text until the icon font has drawn them
    for icon in main.locator('[data-testid="stIconMaterial"]').all_inner_texts():
        text = text.replace(icon, "")
    assert laoli.example.arithmetic[:20] not in text
    # any Latin left is the engine's own wording of its Chinese steps (its words, not the page's)
    engine_words = {
        word for result in laoli.results.values() for step in result.steps for word in latin_words(step.formula("zh"))
    }
    assert not latin_words(text) - engine_words, latin_words(text) - engine_words


def test_a_sandbox_link_reproduces_the_what_if(page, app_url):
    # retired deductible 100 → 50: 老李 (2,800 at level 2) gets (2,800 − 50) × 70% = 1,925 instead of
    # (2,800 − 100) × 70% = 1,890 pooled, 35 yuan better off
    page.goto(f"{app_url}/sandbox?sandbox=chongqing-2024&change=deductible.retired:50,nonsense:1")
    wait_for_app(page)
    main = page.locator('[data-testid="stMainBlockContainer"]')
    expect(main.get_by_role("spinbutton", name="起付标准 · 退休（元）", exact=True)).to_have_value("50.00")
    expect(main.locator('[data-testid="stAlert"]').filter(has_text="nonsense:1")).to_be_visible()
    expect(main.locator('[data-testid="stAlert"]').filter(has_text="起付标准 · 退休 = 50")).to_be_visible()
    expect(page).to_have_url(re.compile(r"change=deductible\.retired(%3A|:)50(&|$)"))
    # a change made on the page goes into the link, and the link opens it again
    box = main.get_by_role("spinbutton", name="起付标准 · 在职（元）", exact=True)
    box.fill("150")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"deductible\.in_service(%3A|:)150"))
    shared = page.url
    page.goto(shared)
    wait_for_app(page)
    expect(main.get_by_role("spinbutton", name="起付标准 · 在职（元）", exact=True)).to_have_value("150.00")
    expect(main.get_by_role("spinbutton", name="起付标准 · 退休（元）", exact=True)).to_have_value("50.00")
    assert not page.locator('[role="dialog"]').count()


def print_preview(page, url: str, control: str):
    """The page at ``url`` as Chromium prints it: no sidebar, no ``control``; its print-only working."""
    page.goto(url)
    wait_for_app(page)
    page.locator(".stPlotlyChart .main-svg >> visible=true").first.wait_for()
    expect(page.locator(f'[data-testid="{control}"]').first).to_be_visible()  # there on screen, so hiding counts
    page.emulate_media(media="print")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator(f'[data-testid="{control}"]').first).to_be_hidden()
    return page.locator('[class*="st-key-print-only-traces"]')


def test_printing_an_example_leaves_out_the_sidebar_and_prints_both_sides(page, app_url):
    laoli = next(run for run in RUNS if run.example.id == "laoli")
    printed = print_preview(page, f"{app_url}/examples?ex=laoli", "stButton")
    expect(printed).to_be_visible()
    for side in ("before", "after"):
        last = laoli.results[side].steps[-1]
        expect(printed).to_contain_text(last.formula("zh"))
    expect(printed).to_contain_text("改革前")
    expect(printed).to_contain_text("改革后")
    # the charts and the figures table fit the page width
    widths = page.evaluate(
        "() => [...document.querySelectorAll('.stPlotlyChart .main-svg, .print-table')]"
        ".filter(e => e.getBoundingClientRect().width > 0)"
        ".map(e => e.getBoundingClientRect().right - document.querySelector('[data-testid=\"stMainBlockContainer\"]')"
        ".getBoundingClientRect().right)"
    )
    assert widths and max(widths) <= 1, widths
    page.pdf(path=str(SCREENSHOTS / "print_example_laoli.pdf"), format="A4")
    page.screenshot(path=str(SCREENSHOTS / "print_example_laoli.png"), full_page=True)
    page.emulate_media(media="screen")


CHART_FIT = """() => [...document.querySelectorAll('.svg-container')]
  .filter((box) => box.getBoundingClientRect().width > 0)
  .map((box) => { const svg = box.querySelector('.main-svg'); const r = svg.getBoundingClientRect();
    const main = document.querySelector('[data-testid="stMainBlockContainer"]').getBoundingClientRect();
    return {box: svg.getAttribute('viewBox'), size: `0 0 ${svg.getAttribute('width')} ${svg.getAttribute('height')}`,
            right: r.right - main.right, below: r.bottom - box.closest('.stPlotlyChart').getBoundingClientRect().bottom}; })"""


def test_printing_my_case_gives_the_case_both_sides_and_charts_drawn_at_their_own_size(page, app_url):
    """A chart that plotly redraws for the printed page keeps its proportions: its viewBox is its current
    size (a stale one from the screen stretched the bars over the heading below), inside the page width."""
    printed = print_preview(page, f"{app_url}/?status=retired&age=62&level=2&spending=2800", "stTextInput")
    expect(printed).to_contain_text("改革前")
    expect(printed).to_contain_text("改革后")
    page.wait_for_timeout(500)  # plotly's redraw at the new width
    charts = page.evaluate(CHART_FIT)
    assert len(charts) == 2, charts  # the money flow and the spending sweep
    for chart in charts:
        assert chart["box"] == chart["size"], charts
        assert chart["right"] <= 1 and chart["below"] <= 1, charts
    page.pdf(path=str(SCREENSHOTS / "print_my_case.pdf"), format="A4")
    page.emulate_media(media="screen")
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()


@pytest.mark.parametrize("path", ["examples?ex=laoli", "sandbox", "sources"])
def test_wide_tables_scroll_inside_their_own_box_on_a_phone(browser, app_url, path):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    try:
        tab.goto(f"{app_url}/{path}")
        wait_for_app(tab)
        tab.locator('[data-testid="stDataFrame"], [data-testid="stTable"]').first.wait_for()
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390
        boxes = tab.evaluate(  # a data grid or a wrapped table to read (dashboard.reading_table)
            '() => [...document.querySelectorAll(\'[data-testid="stDataFrame"], [data-testid="stTable"]\')]'
            ".filter(e => e.getBoundingClientRect().width > 0)"
            ".map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })"
        )
        assert boxes and all(left >= 0 and right <= 390 for left, right in boxes), boxes
        assert not tab.locator('[role="dialog"]').count()
        tab.screenshot(path=str(SCREENSHOTS / f"phone_{path.split('?')[0]}.png"))
    finally:
        context.close()
