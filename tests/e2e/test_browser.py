"""The dashboard in a real Chromium: what a resident, a press officer and a trainer actually see.

Expected figures come from the engine (or hand arithmetic in the comments), never from the page itself.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import urlencode

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from calculator.comparison import compare, resolve_pair
from calculator.examples import run_examples
from calculator.money import format_yuan
from calculator.scenario import parse_scenario
from tests.e2e.conftest import SCREENSHOTS, set_slider, wait_for_app
from tests.e2e.server import running_app

DEFAULT_PERSON = dict(status="in_service", tier="employer", age=40, contribution_base="80000", spending="3000", level=2)
CASH, BALANCE, REIMBURSED = "现金自付（改革后）", "年末账户余额（改革后）", "医保报销（改革后）"
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
PAGES = ["my_case", "examples", "regions", "sandbox", "population", "sources"]
CHART_PAGES = ["my_case", "examples", "regions", "sandbox", "population"]


def engine(**person):
    """What the engine says for this person (Chongqing's default pair): the numbers the page must show."""
    return compare(parse_scenario(person), *resolve_pair("chongqing")).after


def metric_value(tab, label: str):
    """The value element of the headline metric whose label is ``label``."""
    return tab.locator('[data-testid="stMetric"]').filter(has_text=label).locator('[data-testid="stMetricValue"]')


def expect_headline(tab, result) -> None:
    expect(metric_value(tab, CASH)).to_have_text(format_yuan(result.cash_paid))
    expect(metric_value(tab, BALANCE)).to_have_text(format_yuan(result.closing_balance))
    expect(metric_value(tab, REIMBURSED)).to_have_text(format_yuan(result.reimbursed_total))


def open_page(tab, url: str) -> None:
    tab.goto(url)
    wait_for_app(tab)


VERDICT = re.compile(r"结论|In short")
expect.set_options(timeout=20_000)  # two shared cores: a chart's first draw can take longer than 5 s


def settle(tab) -> None:
    """Wait until lazily loaded elements (metrics, sliders, charts) have replaced their placeholders, so
    the screenshot shows what the assertions check."""
    with contextlib.suppress(PlaywrightTimeout):
        tab.wait_for_function("() => !document.querySelector('[data-testid^=stSkeleton]')", timeout=20_000)


DIALOG_SETTLE_MS = 1500  # Streamlit shows a "Page not found" dialog shortly after the first script run


def assert_clean(tab) -> None:
    """What every screenshot must not show: a dialog (of any kind, in any language) or a traceback."""
    expect(tab.get_by_role("dialog")).to_have_count(0)
    body = tab.inner_text("body")
    assert "Page not found" not in body and "does not seem to exist" not in body
    assert "Traceback" not in body


def assert_answer(tab) -> None:
    """Where an answer belongs: no error box, the three figures and the one-line verdict."""
    assert_clean(tab)
    expect(tab.locator('[data-testid="stAlertContentError"]')).to_have_count(0)
    expect(tab.locator('[data-testid="stMetric"]')).to_have_count(3)
    expect(tab.locator('[data-testid="stAlertContainer"]').filter(has_text=VERDICT)).to_have_count(1)


def shoot(tab, name: str) -> None:
    settle(tab)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_landing_page_shows_the_default_case(page, app_url):
    open_page(page, app_url)
    # in service, 40, base 80,000, 3,000 at level 2: (3000 − 200) × 60% = 1,680 pooled,
    # own share 1,320 paid from the 2% × 80,000 = 1,600 credit; cash 0, balance 280
    result = engine(**DEFAULT_PERSON)
    assert (result.general_pooling_paid, result.cash_paid, result.closing_balance) == (1680, 0, 280)
    expect(page.get_by_role("heading", name="我的测算")).to_be_visible()
    expect_headline(page, result)
    assert_answer(page)
    expect(page.locator('[data-testid="stAlertContentSuccess"]')).to_contain_text("净得")


def test_spending_slider_and_retired_switch_give_the_engines_numbers(page, app_url):
    query = {"age": "62", "spending": "2800", "credit_before": "2525"}
    open_page(page, f"{app_url}/?{urlencode(query)}")
    in_service = {**DEFAULT_PERSON, "age": 62, "spending": "2800"}
    expect_headline(page, engine(**in_service))

    # move the spending slider five steps of ¥100 to the right with the keyboard
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="全年门诊费用").get_by_role("slider")
    set_slider(page, slider, 3300, step=100)
    box = page.get_by_label("精确金额（元）")
    expect(box).to_have_value("3300.00")
    wait_for_app(page)
    expect_headline(page, engine(**{**in_service, "spending": "3300"}))

    # switch to retired: 老李's case at 3,300 (001 Q19.1 is at 2,800)
    page.locator('[data-testid="stRadio"]').filter(has_text="参保身份").get_by_text("退休").click()
    wait_for_app(page)
    retired = dict(status="retired", age=62, spending="3300", level=2, credit_before="2525")
    # (3300 − 100) × 70% = 2,240 pooled; own share 1,060 from the 105 × 12 = 1,260 credit; balance 200
    result = engine(**retired)
    assert (result.general_pooling_paid, result.cash_paid, result.closing_balance) == (2240, 0, 200)
    expect_headline(page, result)
    assert_answer(page)


def test_a_shared_link_reproduces_the_case(page, browser, app_url):
    # 老张 (001 Q19.4): retired, 76, 40,000 of cancer treatment at level 3, 35,208 paid by other schemes
    query = {
        "status": "retired",
        "age": "76",
        "spending": "40000",
        "level": "3",
        "other_schemes_paid": "35208",
        "credit_before": "3624",
    }
    open_page(page, f"{app_url}/?{urlencode(query)}")
    laozhang = engine(**{**query, "level": 3})
    expect_headline(page, laozhang)
    # ¥38,023.20 fits its box: a figure cut to "¥38,0…" would read as another number
    overflowing = page.evaluate(
        "() => Array.from(document.querySelectorAll('[data-testid=stMetricValue] > div'))"
        ".filter(d => d.scrollWidth > d.clientWidth).map(d => d.innerText)"
    )
    assert not overflowing, overflowing
    # the page writes the whole case into its own address; that address opens the same case elsewhere
    shared = page.url
    assert "status=retired" in shared and "other_schemes_paid=35208" in shared
    other = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = other.new_page()
        open_page(tab, shared)
        expect_headline(tab, laozhang)
        assert_answer(tab)
    finally:
        other.close()
    assert_answer(page)


def test_hostile_link_gets_a_message_not_a_crash_or_html(page, app_url):
    query = {"age": "<script>window.pwned=1</script>", "after": "../../etc/passwd", "spending": "1e999"}
    open_page(page, f"{app_url}/?{urlencode(query)}")
    assert page.evaluate("() => window.pwned === undefined")
    body = page.inner_text("body")
    assert "Traceback" not in body
    expect(page.locator('[data-testid="stAlert"]').first).to_be_visible()
    assert page.locator("script", has_text="pwned").count() == 0
    # each bad field is named and left out; the rest (here nothing) is kept, so the default case shows
    expect(page.locator('[data-testid="stAlertContentWarning"]').filter(has_text="age=")).to_have_count(1)
    expect_headline(page, engine(**DEFAULT_PERSON))
    assert_answer(page)


def test_english_switch_leaves_no_chinese_on_my_case(page, app_url):
    open_page(page, app_url)
    page.locator('[data-testid="stSidebar"]').get_by_text("English").click()
    expect(page.get_by_role("heading", name="My case")).to_be_visible()
    wait_for_app(page)
    # Streamlit keeps the previous run's elements on screen until the new run replaces them, so wait
    # (up to the usual update time) for the settled page, then name whatever Chinese is left
    cjk = CJK.pattern
    with contextlib.suppress(PlaywrightTimeout):  # the assertion below names the leftover characters
        page.wait_for_function(
            f"() => !new RegExp('{cjk}').test(document.querySelector('[data-testid=stMain]').innerText)"
        )
    leftover = sorted(set(CJK.findall(page.locator('[data-testid="stMain"]').inner_text())))
    assert not leftover, leftover
    result = engine(**DEFAULT_PERSON)
    expect(metric_value(page, "Cash")).to_have_text(format_yuan(result.cash_paid))
    assert "lang=en" in page.url
    assert_answer(page)


@pytest.mark.parametrize("path", CHART_PAGES)
def test_each_page_renders_its_charts_with_data(page, app_url, path):
    open_page(page, f"{app_url}/{path}")
    chart = page.locator(".js-plotly-plot").first
    expect(chart).to_be_visible()
    points = page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map(p => (p.data || []).reduce((n, trace) => n + ((trace.x || trace.values || []).length), 0))"
    )
    assert points and all(count > 0 for count in points), points
    assert_clean(page)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)


def test_presentation_mode_steps_through_the_examples(page, app_url):
    names = [run.example.name.zh for run in run_examples()]
    assert len(names) == 7
    open_page(page, f"{app_url}/examples")
    page.get_by_text("演示模式（大字、一屏一例）").click()
    wait_for_app(page)
    for number, name in enumerate([*names, names[0]], start=1):
        shown = (number - 1) % len(names) + 1
        expect(page.get_by_text(f"第 {shown} / 7 例")).to_be_visible()
        expect(page.locator('[data-testid="stMain"]')).to_contain_text(name)
        expect(page.locator(".js-plotly-plot").first).to_be_visible()
        page.get_by_role("button", name="下一例").click()
        wait_for_app(page)
    assert_clean(page)
    expect(page.locator('[data-testid="stAlertContentError"]')).to_have_count(0)


@pytest.mark.parametrize("path", PAGES)
def test_phone_width_has_no_horizontal_scroll(browser, app_url, path, request):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        tab = context.new_page()
        open_page(tab, f"{app_url}/{path}")
        tab.wait_for_timeout(DIALOG_SETTLE_MS)  # let charts and tables take their final size
        settle(tab)
        widths = tab.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
        assert widths[0] <= widths[1], widths
        assert_clean(tab)
        if path == "my_case":
            assert_answer(tab)
    finally:
        context.close()


ALL_PAGES = ["", *PAGES, "ledger", "practice"]  # "" is the root, where the menu's My case points


def test_no_dialog_on_any_page_of_a_fresh_server(browser, tmp_path):
    """Every page the app links to, opened first on a server that has served nobody, then again."""
    with running_app(tmp_path) as url:
        for visit in ("first", "again"):
            for path in ALL_PAGES:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
                try:
                    tab = context.new_page()
                    tab.set_default_timeout(20_000)
                    open_page(tab, f"{url}/{path}")
                    tab.wait_for_timeout(DIALOG_SETTLE_MS)
                    shoot(tab, f"fresh_server_{visit}_{path or 'root'}")
                    assert_clean(tab)
                    if path in ("", "my_case"):
                        assert_answer(tab)
                finally:
                    context.close()


def test_laoli_typed_on_a_phone_shows_the_verdict_without_scrolling(browser, app_url):
    """老李 (retired, 62, 2,800 at level 2), typed in at 390 px: the answer sits above the form."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        open_page(tab, app_url)
        tab.locator('[data-testid="stRadio"]').filter(has_text="参保身份").get_by_text("退休").click()
        wait_for_app(tab)
        age = tab.locator('[data-testid="stSlider"]').filter(has_text="年龄").get_by_role("slider")
        set_slider(tab, age, 62)
        box = tab.get_by_label("精确金额（元）")
        box.fill("2800")
        box.press("Enter")
        wait_for_app(tab)
        # before: 107,008 × 2.4% = 2,568.19 credit, cash 231.81; after: 0 cash, 350 left → 581.81 better off
        verdict = tab.locator('[data-testid="stAlertContainer"]').filter(has_text=VERDICT)
        expect(verdict).to_contain_text("¥581.81")
        # the verdict is above the form, so a phone shows it from the top of the page
        form_top = tab.locator("#form").bounding_box()["y"]
        assert verdict.bounding_box()["y"] < form_top
        # the page wrote the case into its address: opened from the top, the answer fits the first screen
        open_page(tab, tab.url)
        tab.wait_for_timeout(DIALOG_SETTLE_MS)
        shoot(tab, "phone_laoli_first_screen")
        assert_answer(tab)
        expect(verdict).to_contain_text("¥581.81")
        assert tab.evaluate("() => window.scrollY") == 0
        for element in [verdict, *tab.locator('[data-testid="stMetric"]').all()]:
            box = element.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= 844, box
        # the form is one tap away
        tab.get_by_role("link", name="修改输入").click()
        expect(tab.get_by_label("精确金额（元）")).to_be_in_viewport()
    finally:
        context.close()


SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 720}}
NO_RESULT = re.compile(r"暂无结果|No result yet")


@pytest.mark.parametrize("size, lang", [("phone", "en"), ("desktop", "zh")])
def test_a_rejected_amount_is_named_beside_its_box_and_no_figures_stay(browser, app_url, size, lang):
    """Text, a negative and an amount over the limit in the spending box: each is refused by name right
    below the box (across the form's width, not squeezed beside the slider), and no figures are shown."""
    context = browser.new_context(viewport=SIZES[size], is_mobile=size == "phone", has_touch=size == "phone")
    try:
        tab = context.new_page()
        tab.set_default_timeout(20_000)
        open_page(tab, app_url + ("/?lang=en" if lang == "en" else "/"))
        expect(tab.locator('[data-testid="stMetric"]')).to_have_count(3)
        box = tab.get_by_role("textbox", name="精确金额（元）" if lang == "zh" else "Exact amount (yuan)")
        field = "年度门诊费用" if lang == "zh" else "annual outpatient spending"
        for bad, words in (
            ("abc", "abc"),
            ("-500", "负数" if lang == "zh" else "negative"),
            ("99999999", "10,000,000"),
        ):
            box.fill(bad)
            box.press("Enter")
            wait_for_app(tab)
            refusal = tab.locator('[data-testid="stAlertContentError"]').filter(has_text=words)
            expect(refusal).to_have_count(1)
            expect(refusal).to_contain_text(field)
            expect(tab.locator('[data-testid="stMetric"]')).to_have_count(0)  # nothing stale, nothing for 0
            expect(tab.locator('[data-testid="stAlertContentError"]').filter(has_text=NO_RESULT)).to_have_count(1)
            expect(tab.locator('[data-testid="stAlertContentSuccess"]')).to_have_count(0)
            region = tab.locator('[data-testid="stSelectbox"]').first.bounding_box()
            below = refusal.bounding_box()
            assert below["width"] >= 0.8 * region["width"], (below, region)
            assert below["y"] > box.bounding_box()["y"]
        refusal.scroll_into_view_if_needed()
        shoot(tab, f"rejected_amount_{size}_{lang}")
        assert_clean(tab)
        box.fill("3000")
        box.press("Enter")
        wait_for_app(tab)
        expect(tab.locator('[data-testid="stMetric"]')).to_have_count(3)  # a valid amount answers again
        if lang == "zh":
            expect_headline(tab, engine(**DEFAULT_PERSON))
    finally:
        context.close()


def test_clearing_the_statement_credit_brings_the_rule_back_as_the_cli_does(page, app_url):
    """老李 with the statement's 2,525, then the box cleared: empty again (never 0.00), gone from the link,
    and the verdict is the command line's for the same case without a statement credit."""
    import subprocess
    import sys

    laoli = ["--status", "retired", "--age", "62", "--spending", "2800", "--level", "2"]
    query = {"status": "retired", "age": "62", "spending": "2800", "level": "2", "credit_before": "2525"}
    open_page(page, f"{app_url}/?{urlencode(query)}")
    verdict = page.locator('[data-testid="stAlertContainer"]').filter(has_text=VERDICT)
    expect(verdict).to_contain_text("¥625.00")  # 2,525 pays 2,525 of 2,800: 275 cash before; 0 and 350 after
    box = page.get_by_role("textbox", name="改革前年度划入（对账单，元）")
    box.fill("")
    box.press("Enter")
    wait_for_app(page)
    cli = subprocess.run(
        [sys.executable, "-m", "calculator", "compare", *laoli], capture_output=True, text=True, check=True
    ).stdout
    net = re.search(r"多留 (¥[\d,.]+)", cli).group(1)
    assert net == "¥581.81"  # before: 107,008 × 2.4% = 2,568.19 credit, cash 231.81; after 0 cash, 350 left
    expect(verdict).to_contain_text(net)
    expect(box).to_have_value("")
    assert "credit_before" not in page.url
    shoot(page, "statement_credit_cleared")
    assert_answer(page)


def test_english_keeps_lang_in_every_page_url(page, app_url):
    open_page(page, f"{app_url}/?lang=en")
    for name, path in zip(
        ["Official examples", "Compare regions", "Policy sandbox", "Population", "Sources", "My case"],
        ["examples", "regions", "sandbox", "population", "sources", "my_case"],
        strict=True,
    ):
        page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name=name).click()
        wait_for_app(page)
        expect(page).to_have_url(re.compile(rf"/({path})?\?(.*&)?lang=en"))  # My case is also the root
        expect(page.locator('[data-testid="stSidebarNav"]')).to_contain_text("Sources")  # still in English
        page.wait_for_timeout(500)
        assert_clean(page)
    assert_answer(page)


def test_a_bare_link_opens_in_the_language_this_browser_chose_last(browser, app_url):
    """English chosen once: a new tab on a link without a language (a page link, a reconnect) stays English;
    back to Chinese: the next new tab is Chinese."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    try:
        first = context.new_page()
        open_page(first, f"{app_url}/?lang=en")
        expect(first.locator('[data-testid="stSidebarNav"]')).to_contain_text("Sources")
        second = context.new_page()
        open_page(second, f"{app_url}/regions")
        expect(second.locator('[data-testid="stSidebarNav"]')).to_contain_text("Sources")
        expect(second).to_have_url(re.compile(r"/regions\?(.*&)?lang=en"))
        menu = second.locator('[data-testid="stSidebarNav"] a')
        expect(menu.first).to_have_attribute("href", re.compile(r"lang=en"))  # a menu link copied: English
        second.get_by_text("中文", exact=True).click()
        expect(second.locator('[data-testid="stSidebarNav"]')).to_contain_text("政策依据")
        wait_for_app(second)
        expect(menu.first).not_to_have_attribute("href", re.compile(r"lang="))  # and back to Chinese
        assert not any("lang=" in link.get_attribute("href") for link in menu.all())
        third = context.new_page()
        open_page(third, f"{app_url}/sources")
        expect(third.locator('[data-testid="stSidebarNav"]')).to_contain_text("政策依据")
        assert "lang=" not in third.url
        assert_clean(third)
        shoot(third, "language_remembered")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_says_its_language_and_shows_no_english_hint_on_a_chinese_page(page, app_url, lang):
    """``<html lang>`` follows the language (Simplified Chinese glyphs, a screen reader's voice); an amount
    typed and waiting for Enter shows Streamlit's English-only hint on the English page alone."""
    open_page(page, f"{app_url}/?lang=en" if lang == "en" else f"{app_url}/")
    expect(page.locator("html")).to_have_attribute("lang", "en" if lang == "en" else "zh-CN")
    box = page.get_by_role("textbox", name="年度缴费基数（元）" if lang == "zh" else "Annual contribution base (yuan)")
    box.click()
    box.press("Control+a")
    box.press_sequentially("90000", delay=50)  # typed, not yet applied: Streamlit shows its hint under it
    hint = page.locator('[data-testid="InputInstructions"]')
    expect(hint).to_have_count(1)
    if lang == "en":
        expect(hint).to_be_visible()
        expect(hint).to_contain_text("Press Enter")
    else:
        expect(hint).to_be_hidden()
        assert "Press Enter" not in page.inner_text("body")
    box.press("Enter")
    wait_for_app(page)
    expect(box).to_have_value("90000")
    expect(page.get_by_text("¥90,000.00").first).to_be_visible()  # the base used, said under the box
    shoot(page, f"typed_amount_{lang}")
    assert_clean(page)
