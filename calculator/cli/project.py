"""``project``: the personal account year by year before and after the reform, as a table or JSON.

The person is given with the flags of ``compare`` (their situation in the start year); the projection's
own flags say how many years, from when, the retirement age and the growth and interest assumptions.
"""

from __future__ import annotations

import argparse
from decimal import Decimal

from ..money import format_yuan
from ..projection import (
    PROJECTION_INPUTS,
    SIDES,
    TOTAL_FIELDS,
    Ledger,
    LedgerYear,
    SideYear,
    parse_projection_input,
    project,
    refuse_unknown_references,
)
from .common import add_case_arguments, add_json_argument, case_from_args, dumps, parse_pairs, print_table
from .compare import side_json

PROJECTION_FLAGS = PROJECTION_INPUTS


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("project", help="逐年账户测算 / the account year by year, before and after")
    add_case_arguments(parser)
    group = parser.add_argument_group("projection / 逐年测算")
    group.add_argument("--years", default=None, metavar="N", help="年数 1–60 / number of years (1–60)")
    group.add_argument(
        "--start-year", default=None, metavar="Y", help="起始年份，默认改革生效年 / default: the reform's first year"
    )
    group.add_argument(
        "--retire-age", default=None, metavar="A", help="退休年龄（无默认）/ retirement age (no default)"
    )
    group.add_argument(
        "--retirement-pension", default=None, metavar="YUAN", help="退休当年月养老金 / monthly pension when retiring"
    )
    for name, help_text in (
        ("base_growth", "缴费基数年增长率 %% / contribution base growth, %% a year"),
        ("pension_growth", "养老金年增长率 %% / pension growth, %% a year"),
        ("spending_growth", "门诊费用年增长率 %% / spending growth, %% a year"),
        ("family_growth", "家庭共济年增长率 %% / family payments growth, %% a year"),
        ("interest", "账户年利率 %% / interest on the balance, %% a year"),
    ):
        group.add_argument("--" + name.replace("_", "-"), dest=name, default=None, metavar="P", help=help_text)
    group.add_argument(
        "--spending-in",
        action="append",
        default=None,
        metavar="YEAR=AMOUNT",
        help="某年的门诊费用 / a year's spending given outright (repeat)",
    )
    add_json_argument(parser)
    parser.set_defaults(run=run)


def projection_data(args: argparse.Namespace) -> dict:
    """The projection's flags as plain data (text), validated later by pydantic."""
    data = {name: getattr(args, name) for name in PROJECTION_FLAGS if getattr(args, name, None) not in (None, "")}
    if args.spending_in:
        data["spending_by_year"] = dict(parse_pairs(args.spending_in, "spending_by_year"))
    return data


def _side(row: SideYear) -> dict | None:
    if not row.known:
        return None
    return {**side_json(row.result), "opening_balance": row.result.opening_balance, "interest": row.interest}


def year_json(row: LedgerYear, net: Decimal | None) -> dict:
    data: dict = {
        "year": row.year,
        "age": row.age,
        "status": row.status,
        "before": _side(row.before),
        "after": _side(row.after),
        "change": row.change,
        "cumulative_net": net,
    }
    unknown = {
        side: {"zh": row.side(side).unknown[0], "en": row.side(side).unknown[1]}
        for side in SIDES
        if not row.side(side).known
    }
    if unknown:
        data["unknown"] = unknown
    return data


def _difference(after: Decimal | None, before: Decimal | None) -> Decimal | None:
    return None if after is None or before is None else after - before


def ledger_json(ledger: Ledger) -> dict:
    """The JSON contract of ``project``: the years, the totals, the final balances, the assumptions."""
    totals = {side: {name: ledger.total(side, name) for name in TOTAL_FIELDS} for side in SIDES}
    totals = {side: (values if None not in values.values() else None) for side, values in totals.items()}
    change = (
        {name: totals["after"][name] - totals["before"][name] for name in TOTAL_FIELDS}
        if totals["before"] and totals["after"]
        else None
    )
    final = {side: ledger.final_balance(side) for side in SIDES}
    return {
        "policies": {"before": ledger.before_policy.id, "after": ledger.after_policy.id},
        "years": [year_json(row, net) for row, net in zip(ledger.years, ledger.cumulative_net(), strict=True)],
        "totals": {**totals, "change": change},
        "final_balance": {**final, "change": _difference(final["after"], final["before"])},
        "turn_year": ledger.turn_year(),
        "assumptions": [{"name": a.name, "value": a.value, "zh": a.zh, "en": a.en} for a in ledger.assumptions],
    }


def verdict(ledger: Ledger, lang: str) -> str:
    """One plain sentence over the whole horizon: cash and account together, after minus before."""
    net = ledger.cumulative_net()[-1]
    first, last = ledger.years[0].year, ledger.years[-1].year
    if net is None:
        return (
            "部分年份无法计算（见下方说明），因此不给出合计结论。"
            if lang == "zh"
            else "Some years cannot be settled (see the notes below), so there is no overall verdict."
        )
    if lang == "en":
        if net > 0:
            return (
                f"Over {first}–{last} the reform leaves you {format_yuan(net)} better off, cash and account together."
            )
        if net < 0:
            return (
                f"Over {first}–{last} the reform leaves you {format_yuan(-net)} worse off, cash and account together."
            )
        return f"Over {first}–{last} the reform makes no difference to your cash and account together."
    if net > 0:
        return f"{first}–{last} 年合计，改革后现金与个人账户合计比改革前多留 {format_yuan(net)}。"
    if net < 0:
        return f"{first}–{last} 年合计，改革后现金与个人账户合计比改革前少 {format_yuan(-net)}。"
    return f"{first}–{last} 年合计，改革前后现金与个人账户合计没有差别。"


def _money(value: Decimal | None, lang: str) -> str:
    return format_yuan(value) if value is not None else ("未知" if lang == "zh" else "unknown")


def run(args: argparse.Namespace) -> int:
    case = case_from_args(args)
    settings = parse_projection_input(projection_data(args))
    refuse_unknown_references(case.scenario, case.before, case.after)
    ledger = project(case.scenario, case.before, case.after, settings)
    if args.json:
        print(dumps(ledger_json(ledger)))
        return 0
    lang = args.lang
    status_words = {"in_service": ("在职", "in service"), "retired": ("退休", "retired")}
    headers = (
        ["年份", "年龄", "身份", "现金·改革前", "现金·改革后", "年末余额·改革前", "年末余额·改革后", "累计净差"]
        if lang == "zh"
        else ["year", "age", "status", "cash before", "cash after", "balance before", "balance after", "net so far"]
    )
    rows = []
    for row, net in zip(ledger.years, ledger.cumulative_net(), strict=True):
        cells = [str(row.year), str(row.age), status_words[row.status][lang == "en"]]
        for name in ("cash_paid", "closing_balance"):
            for side in SIDES:
                one = row.side(side)
                cells.append(_money(getattr(one.result, name) if one.known else None, lang))
        cells.append(_money(net, lang) if net is None else format_yuan(net, signed=True))
        rows.append(cells)
    print(case.before.title.in_lang(lang) + "  →  " + case.after.title.in_lang(lang))
    print_table(rows, headers, right=(1, 3, 4, 5, 6, 7))
    print("\n" + verdict(ledger, lang))
    turn = ledger.turn_year()
    if turn is not None:
        print(f"累计净差在 {turn} 年改变正负。" if lang == "zh" else f"The net difference changes sign in {turn}.")
    print("\n" + ("假设与约定：" if lang == "zh" else "Assumptions and conventions:"))
    for assumption in ledger.assumptions:
        print("  - " + assumption.text(lang))
    return 0
