"""Plotly figures that describe themselves: on screen and in every exported PNG.

Every chart goes through :func:`figure`, which writes the same title block on all of them — what the chart
shows and for whom (a case, or the simulated population), the policies with their effective dates, the
document they come from (as a citizen looks it up), and the notes that apply (simulated population,
the changed parameters of a what-if) — and axis titles with their units. The title block starts below
the chart's toolbar, so on a 390 px phone no title sits under the toolbar icons, and its lines are
wrapped for that width.

Money on axes, bars and hover reads exactly like the tables and the text: ``¥1,400`` / ``-¥1,400`` /
``+¥12.00`` (:func:`calculator.money.format_yuan`), so axis ticks are written here rather than left to
plotly (which would print ``¥−1,400``). An axis whose values are all zero gets a readable span.

Figures are built from plain dicts in one piece, not from chains of ``update_layout`` / ``add_*`` calls
(that property-path parsing was most of the cost of a page rerun's charts, see ``benchmarks/charts.py``),
and handed to Streamlit as a :class:`~dashboard.lazy_figure.LazyFigure`, which plotly validates only when
something looks inside it. Figures only draw numbers the engine produced; they never compute one.

Each chart also keeps the table it was drawn from (:class:`ChartData`, read with :func:`data_of`): the
rows the page's CSV download writes, with money as the engine's ``Decimal`` where the figure draws its
float. The figure's traces and the download come from the same lists, so they cannot disagree.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import plotly.graph_objects as go

from calculator.money import format_rounded_yuan, format_yuan
from calculator.policy_model import Policy
from calculator.registry import default_registry
from calculator.settlement import YearResult

from .formatting import signed_yuan, yuan
from .i18n import lang, t
from .lazy_figure import LazyFigure

FONT = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
BEFORE_COLOUR = "#9aa5b1"
AFTER_COLOUR = "#0b6e4f"
GAIN_COLOUR = "#0b6e4f"
LOSS_COLOUR = "#c2410c"
REGION_COLOURS = ("#0b6e4f", "#c2410c", "#1d4ed8", "#7c3aed", "#a16207", "#be185d", "#0e7490", "#4b5563")
REGION_DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot", "solid", "dash")
FLOW_FIELDS = ("account_credit", "reimbursed_total", "account_paid", "cash_paid", "closing_balance")

TITLE_SIZE = 15
NOTE_SIZE = 11
TOOLBAR_PX = 30  # the modebar's height (26 px from 2 px down): the title block starts below it
TITLE_OFFSET_PX = 47  # where the title's anchor goes so its first line's top clears the toolbar (measured)
TITLE_LINE_PX = 21
NOTE_LINE_PX = 20  # plotly spaces every title line by the title's font size, whatever a span says
# Wrap widths in "units" (a CJK character is two, anything else one), for a 390 px phone's chart width.
TITLE_UNITS = 44
NOTE_UNITS = 58
LEGEND_ROW_PX = 24
LEGEND_UNITS = 52

# The one template every figure starts from (merged by hand: plain dicts, no property-path parsing).
_BASE_LAYOUT: dict = {
    "font": {"family": FONT, "size": 12},
    "hoverlabel": {"font": {"family": FONT}},
    "separators": ".,",
    "showlegend": True,
    "plot_bgcolor": "#f8fafc",
    "paper_bgcolor": "white",
}


def chart_config(filename: str) -> dict:
    """The modebar: PNG download (2× scale, a fixed width so a phone's export is as legible as a
    desktop's) kept, selection tools and the logo removed."""
    return {
        "displaylogo": False,
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2, "width": 960},
        "modeBarButtonsToRemove": ["lasso2d", "select2d", "autoScale2d"],
    }


@dataclass(frozen=True)
class ChartData:
    """The numbers a chart draws, as its download writes them: one dict per row (column label → value;
    money as ``Decimal``, counts as ``int``, shares as the ``float`` drawn), ``units`` for the columns that
    are not money, ``notes`` the marks drawn as lines or left out of the plot, as (label, value) lines."""

    rows: list[dict[str, object]]
    units: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[str, object]] = field(default_factory=list)


def with_data(figure: go.Figure, data: ChartData) -> go.Figure:
    """``figure`` carrying the table it was drawn from (see :func:`data_of`)."""
    figure._chart_data = data
    return figure


def data_of(figure: go.Figure) -> ChartData:
    """The table a chart of this module (or :mod:`dashboard.ledger_chart`) was drawn from."""
    data = getattr(figure, "_chart_data", None)
    if data is None:
        raise ValueError("this figure was not drawn by dashboard.charts: it has no table behind it")
    return data


# -- words: policies, dates, sources ----------------------------------------------------------------


def _units(text: str) -> int:
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def wrap(text: str, units: int) -> list[str]:
    """``text`` broken into lines of at most ``units`` (CJK characters count two), at spaces where the
    text has them, else anywhere: plotly never wraps a title itself."""
    lines: list[str] = []
    line = ""
    for word in _pieces(text):
        if line and _units(line + word) > units:
            lines.append(line.rstrip())
            line = word.lstrip()
        else:
            line += word
    if line.strip():
        lines.append(line.rstrip())
    return lines


_CLOSING = set("）」』》〉】，。、；：！？)]},.;:!?")
_OPENING = set("（「『《〈【([{")


def _pieces(text: str) -> list[str]:
    """Latin words (with their trailing space) stay whole; CJK characters break anywhere, except that a
    closing mark stays with what precedes it and an opening mark with what follows (no line starts
    with "）" or ends with "（")."""
    pieces: list[str] = []
    word = ""
    for char in text:
        if char in _CLOSING and not word and pieces:
            pieces[-1] += char
        elif ord(char) > 0x2E7F:
            if word and word[-1] not in _OPENING:
                pieces.append(word)
                word = ""
            if char in _OPENING:
                word += char
            else:
                pieces.append(word + char)
                word = ""
        else:
            word += char
            if char == " ":
                pieces.append(word)
                word = ""
    if word:
        pieces.append(word)
    return pieces


def _date(value: date) -> str:
    return value.isoformat()


def policy_label(policy: Policy) -> str:
    """The policy's title with its effective dates, from the policy file: ``… (from 2024-01-01)``."""
    code = lang()
    title = policy.title.in_lang(code)
    # a title that already names its dates ("…（2024年1月1日起）") is not given them twice
    start, end = (
        None if day is None or str(day.year) in title else day for day in (policy.effective_from, policy.effective_to)
    )
    if start and end:
        dates = t("chart.dates_between", start=_date(start), end=_date(end))
    elif start:
        dates = t("chart.dates_from", start=_date(start))
    elif end:
        dates = t("chart.dates_to", end=_date(end))
    else:
        return title
    return f"{title}{dates}"


_MAIN_DOCUMENT: dict[str, str | None] = {}


def _main_document(policy: Policy) -> str | None:
    """The key of the document a policy's parameters cite most (secondary sources left out)."""
    if policy.id not in _MAIN_DOCUMENT:
        documents = default_registry().documents
        counts: Counter[str] = Counter()

        def walk(node: object) -> None:
            if isinstance(node, dict):
                doc = node.get("doc")
                if isinstance(doc, str) and doc in documents and not documents[doc].secondary:
                    counts[doc] += 1
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(policy.model_dump())
        _MAIN_DOCUMENT[policy.id] = counts.most_common(1)[0][0] if counts else None
    return _MAIN_DOCUMENT[policy.id]


def source_line(policies: Sequence[Policy]) -> str | None:
    """``来源：重庆市…实施细则（医保发〔2023〕32号）`` — each policy's main document, by its title."""
    documents = default_registry().documents
    titles: list[str] = []
    for policy in policies:
        key = _main_document(policy)
        if key is None:
            continue
        title = documents[key].title.in_lang(lang())
        if title not in titles:
            titles.append(title)
    if not titles:
        return None
    return t("chart.source", documents=t("chart.list_sep").join(titles))


def pair_line(before: Policy | None, after: Policy | None) -> str | None:
    """``改革前：…（至2023-12-31）→ 改革后：…（2024-01-01起）``, or the one side there is."""
    if before is not None and after is not None:
        return t("chart.pair", before=policy_label(before), after=policy_label(after))
    if after is not None:
        return t("chart.after_policy", after=policy_label(after))
    if before is not None:
        return t("chart.before_policy", before=policy_label(before))
    return None


def person_label(status: str, age: int, spending: Decimal) -> str:
    """A case in a few words for a title: ``退休·62岁·全年门诊 ¥2,800.00``."""
    return t("chart.person", status=t(f"status.{status}"), age=age, spending=yuan(spending))


# -- axes ---------------------------------------------------------------------------------------------


def _nice_step(span: float, count: int) -> float:
    raw = span / count
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(factor * power, 1.0)
    return max(10 * power, 1.0)


def money_axis(
    values: Sequence[float | None], *, symmetric: bool = False, count: int = 5, rounded: bool = False
) -> dict:
    """Ticks for an axis in yuan, written like every other amount (``-¥1,400``), always including 0.

    All-zero (or empty) values get a span of ±¥10 (or ¥0–¥10), never ``¥-1 ¥-1 ¥0 ¥1 ¥1``. ``rounded``
    writes simulated aggregates in the page's rounded unit (万元 / ¥ thousand).
    """
    present = [value for value in values if value is not None and math.isfinite(value)]
    low = min([0.0, *present])
    high = max([0.0, *present])
    if symmetric:
        bound = max(abs(low), abs(high))
        low, high = (-bound, bound) if bound else (-10.0, 10.0)
    elif high == low:
        high = 10.0
    step = _nice_step(high - low, count)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    ticks = [first + index * step for index in range(round((last - first) / step) + 1)]
    return {
        "tickvals": ticks,
        "ticktext": [
            format_rounded_yuan(Decimal(round(tick)), lang())
            if rounded
            else format_yuan(Decimal(round(tick)), whole=True)
            for tick in ticks
        ],
        "range": [first, last],
        "zeroline": True,
        "zerolinecolor": "#6b7280",
        "gridcolor": "#e5e7eb",
    }


def axis(title: str, **extra: object) -> dict:
    """An axis with its title (which carries the unit) and a little room around it."""
    return {"title": {"text": title, "standoff": 8}, "automargin": True, "gridcolor": "#e5e7eb", **extra}


# -- the one figure builder ---------------------------------------------------------------------------


def figure(
    data: list[dict],
    *,
    title: str,
    lines: Sequence[str | None] = (),
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    height: int = 420,
    legend_items: Sequence[str] = (),
    right: int = 14,
    layout: dict | None = None,
) -> go.Figure:
    """A figure whose title block says what it shows (``title`` in bold, then ``lines``: policies and
    dates, source, notes), starting below the toolbar; the legend under the plot, with room for it."""
    title_lines = wrap(title, TITLE_UNITS)
    note_lines = [wrapped for line in lines if line for part in line.split("\n") for wrapped in wrap(part, NOTE_UNITS)]
    text = "<br>".join(f"<b>{line}</b>" for line in title_lines)
    if note_lines:
        text += "<br>" + "<br>".join(
            f"<span style='font-size:{NOTE_SIZE}px;color:#4b5563'>{line}</span>" for line in note_lines
        )
    top = TITLE_OFFSET_PX - 12 + TITLE_LINE_PX * len(title_lines) + NOTE_LINE_PX * len(note_lines) + 20
    legend_rows = _legend_rows(legend_items)
    bottom = 16 + LEGEND_ROW_PX * legend_rows
    total = height + top + bottom
    full = {
        **_BASE_LAYOUT,
        "title": {
            "text": text,
            "font": {"size": TITLE_SIZE, "family": FONT},
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            # in pixels below the top edge: the toolbar's row stays free (plotly ignores a top pad here)
            "y": 1 - TITLE_OFFSET_PX / total,
            "yref": "container",
            "yanchor": "top",
            "pad": {"l": 8},
        },
        "height": total,
        "margin": {"l": 10, "r": right, "t": top, "b": bottom, "autoexpand": True},
        "legend": {
            "orientation": "h",
            "x": 0,
            "xref": "container",
            "xanchor": "left",
            "y": 0,
            "yref": "container",
            "yanchor": "bottom",
            "font": {"size": 12},
            "traceorder": "normal",
        },
        "xaxis": xaxis or {},
        "yaxis": yaxis or {},
        **(layout or {}),
    }
    return LazyFigure({"data": data, "layout": full})


def _legend_rows(items: Sequence[str]) -> int:
    """How many rows a horizontal legend takes on a phone (each entry: its text and the symbol)."""
    rows, used = 0, LEGEND_UNITS
    for item in items:
        lines = item.split("<br>")
        width = max(_units(line) for line in lines) + 8
        if used + width > LEGEND_UNITS or len(lines) > 1:
            rows += len(lines)
            used = LEGEND_UNITS if len(lines) > 1 else 0
        used += width
    return rows


def _floats(values: Sequence[Decimal | None]) -> list[float | None]:
    return [None if value is None else float(value) for value in values]


def _side_policies(results: Mapping[str, YearResult]) -> tuple[Policy | None, Policy | None]:
    before = results["before"].policy if "before" in results else None
    after = results["after"].policy if "after" in results else None
    return before, after


# -- the charts ---------------------------------------------------------------------------------------


def money_flow(results: Mapping[str, YearResult], *, case: str | None = None) -> go.Figure:
    """Horizontal grouped bars of the year's money flow (readable on a phone): one group per output,
    one bar per side. When the source gives only the reformed year, the title says so."""
    sides = [side for side in ("before", "after") if side in results]
    fields = FLOW_FIELDS
    if any(results[side].family_paid for side in sides):  # the account's money for relatives, where it went
        at = FLOW_FIELDS.index("account_paid") + 1
        fields = (*FLOW_FIELDS[:at], "family_paid", *FLOW_FIELDS[at:])
    labels = [t(f"field.{name}") for name in fields]
    data: list[dict] = []
    amounts_all: list[float | None] = []
    rows: list[dict[str, object]] = [{t("csv.item"): label} for label in labels]
    for side, colour in (("before", BEFORE_COLOUR), ("after", AFTER_COLOUR)):
        if side not in results:
            continue
        amounts = [getattr(results[side], name) for name in fields]
        for row, amount in zip(rows, amounts, strict=True):
            row[t(f"chart.{side}")] = amount
        amounts_all += _floats(amounts)
        data.append(
            {
                "type": "bar",
                "name": t(f"chart.{side}"),
                "y": labels,
                "x": _floats(amounts),
                "orientation": "h",
                "marker": {"color": colour},
                "text": [yuan(amount) for amount in amounts],
                "textposition": "outside",
                "cliponaxis": False,
                "hovertemplate": "%{y}: %{text}<extra>" + t(f"chart.{side}") + "</extra>",
            }
        )
    before, after = _side_policies(results)
    key = f"chart.flow_{sides[0]}_only" if len(sides) == 1 else "chart.flow_title"
    used = [policy for policy in (before, after) if policy is not None]
    chart = figure(
        data,
        title=t(key, case=case or t("chart.your_case")),
        lines=(pair_line(before, after), source_line(used)),
        xaxis=axis(t("chart.amount"), **money_axis(amounts_all)),
        yaxis={"autorange": "reversed", "automargin": True},
        height=380,
        legend_items=[t(f"chart.{side}") for side in sides],
        right=70,
        layout={"barmode": "group", "bargap": 0.25},
    )
    return with_data(chart, ChartData(rows))


def _vline(x: float, colour: str, dash: str, width: float) -> dict:
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": colour, "dash": dash, "width": width},
    }


def spending_sweep(
    sweep,
    spending: Decimal,
    you_cash: Mapping[str, Decimal],
    you_balance: Mapping[str, Decimal],
    *,
    case: str | None = None,
    policies: tuple[Policy, Policy] | None = None,
) -> go.Figure:
    """Cash and year-end balance against annual spending, before and after; the person and the
    break-even spending marked."""
    x = _floats(sweep.spendings)
    lines = (
        ("chart.cash_before", sweep.cash_before, BEFORE_COLOUR, "solid"),
        ("chart.cash_after", sweep.cash_after, AFTER_COLOUR, "solid"),
        ("chart.balance_before", sweep.balance_before, BEFORE_COLOUR, "dot"),
        ("chart.balance_after", sweep.balance_after, AFTER_COLOUR, "dot"),
    )
    data: list[dict] = []
    values: list[float | None] = []
    mark, spending_column = t("csv.mark"), t("csv.spending")
    rows: list[dict[str, object]] = [{mark: "", spending_column: point} for point in sweep.spendings]
    for key, series, colour, dash in lines:
        name = t(key)  # once per line, not once per point
        for row, amount in zip(rows, series, strict=True):
            row[name] = amount
        y = _floats(series)
        values += y
        data.append(
            {
                "type": "scatter",
                "x": x,
                "y": y,
                "name": t(key),
                "mode": "lines",
                "line": {"color": colour, "dash": dash, "width": 2.5},
                "text": [yuan(amount) for amount in series],
                "hovertemplate": "%{x:,.0f} → %{text}<extra>" + t(key) + "</extra>",
            }
        )
    marks = [you_cash["before"], you_cash["after"], you_balance["before"], you_balance["after"]]
    you = {t(key): amount for (key, *_), amount in zip(lines, marks, strict=True)}
    rows.append({mark: t("chart.you"), spending_column: spending, **you})
    data.append(
        {
            "type": "scatter",
            "x": [float(spending)] * 4,
            "y": _floats(marks),
            "name": t("chart.you"),
            "mode": "markers",
            "marker": {"size": 11, "color": LOSS_COLOUR, "symbol": "diamond", "line": {"width": 1, "color": "white"}},
            "text": [f"{t(key)}: {yuan(amount)}" for (key, *_), amount in zip(lines, marks, strict=True)],
            "hovertemplate": "%{text}<extra>" + t("chart.you") + "</extra>",
        }
    )
    shapes, annotations = [], []
    if sweep.break_even is not None:
        shapes.append(_vline(float(sweep.break_even), LOSS_COLOUR, "dash", 1.5))
        annotations.append(
            {
                "x": float(sweep.break_even),
                "xref": "x",
                "y": 1,
                "yref": "paper",
                "text": t("chart.break_even", amount=yuan(sweep.break_even)),
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
                "font": {"family": FONT, "color": LOSS_COLOUR},
            }
        )
    before, after = policies if policies else (None, None)
    chart = figure(
        data,
        title=t("chart.sweep_title", case=case or t("chart.your_case")),
        lines=(pair_line(before, after), source_line([p for p in (before, after) if p is not None])),
        xaxis=axis(t("chart.spending"), **money_axis([0.0, float(sweep.high)])),
        yaxis=axis(t("chart.amount"), **money_axis(values)),
        height=400,
        legend_items=[t(key) for key, *_ in lines] + [t("chart.you")],
        layout={"shapes": shapes, "annotations": annotations},
    )
    notes = [] if sweep.break_even is None else [(t("csv.break_even"), sweep.break_even)]
    return with_data(chart, ChartData(rows, notes=notes))


def region_cash(
    curves: Sequence[tuple[str, Sequence[Decimal], Sequence[Decimal | None]]],
    spending: Decimal,
    *,
    case: str | None = None,
    policies: Sequence[Policy] = (),
    missing: Sequence[str] = (),
) -> go.Figure:
    """Cash out of pocket against annual spending, one line per policy that could be computed.

    The legend lists only what is drawn; a policy without any value is named under the title with why
    (``missing`` carries the page's reasons). A line lying exactly on an earlier one is drawn dashed over
    it, the earlier one wider beneath, and its legend entry says "same as …".
    """
    data: list[dict] = []
    drawn: list[tuple[str, list[float | None]]] = []
    not_drawn = list(missing)
    values: list[float | None] = []
    drawn_policies: list[Policy] = []
    spending_column = t("csv.spending")
    rows: dict[Decimal, dict[str, object]] = {}
    for index, (name, spendings, cash) in enumerate(curves):
        y = _floats(cash)
        if all(value is None for value in y):
            if not any(line.startswith(name) for line in not_drawn):
                not_drawn.append(t("chart.no_values", policy=name))
            continue
        twin = next((position for position, (_, other) in enumerate(drawn) if other == y), None)
        label = name if twin is None else t("chart.same_as", name=name, other=drawn[twin][0])
        label = "<br>".join(wrap(label, LEGEND_UNITS - 12))  # plotly never wraps a legend entry itself
        dash = REGION_DASHES[len(drawn) % len(REGION_DASHES)] if twin is None else "dash"
        if twin is not None:
            data[twin]["line"]["width"] = 6
        values += y
        drawn.append((name, y))
        for point, amount in zip(spendings, cash, strict=True):
            rows.setdefault(point, {spending_column: point})[name] = amount
        drawn_policies += [policy for policy in policies if policy_label(policy) == name]
        data.append(
            {
                "type": "scatter",
                "x": _floats(spendings),
                "y": y,
                "name": label,
                "mode": "lines",
                "line": {"color": REGION_COLOURS[index % len(REGION_COLOURS)], "width": 2.5, "dash": dash},
                "text": [yuan(amount) for amount in cash],
                "hovertemplate": "%{x:,.0f} → %{text}<extra>" + name + "</extra>",
            }
        )
    spendings_all = [float(point) for _, points, _ in curves for point in points]
    notes = [t("chart.not_drawn", items=t("chart.list_sep").join(not_drawn))] if not_drawn else []
    chart = figure(
        data,
        title=t("chart.region_cash_title", case=case or t("chart.your_case")),
        lines=(source_line(drawn_policies or policies), *notes),
        xaxis=axis(t("chart.spending"), **money_axis(spendings_all)),
        yaxis=axis(t("chart.cash_axis"), **money_axis(values)),
        height=400,
        legend_items=[entry["name"] for entry in data],
        layout={"shapes": [_vline(float(spending), "#6b7280", "dot", 1)]},
    )
    marks = [(t("csv.your_spending"), spending)] + [(t("csv.not_drawn"), item) for item in not_drawn]
    return with_data(chart, ChartData(list(rows.values()), notes=marks))


def what_if_gains(
    names: Sequence[str],
    gains: Sequence[Decimal],
    *,
    policies: tuple[Policy, Policy] | None = None,
    changes: Sequence[str] | None = None,
) -> go.Figure:
    """Who gains and who loses under a what-if policy: one horizontal bar per person, green for a gain
    (less cash minus balance than under the base policy), orange for a loss. ``changes`` are the changed
    parameters in plain words, as the page lists them."""
    colours = [GAIN_COLOUR if gain > 0 else (LOSS_COLOUR if gain < 0 else BEFORE_COLOUR) for gain in gains]
    data = [
        {
            "type": "bar",
            "x": _floats(gains),
            "y": list(names),
            "orientation": "h",
            "marker": {"color": colours},
            "name": t("chart.gain_legend"),
            "text": [signed_yuan(gain) for gain in gains],
            "textposition": "auto",
            "hovertemplate": "%{y}: %{text}<extra></extra>",
        }
    ]
    base = policies[0] if policies else None
    changed = t("chart.changed", items=t("chart.list_sep").join(changes)) if changes else t("chart.nothing_changed")
    chart = figure(
        data,
        title=t("chart.what_if_gains"),
        lines=(
            t("chart.what_if_base", base=policy_label(base)) if base is not None else None,
            changed,
            source_line([base] if base is not None else []),
        ),
        xaxis=axis(t("chart.gain_axis"), **money_axis(_floats(gains), symmetric=True)),
        yaxis={"autorange": "reversed", "automargin": True},
        height=80 + 42 * len(names),
        legend_items=[t("chart.gain_legend")],
        layout={"showlegend": False},
    )
    rows = [{t("csv.who"): name, t("csv.gain"): gain} for name, gain in zip(names, gains, strict=True)]
    return with_data(chart, ChartData(rows, notes=[(t("csv.what_if"), changed)]))


# -- the simulated population -------------------------------------------------------------------------

OUTCOME_COLOURS = {"gainers": GAIN_COLOUR, "losers": LOSS_COLOUR, "unchanged": BEFORE_COLOUR}


def _population_lines(policies: tuple[Policy, Policy], *extra: str | None) -> tuple[str | None, ...]:
    before, after = policies
    return (pair_line(before, after), source_line([before, after]), t("chart.simulated"), *extra)


def outcome_shares(
    groups: Sequence[str],
    shares: Mapping[str, Sequence[float]],
    counts: Mapping[str, Sequence[int]],
    *,
    breakdown: str,
    measure: str,
    policies: tuple[Policy, Policy],
) -> go.Figure:
    """Stacked shares of better off / worse off / unchanged per group of one breakdown, under one
    measure (named in the title). ``shares`` and ``counts`` are keyed by outcome."""
    data = [
        {
            "type": "bar",
            "x": list(groups),
            "y": list(shares[outcome]),
            "name": t(f"pop.{outcome}"),
            "marker": {"color": OUTCOME_COLOURS[outcome]},
            "customdata": list(counts[outcome]),
            "hovertemplate": "%{x}: %{y:.1%} (%{customdata:,})<extra>" + t(f"pop.{outcome}") + "</extra>",
        }
        for outcome in ("gainers", "losers", "unchanged")
    ]
    rows: list[dict[str, object]] = [{breakdown: group} for group in groups]
    units: dict[str, str] = {}
    for outcome in ("gainers", "losers", "unchanged"):
        persons, share = t(f"pop.{outcome}"), t("csv.share_of", outcome=t(f"pop.{outcome}"))
        units |= {persons: "persons", share: "share"}
        for row, count, part in zip(rows, counts[outcome], shares[outcome], strict=True):
            row[persons], row[share] = count, part
    chart = figure(
        data,
        title=t("chart.outcome_title", breakdown=breakdown, measure=measure),
        lines=_population_lines(policies),
        xaxis=axis(breakdown, type="category"),
        yaxis=axis(t("chart.share_axis"), tickformat=".0%", range=[0, 1]),
        height=320,
        legend_items=[t(f"pop.{outcome}") for outcome in ("gainers", "losers", "unchanged")],
        layout={"barmode": "stack"},
    )
    return with_data(chart, ChartData(rows, units=units, notes=[(t("pop.measure"), measure)]))


def labelled_bars(
    labels: Sequence[str], values: list[float], texts: Sequence[str], name: str, colours: list[str]
) -> dict:
    """One bar per money item, its amount written above it as the page prints it (``texts``)."""
    return {
        "type": "bar",
        "x": list(labels),
        "y": values,
        "name": name,
        "marker": {"color": colours},
        "text": list(texts),
        "textposition": "outside",
        "textangle": 0,
        "cliponaxis": False,
        "hovertemplate": "%{x}: %{text}<extra></extra>",
    }


def population_flow(
    labels: Sequence[str],
    amounts: Sequence[Decimal],
    texts: Sequence[str],
    *,
    basis: str,
    policies: tuple[Policy, Policy],
) -> go.Figure:
    """The money moved, one bar per flow, for ``basis`` (e.g. per 10,000 insured); ``texts`` are the
    rounded amounts the page prints (the exact ones are in its download)."""
    data = [labelled_bars(labels, _floats(amounts), texts, basis, [LOSS_COLOUR, GAIN_COLOUR, "#1d4ed8"][: len(labels)])]
    chart = figure(
        data,
        title=t("chart.flow_pop_title", basis=basis),
        lines=_population_lines(policies),
        xaxis=axis(t("chart.flow_axis"), type="category"),
        yaxis=axis(t("chart.amount_rounded"), **money_axis(_floats(amounts), rounded=True)),
        height=320,
        legend_items=[basis],
        layout={"showlegend": False},
    )
    rows = [
        {t("csv.item"): label, basis: Decimal(str(amount)), t("csv.shown"): text}
        for label, amount, text in zip(labels, amounts, texts, strict=True)
    ]
    return with_data(chart, ChartData(rows))


def _log_ticks(counts: Sequence[int]) -> dict:
    """Ticks 1, 2, 5, 10, 20, 50 … up to the largest count: plotly's own log ticks label every digit
    between powers of ten, and 6,000 to 9,000 then print over each other."""
    top = max([count for count in counts if count] or [1])
    values = [step * 10**power for power in range(len(str(top)) + 1) for step in (1, 2, 5)]
    values = [value for value in values if value <= top * 2]
    return {"tickvals": values, "ticktext": [f"{value:,}" for value in values]}


def change_histogram(
    bins: Sequence[Mapping], *, measure: str, change_axis: str, policies: tuple[Policy, Policy]
) -> go.Figure:
    """Persons per band of change under one measure; counts on a log scale (marked on the axis)."""
    data = [
        {
            "type": "bar",
            "x": [entry["label"] for entry in bins],
            "y": [entry["persons"] or None for entry in bins],
            "name": t("pop.persons"),
            "marker": {"color": AFTER_COLOUR},
            "customdata": [entry["persons"] for entry in bins],
            "hovertemplate": "%{x}: %{customdata:,}<extra></extra>",
        }
    ]
    chart = figure(
        data,
        title=t("chart.histogram_title", measure=measure),
        lines=_population_lines(policies),
        xaxis=axis(change_axis, type="category"),
        yaxis=axis(t("chart.persons_log"), type="log", **_log_ticks([entry["persons"] for entry in bins])),
        height=340,
        legend_items=[t("pop.persons")],
        layout={"showlegend": False},
    )
    rows = [{change_axis: entry["label"], t("pop.persons"): entry["persons"]} for entry in bins]
    return with_data(chart, ChartData(rows, units={t("pop.persons"): "persons"}))
