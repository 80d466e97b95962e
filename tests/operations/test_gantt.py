"""The retro-planning's Gantt chart and table: one bar per task, milestones as diamonds, the
critical path in its own colour, holidays shaded, today's line, one arrow per dependency; the
edited table read back and checked; the schedule's key figures."""

import datetime as dt

import pandas as pd
import pytest

from influkit.errors import UserError
from influkit.operations.schedule import gantt
from influkit.operations.schedule import scheduler as retroplan
from influkit.operations.schedule.calendar import add_working_days, holidays_between, working_days
from influkit.plan.model import Plan, Task
from influkit.text import i18n

D = dt.date.fromisoformat
LAUNCH = D("2027-03-01")
TODAY = D("2027-01-05")


def _template(deliverables=2, gifting=True):
    items = [{"deliverable_id": f"d{i}", "name": f"Créatrice {i}"} for i in range(deliverables)]
    return retroplan.phase_template(LAUNCH, items, gifting=gifting)


def _schedule(deliverables=2, gifting=True):
    return retroplan.schedule(_template(deliverables, gifting), LAUNCH)


def _figure(scheduled, lang="fr", **kwargs):
    holidays = holidays_between(scheduled["start"].min(), scheduled["end"].max(), lang=lang)
    options = {"today": TODAY, "holidays": holidays, **kwargs}
    return gantt.figure(scheduled, lang, **options)


def _traces(fig, meta):
    return [trace for trace in fig.data if trace.meta == meta]


def _arrows(fig):
    return [a for a in fig.layout.annotations if a.showarrow]


CASES = [(0, True), (1, True), (2, True), (3, False)]


@pytest.mark.parametrize("deliverables, gifting", CASES)
def test_one_bar_per_task_and_a_diamond_per_milestone(deliverables, gifting):
    """Every task with a duration is one bar; every milestone is one diamond, none is a bar."""
    scheduled = _schedule(deliverables, gifting)
    fig = _figure(scheduled)
    bars = sum(len(trace.y) for trace in fig.data if trace.type == "bar")
    assert bars == int((~scheduled["milestone"]).sum())
    (diamonds,) = _traces(fig, "milestone")
    assert diamonds.marker.symbol == "diamond"
    assert len(diamonds.y) == int(scheduled["milestone"].sum())


@pytest.mark.parametrize("deliverables, gifting", CASES)
def test_the_critical_path_has_its_own_colour_and_legend(deliverables, gifting):
    """Critical tasks are drawn in the critical colour, under their own legend entry."""
    scheduled = _schedule(deliverables, gifting)
    fig = _figure(scheduled)
    (critical,) = _traces(fig, "critical")
    assert critical.marker.color == gantt.CRITICAL_COLOUR
    assert critical.name == "Chemin critique (aucune marge)"
    expected = int((scheduled["critical"] & ~scheduled["milestone"]).sum())
    assert len(critical.y) == expected
    for trace in _traces(fig, "task"):
        assert trace.marker.color == gantt.TASK_COLOUR


@pytest.mark.parametrize("deliverables, gifting", CASES)
def test_one_arrow_per_dependency(deliverables, gifting):
    """Each finish-to-start link is one arrow; without arrows asked for, there are none."""
    scheduled = _schedule(deliverables, gifting)
    assert len(_arrows(_figure(scheduled))) == gantt.dependency_count(scheduled)
    assert gantt.dependency_count(scheduled) == sum(len(d) for d in scheduled["depends_on"])
    assert _arrows(_figure(scheduled, show_dependencies=False)) == []


def test_an_arrow_goes_from_the_predecessors_end_to_the_successors_start():
    """The arrow of outreach → discovery starts at the end of discovery's bar."""
    scheduled = _schedule(0)
    fig = _figure(scheduled)
    rows = scheduled.set_index("task_id")
    position = {task_id: i for i, task_id in enumerate(scheduled["task_id"])}
    arrow = next(a for a in _arrows(fig) if a.name == "dependency:discovery>outreach")
    after_discovery = rows.loc["discovery", "end"] + dt.timedelta(days=1)
    assert arrow.ax.startswith(after_discovery.isoformat())
    assert arrow.x.startswith(rows.loc["outreach", "start"].isoformat())
    assert (arrow.ay, arrow.y) == (position["discovery"], position["outreach"])


@pytest.mark.parametrize(
    "launch, expected",
    [
        # Spring 2027: Easter Monday (29/03), 1 and 8 May are Saturdays, Ascension 6 May.
        (D("2027-05-03"), {D("2027-03-29"), D("2027-05-01"), D("2027-05-06"), D("2027-05-08")}),
        # Around Christmas 2026: 11 Nov, Christmas, New Year.
        (D("2027-01-11"), {D("2026-11-11"), D("2026-12-25"), D("2027-01-01")}),
    ],
)
def test_public_holidays_in_the_plan_are_shaded_and_named(launch, expected):
    """Each public holiday within the plan is one shaded band, its name in the hover."""
    scheduled = retroplan.schedule(retroplan.phase_template(launch, gifting=False), launch)
    holidays = holidays_between(scheduled["start"].min(), scheduled["end"].max())
    assert expected <= set(holidays)
    fig = gantt.figure(scheduled, "fr", today=launch, holidays=holidays)
    shapes = [s for s in fig.layout.shapes if s.legendgroup == "holidays"]
    assert {D(s.x0[:10]) for s in shapes} == set(holidays)
    assert sum(bool(s.showlegend) for s in shapes) == 1
    (marks,) = _traces(fig, "holiday")
    assert len(marks.hovertext) == len(holidays)
    assert any("Lundi de Pâques" in text or "Noël" in text for text in marks.hovertext)


def test_holidays_outside_the_plan_are_left_out():
    """A holiday given for another period draws nothing."""
    scheduled = _schedule(1)
    fig = gantt.figure(scheduled, "fr", today=TODAY, holidays={D("2030-07-14"): "Fête nationale"})
    assert [s for s in fig.layout.shapes if s.legendgroup == "holidays"] == []
    assert _traces(fig, "holiday") == []


@pytest.mark.parametrize(
    "today, drawn",
    [
        (D("2027-01-05"), True),  # during the plan
        (D("2026-12-01"), True),  # four weeks before it starts
        (D("2027-04-20"), True),  # just after reporting
        (D("2025-01-01"), False),  # far away: the axis would be squashed
    ],
)
def test_todays_line_is_drawn_when_today_is_near_the_plan(today, drawn):
    """Today's dashed line shows when today falls near the plan, and the axis includes it."""
    scheduled = _schedule(1)
    fig = gantt.figure(scheduled, "fr", today=today, holidays={})
    lines = _traces(fig, "today")
    assert bool(lines) == drawn
    if drawn:
        assert lines[0].x[0].startswith(today.isoformat())
        low, high = fig.layout.xaxis.range
        assert low[:10] <= today.isoformat() <= high[:10]
        assert today.strftime("%d/%m/%Y") in lines[0].name


def test_weekends_are_shaded_lightly_on_a_readable_plan():
    """Saturdays and Sundays are light bands, one per weekend of the plan."""
    scheduled = _schedule(1)
    fig = _figure(scheduled)
    weekends = [s for s in fig.layout.shapes if s.legendgroup == "weekends"]
    first, last = scheduled["start"].min(), scheduled["end"].max()
    saturdays = pd.date_range(first - dt.timedelta(days=6), last, freq="W-SAT")
    assert len(weekends) == len(saturdays)
    assert all(D(s.x0[:10]).weekday() == 5 for s in weekends)
    assert _figure(scheduled, show_weekends=False).layout.shapes == tuple(
        s for s in fig.layout.shapes if s.legendgroup != "weekends"
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dates_read_day_first_on_the_axis_and_in_the_hover(lang):
    """The axis ticks read day/month and the hover gives dates as 02/03/2027."""
    scheduled = _schedule(1)
    fig = _figure(scheduled, lang=lang)
    assert fig.layout.xaxis.tickformat == "%d/%m"
    assert fig.layout.xaxis.type == "date"
    hover = " ".join(text for trace in fig.data if trace.type == "bar" for text in trace.hovertext)
    start = scheduled.set_index("task_id").loc["discovery", "start"]
    assert start.strftime("%d/%m/%Y") in hover
    assert start.isoformat() not in hover


def test_tasks_read_top_down_in_the_plans_order_with_a_title():
    """The first task is at the top, labels follow the plan's order, the title gives the dates."""
    scheduled = _schedule(2)
    fig = _figure(scheduled)
    axis = fig.layout.yaxis
    assert list(axis.tickvals) == list(range(len(scheduled)))
    assert axis.range[0] > axis.range[1]  # reversed: row 0 on top
    names = list(scheduled["name"])
    assert max(map(len, names)) <= gantt.LABEL_CHARS  # each name short enough to show whole
    assert list(axis.ticktext) == names
    assert "01/03/2027" in fig.layout.title.text
    assert fig.layout.separators == ",\u202f"  # decimal comma, narrow no-break space


def test_long_names_are_cut_on_the_axis_but_whole_in_the_hover():
    """A very long task name is shortened with an ellipsis; the hover keeps it whole."""
    long_name = "Tournage de la vidéo de présentation avec toute l'équipe du laboratoire"
    tasks = [
        {"task_id": "shoot", "name": long_name, "duration_days": 3},
        {"task_id": "launch", "name": "Lancement", "duration_days": 0, "depends_on": "shoot"},
    ]
    fig = gantt.figure(retroplan.schedule(tasks, LAUNCH), "fr", today=TODAY, holidays={})
    label = fig.layout.yaxis.ticktext[0]
    assert label.endswith("…") and len(label) <= gantt.LABEL_CHARS
    assert long_name in fig.data[0].hovertext[0]


def test_an_empty_schedule_gives_an_empty_chart_with_a_title():
    """No task: a figure that says so rather than an error."""
    fig = gantt.figure(retroplan.schedule([], LAUNCH), "en", today=TODAY, holidays={})
    assert fig.data == ()
    assert fig.layout.title.text == "Retro-planning: no tasks"


# --- the editable table ---------------------------------------------------------------------


def _plan_tasks():
    return [Task(**task) for task in _template(1)]


def test_the_table_and_back_gives_the_same_tasks():
    """Reading back an unedited table gives exactly the plan's tasks."""
    tasks = _plan_tasks()
    frame = gantt.editor_frame(tasks)
    assert list(frame.columns) == list(gantt.EDITOR_COLUMNS)
    assert frame.loc[1, "depends_on"] == ["discovery"]
    again, scheduled = gantt.tasks_from_editor(frame, LAUNCH, previous=tasks)
    assert [t.model_dump() for t in again] == [t.model_dump() for t in tasks]
    assert len(scheduled) == len(tasks)


def test_fields_the_table_hides_are_kept():
    """The owner, not shown in the table, comes back from the tasks before the edit."""
    tasks = _plan_tasks()
    tasks[0] = tasks[0].model_copy(update={"owner": "Camille"})
    again, _ = gantt.tasks_from_editor(gantt.editor_frame(tasks), LAUNCH, previous=tasks)
    assert again[0].owner == "Camille"


@pytest.mark.parametrize(
    "column, value, check",
    [
        ("duration_days", 15, lambda tasks: tasks[0].duration_days == 15),
        ("duration_unit", "calendar", lambda tasks: tasks[0].duration_unit == "calendar"),
        ("name", "  Casting  ", lambda tasks: tasks[0].name == "Casting"),
        ("depends_on", "", lambda tasks: tasks[1].depends_on == []),
    ],
)
def test_a_valid_edit_is_read_back(column, value, check):
    """A changed duration, unit, name or dependency list comes back in the tasks."""
    frame = gantt.editor_frame(_plan_tasks())
    row = 1 if column == "depends_on" else 0
    frame.loc[row, column] = value
    tasks, _ = gantt.tasks_from_editor(frame, LAUNCH)
    assert check(tasks)


def test_a_longer_first_task_moves_the_first_day_earlier():
    """Lengthening discovery by 5 working days starts the plan 5 working days earlier."""
    frame = gantt.editor_frame(_plan_tasks())
    before = gantt.summary(gantt.tasks_from_editor(frame, LAUNCH)[1])["first_day"]
    frame.loc[0, "duration_days"] = int(frame.loc[0, "duration_days"]) + 5
    after = gantt.summary(gantt.tasks_from_editor(frame, LAUNCH)[1])["first_day"]
    assert after == add_working_days(before, -5)


@pytest.mark.parametrize(
    "row, column, value, key",
    [
        (0, "duration_days", -3, "retroplan.error_duration"),
        (0, "duration_days", 2.5, "retroplan.error_duration"),
        (0, "duration_days", None, "retroplan.error_duration"),
        (0, "depends_on", "reporting", "retroplan.error_cycle"),
        (1, "depends_on", "discovery, brif", "retroplan.error_unknown_dependency"),
        (7, "duration_days", 2, "retroplan.error_no_launch"),
    ],
)
def test_an_invalid_edit_is_refused_with_a_message_key(row, column, value, key):
    """Negative or broken durations, loops, unknown ids and a lost launch are user errors."""
    tasks = _plan_tasks()
    frame = gantt.editor_frame(tasks)
    assert frame.loc[7, "task_id"] == "launch"
    frame[column] = frame[column].astype(object)
    frame.at[row, column] = value
    with pytest.raises(UserError) as err:
        gantt.tasks_from_editor(frame, LAUNCH)
    assert err.value.key == key


def test_a_new_row_gets_an_id_and_the_custom_phase():
    """A row added without id gets ``task-1``; its phase "other" is stored as no phase."""
    frame = gantt.editor_frame(_plan_tasks())
    added = {
        "task_id": None,
        "name": "Tournage",
        "phase": gantt.CUSTOM_PHASE,
        "duration_days": 3,
        "duration_unit": None,
        "depends_on": "brief",
        "deliverable_id": None,
    }
    frame = pd.concat([frame, pd.DataFrame([added])], ignore_index=True)
    tasks, scheduled = gantt.tasks_from_editor(frame, LAUNCH)
    new = tasks[-1]
    assert (new.task_id, new.phase, new.duration_unit, new.depends_on) == (
        "task-1",
        "",
        "working",
        ["brief"],
    )
    assert gantt.editor_frame(tasks).iloc[-1]["phase"] == gantt.CUSTOM_PHASE
    assert "task-1" in set(scheduled["task_id"])


def test_without_a_launch_date_the_plan_cannot_be_scheduled():
    """Scheduling the plan's tasks without a launch date asks for it."""
    with pytest.raises(UserError) as err:
        gantt.schedule_plan_tasks(_plan_tasks(), None)
    assert err.value.key == "gantt.error_no_launch"


# --- key figures ----------------------------------------------------------------------------


def test_the_key_figures_of_the_standard_plan():
    """First day, launch, last day, working days and critical tasks of the template plan."""
    scheduled = _schedule(0)
    figures = gantt.summary(scheduled)
    assert figures["launch"] == LAUNCH
    assert figures["first_day"] == scheduled["start"].min()
    assert figures["last_day"] == scheduled.set_index("task_id").loc["reporting", "end"]
    first, last = figures["first_day"], figures["last_day"]
    assert figures["working_days"] == len(working_days(first, last))
    assert figures["lead_working_days"] == len(working_days(first, LAUNCH - dt.timedelta(days=1)))
    # Shipping runs alongside the brief with slack; every other task is critical.
    assert figures["critical_tasks"] == figures["tasks"] - 1
    assert gantt.summary(retroplan.schedule([], LAUNCH))["first_day"] is None


# --- what the retro-planning page writes ------------------------------------------------------


def test_tasks_replace_the_plans_only_when_they_differ():
    """Writing the same tasks back leaves the plan alone; an edited task replaces them."""
    plan = Plan(title="Test")
    plan.tasks = _plan_tasks()
    assert not gantt.replace_tasks(plan, _plan_tasks())
    edited = _plan_tasks()
    edited[0] = edited[0].model_copy(update={"name": "Repérage"})
    assert gantt.replace_tasks(plan, edited)
    assert plan.tasks[0].name == "Repérage"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_schedule_table_reads_names_dates_and_slack(lang):
    """Each scheduled task reads with its name, French dates, duration in its unit, slack,
    whether it is critical, and what it follows, by name."""
    tasks = _plan_tasks()
    scheduled = gantt.schedule_plan_tasks(tasks, LAUNCH)
    names = gantt.task_labels(tasks, lang)
    table = gantt.schedule_table(scheduled, names, lang)
    assert len(table) == len(scheduled)
    assert table.iloc[1, 0] == names[scheduled["task_id"].iloc[1]]
    assert table.iloc[0, 1].count("/") == 2
    unit = i18n.t(f"retroplan.unit.{scheduled['duration_unit'].iloc[0]}", lang)
    assert table.iloc[0, 3].endswith(unit)
    follows = scheduled["depends_on"].iloc[1]
    assert table.iloc[1, 6] == ", ".join(names.get(d, d) for d in follows)


def test_the_holidays_caption_dates_each_holiday():
    """The public holidays under the chart read with their French dates; none, no caption."""
    caption = gantt.holidays_caption({D("2027-04-05"): "Lundi de Pâques"}, "fr")
    assert "Lundi de Pâques (05/04/2027)" in caption
    assert gantt.holidays_caption({}, "fr") == ""
