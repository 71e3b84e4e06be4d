"""The printed sheets through the real pages in Chromium: My case's 测算单 and the examples page's deck are
downloaded as a person would, then read with poppler (one page, the case's hand-worked figures, the link).

Lao Li (retired, 62, ¥2,800 at level 2, statement credit ¥2,525 before): after the reform the credit is
105 × 12 = 1,260, the pool pays (2,800 − 100) × 70 % = 1,890, the account 910 and 350 is left: ¥625.00 better
off than before (275 cash, nothing left), cash and account together.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import urlencode

from playwright.sync_api import expect

from tests.e2e.conftest import SCREENSHOTS, UPDATE_MS, wait_for_app

LAOLI = {"status": "retired", "age": "62", "spending": "2800", "level": "2", "credit_before": "2525"}
GENERATE_MS = 60_000  # the PDF is made when the button is clicked (font subsetting takes a second or two)


def pdf_text(path: Path, *pages: str) -> str:
    done = subprocess.run(["pdftotext", *pages, str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", done.stdout)


def pdf_pages(path: Path) -> int:
    done = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", done.stdout).group(1))


def download(page, name: str) -> Path:
    button = page.get_by_role("button", name=name)
    button.scroll_into_view_if_needed(timeout=UPDATE_MS)
    with page.expect_download(timeout=GENERATE_MS) as got:
        button.click()
    path = Path(got.value.path())
    assert got.value.suggested_filename.endswith(".pdf")
    return path


def test_my_case_downloads_its_one_page_sheet_and_adds_the_case_to_the_deck(page, app_url):
    page.goto(f"{app_url}/?{urlencode(LAOLI)}")
    wait_for_app(page)
    main = page.locator('[data-testid="stMain"]')
    expect(main).to_contain_text("¥625.00", timeout=UPDATE_MS)
    sheet = download(page, "下载测算单 (PDF)")
    assert sheet.read_bytes().startswith(b"%PDF")
    assert pdf_pages(sheet) == 1
    text = pdf_text(sheet)
    for expected in ("门诊共济测算单", "计算步骤", "政策依据", "¥1,890.00", "¥350.00", "比改革前多留¥625.00"):
        assert expected in text, expected
    links = subprocess.run(["pdfinfo", "-url", str(sheet)], capture_output=True, text=True, check=True).stdout
    assert "credit_before=2525" in links and "status=retired" in links  # the link reproduces this case
    expect(main).not_to_contain_text("Traceback")
    # the case goes into the examples deck, downloaded on the examples page after the seven examples
    page.get_by_role("button", name="加入案例简报").click()
    expect(main).to_contain_text("已加入案例简报（共 1 个）", timeout=UPDATE_MS)
    page.locator('[data-testid="stSidebarNav"]').get_by_role("link", name="官方案例").click()  # same session
    wait_for_app(page)
    expect(main).to_contain_text("另含从“我的测算”加入的 1 个案例", timeout=UPDATE_MS)
    deck = download(page, "下载案例简报 (PDF)")
    assert pdf_pages(deck) == 9  # a cover, seven examples, the added case
    added = pdf_text(deck, "-f", "9", "-l", "9")
    assert "我的测算1" in added and "比改革前多留¥625.00" in added and "¥1,890.00" in added
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-singlefile", str(sheet), str(SCREENSHOTS / "pdf_case_sheet")], check=True
    )


def test_the_english_sheet_from_my_case(page, app_url):
    page.goto(f"{app_url}/?{urlencode({**LAOLI, 'lang': 'en'})}")
    wait_for_app(page)
    expect(page.locator('[data-testid="stMain"]')).to_contain_text("¥625.00", timeout=UPDATE_MS)
    sheet = download(page, "Download the estimate (PDF)")
    assert pdf_pages(sheet) == 1
    text = pdf_text(sheet)
    assert "Outpatientmutual-aidestimate" in text and "¥625.00betteroff" in text
