"""One person under several policies, and the parameters side by side with their sources."""

from __future__ import annotations

import json

import pytest

from calculator.cli import main
from calculator.regions import cash_curve, describe_credit_rule, parameter_table, regional_policies, settle_under
from calculator.scenario import parse_scenario
from tests.conftest import D

LAOLI = dict(status="retired", age=62, spending="2800", level=2)


def test_settle_under_each_policy_and_say_what_is_missing(registry):
    before, after = registry.get("chongqing-pre2024"), registry.get("chongqing-2024")
    outcomes = settle_under(parse_scenario(LAOLI), [before, after])
    # the pre-reform retiree credit needs the prior-year average wage, which the policy documents leave open:
    # the file's published default stands in, 107,008 × 2.4% = 2,568.19
    assert outcomes[0].error is None and outcomes[0].result.account_credit == D("2568.19")
    # 老李 after: (2800 − 100) × 70% = 1890; credit 105 × 12 = 1260; own share 910 from the account
    assert outcomes[1].result.general_pooling_paid == D("1890.00")
    assert outcomes[1].result.closing_balance == D("350.00")


def test_statement_credits_do_not_leak_across_policies(registry):
    person = parse_scenario({**LAOLI, "credit_before": "2525", "references": {"cq_prior_year_average_wage": "100000"}})
    before = settle_under(person, [registry.get("chongqing-pre2024")])[0].result
    # each policy's own rule: 2.4% × 100000 = 2400, not the statement's 2525
    assert before.account_credit == D("2400.00") and not before.credit_from_statement


def test_regional_policies_lists_every_region_and_templates(registry):
    ids = [p.id for p in regional_policies(registry, with_before=True)]
    for region, after in registry.regions().items():
        assert after.id in ids
        if after.replaces:
            assert ids.index(after.replaces) == ids.index(after.id) - 1, region
    assert all(p.id in ids for p in registry.templates())


def test_parameter_table_cells_and_sources(registry):
    policies = [registry.get("chongqing-pre2024"), registry.get("chongqing-2024")]
    rows = {row.key: row for row in parameter_table(policies, "zh")}
    assert rows["deductible.in_service"].cells[1].text == "¥200.00"
    assert rows["rates.retired"].cells[1].text == "70% / 70% / 60%"
    assert rows["cap.in_service"].cells[1].text == "¥3,000.00；个人一档 ¥800.00"
    assert rows["deductible.in_service"].cells[0].text == "无普通门诊统筹"
    assert rows["credit.retired"].cells[1].text == "¥105.00/月（70岁以下）；¥115.00/月（70岁及以上）"
    # the 45+ pre-reform band rests on a secondary source, and the table says so
    assert rows["credit.in_service"].cells[0].secondary
    for row in rows.values():
        for cell in row.cells:
            assert cell.source is not None or (row.key == "categories" and cell.text == "–"), row.key


def test_parameter_table_every_policy_every_cell_cited(registry):
    policies = list(registry.policies.values())
    for lang in ("zh", "en"):
        for row in parameter_table(policies, lang):
            assert len(row.cells) == len(policies)
            for policy, cell in zip(policies, row.cells, strict=True):
                assert cell.text, (row.key, policy.id)
                if row.key != "categories" or policy.pooling is None or policy.pooling.categories:
                    assert cell.source is not None, (row.key, policy.id)


def test_describe_credit_rule_in_english(registry):
    text = describe_credit_rule(registry.get("chongqing-pre2024"), "in_service", "en")
    assert (
        text == "3.3% of the contribution base (under 35); 3.5% of the contribution base (35–44); "
        "3.7% of the contribution base (45 and over)"
    )


def test_cash_curve_follows_the_rules(registry):
    person = parse_scenario({**LAOLI, "credit_after": "0"})
    results = cash_curve(person, registry.get("chongqing-2024"), [D("0"), D("100"), D("1000"), D("10000")])
    # own credit 1260 covers the own share until it runs out:
    # 10000: pooled min((10000 − 100) × 70%, 4000) = 4000; own share 6000; account 1260; cash 4740
    assert [r.cash_paid for r in results] == [D("0.00"), D("0.00"), D("0.00"), D("4740.00")]


def test_cli_regions_json(capsys):
    assert main(["regions", "--status", "retired", "--age", "62", "--spending", "2800", "--level", "2", "--json"]) == 0
    rows = {row["policy"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["chongqing-2024"]["general_pooling_paid"] == 1890.0 and rows["chongqing-2024"]["error"] is None


def test_cli_regions_parameters(capsys):
    assert main(["regions", "--parameters", "--with-before", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "deductible (retired)" in out and "Art. 4" in out and "第四条" not in out and "secondary source" in out


def test_cli_regions_unknown_policy(capsys):
    assert main(["regions", "--parameters", "--policy", "../../etc/passwd"]) == 2
    assert "../../etc/passwd" in capsys.readouterr().err


def test_the_regions_page_reads_its_boxes_as_my_case_does():
    """Empty is "not given", 0 is 0, and a negative or text is refused by name below its box, never ignored."""
    from dashboard_helpers import start, unescape

    app = start({"status": "retired", "age": "62", "spending": "2800", "level": "2"}, timeout=120)
    app.switch_page("app_pages/regions.py").run(timeout=120)
    tibet = "西藏自治区职工医保（改革前，至2021年12月31日）"
    box = "rg.credit.tibet-pre2022"

    def cash() -> str:
        return app.table[0].value.set_index("政策").loc[tibet, "现金自付"]

    assert cash() == "无法计算"
    for bad, words in (("-5", "不能为负数"), ("abc", "「abc」不是金额")):
        app.text_input(key=box).input(bad).run(timeout=120)
        refused = [unescape(error.value) for error in app.error]
        assert any(words in text and "改革前年度划入" in text for text in refused), refused
        assert cash() == "无法计算"
    # a credit of 0 on the statement: before the reform nothing is pooled, so all 2,800 is paid in cash
    app.text_input(key=box).input("0").run(timeout=120)
    assert not app.error and cash() == "¥2,800.00"
    app.text_input(key=box).input("").run(timeout=120)
    assert cash() == "无法计算"  # cleared: not given again, never 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_regions_page_says_what_a_policy_needs_in_words_not_field_names(lang):
    """Tibet's pre-reform credit needs the statement figure: the note names the box, says the policy once,
    and the person reads as one sentence (lower case inside it in English, no "(yuan) ¥")."""
    from tests.dashboard_helpers import shown_texts, start, unescape

    app = start()
    if lang == "en":
        app.radio(key="lang_switch").set_value("en").run()
    app.switch_page("app_pages/regions.py").run()
    texts = [unescape(text) for text in shown_texts(app)]
    joined = " ".join(texts)
    assert "credit_before" not in joined and "（元） ¥" not in joined and "(yuan) ¥" not in joined
    title = (
        "西藏自治区职工医保（改革前，至2021年12月31日）"
        if lang == "zh"
        else ("Tibet employee insurance before the reform (to 2021-12-31)")
    )
    missing = [text for text in texts if text.startswith(title) and ("改革前年度划入" in text or "Pre-reform" in text)]
    assert len(missing) == 1 and missing[0].count(title) == 1, missing
    if lang == "en":
        assert "in service, employer-based, age 40, annual outpatient spending ¥3,000.00" in joined
        assert "1 policies" not in joined
        labels = list(app.dataframe[0].value.iloc[:, 0])
        assert "Deductible (in service)" in labels and all(label[0].isupper() for label in labels)
    else:
        assert "在职，单位职工，40岁，全年门诊费用 ¥3,000.00" in joined
