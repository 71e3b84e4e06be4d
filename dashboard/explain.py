"""The working, in plain words: a settlement's steps as sentences with their numbers, each with its article.

One renderer for every page that explains a result (My case, the official examples), so a trainer reads
the same sentences wherever the figure appears. The sentences themselves are the engine's
(:mod:`calculator.trace`); this module only lays them out, in the page's language, and never recomputes a
number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import streamlit as st

from calculator.policy_model import Source
from calculator.settlement import YearResult

from .formatting import plain, yuan
from .i18n import lang, t

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
# a clause ends at a dash, a semicolon or full stop, a full stop after anything but a digit ("元. TCM…",
# "（第五条）. The…"), or a colon before English words ("范围: the chronic…")
_CLAUSE_END = re.compile(r"\s+—\s+|(?<=[;；。])\s*|(?<=\D\.)\s+|(?<=:)\s+(?=[A-Za-z])")
_ASIDE = re.compile(r"\s*[(（]([^()（）]*)[)）]")
#: three English words in a row: a Chinese clause carrying an English sentence is not Chinese text
_ENGLISH_PHRASE = re.compile(r"[A-Za-z']{2,}(?:[ ,]+[A-Za-z']+){2,}")


def _clause_lang(clause: str) -> str:
    """``zh`` when a clause is mostly Chinese, ``en`` when it is mostly English words."""
    chinese = len(_CJK.findall(clause))
    english = sum(len(word) for word in _LATIN_WORD.findall(clause))
    return "zh" if chinese * 2 >= english and not _ENGLISH_PHRASE.search(clause) else "en"


def in_language(text: str | None, code: str) -> str:
    """The clauses of a mixed-language note that are written in ``code``'s language.

    Policy-file notes often quote the Chinese article and comment on it in English in one string; a page
    shows only what is in its own language (the citation beside it still names the article).
    """
    if not text:
        return ""
    if code != "en":  # an English aside inside a Chinese clause goes too
        text = _ASIDE.sub(lambda match: "" if _clause_lang(match.group(1)) == "en" else match.group(0), text)
    clauses = [clause.strip() for clause in _CLAUSE_END.split(text) if clause and clause.strip()]
    kept = [clause for clause in clauses if _clause_lang(clause) == ("en" if code == "en" else "zh")]
    return " ".join(kept).strip(" ;；")


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


def cite_in(source: Source | None, code: str) -> str:
    """A citation in the page's language: a reference written in both languages keeps only the page's."""
    from .widgets import cite  # here, not at the top: widgets re-exports show_trace from this module

    if source is None:
        return ""
    own = in_language(source.ref, code)
    if own != source.ref:  # nothing in the page's language: the document alone, not a foreign reference
        source = source.model_copy(update={"ref": own})
    return cite(source, code).replace(" · （", "（").rstrip(" ·")


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
