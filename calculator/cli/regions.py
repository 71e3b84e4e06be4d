"""``regions``: one person under several policies at once, or the policies' parameters side by side."""

from __future__ import annotations

import argparse

from ..citation import cite_in
from ..money import format_yuan
from ..regions import parameter_table, regional_policies, settle_under
from ..registry import default_registry
from ..settlement import OUTPUT_FIELDS
from .common import add_json_argument, add_lang_argument, add_scenario_arguments, dumps, print_table, scenario_from_args
from .labels import OUTPUT_LABELS, label, policy_heading


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("regions", help="地区对比 / one person under several policies")
    add_scenario_arguments(parser)
    parser.add_argument(
        "--policy",
        dest="policies",
        action="append",
        default=None,
        metavar="POLICY_ID",
        help="政策编号，可重复；默认为各地区现行政策 / policy id, repeatable; default every region's reform",
    )
    parser.add_argument(
        "--with-before", action="store_true", help="同时列出改革前版本 / include the pre-reform versions"
    )
    parser.add_argument(
        "--parameters",
        action="store_true",
        help="只列出参数对照表（含出处），不需要参保人信息 / print the parameter table with sources",
    )
    add_lang_argument(parser)
    add_json_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    registry = default_registry()
    lang = args.lang
    if args.policies:
        policies = [registry.get(policy_id) for policy_id in args.policies]
    else:
        policies = regional_policies(registry, with_before=args.with_before)
    if args.parameters:
        return _print_parameters(policies, registry, lang, args.json)
    outcomes = settle_under(scenario_from_args(args), policies)
    if args.json:
        print(
            dumps(
                [
                    {
                        "policy": o.policy.id,
                        **(o.result.outputs() if o.result else {}),
                        "error": o.error.message(lang) if o.error else None,
                    }
                    for o in outcomes
                ]
            )
        )
        return 0
    headers = ["项目" if lang == "zh" else "item"] + [policy_heading(o.policy, lang, by_region=True) for o in outcomes]
    rows = [
        [label(OUTPUT_LABELS, name, lang)]
        + [format_yuan(getattr(o.result, name)) if o.result else "–" for o in outcomes]
        for name in OUTPUT_FIELDS
    ]
    print_table(rows, headers, right=tuple(range(1, len(headers))))
    for outcome in outcomes:
        if outcome.error:
            print(f"\n{policy_heading(outcome.policy, lang, by_region=True)}: {outcome.error.message(lang)}")
    return 0


def _print_parameters(policies: list, registry, lang: str, as_json: bool) -> int:
    rows = parameter_table(policies, lang)
    if as_json:
        print(
            dumps(
                [
                    {
                        "parameter": row.key,
                        "label": row.label,
                        "cells": {
                            policy.id: {
                                "text": cell.text,
                                "source": cite_in(cell.source, lang, registry) if cell.source else None,
                                "secondary": cell.secondary,
                            }
                            for policy, cell in zip(policies, row.cells, strict=True)
                        },
                    }
                    for row in rows
                ]
            )
        )
        return 0
    headers = ["参数" if lang == "zh" else "parameter"] + [policy_heading(p, lang, by_region=True) for p in policies]
    print_table([[row.label] + [cell.text for cell in row.cells] for row in rows], headers)
    print("\n" + ("出处" if lang == "zh" else "Sources"))
    for row in rows:
        for policy, cell in zip(policies, row.cells, strict=True):
            if cell.source:
                colon = "：" if lang == "zh" else ": "
                print(
                    f"  {row.label} · {policy_heading(policy, lang, by_region=True)}{colon}{cite_in(cell.source, lang, registry)}"
                )
    return 0
