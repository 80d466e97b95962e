"""5. Client history: past campaigns by year, season, platform…, best and weakest, sources of
influence and share of voice, and the trainee's learnings."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from influkit import kpis
from influkit.strategy import history
from influkit.text import chart_style as charts
from influkit.text.formats import fmt_date, fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import label
from ui import state
from ui.navigation import all_pages
from ui.state import bound, labeller, t
from ui.text import plain

lang = state.lang()
menu = {spec.file for spec in all_pages()}
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


def kpi_text(kpi: str, value: float) -> str:
    """A KPI value as the page shows it."""
    return kpis.fmt_kpi(kpi, value, lang)


def percent_ticks(fig: go.Figure, axis: str) -> None:
    """Ticks of an axis plotted in percent points, written ``30 %`` in French."""
    fig.update_layout({axis: charts.percent_axis_format(lang, 0)})


def group_label(dimension: str, row: pd.Series) -> str:
    """The readable name of one group of the results table."""
    if dimension == "campaign":
        return str(row["campaign_name"])
    if dimension == "influencer":
        return str(row.get("handle") or row["influencer_id"])
    if dimension == "year":
        return str(int(row["year"]))
    namespace = {
        "season": "history.season",
        "platform": "data.platform",
        "tier": "metrics.tier",
        "format": "data.format",
    }[dimension]
    return label(namespace, row[dimension], lang)


def results_frame(table: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The results table with every figure written the way the trainee reads it."""
    col = lambda name: t(f"history.column.{name}")  # noqa: E731
    return pd.DataFrame(
        {
            state.label("history.dimension", dimension): [
                group_label(dimension, row) for _, row in table.iterrows()
            ],
            col("campaigns"): [fmt_number(v, lang) for v in table["campaigns"]],
            col("cost_eur"): [fmt_money(v, lang, 0) for v in table["cost_eur"]],
            col("cost_share"): [fmt_percent(v, lang, 0) for v in table["cost_share"]],
            col("reach"): [fmt_number(v, lang) for v in table["reach"]],
            col("impressions"): [fmt_number(v, lang) for v in table["impressions"]],
            col("engagements"): [fmt_number(v, lang) for v in table["engagements"]],
            col("clicks"): [fmt_number(v, lang) for v in table["clicks"]],
            col("conversions"): [fmt_number(v, lang) for v in table["conversions"]],
            col("conversions_share"): [fmt_percent(v, lang, 0) for v in table["conversions_share"]],
            col("revenue_eur"): [fmt_money(v, lang, 0) for v in table["revenue_eur"]],
            "CPM": [kpi_text("cpm", v) for v in table["cpm"]],
            "CPE": [kpi_text("cpe", v) for v in table["cpe"]],
            "CPC": [kpi_text("cpc", v) for v in table["cpc"]],
            "CPA": [kpi_text("cpa", v) for v in table["cpa"]],
            "ROAS": [kpi_text("roas", v) for v in table["roas"]],
            col("loss"): [
                t("history.loss_flag") if loss else t("history.profit_flag")
                for loss in table["loss_making"]
            ],
        }
    )


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
table = history.performance_by(campaigns, dimension)
if dimension in ("campaign", "influencer"):
    table = table.sort_values("cost_eur", ascending=False, kind="stable").reset_index(drop=True)
names = [group_label(dimension, row) for _, row in table.iterrows()]
by_text = state.label("history.by", dimension)
horizontal = dimension in ("campaign", "influencer")
height = max(420, 28 * len(table) + 160) if horizontal else 440

fig = go.Figure()
for column, name, colour in (
    ("cost_eur", t("history.cost"), charts.NEUTRAL),
    ("revenue_eur", t("history.revenue"), charts.ACCENT),
):
    values = table[column].tolist()
    texts = [fmt_money(v, lang, 0) for v in values]
    if horizontal:
        fig.add_bar(
            y=names,
            x=values,
            name=name,
            orientation="h",
            marker_color=colour,
            hovertext=texts,
            hoverinfo="y+text+name",
        )
    else:
        fig.add_bar(
            x=names,
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
    fig.update_xaxes(title=t("history.axis_amount"))
else:
    fig.update_xaxes(type="category")
    fig.update_yaxes(title=t("history.axis_amount"))
charts.style(
    fig,
    lang,
    title=t("history.chart_cost_revenue", by=by_text),
    height=height,
    money_axis="x" if horizontal else "y",
)
st.plotly_chart(fig, width="stretch")

percent_metric = kpis.unit(metric) in ("share", "rate")
metric_values = [v * 100 if percent_metric else v for v in table[metric]]
metric_texts = [kpi_text(metric, v) for v in table[metric]]
colours = [
    charts.BAD if (metric == "roas" and loss) else charts.ACCENT for loss in table["loss_making"]
]
fig = go.Figure()
if horizontal:
    fig.add_bar(
        y=names,
        x=metric_values,
        orientation="h",
        marker_color=colours,
        text=metric_texts,
        textposition="outside",
        hoverinfo="y+text",
    )
    fig.update_yaxes(autorange="reversed", type="category")
else:
    fig.add_bar(
        x=names,
        y=metric_values,
        marker_color=colours,
        text=metric_texts,
        textposition="outside",
        hoverinfo="x+text",
    )
    fig.update_xaxes(type="category")
if metric == "roas":
    line = {
        "line_dash": "dash",
        "line_color": charts.BAD,
        "annotation_text": t("history.break_even"),
        "annotation_position": "top right" if horizontal else "top left",
        "annotation_bgcolor": "rgba(255, 255, 255, 0.85)",
    }
    if horizontal:
        fig.add_vline(x=1, **line)
    else:
        fig.add_hline(y=1, **line)
money = kpis.unit(metric) == "eur"
charts.style(
    fig,
    lang,
    title=t("history.chart_metric", metric=metric_name, by=by_text),
    height=height,
)
if percent_metric:
    percent_ticks(fig, "xaxis" if horizontal else "yaxis")
if money:
    axis = "xaxis" if horizontal else "yaxis"
    fig.update_layout({axis: charts.money_axis_format(lang, 2)})
fig.update_layout(showlegend=False)
st.plotly_chart(fig, width="stretch")

results = results_frame(table, dimension)
if dimension == "campaign":
    results = results.drop(columns=[t("history.column.campaigns")])
st.dataframe(results, hide_index=True, width="stretch")
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
            shown = results_frame(rows, dim)
            shown[metric_name] = [kpi_text(metric, v) for v in rows[metric]]
            keep = [
                shown.columns[0],
                metric_name,
                t("history.column.loss"),
                t("history.column.cost_eur"),
                t("history.column.revenue_eur"),
            ]
            column.dataframe(shown[list(dict.fromkeys(keep))], hide_index=True, width="stretch")

with st.expander(t("history.all_campaigns")):
    every = history.campaign_table(campaigns)
    shown = results_frame(every, "campaign")
    shown.insert(1, t("history.column.start"), [fmt_date(d, lang) for d in every["start_date"]])
    shown.insert(2, t("history.column.end"), [fmt_date(d, lang) for d in every["end_date"]])
    shown.insert(
        3,
        t("history.column.platforms"),
        [", ".join(label("data.platform", p, lang) for p in ps) for ps in every["platforms"]],
    )
    st.dataframe(shown, hide_index=True, width="stretch")

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
        names = [label(namespace, code, lang) for code in sources[by]]
        texts = [
            t("history.bar_text", share=fmt_percent(s, lang, 0), sentiment=fmt_percent(v, lang, 0))
            for s, v in zip(sources["share"], sources["sentiment"], strict=True)
        ]
        fig = go.Figure(
            go.Bar(
                y=names,
                x=sources["share"] * 100,
                orientation="h",
                text=texts,
                textposition="auto",
                hoverinfo="y+text",
                marker={
                    "color": sources["sentiment"].fillna(0.5) * 100,
                    "colorscale": [
                        [0, charts.BAD],
                        [0.5, charts.WARNING],
                        [0.8, charts.GOOD],
                        [1, charts.GOOD],
                    ],
                    "cmin": 50,
                    "cmax": 100,
                    "colorbar": {
                        "title": {"text": t("history.axis_sentiment")},
                        "ticksuffix": charts.percent_suffix(lang),
                    },
                },
            )
        )
        fig.update_yaxes(autorange="reversed")
        fig.update_xaxes(title=t("history.axis_share_of_mentions"))
        charts.style(
            fig, lang, title=t(title_key, brand=brand), height=max(300, 60 * len(sources) + 140)
        )
        percent_ticks(fig, "xaxis")
        st.plotly_chart(fig, width="stretch")

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
    date_format = "%d/%m/%Y" if freq == "week" else "%m/%Y"
    sov = history.share_of_voice_over_time(mentions, brand, freq)
    fig = go.Figure(
        go.Scatter(
            x=sov["period"],
            y=sov["share_of_voice"] * 100,
            mode="lines+markers",
            name=brand,
            line={"color": charts.ACCENT, "width": 3},
            hovertext=[fmt_percent(v, lang, 1) for v in sov["share_of_voice"]],
            hoverinfo="x+text",
        )
    )
    fig.update_yaxes(title=t("history.axis_share_of_voice"), rangemode="tozero")
    fig.update_xaxes(title=t("history.axis_period"), tickformat="%m/%Y", hoverformat=date_format)
    charts.style(fig, lang, title=t("history.chart_sov", brand=brand, per=per), height=400)
    percent_ticks(fig, "yaxis")
    st.plotly_chart(fig, width="stretch")

    by_brand = history.mentions_by_brand(mentions, freq)
    palette = [charts.ACCENT, "#1565C0", "#2E7D32", "#EF6C00", "#6A1B9A"]
    order = [brand, *competitors]
    colour_of = {name: palette[i % len(palette)] for i, name in enumerate(order)}
    for value, title_key, axis_key, percent in (
        ("mentions", "history.chart_mentions_brands", "history.axis_mentions", False),
        ("sentiment", "history.chart_sentiment_brands", "history.axis_sentiment", True),
    ):
        fig = go.Figure()
        for name in order:
            rows = by_brand.loc[by_brand["brand"] == name]
            hover = [
                fmt_percent(v, lang, 0) if percent else fmt_number(v, lang) for v in rows[value]
            ]
            fig.add_scatter(
                x=rows["period"],
                y=rows[value] * (100 if percent else 1),
                mode="lines",
                name=name,
                line={"color": colour_of[name], "width": 4 if name == brand else 2},
                hovertext=hover,
                hoverinfo="x+text+name",
            )
        fig.update_yaxes(title=t(axis_key))
        fig.update_xaxes(
            title=t("history.axis_period"), tickformat="%m/%Y", hoverformat=date_format
        )
        charts.style(fig, lang, title=t(title_key, per=per), height=440)
        if percent:
            percent_ticks(fig, "yaxis")
        fig.update_layout(
            legend={
                "title": {"text": t("history.legend_brand")},
                "orientation": "h",
                "y": -0.22,
                "yanchor": "top",
                "x": 0,
            },
            margin={"b": 40},
        )
        st.plotly_chart(fig, width="stretch")
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
if "objectives" in menu:
    st.page_link("pages/objectives.py", label=t("history.next"), icon=":material/flag:")
