"""The practice worksheet and answer key as printed PDFs, read the way a trainer meets them: poppler extracts
the text (``pdftotext``), lists the fonts (``pdffonts``) and the page sizes (``pdfinfo``) and renders the pages
(``pdftoppm``). The key's figures are compared with the engine's settlement of each case; the one figure
worked by hand is Chongqing's level-3 case 1 of seed 7 (实施细则 第四、五条: a retiree's deductible of ¥100,
70 % at a level-1 institution, 60 % at level 3).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from calculator.cli import main
from calculator.money import format_yuan
from calculator.practice import ANSWER_FIELDS, ANSWER_LABELS, SIDES, expected, generate
from calculator.printing.worksheet import BOTTOM, NEXT_TOP, Row, key_pdf, paginate, practice_link, worksheet_pdf

POPPLER = ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm")
SET = ("chongqing", 3, 6, 7)  # region, level, count, seed
AMOUNT = r"¥[\d,]+\.\d\d|—"


@pytest.fixture(scope="module", autouse=True)
def poppler() -> None:
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"poppler-utils missing ({', '.join(missing)}): scripts/test.sh installs it as root")


def tool(*argv: str | Path) -> str:
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, timeout=120, check=True).stdout


def pages_text(pdf: Path) -> list[str]:
    """``pdftotext -layout`` page by page (poppler separates pages with a form feed)."""
    return tool("pdftotext", "-layout", pdf, "-").split("\f")[:-1]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def cases():
    region, level, count, seed = SET
    return generate(region, level, count, seed)


@pytest.fixture(scope="module")
def printed(cases, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("practice_pdf")
    files = {
        "sheet_zh": worksheet_pdf(cases, SET[3], "zh"),
        "key_zh": key_pdf(cases, SET[3], "zh"),
        "sheet_en": worksheet_pdf(cases, SET[3], "en"),
        "key_en": key_pdf(cases, SET[3], "en"),
    }
    paths = {}
    for name, data in files.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    return paths


def figure_rows(text: str, lang: str) -> list[tuple[str, str, str]]:
    """The key's table rows as printed: (label, before, after), "—" where a side does not ask the figure."""
    labels = "|".join(re.escape(pair[1 if lang == "en" else 0]) for pair in ANSWER_LABELS.values())
    row = re.compile(rf"^\s*({labels})\s{{2,}}({AMOUNT})\s{{2,}}({AMOUNT})\s*$")
    return [match.groups() for line in text.splitlines() if (match := row.match(line))]


def engine_rows(cases, lang: str) -> list[tuple[str, str, str]]:
    rows = []
    for case in cases:
        key = case.key()
        figures = {side: expected(getattr(key, side)) for side in SIDES}
        for name in ANSWER_FIELDS:
            cells = [format_yuan(figures[side][name]) if name in figures[side] else "—" for side in SIDES]
            if any(cell != "—" for cell in cells):
                rows.append((ANSWER_LABELS[name][1 if lang == "en" else 0], *cells))
    return rows


@pytest.mark.parametrize("name", ["sheet_zh", "key_zh", "sheet_en", "key_en"])
def test_every_page_is_a4_with_the_font_embedded(printed: dict[str, Path], name: str, tmp_path: Path) -> None:
    pdf = printed[name]
    pages = int(re.search(r"Pages:\s+(\d+)", tool("pdfinfo", pdf)).group(1))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", tool("pdfinfo", "-f", 1, "-l", pages, pdf))
    assert len(sizes) == pages >= 1
    assert all((round(float(w)), round(float(h))) == (595, 842) for w, h in sizes)  # A4 portrait
    fonts = [row.split() for row in tool("pdffonts", pdf).splitlines()[2:]]
    assert fonts, "no font listed"
    assert all(row[-5] == "yes" for row in fonts), fonts  # emb column
    pdftoppm = ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", pdf, tmp_path / "page"]
    subprocess.run([str(a) for a in pdftoppm], check=True, timeout=120)
    image = next(tmp_path.glob("page*.png"))
    assert image.stat().st_size > 5_000  # a page with type on it, not a blank raster


def test_the_key_prints_the_engines_figures_for_every_case(printed: dict[str, Path], cases) -> None:
    for lang in ("zh", "en"):
        text = "\n".join(pages_text(printed[f"key_{lang}"]))
        assert figure_rows(text, lang) == engine_rows(cases, lang)


def test_one_case_of_the_key_worked_by_hand(printed: dict[str, Path], cases) -> None:
    """Case 1: retired, visits ¥36.00 (level 3), ¥115.00 (level 1), ¥320.70 (level 1), ¥585.20 (level 3).
    Deductible ¥100: 36 + 64 of the second visit. Pooled: 51 × 70 % = 35.70; 320.70 × 70 % = 224.49;
    585.20 × 60 % = 351.12; together 611.31. Own share 1,056.90 − 611.31 = 445.59."""
    visits = [(v.amount, v.level) for v in cases[0].scenario.visits]
    assert visits == [
        (Decimal("36.00"), 3),
        (Decimal("115.00"), 1),
        (Decimal("320.70"), 1),
        (Decimal("585.20"), 3),
    ]
    rows = figure_rows(pages_text(printed["key_zh"])[0], "zh")
    assert ("计入起付标准的费用", "—", "¥100.00") in rows
    assert ("统筹支付", "—", "¥611.31") in rows
    assert ("个人账户支付", "¥900.00", "¥445.59") in rows


def test_the_key_has_the_chinese_headings_the_working_and_its_articles(printed: dict[str, Path], cases) -> None:
    text = flat("\n".join(pages_text(printed["key_zh"])))
    for heading in ("练习答案与计算过程", "政策依据", "随机种子：7"):
        assert heading in text
    # each side's working is headed by its policy, named once (the title says before/after and the dates)
    assert "计算过程·重庆市职工医保（改革前，至2023年12月31日）" in text
    assert "计算过程·重庆市职工医保门诊共济（2024年1月1日起）" in text
    assert "改革前计算过程" not in text and "改革前·重庆" not in text
    for case in cases:
        assert f"第{case.number}题" in text
    step = cases[0].key().after.steps[4]  # the visit that crosses the deductible, as the engine words it
    assert flat(step.sentence("zh")) in text
    assert "依据：[" in text and "第五条" in text
    assert "渝医保发〔2023〕32号" in text  # the document named in the sources, as a citizen looks it up


def test_the_english_key_names_each_policy_once_and_cites_articles_in_english(printed: dict[str, Path]) -> None:
    text = flat("\n".join(pages_text(printed["key_en"])))
    assert "Theworking·Chongqingemployeeinsurancebeforethereform(to2023-12-31)" in text
    assert "Beforethereform·" not in text and "Beforethereform:theworking" not in text
    assert "[2]Art.5" in text or "[1]Art.5" in text  # the rate of a visit, 实施细则 第五条
    assert not re.search(r"第[一二三四五六七八九十]+[条款]|问[一二三四五六七八九十]+", text)


def test_the_worksheet_asks_without_answering(printed: dict[str, Path], cases) -> None:
    text = flat("\n".join(pages_text(printed["sheet_zh"])))
    assert "练习题" in text and "姓名" in text
    for case in cases:
        assert f"第{case.number}题" in text
        for visit in case.scenario.visits:
            assert format_yuan(visit.amount) in text
    assert "计算过程" not in text and "¥611.31" not in text  # case 1's pooled payment is the learner's to find
    assert figure_rows("\n".join(pages_text(printed["sheet_zh"])), "zh") == []


def test_the_pages_carry_the_link_that_opens_the_same_set(printed: dict[str, Path]) -> None:
    link = practice_link("chongqing", 3, 6, 7)
    assert link == "http://localhost:8501/practice?region=chongqing&difficulty=3&count=6&seed=7"
    for page in pages_text(printed["key_zh"]):
        assert link in page
    assert practice_link("tibet", 4, 2, 9, "en", "https://x.org/app/practice") == (
        "https://x.org/app/practice?region=tibet&difficulty=4&count=2&seed=9&lang=en"
    )
    assert practice_link("tibet", 4, 2, 9, base="https://x.org/app/").startswith("https://x.org/app/practice?")


def test_a_case_is_never_split_when_it_fits_a_page() -> None:
    def block(*heights: float) -> list[Row]:
        return [Row(h, lambda pdf, y: None) for h in heights]

    room = BOTTOM - NEXT_TOP
    blocks = [block(60, 60), block(50, 50), block(room - 10, 5), block(*[30] * 10)]  # the last: 300 mm
    pages = paginate(blocks, NEXT_TOP + 40)
    where = {id(row): number for number, page in enumerate(pages) for _, row in page}
    assert [{where[id(row)] for row in b} for b in blocks[:3]] == [{0}, {1}, {2}]
    assert len({where[id(row)] for row in blocks[3]}) == 2  # taller than a page: broken between its rows
    assert all(y + row.height <= BOTTOM + 1e-6 for page in pages for y, row in page)
    short, tall = block(40), block(*[30] * 10)  # a case longer than any page runs on from where it is
    pages = paginate([short, tall], NEXT_TOP)
    assert [len(page) for page in pages] == [1 + int((BOTTOM - NEXT_TOP - 40 - 5) // 30), 10 - int((room - 45) // 30)]
    assert pages[0][1][1] is tall[0]
    big_first = paginate([block(room - 5)], NEXT_TOP + 30)  # fits a page, not what the first page has left
    assert big_first[0] == [] and len(big_first[1]) == 1


def test_the_printed_key_keeps_each_case_on_one_page(printed: dict[str, Path], cases) -> None:
    pages = pages_text(printed["key_zh"])
    for case in cases:
        on = [n for n, page in enumerate(pages) if f"第{case.number}题" in flat(page)]
        assert len(on) == 1
        rows = figure_rows(pages[on[0]], "zh")
        assert set(engine_rows([case], "zh")) <= set(rows)


def test_the_command_writes_the_worksheet_and_the_key(tmp_path: Path, capsys) -> None:
    sheet, key = tmp_path / "sheet.pdf", tmp_path / "key.pdf"
    argv = ["practice", "--region", "chongqing", "--level", "1", "--count", "3", "--seed", "2", "--pdf"]
    assert main([*argv, "-o", str(sheet)]) == 0
    assert main([*argv, "--answers", "-o", str(key)]) == 0
    assert sheet.read_bytes().startswith(b"%PDF") and key.read_bytes().startswith(b"%PDF")
    text = "\n".join(pages_text(key))
    assert figure_rows(text, "zh") == engine_rows(generate("chongqing", 1, 3, 2), "zh")
    assert "已写入" in capsys.readouterr().out


@pytest.mark.parametrize(
    "extra",
    [
        ["--level", "5"],
        ["--level", "²"],
        ["--seed", "x"],
        ["--count", "0"],
        ["--region", "mars"],
        ["--json"],
    ],
)
def test_bad_input_exits_2_and_writes_no_file(tmp_path: Path, extra: list[str], capsys) -> None:
    out = tmp_path / "sheet.pdf"
    assert main(["practice", "--pdf", "-o", str(out), *extra]) == 2
    assert not out.exists()
    assert "错误" in capsys.readouterr().err


def test_pdf_without_a_file_or_into_a_missing_folder_exits_2(tmp_path: Path, capsys) -> None:
    assert main(["practice", "--pdf"]) == 2
    assert main(["practice", "--pdf", "-o", str(tmp_path / "no" / "sheet.pdf")]) == 2
    assert not (tmp_path / "no").exists()
    err = capsys.readouterr().err
    assert "-o" in err and "不存在" in err


def test_the_practice_page_offers_both_pdfs_made_only_when_clicked(monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    import calculator.printing.worksheet as printed_set
    from tests.dashboard_helpers import APP

    made: list[str] = []
    monkeypatch.setattr(printed_set, "worksheet_pdf", lambda *a, **k: made.append("sheet") or b"%PDF")
    monkeypatch.setattr(printed_set, "key_pdf", lambda *a, **k: made.append("key") or b"%PDF")
    app = AppTest.from_file(APP, default_timeout=120)
    app.query_params.update({"region": "chongqing", "difficulty": "3", "count": "6", "seed": "7"})
    app.switch_page("app_pages/practice.py")
    app.run()
    assert not app.exception
    buttons = {button.key: button.label for button in app.get("download_button")}
    assert buttons["pr-dl-sheet-pdf"] == "题目（打印用 PDF）"
    assert buttons["pr-dl-key-pdf"] == "答案与计算过程（打印用 PDF）"
    assert made == []  # a page run builds no PDF: the button holds a callable until it is clicked
