"""What Streamlit itself costs per interaction, beside what My case costs: the floor under any page.

A served Streamlit page pays, on every interaction, for each element and block it sends: the script's
call, the delta message, the hand-over from the script's thread to the server's event loop, the
websocket frame. This measures that cost alone: the serving worker (deploy/streamlit_worker.py, the
served settings of .streamlit/config.toml) runs a page that has one text box and N - 1 one-line captions
and does nothing else, and a client speaking Streamlit's protocol types into the box K times. Then the
same for My case. Printed: the deltas each run sends and the server's CPU per change (user + system
time from /proc, medians of ``--rounds`` rounds), so My case's cost can be read against a bare page
sending as many elements.

    python benchmarks/streamlit_floor.py                  # N = 1 20 40 80 120, then My case
    python benchmarks/streamlit_floor.py --elements 80 --changes 200 --rounds 5

Not a test: it prints figures. Measure on a quiet machine (the figures are CPU time, but two cores
shared with other work still inflate them).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.protocol_load import Session, cpu_seconds, one_server  # noqa: E402

BARE_PAGE = """import streamlit as st

value = st.text_input("spending", key="w.spending")
for line in range({captions}):
    st.caption(f"line {{line}}: {{value}}")
"""


async def measure(url: str, pid: int, changes: int, rounds: int) -> tuple[int, float]:
    """(deltas per run, median server CPU ms per change) for one session typing into the box."""
    session = Session(url, 0)
    await session.open()
    for step in range(10):  # warm: imports, caches, the first runs
        await session.change_spending(Decimal(100 + step))
    results = []
    deltas = 0
    for round_ in range(rounds):
        before = cpu_seconds([pid])
        for step in range(changes):
            run = await session.change_spending(Decimal(1000 + round_ * changes + step))
            deltas = run.deltas
        results.append(1000 * (cpu_seconds([pid]) - before) / changes)
    await session.close()
    return deltas, statistics.median(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--elements", type=int, nargs="+", default=[1, 20, 40, 80, 120], help="bare pages of N")
    parser.add_argument("--changes", type=int, default=100, help="changes per round")
    parser.add_argument("--rounds", type=int, default=3, help="rounds (the median is printed)")
    args = parser.parse_args()
    print(f"{'page':<28} {'deltas/run':>10} {'CPU ms/change':>14}")
    folder = Path(tempfile.mkdtemp(prefix="streamlit-floor-"))
    for count in args.elements:
        script = folder / f"bare_{count}.py"
        script.write_text(BARE_PAGE.format(captions=count - 1))
        with one_server([], plain=False, script=str(script)) as (url, pids):
            deltas, cpu = asyncio.run(measure(url, pids[0], args.changes, args.rounds))
        print(f"{f'bare: 1 box + {count - 1} captions':<28} {deltas:>10} {cpu:>14.1f}", flush=True)
    with one_server([], plain=False) as (url, pids):
        deltas, cpu = asyncio.run(measure(url, pids[0], args.changes, args.rounds))
    print(f"{'My case (app.py)':<28} {deltas:>10} {cpu:>14.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
