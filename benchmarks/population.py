"""How fast the population view runs, and how much memory it needs.

    python benchmarks/population.py            # 10^5, 10^6, 10^7 persons, Chongqing before and after
    python benchmarks/population.py --sizes 100000 1000000 --chunk-size 262144
    python benchmarks/population.py --what-if-only     # the sandbox's what-if and solve at 10^6 only

Prints, for each size: the settlement alone (both policies on already drawn persons — the issue's target is
1,000,000 person-years before and after in under 2 s), the whole report (drawing + settling + accumulating,
chunked), persons per second, and the peak traced memory (numpy reports its buffers to ``tracemalloc``), which
should follow the chunk size and not the population. Then the exact Decimal engine's time per person on a
sample of the same persons, for comparison.

Then the sandbox's population block at ``--what-if-size`` persons (10^6): the first draw (kept in memory),
the first what-if (which also settles and remembers the pre-reform and unchanged policies), then new what-ifs
(each a different retired cap, as a user moving a parameter; the issue's target is ≤ 1 s each), a solve for a
fund-neutral value (target ≤ 10 s), the peak traced memory of a what-if's answer beyond the kept persons, and
the memory the kept persons take.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculator.overrides import apply_overrides
from calculator.population import (
    DEFAULT_CHUNK,
    DrawnPopulation,
    PopulationAssumptions,
    draw_people,
    no_account_tiers,
    population_report,
)
from calculator.population_whatif import what_if_impact
from calculator.registry import default_registry
from calculator.scenario import parse_scenario
from calculator.settlement import settle_year
from calculator.solver import parse_target, solve
from calculator.vectorised import compile_policy, settle


def exact_seconds_per_person(before, after, assumptions: PopulationAssumptions, n: int) -> float:
    """settle_year before and after on ``n`` persons of the population (scenarios parsed beforehand)."""
    people = draw_people(assumptions, n, np.random.default_rng(0), frozenset(after.account.no_account_tiers.tiers))
    scenarios = [parse_scenario(people.scenario_data(i, dict(assumptions.references))) for i in range(n)]
    start = time.perf_counter()
    for scenario in scenarios:
        settle_year(before, scenario)
        settle_year(after, scenario)
    return (time.perf_counter() - start) / n


def what_if_figures(region: str, size: int, rounds: int, parameter: str, target: str) -> None:
    """The sandbox's population block: draw once, then what-ifs and a solve over the kept persons."""
    registry = default_registry()
    before, after = registry.pair(region)
    assumptions = PopulationAssumptions(size=size, seed=1)
    start = time.perf_counter()
    drawn = DrawnPopulation(assumptions, no_account_tiers(before, after))
    draw = time.perf_counter() - start
    print(f"\nwhat-ifs over {size:,} kept persons ({drawn.nbytes() / 2**20:.0f} MiB kept after the draw)")
    print(f"  first draw (persons, spending deciles, cells): {draw:.3f} s")
    timings = []
    for index in range(rounds + 1):
        what_if = apply_overrides(after, {"cap.retired": str(4100 + 100 * index)}, registry.documents)
        start = time.perf_counter()
        what_if_impact(before, after, what_if, assumptions, drawn=drawn).as_dict()
        timings.append(time.perf_counter() - start)
    print(f"  first what-if (also remembers the two policy files' settlements): {timings[0]:.3f} s")
    rest = sorted(timings[1:])
    print(
        f"  a new what-if's answer, {rounds} different caps: median {rest[len(rest) // 2]:.3f} s, "
        f"max {rest[-1]:.3f} s (target ≤ 1 s)"
    )
    what_if = apply_overrides(after, {"cap.retired": "9999"}, registry.documents)
    tracemalloc.start()
    what_if_impact(before, after, what_if, assumptions, drawn=drawn).as_dict()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    print(f"  peak traced memory of one what-if beyond the kept persons: {peak:.1f} MiB")
    print(f"  kept: {drawn.nbytes() / 2**20:.0f} MiB (persons, cells and two remembered settlements)")
    start = time.perf_counter()
    solution = solve(before, after, parameter, parse_target(target), assumptions, registry.documents, drawn=drawn)
    seconds = time.perf_counter() - start
    print(
        f"  solve {parameter} for {target}: {seconds:.2f} s (target ≤ 10 s), {solution.iterations} iterations, "
        f"value {solution.value}, residual {solution.residual} per 10,000 insured, tolerance {solution.tolerance}, "
        f"exact engine check {solution.exact_check['mismatches']} mismatches in {solution.exact_check['sample']}"
    )
    start = time.perf_counter()
    solve(before, after, parameter, parse_target(target), assumptions, registry.documents, exact_sample=0)
    print(f"  the same solve drawing its own persons, no exact check: {time.perf_counter() - start:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="chongqing")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10**5, 10**6, 10**7])
    parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK)
    parser.add_argument("--exact-sample", type=int, default=5_000)
    parser.add_argument("--what-if-size", type=int, default=10**6)
    parser.add_argument("--what-if-rounds", type=int, default=7)
    parser.add_argument("--solve-parameter", default="credit.in_service.bands.0.percent")
    parser.add_argument("--solve-target", default="net_flow=0")
    parser.add_argument("--what-if-only", action="store_true", help="only the sandbox's what-if and solve figures")
    args = parser.parse_args()
    if args.what_if_only:
        what_if_figures(args.region, args.what_if_size, args.what_if_rounds, args.solve_parameter, args.solve_target)
        return

    before, after = default_registry().pair(args.region)
    print(f"{before.id} → {after.id}; chunk size {args.chunk_size:,}; numpy {np.__version__}")
    print(
        f"{'persons':>12}  {'settle only':>12}  {'person-years/s':>15}  {'whole report':>12}  {'persons/s':>12}  peak MiB"
    )
    for size in args.sizes:
        assumptions = PopulationAssumptions(size=size, seed=1)
        # the settlement alone: both policies on persons already drawn (one chunk at most)
        n = min(size, args.chunk_size)
        people = draw_people(assumptions, n, np.random.default_rng(1), frozenset(after.account.no_account_tiers.tiers))
        compiled = (compile_policy(before, assumptions.references), compile_policy(after, assumptions.references))
        start = time.perf_counter()
        chunks = -(-size // n)
        for _ in range(chunks):
            settle(compiled[0], people)
            settle(compiled[1], people)
        settle_time = time.perf_counter() - start
        # the whole report, chunked
        start = time.perf_counter()
        population_report(before, after, assumptions, args.chunk_size)
        report_time = time.perf_counter() - start
        # peak memory of the whole report (a separate run: tracing slows it a little)
        tracemalloc.start()
        population_report(before, after, assumptions, args.chunk_size)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(
            f"{size:>12,}  {settle_time:>10.3f} s  {2 * size / settle_time:>15,.0f}  {report_time:>10.3f} s"
            f"  {size / report_time:>12,.0f}  {peak:>8.1f}"
        )
    per_person = exact_seconds_per_person(before, after, PopulationAssumptions(size=1), args.exact_sample)
    print(
        f"exact Decimal engine (settle_year, before and after): {per_person * 1e6:,.1f} µs per person "
        f"→ {1 / per_person:,.0f} persons/s; 1,000,000 persons would take {per_person * 1e6:,.0f} s"
    )
    what_if_figures(args.region, args.what_if_size, args.what_if_rounds, args.solve_parameter, args.solve_target)


if __name__ == "__main__":
    main()
