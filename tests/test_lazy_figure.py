"""Figures reach Streamlit as their spec, unvalidated; plotly validates each kind of chart here instead."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest
from plotly.tools import return_figure_from_figure_or_data

from calculator.comparison import compare, resolve_pair
from calculator.projection import parse_projection_input, project
from calculator.scenario import parse_scenario
from dashboard import ledger_chart
from dashboard.lazy_figure import LazyFigure

SPEC = {"data": [{"type": "bar", "x": ["改革前", "改革后"], "y": [231.81, 0], "name": "现金"}], "layout": {}}


def test_streamlit_gets_the_spec_itself_without_plotly_building_the_figure():
    figure = LazyFigure(SPEC)
    # what st.plotly_chart does with a figure before it serialises it
    assert return_figure_from_figure_or_data(figure, validate_figure=True) is SPEC
    assert not figure.opened


def test_looking_inside_builds_a_real_figure_and_edits_show_in_its_dict():
    figure = LazyFigure({"data": [dict(SPEC["data"][0])], "layout": {}})
    assert isinstance(figure, go.Figure)
    assert [trace.name for trace in figure.data] == ["现金"] and figure.opened
    figure.update_layout(height=300)
    assert figure.to_dict()["layout"]["height"] == 300
    assert list(figure.to_dict()["data"][0]["y"]) == [231.81, 0]


def test_a_spec_plotly_refuses_is_refused_as_soon_as_it_is_opened():
    figure = LazyFigure({"data": [{"type": "bar", "colour": "red"}], "layout": {}})
    with pytest.raises(ValueError, match="colour"):
        _ = figure.data


def test_the_ledger_charts_are_specs_plotly_accepts():
    """老李 over five years: both ledger charts pass plotly's own validation, with one line per side."""
    before, after = resolve_pair("chongqing")
    scenario = parse_scenario({"status": "retired", "age": 62, "spending": "2800", "level": 2})
    ledger = project(scenario, before, after, parse_projection_input({"years": 5}))
    for chart in (ledger_chart.balance_lines(ledger, "老李"), ledger_chart.cumulative_lines(ledger, "老李")):
        assert not chart.opened  # built as a spec: a page pays nothing for plotly's object tree
        checked = go.Figure(chart.to_dict())  # plotly's validation, as go.Figure(spec) does it
        assert len([trace for trace in checked.data if trace.x is not None]) >= 2
        assert next(trace.x[0] for trace in checked.data if trace.x is not None) == ledger.years[0].year


def test_my_case_charts_are_built_only_when_read():
    from dashboard import charts

    before, after = resolve_pair("chongqing")
    scenario = parse_scenario({"status": "retired", "age": 62, "spending": "2800", "level": 2})
    comparison = compare(scenario, before, after)
    chart = charts.money_flow({"before": comparison.before, "after": comparison.after})
    assert isinstance(chart, LazyFigure) and not chart.opened
    go.Figure(chart.to_dict())  # and plotly accepts it
