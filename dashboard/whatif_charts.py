"""The sandbox's population charts: what a what-if changes, the fund balance, the cash-change distributions.

Built with the shared chart helper (:func:`dashboard.charts.figure`, plain dicts, the same title block,
axes and money ticks as every other chart); kept in their own module so the sandbox's population block
does not crowd :mod:`dashboard.charts`. Figures only draw numbers the engine produced.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

import plotly.graph_objects as go

from calculator.money import format_rounded_yuan
from calculator.policy_model import Policy

from .charts import (
    AFTER_COLOUR,
    BEFORE_COLOUR,
    GAIN_COLOUR,
    LOSS_COLOUR,
    ChartData,
    _floats,
    _population_lines,
    axis,
    figure,
    labelled_bars,
    money_axis,
    with_data,
)
from .i18n import lang, t


def _inside_sentence(words: str) -> str:
    """A label that stands alone as a column or legend ("Per 10,000 insured") written inside a sentence: in
    English its first letter in lower case, unless the first word is an abbreviation ("GDP"); Chinese as is."""
    if lang() != "en" or len(words) < 2 or words[1].isupper():
        return words
    return words[0].lower() + words[1:]


def _what_if_lines(pre_reform: Policy, what_if: Policy, changes: str | None) -> tuple[str | None, ...]:
    return _population_lines((pre_reform, what_if), t("chart.changed", items=changes) if changes else None)


def what_if_changes(
    labels: Sequence[str],
    amounts: Sequence[Decimal],
    *,
    basis: str,
    policies: tuple[Policy, Policy],
    changes: str | None = None,
) -> go.Figure:
    """One bar per money item: what-if − unchanged policy, for ``basis`` (e.g. per 10,000 insured)."""
    values = _floats(amounts)
    texts = [("+" if amount > 0 else "") + format_rounded_yuan(amount, lang()) for amount in amounts]
    colours = [GAIN_COLOUR if v > 0 else LOSS_COLOUR if v < 0 else BEFORE_COLOUR for v in values]
    data = [labelled_bars(labels, values, texts, basis, colours)]
    chart = figure(
        data,
        title=t("sbpop.chart.money_title", basis=_inside_sentence(basis)),
        lines=_what_if_lines(policies[0], policies[1], changes),
        xaxis=axis(t("chart.flow_axis"), type="category"),
        yaxis=axis(t("chart.amount_rounded"), **money_axis(values, symmetric=True, rounded=True)),
        height=320,
        legend_items=[basis],
        layout={"showlegend": False},
    )
    rows = [{t("csv.item"): label, basis: amount} for label, amount in zip(labels, amounts, strict=True)]
    return with_data(chart, ChartData(rows))


def fund_balance(
    labels: Sequence[str],
    series: Mapping[str, Sequence[Decimal]],
    *,
    policies: tuple[Policy, Policy],
    changes: str | None = None,
) -> go.Figure:
    """Credits removed, pooled payments added and the net, per 10,000 insured, one bar group per item and
    one colour per policy (the unchanged policy and the what-if, each against pre-reform)."""
    colours = (BEFORE_COLOUR, AFTER_COLOUR)
    data = []
    for (name, amounts), colour in zip(series.items(), colours, strict=False):
        data.append(
            {
                "type": "bar",
                "x": list(labels),
                "y": _floats(amounts),
                "name": name,
                "marker": {"color": colour},
                "text": [format_rounded_yuan(amount, lang()) for amount in amounts],
                "textposition": "outside",
                "textangle": 0,
                "cliponaxis": False,
                "hovertemplate": "%{x}: %{text}<extra>" + name + "</extra>",
            }
        )
    every = [value for amounts in series.values() for value in _floats(amounts)]
    chart = figure(
        data,
        title=t("sbpop.chart.fund_title"),
        lines=_what_if_lines(policies[0], policies[1], changes),
        xaxis=axis(t("chart.flow_axis"), type="category"),
        yaxis=axis(t("chart.amount_rounded"), **money_axis(every, rounded=True)),
        height=340,
        legend_items=list(series),
        layout={"barmode": "group"},
    )
    rows = [
        {t("csv.item"): label, **{name: amounts[index] for name, amounts in series.items()}}
        for index, label in enumerate(labels)
    ]
    return with_data(chart, ChartData(rows))


def cash_change_side_by_side(
    series: Mapping[str, Sequence[Mapping]],
    *,
    policies: tuple[Policy, Policy],
    changes: str | None = None,
) -> go.Figure:
    """Persons per band of change in cash outlay against pre-reform, the unchanged policy's bars beside the
    what-if's; counts on a log scale (marked on the axis)."""
    colours = (BEFORE_COLOUR, AFTER_COLOUR)
    data = [
        {
            "type": "bar",
            "x": [entry["label"] for entry in bins],
            "y": [entry["persons"] or None for entry in bins],
            "name": name,
            "marker": {"color": colour},
            "customdata": [entry["persons"] for entry in bins],
            "hovertemplate": "%{x}: %{customdata:,}<extra>" + name + "</extra>",
        }
        for (name, bins), colour in zip(series.items(), colours, strict=False)
    ]
    chart = figure(
        data,
        title=t("sbpop.chart.hist_title"),
        lines=_what_if_lines(policies[0], policies[1], changes),
        xaxis=axis(t("pop.change_axis.cash"), type="category"),
        yaxis=axis(t("chart.persons_log"), type="log", tickformat=","),
        height=340,
        legend_items=list(series),
        layout={"barmode": "group"},
    )
    axis_name = t("pop.change_axis.cash")
    labels = [entry["label"] for entry in next(iter(series.values()))]
    rows = [
        {axis_name: label, **{name: bins[index]["persons"] for name, bins in series.items()}}
        for index, label in enumerate(labels)
    ]
    return with_data(chart, ChartData(rows, units=dict.fromkeys(series, "persons")))
