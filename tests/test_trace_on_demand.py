"""The explanation is built only when read: the settled numbers never depend on it, the words are the
same whether rendered at once or later, and every step of every policy has a sentence in both languages."""

from __future__ import annotations

import pickle
import re

import pytest
from hypothesis import given

from calculator.registry import default_registry
from calculator.scenario import Scenario
from calculator.settlement import settle_year
from calculator.trace import num
from tests.test_properties import POLICIES, SETTINGS, scenarios, statement_for

CJK = re.compile(r"[\u3400-\u9fff]")


def texts(result) -> list[tuple]:
    return [(step.key, step.value, step.source, step.texts()) for step in result.steps]


@pytest.mark.parametrize("policy_id", POLICIES)
def test_explained_and_unexplained_settlements_agree(policy_id):
    policy = default_registry().get(policy_id)

    @SETTINGS
    @given(scenarios(policy), scenarios(policy))
    def run(scenario: Scenario, other: Scenario) -> None:
        statement = statement_for(policy, scenario)
        lazy = settle_year(policy, scenario, statement)
        eager = settle_year(policy, scenario, statement, eager_trace=True)
        assert lazy.outputs() == eager.outputs()
        assert (lazy.visits, lazy.family, lazy.family_paid) == (eager.visits, eager.family, eager.family_paid)
        # words rendered after another settlement are the words rendered at once
        texts(settle_year(policy, other, statement_for(policy, other)))
        assert texts(lazy) == texts(eager)
        assert texts(pickle.loads(pickle.dumps(lazy))) == texts(eager)
        for step in lazy.steps:
            title_zh, title_en, zh, en = step.texts()
            assert title_zh and zh and CJK.search(zh)
            assert not CJK.search(title_en) and not CJK.search(en), (step.key, en)
            assert "min(" not in zh and "min(" not in en
            if step.value:
                assert num(step.value) in zh and num(step.value) in en, (step.key, zh)

    run()
