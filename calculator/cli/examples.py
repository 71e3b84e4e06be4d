"""``examples``: every official worked example, the printed figures beside the engine's."""

from __future__ import annotations

import argparse

from ..examples import ExampleRun, run_examples
from ..money import format_yuan
from .common import add_json_argument, add_lang_argument, dumps, print_table
from .labels import OUTPUT_LABELS, label

SIDE_LABELS = {"before": ("改革前", "before"), "after": ("改革后", "after")}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("examples", help="官方案例核对 / the official worked examples")
    add_lang_argument(parser)
    add_json_argument(parser)
    parser.set_defaults(run=run)


def _side(side: str, lang: str) -> str:
    if side.startswith("visit "):
        return f"第 {side.split()[1]} 笔" if lang == "zh" else side
    return label(SIDE_LABELS, side, lang)


def _field(name: str, lang: str) -> str:
    if name == "pooled":
        return "本笔统筹支付" if lang == "zh" else "pooled this visit"
    if name == "own_share" and lang == "zh":
        return "个人负担"
    return label(OUTPUT_LABELS, name, lang)


def run_json(run: ExampleRun) -> dict:
    return {
        "id": run.example.id,
        "name": run.example.name.model_dump(),
        "matches": run.matches,
        "checks": [
            {
                "side": c.side,
                "field": c.field,
                "official": c.official,
                "exact": c.exact,
                "computed": c.computed,
                "difference": c.difference,
                "matches": c.matches,
            }
            for c in run.checks
        ],
        "errata": [e.model_dump() for e in run.example.errata],
    }


def run(args: argparse.Namespace) -> int:
    runs = run_examples()
    lang = args.lang
    if args.json:
        print(dumps({"all_match": all(r.matches for r in runs), "examples": [run_json(r) for r in runs]}))
        return 0 if all(r.matches for r in runs) else 1
    headers = (
        ["", "项目", "官方数字", "精确值", "本工具计算", "差额", "一致"]
        if lang == "zh"
        else ["", "item", "official", "exact", "computed", "difference", "ok"]
    )
    for run_ in runs:
        example = run_.example
        print(f"\n■ {example.name.in_lang(lang)} — {example.story.in_lang(lang)}")
        rows = [
            [
                _side(c.side, lang),
                _field(c.field, lang),
                format_yuan(c.official),
                format_yuan(c.exact) if c.exact is not None else "–",
                format_yuan(c.computed),
                format_yuan(c.difference, signed=True),
                "✓" if c.matches else "✗",
            ]
            for c in run_.checks
        ]
        print_table(rows, headers, right=(2, 3, 4, 5))
        for note in example.errata:
            print(("  勘误：" if lang == "zh" else "  Erratum: ") + note.in_lang(lang))
        for note in example.notes:
            print(("  说明：" if lang == "zh" else "  Note: ") + note.in_lang(lang))
    matched = sum(r.matches for r in runs)
    summary = (
        f"\n{matched}/{len(runs)} 个官方案例全部数字一致" if lang == "zh" else f"\n{matched}/{len(runs)} examples match"
    )
    print(
        summary
        + (
            "（精确到分，与官方取整数字相差不超过 1 元）"
            if lang == "zh"
            else " (exact to the fen, within 1 yuan of the printed whole yuan)"
        )
    )
    return 0 if matched == len(runs) else 1
