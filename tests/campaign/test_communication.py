"""Module 7 communication plan: the editorial calendar from deliverables and the retro-planning,
channels per influencer, edited tables read back into the plan, the platforms of DOMAIN §10 and
how complete the plan is."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from influkit.campaign import communication
from influkit.errors import UserError
from influkit.operations import figures
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import (
    ChannelPlan,
    Deliverable,
    EditorialItem,
    Plan,
    PlatformNote,
    Task,
)

LAUNCH = dt.date(2027, 3, 1)  # a Monday


def make_plan(with_tasks: bool = True) -> Plan:
    """A plan with two deliverables, optionally their standard retro-planning."""
    plan = Plan()
    plan.brief.launch_date = LAUNCH
    plan.add_to_shortlist("INF0001")
    plan.add_to_shortlist("INF0002")
    plan.deliverables = [
        Deliverable(
            deliverable_id="d1",
            influencer_id="INF0001",
            platform="instagram",
            format="reel",
            count=2,
            window_start=dt.date(2027, 3, 8),
        ),
        Deliverable(
            deliverable_id="d2",
            influencer_id="INF0002",
            platform="tiktok",
            format="video",
            window_start=dt.date(2027, 3, 12),
            window_end=dt.date(2027, 3, 15),
        ),
    ]
    if with_tasks:
        template = retroplan.phase_template(LAUNCH, [d.model_dump() for d in plan.deliverables])
        plan.tasks = [Task(**task) for task in template]
    return plan


def test_calendar_dates_come_from_the_publication_tasks():
    """Each deliverable is dated by its own publication task in the retro-planning."""
    plan = make_plan()
    calendar = communication.editorial_calendar(plan).set_index("deliverable_id")
    scheduled = retroplan.schedule(plan.tasks, LAUNCH).set_index("task_id")
    for deliverable in ("d1", "d2"):
        task = scheduled.loc[f"{deliverable}-publication"]
        assert calendar.loc[deliverable, "date"] == task["start"]
        assert calendar.loc[deliverable, "end"] == task["end"]
        assert calendar.loc[deliverable, "source"] == "retroplan"
        assert calendar.loc[deliverable, "task_id"] == f"{deliverable}-publication"
    assert calendar.loc["d1", "count"] == 2
    assert calendar.loc["d1", "date"] > LAUNCH


def test_without_tasks_the_deliverable_windows_date_the_calendar():
    """No retro-planning yet: the action's window gives the date, by date order."""
    calendar = communication.editorial_calendar(make_plan(with_tasks=False))
    assert calendar["deliverable_id"].tolist() == ["d1", "d2"]
    assert calendar["date"].tolist() == [dt.date(2027, 3, 8), dt.date(2027, 3, 12)]
    assert calendar["end"].tolist() == [dt.date(2027, 3, 8), dt.date(2027, 3, 15)]
    assert set(calendar["source"]) == {"deliverable"}


def test_generic_publication_window_dates_deliverables_without_their_own():
    """Tasks made without deliverables: their common publication phase dates every deliverable."""
    plan = make_plan(with_tasks=False)
    plan.tasks = [Task(**task) for task in retroplan.phase_template(LAUNCH)]
    calendar = communication.editorial_calendar(plan)
    publication = retroplan.schedule(plan.tasks, LAUNCH).set_index("task_id").loc["publication"]
    assert set(calendar["date"]) == {publication["start"]}
    assert len(calendar) == 2  # the common window is used, not listed again


def test_manual_entries_join_the_calendar_and_undated_ones_come_last():
    """The trainee's entries are listed with the derived ones, by date, undated at the end."""
    plan = make_plan()
    plan.communication.editorial_calendar = [
        EditorialItem(item_id="edi-late", message="to be dated"),
        EditorialItem(item_id="edi-teaser", date=dt.date(2027, 2, 20), message="teaser"),
    ]
    calendar = communication.editorial_calendar(plan)
    assert calendar["item_id"].iloc[0] == "edi-teaser"
    assert calendar["item_id"].iloc[-1] == "edi-late"
    assert calendar.loc[calendar["item_id"] == "edi-teaser", "source"].item() == "manual"


def test_the_message_is_the_influencers_own_else_the_first_key_message():
    """A deliverable carries its influencer's key message, else the campaign's first one."""
    plan = make_plan(with_tasks=False)
    plan.communication.key_messages = ["Simple routine", "Known ingredients"]
    plan.communication.channels = [ChannelPlan(influencer_id="INF0002", key_message="Own words")]
    calendar = communication.editorial_calendar(plan).set_index("deliverable_id")
    assert calendar.loc["d1", "message"] == "Simple routine"
    assert calendar.loc["d2", "message"] == "Own words"


def test_a_retro_planning_that_cannot_be_computed_falls_back_on_windows():
    """A cycle in the tasks is reported, and the windows still date the calendar."""
    plan = make_plan(with_tasks=False)
    plan.tasks = [
        Task(task_id="a", duration_days=2, depends_on=["b"]),
        Task(task_id="b", duration_days=2, depends_on=["a"]),
    ]
    calendar = communication.editorial_calendar(plan)
    assert isinstance(calendar.attrs["schedule_error"], UserError)
    assert calendar["date"].tolist() == [dt.date(2027, 3, 8), dt.date(2027, 3, 12)]


def test_an_empty_plan_has_an_empty_calendar():
    """No deliverables, tasks or entries: an empty table with its columns."""
    calendar = communication.editorial_calendar(Plan())
    assert calendar.empty
    assert list(calendar.columns) == list(communication.CALENDAR_COLUMNS)


def test_every_shortlisted_influencer_gets_a_channel_plan():
    """Their platform and their deliverables' formats are the starting point; existing ones stay;
    nothing is written to the plan until the trainee edits the table."""
    plan = make_plan()
    plan.communication.channels = [ChannelPlan(influencer_id="INF0002", platforms=["youtube"])]
    table = pd.DataFrame({"influencer_id": ["INF0001", "INF0002"], "platform": ["x", "tiktok"]})
    before = plan.model_dump_json()
    first, second = communication.channels_in_force(plan, table)
    assert first.platforms == ["instagram", "x"] and first.formats == ["reel"]
    assert second.platforms == ["youtube"]
    assert plan.model_dump_json() == before
    frame = communication.channels_frame(plan, table=table)
    assert frame["platforms"].tolist() == [["instagram", "x"], ["youtube"]]


def test_channels_read_back_from_the_edited_table():
    """Lists and texts from the editor become channel plans; others' plans are kept."""
    plan = make_plan()
    plan.communication.channels = [
        ChannelPlan(influencer_id="OLD", platforms=["x"]),
        ChannelPlan(influencer_id="INF0001"),
    ]
    frame = pd.DataFrame(
        {
            "influencer_id": ["INF0001", "INF0002"],
            "name": ["Lina", "Noé"],
            "platforms": [["tiktok", "instagram", "myspace"], None],
            "formats": ["story, reel", []],
            "key_message": ["  Hello ", None],
        }
    )
    channels = {c.influencer_id: c for c in communication.channels_from_table(plan, frame)}
    assert channels["INF0001"].platforms == ["instagram", "tiktok"]
    assert channels["INF0001"].formats == ["reel", "story"]
    assert channels["INF0001"].key_message == "Hello"
    assert channels["INF0002"].platforms == [] and channels["INF0002"].key_message == ""
    assert channels["OLD"].platforms == ["x"]


@pytest.mark.parametrize(
    "values, expected",
    [
        (["A", "B"], ["A", "B"]),
        (["  A ", None, "", float("nan")], ["A"]),
        ([], []),
    ],
)
def test_key_messages_from_the_edited_table(values, expected):
    """Blank rows are left out and spaces trimmed."""
    frame = pd.DataFrame({"message": values}, dtype=object)
    assert communication.key_messages_from_table(frame) == expected


def test_manual_calendar_entries_from_the_edited_table():
    """Dates of every kind are read, blank rows dropped, new rows get an id."""
    frame = pd.DataFrame(
        [
            {
                "item_id": "edi-1",
                "date": pd.Timestamp("2027-03-04"),
                "influencer_id": "INF0001",
                "platform": "instagram",
                "format": "story",
                "message": "Teaser",
            },
            {
                "item_id": None,
                "date": "2027-03-09",
                "influencer_id": None,
                "platform": None,
                "format": None,
                "message": "Live",
            },
            {
                "item_id": None,
                "date": None,
                "influencer_id": None,
                "platform": None,
                "format": None,
                "message": None,
            },
        ]
    )
    items = communication.calendar_items_from_table(frame)
    assert [i.date for i in items] == [dt.date(2027, 3, 4), dt.date(2027, 3, 9)]
    assert items[0].item_id == "edi-1" and items[1].item_id.startswith("edi-")
    assert items[1].platform == "" and items[1].message == "Live"


@pytest.mark.parametrize(
    "cells, key",
    [
        ({"date": "next week"}, "communication.error_date"),
        ({"platform": "myspace"}, "communication.error_platform"),
        ({"format": "hologram"}, "communication.error_format"),
    ],
)
def test_a_wrong_calendar_cell_names_the_row(cells, key):
    """An unreadable date or an unknown platform or format is a user error naming the row."""
    row = {
        "item_id": None,
        "date": None,
        "influencer_id": "",
        "platform": "",
        "format": "",
        "message": "x",
        **cells,
    }
    with pytest.raises(UserError) as err:
        communication.calendar_items_from_table(pd.DataFrame([row]))
    assert err.value.key == key and err.value.params["row"] == 1


@pytest.mark.parametrize(
    "capability, tools",
    [
        ("discovery", {"hypeauditor", "modash", "upfluence", "favikon"}),
        ("audience_quality", {"hypeauditor", "kolsquare", "modash"}),
        ("crm", {"upfluence", "grin", "aspire"}),
        ("briefs_approval", {"kolsquare", "aspire", "skeepers"}),
        ("affiliate", {"upfluence", "grin", "modash"}),
        ("reporting", {"grin", "creatoriq", "skeepers"}),
        ("compliance_score", {"kolsquare"}),
        ("budget_suggestions", {"traackr"}),
    ],
)
def test_platform_capabilities_follow_the_course_overview(capability, tools):
    """Which platform brings what, as DOMAIN §10 lists it."""
    frame = communication.tools_frame(Plan())
    assert set(frame.loc[frame[capability], "platform"]) == tools
    assert len(frame) == len(communication.TOOLS) == 10


def test_platform_notes_round_trip():
    """Ticking a platform and writing a note comes back from the table into the plan."""
    plan = Plan()
    plan.communication.platforms = [PlatformNote(platform="custom_tool", considered=True)]
    frame = communication.tools_frame(plan)
    assert frame["platform"].tolist()[-1] == "custom_tool"
    frame.loc[frame["platform"] == "kolsquare", ["considered", "note"]] = [True, "French law"]
    notes = {n.platform: n for n in communication.platform_notes_from_table(frame)}
    assert notes["kolsquare"].considered and notes["kolsquare"].note == "French law"
    assert not notes["grin"].considered
    assert notes["custom_tool"].considered


def test_completeness_counts_what_is_filled():
    """Each part of the communication plan is done once filled; the share follows."""
    plan = make_plan(with_tasks=False)
    frame = communication.completeness(plan, "en").set_index("item")
    assert frame.loc["calendar", "done"]  # the deliverables' windows date it
    assert frame.loc["channels", "done"]  # and their platforms and formats are the channels
    assert not frame["done"].drop(["calendar", "channels"]).any()
    plan.communication.key_messages = ["One"]
    plan.communication.storytelling.promise = "Calm skin"
    assert not communication.completeness(plan).set_index("item").loc["storytelling", "done"]
    for field in communication.STORY_FIELDS:
        setattr(plan.communication.storytelling, field, "filled")
    plan.communication.channels = [
        ChannelPlan(influencer_id=i, platforms=["instagram"], formats=["reel"])
        for i in ("INF0001", "INF0002")
    ]
    plan.communication.platforms = [PlatformNote(platform="modash", considered=True)]
    assert communication.completeness_share(plan) == 1.0


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_timeline_has_one_bar_group_per_platform(lang):
    """The timeline chart draws the dated entries, one colour per platform, with a title."""
    calendar = communication.editorial_calendar(make_plan())
    fig = figures.editorial_timeline_figure(calendar, {"INF0001": "Lina"}, lang, LAUNCH)
    assert {trace.name for trace in fig.data} == {"Instagram", "TikTok"}
    assert fig.layout.title.text == communication.t("communication.timeline_title", lang)


# --- what the communication page writes ---------------------------------------------------------

NAMES = {"INF0001": "Lina", "INF0002": "Hugo"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_calendar_table_reads_dates_people_and_sources(lang):
    """Each calendar entry reads with its French date, who publishes (everyone for an entry of
    the whole campaign), platform and format labels, how many, and where it comes from."""
    plan = make_plan()
    communication.add_calendar_item(plan, LAUNCH, "", "instagram", "story", "  Jeu concours ")
    calendar = communication.editorial_calendar(plan, lang)
    frame = communication.calendar_frame(calendar, NAMES, lang)
    assert len(frame) == len(calendar)
    everyone = communication.t("communication.timeline_everyone", lang)
    people = frame.iloc[:, 1].tolist()
    assert "Lina" in people and "Hugo" in people and everyone in people
    manual = frame.loc[frame.iloc[:, 5] == "Jeu concours"].iloc[0].tolist()
    assert manual[0] == "01/03/2027"
    assert manual[6] == communication.t("communication.source.manual", lang)


def test_an_entry_can_be_for_everyone_or_a_shortlisted_influencer():
    """The calendar's “for whom” choice starts with everyone, then the shortlist by name."""
    choices = communication.calendar_influencers(make_plan(), NAMES, "fr")
    assert list(choices) == ["", "INF0001", "INF0002"]
    assert choices[""] == communication.t("communication.timeline_everyone", "fr")
    assert choices["INF0002"] == "Hugo"


def test_a_key_message_is_added_trimmed_and_an_empty_one_is_not():
    """Typing a key message adds it without the spaces around it; blanks add nothing."""
    plan = make_plan()
    assert communication.add_key_message(plan, "  Des ingrédients connus ")
    assert not communication.add_key_message(plan, "   ")
    assert plan.communication.key_messages == ["Des ingrédients connus"]


def test_a_part_is_replaced_only_when_it_changes():
    """Writing the same channels back leaves the plan alone; new ones replace them."""
    plan = make_plan()
    channels = [ChannelPlan(influencer_id="INF0001", platforms=["instagram"], formats=["reel"])]
    assert communication.replace_part(plan, "channels", channels)
    same = [ChannelPlan(influencer_id="INF0001", platforms=["instagram"], formats=["reel"])]
    assert not communication.replace_part(plan, "channels", same)
    assert not communication.replace_part(plan, "key_messages", [])


def test_the_channels_table_can_name_each_influencer():
    """With names, the channels table shows who each row is, right after the id."""
    frame = communication.channels_frame(make_plan(), NAMES)
    assert list(frame.columns[:2]) == ["influencer_id", "name"]
    assert list(frame["name"]) == ["Lina", "Hugo"]


def test_the_platforms_table_ticks_what_each_platform_brings():
    """What a platform brings reads as a tick, what it lacks as nothing."""
    tools = communication.tools_table(make_plan())
    values = set(tools[list(communication.CAPABILITIES)].to_numpy().ravel())
    assert values <= {"✓", ""} and "✓" in values


@pytest.mark.parametrize("lang, percent", [("fr", "\u00a0%"), ("en", "%")])
def test_the_progress_bar_says_how_many_parts_are_filled(lang, percent):
    """The bar's share is the parts filled over all parts, said in a sentence with a %."""
    done = pd.DataFrame({"done": [True, False, True, False]})
    share, text = communication.completeness_progress(done, lang)
    assert share == 0.5
    assert f"50{percent}" in text
