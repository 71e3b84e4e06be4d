"""Printed output of the engine: the one-page case sheet (测算单) and the official examples' briefing deck.

Pure Python (fpdf2, segno and a packaged Noto Sans SC font; no browser, no Streamlit): the dashboard's
download buttons and ``python -m calculator report`` / ``deck`` call the same functions.
"""

from .case_sheet import case_sheet
from .deck import DeckCase, examples_deck

__all__ = ["DeckCase", "case_sheet", "examples_deck"]
