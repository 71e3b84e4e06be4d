"""人群视角 / Population: who gains, who loses, and where the money moves, in a synthetic insured population.

Everything is computed by :func:`calculator.population.population_report` (the vectorised engine, which
agrees with the exact engine to the fen); this page only collects the assumptions — each labelled as an
assumption, with its origin — and draws the report. The report is cached per set of assumptions.

Its strings are in ``dashboard/i18n.py`` under ``pop.``.
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
from dashboard.i18n import lang, t


def pop_text(key: str) -> str:
    """This page's strings (``pop.<key>`` in dashboard/i18n.py), for keys that are data."""
    return t(f"pop.{key}")


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


@st.cache_data(max_entries=16, show_spinner=True)
def cached_report(before_id: str, after_id: str, assumptions_json: str) -> dict:
    """The report as plain data, cached per policy pair and assumptions."""
    from calculator.population import population_report

    registry = default_registry()
    assumptions = parse_assumptions(json.loads(assumptions_json))
    return population_report(registry.get(before_id), registry.get(after_id), assumptions).as_dict()


def _input(name: str, info: dict, value: object) -> object:
    label = info["label"]
    help_text = t("pop.origin", source=info["source"])
    if name == "insured_population":
        return st.number_input(
            label, 0, 2_000_000_000, int(value or 0), 100_000, help=help_text + "；" + t("pop.none_scale")
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
            name=pop_text(outcome),
            marker_color=colours[outcome],
            customdata=[row[measure][outcome] for row in rows],
            hovertemplate="%{x}: %{y:.1%} (%{customdata:,})<extra>" + pop_text(outcome) + "</extra>",
        )
    figure.update_layout(
        barmode="stack",
        title={"text": title, "font": {"size": 15}},
        font={"family": FONT, "size": 12},
        height=360,
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        yaxis={"tickformat": ".0%", "title": {"text": t("pop.share")}, "range": [0, 1]},
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "xanchor": "left", "x": 0},
    )
    return figure


registry = default_registry()
code = lang()
st.title(t("pop.title"))
st.info(t("pop.intro"), icon=":material/groups:")

pairs = {key: registry.pair(key) for key in registry.regions()}
rows_by_name = {row["name"]: row for row in assumption_rows(PopulationAssumptions(), code)}
defaults = PopulationAssumptions(size=200_000)

with st.form("population_assumptions"):
    region = st.selectbox(
        t("pop.region"),
        list(pairs),
        format_func=lambda key: f"{pairs[key][0].title.in_lang(code)} → {pairs[key][1].title.in_lang(code)}",
        key=f"pop.region.{code}",  # one key per language: the browser reports a choice by its label
    )
    with st.expander(t("pop.assumptions"), expanded=False):
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
                default, _ = entry.resolve(references.get(reference))
                given = st.number_input(
                    f"{entry.label.in_lang(code)}（references.{reference}）",
                    0.0,
                    None,
                    float(default or 0),
                    help=t("pop.origin", source=rows_by_name["references"]["source"] if default else entry.source.ref),
                )
                if given:
                    references[reference] = round(given, 2)
    st.form_submit_button(t("pop.run"))

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

st.caption(t("pop.timing", n=f"{report['size']:,}", s=report["seconds"]))
st.subheader(t("pop.overall"))
combined = report["outcomes"]["combined"]["shares"]
cols = st.columns(3)
cols[0].metric(t("pop.better"), f"{combined['gainers']:.1%}")
cols[1].metric(t("pop.worse"), f"{combined['losers']:.1%}")
cols[2].metric(t("pop.cash_down"), f"{report['outcomes']['cash']['shares']['gainers']:.1%}")

st.subheader(t("pop.flow"))
scaled_title = (
    t("pop.scaled_insured", n=f"{report['scale_to']:,}")
    if report["scale_basis"] == "insured_population"
    else t("pop.scaled_simulated", n=f"{report['scale_to']:,}")
)
flow_keys = ("credits_removed", "pooled_added", "net")
st.dataframe(
    pd.DataFrame(
        [
            {
                "": pop_text(key),
                t("pop.per_10000"): yuan(report["flow"]["per_10000"][key]),
                scaled_title: yuan(report["flow"]["scaled"][key]),
            }
            for key in flow_keys
        ]
    ),
    hide_index=True,
)
flow_figure = go.Figure(
    go.Bar(
        x=[pop_text(key) for key in flow_keys],
        y=[float(report["flow"]["per_10000"][key]) for key in flow_keys],
        marker_color=["#c2410c", "#0b6e4f", "#1d4ed8"],
        text=[yuan(report["flow"]["per_10000"][key]) for key in flow_keys],
    )
)
flow_figure.update_layout(
    title={"text": t("pop.per_10000"), "font": {"size": 15}},
    font={"family": FONT, "size": 12},
    height=340,
    margin={"l": 10, "r": 10, "t": 48, "b": 10},
    yaxis={"tickprefix": "¥", "tickformat": ",.0f"},
)
st.plotly_chart(flow_figure, config=chart_config("population_flow"))

measure_names = {
    name: pop_text(name) for name in MEASURES
}  # fixed now: a format function must not read the language later
measure = st.radio(
    t("pop.measure"), MEASURES, format_func=measure_names.__getitem__, horizontal=True, key=f"pop.measure.{code}"
)
names = {"in_service": t("pop.in_service"), "retired": t("pop.retired"), "none": t("pop.none")}
for key in ("by_age", "by_status", "by_decile"):
    st.plotly_chart(
        _outcome_chart(report[key], measure, pop_text(key), names), config=chart_config(f"population_{key}")
    )
st.caption(t("pop.decile_note"))

st.subheader(t("pop.histogram"))
bins = report["cash_change_histogram"]
histogram = go.Figure(
    go.Bar(x=[b["label"] for b in bins], y=[b["persons"] for b in bins], marker_color="#0b6e4f", name=t("pop.persons"))
)
histogram.update_layout(
    font={"family": FONT, "size": 12},
    height=360,
    margin={"l": 10, "r": 10, "t": 20, "b": 10},
    yaxis={"type": "log", "title": {"text": t("pop.persons")}, "tickformat": ","},
)
st.plotly_chart(histogram, config=chart_config("population_cash_change"))

with st.expander(t("pop.table")):
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("pop.name"): row["name"],
                    t("pop.meaning"): row["label"],
                    t("pop.value"): json.dumps(row["value"], ensure_ascii=False, default=str),
                    t("pop.source"): row["source"],
                }
                for row in assumption_rows(assumptions, code)
            ]
        ),
        hide_index=True,
    )
