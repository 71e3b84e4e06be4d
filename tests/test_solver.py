"""The solver: the range comes from the policy model, the answer re-run meets the target, and it says when
nothing in the range does."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest

from calculator.cli import main
from calculator.errors import InputError
from calculator.overrides import apply_overrides
from calculator.population import DrawnPopulation, no_account_tiers, parse_assumptions, population_reports
from calculator.registry import default_registry
from calculator.solver import parameter_grid, parse_target, solve

SIZE = 20_000


@pytest.fixture(scope="module")
def setting():
    registry = default_registry()
    before, after = registry.pair("chongqing")
    assumptions = parse_assumptions({"size": SIZE, "seed": 3})
    drawn = DrawnPopulation(assumptions, no_account_tiers(before, after))
    return registry, before, after, assumptions, drawn


def test_targets_are_parsed_and_bad_ones_named():
    assert parse_target("net_flow=0").kind == "net_flow"
    assert parse_target("losers=0.25").value == Decimal("0.25")
    for bad in ("net_flow", "balance=0", "losers=1.5", "net_flow=abc", "net_flow=nan"):
        with pytest.raises(InputError) as error:
            parse_target(bad)
        assert "target" in error.value.message("en")
    with pytest.raises(InputError, match="against"):
        parse_target("losers=0.2", against="nobody")


def test_the_range_is_the_policy_models():
    registry = default_registry()
    cap, now = parameter_grid(registry.get("chongqing-2024"), "cap.retired", registry.documents)
    assert (cap.low, cap.high, cap.step, now) == (Decimal(0), Decimal(100_000_000), Decimal("0.01"), Decimal(4000))
    rate, _ = parameter_grid(registry.get("chongqing-2024"), "rates.in_service.2", registry.documents)
    assert (rate.low, rate.high, rate.step) == (Decimal(0), Decimal(100), Decimal("0.0001"))
    # Ganzhou's TCM adds 5 points to the highest rate of a status, and the whole policy must stay ≤ 100 %
    rate, now = parameter_grid(registry.get("ganzhou-2023"), "rates.retired.1", registry.documents)
    assert (rate.high, now) == (Decimal(95), Decimal(65))
    for bad in ("sharing.min_balance_after", "categories.tcm.rate_bonus_points", "nonsense", "references.x.value"):
        with pytest.raises(InputError, match="parameter"):
            parameter_grid(registry.get("ganzhou-2023"), bad, registry.documents)


def _net_per_10000(setting, path: str, value: Decimal) -> Fraction:
    registry, before, after, assumptions, _ = setting
    policy = apply_overrides(after, {path: f"{value:f}"}, registry.documents)
    report = population_reports([(before, policy)], assumptions, chunk_size=1 << 16)[0]  # drawn afresh
    return Fraction(report.flow_fen()["net"] * 100, SIZE)


def test_fund_neutral_credit_rate_re_run_meets_the_target(setting):
    registry, before, after, assumptions, drawn = setting
    path = "credit.in_service.bands.0.percent"
    solution = solve(before, after, path, parse_target("net_flow=0"), assumptions, registry.documents, drawn=drawn)
    assert solution.found and solution.iterations >= 10
    assert solution.bracket[1] - solution.bracket[0] == Decimal("0.0001")  # one step of a percent
    assert solution.exact_check == {"sample": 2000, "mismatches": 0}
    # re-run from scratch at the found value: the net flow (yuan per 10,000) is the residual, within tolerance
    net = _net_per_10000(setting, path, solution.value)
    assert abs(Decimal(net.numerator) / net.denominator - solution.residual) <= Decimal("0.005")
    assert abs(solution.residual) <= solution.tolerance
    # and the two ends of the bracket lie on either side of zero
    low, high = (_net_per_10000(setting, path, v) for v in solution.bracket)
    assert (low > 0) != (high > 0)


def test_share_of_losers_re_run_meets_the_target(setting):
    registry, before, after, assumptions, drawn = setting
    target = parse_target("losers=0.8")
    solution = solve(before, after, "deductible.retired", target, assumptions, registry.documents, drawn=drawn)
    assert solution.found
    policy = apply_overrides(after, {"deductible.retired": f"{solution.value:f}"}, registry.documents)
    report = population_reports([(before, policy)], assumptions)[0]
    share = Decimal(int(report.outcome_totals["combined"][1])) / SIZE
    assert abs(share - target.value) <= solution.tolerance
    assert share - target.value == solution.residual


def test_says_when_no_value_in_the_range_meets_the_target(setting):
    """Even an unlimited retired cap cannot pay out what the Chongqing reform took from the accounts."""
    registry, before, after, assumptions, drawn = setting
    solution = solve(
        before, after, "cap.retired", parse_target("net_flow=0"), assumptions, registry.documents, drawn=drawn
    )
    assert not solution.found and solution.iterations == 2
    assert solution.value == Decimal(100_000_000)  # the closest end
    assert solution.residual > 0
    assert "no value" in solution.message("en") and "没有满足" in solution.message("zh")


def test_cli_solve_json(capsys):
    argv = ["solve", "--parameter", "credit.in_service.bands.0.percent", "--target", "net_flow=0"]
    assert main([*argv, "--size", "20000", "--seed", "3", "--exact-sample", "300", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["found"] is True and data["policy"] == "chongqing-2024~sandbox"
    assert data["valid_range"] == {"low": 0, "high": 100, "step": 0.0001}
    assert Decimal(str(data["value"])) == Decimal(str(data["value"])).quantize(Decimal("0.0001"))
    assert data["bracket"][1] - data["bracket"][0] == pytest.approx(0.0001)
    assert data["exact_check"] == {"sample": 300, "mismatches": 0}
    assert data["target"]["unit"] == "yuan_per_10000_insured"
    assert (data["size"], data["seed"]) == (20000, 3)
    # unreachable: exit 1, and the JSON says so
    assert main(["solve", "--parameter", "cap.retired", "--target", "net_flow=0", "--size", "5000", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["found"] is False


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--parameter", "nonsense", "--target", "net_flow=0"], "parameter"),
        (["--parameter", "cap.retired", "--target", "losers=2"], "target"),
        (["--parameter", "cap.retired", "--target", "net_flow=0", "--size", "9000000"], "size"),
        (["--parameter", "cap.retired", "--target", "net_flow=0", "--step", "-1"], "step"),
        (["--parameter", "cap.retired", "--target", "net_flow=0", "--set", "cap.in_service=-1"], "cap.in_service"),
    ],
)
def test_cli_solve_bad_input_exits_2(argv, named, capsys):
    assert main(["solve", "--size", "2000", "--lang", "en", *argv]) == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err


def test_the_sandbox_step_searches_in_hundredths(setting):
    """The sandbox types two decimals: its solve lands on a value it can type and put in a link."""
    registry, before, after, assumptions, drawn = setting
    path = "credit.in_service.bands.0.percent"
    target = parse_target("net_flow=0")
    coarse = solve(before, after, path, target, assumptions, registry.documents, drawn=drawn, step=Decimal("0.01"))
    fine = solve(before, after, path, target, assumptions, registry.documents, drawn=drawn, exact_sample=0)
    assert coarse.found and coarse.value == coarse.value.quantize(Decimal("0.01"))
    assert coarse.bracket[1] - coarse.bracket[0] == Decimal("0.01")
    assert coarse.bracket[0] <= fine.value <= coarse.bracket[1]
    assert abs(fine.residual) <= abs(coarse.residual)
