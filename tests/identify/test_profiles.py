"""The influencer table: per-account figures computed from the posts, plus imported accounts."""

import math

import pandas as pd
import pytest

from influkit import metrics
from influkit.data import datasets
from influkit.identify import profiles
from influkit.plan.model import ImportedInfluencer, Plan

INFLUENCERS = pd.DataFrame(
    {
        "influencer_id": ["A", "B"],
        "followers": [10_000, 2_000_000],
        "price_per_post_eur": [200.0, 15_000.0],
    }
)
POSTS = pd.DataFrame(
    {
        "post_id": ["a1", "a2", "a3", "b1"],
        "influencer_id": ["A", "A", "A", "B"],
        "published_at": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01", "2026-03-01"]),
        "likes": [100, 200, 300, 10_000],
        "comments": [10, 20, 30, 0],
        "shares": [0, 0, 0, 0],
        "saves": [0, 0, 0, 0],
        "views": [1000, 2000, 3000, 0],
        "reach": [1000, 2000, 3000, 500_000],
        "impressions": [2000, 4000, 6000, 1_000_000],
        "sponsored": [True, True, False, True],
        "disclosure": ["Publicité", "", "", "#ad"],
    }
)
HISTORY = pd.DataFrame(
    {
        "influencer_id": ["A"] * 14,
        "week": pd.date_range("2026-01-05", periods=14, freq="7D"),
        "followers": [8_000 + 100 * i for i in range(13)] + [10_000],
    }
)


@pytest.mark.parametrize(
    "n_posts, column, expected",
    [
        (12, "er", (110 + 220 + 330) / 3 / 10_000),
        (2, "er", (220 + 330) / 2 / 10_000),
        (12, "avg_likes", 200.0),
        (12, "comments_to_likes", 0.1),
        (12, "sponsored_share", 2 / 3),
        (12, "disclosure_rate", 0.5),
        (12, "est_cpm_eur", 200 / 4000 * 1000),
        (12, "growth_12w", 10_000 / 8_100 - 1),
    ],
)
def test_account_figures(n_posts, column, expected):
    """Each account's figures follow DOMAIN's definitions over its last N posts."""
    table = profiles.account_stats(INFLUENCERS, POSTS, HISTORY, n_posts=n_posts)
    value = table.set_index("influencer_id").loc["A", column]
    assert value == pytest.approx(expected)


def test_tiers_follow_the_chosen_scheme():
    """The tier column follows the scheme asked for."""
    table = profiles.account_stats(INFLUENCERS, POSTS, scheme="france")
    assert table.set_index("influencer_id")["tier"].to_dict() == {"A": "micro", "B": "mega"}


def test_an_account_without_history_has_no_growth():
    """Growth is 'not available' when there is no follower history."""
    table = profiles.account_stats(INFLUENCERS, POSTS, HISTORY)
    assert math.isnan(table.set_index("influencer_id").loc["B", "growth_12w"])


def test_sample_table_covers_every_account():
    """The app's table has one row per sample influencer, with the profile columns."""
    table = profiles.influencer_table()
    assert len(table) == len(datasets.load("influencers"))
    assert set(profiles.PROFILE_COLUMNS) <= set(table.columns)
    assert table["influencer_id"].is_unique


def test_imported_influencers_join_the_table_and_the_shortlist():
    """An influencer imported into the plan appears beside the sample ones and can be shortlisted."""
    plan = Plan()
    plan.imported_influencers = [
        ImportedInfluencer(
            influencer_id="IMP-1",
            handle="@mine",
            platform="instagram",
            followers=25_000,
            engagement_rate=0.031,
            price_per_post_eur=300,
            avg_reach=5_000,
        )
    ]
    plan.add_to_shortlist("IMP-1", role="ambassador")
    plan.add_to_shortlist(datasets.load("influencers")["influencer_id"].iloc[0])
    table = profiles.influencer_table(plan).set_index("influencer_id")
    assert table.loc["IMP-1", "source"] == "imported"
    assert table.loc["IMP-1", "tier"] == "micro"
    assert table.loc["IMP-1", "er"] == pytest.approx(0.031)
    shortlist = profiles.shortlist_table(plan)
    assert shortlist["influencer_id"].tolist()[0] == "IMP-1"
    assert shortlist["role"].tolist() == ["ambassador", "creator"]


def test_plan_settings_choose_the_er_definition():
    """The plan's ER basis and method decide the 'er' column."""
    plan = Plan()
    plan.settings.er_basis = "reach"
    by_reach = profiles.influencer_table(plan).set_index("influencer_id")["er"]
    posts = datasets.load("posts")
    followers = datasets.load("influencers").set_index("influencer_id")["followers"]
    expected = metrics.account_engagement(posts, followers=followers, basis="reach")
    pd.testing.assert_series_equal(by_reach.sort_index(), expected.sort_index(), check_names=False)
