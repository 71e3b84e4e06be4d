"""我的测算 / My case: one person's year before and after the reform, explained.

The inputs are kept in ``st.session_state["person"]`` and in the URL; the figures are the engine's
(:func:`calculator.comparison.compare`), the sweep and the break-even come from
:mod:`dashboard.compute`, which also only calls the engine.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import streamlit as st

from calculator.comparison import Comparison, compare
from calculator.errors import CalculatorError
from calculator.policy_model import Policy
from calculator.registry import default_registry
from calculator.scenario import MAX_AGE, MAX_AMOUNT, MIN_AGE_IN_SERVICE
from calculator.settlement import OUTPUT_FIELDS
from calculator.vocabulary import KINDS
from dashboard import charts, compute, state
from dashboard.formatting import change_words, number_text, plain, signed_yuan, yuan
from dashboard.i18n import TEXT, lang, t
from dashboard.widgets import money_value, show_problems, show_query_notes, show_trace

SLIDER_MAX = 50_000.0
MAX_MONEY = float(MAX_AMOUNT)
registry = default_registry()
form = dict(state.person())


def init(key: str, value: object) -> None:
    """Give a widget its starting value from the person, once (widgets own their state afterwards)."""
    if key not in st.session_state:
        st.session_state[key] = value


def choice(name: str) -> str:
    """The key of a choice widget, per language: the browser reports a choice by its displayed label,
    so a label from the other language must never meet this run's options."""
    return f"w.{name}.{lang()}"


def labels(prefix: str):
    """A format function with this run's labels fixed in it (never reading the language later)."""
    table = {
        key: text for key, text in ((key.split(".", 1)[1], t(key)) for key in TEXT if key.startswith(prefix + "."))
    }
    return lambda value: table.get(str(value), str(value))


def as_float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def money_input(label: str, key: str, step: float = 100.0, **options: object) -> None:
    """A yuan amount box: never negative, at most the engine's limit, shown to the fen."""
    st.number_input(label, min_value=0.0, max_value=MAX_MONEY, step=step, format="%.2f", key=key, **options)


def sync_from_slider() -> None:
    st.session_state["w.spending"] = st.session_state["w.spending_slider"]


def sync_from_box() -> None:
    value = st.session_state["w.spending"] or 0.0
    st.session_state["w.spending_slider"] = min(value, SLIDER_MAX)


def needs_reference(policy: Policy, status: str, tier: str) -> tuple[str, object] | None:
    """The reference amount a policy's credit rule needs and the seeds do not give (value null)."""
    if tier in policy.account.no_account_tiers.tiers:
        return None
    rule = getattr(policy.account.credit, status)
    if rule.method != "percent_of_reference":
        return None
    reference = policy.references[rule.reference]
    return (rule.reference, reference) if reference.value is None else None


def uses(policies: tuple[Policy, Policy], status: str, method: str) -> bool:
    return any(getattr(policy.account.credit, status).method == method for policy in policies)


st.title(t("nav.my_case"))
show_query_notes(state.query_notes())

# -- inputs -------------------------------------------------------------------------------------------

regions = registry.regions()
init(choice("region"), form["region"] if form["region"] in regions else "chongqing")
init(choice("status"), form["status"])
init(choice("tier"), form["tier"])
init("w.age", form["age"])
init(choice("level"), form["level"])
init("w.spending", float(form["spending"]))
init("w.spending_slider", min(float(form["spending"]), SLIDER_MAX))
init("w.base", as_float(form["contribution_base"]))
init("w.pension", as_float(form["pension"]))
init("w.other", float(form["other_schemes_paid"]))
init("w.opening", float(form["opening_balance"]))
init("w.credit_before", as_float(form["credit_before"]))
init("w.credit_after", as_float(form["credit_after"]))
init("w.use_visits", bool(form["visits"]))

inputs, results = st.columns([1, 2], gap="large")
slots: dict[str, object] = {}

with inputs:
    st.subheader(t("person.header"))
    st.selectbox(
        t("person.region"),
        list(regions),
        format_func={key: policy.region.in_lang(lang()) for key, policy in regions.items()}.get,
        key=choice("region"),
    )
    if st.session_state[choice("region")] != form["region"]:
        form["before"] = form["after"] = None  # a link's explicit policies belong to its own region
    form["region"] = st.session_state[choice("region")]
    try:
        pair = state.policies(form)
    except CalculatorError:
        form["before"] = form["after"] = None
        pair = state.policies(form)

    st.radio(
        t("person.status"),
        ["in_service", "retired"],
        format_func=labels("status"),
        key=choice("status"),
        horizontal=True,
    )
    st.slider(t("person.age"), MIN_AGE_IN_SERVICE, 100 if form["age"] <= 100 else MAX_AGE, key="w.age")
    slots["age"] = st.empty()
    st.selectbox(
        t("person.tier"),
        ["employer", "individual_tier1", "individual_tier2"],
        format_func=labels("tier"),
        key=choice("tier"),
    )
    slots["tier"] = st.empty()
    status, tier = st.session_state[choice("status")], st.session_state[choice("tier")]

    use_visits = st.session_state["w.use_visits"]
    slider_col, box_col = st.columns([1, 1], vertical_alignment="bottom")
    with slider_col:
        st.slider(
            t("person.spending"),
            0.0,
            SLIDER_MAX,
            step=100.0,
            format="¥%.0f",
            key="w.spending_slider",
            on_change=sync_from_slider,
            disabled=use_visits,
        )
    with box_col:
        money_input(
            t("person.spending_exact"),
            "w.spending",
            on_change=sync_from_box,
            disabled=use_visits,
        )
    if (st.session_state["w.spending"] or 0) > SLIDER_MAX and not use_visits:
        st.caption(t("person.spending_beyond"))
    slots["spending"] = st.empty()
    st.radio(
        t("person.level"),
        [1, 2, 3],
        format_func=labels("level"),
        key=choice("level"),
        horizontal=True,
        disabled=use_visits,
    )
    slots["level"] = st.empty()

    if status == "in_service":
        money_input(
            t("person.base"),
            "w.base",
            step=1000.0,
            help=t("person.base_help"),
        )
        slots["contribution_base"] = st.empty()
    elif uses(pair, "retired", "percent_of_pension"):
        money_input(t("person.pension"), "w.pension")
        slots["pension"] = st.empty()
    else:
        st.caption(t("person.no_base_needed"))

    money_input(
        t("person.other"),
        "w.other",
        help=t("person.other_help"),
        disabled=use_visits,
    )
    slots["other_schemes_paid"] = st.empty()
    money_input(t("person.opening"), "w.opening")
    slots["opening_balance"] = st.empty()

    # A credit rule resting on an amount the seeds do not give: ask for it, or for the statement credit.
    shown_credit = set()
    for side, policy in zip(("before", "after"), pair, strict=True):
        needed = needs_reference(policy, status, tier)
        if needed is None:
            continue
        name, reference = needed
        with st.container(border=True):
            st.markdown(f"**{plain(t('person.needs'))}**")
            st.caption(
                plain(
                    t("person.needs_text", policy=policy.title.in_lang(lang()), label=reference.label.in_lang(lang()))
                )
            )
            unit = t("unit.per_month") if reference.unit == "yuan_per_month" else t("unit.per_year")
            init(f"w.ref.{name}", as_float(form["references"].get(name)))
            money_input(
                t("person.reference", label=reference.label.in_lang(lang()), unit=unit),
                f"w.ref.{name}",
                step=1000.0,
            )
            money_input(
                t(f"person.credit_{side}"),
                f"w.credit_{side}",
            )
            slots["references"] = st.empty()
            slots[f"credit_{side}"] = st.empty()
            shown_credit.add(side)

    with st.expander(t("person.advanced"), expanded=use_visits):
        st.toggle(t("person.use_visits"), key="w.use_visits")
        if "visits_table" not in st.session_state:
            rows = form["visits"] or [
                {
                    "amount": form["spending"],
                    "level": form["level"],
                    "pharmacy": False,
                    "kind": "general",
                    "other_paid": Decimal(0),
                }
            ]
            st.session_state["visits_table"] = pd.DataFrame(
                [
                    {
                        "amount": float(row["amount"]),
                        "level": int(row["level"]),
                        "pharmacy": bool(row.get("pharmacy", False)),
                        "kind": row.get("kind", "general"),
                        "other_paid": float(row.get("other_paid", 0)),
                    }
                    for row in rows
                ]
            )
        edited = st.data_editor(
            st.session_state["visits_table"],
            key="w.visits",
            num_rows="dynamic",
            hide_index=True,
            disabled=not use_visits,
            column_config={
                "amount": st.column_config.NumberColumn(
                    t("visit.amount"), min_value=0.0, max_value=MAX_MONEY, format="%.2f", required=True
                ),
                "level": st.column_config.SelectboxColumn(
                    t("visit.level"),
                    options=[1, 2, 3],
                    format_func=labels("level"),
                    required=True,
                    default=2,
                ),
                "pharmacy": st.column_config.CheckboxColumn(t("visit.pharmacy"), default=False),
                "kind": st.column_config.SelectboxColumn(
                    t("visit.kind"),
                    options=list(KINDS),
                    format_func=labels("kind"),
                    default="general",
                    required=True,
                ),
                "other_paid": st.column_config.NumberColumn(
                    t("visit.other_paid"), min_value=0.0, max_value=MAX_MONEY, format="%.2f", default=0.0
                ),
            },
        )
        st.caption(t("person.visits_help"))
        slots["visits"] = st.empty()
        for side in ("before", "after"):
            if side not in shown_credit:
                money_input(
                    t(f"person.credit_{side}"),
                    f"w.credit_{side}",
                    help=t("person.credit_help"),
                )
                slots[f"credit_{side}"] = st.empty()

# -- the form, from the widgets -------------------------------------------------------------------------

form.update(
    status=status,
    tier=tier,
    age=st.session_state["w.age"],
    level=st.session_state[choice("level")],
    spending=money_value(st.session_state["w.spending"]) or Decimal(0),
    other_schemes_paid=money_value(st.session_state["w.other"]) or Decimal(0),
    opening_balance=money_value(st.session_state["w.opening"]) or Decimal(0),
    credit_before=money_value(st.session_state.get("w.credit_before")),
    credit_after=money_value(st.session_state.get("w.credit_after")),
)
if status == "in_service":
    form["contribution_base"] = money_value(st.session_state.get("w.base"))
if "w.pension" in st.session_state and status == "retired":
    form["pension"] = money_value(st.session_state["w.pension"])
references = dict(form["references"])
for key in list(st.session_state.keys()):
    if isinstance(key, str) and key.startswith("w.ref."):
        value = money_value(st.session_state[key])
        name = key[len("w.ref.") :]
        if value is None:
            references.pop(name, None)
        else:
            references[name] = value
form["references"] = references
if use_visits:
    visits = []
    for row in edited.to_dict("records"):
        if all(pd.isna(value) for key, value in row.items() if key != "pharmacy"):
            continue
        visits.append(
            {
                "amount": None if pd.isna(row["amount"]) else money_value(row["amount"]),
                "level": None if pd.isna(row["level"]) else int(row["level"]),
                "pharmacy": bool(row["pharmacy"]) if not pd.isna(row["pharmacy"]) else False,
                "kind": row["kind"] if isinstance(row["kind"], str) else "general",
                "other_paid": money_value(0 if pd.isna(row["other_paid"]) else row["other_paid"]),
            }
        )
    form["visits"] = visits
else:
    form["visits"] = None

state.set_person(form)
st.query_params.from_dict(state.form_to_query(form, lang()))

# -- results ----------------------------------------------------------------------------------------------


def verdict(comparison: Comparison) -> str:
    gain = compute.net_gain(comparison)
    change = comparison.change
    words = {"cash": change_words(change["cash_paid"]), "balance": change_words(change["closing_balance"])}
    if gain > 0:
        return t("verdict.better", amount=yuan(gain), **words)
    if gain < 0:
        return t("verdict.worse", amount=yuan(-gain), **words)
    return t("verdict.same")


def metric(column, label: str, field: str, comparison: Comparison, inverse: bool = False) -> None:
    after, before = getattr(comparison.after, field), getattr(comparison.before, field)
    change = after - before
    with column:
        st.metric(
            t(label),
            yuan(after),
            delta=signed_yuan(change) if change else None,
            delta_color="inverse" if inverse else "normal",
            border=True,
        )
        st.caption(t("metric.before", amount=yuan(before)))


def results_csv(comparison: Comparison, sweep: compute.Sweep | None) -> bytes:
    rows = [
        {
            t("csv.item"): t(f"field.{name}"),
            t("csv.before"): number_text(getattr(comparison.before, name)),
            t("csv.after"): number_text(getattr(comparison.after, name)),
            t("csv.change"): number_text(comparison.change[name]),
        }
        for name in OUTPUT_FIELDS
    ]
    if sweep is not None and sweep.break_even is not None:
        rows.append({t("csv.item"): t("chart.break_even", amount=""), t("csv.after"): number_text(sweep.break_even)})
    return pd.DataFrame(rows).to_csv(index=False).encode("utf-8-sig")


# Headline figures shrink with the column so that ¥38,023.20 is never cut to "¥38,0…" (a truncated amount
# reads as a different number).
METRIC_CSS = "<style>[data-testid='stMetricValue'] > div { font-size: clamp(1.25rem, 2.1vw, 2.1rem); }</style>"

with results:
    st.markdown(METRIC_CSS, unsafe_allow_html=True)
    st.subheader(t("result.header"))
    try:
        scenario = state.to_scenario(form)
        before, after = pair
        comparison = compare(scenario, before, after)
    except CalculatorError as error:
        left = show_problems(error, slots)
        st.error(plain(t("person.fix_inputs")), icon=":material/edit:")
        for problem in left:
            st.error(plain(problem.text(lang())))
        st.stop()

    st.caption(plain(t("result.policy_pair", before=before.title.in_lang(lang()), after=after.title.in_lang(lang()))))
    first, second, third = st.columns(3)
    metric(first, "metric.cash", "cash_paid", comparison, inverse=True)
    metric(second, "metric.balance", "closing_balance", comparison)
    metric(third, "metric.reimbursed", "reimbursed_total", comparison)
    st.success(plain(verdict(comparison)), icon=":material/lightbulb:")
    st.caption(t("verdict.note"))
    st.plotly_chart(
        charts.money_flow(
            {"before": comparison.before, "after": comparison.after},
            case=charts.person_label(scenario.status, scenario.age, scenario.total_spending),
        ),
        config=charts.chart_config("money_flow"),
        key="chart.flow",
    )

st.subheader(t("sweep.header"))
sweep = None
try:
    sweep = compute.sweep(scenario, before.id, after.id)
except CalculatorError as error:
    st.warning(plain(t("sweep.unavailable", reason=error.message(lang()))))
if sweep is not None:
    spending = scenario.total_spending
    if sweep.break_even is not None:
        st.info(
            plain(t("sweep.break_even", amount=yuan(sweep.break_even), yours=yuan(spending))), icon=":material/balance:"
        )
    elif sweep.always_better:
        st.info(plain(t("sweep.always", high=yuan(Decimal(sweep.high)))), icon=":material/balance:")
    else:
        st.info(plain(t("sweep.never", high=yuan(Decimal(sweep.high)))), icon=":material/balance:")
    st.plotly_chart(
        charts.spending_sweep(
            sweep,
            spending,
            {"before": comparison.before.cash_paid, "after": comparison.after.cash_paid},
            {"before": comparison.before.closing_balance, "after": comparison.after.closing_balance},
            case=charts.person_label(scenario.status, scenario.age, scenario.total_spending),
            policies=(before, after),
        ),
        config=charts.chart_config("spending_sweep"),
        key="chart.sweep",
    )

st.subheader(t("trace.header"))
before_tab, after_tab = st.tabs([t("chart.before"), t("chart.after")])
with before_tab:
    st.caption(plain(before.title.in_lang(lang())))
    show_trace(comparison.before)
with after_tab:
    st.caption(plain(after.title.in_lang(lang())))
    show_trace(comparison.after)

st.download_button(
    t("download.csv"),
    results_csv(comparison, sweep),
    file_name="menzhen_gongji.csv",
    mime="text/csv",
    icon=":material/download:",
)
st.caption(t("query.share"))
st.caption(t("app.disclaimer"))
