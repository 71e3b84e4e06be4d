"""政策沙盘 / Policy sandbox: change a policy's parameters and see who gains and who loses.

The widgets are generated from :func:`calculator.overrides.overridable_parameters`; the changed policy
is built and validated by :func:`calculator.overrides.apply_overrides` (a bad value is refused with the
parameter named, never clamped). Effects are settled by the engine: the official examples through
:func:`calculator.examples.run_example` with the what-if pair, the person from My case through
:func:`calculator.settlement.settle_year`.

The what-if is mirrored in the URL (:mod:`dashboard.sandbox_link`), so a link reproduces it; a link's
parameters that fail are refused and named, the others kept.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from calculator.errors import CalculatorError
from calculator.examples import run_example
from calculator.overrides import Parameter, apply_overrides, overridable_parameters
from calculator.policy_model import Policy
from calculator.registry import default_registry
from calculator.settlement import YearResult, settle_year
from dashboard import charts, compute, downloads, sandbox_link, state
from dashboard.explain import cite_in
from dashboard.formatting import plain, yuan
from dashboard.i18n import lang, t
from dashboard.widgets import money_value

registry = default_registry()
code = lang()
UNITS = {
    "yuan": ("元", "yuan"),
    "yuan_per_month": ("元/月", "yuan a month"),
    "yuan_per_year": ("元/年", "yuan a year"),
    "percent": ("%", "%"),
    "points": ("个百分点", "points"),
}

st.title(t("sandbox.title"))
st.caption(t("sandbox.intro"))

form = state.person()
starts: dict[str, Policy] = {policy.id: policy for policy in registry.regions().values()}
starts.update({policy.id: policy for policy in registry.templates()})
person_after = registry.regions().get(form["region"])
link_changes: dict[str, Decimal] | None = None  # the link's changes, applied once, on the session's first visit
if "sb.link_read" not in st.session_state:
    st.session_state["sb.link_read"] = True
    linked_base, refused = sandbox_link.read_base(st.query_params.to_dict(), list(starts))
    if linked_base:
        st.session_state["sb.base_id"] = linked_base
    if linked_base or sandbox_link.CHANGE_KEY in st.query_params:
        link_base = linked_base or (person_after.id if person_after else next(iter(starts)))
        link_changes, more = sandbox_link.read_changes(
            st.query_params.to_dict(), overridable_parameters(starts[link_base])
        )
        refused += more
    st.session_state["sb.refused"] = refused
if st.session_state.get("sb.base_id") not in starts:
    st.session_state["sb.base_id"] = person_after.id if person_after else next(iter(starts))
BASE_KEY = f"sb.base.{code}"  # per language: the browser reports a choice by its displayed label
st.session_state[BASE_KEY] = st.session_state["sb.base_id"]


def based() -> None:
    st.session_state["sb.base_id"] = st.session_state[BASE_KEY]


st.selectbox(
    t("sandbox.base"),
    list(starts),
    format_func=lambda key: starts[key].title.in_lang(code),
    key=BASE_KEY,
    on_change=based,
)
base = starts[st.session_state["sb.base_id"]]
parameters = overridable_parameters(base)


def widget_key(parameter: Parameter) -> str:
    return f"sb.{base.id}.{parameter.path}"


def reset() -> None:
    for parameter in parameters:
        st.session_state.pop(widget_key(parameter), None)


if link_changes is not None:
    for parameter in parameters:
        if parameter.path in link_changes:
            st.session_state[widget_key(parameter)] = float(link_changes[parameter.path])
if st.session_state.get("sb.refused"):
    st.warning(
        plain(t("sandbox.link_refused", items="; ".join(st.session_state["sb.refused"]))), icon=":material/link_off:"
    )

changes: dict[str, str] = {}
changed_values: dict[str, Decimal | None] = {}
labels = {parameter.path: parameter.label(code) for parameter in parameters}
with st.expander(t("sandbox.parameters"), expanded=True):
    for index, parameter in enumerate(parameters):
        if index % 2 == 0:  # one row of two per pair, so a phone, stacking the columns, keeps the order
            columns = st.columns(2)
        key = widget_key(parameter)
        if key not in st.session_state:
            st.session_state[key] = None if parameter.value is None else float(parameter.value)
        unit = UNITS.get(parameter.unit, (parameter.unit, parameter.unit))
        with columns[index % 2]:
            st.number_input(
                f"{parameter.label(code)}（{unit[0]}）" if code != "en" else f"{parameter.label(code)} ({unit[1]})",
                min_value=0.0,
                max_value=float(parameter.maximum) if parameter.maximum is not None else None,
                step=1.0 if parameter.unit in ("percent", "points") else 10.0,
                format="%.2f",
                key=key,
                placeholder=(
                    None
                    if parameter.value is not None
                    else t("sandbox.unknown_value" if parameter.path.startswith("references.") else "sandbox.not_set")
                ),
                help=t("sandbox.source", cite=cite_in(parameter.source, code)),
            )
        value = money_value(st.session_state[key])
        if value != (None if parameter.value is None else Decimal(parameter.value)):
            changes[parameter.path] = "" if value is None else f"{value:f}"
            changed_values[parameter.path] = value
    st.button(t("sandbox.reset"), on_click=reset, icon=":material/restart_alt:")

st.query_params.pop(sandbox_link.CHANGE_KEY, None)
st.query_params.update(sandbox_link.to_query(base.id, changed_values))

if changes:
    listed = "; ".join(f"{labels[path]} = {value or '—'}" for path, value in changes.items())
    st.info(plain(t("sandbox.changed", n=len(changes), items=listed)))
else:
    st.caption(t("sandbox.unchanged"))

what_if_lines = [(f"{t('csv.what_if')}·{labels[path]} [{path}]", value or "—") for path, value in changes.items()]
try:
    what_if = apply_overrides(base, changes, registry.documents)
except CalculatorError as error:
    st.error(plain(error.message(code)))
    st.stop()


def gain_text(gain: Decimal) -> str:
    if gain > 0:
        return t("sandbox.gains", amount=yuan(gain))
    if gain < 0:
        return t("sandbox.loses", amount=yuan(-gain))
    return t("sandbox.same")


def row(who: str, before: YearResult, after: YearResult) -> dict:
    gain = compute.net_position(before) - compute.net_position(after)
    return {
        t("sandbox.who"): who,
        t("sandbox.base_col", field=t("field.cash_paid")): yuan(before.cash_paid),
        t("sandbox.what_if", field=t("field.cash_paid")): yuan(after.cash_paid),
        t("sandbox.base_col", field=t("field.closing_balance")): yuan(before.closing_balance),
        t("sandbox.what_if", field=t("field.closing_balance")): yuan(after.closing_balance),
        t("sandbox.gain"): gain_text(gain),
        "_gain": gain,
        "_csv": {  # the same figures for the download: the engine's Decimals
            t("sandbox.who"): who,
            t("sandbox.base_col", field=t("field.cash_paid")): before.cash_paid,
            t("sandbox.what_if", field=t("field.cash_paid")): after.cash_paid,
            t("sandbox.base_col", field=t("field.closing_balance")): before.closing_balance,
            t("sandbox.what_if", field=t("field.closing_balance")): after.closing_balance,
            t("csv.gain"): gain,
        },
    }


def show_rows(rows: list[dict], name: str, header: list, chart: str | None = None) -> None:
    if not rows:
        return
    gains = [entry.pop("_gain") for entry in rows]
    csv_rows = [entry.pop("_csv") for entry in rows]
    csv_header = [*downloads.policy_lines({"base": base, "what_if": what_if}), *what_if_lines, *header]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    downloads.csv_button(csv_rows, name=name, page=t("nav.sandbox"), header=csv_header, key=f"csv.{chart or 'person'}")
    if chart:
        names = [entry[t("sandbox.who")] for entry in rows]
        gains_chart = charts.what_if_gains(
            names, gains, policies=(base, what_if), changes=[listed] if changes else None
        )
        st.plotly_chart(gains_chart, config=charts.chart_config(chart))
        downloads.chart_button(
            gains_chart, name=t("csv.name.gains"), page=t("nav.sandbox"), header=csv_header, key=f"csv.{chart}.chart"
        )
    st.caption(
        t(
            "sandbox.summary",
            gain=sum(g > 0 for g in gains),
            lose=sum(g < 0 for g in gains),
            same=sum(g == 0 for g in gains),
        )
        + " "
        + t("sandbox.gain_help")
    )


st.subheader(t("sandbox.effect_person"))
try:
    scenario = state.to_scenario(form)
    statement = scenario.credit_after if person_after is not None and base.id == person_after.id else None
    show_rows(
        [row(t("sandbox.you"), settle_year(base, scenario, statement), settle_year(what_if, scenario, statement))],
        t("csv.name.sandbox_person"),
        downloads.person_lines(scenario, person_after.region.in_lang(code) if person_after else None),
    )
except CalculatorError as error:
    st.warning(plain(t("sandbox.error", reason=error.message(code))))

st.subheader(t("sandbox.effect_examples"))
rows = []
for run in compute.official_examples():
    name = run.example.name.in_lang(code)
    try:
        before_policy = registry.pair(run.region)[0]
        base_run = run_example(run.example, run.region, pair=(before_policy, base))
        what_if_run = run_example(run.example, run.region, pair=(before_policy, what_if))
        rows.append(row(name, base_run.results["after"], what_if_run.results["after"]))
    except CalculatorError as error:
        st.caption(plain(f"{name}: {t('sandbox.error', reason=error.message(code))}"))
show_rows(rows, t("csv.name.sandbox_examples"), [], chart="sandbox_examples")
