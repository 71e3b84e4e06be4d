"""How fast the exact engine settles a person-year, with and without its explanation, and how long the
command line takes as a whole process.

    python benchmarks/engine.py                      # everything, default sizes
    python benchmarks/engine.py --persons 20000 --runs 9 --batch-rows 100000
    python benchmarks/engine.py --skip-batch         # the in-process figures and compare only

Prints:
- the exact engine in µs per person-year, before and after settled (``compare``), on persons drawn from
  the population view's assumptions (one annual spending at one level, as that view draws them): once
  without reading the trace, once with every step's title and sentence rendered in both languages;
- ``python -m calculator compare … --json`` as a whole process: the median (and min/max) of ``--runs``
  runs, once reading the validated policies kept in the user's cache directory (as every run after the
  first does) and once validating the policy files again (``CALCULATOR_POLICY_CACHE=0``);
- ``python -m calculator batch`` of ``--batch-rows`` rows as a whole process (median of ``--batch-runs``).

In-process figures are CPU time and the processes' figures give CPU (user + system) beside the wall
time, so that a machine shared with other work still gives comparable numbers; each is a median.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from calculator.examples import example_flags  # noqa: E402

COMPARE_ARGS = ["compare", *example_flags("laoli"), "--json"]  # 老李, as the examples file holds him


def sample_scenarios(n: int) -> list:
    """``n`` person-years as the population view draws them (Chongqing, seed 0), parsed beforehand."""
    import numpy as np

    from calculator.population import PopulationAssumptions, draw_people
    from calculator.registry import default_registry
    from calculator.scenario import parse_scenario

    _, after = default_registry().pair("chongqing")
    assumptions = PopulationAssumptions()
    people = draw_people(assumptions, n, np.random.default_rng(0), frozenset(after.account.no_account_tiers.tiers))
    return [parse_scenario(people.scenario_data(i, dict(assumptions.references))) for i in range(n)]


def render_all(result) -> None:
    for step in result.steps:
        for lang in ("zh", "en"):
            step.title(lang)
            step.formula(lang)


def engine_us(scenarios: list, rounds: int) -> tuple[float, float]:
    """Median µs per person-year (before and after) without reading the trace, and with it rendered.

    CPU time of this process, not wall time: on a shared machine the wall clock counts other people's work."""
    from calculator.comparison import compare
    from calculator.registry import default_registry

    before, after = default_registry().pair("chongqing")
    bare, explained = [], []
    for _ in range(rounds):
        start = time.process_time()
        for scenario in scenarios:
            compare(scenario, before, after)
        bare.append((time.process_time() - start) / len(scenarios) * 1e6)
        start = time.process_time()
        for scenario in scenarios:
            result = compare(scenario, before, after)
            render_all(result.before)
            render_all(result.after)
        explained.append((time.process_time() - start) / len(scenarios) * 1e6)
    return statistics.median(bare), statistics.median(explained)


def process_seconds(args: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each run of ``python -m calculator ARGS``."""
    walls, cpus = [], []
    environment = {**os.environ, **(env or {})}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        command = [sys.executable, "-m", "calculator", *args]
        subprocess.run(command, cwd=ROOT, check=False, capture_output=True, env=environment)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return walls, cpus


def write_batch_file(path: Path, scenarios: list) -> None:
    """One CSV row per person-year, cycling through the sample (regional references as ``name=amount``)."""
    fields = ("status", "tier", "age", "contribution_base", "pension", "spending", "level", "opening_balance")
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([*fields, "references"])
        for scenario in scenarios:
            cells = ["" if getattr(scenario, name) is None else getattr(scenario, name) for name in fields]
            references = ";".join(f"{name}={value}" for name, value in scenario.references.items())
            writer.writerow([*cells, references])


def describe(times: tuple[list[float], list[float]]) -> str:
    walls, cpus = times
    return (
        f"CPU median {statistics.median(cpus):.3f} s (min {min(cpus):.3f}, max {max(cpus):.3f}); "
        f"wall median {statistics.median(walls):.3f} s (min {min(walls):.3f}); {len(walls)} runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=20_000, help="person-years for the in-process figures")
    parser.add_argument("--rounds", type=int, default=5, help="rounds over the persons (the median is printed)")
    parser.add_argument("--runs", type=int, default=9, help="runs of the compare process")
    parser.add_argument("--batch-rows", type=int, default=100_000)
    parser.add_argument("--batch-runs", type=int, default=3)
    parser.add_argument("--skip-batch", action="store_true")
    args = parser.parse_args()

    scenarios = sample_scenarios(args.persons)
    bare, explained = engine_us(scenarios, args.rounds)
    print(f"exact engine, {args.persons:,} person-years (before and after), median of {args.rounds} rounds:")
    print(f"  without the trace        {bare:8.1f} µs per person-year")
    print(f"  with every step rendered {explained:8.1f} µs per person-year (both languages)")

    print("python -m calculator " + " ".join(COMPARE_ARGS) + ":")
    process_seconds(COMPARE_ARGS, 1)  # leaves the validated policies in the cache, as any first run does
    print("  policies from the cache:    " + describe(process_seconds(COMPARE_ARGS, args.runs)))
    no_cache = {"CALCULATOR_POLICY_CACHE": "0"}
    print("  policy files validated:     " + describe(process_seconds(COMPARE_ARGS, args.runs, no_cache)))

    if not args.skip_batch:
        with tempfile.TemporaryDirectory() as tmp:
            rows = (scenarios * (args.batch_rows // len(scenarios) + 1))[: args.batch_rows]
            source, output = Path(tmp) / "people.csv", Path(tmp) / "out.csv"
            write_batch_file(source, rows)
            times = process_seconds(["batch", str(source), "-o", str(output)], args.batch_runs)
            settled = sum(1 for _ in output.open(encoding="utf-8")) - 1
            print(f"python -m calculator batch ({args.batch_rows:,} rows, {settled:,} written):")
            print("  " + describe(times))


if __name__ == "__main__":
    main()
