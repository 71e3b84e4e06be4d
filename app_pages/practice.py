"""练习 / Practice: generated cases worked by hand, each figure marked against the engine.

The set (region, level, count, seed) is in the page's address, so a trainer shows one link and every
trainee gets the same cases. The cases, the key and the marking are :mod:`calculator.practice`'s; this page
lays out one case at a time, keeps the trainee's figures in the session and shows, for a wrong figure, the
step of the engine's working where it goes wrong, its article and the correct sentences.
"""

from __future__ import annotations

import secrets
from functools import partial

import streamlit as st

from calculator.errors import CalculatorError
from calculator.practice import (
    ANSWER_LABELS,
    DIFFICULTIES,
    MAX_COUNT,
    MAX_SEED,
    SIDES,
    PracticeCase,
    SideMark,
    case_lines,
    generate,
    key_csv,
    key_markdown,
    mark_side,
    side_fields,
    worksheet_csv,
    worksheet_markdown,
)
from calculator.printing.worksheet import key_pdf, worksheet_pdf
from calculator.registry import default_registry
from calculator.settlement import YearResult
from dashboard.explain import cite_in, step_lines
from dashboard.formatting import plain, yuan
from dashboard.i18n import lang, pick, t

DEFAULTS = {"region": "chongqing", "difficulty": 1, "count": 10, "seed": 1}
QUERY_KEYS = ("region", "difficulty", "count", "seed")  # "region" is shared with the person; the rest in PAGE_KEYS

registry = default_registry()
regions = registry.regions()
code = lang()


def _from_link() -> tuple[dict, str | None]:
    """The set in the link, checked by the generator's own rules; the defaults and the reason when refused."""
    params = st.query_params
    wanted = dict(DEFAULTS)
    try:
        for key in QUERY_KEYS:
            if key in params:
                text = str(params[key]).strip()[:20]
                wanted[key] = text if key == "region" else int(text) if text.lstrip("-").isdigit() else text
        generate(wanted["region"], wanted["difficulty"], wanted["count"], wanted["seed"], registry)
    except CalculatorError as error:
        return dict(DEFAULTS), error.message(code)
    return wanted, None


if "pr.region" not in st.session_state:
    linked, problem = _from_link()
    st.session_state.update({f"pr.{key}": value for key, value in linked.items()})
    st.session_state["pr.problem"] = problem
    # a trainee opening the trainer's link goes straight to the first case; the settings stay folded
    st.session_state["pr.open_settings"] = problem is not None or "seed" not in st.query_params
    st.session_state["pr.index"] = 0


def _new_seed() -> None:
    st.session_state["pr.seed"] = secrets.randbelow(100_000)
    st.session_state["pr.index"] = 0


def _first_case() -> None:
    """Another set starts at its first case."""
    st.session_state["pr.index"] = 0


def _move(step: int) -> None:
    st.session_state["pr.index"] = st.session_state.get("pr.index", 0) + step


st.title(t("practice.title"))
st.caption(t("practice.intro"))
if st.session_state.get("pr.problem"):
    st.warning(t("practice.bad_link", reason=plain(st.session_state["pr.problem"])))

with st.expander(t("practice.settings"), expanded=st.session_state.get("pr.open_settings", True)):
    left, right = st.columns(2)
    with left:
        st.selectbox(
            t("practice.region"),
            list(regions),
            format_func={key: policy.region.in_lang(code) for key, policy in regions.items()}.get,
            key="pr.region",
            on_change=_first_case,
            persist_state="session",
        )
        st.selectbox(
            t("practice.level"),
            DIFFICULTIES,
            format_func={level: t(f"practice.level.{level}") for level in DIFFICULTIES}.get,
            key="pr.difficulty",
            on_change=_first_case,
            persist_state="session",
        )
    with right:
        st.number_input(
            t("practice.seed"),
            0,
            MAX_SEED,
            step=1,
            key="pr.seed",
            help=t("practice.seed_help"),
            on_change=_first_case,
            persist_state="session",
        )
        st.number_input(
            t("practice.count"), 1, MAX_COUNT, step=1, key="pr.count", on_change=_first_case, persist_state="session"
        )
    st.button(t("practice.new_seed"), on_click=_new_seed, icon=":material/casino:")

region = st.session_state["pr.region"]
difficulty = int(st.session_state["pr.difficulty"])
count = int(st.session_state["pr.count"])
seed = int(st.session_state["pr.seed"])
query = {"region": region, "difficulty": str(difficulty), "count": str(count), "seed": str(seed)}
st.query_params.update(query)
st.caption(
    t("practice.share", region=regions[region].region.in_lang(code), level=difficulty, count=count, seed=seed)
)  # the set in words, as the boxes above name it (the address itself holds the query)

cases: list[PracticeCase] = generate(region, difficulty, count, seed, registry)
set_id = f"{region}.{difficulty}.{seed}"  # the figures typed for one set never show in another
index = min(max(st.session_state.get("pr.index", 0), 0), len(cases) - 1)
st.session_state["pr.index"] = index
case = cases[index]


def _answer_key(case: PracticeCase, side: str, name: str) -> str:
    return f"pr.a.{set_id}.{case.number}.{side}.{name}"


def _marked_key(case: PracticeCase) -> str:
    return f"pr.marked.{set_id}.{case.number}"


def _answers(case: PracticeCase, side: str) -> dict[str, str]:
    return {name: st.session_state.get(_answer_key(case, side, name), "") for name in side_fields(case.policy(side))}


def _source_line(result: YearResult, mark: SideMark) -> str:
    diagnosis = mark.diagnosis
    if diagnosis.source is not None:
        return t("practice.rule", cite=plain(cite_in(diagnosis.source, code)))
    if diagnosis.step.key == "credit" and result.credit_from_statement:
        return t("practice.statement")
    return t("practice.arithmetic")


def _show_mark(result: YearResult, mark: SideMark) -> None:
    lines = []
    for field in mark.fields:
        label = pick(ANSWER_LABELS[field.name])
        if field.right:
            lines.append(":green[" + t("practice.right", label=label, given=yuan(field.given)) + "]")
        elif field.unreadable:
            lines.append(":red[" + t("practice.unreadable", label=label, expected=yuan(field.expected)) + "]")
        elif field.given is None:
            lines.append(":red[" + t("practice.empty", label=label, expected=yuan(field.expected)) + "]")
        else:
            lines.append(
                ":red[" + t("practice.wrong", label=label, given=yuan(field.given), expected=yuan(field.expected)) + "]"
            )
    st.markdown("  \n".join(lines))
    if mark.diagnosis is None:
        st.markdown(t("practice.side_right"))
        return
    step = mark.diagnosis.step
    number = next(i for i, candidate in enumerate(result.steps, 1) if candidate is step)
    with st.container(border=True, key=f"pr-diagnosis-{mark.side}"):
        st.markdown("**" + plain(t("practice.where", number=number, title=step.title(code))) + "**")
        st.markdown(_source_line(result, mark))
        st.markdown(t("practice.working"))
        st.markdown("\n".join(f"- {plain(working.sentence(code))}" for working in mark.diagnosis.working))
    with st.expander(t("practice.all_steps")):
        st.markdown("\n".join(step_lines(result, code)))  # every step with its amount and article


st.markdown(f"**{t('practice.case', n=case.number, total=len(cases))}**")
nav_prev, nav_next = st.columns(2, wrap=False)  # side by side even at a phone's width
with nav_prev:
    st.button(t("practice.prev"), on_click=_move, args=(-1,), disabled=index == 0, key="pr-prev", width="stretch")
with nav_next:
    st.button(
        t("practice.next"), on_click=_move, args=(1,), disabled=index == len(cases) - 1, key="pr-next", width="stretch"
    )

with st.container(border=True, key="pr-case"):
    st.markdown("\n".join(case_lines(case, code)))

with st.form(key=f"pr-form-{set_id}-{case.number}", border=False):
    for side in SIDES:
        policy = case.policy(side)
        st.markdown(f"**{plain(policy.title.in_lang(code))}**")  # the title says before/after and the dates
        if policy.pooling is None:
            st.caption(t("practice.no_pooling"))
        for name in side_fields(policy):
            st.text_input(
                pick(ANSWER_LABELS[name]),
                key=_answer_key(case, side, name),
                placeholder=t("practice.placeholder"),
                persist_state="session",  # the figures of a case stay while the trainee works on the others
            )
    if st.form_submit_button(t("practice.mark"), type="primary", icon=":material/check:"):
        st.session_state[_marked_key(case)] = True

key = case.key()
if st.session_state.get(_marked_key(case)):
    for side in SIDES:
        result = getattr(key, side)
        st.markdown(f"**{plain(result.policy.title.in_lang(code))}**")
        _show_mark(result, mark_side(result, side, _answers(case, side)))

# the score over the whole set: a case not yet marked scores nothing
right = total = cases_right = marked = 0
for each in cases:
    sides = {side: getattr(each.key(), side) for side in SIDES}
    total += sum(len(side_fields(each.policy(side))) for side in SIDES)
    if not st.session_state.get(_marked_key(each)):
        continue
    marked += 1
    marks = [mark_side(sides[side], side, _answers(each, side)) for side in SIDES]
    right += sum(mark.right for mark in marks)
    cases_right += all(mark.all_right for mark in marks)
st.info(t("practice.score", right=right, total=total, cases=cases_right, count=len(cases), marked=marked))

with st.expander(t("practice.downloads")):
    stem = f"practice-{region}-{difficulty}-{seed}"
    st.download_button(
        t("practice.dl.sheet_md"),
        worksheet_markdown(cases, seed, code),
        file_name=f"{stem}-worksheet.md",
        mime="text/markdown",
        key="pr-dl-sheet-md",
    )
    st.download_button(
        t("practice.dl.key_md"),
        key_markdown(cases, seed, code, registry),
        file_name=f"{stem}-key.md",
        mime="text/markdown",
        key="pr-dl-key-md",
    )
    st.download_button(
        t("practice.dl.sheet_csv"),
        worksheet_csv(cases),
        file_name=f"{stem}-worksheet.csv",
        mime="text/csv",
        key="pr-dl-sheet-csv",
    )
    st.download_button(
        t("practice.dl.key_csv"), key_csv(cases), file_name=f"{stem}-key.csv", mime="text/csv", key="pr-dl-key-csv"
    )
    # the printed PDFs are made only when clicked (a second or so of subsetting the font)
    st.download_button(
        t("practice.dl.sheet_pdf"),
        partial(worksheet_pdf, cases, seed, code, base=st.context.url),
        file_name=f"{stem}-worksheet.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key="pr-dl-sheet-pdf",
    )
    st.download_button(
        t("practice.dl.key_pdf"),
        partial(key_pdf, cases, seed, code, base=st.context.url, registry=registry),
        file_name=f"{stem}-key.pdf",
        mime="application/pdf",
        icon=":material/picture_as_pdf:",
        on_click="ignore",
        key="pr-dl-key-pdf",
    )
