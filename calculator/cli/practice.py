"""``practice``: a set of practice cases for a training session, as a worksheet and an answer key.

The same region, level, count and seed give the same cases (the policy files unchanged), so a trainer can
print the worksheet and every trainee can open the same set on the dashboard's practice page.
"""

from __future__ import annotations

import argparse
import json

from ..errors import InputError
from ..practice import (
    DIFFICULTIES,
    MAX_COUNT,
    generate,
    key_csv,
    key_markdown,
    practice_json,
    worksheet_csv,
    worksheet_markdown,
)
from .common import add_json_argument, add_lang_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("practice", help="练习题与答案 / practice cases with an answer key")
    parser.add_argument("--region", default="chongqing", help="region key (default chongqing)")
    parser.add_argument(
        "--level", default="1", metavar="|".join(map(str, DIFFICULTIES)), help="难度 / difficulty (1–4)"
    )
    parser.add_argument("--count", default="10", metavar=f"1..{MAX_COUNT}", help="题数 / number of cases")
    parser.add_argument("--seed", default="1", metavar="N", help="随机种子 / seed: the same seed gives the same cases")
    parser.add_argument("--answers", action="store_true", help="附答案与计算过程 / include the answer key")
    parser.add_argument("--csv", action="store_true", help="以 CSV 输出（题目，或 --answers 时为答案）/ print CSV")
    add_lang_argument(parser)
    add_json_argument(parser)
    parser.set_defaults(run=run)


def _whole_number(text: str, field: str) -> int:
    value = str(text).strip()
    if not value.lstrip("-").isdigit() or len(value) > 12:
        raise InputError.one(
            "", f"{field} 应为整数，收到「{value[:20]}」", f"{field} must be a whole number, got '{value[:20]}'"
        )
    return int(value)


def run(args: argparse.Namespace) -> int:
    level = _whole_number(args.level, "level")
    count = _whole_number(args.count, "count")
    seed = _whole_number(args.seed, "seed")
    cases = generate(args.region, level, count, seed)
    if args.json:
        print(json.dumps(practice_json(cases, seed, args.answers), ensure_ascii=False, indent=2))
    elif args.csv:
        print(key_csv(cases) if args.answers else worksheet_csv(cases), end="")
    else:
        print(worksheet_markdown(cases, seed, args.lang), end="")
        if args.answers:
            print("\n---\n")
            print(key_markdown(cases, seed, args.lang), end="")
    return 0
