"""The working, in plain words: a settlement's steps as sentences with their numbers, each with its article.

One renderer for every page that explains a result (My case, the official examples), so a trainer reads
the same sentences wherever the figure appears. The sentences themselves are the engine's
(:mod:`calculator.trace`); this module only lays them out, in the page's language, and never recomputes a
number.
"""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

# one wording of a citation for the dashboard and the command line; the pages import both from here
from calculator.citation import cite_in, in_language
from calculator.settlement import YearResult

from .formatting import plain, yuan
from .i18n import lang, t


def secondary_steps(results: Mapping[str, YearResult]) -> list[tuple[str, str, str]]:
    """(side, step title, reference) for each step whose rule rests on a secondary source, not the policy
    documents: an assumption that drives the verdict, said beside it (the steps are the trace's own)."""
    code = lang()
    return [
        (side, step.title(code), in_language(step.source.ref, code) or step.source.ref)
        for side, result in results.items()
        if result is not None
        for step in result.steps
        if step.source is not None and step.source.secondary
    ]


def step_lines(result: YearResult, code: str) -> list[str]:
    """Markdown for each step: its title and amount, the sentence with the person's numbers, the article."""
    lines = []
    for index, step in enumerate(result.steps, start=1):
        value = "" if step.value is None else f" · **{plain(yuan(step.value))}**"
        source = cite_in(step.source, code)
        if not source and step.key == "credit" and result.credit_from_statement:
            source = t("trace.statement")
        where = f"  \n:small[:gray[{plain(t('trace.source'))}{t('common.colon')}{plain(source)}]]" if source else ""
        lines.append(f"{index}. **{plain(step.title(code))}**{value}  \n{plain(step.formula(code))}{where}")
    return lines


def show_trace(result: YearResult, lines: list[str] | None = None, title: str = "") -> None:
    """The settlement's steps: title, the sentence with the person's numbers, the amount, the article
    (``lines``: the steps already worded, when the same trace is shown twice; ``title``: a line above
    them, in the same element)."""
    steps = "\n".join(step_lines(result, lang()) if lines is None else lines)
    st.markdown(f"{title}\n\n{steps}" if title else steps)


def show_traces(results: Mapping[str, YearResult], titles: Mapping[str, str]) -> None:
    """Both sides' steps in tabs (改革前 / 改革后) on screen; a browser renders only the open tab, so a
    print-only copy lists both sides one after the other (see :mod:`dashboard.print_style`). Each side is
    one element with its policy's title on top: a page run pays per element."""
    sides = [side for side in ("before", "after") if side in results]
    code = lang()
    worded = {side: step_lines(results[side], code) for side in sides}  # worded once, shown twice
    with st.container(key="screen-only-traces"):
        for tab, side in zip(st.tabs([t(f"chart.{side}") for side in sides]), sides, strict=True):
            with tab:
                title = f":small[:gray[{plain(titles[side])}]]" if titles.get(side) else ""
                show_trace(results[side], worded[side], title)
    with st.container(key="print-only-traces"):
        for side in sides:
            title = f"**{plain(t('trace.side', side=t(f'chart.{side}'), policy=titles.get(side, '')))}**"
            show_trace(results[side], worded[side], title)
