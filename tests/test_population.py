"""The population view: reproducible, money-conserving, scaled right, and strict about its assumptions."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import numpy as np
import pytest

from calculator.cli import main
from calculator.errors import InputError
from calculator.population import (
    MEASURES,
    PopulationAssumptions,
    assumption_rows,
    draw_people,
    parse_assumptions,
    population_report,
)
from calculator.registry import default_registry

SMALL = 30_000


@pytest.fixture(scope="module")
def chongqing():
    return default_registry().pair("chongqing")


def _report(pair, **changes):
    return population_report(*pair, parse_assumptions({"size": SMALL, **changes}), chunk_size=1 << 16)


def _without_time(data: dict) -> dict:
    return {key: value for key, value in data.items() if key != "seconds"}


def test_same_seed_same_report_and_chunking_does_not_matter(chongqing):
    assumptions = parse_assumptions({"size": 150_000, "seed": 4})
    one = population_report(*chongqing, assumptions, chunk_size=1)  # one block per chunk
    two = population_report(*chongqing, assumptions, chunk_size=1_000_000)  # everything in one chunk
    assert _without_time(one.as_dict()) == _without_time(two.as_dict())
    other = population_report(*chongqing, parse_assumptions({"size": 150_000, "seed": 5}))
    assert other.flow_fen() != one.flow_fen()


def test_money_flow_identities(chongqing):
    report = _report(chongqing, seed=3)
    flow = report.flow_fen()
    totals = report.totals_fen
    assert flow["credits_removed"] == totals["account_credit_before"] - totals["account_credit_after"]
    assert flow["pooled_added"] == totals["general_pooling_paid_after"] - totals["general_pooling_paid_before"]
    assert flow["credits_removed"] - flow["pooled_added"] == flow["net"]
    # per person: closing − cash = opening + credit − (spending − other − pooled), so summed over everyone the
    # change in (balance − cash) is Δcredit + Δpooled = −net
    for table in (report.by_age, report.by_status, report.by_decile):
        assert int(table.combined_change_fen.sum()) == -flow["net"]
    # the same spending is settled in full on both sides: other schemes + pooling + account + cash
    settled = {
        side: sum(
            totals[f"{name}_{side}"]
            for name in ("other_schemes_paid", "general_pooling_paid", "account_paid", "cash_paid")
        )
        for side in ("before", "after")
    }
    assert settled["before"] == settled["after"] > 0


def test_shares_and_counts_add_up(chongqing):
    report = _report(chongqing, seed=8)
    data = report.as_dict()
    for measure in MEASURES:
        assert sum(data["outcomes"][measure]["shares"].values()) == pytest.approx(1.0)
        for table in (report.by_age, report.by_status, report.by_decile):
            assert int(table.persons.sum()) == SMALL
            assert np.array_equal(table.counts[measure].sum(axis=1), table.persons)
            shares = table.shares(measure)
            assert np.allclose(shares.sum(axis=1)[table.persons > 0], 1.0)
    bins = data["cash_change_histogram"]
    assert sum(b["persons"] for b in bins) == SMALL
    zero = next(b for b in bins if b["label"] == "0")
    assert zero["persons"] == data["outcomes"]["cash"]["unchanged"]


def test_hand_computed_population_of_xiao_chen(chongqing):
    # Everyone is 小陈 (000 举例2): 30, in service, employer, base 100,000, spends 10 × 300 = 3000 at level 3,
    # no other schemes, empty account at the start.
    # before: credit 100000 × 3.3% = 3300, pooling 0, account pays 3000, cash 0, closing 300
    # after:  credit 100000 × 2%   = 2000, pooling (3000 − 200) × 50% = 1400, account 1600, cash 0, closing 400
    # per person: credits removed 1300, pooled added 1400, net −100; balance +100, cash unchanged
    # per 10,000: 13,000,000.00 / 14,000,000.00 / −1,000,000.00; for 2,000 persons: 2,600,000 / 2,800,000 / −200,000
    assumptions = parse_assumptions(
        {
            "size": 2_000,
            "retired_share": 0,
            "in_service_age_min": 30,
            "in_service_age_max": 30,
            "base_median": 100_000,
            "base_sigma": 0,
            "zero_spending_in_service": 0,
            "in_service_visits": 10,
            "in_service_cost_per_visit": 300,
            "spending_sigma": 0,
            "level_mix_in_service": {"level1": 0, "level2": 0, "level3": 1},
            "other_schemes_in_service": 0,
            "tier_mix": {"employer": 1, "individual_tier1": 0, "individual_tier2": 0},
            "opening_zero_share": 1,
            "insured_population": 1_000_000,
        }
    )
    data = population_report(*chongqing, assumptions).as_dict()
    assert data["flow"]["per_10000"] == {
        "credits_removed": Decimal("13000000.00"),
        "pooled_added": Decimal("14000000.00"),
        "net": Decimal("-1000000.00"),
    }
    assert data["flow"]["total"]["credits_removed"] == Decimal("2600000.00")
    # scaled to 1,000,000 insured: 1300 × 1,000,000 = 1,300,000,000
    assert data["flow"]["scaled"]["credits_removed"] == Decimal("1300000000.00")
    assert data["outcomes"]["balance"]["gainers"] == 2_000
    assert data["outcomes"]["cash"]["unchanged"] == 2_000


def test_scaling_per_10000_and_to_the_insured_population(chongqing):
    report = _report(chongqing, seed=2, insured_population=3_000_000)
    total = report.flow_fen()["credits_removed"]
    data = report.as_dict()
    # 30,000 simulated: per 10,000 is a third of the total; 3,000,000 insured is 100 × the total
    assert data["flow"]["per_10000"]["credits_removed"] == (Decimal(total) / 3 / 100).quantize(Decimal("0.01"))
    assert data["flow"]["scaled"]["credits_removed"] == Decimal(total)  # 100 × total fen / 100 = total yuan
    assert data["scale_to"] == 3_000_000 and data["scale_basis"] == "insured_population"
    unscaled = _report(chongqing, seed=2).as_dict()
    assert unscaled["scale_basis"] == "simulated_size" and unscaled["scale_to"] == SMALL


def test_generator_follows_the_assumptions():
    a = PopulationAssumptions(size=400_000)
    people = draw_people(a, 400_000, np.random.default_rng(0))
    retired = people.status == 1
    assert retired.mean() == pytest.approx(0.266, abs=0.005)
    assert (people.contribution_base[retired] == 0).all() and (people.pension[~retired] == 0).all()
    assert people.contribution_base[~retired].min() >= 40_000 * 100
    assert people.contribution_base[~retired].max() <= 320_000 * 100
    assert people.age[retired].min() >= 50 and people.age[~retired].max() <= 64
    assert (people.other_schemes_paid <= people.spending).all()
    # seeds/004: retirees 2.17 × the visits and 1.15 × the cost per visit → 2.4955 × the mean spending
    ratio = people.spending[retired].mean() / people.spending[~retired].mean()
    assert ratio == pytest.approx(2.17 * 1.15, rel=0.05)
    assert (people.spending[retired] == 0).mean() == pytest.approx(0.10, abs=0.01)
    assert (people.spending[~retired] == 0).mean() == pytest.approx(0.30, abs=0.01)


def test_deciles_hold_about_a_tenth_of_spenders_each(chongqing):
    report = _report(chongqing, seed=6)
    spenders = report.by_decile.persons[1:]
    assert np.allclose(spenders / spenders.sum(), 0.1, atol=0.015)


@pytest.mark.parametrize(
    ("changes", "zh", "en"),
    [
        (
            {"retired_share": 1.5},
            "退休人员占比（retired_share）：不能大于 1",
            "share retired (retired_share): must be at most 1",
        ),
        ({"size": 0}, "模拟人数", "must be at least 1"),
        (
            {"level_mix_retired": {"level1": 0.5, "level2": 0.5, "level3": 0.5}},
            "退休人员就医机构等级构成",
            "add up to 1",
        ),
        ({"base_min": 500_000}, "base_min", "must not exceed base_max"),
        ({"no_such_thing": 1}, "不是可识别的字段", "is not a known field"),
    ],
)
def test_bad_assumptions_are_refused_with_a_labelled_message(changes, zh, en):
    with pytest.raises(InputError) as caught:
        parse_assumptions(changes)
    assert zh in caught.value.message("zh")
    assert en in caught.value.message("en")


def test_every_assumption_has_a_label_and_an_origin():
    for row in assumption_rows(PopulationAssumptions(), "zh") + assumption_rows(PopulationAssumptions(), "en"):
        assert row["label"] and row["source"], row["name"]
    origins = {row["name"]: row["source"] for row in assumption_rows(PopulationAssumptions(), "en")}
    assert "National Healthcare Security Administration" in origins["retired_visit_ratio"]
    assert "National Healthcare Security Administration" in origins["retired_cost_ratio"]
    assert "secondary" in origins["retired_share"] and "secondary" in origins["references"]


def test_cli_json_contract(capsys):
    code = main(["population", "--policy", "chongqing", "--size", "5000", "--seed", "1", "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["before"], data["after"], data["size"], data["seed"]) == (
        "chongqing-pre2024",
        "chongqing-2024",
        5000,
        1,
    )
    for key in ("outcomes", "flow", "by_age", "by_status", "by_decile", "cash_change_histogram", "assumptions"):
        assert key in data
    assert set(data["flow"]["per_10000"]) == {"credits_removed", "pooled_added", "net"}
    flow = data["flow"]["total"]
    assert Decimal(str(flow["credits_removed"])) - Decimal(str(flow["pooled_added"])) == Decimal(str(flow["net"]))
    assert [row["group"] for row in data["by_status"]] == ["in_service", "retired"]
    assert len(data["by_decile"]) == 11


def test_cli_table_in_english(capsys):
    assert main(["population", "--size", "3000", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Where the money moves" in out and "By spending decile" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["--size", "0"],
        ["--size", "abc"],
        ["--assume", "retired_share=2"],
        ["--assume", "nonsense"],
        ["--policy", "atlantis"],
        ["--chunk-size", "-5"],
        ["--assumptions", "/nonexistent/file.json"],
    ],
)
def test_cli_bad_input_exits_2(argv, capsys):
    assert main(["population", "--size", "1000", *argv] if "--size" not in argv else ["population", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "Traceback" not in err


# --------------------------------------------------------------------------------------------- what-ifs


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from calculator.errors import CalculatorError  # noqa: E402
from calculator.overrides import apply_overrides, overridable_parameters  # noqa: E402
from calculator.population import DrawnPopulation, no_account_tiers, population_reports  # noqa: E402
from calculator.population_whatif import fund_balance, what_if_impact  # noqa: E402
from calculator.scenario import parse_scenario  # noqa: E402
from calculator.settlement import OUTPUT_FIELDS, settle_year  # noqa: E402
from calculator.vectorised import compile_policy, settle  # noqa: E402

WHAT_IF_SIZE = 20_000
HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_DRAWN: dict[str, DrawnPopulation] = {}


def _documents():
    return default_registry().documents


def _drawn() -> DrawnPopulation:
    """One small population kept for every what-if test (drawn once, as the sandbox does)."""
    if "cq" not in _DRAWN:
        before, after = default_registry().pair("chongqing")
        _DRAWN["cq"] = DrawnPopulation(
            parse_assumptions({"size": WHAT_IF_SIZE, "seed": 7}), no_account_tiers(before, after)
        )
    return _DRAWN["cq"]


def _impact(changes: dict):
    before, after = default_registry().pair("chongqing")
    drawn = _drawn()
    what_if = apply_overrides(after, changes, _documents())
    return what_if_impact(before, after, what_if, drawn.assumptions, drawn=drawn)


@pytest.mark.parametrize("changes", [{}, {"cap.retired": "4000", "deductible.in_service": "200.00"}])
def test_a_what_if_equal_to_its_base_changes_nothing(changes):
    """No change, or every parameter set to the value it already has: zero change everywhere."""
    impact = _impact(changes)
    against = impact.against_base
    assert against.after.id == "chongqing-2024~sandbox"
    for measure in MEASURES:
        assert against.outcome_totals[measure].tolist() == [0, 0, WHAT_IF_SIZE]
    totals = against.totals_fen
    assert all(totals[f"{name}_after"] == totals[f"{name}_before"] for name in ("account_credit", "cash_paid"))
    assert totals == {key: totals[key.replace("_after", "_before")] for key in totals}
    assert against.flow_fen() == {"credits_removed": 0, "pooled_added": 0, "net": 0}
    for table in (against.by_age, against.by_status, against.by_tier, against.by_decile):
        assert not table.cash_change_fen.any() and not table.combined_change_fen.any()
        assert (table.counts["combined"][:, 2] == table.persons).all()
    bins = against.histogram_bins()
    assert [b["persons"] for b in bins if b["label"] == "0"] == [WHAT_IF_SIZE]
    assert impact.what_if.flow_fen() == impact.reform.flow_fen()
    assert fund_balance(impact.what_if)["per_10000"] == fund_balance(impact.reform)["per_10000"]


def test_kept_population_gives_the_streamed_answer():
    """Drawing once and settling again (remembering the policy files' settlements) changes no figure."""
    before, after = default_registry().pair("chongqing")
    what_if = apply_overrides(after, {"rates.retired.1": "80"}, _documents())
    drawn = _drawn()
    streamed = population_reports([(before, what_if), (after, what_if)], drawn.assumptions, chunk_size=1 << 16)
    for _ in range(2):  # the second run reads the remembered settlements of the two policy files
        kept = population_reports([(before, what_if), (after, what_if)], drawn.assumptions, drawn=drawn)
        for one, two in zip(streamed, kept, strict=True):
            assert _without_time(one.as_dict()) == _without_time(two.as_dict())


def test_what_if_money_identities():
    """Against the unchanged policy: Δbalance − Δcash = Δcredit + Δpooled (same spending both sides), and the
    rise of the retired cap pays only retirees more, the net falling by exactly the pooled payments added."""
    impact = _impact({"cap.retired": "6000"})
    against = impact.against_base
    totals = against.totals_fen
    delta = {
        name: totals[f"{name}_after"] - totals[f"{name}_before"]
        for name in ("account_credit", "general_pooling_paid", "cash_paid", "closing_balance", "account_paid")
    }
    assert delta["closing_balance"] - delta["cash_paid"] == delta["account_credit"] + delta["general_pooling_paid"]
    assert delta["general_pooling_paid"] + delta["account_paid"] + delta["cash_paid"] == 0
    assert delta["account_credit"] == 0 and delta["general_pooling_paid"] > 0
    assert impact.reform.flow_fen()["net"] - impact.what_if.flow_fen()["net"] == delta["general_pooling_paid"]
    in_service = against.by_status.keys.index("in_service")
    assert against.by_status.counts["combined"][in_service, 2] == against.by_status.persons[in_service]


def test_fund_balance_statement():
    impact = _impact({})
    balance = fund_balance(impact.reform, "en")
    per = balance["per_10000"]
    assert per["net"] == per["credits_removed"] - per["pooled_added"]
    assert balance["verdict"] == ("pays_out_less" if per["net"] > 0 else "pays_out_more")
    from calculator.money import format_rounded_yuan

    # simulated aggregates are written rounded, as on the population page (exact in per_10000)
    assert format_rounded_yuan(per["credits_removed"], "en") in balance["statement"]
    assert format_rounded_yuan(per["pooled_added"], "en") in balance["statement"]
    assert format_rounded_yuan(abs(per["net"]), "en") in balance["statement"]
    assert {row["name"] for row in balance["drivers"]} >= {"retired_share", "in_service_visits", "base_median"}
    zh = fund_balance(impact.reform, "zh")["statement"]
    assert zh.startswith("每万名参保人") and "划入减少" in zh


CAPS = [p.path for p in overridable_parameters(default_registry().get("chongqing-2024")) if p.path.startswith("cap.")]


@HYPOTHESIS
@given(path=st.sampled_from(CAPS), raise_by=st.decimals(min_value="0.01", max_value="20000", places=2))
def test_raising_a_cap_never_makes_anyone_lose(path, raise_by):
    after = default_registry().get("chongqing-2024")
    current = next(p.value for p in overridable_parameters(after) if p.path == path)
    against = _impact({path: f"{current + raise_by:f}"}).against_base
    for measure in MEASURES:
        assert against.outcome_totals[measure][1] == 0, (path, raise_by, measure)
    assert against.totals_fen["general_pooling_paid_after"] >= against.totals_fen["general_pooling_paid_before"]
    assert against.totals_fen["cash_paid_after"] <= against.totals_fen["cash_paid_before"]


SOLVABLE = [
    p
    for p in overridable_parameters(default_registry().get("chongqing-2024"))
    if p.path.startswith(("deductible.", "rates.", "cap.", "credit."))
]


@HYPOTHESIS
@given(
    picks=st.lists(
        st.tuples(st.sampled_from(SOLVABLE), st.decimals(min_value=0, max_value=9999, places=2)), min_size=1, max_size=4
    ),
    seed=st.integers(0, 2**32),
)
def test_vectorised_agrees_with_exact_engine_on_sandbox_policies(picks, seed):
    """Random what-ifs of the Chongqing policy: both engines settle the same persons to the same fen."""
    registry = default_registry()
    changes = {}
    for parameter, value in picks:
        if parameter.unit == "percent":
            value = (value / 100).quantize(Decimal("0.0001"))
        changes[parameter.path] = f"{value:f}"
    try:
        policy = apply_overrides(registry.get("chongqing-2024"), changes, registry.documents)
    except CalculatorError:
        return  # refused with the parameter named (tested in test_overrides); nothing to settle
    before = registry.get("chongqing-pre2024")
    assumptions = parse_assumptions({"size": 300, "seed": seed % 1000})
    people = draw_people(assumptions, 300, np.random.default_rng(seed), no_account_tiers(before, policy))
    vector = settle(compile_policy(policy, assumptions.references), people)
    for i in range(len(people)):
        exact = settle_year(policy, parse_scenario(people.scenario_data(i, dict(assumptions.references))))
        for name in OUTPUT_FIELDS:
            assert int(getattr(exact, name).scaleb(2)) == int(getattr(vector, name)[i]), (changes, i, name)


def test_cli_what_if_json_has_compare_to(capsys, tmp_path):
    argv = ["population", "--size", "5000", "--seed", "2", "--set", "cap.retired=6000", "--json"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["before"], data["after"]) == ("chongqing-pre2024", "chongqing-2024~sandbox")
    assert data["changes"] == {"cap.retired": "6000"}
    block = data["compare_to"]
    assert block["policy"] == "chongqing-2024"
    assert block["outcomes"]["combined"]["losers"] == 0 and block["outcomes"]["combined"]["gainers"] > 0
    for key in ("by_age", "by_status", "by_tier", "by_decile", "cash_change_histogram"):
        assert key in block and key in data
    changes = {k: Decimal(str(v)) for k, v in block["changes"]["per_10000"].items()}
    assert changes["account_credit"] == 0 and changes["general_pooling_paid"] > 0 > changes["cash_paid"]
    assert set(data["fund_balance"]) == {"reform", "what_if"}
    # the same changes from a file, and the insured count scales the change
    file = tmp_path / "what_if.json"
    file.write_text(json.dumps({"cap": {"retired": 6000}}), encoding="utf-8")
    argv = [
        "population",
        "--size",
        "5000",
        "--seed",
        "2",
        "--override-file",
        str(file),
        "--insured-population",
        "20000",
        "--json",
    ]
    assert main(argv) == 0
    again = json.loads(capsys.readouterr().out)
    assert again["compare_to"]["outcomes"] == block["outcomes"]
    scaled = Decimal(str(again["compare_to"]["changes"]["scaled"]["general_pooling_paid"]))
    assert scaled == changes["general_pooling_paid"] * 2


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (["--set", "cap.retired=-5"], "cap.retired"),
        (["--set", "nonsense=5"], "nonsense"),
        (["--set", "cap.retired"], "set[0]"),
    ],
)
def test_cli_what_if_bad_input_exits_2(argv, named, capsys):
    assert main(["population", "--size", "1000", "--lang", "en", *argv]) == 2
    err = capsys.readouterr().err
    assert named in err and "Traceback" not in err


# --------------------------------------------------------------------------------------------- the sandbox block


def _sandbox(query: dict[str, str]):
    """The sandbox page opened straight from a link, as a browser does."""
    from dashboard_helpers import APP
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params.update(query)
    app.switch_page("app_pages/sandbox.py").run()
    assert not app.exception and not app.error
    return app


def _money_table(app):
    return next(df.value for df in app.dataframe if "每万名参保人" in df.value.columns)


def test_sandbox_block_shows_the_engines_change_and_keeps_size_in_the_link():
    """A link with a what-if and a population size: the block's money changes are the engine's, the size and
    the insured count stay in the link, and a bad size in a link is refused and named."""
    from calculator.money import format_rounded_yuan

    app = _sandbox(
        {"sandbox": "chongqing-2024", "change": "cap.retired:6000", "sb_size": "30000", "sb_insured": "60000"}
    )
    table = _money_table(app)
    before, after = default_registry().pair("chongqing")
    what_if = apply_overrides(after, {"cap.retired": "6000"}, _documents())
    assumptions = parse_assumptions({"size": 30_000, "insured_population": 60_000})
    expected = what_if_impact(before, after, what_if, assumptions).as_dict()["compare_to"]["changes"]
    pooled = table.iloc[1].tolist()
    # simulated money on the page is rounded as on the population page (exact in the downloads)
    assert pooled[1:] == [
        "+" + format_rounded_yuan(expected["per_10000"]["general_pooling_paid"]),
        "+" + format_rounded_yuan(expected["scaled"]["general_pooling_paid"]),
    ]
    assert expected["scaled"]["general_pooling_paid"] > 0 and table.columns[2] == "按 60,000 名参保人"
    assert (app.query_params["sb_size"], app.query_params["sb_insured"]) == ("30000", "60000")
    overall = next(df.value for df in app.dataframe if "比较" in df.value.columns)
    shares = what_if_impact(before, after, what_if, assumptions).against_base.outcome_totals["combined"]
    assert overall.iloc[2].tolist()[2:] == [f"{count / 30_000:.1%}" for count in shares]
    assert shares[1] == 0  # a higher cap: nobody worse off
    assert any("统筹支付比账户划入的减少额" in unescape_markdown(m.value) for m in app.markdown)
    # every chart of the simulated population says so in its own (bold) title, not only in a note line
    titles = [json.loads(chart.proto.spec)["layout"]["title"]["text"] for chart in app.get("plotly_chart")]
    bold = [re.sub(r"<[^>]+>", "", " ".join(re.findall(r"<b>(.*?)</b>", title))) for title in titles]
    population_titles = [title for title, full in zip(bold, titles, strict=True) if "假设见本页" in full]
    assert len(population_titles) == 4, bold  # changes, shares by age, the histogram, the fund balance
    assert all(title.startswith("模拟人群") for title in population_titles), population_titles

    refused = _sandbox({"sandbox": "chongqing-2024", "sb_size": "99999999999"})
    assert any("sb_size=99999999999" in unescape_markdown(w.value) for w in refused.warning)
    assert "sb_size" not in refused.query_params  # the default size is used and not written back


def unescape_markdown(text: str) -> str:
    return text.replace("\\", "")


def test_sandbox_block_with_nothing_changed_shows_no_change():
    app = _sandbox({"sandbox": "chongqing-2024", "sb_size": "20000"})
    table = _money_table(app)
    assert set(table.iloc[:, 1]) == {"¥0"} and set(table.iloc[:, 2]) == {"¥0"}


def test_a_kept_population_rescales_to_a_new_insured_count_without_drawing_again():
    before, after = default_registry().pair("chongqing")
    drawn = _drawn()
    scaled = drawn.assumptions.model_copy(update={"insured_population": 3 * WHAT_IF_SIZE})
    plain, again = (population_reports([(before, after)], a, drawn=drawn)[0] for a in (drawn.assumptions, scaled))
    assert again.totals_fen == plain.totals_fen and again.scale_to == 3 * WHAT_IF_SIZE
    assert again.flow(again.scale_to)["net"] == plain.flow(plain.size)["net"] * 3
    with pytest.raises(ValueError, match="other assumptions"):
        population_reports([(before, after)], drawn.assumptions.model_copy(update={"seed": 99}), drawn=drawn)
