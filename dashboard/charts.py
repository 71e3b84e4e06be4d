"""Plotly figures: labels in the current language, money as ¥, readable on a phone.

Figures only draw numbers the engine produced; they never compute one. Every chart is shown with
:data:`CHART_CONFIG`, whose modebar keeps the "download as PNG" button.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import plotly.graph_objects as go

from calculator.settlement import YearResult

from .formatting import signed_yuan, yuan
from .i18n import t

FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
BEFORE_COLOUR = "#9aa5b1"
AFTER_COLOUR = "#0b6e4f"
REGION_COLOURS = ("#0b6e4f", "#c2410c", "#1d4ed8", "#7c3aed", "#a16207", "#be185d", "#0e7490", "#4b5563")
FLOW_FIELDS = ("account_credit", "reimbursed_total", "account_paid", "cash_paid", "closing_balance")


def chart_config(filename: str) -> dict:
    """The modebar: PNG download (2× scale) kept, selection tools and the logo removed."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


def _layout(figure: go.Figure, title: str, x_title: str | None = None, height: int = 380) -> go.Figure:
    figure.update_layout(
        title={"text": title, "font": {"size": 15}},
        font={"family": FONT, "size": 12},
        height=height,
        margin={"l": 10, "r": 10, "t": 48, "b": 10},
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "xanchor": "left", "x": 0},
        yaxis={"tickprefix": "¥", "tickformat": ",.0f", "title": {"text": t("chart.amount")}, "rangemode": "tozero"},
        hoverlabel={"font": {"family": FONT}},
        separators=".,",
    )
    if x_title:
        figure.update_xaxes(title={"text": x_title, "standoff": 8}, tickprefix="¥", tickformat=",.0f")
        figure.update_layout(legend={"y": -0.3})
    return figure


def _floats(values: Sequence[Decimal | None]) -> list[float | None]:
    return [None if value is None else float(value) for value in values]


def money_flow(results: Mapping[str, YearResult]) -> go.Figure:
    """Horizontal grouped bars of the year's money flow (readable on a phone): one group per output,
    one bar per side (before/after)."""
    labels = [t(f"field.{name}") for name in FLOW_FIELDS]
    figure = go.Figure()
    for side, colour in (("before", BEFORE_COLOUR), ("after", AFTER_COLOUR)):
        if side not in results:
            continue
        amounts = [getattr(results[side], name) for name in FLOW_FIELDS]
        figure.add_bar(
            name=t(f"chart.{side}"),
            y=labels,
            x=_floats(amounts),
            orientation="h",
            marker_color=colour,
            text=[yuan(amount) for amount in amounts],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra>" + t(f"chart.{side}") + "</extra>",
        )
    figure.update_layout(barmode="group", bargap=0.25)
    _layout(figure, t("chart.flow"), height=440)
    figure.update_layout(
        yaxis={"autorange": "reversed", "tickprefix": "", "title": None, "tickformat": ""},
        xaxis={"tickprefix": "¥", "tickformat": ",.0f", "rangemode": "tozero", "title": {"text": t("chart.amount")}},
        legend={"y": -0.22},
        margin={"r": 60},
    )
    return figure


def spending_sweep(sweep, spending: Decimal, you_cash: Mapping[str, Decimal], you_balance: Mapping[str, Decimal]):
    """Cash and year-end balance against annual spending, before and after; the person and the
    break-even spending marked."""
    x = _floats(sweep.spendings)
    figure = go.Figure()
    lines = (
        ("chart.cash_before", sweep.cash_before, BEFORE_COLOUR, "solid"),
        ("chart.cash_after", sweep.cash_after, AFTER_COLOUR, "solid"),
        ("chart.balance_before", sweep.balance_before, BEFORE_COLOUR, "dot"),
        ("chart.balance_after", sweep.balance_after, AFTER_COLOUR, "dot"),
    )
    for key, values, colour, dash in lines:
        figure.add_scatter(
            x=x,
            y=_floats(values),
            name=t(key),
            mode="lines",
            line={"color": colour, "dash": dash, "width": 2.5},
            hovertemplate="¥%{x:,.0f} → ¥%{y:,.2f}<extra>" + t(key) + "</extra>",
        )
    marks_y = [you_cash["before"], you_cash["after"], you_balance["before"], you_balance["after"]]
    figure.add_scatter(
        x=[float(spending)] * 4,
        y=_floats(marks_y),
        name=t("chart.you"),
        mode="markers",
        marker={"size": 11, "color": "#c2410c", "symbol": "diamond", "line": {"width": 1, "color": "white"}},
        text=[t(key) for key, *_ in lines],
        hovertemplate="%{text}: ¥%{y:,.2f}<extra>" + t("chart.you") + "</extra>",
    )
    if sweep.break_even is not None:
        figure.add_vline(
            x=float(sweep.break_even),
            line={"color": "#c2410c", "dash": "dash", "width": 1.5},
            annotation_text=t("chart.break_even", amount=yuan(sweep.break_even)),
            annotation_position="top right",
            annotation_font={"family": FONT, "color": "#c2410c"},
        )
    figure.update_xaxes(range=[0, sweep.high])
    return _layout(figure, t("chart.sweep"), t("chart.spending"), height=420)


def region_cash(curves: Sequence[tuple[str, Sequence[Decimal], Sequence[Decimal | None]]], spending: Decimal):
    """Cash out of pocket against annual spending, one line per policy."""
    figure = go.Figure()
    for index, (name, spendings, cash) in enumerate(curves):
        figure.add_scatter(
            x=_floats(spendings),
            y=_floats(cash),
            name=name,
            mode="lines",
            line={"color": REGION_COLOURS[index % len(REGION_COLOURS)], "width": 2.5},
            hovertemplate="¥%{x:,.0f} → ¥%{y:,.2f}<extra>" + name + "</extra>",
        )
    figure.add_vline(x=float(spending), line={"color": "#6b7280", "dash": "dot", "width": 1})
    return _layout(figure, t("chart.region_cash"), t("chart.spending"), height=440)


def what_if_gains(names: Sequence[str], gains: Sequence[Decimal]) -> go.Figure:
    """Who gains and who loses under a what-if policy: one horizontal bar per person, green for a gain
    (less cash minus balance than under the base policy), orange for a loss."""
    colours = [AFTER_COLOUR if gain > 0 else ("#c2410c" if gain < 0 else BEFORE_COLOUR) for gain in gains]
    figure = go.Figure(
        go.Bar(
            x=_floats(gains),
            y=list(names),
            orientation="h",
            marker_color=colours,
            text=[signed_yuan(gain) for gain in gains],
            textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    figure.update_yaxes(autorange="reversed")
    _layout(figure, t("chart.what_if_gains"), height=120 + 42 * len(names))
    figure.update_layout(yaxis={"tickprefix": "", "title": {"text": ""}, "tickformat": ""})
    figure.update_xaxes(tickprefix="¥", tickformat=",.0f", zeroline=True, zerolinecolor="#6b7280")
    return figure
