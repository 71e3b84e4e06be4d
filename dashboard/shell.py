"""Make sure a page runs inside ``app.py`` (its language switch, its navigation).

Streamlit still has its old multipage mode: when a ``pages/`` directory exists, the first run of a server
process (and every AppTest run) executes a ``pages/*.py`` script directly whenever a page is requested by
URL, skipping ``app.py`` until some run calls ``st.navigation``. A page that finds itself run that way
switches the old mode off and reruns, so ``app.py`` runs and its ``st.navigation`` opens the same page.
"""

from __future__ import annotations

import streamlit as st


def require_app() -> None:
    """Rerun through ``app.py`` when Streamlit ran this page script on its own (see the module doc)."""
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the old mode
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
