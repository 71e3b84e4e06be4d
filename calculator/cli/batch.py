"""``batch IN.csv -o OUT.csv``: one scenario per row, settled before and after.

Columns are the input names (``status``, ``age``, ``spending``, …; ``visits`` as ``100@2;80@3:pharmacy``,
``family`` as ``spouse=300;child=50``, ``references`` as ``name=amount``; optional ``region``,
``before``, ``after``). A header may also use the Chinese field names the dashboard shows. Rows are
streamed, so a file of any length runs in constant memory. A bad row is reported by its row number
(on stderr and in the ``error`` column) and the good rows are still settled; the exit code is 1
when any row failed, 2 when the file itself cannot be used.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from collections.abc import Iterator
from functools import lru_cache
from operator import attrgetter, sub
from pathlib import Path

from ..comparison import compare, resolve_pair
from ..errors import FIELD_LABELS, CalculatorError, InputError
from ..money import fen_text
from ..policy_model import Policy
from ..scenario import parse_scenario
from ..settlement import OUTPUT_FIELDS
from ..spreadsheet import inert
from .common import SCENARIO_FLAGS, add_lang_argument, scenario_data

POLICY_COLUMNS = ("region", "before", "after")
LIST_COLUMNS = {"visits": "visit", "family": "family", "references": "reference"}
INPUT_COLUMNS = (*SCENARIO_FLAGS, *LIST_COLUMNS, *POLICY_COLUMNS)
OUTPUT_COLUMNS = (
    "before_policy",
    "after_policy",
    *(f"{side}_{name}" for side in ("before", "after", "change") for name in OUTPUT_FIELDS),
    "error",
)
# Chinese headers (as the dashboard labels fields) → the input names.
ALIASES = {zh: name for name, (zh, _) in FIELD_LABELS.items() if name in INPUT_COLUMNS}
ALIASES.update({"地区": "region", "身份": "status", "档次": "tier"})


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("batch", help="批量测算 CSV / settle one scenario per CSV row")
    parser.add_argument("input", metavar="IN.csv")
    parser.add_argument("-o", "--output", metavar="OUT.csv", required=True)
    parser.add_argument("--region", default=None, help="default region for rows without one")
    add_lang_argument(parser)
    parser.set_defaults(run=run)


def read_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without the BOM Excel adds), else GBK as Chinese Excel saves it."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError.one(
            "input", f"无法读取文件：{exc.strerror}", f"cannot read the file: {exc.strerror}"
        ) from None
    for encoding in ("utf-8-sig", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError.one(
        "input", "文件编码无法识别（请另存为 UTF-8 CSV）", "unknown text encoding (save it as UTF-8 CSV)"
    )


def header_map(header: list[str]) -> dict[int, str]:
    """Column index → input name; unknown columns are an error naming them (no silent dropping)."""
    mapping, unknown = {}, []
    for index, raw in enumerate(header):
        name = raw.strip()
        name = ALIASES.get(name, name)
        if name in INPUT_COLUMNS:
            mapping[index] = name
        elif name:
            unknown.append(raw.strip())
    if unknown:
        raise InputError.one(
            "input",
            f"无法识别的列：{', '.join(unknown[:10])}；可用列：{', '.join(INPUT_COLUMNS)}",
            f"unknown columns: {', '.join(unknown[:10])}; known columns: {', '.join(INPUT_COLUMNS)}",
        )
    if "status" not in mapping.values():
        raise InputError.one("input", "缺少 status（身份）列", "the status column is missing")
    return mapping


def rows(text: str) -> Iterator[tuple[int, list[str]]]:
    """(row number as a spreadsheet shows it, cells); the header is row 1."""
    yield from enumerate(csv.reader(io.StringIO(text, newline="")), start=1)


_OUTPUTS = attrgetter(*OUTPUT_FIELDS)  # a settled year's outputs in one call, in the contract's order
_CREDIT = OUTPUT_FIELDS.index("account_credit")


def settle_row(values: dict[str, str], default_region: str | None) -> list[str]:
    """The output cells of one row (``OUTPUT_COLUMNS`` without ``error``), in their order."""
    flags = {name: values.get(name) for name in SCENARIO_FLAGS}
    for column, flag in LIST_COLUMNS.items():
        if values.get(column):
            flags[flag] = [part for part in values[column].split(";") if part.strip()]
    scenario = parse_scenario(scenario_data(flags))
    region = values.get("region") or None
    if not (region or values.get("before") or values.get("after")):
        region = default_region
    before, after = _pair(region, values.get("before") or None, values.get("after") or None)
    comparison = compare(scenario, before, after)
    befores, afters = _OUTPUTS(comparison.before), _OUTPUTS(comparison.after)
    cells = [before.id, after.id]
    for amounts in (befores, afters, tuple(map(sub, afters, befores))):
        # The settlement leaves every output settled to the fen (two decimals, so ``str`` writes it as
        # ``fen_text`` would) except the credit, which may be a policy's figure as written (``1000``).
        texts = list(map(str, amounts))
        texts[_CREDIT] = fen_text(amounts[_CREDIT])
        cells += texts
    return cells


@lru_cache(maxsize=256)
def _pair(region: str | None, before: str | None, after: str | None) -> tuple[Policy, Policy]:
    """The policy pair of a row; rows mostly repeat a few pairs, so each is resolved once (errors are not
    cached, so a bad name is reported on every row that uses it)."""
    return resolve_pair(region, before, after)


def run(args: argparse.Namespace) -> int:
    lang = args.lang
    text = read_text(Path(args.input))
    stream = rows(text)
    first = next(stream, None)
    if first is None or not any(cell.strip() for cell in first[1]):
        raise InputError.one("input", "文件为空或缺少表头", "the file is empty or has no header")
    mapping = header_map(first[1])
    in_columns = [mapping[i] for i in sorted(mapping)]
    settled = failed = 0
    try:
        out_file = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError.one("output", f"无法写入：{exc.strerror}", f"cannot write: {exc.strerror}") from None
    columns = sorted(mapping.items())  # (cell index, input name) in the header's order
    width = len(first[1])
    with out_file:
        writer = csv.writer(out_file)
        writer.writerow([*in_columns, *OUTPUT_COLUMNS])
        for number, cells in stream:
            if not "".join(cells).strip():  # an empty line, or only blank cells
                continue
            count = len(cells)
            values = {name: cells[index].strip() for index, name in columns if index < count}
            record = [inert(values[name]) if name in values else "" for name in in_columns]
            try:
                if count > width:
                    raise InputError.one("input", "本行的列数多于表头", "this row has more cells than the header")
                record += settle_row(values, args.region)
                record.append("")
                settled += 1
            except CalculatorError as error:
                failed += 1
                record += [""] * (len(OUTPUT_COLUMNS) - 1)
                record.append(error.message(lang))
                where = f"第 {number} 行：" if lang == "zh" else f"row {number}: "
                print(where + error.message(lang), file=sys.stderr)
            writer.writerow(record)
    summary = (
        f"已测算 {settled} 行，失败 {failed} 行 → {args.output}"
        if lang == "zh"
        else f"settled {settled} rows, {failed} failed → {args.output}"
    )
    print(summary, file=sys.stderr)
    return 1 if failed else 0
