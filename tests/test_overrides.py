"""What-if policies: changed parameters take effect, bad changes are refused by name, nothing is clamped."""

from __future__ import annotations

import json

import pytest

from calculator.cli import main
from calculator.errors import CalculatorError
from calculator.overrides import apply_overrides, flatten, load_override_file, overridable_parameters
from calculator.scenario import parse_scenario
from calculator.settlement import settle_year
from tests.conftest import D

# 小杨 (000 举例1): in service, level 2, 1100 yuan in the year.
XIAOYANG = dict(status="in_service", age=35, contribution_base="60000", spending="1100", level=2)


def what_if(registry, changes, policy_id="chongqing-2024"):
    return apply_overrides(registry.get(policy_id), changes, registry.documents)


def pooled(policy, **inputs):
    return settle_year(policy, parse_scenario(inputs)).general_pooling_paid


def test_deductible_override(registry):
    # (1100 − 300) × 60% = 480, against (1100 − 200) × 60% = 540 under the real policy
    policy = what_if(registry, {"deductible.in_service": "300"})
    assert pooled(policy, **XIAOYANG) == D("480.00")
    assert pooled(registry.get("chongqing-2024"), **XIAOYANG) == D("540.00")


def test_rate_and_cap_overrides(registry):
    # (1100 − 200) × 80% = 720
    assert pooled(what_if(registry, {"rates.in_service.2": 80}), **XIAOYANG) == D("720.00")
    # 540 is cut to the new cap of 500
    assert pooled(what_if(registry, {"cap.in_service": "500"}), **XIAOYANG) == D("500.00")


def test_full_paths_work_like_short_ones(registry):
    short = what_if(registry, {"deductible.retired": "50"})
    full = what_if(registry, {"pooling.deductible.retired": "50"})
    assert short.pooling == full.pooling


def test_credit_rule_override(registry):
    # a retiree of 75: 200 a month × 12 = 2400 instead of 115 × 12 = 1380
    policy = what_if(registry, {"credit.retired.bands.1.amount": "200"})
    result = settle_year(policy, parse_scenario(dict(status="retired", age=75, spending="0", level=2)))
    assert result.account_credit == D("2400.00")


def test_whole_credit_rule_from_a_file(registry, tmp_path):
    path = tmp_path / "what_if.yaml"
    path.write_text(
        "credit:\n  retired: {method: fixed_annual, amount: 1500, source: {doc: state_guideline, ref: 'illustration'}}\n"
        "deductible: {retired: 0}\n",
        encoding="utf-8",
    )
    changes = load_override_file(path)
    assert set(changes) == {"credit.retired", "deductible.retired"}
    policy = what_if(registry, changes)
    result = settle_year(policy, parse_scenario(dict(status="retired", age=62, spending="100", level=2)))
    # credit 1500 a year; 100 × 70% = 70 with no deductible
    assert result.account_credit == D("1500.00") and result.general_pooling_paid == D("70.00")


def test_the_base_policy_is_untouched_and_the_copy_is_marked(registry):
    policy = what_if(registry, {"deductible.in_service": "300"})
    assert registry.get("chongqing-2024").pooling.deductible.in_service == D("200")
    assert policy.id == "chongqing-2024~sandbox"
    assert "沙盘" in policy.title.zh and "what-if" in policy.title.en
    assert "deductible.in_service = 300" in policy.notes[-1].zh
    again = apply_overrides(policy, {"deductible.in_service": "250"}, registry.documents)
    assert again.id == "chongqing-2024~sandbox"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"rates.in_service.1": "130"}, ["rates.in_service.1", "100"]),
        ({"cap.retired": "-5"}, ["cap.retired", "0"]),
        ({"deductible.in_service": "abc"}, ["deductible.in_service", "abc"]),
        ({"deductible.in_service": "nan"}, ["deductible.in_service"]),
        ({"deductible.nobody": "1"}, ["deductible.nobody"]),
        ({"id": "x"}, ["id"]),
        ({"pooling.deductible.source.doc": "x"}, ["source"]),
        ({"credit.retired": {"method": "bogus"}}, ["credit.retired", "method"]),
        ({"deductible": "100"}, ["deductible"]),
    ],
)
def test_bad_changes_are_refused_by_name(registry, changes, words):
    with pytest.raises(CalculatorError) as caught:
        what_if(registry, changes)
    for lang in ("zh", "en"):
        message = caught.value.message(lang)
        for word in words:
            assert word in message


def test_a_policy_without_pooling_has_no_deductible_to_change(registry):
    with pytest.raises(CalculatorError, match=r"deductible\.in_service"):
        what_if(registry, {"deductible.in_service": "100"}, "chongqing-pre2024")


def test_every_overridable_parameter_round_trips(registry):
    """Setting each parameter the sandbox offers to its own value leaves the policy's rules unchanged."""
    for policy in registry.policies.values():
        parameters = overridable_parameters(policy)
        changes = {p.path: p.value for p in parameters}
        copy = apply_overrides(policy, changes, registry.documents)
        assert copy.pooling == policy.pooling and copy.account == policy.account, policy.id
        for parameter in parameters:
            assert parameter.label("zh") and parameter.label("en") and parameter.source is not None


def test_overridable_parameter_labels(registry):
    parameters = {p.path: p for p in overridable_parameters(registry.get("chongqing-2024"))}
    assert parameters["rates.retired.3"].label("zh") == "支付比例 · 退休 · 三级"
    assert parameters["rates.retired.3"].value == D("60") and parameters["rates.retired.3"].unit == "percent"
    assert parameters["credit.retired.bands.1.amount"].label("en").endswith("(from age 70)")
    assert parameters["credit.retired.bands.1.amount"].unit == "yuan_per_month"


def test_flatten_keeps_credit_rules_whole():
    assert flatten({"a": {"b": 1, "c": {"method": "x"}}}) == {"a.b": 1, "a.c": {"method": "x"}}


def test_cli_set_changes_the_after_policy(capsys):
    argv = ["compare", "--status", "in_service", "--age", "35", "--contribution-base", "60000"]
    argv += ["--spending", "1100", "--level", "2", "--set", "deductible.in_service=300", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["after"]["policy"] == "chongqing-2024~sandbox"
    assert data["after"]["general_pooling_paid"] == 480.0


@pytest.mark.parametrize("setting", ["rates.in_service.1=130", "cap.in_service=-1", "nonsense", "id=evil"])
def test_cli_bad_set_exits_2_with_a_message(capsys, setting):
    argv = ["compare", "--status", "in_service", "--age", "35", "--contribution-base", "60000"]
    assert main([*argv, "--spending", "1100", "--level", "2", "--set", setting]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.strip()


def test_cli_bad_override_file(capsys, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    argv = ["compare", "--status", "in_service", "--age", "35", "--contribution-base", "60000"]
    assert main([*argv, "--spending", "1100", "--level", "2", "--override-file", str(path)]) == 2
    assert "bad.yaml" in capsys.readouterr().err
    missing = tmp_path / "missing.yaml"
    assert main([*argv, "--spending", "1100", "--level", "2", "--override-file", str(missing)]) == 2
