"""Every chart kind says what it shows: a title naming the case or the simulated population and the policies
with their dates, axis titles with units, money ticks written like every other amount."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from calculator.comparison import compare
from calculator.money import format_rounded_yuan, format_yuan
from calculator.population import PopulationAssumptions, population_report
from calculator.registry import default_registry
from calculator.scenario import parse_scenario
from dashboard import charts, compute, whatif_charts
from dashboard.i18n import speaking, t

REGISTRY = default_registry()
BEFORE, AFTER = REGISTRY.pair("chongqing")
PERSON = parse_scenario(
    {
        "status": "retired",
        "age": 62,
        "spending": "2800",
        "level": 2,
        "references": {"cq_prior_year_average_wage": "100000"},
    }
)
CASE = "退休·62岁"
YUAN_UNIT = re.compile(r"（元|（万元|（%|yuan|thousand")


def title_of(figure) -> str:
    """The title block as one text (lines are wrapped for a phone, anywhere in Chinese)."""
    return re.sub(r"<[^>]+>", "", figure.layout.title.text)


def axis_title(axis) -> str:
    return axis.title.text or ""


def assert_names_pair(title: str) -> None:
    flat = title
    assert BEFORE.title.zh in flat and AFTER.title.zh in flat
    assert "2023年12月31日" in flat and "2024年1月1日" in flat  # the dates, from the policy files
    assert "来源：" in flat


@pytest.fixture(scope="module")
def comparison():
    return compare(PERSON, BEFORE, AFTER)


def test_money_flow_names_the_case_pair_source_and_units(comparison):
    figure = charts.money_flow({"before": comparison.before, "after": comparison.after}, case=CASE)
    title = title_of(figure)
    assert CASE in title and "改革前后" in title
    assert_names_pair(title)
    assert axis_title(figure.layout.xaxis) == "金额（元）"
    assert [trace.name for trace in figure.data] == ["改革前", "改革后"]
    # the after bars say the engine's own figures, written like the tables
    assert figure.data[1].text[3] == format_yuan(comparison.after.cash_paid)


def test_money_flow_with_only_the_after_side_is_titled_so_and_has_a_legend(comparison):
    figure = charts.money_flow({"after": comparison.after}, case="小杨")
    title = title_of(figure)
    assert "仅改革后" in title and "小杨" in title and AFTER.title.zh in title
    assert BEFORE.title.zh not in title
    assert figure.layout.showlegend is True and [trace.name for trace in figure.data] == ["改革后"]


def test_spending_sweep_names_case_and_pair_and_both_axes_carry_yuan(comparison):
    sweep = compute._sweep_cached.__wrapped__(compute.scenario_key(PERSON), BEFORE.id, AFTER.id, 6000)
    figure = charts.spending_sweep(
        sweep,
        PERSON.total_spending,
        {"before": comparison.before.cash_paid, "after": comparison.after.cash_paid},
        {"before": comparison.before.closing_balance, "after": comparison.after.closing_balance},
        case=CASE,
        policies=(BEFORE, AFTER),
    )
    title = title_of(figure)
    assert CASE in title
    assert_names_pair(title)
    assert axis_title(figure.layout.xaxis) == "全年门诊费用（元）"
    assert axis_title(figure.layout.yaxis) == "金额（元）"


def test_region_cash_lists_only_what_it_draws_and_marks_a_coinciding_line():
    spendings = [Decimal(0), Decimal(1000), Decimal(2000)]
    same = [Decimal(0), Decimal("100.00"), Decimal("400.00")]
    figure = charts.region_cash(
        [
            ("甲", spendings, same),
            ("乙", spendings, list(same)),
            ("丙", spendings, [None, None, None]),
        ],
        Decimal(1500),
        case=CASE,
        policies=[AFTER],
        missing=["丁（需要对账单上的年度划入额）"],
    )
    names = [trace.name for trace in figure.data]
    assert names == ["甲", "乙（与甲相同）"]
    assert figure.data[0].line.width > figure.data[1].line.width and figure.data[1].line.dash == "dash"
    title = title_of(figure)
    assert (
        CASE in title
        and "未绘出：" in title
        and "丙（无法计算）" in title
        and "丁（需要对账单上的年度划入额）" in title
    )
    assert axis_title(figure.layout.yaxis) == "现金自付（元）"


def test_what_if_gains_says_what_changed_and_has_a_readable_axis_when_nothing_changed():
    figure = charts.what_if_gains(["甲", "乙"], [Decimal(0), Decimal(0)], policies=(AFTER, AFTER), changes=None)
    title = title_of(figure)
    assert "沙盘未改动任何参数" in title and AFTER.title.zh in title
    ticks = list(figure.layout.xaxis.ticktext)
    assert len(set(ticks)) == len(ticks), ticks  # no "¥-1 ¥-1 ¥0 ¥1 ¥1"
    assert "¥0" in ticks and "-¥10" in ticks and "¥10" in ticks
    changed = charts.what_if_gains(
        ["甲"], [Decimal("-1395.50")], policies=(AFTER, AFTER), changes=["起付标准·退休 = 300"]
    )
    assert "沙盘改动：起付标准·退休 = 300" in title_of(changed)
    assert changed.data[0].text[0] == "-¥1,395.50"
    assert "-¥1,000" in changed.layout.xaxis.ticktext  # one minus convention on axis and bar
    assert "元" in axis_title(changed.layout.xaxis)


@pytest.fixture(scope="module")
def report():
    return population_report(BEFORE, AFTER, PopulationAssumptions(size=3000)).as_dict()


def test_population_charts_say_simulated_name_the_measure_and_the_pair(report):
    rows = report["by_age"]
    outcomes = ("gainers", "losers", "unchanged")
    shares = charts.outcome_shares(
        [row["group"] for row in rows],
        {o: [row["cash"]["shares"][o] for row in rows] for o in outcomes},
        {o: [row["cash"][o] for row in rows] for o in outcomes},
        breakdown="按年龄段",
        measure="现金支出",
        policies=(BEFORE, AFTER),
    )
    histogram = charts.change_histogram(
        report["change_histograms"]["cash"],
        measure="现金支出",
        change_axis="现金支出变化（元）",
        policies=(BEFORE, AFTER),
    )
    flow = charts.population_flow(
        ["a", "b", "c"],
        [report["flow"]["per_10000"][k] for k in ("credits_removed", "pooled_added", "net")],
        ["x", "y", "z"],
        basis="每万名参保人",
        policies=(BEFORE, AFTER),
    )
    for figure in (shares, histogram, flow):
        title = title_of(figure)
        assert "模拟人群" in title and "模拟人群——假设见本页" in title
        assert_names_pair(title)
        assert YUAN_UNIT.search(axis_title(figure.layout.yaxis)) or "对数" in axis_title(figure.layout.yaxis)
    assert "现金支出" in title_of(shares) and "现金支出" in title_of(histogram)
    assert histogram.layout.yaxis.type == "log" and "对数刻度" in axis_title(histogram.layout.yaxis)
    assert shares.layout.yaxis.title.text == "占比（%，按人数）"
    assert all(text.endswith("万元") or text.startswith("¥") for text in flow.layout.yaxis.ticktext)


def test_one_money_format_and_the_rounded_aggregate():
    assert format_yuan(Decimal("-1395.5")) == "-¥1,395.50"
    assert format_yuan(Decimal("12"), signed=True) == "+¥12.00"
    assert format_yuan(Decimal("0"), signed=True) == "¥0.00"
    assert format_yuan(Decimal("-1399.5"), whole=True) == "-¥1,400"
    assert format_rounded_yuan(Decimal("232442840.19")) == "23,244.3 万元"
    assert format_rounded_yuan(Decimal("232442840.19"), "en") == "¥232,443 thousand"
    assert format_rounded_yuan(Decimal("-5000.40")) == "-¥5,000"


def test_titles_fit_a_phone_and_start_below_the_toolbar(comparison):
    figure = charts.money_flow({"before": comparison.before, "after": comparison.after}, case=CASE)
    for line in figure.layout.title.text.split("<br>"):
        text = re.sub(r"<[^>]+>", "", line)
        assert charts._units(text) <= charts.NOTE_UNITS, text
    assert figure.layout.title.yref == "container"
    assert (1 - figure.layout.title.y) * figure.layout.height >= charts.TOOLBAR_PX


def test_a_wrapped_title_never_starts_a_line_with_a_closing_mark_or_ends_one_with_an_opening_mark():
    """A legend entry like 「重庆市职工医保（改革前，至2023年12月31日）」 broken for a phone keeps "日）" together,
    and every character of the text is kept."""
    texts = [
        "重庆市职工医保（改革前，至2023年12月31日）",
        "国家指导意见框架模板（国办发〔2021〕14号）（与重庆市职工医保门诊共济（2024年1月1日起）相同）",
        "资金流向（改革前后）：老李／李某某（62岁，退休）",
    ]
    for text in texts:
        for units in (20, 30, 40, 44):
            lines = charts.wrap(text, units)
            assert "".join(lines) == text
            assert all(len(lines) == 1 or charts._units(line) <= units + 2 for line in lines)
            assert not any(line[0] in "）」》，。、；：" for line in lines[1:]), lines
            assert not any(line[-1] in "（「《" for line in lines), lines
    assert charts.wrap("重庆市职工医保（改革前，至2023年12月31日）", 40) == [
        "重庆市职工医保（改革前，至2023年12月31",
        "日）",
    ]


def test_the_ledger_axis_writes_money_like_every_other_amount():
    """In service from 30 on an 80,000 base, spending 200 a year (paid from the account on both sides): the
    account gets 3.3% before and 2% after until 34 (1,040 less a year), 3.5% against 2% from 35 (1,200 less),
    so after ten years the running net difference is −5 × 1,040 − 5 × 1,200 = −11,200. Its axis reads
    "-¥10,000" as the tables and bars do, never plotly's "¥−10,000"."""
    from calculator.projection import ProjectionInput, project
    from dashboard import ledger_chart

    scenario = parse_scenario(
        {"status": "in_service", "age": 30, "contribution_base": 80000, "visits": [{"amount": 200, "level": 2}]}
    )
    ledger = project(scenario, BEFORE, AFTER, ProjectionInput(years=10, start_year=2024))
    figure = ledger_chart.cumulative_lines(ledger, "")
    net = figure.data[-1]
    assert net.y[-1] == -11_200.0
    ticks = list(figure.layout.yaxis.ticktext)
    assert ticks == [format_yuan(Decimal(value), whole=True) for value in figure.layout.yaxis.tickvals]
    assert "-¥10,000" in ticks and not any("−" in tick for tick in ticks)
    assert figure.layout.yaxis.tickprefix is None


@pytest.mark.parametrize(
    ("code", "words"),
    [("en", "what the what-if changes (per 10,000 insured)"), ("zh", "沙盘修改带来的变化（每万名参保人）")],
)
def test_the_what_if_changes_title_writes_its_basis_as_part_of_the_sentence(code, words):
    """The basis stands alone as the legend and the data column ("Per 10,000 insured"); inside the title's
    sentence it is in lower case in English."""
    with speaking(code):
        basis = t("sbpop.per_10000")
        figure = whatif_charts.what_if_changes(
            ["a", "b"], [Decimal("120.00"), Decimal("-35.50")], basis=basis, policies=(BEFORE, AFTER), changes=None
        )
    title = re.sub(r"\s+", " ", re.sub(r"<br>", " ", figure.layout.title.text))  # a wrapped line reads on
    title = re.sub(r"<[^>]+>", "", title)
    assert words in title, title
    if code == "en":
        assert "(Per 10,000" not in title
        assert basis == "Per 10,000 insured" and figure.data[0].name == basis  # the legend keeps its capital
