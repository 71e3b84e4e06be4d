"""The printed page (Chromium, A4): the case, its figures, both sides' working and the charts, nothing else.

A fallback beside the PDF handout: the sidebar, the header and every control are left out; the working
of both sides is printed one after the other (a tab shows only one; :func:`dashboard.explain.show_traces`
keeps a print-only copy of both, as the examples page does of its data grid, which a canvas draws
only as wide as the screen); charts shrink to the page width. Plotly draws its charts at a fixed
pixel size and redraws them at the page's width only when it notices the reflow, so a small script gives
each chart a ``viewBox`` of its current size while printing (kept in step with a redraw, removed
afterwards): the print stylesheet then scales a chart to the page width, never stretching or cutting it. Injected once, from ``app.py``, for every page.
"""

from __future__ import annotations

import streamlit as st

PRINT_CSS = """
<style>
[class*="st-key-print-only"], .st-key-print_style { display: none; }
/* on screen too: Streamlit's input hints ("Press Enter to apply") exist only in English */
html[lang="zh-CN"] [data-testid="InputInstructions"] { display: none; }
.print-table { border-collapse: collapse; width: 100%; }
.print-table th, .print-table td { padding: 2px 6px; border-bottom: 1px solid #d0d7de; text-align: left; }
.print-table td.num, .print-table th.num { text-align: right; }
@media print {
  @page { size: A4; margin: 12mm; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
  [data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"],
  [data-testid="stExpandSidebarButton"], .modebar-container,
  [data-testid="stButton"], [data-testid="stDownloadButton"], [data-testid="stLinkButton"],
  [data-testid="stCheckbox"], [data-testid="stToggle"], [data-testid="stRadio"],
  [data-testid="stSelectbox"], [data-testid="stMultiSelect"], [data-testid="stNumberInput"],
  [data-testid="stTextInput"], [data-testid="stSlider"], [data-testid="stPills"],
  [data-testid="stButtonGroup"], [data-testid="stSegmentedControl"], [data-testid="stFileUploader"],
  [data-testid="stDataEditor"], [class*="st-key-screen-only"], .st-key-slide_nav, .st-key-print_style {
    display: none !important;
  }
  [class*="st-key-print-only"] { display: block !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], [data-testid="stMainBlockContainer"] {
    overflow: visible !important; height: auto !important;
  }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; }
  [data-testid="stHorizontalBlock"] { flex-wrap: wrap !important; }
  [data-testid="stColumn"] { min-width: 100% !important; }
  .stPlotlyChart, .stPlotlyChart > div, .js-plotly-plot, .plot-container, .svg-container {
    width: 100% !important; max-width: 100% !important;
  }
  .svg-container .main-svg { width: 100% !important; }
  .stPlotlyChart, [data-testid="stTable"], .slide-table, [data-testid="stAlert"] { break-inside: avoid; }
  [data-testid="stExpanderDetails"] { display: block !important; }
  h1, h2, h3 { break-after: avoid; }
}
</style>
"""

PRINT_SCRIPT = """
<script>
(function () {
  if (window.__printCharts) { return; }
  var printing = false;
  var fit = function (layer) {
    var width = parseFloat(layer.getAttribute("width")), height = parseFloat(layer.getAttribute("height"));
    if (!(width > 0 && height > 0)) { return; }
    var box = "0 0 " + width + " " + height;
    if (layer.getAttribute("viewBox") !== box) { layer.setAttribute("viewBox", box); }
    layer.setAttribute("preserveAspectRatio", "xMinYMin meet");
  };
  window.__printCharts = function () {
    printing = true;
    document.querySelectorAll(".svg-container .main-svg").forEach(fit);
  };
  var screenCharts = function () {
    printing = false;
    document.querySelectorAll(".svg-container .main-svg[viewBox]").forEach(function (layer) {
      layer.removeAttribute("viewBox");
    });
  };
  // Plotly redraws a chart at the printed page's width when the page reflows: its new size is its new
  // viewBox, so the drawing is never stretched (or cut) by the size it had on screen.
  new MutationObserver(function () { if (printing) { window.__printCharts(); } })
    .observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ["width", "height"]});
  window.addEventListener("beforeprint", window.__printCharts);
  window.addEventListener("afterprint", screenCharts);
  var query = window.matchMedia("print");
  query.addEventListener("change", function (event) { (event.matches ? window.__printCharts : screenCharts)(); });
})();
</script>
"""


def inject(*scripts: str) -> None:
    """Add the print stylesheet and the chart-scaling script to the page (call once per run, in app.py).

    Other page-wide scripts (``scripts``) ride in the same element: every element costs each run."""
    st.html(PRINT_CSS)
    with st.container(key="print_style"):
        st.html(PRINT_SCRIPT + "".join(scripts), unsafe_allow_javascript=True)
