"""Charts of the class views: a decision's distribution across the class, positioning before
and after. Pure functions of data and labels; the pages only place them."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from influkit.text import chart_style as charts
from influkit.text.i18n import t


def distribution_figure(
    frame: pd.DataFrame,
    labels: Mapping[str, str],
    lang: str,
    *,
    value: str = "count",
    title: str | None = None,
    money: bool = False,
) -> go.Figure:
    """One horizontal bar per value of a decision (``frame``: columns ``value`` and ``value``)."""
    shown = frame.iloc[::-1]
    fig = go.Figure(
        go.Bar(
            x=shown[value],
            y=[labels.get(str(v), str(v)) for v in shown["value"]],
            orientation="h",
            marker_color=charts.ACCENT,
            texttemplate=charts.hover_money("x", lang) if money else "%{x:,.0f}",
            textposition="auto",
        )
    )
    charts.style(fig, lang, title=title, height=120 + 42 * max(1, len(frame)))
    if money:
        charts.style(fig, lang, title=title, money_axis="x", height=120 + 42 * max(1, len(frame)))
    fig.update_yaxes(automargin=True)
    return fig


def positioning_figure(
    summary: pd.DataFrame, item_labels: Mapping[str, str], lang: str
) -> go.Figure:
    """The class's mean self-rating per item, before and after the course (levels 1 to 4)."""
    shown = summary.iloc[::-1]
    names = [item_labels.get(i, i) for i in shown["item"]]
    fig = go.Figure()
    for phase, colour in (("before", charts.NEUTRAL), ("after", charts.ACCENT)):
        fig.add_bar(
            x=shown[f"mean_{phase}"],
            y=names,
            orientation="h",
            name=t(f"classroom.phase_{phase}", lang),
            marker_color=colour,
        )
    charts.style(fig, lang, height=140 + 48 * len(summary))
    fig.update_layout(barmode="group")
    fig.update_xaxes(range=[0, 4], dtick=1, title=t("classroom.mean_level", lang))
    fig.update_yaxes(automargin=True)
    return fig
