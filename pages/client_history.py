"""5. Client history: past campaigns by year, season, platform…, best and weakest, sources of
influence and share of voice, and the trainee's learnings."""

import streamlit as st

from influkit.strategy import figures, history
from influkit.text.formats import fmt_number
from influkit.text.i18n import label
from ui import state
from ui.navigation import page_link
from ui.state import bound, labeller, t
from ui.text import plain

lang = state.lang()
plan = state.require_plan()

st.title(t("history.title"))
st.markdown(t("history.intro"))

# --- which brand ---------------------------------------------------------------------------
brand = history.resolve_brand(plan.brief.brand)
if brand is None:
    st.warning(t("history.no_history", brand=plain(plan.brief.brand) or "—"))
    options = history.brands()
    saved = history.resolve_brand(plan.notes.get(history.NOTES_BRAND_KEY))
    picked = bound(
        st.selectbox,
        "history_practice_brand",
        saved or history.default_practice_brand(plan),
        t("history.practice_brand"),
        options=options,
    )
    if plan.notes.get(history.NOTES_BRAND_KEY) != picked:
        plan.notes = {**plan.notes, history.NOTES_BRAND_KEY: picked}
    brand = picked

campaigns = history.campaigns_of(brand)
market = history.market_of(brand, plan)
mentions = history.mentions_in(market)
competitors = sorted(set(mentions["brand"]) - {brand})

if not len(campaigns):
    st.info(t("history.no_campaigns"))
    st.stop()

st.markdown(
    t(
        "history.brand_caption",
        brand=brand,
        campaigns=fmt_number(campaigns["campaign_id"].nunique(), lang),
        first_year=int(campaigns["year"].min()),
        last_year=int(campaigns["year"].max()),
        competitors=", ".join(competitors) or "—",
    )
)

metric_options = list(history.RANKING_METRICS)
default_metric = history.DEFAULT_RANKING.get(plan.brief.business_aim, "roas")
metric = st.selectbox(
    t("history.metric"),
    options=metric_options,
    index=metric_options.index(default_metric),
    format_func=labeller("history.kpi_option"),
    help=t("history.metric_help", aim=state.label("aim", plan.brief.business_aim)),
    key=state.widget_key("history_metric"),
)
metric_name = state.label("history.kpi", metric)

# --- key facts -----------------------------------------------------------------------------
st.header(t("history.facts_title"))
facts = history.key_facts(campaigns, mentions, brand, metric)
st.markdown("\n".join(f"- {fact.message(lang)}" for fact in facts))
st.caption(t("history.facts_caption"))


# --- results by dimension ------------------------------------------------------------------
st.header(t("history.results_title"))
dimension = (
    st.segmented_control(
        t("history.dimension_label"),
        options=list(history.DIMENSIONS),
        default="year",
        format_func=labeller("history.dimension"),
        key=state.widget_key("history_dimension"),
    )
    or "year"
)
table = history.results_by(campaigns, dimension)
names = history.group_labels(table, dimension, lang)
by_text = state.label("history.by", dimension)
horizontal = dimension in history.NAMED_DIMENSIONS
st.plotly_chart(
    figures.cost_revenue_figure(
        table,
        names,
        lang,
        horizontal=horizontal,
        cost_label=t("history.cost"),
        revenue_label=t("history.revenue"),
        axis_title=t("history.axis_amount"),
        title=t("history.chart_cost_revenue", by=by_text),
    ),
    width="stretch",
)
st.plotly_chart(
    figures.metric_figure(
        table,
        names,
        metric,
        lang,
        horizontal=horizontal,
        title=t("history.chart_metric", metric=metric_name, by=by_text),
        break_even_label=t("history.break_even"),
    ),
    width="stretch",
)
st.dataframe(history.results_table(table, dimension, lang), hide_index=True, width="stretch")
st.caption(t("history.table_caption"))
if dimension in ("year", "season"):
    st.caption(t("history.season_caption"))

# --- best and weakest ----------------------------------------------------------------------
st.header(t("history.ranking_title"))
st.caption(t("history.ranking_caption", metric=metric_name))
N_RANKED = 3
tab_campaigns, tab_influencers = st.tabs([t("history.tab_campaigns"), t("history.tab_influencers")])
for tab, dim in ((tab_campaigns, "campaign"), (tab_influencers, "influencer")):
    with tab:
        best, worst = history.ranking(campaigns, dim, metric, N_RANKED)
        left, right = st.columns(2, gap="large")
        for column, title, rows in (
            (left, t("history.best", n=N_RANKED), best),
            (right, t("history.worst", n=N_RANKED), worst),
        ):
            column.subheader(title)
            column.dataframe(
                history.ranking_frame(rows, dim, metric, lang), hide_index=True, width="stretch"
            )

with st.expander(t("history.all_campaigns")):
    st.dataframe(history.campaigns_frame(campaigns, lang), hide_index=True, width="stretch")

# --- sources of influence ------------------------------------------------------------------
st.header(t("history.sources_title"))
if not len(mentions):
    st.info(t("history.no_mentions"))
else:
    st.caption(t("history.sources_caption"))
    for by, namespace, title_key in (
        ("source_type", "data.source_type", "history.chart_source_type"),
        ("source", "data.source", "history.chart_source"),
    ):
        sources = history.sources_of_influence(mentions, brand, by)
        st.plotly_chart(
            figures.sources_figure(
                sources,
                [label(namespace, code, lang) for code in sources[by]],
                history.source_bar_texts(sources, lang),
                lang,
                title=t(title_key, brand=brand),
                axis_title=t("history.axis_share_of_mentions"),
                sentiment_title=t("history.axis_sentiment"),
            ),
            width="stretch",
        )

    # --- share of voice --------------------------------------------------------------------
    st.header(t("history.sov_title"))
    st.caption(t("history.sov_caption"))
    freq = (
        st.segmented_control(
            t("history.frequency_label"),
            options=list(history.FREQUENCIES),
            default="month",
            format_func=labeller("history.frequency"),
            key=state.widget_key("history_frequency"),
        )
        or "month"
    )
    per = state.label("history.per", freq)
    st.plotly_chart(
        figures.share_of_voice_figure(
            history.share_of_voice_over_time(mentions, brand, freq),
            brand,
            freq,
            lang,
            title=t("history.chart_sov", brand=brand, per=per),
            axis_title=t("history.axis_share_of_voice"),
            period_title=t("history.axis_period"),
        ),
        width="stretch",
    )
    by_brand = history.mentions_by_brand(mentions, freq)
    for value, title_key, axis_key in (
        ("mentions", "history.chart_mentions_brands", "history.axis_mentions"),
        ("sentiment", "history.chart_sentiment_brands", "history.axis_sentiment"),
    ):
        st.plotly_chart(
            figures.brands_over_time_figure(
                by_brand,
                value,
                [brand, *competitors],
                freq,
                lang,
                title=t(title_key, per=per),
                axis_title=t(axis_key),
                period_title=t("history.axis_period"),
                legend_title=t("history.legend_brand"),
            ),
            width="stretch",
        )
    st.caption(t("history.sentiment_caption"))

# --- learnings -----------------------------------------------------------------------------
st.header(t("history.learnings_title"))
learnings = bound(
    st.text_area,
    "history_learnings",
    plan.client_learnings,
    t("history.learnings_label"),
    height=200,
    placeholder=t("history.learnings_placeholder"),
)
if learnings != plan.client_learnings:
    plan.client_learnings = learnings
st.caption(t("history.learnings_saved"))
page_link("objectives", t("history.next"), ":material/flag:")
