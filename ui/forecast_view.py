"""The plan's forecast in one strip of figures, drawn the same way on every page that shows
what the campaign should deliver (objectives, remuneration, budget, action plan, dashboard).

Every figure comes from :func:`influkit.campaign.forecast.forecast`, so the pages agree.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from influkit.campaign import forecast
from influkit.kpis import fmt_kpi
from influkit.plan.model import Plan
from influkit.text.formats import fmt_number
from ui import state

#: The figures the strip shows, in order (KPI codes of :mod:`influkit.kpis`).
SHOWN: tuple[str, ...] = ("reach", "clicks", "conversions", "revenue", "cost")


def forecast_summary(plan: Plan, table: pd.DataFrame | None = None, *, border: bool = True) -> None:
    """The plan's expected reach, clicks, sales, revenue and cost (with their range)."""
    result = forecast.forecast(plan, table=table)
    influencers = result.rows["influencer_id"].nunique() if len(result.rows) else 0
    with st.container(border=border):
        st.markdown(f"**{state.t('forecast.summary_title')}**")
        if not influencers:
            st.caption(state.t("forecast.summary_empty"))
            return
        columns = st.columns(len(SHOWN))
        lang = state.lang()
        for column, metric in zip(columns, SHOWN, strict=True):
            low, expected, high = result.totals[metric]
            column.metric(
                state.t(f"forecast.expected.{metric}"),
                fmt_kpi(metric, expected, lang),
                help=state.t(f"forecast.expected_help.{metric}"),
            )
            if metric != "cost" or low != high:
                column.caption(
                    state.t(
                        "forecast.range",
                        low=fmt_kpi(metric, low, lang),
                        high=fmt_kpi(metric, high, lang),
                    )
                )
        st.caption(
            state.t(
                "forecast.summary_caption",
                influencers=fmt_number(influencers, state.lang()),
                posts=fmt_number(result.rows["posts"].sum(), state.lang()),
            )
        )
