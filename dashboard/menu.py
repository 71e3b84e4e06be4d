"""The dashboard's pages, in menu order: a new page is one line in :data:`PAGES` and its ``nav.<name>``
title in :mod:`dashboard.i18n`.

Streamlit serves the default page at the root only ("/"), so "/my_case" would be an unknown page and open
with Streamlit's "Page not found" dialog; a hidden second entry for the same script answers at
"/my_case" too (the menu shows one My case).

Every run hands :func:`streamlit.navigation` its pages, and building a :class:`streamlit.Page` resolves
its script's path on disk (a few milliseconds for the nine, on every interaction of every visitor). So the
pages are built once per language and process, and each run gets copies: a page object carries a flag
for the run that is using it, which must never be shared between two visitors' runs.
"""

from __future__ import annotations

import copy
import threading

import streamlit as st

from .i18n import t

MY_CASE = "app_pages/my_case.py"

# (script, title key, icon, url path, options)
PAGES: tuple[tuple[str, str, str, str, dict], ...] = (
    (MY_CASE, "nav.my_case", ":material/person:", "home", {"default": True}),
    (MY_CASE, "nav.my_case", ":material/person:", "my_case", {"visibility": "hidden"}),
    ("app_pages/ledger.py", "nav.ledger", ":material/timeline:", "ledger", {}),
    ("app_pages/examples.py", "nav.examples", ":material/fact_check:", "examples", {}),
    ("app_pages/regions.py", "nav.regions", ":material/map:", "regions", {}),
    ("app_pages/sandbox.py", "nav.sandbox", ":material/tune:", "sandbox", {}),
    ("app_pages/population.py", "nav.population", ":material/groups:", "population", {}),
    ("app_pages/practice.py", "nav.practice", ":material/school:", "practice", {}),
    ("app_pages/sources.py", "nav.sources", ":material/menu_book:", "sources", {}),
)

_built: dict[str, list[st.Page]] = {}
_lock = threading.Lock()


def pages(code: str) -> list[st.Page]:
    """This run's pages with their titles in language ``code`` (the current one): fresh copies of pages
    built once."""
    with _lock:
        if code not in _built:
            _built[code] = [
                st.Page(script, title=t(title), icon=icon, url_path=path, **options)
                for script, title, icon, path, options in PAGES
            ]
        return [copy.copy(page) for page in _built[code]]
