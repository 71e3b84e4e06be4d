"""Small helpers the pages share: messages about the link, engine errors beside their fields, money boxes.

The trace renderer lives in :mod:`dashboard.explain`."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

import streamlit as st

from calculator.errors import CalculatorError, Problem

from .formatting import plain
from .i18n import lang, t
from .state import QueryNote


def show_query_notes(notes: list[QueryNote]) -> None:
    """What was wrong with the link the session was opened with, in the current language, escaped."""
    if st.session_state.get("lang_note"):
        st.warning(plain(t("query.lang")), icon=":material/link_off:")
    for note in notes:
        if note.error is not None:
            st.warning(plain(t(note.key, reason=note.error.message(lang()), **note.values)), icon=":material/link_off:")
        elif note.key == "query.cross_region":
            st.warning(plain(t(note.key, **note.values)), icon=":material/link_off:")
        else:
            st.info(plain(t(note.key, **note.values)), icon=":material/link:")


def field_of(problem: Problem) -> str:
    """``visits[2].amount`` → ``visits``: the input a problem belongs beside."""
    return problem.field.split("[", 1)[0].split(".", 1)[0]


def show_problems(problems: CalculatorError | list[Problem], slots: Mapping[str, object]) -> list[Problem]:
    """Put each problem beside its field when the page has a slot for it (all of a field's problems
    together); return the others."""
    if isinstance(problems, CalculatorError):
        problems = problems.problems
    left: list[Problem] = []
    by_slot: dict[int, tuple[object, list[Problem]]] = {}
    for problem in problems:
        slot = slots.get(problem.field.split("[", 1)[0]) or slots.get(field_of(problem))
        if slot is None:
            left.append(problem)
        else:
            by_slot.setdefault(id(slot), (slot, []))[1].append(problem)
    for slot, found in by_slot.values():
        with slot.container():
            for problem in dict.fromkeys(found):
                st.error(plain(problem.text(lang())), icon=":material/error:")
    return left


_MONEY_NOISE = str.maketrans({",": "", "，": "", "¥": "", "￥": "", " ": "", "元": ""})
MAX_MONEY_TEXT = 40


def parse_money(text: str | None, field: str, limit: Decimal) -> tuple[Decimal | None, Problem | None]:
    """A yuan amount typed into a text box: empty is "not given" (None), never 0; text that is not an
    amount is refused with a message naming the field, never turned into 0; nothing is clamped."""
    raw = (text or "").strip()
    if not raw:
        return None, None
    cleaned = raw.translate(_MONEY_NOISE)
    if len(cleaned) > MAX_MONEY_TEXT:
        return None, Problem(field, "过长", "is too long")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        return None, Problem(
            field,
            f"「{raw[:20]}」不是金额，请填写数字，如 2800",
            f"'{raw[:20]}' is not an amount; type a number such as 2800",
        )
    if not amount.is_finite():
        return None, Problem(field, "必须是有限数字", "must be a finite number")
    if amount < 0:
        return None, Problem(field, "不能为负数", "cannot be negative")
    if amount > limit:
        return None, Problem(field, f"不能大于 {limit:,.0f} 元", f"must be at most {limit:,.0f} yuan")
    if amount != amount.quantize(Decimal("0.01")):
        return None, Problem(field, "最多 2 位小数（金额精确到分）", "has more than 2 decimal places")
    return amount.quantize(Decimal("0.01")), None


def money_text(amount: Decimal | None) -> str:
    """What a money box shows for an amount: empty for "not given", else the plain figure (2800.00)."""
    return "" if amount is None else f"{Decimal(amount):.2f}"


def money_value(value: float | None) -> Decimal | None:
    """A number widget's float as the engine's Decimal yuan (two decimals, as typed)."""
    if value is None:
        return None
    return Decimal(f"{float(value):.2f}")


from .explain import show_trace  # noqa: E402,F401  (moved; kept importable from here)
