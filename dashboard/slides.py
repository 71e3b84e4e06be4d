"""Slide mode: one example per screen for a briefing, driven by a presenter's clicker or keyboard.

The slide is laid out for a 1280×720 stage; a screen of 1900×1060 or more (1920×1080) gets every size
1.5 times larger (CSS lengths in a ``--u`` unit, and a second, larger chart shown by a media query:
plotly measures its own text, so CSS scaling would break its layout). What fits at 1280×720 fits at
1920×1080 in proportion:

=====================  ============  ==============
text                    1280×720      1920×1080
=====================  ============  ==============
case name (heading)     32 px         48 px
story                   20 px         30 px
errata                  18 px         27 px
figures table           20 px         30 px
chart labels, values    18 px         27 px
chart title             22 px         33 px
=====================  ============  ==============

Streamlit has no key events, so a small script (``st.html`` with JavaScript allowed; our own constant
text, never user input) listens on the page and clicks the slide's own buttons: → PageDown Space for
the next example, ← PageUp for the previous, Esc to leave.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import streamlit as st

STAGE_WIDTH = 1280
BODY_PX = 20
TABLE_PX = 20
ERRATA_PX = 18
HEADING_PX = 32
CHART_PX = 18
CHART_TITLE_PX = 22
CHART_HEIGHT = 450
#: a screen at least this large (1920×1080 and up) gets everything LARGE_SCALE times larger
LARGE_WIDTH = 1900
LARGE_HEIGHT = 1060
LARGE_SCALE = 1.5

SLIDE_CSS = f"""
<style>
:root {{ --u: 1px; }}
@media screen and (min-width: {LARGE_WIDTH}px) and (min-height: {LARGE_HEIGHT}px) {{ :root {{ --u: {LARGE_SCALE}px; }} }}
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stExpandSidebarButton"] {{
  display: none !important;
}}
[data-testid="stMain"] {{ margin-left: 0 !important; }}
[data-testid="stMainBlockContainer"] {{
  max-width: calc(var(--u) * {STAGE_WIDTH}) !important;
  padding: calc(var(--u) * 6) calc(var(--u) * 24) 0 calc(var(--u) * 24) !important;
}}
[data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li,
[data-testid="stMainBlockContainer"] button p {{
  font-size: calc(var(--u) * {BODY_PX}); line-height: 1.45;
}}
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p {{ font-size: calc(var(--u) * 17); }}
[data-testid="stMainBlockContainer"] h2 {{ font-size: calc(var(--u) * {HEADING_PX}); padding: 0 0 calc(var(--u) * 4) 0; }}
[data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {{ gap: calc(var(--u) * 7); }}
[data-testid="stMainBlockContainer"] [data-testid="stHorizontalBlock"] {{ gap: calc(var(--u) * 16); }}
[data-testid="stMainBlockContainer"] button {{ min-height: calc(var(--u) * 40); padding: 0 calc(var(--u) * 14); }}
[data-testid="stAlertContainer"] {{ padding: calc(var(--u) * 6) calc(var(--u) * 14); }}
[data-testid="stMainBlockContainer"] > div > [data-testid="stVerticalBlock"] > div > [data-testid="stAlert"] p {{
  font-size: calc(var(--u) * {ERRATA_PX}); line-height: 1.35;
}}
.st-key-slide_keys {{ display: none; }}
.slide-table {{ border-collapse: collapse; width: 100%; font-size: calc(var(--u) * {TABLE_PX}); line-height: 1.25; }}
.slide-table th, .slide-table td {{
  padding: calc(var(--u) * 3) calc(var(--u) * 8); border-bottom: 1px solid #d0d7de; text-align: left;
}}
.slide-table th {{ background: #f3f4f6; font-weight: 600; }}
.slide-table td.num, .slide-table th.num {{ text-align: right; white-space: nowrap; }}
.slide-table tr.differs td {{ color: #b91c1c; font-weight: 600; }}
.st-key-slide-chart-large {{ display: none !important; }}
@media screen and (min-width: {LARGE_WIDTH}px) and (min-height: {LARGE_HEIGHT}px) {{
  .st-key-slide-chart-large {{ display: block !important; }}
  .st-key-slide-chart-small {{ display: none !important; }}
}}
</style>
"""

#: key → the slide button it presses (buttons carry the class ``st-key-<key>``, dots made dashes)
KEY_SCRIPT = """
<script>
(function () {
  if (window.__slideKeys) { document.removeEventListener("keydown", window.__slideKeys, true); }
  var actions = {ArrowRight: "next", PageDown: "next", " ": "next", Spacebar: "next",
                 ArrowLeft: "prev", PageUp: "prev", Escape: "exit"};
  window.__slideKeys = function (event) {
    if (!document.querySelector(".st-key-ex-next")) {
      document.removeEventListener("keydown", window.__slideKeys, true);
      window.__slideKeys = null;
      return;
    }
    var target = event.target;
    var typing = target && (target.tagName === "TEXTAREA" || target.isContentEditable ||
      (target.tagName === "INPUT" && !/^(checkbox|radio|button|submit|range)$/.test(target.type)));
    if (typing) { return; }
    var action = actions[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) { return; }
    var button = document.querySelector(".st-key-ex-" + action + " button");
    if (button) { event.preventDefault(); event.stopPropagation(); button.click(); }
  };
  document.addEventListener("keydown", window.__slideKeys, true);
})();
</script>
"""


def enter() -> None:
    """Style the page as a slide (sidebar and header gone) and listen for the clicker."""
    st.html(SLIDE_CSS)
    with st.container(key="slide_keys"):
        st.html(KEY_SCRIPT, unsafe_allow_javascript=True)


def table_html(
    header: list[str], rows: list[list[str]], numeric: set[int], differs: list[bool], css: str = "slide-table"
) -> str:
    """A plain HTML table (escaped) whose type the slide's CSS can size, unlike the canvas data grid."""
    head = "".join(
        f"<th class='num'>{html.escape(h)}</th>" if i in numeric else f"<th>{html.escape(h)}</th>"
        for i, h in enumerate(header)
    )
    body = []
    for row, bad in zip(rows, differs, strict=True):
        cells = "".join(
            f"<td class='num'>{html.escape(c)}</td>" if i in numeric else f"<td>{html.escape(c)}</td>"
            for i, c in enumerate(row)
        )
        body.append(f"<tr class='differs'>{cells}</tr>" if bad else f"<tr>{cells}</tr>")
    return f"<table class='{css}'><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def enlarge(figure: go.Figure, scale: float = 1.0) -> go.Figure:
    """The chart in slide type (``scale`` 1.5 for the large screen): larger labels, values and title,
    a height that fits the stage. Plotly sizes text in pixels and measures it itself, so the large
    screen gets its own figure instead of a CSS-scaled one."""
    px = round(CHART_PX * scale)
    # The slide's heading names the case and its table the policies: the chart keeps only what it draws
    # (its first title words), so the larger type leaves the bars clear.
    headline = str(figure.layout.title.text or "").split("<br>", 1)[0].split("：", 1)[0].split(": ", 1)[0]
    figure.update_layout(
        font={"size": px},
        title={
            "text": headline,
            "font": {"size": round(CHART_TITLE_PX * scale)},
            "y": 0.98,
            "yref": "container",
            "yanchor": "top",
        },
        legend={"font": {"size": px}},
        uniformtext={"minsize": px, "mode": "show"},  # bar values keep their size on thin bars
        height=round(CHART_HEIGHT * scale),
        margin={"l": 10, "r": round(110 * scale), "t": round(56 * scale), "b": 10},
    )
    figure.update_traces(textfont={"size": px})
    figure.update_xaxes(tickfont={"size": px - 2}, title={"font": {"size": px - 2}})
    figure.update_yaxes(tickfont={"size": px}, title={"font": {"size": px - 2}})
    return figure
