"""The editorial calendar's timeline, built apart from the communication page: who publishes
what and when, one colour per platform, around the launch."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from influkit.operations import figures
from influkit.text import chart_style as charts
from influkit.text.i18n import t

LAUNCH = dt.date(2026, 3, 2)
DAY_MS = 86_400_000


def calendar(*rows: tuple) -> pd.DataFrame:
    """Calendar entries: (date, end, influencer id, platform, format, message)."""
    columns = ["date", "end", "influencer_id", "platform", "format", "message"]
    return pd.DataFrame(list(rows), columns=columns)


ENTRIES = calendar(
    (dt.date(2026, 3, 2), dt.date(2026, 3, 4), "INF1", "instagram", "reel", "Lancement"),
    (dt.date(2026, 3, 9), dt.date(2026, 3, 9), "INF2", "tiktok", "video", "Tuto"),
    (dt.date(2026, 3, 5), None, "", "instagram", "story", "Jeu concours"),
    (None, None, "INF2", "youtube", "video", "Sans date"),
)
NAMES = {"INF1": "Lina", "INF2": "Hugo"}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_each_platform_has_its_colour_and_undated_entries_wait(lang):
    """One group of bars per platform in its usual colour; an entry without a date is not
    drawn yet."""
    fig = figures.editorial_timeline_figure(ENTRIES, NAMES, lang, LAUNCH)
    colours = {trace.name: trace.marker.color for trace in fig.data}
    assert colours == {
        "Instagram": charts.PLATFORM_COLOURS["instagram"],
        "TikTok": charts.PLATFORM_COLOURS["tiktok"],
    }
    assert fig.layout.separators == charts.separators(lang)
    assert fig.layout.title.text == t("communication.timeline_title", lang)


def test_an_entry_lasts_until_the_end_of_its_last_day():
    """A three-day window is three days long; a one-day post still shows a one-day bar."""
    fig = figures.editorial_timeline_figure(ENTRIES, NAMES, "fr", LAUNCH)
    instagram = next(trace for trace in fig.data if trace.name == "Instagram")
    tiktok = next(trace for trace in fig.data if trace.name == "TikTok")
    assert list(instagram.x) == [3 * DAY_MS, DAY_MS]
    assert list(tiktok.x) == [DAY_MS]


def test_an_entry_for_everyone_gets_its_own_row():
    """A post not tied to one influencer sits on a row named for everyone, each other row
    names its influencer."""
    fig = figures.editorial_timeline_figure(ENTRIES, NAMES, "fr", LAUNCH)
    rows = {name for trace in fig.data for name in trace.y}
    assert rows == {"Lina", "Hugo", t("communication.timeline_everyone", "fr")}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_launch_is_a_dashed_line_with_its_date(lang):
    """The launch day is marked by a dashed line in the accent colour, with its date written
    the user's way above the chart."""
    fig = figures.editorial_timeline_figure(ENTRIES, NAMES, lang, LAUNCH)
    assert fig.layout.shapes[0].line.dash == "dash"
    assert fig.layout.shapes[0].line.color == charts.ACCENT
    assert fig.layout.annotations[-1].text == t(
        "communication.timeline_launch", lang, date="02/03/2026"
    )


def test_without_a_launch_date_no_line_is_drawn():
    """A plan without a launch date still gets its timeline, without the launch line."""
    fig = figures.editorial_timeline_figure(ENTRIES, NAMES, "fr", None)
    assert not fig.layout.shapes


@pytest.mark.parametrize("influencers, height", [(1, 260), (2, 300), (10, 620)])
def test_the_chart_grows_with_the_number_of_influencers(influencers, height):
    """Each influencer's row adds room, so bars stay readable on a projector."""
    rows = [(LAUNCH, LAUNCH, f"INF{i}", "instagram", "reel", "Post") for i in range(influencers)]
    fig = figures.editorial_timeline_figure(calendar(*rows), {}, "fr", LAUNCH)
    assert fig.layout.height == height
