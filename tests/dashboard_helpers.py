"""Helpers for the dashboard's AppTest tests: start the app, read what a page shows, settle with the engine."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from streamlit.testing.v1 import AppTest

from calculator.comparison import Comparison, compare, resolve_pair
from calculator.scenario import parse_scenario

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


def start(query: dict[str, str] | None = None, timeout: float = 30) -> AppTest:
    """Run the app once (the My-case page), opened with ``query`` as its link's query string."""
    app = AppTest.from_file(APP, default_timeout=timeout)
    if query:
        app.query_params.update(query)
    return app.run()


ARROWS = {0: "↓", 1: "↑", 2: ""}  # Metric.MetricDirection: DOWN, UP, NONE


def metrics(app: AppTest) -> dict[str, tuple[str, str | None]]:
    """Metric label → (value, delta) as displayed: the delta with its arrow (``↓ ¥200.00``), one sign."""
    shown = {}
    for metric in app.metric:
        delta = metric.proto.delta
        arrow = ARROWS.get(metric.proto.direction, "")
        shown[metric.label] = (metric.value, f"{arrow} {delta}".strip() if delta else None)
    return shown


def metric_colours(app: AppTest) -> dict[str, str]:
    """Metric label → the colour of its delta (GREEN for good news, RED for bad)."""
    from streamlit.proto.Metric_pb2 import Metric

    return {metric.label: Metric.MetricColor.Name(metric.proto.color) for metric in app.metric if metric.proto.delta}


def engine(**inputs) -> Comparison:
    """The engine's own before/after for Chongqing, for comparison with what the page shows."""
    return compare(parse_scenario(inputs), *resolve_pair("chongqing"))


def shown_texts(app: AppTest) -> list[str]:
    """Every text the main area shows: headings, markdown, captions, alerts, metrics, widget labels and options."""
    texts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error"):
        texts.extend(str(element.value) for element in getattr(app, kind))
    for metric in app.metric:
        texts.extend([metric.label, str(metric.value), str(metric.delta or "")])
    for kind in ("slider", "number_input", "text_input", "selectbox", "radio", "toggle", "button", "tabs", "expander"):
        for element in getattr(app, kind):
            if getattr(element, "key", None) == "lang_switch":  # the switch names each language in itself
                continue
            texts.append(str(getattr(element, "label", "")))
            texts.extend(str(option) for option in getattr(element, "options", []) or [])
    return texts


def unescape(text: str) -> str:
    """Markdown source as a reader sees it (the dashboard escapes special characters)."""
    return re.sub(r"\\(.)", r"\1", text)


def yuan(text: str) -> Decimal:
    """``¥1,234.50`` → Decimal('1234.50')."""
    return Decimal(text.replace("¥", "").replace(",", ""))
