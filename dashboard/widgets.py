"""Small helpers the pages share: messages about the link, engine errors beside their fields, money boxes.

The trace renderer lives in :mod:`dashboard.explain`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

import streamlit as st

from calculator.errors import Problem

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


class FieldProblems:
    """Each problem beside its field, without a placeholder per field.

    A page does not know every problem while it draws its inputs (some come from validating the whole
    case, or from the engine), and a placeholder under every field costs an element on every run although
    nearly every run has nothing to show in it. So a run shows, at each field, the problems the previous
    run found (kept in the session under ``key``); when this run finds different ones, the page runs again
    at once to show them where they belong. A page without problems sends nothing for them.
    """

    MAX_RERUNS = 2  # a problem set that keeps changing (it should not) is shown at the top, not chased

    def __init__(self, key: str) -> None:
        self.key = key
        self.shown: dict[str, tuple[Problem, ...]] = st.session_state.get(key, {})
        self.places: dict[str, str] = {}  # a field (or an alias of it) -> the field whose place shows it

    def place(self, field: str, *aliases: str) -> None:
        """Here is where ``field``'s problems show (and those of ``aliases``, e.g. a group of fields)."""
        if field in self.places:  # a field asked for in several boxes (family use): under the first
            return
        for name in (field, *aliases):
            self.places.setdefault(name, field)
        for problem in self.shown.get(field, ()):
            st.error(plain(problem.text(lang())), icon=":material/error:")

    def settle(self, problems: list[Problem]) -> list[Problem]:
        """The problems with no place on this page; runs the page again when the ones beside the fields
        are not those this run showed."""
        placed: dict[str, list[Problem]] = {}
        left: list[Problem] = []
        for problem in problems:
            name = problem.field.split("[", 1)[0]
            place = self.places.get(name) or self.places.get(field_of(problem))
            if place is None:
                left.append(problem)
            else:
                placed.setdefault(place, []).append(problem)
        found = {field: tuple(dict.fromkeys(items)) for field, items in placed.items()}
        counter = f"{self.key}.reruns"
        if found == self.shown:
            st.session_state[counter] = 0
            return left
        if st.session_state.get(counter, 0) < self.MAX_RERUNS:
            st.session_state[self.key] = found
            st.session_state[counter] = st.session_state.get(counter, 0) + 1
            st.rerun()
        st.session_state[counter] = 0  # not settling: every problem this run found is shown with the answer
        st.session_state[self.key] = {}
        return list(problems)


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
