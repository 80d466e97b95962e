"""Module 5 — retro-planning: the phase template and the action plan as editable tasks, planned
backwards from the launch on French working days, drawn as a Gantt chart, exported as .ics."""

import datetime as dt

import streamlit as st

from influkit import exports
from influkit.errors import UserError
from influkit.operations import deliverables as actions
from influkit.operations.schedule import gantt, ics
from influkit.operations.schedule import scheduler as retroplan
from influkit.operations.schedule.calendar import holidays_between
from influkit.text import i18n
from influkit.text.formats import fmt_date, fmt_number
from ui import state
from ui.navigation import page_link
from ui.state import bound, t
from ui.widgets import DATE_INPUT, plan_field, plan_table

lang = state.lang()
plan = state.require_plan()
today = dt.date.today()


st.title(t("gantt.title"))
st.write(t("gantt.intro"))


def _regenerate(keep_edits: bool, gifting: bool | None = None) -> None:
    """Rebuild the tasks from the template, or say why it cannot be done."""
    try:
        actions.regenerate_tasks(plan, lang, keep_edits=keep_edits, gifting=gifting)
    except UserError as err:
        st.error(err.message(lang))
        return
    state.refresh("retro_editor")  # the tasks table starts again from the new tasks
    state.flash("success", t("gantt.regenerated" if keep_edits else "gantt.generated"))
    st.rerun()


# --- launch date ----------------------------------------------------------------------------
launch_col, calendar_col = st.columns([1, 2], vertical_alignment="bottom")
plan_field(
    plan.brief,
    "launch_date",
    launch_col.date_input,
    "retro_launch",
    t("gantt.launch_date"),
    help=t("gantt.launch_help"),
    **DATE_INPUT,
)
calendar_col.caption(t("gantt.calendar_note"))
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

    phase_names = {code: i18n.label("retroplan.phase", code, lang) for code in retroplan.PHASES}
    phase_names[gantt.CUSTOM_PHASE] = t("gantt.phase_custom")
    unit_names = {code: t(f"retroplan.unit.{code}") for code in retroplan.DURATION_UNITS}
    task_names = gantt.task_labels(plan.tasks, lang)
    plan_table(
        "retro",
        plan.tasks,
        gantt.editor_frame,
        lambda frame: gantt.tasks_from_editor(frame, plan.brief.launch_date, previous=plan.tasks)[
            0
        ],
        lambda tasks: gantt.replace_tasks(plan, tasks),
        lambda reason: t("gantt.edit_refused", reason=reason),
        # Every task visible at once, plus the row that adds one.
        height=lambda rows: 35 * (rows + 2) + 3,
        hide_index=True,
        width="stretch",
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
    holidays = holidays_between(figures["first_day"], figures["last_day"], lang=lang)
    with chart_area:
        for column, (name, value, has_help) in zip(
            st.columns(5),
            (
                ("first_day", fmt_date(figures["first_day"], lang), False),
                ("launch", fmt_date(figures["launch"], lang), False),
                ("working_days", fmt_number(figures["working_days"], lang), True),
                ("critical", fmt_number(figures["critical_tasks"], lang), True),
                ("last_day", fmt_date(figures["last_day"], lang), False),
            ),
            strict=True,
        ):
            help_text = t(f"gantt.metric_{name}_help") if has_help else None
            column.metric(t(f"gantt.metric_{name}"), value, help=help_text)
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
            st.caption(gantt.holidays_caption(holidays, lang))

        with st.expander(t("gantt.schedule_title")):
            st.dataframe(
                gantt.schedule_table(scheduled, task_names, lang), hide_index=True, width="stretch"
            )

    # Calendar export.
    st.header(t("gantt.export_title"))
    st.caption(t("gantt.export_help"))
    slug = exports.slug(plan.brief.brand, "influkit")
    col1, col2 = st.columns(2)
    try:
        milestones_ics = ics.to_ics(scheduled, plan.title or plan.brief.brand, lang)
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
        data=ics.to_ics(scheduled, plan.title or plan.brief.brand, lang, milestones_only=False),
        file_name=f"retroplanning-{slug}.ics",
        mime="text/calendar",
        icon=":material/calendar_month:",
        key="retro_ics_all",
    )


if plan.brief.launch_date is not None:
    if plan.tasks:
        _planning()
    else:
        _offer_template()
