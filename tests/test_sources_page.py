"""The Sources page: every note shown in the page's language or marked as written in the other one, every
document cell filled, parameters named with a capital where they stand alone."""

from __future__ import annotations

import pytest

from calculator.citation import in_language
from calculator.registry import default_registry
from tests.dashboard_helpers import start

MARK = {"zh": "（仅有英文备注）", "en": "(note in Chinese only) "}


def sources_page(lang: str):
    app = start()
    if lang == "en":
        app.radio(key="lang_switch").set_value("en").run()
    return app.switch_page("app_pages/sources.py").run()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_note_is_left_empty_because_it_is_written_in_the_other_language(lang):
    app = sources_page(lang)
    registry = default_registry()
    policies = list(registry.policies.values())
    tables = [table.value for table in app.table[1:]]  # the documents first, then one table per policy
    assert len(tables) == len(policies)
    other = "en" if lang == "zh" else "zh"
    marked = 0
    for policy, table in zip(policies, tables, strict=True):
        notes = list(table.iloc[:, 2])
        for (_, source), shown in zip(policy.sources(), notes, strict=True):
            note = source.note or source.origin
            if not note:
                assert shown == ""
            elif in_language(note, lang):
                assert not shown.startswith(MARK[lang]) and shown
            else:  # written only in the other language: shown as written, and said to be so
                assert shown.startswith(MARK[lang]) and in_language(note, other)[:20] in shown
                marked += 1
    assert marked >= 3


def test_the_chinese_page_shows_an_english_only_note_marked_as_english():
    """Chongqing's Q15 note (who has an account) exists only in English: the Chinese page shows it, marked,
    instead of an empty cell."""
    app = sources_page("zh")
    table = app.table[1].value  # Chongqing from 2024
    row = table[table.iloc[:, 0] == "不设个人账户的参保档次"]
    assert list(row.iloc[:, 2]) == [
        "（仅有英文备注）only employer-based and individual tier 2 members get a personal account"
    ]


def test_english_parameter_names_start_with_a_capital():
    app = sources_page("en")
    names = [name for table in app.table[1:] for name in table.value.iloc[:, 0]]
    assert "Deductible" in names
    assert all(name[0].isupper() or not name[0].isalpha() for name in names), names[:5]
