"""逐年账户 / Over the years: the person from My case, year by year, before and after the reform.

The person and the policy pair come from :mod:`dashboard.state` (the same link keys as My case); the
projection's own assumptions (years, retirement age, growth, interest, spending for particular years)
are widgets here and are written to the URL beside the person, so a copied link reproduces the ledger.
Every figure is :func:`calculator.projection.project`'s; this page only lays them out.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from decimal import Decimal

import pandas as pd
import streamlit as st

from calculator.errors import CalculatorError
from calculator.projection import MAX_YEARS, SIDES, Ledger, ProjectionInput, parse_projection_input, project
from calculator.scenario import MAX_AGE, MAX_AMOUNT, MIN_AGE_RETIRED
from calculator.settlement import OUTPUT_FIELDS
from dashboard import downloads, ledger_chart, state
from dashboard.field_words import in_words
from dashboard.formatting import plain, signed_yuan, yuan
from dashboard.i18n import lang, t
from dashboard.widgets import money_value, show_query_notes

DEFAULT_YEARS = 40
RATES = ("base_growth", "pension_growth", "spending_growth", "family_growth", "interest")
# The link keys this page owns (also listed in dashboard.state.PAGE_KEYS, so My case ignores them).
QUERY_KEYS = ("years", "start_year", "retire_age", "retirement_pension", *RATES, "spending_by_year")
TABLE_FIELDS = ("account_credit", "cash_paid", "closing_balance")


def init(key: str, value: object) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _overrides_text(overrides: Mapping[int, Decimal]) -> str:
    return ",".join(f"{year}:{amount:f}" for year, amount in sorted(overrides.items()))


def from_link(params: Mapping[str, str]) -> tuple[dict, str | None]:
    """The projection inputs in the link (validated), or the defaults and the reason they were refused."""
    data: dict = {key: params[key] for key in QUERY_KEYS if key in params and key != "spending_by_year"}
    data.setdefault("years", DEFAULT_YEARS)
    try:
        if "spending_by_year" in params:
            pairs = [item.split(":", 1) for item in str(params["spending_by_year"]).split(",") if item]
            if any(len(pair) != 2 for pair in pairs):
                raise ValueError
            data["spending_by_year"] = dict(pairs)
        return parse_projection_input(data).model_dump(), None
    except CalculatorError as error:
        return ProjectionInput(years=DEFAULT_YEARS).model_dump(), error.message(lang())
    except ValueError:
        return ProjectionInput(years=DEFAULT_YEARS).model_dump(), "spending_by_year"


def to_link(settings: ProjectionInput) -> dict[str, str]:
    """Only what differs from the defaults, so links stay short."""
    query = {"years": str(settings.years)}
    for key in ("start_year", "retire_age"):
        if getattr(settings, key) is not None:
            query[key] = str(getattr(settings, key))
    if settings.retirement_pension is not None:
        query["retirement_pension"] = f"{settings.retirement_pension:f}"
    for key in RATES:
        if getattr(settings, key):
            query[key] = f"{getattr(settings, key).normalize():f}"
    if settings.spending_by_year:
        query["spending_by_year"] = _overrides_text(settings.spending_by_year)
    return query


def rate_value(value: float | None) -> Decimal:
    return Decimal(f"{float(value or 0):.4f}").normalize()


def status_word(status: str) -> str:
    return t(f"status.{status}")


def year_table(ledger: Ledger, *, for_csv: bool) -> dict[str, list]:
    """The year-by-year table as columns: shown with ¥ amounts, downloaded with plain numbers and every output.

    Built column by column, labels looked up once per table (a 40-year CSV has over 800 cells): the
    page shows it as a frame made from these columns, the download writes them as they are, so no frame
    is built only to be taken apart again."""
    fields = (*OUTPUT_FIELDS, "interest") if for_csv else TABLE_FIELDS
    money = (lambda amount: amount) if for_csv else yuan  # the download writes the Decimal to the fen
    unknown = "" if for_csv else t("ledger.unknown")
    names = {"interest": t("ledger.col_interest"), **{name: t(f"field.{name}") for name in OUTPUT_FIELDS}}
    sides = {side: t(f"side.{side}") for side in SIDES}
    statuses = {key: status_word(key) for key in ("in_service", "retired")}
    year, age, status, net_label = (t(f"ledger.col_{key}") for key in ("year", "age", "status", "net"))
    table: dict[str, list] = {
        year: [str(row.year) for row in ledger.years],
        age: [row.age for row in ledger.years],
        status: [statuses[row.status] for row in ledger.years],
    }
    for name in fields:
        for side in SIDES:
            label = t("ledger.col_field_side", field=names[name], side=sides[side])
            column = []
            for row in ledger.years:
                one = row.side(side)
                if not one.known:
                    column.append(unknown)
                else:
                    column.append(money(one.interest if name == "interest" else getattr(one.result, name)))
            table[label] = column
    show = (lambda net: net) if for_csv else signed_yuan
    table[net_label] = [unknown if net is None else show(net) for net in ledger.cumulative_net()]
    return table


def table_rows(table: dict[str, list]) -> list[dict[str, object]]:
    """The columns as one mapping a row, as the download writes them."""
    names = list(table)
    return [dict(zip(names, cells, strict=True)) for cells in zip(*table.values(), strict=True)]


def ledger_lines(settings: ProjectionInput) -> list[tuple[str, object]]:
    """The projection's assumptions that differ from the defaults (as the link carries them), labelled as
    the page's boxes are; spending set for particular years as ``year:amount``."""
    label = {key: f"ledger.{key}" for key in QUERY_KEYS} | {"spending_by_year": "ledger.override_spending"}
    return [(t(label[key]), value) for key, value in to_link(settings).items()]


def verdict(ledger: Ledger) -> tuple[str, object, str]:
    """The one-line verdict over the years, the alert that gives it its tone (gain, loss, no change, not
    known) and its icon, as My case gives its one-year verdict."""
    net = ledger.cumulative_net()[-1]
    span = {"first": ledger.years[0].year, "last": ledger.years[-1].year}
    if net is None:
        return t("ledger.verdict_unknown"), st.info, ":material/help:"
    if net > 0:
        return t("ledger.verdict_better", amount=yuan(net), **span), st.success, ":material/trending_up:"
    if net < 0:
        return t("ledger.verdict_worse", amount=yuan(-net), **span), st.warning, ":material/trending_down:"
    return t("ledger.verdict_same", **span), st.info, ":material/trending_flat:"


st.title(t("ledger.title"))
show_query_notes(state.query_notes())
form = dict(state.person())
try:
    before, after = state.policies(form)
    scenario = state.to_scenario(form)
except CalculatorError as error:
    st.warning(plain(t("ledger.fix_person", reason=error.message(lang()))), icon=":material/edit:")
    st.page_link(
        "app_pages/my_case.py",
        label=t("ledger.back"),
        icon=":material/person:",
        query_params=state.form_to_query(form, lang()),
    )
    st.stop()

region = after.region.in_lang(lang())

# -- the assumptions: widgets started once from the link ------------------------------------------------

if "lg.loaded" not in st.session_state:
    linked, problem = from_link(st.query_params.to_dict())
    st.session_state["lg.loaded"] = True
    st.session_state["lg.link_problem"] = problem
    if "years" not in st.query_params:  # our default, shortened so the last year stays within the age limit
        linked["years"] = min(DEFAULT_YEARS, MAX_AGE - scenario.age + 1)
    init("lg.years", linked["years"])
    init("lg.start_year", linked["start_year"])
    init("lg.retire_age", linked["retire_age"])
    init("lg.retirement_pension", None if linked["retirement_pension"] is None else float(linked["retirement_pension"]))
    for key in RATES:
        init(f"lg.{key}", float(linked[key]))
    st.session_state["lg.overrides_table"] = pd.DataFrame(
        [{"year": year, "spending": float(amount)} for year, amount in sorted(linked["spending_by_year"].items())],
        columns=["year", "spending"],
    )
if st.session_state.get("lg.link_problem"):
    st.warning(plain(t("ledger.bad_link", reason=st.session_state["lg.link_problem"])), icon=":material/link_off:")

default_start = after.effective_from.year if after.effective_from else None
first_year = st.session_state["lg.start_year"] or default_start
summary = t(
    "ledger.summary",
    region=region,
    status=status_word(scenario.status).lower() if lang() == "en" else status_word(scenario.status),
    age=scenario.age,
    year=first_year or "—",
)
st.caption(plain(t("ledger.person", summary=summary)))
# the link carries the person and the language, so a copied link opens the same case in the same language
st.page_link(
    "app_pages/my_case.py",
    label=t("ledger.back"),
    icon=":material/person:",
    query_params=state.form_to_query(form, lang()),
)

# The answer comes first (on a phone it is what one sees), the assumptions that produce it below.
answer = st.container()

with st.expander(t("ledger.assumptions"), expanded=True):
    left, right = st.columns(2)
    with left:
        st.slider(t("ledger.years"), 1, MAX_YEARS, key="lg.years")
        st.number_input(
            t("ledger.start_year"),
            min_value=1990,
            max_value=2100,
            step=1,
            key="lg.start_year",
            placeholder=str(default_start or ""),
        )
        if scenario.status == "in_service":
            st.number_input(
                t("ledger.retire_age"),
                min_value=MIN_AGE_RETIRED,
                max_value=MAX_AGE,
                step=1,
                key="lg.retire_age",
                help=t("ledger.retire_help"),
            )
            st.number_input(
                t("ledger.retirement_pension"),
                min_value=0.0,
                max_value=float(MAX_AMOUNT),
                step=100.0,
                format="%.2f",
                key="lg.retirement_pension",
            )
        else:
            st.caption(t("ledger.retired_already"))
    with right:
        for key in RATES:
            low = 0.0 if key == "interest" else -50.0
            high = 20.0 if key == "interest" else 50.0
            st.number_input(t(f"ledger.{key}"), min_value=low, max_value=high, step=0.5, format="%.2f", key=f"lg.{key}")
    edited = st.data_editor(
        st.session_state["lg.overrides_table"],
        key="lg.overrides",
        num_rows="dynamic",
        hide_index=True,
        column_config={
            "year": st.column_config.NumberColumn(
                t("ledger.override_year"), min_value=1990, max_value=2160, step=1, format="%d", required=True
            ),
            "spending": st.column_config.NumberColumn(
                t("ledger.override_spending"), min_value=0.0, max_value=float(MAX_AMOUNT), format="%.2f", required=True
            ),
        },
    )
    st.caption(t("ledger.overrides"))

in_service = scenario.status == "in_service"
data: dict = {"years": st.session_state["lg.years"], "start_year": st.session_state["lg.start_year"]}
if in_service:
    data["retire_age"] = st.session_state["lg.retire_age"]
    pension = money_value(st.session_state["lg.retirement_pension"])
    data["retirement_pension"] = pension if pension else None
data |= {key: rate_value(st.session_state[f"lg.{key}"]) for key in RATES}
data["spending_by_year"] = {
    int(row["year"]): money_value(row["spending"])
    for row in edited.to_dict("records")
    if not pd.isna(row["year"]) and not pd.isna(row["spending"])
}

try:
    settings = parse_projection_input(data)
    started = time.perf_counter()
    ledger = project(scenario, before, after, settings)
    elapsed_ms = (time.perf_counter() - started) * 1000
except CalculatorError as error:
    answer.error(plain(t("ledger.fix_assumptions", reason=error.message(lang()))), icon=":material/edit:")
    st.query_params.from_dict({**state.form_to_query(form, lang())})
    st.stop()

st.query_params.from_dict({**state.form_to_query(form, lang()), **to_link(settings)})

with answer:
    text, alert, icon = verdict(ledger)
    alert(plain(text), icon=icon)
    for assumption in ledger.assumptions:
        if assumption.name.startswith("unknown_"):  # what is missing, and how to give it
            st.warning(plain(in_words(assumption.text(lang()), lang())), icon=":material/help:")
        elif assumption.name.startswith("default_"):  # a published figure the verdict rests on
            st.caption(plain(in_words(assumption.text(lang()), lang())))
    turn = ledger.turn_year()
    net = ledger.cumulative_net()
    if turn is not None:
        key = "ledger.turn_better" if net[[row.year for row in ledger.years].index(turn)] > 0 else "ledger.turn_worse"
        st.info(plain(t(key, year=turn)), icon=":material/swap_vert:")
    elif net[-1] is not None:
        st.caption(t("ledger.no_turn"))
    st.caption(t("ledger.net_note"))

    first, last = ledger.years[0].year, ledger.years[-1].year
    columns = st.columns(2)
    headline = (
        ("ledger.final_balance", {"year": last}, ledger.final_balance),
        ("ledger.total_cash", {"first": first, "last": last}, lambda side: ledger.total(side, "cash_paid")),
    )
    for column, (label, values, figure) in zip(columns, headline, strict=True):
        with column:
            after_value, before_value = figure("after"), figure("before")
            st.metric(
                t(label, **values), yuan(after_value) if after_value is not None else t("ledger.unknown"), border=True
            )
            st.caption(
                t("ledger.before_value", amount=yuan(before_value) if before_value is not None else t("ledger.unknown"))
            )

    csv_header = [*downloads.case_lines(scenario, before, after), *ledger_lines(settings)]
    balances = ledger_chart.balance_lines(ledger, summary)
    st.plotly_chart(balances, config=ledger_chart.chart_config("ledger_balance"), key="chart.ledger_balance")
    downloads.chart_button(
        balances, name=t("csv.name.ledger_balance"), page=t("nav.ledger"), case=region, header=csv_header, key="csv.lb"
    )
    cumulative = ledger_chart.cumulative_lines(ledger, summary)
    st.plotly_chart(cumulative, config=ledger_chart.chart_config("ledger_cumulative"), key="chart.ledger_cumulative")
    downloads.chart_button(
        cumulative,
        name=t("csv.name.ledger_cumulative"),
        page=t("nav.ledger"),
        case=region,
        header=csv_header,
        key="csv.lc",
    )

st.subheader(t("ledger.table"))
st.dataframe(pd.DataFrame(year_table(ledger, for_csv=False)), hide_index=True, height=360, key="ledger.table")
downloads.csv_button(
    table_rows(year_table(ledger, for_csv=True)),
    name=t("csv.name.ledger_table"),
    page=t("nav.ledger"),
    case=region,
    header=csv_header,
    units={t("ledger.col_year"): "years", t("ledger.col_age"): "age"},
    key="csv.ledger",
    label=t("ledger.download"),
)

st.subheader(t("ledger.conventions"))
st.markdown("\n".join(f"- {plain(in_words(assumption.text(lang()), lang()))}" for assumption in ledger.assumptions))
st.caption(t("ledger.timing", n=len(ledger.years), ms=f"{elapsed_ms:.0f}"))
st.caption(t("query.share"))
st.caption(t("app.disclaimer"))
