"""The two charts of a sheet, drawn as vector paths from the engine's numbers (no plotting library).

Both read in black and white: "before" bars are hatched, "after" bars solid; the sweep's lines differ by
dash pattern and marker as well as by colour, and every bar carries its amount as text. The charts only
draw figures the engine settled; the one thing computed here is the axis (round tick steps).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..money import format_yuan
from .sheet import AFTER, BEFORE, INK, MUTED, PAPER, PT, RULE, SheetPDF


@dataclass(frozen=True)
class Bars:
    """One series of a grouped bar chart: its legend name, its amounts and its side (the pattern)."""

    name: str
    values: Sequence[Decimal]
    side: str  # "before" (hatched) or "after" (solid)


@dataclass(frozen=True)
class Line:
    """One line of the sweep: its legend name, its amounts (one per x), its side and what it measures."""

    name: str
    values: Sequence[Decimal]
    side: str  # "before" or "after": the colour and marker
    dashed: bool  # the account balance lines are dashed, the cash lines solid


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (always including 0)."""
    low, high = min(low, 0.0), max(high, 0.0)
    if high == low:
        high = low + 10.0
    raw = (high - low) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next((f * power for f in (1, 2, 2.5, 5, 10) if raw <= f * power), 10 * power)
    step = max(step, 1.0)
    first, last = math.floor(low / step) * step, math.ceil(high / step) * step
    return [first + i * step for i in range(round((last - first) / step) + 1)]


def _tick_text(value: float) -> str:
    return format_yuan(Decimal(round(value)), whole=True)


def swatch(pdf: SheetPDF, x: float, y: float, w: float, h: float, side: str) -> None:
    """The bar pattern of a side: solid for after, hatched for before."""
    if side == "after":
        pdf.box(x, y, w, h, fill=AFTER, stroke=AFTER, width=0.2)
    else:
        pdf.box(x, y, w, h, fill=PAPER)
        pdf.hatch(x, y, w, h, colour=BEFORE)
        pdf.box(x, y, w, h, stroke=BEFORE, width=0.25)


def bar_legend(pdf: SheetPDF, x: float, y: float, series: Sequence[Bars], size: float) -> None:
    for item in series:
        swatch(pdf, x, y + 0.3, 5, size * PT * 0.85, item.side)
        x += 6.5 + pdf.put(x + 6.5, y, item.name, size, colour=INK) + 5


def grouped_bars(
    pdf: SheetPDF,
    x: float,
    y: float,
    w: float,
    h: float,
    labels: Sequence[str],
    series: Sequence[Bars],
    *,
    size: float = 7.0,
) -> None:
    """Horizontal grouped bars in the box (x, y, w, h): one group per label, one bar per series, each
    bar's amount written at its end; the legend on top, the money axis below."""
    legend_h = size * PT * 1.6
    bar_legend(pdf, x, y, series, size)
    label_w = max(pdf.width_of(label, size) for label in labels) + 2.5
    values = [float(v) for s in series for v in s.values]
    ticks = nice_ticks(min(values, default=0.0), max(values, default=0.0), 4)
    widest = max((pdf.width_of(format_yuan(v), size * 0.92) for s in series for v in s.values), default=10)
    plot_x, plot_w = x + label_w, w - label_w - widest - 2
    plot_y, plot_h = y + legend_h, h - legend_h - size * PT * 1.8
    low, high = ticks[0], ticks[-1]

    def at(value: float) -> float:
        return plot_x + (value - low) / (high - low) * plot_w

    for tick in ticks:  # grid and tick labels
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.1 if tick else 0.3)
        pdf.line(at(tick), plot_y, at(tick), plot_y + plot_h)
        pdf.put(at(tick), plot_y + plot_h + 0.8, _tick_text(tick), size * 0.85, colour=MUTED, align="C")
    group_h = plot_h / len(labels)
    bar_h = min(group_h * 0.78 / len(series), size * PT * 1.25)
    for index, label in enumerate(labels):
        top = plot_y + index * group_h + (group_h - bar_h * len(series)) / 2
        pdf.put(x + label_w - 2, top + bar_h * len(series) / 2 - size * PT / 2, label, size, align="R")
        for number, item in enumerate(series):
            value = float(item.values[index])
            bar_y = top + number * bar_h
            left, right = sorted((at(0), at(value)))
            swatch(pdf, left, bar_y + 0.15, right - left, bar_h - 0.3, item.side)
            text_size = min(size * 0.92, bar_h / PT * 0.95)
            pdf.put(
                right + 0.8,
                bar_y + (bar_h - text_size * PT) / 2,
                format_yuan(item.values[index]),
                text_size,
                colour=INK,
            )


def _marker(pdf: SheetPDF, x: float, y: float, side: str, r: float) -> None:
    """Before: a hollow circle; after: a solid square (told apart without colour)."""
    if side == "after":
        pdf.set_fill_color(*AFTER)
        pdf.rect(x - r, y - r, 2 * r, 2 * r, style="F")
    else:
        pdf.set_draw_color(*BEFORE)
        pdf.set_fill_color(*PAPER)
        pdf.set_line_width(0.25)
        pdf.circle(x, y, r, style="DF")


def _pen(pdf: SheetPDF, line: Line) -> None:
    pdf.set_draw_color(*(AFTER if line.side == "after" else BEFORE))
    pdf.set_line_width(0.55 if line.side == "after" else 0.45)
    if line.dashed:
        pdf.set_dash_pattern(dash=1.2, gap=0.8)
    else:
        pdf.set_dash_pattern()


def line_legend(pdf: SheetPDF, x: float, y: float, w: float, lines: Sequence[Line], size: float) -> int:
    """The legend in as many rows as it needs (a sample of each line with its marker); returns the rows."""
    start, row_h, rows = x, size * PT * 1.45, 1
    for line in lines:
        width = 9 + pdf.width_of(line.name, size) + 4
        if x + width > start + w and x > start:
            x, y, rows = start, y + row_h, rows + 1
        mid = y + size * PT * 0.5
        _pen(pdf, line)
        pdf.line(x, mid, x + 7, mid)
        pdf.set_dash_pattern()
        _marker(pdf, x + 3.5, mid, line.side, 0.6)
        pdf.put(x + 8.5, y, line.name, size)
        x += width
    return rows


def sweep_lines(
    pdf: SheetPDF,
    x: float,
    y: float,
    w: float,
    h: float,
    spendings: Sequence[Decimal],
    lines: Sequence[Line],
    *,
    marks: Sequence[tuple[Decimal, str, bool]] = (),
    size: float = 7.0,
    x_title: str = "",
) -> None:
    """Lines of amounts against annual spending in the box; ``marks`` are vertical lines (x, label, strong)
    for the person's own spending and the break-even point."""
    rows = line_legend(pdf, x, y, w, lines, size)
    label_row = size * PT * 1.15
    top_room = rows * size * PT * 1.45 + 0.8 + label_row * len(marks)
    values = [float(v) for line in lines for v in line.values]
    yticks = nice_ticks(min(values, default=0.0), max(values, default=0.0), 4)
    xticks = nice_ticks(0.0, float(spendings[-1]), 5)
    axis_w = max(pdf.width_of(_tick_text(t), size * 0.85) for t in yticks) + 1.5
    plot_x, plot_w = x + axis_w, w - axis_w - 2
    plot_y = y + top_room + 0.5
    plot_h = h - (plot_y - y) - size * PT * (3.2 if x_title else 1.8)
    x_low, x_high, y_low, y_high = xticks[0], xticks[-1], yticks[0], yticks[-1]

    def px(value: float) -> float:
        return plot_x + (value - x_low) / (x_high - x_low) * plot_w

    def py(value: float) -> float:
        return plot_y + plot_h - (value - y_low) / (y_high - y_low) * plot_h

    pdf.set_dash_pattern()
    for tick in yticks:
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.3 if tick == 0 else 0.1)
        pdf.line(plot_x, py(tick), plot_x + plot_w, py(tick))
        pdf.put(plot_x - 1, py(tick) - size * 0.85 * PT / 2, _tick_text(tick), size * 0.85, colour=MUTED, align="R")
    for tick in xticks:
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.1)
        pdf.line(px(tick), plot_y, px(tick), plot_y + plot_h)
        pdf.put(px(tick), plot_y + plot_h + 1.6, _tick_text(tick), size * 0.85, colour=MUTED, align="C")
    if x_title:
        pdf.put(
            plot_x + plot_w / 2, plot_y + plot_h + 1.0 + size * PT * 1.6, x_title, size * 0.9, colour=MUTED, align="C"
        )
    xs = [px(float(s)) for s in spendings]
    for line in lines:
        _pen(pdf, line)
        points = list(zip(xs, (py(float(v)) for v in line.values), strict=True))
        pdf.polyline(points, style="D")
        pdf.set_dash_pattern()
        every = max(1, len(points) // 8)
        offset = every // 2 if line.side == "after" else 0  # markers of the two sides do not sit on each other
        for px_, py_ in points[offset::every]:
            _marker(pdf, px_, py_, line.side, 0.55)
    for index, (value, label, strong) in enumerate(marks):
        where = px(float(value))
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.45 if strong else 0.3)
        if strong:
            pdf.set_dash_pattern()
        else:
            pdf.set_dash_pattern(dash=0.6, gap=0.6)
        label_y = plot_y - label_row * (index + 1)
        pdf.line(where, label_y + label_row * 0.9, where, plot_y + plot_h)
        pdf.set_dash_pattern()
        text_w = pdf.width_of(label, size * 0.9)
        left = where + 0.8 if where + 0.8 + text_w <= plot_x + plot_w else where - 0.8 - text_w
        pdf.put(max(left, x), label_y, label, size * 0.9, bold=strong)
