"""Time of a 40-year ledger: the engine alone, and a rerun of the over-the-years page (AppTest).

    python benchmarks/ledger.py [--runs 9] [--years 40]

The engine figure is :func:`calculator.projection.project` for 40 consecutive years, both sides, every
year a full settlement (explanation trace included, as the engine builds it today). The page figure is
what a user's change of an assumption costs on the server: the whole script — the projection, both
charts, the table and the CSV — not the browser's drawing. Medians of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from calculator.comparison import resolve_pair  # noqa: E402
from calculator.projection import parse_projection_input, project  # noqa: E402
from calculator.scenario import parse_scenario  # noqa: E402

# in service at 40, retiring at 60 and passing 70 within the horizon; the wage the pre-reform retiree
# credit needs is given, so both sides are settled every year
PERSON = {"status": "in_service", "age": "40", "contribution_base": "80000", "spending": "3000", "level": "2"}
WAGE = "100000"


def engine_ms(years: int, runs: int) -> list[float]:
    scenario = parse_scenario({**PERSON, "level": 2, "references": {"cq_prior_year_average_wage": WAGE}})
    before, after = resolve_pair("chongqing")
    settings = parse_projection_input({"years": years, "retire_age": 60, "spending_growth": "3", "interest": "1.5"})
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        ledger = project(scenario, before, after, settings)
        out.append((time.perf_counter() - start) * 1000)
    assert len(ledger.years) == years and ledger.cumulative_net()[-1] is not None
    return out


def page_ms(years: int, runs: int) -> tuple[float, list[float]]:
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update({**PERSON, "ref.cq_prior_year_average_wage": WAGE})
    app.run()
    app.query_params.update({"years": str(years), "retire_age": "60", "spending_growth": "3", "interest": "1.5"})
    app.switch_page("app_pages/ledger.py")
    start = time.perf_counter()
    app.run()
    cold = (time.perf_counter() - start) * 1000
    if app.exception or app.error:
        raise SystemExit(f"the page did not settle: {[e.value for e in (*app.exception, *app.error)]}")
    out = []
    for step in range(runs):  # a changing assumption every rerun, as a user typing rates would
        app.number_input(key="lg.interest").set_value(1.5 + 0.5 * (step % 4))
        start = time.perf_counter()
        app.run()
        out.append((time.perf_counter() - start) * 1000)
    return cold, out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="runs (the median is reported)")
    parser.add_argument("--years", type=int, default=40)
    args = parser.parse_args()
    engine = engine_ms(args.years, args.runs)
    cold, page = page_ms(args.years, args.runs)
    print(f"{'what':<34}{'median ms':>12}{'min ms':>10}{'max ms':>10}")
    print(
        f"{f'engine, {args.years} years':<34}{statistics.median(engine):>12.1f}{min(engine):>10.1f}{max(engine):>10.1f}"
    )
    print(
        f"{'page rerun (assumption changed)':<34}{statistics.median(page):>12.1f}{min(page):>10.1f}{max(page):>10.1f}"
    )
    print(f"{'page, first run':<34}{cold:>12.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
