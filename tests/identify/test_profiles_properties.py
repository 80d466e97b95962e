"""The influencer table's figures against plain pandas, on thousands of small generated post
lists: sorted by account (oldest or newest first) or shuffled, with tied dates, undated posts,
accounts without posts and posts of accounts the table does not list."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from influkit import metrics
from influkit.identify import profiles

ACCOUNTS = ["A", "B", "C", "D", "E"]
DATES = [pd.Timestamp("2026-01-01") + pd.Timedelta(hours=5 * i) for i in range(8)] + [pd.NaT]
LAYOUTS = ("shuffled", "oldest_first", "newest_first")


@st.composite
def accounts_and_posts(draw):
    """Influencers (some without posts, listed in any order) and their posts, in one layout."""
    n = draw(st.integers(0, 40))
    ids = draw(st.lists(st.sampled_from([*ACCOUNTS, "Z"]), min_size=n, max_size=n))

    def numbers(low: int, high: int):
        return draw(st.lists(st.integers(low, high), min_size=n, max_size=n))

    posts = pd.DataFrame(
        {
            "post_id": [f"p{i}" for i in range(n)],
            "influencer_id": pd.Series(ids, dtype="str"),
            "published_at": pd.Series(
                draw(st.lists(st.sampled_from(DATES), min_size=n, max_size=n)),
                dtype="datetime64[s]",
            ),
            **{column: numbers(0, 5_000) for column in profiles.AVERAGED},
            "sponsored": draw(st.lists(st.booleans(), min_size=n, max_size=n)),
            "disclosure": pd.Series(
                draw(st.lists(st.sampled_from(["", "#ad", "Publicité"]), min_size=n, max_size=n)),
                dtype="str",
            ),
        }
    )
    listed = draw(st.lists(st.sampled_from(ACCOUNTS), unique=True, min_size=1))
    influencers = pd.DataFrame(
        {
            "influencer_id": pd.Series(listed, dtype="str"),
            "followers": draw(
                st.lists(
                    st.sampled_from([0, 800, 12_000, 2_500_000]),
                    min_size=len(listed),
                    max_size=len(listed),
                )
            ),
            "price_per_post_eur": draw(
                st.lists(
                    st.sampled_from([0.0, 150.0, 9_000.0]),
                    min_size=len(listed),
                    max_size=len(listed),
                )
            ),
        }
    )
    layout = draw(st.sampled_from(LAYOUTS))
    shuffled = posts.sample(frac=1.0, random_state=draw(st.integers(0, 2**16)))
    if layout != "shuffled":
        shuffled = shuffled.sort_values(
            ["influencer_id", "published_at"],
            ascending=[True, layout == "oldest_first"],
            na_position="first" if layout == "oldest_first" else "last",
            kind="stable",
        )
    return influencers, shuffled


def reference_figures(influencers: pd.DataFrame, posts: pd.DataFrame, n_posts: int | None):
    """Plain pandas: sort each account's posts newest first, keep the first ``n_posts``,
    group by account, then join onto the influencers."""
    ordered = posts.sort_values(
        ["influencer_id", "published_at"], ascending=[True, False], kind="stable"
    )
    window = (
        ordered
        if n_posts is None
        else ordered[ordered.groupby("influencer_id").cumcount() < n_posts]
    )
    by_account = window.groupby("influencer_id")
    recent = by_account[list(profiles.AVERAGED)].mean().add_prefix("avg_")
    followers = influencers.set_index("influencer_id")["followers"]
    audience = window["influencer_id"].map(followers).astype(float)
    interactions = window[list(metrics.INTERACTIONS)].sum(axis=1)
    recent["er"] = (
        (interactions / audience.where(audience > 0)).groupby(window["influencer_id"]).mean()
    )
    recent["last_post_at"] = by_account["published_at"].first()
    every = posts.groupby("influencer_id")
    recent["posts_in_data"] = every.size()
    sponsored = every["sponsored"].sum()
    disclosed = (
        (posts["sponsored"] & posts["disclosure"].ne("")).groupby(posts["influencer_id"]).sum()
    )
    recent["sponsored_share"] = sponsored / recent["posts_in_data"]
    recent["disclosure_rate"] = (disclosed / sponsored.where(sponsored > 0)).astype(float)
    table = influencers.join(recent, on="influencer_id")
    table["posts_in_data"] = table["posts_in_data"].fillna(0).astype(int)
    table["avg_interactions"] = table[[f"avg_{c}" for c in metrics.INTERACTIONS]].sum(
        axis=1, min_count=1
    )
    table["comments_to_likes"] = table["avg_comments"] / table["avg_likes"].where(
        table["avg_likes"] > 0
    )
    table["share_rate"] = table["avg_shares"] / table["avg_reach"].where(table["avg_reach"] > 0)
    table["est_cpm_eur"] = (
        table["price_per_post_eur"] / table["avg_impressions"].where(table["avg_impressions"] > 0)
    ) * 1000
    return table


@settings(max_examples=150, deadline=None)
@given(accounts_and_posts(), st.sampled_from([1, 3, 12, None]))
def test_influencer_table_matches_plain_pandas_whatever_the_post_order(frame, n_posts):
    """Every account's averages, ER, counts, shares and last post date are those plain pandas
    computes, whether the posts come sorted by account or shuffled."""
    influencers, posts = frame
    table = profiles.account_stats(influencers, posts, n_posts=n_posts)
    expected = reference_figures(influencers, posts, n_posts)
    assert list(table["influencer_id"]) == list(influencers["influencer_id"])
    for column in (
        *(f"avg_{c}" for c in profiles.AVERAGED),
        "er",
        "avg_interactions",
        "sponsored_share",
        "disclosure_rate",
        "comments_to_likes",
        "share_rate",
        "est_cpm_eur",
    ):
        pd.testing.assert_series_equal(
            table[column].astype(float),
            expected[column].astype(float),
            check_names=False,
            rtol=1e-12,
            obj=column,
        )
    assert table["posts_in_data"].tolist() == expected["posts_in_data"].tolist()
    assert table["posts_in_data"].dtype == np.int64
    got_dates = pd.to_datetime(table["last_post_at"])
    pd.testing.assert_series_equal(
        got_dates, pd.to_datetime(expected["last_post_at"]), check_names=False
    )
    assert list(table.columns[: len(influencers.columns)]) == list(influencers.columns)
    assert set(profiles.PROFILE_COLUMNS) <= set(table.columns)
