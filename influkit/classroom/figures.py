"""Charts of the class views: a decision's distribution across the class (and the debrief's
set of them), positioning before and after. Pure functions of data and labels; the pages only
place them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from influkit.classroom import progress
from influkit.classroom.progress import PlanFacts
from influkit.text import chart_style as charts
from influkit.text.i18n import label, t


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


def debrief_figures(facts: Sequence[PlanFacts], lang: str) -> list[go.Figure]:
    """The debrief's charts of the class's decisions, in reading order (two per row):
    remuneration models, SMART scores, budget by tier, by platform, optimiser or own pick,
    compliance findings."""
    kinds = progress.remuneration_distribution(facts)
    scores = progress.smart_distribution(facts)
    picks = progress.optimiser_distribution(facts)
    found = progress.compliance_distribution(facts)
    figures = [
        distribution_figure(
            kinds,
            {k: label("compensation.kind", k, lang) for k in kinds["value"]},
            lang,
            title=t("classroom.dist_remuneration", lang),
        ),
        distribution_figure(
            scores,
            {str(v): t("classroom.smart_score", lang, score=v) for v in scores["value"]},
            lang,
            title=t("classroom.dist_smart", lang),
        ),
    ]
    for by, namespace in (("tier", "metrics.tier"), ("platform", "data.platform")):
        split = progress.budget_distribution(facts, by)
        figures.append(
            distribution_figure(
                split,
                {v: label(namespace, v, lang) for v in split["value"]},
                lang,
                value="total_eur_ht",
                money=True,
                title=t(f"classroom.dist_budget_{by}", lang),
            )
        )
    figures.append(
        distribution_figure(
            picks,
            {v: t(f"classroom.pick_{v}", lang) for v in picks["value"]},
            lang,
            title=t("classroom.dist_optimiser", lang),
        )
    )
    figures.append(
        distribution_figure(
            found,
            {v: t(f"classroom.finding_{v}", lang) for v in found["value"]},
            lang,
            title=t("classroom.dist_compliance", lang),
        )
    )
    return figures
