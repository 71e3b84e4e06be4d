"""Shared test helpers: settle a scenario under a policy id with plain keyword inputs."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from calculator.registry import default_registry  # noqa: E402
from calculator.scenario import parse_scenario  # noqa: E402
from calculator.settlement import YearResult, settle_year  # noqa: E402


def settle(policy_id: str, statement_credit: str | None = None, **inputs) -> YearResult:
    policy = default_registry().get(policy_id)
    credit = Decimal(statement_credit) if statement_credit is not None else None
    return settle_year(policy, parse_scenario(inputs), credit)


def D(text: str) -> Decimal:
    return Decimal(text)


@pytest.fixture(scope="session")
def registry():
    return default_registry()
