"""Cells written into a CSV that a spreadsheet will open: text that would run as a formula made inert.

Shared by every CSV the project writes (the ``batch`` command's output, the dashboard's downloads), so
a name or a note typed as ``=HYPERLINK(…)`` is shown as text everywhere, never run.
"""

from __future__ import annotations

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A text cell made harmless for spreadsheets: text that Excel would run as a formula
    (``=HYPERLINK(…)``) gets a leading apostrophe; numbers such as ``-1`` stay as they are."""
    if cell.startswith(_FORMULA_START):
        try:
            float(cell)
        except ValueError:
            return "'" + cell
    return cell
