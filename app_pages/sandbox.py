"""政策沙盘 / Policy sandbox: change a policy's parameters and see who gains and who loses.

The widgets are generated from :func:`calculator.overrides.overridable_parameters`; the changed policy
is built and validated by :func:`calculator.overrides.apply_overrides` (a bad value is refused with the
parameter named, never clamped). Effects are settled by the engine: the official examples through
:func:`calculator.examples.run_example` with the what-if pair, the person from My case through
:func:`calculator.settlement.settle_year`.

The what-if is mirrored in the URL (:mod:`dashboard.sandbox_link`), so a link reproduces it; a link's
parameters that fail are refused and named, the others kept.

Under the nine people, the population block settles the same what-if for a simulated population
(:mod:`calculator.population_whatif`): drawn once per set of assumptions and kept (``st.cache_resource``),
settled under the pre-reform, the unchanged and the changed policy; who gains and loses, what the change
costs the fund, the fund balance, and a solver (:mod:`calculator.solver`) for one parameter. Its size and
insured count are in the URL too (``sb_size``, ``sb_insured``).
"""

from __future__ import annotations

import json
from decimal import Decimal

import pandas as pd
import streamlit as st

from calculator.errors import CalculatorError
from calculator.examples import run_example
from calculator.money import format_rounded_yuan
from calculator.overrides import Parameter, apply_overrides, full_path, overridable_parameters
from calculator.policy_model import Policy
from calculator.population import MEASURES, OUTCOMES, DrawnPopulation, no_account_tiers, parse_assumptions
from calculator.population_whatif import CHANGE_FIELDS, what_if_impact
from calculator.registry import default_registry
from calculator.settlement import YearResult, settle_year
from calculator.solver import SOLVABLE_PREFIXES, parse_target, solve
from calculator.words import capitalised, in_sentence
from dashboard import charts, compute, downloads, sandbox_link, state, whatif_charts
from dashboard.explain import cite_in
from dashboard.formatting import plain, signed_yuan, yuan
from dashboard.i18n import lang, t
from dashboard.population_export import FLOW_KEYS
from dashboard.reading_table import show_table
from dashboard.widgets import money_value

registry = default_registry()
code = lang()


POP_SIZE_KEY, POP_INSURED_KEY = "sb_size", "sb_insured"  # the population block's link keys (state.PAGE_KEYS)
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
                # a box's label starts with a capital in English (the same words run in lower case in a sentence)
                f"{parameter.label(code)}（{unit[0]}）"
                if code != "en"
                else f"{capitalised(parameter.label(code))} ({unit[1]})",
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
    # who and the gain wrap, the amounts stay on one line: every figure in view at 1280 pixels
    show_table(pd.DataFrame(rows), f"sandbox-{chart or 'person'}", unbroken_from=2)
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


# -- the population block: the same what-if over a simulated population, the fund balance, the solver --------

POP_SIZES = (1, 1_000_000)  # the dashboard keeps at most one million persons in memory per set of assumptions
DEFAULT_POP_SIZE = 200_000
MAX_INSURED = 2_000_000_000
SANDBOX_STEP = Decimal("0.01")  # the sandbox types (and links carry) two decimals; its solver searches in them
SOLVER_EXACT_SAMPLE = 500


@st.cache_resource(max_entries=2, show_spinner=False)
def drawn_population(assumptions_json: str, tiers: tuple[str, ...]) -> DrawnPopulation:
    """The simulated persons, drawn once per set of assumptions and shared by every what-if and session."""
    return DrawnPopulation(parse_assumptions(json.loads(assumptions_json)), frozenset(tiers))


def _policies(pre_id: str, base_id: str, changes_json: str) -> tuple[Policy, Policy, Policy]:
    pre_reform, start = registry.get(pre_id), starts[base_id]
    return pre_reform, start, apply_overrides(start, json.loads(changes_json), registry.documents)


def _drawn_for(assumptions_json: str, *policies: Policy) -> DrawnPopulation:
    """The kept persons for these assumptions; the insured count only scales, so it is not part of the key."""
    persons = {**json.loads(assumptions_json), "insured_population": None}
    return drawn_population(json.dumps(persons, sort_keys=True), tuple(sorted(no_account_tiers(*policies))))


@st.cache_data(max_entries=32, show_spinner=False)
def what_if_population(pre_id: str, base_id: str, changes_json: str, assumptions_json: str, language: str) -> dict:
    """The what-if's population answer as plain data, cached by policy, changes, assumptions and language."""
    pre_reform, start, changed = _policies(pre_id, base_id, changes_json)
    assumptions = parse_assumptions(json.loads(assumptions_json))
    drawn = _drawn_for(assumptions_json, pre_reform, start, changed)
    return what_if_impact(pre_reform, start, changed, assumptions, drawn=drawn).as_dict(language)


@st.cache_data(max_entries=16, show_spinner=False)
def solved(
    pre_id: str, base_id: str, changes_json: str, assumptions_json: str, parameter: str, target: str, language: str
) -> dict:
    """A solve over the kept population, as plain data (cached: the same question gets the same answer)."""
    pre_reform, start, changed = _policies(pre_id, base_id, changes_json)
    assumptions = parse_assumptions(json.loads(assumptions_json))
    drawn = _drawn_for(assumptions_json, pre_reform, start, changed)
    solution = solve(
        pre_reform,
        start,
        parameter,
        parse_target(target),
        assumptions,
        registry.documents,
        changes=json.loads(changes_json),
        drawn=drawn,
        exact_sample=SOLVER_EXACT_SAMPLE,
        step=SANDBOX_STEP,
    )
    return {**solution.as_dict(language), "exact_value": f"{solution.value:f}"}


def _link_int(key: str, low: int, high: int) -> int | None:
    """A whole number from the link within [low, high], or None (then refused and named)."""
    text = str(st.query_params.get(key, "")).strip()
    return int(text) if text.isdigit() and low <= int(text) <= high else None


def population_inputs() -> tuple[int, int]:
    """The size and the insured count, read once from the link and mirrored back into it."""
    if "sbpop.link_read" not in st.session_state:
        st.session_state["sbpop.link_read"] = True
        bad = []
        for key, state_key, low, high in (
            (POP_SIZE_KEY, "sbpop.size", *POP_SIZES),
            (POP_INSURED_KEY, "sbpop.insured", 0, MAX_INSURED),
        ):
            if key in st.query_params:
                value = _link_int(key, low, high)
                if value is None:
                    bad.append(f"{key}={str(st.query_params.get(key))[:20]}")
                else:
                    st.session_state[state_key] = value
        st.session_state["sbpop.refused"] = bad
    if st.session_state.get("sbpop.refused"):
        st.warning(plain(t("sandbox.link_refused", items="; ".join(st.session_state["sbpop.refused"]))))
    st.session_state.setdefault("sbpop.size", DEFAULT_POP_SIZE)
    st.session_state.setdefault("sbpop.insured", 0)
    size_column, insured_column = st.columns(2)
    size = size_column.number_input(
        t("sbpop.size"), *POP_SIZES, step=100_000, key="sbpop.size", help=t("sbpop.size_help")
    )
    insured = insured_column.number_input(
        t("sbpop.insured"), 0, MAX_INSURED, step=100_000, key="sbpop.insured", help=t("sbpop.insured_help")
    )
    for key, value, default in ((POP_SIZE_KEY, size, DEFAULT_POP_SIZE), (POP_INSURED_KEY, insured, 0)):
        if value == default:
            st.query_params.pop(key, None)
        else:
            st.query_params[key] = str(int(value))
    return int(size), int(insured)


def pre_reform_of(policy: Policy) -> Policy | None:
    """The pre-reform policy of the starting policy's region, if the registry has one."""
    try:
        before = registry.pair(policy.region.key)[0]
    except CalculatorError:
        return None
    return before if before.kind == "pre_reform" else None


def rounded_change(amount: object) -> str:
    """A simulated change as the population page writes simulated money: rounded, with its sign."""
    value = Decimal(str(amount))
    return ("+" if value > 0 else "") + format_rounded_yuan(value, code)


def show_population(population: dict, pre_reform: Policy) -> None:
    """Who gains and loses, what the change costs, the cash-change distributions and the fund balance."""
    st.caption(t("sbpop.ran", n=f"{population['size']:,}", seed=population["seed"], s=f"{population['seconds']:.2f}"))
    pair = (pre_reform, what_if)
    words = listed if changes else None
    measure_names = {name: t(f"pop.{name}") for name in MEASURES}
    csv_options = {
        "page": t("nav.sandbox"),
        "header": [
            *downloads.policy_lines({"before": pre_reform, "base": base, "what_if": what_if}),
            *what_if_lines,
            (t("sbpop.size"), population["size"]),
            (t("csv.seed"), population["seed"]),
            (t("sbpop.insured"), population["scale_to"]),
        ],
    }

    st.markdown(f"**{t('sbpop.overall')}**")
    comparisons = {
        "against_base": population["compare_to"]["outcomes"],
        "against_pre": population["outcomes"],
        "reform_pre": population["reform"]["outcomes"],
    }
    overall_rows = [
        {
            t("sbpop.comparison"): t(f"sbpop.{key}"),
            t("sbpop.measure"): measure_names[measure],
            **{t(f"pop.{outcome}"): f"{outcomes[measure]['shares'][outcome]:.1%}" for outcome in OUTCOMES},
        }
        for key, outcomes in comparisons.items()
        for measure in MEASURES
    ]
    st.dataframe(pd.DataFrame(overall_rows), hide_index=True)
    downloads.csv_button(
        [
            {
                t("sbpop.comparison"): t(f"sbpop.{key}"),
                t("sbpop.measure"): measure_names[measure],
                **{t(f"pop.{outcome}"): outcomes[measure]["shares"][outcome] for outcome in OUTCOMES},
            }
            for key, outcomes in comparisons.items()
            for measure in MEASURES
        ],
        name=t("csv.name.sbpop_overall"),
        units={t(f"pop.{outcome}"): "share" for outcome in OUTCOMES},
        key="csv.sbpop.overall",
        **csv_options,
    )

    st.markdown(f"**{t('sbpop.money')}**")
    scale_to = population["scale_to"]
    scaled = t(
        "sbpop.scaled" if population["scale_basis"] == "insured_population" else "sbpop.simulated", n=f"{scale_to:,}"
    )
    money = population["compare_to"]["changes"]
    money_rows = [
        {
            t("sbpop.item"): t(f"sbpop.field.{name}"),
            t("sbpop.per_10000"): rounded_change(money["per_10000"][name]),
            scaled: rounded_change(money["scaled"][name]),
        }
        for name in CHANGE_FIELDS
    ]
    st.dataframe(pd.DataFrame(money_rows), hide_index=True)
    downloads.csv_button(
        [
            {
                t("sbpop.item"): t(f"sbpop.field.{name}"),
                t("sbpop.per_10000"): Decimal(str(money["per_10000"][name])),
                scaled: Decimal(str(money["scaled"][name])),
            }
            for name in CHANGE_FIELDS
        ],
        name=t("csv.name.sbpop_money"),
        key="csv.sbpop.money",
        **csv_options,
    )
    money_chart_rows = [
        {t("sbpop.item"): t(f"sbpop.field.{name}"), t("sbpop.per_10000"): money["per_10000"][name]}
        for name in CHANGE_FIELDS
    ]
    changes_chart = whatif_charts.what_if_changes(
        [row[t("sbpop.item")] for row in money_chart_rows],
        [row[t("sbpop.per_10000")] for row in money_chart_rows],
        basis=t("sbpop.per_10000"),
        policies=pair,
        changes=words,
    )
    st.plotly_chart(changes_chart, config=charts.chart_config("sandbox_population_changes"))
    downloads.chart_button(changes_chart, name=t("csv.name.sbpop_changes"), key="csv.sbpop.changes", **csv_options)

    st.markdown(f"**{t('sbpop.groups')}**")
    columns = st.columns(3)
    comparison_names = {key: t(f"sbpop.{key}") for key in ("against_base", "against_pre")}  # fixed now, not later
    comparison = columns[0].radio(
        t("sbpop.comparison"),
        tuple(comparison_names),
        format_func=comparison_names.__getitem__,
        key=f"sbpop.comparison.{code}",
    )
    measure = columns[1].radio(
        t("sbpop.measure"),
        MEASURES,
        index=MEASURES.index("combined"),
        format_func=measure_names.__getitem__,
        key=f"sbpop.measure.{code}",
    )
    breakdown_names = {key: t(f"pop.breakdown.{key}") for key in ("by_age", "by_status", "by_decile")}
    breakdown_names["by_tier"] = t("sbpop.breakdown.by_tier")
    breakdown = columns[2].radio(
        t("sbpop.breakdown"),
        ("by_age", "by_status", "by_tier", "by_decile"),
        format_func=breakdown_names.__getitem__,
        key=f"sbpop.breakdown.{code}",
    )
    source = population["compare_to"] if comparison == "against_base" else population
    names = {
        "in_service": t("pop.in_service"),
        "retired": t("pop.retired"),
        "none": t("pop.none"),
        **{tier: t(f"tier.{tier}") for tier in ("employer", "individual_tier1", "individual_tier2")},
    }
    group_rows = [
        {
            t("sbpop.breakdown"): names.get(row["group"], row["group"]),
            t("pop.persons"): row["persons"],
            **{t(f"pop.{outcome}"): row[measure]["shares"][outcome] for outcome in OUTCOMES},
            **{f"{t(f'pop.{outcome}')} ({t('pop.persons')})": row[measure][outcome] for outcome in OUTCOMES},
        }
        for row in source[breakdown]
    ]
    shares_chart = charts.outcome_shares(
        [row[t("sbpop.breakdown")] for row in group_rows],
        {outcome: [row[t(f"pop.{outcome}")] for row in group_rows] for outcome in OUTCOMES},
        {outcome: [row[f"{t(f'pop.{outcome}')} ({t('pop.persons')})"] for row in group_rows] for outcome in OUTCOMES},
        breakdown=breakdown_names[breakdown],
        measure=in_sentence(f"{measure_names[measure]} · {in_sentence(t(f'sbpop.{comparison}'), code)}", code),
        policies=(base if comparison == "against_base" else pre_reform, what_if),
    )
    st.plotly_chart(shares_chart, config=charts.chart_config(f"sandbox_population_{breakdown}"))
    downloads.chart_button(
        shares_chart,
        name=t("csv.name.sbpop_groups"),
        case=breakdown_names[breakdown],
        key="csv.sbpop.groups",
        **csv_options,
    )

    st.markdown(f"**{t('sbpop.histogram')}**")
    series_names = (t("sbpop.hist_reform"), t("sbpop.hist_what_if"))
    histogram_rows = [
        {
            t("pop.change_axis.cash"): reform_bin["label"],
            series_names[0]: reform_bin["persons"],
            series_names[1]: what_if_bin["persons"],
        }
        for reform_bin, what_if_bin in zip(
            population["reform"]["cash_change_histogram"], population["cash_change_histogram"], strict=True
        )
    ]
    histogram_chart = whatif_charts.cash_change_side_by_side(
        {
            name: [{"label": row[t("pop.change_axis.cash")], "persons": row[name]} for row in histogram_rows]
            for name in series_names
        },
        policies=pair,
        changes=words,
    )
    st.plotly_chart(histogram_chart, config=charts.chart_config("sandbox_population_cash_change"))
    downloads.chart_button(
        histogram_chart, name=t("csv.name.sbpop_histogram"), key="csv.sbpop.histogram", **csv_options
    )

    st.markdown(f"**{t('sbpop.fund')}**")
    balances = population["fund_balance"]
    for key, name in zip(("reform", "what_if"), series_names, strict=True):
        st.markdown(f"- **{name}**：{plain(balances[key]['statement'])}")
    fund_rows = [
        {
            t("sbpop.item"): t(f"pop.{item}"),
            **{
                name: balances[key]["per_10000"][item]
                for key, name in zip(("reform", "what_if"), series_names, strict=True)
            },
        }
        for item in FLOW_KEYS
    ]
    fund_chart = whatif_charts.fund_balance(
        [row[t("sbpop.item")] for row in fund_rows],
        {name: [row[name] for row in fund_rows] for name in series_names},
        policies=pair,
        changes=words,
    )
    st.plotly_chart(fund_chart, config=charts.chart_config("sandbox_population_fund_balance"))
    downloads.chart_button(fund_chart, name=t("csv.name.sbpop_fund"), key="csv.sbpop.fund", **csv_options)
    with st.expander(t("sbpop.drivers")):
        drivers = pd.DataFrame(
            [
                {
                    t("pop.meaning"): row["label"],
                    t("pop.value"): json.dumps(row["value"], ensure_ascii=False, default=str),
                    t("pop.source"): row["source"],
                }
                for row in balances["what_if"]["drivers"]
            ]
        )
        st.dataframe(drivers, hide_index=True)
        downloads.csv_button(drivers, name=t("csv.name.sbpop_drivers"), key="csv.sbpop.drivers", **csv_options)


def use_value(parameter: Parameter, value: str) -> None:
    """Put the solver's answer into the parameter's box (and so into the what-if and its link)."""
    st.session_state[widget_key(parameter)] = float(value)


def show_solver(pre_reform: Policy, assumptions_json: str, changes_json: str) -> None:
    """Pick a parameter and a target; bisection over the kept population finds the value."""
    solvable = [p for p in parameters if full_path(p.path).startswith(SOLVABLE_PREFIXES) and p.value is not None]
    if not solvable:
        return
    with st.expander(t("sbpop.solve.title")):
        st.caption(t("sbpop.solve.intro"))
        by_path = {p.path: p for p in solvable}
        with st.form("sbpop.solve"):
            labels = {key: parameter.label(code) for key, parameter in by_path.items()}
            path = st.selectbox(t("sbpop.solve.parameter"), list(by_path), format_func=labels.__getitem__)
            kinds = {key: t(f"sbpop.solve.{key}") for key in ("net_flow", "losers")}
            kind = st.radio(
                t("sbpop.solve.target"),
                tuple(kinds),
                format_func=kinds.__getitem__,
                key=f"sbpop.solve.kind.{code}",
            )
            share = st.number_input(t("sbpop.solve.share"), 0.0, 1.0, 0.5, 0.05, format="%.2f")
            asked = st.form_submit_button(t("sbpop.solve.run"))
        if asked:
            target = "net_flow=0" if kind == "net_flow" else f"losers={share:.2f}"
            try:
                with st.spinner(t("sbpop.solve.running")):
                    answer = solved(pre_reform.id, base.id, changes_json, assumptions_json, path, target, code)
            except CalculatorError as error:
                st.warning(plain(error.message(code)))
                return
            st.session_state["sbpop.solution"] = {**answer, "base": base.id}
        answer = st.session_state.get("sbpop.solution")
        if not answer or answer["base"] != base.id or answer["parameter"] not in by_path:
            return
        parameter = by_path[answer["parameter"]]
        low, high = answer["valid_range"]["low"], answer["valid_range"]["high"]
        net_flow = answer["target"]["kind"] == "net_flow"
        target_words = (
            t("sbpop.solve.net_flow")
            if net_flow
            else t("sbpop.solve.losers_is", share=f"{answer['target']['value']:.0%}")
        )
        words = {"parameter": parameter.label(code), "value": answer["exact_value"], "target": target_words}
        if answer["found"]:
            st.success(plain(t("sbpop.solve.found", **words)))
        else:
            st.warning(plain(t("sbpop.solve.not_found", low=f"{low:g}", high=f"{high:g}", **words)))

        def shown(amount: object, signed: bool = True) -> str:
            if net_flow:
                money = Decimal(str(amount))
                return t("sbpop.solve.per_10000", amount=signed_yuan(money) if signed else yuan(money))
            return f"{float(amount):+.4%}" if signed else f"{float(amount):.4%}"

        solution_rows = [
            {"": t("sbpop.solve.value"), " ": answer["exact_value"]},
            {"": t("sbpop.solve.range"), " ": f"[{low:g}, {high:g}]"},
            {"": t("sbpop.solve.iterations"), " ": str(answer["iterations"])},
            {"": t("sbpop.solve.residual"), " ": shown(answer["residual"])},
            {"": t("sbpop.solve.tolerance"), " ": shown(answer["tolerance"], signed=False)},
            {
                "": t("sbpop.solve.exact"),
                " ": f"{answer['exact_check']['mismatches']} / {answer['exact_check']['sample']}",
            },
            {"": t("sbpop.solve.seconds"), " ": f"{answer['seconds']:.2f}"},
        ]
        st.dataframe(pd.DataFrame(solution_rows), hide_index=True)
        st.button(
            t("sbpop.solve.use"),
            on_click=use_value,
            args=(parameter, answer["exact_value"]),
            icon=":material/check:",
        )


st.subheader(t("sbpop.title"))
st.caption(t("sbpop.intro"))
pop_size, insured = population_inputs()
pre_reform = pre_reform_of(base)
if pre_reform is None:
    st.info(t("sbpop.no_pre"))
else:
    # a reference amount given in the sandbox (e.g. an average pension the documents leave open) is the
    # population's too, so the three policies settle on the same figure
    population_references = {
        path.split(".")[1]: f"{value:f}"
        for path, value in changed_values.items()
        if path.startswith("references.") and value is not None
    }
    changes_json = json.dumps(changes, sort_keys=True)
    try:
        assumptions_json = parse_assumptions(
            {"size": pop_size, "insured_population": insured or None, "references": population_references}
        ).model_dump_json()
        with st.spinner(t("sbpop.running")):
            population = what_if_population(pre_reform.id, base.id, changes_json, assumptions_json, code)
    except CalculatorError as error:
        st.warning(plain(t("sbpop.error", reason=error.message(code))))
    else:
        show_population(population, pre_reform)
        show_solver(pre_reform, assumptions_json, changes_json)
