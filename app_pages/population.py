"""人群视角 / Population: who gains, who loses, and where the money moves, in a synthetic insured population.

Everything is computed by :func:`calculator.population.population_report` (the vectorised engine, which
agrees with the exact engine to the fen); this page only collects the assumptions — each labelled as an
assumption, with its origin — and draws the report. The report is cached per set of assumptions.

Its strings are in ``dashboard/i18n.py`` under ``pop.``.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pandas as pd
import streamlit as st

from calculator.errors import CalculatorError
from calculator.money import format_rounded_yuan
from calculator.population import MEASURES, PopulationAssumptions, assumption_rows, parse_assumptions
from calculator.registry import default_registry
from calculator.words import in_sentence
from dashboard import charts, downloads
from dashboard.charts import chart_config
from dashboard.formatting import plain
from dashboard.i18n import lang, t
from dashboard.population_export import FLOW_KEYS, report_rows

BEIJING = dt.timezone(dt.timedelta(hours=8))  # the moment of a run, as the insured read a clock


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
    report = population_report(registry.get(before_id), registry.get(after_id), assumptions).as_dict()
    report["computed_at"] = dt.datetime.now(dt.UTC)  # kept with the cached result: a reuse shows its moment
    return report


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
        # the region's name fits a phone's box; the policies' full titles head every chart below
        format_func=lambda key: pairs[key][1].region.in_lang(code),
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
                    t("pop.reference", label=entry.label.in_lang(code), unit=t(f"unit.{entry.unit}")),
                    0.0,
                    None,
                    float(default or 0),
                    help=t("pop.origin", source=rows_by_name["references"]["source"] if default else entry.source.ref),
                )
                if given:
                    references[reference] = round(given, 2)
    submitted = st.form_submit_button(t("pop.run"))

data = {
    **{name: value for name, value in values.items() if name != "insured_population"},
    "insured_population": int(values["insured_population"]) or None,
    "references": {name: str(value) for name, value in references.items()},
}
asked_at = dt.datetime.now(dt.UTC)
try:
    assumptions = parse_assumptions(data)
    report = cached_report(before.id, after.id, assumptions.model_dump_json())
except CalculatorError as error:
    st.error(plain(error.message(code)))
    st.stop()


def run_status(report: dict, asked_at: dt.datetime, submitted: bool) -> str:
    """When the figures below were computed and how long it took (the moment of the run shown, also when
    it was cached earlier); "Recompute" with unchanged assumptions says it reused that result rather than
    pretending to have run again."""
    moment = report["computed_at"].astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")
    ran = t("pop.ran", n=f"{report['size']:,}", s=f"{report['seconds']:.2f}", moment=moment)
    if submitted and report["computed_at"] < asked_at:  # "Recompute" pressed, the assumptions unchanged
        return ran + t("pop.reused_asked")
    return ran


pair = (before, after)
csv_header = [
    *downloads.policy_lines({"before": before, "after": after}),
    *[
        (f"{row['label']} [{row['name']}]", json.dumps(row["value"], ensure_ascii=False, default=str))
        for row in assumption_rows(assumptions, code)
    ],
    (t("csv.computed_at"), report["computed_at"].astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")),
]
csv_options = {"page": t("nav.population"), "case": before.region.in_lang(code), "header": csv_header}
measure_names = {
    name: pop_text(name) for name in MEASURES
}  # fixed now: a format function must not read the language later
measure = st.radio(
    t("pop.measure"),
    MEASURES,
    index=MEASURES.index("combined"),
    format_func=measure_names.__getitem__,
    horizontal=True,
    key=f"pop.measure.{code}",
    help=t("pop.measure_help"),
)
# the measure's name inside headings and sentences ("… (measure: cash and account together)"); the radio
# keeps its capital where the name stands alone
measure_name = in_sentence(measure_names[measure], code)
st.caption(run_status(report, asked_at, submitted))

st.subheader(t("pop.overall_m", measure=measure_name))
shares = report["outcomes"][measure]["shares"]
cols = st.columns(3)
for column, outcome in zip(cols, ("gainers", "losers", "unchanged"), strict=True):
    column.metric(t(f"pop.headline.{outcome}", measure=measure_name), f"{shares[outcome]:.1%}")

st.subheader(t("pop.flow_simulated"))
per_10000 = t("pop.per_10000")
flow_columns = {per_10000: report["flow"]["per_10000"]}
if report["scale_basis"] == "insured_population":
    flow_columns[t("pop.scaled_insured", n=f"{report['scale_to']:,}")] = report["flow"]["scaled"]
st.dataframe(
    pd.DataFrame(
        [
            {
                "": pop_text(key),
                **{name: format_rounded_yuan(values[key], code) for name, values in flow_columns.items()},
            }
            for key in FLOW_KEYS
        ]
    ),
    hide_index=True,
)
downloads.csv_button(
    [
        {t("csv.item"): pop_text(key), **{name: Decimal(str(values[key])) for name, values in flow_columns.items()}}
        for key in FLOW_KEYS
    ],
    name=t("csv.name.pop_flow_table"),
    key="csv.pop.flow_table",
    **csv_options,
)
if report["scale_basis"] != "insured_population":
    st.caption(t("pop.no_insured_count"))
flow_chart = charts.population_flow(
    [pop_text(key) for key in FLOW_KEYS],
    [report["flow"]["per_10000"][key] for key in FLOW_KEYS],
    [format_rounded_yuan(report["flow"]["per_10000"][key], code) for key in FLOW_KEYS],
    basis=per_10000,
    policies=pair,
)
st.plotly_chart(flow_chart, config=chart_config("population_flow"))
downloads.chart_button(flow_chart, name=t("csv.name.pop_flow"), key="csv.pop.flow", **csv_options)

st.subheader(t("pop.breakdowns_m", measure=measure_name))
names = {
    "in_service": t("pop.in_service"),
    "retired": t("pop.retired"),
    "none": t("pop.none"),
    **{tier: t(f"tier.{tier}") for tier in ("employer", "individual_tier1", "individual_tier2")},
}
for key in ("by_age", "by_status", "by_tier", "by_decile"):
    rows = report[key]
    shares_chart = charts.outcome_shares(
        [names.get(row["group"], row["group"]) for row in rows],
        {outcome: [row[measure]["shares"][outcome] for row in rows] for outcome in ("gainers", "losers", "unchanged")},
        {outcome: [row[measure][outcome] for row in rows] for outcome in ("gainers", "losers", "unchanged")},
        breakdown=t(f"pop.breakdown.{key}"),
        measure=measure_name,
        policies=pair,
    )
    st.plotly_chart(shares_chart, config=chart_config(f"population_{key}_{measure}"))
    downloads.chart_button(shares_chart, name=t(f"csv.name.{key}"), key=f"csv.pop.{key}", **csv_options)
st.caption(t("pop.decile_note"))

st.subheader(t("pop.histogram_m", measure=measure_name))
bins = report.get("change_histograms", {}).get(measure, report["cash_change_histogram"])
histogram = charts.change_histogram(
    bins, measure=measure_name, change_axis=t(f"pop.change_axis.{measure}"), policies=pair
)
st.plotly_chart(histogram, config=chart_config(f"population_change_{measure}"))
downloads.chart_button(histogram, name=t("csv.name.histogram"), key="csv.pop.histogram", **csv_options)

downloads.csv_button(
    report_rows(report, pop_text),
    name=t("csv.name.pop_exact"),
    key="csv.pop.exact",
    label=t("pop.download"),
    **csv_options,
)
st.caption(t("pop.download_note"))

with st.expander(t("pop.table")):
    assumptions_table = pd.DataFrame(
        [
            {
                t("pop.name"): row["name"],
                t("pop.meaning"): row["label"],
                t("pop.value"): json.dumps(row["value"], ensure_ascii=False, default=str),
                t("pop.source"): row["source"],
            }
            for row in assumption_rows(assumptions, code)
        ]
    )
    st.dataframe(assumptions_table, hide_index=True)
    downloads.csv_button(
        assumptions_table, name=t("csv.name.pop_assumptions"), key="csv.pop.assumptions", **csv_options
    )
