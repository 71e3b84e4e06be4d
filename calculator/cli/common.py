"""What every subcommand shares: the scenario flags, language, tables, JSON and error handling.

Flags are the input names with dashes (``--contribution-base``). Values are passed to pydantic as
text, so a bad value gets the same field-naming message in the chosen language as everywhere else,
instead of argparse's English-only complaints.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import CalculatorError, InputError
from ..scenario import Scenario, parse_scenario

if TYPE_CHECKING:
    from ..policy_model import Policy

SCENARIO_FLAGS = (
    "status",
    "tier",
    "age",
    "contribution_base",
    "pension",
    "spending",
    "level",
    "kind",
    "other_schemes_paid",
    "opening_balance",
    "credit_before",
    "credit_after",
)


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are bilingual and exit with code 2, never a traceback."""

    def error(self, message: str) -> None:  # type: ignore[override]
        lang = requested_lang(sys.argv)
        text = f"命令行参数有误：{message}" if lang == "zh" else f"bad arguments: {message}"
        self.print_usage(sys.stderr)
        print(text, file=sys.stderr)
        raise SystemExit(2)


def requested_lang(argv: Sequence[str]) -> str:
    """The language asked for on the command line, found before parsing (for parse errors)."""
    argv = list(argv)
    if "--lang=en" in argv or (
        "--lang" in argv and argv[argv.index("--lang") + 1 : argv.index("--lang") + 2] == ["en"]
    ):
        return "en"
    return "zh"


def add_lang_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", default="zh", choices=["zh", "en"], help="输出语言 / output language")


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="以 JSON 输出 / print JSON")


def add_scenario_arguments(parser: argparse.ArgumentParser) -> None:
    """The person and their year: ``--spending/--level`` or repeated ``--visit AMOUNT@LEVEL``."""
    group = parser.add_argument_group("scenario / 参保人与就医情况")
    for name in SCENARIO_FLAGS:
        group.add_argument("--" + name.replace("_", "-"), dest=name, default=None, metavar=name.upper())
    group.add_argument(
        "--visit",
        action="append",
        default=None,
        metavar="AMOUNT@LEVEL[:KIND][:pharmacy][:other=X]",
        help="one visit, in date order; repeat (e.g. --visit 100@2 --visit 80@3:pharmacy)",
    )
    group.add_argument("--family", action="append", default=None, metavar="RELATION=AMOUNT", help="e.g. spouse=300")
    group.add_argument("--reference", action="append", default=None, metavar="NAME=AMOUNT", help="regional reference")
    group.add_argument(
        "--scenario-file",
        default=None,
        metavar="FILE.json",
        help="情景文件（仪表盘保存的 JSON）/ a saved scenario file",
    )


def add_policy_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("policies / 政策")
    group.add_argument("--region", default=None, help="region key (default chongqing)")
    group.add_argument("--before", default=None, help="policy id before")
    group.add_argument("--after", default=None, help="policy id after")


def add_override_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("what-if / 政策假设")
    group.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=None,
        metavar="PATH=VALUE",
        help="change a parameter of the after-policy",
    )
    group.add_argument("--override-file", default=None, metavar="FILE", help="YAML/JSON file of PATH: VALUE changes")


def overrides_from_args(args: argparse.Namespace) -> dict[str, str]:
    """The ``--set`` and ``--override-file`` changes, the command line winning over the file."""
    changes: dict[str, str] = {}
    if getattr(args, "override_file", None):
        from ..overrides import load_override_file

        changes.update(load_override_file(Path(args.override_file)))
    for index, item in enumerate(getattr(args, "overrides", None) or []):
        path, sep, value = item.partition("=")
        if not sep or not path.strip():
            raise InputError.one(
                f"set[{index}]", f"应为 路径=数值，收到「{item[:60]}」", f"must be PATH=VALUE, got '{item[:60]}'"
            )
        changes[path.strip()] = value.strip()
    return changes


def add_case_arguments(parser: argparse.ArgumentParser) -> None:
    """The flags that name one case: the person, the policy pair, any what-if changes, the language."""
    add_scenario_arguments(parser)
    add_policy_arguments(parser)
    add_override_arguments(parser)
    add_lang_argument(parser)


@dataclass(frozen=True)
class Case:
    """One person under a before/after pair, the after side with the what-if changes already applied."""

    scenario: Scenario
    before: Policy
    after: Policy
    changes: dict[str, str]


def case_from_args(args: argparse.Namespace) -> Case:
    """The case the flags of :func:`add_case_arguments` name (pydantic names a bad field, as everywhere)."""
    from ..comparison import resolve_pair

    scenario = scenario_from_args(args)
    before, after = resolve_pair(args.region, args.before, args.after)
    changes = overrides_from_args(args)
    if changes:
        from ..overrides import apply_overrides
        from ..registry import default_registry

        after = apply_overrides(after, changes, default_registry().documents)
    return Case(scenario, before, after, changes)


_VISIT = re.compile(r"^\s*([^@]+)@\s*([^:]+?)\s*((?::[^:]*)*)$")


def parse_visit(text: str, index: int) -> dict:
    """``100@2``, ``80@3:pharmacy``, ``120@1:tcm``, ``500@3:other=300`` → a visit dict (validated later)."""
    match = _VISIT.match(text)
    if not match:
        raise InputError.one(
            f"visits[{index}]",
            f"格式应为 金额@等级，例如 100@2；收到「{text[:60]}」",
            f"must look like AMOUNT@LEVEL, e.g. 100@2; got '{text[:60]}'",
        )
    visit: dict = {"amount": match.group(1).strip(), "level": match.group(2).strip()}
    for option in filter(None, (part.strip() for part in match.group(3).split(":"))):
        if option == "pharmacy":
            visit["pharmacy"] = True
        elif option.startswith("other="):
            visit["other_paid"] = option.removeprefix("other=")
        else:
            visit["kind"] = option
    return visit


def parse_pairs(items: Iterable[str], field: str) -> list[tuple[str, str]]:
    pairs = []
    for index, item in enumerate(items):
        key, sep, value = item.partition("=")
        if not sep:
            raise InputError.one(
                f"{field}[{index}]", f"应为 名称=金额，收到「{item[:60]}」", f"must be NAME=AMOUNT, got '{item[:60]}'"
            )
        pairs.append((key.strip(), value.strip()))
    return pairs


def scenario_data(values: dict) -> dict:
    """Plain scenario data from flag-like values (CLI or CSV): text only, validation left to pydantic."""
    data = {name: values[name] for name in SCENARIO_FLAGS if values.get(name) not in (None, "")}
    if "level" in data and str(data["level"]).strip().isdecimal():
        data["level"] = int(str(data["level"]).strip())
    if values.get("visit"):
        visits = []
        for index, text in enumerate(values["visit"]):
            visit = parse_visit(text, index)
            if str(visit["level"]).isdecimal():
                visit["level"] = int(visit["level"])
            visits.append(visit)
        data["visits"] = visits
    if values.get("family"):
        data["family"] = [{"relation": r, "amount": a} for r, a in parse_pairs(values["family"], "family")]
    if values.get("reference"):
        data["references"] = dict(parse_pairs(values["reference"], "references"))
    return data


def scenario_from_args(args: argparse.Namespace) -> Scenario:
    """The scenario of the flags, or of ``--scenario-file`` (whose policy choice fills unset policy flags)."""
    data = scenario_data(vars(args))
    path = getattr(args, "scenario_file", None)
    if not path:
        return parse_scenario(data)
    if data:
        raise InputError.one(
            "scenario_file",
            f"已给出情景文件，不能再用命令行参数填写 {', '.join(data)}",
            f"a scenario file was given; do not also give {', '.join(data)}",
        )
    from ..scenario_file import MAX_FILE_BYTES, load_scenario

    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError.one(
            "scenario_file", f"无法读取（{exc.strerror}）", f"cannot be read ({exc.strerror})"
        ) from None
    scenario, choice = load_scenario(raw)
    for name in ("region", "before", "after"):
        if getattr(args, name, None) is None and getattr(choice, name) is not None:
            setattr(args, name, getattr(choice, name))
    return scenario


def fail(error: CalculatorError, lang: str) -> int:
    """Print the error in the user's language on stderr; exit code 2 (bad input)."""
    prefix = "错误：" if lang == "zh" else "error: "
    print(prefix + error.message(lang), file=sys.stderr)
    return 2


def display_width(text: str) -> int:
    """Terminal columns of ``text``: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def print_table(rows: Sequence[Sequence[str]], headers: Sequence[str], right: Sequence[int] = ()) -> None:
    """A plain text table that lines up Chinese and numbers (columns in ``right`` are right-aligned)."""
    table = [list(map(str, headers)), *[list(map(str, row)) for row in rows]]
    widths = [max(display_width(row[col]) for row in table) for col in range(len(headers))]

    def cell(text: str, col: int) -> str:
        pad = " " * (widths[col] - display_width(text))
        return pad + text if col in right else text + pad

    print("  ".join(cell(text, col) for col, text in enumerate(table[0])).rstrip())
    print("  ".join("-" * width for width in widths))
    for row in table[1:]:
        print("  ".join(cell(text, col) for col, text in enumerate(row)).rstrip())


_MARK = "\u0000fen:"


def money_json(value: object) -> object:
    """Decimals become exact JSON numbers with two decimals (``1527.50``), via a marker replaced in dumps."""
    if isinstance(value, Decimal):
        return f"{_MARK}{value:.2f}"
    if isinstance(value, dict):
        return {key: money_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [money_json(item) for item in value]
    return value


def dumps(value: object) -> str:
    text = json.dumps(money_json(value), ensure_ascii=False, indent=2)
    return re.sub(r'"\\u0000fen:(-?\d+\.\d\d)"', r"\1", text)
