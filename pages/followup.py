"""Module 4 — operations follow-up: where each deliverable stands against the retro-planning,
what is late, what is due this week, and the reminder to send."""

import datetime as dt

import streamlit as st

from influkit.errors import UserError
from influkit.operations import deliverables as actions
from influkit.operations import followup
from influkit.operations.schedule import gantt
from influkit.plan.model import DELIVERABLE_STATUSES
from influkit.relationship import pipeline
from influkit.text.formats import fmt_date, fmt_number
from ui import state
from ui.navigation import page_link
from ui.state import labeller, t
from ui.text import plain

lang = state.lang()
plan = state.require_plan()
today = dt.date.today()


st.title(t("followup.title"))
st.write(t("followup.intro"))

if not plan.deliverables:
    st.info(t("followup.no_deliverables"))
    page_link("actions", t("followup.go_actions"), icon=":material/add:")
    st.stop()

scheduled = None
if not plan.tasks:
    st.info(t("followup.no_retroplan"))
    page_link("retroplanning", t("followup.go_retro"), icon=":material/view_timeline:")
else:
    try:
        scheduled = gantt.schedule_plan_tasks(plan.tasks, plan.brief.launch_date)
    except UserError as err:
        st.warning(t("followup.retro_invalid", reason=err.message(lang)))

names = actions.influencer_names(plan)
table = followup.followup_table(plan, scheduled, today, names=names)
monday, sunday = followup.iso_week(today)
counts = followup.counts(table)

st.caption(
    t(
        "followup.week",
        today=fmt_date(today, lang),
        week=today.isocalendar().week,
        monday=fmt_date(monday, lang),
        sunday=fmt_date(sunday, lang),
    )
)
cols = st.columns(4)
cols[0].metric(t("followup.metric_late"), fmt_number(counts["late"], lang))
cols[1].metric(t("followup.metric_due"), fmt_number(counts["due"], lang))
cols[2].metric(t("followup.metric_ok"), fmt_number(counts["ok"], lang))
cols[3].metric(t("followup.metric_done"), fmt_number(counts["done"], lang))

shown_filter = st.segmented_control(
    t("followup.filter"),
    options=list(followup.FILTERS),
    format_func=labeller("followup.filter_option"),
    default="all",
    key=state.widget_key("followup_filter"),
)
rows = followup.filter_rows(table, shown_filter)

by_id = {d.deliverable_id: d for d in plan.deliverables}
# Each flag's colour: a badge on the cards, a cell colour in the table.
flag_badges = {
    "late": ("red", ":material/error:"),
    "due": ("orange", ":material/schedule:"),
    "ok": ("green", ":material/check_circle:"),
    "done": ("blue", ":material/task_alt:"),
}
flag_cells = {
    "late": "background-color: #FFCDD2; color: #B71C1C; font-weight: 600",
    "due": "background-color: #FFE0B2; color: #E65100; font-weight: 600",
    "ok": "background-color: #C8E6C9; color: #1B5E20",
    "done": "background-color: #BBDEFB; color: #0D47A1",
}


def _badge(flag: str) -> str:
    """A coloured badge saying where a deliverable stands."""
    colour, icon = flag_badges[flag]
    return f":{colour}-badge[{icon} {state.label('followup.flag', flag)}]"


if rows.empty:
    st.success(t(f"followup.nothing_{shown_filter or 'all'}"))
else:
    flag_column = t("followup.col_flag")
    colours = [flag_cells[f] for f in rows["flag"]]
    overview = followup.overview_frame(rows, by_id, lang)
    styled = overview.style.apply(lambda _: colours, subset=[flag_column])
    st.dataframe(styled, hide_index=True, width="stretch")

st.header(t("followup.update_title"))
st.caption(t("followup.update_help"))
for row in rows.to_dict("records"):
    deliverable = by_id[row["deliverable_id"]]
    with st.container(border=True):
        head, status_col = st.columns([3, 2])
        with head:
            st.markdown(
                f"{_badge(row['flag'])} **{plain(row['influencer'])}** — "
                f"{plain(actions.what_label(deliverable, lang))}"
            )
            st.caption("  \n".join(followup.details(row, deliverable, lang)))
        with status_col:
            chosen = st.selectbox(
                t("followup.status_label"),
                options=list(DELIVERABLE_STATUSES),
                index=DELIVERABLE_STATUSES.index(deliverable.status),
                format_func=labeller("followup.status"),
                key=state.widget_key(f"followup_status_{deliverable.deliverable_id}"),
            )
            since = deliverable.status_dates.get(deliverable.status)
            if since:
                st.caption(t("followup.since", date=fmt_date(since, lang)))
        if chosen != deliverable.status:
            followup.set_status(deliverable, chosen, today)
            pipeline.sync_from_deliverable(plan, deliverable)
            state.flash(
                "success",
                t(
                    "followup.status_saved",
                    who=row["influencer"],
                    status=state.label("followup.status", chosen),
                ),
            )
            st.rerun()
        reminder = followup.reminder_text(row, lang)
        if reminder:
            st.caption(t("followup.reminder_label"))
            st.code(reminder, language=None, wrap_lines=True)
