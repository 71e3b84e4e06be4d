"""The official Chongqing examples (examples/chongqing_official.yaml) reproduced by the engine.

The expected figures live once, in the data file; these tests read them. A few are restated here
with their hand arithmetic, so a wrong data file cannot make a wrong engine pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from calculator.examples import TOLERANCE, run_examples
from tests.conftest import D

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
RUNS = {run.example.id: run for run in run_examples()}


def test_all_seven_examples_are_there():
    assert set(RUNS) == {"xiaoyang", "laomo", "xiaochen", "xiaozeng", "xiaoxie", "laoli", "laozhang"}


@pytest.mark.parametrize("example_id", sorted(RUNS))
def test_every_printed_figure_matches(example_id):
    run = RUNS[example_id]
    assert run.checks, "an example without figures to check proves nothing"
    for check in run.checks:
        assert check.exact is None or check.computed == check.exact, (check.side, check.field)
        assert abs(check.computed - check.official) <= TOLERANCE, (check.side, check.field)


def test_xiaozeng_cash_is_exactly_1527_50():
    # (110400 − 105409 − 200) × 50% = 2395.50 pooled; 110400 − 105409 − 2395.50 = 2595.50 own share;
    # the account pays its 2% × 53,400 = 1,068 credit; cash 2595.50 − 1068 = 1527.50 (the table prints 1527).
    after = RUNS["xiaozeng"].results["after"]
    assert after.general_pooling_paid == D("2395.50")
    assert after.cash_paid == D("1527.50")
    assert after.reimbursed_total == D("107804.50")


def test_xiaoyang_visit_by_visit():
    # visit 1: 100 fills half the 200 deductible, pool pays 0, own 100;
    # visit 2: 200 → 100 fills the rest of the deductible, (200 − 100) × 60% = 60 pooled, own 140;
    # visit 3: 800 × 60% = 480; year: 540 pooled = (1100 − 200) × 60%.
    visits = RUNS["xiaoyang"].results["after"].visits
    assert [v.pooled for v in visits] == [D("0.00"), D("60.00"), D("480.00")]
    assert [v.own_share for v in visits] == [D("100.00"), D("140.00"), D("320.00")]
    assert sum(v.pooled for v in visits) == D("540.00")


def test_laomo_other_schemes_first():
    # (3000 − 1000 − 100) × 70% = 1330; own share 3000 − 1000 − 1330 = 670.
    after = RUNS["laomo"].results["after"]
    assert after.general_pooling_paid == D("1330.00")
    assert after.own_share == D("670.00")
    assert after.reimbursed_total == D("2330.00")


def test_laoli_errata_reimbursement_is_1890_not_910():
    after = RUNS["laoli"].results["after"]
    assert after.reimbursed_total == D("1890.00")  # (2800 − 100) × 70%
    assert after.account_paid == D("910.00")
    assert any("910" in erratum.zh for erratum in RUNS["laoli"].example.errata)


def test_an_example_as_command_line_flags_settles_to_the_same_figures(capsys):
    """老李's flags, read from the examples file, give ``compare`` the case the example settles."""
    import json

    from calculator.cli import main
    from calculator.examples import example_flags

    assert main(["compare", *example_flags("laoli"), "--json"]) == 0
    after = json.loads(capsys.readouterr().out, parse_float=D)["after"]
    # (2,800 − 100) × 70% = 1,890 pooled; 910 from the 105 × 12 = 1,260 credit; 350 left
    figures = (after["general_pooling_paid"], after["account_paid"], after["closing_balance"])
    assert figures == (D("1890.00"), D("910.00"), D("350.00"))


#: a person's name in Chinese, allowed in English text only where the erratum is about the name itself
#: (the source calls one person by two names; the reader checking it needs the characters)
NAMES_ALLOWED_IN_ENGLISH = ("小杨", "小王", "老莫", "老李")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def _english_texts(node: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every English string of an example file: each ``en`` field, and the language-neutral arithmetic."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("en", "arithmetic") and isinstance(value, str):
                yield f"{where}.{key}", value
            else:
                yield from _english_texts(value, f"{where}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _english_texts(item, f"{where}[{index}]")


@pytest.mark.parametrize("path", sorted(EXAMPLES_DIR.glob("*.yaml")), ids=lambda path: path.name)
def test_the_english_text_of_every_example_is_english(path: Path):
    texts = list(_english_texts(yaml.safe_load(path.read_text(encoding="utf-8"))))
    assert len(texts) >= 7 * 2  # every example has at least a name and a story in English
    for where, text in texts:
        for name in NAMES_ALLOWED_IN_ENGLISH:
            text = text.replace(f"({name})", "")  # a name only as a bracketed gloss of its pinyin
        assert not CJK.search(text), f"{path.name}{where}: {text}"
