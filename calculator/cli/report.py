"""``report``: the one-page PDF 测算单 of one case, from the same flags as ``compare``."""

from __future__ import annotations

import argparse

from .common import add_case_arguments, case_from_args
from .output import add_output_argument, write_pdf


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="一页 PDF 测算单 / the one-page PDF of one case")
    add_case_arguments(parser)
    add_output_argument(parser, "case.pdf")
    parser.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="仪表盘网址，用于重现链接与二维码 / the dashboard's address for the link and QR code "
        "(default: the MENZHEN_BASE_URL setting, else http://localhost:8501/)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    case = case_from_args(args)
    scenario, before, after, changes = case.scenario, case.before, case.after, case.changes
    from ..printing import case_sheet
    from ..printing.link import case_link, case_query

    region = args.region or after.region.key
    query = case_query(scenario, region, args.before, args.after, args.lang)
    data = case_sheet(
        scenario, before, after, lang=args.lang, link=case_link(query, args.base_url), changes=changes or None
    )
    path = write_pdf(args.output, data)
    print(f"已写入 {path}（1 页）" if args.lang == "zh" else f"wrote {path} (1 page)")
    return 0
