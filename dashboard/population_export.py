"""The population report's exact figures, for the page's download.

The page prints simulated aggregates rounded to what the evidence supports (万元 / ¥ thousands, shares to
0.1%); the exact values — money to the fen, counts and unrounded shares — go into this CSV, one figure per
row with its section, group, measure and unit, so a reader can check any rounded figure on the page.
The file is written by :func:`dashboard.downloads.csv_bytes` like every other download (money to the fen
from the report's exact amounts, counts as integers, shares unrounded).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from calculator.population import MEASURES, OUTCOMES

FLOW_KEYS = ("credits_removed", "pooled_added", "net")
BREAKDOWNS = ("by_age", "by_status", "by_decile")


def report_rows(report: dict, word: Callable[[str], str]) -> list[dict[str, object]]:
    """Every figure of ``report`` (``PopulationReport.as_dict()``) as a row; ``word`` names keys in the
    page's language (``pop.<key>``)."""
    rows: list[dict[str, object]] = []

    def add(section: str, group: str, measure: str, item: str, value: object, unit: str) -> None:
        rows.append(
            {"section": section, "group": group, "measure": measure, "item": item, "value": value, "unit": unit}
        )

    for basis in ("total", "per_10000", "scaled"):
        if basis == "scaled" and report["scale_basis"] != "insured_population":
            continue
        for key in FLOW_KEYS:
            add("flow", basis, "", word(key), Decimal(report["flow"][basis][key]), "yuan")
    for measure in MEASURES:
        for outcome in OUTCOMES:
            add("overall", "", word(measure), word(outcome), report["outcomes"][measure][outcome], "persons")
            add("overall", "", word(measure), word(outcome), report["outcomes"][measure]["shares"][outcome], "share")
    for breakdown in BREAKDOWNS:
        for row in report[breakdown]:
            for measure in MEASURES:
                for outcome in OUTCOMES:
                    add(word(breakdown), row["group"], word(measure), word(outcome), row[measure][outcome], "persons")
    for measure, bins in report.get("change_histograms", {}).items():
        for entry in bins:
            add("histogram", entry["label"], word(measure), "", entry["persons"], "persons")
    return rows
