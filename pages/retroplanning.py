"""Module 5 — retro-planning: the phase template and the action plan as editable tasks, planned
backwards from the launch on French working days, drawn as a Gantt chart, exported as .ics."""

import datetime as dt
import json

import pandas as pd
import streamlit as st

from influkit.errors import UserError
from influkit.operations import deliverables as actions
from influkit.operations.schedule import gantt
from influkit.operations.schedule import scheduler as retroplan
from influkit.text import i18n
from influkit.text.formats import fmt_date, fmt_number
from ui import state
from ui.navigation import page_link
from ui.state import bound, t

lang = state.lang()
plan = state.require_plan()
today = dt.date.today()


st.title(t("gantt.title"))
st.write(t("gantt.intro"))


def _signature(tasks: list) -> str:
    """The tasks as text, to tell whether the plan changed outside the table."""
    return json.dumps([task.model_dump(mode="json") for task in tasks], sort_keys=True)


def _regenerate(keep_edits: bool, gifting: bool | None = None) -> None:
    """Rebuild the tasks from the template, or say why it cannot be done."""
    try:
        actions.regenerate_tasks(plan, lang, keep_edits=keep_edits, gifting=gifting)
    except UserError as err:
        st.error(err.message(lang))
        return
    state.flash("success", t("gantt.regenerated" if keep_edits else "gantt.generated"))
    st.rerun()


# --- launch date ----------------------------------------------------------------------------
launch_col, calendar_col = st.columns([1, 2], vertical_alignment="bottom")
launch = bound(
    launch_col.date_input,
    "retro_launch",
    plan.brief.launch_date,
    t("gantt.launch_date"),
    format="DD/MM/YYYY",
    min_value=dt.date(2000, 1, 1),
    max_value=dt.date(2100, 12, 31),
    help=t("gantt.launch_help"),
)
calendar_col.caption(t("gantt.calendar_note"))
if launch != plan.brief.launch_date:
    plan.brief.launch_date = launch
if plan.brief.launch_date is None:
    st.warning(t("gantt.need_launch"))


def _offer_template() -> None:
    """No tasks yet: explain the template and offer to generate it."""
    with st.container(border=True):
        st.subheader(t("gantt.start_title"))
        st.write(
            t(
                "gantt.start_help" if plan.deliverables else "gantt.start_help_none",
                deliverables=fmt_number(len(plan.deliverables), lang),
                launch=fmt_date(plan.brief.launch_date, lang),
            )
        )
        if not plan.deliverables:
            st.caption(t("gantt.start_no_deliverables"))
            page_link("actions", t("gantt.go_actions"), icon=":material/add:")
        gifting = st.checkbox(
            t("gantt.gifting"),
            value=actions.uses_gifting(plan),
            help=t("gantt.gifting_help"),
            key=state.widget_key("retro_gifting_new"),
        )
        if st.button(t("gantt.generate"), type="primary", icon=":material/view_timeline:"):
            _regenerate(keep_edits=False, gifting=gifting)


def _planning() -> None:
    """The tasks table, then the chart and its checks above it, then the calendar export."""
    # The table is read first so the chart above it shows the latest valid version.
    chart_area = st.container()
    st.header(t("gantt.table_title"))
    st.caption(t("gantt.table_help"))

    signature = _signature(plan.tasks)
    holder_key = state.widget_key("retro_editor_base")
    holder = st.session_state.get(holder_key) or {"n": 0, "sig": None, "frame": None}
    editor_key = f"{state.widget_key('retro_editor')}_{holder['n']}"
    if holder["sig"] is not None and holder["sig"] != signature and editor_key in st.session_state:
        # The plan changed elsewhere (generated, reset, updated): a fresh table, no stale edits.
        holder["n"] += 1
        editor_key = f"{state.widget_key('retro_editor')}_{holder['n']}"
    if holder["sig"] != signature or editor_key not in st.session_state:
        holder.update(frame=gantt.editor_frame(plan.tasks), sig=signature)
    st.session_state[holder_key] = holder

    phase_names = {code: i18n.label("retroplan.phase", code, lang) for code in retroplan.PHASES}
    phase_names[gantt.CUSTOM_PHASE] = t("gantt.phase_custom")
    unit_names = {code: t(f"retroplan.unit.{code}") for code in retroplan.DURATION_UNITS}
    task_names = gantt.task_labels(plan.tasks, lang)
    edited = st.data_editor(
        holder["frame"],
        key=editor_key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        # Every task visible at once, plus the row that adds one.
        height=35 * (len(holder["frame"]) + 2) + 3,
        # Ids stay in the data (dependencies are stored as ids) but a trainee reads names.
        column_order=[c for c in gantt.EDITOR_COLUMNS if c not in ("task_id", "deliverable_id")],
        column_config={
            "name": st.column_config.TextColumn(
                t("retroplan.column.name"),
                width=320,
                default=t("gantt.new_task"),
                required=True,
            ),
            "phase": st.column_config.SelectboxColumn(
                t("retroplan.column.phase"),
                options=list(gantt.PHASE_OPTIONS),
                format_func=phase_names.get,
                default=gantt.CUSTOM_PHASE,
                width="medium",
            ),
            "duration_days": st.column_config.NumberColumn(
                t("retroplan.column.duration_days"),
                min_value=0,
                max_value=400,
                step=1,
                default=5,
                required=True,
                help=t("gantt.help_duration"),
                width=110,
            ),
            "duration_unit": st.column_config.SelectboxColumn(
                t("retroplan.column.duration_unit"),
                options=list(retroplan.DURATION_UNITS),
                format_func=unit_names.get,
                default=retroplan.WORKING,
                required=True,
            ),
            "depends_on": st.column_config.MultiselectColumn(
                t("retroplan.column.depends_on"),
                help=t("gantt.help_depends_on"),
                options=list(task_names),
                format_func=lambda task_id: task_names.get(task_id, task_id),
                width="large",
            ),
        },
    )

    editor_error = None
    try:
        new_tasks, _ = gantt.tasks_from_editor(edited, plan.brief.launch_date, previous=plan.tasks)
    except UserError as err:
        editor_error = err.message(lang)
    else:
        new_signature = _signature(new_tasks)
        if new_signature != signature:
            plan.tasks = new_tasks
            holder["sig"] = new_signature
            if len(edited) != len(holder["frame"]):
                # Rows added or removed: redraw the table so new rows show their id.
                holder["n"] += 1
                holder["frame"] = gantt.editor_frame(new_tasks)
                st.rerun()
    if editor_error:
        st.error(t("gantt.edit_refused", reason=editor_error))

    current_gifting = actions.uses_gifting(plan)
    gifting = bound(
        st.toggle,
        "retro_gifting",
        current_gifting,
        t("gantt.gifting"),
        help=t("gantt.gifting_help"),
    )
    if gifting != current_gifting:
        _regenerate(keep_edits=True, gifting=gifting)
    col1, col2 = st.columns(2)
    with col1.popover(t("gantt.reset"), icon=":material/restart_alt:"):
        st.write(t("gantt.reset_confirm_text"))
        if st.button(t("gantt.reset_confirm"), type="primary", key="retro_reset_confirm"):
            _regenerate(keep_edits=False)
    missing = actions.deliverables_missing_from_tasks(plan)
    if actions.tasks_of_removed_deliverables(plan):
        st.info(t("gantt.stale_tasks"))
    if col2.button(
        t("gantt.update", count=len(missing)) if missing else t("gantt.update_none"),
        icon=":material/sync:",
        key="retro_update",
        help=t("gantt.update_help"),
    ):
        _regenerate(keep_edits=True)

    # The chart and its figures, from the last valid tasks.
    try:
        scheduled = gantt.schedule_plan_tasks(plan.tasks, plan.brief.launch_date)
    except UserError as err:
        with chart_area:
            st.error(err.message(lang))
        return

    figures = gantt.summary(scheduled)
    holidays = retroplan.holidays_between(figures["first_day"], figures["last_day"], lang=lang)
    with chart_area:
        cols = st.columns(5)
        cols[0].metric(t("gantt.metric_first_day"), fmt_date(figures["first_day"], lang))
        cols[1].metric(t("gantt.metric_launch"), fmt_date(figures["launch"], lang))
        cols[2].metric(
            t("gantt.metric_working_days"),
            fmt_number(figures["working_days"], lang),
            help=t("gantt.metric_working_days_help"),
        )
        cols[3].metric(
            t("gantt.metric_critical"),
            fmt_number(figures["critical_tasks"], lang),
            help=t("gantt.metric_critical_help"),
        )
        cols[4].metric(t("gantt.metric_last_day"), fmt_date(figures["last_day"], lang))
        for finding in retroplan.lead_time_check(scheduled, today, lang):
            show = {"error": st.error, "warning": st.warning}.get(finding["level"], st.success)
            show(finding["message"])
        show_links = st.toggle(
            t("gantt.show_dependencies"), value=True, key=state.widget_key("retro_links")
        )
        st.plotly_chart(
            gantt.figure(
                scheduled, lang, today=today, holidays=holidays, show_dependencies=show_links
            ),
            width="stretch",
            config={"displaylogo": False},
        )
        if holidays:
            st.caption(
                t(
                    "gantt.holidays_caption",
                    holidays=", ".join(
                        f"{name} ({fmt_date(day, lang)})" for day, name in holidays.items()
                    ),
                )
            )

        with st.expander(t("gantt.schedule_title")):
            table = pd.DataFrame(
                {
                    t("retroplan.column.name"): [
                        task_names.get(i, n)
                        for i, n in zip(scheduled["task_id"], scheduled["name"], strict=True)
                    ],
                    t("retroplan.column.start"): [fmt_date(d, lang) for d in scheduled["start"]],
                    t("retroplan.column.end"): [fmt_date(d, lang) for d in scheduled["end"]],
                    t("retroplan.column.duration_days"): [
                        f"{fmt_number(d, lang)} {t(f'retroplan.unit.{u}')}"
                        for d, u in zip(
                            scheduled["duration_days"], scheduled["duration_unit"], strict=True
                        )
                    ],
                    t("retroplan.column.slack_days"): [
                        fmt_number(s, lang) for s in scheduled["slack_days"]
                    ],
                    t("retroplan.column.critical"): [
                        t("gantt.yes") if c else "" for c in scheduled["critical"]
                    ],
                    t("retroplan.column.depends_on"): [
                        ", ".join(task_names.get(d, d) for d in after)
                        for after in scheduled["depends_on"]
                    ],
                }
            )
            st.dataframe(table, hide_index=True, width="stretch")

    # Calendar export.
    st.header(t("gantt.export_title"))
    st.caption(t("gantt.export_help"))
    slug = (plan.brief.brand or "influkit").lower().replace(" ", "-")
    col1, col2 = st.columns(2)
    try:
        milestones_ics = retroplan.to_ics(scheduled, plan.title or plan.brief.brand, lang)
    except UserError as err:
        col1.warning(err.message(lang))
    else:
        col1.download_button(
            t("gantt.download_milestones"),
            data=milestones_ics,
            file_name=f"jalons-{slug}.ics" if lang == "fr" else f"milestones-{slug}.ics",
            mime="text/calendar",
            icon=":material/event:",
            key="retro_ics_milestones",
        )
    col2.download_button(
        t("gantt.download_all"),
        data=retroplan.to_ics(
            scheduled, plan.title or plan.brief.brand, lang, milestones_only=False
        ),
        file_name=f"retroplanning-{slug}.ics",
        mime="text/calendar",
        icon=":material/calendar_month:",
        key="retro_ics_all",
    )


# Sections return early instead of st.stop(): a stopped run would not save the plan.
if plan.brief.launch_date is not None:
    if plan.tasks:
        _planning()
    else:
        _offer_template()
