"""Module 1 — understand influencer marketing: definition, conditions of success, when to use
it, current trends drawn from the sample data, and the conditions checklist of the case."""

import datetime as dt

import streamlit as st

from influkit import metrics
from influkit.data import datasets
from influkit.identify import figures, insights, profiles
from influkit.plan.model import PLATFORMS
from influkit.strategy import success
from influkit.text.formats import fmt_date, fmt_money, fmt_number
from ui import checklist, navigation, state
from ui.state import bound, t
from ui.text import plain

lang = state.lang()
plan = state.current_plan()

st.title(t("understand.title"))
st.write(t("understand.intro"))

tab_def, tab_cond, tab_when, tab_trends, tab_check = st.tabs(
    [
        t("understand.tab_definition"),
        t("understand.tab_conditions"),
        t("understand.tab_when"),
        t("understand.tab_trends"),
        t("understand.tab_checklist"),
    ]
)


def reading(text: str) -> None:
    """The one-line reading under a chart."""
    st.markdown(f"**{t('understand.reading_label')}** {text}")


# --- definition -----------------------------------------------------------------------------
with tab_def:
    st.header(t("understand.definition_title"))
    st.markdown(t("understand.definition_body"))
    st.info(t("understand.definition_law"), icon=":material/gavel:")
    col1, col2 = st.columns(2, gap="large")
    with col1:
        st.subheader(t("understand.why_title"))
        st.markdown(t("understand.why_body"))
    with col2:
        st.subheader(t("understand.actors_title"))
        st.markdown(t("understand.actors_body"))
    st.subheader(t("understand.forms_title"))
    st.markdown(t("understand.forms_body"))

# --- conditions of success ------------------------------------------------------------------
with tab_cond:
    st.header(t("understand.conditions_title"))
    st.write(t("understand.conditions_intro", count=len(success.CODES)))
    codes = success.CODES
    for start in range(0, len(codes), 2):
        for column, code in zip(st.columns(2, gap="large"), codes[start : start + 2], strict=False):
            with column, st.container(border=True, height="stretch"):
                number = codes.index(code) + 1
                st.markdown(f"**{number}. {success.condition_title(code, lang)}**")
                st.write(success.condition_why(code, lang))

# --- when to use it -------------------------------------------------------------------------
with tab_when:
    st.header(t("understand.when_title"))
    col1, col2 = st.columns(2, gap="large")
    with col1, st.container(border=True):
        st.subheader(":material/thumb_up: " + t("understand.when_good_title"))
        st.markdown(t("understand.when_good"))
    with col2, st.container(border=True):
        st.subheader(":material/warning: " + t("understand.when_bad_title"))
        st.markdown(t("understand.when_bad"))
    st.caption(t("understand.when_tip"))

# --- trends from the data -------------------------------------------------------------------
with tab_trends:
    posts = datasets.load("posts")
    influencers = datasets.load("influencers")
    st.header(t("understand.trends_title"))
    period = insights.period_of(posts)
    if period is not None:
        st.write(
            t(
                "understand.trends_intro",
                posts=fmt_number(len(posts), lang),
                accounts=fmt_number(posts["influencer_id"].nunique(), lang),
                first=fmt_date(period[0], lang),
                last=fmt_date(period[1], lang),
            )
        )
    st.caption(":material/info: " + t("app.fictional"))

    shares = insights.platform_share_by_month(posts, influencers)
    st.plotly_chart(
        figures.platform_share_figure(
            shares, t("understand.chart_platform_posts"), t("understand.axis_share_posts"), lang
        ),
        width="stretch",
    )
    reading(insights.trend_sentence(insights.share_shift(shares), lang, "posts"))
    sponsored_shares = insights.platform_share_by_month(posts, influencers, sponsored_only=True)
    st.plotly_chart(
        figures.platform_share_figure(
            sponsored_shares,
            t("understand.chart_platform_sponsored"),
            t("understand.axis_share_sponsored"),
            lang,
        ),
        width="stretch",
    )
    reading(insights.trend_sentence(insights.share_shift(sponsored_shares), lang, "sponsored"))

    monthly = insights.sponsorship_by_month(posts)
    col1, col2 = st.columns(2, gap="large")
    with col1:
        st.plotly_chart(figures.sponsored_share_figure(monthly, lang), width="stretch")
        reading(
            insights.rate_sentence(
                insights.series_shift(monthly["sponsored_share"]), lang, "sponsored"
            )
        )
    with col2:
        st.plotly_chart(figures.disclosure_rate_figure(monthly, lang), width="stretch")
        reading(
            insights.rate_sentence(
                insights.series_shift(monthly["disclosure_rate"]), lang, "disclosure"
            )
        )

    st.divider()
    chosen = st.multiselect(
        t("understand.platform_filter"),
        options=list(PLATFORMS),
        format_func=state.labeller("data.platform"),
        placeholder=t("understand.platform_filter_all"),
        help=t("understand.platform_filter_help"),
        key="understand_format_platforms",
    )
    col1, col2 = st.columns(2, gap="large")
    with col1:
        by_format = insights.er_by_format(posts, influencers, platforms=chosen)
        st.plotly_chart(figures.er_by_format_figure(by_format, lang), width="stretch")
        st.caption(t("understand.format_caption"))
        reading(insights.format_sentence(by_format, lang))
    with col2:
        settings = plan.settings if plan is not None else None
        scheme = settings.tier_scheme if settings else metrics.DEFAULT_TIER_SCHEME
        table = profiles.influencer_table(plan)
        by_tier = insights.er_by_tier(table, scheme, platforms=chosen)
        st.plotly_chart(figures.er_by_tier_figure(by_tier, scheme, lang), width="stretch")
        st.caption(
            t(
                "understand.tier_caption",
                basis=t(f"metrics.basis.{settings.er_basis if settings else 'followers'}"),
                method=t(f"metrics.method.{settings.er_method if settings else 'mean'}"),
            )
        )
        reading(insights.tier_sentence(by_tier, lang))

# --- the case's checklist -------------------------------------------------------------------
with tab_check:
    st.header(t("understand.checklist_title"))
    if plan is None:
        st.info(t("understand.checklist_need_plan"))
        st.page_link("pages/home.py", label=t("app.go_home"), icon=":material/play_arrow:")
    else:
        brief = plan.brief
        st.markdown(
            t(
                "understand.case_reminder",
                title=plain(plan.title or brief.brand),
                aim=t(f"aim.{brief.business_aim}"),
                budget=fmt_money(brief.budget_eur_ht, lang, 0),
                launch=fmt_date(brief.launch_date, lang),
            )
        )
        st.write(t("understand.checklist_intro"))
        met, total = checklist.show(plan, here="understand", today=dt.date.today(), table=table)
        general = bound(
            st.text_area,
            "understand_note",
            plan.notes.get("understand", ""),
            t("understand.general_note"),
            placeholder=t("understand.general_note_placeholder"),
            height=120,
        )
        if general != plan.notes.get("understand", ""):
            plan.notes = {**plan.notes, "understand": general}
        if met == total:
            st.success(t("understand.all_done"))
        if "explorer" in {spec.file for spec in navigation.all_pages()}:
            st.page_link(
                "pages/explorer.py",
                label=t("understand.next_step"),
                icon=":material/travel_explore:",
            )
