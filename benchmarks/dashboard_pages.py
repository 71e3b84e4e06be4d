"""What the server pays for each dashboard page: CPU per script run, over Streamlit's own protocol.

    python benchmarks/dashboard_pages.py [--runs 9] [--plain]

One session opens the dashboard (a retiree of 66, 4,500 a year at level 2, pre-reform credit from the
statement), visits every page in the menu and runs it again --runs times with the same inputs, then
moves My case's spending box --runs times. For each it prints the server's CPU per run (user+system time
of the server process from /proc, so Streamlit's own work around the script and the post-run garbage
collection are counted) and the time to the run's ``script_finished`` message. A run that shows an
error element or does not finish makes the script exit 1.

This replaces the earlier AppTest timing, which skipped the work around the script (the post-run
collection, sending the messages) and reported about a third of what a resident's click costs. The
server is started as scripts/serve.sh starts a worker (deploy/streamlit_worker.py) unless --plain.
Many sessions at once: benchmarks/protocol_load.py; in a real browser: benchmarks/load.py.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from protocol_load import Run, Session, check, cpu_seconds, one_server

QUERY = "status=retired&age=66&spending=4500&level=2&credit_before=2600"


def problem_of(run: Run) -> str | None:
    if run.finished != 0:
        return f"the run finished with status {run.finished}"
    return run.errors[0] if run.errors else None


async def measure(url: str, pids: list[int], runs: int) -> int:
    session = Session(url, 0)
    opened = await session.open(QUERY)
    if problem := problem_of(opened):
        print(f"opening the dashboard: {problem}")
        return 1
    print(f"{'page':<24}{'CPU ms/run':>12}{'median ms':>11}{'max ms':>9}")
    bad = 0
    for page in session.pages:
        first = await session.rerun(page)  # the visit itself (its first run) is not counted
        times, problems = [], [problem_of(first)]
        start_cpu = cpu_seconds(pids)
        for _ in range(runs):
            started = time.perf_counter()
            run = await session.rerun()
            times.append((time.perf_counter() - started) * 1000)
            problems.append(problem_of(run))
        cpu = (cpu_seconds(pids) - start_cpu) * 1000 / runs
        print(f"{page or 'my_case':<24}{cpu:>12.1f}{statistics.median(times):>11.1f}{max(times):>9.1f}", flush=True)
        for problem in filter(None, problems):
            print(f"    {problem}")
            bad += 1
    await session.close()
    # My case with a moving spending box (a tab of the page's default person): every run a new amount,
    # the figures checked against the engine
    session = Session(url, 1)
    await session.open()
    times, start_cpu = [], cpu_seconds(pids)
    for step in range(runs):
        amount = Decimal(3000 + 100 * step)
        started = time.perf_counter()
        run = await session.change_spending(amount)
        times.append((time.perf_counter() - started) * 1000)
        if problem := check(run, amount):
            print(f"    {problem}")
            bad += 1
    cpu = (cpu_seconds(pids) - start_cpu) * 1000 / runs
    print(f"{'my_case, spending moves':<24}{cpu:>12.1f}{statistics.median(times):>11.1f}{max(times):>9.1f}")
    await session.close()
    return 1 if bad else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs per page (CPU is averaged, time medianed)")
    parser.add_argument("--plain", action="store_true", help="plain `streamlit run`, not the serving worker")
    parser.add_argument("--option", action="append", default=[], help="a streamlit option, e.g. runner.x=y")
    args = parser.parse_args()
    with one_server(args.option, args.plain) as (url, pids):
        return asyncio.run(measure(url, pids, args.runs))


if __name__ == "__main__":
    raise SystemExit(main())
