"""``deck``: the official examples as a briefing deck (PDF, one landscape page per example)."""

from __future__ import annotations

import argparse

from .common import add_lang_argument
from .output import add_output_argument, write_pdf


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("deck", help="官方案例简报 PDF / the official examples as a PDF deck")
    add_lang_argument(parser)
    add_output_argument(parser, "examples.pdf")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..examples import run_examples
    from ..printing import examples_deck

    runs = run_examples()
    path = write_pdf(args.output, examples_deck(runs, lang=args.lang))
    pages = len(runs) + 1
    print(f"已写入 {path}（{pages} 页）" if args.lang == "zh" else f"wrote {path} ({pages} pages)")
    return 0
