"""What a press officer copies: every policy line on the regions chart can be told apart, and the population
headline and its charts name the same measure (also on a 390 px phone)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, wait_for_app

TRACES = """
(selector) => Array.from(document.querySelectorAll(selector)).map((gd) => ({
  title: (gd.layout.title && gd.layout.title.text || '').replace(/<[^>]+>/g, ''),
  traces: gd.data.map((t) => ({name: t.name, colour: t.line && t.line.color, dash: t.line && t.line.dash,
                              width: t.line && t.line.width, points: (t.y || []).filter((v) => v !== null).length})),
  legend: Array.from(gd.querySelectorAll('.legend .traces .legendtext')).map((n) => n.textContent),
  drawn: gd.querySelectorAll('.scatterlayer .trace path.js-line').length,
}))
"""


def plots(tab) -> list[dict]:
    tab.wait_for_selector(".js-plotly-plot .gtitle")
    return tab.evaluate(TRACES, ".js-plotly-plot")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_regions_chart_draws_a_distinguishable_line_for_each_policy_it_lists(browser, app_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", is_mobile=width < 500)
    tab = context.new_page()
    try:
        tab.goto(f"{app_url}/regions")
        wait_for_app(tab)
        chart = next(plot for plot in plots(tab) if "各政策下现金自付" in plot["title"])
        traces = chart["traces"]
        assert len(traces) >= 2
        # the legend lists exactly what is drawn: one entry and one visible line per policy, each with values
        assert len(chart["legend"]) == len(traces) == chart["drawn"]
        assert all(trace["points"] > 0 for trace in traces)
        styles = {(trace["colour"], trace["dash"], trace["width"]) for trace in traces}
        assert len(styles) == len(traces), traces  # no two lines look alike, even where they coincide
        for trace in traces:
            if "相同）" in trace["name"]:  # a line lying on another is dashed over a wider one and says so
                assert trace["dash"] == "dash"
        tab.locator('[data-testid="stPlotlyChart"]').last.scroll_into_view_if_needed()
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"press_regions_{width}.png"))
        context.close()


EVERY_CHART_DRAWN = """(count) => { const boxes = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return boxes.length >= count && boxes.every((box) => box.querySelector('.js-plotly-plot .gtitle')); }"""


def measure_in_view(tab, name: str) -> None:
    labels = tab.locator('[data-testid="stMetric"] [data-testid="stMetricLabel"]')
    expect(labels.first).to_contain_text(name, timeout=90_000)  # the first run simulates the population
    assert all(name in text for text in labels.all_inner_texts())
    charts = tab.locator('[data-testid="stPlotlyChart"]')
    for index in range(charts.count()):  # a chart is drawn when it comes into view (slowly on a loaded machine)
        charts.nth(index).scroll_into_view_if_needed()
    tab.wait_for_function(EVERY_CHART_DRAWN, arg=5, timeout=60_000)
    titles = [plot["title"] for plot in plots(tab)]
    measured = [title for title in titles if "口径" in title or "变化的分布" in title]
    assert len(measured) == 5, titles  # four breakdowns and the histogram
    assert all(name in title for title in measured), titles
    assert all("模拟人群" in title for title in titles), titles


def test_the_population_headline_and_its_charts_name_the_same_measure(page, app_url):
    page.goto(f"{app_url}/population")
    wait_for_app(page)
    measure_in_view(page, "现金与账户合计")
    page.get_by_text("现金支出", exact=True).click()
    expect(page.locator('[data-testid="stMetric"] [data-testid="stMetricLabel"]').first).to_contain_text(
        "现金支出", timeout=30_000
    )
    wait_for_app(page)
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot')).map((gd) =>"
        " gd.layout.title.text.replace(/<[^>]+>/g, '')).every((text) => !/口径/.test(text) || /现金支出/.test(text))"
    )
    measure_in_view(page, "现金支出")
    assert not page.locator('[data-testid="stException"]').count()
    captions = " ".join(page.locator('[data-testid="stCaptionContainer"]').all_inner_texts())
    assert re.search(r"测算于 \d{4}-\d\d-\d\d", captions)


PAGES = ["", "ledger", "examples?ex=laoli", "regions", "sandbox", "population", "practice", "sources"]
IN_PAGE_LINKS = """() => [...document.querySelectorAll('[data-testid="stMain"] a[href]')]
  .map((a) => a.getAttribute('href')).filter((href) => href && !href.startsWith('#') && !/^https?:\\/\\/(?!127\\.0\\.0\\.1)/.test(href))"""


def test_in_english_every_link_a_page_writes_keeps_the_language(page, app_url):
    """Every page's address keeps lang=en, and so does every link the page itself writes (My case → ledger and
    back carry the person too), so a copied link opens in English."""
    for path in PAGES:
        separator = "&" if "?" in path else "?"
        page.goto(f"{app_url}/{path}{separator}lang=en")
        wait_for_app(page)
        expect(page).to_have_url(re.compile(r"[?&]lang=en(&|$)"))
        links = page.evaluate(IN_PAGE_LINKS)
        assert all("lang=en" in link for link in links), (path, links)
    menu = page.locator('[data-testid="stSidebarNav"] a')
    expect(menu.first).to_have_attribute("href", re.compile(r"lang=en"))
    assert all("lang=en" in link.get_attribute("href") for link in menu.all())  # copied from the menu too
    page.goto(f"{app_url}/?status=retired&age=62&spending=2800&lang=en")
    wait_for_app(page)
    to_ledger = page.locator('[data-testid="stPageLink-NavLink"]').first
    assert re.search(r"lang=en", to_ledger.get_attribute("href"))
    assert re.search(r"age=62", to_ledger.get_attribute("href"))
    to_ledger.click()
    wait_for_app(page)
    expect(page).to_have_url(re.compile(r"/ledger\?.*age=62.*lang=en"))
    expect(page.locator("h1").first).not_to_contain_text("逐年")
    back = page.locator('[data-testid="stPageLink-NavLink"]').first
    assert "lang=en" in back.get_attribute("href") and "age=62" in back.get_attribute("href")


EXPORTED_SVG = """async () => {
  const out = [];
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    if (!gd.getBoundingClientRect().width) { continue; }
    const url = await Plotly.toImage(gd, {format: 'svg', width: 960});
    out.push(decodeURIComponent(url.slice(url.indexOf(',') + 1)));
  }
  return out;
}"""


def exported_texts(tab) -> list[str]:
    """The text each chart's exported image carries (plotly's own export, as the toolbar's PNG draws it)."""
    tab.locator(".stPlotlyChart .main-svg >> visible=true").first.wait_for()
    return [re.sub(r"<[^>]+>", " ", svg) for svg in tab.evaluate(EXPORTED_SVG)]


def test_every_exported_chart_image_says_what_it_shows(page, app_url):
    """The image a chart exports names the case (or the simulated population), the policies with their
    dates and the source; a what-if's image names the changed parameter. The toolbar's PNG is downloaded
    once through the page, as a user would."""
    page.goto(f"{app_url}/examples?ex=laoli")
    wait_for_app(page)
    (image,) = exported_texts(page)
    image = image.replace(" ", "")
    assert "老李" in image and "2023年12月31日" in image and "2024年1月1日" in image and "来源：" in image
    chart = page.locator(".stPlotlyChart").first
    chart.hover()
    with page.expect_download() as download:
        chart.locator('.modebar-btn[data-title*="PNG" i]').click()
    saved = SCREENSHOTS / "exported_example_laoli.png"
    download.value.save_as(saved)
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    page.goto(f"{app_url}/examples?ex=xiaoyang&lang=en")
    wait_for_app(page)
    (image,) = exported_texts(page)
    assert "Xiao Yang" in image and "after the reform only" in image and "2024-01-01" in image

    page.goto(f"{app_url}/?status=retired&age=62&spending=2800&lang=zh")  # back from English
    wait_for_app(page)
    images = exported_texts(page)
    joined = [image.replace(" ", "") for image in images]  # a title's lines are separate text runs
    assert len(images) == 2 and all("退休·62岁·全年门诊¥2,800.00" in image and "来源：" in image for image in joined)

    page.goto(f"{app_url}/sandbox?sandbox=chongqing-2024&change=deductible.retired:50&lang=zh")
    wait_for_app(page)
    images = exported_texts(page)
    assert images and all("来源：" in image for image in images)
    assert "沙盘改动：起付标准·退休=50.00" in images[0].replace(" ", "")
