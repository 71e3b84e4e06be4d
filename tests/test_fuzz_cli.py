"""Whatever is typed or pasted into the command line or a CSV file: a message, an exit code, no traceback."""

from __future__ import annotations

import contextlib
import csv
import io
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calculator.cli import main
from tests.conftest import ROOT

FLAGS = [
    "--status",
    "--tier",
    "--age",
    "--contribution-base",
    "--pension",
    "--spending",
    "--level",
    "--kind",
    "--other-schemes-paid",
    "--opening-balance",
    "--credit-before",
    "--credit-after",
    "--visit",
    "--family",
    "--reference",
    "--region",
    "--before",
    "--after",
    "--set",
    "--lang",
]
NASTY = [
    "",
    "-1",
    "1e999",
    "NaN",
    "inf",
    "0.001",
    "99999999999999999999",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "退休",
    "in_service",
    "retired",
    "2",
    "100@2",
    "100@9",
    "@",
    "spouse=50",
    "x=y",
    "deductible.in_service=50",
    "rates.in_service.1=130",
    "\x00",
    "en",
]
values = st.one_of(st.sampled_from(NASTY), st.text(max_size=20))


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse's own usage errors
            code = stop.code
    return code, out.getvalue(), err.getvalue()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(FLAGS), values), max_size=8))
def test_compare_never_crashes(pairs):
    argv = ["compare"] + [item for pair in pairs for item in pair]
    code, out, err = run_main(argv)
    assert code in (0, 2), (argv, code, err)
    assert "Traceback" not in err and "Traceback" not in out
    if code == 2:
        assert err.strip(), argv  # a message saying what is wrong
    else:
        assert out.strip()


CSV_PIECES = st.sampled_from([*"0123456789,.;:@=-\n\"' abcxyz退休在职", "in_service", "retired", "\r\n", ",,"])
CSV_BODY = st.lists(CSV_PIECES, max_size=120).map("".join)
HEADERS = [
    "status,age,spending,level,contribution_base,pension,credit_before",
    "身份,年龄,年度门诊费用,医疗机构等级",
    "status,shoe_size",
    "",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    st.sampled_from(HEADERS),
    CSV_BODY,
    st.sampled_from(["utf-8", "utf-8-sig", "gbk"]),
)
def test_batch_never_crashes(tmp_path_factory, header, body, encoding):
    folder = tmp_path_factory.mktemp("fuzz")
    source, target = folder / "in.csv", folder / "out.csv"
    source.write_bytes((header + "\n" + body).encode(encoding))
    code, _out, err = run_main(["batch", str(source), "-o", str(target)])
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err and err.strip()


def test_batch_text_in_number_fields_names_the_field(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("status,age,spending,level,contribution_base\nin_service,forty,lots,2,abc\n", encoding="utf-8")
    code, _, err = run_main(["batch", str(source), "-o", str(tmp_path / "out.csv"), "--lang", "en"])
    assert code == 1
    assert "row 2" in err and "age" in err and "spending" in err and "contribution base" in err


def test_batch_does_not_echo_formulas(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('status,age,spending,level\n"=HYPERLINK(""http://x"")",-1,100,2\n', encoding="utf-8")
    run_main(["batch", str(source), "-o", str(tmp_path / "out.csv")])
    row = next(csv.DictReader((tmp_path / "out.csv").open(encoding="utf-8")))
    assert row["status"].startswith("'=") and row["age"] == "-1" and row["error"]


def test_batch_of_100000_rows_settles_the_good_and_names_the_bad(tmp_path):
    """100,000 rows, every 1000th of them bad: 100 reported by row number, 99,900 settled."""
    source, target = tmp_path / "big.csv", tmp_path / "out.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["status", "age", "contribution_base", "spending", "level"])
        for index in range(100_000):
            age = "x" if index % 1000 == 999 else str(20 + index % 40)
            writer.writerow(["in_service", age, str(40_000 + index % 5000), str(index % 9000), str(1 + index % 3)])
    result = subprocess.run(
        [sys.executable, "-m", "calculator", "batch", str(source), "-o", str(target), "--lang", "en"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("row ")]
    assert len(errors) == 100 and errors[0].startswith("row 1001:")  # data row 1000 is spreadsheet row 1001
    assert "settled 99900 rows, 100 failed" in result.stderr
    with target.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 100_000
    # row 0: age 20, base 40000, spending 0 at level 1: credit 2% × 40000 = 800, nothing spent
    assert rows[0]["after_account_credit"] == "800.00" and rows[0]["after_closing_balance"] == "800.00"
