"""The explorer's filters: platforms, niches, tiers, countries, languages, ranges of audience,
ER and price, the audience's make-up, the source and a search, kept for the session.

The filters are exploration, not plan content: they live in the session (``explorer_f_*``),
survive a change of page and are dropped when the table no longer offers a remembered choice.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from influkit.identify import explorer
from influkit.identify.explorer import ExplorerFilters
from influkit.plan.model import AGE_BANDS
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from ui import state
from ui.state import t

F = "explorer_f_"
FILTER_KEYS = (
    "platforms", "niches", "tiers", "countries", "languages", "followers", "er", "price",
    "female_min", "age_band", "age_min", "age_dominant", "top_country", "top_country_min",
    "credibility_min", "search", "source",
)  # fmt: skip


def _reset_filters() -> None:
    """Forget every filter the user set: the whole table shows again."""
    for name in FILTER_KEYS:
        st.session_state.pop(F + name, None)


def filter_panel(table: pd.DataFrame, options: dict[str, list[str]]) -> ExplorerFilters:
    """Draw the filters of the influencer ``table`` (``options``: what each list offers,
    :func:`explorer.filter_options`) and return what the user picked."""
    lang = state.lang()
    scales = {
        "followers": (explorer.FOLLOWER_STEPS, lambda v: fmt_number(v, lang)),
        "er": (explorer.ER_STEPS, lambda v: fmt_percent(v, lang, 1)),
        "price": (explorer.PRICE_STEPS, lambda v: fmt_money(v, lang, 0)),
    }
    no_limit = t("explorer.no_limit")

    # A remembered choice that the current table no longer offers (another tier scheme) is dropped.
    for name in explorer.CODE_FILTERS:
        kept = st.session_state.get(F + name)
        if kept:
            st.session_state[F + name] = [code for code in kept if code in options[name]]

    st.header(t("explorer.filters_title"))
    columns = st.columns(5)
    lists = {}
    for column, (name, namespace) in zip(
        columns,
        {
            "platforms": "data.platform",
            "niches": "data.niche",
            "tiers": "metrics.tier",
            "countries": "data.country",
            "languages": "data.language",
        }.items(),
        strict=True,
    ):
        lists[name] = column.multiselect(
            t(f"explorer.{name}"),
            options=options[name],
            format_func=state.labeller(namespace),
            placeholder=t("explorer.any"),
            key=F + name,
            persist_state="session",
        )

    ranges = {}
    for column, (name, (steps, fmt)) in zip(
        st.columns(3, gap="large"), scales.items(), strict=True
    ):
        picked = column.select_slider(
            t(f"explorer.{name}"),
            options=list(steps),
            value=(steps[0], steps[-1]),
            format_func=lambda v, fmt=fmt: no_limit if math.isinf(v) else fmt(v),
            key=F + name,
            persist_state="session",
        )
        ranges[name] = explorer.active_range(picked, steps)

    audience_names = ("female_min", "age_band", "age_dominant", "top_country", "credibility_min")
    audience_open = any(st.session_state.get(F + name) for name in audience_names)
    with st.expander(
        t("explorer.audience_title"), icon=":material/groups:", expanded=audience_open
    ):
        col1, col2, col3 = st.columns(3, gap="large")
        female_min = col1.slider(
            t("explorer.female_min"),
            0,
            100,
            0,
            step=5,
            key=F + "female_min",
            persist_state="session",
        )
        credibility_min = col1.slider(
            t("explorer.credibility_min"),
            0,
            100,
            0,
            step=5,
            help=t("explorer.credibility_help"),
            key=F + "credibility_min",
            persist_state="session",
        )
        band_labels = {None: t("explorer.age_band_none")} | {
            b: state.label("age", b) for b in AGE_BANDS
        }
        age_band = col2.selectbox(
            t("explorer.age_band"),
            options=[None, *AGE_BANDS],
            format_func=band_labels.get,
            key=F + "age_band",
            persist_state="session",
        )
        age_min = col2.slider(
            t("explorer.age_min"),
            0,
            100,
            0,
            step=5,
            key=F + "age_min",
            disabled=age_band is None,
            persist_state="session",
        )
        age_dominant = col2.checkbox(
            t("explorer.age_dominant"),
            key=F + "age_dominant",
            disabled=age_band is None,
            persist_state="session",
        )
        country_labels = {None: t("explorer.top_country_none")} | {
            c: state.label("data.country", c) for c in options["top_countries"]
        }
        top_country = col3.selectbox(
            t("explorer.top_country"),
            options=list(country_labels),
            format_func=country_labels.get,
            key=F + "top_country",
            persist_state="session",
        )
        top_country_min = col3.slider(
            t("explorer.top_country_min"),
            0,
            100,
            0,
            step=5,
            key=F + "top_country_min",
            disabled=top_country is None,
            persist_state="session",
        )

    source_labels = {code: t(f"explorer.source_{code}") for code in explorer.SOURCES}
    source = st.segmented_control(
        t("explorer.source"),
        options=list(explorer.SOURCES),
        format_func=source_labels.get,
        default="all",
        key=F + "source",
        persist_state="session",
    )
    has_imported = bool((table["source"] == "imported").any()) if "source" in table else False
    if source == "imported" and not has_imported:
        st.caption(":material/info: " + t("explorer.source_none_imported"))

    col1, col2 = st.columns([3, 1], vertical_alignment="bottom")
    search = col1.text_input(
        t("explorer.search"),
        placeholder=t("explorer.search_placeholder"),
        key=F + "search",
        persist_state="session",
    )
    col2.button(
        t("explorer.reset"),
        icon=":material/filter_alt_off:",
        on_click=_reset_filters,
        key="explorer_reset",
        width="stretch",
    )

    return ExplorerFilters(
        **{name: tuple(codes) for name, codes in lists.items()},
        **ranges,
        female_share_min=explorer.share_min(female_min),
        age_band=age_band,
        age_band_min=explorer.share_min(age_min) if age_band else None,
        age_band_dominant=bool(age_band and age_dominant),
        top_country=top_country,
        top_country_min=explorer.share_min(top_country_min) if top_country else None,
        credibility_min=explorer.share_min(credibility_min),
        search=search,
        source=source or "all",
    )
