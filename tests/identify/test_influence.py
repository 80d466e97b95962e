"""Measuring influence: comments, share and save rates, mentions, and their index against the
norm of the peers of the same platform x tier."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from influkit.data import datasets
from influkit.identify import influence, profiles


def _posts(rows: list[dict]) -> pd.DataFrame:
    """Posts of account A (unless a row says otherwise), one day apart."""
    base = {
        "influencer_id": "A",
        "comments": 0,
        "shares": 0,
        "saves": 0,
        "reach": 1000,
        "caption": "",
    }
    frame = pd.DataFrame([{**base, **row} for row in rows])
    frame["post_id"] = [f"P{i}" for i in range(len(frame))]
    frame["published_at"] = pd.Timestamp("2026-03-01") + pd.to_timedelta(range(len(frame)), "D")
    return frame


def _table(*rows: dict) -> pd.DataFrame:
    base = {"influencer_id": "A", "platform": "instagram", "tier": "micro", "followers": 20_000}
    return pd.DataFrame([{**base, **row} for row in rows] or [base])


SIGNAL_CASES = [
    # (posts, expected signals of account A)
    pytest.param(
        [{"comments": 10}, {"comments": 30}],
        {"comments_per_post": 20.0},
        id="comments per post is the mean",
    ),
    pytest.param(
        [{"shares": 10, "reach": 1000}, {"shares": 30, "reach": 3000}],
        {"share_rate": 0.01},
        id="share rate = shares / reach, summed",
    ),
    pytest.param([{"saves": 5, "reach": 500}], {"save_rate": 0.01}, id="save rate per reach"),
    pytest.param([{"reach": 0}], {"share_rate": math.nan}, id="no reach: not available"),
    pytest.param(
        [{"caption": "Merci @marie.l et @bob_ !"}, {"caption": "écrire à a@b.fr"}],
        {"mentions_per_post": 1.0},
        id="@mentions, an e-mail is not one",
    ),
]


@pytest.mark.parametrize(("rows", "expected"), SIGNAL_CASES)
def test_influence_signals_from_posts(rows, expected):
    """Each signal is computed from the account's posts as defined."""
    signals = influence.influence_signals(_table(), _posts(rows)).set_index("influencer_id")
    for name, value in expected.items():
        got = signals.loc["A", name]
        assert (math.isnan(value) and math.isnan(got)) or got == pytest.approx(value)


def test_only_the_last_posts_count():
    """Rates use the last ``n_posts`` posts, like the engagement rate."""
    posts = _posts([{"comments": 100}] + [{"comments": 10}] * 3)
    signals = influence.influence_signals(_table(), posts, n_posts=3)
    assert signals.loc[0, "comments_per_post"] == 10.0 and signals.loc[0, "posts_used"] == 3


@pytest.mark.parametrize(
    ("platform", "saves_available"),
    [
        ("instagram", True),
        ("tiktok", True),
        ("youtube", False),
        ("linkedin", False),
        ("twitch", False),
    ],
)
def test_saves_are_not_available_where_the_platform_does_not_count_them(platform, saves_available):
    """A zero save count on LinkedIn, YouTube or Twitch means "not counted", not "nobody"."""
    signals = influence.influence_signals(_table({"platform": platform}), _posts([{"saves": 0}]))
    assert pd.notna(signals.loc[0, "save_rate"]) is saves_available


@pytest.mark.parametrize(
    ("captions", "brands", "posts", "names"),
    [
        (
            ["Merci Nacrelis !", "Avec Nacrelis et Oréade Skin.", "Rien"],
            ["Nacrelis", "Oréade Skin"],
            2,
            "Nacrelis, Oréade Skin",
        ),
        (["NacrelisPlus n'est pas Nacrelis"], ["Nacrelis"], 1, "Nacrelis"),
        (["Nacrelisplus"], ["Nacrelis"], 0, ""),
        (["Merci Nacrelis !"], [], math.nan, ""),
    ],
    ids=["counted per post", "whole words", "no partial word", "no market: not available"],
)
def test_brand_mentions(captions, brands, posts, names):
    """Posts whose caption names a brand of the market are counted once each."""
    signals = influence.influence_signals(
        _table(), _posts([{"caption": c} for c in captions]), brands=brands
    )
    got = signals.loc[0, "brand_mention_posts"]
    assert (math.isnan(posts) and math.isnan(got)) or got == posts
    assert signals.loc[0, "brands_mentioned"] == names


def test_an_imported_account_keeps_its_own_averages():
    """An account without posts (imported list) shows the averages of its table row."""
    table = _table(
        {"influencer_id": "IMP", "avg_comments": 12.0, "share_rate": 0.02, "save_rate": np.nan}
    )
    signals = influence.influence_signals(table, _posts([{"comments": 5}]))
    row = signals.set_index("influencer_id").loc["IMP"]
    assert row["comments_per_post"] == 12.0 and row["share_rate"] == 0.02
    assert row["posts_used"] == 0


def _signals(values: list[float], tiers: list[str] | None = None) -> pd.DataFrame:
    tiers = tiers or ["micro"] * len(values)
    return pd.DataFrame(
        {
            "influencer_id": [f"I{i}" for i in range(len(values))],
            "platform": "instagram",
            "tier": tiers,
            "share_rate": values,
        }
    )


@pytest.mark.parametrize(
    ("values", "tiers", "expected_index"),
    [
        ([0.01, 0.02, 0.02, 0.02, 0.04], None, [0.5, 1.0, 1.0, 1.0, 2.0]),
        ([0.01, 0.02, 0.02, 0.04], None, [math.nan] * 4),
        ([0.0, 0.0, 0.0, 0.0, 0.01], None, [math.nan] * 5),
        (
            [0.01, 0.02, 0.02, 0.02, 0.04, 0.5],
            ["micro"] * 5 + ["mega"],
            [0.5, 1.0, 1.0, 1.0, 2.0, math.nan],
        ),
    ],
    ids=["index = value / median", "fewer than 5 peers", "zero norm", "tiers kept apart"],
)
def test_versus_norm(values, tiers, expected_index):
    """Each value is divided by its platform x tier's median; 1.0 is at the norm."""
    long = influence.versus_norm(_signals(values, tiers), columns=["share_rate"])
    assert np.allclose(long["index"].to_numpy(), expected_index, equal_nan=True)
    assert set(long.columns) >= {"influencer_id", "signal", "value", "norm", "peers", "index"}


def test_index_table_and_strongest():
    """The indices pivot to one row per account; the strongest have the highest mean index."""
    long = influence.versus_norm(_signals([0.01, 0.02, 0.02, 0.02, 0.04]), columns=["share_rate"])
    wide = influence.index_table(long)
    assert wide.loc["I4", "share_rate"] == pytest.approx(2.0)
    assert influence.strongest(wide, n=2, signals=["share_rate"])[0] == "I4"
    assert influence.strongest(wide, n=2, among=["I0", "I1"], signals=["share_rate"]) == [
        "I1",
        "I0",
    ]


def test_tier_norms_per_group():
    """The norm of each platform x tier, with the group size, for groups big enough."""
    norms = influence.tier_norms(_signals([0.01, 0.02, 0.02, 0.02, 0.04]), columns=["share_rate"])
    assert norms[["tier", "share_rate", "accounts"]].values.tolist() == [["micro", 0.02, 5]]


def test_market_voice_shares_sum_to_one():
    """The share of voice of the market's brands among influencers sums to 100 %."""
    mentions = datasets.load("brand_mentions")
    voice = influence.market_voice(mentions, "cosmetique-lancement", weeks=12)
    assert set(voice["brand"]) == set(influence.market_brands(mentions, "cosmetique-lancement"))
    assert voice["share_of_voice"].sum() == pytest.approx(1.0)
    assert voice["sentiment"].between(0, 1).all()
    assert influence.market_voice(mentions, None).empty


def test_sample_creators_already_name_the_cosmetics_competitors():
    """In the sample, beauty creators name the Verdelune case's competitors in their captions."""
    mentions = datasets.load("brand_mentions")
    brands = influence.market_brands(mentions, "cosmetique-lancement")
    assert brands == ["Brume Atelier", "Nacrelis", "Oréade Skin", "Verdelune"]
    table = profiles.influencer_table(None)
    signals = influence.influence_signals(table, datasets.load("posts"), brands=brands)
    citing = signals.loc[signals["brand_mention_posts"] > 0, "influencer_id"]
    niches = table.set_index("influencer_id").loc[citing, "niche"]
    assert len(citing) >= 10 and (niches == "beauty").all()
