"""Anticipate trends (module 2): hashtags gaining momentum in the case's niches, and who used them
first."""

import pandas as pd
import streamlit as st

from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import figures, profiles, trends
from influkit.text.formats import fmt_date, fmt_number
from ui import state
from ui.state import t
from ui.widgets import number_field

lang = state.lang()
plan = state.current_plan()

st.title(t("trends.title"))
st.write(t("trends.intro"))


posts, influencers = datasets.load("posts"), datasets.load("influencers")
table = profiles.influencer_table(plan)
niche_codes = sorted(influencers["niche"].unique())
planned = [n for n in (plan.brief.niches if plan else []) if n in niche_codes]
weeks = trends.data_weeks(posts)

col1, col2, col3 = st.columns([3, 2, 1], vertical_alignment="bottom")
niches = col1.multiselect(
    t("trends.niches"),
    options=niche_codes,
    default=planned or niche_codes[:1],
    format_func=state.labeller("data.niche"),
    key=state.widget_key("trends_niches"),
    help=t("trends.niches_help"),
    placeholder=t("app.choose_placeholder"),
)
recent_weeks = col2.slider(
    t("trends.recent_weeks"),
    min_value=2,
    max_value=min(26, len(weeks) - 4),
    value=trends.DEFAULT_RECENT_WEEKS,
    key=state.widget_key("trends_recent"),
    help=t("trends.recent_help"),
)
with col3:
    min_count = number_field(
        t("trends.min_count"),
        trends.DEFAULT_MIN_COUNT,
        key=state.widget_key("trends_min_count"),
        kind="count",
        min_value=1,
        max_value=200,
        help=t("trends.min_count_help"),
    )
if not niches:
    st.info(t("trends.choose_niche"))
    st.stop()

try:
    ranked = trends.rising_hashtags(
        posts, influencers, niches, recent_weeks=recent_weeks, min_count=int(min_count)
    )
except UserError as err:
    st.error(err.message(lang))
    st.stop()

window = trends.recent_window(weeks, recent_weeks)
st.caption(
    t(
        "trends.window",
        start=fmt_date(window[0], lang),
        end=fmt_date(window[1], lang),
        weeks=recent_weeks,
        before=len(weeks) - recent_weeks,
    )
)

# --- the ranking ------------------------------------------------------------------------------
st.header(t("trends.ranking_title"))
if ranked.empty:
    st.info(t("trends.none"))
    st.stop()
rising = ranked.loc[ranked["rising"]]
if rising.empty:
    st.info(t("trends.none_rising"))
else:
    st.success(
        t(
            "trends.top",
            tag=rising["hashtag"].iloc[0],
            niche=state.label("data.niche", rising["niche"].iloc[0]),
            momentum=fmt_number(rising["momentum"].iloc[0], lang, 1),
        ),
        icon=":material/trending_up:",
    )
top = ranked.head(15)
st.dataframe(
    pd.DataFrame(
        {
            "rank": top["rank"].to_numpy(),
            "hashtag": top["hashtag"].to_numpy(),
            "niche": [state.label("data.niche", n) for n in top["niche"]],
            "recent": [fmt_number(v, lang, 1) for v in top["recent_per_week"]],
            "before": [fmt_number(v, lang, 1) for v in top["before_per_week"]],
            "momentum": [f"×{fmt_number(v, lang, 1)}" for v in top["momentum"]],
            "accounts": [fmt_number(v, lang) for v in top["recent_accounts"]],
            "status": [t("trends.rising") if r else "—" for r in top["rising"]],
        }
    ),
    hide_index=True,
    width="stretch",
    height=38 + 35 * len(top),
    column_config={
        "rank": st.column_config.NumberColumn(t("trends.col_rank"), width="small"),
        "hashtag": st.column_config.TextColumn(t("trends.col_hashtag")),
        "niche": st.column_config.TextColumn(t("trends.col_niche")),
        "recent": st.column_config.TextColumn(
            t("trends.col_recent", weeks=recent_weeks), help=t("trends.col_recent_help")
        ),
        "before": st.column_config.TextColumn(
            t("trends.col_before"), help=t("trends.col_before_help")
        ),
        "momentum": st.column_config.TextColumn(
            t("trends.col_momentum"), help=t("trends.col_momentum_help")
        ),
        "accounts": st.column_config.TextColumn(
            t("trends.col_accounts"), help=t("trends.col_accounts_help")
        ),
        "status": st.column_config.TextColumn(t("trends.col_status")),
    },
)
st.caption(t("trends.ranking_caption", shown=len(top), total=len(ranked), min_count=int(min_count)))

# --- weekly usage of the top rising tags ------------------------------------------------------
lines = trends.charted_hashtags(ranked)
usage = trends.weekly_usage(posts, lines, influencers, niches)
st.plotly_chart(figures.hashtag_usage_figure(usage, lines, window, lang), width="stretch")

# --- the earliest adopters --------------------------------------------------------------------
st.header(t("trends.adopters_title"))
st.write(t("trends.adopters_intro"))
tag_options = list(ranked["hashtag"].head(30))
tag = st.selectbox(
    t("trends.choose_tag"),
    options=tag_options,
    index=0,
    key=state.widget_key(f"trends_tag_{'_'.join(niches)}_{recent_weeks}"),
)
adopters = trends.first_adopters(posts, tag, n=5, influencers=table)
if adopters.empty:
    st.info(t("trends.no_adopters"))
else:
    st.dataframe(
        pd.DataFrame(
            {
                t("trends.col_rank"): adopters["rank"].to_numpy(),
                t("trends.col_name"): adopters["display_name"].to_numpy(),
                t("trends.col_handle"): adopters["handle"].to_numpy(),
                t("trends.col_platform"): [
                    state.label("data.platform", p) for p in adopters["platform"]
                ],
                t("trends.col_tier"): [state.label("metrics.tier", x) for x in adopters["tier"]],
                t("trends.col_first"): [fmt_date(d, lang) for d in adopters["first_used"]],
                t("trends.col_adopted"): [fmt_date(d, lang) for d in adopters["adopted_on"]],
                t("trends.col_uses"): [fmt_number(v, lang) for v in adopters["uses"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("trends.adopters_caption"))

# --- the trainee's note -----------------------------------------------------------------------
st.header(t("trends.note_title"))
if plan is None:
    st.info(t("trends.note_need_plan"))
else:
    note = state.bound(
        st.text_area,
        "trends_note",
        plan.notes.get("trends", ""),
        t("trends.note"),
        height=160,
        placeholder=t("trends.note_placeholder"),
    )
    if note != plan.notes.get("trends", ""):
        plan.notes = {**plan.notes, "trends": note}
