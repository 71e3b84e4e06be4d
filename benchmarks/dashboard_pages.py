"""Script-run time of each dashboard page for a typical scenario (AppTest, median of several reruns).

    python benchmarks/dashboard_pages.py [--runs 9]

The My-case page's target is under 150 ms per rerun on the project's 2-core machine, spending sweep and
break-even included (they are cached with st.cache_data; the first, cold run is reported separately).
A rerun here is what a user's click costs on the server: the whole script, not the browser's drawing.
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

PAGES = [
    "app_pages/my_case.py",
    "app_pages/examples.py",
    "app_pages/regions.py",
    "app_pages/sandbox.py",
    "app_pages/sources.py",
]
# a typical case: a retiree of 66, 4,500 a year at level 2, pre-reform credit from the statement
QUERY = {"status": "retired", "age": "66", "spending": "4500", "level": "2", "credit_before": "2600"}


def timed(app: AppTest) -> float:
    start = time.perf_counter()
    app.run()
    if app.exception:
        raise SystemExit(f"the page raised: {app.exception[0].value}")
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="reruns per page (the median is reported)")
    args = parser.parse_args()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.query_params.update(QUERY)
    first = timed(app)
    print(f"{'page':<22}{'cold ms':>10}{'median ms':>12}{'min ms':>10}{'max ms':>10}")
    for page in PAGES:
        if page != PAGES[0]:
            app.switch_page(page)
            first = timed(app)
        runs = [timed(app) for _ in range(args.runs)]
        print(f"{page:<22}{first:>10.1f}{statistics.median(runs):>12.1f}{min(runs):>10.1f}{max(runs):>10.1f}")
    # a moving slider: every rerun a new spending, inside the cached sweep range (the common case)
    app.switch_page(PAGES[0]).run()
    runs = []
    for step in range(args.runs):
        app.slider(key="w.spending_slider").set_value(3000.0 + 100 * step)
        runs.append(timed(app))
    print(f"{'my_case, slider moves':<22}{'':>10}{statistics.median(runs):>12.1f}{min(runs):>10.1f}{max(runs):>10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
