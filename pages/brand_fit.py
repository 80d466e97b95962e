"""Brand fit: weight six criteria, rank every influencer for the plan's brief, read why, shortlist."""

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import brandfit
from influkit.plan.model import SHORTLIST_ROLES
from influkit.text import chart_style as charts
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from ui import state
from ui.navigation import page_link
from ui.state import bound, labeller, t
from ui.widgets import number_field

#: One colour per criterion, the same on both brand-fit charts.
CRITERION_COLOURS = {
    "niche": "#C2185B",
    "audience": "#7B1FA2",
    "engagement": "#1976D2",
    "quality": "#00897B",
    "cost": "#F9A825",
    "safety": "#6D4C41",
}
COST_REFERENCE_NOTE = brandfit.COST_REFERENCE_NOTE
#: How each kind of explanation line is marked (Streamlit icons, readable on any projector).
EXPLANATION_MARKS = {
    "plus": ":green[:material/thumb_up:]",
    "minus": ":orange[:material/warning:]",
    "missing": ":gray[:material/help:]",
    "neutral": ":gray[:material/drag_handle:]",
}

lang = state.lang()
plan = state.require_plan()


brief = plan.brief

st.title(t("brandfit.title"))
st.write(t("brandfit.intro"))

# --- the brief ------------------------------------------------------------------------------

with st.container(border=True):
    st.markdown(f"**{t('brandfit.brief_title')}**")
    target = brief.target_audience
    niches = ", ".join(state.label("data.niche", n) for n in brief.niches)
    bits = []
    if target.female_share is not None:
        bits.append(t("brandfit.brief_female", share=fmt_percent(target.female_share, lang, 0)))
    if target.age_bands:
        ages = ", ".join(state.label("age", a) for a in target.age_bands)
        bits.append(t("brandfit.brief_ages", ages=ages))
    if target.countries:
        countries = ", ".join(state.label("data.country", c) for c in target.countries)
        bits.append(t("brandfit.brief_countries", countries=countries))
    st.markdown(t("brandfit.brief_niches", niches=niches or t("brandfit.brief_none")))
    st.markdown(t("brandfit.brief_target", target=" · ".join(bits) or t("brandfit.brief_none")))
    if not brief.niches and not bits:
        st.warning(t("brandfit.brief_missing"))
    page_link("my_plan", t("brandfit.brief_edit"), ":material/edit:")

# --- weights --------------------------------------------------------------------------------

st.header(t("brandfit.weights_title"))
st.caption(t("brandfit.weights_help"))
saved = plan.settings.brand_fit_weights
current = {c: float(saved.get(c, brandfit.DEFAULT_WEIGHTS[c])) for c in brandfit.CRITERIA}


def _reset_weights() -> None:
    """Put the default weights back in the plan and in the sliders."""
    plan.settings.brand_fit_weights = dict(brandfit.DEFAULT_WEIGHTS)
    for criterion in brandfit.CRITERIA:
        st.session_state.pop(state.widget_key(f"brandfit_w_{criterion}"), None)


columns = st.columns(3, gap="large")
chosen: dict[str, float] = {}
for position, criterion in enumerate(brandfit.CRITERIA):
    with columns[position % 3]:
        value = bound(
            st.slider,
            f"brandfit_w_{criterion}",
            int(round(min(max(current[criterion], 0.0), brandfit.MAX_WEIGHT))),
            t(f"brandfit.criterion.{criterion}"),
            min_value=0,
            max_value=int(brandfit.MAX_WEIGHT),
            step=1,
            help=t(f"brandfit.criterion_help.{criterion}"),
        )
    chosen[criterion] = float(value)
if chosen != current:
    plan.settings.brand_fit_weights = chosen

col_ref, col_reset = st.columns([3, 1], vertical_alignment="bottom")
with col_ref:
    reference_saved = brandfit.plan_cost_reference(plan)
    reference = bound(
        st.radio,
        "brandfit_cost_reference",
        reference_saved,
        t("brandfit.cost_reference"),
        options=list(brandfit.COST_REFERENCES),
        format_func=labeller("brandfit.cost_reference_option"),
        horizontal=True,
        help=t("brandfit.cost_reference_help"),
    )
    if reference != reference_saved:
        plan.notes = {**plan.notes, COST_REFERENCE_NOTE: reference}
with col_reset:
    st.button(
        t("brandfit.weights_reset"),
        on_click=_reset_weights,
        icon=":material/restart_alt:",
        key="brandfit_reset",
    )

try:
    ranked = brandfit.plan_ranking(plan)
except UserError as err:
    st.error(err.message(lang))
    st.stop()

first = ranked.iloc[0]
shares = " · ".join(
    f"{t(f'brandfit.criterion.{c}')} {fmt_percent(first[f'max_{c}'] / 100, lang, 0)}"
    for c in brandfit.CRITERIA
)
st.caption(t("brandfit.weights_shares", shares=shares))

# --- filters --------------------------------------------------------------------------------

st.header(t("brandfit.filters_title"))
platform_codes = sorted(ranked["platform"].dropna().unique())
niche_codes = sorted(ranked["niche"].dropna().unique())
case_platforms: list[str] = []
if plan.case_id:
    try:
        case_platforms = [
            p for p in datasets.case(plan.case_id)["platforms"] if p in platform_codes
        ]
    except UserError:
        case_platforms = []
f1, f2, f3, f4 = st.columns([3, 3, 2, 2], gap="medium")
platforms = f1.multiselect(
    t("brandfit.filter_platform"),
    options=platform_codes,
    default=case_platforms,
    format_func=labeller("data.platform"),
    placeholder=t("brandfit.filter_all"),
    help=t("brandfit.filter_platform_help"),
    key=f"brandfit_platforms_{lang}",
)
niches_picked = f2.multiselect(
    t("brandfit.filter_niche"),
    options=niche_codes,
    format_func=labeller("data.niche"),
    placeholder=t("brandfit.filter_all"),
    key=f"brandfit_niches_{lang}",
)
min_score = f3.slider(
    t("brandfit.filter_min_score"), 0, 100, 0, step=5, key=f"brandfit_min_score_{lang}"
)
with f4:
    top_n = number_field(
        t("brandfit.filter_top_n"),
        15,
        key=f"brandfit_top_n_{lang}",
        kind="count",
        min_value=1,
        max_value=50,
    )

shown = ranked
if platforms:
    shown = shown[shown["platform"].isin(platforms)]
if niches_picked:
    shown = shown[shown["niche"].isin(niches_picked)]
shown = shown[shown["score"] >= min_score]
matching = len(shown)
overall_rank = dict(zip(ranked["influencer_id"], ranked["rank"], strict=True))
shown = shown.head(int(top_n)).reset_index(drop=True)
shown["rank"] = range(1, len(shown) + 1)

# --- ranking --------------------------------------------------------------------------------

st.header(t("brandfit.ranking_title"))
if shown.empty:
    st.info(t("brandfit.no_results"))
    st.stop()

shortlisted = set(plan.shortlisted_ids())
display = pd.DataFrame(
    {
        t("brandfit.col.rank"): shown["rank"],
        t("brandfit.col.name"): shown["display_name"],
        t("brandfit.col.score"): shown["score"].round(0),
        t("brandfit.col.shortlisted"): [
            "✓ " + t("brandfit.in_shortlist") if i in shortlisted else ""
            for i in shown["influencer_id"]
        ],
        t("brandfit.col.platform"): [state.label("data.platform", p) for p in shown["platform"]],
        t("brandfit.col.niche"): [state.label("data.niche", n) for n in shown["niche"]],
        t("brandfit.col.followers"): [fmt_number(v, lang) for v in shown["followers"]],
        t("brandfit.col.er"): [fmt_percent(v, lang, 1) for v in shown["er"]],
        t("brandfit.col.price"): [fmt_money(v, lang, 0) for v in shown["price_per_post_eur"]],
        t("brandfit.col.tier"): [state.label("metrics.tier", x) for x in shown["tier"]],
    }
)
st.caption(
    t(
        "brandfit.ranking_caption",
        shown=fmt_number(len(shown), lang),
        matching=fmt_number(matching, lang),
        total=fmt_number(len(ranked), lang),
    )
)
selection = st.dataframe(
    display,
    hide_index=True,
    width="stretch",
    on_select="rerun",
    selection_mode="multi-row",
    height=35 * (len(display) + 1) + 3,
    key="brandfit_table",
    column_config={
        t("brandfit.col.score"): st.column_config.ProgressColumn(
            t("brandfit.col.score"), min_value=0, max_value=100, format="%d"
        ),
        t("brandfit.col.rank"): st.column_config.NumberColumn(width="small"),
    },
)
checked_rows = [r for r in selection.selection.rows if r < len(shown)] if selection else []
checked = shown.iloc[checked_rows]["influencer_id"].tolist()

# --- contributions chart --------------------------------------------------------------------

labels = [f"{r}. {name}" for r, name in zip(shown["rank"], shown["display_name"], strict=True)]
fig = go.Figure()
for criterion in brandfit.CRITERIA:
    name = t(f"brandfit.criterion.{criterion}")
    hover = [
        t(
            "brandfit.chart_hover",
            criterion=name,
            points=fmt_number(p, lang, 1),
            max=fmt_number(m, lang, 1),
        )
        for p, m in zip(shown[f"points_{criterion}"], shown[f"max_{criterion}"], strict=True)
    ]
    fig.add_trace(
        go.Bar(
            y=labels,
            x=shown[f"points_{criterion}"],
            name=name,
            orientation="h",
            marker_color=CRITERION_COLOURS[criterion],
            hovertext=hover,
            hoverinfo="text+y",
        )
    )
fig.update_layout(barmode="stack", yaxis={"autorange": "reversed"}, legend_traceorder="normal")
fig.update_xaxes(title=t("brandfit.chart_x"), range=[0, 100])
charts.style(
    fig,
    lang,
    title=t("brandfit.chart_title", n=len(shown)),
    height=max(360, 60 + 34 * len(shown)),
)
fig.update_layout(margin={"t": 110})
st.plotly_chart(fig, width="stretch", key="brandfit_chart")

# --- explanation ----------------------------------------------------------------------------

st.header(t("brandfit.explain_title"))
names = {
    i: f"{r}. {n} ({h}, {state.label('data.platform', p)})"
    for i, r, n, h, p in zip(
        shown["influencer_id"],
        shown["rank"],
        shown["display_name"],
        shown["handle"],
        shown["platform"],
        strict=True,
    )
}
options = list(shown["influencer_id"])
default_pick = checked[0] if checked else options[0]
examined = st.selectbox(
    t("brandfit.explain_pick"),
    options=options,
    index=options.index(default_pick),
    format_func=names.get,
    key=f"brandfit_examine_{lang}",
)
row = shown.loc[shown["influencer_id"] == examined].iloc[0]
left, right = st.columns([1, 2], gap="large")
with left:
    st.metric(t("brandfit.explain_score"), f"{fmt_number(row['score'], lang)} / 100")
    st.metric(
        t("brandfit.explain_rank"),
        f"{fmt_number(overall_rank[examined], lang)} / {fmt_number(len(ranked), lang)}",
    )
with right:
    for kind, line in brandfit.explain_items(row, lang):
        st.markdown(f"{EXPLANATION_MARKS[kind]} {line}")
detail = pd.DataFrame(
    {
        t("brandfit.explain_table_criterion"): [
            t(f"brandfit.criterion.{c}") for c in brandfit.CRITERIA
        ],
        t("brandfit.explain_table_sub"): [
            fmt_percent(row[f"sub_{c}"], lang, 0) for c in brandfit.CRITERIA
        ],
        t("brandfit.explain_table_points"): [
            fmt_number(row[f"points_{c}"], lang, 1) for c in brandfit.CRITERIA
        ],
        t("brandfit.explain_table_max"): [
            fmt_number(row[f"max_{c}"], lang, 1) for c in brandfit.CRITERIA
        ],
    }
)
st.dataframe(detail, hide_index=True, width="stretch", key="brandfit_detail")

# --- add to the shortlist -------------------------------------------------------------------

st.header(t("brandfit.add_title"))
to_add = checked or [examined]
if checked:
    st.write(t("brandfit.add_which_checked", names=", ".join(names[i] for i in checked)))
else:
    st.write(t("brandfit.add_which_examined", name=names[examined]))
c1, c2 = st.columns([1, 2], gap="large")
role = c1.selectbox(
    t("brandfit.add_role"),
    options=list(SHORTLIST_ROLES),
    index=SHORTLIST_ROLES.index("creator"),
    format_func=labeller("role"),
    help=t("brandfit.add_role_help"),
    key=f"brandfit_role_{lang}",
)
note = c2.text_input(
    t("brandfit.add_note"),
    placeholder=t("brandfit.add_note_placeholder"),
    key=f"brandfit_note_{lang}",
)
if st.button(t("brandfit.add_button"), type="primary", icon=":material/playlist_add:"):
    added = [i for i in to_add if plan.add_to_shortlist(i, role=role, note=note.strip())]
    if added:
        state.flash("success", t("brandfit.added", count=len(added)))
    if len(added) < len(to_add):
        state.flash("info", t("brandfit.already", count=len(to_add) - len(added)))
    st.rerun()
st.caption(t("brandfit.shortlist_count", count=len(plan.shortlist)))
page_link("shortlist", t("brandfit.go_shortlist"), ":material/checklist:")
