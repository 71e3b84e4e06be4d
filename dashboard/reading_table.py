"""A table to read, not to scroll: every cell in full, long text wrapped within the page's width.

A data grid (``st.dataframe``) gives each column the width of its longest cell, so a policy's title or a
document's name pushes the figures a reader came for off the right edge of a 1280-pixel screen, and cuts
text short. A static table wraps the long text instead; the columns of short figures (amounts, dates,
文号) stay on one line on a wide screen, and on a phone a long word may break so the table still fits.
"""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st

_MARKUP = re.compile(r"([\\`*_$|<>~])")  # the table renders Markdown: our text is shown as text


def _css(key: str, unbroken_from: int | None) -> str:
    wide = (
        f"@media (min-width: 760px) {{ .st-key-{key} td:nth-child(n+{unbroken_from}) p {{ white-space: nowrap; }}"
        f" .st-key-{key} th {{ white-space: normal; }} }}"
        if unbroken_from
        else ""
    )
    phone = f"@media (max-width: 759px) {{ .st-key-{key} td p {{ overflow-wrap: anywhere !important; }} }}"
    return f"<style>{wide} {phone}</style>"


def show_table(frame: pd.DataFrame, key: str, *, unbroken_from: int | None = None) -> None:
    """``frame`` as a wrapped static table inside a container keyed ``key``; the cells of the columns from
    the ``unbroken_from``-th (1-based) on stay on one line on a wide screen (their headings may wrap)."""
    with st.container(key=key):
        st.html(_css(key, unbroken_from))
        st.table(frame.map(lambda cell: _MARKUP.sub(r"\\\1", str(cell))), hide_index=True)
