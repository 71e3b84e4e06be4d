"""How long the printed sheets take to make and how large they are.

    python benchmarks/printing.py            # 5 runs of each
    python benchmarks/printing.py --runs 9

Prints, for the one-page case sheet (a plain case and one with 40 visits, whose working must be shortened to
fit) and the examples deck, in Chinese and English: the median CPU seconds to make the PDF in process (the
font already found; each document subsets it anew, which is most of the cost) and the file's size.
CPU time rather than wall time, so a machine shared with other work still gives comparable figures.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from calculator.comparison import resolve_pair
from calculator.examples import run_examples
from calculator.printing import case_sheet, examples_deck
from calculator.printing.link import case_link, case_query
from calculator.scenario import parse_scenario

PLAIN = {"status": "retired", "age": 62, "spending": 2800, "level": 2, "credit_before": 2525}
VISITS = {
    "status": "in_service",
    "age": 35,
    "contribution_base": 90000,
    "visits": [{"amount": 100 + 37 * i, "level": 1 + i % 3} for i in range(40)],
}


def measure(make, runs: int) -> tuple[float, int]:
    times, size = [], 0
    for _ in range(runs):
        start = time.process_time()
        size = len(make())
        times.append(time.process_time() - start)
    return statistics.median(times), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    before, after = resolve_pair("chongqing")
    examples = run_examples()
    print(f"{'document':<34}{'lang':<6}{'CPU s (median)':>16}{'size KB':>10}")
    for name, data in (("case sheet, plain", PLAIN), ("case sheet, 40 visits", VISITS)):
        scenario = parse_scenario(data)
        for lang in ("zh", "en"):
            link = case_link(case_query(scenario, "chongqing", lang=lang))
            seconds, size = measure(
                lambda s=scenario, lg=lang, li=link: case_sheet(s, before, after, lang=lg, link=li), runs
            )
            print(f"{name:<34}{lang:<6}{seconds:>16.2f}{size / 1024:>10.0f}")
    for lang in ("zh", "en"):
        seconds, size = measure(lambda lg=lang: examples_deck(examples, lang=lg), runs)
        print(f"{'examples deck (8 pages)':<34}{lang:<6}{seconds:>16.2f}{size / 1024:>10.0f}")


if __name__ == "__main__":
    main()
