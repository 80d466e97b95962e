"""My plan: the brief, editable; where the plan is saved; JSON download and upload; new, duplicate."""

import datetime as dt

import pandas as pd
import streamlit as st

from influkit import exports
from influkit.campaign.compliance import SECTORS
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.plan.model import AGE_BANDS, BUSINESS_AIMS, plan_from_json
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from ui import state
from ui.navigation import page_link
from ui.state import bound, labeller, t
from ui.text import plain
from ui.widgets import DATE_INPUT, assign, number_field, percent_slider, plan_field

lang = state.lang()
plan = state.require_plan()
brief = plan.brief

st.title(t("myplan.title"))


days_left = (brief.launch_date - dt.date.today()).days if brief.launch_date else None
metrics = st.columns(4)
metrics[0].metric(t("myplan.budget_used"), fmt_money(brief.budget_eur_ht, lang, 0))
metrics[1].metric(t("myplan.days_to_launch"), fmt_number(days_left, lang))
metrics[2].metric(t("myplan.shortlist_count"), fmt_number(len(plan.shortlist), lang))
metrics[3].metric(t("myplan.objectives_count"), fmt_number(len(plan.objectives), lang))

plan_field(plan, "title", st.text_input, "myplan_title", t("myplan.plan_title"))

st.header(t("myplan.brief"))
col1, col2 = st.columns(2, gap="large")
with col1:
    plan_field(brief, "brand", st.text_input, "myplan_brand", t("myplan.brand"))
    plan_field(brief, "product", st.text_input, "myplan_product", t("myplan.product"))
    categories = list(SECTORS)
    if brief.product_category and brief.product_category not in categories:
        categories.append(brief.product_category)
    plan_field(
        brief,
        "product_category",
        st.selectbox,
        "myplan_category",
        t("myplan.category"),
        shown=brief.product_category or None,
        store=lambda category: category or "",
        options=categories,
        index=None,
        format_func=labeller("compliance.sector"),
        placeholder=t("myplan.category_placeholder"),
    )
    plan_field(
        brief,
        "business_aim",
        st.selectbox,
        "myplan_aim",
        t("myplan.aim"),
        options=list(BUSINESS_AIMS),
        format_func=labeller("aim"),
    )
with col2:
    assign(
        brief,
        "budget_eur_ht",
        number_field(
            t("myplan.budget"),
            float(brief.budget_eur_ht),
            key=state.widget_key("myplan_budget"),
            kind="money",
            min_value=0.0,
            help=t("myplan.budget_help"),
        ),
        t("myplan.budget"),
    )
    plan_field(
        brief, "launch_date", st.date_input, "myplan_launch", t("myplan.launch"), **DATE_INPUT
    )
    niche_codes = sorted(datasets.load("influencers")["niche"].unique())
    plan_field(
        brief,
        "niches",
        st.multiselect,
        "myplan_niches",
        t("myplan.niches"),
        shown=[n for n in brief.niches if n in niche_codes],
        options=niche_codes,
        format_func=labeller("data.niche"),
    )

st.subheader(t("myplan.target"))
audience = brief.target_audience
col1, col2 = st.columns(2, gap="large")
with col1:
    plan_field(
        audience,
        "description",
        st.text_area,
        "myplan_target_desc",
        t("myplan.target_description"),
        height=100,
    )
    no_gender = bound(
        st.checkbox,
        "myplan_no_gender",
        audience.female_share is None,
        t("myplan.female_share_none"),
    )
    share = None
    if not no_gender:
        share = percent_slider(
            t("myplan.female_share"), "myplan_female_share", audience.female_share, default=0.5
        )
    assign(audience, "female_share", share, t("myplan.female_share"))
with col2:
    plan_field(
        audience,
        "age_bands",
        st.multiselect,
        "myplan_ages",
        t("myplan.age_bands"),
        options=list(AGE_BANDS),
        format_func=labeller("age"),
    )
    country_codes = sorted(datasets.load("influencers")["country"].unique())
    plan_field(
        audience,
        "countries",
        st.multiselect,
        "myplan_countries",
        t("myplan.countries"),
        shown=[c for c in audience.countries if c in country_codes],
        options=country_codes,
        format_func=labeller("data.country"),
    )

plan_field(
    brief,
    "context",
    st.text_area,
    "myplan_context",
    t("myplan.context"),
    height=200,
    help=t("myplan.context_help"),
)
plan_field(brief, "constraints", st.text_area, "myplan_constraints", t("myplan.constraints"))
plan_field(
    brief,
    "notes",
    st.text_area,
    "myplan_notes",
    t("myplan.notes"),
    height=120,
    placeholder=t("myplan.notes_placeholder"),
)

st.header(t("myplan.shortlist_title"))
shortlist = profiles.shortlist_table(plan)
if len(shortlist):
    st.dataframe(
        pd.DataFrame(
            {
                t("myplan.col_handle"): shortlist["handle"],
                t("myplan.col_platform"): shortlist["platform"].map(labeller("data.platform")),
                t("myplan.col_tier"): shortlist["tier"].map(labeller("metrics.tier")),
                t("myplan.col_followers"): shortlist["followers"].map(
                    lambda v: fmt_number(v, lang)
                ),
                t("myplan.col_er"): shortlist["er"].map(lambda v: fmt_percent(v, lang)),
                t("myplan.col_role"): shortlist["role"].map(labeller("role")),
                t("myplan.col_note"): shortlist["note"],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    page_link("shortlist", t("myplan.shortlist_edit"), ":material/edit:")
else:
    st.caption(t("myplan.shortlist_empty"))
    page_link("explorer", t("myplan.shortlist_find"), ":material/travel_explore:")

st.header(t("myplan.link_title"))
st.caption(t("myplan.link_help"))
st.code(state.current_token(), language=None)

st.header(t("myplan.files_title"))
st.download_button(
    t("myplan.download_json"),
    data=plan.model_dump_json(indent=2),
    file_name=exports.file_name("json", plan, lang),
    mime="application/json",
    icon=":material/download:",
)
upload = st.file_uploader(
    t("myplan.upload_json"),
    type=["json"],
    help=t("myplan.upload_help"),
    key=state.widget_key("myplan_upload"),
)
if upload is not None:
    try:
        incoming = plan_from_json(upload.getvalue())
    except UserError as err:
        st.error(t("myplan.upload_rejected", reason=err.message(lang)))
    else:
        # The file becomes a plan of its own: the current one stays saved under its link.
        previous = state.current_token()
        state.start_plan(incoming)
        title = incoming.title or incoming.brief.brand
        state.flash("success", t("myplan.upload_ok", title=plain(title), previous=plain(previous)))
        st.rerun()

st.header(t("myplan.actions_title"))
col1, col2, col3 = st.columns(3)
if col1.button(t("myplan.duplicate"), icon=":material/content_copy:"):
    copy = plan.duplicate(t("plan.copy_suffix"))
    state.start_plan(copy)
    state.flash("success", t("myplan.duplicated", title=plain(copy.title)))
    st.rerun()
page_link("home", t("myplan.new_plan"), ":material/add:", col2)
with col3.popover(t("myplan.delete"), icon=":material/delete:"):
    if st.button(t("myplan.delete_confirm"), type="primary"):
        if state.erase_plan():
            state.flash("info", t("myplan.deleted"))
            state.go("home")
        st.rerun()
