"""The one CSV writer behind every download: the numbers a chart draws or a table shows, as a file.

Every page's downloads go through :func:`csv_button` (bytes from :func:`csv_bytes`), so every file is
written the same way:

- UTF-8 with a byte-order mark, so Chinese Excel opens it without garbling;
- a header block first — what the file is, the policies (id and title with dates), the inputs, the marks
  a chart draws as lines (the break-even spending, a year), the date it was made and the disclaimer —
  then one empty line, then the table;
- column names carrying their unit (``现金自付（元）`` / ``Cash out of pocket (yuan)``): a column of
  ``Decimal`` values is money and is named in yuan; others say their unit in ``units``;
- money as the engine's ``Decimal`` written to the fen (``1234.50``, never a float and never ``¥1,234.50``),
  counts as integers, shares as the float the chart draws;
- every text cell made inert for spreadsheets (:func:`calculator.spreadsheet.inert`, shared with the
  ``batch`` command), so a name typed as ``=HYPERLINK(…)`` is shown as text, never run.

A chart's file is built from :func:`dashboard.charts.data_of` — the table the figure was drawn from — so the
file and the picture cannot disagree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial

import pandas as pd

from calculator.comparison import defaults_used
from calculator.errors import field_label
from calculator.money import fen
from calculator.policy_model import Policy
from calculator.scenario import Scenario
from calculator.spreadsheet import inert

from .charts import ChartData, data_of, policy_label
from .i18n import lang, speaking, t

BOM = "\ufeff"
BEIJING = dt.timezone(dt.timedelta(hours=8))  # the date a resident reads on their own clock
_FILE_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')

HeaderLines = Sequence[tuple[str, object]]
Table = ChartData | pd.DataFrame | Sequence[Mapping[str, object]]
TableSource = Table | Callable[[], Table]  # a table, or a function that makes it when the file is written


# -- cells and column names -----------------------------------------------------------------------------


def cell(value: object, yes_no: tuple[str, str] | None = None) -> str:
    """One value as the file writes it: money to the fen, whole numbers as they are, text made inert;
    ``yes_no`` the words for True and False (the page's language, when written outside the page's run)."""
    if hasattr(value, "item") and not isinstance(value, str | Decimal):
        value = value.item()  # a pandas cell (numpy bool, integer or float) as the Python value it holds
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        yes, no = yes_no or (t("csv.yes"), t("csv.no"))
        return yes if value else no
    if isinstance(value, Decimal):
        return f"{fen(value):.2f}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)  # the float a chart draws, exactly (read back, it is the same number)
    return inert(str(value))


def with_unit(label: str, unit: str) -> str:
    """``现金自付（元）`` / ``Cash out of pocket (yuan)``."""
    word = t(f"csv.unit.{unit}")
    return f"{label} ({word})" if lang() == "en" else f"{label}（{word}）"


def _money(values: Iterable[object]) -> bool:
    present = [value for value in values if value is not None and value != ""]
    return bool(present) and all(isinstance(value, Decimal) for value in present)


# -- the header block ----------------------------------------------------------------------------------


def policy_lines(policies: Mapping[str, Policy | None] | Sequence[Policy]) -> list[tuple[str, object]]:
    """One line per policy: its role (``改革前政策``) or ``政策``, its id, its title with its dates."""
    if isinstance(policies, Mapping):
        named = [(t(f"csv.policy_{role}"), policy) for role, policy in policies.items() if policy is not None]
    else:
        named = [(t("csv.policy"), policy) for policy in policies]
    return [(label, (policy.id, policy_label(policy))) for label, policy in named]


def person_lines(scenario: Scenario, region: str | None = None) -> list[tuple[str, object]]:
    """The person's inputs as the form names them, each given value once (money in yuan, to the fen)."""
    code = lang()

    def label(name: str) -> str:
        return field_label(name, code)

    lines: list[tuple[str, object]] = []
    if region:
        lines.append((t("person.region"), region))
    lines += [
        (label("status"), t(f"status.{scenario.status}")),
        (label("tier"), t(f"tier.{scenario.tier}")),
        (with_unit(label("age"), "age"), scenario.age),
    ]
    if scenario.visits is not None:  # as the command line's --visit writes them: 100.00@2:tcm:pharmacy:other=30
        visits = "; ".join(
            f"{visit.amount:.2f}@{visit.level}"
            + ("" if visit.kind == "general" else f":{visit.kind}")
            + (":pharmacy" if visit.pharmacy else "")
            + (f":other={visit.other_paid:.2f}" if visit.other_paid else "")
            for visit in scenario.visits
        )
        lines.append((label("visits"), visits))
    if scenario.spending is not None:
        lines.append((label("spending"), scenario.spending))
    if scenario.spending_by_kind:
        lines += [(f"{label('spending')}·{kind}", amount) for kind, amount in scenario.spending_by_kind.items()]
    if scenario.level is not None:
        lines.append((label("level"), t(f"level.{scenario.level}")))
    for name in (
        "contribution_base",
        "pension",
        "other_schemes_paid",
        "opening_balance",
        "credit_before",
        "credit_after",
    ):
        value = getattr(scenario, name)
        if value is not None and (value or name not in ("other_schemes_paid", "opening_balance")):
            lines.append((label(name), value))
    lines += [(f"{label('family')}·{t(f'relation.{item.relation}')}", item.amount) for item in scenario.family]
    lines += [(f"{label('references')}·{name}", amount) for name, amount in sorted(scenario.references.items())]
    return lines


def case_lines(scenario: Scenario, before: Policy | None, after: Policy | None) -> list[tuple[str, object]]:
    """The header of a file about one person's case: the policy pair, the region, the inputs."""
    region = (after or before).region.in_lang(lang()) if (after or before) else None
    lines = [*policy_lines({"before": before, "after": after}), *person_lines(scenario, region)]
    if before is not None and after is not None:  # a published figure standing in for one the documents omit
        for used in defaults_used(scenario, before, after):
            published = used.reference.default
            label = t("csv.default_used", side=t(f"side.{used.side}"), label=used.reference.label.in_lang(lang()))
            source = t("csv.default_source", publisher=published.publisher.in_lang(lang()), year=published.year)
            lines.append((label, (published.value, source)))
    return lines


def header_rows(what: Sequence[str], header: HeaderLines, notes: HeaderLines, today: dt.date) -> list[list[str]]:
    """The block above the table: the title line, ``header`` and ``notes`` (label, value or values), the
    date, the disclaimer. A label whose value is money says yuan."""
    rows = [[inert(" · ".join([t("app.title"), *(word for word in what if word)]))]]
    for label, value in [*header, *notes]:
        values = list(value) if isinstance(value, tuple | list) else [value]
        name = with_unit(label, "yuan") if values and isinstance(values[0], Decimal) else label
        rows.append([inert(name), *(cell(item) for item in values)])
    rows.append([t("csv.date"), today.isoformat()])
    rows.append([t("csv.note"), t("app.disclaimer")])
    return rows


# -- the file ------------------------------------------------------------------------------------------


def _table(data: Table) -> tuple[list[dict], dict, list]:
    if isinstance(data, ChartData):
        return list(data.rows), dict(data.units), list(data.notes)
    if isinstance(data, pd.DataFrame):
        return data.to_dict("records"), {}, []
    return [dict(row) for row in data], {}, []


def csv_bytes(
    data: TableSource,
    *,
    what: Sequence[str],
    header: HeaderLines | Callable[[], HeaderLines] = (),
    units: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The file: BOM, header block, an empty line, the table with units in its column names."""
    return csv_file(data, what=what, header=header, units=units, today=today)()


def csv_file(
    data: TableSource,
    *,
    what: Sequence[str],
    header: HeaderLines | Callable[[], HeaderLines] = (),
    units: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> Callable[[], bytes]:
    """:func:`csv_bytes`, written when called. Every page run draws its download buttons, and nearly no
    run is followed by a download, so nothing is worked out before the click: the table (``data`` may be
    a function returning it, e.g. a chart's :func:`~dashboard.charts.data_of`), the header block
    (``header`` likewise), the column names and their units, the cells. The words are in the language of
    the run that made the button; the date is the day the file is written."""
    code = lang()

    def write() -> bytes:
        with speaking(code):
            rows, chart_units, notes = _table(data() if callable(data) else data)
            every_unit = {**chart_units, **(units or {})}
            columns: list[str] = []
            for row in rows:
                columns += [name for name in row if name not in columns]
            names = {}
            for name in columns:
                unit = every_unit.get(name) or ("yuan" if _money(row.get(name) for row in rows) else None)
                names[name] = inert(with_unit(str(name), unit) if unit else str(name))
            lines = header() if callable(header) else header
            head = header_rows(what, lines, notes, today or dt.datetime.now(BEIJING).date())
            yes_no = (t("csv.yes"), t("csv.no"))
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerows(head)
        writer.writerow([])
        writer.writerow([names[name] for name in columns])
        writer.writerows([cell(row.get(name), yes_no) for name in columns] for row in rows)
        return (BOM + buffer.getvalue()).encode("utf-8")

    return write


def file_name(words: Sequence[str | None]) -> str:
    """``门诊共济测算_我的测算_重庆.csv``: the product, the page and the case, in plain words."""
    parts = [_FILE_UNSAFE.sub("-", word).strip("-") for word in (t("app.title"), *words) if word]
    return "_".join(part for part in parts if part) + ".csv"


def csv_button(
    data: TableSource,
    *,
    name: str,
    page: str,
    key: str,
    case: str | None = None,
    header: HeaderLines | Callable[[], HeaderLines] = (),
    units: Mapping[str, str] | None = None,
    label: str | None = None,
) -> None:
    """A download button for ``data`` (a chart's :class:`ChartData`, a table's rows or frame), under it.

    ``name`` says what it is in plain words (``资金流向``), ``page`` the page and ``case`` whose case it is:
    they title the file and name it. The file is written when clicked (Streamlit's deferred download, on
    the session's own server) and the click does not rerun the page."""
    import streamlit as st  # here: the file itself is built without Streamlit (and tested so)

    st.download_button(
        label or t("csv.download", what=name),
        csv_file(data, what=(page, name, case or ""), header=header, units=units),
        file_name=file_name([page, name, case]),
        mime="text/csv",
        icon=":material/download:",
        type="tertiary",
        on_click="ignore",
        key=key,
    )


def chart_button(figure, **options: object) -> None:
    """:func:`csv_button` for a chart: the table the figure was drawn from (:func:`charts.data_of`), read
    when the file is written."""
    csv_button(partial(data_of, figure), **options)


def read(raw: bytes) -> tuple[list[list[str]], list[dict[str, str]]]:
    """A downloaded file back as (header block rows, table rows): what a reader, or a test, sees."""
    text = raw.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text, newline="")))
    split = lines.index([])
    head, table = lines[:split], lines[split + 1 :]
    return head, [dict(zip(table[0], row, strict=True)) for row in table[1:]]
