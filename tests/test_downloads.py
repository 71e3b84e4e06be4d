"""The CSV behind every chart and table: the file says what the chart draws, to the fen, and opens in Excel.

Each chart's file is read back and compared with the plotly figure's own traces (the numbers the browser
draws); the pages are run (AppTest) to check that every chart drawn has its file, made from that very
figure, and every table its file. Expected money is hand arithmetic from the Chongqing rules
(实施细则 art. 4, 5, 9): 老李, retired, 62, 2,800 yuan at level 2, credit before 2,525 from his statement.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
import streamlit

from calculator.cli import batch
from calculator.comparison import compare
from calculator.population import PopulationAssumptions, population_report
from calculator.projection import parse_projection_input, project
from calculator.registry import default_registry
from calculator.scenario import parse_scenario
from calculator.spreadsheet import inert
from dashboard import charts, compute, downloads, ledger_chart
from dashboard.i18n import speaking
from dashboard.population_export import FLOW_KEYS
from tests.dashboard_helpers import start

REGISTRY = default_registry()
BEFORE, AFTER = REGISTRY.pair("chongqing")
LAOLI = parse_scenario({"status": "retired", "age": 62, "spending": "2800", "level": 2, "credit_before": "2525"})
LAOLI_LINK = {"status": "retired", "age": "62", "spending": "2800", "level": "2", "credit_before": "2525"}
TODAY = dt.date(2026, 11, 23)


def read_back(figure) -> tuple[list[list[str]], list[dict[str, str]]]:
    """The chart's file, written and read back as a spreadsheet would see it."""
    return downloads.read(downloads.csv_bytes(charts.data_of(figure), what=("测试",), today=TODAY))


def number(text: str) -> float | None:
    return None if text == "" else float(text)


def yuan_column(name: str) -> str:
    return f"{name}（元）"


@pytest.fixture(scope="module")
def laoli():
    return compare(LAOLI, BEFORE, AFTER)


# -- the file itself ------------------------------------------------------------------------------------


def test_the_file_starts_with_a_bom_names_its_policies_inputs_and_date_and_money_is_to_the_fen(laoli):
    figure = charts.money_flow({"before": laoli.before, "after": laoli.after}, case="老李")
    raw = downloads.csv_bytes(
        charts.data_of(figure),
        what=("我的测算", "资金流向", "重庆"),
        header=downloads.case_lines(LAOLI, BEFORE, AFTER),
        today=TODAY,
    )
    assert raw.startswith(b"\xef\xbb\xbf")  # Chinese Excel reads UTF-8 only with the byte-order mark
    head, rows = downloads.read(raw)
    lines = {line[0]: line[1:] for line in head}
    assert head[0] == ["门诊共济测算 · 我的测算 · 资金流向 · 重庆"]
    assert lines["改革前政策"] == ["chongqing-pre2024", charts.policy_label(BEFORE)]
    assert lines["改革后政策"] == ["chongqing-2024", charts.policy_label(AFTER)]
    assert lines["地区"] == ["重庆"]
    assert lines["身份（在职/退休）"] == ["退休"] and lines["年龄（岁）"] == ["62"]
    assert lines["年度门诊费用（元）"] == ["2800.00"] and lines["医疗机构等级"] == ["二级"]
    assert lines["改革前年度划入（对账单）（元）"] == ["2525.00"]
    assert lines["生成日期"] == ["2026-11-23"]
    assert "正式待遇以医保经办机构结算为准" in lines["说明"][0]
    by_item = {row["项目"]: row for row in rows}
    # hand arithmetic: after, 105 × 12 = 1,260 credited; (2,800 − 100) × 70% = 1,890 pooled; the own 910
    # from the account, 350 left; before, the 2,525 credit pays first and 275 is cash
    assert by_item["个人账户划入"] == {"项目": "个人账户划入", "改革前（元）": "2525.00", "改革后（元）": "1260.00"}
    assert by_item["医保报销合计"]["改革后（元）"] == "1890.00"
    assert by_item["个人账户支付"]["改革后（元）"] == "910.00"
    assert by_item["现金自付"] == {"项目": "现金自付", "改革前（元）": "275.00", "改革后（元）": "0.00"}
    assert by_item["年末账户余额"]["改革后（元）"] == "350.00"
    for side in ("改革前（元）", "改革后（元）"):  # read from the file: credit = account paid + balance left
        credit, paid, left = (Decimal(by_item[item][side]) for item in ("个人账户划入", "个人账户支付", "年末账户余额"))
        assert credit == paid + left


def test_a_published_default_standing_in_for_a_missing_figure_is_named_as_secondary():
    person = parse_scenario({"status": "retired", "age": 62, "spending": "2800", "level": 2})
    lines = downloads.header_rows(["我的测算"], downloads.case_lines(person, BEFORE, AFTER), [], TODAY)
    reference = BEFORE.references["cq_prior_year_average_wage"]
    published = reference.default
    assert [
        f"改革前所用默认值·{reference.label.zh}（元）",
        f"{published.value:.2f}",
        f"{published.publisher.zh}公布的{published.year}年数值，二手资料",
    ] in lines
    assert not any(
        "默认值" in line[0] for line in downloads.header_rows([], downloads.case_lines(LAOLI, BEFORE, AFTER), [], TODAY)
    )


def test_visits_are_listed_as_the_command_line_writes_them():
    person = parse_scenario(
        {
            "status": "in_service",
            "age": 40,
            "contribution_base": "80000",
            "visits": [
                {"amount": "100", "level": 2},
                {"amount": "80", "level": 3, "pharmacy": True, "other_paid": "30"},
            ],
        }
    )
    lines = dict(downloads.person_lines(person))
    assert lines["就诊明细"] == "100.00@2; 80.00@3:pharmacy:other=30.00"
    assert lines["缴费基数"] == Decimal("80000") and "年度门诊费用" not in lines


def test_formula_like_cells_are_made_inert_with_batchs_own_guard():
    assert batch.inert is inert  # one guard for every CSV the project writes
    raw = downloads.csv_bytes(
        [{"人员": '=HYPERLINK("http://x")', "得失": Decimal("-12.50"), "备注": "+1+1", "人数": -3}],
        what=("@危险",),
        header=[("来源", "-cmd|' /C calc'!A0"), ("=SUM(A1)", Decimal("-1.005"))],
        today=TODAY,
    )
    head, rows = downloads.read(raw)
    assert head[0] == ["门诊共济测算 · @危险"]  # the title starts with the product's name, never a formula
    assert ["来源", "'-cmd|' /C calc'!A0"] in head
    assert ["'=SUM(A1)（元）", "-1.01"] in head  # money half up to the fen, a negative number stays a number
    assert rows == [{"人员": '\'=HYPERLINK("http://x")', "得失（元）": "-12.50", "备注": "'+1+1", "人数": "-3"}]


def test_units_go_into_column_names_in_either_language(monkeypatch):
    rows = [{"现金自付": Decimal("1.00"), "人数": 3, "占比": 0.25}]
    _, zh = downloads.read(downloads.csv_bytes(rows, what=(), units={"人数": "persons", "占比": "share"}))
    assert list(zh[0]) == ["现金自付（元）", "人数（人）", "占比（占比，0–1）"]
    monkeypatch.setattr(downloads, "lang", lambda: "en")
    monkeypatch.setattr("dashboard.i18n.lang", lambda: "en")
    rows = [{"Cash": Decimal("1.00"), "Persons": 3}]
    head, en = downloads.read(downloads.csv_bytes(rows, what=("My case",), units={"Persons": "persons"}))
    assert list(en[0]) == ["Cash (yuan)", "Persons (persons)"]
    assert head[0] == ["Outpatient mutual-aid calculator · My case"]
    assert downloads.file_name(["My case", "money flow", "Chongqing"]) == (
        "Outpatient-mutual-aid-calculator_My-case_money-flow_Chongqing.csv"
    )


def test_a_file_is_worked_out_when_clicked_in_the_language_of_the_page_that_drew_its_button():
    asked: list[str] = []

    def table():
        asked.append("table")
        return [{"Cash": Decimal("1.00"), "Persons": 3}]

    def header():
        asked.append("header")
        return [("Region", "Chongqing")]

    with speaking("en"):  # the page run that draws the button, in English
        write = downloads.csv_file(table, what=("My case",), header=header, units={"Persons": "persons"})
    assert asked == []  # a page run pays nothing for a file nobody downloads
    head, rows = downloads.read(write())  # the click, later, outside that run
    assert asked == ["table", "header"]
    assert head[0] == ["Outpatient mutual-aid calculator · My case"]
    assert ["Region", "Chongqing"] in head
    assert rows == [{"Cash (yuan)": "1.00", "Persons (persons)": "3"}]


def test_file_names_are_plain_words_with_the_case():
    assert downloads.file_name(["我的测算", "", "重庆"]) == "门诊共济测算_我的测算_重庆.csv"
    assert downloads.file_name(["官方案例", "资金流向", "老李／李某某（62岁，退休）"]) == (
        "门诊共济测算_官方案例_资金流向_老李／李某某（62岁，退休）.csv"
    )
    assert downloads.file_name(["a/b", "c:d"]) == "门诊共济测算_a-b_c-d.csv"  # nothing a file system refuses


def test_a_table_frame_keeps_counts_and_booleans_readable():
    frame = pd.DataFrame(
        [{"案例": "老李", "核对项数": 10, "一致": True}, {"案例": "小杨", "核对项数": 5, "一致": False}]
    )
    _, rows = downloads.read(downloads.csv_bytes(frame, what=(), units={"核对项数": "count"}))
    assert rows == [
        {"案例": "老李", "核对项数（个）": "10", "一致": "是"},
        {"案例": "小杨", "核对项数（个）": "5", "一致": "否"},
    ]


# -- every chart: its file and its traces agree ----------------------------------------------------------


def assert_money_flow(figure, rows):
    assert [row["项目"] for row in rows] == list(figure.data[0].y)
    for trace in figure.data:
        assert [number(row[yuan_column(trace.name)]) for row in rows] == list(trace.x)


def test_money_flow_file_is_what_the_bars_draw(laoli):
    figure = charts.money_flow({"before": laoli.before, "after": laoli.after}, case="老李")
    _, rows = read_back(figure)
    assert_money_flow(figure, rows)
    only_after = charts.money_flow({"after": laoli.after}, case="小杨")
    _, rows = read_back(only_after)
    assert list(rows[0]) == ["项目", "改革后（元）"]
    assert_money_flow(only_after, rows)


def assert_sweep(figure, rows, notes):
    curve = [row for row in rows if row["标记"] == ""]
    spending = yuan_column("全年门诊费用")
    for trace in figure.data[:4]:
        assert [number(row[spending]) for row in curve] == list(trace.x)
        assert [number(row[yuan_column(trace.name)]) for row in curve] == list(trace.y)
    you = figure.data[4]
    (marked,) = [row for row in rows if row["标记"] == you.name]
    assert [number(marked[spending])] * 4 == list(you.x)
    assert [number(marked[yuan_column(trace.name)]) for trace in figure.data[:4]] == list(you.y)
    lines = [shape.x0 for shape in figure.layout.shapes]
    assert [number(value[0]) for label, *value in notes if label.startswith("盈亏平衡点")] == lines


def test_spending_sweep_file_is_what_the_lines_and_the_marker_draw(laoli):
    sweep = compute._sweep_cached.__wrapped__(compute.scenario_key(LAOLI), BEFORE.id, AFTER.id, 10000)
    figure = charts.spending_sweep(
        sweep,
        LAOLI.total_spending,
        {"before": laoli.before.cash_paid, "after": laoli.after.cash_paid},
        {"before": laoli.before.closing_balance, "after": laoli.after.closing_balance},
        case="老李",
        policies=(BEFORE, AFTER),
    )
    head, rows = read_back(figure)
    assert_sweep(figure, rows, head)
    (you,) = [row for row in rows if row["标记"] == "您的情况"]
    assert you["全年门诊费用（元）"] == "2800.00" and you["年末余额·改革后（元）"] == "350.00"
    assert you["现金自付·改革前（元）"] == "275.00"


def assert_region_cash(figure, rows):
    columns = list(rows[0])[1:]
    assert len(columns) == len(figure.data)
    for column, trace in zip(columns, figure.data, strict=True):
        assert [number(row["全年门诊费用（元）"]) for row in rows] == list(trace.x)
        assert [number(row[column]) for row in rows] == list(trace.y)


def test_region_cash_file_has_one_column_per_line_drawn_and_names_what_is_not_drawn():
    spendings = [Decimal(0), Decimal(1000), Decimal(2000)]
    same = [Decimal(0), Decimal("100.00"), Decimal("400.00")]
    figure = charts.region_cash(
        [("甲", spendings, same), ("乙", spendings, list(same)), ("丙", spendings, [None, None, None])],
        Decimal(1500),
        policies=[AFTER],
        missing=["丁（需要对账单上的年度划入额）"],
    )
    head, rows = read_back(figure)
    assert list(rows[0]) == ["全年门诊费用（元）", "甲（元）", "乙（元）"]  # 乙 is drawn too, dashed over 甲
    assert_region_cash(figure, rows)
    assert ["您的全年门诊费用（图中竖线）（元）", "1500.00"] in head
    assert ["未画出", "丁（需要对账单上的年度划入额）"] in head and ["未画出", "丙（无法计算）"] in head


def assert_gains(figure, rows):
    (trace,) = figure.data
    assert [row["人员"] for row in rows] == list(trace.y)
    assert [number(row["得失（正数为得）（元）"]) for row in rows] == list(trace.x)


def test_what_if_gains_file_is_what_the_bars_draw():
    figure = charts.what_if_gains(
        ["甲", "=乙"], [Decimal("-1395.50"), Decimal("20.00")], policies=(AFTER, AFTER), changes=["起付标准 = 300"]
    )
    head, rows = read_back(figure)
    assert_gains(figure, [{**row, "人员": row["人员"].removeprefix("'")} for row in rows])
    assert rows[1]["人员"] == "'=乙"  # a name that looks like a formula stays text
    assert ["政策调整", "沙盘改动：起付标准 = 300"] in head


@pytest.fixture(scope="module")
def report():
    return population_report(BEFORE, AFTER, PopulationAssumptions(size=3000)).as_dict()


def assert_shares(figure, rows):
    for trace in figure.data:
        assert [row[next(iter(row))] for row in rows] == list(trace.x)
        assert [number(row[f"{trace.name}占比（占比，0–1）"]) for row in rows] == list(trace.y)
        assert [int(row[f"{trace.name}（人）"]) for row in rows] == list(trace.customdata)


def assert_population_flow(figure, rows):
    (trace,) = figure.data
    assert [row["项目"] for row in rows] == list(trace.x)
    assert [number(row[yuan_column(trace.name)]) for row in rows] == list(trace.y)
    assert [row["页面显示（取整）"] for row in rows] == list(trace.text)


def assert_histogram(figure, rows):
    (trace,) = figure.data
    label = next(iter(rows[0]))
    assert [row[label] for row in rows] == list(trace.x)
    assert [int(row["人数（人）"]) for row in rows] == list(trace.customdata)
    assert [int(row["人数（人）"]) or None for row in rows] == list(trace.y)  # a log axis leaves 0 out


def test_population_chart_files_are_what_the_charts_draw(report):
    outcomes = ("gainers", "losers", "unchanged")
    rows = report["by_age"]
    shares = charts.outcome_shares(
        [row["group"] for row in rows],
        {o: [row["cash"]["shares"][o] for row in rows] for o in outcomes},
        {o: [row["cash"][o] for row in rows] for o in outcomes},
        breakdown="按年龄段",
        measure="现金支出",
        policies=(BEFORE, AFTER),
    )
    head, table = read_back(shares)
    assert_shares(shares, table)
    assert ["口径", "现金支出"] in head
    for row, source in zip(table, rows, strict=True):  # the persons of each group add up
        assert sum(int(row[f"{name}（人）"]) for name in ("受益", "受损", "不变")) == source["persons"]
    flow = charts.population_flow(
        ["减少划入", "增加统筹", "净额"],
        [report["flow"]["per_10000"][k] for k in FLOW_KEYS],
        ["x", "y", "z"],
        basis="每万名参保人",
        policies=(BEFORE, AFTER),
    )
    _, table = read_back(flow)
    assert_population_flow(flow, table)
    assert [row["每万名参保人（元）"] for row in table] == [
        f"{Decimal(report['flow']['per_10000'][k]):.2f}" for k in FLOW_KEYS
    ]  # exact to the fen, where the page prints 万元
    histogram = charts.change_histogram(
        report["change_histograms"]["cash"], measure="现金支出", change_axis="现金支出变化", policies=(BEFORE, AFTER)
    )
    _, table = read_back(histogram)
    assert_histogram(histogram, table)
    assert sum(int(row["人数（人）"]) for row in table) == 3000


def assert_ledger(figure, rows):
    for trace in figure.data:
        assert [int(row["年份（年）"]) for row in rows] == list(trace.x)
        assert [number(row[yuan_column(trace.name)]) for row in rows] == list(trace.y)


def test_ledger_chart_files_are_what_the_lines_draw_with_the_marked_years():
    person = parse_scenario(
        {
            "status": "in_service",
            "age": 58,
            "contribution_base": "60000",
            "spending": "3000",
            "level": 2,
            "references": {"cq_prior_year_average_wage": "100000"},
        }
    )
    ledger = project(person, BEFORE, AFTER, parse_projection_input({"years": 14, "retire_age": 60}))
    balances = ledger_chart.balance_lines(ledger, "测试")
    head, rows = read_back(balances)
    assert_ledger(balances, rows)
    assert ["2026 退休", "2026"] in head and ["2036 满 70 岁", "2036"] in head
    cumulative = ledger_chart.cumulative_lines(ledger, "测试")
    _, rows = read_back(cumulative)
    assert_ledger(cumulative, rows)
    # tests/test_projection.py's hand arithmetic: 12,240 ahead after 14 years, 3,720 left in the account
    assert rows[-1]["累计净差（改革后更有利为正）（元）"] == "12240.00"
    _, balance_rows = read_back(balances)
    assert balance_rows[-1]["余额·改革后（元）"] == "3720.00"


# -- every page: a file under every chart (made from that figure) and under every table --------------------


def assert_bars(figure, rows):
    """Bars by category: the first column is the x axis, one column per trace (money in yuan, or persons);
    a log-scale histogram leaves an empty band as no bar (None) where the file says 0."""
    label = next(iter(rows[0]))
    for trace in figure.data:
        assert [row[label] for row in rows] == list(trace.x)
        column = next(name for name in rows[0] if name.startswith(trace.name))
        assert [number(row[column]) for row in rows] == [value or 0 for value in trace.y]


CHECKS = {
    "资金流向": assert_money_flow,
    "不同费用下的结果": assert_sweep,
    "各地现金自付曲线": assert_region_cash,
    "得失": assert_gains,
    "按年龄段": assert_shares,
    "按身份": assert_shares,
    "按参保档次": assert_shares,
    "按费用十分位": assert_shares,
    "资金流向图": assert_population_flow,
    "变化分布": assert_histogram,
    "逐年余额": assert_ledger,
    "累计现金与净差": assert_ledger,
    "人群金额变化图": assert_bars,
    "人群分组受益与受损": assert_shares,
    "人群现金变化分布": assert_bars,
    "资金平移": assert_bars,
}


@pytest.fixture
def recorder(monkeypatch):
    """Every figure a page draws, every chart file and every table file it offers, in page order."""
    seen: dict[str, list] = {"drawn": [], "charts": [], "files": [], "tables": 0}
    plotly_chart, dataframe, static = streamlit.plotly_chart, streamlit.dataframe, streamlit.table
    csv_button, chart_button = downloads.csv_button, downloads.chart_button

    def drawn(figure, *args, **kwargs):
        seen["drawn"].append(figure)
        return plotly_chart(figure, *args, **kwargs)

    def table(*args, **kwargs):
        seen["tables"] += 1
        return dataframe(*args, **kwargs)

    def static_table(*args, **kwargs):  # a wrapped table to read (dashboard.reading_table) counts too
        seen["tables"] += 1
        return static(*args, **kwargs)

    def chart_file(figure, **options):
        seen["charts"].append((figure, options["name"], len(seen["files"])))  # its file is the next one
        return chart_button(figure, **options)

    def file(data, **options):
        raw = downloads.csv_bytes(data, what=(options["page"], options["name"]), header=options.get("header", ()))
        seen["files"].append((options["name"], raw))
        return csv_button(data, **options)

    monkeypatch.setattr(streamlit, "plotly_chart", drawn)
    monkeypatch.setattr(streamlit, "dataframe", table)
    monkeypatch.setattr(streamlit, "table", static_table)
    monkeypatch.setattr(downloads, "chart_button", chart_file)
    monkeypatch.setattr(downloads, "csv_button", file)
    return seen


PAGES = {
    "app_pages/my_case.py": (2, 0),
    "app_pages/ledger.py": (2, 1),
    "app_pages/examples.py": (1, 2),
    "app_pages/regions.py": (1, 2),
    "app_pages/sandbox.py": (5, 5),  # the nine people's table and chart, then the population block
    "app_pages/population.py": (6, 2),
    "app_pages/sources.py": (0, 1 + len(REGISTRY.policies)),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_every_chart_and_table_on_the_page_has_its_file(recorder, page):
    app = start(LAOLI_LINK, timeout=180)
    if page != "app_pages/my_case.py":
        recorder.update(drawn=[], charts=[], files=[], tables=0)
        app.switch_page(page).run(timeout=180)
    assert not app.exception
    drawn, offered = recorder["drawn"], [figure for figure, *_ in recorder["charts"]]
    charts_expected, tables_expected = PAGES[page]
    assert len(drawn) == charts_expected and len(offered) == len(drawn)
    assert all(a is b for a, b in zip(drawn, offered, strict=True))  # each file is made from the figure drawn
    assert recorder["tables"] == tables_expected
    table_files = len(recorder["files"]) - len(offered)
    assert table_files >= tables_expected  # My case adds its results file, without a table on screen
    buttons = [button for button in app.get("download_button") if button.key.startswith("csv.")]  # not the PDFs
    assert len(buttons) == len(recorder["files"])
    for figure, name, index in recorder["charts"]:
        written, raw = recorder["files"][index]
        head, rows = downloads.read(raw)
        assert written == name
        if name == "不同费用下的结果":
            assert_sweep(figure, rows, head)
        else:
            CHECKS[name](figure, rows)
    for _, raw in recorder["files"]:
        assert raw.startswith(b"\xef\xbb\xbf")
        head, rows = downloads.read(raw)
        assert rows, head  # never an empty table
        assert any(line[0] in ("改革前政策", "改革后政策", "政策", "基准政策") for line in head), head


def test_my_case_results_file_has_every_figure_and_the_change(recorder):
    app = start(LAOLI_LINK, timeout=180)
    assert not app.exception
    files = dict(recorder["files"])
    head, rows = downloads.read(files["测算结果"])
    by_item = {row["项目"]: row for row in rows}
    assert by_item["现金自付"] == {
        "项目": "现金自付",
        "改革前（元）": "275.00",
        "改革后（元）": "0.00",
        "变化（元）": "-275.00",
    }
    assert by_item["医保报销合计"]["变化（元）"] == "1890.00"
    assert by_item["年末账户余额"]["变化（元）"] == "350.00"
    assert ["改革前政策", "chongqing-pre2024", charts.policy_label(BEFORE)] in head
    assert ["年龄（岁）", "62"] in head
    labels = [button.label for button in app.get("download_button") if button.key.startswith("csv.")]
    assert labels == ["下载数据（CSV）：资金流向", "下载数据（CSV）：不同费用下的结果", "下载结果（CSV）"]


def test_in_english_the_files_speak_english_with_units(recorder):
    app = start({**LAOLI_LINK, "lang": "en"}, timeout=180)
    assert not app.exception
    files = dict(recorder["files"])
    head, rows = downloads.read(files["results"])
    assert head[0] == ["Outpatient mutual-aid calculator · My case · results"]
    lines = {line[0]: line[1:] for line in head}
    assert lines["Policy before"][0] == "chongqing-pre2024" and lines["age (years)"] == ["62"]
    assert lines["Made on"] and "official settlement" in lines["Note"][0]
    cash = next(row for row in rows if row["Item"] == "Cash out of pocket")
    assert cash == {
        "Item": "Cash out of pocket",
        "Before (yuan)": "275.00",
        "After (yuan)": "0.00",
        "Change (yuan)": "-275.00",
    }
    labels = [button.label for button in app.get("download_button") if button.key.startswith("csv.")]
    assert labels[-1] == "Download the results (CSV)" and "Download the data (CSV): money flow" in labels


def test_a_what_if_file_names_the_changed_parameter_and_the_gain_to_the_fen(recorder):
    app = start({**LAOLI_LINK}, timeout=180)
    app.query_params.update({"sandbox": "chongqing-2024", "change": "deductible.retired:300"})
    recorder.update(drawn=[], charts=[], files=[], tables=0)
    app.switch_page("app_pages/sandbox.py").run(timeout=180)
    assert not app.exception
    head, rows = downloads.read(dict(recorder["files"])["对我的影响"])
    changed = [line for line in head if line[0].startswith("政策调整·") and "[deductible.retired]" in line[0]]
    assert [line[1] for line in changed] == ["300.00"]
    assert ["基准政策", "chongqing-2024", charts.policy_label(AFTER)] in head
    (you,) = rows
    # by hand: a deductible of 300 instead of 100 pools (2,800 − 300) × 70% = 1,750, 140 less; Lao Li's own
    # share rises to 1,050, his 1,260 credit still pays it, 210 is left instead of 350: 140 worse off
    assert you["原政策：现金自付（元）"] == "0.00" and you["沙盘：现金自付（元）"] == "0.00"
    assert you["原政策：年末账户余额（元）"] == "350.00" and you["沙盘：年末账户余额（元）"] == "210.00"
    assert you["得失（正数为得）（元）"] == "-140.00"
