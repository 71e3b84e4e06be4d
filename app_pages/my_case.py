"""我的测算 / My case: one person's year before and after the reform, explained.

The inputs are kept in ``st.session_state["person"]`` and in the URL; the figures are the engine's
(:func:`calculator.comparison.compare_sides`), the sweep and the break-even come from
:mod:`dashboard.compute`, which also only calls the engine.

The answer comes first (above the form, so a phone shows it without scrolling); every amount box is a
text box read by :func:`dashboard.widgets.parse_money`, so an empty box means "not given" and text is
refused by name, never turned into 0; a side that needs a figure the person has not given does not keep
the other side's answer from them.
"""

from __future__ import annotations

from decimal import Decimal
from functools import partial

import pandas as pd
import streamlit as st

from calculator.comparison import Comparison, SideOutcome, compare_sides, defaults_used
from calculator.errors import CalculatorError, Problem, field_label
from calculator.policy_model import Policy
from calculator.printing import DeckCase, case_sheet
from calculator.printing.link import case_link
from calculator.registry import default_registry
from calculator.scenario import MAX_AGE, MAX_AMOUNT, MIN_AGE_IN_SERVICE
from calculator.settlement import OUTPUT_FIELDS
from calculator.vocabulary import KINDS, RELATIONS
from calculator.words import capitalised
from dashboard import charts, compute, downloads, state
from dashboard.explain import secondary_steps, show_traces
from dashboard.formatting import change_words, plain, yuan
from dashboard.i18n import TEXT, group, lang, t
from dashboard.widgets import FieldProblems, money_text, money_value, parse_money, show_query_notes

SLIDER_MAX = 50_000.0
MAX_MONEY = float(MAX_AMOUNT)
SIDES = ("before", "after")
registry = default_registry()
form = dict(state.person())
problems: list[Problem] = []  # what is wrong with the boxes as typed (shown beside each box)
beside = FieldProblems("my_case.problems")


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
    table = group(prefix)
    return lambda value: table.get(str(value), str(value))


def money_box(label: str, key: str, field: str, slot: bool = True, **options: object) -> Decimal | None:
    """A yuan amount box: empty is "not given", text is refused by name; its problems show below it
    (``slot=False``: the caller places them, e.g. below a row of columns)."""
    options.setdefault("placeholder", t("person.money_placeholder"))
    text = st.text_input(label, key=key, **options)
    value, problem = parse_money(text, field, MAX_AMOUNT)
    if problem is not None:
        problems.append(problem)
    if slot:
        beside.place(field)
    return value


def sync_from_slider() -> None:
    st.session_state["w.spending"] = money_text(Decimal(str(st.session_state["w.spending_slider"])))


def sync_from_box() -> None:
    value, problem = parse_money(st.session_state["w.spending"], "spending", MAX_AMOUNT)
    if value is not None and problem is None:
        st.session_state["w.spending_slider"] = min(float(value), SLIDER_MAX)


def switch_base_unit() -> None:
    """Keep the base the same when its unit changes (the box shows it in the chosen unit)."""
    value, problem = parse_money(st.session_state.get("w.base"), "contribution_base", MAX_AMOUNT)
    if value is None or problem is not None:
        return
    monthly = st.session_state["w.base_unit"] == "month"
    converted = (value / 12).quantize(Decimal("0.01")) if monthly else value * 12
    st.session_state["w.base"] = money_text(converted)


def has_account(policy: Policy, tier: str) -> bool:
    return tier not in policy.account.no_account_tiers.tiers


def open_reference(policy: Policy, status: str, tier: str):
    """The reference a policy's credit rule rests on when the policy documents leave it open, or None."""
    if not has_account(policy, tier):
        return None
    rule = getattr(policy.account.credit, status)
    if rule.method != "percent_of_reference":
        return None
    reference = policy.references[rule.reference]
    return (rule.reference, reference) if reference.value is None else None


def needs_statement(policy: Policy, status: str, tier: str) -> bool:
    return has_account(policy, tier) and getattr(policy.account.credit, status).method == "statement_required"


def uses(policies: tuple[Policy, Policy], status: str, method: str) -> bool:
    return any(getattr(policy.account.credit, status).method == method for policy in policies)


def side_word(side: str) -> str:
    return t(f"case_side.{side}")


st.title(t("nav.my_case"))
show_query_notes(state.query_notes())
# The answer first: filled once the inputs below are read, so on a phone it is above the form.
summary = st.container()

# -- inputs -------------------------------------------------------------------------------------------

# My case answers at "/" and at "/my_case"; Streamlit tells their widgets apart, so when the path changes
# the boxes start again from the person (never from the other path's half-kept widget state).
if st.session_state.get("my_case.path") != st.session_state.get("page_path"):
    st.session_state["my_case.path"] = st.session_state.get("page_path")
    for key in [key for key in st.session_state if isinstance(key, str) and key.startswith("w.")]:
        del st.session_state[key]

regions = registry.regions()
init(choice("region"), form["region"] if form["region"] in regions else "chongqing")
init(choice("status"), form["status"])
init(choice("tier"), form["tier"])
init("w.age", form["age"])
init(choice("level"), form["level"])
init("w.spending", money_text(form["spending"]))
init("w.spending_slider", min(float(form["spending"]), SLIDER_MAX))
init("w.base_unit", "year")
# a retiree switching to in service starts from the default base (shown in the box); an in-service person
# without one (an official example) keeps the box empty
starting_base = form["contribution_base"] if form["status"] == "in_service" else state.DEFAULT_FORM["contribution_base"]
init("w.base", money_text(starting_base))
init("w.pension", money_text(form["pension"]))
init("w.other", money_text(form["other_schemes_paid"]))
init("w.opening", money_text(form["opening_balance"]))
init("w.credit_before", money_text(form["credit_before"]))
init("w.credit_after", money_text(form["credit_after"]))
init("w.use_visits", bool(form["visits"]))
for payment in form.get("family") or []:
    init(f"w.family.{payment['relation']}", money_text(payment["amount"]))

inputs, details = st.columns([1, 2], gap="large")

with inputs:
    st.subheader(t("person.header"), anchor="form")
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
    by_side = dict(zip(SIDES, pair, strict=True))

    st.radio(
        t("person.status"),
        ["in_service", "retired"],
        format_func=labels("status"),
        key=choice("status"),
        horizontal=True,
        help=t("person.status_help"),
    )
    st.slider(t("person.age"), MIN_AGE_IN_SERVICE, 100 if form["age"] <= 100 else MAX_AGE, key="w.age")
    beside.place("age")
    st.selectbox(
        t("person.tier"),
        ["employer", "individual_tier1", "individual_tier2"],
        format_func=labels("tier"),
        key=choice("tier"),
        help=t("person.tier_help"),
    )
    beside.place("tier")
    status, tier = st.session_state[choice("status")], st.session_state[choice("tier")]
    account_sides = [side for side in SIDES if has_account(by_side[side], tier)]

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
        spending = money_box(
            t("person.spending_exact"),
            "w.spending",
            "spending",
            slot=False,
            on_change=sync_from_box,
            disabled=use_visits,
        )
    beside.place("spending")  # below both columns: a message in a half-width column wraps letter by letter
    if spending is not None and spending > Decimal(SLIDER_MAX) and not use_visits:
        st.caption(t("person.spending_beyond"))
    st.radio(
        t("person.level"),
        [1, 2, 3],
        format_func=labels("level"),
        key=choice("level"),
        horizontal=True,
        disabled=use_visits,
        help=t("person.level_help"),
    )
    beside.place("level")

    base = pension = None
    if status == "in_service":
        # the base only sets the account credit: without an account it is kept (for a change of tier) but
        # not asked, and nothing in it can stand in the way of an answer
        no_account = not account_sides
        st.radio(
            t("person.base_unit"),
            ["month", "year"],
            format_func=labels("base_unit"),
            key="w.base_unit",
            horizontal=True,
            on_change=switch_base_unit,
            disabled=no_account,
        )
        monthly = st.session_state["w.base_unit"] == "month"
        base = money_box(
            t("person.base_month" if monthly else "person.base"),
            "w.base",
            "contribution_base",
            help=t("person.base_help"),
            disabled=no_account,
        )
        if no_account:
            base = None
            problems[:] = [problem for problem in problems if problem.field != "contribution_base"]
        if base is not None and monthly:
            base = base * 12
        if base is not None:
            st.caption(plain(t("person.base_used", amount=yuan(base))))
    elif uses(pair, "retired", "percent_of_pension"):
        pension = money_box(t("person.pension"), "w.pension", "pension", help=t("person.pension_help"))
    else:
        st.caption(t("person.no_base_needed"))

    other = money_box(
        t("person.other"), "w.other", "other_schemes_paid", help=t("person.other_help"), disabled=use_visits
    )
    opening = None
    if account_sides or form.get("opening_balance"):  # a link's balance for a tier without one is named, not lost
        opening = money_box(t("person.opening"), "w.opening", "opening_balance", help=t("person.opening_help"))
    else:
        st.caption(t("person.no_account"))

    # A credit rule resting on an amount the policy documents do not give: say which published figure is
    # used (or ask for it), and offer the statement credit right there, outside any expander.
    credits: dict[str, Decimal | None] = {"before": None, "after": None}
    references = dict(form["references"])
    shown_credit = set()
    for side in account_sides:
        policy = by_side[side]
        opened = open_reference(policy, status, tier)
        statement = needs_statement(policy, status, tier)
        if opened is None and not statement:
            continue
        with st.container(border=True):
            title = policy.title.in_lang(lang())
            credit_label = t(f"person.credit_{side}")
            if statement:
                st.markdown(f"**{plain(t('person.statement_title', side=side_word(side)))}**")
                st.caption(plain(t("person.statement_text", policy=title)))
            else:
                name, reference = opened
                label = reference.label.in_lang(lang())
                published = reference.default
                if published is not None:
                    st.markdown(f"**{plain(t('person.default_title', side=side_word(side)))}**")
                    st.caption(
                        plain(
                            t(
                                "person.default_text",
                                policy=title,
                                label=label,
                                publisher=published.publisher.in_lang(lang()),
                                year=published.year,
                                amount=yuan(published.value),
                                credit=credit_label,
                            )
                        )
                    )
                else:
                    st.markdown(f"**{plain(t('person.needs', side=side_word(side)))}**")
                    st.caption(plain(t("person.needs_text", policy=title, label=label)))
            credits[side] = money_box(credit_label, f"w.credit_{side}", f"credit_{side}", help=t("person.credit_help"))
            shown_credit.add(side)
            if opened is not None:
                name, reference = opened
                unit = t("unit.per_month") if reference.unit == "yuan_per_month" else t("unit.per_year")
                init(f"w.ref.{name}", money_text(form["references"].get(name)))
                placeholder = (
                    t("person.reference_placeholder", amount=yuan(reference.default.value))
                    if reference.default is not None
                    else t("person.money_placeholder")
                )
                given = money_box(
                    t("person.reference", label=reference.label.in_lang(lang()), unit=unit),
                    f"w.ref.{name}",
                    f"references.{name}",
                    slot=False,
                    placeholder=placeholder,
                )
                beside.place(f"references.{name}", "references")  # a problem with the references in general too
                if given is None:
                    references.pop(name, None)
                else:
                    references[name] = given

    # Family use of the account: only where a policy allows it, with its minimum-balance rule.
    family: list[dict] = []
    sharing_sides = [side for side in account_sides if by_side[side].account.family_sharing.allowed]
    if sharing_sides:
        policy = by_side[sharing_sides[-1]]
        sharing = policy.account.family_sharing
        has_family = any(st.session_state.get(f"w.family.{relation}") for relation in RELATIONS)
        with st.expander(t("family.header"), expanded=has_family):
            floor = ""
            if sharing.min_balance_after is not None:
                word = t("family.floor_above" if sharing.strictly_above else "family.floor_at_least")
                floor = t("family.floor", word=word, amount=yuan(sharing.min_balance_after))
            relations = "、" if lang() == "zh" else ", "
            st.caption(
                plain(
                    t(
                        "family.help",
                        policy=policy.title.in_lang(lang()),
                        relations=relations.join(t(f"relation.{relation}") for relation in sharing.relations),
                        floor=floor,
                    )
                )
            )
            for side in account_sides:
                if side not in sharing_sides:
                    st.caption(plain(t("family.not_before", policy=by_side[side].title.in_lang(lang()))))
            for relation in sharing.relations:
                amount = money_box(
                    t("family.amount", relation=t(f"relation.{relation}")), f"w.family.{relation}", "family"
                )
                if amount:
                    family.append({"relation": relation, "amount": amount})

    if st.session_state.pop("open_advanced", False):  # a problem sits in a field inside: show it open
        st.session_state["w.advanced"] = True
    with st.expander(t("person.advanced"), expanded=use_visits, key="w.advanced", on_change="rerun"):
        st.toggle(t("person.use_visits"), key="w.use_visits")
        # The visits table is drawn only when someone can see or use it (the data editor is the costliest
        # widget of the page, and a folded, unused table has nothing to give).
        if use_visits or st.session_state.get("w.advanced"):
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
        beside.place("visits")
        for side in SIDES:
            given = form.get(f"credit_{side}") is not None  # from a link: refused by name, never dropped silently
            if side not in shown_credit and (side in account_sides or given):
                credits[side] = money_box(
                    t(f"person.credit_{side}"), f"w.credit_{side}", f"credit_{side}", help=t("person.credit_help")
                )

# -- the form, from the widgets -------------------------------------------------------------------------

form.update(
    status=status,
    tier=tier,
    age=st.session_state["w.age"],
    level=st.session_state[choice("level")],
    spending=spending,
    other_schemes_paid=other,
    opening_balance=opening,
    credit_before=credits["before"],
    credit_after=credits["after"],
    family=family,
    references=references,
    contribution_base=base if status == "in_service" else None,
    pension=pension if status == "retired" else None,
)
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
    form["spending"] = spending if spending is not None else form["spending"]
else:
    form["visits"] = None
    if spending is None and not any(problem.field == "spending" for problem in problems):
        problems.append(Problem("spending", "必填", "is required"))

# -- the answer -----------------------------------------------------------------------------------------

scenario = None
if not problems:
    try:
        scenario = state.to_scenario(form)
    except CalculatorError as error:
        problems.extend(error.problems)
if scenario is not None:
    # Only a case that validates becomes the person and the link: a box being corrected never turns
    # into a 0 in the URL, and "not given" stays out of it.
    state.set_person(form)
    st.query_params.from_dict(state.form_to_query(form, lang()))


def verdict(comparison: Comparison) -> tuple[str, str, object]:
    """The one-line verdict, its icon and the alert that gives it its tone (gain, loss, no change)."""
    gain = compute.net_gain(comparison)
    change = comparison.change
    words = {"cash": change_words(change["cash_paid"]), "balance": change_words(change["closing_balance"])}
    if gain > 0:
        return t("verdict.better", amount=yuan(gain), **words), ":material/trending_up:", st.success
    if gain < 0:
        return t("verdict.worse", amount=yuan(-gain), **words), ":material/trending_down:", st.warning
    return t("verdict.same"), ":material/trending_flat:", st.info


def metric(column, label: str, field: str, outcomes: dict[str, SideOutcome], inverse: bool = False) -> None:
    """One headline figure after the reform, its change in one sign (arrow and colour, no minus), and the
    figure before; a side that could not be settled says so instead of a number."""
    after, before = outcomes["after"].result, outcomes["before"].result
    shown = outcomes["after"] if after is not None else outcomes["before"]
    value = getattr(shown.result, field)
    delta, arrow, colour = None, "auto", "normal"
    if after is not None and before is not None:
        change = getattr(after, field) - getattr(before, field)
        if change:
            good = (change < 0) if inverse else (change > 0)
            delta, arrow, colour = yuan(abs(change)), "up" if change > 0 else "down", "green" if good else "red"
    with column:
        label_text = t(label) if after is not None else t(f"{label}_before")
        st.metric(label_text, yuan(value), delta=delta, delta_arrow=arrow, delta_color=colour, border=True)
        if after is not None and before is not None:
            st.caption(t("metric.before", amount=yuan(getattr(before, field))))
        else:
            missing = "before" if before is None else "after"
            st.caption(plain(t("result.side_missing", side=side_word(missing))))


def missing_field(outcome: SideOutcome) -> str:
    return field_label(outcome.error.problems[0].field.split(".", 1)[0], lang())


# Headline figures shrink with the column so that ¥38,023.20 is never cut to "¥38,0…" (a truncated amount
# reads as a different number).
METRIC_CSS = "<style>[data-testid='stMetricValue'] > div { font-size: clamp(1.25rem, 2.1vw, 2.1rem); }</style>"

outcomes: dict[str, SideOutcome] = {}
comparison: Comparison | None = None
if scenario is not None:
    outcomes = dict(zip(SIDES, compare_sides(scenario, *pair), strict=True))
    for side in SIDES:
        if outcomes[side].error is not None:  # named with its side: the same field can exist on both
            zh, en = TEXT[f"case_side.{side}"]
            problems.extend(
                Problem(problem.field, f"{zh}——{problem.zh}", f"{en}: {problem.en}")
                for problem in outcomes[side].error.problems
            )
    if all(outcomes[side].result is not None for side in SIDES):
        comparison = Comparison(outcomes["before"].result, outcomes["after"].result)

ADVANCED_FIELDS = {"visits", "credit_before", "credit_after"}
hidden = [problem for problem in problems if problem.field.split("[", 1)[0] in ADVANCED_FIELDS]
if hidden and not st.session_state.get("w.advanced") and not use_visits:
    inside = {key for key in ("credit_before", "credit_after") if key not in shown_credit}
    if any(problem.field.split("[", 1)[0] in inside | {"visits"} for problem in hidden):
        st.session_state["open_advanced"] = True
        st.rerun()
left = beside.settle(problems)

with summary:
    st.markdown(METRIC_CSS, unsafe_allow_html=True)
    settled = [side for side in SIDES if outcomes.get(side) and outcomes[side].result is not None]
    if not settled:
        names = "、" if lang() == "zh" else ", "
        fields = names.join(dict.fromkeys(field_label(problem.field.split("[", 1)[0], lang()) for problem in problems))
        st.error(plain(t("result.no_result", fields=fields)), icon=":material/edit:")
        for problem in left:
            st.error(plain(problem.text(lang())))
    else:
        first, second, third = st.columns(3)
        metric(first, "metric.cash", "cash_paid", outcomes, inverse=True)
        metric(second, "metric.balance", "closing_balance", outcomes)
        metric(third, "metric.reimbursed", "reimbursed_total", outcomes)
        if comparison is not None:
            text, icon, alert = verdict(comparison)
            alert(plain(text), icon=icon)
        else:
            missing = next(side for side in SIDES if side not in settled)
            st.info(
                plain(
                    t(
                        "result.partial",
                        known=side_word(settled[0]),
                        missing=side_word(missing),
                        field=missing_field(outcomes[missing]),
                    )
                ),
                icon=":material/edit_note:",
            )
        for used in defaults_used(scenario, *pair):
            published = used.reference.default
            st.caption(
                plain(
                    t(
                        "result.default_used",
                        side=side_word(used.side),
                        publisher=published.publisher.in_lang(lang()),
                        year=published.year,
                        label=used.reference.label.in_lang(lang()),
                        amount=yuan(published.value),
                    )
                )
            )
        if comparison is not None:  # a rule from a secondary source drives the verdict: said beside it
            for side, step, ref in secondary_steps({"before": comparison.before, "after": comparison.after}):
                note = t("result.secondary_step", side=side_word(side), step=step, ref=ref)
                st.caption(plain(capitalised(note)))
    st.markdown(f"[{t('summary.edit')}](#form)")

if not outcomes or not any(outcome.result is not None for outcome in outcomes.values()):
    st.stop()

before, after = pair
csv_header = partial(downloads.case_lines, scenario, before, after)  # worked out when a file is written
csv_case = after.region.in_lang(lang())

with details:
    st.subheader(t("result.header"))
    st.caption(plain(t("result.policy_pair", before=before.title.in_lang(lang()), after=after.title.in_lang(lang()))))
    if comparison is not None:
        st.caption(t("verdict.note"))
    # the years ahead, also when one side waits for a figure (the ledger names what is unknown); with the
    # person and the language, so a copied link opens the same case in the same language
    st.page_link(
        "app_pages/ledger.py",
        label=t("ledger.link"),
        icon=":material/timeline:",
        query_params=state.form_to_query(state.person(), lang()),
    )
    if comparison is not None:
        flow = charts.money_flow(
            {"before": comparison.before, "after": comparison.after},
            case=charts.person_label(scenario.status, scenario.age, scenario.total_spending),
        )
        st.plotly_chart(flow, config=charts.chart_config("money_flow"), key="chart.flow")
        downloads.chart_button(
            flow, name=t("csv.name.flow"), page=t("nav.my_case"), case=csv_case, header=csv_header, key="csv.flow"
        )


def results_rows(comparison: Comparison, sweep: compute.Sweep | None) -> list[dict[str, object]]:
    """Every output before and after with its change (the engine's amounts, to the fen), and the
    break-even spending when there is one."""
    rows: list[dict[str, object]] = [
        {
            t("csv.item"): t(f"field.{name}"),
            t("csv.before"): getattr(comparison.before, name),
            t("csv.after"): getattr(comparison.after, name),
            t("csv.change"): comparison.change[name],
        }
        for name in OUTPUT_FIELDS
    ]
    if sweep is not None and sweep.break_even is not None:
        rows.append({t("csv.item"): t("csv.break_even"), t("csv.after"): sweep.break_even})
    return rows


sweep = None
if comparison is not None:
    st.subheader(t("sweep.header"))
    try:
        sweep = compute.sweep(scenario, before.id, after.id)
    except CalculatorError as error:
        st.warning(plain(t("sweep.unavailable", reason=error.message(lang()))))
    if sweep is not None:
        total = scenario.total_spending
        if sweep.break_even is not None:
            st.info(
                plain(t("sweep.break_even", amount=yuan(sweep.break_even), yours=yuan(total))),
                icon=":material/balance:",
            )
        elif sweep.always_better:
            st.info(plain(t("sweep.always", high=yuan(Decimal(sweep.high)))), icon=":material/balance:")
        else:
            st.info(plain(t("sweep.never", high=yuan(Decimal(sweep.high)))), icon=":material/balance:")
        curves = charts.spending_sweep(
            sweep,
            total,
            {"before": comparison.before.cash_paid, "after": comparison.after.cash_paid},
            {"before": comparison.before.closing_balance, "after": comparison.after.closing_balance},
            case=charts.person_label(scenario.status, scenario.age, scenario.total_spending),
            policies=(before, after),
        )
        st.plotly_chart(curves, config=charts.chart_config("spending_sweep"), key="chart.sweep")
        downloads.chart_button(
            curves, name=t("csv.name.sweep"), page=t("nav.my_case"), case=csv_case, header=csv_header, key="csv.sweep"
        )

st.subheader(t("trace.header"))
settled_sides = [side for side in SIDES if outcomes[side].result is not None]
show_traces(
    {side: outcomes[side].result for side in settled_sides},
    {side: by_side[side].title.in_lang(lang()) for side in settled_sides},
)

if comparison is not None:
    downloads.csv_button(
        results_rows(comparison, sweep),
        name=t("csv.name.results"),
        page=t("nav.my_case"),
        case=csv_case,
        header=csv_header,
        key="csv.results",
        label=t("download.csv"),
    )
st.caption(t("query.share"))
st.caption(t("app.disclaimer"))

if comparison is not None:  # the printed 测算单, made only when asked for; and the case for the examples deck
    with st.container(horizontal=True):
        st.download_button(
            t("download.pdf_case"),
            partial(
                case_sheet,
                scenario,
                before,
                after,
                lang=lang(),
                sweep=sweep,
                link=case_link(state.form_to_query(form, lang()), st.context.url),
            ),
            file_name="menzhen_cesuandan.pdf",
            mime="application/pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
            key="download.pdf_case",
        )
        added = st.button(t("download.deck_add"), icon=":material/playlist_add:", key="deck.add")
    if added:
        deck_cases = st.session_state.setdefault("deck.cases", [])
        case = charts.person_label(scenario.status, scenario.age, scenario.total_spending)
        deck_cases.append(DeckCase(t("download.deck_case", n=len(deck_cases) + 1, case=case), scenario, before, after))
        st.caption(t("download.deck_added", n=len(deck_cases)))
