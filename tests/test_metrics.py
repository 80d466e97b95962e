"""The metric contract: engagement rates, tiers and KPIs, as DOMAIN §2, §3 and §5 define them."""

from __future__ import annotations

import math
import re
import string
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from influkit import metrics
from influkit.errors import UserError
from influkit.text import i18n


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    """Any warning (a RuntimeWarning from a division above all) fails the test."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def _same(actual: float, expected: float) -> bool:
    if isinstance(expected, float) and math.isnan(expected):
        return isinstance(actual, float) and math.isnan(actual)
    return actual == pytest.approx(expected)


# --- KPIs -----------------------------------------------------------------------------------

KPI_CASES = [
    # (function, args, expected)
    (metrics.cpm, (2000, 100_000), 20.0),  # DOMAIN: 2 000 € for 100 000 impressions
    (metrics.roas, (400_000, 100_000), 4.0),  # DOMAIN: spend 100k, revenue 400k
    (metrics.roi, (400_000, 100_000), 3.0),
    (metrics.roi, (400_000 * 0.5, 100_000), 1.0),  # ROI on margin, margin rate 0.5
    (metrics.roi, (50_000, 100_000), -0.5),
    (metrics.cpe, (500, 250), 2.0),
    (metrics.cpc, (300, 1_200), 0.25),
    (metrics.cpv, (1_000, 50_000), 0.02),
    (metrics.cpa, (1_500, 100), 15.0),
    (metrics.ctr, (250, 10_000), 0.025),
    (metrics.conversion_rate, (30, 1_200), 0.025),
    (metrics.share_of_voice, (30, 70), 0.3),
    (metrics.share_of_voice, (0, 70), 0.0),
    (metrics.sentiment, (80, 20), 0.8),
    (metrics.sentiment, (0, 5), 0.0),
]


@pytest.mark.parametrize(("func", "args", "expected"), KPI_CASES)
def test_kpi_worked_examples(func, args, expected):
    """Each KPI gives DOMAIN's worked figures (CPM 20 €, ROAS 4, ROI 3, ROI on margin 1…)."""
    result = func(*args)
    assert isinstance(result, float)
    assert result == pytest.approx(expected)


RATIO_KPIS = [
    metrics.cpm,
    metrics.cpe,
    metrics.cpc,
    metrics.cpv,
    metrics.cpa,
    metrics.ctr,
    metrics.conversion_rate,
    metrics.roas,
    metrics.roi,
]
BAD_DENOMINATORS = [0, 0.0, -1, -0.5, None, math.nan, np.nan, pd.NA, "abc"]


@pytest.mark.parametrize("func", RATIO_KPIS)
@pytest.mark.parametrize("denominator", BAD_DENOMINATORS)
def test_kpi_bad_denominator_is_not_available(func, denominator):
    """A zero, negative or missing denominator gives NaN: no error, no infinity, no warning."""
    assert math.isnan(func(100, denominator))


@pytest.mark.parametrize(
    ("func", "args"),
    [
        (metrics.share_of_voice, (0, 0)),
        (metrics.share_of_voice, (None, 10)),
        (metrics.share_of_voice, (5, -5)),
        (metrics.sentiment, (0, 0)),
        (metrics.sentiment, (3, None)),
        (metrics.cpm, (None, 1_000)),
        (metrics.cpm, (1e308, 1e-300)),  # would overflow to infinity
        (metrics.roi, (1e308, 1e-300)),
        (metrics.share_of_voice, (1e308, 1e308)),  # the sum overflows
    ],
)
def test_shares_and_overflow_are_not_available(func, args):
    """Shares with nothing to share, missing inputs and overflowing ratios give NaN."""
    assert math.isnan(func(*args))


@pytest.mark.parametrize("func", [*RATIO_KPIS, metrics.share_of_voice, metrics.sentiment])
def test_kpi_keeps_the_kind_of_its_inputs(func):
    """Scalars give a float, arrays an ndarray, Series a Series on the same index."""
    assert isinstance(func(10, 5), float)
    arr = func(np.array([10.0, 0.0, np.nan]), np.array([5.0, 0.0, np.nan]))
    assert isinstance(arr, np.ndarray) and arr.shape == (3,)
    assert math.isnan(arr[1]) and math.isnan(arr[2])
    assert isinstance(func([10, 20], [5, 5]), np.ndarray)
    index = pd.Index(["p2", "p1", "p9"], name="post")
    ser = func(pd.Series([10, 0, None], index=index), pd.Series([5, 0, None], index=index))
    assert isinstance(ser, pd.Series) and ser.index.equals(index)
    assert ser.iloc[0] == pytest.approx(func(10, 5))
    assert ser.iloc[1:].isna().all()
    mixed = func(pd.Series([10, 20], index=["a", "b"]), 5)
    assert list(mixed.index) == ["a", "b"]


@pytest.mark.parametrize("func", [*RATIO_KPIS, metrics.share_of_voice, metrics.sentiment])
def test_kpi_on_empty_inputs(func):
    """Empty Series and arrays give an empty Series or array."""
    empty = pd.Series([], dtype=float)
    assert func(empty, empty).empty
    assert func(np.array([]), np.array([])).shape == (0,)


def test_kpi_on_nullable_and_text_columns():
    """Nullable integers and text columns read as numbers, their gaps as NaN."""
    cost = pd.Series([2000, pd.NA], dtype="Int64")
    impressions = pd.Series(["100000", "oops"])
    result = metrics.cpm(cost, impressions)
    assert result.iloc[0] == pytest.approx(20.0)
    assert math.isnan(result.iloc[1])


# --- engagement rate ------------------------------------------------------------------------

BASIS_CASES = [
    # (basis, expected): 130 interactions over each denominator
    ("followers", 130 / 10_000),
    ("reach", 130 / 2_000),
    ("impressions", 130 / 4_000),
    ("views", 130 / 5_000),
]


@pytest.mark.parametrize(("basis", "expected"), BASIS_CASES)
def test_engagement_rate_by_each_basis(basis, expected):
    """The ER sums likes, comments, shares and saves and divides by the chosen basis."""
    result = metrics.engagement_rate(
        100, 20, 5, 5, followers=10_000, reach=2_000, impressions=4_000, views=5_000, basis=basis
    )
    assert result == pytest.approx(expected)


def test_engagement_rate_default_is_by_followers():
    """With no basis given, the ER is by followers, as DOMAIN's project default."""
    assert metrics.engagement_rate(300, 20, followers=10_000) == pytest.approx(0.032)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((100, None, None, None), 0.1),
        ((100, math.nan, 10, None), 0.11),
        ((None, None, None, None), 0.0),
        ((100, pd.NA, 0, 0), 0.1),
    ],
)
def test_engagement_rate_missing_counts_count_as_zero(counts, expected):
    """An interaction the data lacks counts as 0, so the ER rests on the others."""
    assert metrics.engagement_rate(*counts, followers=1_000) == pytest.approx(expected)


@pytest.mark.parametrize("basis", metrics.BASES)
@pytest.mark.parametrize("denominator", BAD_DENOMINATORS)
def test_engagement_rate_bad_denominator_is_not_available(basis, denominator):
    """A zero, negative or missing denominator gives NaN for every basis, without a warning."""
    assert math.isnan(metrics.engagement_rate(10, 1, basis=basis, **{basis: denominator}))


@pytest.mark.parametrize("basis", ["reach"])
def test_engagement_rate_missing_basis_column_is_not_available(basis):
    """Asking for the ER by reach without any reach gives NaN, even when followers are known."""
    assert math.isnan(metrics.engagement_rate(10, followers=1_000, basis=basis))


@pytest.mark.parametrize("basis", ["Followers", "engagement", "", "median"])
def test_engagement_rate_unknown_basis(basis):
    """An unknown basis is a user error naming the choices."""
    with pytest.raises(UserError) as err:
        metrics.engagement_rate(10, followers=100, basis=basis)
    assert err.value.key == "metrics.error_basis"
    assert "followers" in err.value.message("fr")


def test_engagement_rate_keeps_the_kind_of_its_inputs():
    """Series in give a Series on their index; arrays give an array; a scalar a float."""
    index = pd.Index([10, 11, 12])
    likes = pd.Series([100, 50, 0], index=index)
    followers = pd.Series([1_000, 0, None], index=index)
    result = metrics.engagement_rate(likes, pd.Series([10, 5, 1], index=index), followers=followers)
    assert isinstance(result, pd.Series) and result.index.equals(index)
    assert result.iloc[0] == pytest.approx(0.11)
    assert result.iloc[1:].isna().all()
    arr = metrics.engagement_rate(np.array([100, 200]), followers=1_000)
    assert isinstance(arr, np.ndarray) and arr.tolist() == pytest.approx([0.1, 0.2])
    assert isinstance(metrics.engagement_rate(1, followers=10), float)
    empty = metrics.engagement_rate(
        pd.Series([], dtype=float), followers=pd.Series([], dtype=float)
    )
    assert isinstance(empty, pd.Series) and empty.empty


# --- account engagement ---------------------------------------------------------------------


def _hand_built_posts() -> tuple[pd.DataFrame, pd.Series]:
    """Three accounts: "a" with 14 posts (two outside its last 12), "b" with 3, "c" unknown."""
    rows = []
    day = pd.Timestamp("2024-03-01")
    # "a": an old viral post and an undated one, both outside the last 12.
    rows.append(("a", day - pd.Timedelta(days=30), 1_000, 5, None, 500))
    rows.append(("a", pd.NaT, 1_000, 5, None, 500))
    for i in range(12):
        likes = 610 if i == 5 else 10
        rows.append(("a", day + pd.Timedelta(days=i), likes, 5, None, 500))
    # "b": shares partly missing, reach zero or missing on two posts.
    rows.append(("b", day, 10, 0, None, 100))
    rows.append(("b", day + pd.Timedelta(days=1), 20, 0, 2, 0))
    rows.append(("b", day + pd.Timedelta(days=2), 30, 0, np.nan, None))
    rows.append(("c", day, 10, 0, 0, 100))
    posts = pd.DataFrame(
        rows, columns=["influencer_id", "published_at", "likes", "comments", "shares", "reach"]
    )
    posts = posts.sample(frac=1.0, random_state=7).reset_index(drop=True)  # order must not matter
    followers = pd.Series({"a": 1_000.0, "b": 200.0, "z": 5.0})
    return posts, followers


ACCOUNT_CASES = [
    # (basis, method, {account: expected})
    ("followers", "mean", {"a": (11 * 15 + 615) / 12 / 1_000, "b": (0.05 + 0.11 + 0.15) / 3}),
    ("followers", "median", {"a": 0.015, "b": 0.11}),
    ("followers", "median_likes", {"a": 0.01, "b": 0.1}),
    ("reach", "mean", {"a": (11 * 15 + 615) / 12 / 500, "b": 0.1, "c": 0.1}),
    ("reach", "median", {"a": 15 / 500, "b": 0.1, "c": 0.1}),
    ("reach", "median_likes", {"a": 10 / 500, "b": 20 / 100, "c": 0.1}),
]


@pytest.mark.parametrize(("basis", "method", "expected"), ACCOUNT_CASES)
def test_account_engagement_last_12_posts(basis, method, expected):
    """The account ER uses only the 12 newest posts; mean, median and median likes differ."""
    posts, followers = _hand_built_posts()
    result = metrics.account_engagement(posts, followers=followers, basis=basis, method=method)
    assert list(result.index) == ["a", "b", "c"]
    assert result.index.name == "influencer_id"
    for account in ("a", "b", "c"):
        assert _same(float(result[account]), expected.get(account, math.nan)), account


def test_account_engagement_every_post_when_n_posts_is_none():
    """With ``n_posts=None`` every post counts, the old and the undated ones too."""
    posts, followers = _hand_built_posts()
    result = metrics.account_engagement(posts, followers=followers, n_posts=None)
    assert result["a"] == pytest.approx((11 * 15 + 615 + 2 * 1_005) / 14 / 1_000)


@pytest.mark.parametrize(
    ("n_posts", "expected"), [(1, 0.015), (3, 0.015), (7, (6 * 15 + 615) / 7000)]
)
def test_account_engagement_window_size(n_posts, expected):
    """A smaller window keeps only the newest posts (the viral post is the 7th newest)."""
    posts, followers = _hand_built_posts()
    result = metrics.account_engagement(posts, followers=followers, n_posts=n_posts)
    assert result["a"] == pytest.approx(expected)


def test_account_engagement_followers_from_the_posts():
    """Without a followers Series, each post's own followers count; median likes uses the newest."""
    day = pd.Timestamp("2024-01-01")
    posts = pd.DataFrame(
        {
            "influencer_id": ["d", "d"],
            "published_at": [day, day + pd.Timedelta(days=1)],
            "likes": [10, 10],
            "followers": [100, 200],
        }
    )
    assert metrics.account_engagement(posts)["d"] == pytest.approx(0.075)
    median_likes = metrics.account_engagement(posts, method="median_likes")
    assert median_likes["d"] == pytest.approx(0.05)
    series_wins = metrics.account_engagement(posts, followers=pd.Series({"d": 1_000}))
    assert series_wins["d"] == pytest.approx(0.01)
    dict_too = metrics.account_engagement(posts, followers={"d": 500})
    assert dict_too["d"] == pytest.approx(0.02)


@pytest.mark.parametrize(
    "dates",
    [
        ["2024-01-01", "2024-01-02", "2024-01-03"],
        pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]).tz_localize("Europe/Paris"),
        pd.to_datetime(["2024-01-01", "2024-01-02", "2024-01-03"]).as_unit("s"),
        ["2024-01-01T00:00+01:00", "2024-01-02T00:00+02:00", "2024-01-03T00:00Z"],
    ],
)
def test_account_engagement_reads_any_date_column(dates):
    """Text dates, time-zone-aware and second-precision timestamps order the posts the same way."""
    posts = pd.DataFrame(
        {
            "influencer_id": ["e"] * 3,
            "published_at": dates,
            "likes": [100, 10, 20],
            "followers": 100,
        }
    )
    assert metrics.account_engagement(posts, n_posts=2)["e"] == pytest.approx(0.15)


def test_account_engagement_without_denominator_columns():
    """With no followers anywhere, the account ER by followers is not available (NaN)."""
    posts = pd.DataFrame({"influencer_id": ["f"], "published_at": ["2024-01-01"], "likes": [3]})
    assert math.isnan(metrics.account_engagement(posts)["f"])
    assert math.isnan(metrics.account_engagement(posts, basis="views")["f"])


def test_account_engagement_on_no_posts():
    """No posts give an empty Series; no followers, an empty table."""
    posts = pd.DataFrame({"influencer_id": pd.Series([], dtype=str), "published_at": []})
    result = metrics.account_engagement(posts, followers=pd.Series(dtype=float))
    assert isinstance(result, pd.Series) and result.empty
    assert metrics.engagement_table(posts).empty


@pytest.mark.parametrize(
    ("kwargs", "key"),
    [
        ({"basis": "likes"}, "metrics.error_basis"),
        ({"method": "average"}, "metrics.error_method"),
        ({"n_posts": 0}, "metrics.error_n_posts"),
        ({"n_posts": 2.5}, "metrics.error_n_posts"),
        ({"n_posts": True}, "metrics.error_n_posts"),
    ],
)
def test_account_engagement_bad_options(kwargs, key):
    """An unknown basis or method, or a window that is not a positive integer, is a user error."""
    posts, followers = _hand_built_posts()
    with pytest.raises(UserError) as err:
        metrics.account_engagement(posts, followers=followers, **kwargs)
    assert err.value.key == key


@pytest.mark.parametrize("missing", ["influencer_id", "published_at"])
def test_account_engagement_needs_id_and_date(missing):
    """Posts without an account id or a publication date are a user error naming the column."""
    posts, followers = _hand_built_posts()
    with pytest.raises(UserError) as err:
        metrics.account_engagement(posts.drop(columns=missing), followers=followers)
    assert err.value.key == "metrics.error_columns"
    assert err.value.params["columns"] == missing


def test_engagement_table_matches_account_engagement():
    """The formula lab's table holds every basis x method, each equal to account_engagement."""
    posts, followers = _hand_built_posts()
    table = metrics.engagement_table(posts, followers)
    expected_columns = [f"{b}_{m}" for b in metrics.BASES for m in metrics.METHODS]
    assert list(table.columns) == [*expected_columns, "posts_used"]
    assert table["posts_used"].to_dict() == {"a": 12, "b": 3, "c": 1}
    for basis in metrics.BASES:
        for method in metrics.METHODS:
            single = metrics.account_engagement(
                posts, followers=followers, basis=basis, method=method
            )
            pd.testing.assert_series_equal(table[f"{basis}_{method}"], single, check_names=False)


def test_account_engagement_mean_agrees_with_totals_when_followers_are_constant():
    """With constant followers, mean per-post ER = total interactions / (posts x followers)."""
    rng = np.random.default_rng(3)
    n = 400
    posts = pd.DataFrame(
        {
            "influencer_id": rng.integers(0, 30, n),
            "published_at": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.permutation(n), "D"),
            "likes": rng.integers(0, 500, n),
            "comments": rng.integers(0, 50, n),
            "saves": rng.integers(0, 20, n),
        }
    )
    followers = pd.Series(rng.integers(1_000, 50_000, 30).astype(float), index=range(30))
    result = metrics.account_engagement(posts, followers=followers, n_posts=None)
    totals = posts.groupby("influencer_id")[["likes", "comments", "saves"]].sum().sum(axis=1)
    counts = posts.groupby("influencer_id").size()
    expected = totals / (counts * followers.reindex(totals.index))
    pd.testing.assert_series_equal(result, expected, check_names=False)


# --- tiers ----------------------------------------------------------------------------------

TIER_CASES = [
    # (scheme, followers, expected tier)
    *[
        (scheme, followers, tier_code)
        for scheme in ("hypeauditor", "france", "later_fohr")
        for followers, tier_code in [
            (0, "below_nano"),
            (999, "below_nano"),
            (999.9, "below_nano"),
            (1_000, "nano"),
            (9_999, "nano"),
            (10_000, "micro"),
            (999_999, "macro"),
            (1_000_000, "mega"),
            (250_000_000, "mega"),
        ]
    ],
    ("hypeauditor", 49_999, "micro"),
    ("hypeauditor", 50_000, "mid"),
    ("hypeauditor", 99_999, "mid"),
    ("hypeauditor", 100_000, "mid"),
    ("hypeauditor", 499_999, "mid"),
    ("hypeauditor", 500_000, "macro"),
    ("france", 49_999, "micro"),
    ("france", 50_000, "micro"),
    ("france", 99_999, "micro"),
    ("france", 100_000, "macro"),
    ("france", 499_999, "macro"),
    ("france", 500_000, "macro"),
    ("later_fohr", 49_999, "micro"),
    ("later_fohr", 50_000, "micro"),
    ("later_fohr", 99_999, "micro"),
    ("later_fohr", 100_000, "mid"),
    ("later_fohr", 499_999, "mid"),
    ("later_fohr", 500_000, "macro"),
]


@pytest.mark.parametrize(("scheme", "followers", "expected"), TIER_CASES)
def test_tier_boundaries(scheme, followers, expected):
    """Tiers are half-open intervals: a bound belongs to the tier it starts."""
    assert metrics.tier(followers, scheme) == expected


def test_tier_default_scheme_is_hypeauditor():
    """Without a scheme, tiers follow HypeAuditor (50 000 is mid-tier)."""
    assert metrics.tier(50_000) == "mid"


@pytest.mark.parametrize("followers", [None, math.nan, pd.NA, -1, -1_000, math.inf, "many"])
def test_tier_of_missing_or_invalid_count(followers):
    """A missing, negative or unreadable follower count has no tier (None)."""
    assert metrics.tier(followers) is None


@pytest.mark.parametrize("scheme", list(metrics.TIER_SCHEMES))
def test_tier_on_series_and_arrays(scheme):
    """A Series gives an ordered categorical on the same index; an array gives str or None."""
    index = pd.Index(["x", "y", "z", "w"])
    followers = pd.Series([500, 20_000, None, 3_000_000], index=index, name="followers")
    result = metrics.tier(followers, scheme)
    assert isinstance(result, pd.Series) and result.index.equals(index)
    assert isinstance(result.dtype, pd.CategoricalDtype) and result.dtype.ordered
    assert result.tolist()[:2] == ["below_nano", "micro"]
    assert pd.isna(result["z"]) and result["w"] == "mega"
    assert result.min() == "below_nano" and result.max() == "mega"  # ordered, not alphabetical
    arr = metrics.tier(np.array([500.0, np.nan, 20_000.0]), scheme)
    assert isinstance(arr, np.ndarray) and arr.tolist() == ["below_nano", None, "micro"]
    assert metrics.tier(pd.Series([], dtype=float), scheme).empty
    assert metrics.tier(np.array([]), scheme).shape == (0,)


@pytest.mark.parametrize("scheme", ["HypeAuditor", "us", ""])
def test_tier_unknown_scheme(scheme):
    """An unknown tier scheme is a user error naming the choices."""
    with pytest.raises(UserError) as err:
        metrics.tier(5_000, scheme)
    assert err.value.key == "metrics.error_scheme"


@pytest.mark.parametrize(("scheme", "bands"), list(metrics.TIER_SCHEMES.items()))
def test_tier_schemes_are_ordered_and_start_below_nano(scheme, bands):
    """Each scheme starts at 0 with "below nano" under 1 000 and climbs in TIER_ORDER."""
    names = [name for name, _ in bands]
    bounds = [low for _, low in bands]
    assert bands[:2] == (("below_nano", 0), ("nano", 1_000))
    assert bounds == sorted(set(bounds))
    assert names == [name for name in metrics.TIER_ORDER if name in names]
    assert bands[-1] == ("mega", 1_000_000)


# --- EMV ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("instagram", 100 * 10.0 + 1_000 * 0.10),
        ("TikTok ", 100 * 8.0 + 1_000 * 0.05),
        ("youtube", 100 * 25.0 + 1_000 * 0.15),
        (None, 100 * 10.0 + 1_000 * 0.10),
        ("myspace", math.nan),
    ],
)
def test_emv_with_default_rates(platform, expected):
    """EMV = impressions / 1 000 x CPM + engagements x value per engagement, per platform."""
    assert _same(metrics.emv(100_000, 1_000, platform), expected)


@pytest.mark.parametrize(
    ("platform", "low", "high"), [("instagram", 5, 15), ("tiktok", 3, 25), ("youtube", 10, 50)]
)
def test_emv_default_cpm_inside_domain_ranges(platform, low, high):
    """The illustrative CPM rates sit inside DOMAIN §4's ranges."""
    assert low <= metrics.DEFAULT_EMV_RATES[platform]["cpm_eur"] <= high


@pytest.mark.parametrize(
    ("rates", "platform", "expected"),
    [
        ({"tiktok": {"cpm_eur": 20}}, "tiktok", 20.0 + 10 * 0.05),
        ({"cpm_eur": 1, "value_per_engagement_eur": 0}, "youtube", 1.0),
        ({"snapchat": {"cpm_eur": 4, "value_per_engagement_eur": 0.5}}, "snapchat", 9.0),
        ({"other": {"cpm_eur": 2}}, None, 2.0 + 10 * 0.10),
    ],
)
def test_emv_rates_are_editable(rates, platform, expected):
    """Rates passed in override the defaults, per platform or for all platforms at once."""
    assert metrics.emv(1_000, 10, platform, rates=rates) == pytest.approx(expected)
    assert metrics.DEFAULT_EMV_RATES["tiktok"]["cpm_eur"] == 8.0


@pytest.mark.parametrize(
    "rates",
    [{"tiktok": {"cpm_eur": -1}}, {"tiktok": {"cpm": 3}}, {"tiktok": 3}, {"cpm_eur": "cheap"}],
)
def test_emv_bad_rates(rates):
    """Negative, misnamed or unreadable rates are a user error."""
    with pytest.raises(UserError) as err:
        metrics.emv(1_000, 10, "tiktok", rates=rates)
    assert err.value.key == "metrics.error_rates"


def test_emv_vectorised_over_platforms():
    """A Series of platforms gives a Series of EMVs, each at its platform's rates."""
    index = pd.Index(["p1", "p2", "p3", "p4"])
    result = metrics.emv(
        pd.Series([1_000, 2_000, 1_000, None], index=index),
        pd.Series([10, 20, -5, 10], index=index),
        pd.Series(["tiktok", None, "instagram", "youtube"], index=index),
    )
    assert isinstance(result, pd.Series) and result.index.equals(index)
    assert result.iloc[:2].tolist() == pytest.approx([8.5, 22.0])
    assert result.iloc[2:].isna().all()  # negative engagements, missing impressions
    arr = metrics.emv(np.array([1_000, 1_000]), 0, ["tiktok", "youtube"])
    assert isinstance(arr, np.ndarray) and arr.tolist() == pytest.approx([8.0, 25.0])
    assert metrics.emv(pd.Series([], dtype=float), pd.Series([], dtype=float), "x").empty


# --- catalogue ------------------------------------------------------------------------------


def _metric_keys(lang: str) -> set[str]:
    return {key for key in i18n.catalogue(lang) if key.startswith("metrics.")}


def test_every_metrics_key_exists_in_french_and_english():
    """Every metrics.* message exists in both languages, with the same placeholders."""
    fr, en = _metric_keys("fr"), _metric_keys("en")
    assert fr and fr == en
    fields = string.Formatter()
    for key in fr:
        names = [
            {name for _, name, _, _ in fields.parse(i18n.catalogue(lang)[key]) if name}
            for lang in ("fr", "en")
        ]
        assert names[0] == names[1], key


def test_catalogue_covers_every_code_the_module_uses():
    """Each basis, method, scheme, tier and KPI has a label or definition; each error a message."""
    keys = [
        *[f"metrics.basis.{b}" for b in metrics.BASES],
        *[f"metrics.basis_why.{b}" for b in metrics.BASES],
        *[f"metrics.method.{m}" for m in metrics.METHODS],
        *[f"metrics.method_definition.{m}" for m in metrics.METHODS],
        *[f"metrics.scheme.{s}" for s in metrics.TIER_SCHEMES],
        *[f"metrics.scheme_definition.{s}" for s in metrics.TIER_SCHEMES],
        *[f"metrics.tier.{code}" for code in metrics.TIER_ORDER],
        *[f"metrics.name.{k}" for k in (*metrics.KPIS, "engagement_rate")],
        *[f"metrics.definition.{k}" for k in (*metrics.KPIS, "engagement_rate")],
        "metrics.emv_caveat",
        "metrics.emv_rates_note",
    ]
    source = Path(metrics.__file__).read_text(encoding="utf-8")
    keys += re.findall(r'UserError\(\s*"(metrics\.[a-z_]+)"', source)
    for lang in i18n.LANGUAGES:
        missing = [key for key in keys if not i18n.has(key, lang)]
        assert not missing, (lang, missing)


def test_definitions_quote_the_domain_formulas():
    """The French CPM definition reads as the course states it."""
    assert i18n.t("metrics.definition.cpm", "fr") == (
        "Coût pour mille impressions : coût ÷ impressions × 1 000"
    )
    assert i18n.t("metrics.basis.reach", "fr") == "Par portée (reach)"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_error_messages_render(lang):
    """A user error shows a filled-in message in the user's language."""
    with pytest.raises(UserError) as err:
        metrics.tier(10, "nowhere")
    message = err.value.message(lang)
    assert "nowhere" in message and "hypeauditor" in message and "{" not in message


@pytest.mark.parametrize("seed", range(40))
@pytest.mark.parametrize("layout", ["shuffled", "oldest_first", "newest_first"])
def test_account_engagement_does_not_depend_on_row_order(seed, layout):
    """Posts listed in any order (sorted exports or shuffled) give the same account ERs."""
    rng = np.random.default_rng(seed)
    n = 200
    posts = pd.DataFrame(
        {
            "influencer_id": rng.choice(["A", "B", "C", "D"], n),
            "published_at": pd.to_datetime("2026-01-01")
            + pd.to_timedelta(rng.permutation(n) * 37, unit="min"),
            "likes": rng.integers(0, 500, n),
            "comments": rng.integers(0, 50, n),
        }
    )
    followers = pd.Series({"A": 1_000, "B": 20_000, "C": 5_000, "D": 300})
    reference = metrics.account_engagement(
        posts.sample(frac=1, random_state=seed), followers=followers
    )
    if layout != "shuffled":
        posts = posts.sort_values(
            ["influencer_id", "published_at"],
            ascending=[True, layout == "oldest_first"],
            kind="stable",
        )
    for method in ("mean", "median"):
        got = metrics.account_engagement(posts, followers=followers, method=method)
        ref = metrics.account_engagement(
            posts.sample(frac=1, random_state=seed + 1), followers=followers, method=method
        )
        pd.testing.assert_series_equal(got, ref)
    assert reference.index.tolist() == ["A", "B", "C", "D"]


@pytest.mark.parametrize("seed", range(300))
def test_posts_listed_by_account_then_date_count_like_any_listing_ties_included(seed):
    """Posts listed by account then date (newest or oldest first, as exports and the sample data
    list them) give the same account ERs as the same posts with the accounts interleaved: among
    posts published at the same time, the one listed first counts first either way."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(0, 30))
    codes = np.sort(rng.integers(0, 4, n))
    stamps = rng.integers(0, 5, n)
    if seed % 3 < 2 and n:
        parts = [np.sort(stamps[codes == c]) for c in np.unique(codes)]
        stamps = np.concatenate(parts if seed % 3 == 0 else [p[::-1] for p in parts])
    posts = pd.DataFrame(
        {
            "influencer_id": np.array(list("ABCD"))[codes],
            "published_at": pd.to_datetime("2026-01-01") + pd.to_timedelta(stamps, unit="D"),
            "likes": rng.integers(0, 500, n),
            "comments": rng.integers(0, 50, n),
        }
    )
    followers = pd.Series({"A": 1_000, "B": 20_000, "C": 5_000, "D": 300})
    # The same posts, accounts taking turns; each account's posts keep their order.
    turn = posts.groupby("influencer_id").cumcount().to_numpy()
    interleaved = posts.iloc[np.argsort(turn * 4 + codes, kind="stable")]
    for method in ("mean", "median", "median_likes"):
        by_account = metrics.account_engagement(
            posts, followers=followers, n_posts=3, method=method
        )
        mixed = metrics.account_engagement(
            interleaved, followers=followers, n_posts=3, method=method
        )
        pd.testing.assert_series_equal(by_account, mixed)
