"""A source cited in the reader's language, by the one function the dashboard and the command line share."""

from __future__ import annotations

import re

import pytest

from calculator.citation import cite_in, english_ref, in_language, reference_in
from calculator.cli import main
from calculator.examples import example_flags
from calculator.registry import default_registry
from tests.dashboard_helpers import start

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


@pytest.mark.parametrize(
    ("ref", "english"),
    [
        ("第十条第二款", "Art. 10 para. 2"),
        ("第四条; 第十二条", "Art. 4; Art. 12"),
        ("第五条（三）", "Art. 5 (3)"),  # an item of an article
        ("第十二条; 第五条（二）（四）", "Art. 12; Art. 5 (2) (4)"),
        ("问十九（例1）", "Q19 (ex. 1)"),
        ("举例2（小陈、小曾）; 问十九（例2、例5）", "Example 2; Q19 (ex. 2, ex. 5)"),  # the names stay Chinese-only
        ("小布丁·举例1", "Example 1"),
        ("二（三）", "Part 2 (3)"),  # a part of the State Council guideline
        ("问题2（三“拓”）", "Q2"),
        # a reference the policy file glosses in English itself keeps its own English words
        (
            "45岁及以上：个人2% + 单位1.7%; own 2% + employer 1.7% at 45 and over",
            "own 2% + employer 1.7% at 45 and over",
        ),
    ],
)
def test_an_article_reference_in_english(ref, english):
    assert reference_in(ref, "en") == english


@pytest.mark.parametrize(
    ("note", "chinese", "english"),
    [
        # Chongqing's deductible note: the ";" belongs to the English aside, not to the note's clauses
        (
            "按自然年度累计 (accumulated over the calendar year; also Q10)",
            "按自然年度累计",
            "accumulated over the calendar year; also Q10",
        ),
        # a Chinese clause with an English gloss, then more Chinese: the English reader gets the gloss alone
        (
            "年度最高支付限额为3000元 (no separate retiree cap), 不纳入年度住院和门诊特殊病种封顶线计算; 起付线以下由个人负担",
            "年度最高支付限额为3000元, 不纳入年度住院和门诊特殊病种封顶线计算; 起付线以下由个人负担",
            "no separate retiree cap",
        ),
        # a ";" inside an English aside of an English note keeps the note whole
        (
            "enter it (per month; credit = value × 12 × 2%)",
            "",
            "enter it (per month; credit = value × 12 × 2%)",
        ),
    ],
)
def test_a_semicolon_inside_brackets_does_not_end_a_clause(note, chinese, english):
    assert in_language(note, "zh") == chinese
    assert in_language(note, "en") == english
    assert not CJK.search(in_language(note, "en"))


def test_the_chongqing_deductible_note_in_each_language():
    note = default_registry().get("chongqing-2024").pooling.deductible.source.note
    assert in_language(note, "zh") == "按自然年度累计"
    assert in_language(note, "en") == "accumulated over the calendar year; also Q10"


def test_what_has_no_english_form_is_left_out_rather_than_shown_in_chinese():
    assert english_ref("2022年重庆市城镇非私营单位就业人员年平均工资（2023年5月发布）") is None
    assert reference_in("2022年重庆市城镇非私营单位就业人员年平均工资（2023年5月发布）", "en") == ""


def test_every_policy_citation_in_english_has_no_chinese_and_names_its_article():
    registry = default_registry()
    for policy in registry.policies.values():
        for path, source in policy.sources():
            english = cite_in(source, "en", registry)
            assert not CJK.search(english), (policy.id, path, english)
            assert "see the Sources page" not in english
    rules = registry.get("chongqing-2024").pooling.deductible.source
    assert cite_in(rules, "en", registry) == (
        "Chongqing implementing rules for the employee outpatient mutual-aid mechanism (Chongqing Healthcare "
        "Security Administration and Chongqing Finance Bureau, Yuyibaofa [2023] No. 32, 2023-12-11) Art. 4"
    )
    assert cite_in(rules, "zh", registry).endswith("2023年12月11日）第四条")


def test_the_english_cli_steps_cite_articles_in_english(capsys):
    assert main(["compare", *example_flags("laoli"), "--steps", "--lang", "en"]) == 0
    cited = [line for line in capsys.readouterr().out.splitlines() if "↳" in line]
    assert cited and not [line for line in cited if CJK.search(line)], cited
    assert any(line.endswith("Yuyibaofa [2023] No. 32, 2023-12-11) Art. 4") for line in cited), cited
    assert main(["regions", "--parameters", "--lang", "en"]) == 0
    assert "第五条" not in capsys.readouterr().out


def test_the_english_sources_page_cites_the_same_articles_as_the_cli():
    """The dashboard words a citation with the very function the command line uses."""
    app = start()
    app.radio(key="lang_switch").set_value("en").run()
    app.switch_page("app_pages/sources.py").run()
    cells = [str(cell) for frame in app.table[1:] for cell in frame.value.iloc[:, 1]]
    registry = default_registry()
    expected = cite_in(registry.get("chongqing-2024").pooling.deductible.source, "en", registry)
    assert expected in cells
    assert not [cell for cell in cells if "see the Sources page" in cell or CJK.search(cell)]
    notes = [str(note) for note in app.table[1].value.iloc[:, 2]]  # Chongqing from 2024
    assert "accumulated over the calendar year; also Q10" in notes  # the deductible's note, its English only
    assert not [note for note in notes if "按自然年度累计" in note]
