"""Charts of the campaign modules (6 and 7): the budget's breakdowns, the remuneration models
compared and their sales sensitivity, the results' funnel and breakdowns.

Pure functions of data and already-translated labels, styled with
:mod:`influkit.text.chart_style`; the pages only place them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from influkit import kpis
from influkit.kpis import fmt_kpi
from influkit.text import chart_style as charts
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import t

#: The colours of the budget breakdowns: by platform and tier the shared ones, else the accent.
_GROUP_COLOURS: dict[str, Mapping[str, str]] = {
    "platform": charts.PLATFORM_COLOURS,
    "tier": charts.TIER_COLOURS,
}
#: The line drawn across a chart for the brand's margin on sales.
_MARGIN_INK = "#212121"


# --- budget (module 7) ----------------------------------------------------------------------


def budget_breakdown_figure(
    frame: pd.DataFrame, key: str, labels: Sequence[str], lang: str
) -> go.Figure:
    """Horizontal bars of a budget breakdown (``frame``: ``key``, ``total_eur_ht``, ``share``),
    largest first, each with its amount and share; ``labels`` name the groups on screen."""
    colours: Any = charts.ACCENT
    if key in _GROUP_COLOURS:
        colours = [_GROUP_COLOURS[key].get(c, charts.NEUTRAL) for c in frame[key]]
    text = [
        f"{fmt_money(v, lang, 0)} ({fmt_percent(s, lang, 0)})"
        for v, s in zip(frame["total_eur_ht"], frame["share"], strict=False)
    ]
    fig = go.Figure(
        go.Bar(
            x=frame["total_eur_ht"],
            y=list(labels),
            orientation="h",
            marker_color=colours,
            text=text,
            textposition="auto",
            hoverinfo="text",
            hovertext=[f"{lab} : {txt}" for lab, txt in zip(labels, text, strict=False)],
        )
    )
    fig.update_yaxes(autorange="reversed", title=None)
    fig.update_xaxes(title=t("budgetpage.chart.amount_axis", lang))
    return charts.style(
        fig,
        lang,
        title=t(f"budgetpage.chart.by_{key}", lang),
        height=160 + 42 * max(len(frame), 1),
        money_axis="x",
    )


# --- remuneration (module 6) ----------------------------------------------------------------


def model_comparison_figure(simulation: pd.DataFrame, lang: str) -> go.Figure:
    """Grouped bars per model (``simulation``: ``model`` labels, ``brand_cost_eur``,
    ``influencer_earnings_eur``, ``brand_margin_eur``): brand cost next to influencer earnings,
    the sales margin across."""
    fig = go.Figure()
    for column, key, colour in (
        ("brand_cost_eur", "remuneration.chart.brand_cost", charts.ACCENT),
        ("influencer_earnings_eur", "remuneration.chart.influencer_earnings", charts.GOOD),
    ):
        fig.add_bar(
            x=simulation["model"],
            y=simulation[column],
            name=t(key, lang),
            marker_color=colour,
            hovertemplate="%{x}<br>" + charts.hover_money("y", lang) + "<extra></extra>",
        )
    margin = float(simulation["brand_margin_eur"].iloc[0]) if len(simulation) else 0.0
    # The margin is the same for every model: one dotted line across, named in the legend.
    fig.add_scatter(
        x=simulation["model"],
        y=[margin] * len(simulation),
        mode="lines",
        name=t("remuneration.chart.margin_line", lang, amount=fmt_money(margin, lang, 0)),
        line={"color": _MARGIN_INK, "dash": "dot", "width": 3},
        hovertemplate=charts.hover_money("y", lang) + "<extra></extra>",
    )
    fig.update_layout(barmode="group", yaxis_title=t("remuneration.chart.amount_axis", lang))
    fig.update_xaxes(tickangle=-25)
    return charts.style(
        fig,
        lang,
        title=t("remuneration.chart.comparison_title", lang),
        height=500,
        money_axis="y",
    )


def sales_sensitivity_figure(
    sensitivity: pd.DataFrame,
    break_even: float,
    expected_sales: float,
    model_name: str,
    lang: str,
) -> go.Figure:
    """Brand cost, influencer earnings and brand margin against sales, the expected sales and
    the break-even (when there is one) marked."""
    fig = go.Figure()
    series = (
        # The brand's cost sits just above the influencer's earnings: drawn wider, underneath.
        ("brand_cost_eur", "remuneration.chart.brand_cost", charts.ACCENT, "solid", 8),
        (
            "influencer_earnings_eur",
            "remuneration.chart.influencer_earnings",
            charts.GOOD,
            "solid",
            3,
        ),
        ("brand_margin_eur", "remuneration.chart.brand_margin", _MARGIN_INK, "dot", 3),
    )
    for column, key, colour, dash, width in series:
        fig.add_scatter(
            x=sensitivity["sales"],
            y=sensitivity[column],
            name=t(key, lang),
            mode="lines",
            line={"color": colour, "dash": dash, "width": width},
            opacity=0.6 if width > 3 else 1.0,
            hovertemplate="%{x:,.0f}<br>" + charts.hover_money("y", lang) + "<extra></extra>",
        )
    expected = t(
        "remuneration.chart.expected", lang, sales=fmt_kpi("conversions", expected_sales, lang)
    )
    notes = [(expected_sales, charts.NEUTRAL, "dash", expected, 0.98)]
    if math.isfinite(break_even):
        notes.append(
            (
                break_even,
                charts.WARNING,
                "solid",
                t("remuneration.chart.break_even", lang, sales=fmt_number(break_even, lang)),
                0.88,
            )
        )
    for x, colour, dash, text, height in notes:
        fig.add_vline(x=x, line_color=colour, line_dash=dash, line_width=2)
        fig.add_annotation(
            x=x,
            y=height,
            yref="paper",
            xanchor="left",
            yanchor="top",
            showarrow=False,
            text=text,
            font={"color": colour},
            bgcolor="rgba(255,255,255,0.85)",
        )
    fig.update_layout(
        xaxis_title=t("remuneration.chart.sales_axis", lang),
        yaxis_title=t("remuneration.chart.amount_axis", lang),
    )
    fig.update_xaxes(tickformat=",.0f")
    return charts.style(
        fig,
        lang,
        title=t("remuneration.chart.sensitivity_title", lang, model=model_name),
        height=480,
        money_axis="y",
    )


# --- results (module 7) ---------------------------------------------------------------------


def funnel_figure(stages: pd.DataFrame, labels: Sequence[str], lang: str) -> go.Figure:
    """The counted funnel stages (``stages``: ``value``, ``rate_from_previous``) as bars on a
    log scale, each with its value and its rate from the previous stage."""
    text = [
        fmt_number(value, lang)
        if pd.isna(rate)
        else t(
            "results.funnel_label",
            lang,
            value=fmt_number(value, lang),
            rate=fmt_kpi("ctr", rate, lang),
        )
        for value, rate in zip(stages["value"], stages["rate_from_previous"], strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            y=list(labels),
            x=stages["value"],
            orientation="h",
            marker_color=charts.ACCENT,
            text=text,
            textposition="outside",
            cliponaxis=False,
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(type="log", dtick=1, tickformat=",d", title=t("results.funnel_axis", lang))
    return charts.style(fig, lang, title=t("results.funnel_title", lang), height=380)


def results_breakdown_figure(
    names: Sequence[str], values: Sequence[float], kpi: str, by: str, lang: str
) -> go.Figure:
    """One KPI per group of results: a line over the weeks, else one bar per group (``names``
    already readable), the KPI written the catalogue's way."""
    written = [fmt_kpi(kpi, v, lang) for v in values]
    if by == "week":
        trace: Any = go.Scatter(
            x=list(names),
            y=list(values),
            mode="lines+markers",
            line={"color": charts.ACCENT, "width": 3},
            hovertext=written,
            hoverinfo="x+text",
        )
    else:
        trace = go.Bar(
            x=list(names),
            y=list(values),
            marker_color=charts.ACCENT,
            text=written,
            textposition="outside",
        )
    title = t(
        "results.breakdown_chart",
        lang,
        kpi=kpis.kpi_label(kpi, lang),
        by=t(f"results.by.{by}", lang).lower(),
    )
    fig = charts.style(go.Figure(trace), lang, title=title, height=400)
    fig.update_yaxes(**charts.kpi_axis_format(kpi, lang))
    return fig
