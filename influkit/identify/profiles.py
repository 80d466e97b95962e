"""The influencer table every page works from: the sample accounts and the plan's imported ones,
each with its tier, engagement rate, averages, sponsorship figures and estimated CPM.

Computed once per setting (vectorised, cached), then joined with what the user imported.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from influkit import metrics
from influkit.data import datasets
from influkit.plan.model import Plan

AVERAGED = ("likes", "comments", "shares", "saves", "views", "reach", "impressions")
PROFILE_COLUMNS = (
    "source",
    "tier",
    "er",
    "posts_in_data",
    "avg_likes",
    "avg_comments",
    "avg_shares",
    "avg_saves",
    "avg_views",
    "avg_reach",
    "avg_impressions",
    "avg_interactions",
    "comments_to_likes",
    "share_rate",
    "save_rate",
    "sponsored_share",
    "disclosure_rate",
    "est_cpm_eur",
    "growth_12w",
    "last_post_at",
)


def last_posts(posts: pd.DataFrame, n_posts: int | None = metrics.DEFAULT_N_POSTS) -> pd.DataFrame:
    """Each account's ``n_posts`` most recent posts (all of them when None)."""
    ordered = posts.sort_values(
        ["influencer_id", "published_at"], ascending=[True, False], kind="stable"
    )
    if n_posts is None:
        return ordered
    rank = ordered.groupby("influencer_id", sort=False).cumcount()
    return ordered.loc[rank < n_posts]


def account_stats(
    influencers: pd.DataFrame,
    posts: pd.DataFrame,
    history: pd.DataFrame | None = None,
    *,
    scheme: str = metrics.DEFAULT_TIER_SCHEME,
    basis: str = "followers",
    method: str = "mean",
    n_posts: int | None = metrics.DEFAULT_N_POSTS,
) -> pd.DataFrame:
    """Per-account figures from the posts (and follower history), one row per influencer."""
    table = influencers.copy()
    table["source"] = "sample"
    followers = table.set_index("influencer_id")["followers"]
    table["tier"] = metrics.tier(table["followers"], scheme).astype(object)
    # One window (each account's last posts, newest first) serves the ER and every average:
    # per-account sums by np.bincount instead of sorting and grouping the whole post frame.
    window = metrics.PostWindow(posts, followers, n_posts)
    recent = pd.DataFrame(
        {f"avg_{column}": window.mean(column) for column in AVERAGED}, index=window.index
    )
    recent["er"] = window.engagement(basis, method)
    recent["posts_in_data"] = window.count()
    sponsored = posts["sponsored"].fillna(False).to_numpy(dtype=bool)
    recent["sponsored_posts"] = window.count(sponsored)
    disclosed = sponsored & posts["disclosure"].fillna("").ne("").to_numpy(dtype=bool)
    recent["disclosure_rate"] = metrics.ratio(window.count(disclosed), recent["sponsored_posts"])
    recent["last_post_at"] = posts["published_at"].iloc[window.newest_rows].to_numpy()
    table = table.join(recent, on="influencer_id")
    table["avg_interactions"] = table[["avg_likes", "avg_comments", "avg_shares", "avg_saves"]].sum(
        axis=1, min_count=1
    )
    table["posts_in_data"] = table["posts_in_data"].fillna(0).astype(int)
    table["sponsored_share"] = metrics.ratio(table["sponsored_posts"], table["posts_in_data"])
    table = table.drop(columns=["sponsored_posts"])
    table["comments_to_likes"] = metrics.ratio(table["avg_comments"], table["avg_likes"])
    table["share_rate"] = metrics.ratio(table["avg_shares"], table["avg_reach"])
    table["save_rate"] = metrics.ratio(table["avg_saves"], table["avg_reach"])
    table["est_cpm_eur"] = metrics.cpm(table["price_per_post_eur"], table["avg_impressions"])
    table["growth_12w"] = (
        table["influencer_id"].map(growth_over(history, weeks=12))
        if history is not None
        else np.nan
    )
    return table


def growth_over(history: pd.DataFrame, weeks: int = 12) -> pd.Series:
    """Follower growth over the last ``weeks`` weeks, per account, as a fraction."""
    ordered = history.sort_values(["influencer_id", "week"])
    last = ordered.groupby("influencer_id")["followers"].last()
    start = ordered.groupby("influencer_id")["followers"].nth(-(weeks + 1))
    start.index = ordered.loc[start.index, "influencer_id"] if len(start) else start.index
    return metrics.ratio(last - start.reindex(last.index), start.reindex(last.index))


@lru_cache(maxsize=16)
def _sample_table(scheme: str, basis: str, method: str, n_posts: int | None) -> pd.DataFrame:
    return account_stats(
        datasets.load("influencers"),
        datasets.load("posts"),
        datasets.load("follower_history"),
        scheme=scheme,
        basis=basis,
        method=method,
        n_posts=n_posts,
    )


def imported_table(plan: Plan, scheme: str = metrics.DEFAULT_TIER_SCHEME) -> pd.DataFrame:
    """The plan's imported influencers with the same columns as the sample ones."""
    rows = [entry.model_dump() for entry in plan.imported_influencers]
    if not rows:
        return pd.DataFrame()
    frame = pd.DataFrame(rows)
    frame["source"] = "imported"
    frame["tier"] = metrics.tier(frame["followers"].astype(float), scheme).astype(object)
    frame["er"] = frame.pop("engagement_rate")
    frame["est_cpm_eur"] = metrics.cpm(
        frame["price_per_post_eur"],
        frame["avg_views"].where(frame["avg_views"].notna(), frame["avg_reach"]),
    )
    frame["comments_to_likes"] = metrics.ratio(frame["avg_comments"], frame["avg_likes"])
    frame["posts_in_data"] = 0
    return frame.drop(columns=["source_file"])


def influencer_table(
    plan: Plan | None = None,
    *,
    scheme: str | None = None,
    basis: str | None = None,
    method: str | None = None,
    n_posts: int | None = metrics.DEFAULT_N_POSTS,
) -> pd.DataFrame:
    """Every influencer the plan can work with, sample and imported, one row each.

    Settings default to the plan's (tier scheme, ER basis and method), else the project's.
    """
    settings = plan.settings if plan is not None else None
    scheme = scheme or (settings.tier_scheme if settings else metrics.DEFAULT_TIER_SCHEME)
    basis = basis or (settings.er_basis if settings else "followers")
    method = method or (settings.er_method if settings else "mean")
    table = _sample_table(scheme, basis, method, n_posts).copy()
    if plan is not None and plan.imported_influencers:
        imported = imported_table(plan, scheme)
        imported = imported.loc[~imported["influencer_id"].isin(table["influencer_id"])]
        table = pd.concat([table, imported], ignore_index=True)
    return table.reset_index(drop=True)


def shortlist_table(plan: Plan) -> pd.DataFrame:
    """The shortlisted influencers with their figures, role and note, in shortlist order."""
    table = influencer_table(plan).set_index("influencer_id")
    rows = []
    for entry in plan.shortlist:
        if entry.influencer_id in table.index:
            row = table.loc[entry.influencer_id].to_dict()
            row.update(influencer_id=entry.influencer_id, role=entry.role, note=entry.note)
            rows.append(row)
    columns = ["influencer_id", "role", "note", *table.columns]
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame(columns=columns)


def posts_of(influencer_id: str) -> pd.DataFrame:
    """The posts of one sample account, oldest first."""
    posts = datasets.load("posts")
    return posts.loc[posts["influencer_id"] == influencer_id].sort_values("published_at")


def history_of(influencer_id: str) -> pd.DataFrame:
    """The weekly follower counts of one sample account."""
    history = datasets.load("follower_history")
    return history.loc[history["influencer_id"] == influencer_id].sort_values("week")
