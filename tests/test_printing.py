"""The printed case sheet and the examples deck, checked the way a reader meets them: poppler renders the
PDF (``pdftoppm``), extracts its text (``pdftotext``), lists its fonts (``pdffonts``) and pages (``pdfinfo``).

The figures asserted are worked by hand from the Chongqing rules (实施细则 第四、五、九条), not read from the
engine: Lao Li (retired, 62, ¥2,800 at a level-2 hospital, statement credit ¥2,525 before the reform).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from calculator.cli import main
from calculator.comparison import resolve_pair
from calculator.examples import run_examples
from calculator.printing import DeckCase, case_sheet, examples_deck
from calculator.printing.link import case_link, case_query
from calculator.scenario import parse_scenario
from calculator.sweep import spending_sweep

POPPLER = ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm")
LAOLI = ["--status", "retired", "--age", "62", "--spending", "2800", "--level", "2", "--credit-before", "2525"]


def page_size(details: dict[str, str]) -> tuple[float, float, str]:
    """``595.28 x 841.89 pts (A4)`` → (595.28, 841.89, "A4")."""
    match = re.match(r"\s*([\d.]+) x ([\d.]+) pts(?: \((\w+)\))?", details["Page size"])
    return float(match.group(1)), float(match.group(2)), match.group(3) or ""


@pytest.fixture(scope="module", autouse=True)
def poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"poppler-utils missing ({', '.join(missing)}): scripts/test.sh installs it as root")


def tool(*argv: str | Path) -> str:
    done = subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=120, check=True)
    return done.stdout


def text_of(pdf: Path) -> str:
    """The PDF's text with line breaks and spaces removed (a wrapped sentence reads as one)."""
    return re.sub(r"\s+", "", tool("pdftotext", "-layout", pdf, "-"))


def info(pdf: Path) -> dict[str, str]:
    return dict(line.split(":", 1) for line in tool("pdfinfo", pdf).splitlines() if ":" in line)


def fonts(pdf: Path) -> list[list[str]]:
    """``pdffonts`` rows: name, type, encoding, emb, sub, uni, ..."""
    rows = tool("pdffonts", pdf).splitlines()[2:]
    return [row.split() for row in rows]


def assert_fonts_embedded(pdf: Path) -> None:
    rows = fonts(pdf)
    assert rows, "no font listed"
    for row in rows:
        name, emb, sub = row[0], row[-5], row[-4]
        assert "NotoSansSC" in name, row
        assert (emb, sub) == ("yes", "yes"), row  # embedded, as a subset


def rasterise(pdf: Path, tmp_path: Path) -> list[Path]:
    tool("pdftoppm", "-r", "40", "-png", pdf, tmp_path / "page")
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(page.stat().st_size > 2000 for page in pages)  # drawn, not blank
    return pages


@pytest.fixture(scope="module")
def laoli_zh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("zh") / "case.pdf"
    assert main(["report", *LAOLI, "-o", str(out)]) == 0
    return out


def test_the_case_sheet_is_one_a4_page_with_embedded_fonts(laoli_zh: Path, tmp_path: Path) -> None:
    details = info(laoli_zh)
    assert details["Pages"].strip() == "1"
    assert page_size(details) == (595.28, 841.89, "A4")  # portrait
    assert_fonts_embedded(laoli_zh)
    assert len(rasterise(laoli_zh, tmp_path)) == 1
    assert laoli_zh.stat().st_size < 200_000  # the font is subset, not the 8 MB file


def test_the_case_sheet_carries_the_hand_worked_figures_and_the_chinese_headings(laoli_zh: Path) -> None:
    text = text_of(laoli_zh)
    for heading in ("门诊共济测算单", "测算条件", "结算结果", "资金去向", "计算步骤", "政策依据"):
        assert heading in text
    # after the reform: credit 105 × 12 = 1,260 (第九条第二款); pooled (2,800 − 100) × 70 % = 1,890 (第四、五条);
    # own share 910, all from the account; balance 1,260 − 910 = 350. Before: 2,525 from the account, 275 cash.
    for figure in ("¥1,260.00", "¥1,890.00", "¥910.00", "¥350.00", "¥2,525.00", "¥275.00", "-¥275.00", "+¥350.00"):
        assert figure in text, figure
    # cash and account together: before 275 − 0, after 0 − 350: ¥625.00 better off
    assert "比改革前多留¥625.00" in text
    # the sources as a citizen looks them up: title, issuer, 文号, date, article
    assert "渝医保发〔2023〕32号" in text and "2023年12月11日" in text and "第九条第二款" in text
    assert "正式待遇以医保经办机构结算为准" in text
    assert "chongqing-2024" in text and "chongqing-pre2024" in text  # the policy versions
    assert "生成日期" in text


def test_the_case_sheet_links_to_the_case(laoli_zh: Path) -> None:
    urls = tool("pdfinfo", "-url", laoli_zh)
    assert "status=retired" in urls and "credit_before=2525" in urls and "spending=2800" in urls


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_qr_code_scans_as_the_link_that_reopens_the_case(language: str, tmp_path: Path) -> None:
    """What a phone's camera reads off the printed square is the sheet's own link to the case."""
    import cv2  # the tests' QR reader (requirements-dev.txt)

    out = tmp_path / f"case_{language}.pdf"
    assert main(["report", *LAOLI, "--lang", language, "-o", str(out)]) == 0
    tool("pdftoppm", "-r", "300", "-png", out, tmp_path / "page")  # the page as printed at 300 dpi
    image = cv2.imread(str(next(tmp_path.glob("page*.png"))))
    scanned, corners, _ = cv2.QRCodeDetector().detectAndDecode(image)
    assert corners is not None and scanned, "no QR code found on the page"
    linked = tool("pdfinfo", "-url", out).split()[-1]  # the link a reader clicks on the PDF
    assert scanned == linked
    assert "status=retired" in scanned and "spending=2800" in scanned and "credit_before=2525" in scanned
    assert ("lang=en" in scanned) == (language == "en")


def test_the_english_case_sheet(tmp_path: Path) -> None:
    out = tmp_path / "case_en.pdf"
    assert main(["report", *LAOLI, "--lang", "en", "-o", str(out)]) == 0
    text = text_of(out)
    for heading in ("Outpatientmutual-aidestimate", "Thecase", "Theworking", "Sources"):
        assert heading in text
    assert "¥625.00betteroff" in text and "¥1,890.00" in text
    assert "lang=en" in tool("pdfinfo", "-url", out)
    assert info(out)["Pages"].strip() == "1"
    assert_fonts_embedded(out)


#: an article or question number as the Chinese document prints it: 第九条, 第二款, 问十九, 举例1, 例1
CHINESE_ARTICLE = re.compile(r"第[一二三四五六七八九十]+[条款项]|问[一二三四五六七八九十]+|举例\d|（例\d）")


def test_the_english_case_sheet_cites_articles_in_english(tmp_path: Path) -> None:
    """The article beside each step and in the list of sources reads as the dashboard and the CLI cite it."""
    out = tmp_path / "case_en.pdf"
    assert main(["report", *LAOLI, "--lang", "en", "-o", str(out)]) == 0
    text = text_of(out)
    assert not CHINESE_ARTICLE.search(text), CHINESE_ARTICLE.search(text)
    # the credit (实施细则 第九条第二款), the deductible (第四条), the rate (第五条), the Q&A's 问十九（例1）
    for cited in ("[2]Art.9para.2", "[2]Art.4", "[2]Art.5", "Q19(ex.1)"):
        assert cited in text, cited


def test_the_english_deck_cites_articles_in_english(tmp_path: Path) -> None:
    out = tmp_path / "deck_en.pdf"
    assert main(["deck", "--lang", "en", "-o", str(out)]) == 0
    text = text_of(out)
    assert not CHINESE_ARTICLE.search(text), CHINESE_ARTICLE.search(text)
    assert "小布丁" not in text  # the infographic's nickname only the Chinese original can say
    assert "(workedexamples1and2)" in text and "Example1" in text and "Q19(ex.2)" in text


def test_a_long_visit_list_still_fits_one_page(tmp_path: Path) -> None:
    visits = [f"{100 + 37 * i}@{1 + i % 3}" for i in range(40)]
    out = tmp_path / "visits.pdf"
    args = ["report", "--status", "in_service", "--age", "35", "--contribution-base", "90000"]
    assert main([*args, *[item for visit in visits for item in ("--visit", visit)], "-o", str(out)]) == 0
    assert info(out)["Pages"].strip() == "1"
    text = text_of(out)
    assert "篇幅所限有所精简" in text  # the working was shortened, and says so
    assert "另35笔" in text  # five visit rows shown of forty, and a line saying how many more
    total = sum(100 + 37 * i for i in range(40))
    assert f"¥{total:,}.00" in text


def test_bad_input_exits_2_naming_the_field_and_writes_nothing(tmp_path: Path, capsys) -> None:
    out = tmp_path / "bad.pdf"
    assert main(["report", "--status", "retired", "--age", "abc", "--spending", "2800", "-o", str(out)]) == 2
    assert "年龄" in capsys.readouterr().err
    assert main(["report", *LAOLI, "--lang", "en", "--spending", "-5", "-o", str(out)]) == 2
    assert "spending" in capsys.readouterr().err
    assert main(["report", *LAOLI, "-o", str(tmp_path / "missing" / "x.pdf")]) == 2
    assert "输出文件" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "missing").exists()


def test_the_command_without_an_output_file_exits_2() -> None:
    done = subprocess.run(
        ["python", "-m", "calculator", "report", *LAOLI],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "-o/--output" in done.stderr


@pytest.fixture(scope="module")
def deck_zh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("deck") / "examples.pdf"
    assert main(["deck", "-o", str(out)]) == 0
    return out


def test_the_deck_has_a_cover_and_one_landscape_page_per_example(deck_zh: Path, tmp_path: Path) -> None:
    runs = run_examples()
    details = info(deck_zh)
    assert details["Pages"].strip() == str(len(runs) + 1) == "8"
    assert page_size(details) == (841.89, 595.28, "A4")  # landscape
    assert_fonts_embedded(deck_zh)
    assert len(rasterise(deck_zh, tmp_path)) == 8


def test_the_deck_shows_each_printed_figure_beside_ours_and_the_errata(deck_zh: Path) -> None:
    pages = tool("pdftotext", "-layout", deck_zh, "-").split("\f")
    for run, page in zip(run_examples(), pages[1:], strict=False):
        flat = re.sub(r"\s+", "", page)
        assert re.sub(r"\s+", "", run.example.name.zh) in flat
        assert "官方数字" in flat and "本工具" in flat
        for check in run.checks:
            assert f"¥{check.official:,.2f}" in flat
            assert f"¥{check.computed:,.2f}" in flat
        for erratum in run.example.errata:
            assert re.sub(r"\s+", "", erratum.zh)[:12] in flat


def test_the_deck_takes_cases_added_from_my_case(tmp_path: Path) -> None:
    before, after = resolve_pair("chongqing")
    scenario = parse_scenario(
        {"status": "in_service", "age": 40, "contribution_base": 80000, "spending": 3000, "level": 2}
    )
    out = tmp_path / "deck.pdf"
    out.write_bytes(examples_deck(run_examples(), lang="en", cases=[DeckCase("My case 1", scenario, before, after)]))
    assert info(out)["Pages"].strip() == "9"
    last = re.sub(r"\s+", "", tool("pdftotext", "-f", "9", "-l", "9", out, "-"))
    # in service, base 80,000: credit 2 % = 1,600 after; pooled (3,000 − 200) × 60 % = 1,680; own share 1,320
    assert "Mycase1" in last and "¥1,600.00" in last and "¥1,680.00" in last and "¥1,320.00" in last


def test_the_link_is_the_one_my_case_writes() -> None:
    from dashboard import state

    scenarios = [run.example.scenario() for run in run_examples()]
    scenarios.append(
        parse_scenario(
            {
                "status": "retired",
                "age": 70,
                "visits": [
                    {"amount": "120.5", "level": 1, "pharmacy": True},
                    {"amount": 300, "level": 3, "kind": "tcm"},
                ],
                "family": [{"relation": "spouse", "amount": 200}],
                "opening_balance": 0,
            }
        )
    )
    for scenario in scenarios:
        for lang in ("zh", "en"):
            assert case_query(scenario, "chongqing", lang=lang) == state.form_to_query(
                state.form_from_scenario("chongqing", scenario), lang
            )


def test_the_sheet_sweep_is_the_dashboard_sweep() -> None:
    from dashboard import compute

    before, after = resolve_pair("chongqing")
    scenario = parse_scenario({"status": "retired", "age": 62, "spending": 2800, "level": 2, "credit_before": 2525})
    ours, page = spending_sweep(scenario, before, after), compute.sweep(scenario, before.id, after.id)
    assert ours.spendings == page.spendings and ours.high == page.high
    assert ours.cash_after == page.cash_after and ours.balance_before == page.balance_before
    assert ours.break_even == page.break_even and ours.always_better == page.always_better
    # break-even worked by hand, net = cash − year-end balance. Before: the statement credit 2,525 pays first,
    # so net = S − 2,525. After (100 < S, own share 0.3 S + 70 within the 1,260 credit): net = 0.3 S + 70 − 1,260.
    # No worse when 0.3 S − 1,190 ≤ S − 2,525, i.e. S ≥ 1,907.14: the first whole yuan is 1,908.
    assert ours.break_even == Decimal(1908)


def test_a_case_without_a_sweep_still_prints(tmp_path: Path) -> None:
    before, after = resolve_pair("chongqing")
    scenario = parse_scenario({"status": "retired", "age": 62, "spending": 2800, "level": 2, "credit_before": 2525})
    data = case_sheet(scenario, before, after, lang="zh", link=case_link(case_query(scenario, "chongqing")), sweep=None)
    assert data.startswith(b"%PDF") and len(data) < 200_000


def test_wrapping_keeps_every_character_and_never_starts_a_line_with_a_closing_mark() -> None:
    from calculator.printing.sheet import SheetPDF

    pdf = SheetPDF(title="t", lang="zh")
    sentence = (
        "个人负担 10,600.00 元中，先用账户余额和当年划入共 1,800.00 元支付（年初余额 0.00 元加当年划入 1,800.00 元），"
        "账户用完。依据《重庆市建立健全职工基本医疗保险门诊共济保障机制实施细则》（渝医保发〔2023〕32号）第五条。"
    )
    for width in (20.0, 33.0, 47.5, 80.0):
        lines = pdf.wrap(sentence, width, 7.0)
        assert "".join(lines).replace(" ", "") == sentence.replace(" ", "")
        assert all(pdf.width_of(line, 7.0) <= width + 1e-6 for line in lines)
        assert not any(line[:1] in "，。、；：）》」〕" for line in lines)
        assert not any(line[-1:] in "（《「〔“" for line in lines)
        assert "10,600.00" in "\n".join(lines)  # an amount is never split across lines
