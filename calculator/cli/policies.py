"""``policies``: the registry — every policy file, its region, dates and what it replaces."""

from __future__ import annotations

import argparse

from ..citation import cite_in
from ..registry import default_registry
from .common import add_json_argument, add_lang_argument, dumps, print_table
from .labels import KIND_LABELS, label


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("policies", help="政策列表 / list the policies")
    parser.add_argument(
        "--sources", metavar="POLICY_ID", default=None, help="列出该政策每个参数的出处 / cite every parameter"
    )
    add_lang_argument(parser)
    add_json_argument(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    registry = default_registry()
    lang = args.lang
    if args.sources:
        policy = registry.get(args.sources)
        rows = [[path, cite_in(source, lang, registry)] for path, source in policy.sources()]
        if args.json:
            print(dumps([{"parameter": p, **s.model_dump(exclude_none=True)} for p, s in policy.sources()]))
        else:
            print(policy.title.in_lang(lang))
            print_table(rows, ["参数", "出处"] if lang == "zh" else ["parameter", "source"])
        return 0
    policies = sorted(registry.policies.values(), key=lambda p: (p.region.key, str(p.effective_from or "")))
    if args.json:
        print(
            dumps(
                [
                    {
                        "id": p.id,
                        "region": p.region.key,
                        "region_zh": p.region.zh,
                        "region_en": p.region.en,
                        "kind": p.kind,
                        "effective_from": str(p.effective_from) if p.effective_from else None,
                        "effective_to": str(p.effective_to) if p.effective_to else None,
                        "replaces": p.replaces,
                        "title_zh": p.title.zh,
                        "title_en": p.title.en,
                    }
                    for p in policies
                ]
            )
        )
        return 0
    headers = (
        ["编号", "地区", "类型", "生效", "失效", "替代"]
        if lang == "zh"
        else ["id", "region", "kind", "from", "to", "replaces"]
    )
    rows = [
        [
            p.id,
            p.region.in_lang(lang),
            label(KIND_LABELS, p.kind, lang),
            str(p.effective_from or "–"),
            str(p.effective_to or "–"),
            p.replaces or "–",
        ]
        for p in policies
    ]
    print_table(rows, headers)
    return 0
