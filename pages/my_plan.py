"""My plan: the brief, editable; where the plan is saved; JSON download and upload; new, duplicate."""

import datetime as dt

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from influkit.campaign.compliance import SECTORS
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.plan.model import AGE_BANDS, BUSINESS_AIMS, plan_from_json
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from ui import state
from ui.state import bound, labeller, t
from ui.text import plain
from ui.widgets import number_field

lang = state.lang()
plan = state.require_plan()
brief = plan.brief

st.title(t("myplan.title"))


def _assign(target: object, field: str, value: object, field_label: str) -> None:
    """Write a value into the plan, or say in the user's words why it is refused."""
    if getattr(target, field) == value:
        return
    try:
        setattr(target, field, value)
    except ValidationError as err:
        st.error(t("myplan.invalid_value", field=field_label, reason=err.errors()[0]["msg"]))


days_left = (brief.launch_date - dt.date.today()).days if brief.launch_date else None
metrics = st.columns(4)
metrics[0].metric(t("myplan.budget_used"), fmt_money(brief.budget_eur_ht, lang, 0))
metrics[1].metric(t("myplan.days_to_launch"), fmt_number(days_left, lang))
metrics[2].metric(t("myplan.shortlist_count"), fmt_number(len(plan.shortlist), lang))
metrics[3].metric(t("myplan.objectives_count"), fmt_number(len(plan.objectives), lang))

title = bound(st.text_input, "myplan_title", plan.title, t("myplan.plan_title"))
_assign(plan, "title", title, t("myplan.plan_title"))

st.header(t("myplan.brief"))
col1, col2 = st.columns(2, gap="large")
with col1:
    _assign(
        brief,
        "brand",
        bound(st.text_input, "myplan_brand", brief.brand, t("myplan.brand")),
        t("myplan.brand"),
    )
    _assign(
        brief,
        "product",
        bound(st.text_input, "myplan_product", brief.product, t("myplan.product")),
        t("myplan.product"),
    )
    categories = list(SECTORS)
    if brief.product_category and brief.product_category not in categories:
        categories.append(brief.product_category)
    _assign(
        brief,
        "product_category",
        bound(
            st.selectbox,
            "myplan_category",
            brief.product_category or None,
            t("myplan.category"),
            options=categories,
            index=None,
            format_func=labeller("compliance.sector"),
            placeholder=t("myplan.category_placeholder"),
        )
        or "",
        t("myplan.category"),
    )
    _assign(
        brief,
        "business_aim",
        bound(
            st.selectbox,
            "myplan_aim",
            brief.business_aim,
            t("myplan.aim"),
            options=list(BUSINESS_AIMS),
            format_func=labeller("aim"),
        ),
        t("myplan.aim"),
    )
with col2:
    _assign(
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
    _assign(
        brief,
        "launch_date",
        bound(
            st.date_input,
            "myplan_launch",
            brief.launch_date,
            t("myplan.launch"),
            format="DD/MM/YYYY",
            min_value=dt.date(2000, 1, 1),
            max_value=dt.date(2100, 12, 31),
        ),
        t("myplan.launch"),
    )
    niche_codes = sorted(datasets.load("influencers")["niche"].unique())
    _assign(
        brief,
        "niches",
        bound(
            st.multiselect,
            "myplan_niches",
            [n for n in brief.niches if n in niche_codes],
            t("myplan.niches"),
            options=niche_codes,
            format_func=labeller("data.niche"),
        ),
        t("myplan.niches"),
    )

st.subheader(t("myplan.target"))
audience = brief.target_audience
col1, col2 = st.columns(2, gap="large")
with col1:
    _assign(
        audience,
        "description",
        bound(
            st.text_area,
            "myplan_target_desc",
            audience.description,
            t("myplan.target_description"),
            height=100,
        ),
        t("myplan.target_description"),
    )
    no_gender = bound(
        st.checkbox,
        "myplan_no_gender",
        audience.female_share is None,
        t("myplan.female_share_none"),
    )
    if no_gender:
        _assign(audience, "female_share", None, t("myplan.female_share"))
    else:
        share = bound(
            st.slider,
            "myplan_female_share",
            round((audience.female_share if audience.female_share is not None else 0.5) * 100),
            t("myplan.female_share"),
            min_value=0,
            max_value=100,
            step=5,
        )
        _assign(audience, "female_share", share / 100, t("myplan.female_share"))
with col2:
    _assign(
        audience,
        "age_bands",
        bound(
            st.multiselect,
            "myplan_ages",
            audience.age_bands,
            t("myplan.age_bands"),
            options=list(AGE_BANDS),
            format_func=labeller("age"),
        ),
        t("myplan.age_bands"),
    )
    country_codes = sorted(datasets.load("influencers")["country"].unique())
    _assign(
        audience,
        "countries",
        bound(
            st.multiselect,
            "myplan_countries",
            [c for c in audience.countries if c in country_codes],
            t("myplan.countries"),
            options=country_codes,
            format_func=labeller("data.country"),
        ),
        t("myplan.countries"),
    )

_assign(
    brief,
    "context",
    bound(
        st.text_area,
        "myplan_context",
        brief.context,
        t("myplan.context"),
        height=200,
        help=t("myplan.context_help"),
    ),
    t("myplan.context"),
)
_assign(
    brief,
    "constraints",
    bound(st.text_area, "myplan_constraints", brief.constraints, t("myplan.constraints")),
    t("myplan.constraints"),
)
_assign(
    brief,
    "notes",
    bound(
        st.text_area,
        "myplan_notes",
        brief.notes,
        t("myplan.notes"),
        height=120,
        placeholder=t("myplan.notes_placeholder"),
    ),
    t("myplan.notes"),
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
    st.page_link("pages/shortlist.py", label=t("myplan.shortlist_edit"), icon=":material/edit:")
else:
    st.caption(t("myplan.shortlist_empty"))
    st.page_link(
        "pages/explorer.py", label=t("myplan.shortlist_find"), icon=":material/travel_explore:"
    )

st.header(t("myplan.link_title"))
st.caption(t("myplan.link_help"))
st.code(state.current_token(), language=None)

st.header(t("myplan.files_title"))
file_name = (
    f"plan-{(brief.brand or 'influkit').lower().replace(' ', '-')}-{dt.date.today():%Y-%m-%d}.json"
)
st.download_button(
    t("myplan.download_json"),
    data=plan.model_dump_json(indent=2),
    file_name=file_name,
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
col2.page_link("pages/home.py", label=t("myplan.new_plan"), icon=":material/add:")
with col3.popover(t("myplan.delete"), icon=":material/delete:"):
    if st.button(t("myplan.delete_confirm"), type="primary"):
        if state.erase_plan():
            state.flash("info", t("myplan.deleted"))
            state.go("home")
        st.rerun()
