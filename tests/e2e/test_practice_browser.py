"""The practice page in a real Chromium at a phone's width: one case answered right, one wrong.

The expected figures and the step named for the wrong one come from the engine (:mod:`calculator.practice`),
the page must show them; the screenshot is kept in ``artifacts/screenshots/``.
"""

from __future__ import annotations

from urllib.parse import urlencode

from playwright.sync_api import expect

from calculator.practice import expected, generate, mark_side
from dashboard.i18n import TEXT
from tests.e2e.conftest import UPDATE_MS, visitor

LINK = {"region": "chongqing", "difficulty": "1", "count": "3", "seed": "7"}


def zh(key: str, **values: object) -> str:
    return TEXT[key][0].format(**values)


def figures(case) -> list[str]:
    """The right figures of a case, in the order of the page's boxes (before, then after)."""
    key = case.key()
    return [f"{value:.2f}" for side in ("before", "after") for value in expected(getattr(key, side)).values()]


def answer(tab, values: list[str]) -> None:
    boxes = tab.locator('[data-testid="stMain"] [data-testid="stTextInput"] input')
    expect(boxes).to_have_count(len(values))
    for index, value in enumerate(values):
        boxes.nth(index).fill(value)
        boxes.nth(index).press("Tab")
    tab.get_by_role("button", name=zh("practice.mark")).click()


def test_practice_on_a_phone_one_right_one_wrong(browser, app_url):
    cases = generate("chongqing", 1, 3, 7)
    with visitor(browser, f"{app_url}/practice?{urlencode(LINK)}", phone=True, screenshot="practice_phone.png") as tab:
        main = tab.locator('[data-testid="stMain"]')
        expect(tab.get_by_role("heading", name=zh("practice.title"))).to_be_visible()
        expect(main).to_contain_text(zh("practice.case", n=1, total=3))

        # case 1, every figure right
        answer(tab, figures(cases[0]))
        expect(main.get_by_text(zh("practice.side_right"))).to_have_count(2, timeout=UPDATE_MS)
        expect(main).to_contain_text(zh("practice.score", right=8, total=24, cases=1, count=3, marked=1))

        # case 2, the pooled payment after the reform 100 yuan too high
        tab.get_by_role("button", name=zh("practice.next")).click()
        expect(main).to_contain_text(zh("practice.case", n=2, total=3), timeout=UPDATE_MS)
        values = figures(cases[1])
        after = cases[1].key().after
        pooled_index = 3 + 1  # three boxes before the reform, then deductible used, pooled payment
        wrong = f"{after.general_pooling_paid + 100:.2f}"
        values[pooled_index] = wrong
        answer(tab, values)
        given = {name: f"{value:.2f}" for name, value in expected(after).items()} | {"general_pooling_paid": wrong}
        mark = mark_side(after, "after", given)
        assert mark.diagnosis.step.key == "visit"
        number = next(i for i, step in enumerate(after.steps, 1) if step is mark.diagnosis.step)
        expect(main).to_contain_text(
            zh("practice.where", number=number, title=mark.diagnosis.step.title("zh")), timeout=UPDATE_MS
        )
        diagnosis = tab.locator(".st-key-pr-diagnosis-after")
        diagnosis.scroll_into_view_if_needed()
        expect(diagnosis).to_contain_text("第五条")  # the rate article of Chongqing's implementing rules
        expect(main).to_contain_text(mark.diagnosis.step.sentence("zh")[:20])
        expect(main).to_contain_text(f"应为 ¥{after.general_pooling_paid:,.2f}")
        expect(main).to_contain_text(zh("practice.score", right=15, total=24, cases=1, count=3, marked=2))

        # no error box, no dialog, nothing wider than the phone
        expect(tab.locator('[data-testid="stException"]')).to_have_count(0)
        expect(tab.locator('[role="dialog"]')).to_have_count(0)
        width = tab.evaluate("() => document.documentElement.scrollWidth")
        assert width <= 390, width
