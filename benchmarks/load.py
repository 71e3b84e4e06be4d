"""Load: N concurrent browser sessions against one local dashboard server.

Each session opens the My-case page, types a new annual spending into the exact-amount box and waits
until the headline cash figure shows the engine's value for that spending (a wrong number counts as an
error, not as a slow answer). Reports p50/p95 time from the keystroke to the updated number, and the
errors, for each N. Not a test: it prints figures.

    python benchmarks/load.py                 # N = 1, 10, 50
    python benchmarks/load.py --sessions 1 5  # other sizes
    python benchmarks/load.py --url http://127.0.0.1:8501   # an already running server
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculator.comparison import compare, resolve_pair
from calculator.money import format_yuan
from calculator.scenario import parse_scenario
from tests.e2e.server import CHROMIUM, CHROMIUM_ARGS, running_app

TIMEOUT_MS = 120_000
EXACT_BOX = "精确金额（元）"


def expected_cash(spending: int) -> str:
    """The page's default person (in service, 40, base 80,000, level 2, Chongqing) at this spending."""
    person = dict(status="in_service", age=40, contribution_base="80000", spending=str(spending), level=2)
    return format_yuan(compare(parse_scenario(person), *resolve_pair("chongqing")).after.cash_paid)


async def one_session(browser, url: str, index: int) -> tuple[float | None, str | None]:
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    spending = 5000 + 137 * index  # above the 1,600 credit, so the cash figure moves with the spending
    want = expected_cash(spending)
    try:
        await page.goto(url)
        box = page.get_by_label(EXACT_BOX)
        await box.wait_for()
        cash = page.locator('[data-testid="stMetricValue"]').first
        await cash.wait_for()
        await box.fill(str(spending))
        started = time.perf_counter()
        await box.press("Enter")
        await page.wait_for_function(
            "want => { const m = document.querySelector('[data-testid=\"stMetricValue\"]');"
            " return m && m.innerText.trim() === want; }",
            arg=want,
            timeout=TIMEOUT_MS,
        )
        return time.perf_counter() - started, None
    except Exception as exc:
        shown = await page.locator('[data-testid="stMetricValue"]').first.inner_text(timeout=1000) if page else "?"
        return None, f"session {index}: expected {want}, page shows {shown!r} ({type(exc).__name__})"
    finally:
        await context.close()


async def run_level(url: str, sessions: int) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        started = time.perf_counter()
        results = await asyncio.gather(*(one_session(browser, url, i) for i in range(sessions)))
        wall = time.perf_counter() - started
        await browser.close()
    times = sorted(seconds for seconds, _ in results if seconds is not None)
    errors = [error for _, error in results if error]
    if times:
        p50 = statistics.median(times)
        p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
        figures = f"p50 {p50 * 1000:7.0f} ms   p95 {p95 * 1000:7.0f} ms   max {times[-1] * 1000:7.0f} ms"
    else:
        figures = "no successful session"
    print(f"N={sessions:3d}   {figures}   errors {len(errors)}   wall {wall:5.1f} s", flush=True)
    for error in errors[:5]:
        print("    " + error)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--url", default=None, help="use a running server instead of starting one")
    args = parser.parse_args()
    print("time from typing a new spending to the engine's cash figure on screen (one server, 2 cores)")
    if args.url:
        for n in args.sessions:
            asyncio.run(run_level(args.url, n))
        return
    with running_app() as url:
        for n in args.sessions:
            asyncio.run(run_level(url, n))


if __name__ == "__main__":
    main()
