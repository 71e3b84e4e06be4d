"""The dashboard in a real Chromium: what a resident, a press officer and a trainer actually see."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from calculator.comparison import compare, resolve_pair
from calculator.money import format_yuan
from calculator.scenario import parse_scenario
from tests.e2e.conftest import wait_for_app

DEFAULT_PERSON = dict(status="in_service", tier="employer", age=40, contribution_base="80000", spending="3000", level=2)


def engine(**person):
    """What the engine says for this person (Chongqing's default pair): the numbers the page must show."""
    return compare(parse_scenario(person), *resolve_pair("chongqing"))


def metric(tab, index: int):
    return tab.locator('[data-testid="stMetricValue"]').nth(index)


def test_landing_page_shows_the_default_case(page, app_url):
    page.goto(app_url)
    wait_for_app(page)
    # in service, 40, base 80,000, 3,000 at level 2: (3000 − 200) × 60% = 1,680 pooled,
    # own share 1,320 paid from the 2% × 80,000 = 1,600 credit; cash 0, balance 280
    result = engine(**DEFAULT_PERSON).after
    assert (result.general_pooling_paid, result.cash_paid, result.closing_balance) == (1680, 0, 280)
    expect(page.get_by_text("我的测算").first).to_be_visible()
    values = page.locator('[data-testid="stMetricValue"]')
    expect(values.first).to_be_visible()
    shown = " ".join(values.all_inner_texts())
    for amount in (result.cash_paid, result.closing_balance, result.general_pooling_paid):
        assert format_yuan(amount) in shown, shown
    assert re.search(r"[\u4e00-\u9fff]", page.inner_text("body"))
