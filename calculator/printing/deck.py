"""The briefing deck: the official worked examples, one landscape A4 page each, in large type for a projector
or a handout — the case, the printed figures beside this tool's, the money before and after, the errata —
after a cover page with the contents; then any cases a user adds from My case, one page each.

Type is large (heading 28 pt, body 16 pt, table and errata 14 pt, chart 12 pt); a page whose errata would run off the
bottom is set a little smaller as a whole, never cut.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..citation import cite_in
from ..cli.compare import verdict
from ..comparison import compare
from ..examples import ExampleRun
from ..policy_model import Policy
from ..registry import Registry, default_registry
from ..scenario import Scenario
from ..settlement import YearResult
from ..words import date_words
from .charts import Bars, grouped_bars
from .content import (
    FLOW_FIELDS,
    case_words,
    figure_rows,
    input_rows,
    output_label,
    policy_version,
    yuan,
)
from .sheet import AFTER, INK, MUTED, PT, RULE, TINT, SheetPDF
from .words import word

PAGE_W, PAGE_H = 297.0, 210.0
MARGIN = 14.0
HEADING = 28.0
BODY = 16.0
TABLE = 14.0
ERRATA = 14.0
CHART = 12.0
NOTE = 8.0
SCALES = (1.0, 0.92, 0.85, 0.78, 0.7)


@dataclass(frozen=True)
class DeckCase:
    """A case a user adds to the deck from My case: its name and the case settled under its two policies."""

    name: str
    scenario: Scenario
    before: Policy
    after: Policy


def _side_text(side: str, lang: str) -> str:
    if side.startswith("visit "):
        return word("deck.visit", lang, n=side.split(" ", 1)[1])
    return word(f"side.{side}", lang)


def _title(pdf: SheetPDF, text: str, number: int, total: int, lang: str, scale: float) -> float:
    size = HEADING * scale
    pdf.put(MARGIN, MARGIN, text, size, bold=True)
    pdf.put(
        PAGE_W - MARGIN,
        MARGIN + size * PT * 0.35,
        word("sheet.page", lang, n=number, total=total),
        NOTE,
        colour=MUTED,
        align="R",
    )
    y = MARGIN + size * PT * 1.35
    pdf.rule(MARGIN, y, PAGE_W - MARGIN, colour=AFTER, width=0.8)
    return y + 3


def _footer_lines(pdf: SheetPDF, lines: Sequence[str]) -> list[str]:
    return [part for line in lines for part in pdf.wrap(line, PAGE_W - 2 * MARGIN, NOTE)]


def _footer_top(pdf: SheetPDF, lines: Sequence[str]) -> float:
    """Where the footer's rule sits: everything else on the page stays above it."""
    return PAGE_H - MARGIN + 2 - len(_footer_lines(pdf, lines)) * NOTE * PT * 1.3 - 1.5


def _footer(pdf: SheetPDF, lines: Sequence[str]) -> None:
    y = _footer_top(pdf, lines)
    pdf.rule(MARGIN, y, PAGE_W - MARGIN, colour=RULE)
    y += 1.5
    for line in _footer_lines(pdf, lines):
        pdf.put(MARGIN, y, line, NOTE, colour=MUTED)
        y += NOTE * PT * 1.3


def _table(
    pdf: SheetPDF,
    x: float,
    y: float,
    widths: Sequence[float],
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    size: float,
    *,
    right: Sequence[int] = (),
    strong: Sequence[bool] = (),
) -> float:
    """A plain ruled table (header tinted); columns in ``right`` are right-aligned. Returns the y below it."""
    row_h = size * PT * 1.6
    total = sum(widths)
    pdf.box(x, y, total, row_h, fill=TINT)

    def draw(cells: Sequence[str], top: float, bold: bool) -> None:
        left = x
        for index, (text, width) in enumerate(zip(cells, widths, strict=True)):
            # a long item name is set smaller to stay in its column, never over the next one
            fitted = min(size, size * (width - 3) / max(pdf.width_of(text, size), 0.01))
            down = top + size * PT * 0.3 + (size - fitted) * PT * 0.5  # centred on the row like the others
            if index in right:
                pdf.put(left + width - 1.5, down, text, fitted, bold=bold, align="R")
            else:
                pdf.put(left + 1.5, down, text, fitted, bold=bold)
            left += width

    draw(header, y, True)
    y += row_h
    for index, cells in enumerate(rows):
        draw(cells, y, bool(strong[index]) if index < len(strong) else False)
        y += row_h
        pdf.rule(x, y, x + total, width=0.15)
    return y


def _chart(
    pdf: SheetPDF, x: float, y: float, w: float, h: float, results: dict[str, YearResult], lang: str, scale: float
) -> None:
    series = [
        Bars(word(f"side.{side}", lang), [getattr(results[side], name) for name in FLOW_FIELDS], side)
        for side in ("before", "after")
        if side in results
    ]
    if len(series) == 1:
        pdf.put(x, y, word("chart.after_only", lang), NOTE * 1.1 * scale, colour=MUTED)
        y, h = y + NOTE * PT * 1.8, h - NOTE * PT * 1.8
    grouped_bars(pdf, x, y, w, h, [output_label(name, lang) for name in FLOW_FIELDS], series, size=CHART * scale)


def _example_page(
    pdf: SheetPDF, run: ExampleRun, number: int, total: int, lang: str, registry: Registry, footer: Sequence[str]
) -> None:
    example = run.example
    rows = [
        [
            _side_text(check.side, lang),
            output_label(check.field, lang),
            yuan(check.official),
            yuan(check.computed),
            word("mark.yes" if check.matches else "mark.no", lang),
        ]
        for check in run.checks
    ]
    differing = sum(not check.matches for check in run.checks)
    status = (
        word("deck.some_differ", lang, n=differing) if differing else word("deck.all_match", lang, n=len(run.checks))
    )
    sources = "; ".join(cite_in(source, lang, registry) for source in example.sources)
    errata = [erratum.in_lang(lang) for erratum in example.errata]
    inner = PAGE_W - 2 * MARGIN
    left_w = inner * 0.56
    colon = "：" if lang == "zh" else ": "
    footer = [f"{word('deck.sources', lang)}{colon}{sources}", *footer]
    footer_top = _footer_top(pdf, footer) - 3
    for scale in SCALES:  # the largest type at which the page's blocks fit above the footer
        story_h = pdf.height_of(example.story.in_lang(lang), left_w, BODY * scale, leading=1.35)
        table_h = (len(rows) + 1) * TABLE * scale * PT * 1.6
        errata_h = sum(pdf.height_of("• " + text, inner - 8, ERRATA * scale, indent=4) + 1 for text in errata)
        errata_h += (ERRATA * scale * PT * 1.3 + 4) if errata else 0
        top = MARGIN + HEADING * scale * PT * 1.35 + 3
        need = story_h + 2 + BODY * scale * PT * 1.5 + 2 + table_h + 4 + errata_h
        if top + need <= footer_top or scale == SCALES[-1]:
            break
    y = _title(pdf, example.name.in_lang(lang), number, total, lang, scale)
    chart_top = y
    y = pdf.paragraph(MARGIN, y, left_w, example.story.in_lang(lang), BODY * scale, leading=1.35) + 2
    mark = "✓ " if not differing else "× "
    pdf.put(MARGIN, y, mark + status, BODY * 0.9 * scale, bold=True, colour=AFTER if not differing else INK)
    y += BODY * scale * PT * 1.5 + 2
    widths = [left_w * f for f in (0.14, 0.31, 0.205, 0.205, 0.14)]
    header = [
        word("deck.side", lang),
        word("deck.field", lang),
        word("deck.official", lang),
        word("deck.ours", lang),
        word("deck.match", lang),
    ]
    y = _table(
        pdf, MARGIN, y, widths, header, rows, TABLE * scale, right=(2, 3), strong=[not c.matches for c in run.checks]
    )
    chart_x = MARGIN + left_w + 8
    chart_w = PAGE_W - MARGIN - chart_x
    errata_top = footer_top - errata_h  # the errata sit at the foot of the page, the chart fills above them
    chart_bottom = max(y, errata_top - 6)
    _chart(pdf, chart_x, chart_top + 1, chart_w, chart_bottom - chart_top - 2, run.results, lang, scale)
    y = max(y + 4, errata_top)
    if errata:
        height = errata_h - 2
        pdf.box(MARGIN, y, inner, height, fill=TINT, stroke=INK, width=0.3)
        pdf.box(MARGIN, y, 1.6, height, fill=AFTER)
        row = pdf.paragraph(MARGIN + 5, y + 2, inner - 8, word("deck.errata", lang), ERRATA * scale, bold=True)
        for text in errata:
            row = pdf.paragraph(MARGIN + 5, row, inner - 8, "• " + text, ERRATA * scale, indent=4) + 1
    _footer(pdf, footer)


def _case_page(pdf: SheetPDF, case: DeckCase, number: int, total: int, lang: str, footer: Sequence[str]) -> None:
    comparison = compare(case.scenario, case.before, case.after)
    inner = PAGE_W - 2 * MARGIN
    left_w = inner * 0.5
    y = _title(pdf, case.name, number, total, lang, 1.0)
    chart_top = y
    pdf.put(MARGIN, y, case_words(case.scenario, lang), BODY, colour=MUTED)
    y += BODY * PT * 1.6
    facts = [row for row in input_rows(case.scenario, case.before, case.after, lang)]
    for label, value in facts[:-1]:  # the policies compared are in the footer
        line = f"{label}：{value}" if lang == "zh" and label else (f"{label}: {value}" if label else value)
        y = pdf.paragraph(MARGIN, y, left_w, line, NOTE * 1.4, colour=MUTED)
    y += 2
    header = [word("col.item", lang), word("side.before", lang), word("side.after", lang), word("col.change", lang)]
    rows = figure_rows(comparison, lang)
    widths = [left_w * f for f in (0.43, 0.19, 0.19, 0.19)]
    y = _table(
        pdf,
        MARGIN,
        y,
        widths,
        header,
        rows,
        TABLE * 0.82,
        right=(1, 2, 3),
        strong=[i in (6, 7) for i in range(len(rows))],
    )
    y += 3
    sentence = verdict(comparison, lang)
    height = pdf.height_of(sentence, left_w - 8, BODY) + 4
    pdf.box(MARGIN, y, left_w, height, fill=TINT, stroke=INK, width=0.3)
    pdf.box(MARGIN, y, 1.6, height, fill=AFTER)
    pdf.paragraph(MARGIN + 5, y + 2, left_w - 8, sentence, BODY, bold=True)
    chart_x = MARGIN + left_w + 8
    _chart(
        pdf,
        chart_x,
        chart_top + 1,
        PAGE_W - MARGIN - chart_x,
        max(y + height, chart_top + 100) - chart_top,
        {"before": comparison.before, "after": comparison.after},
        lang,
        1.0,
    )
    versions = f"{policy_version(case.before, lang)} → {policy_version(case.after, lang)}"
    _footer(pdf, [word("sheet.version", lang, policies=versions), *footer])


def _cover(
    pdf: SheetPDF,
    runs: Sequence[ExampleRun],
    cases: Sequence[DeckCase],
    total: int,
    lang: str,
    day: dt.date,
    footer: Sequence[str],
) -> None:
    y = MARGIN + 18
    pdf.put(MARGIN, y, word("deck.title", lang), 28, bold=True)
    y += 28 * PT * 1.45
    pdf.rule(MARGIN, y, PAGE_W - MARGIN, colour=AFTER, width=1.0)
    y += 4
    y = pdf.paragraph(MARGIN, y, PAGE_W - 2 * MARGIN, word("deck.subtitle", lang), BODY, colour=MUTED) + 6
    pdf.put(MARGIN, y, word("deck.contents", lang), BODY * 1.1, bold=True)
    y += BODY * 1.1 * PT * 1.7
    entries = [
        (run.example.name.in_lang(lang), word("mark.yes" if run.matches else "mark.no", lang)) for run in runs
    ] + [(case.name, word("deck.user_case", lang)) for case in cases]
    for index, (name, status) in enumerate(entries):
        pdf.put(MARGIN + 2, y, f"{index + 2}", BODY, colour=MUTED)
        pdf.put(MARGIN + 12, y, name, BODY)
        pdf.put(PAGE_W - MARGIN - 2, y, status, BODY * 0.9, colour=AFTER if status.startswith("✓") else INK, align="R")
        y += BODY * PT * 1.75
        pdf.rule(MARGIN, y - 1.2, PAGE_W - MARGIN, width=0.1)
    y += 4
    pdf.put(
        MARGIN,
        y,
        f"{word('app', lang)} · {word('sheet.made', lang, date=date_words(day, lang))}",
        NOTE * 1.2,
        colour=MUTED,
    )
    _footer(pdf, footer)
    pdf.put(PAGE_W - MARGIN, MARGIN, word("sheet.page", lang, n=1, total=total), NOTE, colour=MUTED, align="R")


def examples_deck(
    runs: Sequence[ExampleRun],
    *,
    lang: str = "zh",
    cases: Sequence[DeckCase] = (),
    today: dt.date | None = None,
    registry: Registry | None = None,
) -> bytes:
    """The deck: a cover with the contents, one page per official example, one per added case."""
    registry = registry or default_registry()
    day = today or dt.date.today()
    pairs = {run.region: registry.pair(run.region) for run in runs}
    versions = "；".join(f"{policy_version(b, lang)} → {policy_version(a, lang)}" for b, a in pairs.values())
    footer = [
        word("sheet.disclaimer", lang) + "  " + word("sheet.version", lang, policies=versions),
    ]
    pdf = SheetPDF("landscape", title=word("deck.title", lang), lang=lang)
    total = 1 + len(runs) + len(cases)
    pdf.add_page()
    _cover(pdf, runs, cases, total, lang, day, footer)
    for index, run in enumerate(runs):
        pdf.add_page()
        _example_page(pdf, run, index + 2, total, lang, registry, footer)
    for index, case in enumerate(cases):
        pdf.add_page()
        _case_page(pdf, case, len(runs) + index + 2, total, lang, footer[:1])
    return bytes(pdf.output())
