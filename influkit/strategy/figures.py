"""Charts of the strategy pages (module 5): the client's past results by group, the sources of
its mentions, its share of voice and its competitors' mentions over time. Pure functions of data
and already-translated labels; the pages only place them."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from influkit import kpis
from influkit.strategy.history import LOSS_THRESHOLD
from influkit.text import chart_style as charts
from influkit.text.formats import fmt_money, fmt_number, fmt_percent

#: One colour per brand on the mentions charts: the client first, then its competitors.
BRAND_PALETTE: tuple[str, ...] = (charts.ACCENT, "#1565C0", "#2E7D32", "#EF6C00", "#6A1B9A")
#: Sentiment from 50 % (red) to 100 % (green): the colours of the sources chart.
SENTIMENT_SCALE = [[0, charts.BAD], [0.5, charts.WARNING], [0.8, charts.GOOD], [1, charts.GOOD]]


def results_height(groups: int, horizontal: bool) -> int:
    """The height of a results chart: one row per group when the bars lie down."""
    return max(420, 28 * groups + 160) if horizontal else 440


def _percent_ticks(fig: go.Figure, axis: str, lang: str) -> None:
    """Ticks of an axis plotted in percentage points, written ``30 %`` in French."""
    fig.update_layout({axis: charts.percent_axis_format(lang, 0)})


def cost_revenue_figure(
    table: pd.DataFrame,
    names: Sequence[str],
    lang: str,
    *,
    horizontal: bool,
    cost_label: str,
    revenue_label: str,
    axis_title: str,
    title: str,
) -> go.Figure:
    """Cost and revenue of each group side by side (``table``: ``cost_eur``, ``revenue_eur``),
    bars lying down when the groups are many names (campaigns, influencers)."""
    fig = go.Figure()
    for column, name, colour in (
        ("cost_eur", cost_label, charts.NEUTRAL),
        ("revenue_eur", revenue_label, charts.ACCENT),
    ):
        values = table[column].tolist()
        texts = [fmt_money(v, lang, 0) for v in values]
        if horizontal:
            fig.add_bar(
                y=list(names),
                x=values,
                name=name,
                orientation="h",
                marker_color=colour,
                hovertext=texts,
                hoverinfo="y+text+name",
            )
        else:
            fig.add_bar(
                x=list(names),
                y=values,
                name=name,
                marker_color=colour,
                text=texts,
                textposition="outside",
                hovertext=texts,
                hoverinfo="x+text+name",
            )
    fig.update_layout(barmode="group")
    if horizontal:
        fig.update_yaxes(autorange="reversed", type="category")
        fig.update_xaxes(title=axis_title)
    else:
        fig.update_xaxes(type="category")
        fig.update_yaxes(title=axis_title)
    return charts.style(
        fig,
        lang,
        title=title,
        height=results_height(len(table), horizontal),
        money_axis="x" if horizontal else "y",
    )


def metric_figure(
    table: pd.DataFrame,
    names: Sequence[str],
    metric: str,
    lang: str,
    *,
    horizontal: bool,
    title: str,
    break_even_label: str,
) -> go.Figure:
    """One KPI of each group (``table[metric]``), written in its unit; loss-making groups in red
    and the break-even line when the KPI is the ROAS."""
    unit = kpis.unit(metric)
    percent = unit in ("share", "rate")
    values = charts.percent_points(table[metric].tolist()) if percent else table[metric].tolist()
    texts = [kpis.fmt_kpi(metric, v, lang) for v in table[metric]]
    colours = [
        charts.BAD if (metric == "roas" and loss) else charts.ACCENT
        for loss in table["loss_making"]
    ]
    fig = go.Figure()
    if horizontal:
        fig.add_bar(
            y=list(names),
            x=values,
            orientation="h",
            marker_color=colours,
            text=texts,
            textposition="outside",
            hoverinfo="y+text",
        )
        fig.update_yaxes(autorange="reversed", type="category")
    else:
        fig.add_bar(
            x=list(names),
            y=values,
            marker_color=colours,
            text=texts,
            textposition="outside",
            hoverinfo="x+text",
        )
        fig.update_xaxes(type="category")
    if metric == "roas":
        line = {
            "line_dash": "dash",
            "line_color": charts.BAD,
            "annotation_text": break_even_label,
            "annotation_position": "top right" if horizontal else "top left",
            "annotation_bgcolor": "rgba(255, 255, 255, 0.85)",
        }
        if horizontal:
            fig.add_vline(x=LOSS_THRESHOLD, **line)
        else:
            fig.add_hline(y=LOSS_THRESHOLD, **line)
    charts.style(fig, lang, title=title, height=results_height(len(table), horizontal))
    axis = "xaxis" if horizontal else "yaxis"
    if percent:
        _percent_ticks(fig, axis, lang)
    if unit == "eur":
        fig.update_layout({axis: charts.money_axis_format(lang, 2)})
    fig.update_layout(showlegend=False)
    return fig


def sources_figure(
    sources: pd.DataFrame,
    names: Sequence[str],
    bar_texts: Sequence[str],
    lang: str,
    *,
    title: str,
    axis_title: str,
    sentiment_title: str,
) -> go.Figure:
    """Each source's share of the brand's mentions (``sources``: ``share``, ``sentiment``),
    coloured by its sentiment from red (50 % positive) to green."""
    fig = go.Figure(
        go.Bar(
            y=list(names),
            x=charts.percent_points(sources["share"]),
            orientation="h",
            text=list(bar_texts),
            textposition="auto",
            hoverinfo="y+text",
            marker={
                "color": charts.percent_points(sources["sentiment"].fillna(0.5)),
                "colorscale": SENTIMENT_SCALE,
                "cmin": 50,
                "cmax": 100,
                "colorbar": {
                    "title": {"text": sentiment_title},
                    "ticksuffix": charts.percent_suffix(lang),
                },
            },
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=axis_title)
    charts.style(fig, lang, title=title, height=max(300, 60 * len(sources) + 140))
    _percent_ticks(fig, "xaxis", lang)
    return fig


def _date_format(freq: str) -> str:
    """How a period is written on hover: a week by its Monday, a month as ``03/2026``."""
    return "%d/%m/%Y" if freq == "week" else "%m/%Y"


def share_of_voice_figure(
    sov: pd.DataFrame,
    brand: str,
    freq: str,
    lang: str,
    *,
    title: str,
    axis_title: str,
    period_title: str,
) -> go.Figure:
    """The brand's share of voice per period (``sov``: ``period``, ``share_of_voice``)."""
    fig = go.Figure(
        go.Scatter(
            x=sov["period"],
            y=charts.percent_points(sov["share_of_voice"]),
            mode="lines+markers",
            name=brand,
            line={"color": charts.ACCENT, "width": 3},
            hovertext=[fmt_percent(v, lang, 1) for v in sov["share_of_voice"]],
            hoverinfo="x+text",
        )
    )
    fig.update_yaxes(title=axis_title, rangemode="tozero")
    fig.update_xaxes(title=period_title, tickformat="%m/%Y", hoverformat=_date_format(freq))
    charts.style(fig, lang, title=title, height=400)
    _percent_ticks(fig, "yaxis", lang)
    return fig


def brands_over_time_figure(
    by_brand: pd.DataFrame,
    value: str,
    brands: Sequence[str],
    freq: str,
    lang: str,
    *,
    title: str,
    axis_title: str,
    period_title: str,
    legend_title: str,
) -> go.Figure:
    """One line per brand (the client first, drawn thicker) of ``value`` per period
    (``by_brand``: ``brand``, ``period``, ``value``); ``sentiment`` is a share, written in %."""
    percent = value == "sentiment"
    client = brands[0] if brands else None
    fig = go.Figure()
    for index, name in enumerate(brands):
        rows = by_brand.loc[by_brand["brand"] == name]
        hover = [fmt_percent(v, lang, 0) if percent else fmt_number(v, lang) for v in rows[value]]
        fig.add_scatter(
            x=rows["period"],
            y=charts.percent_points(rows[value]) if percent else rows[value],
            mode="lines",
            name=name,
            line={
                "color": BRAND_PALETTE[index % len(BRAND_PALETTE)],
                "width": 4 if name == client else 2,
            },
            hovertext=hover,
            hoverinfo="x+text+name",
        )
    fig.update_yaxes(title=axis_title)
    fig.update_xaxes(title=period_title, tickformat="%m/%Y", hoverformat=_date_format(freq))
    charts.style(fig, lang, title=title, height=440)
    if percent:
        _percent_ticks(fig, "yaxis", lang)
    fig.update_layout(
        legend={
            "title": {"text": legend_title},
            "orientation": "h",
            "y": -0.22,
            "yanchor": "top",
            "x": 0,
        },
        margin={"b": 40},
    )
    return fig
