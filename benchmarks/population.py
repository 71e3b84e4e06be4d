"""How fast the population view runs, and how much memory it needs.

    python benchmarks/population.py            # 10^5, 10^6, 10^7 persons, Chongqing before and after
    python benchmarks/population.py --sizes 100000 1000000 --chunk-size 262144

Prints, for each size: the settlement alone (both policies on already drawn persons — the issue's target is
1,000,000 person-years before and after in under 2 s), the whole report (drawing + settling + accumulating,
chunked), persons per second, and the peak traced memory (numpy reports its buffers to ``tracemalloc``), which
should follow the chunk size and not the population. Then the exact Decimal engine's time per person on a
sample of the same persons, for comparison.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculator.population import (
    DEFAULT_CHUNK,
    PopulationAssumptions,
    draw_people,
    population_report,
)
from calculator.registry import default_registry
from calculator.scenario import parse_scenario
from calculator.settlement import settle_year
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--region", default="chongqing")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10**5, 10**6, 10**7])
    parser.add_argument("--chunk-size", type=int, default=DEFAULT_CHUNK)
    parser.add_argument("--exact-sample", type=int, default=5_000)
    args = parser.parse_args()

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


if __name__ == "__main__":
    main()
