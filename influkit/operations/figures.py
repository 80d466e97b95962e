"""Charts of the operations: the editorial calendar laid out in time — who publishes what,
when, around the launch. Pure functions of data and labels; the pages only place them (the
retro-planning's Gantt chart is drawn by :func:`influkit.operations.schedule.gantt.figure`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from influkit.plan.model import PLATFORMS
from influkit.text import chart_style as charts
from influkit.text.formats import fmt_date
from influkit.text.i18n import label, t


def editorial_timeline_figure(
    calendar: pd.DataFrame, names: Mapping[str, str], lang: str, launch: dt.date | None = None
) -> go.Figure:
    """A timeline of the editorial calendar's dated entries
    (:func:`~influkit.campaign.communication.editorial_calendar`): one row per influencer
    (``names``; entries for everyone on a row of their own), one colour per platform, the launch
    marked by a dashed line."""
    dated = calendar.loc[calendar["date"].notna()]
    fig = go.Figure()
    nobody = t("communication.timeline_everyone", lang)
    for platform in [*PLATFORMS, ""]:
        part = dated.loc[dated["platform"].fillna("") == platform]
        if part.empty:
            continue
        starts = pd.to_datetime(part["date"])
        ends = pd.to_datetime(part["end"].where(part["end"].notna(), part["date"]))
        # A one-day entry still needs a visible bar: it lasts until the end of its day.
        widths = ((ends - starts).dt.days + 1) * 86_400_000
        fig.add_bar(
            base=starts,
            x=widths,
            y=[names.get(i, i) if i else nobody for i in part["influencer_id"]],
            orientation="h",
            name=label("data.platform", platform, lang) if platform else nobody,
            marker_color=charts.PLATFORM_COLOURS.get(platform, charts.NEUTRAL),
            customdata=[
                [fmt_date(s, lang), label("data.format", f, lang), m]
                for s, f, m in zip(part["date"], part["format"], part["message"], strict=False)
            ],
            hovertemplate="%{y}<br>%{customdata[0]} · %{customdata[1]}<br>%{customdata[2]}"
            "<extra></extra>",
        )
    fig.update_xaxes(type="date", tickformat="%d/%m/%Y", title=t("communication.timeline_x", lang))
    fig.update_yaxes(title=None, autorange="reversed")
    if launch is not None:
        fig.add_vline(
            x=pd.Timestamp(launch).value / 1e6,
            line_dash="dash",
            line_color=charts.ACCENT,
        )
        fig.add_annotation(
            x=pd.Timestamp(launch),
            y=1.0,
            yref="paper",
            text=t("communication.timeline_launch", lang, date=fmt_date(launch, lang)),
            showarrow=False,
            yanchor="bottom",
            font={"color": charts.ACCENT},
        )
    rows = max(1, dated["influencer_id"].nunique())
    return charts.style(
        fig, lang, title=t("communication.timeline_title", lang), height=220 + 40 * rows
    )
