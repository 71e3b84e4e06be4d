"""Small rules of written language that every front end follows (the pages, the command line, the PDFs).

A label that stands alone starts with a capital (``Deductible``, ``Cash outlay``); the same words inside an
English sentence or title do not (``… (measure: cash outlay)``). Chinese has no capitals, so only English
changes. A date is written as a reader of each language writes it: ``2024年1月1日`` / ``2024-01-01``.
"""

from __future__ import annotations

import datetime as dt


def capitalised(text: str) -> str:
    """The first letter in capitals, the rest as written (``TCM outpatient`` stays ``TCM outpatient``)."""
    return text[:1].upper() + text[1:]


def in_sentence(text: str, lang: str) -> str:
    """A label that stands alone with a capital, as words inside an English sentence; Chinese unchanged."""
    return text[:1].lower() + text[1:] if lang == "en" else text


def date_words(day: dt.date, lang: str) -> str:
    """``2024年1月1日`` in Chinese, ``2024-01-01`` in English."""
    return day.isoformat() if lang == "en" else f"{day.year}年{day.month}月{day.day}日"
