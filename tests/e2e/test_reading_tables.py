"""Tables to read at a trainer's 1280×720, without scrolling sideways: the Sources page's documents (title,
issuer, 文号, date, every title in full, wrapped; on a phone too) and the regions page's outcomes (every figure
in view), in both languages."""

from __future__ import annotations

import pytest

from dashboard.i18n import TEXT
from tests.e2e.conftest import visitor

OVERFLOW = """() => Array.from(document.querySelectorAll('[data-testid=stTable]')).map(table => {
    const box = table.getBoundingClientRect();
    return {scroll: table.scrollWidth, width: table.clientWidth, right: box.right};
})"""


@pytest.mark.parametrize(("lang", "size"), [("zh", "desk"), ("en", "desk"), ("en", "phone")])
def test_the_documents_table_fits_without_scrolling(browser, app_url, lang, size):
    index = 0 if lang == "zh" else 1
    query = "?lang=en" if lang == "en" else ""
    viewport = {"width": 390, "height": 844} if size == "phone" else {"width": 1280, "height": 720}
    with visitor(
        browser, f"{app_url}/sources{query}", viewport=viewport, screenshot=f"sources-{lang}-{size}.png"
    ) as tab:
        table = tab.locator('[data-testid="stTable"]').first
        table.scroll_into_view_if_needed()
        headers = [text.strip() for text in table.locator("th").all_inner_texts()]
        assert headers == [
            TEXT[key][index] for key in ("sources.document", "sources.issuer", "sources.number", "sources.date")
        ]
        measures = tab.evaluate(OVERFLOW)
        assert measures, "no table drawn"
        for measure in measures:  # nothing wider than its box, nothing past the window's right edge
            assert measure["scroll"] <= measure["width"] + 1 and measure["right"] <= viewport["width"], measures
        title = (
            "重庆市建立健全职工基本医疗保险门诊共济保障机制实施细则"
            if lang == "zh"
            else ("Chongqing implementing rules for the employee outpatient mutual-aid mechanism")
        )
        cells = " ".join(text.replace("\n", " ") for text in table.locator("td").all_inner_texts())
        assert title in cells  # the whole title, not cut short


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_regions_outcomes_show_every_figure_at_1280(browser, app_url, lang):
    """The outcomes table wraps the policies' titles so cash and year-end balance are in view, unscrolled."""
    index = 0 if lang == "zh" else 1
    query = "?lang=en" if lang == "en" else ""
    viewport = {"width": 1280, "height": 720}
    with visitor(browser, f"{app_url}/regions{query}", viewport=viewport, screenshot=f"regions-{lang}-desk.png") as tab:
        table = tab.locator('[data-testid="stTable"]').first
        table.scroll_into_view_if_needed()
        headers = [" ".join(text.split()) for text in table.locator("th").all_inner_texts()]
        for key in ("field.cash_paid", "field.closing_balance"):
            assert TEXT[key][index] in headers, headers
        measure = tab.evaluate(OVERFLOW)[0]
        assert measure["scroll"] <= measure["width"] + 1 and measure["right"] <= viewport["width"], measure


def test_the_sandbox_effect_tables_show_every_figure_at_1280(browser, app_url):
    viewport = {"width": 1280, "height": 720}
    with visitor(browser, f"{app_url}/sandbox?lang=en", viewport=viewport, screenshot="sandbox-en-desk.png") as tab:
        tables = tab.locator('[data-testid="stTable"]')
        tables.nth(1).scroll_into_view_if_needed()
        assert tables.count() == 2  # the person from My case, the seven official examples
        headers = [" ".join(text.split()) for text in tables.nth(1).locator("th").all_inner_texts()]
        assert headers[-1] == TEXT["sandbox.gain"][1], headers
        for measure in tab.evaluate(OVERFLOW):
            assert measure["scroll"] <= measure["width"] + 1 and measure["right"] <= viewport["width"], measure
