"""Module 4 — action plan per influencer: the deliverables agreed with each shortlisted
influencer (platform, format, count, publication window, fee), which feed the retro-planning."""

import streamlit as st

from influkit.errors import UserError
from influkit.identify import profiles
from influkit.operations import deliverables as actions
from influkit.plan.model import PLATFORMS
from influkit.text import i18n
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from ui import navigation, state
from ui.forecast_view import forecast_summary
from ui.navigation import page_link
from ui.state import t
from ui.text import defuse, plain
from ui.widgets import plan_table

lang = state.lang()
plan = state.require_plan()


st.title(t("actions.title"))
st.write(t("actions.intro"))

facts = actions.influencer_facts(plan)
names = actions.influencer_names(plan)
table = profiles.influencer_table(plan)


def _who(influencer_id: str) -> str:
    """An influencer in words: name, handle, platform."""
    return actions.who_text(influencer_id, facts, names, lang)


# --- add influencers without leaving the page -----------------------------------------------
if not plan.shortlist:
    st.info(t("actions.empty_shortlist"))
    page_link("shortlist", t("actions.go_shortlist"), icon=":material/checklist:")
with st.expander(
    t("actions.quick_add_title"), expanded=not plan.shortlist, key="actions_quick_expander"
):
    st.caption(t("actions.quick_add_help"))
    # The brief's candidates (case platforms and niches, nano or above, no quality warning).
    choice_labels = actions.quick_add_options(plan, table, facts, names, lang)
    picked = st.selectbox(
        t("actions.quick_add_pick"),
        options=list(choice_labels),
        index=None,
        format_func=choice_labels.get,
        placeholder=t("actions.quick_add_placeholder"),
        key=state.widget_key("actions_quick_pick"),
    )
    if st.button(
        t("actions.quick_add_button"),
        disabled=picked is None,
        icon=":material/person_add:",
        key="actions_quick_add",
    ):
        plan.add_to_shortlist(picked)
        state.refresh("actions_quick_pick")  # the picker comes back empty for the next one
        state.flash("success", t("actions.quick_added", who=plain(_who(picked))))
        st.rerun()

if not plan.shortlist:
    st.stop()

# --- overview -------------------------------------------------------------------------------
summary = actions.action_summary(plan, table)
cols = st.columns(4)
cols[0].metric(t("actions.metric_influencers"), fmt_number(len(plan.shortlist), lang))
cols[1].metric(t("actions.metric_deliverables"), fmt_number(summary["deliverables"], lang))
cols[2].metric(t("actions.metric_posts"), fmt_number(summary["posts"], lang))
cols[3].metric(
    t("actions.metric_fees"),
    fmt_money(summary["planned_cost_eur_ht"], lang, 0),
    help=t("actions.metric_fees_help"),
)
if summary["budget_share"] is not None:
    st.caption(
        t(
            "actions.budget_share",
            share=fmt_percent(summary["budget_share"], lang),
            budget=fmt_money(plan.brief.budget_eur_ht, lang, 0),
        )
    )
forecast_summary(plan, table)
if summary["without_deliverable"]:
    st.warning(
        t(
            "actions.without_deliverable",
            names=", ".join(names.get(i, i) for i in summary["without_deliverable"]),
        )
    )
if plan.brief.launch_date is None:
    st.warning(t("actions.no_launch"))
    page_link("my_plan", t("actions.go_my_plan"), icon=":material/event:")

orphans = actions.orphan_deliverables(plan)
if orphans:
    st.warning(
        t(
            "actions.orphans",
            count=len(orphans),
            names=", ".join(sorted({names.get(d.influencer_id, d.influencer_id) for d in orphans})),
        )
    )
    if st.button(t("actions.orphans_remove"), key="actions_remove_orphans"):
        gone = {d.deliverable_id for d in orphans}
        plan.deliverables = [d for d in plan.deliverables if d.deliverable_id not in gone]
        st.rerun()

# --- one block per influencer ---------------------------------------------------------------
st.header(t("actions.per_influencer"))
st.caption(t("actions.table_help"))
platform_names = {p: i18n.label("data.platform", p, lang) for p in PLATFORMS}
format_names = {f: i18n.label("data.format", f, lang) for f in actions.ALL_FORMATS}
for entry in plan.shortlist:
    influencer_id = entry.influencer_id
    mine = actions.deliverables_of(plan, influencer_id)
    suggestion = actions.suggested_deliverable(plan, influencer_id, facts=facts)
    with st.container(border=True):
        st.subheader(plain(_who(influencer_id)))
        if influencer_id in facts.index:
            row = facts.loc[influencer_id]
            st.caption(
                t(
                    "actions.facts",
                    role=state.label("role", entry.role),
                    tier=state.label("metrics.tier", row["tier"]),
                    followers=fmt_number(row["followers"], lang),
                    price=fmt_money(row["price_per_post_eur"], lang, 0),
                    formats=", ".join(
                        format_names[f] for f in actions.formats_for(suggestion.platform)
                    ),
                )
            )
        if not mine:
            st.caption(t("actions.none_yet"))
        plan_table(
            f"actions_{influencer_id}",
            mine,
            actions.editor_rows,
            lambda frame, iid=influencer_id, default=suggestion: actions.deliverables_from_rows(
                frame,
                iid,
                plan,
                lang,
                influencer_name=names.get(iid, iid),
                defaults=default,
            ),
            lambda updated, iid=influencer_id: actions.replace_deliverables(plan, iid, updated),
            lambda reason: t("actions.edit_refused", reason=defuse(reason, plan)),
            hide_index=True,
            width="stretch",
            column_order=[c for c in actions.EDITOR_COLUMNS if c != "deliverable_id"],
            column_config={
                "platform": st.column_config.SelectboxColumn(
                    t("actions.col_platform"),
                    options=list(PLATFORMS),
                    format_func=platform_names.get,
                    default=suggestion.platform or None,
                    required=True,
                ),
                "format": st.column_config.SelectboxColumn(
                    t("actions.col_format"),
                    options=list(actions.ALL_FORMATS),
                    format_func=format_names.get,
                    default=suggestion.format,
                    required=True,
                    help=t("actions.col_format_help"),
                ),
                "count": st.column_config.NumberColumn(
                    t("actions.col_count"),
                    min_value=1,
                    step=1,
                    default=1,
                    required=True,
                    width="small",
                ),
                "window_start": st.column_config.DateColumn(
                    t("actions.col_window_start"),
                    format="DD/MM/YYYY",
                    default=suggestion.window_start,
                ),
                "window_end": st.column_config.DateColumn(
                    t("actions.col_window_end"),
                    format="DD/MM/YYYY",
                    default=suggestion.window_end,
                ),
                "compensation_eur_ht": st.column_config.NumberColumn(
                    t("actions.col_fee"),
                    min_value=0.0,
                    step=50.0,
                    format="localized",
                    default=suggestion.compensation_eur_ht,
                    help=t("actions.col_fee_help"),
                ),
                "note": st.column_config.TextColumn(t("actions.col_note"), width="medium"),
            },
        )
        if st.button(
            t("actions.add_suggested", what=actions.what_label(suggestion, lang)),
            key=f"actions_add_{influencer_id}",
            icon=":material/add:",
            help=t("actions.add_suggested_help"),
        ):
            actions.add_deliverable(plan, suggestion)
            state.refresh(f"actions_{influencer_id}_editor")
            st.rerun()

# --- all the deliverables, and on to the retro-planning -------------------------------------
if plan.deliverables:
    st.header(t("actions.all_title"))
    st.dataframe(actions.overview_frame(plan, table, names, lang), hide_index=True, width="stretch")

st.header(t("actions.retro_title"))
missing = actions.deliverables_missing_from_tasks(plan)
stale = actions.tasks_of_removed_deliverables(plan)
if not plan.tasks:
    st.caption(t("actions.retro_empty"))
elif missing or stale:
    if missing:
        st.info(t("actions.retro_missing", count=len(missing)))
    if stale:
        st.info(t("actions.retro_stale", count=len(stale)))
else:
    st.caption(t("actions.retro_ok"))
col1, col2 = st.columns(2)
if col1.button(
    t("actions.retro_button") if plan.tasks else t("actions.retro_generate"),
    type="primary",
    icon=":material/view_timeline:",
    key="actions_regenerate",
    disabled=plan.brief.launch_date is None,
):
    try:
        actions.regenerate_tasks(plan, lang, keep_edits=True)
    except UserError as err:
        st.error(err.message(lang))
    else:
        state.flash("success", t("actions.retro_done", count=len(plan.tasks)))
        if "retroplanning" in {spec.file for spec in navigation.all_pages()}:
            state.go("retroplanning")
        st.rerun()
page_link("retroplanning", where=col2, label=t("actions.go_retro"), icon=":material/arrow_forward:")
