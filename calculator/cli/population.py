"""``population``: who gains and who loses in a synthetic insured population, and where the money moves.

    python -m calculator population --policy chongqing --size 1000000 --seed 1 --json
    python -m calculator population --policy chongqing --set cap.retired=5000 --json    # a what-if

``--policy`` is a region key (its default before/after pair); ``--before``/``--after`` replace either side
by policy id. Every population parameter is an assumption (``--assume NAME=VALUE``, or a JSON/YAML file
with ``--assumptions``); the table lists them with their origin.

``--set PATH=VALUE`` (repeatable) and ``--override-file`` change the after-policy as the sandbox does
(``<id>~sandbox``). The report is then the pre-reform policy against the what-if, on the same JSON as
without a change, plus ``compare_to``: the what-if against the unchanged after-policy (who gains and who
loses by the change, and the change in pooled payments and account credits), and ``reform``: the unchanged
pair's outcomes, all over the same persons. ``fund_balance`` states the money moved either way.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from ..comparison import resolve_pair
from ..errors import InputError
from ..money import format_yuan
from .common import (
    add_json_argument,
    add_lang_argument,
    add_override_arguments,
    dumps,
    overrides_from_args,
    parse_pairs,
    print_table,
)

if TYPE_CHECKING:
    from ..population import PopulationAssumptions, PopulationReport
    from ..population_whatif import WhatIfImpact

# numpy and the population model are imported by the functions that run this subcommand, not when the
# command line starts: ``compare`` and ``batch`` never need them.
MAX_ASSUMPTION_FILE_BYTES = 64 * 1024
CHUNK_HELP = 1 << 18  # the population module's DEFAULT_CHUNK, for the help text only

GROUP_NAMES = {
    "in_service": ("在职", "in service"),
    "retired": ("退休", "retired"),
    "none": ("无门诊费用", "no spending"),
    "employer": ("单位职工", "employer-based"),
    "individual_tier1": ("个人一档", "individual tier 1"),
    "individual_tier2": ("个人二档", "individual tier 2"),
}
CHANGE_NAMES = {
    "account_credit": ("个人账户划入", "account credits"),
    "general_pooling_paid": ("普通门诊统筹支付", "pooled outpatient payments"),
    "cash_paid": ("现金支出", "cash outlay"),
    "closing_balance": ("年末账户余额", "year-end balance"),
}
MEASURE_NAMES = {
    "cash": ("现金支出", "cash outlay"),
    "balance": ("年末账户余额", "year-end balance"),
    "combined": ("现金与账户合计", "cash and account together"),
}
FLOW_NAMES = {
    "credits_removed": ("个人账户划入减少", "account credits removed"),
    "pooled_added": ("普通门诊统筹支付增加", "pooled outpatient payments added"),
    "net": ("净额（减少 − 增加）", "net (removed − added)"),
}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("population", help="人群视角：谁受益、谁受损、资金平移 / population view")
    parser.add_argument("--policy", default=None, help="region key, giving its before/after pair (default chongqing)")
    parser.add_argument("--before", default=None, help="policy id before")
    parser.add_argument("--after", default=None, help="policy id after")
    parser.add_argument("--size", default=None, help="模拟人数 / persons simulated (default 1,000,000)")
    parser.add_argument("--seed", default=None, help="随机种子 / random seed (default 1)")
    parser.add_argument("--chunk-size", default=None, help=f"每批人数 / persons per chunk (default {CHUNK_HELP:,})")
    parser.add_argument(
        "--insured-population", default=None, help="换算到的参保人数 / insured population to scale the flow to"
    )
    parser.add_argument("--assumptions", default=None, metavar="FILE", help="JSON/YAML file of assumptions")
    parser.add_argument(
        "--assume", action="append", default=None, metavar="NAME=VALUE", help="one assumption, e.g. retired_share=0.3"
    )
    parser.add_argument("--reference", action="append", default=None, metavar="NAME=AMOUNT", help="regional reference")
    add_override_arguments(parser)
    add_lang_argument(parser)
    add_json_argument(parser)
    parser.set_defaults(run=run)


def _load_file(path: str) -> dict:
    import yaml

    file = Path(path)
    try:
        if file.stat().st_size > MAX_ASSUMPTION_FILE_BYTES:
            raise InputError.one("assumptions", "文件过大", "the file is too large")
        data = yaml.safe_load(file.read_text(encoding="utf-8"))  # JSON is YAML
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError.one(
            "assumptions", f"无法读取假设文件（{type(exc).__name__}）", f"cannot read the file ({type(exc).__name__})"
        ) from None
    if not isinstance(data, dict):
        raise InputError.one("assumptions", "假设文件应为键值表", "the file must be a mapping")
    return data


def _set_path(data: dict, path: str, value: object) -> None:
    """``level_mix_retired.level1=0.5`` sets one field of a nested assumption, keeping its siblings."""
    *parents, last = path.split(".")
    node = data
    for part in parents:
        child = node.get(part)
        if not isinstance(child, dict):
            raise InputError.one(
                "assume", f"「{path[:60]}」不是可识别的假设", f"'{path[:60]}' is not a known assumption"
            )
        node = child
    node[last] = value


def assumptions_from_args(args: argparse.Namespace) -> PopulationAssumptions:
    """Defaults, then the file, then the flags; validated once, at the end, with labelled messages."""
    from ..population import PopulationAssumptions, parse_assumptions

    data = PopulationAssumptions().model_dump(mode="json")
    if args.assumptions:
        for key, value in _load_file(args.assumptions).items():
            if isinstance(value, dict) and isinstance(data.get(key), dict) and key != "references":
                data[key] = {**data[key], **value}
            else:
                data[key] = value
    for path, value in parse_pairs(args.assume or [], "assume"):
        _set_path(data, path, value)
    for flag in ("size", "seed", "insured_population"):
        if getattr(args, flag) is not None:
            data[flag] = getattr(args, flag)
    for name, value in parse_pairs(args.reference or [], "references"):
        data["references"] = {**data.get("references", {}), name: value}
    return parse_assumptions(data)


def _chunk_size(text: str | None) -> int:
    if text is None:
        from ..population import DEFAULT_CHUNK

        return DEFAULT_CHUNK
    if not text.strip().isdigit() or not 1 <= int(text) <= 50_000_000:
        raise InputError.one(
            "chunk_size", "应为 1 至 50,000,000 之间的整数", "must be a whole number from 1 to 50,000,000"
        )
    return int(text)


def report_json(report: PopulationReport, lang: str) -> dict:
    """The JSON contract: the report, its fund balance, and every assumption with its label and origin."""
    from ..population import assumption_rows
    from ..population_whatif import fund_balance

    return {
        **report.as_dict(),
        "fund_balance": {"after": fund_balance(report, lang)},
        "assumptions": assumption_rows(report.assumptions, lang),
    }


def impact_json(impact: WhatIfImpact, changes: dict[str, object], lang: str) -> dict:
    """The JSON contract of a what-if: today's report for pre-reform → what-if, plus ``compare_to``."""
    from ..population import assumption_rows

    return {
        **impact.as_dict(lang),
        "changes": {path: str(value) for path, value in changes.items()},
        "assumptions": assumption_rows(impact.what_if.assumptions, lang),
    }


def _pct(share: float) -> str:
    return f"{share * 100:.1f}%"


def _name(table: dict, key: str, lang: str) -> str:
    zh, en = table.get(key, (key, key))
    return en if lang == "en" else zh


def _print_groups(title: str, rows: list[dict], lang: str) -> None:
    print(f"\n{title}")
    headers = (
        ["组别", "人数", "现金减少", "现金增加", "余额增加", "余额减少", "合计受益", "合计受损", "人均现金变化"]
        if lang == "zh"
        else ["group", "persons", "cash down", "cash up", "bal. up", "bal. down", "better", "worse", "mean cash Δ"]
    )
    table = []
    for row in rows:
        table.append(
            [
                _name(GROUP_NAMES, row["group"], lang),
                f"{row['persons']:,}",
                _pct(row["cash"]["shares"]["gainers"]),
                _pct(row["cash"]["shares"]["losers"]),
                _pct(row["balance"]["shares"]["gainers"]),
                _pct(row["balance"]["shares"]["losers"]),
                _pct(row["combined"]["shares"]["gainers"]),
                _pct(row["combined"]["shares"]["losers"]),
                format_yuan(row["mean_cash_change"], signed=True),
            ]
        )
    print_table(table, headers, right=range(1, 9))


def _print_report(report: PopulationReport, data: dict, lang: str) -> None:
    from ..population import MEASURES

    zh = lang != "en"
    print(report.before.title.in_lang(lang) + "  →  " + report.after.title.in_lang(lang))
    print(
        f"模拟 {report.size:,} 人（随机种子 {report.assumptions.seed}），用时 {report.seconds:.2f} 秒；人群参数均为假设，见文末"
        if zh
        else f"{report.size:,} persons simulated (seed {report.assumptions.seed}) in {report.seconds:.2f} s; "
        "the population parameters are assumptions, listed at the end"
    )
    print("\n" + ("总体：受益、受损与不变的比例" if zh else "Overall: shares better off, worse off, unchanged"))
    headers = ["口径", "受益", "受损", "不变"] if zh else ["measure", "better off", "worse off", "unchanged"]
    rows = []
    for measure in MEASURES:
        shares = data["outcomes"][measure]["shares"]
        rows.append(
            [
                _name(MEASURE_NAMES, measure, lang),
                _pct(shares["gainers"]),
                _pct(shares["losers"]),
                _pct(shares["unchanged"]),
            ]
        )
    print_table(rows, headers, right=(1, 2, 3))
    print(
        "（现金受益 = 现金支出减少；余额受益 = 年末余额增加；合计 = 余额变化 − 现金变化）"
        if zh
        else "(cash: better off = pays less cash; balance: better off = more left at year end; "
        "together = balance change − cash change)"
    )

    basis = data["scale_basis"] == "insured_population"
    scaled_title = (
        (f"按 {report.scale_to:,} 参保人换算" if basis else f"按模拟人数 {report.scale_to:,} 人（未填写参保人数）")
        if zh
        else (
            f"scaled to {report.scale_to:,} insured"
            if basis
            else f"for the {report.scale_to:,} simulated (no insured count given)"
        )
    )
    print(
        "\n" + ("资金平移（待遇置换、资金平移）" if zh else "Where the money moves (benefits swapped, funds shifted)")
    )
    headers = ["项目", "每万名参保人", scaled_title] if zh else ["item", "per 10,000 insured", scaled_title]
    rows = [
        [
            _name(FLOW_NAMES, key, lang),
            format_yuan(data["flow"]["per_10000"][key]),
            format_yuan(data["flow"]["scaled"][key]),
        ]
        for key in ("credits_removed", "pooled_added", "net")
    ]
    print_table(rows, headers, right=(1, 2))

    balances = data["fund_balance"]
    print((balances.get("what_if") or balances["after"])["statement"])

    _print_groups("按身份" if zh else "By status", data["by_status"], lang)
    _print_groups("按参保档次" if zh else "By contribution tier", data["by_tier"], lang)
    _print_groups("按年龄段" if zh else "By age band", data["by_age"], lang)
    _print_groups(
        "按门诊费用十分位（有费用者；阈值来自同一随机种子的试点样本）"
        if zh
        else "By spending decile (spenders; pilot-sample thresholds)",
        data["by_decile"],
        lang,
    )

    print("\n" + ("现金支出变化分布（元，改革后 − 改革前）" if zh else "Change in cash outlay (yuan, after − before)"))
    headers = ["区间", "人数", "占比"] if zh else ["range", "persons", "share"]
    rows = [[b["label"], f"{b['persons']:,}", _pct(b["persons"] / report.size)] for b in data["cash_change_histogram"]]
    print_table(rows, headers, right=(1, 2))

    print(
        "\n" + ("人群假设（可用 --assume 名称=数值 修改）" if zh else "Assumptions (change with --assume NAME=VALUE)")
    )
    headers = ["名称", "说明", "取值", "来源"] if zh else ["name", "meaning", "value", "origin"]
    rows = []
    for row in data["assumptions"]:
        value = row["value"]
        if value is None or value == {}:  # nothing entered: said in words, never "None" or "{}"
            text = "未填写" if zh else "not given"
        else:
            text = json.dumps(value, ensure_ascii=False, default=str) if isinstance(value, dict) else str(value)
        rows.append([row["name"], row["label"], text, row["source"]])
    print_table(rows, headers)


def _print_compare_to(impact: WhatIfImpact, data: dict, lang: str) -> None:
    """The what-if against the unchanged after-policy: outcomes, money changes, groups, both fund balances."""
    zh = lang != "en"
    block = data["compare_to"]
    base = impact.against_base.before.title.in_lang(lang)
    print("\n" + (f"与未修改的政策（{base}）相比" if zh else f"Against the unchanged policy ({base})"))
    headers = ["口径", "受益", "受损", "不变"] if zh else ["measure", "better off", "worse off", "unchanged"]
    rows = []
    for measure, shares in ((m, block["outcomes"][m]["shares"]) for m in MEASURE_NAMES):
        rows.append(
            [_name(MEASURE_NAMES, measure, lang), *(_pct(shares[o]) for o in ("gainers", "losers", "unchanged"))]
        )
    print_table(rows, headers, right=(1, 2, 3))
    scaled = data["scale_to"]
    headers = (
        ["项目（修改后 − 修改前）", "每万名参保人", f"按 {scaled:,} 人"]
        if zh
        else ["item (what-if − unchanged)", "per 10,000 insured", f"for {scaled:,}"]
    )
    rows = [
        [
            _name(CHANGE_NAMES, key, lang),
            format_yuan(block["changes"]["per_10000"][key], signed=True),
            format_yuan(block["changes"]["scaled"][key], signed=True),
        ]
        for key in CHANGE_NAMES
    ]
    print_table(rows, headers, right=(1, 2))
    for key, title in (("by_status", ("按身份", "By status")), ("by_tier", ("按参保档次", "By tier"))):
        _print_groups(title[0] if zh else title[1], block[key], lang)
    print("\n" + ("资金平移（与改革前相比）" if zh else "Fund balance (against the pre-reform policy)"))
    for key in ("reform", "what_if"):
        balance = data["fund_balance"][key]
        label = (
            ("未修改的政策" if key == "reform" else "修改后的政策")
            if zh
            else ("unchanged" if key == "reform" else "what-if")
        )
        print(f"- {label}: {balance['statement']}")


def run(args: argparse.Namespace) -> int:
    from ..population import population_report

    assumptions = assumptions_from_args(args)
    chunk_size = _chunk_size(args.chunk_size)
    before, after = resolve_pair(args.policy, args.before, args.after)
    changes = overrides_from_args(args)
    if changes:
        from ..overrides import apply_overrides
        from ..population_whatif import what_if_impact
        from ..registry import default_registry

        what_if = apply_overrides(after, changes, default_registry().documents)
        impact = what_if_impact(before, after, what_if, assumptions, chunk_size)
        data = impact_json(impact, changes, args.lang)
        if args.json:
            print(dumps(data))
            return 0
        _print_report(impact.what_if, data, args.lang)
        _print_compare_to(impact, data, args.lang)
        return 0
    report = population_report(before, after, assumptions, chunk_size)
    data = report_json(report, args.lang)
    if args.json:
        print(dumps(data))
        return 0
    _print_report(report, data, args.lang)
    return 0
