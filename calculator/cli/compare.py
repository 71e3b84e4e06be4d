"""``compare``: one person's year before and after, as a table, a trace or JSON."""

from __future__ import annotations

import argparse

from ..citation import cite_in
from ..comparison import Comparison, compare, defaults_used
from ..money import format_yuan
from ..registry import default_registry
from ..settlement import OUTPUT_FIELDS, YearResult
from ..trace import Step
from .common import add_case_arguments, add_json_argument, case_from_args, dumps, print_table
from .labels import OUTPUT_LABELS, label, policy_heading


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("compare", help="改革前后对比 / before vs after for one person")
    add_case_arguments(parser)
    add_json_argument(parser)
    parser.add_argument("--steps", action="store_true", help="打印计算步骤 / print the explanation trace")
    parser.set_defaults(run=run)


def side_json(result: YearResult) -> dict:
    data: dict = {"policy": result.policy.id, **result.outputs()}
    if result.family:
        data["family"] = [
            {"relation": f.relation, "requested": f.requested, "paid": f.paid, "refused": f.refused, "reason": f.reason}
            for f in result.family
        ]
    return data


def comparison_json(comparison: Comparison) -> dict:
    """The JSON contract of ``compare`` and of one ``batch`` row: before, after, change, steps."""
    return {
        "before": side_json(comparison.before),
        "after": side_json(comparison.after),
        "change": comparison.change,
        "steps": {
            "before": [step.as_dict() for step in comparison.before.steps],
            "after": [step.as_dict() for step in comparison.after.steps],
        },
    }


def verdict(comparison: Comparison, lang: str) -> str:
    """One plain sentence: does the reform leave this person better or worse off this year?"""
    cash = comparison.change["cash_paid"]
    balance = comparison.change["closing_balance"]
    net = balance - cash  # money kept: less cash out, more left in the account
    if lang == "en":
        if net > 0:
            return f"This year the reform leaves you {format_yuan(net)} better off (cash and account together)."
        if net < 0:
            return f"This year the reform leaves you {format_yuan(-net)} worse off (cash and account together)."
        return "This year the reform makes no difference to your cash and account together."
    if net > 0:
        return f"今年改革后，现金与个人账户合计比改革前多留 {format_yuan(net)}。"
    if net < 0:
        return f"今年改革后，现金与个人账户合计比改革前少 {format_yuan(-net)}。"
    return "今年改革前后，现金与个人账户合计没有差别。"


def _print_steps(title: str, steps: list[Step], lang: str) -> None:
    registry = default_registry()
    print(f"\n{title}")
    for number, step in enumerate(steps, 1):
        print(f"  {number}. {step.title(lang)}: {step.formula(lang)}")
        if step.source is not None:
            print(f"     ↳ {cite_in(step.source, lang, registry)}")


def run(args: argparse.Namespace) -> int:
    case = case_from_args(args)
    scenario, before, after = case.scenario, case.before, case.after
    comparison = compare(scenario, before, after)
    if args.json:
        data = comparison_json(comparison)
        used = defaults_used(scenario, before, after)
        if used:  # a published default stood in for a figure the policy documents leave open: say so
            data["defaults"] = [
                {
                    "side": item.side,
                    "reference": item.name,
                    "value": item.reference.default.value,
                    "year": item.reference.default.year,
                    "publisher": item.reference.default.publisher.en,
                    "secondary": True,
                }
                for item in used
            ]
        print(dumps(data))
        return 0
    lang = args.lang
    headers = [
        "项目" if lang == "zh" else "item",
        policy_heading(before, lang),
        policy_heading(after, lang),
        "变化" if lang == "zh" else "change",
    ]
    rows = [
        [
            label(OUTPUT_LABELS, name, lang),
            format_yuan(getattr(comparison.before, name)),
            format_yuan(getattr(comparison.after, name)),
            format_yuan(comparison.change[name], signed=True),
        ]
        for name in OUTPUT_FIELDS
    ]
    print(before.title.in_lang(lang) + "  →  " + after.title.in_lang(lang))
    print_table(rows, headers, right=(1, 2, 3))
    print("\n" + verdict(comparison, lang))
    for used in defaults_used(scenario, before, after):
        print(used.text(lang))
    if args.steps:
        _print_steps("改革前计算步骤" if lang == "zh" else "Steps before", comparison.before.steps, lang)
        _print_steps("改革后计算步骤" if lang == "zh" else "Steps after", comparison.after.steps, lang)
    return 0
