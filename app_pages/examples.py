"""官方案例 / Official examples: the seven Chongqing examples, printed figures beside the engine's.

Everything shown comes from :func:`calculator.examples.run_examples` (the examples are data in
``examples/*.yaml``). Presentation mode shows one example per screen in large type for briefings; the
example shown is kept in the session and in the URL (``?ex=<id>``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from calculator.examples import ExampleRun
from calculator.registry import default_registry
from dashboard import charts, compute, state
from dashboard.formatting import plain, signed_yuan, yuan
from dashboard.i18n import lang, t
from dashboard.widgets import cite

PRESENTATION_CSS = """
<style>
section.main .block-container, [data-testid="stMainBlockContainer"] { max-width: 1200px; }
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li { font-size: 1.35rem; line-height: 1.6; }
[data-testid="stMainBlockContainer"] h2 { font-size: 2.4rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] div, [data-testid="stMetricValue"] p { font-size: 2.6rem !important; line-height: 1.3; }
[data-testid="stMetricLabel"] p { font-size: 1.2rem; }
</style>
"""

runs: list[ExampleRun] = compute.official_examples()
ids = [run.example.id for run in runs]
registry = default_registry()
code = lang()
PICK_KEY = f"ex.pick.{code}"  # per language: the browser reports a choice by its displayed label

if "ex.index" not in st.session_state:
    wanted = st.query_params.get("ex")
    st.session_state["ex.index"] = ids.index(wanted) if wanted in ids else 0


def step(offset: int) -> None:
    st.session_state["ex.index"] = (st.session_state["ex.index"] + offset) % len(runs)


def picked() -> None:
    if st.session_state.get(PICK_KEY) is not None:
        st.session_state["ex.index"] = st.session_state[PICK_KEY]


def side_label(side: str) -> str:
    if side.startswith("visit "):
        return t("side.visit", n=side.split(" ", 1)[1])
    return t(f"side.{side}")


def checks_table(run: ExampleRun) -> pd.DataFrame:
    rows = []
    for check in run.checks:
        rows.append(
            {
                t("examples.side"): side_label(check.side),
                t("examples.field"): t(f"field.{check.field}"),
                t("examples.official"): yuan(check.official),
                t("examples.exact"): yuan(check.exact),
                t("examples.computed"): yuan(check.computed),
                t("examples.difference"): signed_yuan(check.difference) if check.difference else "0",
                t("examples.match"): "✓" if check.matches else "✗",
            }
        )
    return pd.DataFrame(rows)


def open_in_my_case(run: ExampleRun) -> None:
    state.replace_person(state.form_from_scenario(run.region, run.example.scenario()))


def show_example(run: ExampleRun, big: bool) -> None:
    example = run.example
    st.header(plain(example.name.in_lang(code)), divider="green")
    st.markdown(plain(example.story.in_lang(code)))
    st.caption(
        plain(t("examples.sources") + t("common.colon") + "; ".join(cite(source, code) for source in example.sources))
    )
    comparison = run.comparison
    if comparison is not None:
        columns = st.columns(3)
        for column, (field, inverse) in zip(
            columns,
            (("cash_paid", True), ("closing_balance", False), ("reimbursed_total", False)),
            strict=True,
        ):
            change = comparison.change[field]
            column.metric(
                t(f"field.{field}"),
                yuan(getattr(comparison.after, field)),
                delta=signed_yuan(change) if change else None,
                delta_color="inverse" if inverse else "normal",
                delta_description=t("metric.before", amount=yuan(getattr(comparison.before, field))),
                border=True,
            )
    else:
        st.caption(t("examples.after_only"))
    checks = len(run.checks)
    differing = sum(not check.matches for check in run.checks)
    if differing:
        st.error(t("examples.some_differ", n=differing))
    else:
        st.success(t("examples.all_match", n=checks))
    # the table first and whole (seven columns need the full width), the chart under it
    st.markdown(f"**{t('examples.table')}**")
    st.dataframe(checks_table(run), hide_index=True)
    st.plotly_chart(
        charts.money_flow(run.results, case=example.name.in_lang(code)),
        config=charts.chart_config(f"example_{example.id}"),
    )
    for erratum in example.errata:
        st.warning(plain(erratum.in_lang(code)), icon=":material/edit_note:")
    with st.expander(t("examples.notes"), expanded=not big):
        for note in example.notes:
            st.markdown("- " + plain(note.in_lang(code)))
        st.markdown(f"**{t('examples.arithmetic')}**")
        st.code(example.arithmetic, language=None, wrap_lines=True)
    if st.button(
        t("examples.use"), key=f"ex.use.{example.id}", icon=":material/person:", on_click=open_in_my_case, args=(run,)
    ):
        st.switch_page("app_pages/my_case.py")


st.title(t("examples.title"))
present = st.toggle(t("examples.presentation"), key="ex.present")

if present:
    st.markdown(PRESENTATION_CSS, unsafe_allow_html=True)
    previous_col, counter_col, next_col = st.columns([1, 2, 1], vertical_alignment="center")
    previous_col.button(
        t("examples.prev"), on_click=step, args=(-1,), icon=":material/arrow_back:", key="ex.prev", width="stretch"
    )
    next_col.button(
        t("examples.next"), on_click=step, args=(1,), icon=":material/arrow_forward:", key="ex.next", width="stretch"
    )
    counter_col.markdown(
        f"<div style='text-align:center;font-size:1.35rem'>{t('examples.counter', n=st.session_state['ex.index'] + 1, total=len(runs))}</div>",
        unsafe_allow_html=True,
    )
    current = runs[st.session_state["ex.index"]]
    st.query_params["ex"] = current.example.id
    show_example(current, big=True)
else:
    st.markdown(t("examples.intro"))
    st.markdown(f"**{t('examples.summary')}**")
    summary = pd.DataFrame(
        [
            {
                t("examples.name"): run.example.name.in_lang(code),
                t("examples.checked"): len(run.checks),
                t("examples.status"): t("examples.ok") if run.matches else t("examples.differs"),
            }
            for run in runs
        ]
    )
    st.dataframe(summary, hide_index=True)
    st.session_state[PICK_KEY] = st.session_state["ex.index"]
    st.pills(
        t("examples.pick"),
        list(range(len(runs))),
        format_func=lambda index: runs[index].example.name.in_lang(code),
        key=PICK_KEY,
        on_change=picked,
    )
    current = runs[st.session_state["ex.index"]]
    st.query_params["ex"] = current.example.id
    show_example(current, big=False)
