"""Each account's window of last posts, and the figures computed over it, against plain pandas:
whatever order the posts come in (by account oldest first, newest first, or shuffled), with tied
dates, undated posts, missing counts and accounts without a usable audience."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influkit import metrics

LAYOUTS = ("shuffled", "oldest_first", "newest_first")
ACCOUNTS = ["A", "B", "C", "D", "E"]
#: Few distinct dates, so that an account often has two posts at the same time.
DATES = [pd.Timestamp("2026-01-01") + pd.Timedelta(hours=7 * i) for i in range(8)] + [pd.NaT]


@st.composite
def post_frames(draw, max_posts: int = 40, ties: bool = True):
    """Posts of a few accounts with their followers, and the order they are listed in; without
    ``ties``, no two posts share a date (one may be undated)."""
    n = draw(st.integers(0, max_posts))
    ids = draw(st.lists(st.sampled_from(ACCOUNTS), min_size=n, max_size=n))
    if ties:
        dates = draw(st.lists(st.sampled_from(DATES), min_size=n, max_size=n))
    else:
        hours = draw(st.permutations(range(max_posts)))[:n]
        dates = [DATES[0] + pd.Timedelta(hours=h) if h else pd.NaT for h in hours]
    counts = st.lists(st.integers(0, 10_000), min_size=n, max_size=n)
    posts = pd.DataFrame(
        {
            "influencer_id": pd.Series(ids, dtype="str"),
            "published_at": pd.Series(dates, dtype="datetime64[ns]"),
            "likes": draw(counts),
            "comments": draw(counts),
            "reach": draw(counts),
        }
    )
    if draw(st.booleans()):  # shares as an imported file gives them: floats, some missing
        shares = draw(st.lists(st.none() | st.integers(0, 500), min_size=n, max_size=n))
        posts["shares"] = pd.Series(shares, dtype=float)
    audience = st.sampled_from([0.0, float("nan"), 150.0, 2_000.0, 1_250_000.0])
    followers = pd.Series(
        {account: draw(audience) for account in ACCOUNTS}, name="followers", dtype=float
    )
    layout = draw(st.sampled_from(LAYOUTS))
    seed = draw(st.integers(0, 2**16))
    return listed(posts, layout, seed), followers, layout


def listed(posts: pd.DataFrame, layout: str, seed: int) -> pd.DataFrame:
    """The posts shuffled, or listed account by account, each account oldest or newest first."""
    shuffled = posts.sample(frac=1.0, random_state=seed)
    if layout == "shuffled":
        return shuffled
    return shuffled.sort_values(
        ["influencer_id", "published_at"],
        ascending=[True, layout == "oldest_first"],
        na_position="first" if layout == "oldest_first" else "last",
        kind="stable",
    )


def reference_window(posts: pd.DataFrame, n_posts: int | None) -> pd.DataFrame:
    """Plain pandas: each account's posts newest first (undated last, ties in listed order),
    its first ``n_posts``; ``row`` is each post's position in the listing."""
    numbered = posts.assign(row=np.arange(len(posts)))
    ordered = numbered.sort_values(
        ["influencer_id", "published_at"], ascending=[True, False], kind="stable"
    )
    ordered = ordered.loc[ordered["influencer_id"].notna()]
    if n_posts is None:
        return ordered
    return ordered.loc[ordered.groupby("influencer_id").cumcount() < n_posts]


def reference_engagement(posts: pd.DataFrame, followers: pd.Series, n_posts: int | None):
    """Plain pandas: the mean of each post's (likes + comments + shares + saves) / followers."""
    window = reference_window(posts, n_posts)
    counts = [c for c in metrics.INTERACTIONS if c in window.columns]
    interactions = window[counts].astype(float).fillna(0).sum(axis=1)
    audience = window["influencer_id"].map(followers).astype(float)
    per_post = interactions / audience.where(audience > 0)
    return per_post.groupby(window["influencer_id"]).mean()


@settings(max_examples=150, deadline=None)
@given(post_frames(), st.sampled_from([1, 3, 12, None]))
def test_window_holds_each_accounts_newest_posts_like_a_stable_sort(frame, n_posts):
    """Posts listed in any order give the same window as sorting them: each account's newest
    posts first, posts at the same time in the order they were listed, undated posts last."""
    posts, followers, _ = frame
    window = metrics.PostWindow(posts, followers, n_posts)
    expected = reference_window(posts, n_posts)
    assert window.rows.tolist() == expected["row"].tolist()
    assert window.index.tolist() == sorted(set(expected["influencer_id"]))
    accounts = window.index.to_numpy()[window.codes].tolist()
    assert accounts == expected["influencer_id"].tolist()
    newest = expected.groupby("influencer_id", sort=True)["row"].first()
    assert window.newest_rows.tolist() == newest.tolist()
    assert window.posts_used().tolist() == expected.groupby("influencer_id").size().tolist()


@settings(max_examples=150, deadline=None)
@given(post_frames(), st.sampled_from([2, 12, None]))
def test_window_figures_match_plain_pandas(frame, n_posts):
    """The account ER, averages and post counts equal plain pandas group-bys over the same
    last posts, whether the posts come sorted or shuffled."""
    posts, followers, _ = frame
    window = metrics.PostWindow(posts, followers, n_posts)
    expected = reference_window(posts, n_posts).groupby("influencer_id")
    for column in ("likes", "shares", "reach", "views"):
        got = pd.Series(window.mean(column), index=window.index)
        want = (
            expected[column].mean()
            if column in posts.columns
            else pd.Series(np.nan, index=window.index)
        )
        pd.testing.assert_series_equal(got, want, check_names=False, rtol=1e-12)
    er = metrics.account_engagement(posts, followers=followers, n_posts=n_posts)
    want_er = reference_engagement(posts, followers, n_posts)
    pd.testing.assert_series_equal(er, want_er, check_names=False, rtol=1e-12)
    all_posts = posts.loc[posts["influencer_id"].notna()].groupby("influencer_id").size()
    assert window.count().tolist() == all_posts.tolist()


@settings(max_examples=60, deadline=None)
@given(post_frames(ties=False), st.sampled_from(metrics.BASES), st.sampled_from(metrics.METHODS))
def test_every_er_definition_is_the_same_for_sorted_and_shuffled_posts(frame, basis, method):
    """Listing the same posts sorted or shuffled never changes any ER definition (posts at the
    same time are taken in listed order, so here every post has its own time)."""
    posts, followers, _ = frame
    seed = len(posts)
    got = metrics.account_engagement(posts, followers=followers, basis=basis, method=method)
    for layout in LAYOUTS:
        other = listed(posts, layout, seed)
        again = metrics.account_engagement(other, followers=followers, basis=basis, method=method)
        pd.testing.assert_series_equal(got, again, rtol=1e-12)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_posts_without_an_account_stay_out_of_every_window(layout):
    """A post whose account id is missing counts for no account, in any listing order."""
    posts = pd.DataFrame(
        {
            "influencer_id": pd.Series(["A", None, "A", "B"], dtype="str"),
            "published_at": pd.to_datetime(
                ["2026-01-01", "2026-01-02", "2026-01-03", "2026-01-01"]
            ),
            "likes": [10, 999, 30, 5],
        }
    )
    window = metrics.PostWindow(listed(posts, layout, 3), None, 12)
    assert window.index.tolist() == ["A", "B"]
    assert window.mean("likes").tolist() == [20.0, 5.0]
    assert window.count().tolist() == [2, 1]


def test_ids_listed_in_order_give_the_same_codes_as_factorize():
    """Accounts listed in id order are numbered exactly as a sorting factorize numbers them."""
    ids = pd.Series(["a", "a", "b", "c", "c", "c"], dtype="str")
    codes, uniques, _ = metrics._account_codes(ids)
    want_codes, want_uniques = pd.factorize(ids, sort=True)
    assert codes.tolist() == want_codes.tolist()
    assert list(uniques) == list(want_uniques)
    # The same ids with one out of place fall back to the factorize.
    unsorted = pd.Series(["a", "c", "b", "c"], dtype="str")
    codes, uniques, _ = metrics._account_codes(unsorted)
    assert codes.tolist() == [0, 2, 1, 2] and list(uniques) == ["a", "b", "c"]


ID_KINDS = {
    "text": "str",
    "object": object,
    "nullable text": pd.StringDtype("python"),
    "category": "category",
}


@pytest.mark.parametrize("kind", list(ID_KINDS))
@pytest.mark.parametrize("layout", LAYOUTS)
def test_accounts_keep_the_ids_type_whatever_the_post_order(kind, layout):
    """Ids read as text, objects, nullable text or categories give the same accounts, of the
    same type, and the same ERs, whether the posts come sorted or not."""
    rng = np.random.default_rng(5)
    posts = pd.DataFrame(
        {
            "influencer_id": pd.Series(rng.choice(["b", "a", "c"], 60)).astype(ID_KINDS[kind]),
            "published_at": pd.Timestamp("2026-01-01")
            + pd.to_timedelta(rng.permutation(60), unit="h"),
            "likes": rng.integers(0, 900, 60),
        }
    )
    followers = pd.Series({"a": 1_000.0, "b": 5_000.0, "c": 250.0})
    posts = listed(posts, layout, 11)
    er = metrics.account_engagement(posts, followers=followers)
    expected_accounts = pd.factorize(posts["influencer_id"], sort=True)[1]
    assert er.index.dtype == expected_accounts.dtype
    assert er.index.tolist() == ["a", "b", "c"]
    want = reference_engagement(posts, followers, metrics.DEFAULT_N_POSTS)
    assert er.to_numpy() == pytest.approx(want.to_numpy(), rel=1e-12)
