"""The ledger's two figures: the year-end balances, and cash paid so far with the running net difference.

Built by the shared chart builder (:func:`dashboard.charts.figure`: a title naming the case, the policy
pair with dates, the source; axis titles with units); what is the ledger's own is here: the year marks.
Figures only draw numbers the engine produced: a year a side cannot settle is a gap, never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import plotly.graph_objects as go

from calculator.projection import Ledger

from .charts import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    FONT,
    ChartData,
    axis,
    chart_config,
    figure,
    money_axis,
    pair_line,
    source_line,
    with_data,
)
from .formatting import yuan
from .i18n import t

MARK_COLOUR = "#6b7280"
# Below this spread (yuan) plotly would put ticks a fraction of a yuan apart, which the whole-yuan tick
# format shows as ¥0, ¥0, ¥1, ¥1: the axis is then drawn over a fixed span instead.
MIN_SPAN = 10.0
NET_COLOUR = "#c2410c"

__all__ = ["balance_lines", "chart_config", "cumulative_lines"]


def _table(years: list[int], series: list[tuple[str, Sequence[Decimal | None]]], marks: list) -> ChartData:
    """The rows the figure draws (one a year, a side that cannot settle left empty) and its marked years."""
    year = t("ledger.col_year")
    rows = [{year: value} for value in years]
    for name, values in series:
        for row, value in zip(rows, values, strict=True):
            row[name] = value
    return ChartData(rows, units={year: "years"}, notes=[(text, mark) for mark, text, _ in marks if mark is not None])


def _floats(values: Sequence[Decimal | None]) -> list[float | None]:
    return [None if value is None else float(value) for value in values]


def _texts(values: Sequence[Decimal | None]) -> list[str]:
    return [t("ledger.unknown") if value is None else yuan(value) for value in values]


def _figure(
    ledger: Ledger,
    title: str,
    case: str,
    traces: list[dict],
    marks: list[tuple[int | None, str, str]],
    yaxis: dict,
) -> go.Figure:
    """One figure through the shared builder (:func:`dashboard.charts.figure`): its title names the chart
    and the case, then the policy pair with their dates and the source, as every chart's does.
    ``marks`` are (year, label, position) vertical lines; ``yaxis`` what this chart adds to the money axis."""
    shapes, annotations = [], []
    for year, text, position in marks:
        if year is None:
            continue
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": year,
                "x1": year,
                "y0": 0,
                "y1": 1,
                "line": {"color": MARK_COLOUR, "dash": "dot", "width": 1.5},
            }
        )
        top = position.startswith("top")
        annotations.append(
            {
                "text": text,
                "x": year,
                "xref": "x",
                "y": 1 if top else 0,
                "yref": "paper",
                "yanchor": "top" if top else "bottom",
                "xanchor": "right" if position.endswith("left") else "left",
                "showarrow": False,
                "font": {"family": FONT, "color": MARK_COLOUR, "size": 11},
            }
        )
    _show_coinciding(traces)
    # ticks written like every other amount (-¥1,400, not plotly's ¥−1,400), by the shared money axis
    money = {**axis(t("chart.amount")), **money_axis([value for trace in traces for value in trace["y"]]), **yaxis}
    known = [value for trace in traces for value in trace["y"] if value is not None]
    if known and max(known) - min(known) < MIN_SPAN:
        low = min(min(known), 0.0)
        money["range"] = [low - (MIN_SPAN if low < 0 else 0.0), max(known) + MIN_SPAN]
    before, after = ledger.before_policy, ledger.after_policy
    return figure(
        traces,
        title=f"{title}{t('common.colon')}{case}" if case else title,
        lines=(pair_line(before, after), source_line((before, after))),
        xaxis=axis(t("ledger.chart_year"), tickformat="d"),
        yaxis=money,
        legend_items=[trace["name"] for trace in traces],
        layout={"hovermode": "x unified", "shapes": shapes, "annotations": annotations},
    )


#: each series' legend label; ``<key>_inline`` is the words for it inside a sentence ("Cash so far, before"
#: stands alone; "… (same as cash so far before)" names it in one)
_SERIES = ("ledger.balance_before", "ledger.balance_after", "ledger.cash_before", "ledger.cash_after", "ledger.net")


def _show_coinciding(traces: list[dict]) -> None:
    """A line lying exactly on an earlier one would hide it: it is drawn dashed over it, the earlier one
    wider beneath, and its legend entry says "same as …" (as on the regions chart)."""
    inline = {t(key): t(f"{key}_inline") for key in _SERIES}
    for index, trace in enumerate(traces):
        if all(value is None for value in trace["y"]):
            continue
        twin = next((earlier for earlier in traces[:index] if earlier["y"] == trace["y"]), None)
        if twin is not None:
            trace["name"] = t("chart.same_as", name=trace["name"], other=inline.get(twin["name"], twin["name"]))
            trace["line"]["dash"] = "dash"
            twin["line"]["width"] = 6


def _line(years: list[int], values: Sequence[Decimal | None], name: str, colour: str, dash: str) -> dict:
    return {
        "type": "scatter",
        "x": years,
        "y": _floats(values),
        "name": name,
        "mode": "lines+markers",
        "marker": {"size": 4},
        "line": {"color": colour, "dash": dash, "width": 2.5},
        "text": _texts(values),
        "hovertemplate": "%{text}<extra>" + name + "</extra>",
    }


def balance_lines(ledger: Ledger, case: str) -> go.Figure:
    """The year-end balance before and after, the retirement year and the 70th birthday marked."""
    years = [row.year for row in ledger.years]
    traces, series = [], []
    for side, colour in (("before", BEFORE_COLOUR), ("after", AFTER_COLOUR)):
        values = [row.side(side).result.closing_balance if row.side(side).known else None for row in ledger.years]
        traces.append(_line(years, values, t(f"ledger.balance_{side}"), colour, "solid"))
        series.append((t(f"ledger.balance_{side}"), values))
    retire, seventy = ledger.retirement_year(), ledger.year_of_age(70)
    marks = [
        (retire, t("ledger.mark_retire", year=retire), "top left"),
        (seventy, t("ledger.mark_70", year=seventy), "bottom right" if retire else "top left"),
    ]
    chart = _figure(ledger, t("ledger.chart_balance"), case, traces, marks, {"rangemode": "tozero"})
    return with_data(chart, _table(years, series, marks))


def cumulative_lines(ledger: Ledger, case: str) -> go.Figure:
    """Cash paid so far on each side, and the running net difference with the year it changes sign."""
    years = [row.year for row in ledger.years]
    series = [
        (t("ledger.cash_before"), ledger.cumulative_cash("before"), BEFORE_COLOUR, "dot"),
        (t("ledger.cash_after"), ledger.cumulative_cash("after"), AFTER_COLOUR, "dot"),
        (t("ledger.net"), ledger.cumulative_net(), NET_COLOUR, "solid"),
    ]
    traces = [_line(years, values, name, colour, dash) for name, values, colour, dash in series]
    turn = ledger.turn_year()
    marks = [(turn, t("ledger.mark_turn", year=turn), "top left")]
    chart = _figure(
        ledger, t("ledger.chart_cumulative"), case, traces, marks, {"zeroline": True, "zerolinecolor": MARK_COLOUR}
    )
    return with_data(chart, _table(years, [(name, values) for name, values, *_ in series], marks))
