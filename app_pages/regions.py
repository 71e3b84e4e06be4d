"""地区对比 / Compare regions: the person from My case under every region's rules, and the rules side by side.

Outcomes come from :func:`calculator.regions.settle_under`, the parameter table from
:func:`calculator.regions.parameter_table` (each cell carries its source), the curves from
:func:`calculator.regions.cash_curve` through the cache in :mod:`dashboard.compute`.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from calculator import regions
from calculator.errors import CalculatorError
from calculator.policy_model import Policy
from calculator.registry import default_registry
from calculator.scenario import MAX_AMOUNT, Scenario
from calculator.words import capitalised, in_sentence
from dashboard import charts, compute, downloads, state
from dashboard.explain import cite_in  # a reference in both languages: only the page's
from dashboard.field_words import problem_words
from dashboard.formatting import plain, yuan
from dashboard.i18n import lang, t
from dashboard.reading_table import show_table
from dashboard.widgets import parse_money, show_query_notes


def amount_input(label: str, key: str, help_text: str, field: str) -> Decimal | None:
    """An optional amount in yuan, read as My case reads its boxes: empty means "not given" (never 0), 0 is
    0, and what is not an amount is refused right below the box, naming the field, never ignored."""
    text = st.text_input(label, key=key, help=help_text, placeholder=t("person.money_placeholder"))
    value, problem = parse_money(text, field, MAX_AMOUNT)
    if problem is not None:
        st.error(plain(problem.text(code)), icon=":material/error:")
    return value


def missing_reference(policy: Policy, scenario: Scenario) -> str | None:
    """The reference amount the person's credit rule needs under ``policy`` and neither the policy file
    nor the person's inputs give, if any."""
    rule = getattr(policy.account.credit, scenario.status)
    name = getattr(rule, "reference", None)
    if name is None or policy.references[name].value is not None or name in scenario.references:
        return None
    return name


def why(error: CalculatorError) -> str:
    """What a policy needs before it can settle this person, in a few words (the full message is below the table)."""
    fields = {problem.field for problem in getattr(error, "problems", [])}
    for field, key in (
        ("references", "regions.why.reference"),
        ("credit_before", "regions.why.statement"),
        ("credit_after", "regions.why.statement"),
        ("pension", "regions.why.pension"),
        ("contribution_base", "regions.why.base"),
    ):
        if field in fields:
            return t(key)
    return t("regions.why.other")


@st.cache_data(max_entries=64, show_spinner=False)
def statement_curve(scenario_key: str, policy_id: str, high: int, credit: str) -> list[Decimal | None]:
    """Cash under one policy over the sweep's spendings with the annual credit from a statement."""
    scenario = compute._from_key(scenario_key)  # the cache key back to the person, as the other curves do
    results = regions.cash_curve(scenario, registry.get(policy_id), compute.sweep_spendings(high), Decimal(credit))
    return [None if result is None else result.cash_paid for result in results]


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

# the person in one sentence: the status and tier labels stand alone elsewhere with a capital, here they
# are words inside a sentence
summary = (", " if code == "en" else "，").join(
    [
        in_sentence(t(f"status.{scenario.status}"), code),
        in_sentence(t(f"tier.{scenario.tier}"), code),
        t("regions.age", age=scenario.age),
        t("regions.spending", amount=yuan(scenario.total_spending)),
    ]
)
st.caption(plain(t("regions.person", summary=summary)))

policies = regions.regional_policies(registry, with_before=True)
# The inputs a policy needs and the documents do not give, per policy: asked for the policies the person's
# own inputs cannot settle (decided before any of them is given, so a box does not vanish once filled).
needing = [outcome for outcome in regions.settle_under(scenario, policies) if outcome.error is not None]
statements: dict[str, Decimal] = {}
references: dict[str, Decimal] = {}
if needing:
    with st.expander(t("regions.complete", n=len(needing)), expanded=True, icon=":material/edit_note:"):
        st.caption(t("regions.complete_help"))
        for outcome in needing:
            policy = outcome.policy
            st.markdown(f"**{plain(charts.policy_label(policy))}**")
            st.caption(plain(why(outcome.error)))
            left, right = st.columns(2)
            with left:
                side = "before" if policy.kind == "pre_reform" else "after"
                given = amount_input(
                    t("regions.statement_credit"),
                    f"rg.credit.{policy.id}",
                    t("regions.statement_help"),
                    f"credit_{side}",
                )
                if given is not None:
                    statements[policy.id] = given
            name = missing_reference(policy, scenario)
            if name is not None:
                entry = policy.references[name]
                with right:
                    given = amount_input(
                        t("regions.reference", label=entry.label.in_lang(code), unit=t(f"unit.{entry.unit}")),
                        f"rg.ref.{name}",
                        plain(cite_in(entry.source, code)),
                        f"references.{name}",
                    )
                    if given is not None:
                        references[name] = given
person = scenario.model_copy(update={"references": {**scenario.references, **references}})
outcomes = regions.settle_under(person, policies, statements)


def outcome_rows(*, for_csv: bool) -> list[dict[str, object]]:
    """One row per policy: shown with ¥ amounts, downloaded with the engine's Decimals (empty where a
    policy cannot settle the person, and why)."""
    rows = []
    for outcome in outcomes:
        row: dict[str, object] = {
            t("regions.policy"): outcome.policy.title.in_lang(code),
            t("regions.kind"): t(f"kind.{outcome.policy.kind}"),
        }
        for field in ("account_credit", "reimbursed_total", "account_paid", "cash_paid", "closing_balance"):
            if outcome.result is not None:
                amount = getattr(outcome.result, field)
                row[t(f"field.{field}")] = amount if for_csv else yuan(amount)
            elif for_csv:
                row[t(f"field.{field}")] = None
            else:
                row[t(f"field.{field}")] = t("regions.error") if field == "cash_paid" else t("common.none")
        row[t("regions.credit_basis")] = (
            t("common.none")
            if outcome.result is None
            else t("regions.basis.statement" if outcome.result.credit_from_statement else "regions.basis.rule")
        )
        if for_csv:
            row = {t("csv.policy"): outcome.policy.id, **row}
            row[t("csv.note")] = "" if outcome.error is None else outcome.error.message(code)
        rows.append(row)
    return rows


st.subheader(t("regions.outcome"))
show_table(pd.DataFrame(outcome_rows(for_csv=False)), "regions-outcomes", unbroken_from=3)  # amounts on one line
csv_header = [
    *downloads.person_lines(person),
    *[(f"{t('regions.statement_credit')}·{policy_id}", amount) for policy_id, amount in statements.items()],
    *downloads.policy_lines(policies),
]
csv_options = {"page": t("nav.regions"), "header": csv_header}
downloads.csv_button(outcome_rows(for_csv=True), name=t("csv.name.regions_outcome"), key="csv.outcome", **csv_options)
settled = sum(outcome.result is not None for outcome in outcomes)
st.caption(t("regions.settled", n=settled, total=len(outcomes)))
for outcome in outcomes:
    if outcome.error is not None:
        st.caption(
            plain(
                t(
                    "regions.missing",
                    policy=outcome.policy.title.in_lang(code),
                    reason=problem_words(outcome.error, code, outcome.policy.title.in_lang(code)),
                )
            )
        )

key = compute.scenario_key(person)
high = compute.sweep_high(scenario.total_spending)
spendings = compute.sweep_spendings(high)
curves = [
    (
        charts.policy_label(policy),
        spendings,
        statement_curve(key, policy.id, high, str(statements[policy.id]))
        if policy.id in statements
        else compute.cash_curve(key, policy.id, high),
    )
    for policy in policies
    if policy.id in registry.policies
]
not_drawn = [
    t("regions.not_drawn", policy=charts.policy_label(outcome.policy), why=why(outcome.error))
    for outcome in outcomes
    if outcome.error is not None
]
cash_chart = charts.region_cash(
    curves,
    scenario.total_spending,
    case=charts.person_label(scenario.status, scenario.age, scenario.total_spending),
    policies=policies,
    missing=not_drawn,
)
st.plotly_chart(cash_chart, config=charts.chart_config("regions_cash"), key="chart.regions")
downloads.chart_button(cash_chart, name=t("csv.name.regions_cash"), key="csv.cash", **csv_options)

st.subheader(t("regions.parameters"))
table = regions.parameter_table(policies, code)
names = [policy.title.in_lang(code) for policy in policies]
frame = pd.DataFrame(
    [
        {
            t("regions.parameter"): capitalised(row.label),  # standing alone: a capital
            **{name: cell.text + (" ⚠" if cell.secondary else "") for name, cell in zip(names, row.cells, strict=True)},
        }
        for row in table
    ]
)
# one column per policy is wider than a screen: the parameter's name stays in view while the policies scroll
st.dataframe(frame, hide_index=True, column_config={t("regions.parameter"): st.column_config.TextColumn(pinned=True)})
downloads.csv_button(
    frame,
    name=t("csv.name.parameters"),
    page=t("nav.regions"),
    header=downloads.policy_lines(policies),
    key="csv.params",
)
for index, policy in enumerate(policies):
    with st.expander(t("regions.sources_of", policy=policy.title.in_lang(code))):
        lines = []
        for row in table:
            cell = row.cells[index]
            if cell.source is None:
                continue
            mark = t("regions.secondary") if cell.secondary else ""
            lines.append(
                f"- **{plain(row.label)}**{': ' if code == 'en' else '：'}{plain(cite_in(cell.source, code))}{plain(mark)}"
            )
        st.markdown("\n".join(lines))
