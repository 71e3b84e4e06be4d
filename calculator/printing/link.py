"""The link that reproduces a case in the dashboard, for the printed sheet and its QR code.

The query string is the one My case writes into the address bar (``dashboard.state.form_to_query``; a test
keeps the two identical): region and any explicit policies, then only the inputs the person gave, so a
scanned code opens the same case. Where the dashboard is served is not known to the engine: the dashboard
passes its own address, the command line takes ``--base-url`` (or the ``MENZHEN_BASE_URL`` setting).
"""

from __future__ import annotations

import os
from decimal import Decimal
from urllib.parse import urlencode, urlsplit, urlunsplit

from ..scenario import Scenario

DEFAULT_BASE_URL = "http://localhost:8501/"
BASE_URL_SETTING = "MENZHEN_BASE_URL"
OPTIONAL_MONEY_KEYS = ("opening_balance", "credit_before", "credit_after")


def _money(amount: Decimal) -> str:
    return f"{Decimal(amount):f}"


def case_query(
    scenario: Scenario, region: str, before: str | None = None, after: str | None = None, lang: str = "zh"
) -> dict[str, str]:
    """The dashboard's query keys for this case, in the order My case writes them."""
    query: dict[str, str] = {"region": region}
    if before:
        query["before"] = before
    if after:
        query["after"] = after
    query["status"] = scenario.status
    query["tier"] = scenario.tier
    query["age"] = str(scenario.age)
    if scenario.status == "in_service" and scenario.contribution_base is not None:
        query["contribution_base"] = _money(scenario.contribution_base)
    if scenario.status == "retired" and scenario.pension is not None:
        query["pension"] = _money(scenario.pension)
    if scenario.visits is None:
        query["spending"] = _money(scenario.total_spending)
        if scenario.level is not None:
            query["level"] = str(scenario.level)
        if "other_schemes_paid" in scenario.model_fields_set:
            query["other_schemes_paid"] = _money(scenario.other_schemes_paid)
    for key in OPTIONAL_MONEY_KEYS:
        if key in scenario.model_fields_set and getattr(scenario, key) is not None:
            query[key] = _money(getattr(scenario, key))
    if scenario.visits is not None:
        query["visits"] = ",".join(
            f"{_money(v.amount)}:{v.level}:{v.kind}:{_money(v.other_paid)}:{1 if v.pharmacy else 0}"
            for v in scenario.visits
        )
    if scenario.family:
        query["family"] = ",".join(f"{p.relation}:{_money(p.amount)}" for p in scenario.family)
    for name, amount in sorted(scenario.references.items()):
        query[f"ref.{name}"] = _money(amount)
    if lang == "en":
        query["lang"] = "en"
    return query


def base_url(given: str | None = None) -> str:
    """The dashboard's address: the one given, else the ``MENZHEN_BASE_URL`` setting, else a local server."""
    return given or os.environ.get(BASE_URL_SETTING) or DEFAULT_BASE_URL


def case_link(query: dict[str, str], base: str | None = None) -> str:
    """``https://host/?region=…`` (My case is the dashboard's default page), or on the page's own path when
    the base is the address of My case (``…/my_case``). ":" and "," stay unescaped: a shorter QR code."""
    parts = urlsplit(base_url(base))
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query, safe=":,"), ""))
