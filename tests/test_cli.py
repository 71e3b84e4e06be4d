"""The command line: the JSON contract, tables, examples, the registry, batch files, and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal

import pytest

from calculator.cli import SUBCOMMANDS, main
from calculator.examples import example_flags
from tests.conftest import ROOT

LAOLI = example_flags("laoli")  # 老李 as the examples file holds him


def run_cli(*argv: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "calculator", *argv], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_compare_json_contract(capsys):
    assert main(["compare", *LAOLI, "--json"]) == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    fields = {
        "policy",
        "account_credit",
        "other_schemes_paid",
        "general_pooling_paid",
        "reimbursed_total",
        "own_share",
        "account_paid",
        "cash_paid",
        "closing_balance",
    }
    assert fields <= set(data["before"]) and fields <= set(data["after"])
    assert data["before"]["policy"] == "chongqing-pre2024" and data["after"]["policy"] == "chongqing-2024"
    # 老李 (001 Q19.1): 2525 → 1260 credit, 0 → 1890 reimbursed, cash 275 → 0, balance 0 → 350.
    assert data["after"]["reimbursed_total"] == Decimal("1890.00")
    assert data["change"]["cash_paid"] == Decimal("-275.00")
    assert data["change"]["closing_balance"] == Decimal("350.00")
    assert data["steps"]["after"][0]["key"] == "credit"


def test_json_numbers_keep_the_fen(capsys):
    main(
        [
            "compare",
            "--status",
            "in_service",
            "--tier",
            "individual_tier2",
            "--age",
            "36",
            "--contribution-base",
            "53400",
            "--spending",
            "110400",
            "--level",
            "3",
            "--other-schemes-paid",
            "105409",
            "--json",
        ]
    )
    out = capsys.readouterr().out
    assert '"cash_paid": 1527.50' in out  # 小曾, exact to the fen


def test_compare_with_visits(capsys):
    argv = [
        "compare",
        "--status",
        "in_service",
        "--age",
        "35",
        "--credit-before",
        "0",
        "--credit-after",
        "0",
        "--visit",
        "100@2",
        "--visit",
        "200@2",
        "--visit",
        "800@2",
        "--json",
    ]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert data["after"]["general_pooling_paid"] == Decimal("540.00")  # (1100 − 200) × 60%


def test_compare_table_in_chinese_and_english(capsys):
    assert main(["compare", *LAOLI]) == 0
    zh = capsys.readouterr().out
    assert "现金支付" in zh and "¥1,890.00" in zh and "¥625.00" in zh
    assert main(["compare", *LAOLI, "--lang", "en", "--steps"]) == 0
    en = capsys.readouterr().out
    assert "paid in cash" in en
    assert "the remaining ¥2,700.00 is paid at 70%: pooling pays ¥1,890.00" in en


def test_examples_all_match(capsys):
    assert main(["examples"]) == 0
    assert "7/7" in capsys.readouterr().out


def test_examples_json(capsys):
    assert main(["examples", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["all_match"] is True and len(data["examples"]) == 7


def test_policies_lists_the_registry(capsys):
    assert main(["policies", "--json"]) == 0
    listed = {p["id"]: p for p in json.loads(capsys.readouterr().out)}
    assert listed["chongqing-2024"]["replaces"] == "chongqing-pre2024"
    assert listed["chongqing-2024"]["effective_from"] == "2024-01-01"


def test_bad_input_exits_2_with_one_clear_line_and_no_traceback():
    result = run_cli("compare", "--status", "retired", "--age", "20", "--spending", "100", "--level", "2")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "年龄" in result.stderr and "45" in result.stderr
    english = run_cli(
        "compare", "--status", "retired", "--age", "20", "--spending", "100", "--level", "2", "--lang", "en"
    )
    assert english.returncode == 2 and "age" in english.stderr and "Traceback" not in english.stderr


def test_unknown_flag_and_bad_visit_exit_2():
    assert run_cli("compare", "--nonsense").returncode == 2
    bad = run_cli(
        "compare",
        "--status",
        "in_service",
        "--age",
        "30",
        "--visit",
        "lots@2",
        "--credit-before",
        "0",
        "--credit-after",
        "0",
    )
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "visits[0].amount" in bad.stderr


def test_unknown_policy_id_is_not_a_path(capsys):
    assert main(["compare", *LAOLI, "--after", "../../etc/passwd"]) == 2
    assert "../../etc/passwd" in capsys.readouterr().err


def test_batch_settles_good_rows_and_reports_bad_ones(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text(
        "status,tier,age,contribution_base,spending,level,credit_before,visits\n"
        "retired,employer,62,,2800,2,2525,\n"
        "retired,employer,20,,100,2,,\n"
        "in_service,employer,32,100000,3000,3,,\n"
        "in_service,employer,35,,,,0,100@2;200@2;800@2\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.csv"
    result = run_cli("batch", str(source), "-o", str(target))
    assert result.returncode == 1
    assert "第 3 行" in result.stderr and "第 5 行" in result.stderr
    lines = target.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:]]
    assert rows[0]["after_reimbursed_total"] == "1890.00" and rows[0]["error"] == ""
    assert rows[1]["after_cash_paid"] == "" and "45" in rows[1]["error"]
    assert rows[2]["after_closing_balance"] == "400.00"  # 小陈: 2000 − (3000 − 1400)
    assert "contribution_base" in rows[3]["error"]


def test_batch_reads_bom_and_gbk_chinese_headers(tmp_path):
    text = "身份,年龄,年度门诊费用,医疗机构等级,缴费基数\nin_service,32,3000,3,100000\n"
    for name, data in (("bom.csv", ("\ufeff" + text).encode("utf-8")), ("gbk.csv", text.encode("gbk"))):
        source = tmp_path / name
        source.write_bytes(data)
        target = tmp_path / f"out-{name}"
        assert main(["batch", str(source), "-o", str(target)]) == 0
        assert "1400.00" in target.read_text(encoding="utf-8")  # (3000 − 200) × 50%


def test_batch_rejects_unknown_columns_and_empty_files(tmp_path, capsys):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("status,shoe_size\nretired,42\n", encoding="utf-8")
    assert main(["batch", str(wrong), "-o", str(tmp_path / "o.csv")]) == 2
    assert "shoe_size" in capsys.readouterr().err
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert main(["batch", str(empty), "-o", str(tmp_path / "o.csv"), "--lang", "en"]) == 2
    assert "empty" in capsys.readouterr().err


def test_a_superscript_digit_is_refused_by_name_not_a_crash():
    """``²`` passes ``str.isdigit`` but is no number: the level is refused with its name (exit 2)."""
    flags = ["--status", "retired", "--age", "62", "--spending", "2800", "--level", "²"]
    done = subprocess.run(
        [sys.executable, "-m", "calculator", "compare", *flags],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 2 and "医疗机构等级（level）" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("command", [None, *SUBCOMMANDS])
def test_every_command_prints_its_help(command, capsys):
    """``--help`` formats every flag's help text (a bare ``%`` in one would crash argparse) and exits 0."""
    with pytest.raises(SystemExit) as leaving:
        main(["--help"] if command is None else [command, "--help"])
    assert leaving.value.code == 0
    printed = capsys.readouterr().out
    assert printed.startswith("usage:")
    if command is not None:
        assert f" {command} " in printed.splitlines()[0] + " "


def test_tables_name_policies_as_a_reader_does_not_by_file_id(capsys):
    """Column headings say 改革前/改革后 and the dates in force (the titles' own words), never an id."""
    assert main(["compare", *LAOLI]) == 0
    zh = capsys.readouterr().out.splitlines()
    assert zh[1].split() == ["项目", "改革前（至2023年12月31日）", "改革后（2024年1月1日起）", "变化"]
    assert main(["compare", *LAOLI, "--lang", "en", "--set", "pooling.deductible.retired=150"]) == 0
    en = capsys.readouterr().out.splitlines()
    assert "before (to 2023-12-31)" in en[1] and "after (from 2024-01-01, what-if)" in en[1]
    assert main(["regions", "--status", "retired", "--age", "62", "--spending", "2800", "--level", "2"]) == 0
    regions = capsys.readouterr().out
    assert "重庆（2024年1月1日起）" in regions and "赣州（2023年1月1日起）" in regions
    assert main(["regions", "--parameters", "--with-before", "--lang", "en"]) == 0
    parameters = capsys.readouterr().out
    assert "Chongqing (before, to 2023-12-31)" in parameters and "Tibet (from 2022-01-01)" in parameters
    for out in ("\n".join(zh), "\n".join(en), regions, parameters):
        for policy_id in ("chongqing-2024", "chongqing-pre2024", "ganzhou-2023", "tibet-2022", "~sandbox"):
            assert policy_id not in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_population_table_says_not_given_and_has_no_foreign_words(capsys, lang):
    """The assumptions table says what was not entered in words (never "None" or "{}"), and the English
    money-flow heading carries no Chinese gloss."""
    import re

    assert main(["population", "--size", "2000", "--lang", lang]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith(("insured_population", "references "))]
    assert len(lines) == 2 and all(("未填写" if lang == "zh" else "not given") in line for line in lines), lines
    assert "None" not in out and "{}" not in out
    if lang == "en":
        assert "Where the money moves (benefits swapped, funds shifted)" in out
        assert not re.search(r"[\u4e00-\u9fff]", out)
