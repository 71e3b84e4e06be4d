"""门诊共济测算 — the dashboard's entry point: page setup, the language switch, the navigation.

Run with ``streamlit run app.py``. Every page lives in ``app_pages/`` and only calls the calculator; the
shared pieces (strings, formatting, charts, the person in the URL) are in ``dashboard/``.
"""

from __future__ import annotations

import streamlit as st

from dashboard import menu, print_style
from dashboard.i18n import (
    LANG_COOKIE,
    LANG_NAMES,
    LANGS,
    NAV_LANGUAGE_SCRIPT,
    remember_language,
    settle_language,
    t,
)

st.set_page_config(page_title="门诊共济测算 · Outpatient mutual aid", page_icon="🏥", layout="wide")

# The language: from the link the session was opened with, then from the sidebar switch.
# "lang" is plain session state, not the switch's own widget state: when a page change redraws the switch
# before the browser has its value, the switch starts from the language in use (its index below), never
# from the first option, so a quick click to another page can never turn the page back to Chinese.
if "lang" not in st.session_state:
    # A new session: the link's language, else the one this browser chose last time (a page link carries no
    # language, and a tab that reconnects as a new session must not fall back to Chinese), else Chinese.
    remembered = st.context.cookies.get(LANG_COOKIE)
    requested = st.query_params.get("lang", remembered if remembered in LANGS else "zh")
    st.session_state["lang"] = requested if requested in LANGS else "zh"
    st.session_state["lang_note"] = requested not in LANGS
    st.session_state["lang_remembered"] = remembered
settle_language()


def switch_language() -> None:
    """The sidebar switch sets the language before the run that follows (so the menu is already in it)."""
    st.session_state["lang"] = st.session_state["lang_switch"]


navigation = st.navigation(menu.pages(st.session_state["lang"]))
# the printed page (no sidebar or controls, both sides' working, charts in the page width); menu links in
# the page's language
print_style.inject(NAV_LANGUAGE_SCRIPT)

# The switch comes after st.navigation (the widget's new value is in the session before the script runs,
# so the page titles above are already in the chosen language).
with st.sidebar:
    st.radio(
        t("app.language"),
        LANGS,
        index=LANGS.index(st.session_state["lang"]),
        format_func=LANG_NAMES.get,
        key="lang_switch",
        on_change=switch_language,
        horizontal=True,
    )
    st.caption(t("app.disclaimer"))
    if st.session_state.get("lang_remembered") != st.session_state["lang"]:  # once per change, not every run
        remember_language(st.session_state["lang"])
        st.session_state["lang_remembered"] = st.session_state["lang"]

# The language travels with every link the app produces: every page's address carries lang=en in English
# (and no lang in Chinese, the default), whichever page wrote the rest of it.
if st.session_state["lang"] == "en":
    st.query_params["lang"] = "en"
elif "lang" in st.query_params:
    del st.query_params["lang"]

st.session_state["page_path"] = navigation.url_path  # My case answers at two paths (see above)
navigation.run()
