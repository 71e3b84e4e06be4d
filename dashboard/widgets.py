"""Small helpers the pages share: messages about the link, engine errors beside their fields, the trace."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import streamlit as st

from calculator.errors import CalculatorError, Problem
from calculator.registry import default_registry
from calculator.settlement import YearResult

from .formatting import plain, yuan
from .i18n import lang, t
from .state import QueryNote


def show_query_notes(notes: list[QueryNote]) -> None:
    """What was wrong with the link the session was opened with, in the current language, escaped."""
    if st.session_state.get("lang_note"):
        st.warning(plain(t("query.lang")), icon=":material/link_off:")
    for note in notes:
        if note.error is not None:
            st.warning(plain(t(note.key, reason=note.error.message(lang()))), icon=":material/link_off:")
        else:
            st.info(plain(t(note.key, **note.values)), icon=":material/link:")


def field_of(problem: Problem) -> str:
    """``visits[2].amount`` → ``visits``: the input a problem belongs beside."""
    return problem.field.split("[", 1)[0].split(".", 1)[0]


def show_problems(error: CalculatorError, slots: Mapping[str, object]) -> list[Problem]:
    """Put each problem beside its field when the page has a slot for it; return the others."""
    left = []
    for problem in error.problems:
        slot = slots.get(field_of(problem))
        if slot is not None:
            slot.error(plain(problem.text(lang())), icon=":material/error:")
        else:
            left.append(problem)
    return left


def money_value(value: float | None) -> Decimal | None:
    """A number widget's float as the engine's Decimal yuan (two decimals, as typed)."""
    if value is None:
        return None
    return Decimal(f"{float(value):.2f}")


def cite(step_source, lang_code: str) -> str:
    return default_registry().cite(step_source, lang_code) if step_source is not None else ""


def show_trace(result: YearResult) -> None:
    """The settlement's steps: title, the formula with the person's numbers, the amount, the article."""
    code = lang()
    lines = []
    for index, step in enumerate(result.steps, start=1):
        value = "" if step.value is None else f" · **{plain(yuan(step.value))}**"
        source = cite(step.source, code)
        if not source and step.key == "credit" and result.credit_from_statement:
            source = t("trace.statement")
        where = f"  \n:small[:gray[{plain(t('trace.source'))}: {plain(source)}]]" if source else ""
        lines.append(f"{index}. **{plain(step.title(code))}**{value}  \n{plain(step.formula(code))}{where}")
    st.markdown("\n".join(lines))
