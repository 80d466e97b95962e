"""Brand fit: weight six criteria, rank every influencer for the plan's brief, read why, shortlist."""

import streamlit as st

from influkit.errors import UserError
from influkit.identify import brandfit, figures
from influkit.text.formats import fmt_number, fmt_percent
from ui import state
from ui.navigation import page_link
from ui.state import bound, labeller, t
from ui.widgets import number_field, shortlist_role_and_note

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
    niches_line, target_line, said = brandfit.brief_summary(brief, lang)
    st.markdown(niches_line)
    st.markdown(target_line)
    if not said:
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
    state.refresh(*(f"brandfit_w_{criterion}" for criterion in brandfit.CRITERIA))


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
f1, f2, f3, f4 = st.columns([3, 3, 2, 2], gap="medium")
platforms = f1.multiselect(
    t("brandfit.filter_platform"),
    options=platform_codes,
    default=brandfit.case_platforms(plan, platform_codes),
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

shown, matching = brandfit.filter_ranking(ranked, platforms, niches_picked, min_score, top_n)
overall_rank = dict(zip(ranked["influencer_id"], ranked["rank"], strict=True))

# --- ranking --------------------------------------------------------------------------------

st.header(t("brandfit.ranking_title"))
if shown.empty:
    st.info(t("brandfit.no_results"))
    st.stop()

display = brandfit.ranking_display(shown, lang, plan.shortlisted_ids())
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

st.plotly_chart(figures.brand_fit_figure(shown, lang), width="stretch", key="brandfit_chart")

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
st.dataframe(
    brandfit.criteria_detail(row, lang), hide_index=True, width="stretch", key="brandfit_detail"
)

# --- add to the shortlist -------------------------------------------------------------------

st.header(t("brandfit.add_title"))
to_add = checked or [examined]
if checked:
    st.write(t("brandfit.add_which_checked", names=", ".join(names[i] for i in checked)))
else:
    st.write(t("brandfit.add_which_examined", name=names[examined]))
role, note = shortlist_role_and_note(
    "brandfit.add_", f"brandfit_role_{lang}", f"brandfit_note_{lang}", gap="large"
)
if st.button(t("brandfit.add_button"), type="primary", icon=":material/playlist_add:"):
    added = [i for i in to_add if plan.add_to_shortlist(i, role=role, note=note)]
    if added:
        state.flash("success", t("brandfit.added", count=len(added)))
    if len(added) < len(to_add):
        state.flash("info", t("brandfit.already", count=len(to_add) - len(added)))
    st.rerun()
st.caption(t("brandfit.shortlist_count", count=len(plan.shortlist)))
page_link("shortlist", t("brandfit.go_shortlist"), ":material/checklist:")
