"""A plotly figure that plotly validates only when something looks inside it.

Every chart of the dashboard is one plain dict built in one piece (:mod:`dashboard.charts`). Streamlit only
needs that dict to send it, yet hands any figure to ``plotly.graph_objects.Figure`` first, and plotly's
validation of a chart costs more than everything else the chart costs a page rerun (about 3 ms for a small
bar chart, 10 ms for the spending sweep, measured by ``benchmarks/charts.py``). A :class:`LazyFigure` is a
real ``go.Figure`` whose object tree is built, and its spec validated, on the first access to anything
inside it (``.data``, ``.layout``, ``update_layout`` …); until then :meth:`to_dict`, which is all Streamlit
calls, returns the spec as it is.

The tests open every chart they check, so a spec that plotly would refuse fails there, never only in a
browser (``tests/test_charts.py`` opens each kind of chart).
"""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go


class LazyFigure(go.Figure):
    """``go.Figure(spec)``, built on first use; ``to_dict()`` before that returns ``spec`` itself."""

    def __init__(self, spec: dict) -> None:
        self.__dict__["_lazy_spec"] = spec
        self.__dict__["_lazy_opened"] = False

    def _open(self) -> None:
        if not self.__dict__["_lazy_opened"]:
            self.__dict__["_lazy_opened"] = True
            go.Figure.__init__(self, self.__dict__["_lazy_spec"])

    def __getattr__(self, name: str) -> Any:
        """Reached only for what the unopened figure lacks (plotly's internals): open it, then look again."""
        if name.startswith("_lazy") or self.__dict__.get("_lazy_opened", True):
            raise AttributeError(name)
        self._open()
        return object.__getattribute__(self, name)

    @property
    def opened(self) -> bool:
        """Whether plotly has built (and validated) the figure."""
        return self.__dict__["_lazy_opened"]

    def to_dict(self) -> dict:
        """The figure as plotly's dict: the spec itself while nothing has changed it (callers must not
        mutate it), plotly's own export once the figure has been opened."""
        if not self.__dict__["_lazy_opened"]:
            return self.__dict__["_lazy_spec"]
        return super().to_dict()
