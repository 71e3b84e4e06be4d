"""Small helpers the pages share: messages about the link, engine errors beside their fields, citations.

The trace renderer lives in :mod:`dashboard.explain`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from decimal import Decimal

import streamlit as st

from calculator.errors import CalculatorError, Problem
from calculator.registry import default_registry

from .formatting import plain
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


_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMBER = "[一二三四五六七八九十]+"
_REF_WORDS = (
    (re.compile(f"举例({_CN_NUMBER}|\\d+)"), "example {}"),
    (re.compile(f"第({_CN_NUMBER})条"), "art. {}"),
    (re.compile(f"第({_CN_NUMBER})款"), "para. {}"),
    (re.compile(f"第({_CN_NUMBER})项"), "item {}"),
    (re.compile(f"问({_CN_NUMBER})"), "Q{}"),
    (re.compile(f"问题({_CN_NUMBER}|\\d+)"), "Q{}"),
    (re.compile(f"例({_CN_NUMBER}|\\d+)"), "ex. {}"),
)
_PUNCTUATION = str.maketrans({"（": " (", "）": ")", "、": ", ", "；": "; ", "，": ", ", "：": ": "})
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _number(text: str) -> str:
    """Chinese numerals up to 99 (``十九`` → ``19``); digits pass through."""
    if text.isdigit():
        return text
    tens, _, units = text.partition("十")
    if "十" not in text:
        return str(_NUMERALS[text]) if text in _NUMERALS else text
    return str(_NUMERALS.get(tens, 1) * 10 + _NUMERALS.get(units, 0))


def english_ref(ref: str) -> str | None:
    """An article reference in English (``第九条第二款`` → ``art. 9 para. 2``, ``问十九（例1）`` →
    ``Q19 (ex. 1)``), or None when it names something only the Chinese original can (a person)."""
    text = ref
    for pattern, words in _REF_WORDS:
        text = pattern.sub(lambda match, words=words: " " + words.format(_number(match.group(1))) + " ", text)
    text = re.sub(r"\s+", " ", text.translate(_PUNCTUATION)).replace(" )", ")").replace("( ", "(").strip()
    return None if CJK.search(text) else text


def cite(step_source, lang_code: str) -> str:
    """The citation of a step's source; in English the article is translated when it can be, and
    otherwise left to the Sources page, which quotes the Chinese original."""
    if step_source is None:
        return ""
    registry = default_registry()
    if lang_code != "en":
        return registry.cite(step_source, lang_code)
    ref = english_ref(step_source.ref) or "article: see the Sources page"
    return registry.cite(step_source.model_copy(update={"ref": ref}), "en")


from .explain import show_trace  # noqa: E402,F401  (moved; kept importable from here)
