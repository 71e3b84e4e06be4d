"""The one-page A4 测算单 of one case: inputs, figures, verdict, the two charts, the working with its
articles, the sources, the disclaimer, the policy versions and the link (with its QR code) that reproduces it.

Everything must fit one page. The fixed blocks are placed first; the working gets the room that is left and
is set in the largest type that fits, then, for a very long case (many visits), each step is cut to its
title and amount, and finally the middle steps of a side are left out with a line saying how many.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from ..cli.compare import verdict
from ..comparison import Comparison, compare
from ..errors import CalculatorError
from ..money import format_yuan
from ..policy_model import Policy
from ..registry import Registry, default_registry
from ..scenario import Scenario
from ..sweep import Sweep, spending_sweep
from ..words import date_words
from .charts import Bars, Line, grouped_bars, sweep_lines
from .content import (
    FLOW_FIELDS,
    Sources,
    TraceLine,
    case_words,
    default_notes,
    figure_rows,
    input_rows,
    output_label,
    policy_version,
    trace_lines,
)
from .qr import draw_qr
from .sheet import AFTER, INK, MUTED, PT, RULE, TINT, SheetPDF
from .words import word

PAGE_W, PAGE_H = 210.0, 297.0
MARGIN = 12.0
GUTTER = 6.0
QR_SIZE = 26.0
BODY = 7.4
SMALL = 6.4
HEADING = 9.0
TRACE_SIZES = (8.0, 7.6, 7.2, 6.8, 6.4, 6.0)
SHORT_SIZES = (6.4, 6.0)
MIN_FULL_KEEP = 9  # the fewest steps a side keeps in full sentences before they are cut to their results
MIN_KEEP = 5
LINK_LINES = 2


def _heading(pdf: SheetPDF, x: float, y: float, text: str, width: float) -> float:
    pdf.put(x, y, text, HEADING, bold=True)
    y += HEADING * PT * 1.35
    pdf.rule(x, y, x + width, colour=AFTER, width=0.35)
    return y + 1.4


def _header(pdf: SheetPDF, lang: str, link: str, day: dt.date) -> float:
    inner = PAGE_W - 2 * MARGIN
    y = MARGIN
    pdf.put(MARGIN, y, word("sheet.title", lang), 18, bold=True)
    y += 18 * PT * 1.3
    pdf.put(MARGIN, y, word("sheet.subtitle", lang), 8, colour=MUTED)
    y += 8 * PT * 1.5
    pdf.put(MARGIN, y, f"{word('app', lang)} · {word('sheet.made', lang, date=date_words(day, lang))}", 7, colour=MUTED)
    qr_x = PAGE_W - MARGIN - QR_SIZE
    draw_qr(pdf, qr_x, MARGIN - 3, QR_SIZE, link)
    caption_w = 36
    cap_y = MARGIN + 2
    for line in pdf.wrap(word("sheet.link", lang), caption_w, 6.5):
        pdf.put(qr_x - 2, cap_y, line, 6.5, colour=MUTED, align="R")
        cap_y += 6.5 * PT * 1.3
    bottom = max(y + 7 * PT * 1.6, MARGIN - 3 + QR_SIZE) + 1
    pdf.rule(MARGIN, bottom, MARGIN + inner, colour=INK, width=0.5)
    return bottom + 3


def _inputs(pdf: SheetPDF, x: float, y: float, w: float, rows: list[tuple[str, str]], lang: str) -> float:
    y = _heading(pdf, x, y, word("sheet.inputs", lang), w)
    label_w = min(max((pdf.width_of(label, BODY) for label, _ in rows if label), default=10) + 2.5, w * 0.45)
    for label, value in rows:
        if label:
            lines = pdf.wrap(label, label_w - 1.5, BODY)
            for number, line in enumerate(lines):
                pdf.put(x, y + number * BODY * PT * 1.3, line, BODY, colour=MUTED)
        bottom = pdf.paragraph(x + label_w, y, w - label_w, value, BODY, leading=1.3)
        y = max(bottom, y + (len(pdf.wrap(label, label_w - 1.5, BODY)) if label else 1) * BODY * PT * 1.3) + 0.5
    return y


def _figures(pdf: SheetPDF, x: float, y: float, w: float, comparison: Comparison, notes: list[str], lang: str) -> float:
    y = _heading(pdf, x, y, word("sheet.results", lang), w)
    columns = (w * 0.40, w * 0.20, w * 0.20, w * 0.20)
    header = (word("col.item", lang), word("side.before", lang), word("side.after", lang), word("col.change", lang))
    row_h = BODY * PT * 1.5
    pdf.box(x, y, w, row_h, fill=TINT)
    left = x
    for index, (text, width) in enumerate(zip(header, columns, strict=True)):
        if index == 0:
            pdf.put(left + 1, y + 0.7, text, BODY, bold=True)
        else:
            pdf.put(left + width - 1, y + 0.7, text, BODY, bold=True, align="R")
        left += width
    y += row_h
    for number, row in enumerate(figure_rows(comparison, lang)):
        strong = number in (6, 7)  # cash paid and the year-end balance: what the person feels
        left = x
        for index, (text, width) in enumerate(zip(row, columns, strict=True)):
            if index == 0:
                pdf.put(left + 1, y + 0.7, text, BODY, bold=strong)
            else:
                pdf.put(left + width - 1, y + 0.7, text, BODY, bold=strong, align="R")
            left += width
        y += row_h
        pdf.rule(x, y, x + w, width=0.1)
    y += 2
    sentence = verdict(comparison, lang)
    height = pdf.height_of(sentence, w - 6, 9) + 3
    pdf.box(x, y, w, height, fill=TINT, stroke=INK, width=0.3)
    pdf.box(x, y, 1.4, height, fill=AFTER)
    pdf.paragraph(x + 4, y + 1.5, w - 6, sentence, 9, bold=True)
    y += height + 1.5
    for note in notes:
        y = pdf.paragraph(x, y, w, note, SMALL, colour=MUTED) + 0.5
    return y


def _sweep_sentence(sweep: Sweep, spending, lang: str) -> str:
    if sweep.break_even is not None:
        return word("sweep.break_even", lang, amount=format_yuan(sweep.break_even), yours=format_yuan(spending))
    key = "sweep.always" if sweep.always_better else "sweep.never"
    return word(key, lang, high=format_yuan(sweep.high, whole=True))


def _charts(
    pdf: SheetPDF, y: float, scenario: Scenario, comparison: Comparison, sweep: Sweep | None, lang: str
) -> float:
    inner = PAGE_W - 2 * MARGIN
    half = (inner - GUTTER) / 2
    height = 58.0
    case = case_words(scenario, lang)
    left_x, right_x = MARGIN, MARGIN + half + GUTTER
    top = _heading(pdf, left_x, y, word("sheet.flow", lang), half)
    pdf.put(left_x, top, case, SMALL, colour=MUTED)
    grouped_bars(
        pdf,
        left_x,
        top + SMALL * PT * 1.6,
        half,
        height,
        [output_label(name, lang) for name in FLOW_FIELDS],
        [
            Bars(word("side.before", lang), [getattr(comparison.before, n) for n in FLOW_FIELDS], "before"),
            Bars(word("side.after", lang), [getattr(comparison.after, n) for n in FLOW_FIELDS], "after"),
        ],
        size=6.8,
    )
    bottom = top + SMALL * PT * 1.6 + height
    top = _heading(pdf, right_x, y, word("sheet.sweep", lang), half)
    if sweep is None:
        return bottom + 2
    sentence_bottom = pdf.paragraph(right_x, top, half, _sweep_sentence(sweep, scenario.total_spending, lang), SMALL)
    spending = scenario.total_spending
    marks = [(spending, word("chart.you", lang, amount=format_yuan(spending)), True)]
    if sweep.break_even is not None:
        marks.append((sweep.break_even, word("chart.break_even", lang, amount=format_yuan(sweep.break_even)), False))
    sweep_lines(
        pdf,
        right_x,
        sentence_bottom + 0.5,
        half,
        height - (sentence_bottom - top) + SMALL * PT * 1.6 - 0.5,
        sweep.spendings,
        [
            Line(word("chart.cash_before", lang), sweep.cash_before, "before", False),
            Line(word("chart.cash_after", lang), sweep.cash_after, "after", False),
            Line(word("chart.balance_before", lang), sweep.balance_before, "before", True),
            Line(word("chart.balance_after", lang), sweep.balance_after, "after", True),
        ],
        marks=marks,
        size=6.8,
        x_title=word("chart.spending", lang),
    )
    return bottom + 2


def _column_lines(lines: list[TraceLine], lang: str, mode: str, keep: int | None) -> list[str]:
    texts = [line.full(lang) if mode == "full" else line.short(lang) for line in lines]
    if keep is not None and len(texts) > keep:
        head, tail = keep // 2, keep - keep // 2 - 1
        texts = [*texts[:head], word("sheet.more_steps", lang, n=len(texts) - head - tail), *texts[-tail:]]
    return texts


def _trace_height(pdf: SheetPDF, texts: list[str], width: float, size: float) -> float:
    return sum(pdf.height_of(text, width, size, leading=1.28, indent=3.0) + 0.35 for text in texts)


def _trace(
    pdf: SheetPDF,
    y: float,
    room: float,
    columns: list[tuple[str, list[TraceLine]]],
    lang: str,
) -> float:
    """The working, before | after, in the largest type that fits ``room`` mm."""
    inner = PAGE_W - 2 * MARGIN
    half = (inner - GUTTER) / 2
    head_h = HEADING * PT * 1.35 + 1.4 + SMALL * PT * 1.5
    longest = max(len(lines) for _, lines in columns)
    plans: list[tuple[str, float, int | None]] = [("full", size, None) for size in TRACE_SIZES]
    plans += [("full", TRACE_SIZES[-1], keep) for keep in range(longest - 1, MIN_FULL_KEEP - 1, -1)]
    plans += [("short", size, None) for size in SHORT_SIZES]
    plans += [("short", SHORT_SIZES[-1], keep) for keep in range(longest - 1, MIN_KEEP - 1, -1)]
    chosen = plans[-1]
    for plan in plans:
        mode, size, keep = plan
        need = max(_trace_height(pdf, _column_lines(lines, lang, mode, keep), half, size) for _, lines in columns)
        if head_h + need <= room:
            chosen = plan
            break
    mode, size, keep = chosen
    title = word("sheet.trace" if mode == "full" and keep is None else "sheet.trace_short", lang)
    top = _heading(pdf, MARGIN, y, title, inner)
    bottom = top
    for index, (caption, lines) in enumerate(columns):
        x = MARGIN + index * (half + GUTTER)
        row = pdf.paragraph(x, top, half, caption, SMALL + 0.4, bold=True, colour=AFTER if index else MUTED)
        for text in _column_lines(lines, lang, mode, keep):
            row = pdf.paragraph(x, row, half, text, size, leading=1.28, indent=3.0) + 0.35
        bottom = max(bottom, row)
    return bottom


def _link_lines(pdf: SheetPDF, link: str, width: float, size: float) -> list[str]:
    """The link as printed: at most two lines (a long one ends in "…"; the QR code and the PDF's link
    annotation carry it whole)."""
    lines = pdf.wrap(link, width, size)
    if len(lines) > LINK_LINES:
        lines = [*lines[: LINK_LINES - 1], lines[LINK_LINES - 1][:-2] + "…"]
    return lines


def _footer_lines(
    lang: str, sources: Sources, before: Policy, after: Policy, link: str
) -> list[tuple[str, float, bool]]:
    versions = f"{policy_version(before, lang)} → {policy_version(after, lang)}"
    return [
        *[(line, SMALL, False) for line in sources.lines()],
        ("", 1.0, False),
        (word("sheet.disclaimer", lang), 7.2, True),
        (word("sheet.version", lang, policies=versions), SMALL, False),
        (link, 5.6, False),
    ]


def case_sheet(
    scenario: Scenario,
    before: Policy,
    after: Policy,
    *,
    lang: str = "zh",
    link: str,
    sweep: Sweep | None = None,
    changes: Mapping[str, str] | None = None,
    today: dt.date | None = None,
    registry: Registry | None = None,
) -> bytes:
    """The one-page PDF of ``scenario`` settled under ``before`` and ``after`` (both must settle).

    ``sweep`` is the page's own sweep when the dashboard has one (any object with the fields of
    :class:`~calculator.sweep.Sweep`); otherwise it is settled here. ``link`` reproduces the case.
    """
    registry = registry or default_registry()
    day = today or dt.date.today()
    comparison = compare(scenario, before, after)
    if sweep is None:
        try:
            sweep = spending_sweep(scenario, before, after)
        except CalculatorError:  # a point of the sweep needs a figure this case lacks: the sheet goes without it
            sweep = None
    pdf = SheetPDF("portrait", title=word("sheet.title", lang), lang=lang)
    pdf.add_page()
    inner = PAGE_W - 2 * MARGIN
    y = _header(pdf, lang, link, day)

    left_w = inner * 0.44
    right_w = inner - left_w - GUTTER
    rows = input_rows(scenario, before, after, lang, changes)
    bottom_left = _inputs(pdf, MARGIN, y, left_w, rows, lang)
    bottom_right = _figures(
        pdf, MARGIN + left_w + GUTTER, y, right_w, comparison, default_notes(scenario, before, after, lang), lang
    )
    y = max(bottom_left, bottom_right) + 2.5
    y = _charts(pdf, y, scenario, comparison, sweep, lang) + 2

    sources = Sources(registry, lang)
    columns = [
        (f"{word('side.before', lang)} · {before.title.in_lang(lang)}", trace_lines(comparison.before, sources, lang)),
        (f"{word('side.after', lang)} · {after.title.in_lang(lang)}", trace_lines(comparison.after, sources, lang)),
    ]
    link_text = link
    footer = _footer_lines(lang, sources, before, after, link_text)
    sources_head = HEADING * PT * 1.35 + 1.4
    footer_h = sources_head + sum(
        (
            len(_link_lines(pdf, text, inner, size)) * size * PT * 1.3
            if text == link_text
            else pdf.height_of(text, inner, size)
        )
        if text
        else size
        for text, size, _ in footer
    )
    room = PAGE_H - MARGIN - footer_h - y - 2
    y = _trace(pdf, y, room, columns, lang) + 2

    y = max(y, PAGE_H - MARGIN - footer_h)
    y = _heading(pdf, MARGIN, y, word("sheet.sources", lang), inner)
    for text, size, strong in footer:
        if not text:
            y += size
            continue
        if text == link_text:
            for line in _link_lines(pdf, text, inner, size):
                pdf.put(MARGIN, y, line, size, colour=MUTED, link=link)
                y += size * PT * 1.3
            continue
        y = pdf.paragraph(MARGIN, y, inner, text, size, bold=strong, colour=INK if strong else MUTED, indent=0)
    pdf.rule(MARGIN, PAGE_H - MARGIN + 2, PAGE_W - MARGIN, colour=RULE)
    return bytes(pdf.output())
