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
from .output import write_pdf


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
    parser.add_argument(
        "--pdf", action="store_true", help="写出可打印的 A4 PDF（题目，或 --answers 时为答案）/ write the printable PDF"
    )
    parser.add_argument(
        "-o", "--output", default=None, metavar="sheet.pdf", help="PDF 文件路径 / where to write the PDF"
    )
    parser.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="仪表盘网址，用于链接与二维码 / the dashboard's address for the link and QR code "
        "(default: the MENZHEN_BASE_URL setting, else http://localhost:8501/)",
    )
    add_lang_argument(parser)
    add_json_argument(parser)
    parser.set_defaults(run=run)


def _whole_number(text: str, field: str) -> int:
    value = str(text).strip()
    if not value.lstrip("-").isdecimal() or len(value) > 12:
        raise InputError.one(
            "", f"{field} 应为整数，收到「{value[:20]}」", f"{field} must be a whole number, got '{value[:20]}'"
        )
    return int(value)


def run(args: argparse.Namespace) -> int:
    level = _whole_number(args.level, "level")
    count = _whole_number(args.count, "count")
    seed = _whole_number(args.seed, "seed")
    if args.pdf and (args.json or args.csv):
        raise InputError.one(
            "pdf", "--pdf 不能与 --json 或 --csv 同用", "--pdf cannot be combined with --json or --csv"
        )
    if args.pdf and not args.output:
        raise InputError.one("output", "--pdf 需要用 -o 指定文件路径", "--pdf needs -o with the file to write")
    if args.output and not args.pdf:
        raise InputError.one("output", "-o 只用于 --pdf", "-o is only for --pdf")
    cases = generate(args.region, level, count, seed)
    if args.pdf:
        return _write_pdf(args, cases, seed)
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


def _write_pdf(args: argparse.Namespace, cases: list, seed: int) -> int:
    """The worksheet (or with ``--answers`` the key) made in memory, then written: bad input leaves no file."""
    from ..printing.worksheet import key_pdf, worksheet_pdf

    make = key_pdf if args.answers else worksheet_pdf
    path = write_pdf(args.output, make(cases, seed, args.lang, base=args.base_url))
    what = (
        ("答案" if args.answers else "题目") if args.lang == "zh" else ("answer key" if args.answers else "worksheet")
    )
    print(
        f"已写入{what} {path}（{len(cases)} 题）"
        if args.lang == "zh"
        else f"wrote the {what} to {path} ({len(cases)} cases)"
    )
    return 0
