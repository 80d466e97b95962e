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
    followers = influencers.set_index("influencer_id")["followers"]
    # One window (each account's last posts, newest first) serves the ER, every average and the
    # counts: per-account sums in place of sorting and grouping the whole post frame.
    window = metrics.PostWindow(posts, followers, n_posts)
    at = _positions(window.index, influencers["influencer_id"])
    avg = {column: window.mean(column) for column in AVERAGED}
    posts_in_data = window.count()
    sponsored = posts["sponsored"].fillna(False).to_numpy(dtype=bool)
    sponsored_posts = window.count(sponsored)
    disclosed = window.count(sponsored & _has_text(posts["disclosure"]))
    interactions = np.vstack([avg[column] for column in metrics.INTERACTIONS])
    known = ~np.isnan(interactions)
    avg_impressions = _aligned(avg["impressions"], at)
    figures = {
        "source": "sample",
        "tier": metrics.tier(influencers["followers"], scheme).astype(object),
        **{f"avg_{column}": _aligned(values, at) for column, values in avg.items()},
        "er": _aligned(window.engagement(basis, method), at),
        "posts_in_data": _aligned(posts_in_data, at, fill=0),
        "disclosure_rate": _aligned(metrics.ratio(disclosed, sponsored_posts), at),
        "last_post_at": _aligned(posts["published_at"].iloc[window.newest_rows].to_numpy(), at),
        # Sum of the average likes, comments, shares and saves; NaN when none is known.
        "avg_interactions": _aligned(
            np.where(known.any(axis=0), np.where(known, interactions, 0.0).sum(axis=0), np.nan),
            at,
        ),
        "sponsored_share": _aligned(metrics.ratio(sponsored_posts, posts_in_data), at),
        "comments_to_likes": _aligned(metrics.ratio(avg["comments"], avg["likes"]), at),
        "share_rate": _aligned(metrics.ratio(avg["shares"], avg["reach"]), at),
        "save_rate": _aligned(metrics.ratio(avg["saves"], avg["reach"]), at),
        "est_cpm_eur": metrics.cpm(influencers["price_per_post_eur"], avg_impressions),
        "growth_12w": (
            influencers["influencer_id"].map(growth_over(history, weeks=12))
            if history is not None
            else np.nan
        ),
    }
    # Every figure is a new column, added in one go (the accounts' own columns are not copied).
    added = pd.DataFrame(figures, index=influencers.index, copy=False)
    kept = influencers.drop(columns=[c for c in added.columns if c in influencers.columns])
    return pd.concat([kept, added], axis=1)


def _positions(accounts: pd.Index, ids: pd.Series) -> np.ndarray | None:
    """Each id's position in ``accounts`` (-1 when absent); None when the ids are the accounts,
    in the same order (the common case: nothing to move)."""
    if len(accounts) == len(ids) and accounts.equals(pd.Index(ids)):
        return None
    return accounts.get_indexer(ids)


def _aligned(values: np.ndarray, at: np.ndarray | None, fill: float = np.nan) -> np.ndarray:
    """Per-account values in the order of the influencer table; ``fill`` for accounts without
    posts (whole numbers turn to floats when the fill needs it, as a join does)."""
    if at is None:
        return values
    return pd.api.extensions.take(np.asarray(values), at, allow_fill=True, fill_value=fill)


def _has_text(column: pd.Series) -> np.ndarray:
    """Whether each value is a non-empty text (a missing value counts as empty)."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow":
        import pyarrow as pa  # the column is held by pyarrow: it is installed
        import pyarrow.compute as pc

        lengths = pc.binary_length(pa.array(column.array)).to_numpy(zero_copy_only=False)
        return lengths > 0  # NaN (missing) is not
    return column.fillna("").ne("").to_numpy(dtype=bool)


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
