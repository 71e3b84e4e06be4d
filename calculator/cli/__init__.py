"""``python -m calculator``: the command-line front end of the engine.

Each subcommand lives in its own module with ``register(subparsers)`` and ``run(args) -> int``.
Exit codes: 0 done, 1 done but something did not match or some rows failed, 2 bad input.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from ..errors import CalculatorError
from .common import Parser, fail, requested_lang

SUBCOMMANDS = (
    "compare",
    "batch",
    "examples",
    "policies",
    "regions",
    "population",
    "project",
    "report",
    "deck",
    "practice",
    "solve",
)


def build_parser(command: str | None = None) -> Parser:
    """The parser with every subcommand, or only ``command``'s: a run imports only its own subcommand's
    module (``population`` alone needs numpy), which keeps the start of ``compare`` and ``batch`` short."""
    parser = Parser(
        prog="python -m calculator",
        description="门诊共济测算：职工医保门诊共济改革前后个人账户与报销测算 / outpatient mutual-aid reform calculator",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    for name in (command,) if command in SUBCOMMANDS else SUBCOMMANDS:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(argv[0] if argv else None).parse_args(argv)
    lang = getattr(args, "lang", None) or requested_lang(argv)
    try:
        return args.run(args)
    except CalculatorError as error:
        return fail(error, lang)
    except BrokenPipeError:  # `… | head` closed the pipe: not an error of ours
        return 0
