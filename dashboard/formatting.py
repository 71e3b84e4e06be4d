"""Showing numbers and untrusted text.

Money goes through :func:`calculator.money.format_yuan` so every page prints ``¥1,234.50`` exactly as
the engine computed it. Text that may echo user input (a query string, an error message quoting it)
goes through :func:`plain` before Streamlit renders it as Markdown, so it can never become a link,
an image or HTML.
"""

from __future__ import annotations

import re
from decimal import Decimal

from calculator.money import format_yuan

from .i18n import t

# Characters that start Markdown syntax or Streamlit directives (``:red[…]``, ``:material/…:``) anywhere
# in a line; "-", "+", "!" and "1." only matter at the start of a line, where :func:`plain` escapes them.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#|~$&:])")
_LINE_START = re.compile(r"(?m)^(\s*)([-+!])")
_ORDERED_ITEM = re.compile(r"(?m)^(\s*\d+)\.")


def yuan(amount: Decimal | None) -> str:
    """``¥1,234.50``; ``—`` for a missing amount."""
    return t("common.none") if amount is None else format_yuan(amount)


def signed_yuan(amount: Decimal) -> str:
    """``+¥12.00`` / ``-¥12.00`` / ``¥0.00``: a change."""
    return format_yuan(amount, signed=True)


def change_words(amount: Decimal) -> str:
    """ "增加 ¥12.00" / "down ¥12.00" / "不变": a change in words, for the verdict."""
    if amount > 0:
        return t("change.up", amount=yuan(amount))
    if amount < 0:
        return t("change.down", amount=yuan(-amount))
    return t("change.none")


def plain(text: object, limit: int = 600) -> str:
    """``text`` made inert for Markdown: every special character escaped, length bounded."""
    value = str(text)
    if len(value) > limit:
        value = value[:limit] + "…"
    value = _MARKDOWN_SPECIAL.sub(r"\\\1", value)
    return _ORDERED_ITEM.sub(r"\1\\.", _LINE_START.sub(r"\1\\\2", value))


def number_text(amount: Decimal | None) -> str:
    """An amount as a plain number for a CSV cell (``1234.50``), never in scientific notation."""
    return "" if amount is None else f"{amount:.2f}"
