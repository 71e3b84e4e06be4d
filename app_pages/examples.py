"""官方案例 / Official examples: the seven Chongqing examples, printed figures beside the engine's.

Everything shown comes from :func:`calculator.examples.run_examples` (the examples are data in
``examples/*.yaml``). Slide mode (:mod:`dashboard.slides`) shows one example per screen in large type for
briefings, driven by a clicker; the example and the mode are kept in the URL (``?ex=<id>&present=1``),
so a reload or a shared link opens the same slide.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from calculator.examples import ExampleRun
from calculator.printing import examples_deck
from calculator.registry import default_registry
from dashboard import charts, compute, downloads, slides, state
from dashboard.explain import cite_in, show_traces
from dashboard.formatting import plain, signed_yuan, yuan
from dashboard.i18n import lang, t

runs: list[ExampleRun] = compute.official_examples()
ids = [run.example.id for run in runs]
registry = default_registry()
code = lang()
PICK_KEY = f"ex.pick.{code}"  # per language: the browser reports a choice by its displayed label

if "ex.index" not in st.session_state:
    wanted = st.query_params.get("ex")
    st.session_state["ex.index"] = ids.index(wanted) if wanted in ids else 0
if "ex.slides" not in st.session_state:
    st.session_state["ex.slides"] = st.query_params.get("present") == "1"


def present_changed() -> None:
    st.session_state["ex.slides"] = bool(st.session_state.get("ex.present"))


def leave_slides() -> None:
    st.session_state["ex.slides"] = False


def step(offset: int) -> None:
    st.session_state["ex.index"] = (st.session_state["ex.index"] + offset) % len(runs)


def picked() -> None:
    if st.session_state.get(PICK_KEY) is not None:
        st.session_state["ex.index"] = st.session_state[PICK_KEY]


def side_label(side: str) -> str:
    if side.startswith("visit "):
        return t("side.visit", n=side.split(" ", 1)[1])
    return t(f"side.{side}")


def slide_table(run: ExampleRun) -> str:
    """The printed figures beside ours, in slide type: side, item, printed, this tool, match."""
    header = [
        t("examples.side"),
        t("examples.field"),
        t("examples.official"),
        t("examples.computed"),
        t("examples.match"),
    ]
    rows = [
        [
            side_label(check.side),
            t(f"field.{check.field}"),
            yuan(check.official),
            yuan(check.computed),
            "✓" if check.matches else "✗",
        ]
        for check in run.checks
    ]
    return slides.table_html(header, rows, {2, 3}, [not check.matches for check in run.checks])


def checks_table(run: ExampleRun, *, for_csv: bool = False) -> pd.DataFrame:
    """The printed figures beside ours: shown with ¥ amounts, downloaded with the engine's Decimals."""
    rows = []
    for check in run.checks:
        rows.append(
            {
                t("examples.side"): side_label(check.side),
                t("examples.field"): t(f"field.{check.field}"),
                t("examples.official"): check.official if for_csv else yuan(check.official),
                t("examples.exact"): check.exact if for_csv else yuan(check.exact),
                t("examples.computed"): check.computed if for_csv else yuan(check.computed),
                t("examples.difference"): check.difference if for_csv else signed_yuan(check.difference),
                t("examples.match"): check.matches if for_csv else "✓" if check.matches else "✗",
            }
        )
    return pd.DataFrame(rows)


def open_in_my_case(run: ExampleRun) -> None:
    state.replace_person(state.form_from_scenario(run.region, run.example.scenario()))


def show_slide(run: ExampleRun) -> None:
    """One example on one screen: the case, the figures beside the printed ones, the chart, errata."""
    example = run.example
    st.header(plain(example.name.in_lang(code)), divider="green")
    left, right = st.columns([11, 9], gap="medium")
    with left:
        st.markdown(plain(example.story.in_lang(code)))
        differing = sum(not check.matches for check in run.checks)
        if differing:
            st.error(t("examples.some_differ", n=differing))
        else:
            st.success(t("examples.all_match", n=len(run.checks)))
        st.html(slide_table(run))
    with right:
        for size, scale in (("small", 1.0), ("large", slides.LARGE_SCALE)):
            st.plotly_chart(
                slides.enlarge(charts.money_flow(run.results, case=example.name.in_lang(code)), scale),
                # no toolbar on a slide: its chart is titled for the projector (the heading names the case),
                # so an image is exported from the page, whose chart names the case, policies and source
                config={**charts.chart_config(f"example_{example.id}"), "displayModeBar": False},
                key=f"slide.chart.{size}",
            )
    for erratum in example.errata:
        st.warning(plain(erratum.in_lang(code)), icon=":material/edit_note:")


def show_example(run: ExampleRun, big: bool) -> None:
    example = run.example
    sides = [run.results[side].policy if side in run.results else None for side in ("before", "after")]
    csv_options = {
        "page": t("nav.examples"),
        "case": example.name.in_lang(code),
        "header": downloads.case_lines(example.scenario(), *sides),
    }
    st.header(plain(example.name.in_lang(code)), divider="green")
    st.markdown(plain(example.story.in_lang(code)))
    st.caption(
        plain(
            t("examples.sources") + t("common.colon") + "; ".join(cite_in(source, code) for source in example.sources)
        )
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
    table = checks_table(run)
    with st.container(key="screen-only-checks"):
        st.dataframe(table, hide_index=True)
    with st.container(key="print-only-checks"):  # a data grid prints only as wide as the screen drew it
        st.html(
            slides.table_html(
                [str(column) for column in table.columns],
                [[str(cell) for cell in row] for row in table.itertuples(index=False)],
                {2, 3, 4, 5},
                [not check.matches for check in run.checks],
                css="print-table",
            )
        )
    checks_rows = checks_table(run, for_csv=True)
    downloads.csv_button(checks_rows, name=t("csv.name.checks"), key=f"csv.checks.{example.id}", **csv_options)
    flow = charts.money_flow(run.results, case=example.name.in_lang(code))
    st.plotly_chart(flow, config=charts.chart_config(f"example_{example.id}"))
    downloads.chart_button(flow, name=t("csv.name.flow"), key=f"csv.flow.{example.id}", **csv_options)
    for erratum in example.errata:
        st.warning(plain(erratum.in_lang(code)), icon=":material/edit_note:")
    st.subheader(t("trace.header"))
    show_traces(
        run.results,
        {
            side: policy.title.in_lang(code)
            for side, policy in zip(("before", "after"), registry.pair(run.region), strict=True)
        },
    )
    with st.expander(t("examples.notes"), expanded=False):
        for note in example.notes:
            st.markdown("- " + plain(note.in_lang(code)))
        if code == "en":  # the working by hand is written in English only; the steps above say it in Chinese
            st.markdown(f"**{t('examples.arithmetic')}**")
            st.code(example.arithmetic, language=None, wrap_lines=True)
    if st.button(
        t("examples.use"), key=f"ex.use.{example.id}", icon=":material/person:", on_click=open_in_my_case, args=(run,)
    ):
        st.switch_page("app_pages/my_case.py")


if st.session_state["ex.slides"]:
    slides.enter()
    st.query_params["present"] = "1"
    with st.container(horizontal=True, vertical_alignment="center", key="slide_nav"):
        st.button(t("examples.prev"), on_click=step, args=(-1,), icon=":material/arrow_back:", key="ex.prev")
        st.button(t("examples.next"), on_click=step, args=(1,), icon=":material/arrow_forward:", key="ex.next")
        st.markdown(t("examples.counter", n=st.session_state["ex.index"] + 1, total=len(runs)))
        st.space("stretch")
        st.caption(t("examples.keys"))
        st.button(t("examples.exit"), on_click=leave_slides, icon=":material/close:", key="ex.exit")
    current = runs[st.session_state["ex.index"]]
    st.query_params["ex"] = current.example.id
    show_slide(current)
else:
    st.query_params.pop("present", None)
    st.title(t("examples.title"))
    st.session_state["ex.present"] = False
    st.toggle(t("examples.presentation"), key="ex.present", on_change=present_changed)
    deck_cases = tuple(st.session_state.get("deck.cases", []))
    st.download_button(
        t("download.pdf_deck"),
        partial(examples_deck, runs, lang=code, cases=deck_cases),
        file_name="menzhen_guanfang_anli.pdf",
        mime="application/pdf",
        icon=":material/slideshow:",
        on_click="ignore",
        key="download.pdf_deck",
    )
    if deck_cases:
        st.caption(t("download.deck_cases", n=len(deck_cases)))
    st.markdown(t("examples.intro"))
    st.markdown(f"**{t('examples.summary')}**")
    summary = pd.DataFrame(
        [
            {
                t("examples.name"): run.example.name.in_lang(code),
                t("examples.status"): t("examples.ok") if run.matches else t("examples.differs"),
                t("examples.checked"): len(run.checks),
            }
            for run in runs
        ]
    )
    with st.container(key="screen-only-summary"):
        st.dataframe(summary, hide_index=True)
    downloads.csv_button(
        summary,
        name=t("csv.name.examples_summary"),
        page=t("nav.examples"),
        header=downloads.policy_lines(list({p.id: p for run in runs for p in registry.pair(run.region)}.values())),
        units={t("examples.checked"): "count"},
        key="csv.examples",
    )
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
