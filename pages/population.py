"""人群视角 / Population: who gains, who loses, and where the money moves, in a synthetic insured population.

Everything is computed by :func:`calculator.population.population_report` (the vectorised engine, which
agrees with the exact engine to the fen); this page only collects the assumptions — each labelled as an
assumption, with its origin — and draws the report. The report is cached per set of assumptions.

The page's strings live in :data:`TEXT` below (the dashboard's shared table in ``dashboard/i18n.py`` is
owned by the dashboard; the lead may move them there).
"""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from calculator.errors import CalculatorError
from calculator.population import MEASURES, PopulationAssumptions, assumption_rows, parse_assumptions
from calculator.registry import default_registry
from dashboard.charts import FONT, chart_config
from dashboard.formatting import plain, yuan
from dashboard.i18n import lang

TEXT: dict[str, tuple[str, str]] = {
    "title": ("人群视角：谁受益、谁受损、资金如何平移", "Population: who gains, who loses, where the money moves"),
    "intro": (
        "以下结果来自按假设生成的模拟人群，不是统计数据。每项人群参数都是可调整的假设，并注明来源；政策参数来自政策文件。",
        "These results come from a simulated population drawn from assumptions, not from statistics. Every population "
        "parameter is an assumption you can change, shown with its origin; the policy parameters come from the policy files.",
    ),
    "assumptions": ("人群假设（均为假设，可调整）", "Population assumptions (all assumptions — adjust them)"),
    "region": ("地区（改革前 → 改革后）", "Region (before → after)"),
    "run": ("重新测算", "Recompute"),
    "origin": ("来源：{source}", "Origin: {source}"),
    "none_scale": ("0 表示按模拟人数", "0 means the simulated size"),
    "overall": ("总体", "Overall"),
    "better": ("合计受益（现金与账户）", "Better off (cash and account)"),
    "worse": ("合计受损（现金与账户）", "Worse off (cash and account)"),
    "cash_down": ("现金支出减少", "Pay less cash"),
    "flow": ("资金平移（待遇置换、资金平移）", "Where the money moves (待遇置换、资金平移)"),
    "per_10000": ("每万名参保人", "Per 10,000 insured"),
    "scaled_insured": ("按 {n} 名参保人换算", "Scaled to {n} insured"),
    "scaled_simulated": ("按模拟人数 {n} 人（未填写参保人数）", "For the {n} simulated (no insured count given)"),
    "credits_removed": ("个人账户划入减少", "Account credits removed"),
    "pooled_added": ("普通门诊统筹支付增加", "Pooled outpatient payments added"),
    "net": ("净额（减少 − 增加）", "Net (removed − added)"),
    "measure": ("口径", "Measure"),
    "cash": ("现金支出", "Cash outlay"),
    "balance": ("年末账户余额", "Year-end balance"),
    "combined": ("现金与账户合计", "Cash and account together"),
    "gainers": ("受益", "Better off"),
    "losers": ("受损", "Worse off"),
    "unchanged": ("不变", "Unchanged"),
    "by_age": ("按年龄段", "By age band"),
    "by_status": ("按身份", "By status"),
    "by_decile": ("按门诊费用十分位（有费用者）", "By spending decile (spenders)"),
    "decile_note": (
        "十分位阈值取自同一假设下的种子化试点样本（20万人），每组约占有费用者的十分之一；无门诊费用者单列。",
        "Decile thresholds come from a seeded pilot sample (200,000 persons) of the same assumptions, so each "
        "holds about a tenth of the spenders; persons with no spending form their own group.",
    ),
    "share": ("占比", "Share"),
    "histogram": ("现金支出变化分布（改革后 − 改革前，元）", "Change in cash outlay (after − before, yuan)"),
    "persons": ("人数", "Persons"),
    "in_service": ("在职", "In service"),
    "retired": ("退休", "Retired"),
    "none": ("无门诊费用", "No spending"),
    "table": ("全部假设及来源", "All assumptions and their origins"),
    "name": ("名称", "Name"),
    "meaning": ("说明", "Meaning"),
    "value": ("取值", "Value"),
    "source": ("来源", "Origin"),
    "timing": ("模拟 {n} 人，用时 {s} 秒", "{n} persons simulated in {s} s"),
}

# the assumptions offered as inputs (the rest keep their defaults and are listed in the table below)
INPUTS = (
    "size",
    "seed",
    "retired_share",
    "zero_spending_in_service",
    "zero_spending_retired",
    "in_service_visits",
    "in_service_cost_per_visit",
    "retired_visit_ratio",
    "retired_cost_ratio",
    "spending_sigma",
    "base_median",
    "pension_median",
    "opening_median",
    "other_schemes_in_service",
    "other_schemes_retired",
    "insured_population",
)


def tt(key: str, **values: object) -> str:
    zh, en = TEXT[key]
    text = en if lang() == "en" else zh
    return text.format(**values) if values else text


@st.cache_data(max_entries=16, show_spinner=True)
def cached_report(before_id: str, after_id: str, assumptions_json: str) -> dict:
    """The report as plain data, cached per policy pair and assumptions."""
    from calculator.population import population_report

    registry = default_registry()
    assumptions = parse_assumptions(json.loads(assumptions_json))
    return population_report(registry.get(before_id), registry.get(after_id), assumptions).as_dict()


def _input(name: str, info: dict, value: object) -> object:
    label = info["label"]
    help_text = tt("origin", source=info["source"])
    if name == "insured_population":
        return st.number_input(
            label, 0, 2_000_000_000, int(value or 0), 100_000, help=help_text + "；" + tt("none_scale")
        )
    if isinstance(value, int):
        low = 1 if name == "size" else 0
        high = 5_000_000 if name == "size" else 2**31
        return st.number_input(label, low, high, value, 100_000 if name == "size" else 1, help=help_text)
    if name.endswith("_share") or name.startswith(("zero_spending", "other_schemes")):
        return st.number_input(label, 0.0, 1.0, float(value), 0.01, format="%.3f", help=help_text)
    return st.number_input(label, 0.0, None, float(value), help=help_text)


def _outcome_chart(rows: list[dict], measure: str, title: str, names: dict[str, str]) -> go.Figure:
    groups = [names.get(row["group"], row["group"]) for row in rows]
    figure = go.Figure()
    colours = {"gainers": "#0b6e4f", "losers": "#c2410c", "unchanged": "#9aa5b1"}
    for outcome in ("gainers", "losers", "unchanged"):
        figure.add_bar(
            x=groups,
            y=[row[measure]["shares"][outcome] for row in rows],
            name=tt(outcome),
            marker_color=colours[outcome],
            customdata=[row[measure][outcome] for row in rows],
            hovertemplate="%{x}: %{y:.1%} (%{customdata:,})<extra>" + tt(outcome) + "</extra>",
        )
    figure.update_layout(
        barmode="stack",
        title={"text": title, "font": {"size": 15}},
        font={"family": FONT, "size": 12},
        height=360,
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        yaxis={"tickformat": ".0%", "title": {"text": tt("share")}, "range": [0, 1]},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0},
    )
    return figure


registry = default_registry()
code = lang()
st.title(tt("title"))
st.info(tt("intro"), icon=":material/groups:")

pairs = {key: registry.pair(key) for key in registry.regions()}
rows_by_name = {row["name"]: row for row in assumption_rows(PopulationAssumptions(), code)}
defaults = PopulationAssumptions(size=200_000)

with st.form("population_assumptions"):
    region = st.selectbox(
        tt("region"),
        list(pairs),
        format_func=lambda key: f"{pairs[key][0].title.in_lang(code)} → {pairs[key][1].title.in_lang(code)}",
    )
    with st.expander(tt("assumptions"), expanded=False):
        values: dict[str, object] = {}
        columns = st.columns(2)
        for index, name in enumerate(INPUTS):
            with columns[index % 2]:
                values[name] = _input(name, rows_by_name[name], getattr(defaults, name))
        before, after = pairs[region]
        references = dict(defaults.references)
        for policy in (before, after):
            for status in ("in_service", "retired"):
                reference = getattr(getattr(policy.account.credit, status), "reference", None)
                if reference is None or reference in values:
                    continue
                entry = policy.references[reference]
                default = references.get(reference, entry.value)
                given = st.number_input(
                    f"{entry.label.in_lang(code)}（references.{reference}）",
                    0.0,
                    None,
                    float(default or 0),
                    help=tt("origin", source=rows_by_name["references"]["source"] if default else entry.source.ref),
                )
                if given:
                    references[reference] = round(given, 2)
    st.form_submit_button(tt("run"))

data = {
    **{name: value for name, value in values.items() if name != "insured_population"},
    "insured_population": int(values["insured_population"]) or None,
    "references": {name: str(value) for name, value in references.items()},
}
try:
    assumptions = parse_assumptions(data)
    report = cached_report(before.id, after.id, assumptions.model_dump_json())
except CalculatorError as error:
    st.error(plain(error.message(code)))
    st.stop()

st.caption(tt("timing", n=f"{report['size']:,}", s=report["seconds"]))
st.subheader(tt("overall"))
combined = report["outcomes"]["combined"]["shares"]
cols = st.columns(3)
cols[0].metric(tt("better"), f"{combined['gainers']:.1%}")
cols[1].metric(tt("worse"), f"{combined['losers']:.1%}")
cols[2].metric(tt("cash_down"), f"{report['outcomes']['cash']['shares']['gainers']:.1%}")

st.subheader(tt("flow"))
scaled_title = (
    tt("scaled_insured", n=f"{report['scale_to']:,}")
    if report["scale_basis"] == "insured_population"
    else tt("scaled_simulated", n=f"{report['scale_to']:,}")
)
flow_keys = ("credits_removed", "pooled_added", "net")
st.dataframe(
    pd.DataFrame(
        [
            {
                "": tt(key),
                tt("per_10000"): yuan(report["flow"]["per_10000"][key]),
                scaled_title: yuan(report["flow"]["scaled"][key]),
            }
            for key in flow_keys
        ]
    ),
    hide_index=True,
)
flow_figure = go.Figure(
    go.Bar(
        x=[tt(key) for key in flow_keys],
        y=[float(report["flow"]["per_10000"][key]) for key in flow_keys],
        marker_color=["#c2410c", "#0b6e4f", "#1d4ed8"],
        text=[yuan(report["flow"]["per_10000"][key]) for key in flow_keys],
    )
)
flow_figure.update_layout(
    title={"text": tt("per_10000"), "font": {"size": 15}},
    font={"family": FONT, "size": 12},
    height=340,
    margin={"l": 10, "r": 10, "t": 48, "b": 10},
    yaxis={"tickprefix": "¥", "tickformat": ",.0f"},
)
st.plotly_chart(flow_figure, config=chart_config("population_flow"))

measure = st.radio(tt("measure"), MEASURES, format_func=tt, horizontal=True)
names = {"in_service": tt("in_service"), "retired": tt("retired"), "none": tt("none")}
for key in ("by_age", "by_status", "by_decile"):
    st.plotly_chart(_outcome_chart(report[key], measure, tt(key), names), config=chart_config(f"population_{key}"))
st.caption(tt("decile_note"))

st.subheader(tt("histogram"))
bins = report["cash_change_histogram"]
histogram = go.Figure(
    go.Bar(x=[b["label"] for b in bins], y=[b["persons"] for b in bins], marker_color="#0b6e4f", name=tt("persons"))
)
histogram.update_layout(
    font={"family": FONT, "size": 12},
    height=360,
    margin={"l": 10, "r": 10, "t": 20, "b": 10},
    yaxis={"type": "log", "title": {"text": tt("persons")}, "tickformat": ","},
)
st.plotly_chart(histogram, config=chart_config("population_cash_change"))

with st.expander(tt("table")):
    st.dataframe(
        pd.DataFrame(
            [
                {
                    tt("name"): row["name"],
                    tt("meaning"): row["label"],
                    tt("value"): json.dumps(row["value"], ensure_ascii=False, default=str),
                    tt("source"): row["source"],
                }
                for row in assumption_rows(assumptions, code)
            ]
        ),
        hide_index=True,
    )
