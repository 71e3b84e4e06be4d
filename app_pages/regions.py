"""地区对比 / Compare regions: the person from My case under every region's rules, and the rules side by side.

Outcomes come from :func:`calculator.regions.settle_under`, the parameter table from
:func:`calculator.regions.parameter_table` (each cell carries its source), the curves from
:func:`calculator.regions.cash_curve` through the cache in :mod:`dashboard.compute`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator import regions
from calculator.errors import CalculatorError
from calculator.registry import default_registry
from dashboard import charts, compute, state
from dashboard.formatting import plain, yuan
from dashboard.i18n import lang, t
from dashboard.widgets import cite, show_query_notes

registry = default_registry()
code = lang()

st.title(t("regions.title"))
show_query_notes(state.query_notes())
form = state.person()
try:
    scenario = state.to_scenario(form)
except CalculatorError as error:
    st.warning(plain(t("query.invalid", reason=error.message(code))))
    scenario = state.to_scenario(state.default_form())

summary = (", " if code == "en" else "，").join(
    [
        t(f"status.{scenario.status}"),
        t(f"tier.{scenario.tier}"),
        t("regions.age", age=scenario.age),
        f"{t('person.spending')} {yuan(scenario.total_spending)}",
    ]
)
st.caption(plain(t("regions.person", summary=summary)))

policies = regions.regional_policies(registry, with_before=True)
outcomes = regions.settle_under(scenario, policies)

st.subheader(t("regions.outcome"))
rows = []
for outcome in outcomes:
    row = {
        t("regions.policy"): outcome.policy.title.in_lang(code),
        t("regions.kind"): t(f"kind.{outcome.policy.kind}"),
    }
    for field in ("account_credit", "reimbursed_total", "account_paid", "cash_paid", "closing_balance"):
        if outcome.result is not None:
            row[t(f"field.{field}")] = yuan(getattr(outcome.result, field))
        else:
            row[t(f"field.{field}")] = t("regions.error") if field == "cash_paid" else t("common.none")
    rows.append(row)
st.dataframe(pd.DataFrame(rows), hide_index=True)
for outcome in outcomes:
    if outcome.error is not None:
        st.caption(
            plain(t("regions.missing", policy=outcome.policy.title.in_lang(code), reason=outcome.error.message(code)))
        )

key = compute.scenario_key(scenario)
high = compute.sweep_high(scenario.total_spending)
spendings = compute.sweep_spendings(high)
curves = [
    (policy.title.in_lang(code), spendings, compute.cash_curve(key, policy.id, high))
    for policy in policies
    if policy.id in registry.policies
]
st.plotly_chart(
    charts.region_cash(curves, scenario.total_spending), config=charts.chart_config("regions_cash"), key="chart.regions"
)

st.subheader(t("regions.parameters"))
table = regions.parameter_table(policies, code)
names = [policy.title.in_lang(code) for policy in policies]
frame = pd.DataFrame(
    [
        {
            t("regions.parameter"): row.label,
            **{name: cell.text + (" ⚠" if cell.secondary else "") for name, cell in zip(names, row.cells, strict=True)},
        }
        for row in table
    ]
)
st.dataframe(frame, hide_index=True)
for index, policy in enumerate(policies):
    with st.expander(t("regions.sources_of", policy=policy.title.in_lang(code))):
        lines = []
        for row in table:
            cell = row.cells[index]
            if cell.source is None:
                continue
            mark = t("regions.secondary") if cell.secondary else ""
            lines.append(
                f"- **{plain(row.label)}**{': ' if code == 'en' else '：'}{plain(cite(cell.source, code))}{plain(mark)}"
            )
        st.markdown("\n".join(lines))
