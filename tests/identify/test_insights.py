"""Module 1's trends read from the data: monthly shares, ER by format and tier, disclosure over
time, the sentences that say what each chart shows, and the success checklist."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from influkit.identify import insights
from influkit.text import i18n


def _posts(rows: list[tuple]) -> pd.DataFrame:
    """Posts from (influencer_id, date, format, likes, sponsored, disclosure) tuples."""
    frame = pd.DataFrame(
        rows,
        columns=["influencer_id", "published_at", "format", "likes", "sponsored", "disclosure"],
    )
    frame["published_at"] = pd.to_datetime(frame["published_at"])
    for column in ("comments", "shares", "saves"):
        frame[column] = 0
    frame["views"] = frame["likes"] * 10
    frame["reach"] = frame["likes"] * 5
    frame["impressions"] = frame["likes"] * 8
    return frame


INFLUENCERS = pd.DataFrame(
    {
        "influencer_id": ["A", "B", "C"],
        "platform": ["instagram", "tiktok", "instagram"],
        "followers": [1_000, 10_000, 100_000],
    }
)
# January: A x3 (one sponsored with a mention), B x1 (sponsored, no mention).
# February: A x1, B x3 (two sponsored, both disclosed).
POSTS = _posts(
    [
        ("A", "2026-01-03", "reel", 10, True, "Publicité"),
        ("A", "2026-01-10", "photo", 20, False, ""),
        ("A", "2026-01-20", "photo", 30, False, ""),
        ("B", "2026-01-25", "video", 500, True, ""),
        ("A", "2026-02-02", "reel", 40, False, ""),
        ("B", "2026-02-05", "video", 1_000, True, "Collaboration commerciale"),
        ("B", "2026-02-15", "video", 2_000, True, "#ad"),
        ("B", "2026-02-25", "story", 100, False, ""),
    ]
)
JAN, FEB = pd.Timestamp("2026-01-01"), pd.Timestamp("2026-02-01")


# --- monthly series -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sponsored_only", "expected"),
    [
        (
            False,
            {JAN: {"instagram": 0.75, "tiktok": 0.25}, FEB: {"instagram": 0.25, "tiktok": 0.75}},
        ),
        (True, {JAN: {"instagram": 0.5, "tiktok": 0.5}, FEB: {"instagram": 0.0, "tiktok": 1.0}}),
    ],
)
def test_platform_shares_per_month_add_up_to_one(sponsored_only, expected):
    """Each month, every platform gets its share of the posts (or of the sponsored posts)."""
    shares = insights.platform_share_by_month(POSTS, INFLUENCERS, sponsored_only=sponsored_only)
    assert list(shares.columns) == ["instagram", "tiktok"]  # platform order, not alphabetical
    for month, row in expected.items():
        for platform, share in row.items():
            assert shares.at[month, platform] == pytest.approx(share)
    assert shares.sum(axis=1).tolist() == pytest.approx([1.0, 1.0])


def test_platform_shares_of_nothing_is_an_empty_table():
    """With no post at all, the table is empty instead of failing."""
    assert insights.platform_share_by_month(POSTS.iloc[:0], INFLUENCERS).empty


@pytest.mark.parametrize(
    ("month", "column", "expected"),
    [
        (JAN, "posts", 4),
        (JAN, "sponsored", 2),
        (JAN, "disclosed", 1),
        (JAN, "sponsored_share", 0.5),
        (JAN, "disclosure_rate", 0.5),
        (FEB, "sponsored_share", 0.5),
        (FEB, "disclosure_rate", 1.0),
    ],
)
def test_sponsorship_by_month_counts_mentions_on_sponsored_posts(month, column, expected):
    """A sponsored post counts as disclosed only when it carries a mention."""
    assert insights.sponsorship_by_month(POSTS).at[month, column] == pytest.approx(expected)


def test_disclosure_rate_is_not_available_in_a_month_without_sponsored_posts():
    """No sponsored post that month: the disclosure rate is n/a, not 0 %."""
    organic = POSTS.assign(sponsored=False)
    assert insights.disclosure_rate_by_month(organic).isna().all()
    assert insights.sponsored_share_by_month(organic).tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2026-01-31 23:59", "2026-01-01"),
        ("2026-02-01 00:00", "2026-02-01"),
    ],
)
def test_month_of_gives_the_first_day_of_the_month(stamp, expected):
    """A timestamp belongs to its calendar month."""
    assert insights.month_of(pd.Series(pd.to_datetime([stamp])))[0] == pd.Timestamp(expected)


# --- ER by format and tier ------------------------------------------------------------------


def test_er_by_format_lists_formats_in_the_course_order_with_their_medians():
    """Per-post ER by followers: A's photos (20, 30 likes / 1 000) give a median of 2.5 %."""
    table = insights.er_by_format(POSTS, INFLUENCERS)
    assert list(table.index) == ["reel", "photo", "video", "story"]
    assert table.at["photo", "median_er"] == pytest.approx(0.025)
    assert table.at["photo", "posts"] == 2
    assert table.at["video", "median_er"] == pytest.approx(0.1)  # 500, 1 000, 2 000 / 10 000


@pytest.mark.parametrize(
    ("platforms", "formats"),
    [
        (["instagram"], ["reel", "photo"]),
        (["tiktok"], ["video", "story"]),
        ([], ["reel", "photo", "video", "story"]),
    ],
)
def test_er_by_format_can_look_at_some_platforms_only(platforms, formats):
    """Choosing platforms keeps only their posts' formats."""
    assert list(insights.er_by_format(POSTS, INFLUENCERS, platforms=platforms).index) == formats


def test_er_by_format_by_views_uses_the_views_of_each_post():
    """Another basis divides by that column: views are ten times the likes here."""
    table = insights.er_by_format(POSTS, INFLUENCERS, basis="views")
    assert table["median_er"].tolist() == pytest.approx([0.1] * 4)


ACCOUNTS = pd.DataFrame(
    {
        "influencer_id": list("PQRS"),
        "platform": ["instagram", "instagram", "tiktok", "instagram"],
        "followers": [5_000, 60_000, 150_000, 2_000_000],
        "er": [0.04, 0.02, 0.10, 0.005],
    }
)


@pytest.mark.parametrize(
    ("scheme", "tiers"),
    [
        ("hypeauditor", ["nano", "mid", "mega"]),  # 60k and 150k are both mid-tier
        ("france", ["nano", "micro", "macro", "mega"]),
        ("later_fohr", ["nano", "micro", "mid", "mega"]),
    ],
)
def test_er_by_tier_follows_the_chosen_scheme(scheme, tiers):
    """The tiers come from the followers under the scheme, smallest first."""
    assert list(insights.er_by_tier(ACCOUNTS, scheme).index) == tiers


def test_er_by_tier_takes_the_median_of_the_tier_accounts():
    """Two mid-tier accounts at 2 % and 10 % give a median of 6 %."""
    table = insights.er_by_tier(ACCOUNTS, "hypeauditor")
    assert table.at["mid", "median_er"] == pytest.approx(0.06)
    assert table.at["mid", "accounts"] == 2
    assert list(insights.er_by_tier(ACCOUNTS, "hypeauditor", platforms=["tiktok"]).index) == ["mid"]


# --- readings -------------------------------------------------------------------------------


def _months(n: int) -> pd.DatetimeIndex:
    return pd.date_range("2025-11-01", periods=n, freq="MS")


def test_share_shift_finds_the_platform_that_moved_most():
    """TikTok going from 20 % to 40 % while Instagram falls is the headline, over 3-month ends."""
    shares = pd.DataFrame(
        {
            "instagram": [0.8] * 3 + [0.7] * 3 + [0.6] * 3,
            "tiktok": [0.2] * 3 + [0.3] * 3 + [0.4] * 3,
        },
        index=_months(9),
    )
    shift = insights.share_shift(shares)
    assert shift.category in ("instagram", "tiktok")
    assert abs(shift.end - shift.start) == pytest.approx(0.2)
    assert shift.leader == "instagram" and shift.leader_share == pytest.approx(0.6)
    assert not shift.stable
    assert shift.first_months == (shares.index[0], shares.index[2])
    assert shift.last_months == (shares.index[6], shares.index[8])


@pytest.mark.parametrize(
    ("values", "stable"),
    [
        ([0.50, 0.51, 0.49, 0.50, 0.51, 0.50], True),
        ([0.50, 0.50, 0.50, 0.55, 0.55, 0.55], False),
    ],
)
def test_a_share_moving_less_than_two_points_reads_as_stable(values, stable):
    """Under two points of change, the reading says the shares are stable."""
    shares = pd.DataFrame({"x": values, "instagram": [1 - v for v in values]}, index=_months(6))
    assert insights.share_shift(shares).stable is stable


@pytest.mark.parametrize(
    ("n_months", "window"),
    [(2, 1), (4, 2), (6, 3), (12, 3)],
)
def test_the_compared_window_shrinks_on_short_periods(n_months, window):
    """Each end averages at most half of the period's months."""
    series = pd.Series(range(n_months), index=_months(n_months), dtype=float)
    shift = insights.series_shift(series)
    assert shift.start == pytest.approx(sum(range(window)) / window)


@pytest.mark.parametrize(
    ("values", "direction"),
    [
        ([0.10, 0.10, 0.10, 0.20, 0.20, 0.20], "up"),
        ([0.90, 0.90, 0.90, 0.80, 0.80, 0.80], "down"),
        ([0.90, 0.90, 0.90, 0.91, 0.90, 0.91], "stable"),
    ],
)
def test_series_shift_says_whether_a_rate_rises_falls_or_holds(values, direction):
    """A monthly rate moving by two points or more is a rise or a fall."""
    assert insights.series_shift(pd.Series(values, index=_months(6))).direction == direction


@pytest.mark.parametrize("empty", [pd.Series(dtype=float), pd.Series([0.3], index=_months(1))])
def test_a_single_month_gives_no_trend(empty):
    """Fewer than two months: no trend, and the sentence says so."""
    assert insights.series_shift(empty) is None
    assert insights.rate_sentence(None, "fr", "sponsored") == i18n.t(
        "understand.reading.no_data", "fr"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", ["TikTok passe de 20,0\u00a0% ", "à 40,0\u00a0%", "novembre 2025 – janvier 2026"]),
        ("en", ["TikTok goes from 20.0% ", "to 40.0%", "November 2025 – January 2026"]),
    ],
)
def test_trend_sentence_quotes_the_chart_numbers_in_the_user_language(lang, expected):
    """The reading names the platform and its shares at both ends, French formats in French."""
    shares = pd.DataFrame(
        {"instagram": [0.8] * 3 + [0.6] * 3, "tiktok": [0.2] * 3 + [0.4] * 3}, index=_months(6)
    )
    shift = insights.share_shift(shares)
    shift = insights.ShareShift(
        **{**shift.__dict__, "category": "tiktok", "start": 0.2, "end": 0.4}
    )
    sentence = insights.trend_sentence(shift, lang)
    for part in expected:
        assert part in sentence


def test_a_stable_trend_sentence_names_the_leader():
    """Stable shares: the sentence says so and who leads."""
    shares = pd.DataFrame({"instagram": [0.6] * 6, "tiktok": [0.4] * 6}, index=_months(6))
    sentence = insights.trend_sentence(insights.share_shift(shares), "fr", "sponsored")
    assert sentence.startswith("Les parts sont stables")
    assert "Instagram reste en tête avec 60,0\u00a0% des publications sponsorisées" in sentence


@pytest.mark.parametrize(
    ("subject", "values", "start"),
    [
        ("sponsored", [0.1] * 3 + [0.3] * 3, "Les publications sponsorisées passent de 10,0"),
        ("disclosure", [0.8] * 3 + [0.9] * 3, "La part des publications sponsorisées portant"),
        ("disclosure", [0.9] * 6, "La part des publications sponsorisées portant"),
    ],
)
def test_rate_sentences_describe_sponsorship_and_disclosure(subject, values, start):
    """Each monthly rate has its own reading; disclosure says how much is still undisclosed."""
    sentence = insights.rate_sentence(
        insights.series_shift(pd.Series(values, index=_months(6))), "fr", subject
    )
    assert sentence.startswith(start)
    if subject == "disclosure":
        assert "10,0\u00a0%" in sentence  # still without a mention


def test_format_sentence_names_the_best_and_worst_formats():
    """The reading compares the highest and lowest median ER and their ratio."""
    summary = pd.DataFrame({"median_er": [0.05, 0.01, 0.02]}, index=["video", "story", "photo"])
    sentence = insights.format_sentence(summary, "fr")
    assert "« Vidéo »" in sentence and "« Story »" in sentence and "5,0 fois moins" in sentence


@pytest.mark.parametrize(
    ("rates", "key_start"),
    [
        ({"below_nano": 0.09, "nano": 0.03, "micro": 0.02, "mega": 0.003}, "Plus le compte"),
        ({"nano": 0.01, "mega": 0.02}, "Ici, les grands comptes"),
    ],
)
def test_tier_sentence_compares_small_and_large_accounts(rates, key_start):
    """Nano against the largest tier (below-nano left aside when there are enough tiers)."""
    summary = pd.DataFrame({"median_er": list(rates.values())}, index=list(rates))
    sentence = insights.tier_sentence(summary, "fr")
    assert sentence.startswith(key_start)
    assert "« Nano »" in sentence
    assert "« Sous nano »" not in sentence


def test_sentences_without_enough_groups_say_there_is_no_trend():
    """One format only: nothing to compare."""
    one = pd.DataFrame({"median_er": [0.02]}, index=["photo"])
    no_data = i18n.t("understand.reading.no_data", "en")
    assert insights.format_sentence(one, "en") == no_data
    assert insights.tier_sentence(one, "en") == no_data
    assert insights.trend_sentence(None, "en") == no_data


@pytest.mark.parametrize(
    ("month", "lang", "expected"),
    [
        ("2025-11-01", "fr", "nov. 2025"),
        ("2026-06-01", "fr", "juin 2026"),
        ("2025-11-01", "en", "Nov 2025"),
    ],
)
def test_month_labels_are_in_the_user_language(month, lang, expected):
    """Chart axes read months in the user's language."""
    assert insights.month_label(pd.Timestamp(month), lang) == expected


def test_the_sample_data_shows_sponsored_posts_growing():
    """On the sample data the sponsored share rises (the trend the page reports)."""
    from influkit.data import datasets

    monthly = insights.sponsorship_by_month(datasets.load("posts"))
    shift = insights.series_shift(monthly["sponsored_share"])
    assert shift.direction == "up" and shift.end > shift.start


def test_period_of_gives_the_first_and_last_dates():
    """The period the trends cover."""
    first, last = insights.period_of(POSTS)
    assert (first, last) == (pd.Timestamp("2026-01-03"), pd.Timestamp("2026-02-25"))
    assert insights.period_of(POSTS.iloc[:0]) is None
    assert not math.isnan(insights.er_by_format(POSTS, INFLUENCERS)["mean_er"].sum())
