"""The data behind the charts and tables, downloaded through the real page in Chromium.

Lao Li (retired, 62, 2,800 yuan at level 2 in Chongqing, 2,525 credited before the reform by his
statement): by hand, after the reform 105 × 12 = 1,260 is credited, (2,800 − 100) × 70% = 1,890 is
pooled, his own 910 comes from the account and 350 is left; before, the 2,525 credit pays first and
275 is cash.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import expect

from dashboard.downloads import read
from tests.e2e.conftest import SCREENSHOTS, UPDATE_MS, wait_for_app

LAOLI = {"status": "retired", "age": "62", "spending": "2800", "level": "2", "credit_before": "2525"}


def download(page, name: str) -> tuple[str, bytes]:
    """Click the download button called ``name``; the file's suggested name and its bytes."""
    button = page.get_by_role("button", name=name)
    button.scroll_into_view_if_needed(timeout=UPDATE_MS)
    expect(button).to_be_visible()
    with page.expect_download() as event:
        button.click()
    return event.value.suggested_filename, Path(event.value.path()).read_bytes()


def test_my_case_results_and_chart_data_download_with_the_case_in_the_header(page, app_url):
    page.goto(f"{app_url}/?{urlencode(LAOLI)}")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main.locator('[data-testid="stMetricValue"]').first).to_have_text("¥0.00", timeout=UPDATE_MS)

    name, raw = download(page, "下载结果（CSV）")
    assert name == "门诊共济测算_我的测算_测算结果_重庆.csv"
    assert raw.startswith(b"\xef\xbb\xbf")
    head, rows = read(raw)
    lines = {line[0]: line[1:] for line in head}
    assert lines["改革前政策"][0] == "chongqing-pre2024" and lines["改革后政策"][0] == "chongqing-2024"
    assert lines["年龄（岁）"] == ["62"] and lines["年度门诊费用（元）"] == ["2800.00"]
    assert lines["改革前年度划入（对账单）（元）"] == ["2525.00"]
    by_item = {row["项目"]: row for row in rows}
    assert by_item["个人账户划入"]["改革后（元）"] == "1260.00"
    assert by_item["医保报销合计"]["改革后（元）"] == "1890.00"
    assert by_item["个人账户支付"]["改革后（元）"] == "910.00"
    assert by_item["现金自付"] == {
        "项目": "现金自付",
        "改革前（元）": "275.00",
        "改革后（元）": "0.00",
        "变化（元）": "-275.00",
    }
    assert by_item["年末账户余额"]["变化（元）"] == "350.00"

    name, raw = download(page, "下载数据（CSV）：资金流向")
    assert name == "门诊共济测算_我的测算_资金流向_重庆.csv"
    _, rows = read(raw)
    drawn = page.evaluate(
        "() => { const plot = document.querySelectorAll('.js-plotly-plot')[0];"
        " return plot.data.map(trace => ({name: trace.name, x: trace.x, y: trace.y})); }"
    )
    for trace in drawn:  # the file holds what the browser drew, bar by bar
        assert [row["项目"] for row in rows] == trace["y"]
        assert [float(row[f"{trace['name']}（元）"]) for row in rows] == trace["x"]
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()  # the screenshot: the chart, its button
    page.wait_for_timeout(300)
    page.screenshot(path=str(SCREENSHOTS / "test_my_case_download.png"))


def test_regions_chart_data_downloads_with_one_column_per_line_drawn(page, app_url):
    page.goto(f"{app_url}/regions?{urlencode(LAOLI)}")
    wait_for_app(page)
    plot = page.locator(".js-plotly-plot").first
    plot.scroll_into_view_if_needed(timeout=UPDATE_MS)
    expect(plot).to_be_visible(timeout=UPDATE_MS)
    name, raw = download(page, "下载数据（CSV）：各地现金自付曲线")
    assert name == "门诊共济测算_地区对比_各地现金自付曲线.csv"
    assert raw.startswith(b"\xef\xbb\xbf")
    head, rows = read(raw)
    assert sum(line[0] == "政策" for line in head) >= 7  # every policy compared, by id and title
    assert ["年龄（岁）", "62"] in head
    drawn = page.evaluate(
        "() => Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map(plot => plot.data.map(trace => ({x: trace.x, y: trace.y})))[0]"
    )
    columns = list(rows[0])[1:]
    assert len(columns) == len(drawn)
    for column, trace in zip(columns, drawn, strict=True):
        assert [float(row["全年门诊费用（元）"]) for row in rows] == trace["x"]
        assert [None if row[column] == "" else float(row[column]) for row in rows] == trace["y"]
    assert ["您的全年门诊费用（图中竖线）（元）", "2800.00"] in head  # the line drawn at Lao Li's spending
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    page.screenshot(path=str(SCREENSHOTS / "test_regions_download.png"), full_page=True)
