"""Measure influence (module 2): comments, shares, saves and mentions against the tier's norm."""

import pandas as pd
import streamlit as st

from influkit import metrics
from influkit.data import datasets
from influkit.identify import figures, influence, profiles, quality
from influkit.text.formats import fmt_number, fmt_percent
from ui import state
from ui.state import t

lang = state.lang()
plan = state.current_plan()

st.title(t("influence.title"))
st.write(t("influence.intro"))


table = profiles.influencer_table(plan)
posts, mentions = datasets.load("posts"), datasets.load("brand_mentions")
market = plan.case_id if plan else None
brands = influence.market_brands(mentions, market)
signals = influence.influence_signals(table, posts, brands=brands)
long = influence.versus_norm(signals)
indices = influence.index_table(long)
info = table.set_index("influencer_id")
values = signals.set_index("influencer_id")
flags = quality.quality_flags(
    table,
    datasets.load("follower_history"),
    posts,
    basis=plan.settings.er_basis if plan else "followers",
)
worst = quality.quality_summary(flags, ids=table["influencer_id"]).set_index("influencer_id")


def _name(influencer_id: str) -> str:
    row = info.loc[influencer_id]
    return f"{row['display_name']} ({state.label('data.platform', row['platform'])})"


# --- which accounts ---------------------------------------------------------------------------
default, why = influence.default_accounts(plan, table, indices, worst)
st.caption(t(f"influence.{why}"))

options = list(info.index)
names = {i: _name(i) for i in options}
chosen = st.multiselect(
    t("influence.choose"),
    options=options,
    default=default,
    format_func=names.get,
    key=state.widget_key("influence_accounts"),
    max_selections=12,
    placeholder=t("app.choose_placeholder"),
)
if not chosen:
    st.info(t("influence.choose_some"))
    st.stop()

# --- the table: each signal and its index against the norm ------------------------------------
st.header(t("influence.table_title"))


def _with_index(value: float, index: float, rate: bool) -> str:
    shown = fmt_percent(value, lang, 2) if rate else fmt_number(value, lang, 1)
    if pd.isna(value):
        return shown
    return shown if pd.isna(index) else f"{shown} (×{fmt_number(index, lang, 1)})"


level_words = {level: t(f"quality.level.{level}") for level in quality.LEVELS}
level_words.update({"": "—", "info": "—"})
rows = []
for influencer_id in chosen:
    row = values.loc[influencer_id]
    index = indices.loc[influencer_id] if influencer_id in indices.index else pd.Series(dtype=float)
    rows.append(
        {
            "name": info.loc[influencer_id, "display_name"],
            "platform": state.label("data.platform", row["platform"]),
            "tier": state.label("metrics.tier", row["tier"]),
            **{
                signal: _with_index(
                    row[signal], index.get(signal, float("nan")), signal in influence.RATE_SIGNALS
                )
                for signal in influence.INDEX_SIGNALS
            },
            "brand_mention_posts": fmt_number(row["brand_mention_posts"], lang),
            "quality": level_words[worst.loc[influencer_id, "worst_level"]],
        }
    )
column_config = {
    "name": st.column_config.TextColumn(t("influence.col_name")),
    "platform": st.column_config.TextColumn(t("influence.col_platform")),
    "tier": st.column_config.TextColumn(t("influence.col_tier")),
    **{
        signal: st.column_config.TextColumn(
            t(f"influence.short.{signal}"),
            help=t(f"influence.signal.{signal}") + " — " + t(f"influence.signal_help.{signal}"),
        )
        for signal in influence.SIGNALS
    },
    "quality": st.column_config.TextColumn(
        t("influence.short.quality"), help=t("influence.col_quality_help")
    ),
}
shown = pd.DataFrame(rows).drop(columns=influence.hidden_columns(signals, brands))
st.dataframe(shown, hide_index=True, width="stretch", column_config=column_config)
st.caption(t("influence.index_caption", posts=metrics.DEFAULT_N_POSTS, peers=influence.MIN_PEERS))
if not influence.has_mentions(signals):
    st.caption(t("influence.no_mentions"))

# --- chart 1: the index of each signal for the chosen accounts --------------------------------
display_names = info["display_name"]
st.plotly_chart(
    figures.influence_index_figure(indices, chosen, display_names, lang), width="stretch"
)

# --- chart 2: share rate against save rate, with the tiers' norms -----------------------------
st.header(t("influence.scatter_title"))
st.write(t("influence.scatter_intro"))
with_saves = [p for p in influence.SCATTER_PLATFORMS if p in set(signals["platform"])]
chosen_platforms = [
    values.loc[i, "platform"] for i in chosen if values.loc[i, "platform"] in with_saves
]
platform = st.selectbox(
    t("influence.platform"),
    options=with_saves,
    index=with_saves.index(chosen_platforms[0]) if chosen_platforms else 0,
    format_func=state.labeller("data.platform"),
    key=state.widget_key("influence_platform"),
)
same = signals.loc[signals["platform"] == platform]
norms = influence.tier_norms(same)
fig = figures.share_save_figure(same, norms, chosen, display_names, platform, lang)
st.plotly_chart(fig, width="stretch")
st.caption(t("influence.scatter_caption"))

# --- the market's brands in the captions and in the mentions ----------------------------------
st.header(t("influence.market_title"))
if not brands:
    st.info(t("influence.market_need_case"))
else:
    st.write(t("influence.market_intro", brands=", ".join(brands)))
    voice = influence.market_voice(mentions, market, weeks=12)
    st.subheader(t("influence.voice_title"))
    st.dataframe(
        pd.DataFrame(
            {
                t("influence.col_brand"): voice["brand"],
                t("influence.col_mentions"): [fmt_number(v, lang) for v in voice["mentions"]],
                t("influence.col_sov"): [fmt_percent(v, lang) for v in voice["share_of_voice"]],
                t("influence.col_sentiment"): [fmt_percent(v, lang) for v in voice["sentiment"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("influence.voice_caption"))
    st.subheader(t("influence.citing_title"))
    citing = influence.citing_accounts(signals, n=10)
    if citing.empty:
        st.caption(t("influence.citing_none"))
    else:
        st.dataframe(
            pd.DataFrame(
                {
                    t("influence.col_name"): [
                        info.loc[i, "display_name"] for i in citing["influencer_id"]
                    ],
                    t("influence.col_platform"): [
                        state.label("data.platform", p) for p in citing["platform"]
                    ],
                    t("influence.col_tier"): [
                        state.label("metrics.tier", x) for x in citing["tier"]
                    ],
                    t("influence.signal.brand_mention_posts"): [
                        fmt_number(v, lang) for v in citing["brand_mention_posts"]
                    ],
                    t("influence.col_brands"): citing["brands_mentioned"],
                }
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(t("influence.citing_caption"))
