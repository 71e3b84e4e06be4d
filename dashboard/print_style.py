"""The printed page (Chromium, A4): the case, its figures, both sides' working and the charts, nothing else.

A fallback beside the PDF handout: the sidebar, the header and every control are left out; the working
of both sides is printed one after the other (a tab shows only one; :func:`dashboard.explain.show_traces`
keeps a print-only copy of both, as the examples page does of its data grid, which a canvas draws
only as wide as the screen); charts shrink to the page width. Plotly draws its charts at a fixed
pixel size, so a small script gives each chart a ``viewBox`` while printing (removed afterwards) that lets the print
stylesheet scale it instead of cutting it at the right edge. Injected once, from ``app.py``, for every page.
"""

from __future__ import annotations

import streamlit as st

PRINT_CSS = """
<style>
[class*="st-key-print-only"], .st-key-print_style { display: none; }
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
  .stPlotlyChart, .stPlotlyChart > div, .js-plotly-plot, .plot-container {
    width: 100% !important; max-width: 100% !important; height: auto !important;
  }
  .svg-container {
    width: 100% !important; max-width: 100% !important; height: auto !important;
    aspect-ratio: var(--print-ratio, 16 / 9);
  }
  .svg-container .main-svg { width: 100% !important; height: 100% !important; }
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
  window.__printCharts = function () {
    document.querySelectorAll(".svg-container").forEach(function (box) {
      var svg = box.querySelector(".main-svg");
      if (!svg) { return; }
      var width = parseFloat(svg.getAttribute("width")), height = parseFloat(svg.getAttribute("height"));
      if (!(width > 0 && height > 0)) { return; }
      box.style.setProperty("--print-ratio", width + " / " + height);
      box.querySelectorAll(".main-svg").forEach(function (layer) {
        layer.setAttribute("viewBox", "0 0 " + width + " " + height);
        layer.setAttribute("preserveAspectRatio", "xMinYMin meet");
      });
    });
  };
  var screenCharts = function () {
    document.querySelectorAll(".svg-container .main-svg[viewBox]").forEach(function (layer) {
      layer.removeAttribute("viewBox");
    });
  };
  window.addEventListener("beforeprint", window.__printCharts);
  window.addEventListener("afterprint", screenCharts);
  var query = window.matchMedia("print");
  query.addEventListener("change", function (event) { (event.matches ? window.__printCharts : screenCharts)(); });
})();
</script>
"""


def inject() -> None:
    """Add the print stylesheet and the chart-scaling script to the page (call once per run, in app.py)."""
    st.html(PRINT_CSS)
    with st.container(key="print_style"):
        st.html(PRINT_SCRIPT, unsafe_allow_javascript=True)
