"""``solve``: the value of one policy parameter that meets a target over the synthetic population.

    python -m calculator solve --policy chongqing --parameter credit.in_service.bands.0.percent \\
        --target net_flow=0 --size 1000000 --seed 1 --json
    python -m calculator solve --policy chongqing --parameter deductible.retired --target losers=0.8

``--target net_flow=X``: credits removed − pooled payments added against the pre-reform policy, in yuan per
10,000 insured; ``--target losers=S``: the share worse off (``--measure``, against ``--against``). Other
``--set`` changes are held fixed while the parameter moves. ``--step 0.01`` searches as the sandbox does
(in the hundredths it types), so the dashboard's answer is reproduced exactly. The population flags are those of
``population`` (``--assume``, ``--assumptions``, ``--reference``). Exit 0 when a value meets the target,
1 when no value in the parameter's valid range does (the closest is printed), 2 on bad input.
"""

from __future__ import annotations

import argparse

from ..comparison import resolve_pair
from .common import add_json_argument, add_lang_argument, add_override_arguments, dumps, overrides_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("solve", help="求解政策参数：资金平移或受损比例 / solve a parameter for a target")
    parser.add_argument("--policy", default=None, help="region key, giving its before/after pair (default chongqing)")
    parser.add_argument("--before", default=None, help="pre-reform policy id")
    parser.add_argument("--after", default=None, help="the policy whose parameter moves")
    parser.add_argument("--parameter", required=True, metavar="PATH", help="e.g. cap.retired, rates.in_service.1")
    parser.add_argument("--target", required=True, metavar="net_flow=X|losers=S", help="e.g. net_flow=0")
    parser.add_argument("--against", default="pre_reform", help="losers against pre_reform (default) or base")
    parser.add_argument("--measure", default="combined", help="losers by cash, balance or combined (default)")
    parser.add_argument("--size", default=None, help="模拟人数 / persons simulated (default 1,000,000)")
    parser.add_argument("--seed", default=None, help="随机种子 / random seed (default 1)")
    parser.add_argument("--insured-population", default=None, help="换算到的参保人数 / insured count to scale to")
    parser.add_argument("--assumptions", default=None, metavar="FILE", help="JSON/YAML file of assumptions")
    parser.add_argument("--assume", action="append", default=None, metavar="NAME=VALUE", help="one assumption")
    parser.add_argument("--reference", action="append", default=None, metavar="NAME=AMOUNT", help="regional reference")
    parser.add_argument("--exact-sample", default="2000", help="persons checked with the exact engine (default 2000)")
    parser.add_argument("--step", default=None, help="search step, coarser than the field's own (the sandbox's: 0.01)")
    add_override_arguments(parser)
    add_lang_argument(parser)
    add_json_argument(parser)
    parser.set_defaults(run=run)


def _exact_sample(text: str) -> int:
    from ..solver import refuse

    if not text.strip().isdigit() or int(text) > 100_000:
        raise refuse("exact_sample", "应为 0 至 100,000 之间的整数", "must be a whole number from 0 to 100,000")
    return int(text)


def _step(text: str | None):
    from decimal import Decimal, InvalidOperation

    from ..solver import refuse

    if text is None:
        return None
    try:
        step = Decimal(text.strip())
    except InvalidOperation:
        step = Decimal("NaN")
    if not step.is_finite() or step <= 0 or step > 1_000_000 or step != step.quantize(Decimal("0.0001")):
        raise refuse("step", "应为正数，最多四位小数", "must be a positive number with at most four decimals")
    return step


def run(args: argparse.Namespace) -> int:
    from ..population import MAX_KEPT_PERSONS
    from ..registry import default_registry
    from ..solver import parse_target, solve
    from .population import assumptions_from_args

    target = parse_target(args.target, args.against, args.measure)
    assumptions = assumptions_from_args(args)
    if assumptions.size > MAX_KEPT_PERSONS:
        from ..solver import refuse

        raise refuse(
            "size",
            f"求解时人群保留在内存中，最多 {MAX_KEPT_PERSONS:,} 人",
            f"a solve keeps the population in memory: at most {MAX_KEPT_PERSONS:,} persons",
        )
    sample = _exact_sample(args.exact_sample)
    step = _step(args.step)
    before, after = resolve_pair(args.policy, args.before, args.after)
    changes = overrides_from_args(args)
    solution = solve(
        before,
        after,
        args.parameter,
        target,
        assumptions,
        default_registry().documents,
        changes,
        exact_sample=sample,
        step=step,
    )
    data = solution.as_dict(args.lang)
    if args.json:
        print(dumps(data))
    else:
        zh = args.lang != "en"
        print(solution.message(args.lang))
        unit = (
            "元/万名参保人"
            if target.kind == "net_flow" and zh
            else ("yuan per 10,000 insured" if target.kind == "net_flow" else "")
        )
        rows = (
            ("参数", "parameter", solution.parameter),
            ("起始值", "start value", f"{solution.start_value:f}"),
            (
                "有效范围",
                "valid range",
                f"[{solution.grid.low:f}, {solution.grid.high:f}], step {solution.grid.step:f}",
            ),
            ("结果", "value", f"{solution.value:f}"),
            ("残差", "residual", f"{solution.residual} {unit}".strip()),
            ("容差（相邻取值之差）", "tolerance (one step apart)", f"{solution.tolerance} {unit}".strip()),
            ("迭代次数", "iterations", str(solution.iterations)),
            ("模拟人数 / 种子", "persons / seed", f"{solution.size:,} / {solution.seed}"),
            (
                "精确引擎抽查",
                "exact engine check",
                f"{solution.exact_check['mismatches']} / {solution.exact_check['sample']}",
            ),
            ("用时", "seconds", f"{solution.seconds:.2f}"),
        )
        for zh_label, en_label, value in rows:
            print(f"  {zh_label if zh else en_label}: {value}")
    return 0 if solution.found and not solution.exact_check.get("mismatches") else 1
