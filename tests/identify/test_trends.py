"""Anticipating trends: hashtag momentum in a niche, weekly usage and the earliest adopters."""

from __future__ import annotations

import pandas as pd
import pytest

from influkit.data import datasets, generate
from influkit.errors import UserError
from influkit.identify import profiles, trends

MONDAY = pd.Timestamp("2026-01-05")
WEEKS = 12


def _posts(uses: list[tuple[str, int, str]]) -> pd.DataFrame:
    """One post per (account, week number, hashtags), plus one untagged post in every week so
    the data spans ``WEEKS`` weeks."""
    rows = [(account, week, tags) for account, week, tags in uses]
    rows += [("Z", week, "") for week in range(WEEKS)]
    return pd.DataFrame(
        {
            "post_id": [f"P{i}" for i in range(len(rows))],
            "influencer_id": [r[0] for r in rows],
            "published_at": [
                MONDAY + pd.Timedelta(weeks=r[1], days=1, hours=i % 20) for i, r in enumerate(rows)
            ],
            "hashtags": [r[2] for r in rows],
        }
    )


INFLUENCERS = pd.DataFrame(
    {
        "influencer_id": ["A", "B", "C", "Z"],
        "niche": ["food", "food", "beauty", "food"],
        "followers": [5_000, 20_000, 80_000, 1_000],
    }
)

# #new: 0 uses in the first 8 weeks, 12 in the last 4; #old: 2 a week all along.
BASE_USES = (
    [("A", w, "#old") for w in range(WEEKS) for _ in range(2)]
    + [("B", w, "#New #new") for w in range(8, WEEKS) for _ in range(3)]
    + [("C", w, "#beautytag") for w in range(8, WEEKS) for _ in range(5)]
)


def test_momentum_ranks_the_rising_tag_first():
    """A tag used 3 times a week lately and never before beats a steady one."""
    ranked = trends.rising_hashtags(
        _posts(BASE_USES), INFLUENCERS, ["food"], recent_weeks=4, min_count=5
    )
    assert ranked["hashtag"].tolist() == ["#new", "#old"]
    new = ranked.iloc[0]
    assert (new["recent_count"], new["before_count"]) == (12, 0)
    assert new["recent_per_week"] == 3.0 and new["before_per_week"] == 0.0
    # (12 + 0.5) / 4 weeks over (0 + 0.5) / 8 weeks
    assert new["momentum"] == pytest.approx((12.5 / 4) / (0.5 / 8))
    assert bool(new["rising"]) and not bool(ranked.iloc[1]["rising"])
    assert ranked.iloc[1]["momentum"] == pytest.approx(((8 + 0.5) / 4) / ((16 + 0.5) / 8))


@pytest.mark.parametrize(
    ("niches", "min_count", "expected"),
    [
        (["food"], 5, ["#new", "#old"]),
        (["beauty"], 5, ["#beautytag"]),
        (["food", "beauty"], 5, ["#beautytag", "#new", "#old"]),
        (None, 5, ["#beautytag", "#new", "#old"]),
        (["food"], 10, ["#new"]),
        (["food"], 13, []),
    ],
    ids=[
        "one niche",
        "another niche",
        "two niches",
        "every niche",
        "min count 10",
        "nothing above the minimum",
    ],
)
def test_niches_and_minimum_count_filter_the_ranking(niches, min_count, expected):
    """Only the chosen niches' posts count, and rare tags are left out as noise."""
    ranked = trends.rising_hashtags(
        _posts(BASE_USES), INFLUENCERS, niches, recent_weeks=4, min_count=min_count
    )
    assert ranked["hashtag"].tolist() == expected


@pytest.mark.parametrize("weeks", [0, 12, 40, 2.5, True])
def test_an_impossible_window_is_a_user_error(weeks):
    """The recent window must leave earlier weeks to compare with."""
    with pytest.raises(UserError) as err:
        trends.rising_hashtags(_posts(BASE_USES), INFLUENCERS, ["food"], recent_weeks=weeks)
    assert err.value.key == "trends.error_window"


def test_tags_are_case_insensitive_and_counted_once_per_post():
    """#New and #new in one post are one use of #new."""
    uses = trends.hashtag_uses(_posts([("A", 0, "#New #new #Other")]))
    assert sorted(uses["hashtag"]) == ["#new", "#other"]


def test_weekly_usage_fills_every_week():
    """Each tag gets a count for every week of the data, zeros included."""
    usage = trends.weekly_usage(_posts(BASE_USES), ["#new"], INFLUENCERS, ["food"])
    assert len(usage) == WEEKS
    assert usage["posts"].tolist() == [0] * 8 + [3] * 4
    assert usage["week"].iloc[0] == MONDAY


ADOPTION = [
    ("A", 1, "#tag"),  # a single early use: chance, not adoption
    ("B", 3, "#tag"),
    ("B", 4, "#tag"),
    ("C", 5, "#tag"),
    ("C", 5, "#tag"),
    ("C", 9, "#tag"),
    ("A", 10, "#tag"),
]


@pytest.mark.parametrize(
    ("min_posts", "expected"),
    [(2, ["B", "C", "A"]), (1, ["A", "B", "C"]), (3, ["C"])],
    ids=["adoption on the second use", "first use only", "third use"],
)
def test_first_adopters(min_posts, expected):
    """Accounts are ranked by the date of their ``min_posts``-th post with the tag."""
    adopters = trends.first_adopters(_posts(ADOPTION), "#TAG", n=5, min_posts=min_posts)
    assert adopters["influencer_id"].tolist() == expected
    assert adopters["rank"].tolist() == list(range(1, len(expected) + 1))


def test_first_adopters_carry_their_tier():
    """With the influencer list, each adopter comes with its niche and tier."""
    adopters = trends.first_adopters(_posts(ADOPTION), "#tag", n=2, influencers=INFLUENCERS)
    assert adopters[["influencer_id", "niche", "tier", "uses"]].values.tolist() == [
        ["B", "food", "micro", 2],
        ["C", "beauty", "mid", 3],
    ]
    assert trends.first_adopters(_posts(ADOPTION), "#unknown").empty


# --- the sample data's planted trends -----------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return datasets.load("posts"), datasets.load("influencers"), profiles.influencer_table(None)


@pytest.mark.parametrize("niche", sorted(generate.RISING_HASHTAGS))
def test_planted_rising_tags_come_out_on_top(sample, niche):
    """In every niche, the two planted rising hashtags are the top two, and the only rising."""
    posts, influencers, _ = sample
    ranked = trends.rising_hashtags(posts, influencers, [niche])
    assert set(ranked["hashtag"].head(2)) == set(generate.RISING_HASHTAGS[niche])
    assert set(ranked.loc[ranked["rising"], "hashtag"]) == set(generate.RISING_HASHTAGS[niche])


@pytest.mark.parametrize("niche", sorted(generate.RISING_HASHTAGS))
def test_planted_early_adopters_are_among_the_first(sample, niche):
    """Both planted early adopters of a niche are among the first five adopters of its rising
    tags (measured on the default seed: 24 of 24; the first adopter is a planted one for 23 of
    the 24 tags)."""
    posts, influencers, table = sample
    planted = set(generate.EARLY_ADOPTER_IDS) & set(
        influencers.loc[influencers["niche"] == niche, "influencer_id"]
    )
    found: set[str] = set()
    for tag in generate.RISING_HASHTAGS[niche]:
        found |= set(trends.first_adopters(posts, tag, n=5, influencers=table)["influencer_id"])
    assert planted <= found


def test_the_first_adopter_is_mostly_a_planted_one(sample):
    """Across the 24 planted tags, the account ranked first is a planted early adopter at
    least 22 times (23 measured)."""
    posts, _, table = sample
    firsts = [
        trends.first_adopters(posts, tag, n=1, influencers=table)["influencer_id"].iloc[0]
        for tags in generate.RISING_HASHTAGS.values()
        for tag in tags
    ]
    assert sum(f in generate.EARLY_ADOPTER_IDS for f in firsts) >= 22
