"""The population page quotes one measure from headline to chart at honest precision; the regions page
completes a retiree's case when given what a policy needs."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest

from calculator.population import PopulationAssumptions, population_report
from calculator.registry import default_registry
from calculator.scenario import parse_scenario
from calculator.settlement import settle_year
from dashboard.downloads import csv_bytes, read
from dashboard.population_export import report_rows
from tests.dashboard_helpers import shown_texts, start, unescape

POPULATION = "app_pages/population.py"
REGIONS = "app_pages/regions.py"
MEASURE_KEY = "pop.measure.zh"
TO_THE_FEN = re.compile(r"\d,\d{3}\.\d\d(?!\d)|¥\d[\d,]*\.\d\d")


def charts(app) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]


def plain_title(spec: dict) -> str:
    return re.sub(r"<[^>]+>", "", spec["layout"]["title"]["text"])


def headline(app) -> dict[str, float]:
    """Outcome → share shown in the headline, keyed by the metric's label."""
    return {metric.label: float(metric.value.rstrip("%")) / 100 for metric in app.metric}


def status_breakdown(app) -> dict[str, int]:
    """Outcome → persons, summed over the by-status chart's groups (every person is in one status)."""
    spec = next(spec for spec in charts(app) if "按身份" in plain_title(spec))
    return {trace["name"]: sum(trace["customdata"]) for trace in spec["data"]}


@pytest.fixture(scope="module")
def population():
    app = start(timeout=180)
    app.switch_page(POPULATION).run(timeout=180)
    assert not app.exception
    return app


def test_the_measure_governs_headline_breakdowns_and_histogram_together(population):
    app = population
    assert app.radio(key=MEASURE_KEY).value == "combined"  # the default is the combined measure
    seen = {}
    for measure, name in (("combined", "现金与账户合计"), ("cash", "现金支出")):
        app.radio(key=MEASURE_KEY).set_value(measure).run(timeout=180)
        shares = headline(app)
        assert set(shares) == {f"受益（{name}）", f"受损（{name}）", f"不变（{name}）"}
        counts = status_breakdown(app)
        total = sum(counts.values())
        # the headline's shares are the breakdown's counts over everyone: same measure, same figures
        assert shares[f"受益（{name}）"] == pytest.approx(round(counts["受益"] / total, 3), abs=1e-9)
        assert shares[f"受损（{name}）"] == pytest.approx(round(counts["受损"] / total, 3), abs=1e-9)
        for spec in charts(app)[1:]:  # every breakdown and the histogram say which measure they show
            assert name in plain_title(spec), plain_title(spec)
        assert any(name in text for text in (h.value for h in app.subheader))
        seen[measure] = (shares[f"受损（{name}）"], counts["受损"])
    assert seen["combined"] != seen["cash"]  # switching changed headline and breakdowns


def test_simulated_aggregates_are_rounded_on_the_page_and_titled_simulated(population):
    app = population
    texts = shown_texts(app) + [str(cell) for frame in app.dataframe for cell in frame.value.to_numpy().ravel()]
    flow = app.dataframe[0].value
    assert list(flow.columns) == ["", "每万名参保人"]  # no insured count given: per 10,000 and stop there
    assert all(str(cell).endswith("万元") for cell in flow["每万名参保人"])
    assert not [text for text in texts if TO_THE_FEN.search(text)]  # no simulated figure to the fen anywhere
    assert all(re.fullmatch(r"\d+\.\d%", metric.value) for metric in app.metric)  # shares to 0.1%
    for spec in charts(app):
        title = plain_title(spec)
        bold = re.sub(r"<[^>]+>", "", " ".join(re.findall(r"<b>(.*?)</b>", spec["layout"]["title"]["text"])))
        assert bold.startswith("模拟人群") and "模拟人群——假设见本页" in title, title
    status = " ".join(caption.value for caption in app.caption)
    assert re.search(r"测算于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d（北京时间）", status)


def test_a_recompute_with_unchanged_assumptions_says_it_reused_the_result(population):
    app = population
    before = " ".join(caption.value for caption in app.caption)
    moment = re.search(r"测算于 (\S+ \S+)（北京时间）", before).group(1)
    app.button[0].click().run(timeout=180)  # 重新测算, nothing changed
    after = " ".join(caption.value for caption in app.caption)
    assert f"测算于 {moment}（北京时间）" in after and "假设未变，未重新计算" in after


def test_the_download_has_the_exact_figures_to_the_fen():
    before, after = default_registry().pair("chongqing")
    report = population_report(before, after, PopulationAssumptions(size=5000)).as_dict()
    _, rows = read(csv_bytes(report_rows(report, lambda key: key), what=()))
    flows = {(row["group"], row["item"]): row["value"] for row in rows if row["section"] == "flow"}
    for basis in ("total", "per_10000"):
        for key in ("credits_removed", "pooled_added", "net"):
            exact = Decimal(report["flow"][basis][key])
            assert flows[(basis, key)] == f"{exact:.2f}"
        assert (
            Decimal(flows[(basis, "net")])
            == Decimal(flows[(basis, "credits_removed")]) - Decimal(flows[(basis, "pooled_added")])
            or basis == "per_10000"
        )  # per 10,000 each is rounded to the fen on its own
    overall = [row for row in rows if row["section"] == "overall" and row["unit"] == "persons"]
    for measure in ("cash", "balance", "combined"):
        assert sum(int(row["value"]) for row in overall if row["measure"] == measure) == 5000


def test_the_regions_page_completes_a_retirees_case_given_a_statement_credit():
    app = start({"status": "retired", "age": "62", "spending": "2800", "level": "2"}, timeout=120)
    app.switch_page(REGIONS).run(timeout=120)
    assert not app.exception
    tibet = "西藏自治区职工医保（改革前，至2021年12月31日）"
    table = app.table[0].value.set_index("政策")
    assert table.loc[tibet, "现金自付"] == "无法计算"
    app.text_input(key="rg.credit.tibet-pre2022").input("2525").run(timeout=120)
    table = app.table[0].value.set_index("政策")
    person = parse_scenario({"status": "retired", "age": 62, "spending": "2800", "level": 2})
    expected = settle_year(default_registry().get("tibet-pre2022"), person, Decimal("2525"))
    assert expected.cash_paid == Decimal("275.00")  # no pooling before the reform: 2,800 − 2,525 from the account
    assert table.loc[tibet, "现金自付"] == "¥275.00"
    assert table.loc[tibet, "划入依据"] == "对账单"
    # every policy completes once each is given what it needs
    for key in [widget.key for widget in app.text_input if widget.key.startswith("rg.credit.")]:
        app.text_input(key=key).input("1800")
    app.run(timeout=120)
    table = app.table[0].value
    assert "无法计算" not in set(table["现金自付"])
    spec = next(spec for spec in charts(app) if "各政策下现金自付" in plain_title(spec))
    assert len(spec["data"]) == len(table)  # the legend lists every policy, each drawn
    assert "未绘出" not in plain_title(spec)


def test_a_secondary_source_rule_behind_the_verdict_is_said_beside_it():
    """In service at 50 in Chongqing: the pre-reform credit (2% own + 1.7% employer at 45 and over) comes
    from public secondary sources, so the verdict it drives (80,000 × 3.7% = 2,960 credited before) carries
    the assumption in the page's language, right under it; at 40 (3.5%, read from the official example)
    there is none; a statement credit replaces the rule and the note goes."""

    def notes(app) -> list[str]:
        texts = [unescape(caption.value) for caption in app.caption]
        return [text for text in texts if "二手资料计算" in text or "secondary sources" in text]

    query = {"status": "in_service", "age": "50", "contribution_base": "80000", "spending": "3000"}
    app = start(query)
    verdicts = [alert.value for alert in app.success]
    assert verdicts and "¥320.00" in verdicts[0]  # 2,960 − 2,800 + 200 … the verdict the assumption drives
    assert notes(app) == [
        "改革前的「个人账户年度划入」按公开二手资料计算（45岁及以上：个人2% + 单位1.7%），正式文件未载——请以对账单上的划入额替换。"
    ]
    english = start({**query, "lang": "en"})
    assert notes(english) == [
        "Before the reform: 'Account credit for the year' rests on public secondary sources (own 2% + employer 1.7% at 45 and over), "
        "not the official documents — replace it with the credit on your account statement."
    ]
    assert not notes(start({**query, "age": "40"}))
    assert not notes(start({**query, "credit_before": "2960"}))


def test_the_english_population_page_names_its_measure_in_lower_case_inside_sentences_and_has_no_chinese():
    """The radio keeps "Cash and account together"; headings, headlines and chart titles say "(measure: cash
    and account together)"; the money-flow heading carries no Chinese gloss; the histogram's log axis is
    ticked 1, 2, 5, 10 … so no two tick labels print over each other."""
    from tests.dashboard_helpers import CJK

    app = start(timeout=180)
    app.radio(key="lang_switch").set_value("en").run(timeout=180)
    app.switch_page(POPULATION).run(timeout=180)
    assert not app.exception
    headings = [h.value for h in app.subheader]
    assert "Simulated population overall (measure: cash and account together)" in headings
    assert not [text for text in shown_texts(app) if CJK.search(text)]
    assert "Better off (cash and account together)" in headline(app)
    specs = charts(app)
    titles = [" ".join(re.sub(r"<[^>]+>", " ", spec["layout"]["title"]["text"]).split()) for spec in specs[1:]]
    assert titles and all("cash and account together" in title for title in titles), titles
    ticks = specs[-1]["layout"]["yaxis"]["tickvals"]
    assert ticks[:6] == [1, 2, 5, 10, 20, 50]
