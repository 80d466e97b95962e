"""Anticipating trends: hashtags gaining momentum in a niche, and who used them first (module 2).

Owns the hashtag usage of the posts (one row per post x hashtag), the momentum of each tag
(its weekly usage over the recent weeks against before), the weekly usage curves and the
earliest adopters of a tag. Weeks run Monday to Sunday; the recent window ends with the last
week the data covers.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from influkit import metrics
from influkit.errors import UserError

DEFAULT_RECENT_WEEKS = 8
#: Fewer recent uses than this is noise, not a trend.
DEFAULT_MIN_COUNT = 10
#: A tag used at least twice as often per week as before is rising.
RISING_MOMENTUM = 2.0
#: Added to both counts so a tag never seen before gets a finite momentum.
SMOOTHING = 0.5
#: An account adopts a tag on its second post with it: a one-off use is not adoption.
ADOPTION_POSTS = 2
USE_COLUMNS = ("post_id", "influencer_id", "published_at", "week", "hashtag", "niche")


def _monday(stamps: pd.Series) -> pd.Series:
    """The Monday (00:00) of the week of each timestamp."""
    stamps = pd.to_datetime(stamps)
    return stamps.dt.normalize() - pd.to_timedelta(stamps.dt.day_of_week, unit="D")


def _niches(niches: Iterable[str] | str | None) -> list[str]:
    """The niche filter as a list (empty = every niche)."""
    if niches is None:
        return []
    if isinstance(niches, str):
        return [niches]
    return [n for n in niches if n]


def hashtag_uses(
    posts: pd.DataFrame,
    influencers: pd.DataFrame | None = None,
    niches: Iterable[str] | str | None = None,
) -> pd.DataFrame:
    """One row per post x hashtag (lower-cased, once per post), with the author's niche.

    ``niches`` keeps the posts of accounts in those niches (needs ``influencers``).
    """
    frame = posts[["post_id", "influencer_id", "published_at", "hashtags"]]
    wanted = _niches(niches)
    niche = (
        frame["influencer_id"].map(influencers.set_index("influencer_id")["niche"])
        if influencers is not None
        else pd.Series(pd.NA, index=frame.index, dtype=object)
    )
    frame = frame.assign(niche=niche.astype(object))
    if wanted:
        frame = frame.loc[frame["niche"].isin(wanted)]
    tags = frame["hashtags"].fillna("").astype(str).str.lower().str.split()
    uses = frame.drop(columns="hashtags").assign(hashtag=tags).explode("hashtag")
    uses = uses.loc[uses["hashtag"].notna() & uses["hashtag"].astype(str).str.startswith("#")]
    uses = uses.drop_duplicates(["post_id", "hashtag"])
    uses["published_at"] = pd.to_datetime(uses["published_at"])
    uses["week"] = _monday(uses["published_at"])
    uses["hashtag"] = uses["hashtag"].astype(object)
    return uses[list(USE_COLUMNS)].reset_index(drop=True)


def data_weeks(posts: pd.DataFrame) -> pd.DatetimeIndex:
    """Every week (its Monday) from the first to the last post."""
    weeks = _monday(posts["published_at"])
    if weeks.empty or weeks.isna().all():
        return pd.DatetimeIndex([])
    return pd.date_range(weeks.min(), weeks.max(), freq="7D")


def rising_hashtags(
    posts: pd.DataFrame,
    influencers: pd.DataFrame,
    niches: Iterable[str] | str | None = None,
    recent_weeks: int = DEFAULT_RECENT_WEEKS,
    min_count: int = DEFAULT_MIN_COUNT,
) -> pd.DataFrame:
    """The hashtags of ``niches`` ranked by momentum, most rising first.

    Per tag: uses in the last ``recent_weeks`` weeks and before, as posts per week; momentum
    = recent rate / earlier rate (each count + ``SMOOTHING``, so a new tag stays finite);
    growth = the difference in posts per week; accounts using it recently; its main niche;
    its first use. Tags with fewer than ``min_count`` recent uses are left out (noise).
    ``rising`` marks a momentum of at least ``RISING_MOMENTUM``.
    """
    columns = [
        "rank",
        "hashtag",
        "niche",
        "recent_count",
        "before_count",
        "recent_per_week",
        "before_per_week",
        "momentum",
        "growth",
        "recent_accounts",
        "first_used",
        "rising",
    ]
    weeks = data_weeks(posts)
    if isinstance(recent_weeks, bool) or not isinstance(recent_weeks, int | np.integer):
        raise UserError("trends.error_window", weeks=recent_weeks, available=len(weeks) - 1)
    if recent_weeks < 1 or recent_weeks >= len(weeks):
        raise UserError("trends.error_window", weeks=recent_weeks, available=max(len(weeks) - 1, 0))
    uses = hashtag_uses(posts, influencers, niches)
    if uses.empty:
        return pd.DataFrame(columns=columns)
    start = weeks[-recent_weeks]
    before_weeks = len(weeks) - recent_weeks
    uses["recent"] = uses["week"] >= start
    grouped = uses.groupby("hashtag")
    table = pd.DataFrame(
        {
            "recent_count": grouped["recent"].sum(),
            "total": grouped.size(),
            "first_used": grouped["published_at"].min(),
        }
    )
    table["recent_count"] = table["recent_count"].astype(int)
    table["before_count"] = (table["total"] - table["recent_count"]).astype(int)
    recent_accounts = uses.loc[uses["recent"]].groupby("hashtag")["influencer_id"].nunique()
    table["recent_accounts"] = recent_accounts.reindex(table.index).fillna(0).astype(int)
    main_niche = (
        uses.groupby(["hashtag", "niche"])
        .size()
        .reset_index(name="n")
        .sort_values(["hashtag", "n"], ascending=[True, False], kind="stable")
        .drop_duplicates("hashtag")
        .set_index("hashtag")["niche"]
    )
    table["niche"] = main_niche.reindex(table.index)
    table["recent_per_week"] = table["recent_count"] / recent_weeks
    table["before_per_week"] = table["before_count"] / before_weeks
    table["momentum"] = metrics.ratio(
        (table["recent_count"] + SMOOTHING) / recent_weeks,
        (table["before_count"] + SMOOTHING) / before_weeks,
    )
    table["growth"] = table["recent_per_week"] - table["before_per_week"]
    table = table.loc[table["recent_count"] >= min_count]
    table = table.rename_axis("hashtag").reset_index()
    table = table.sort_values(
        ["momentum", "recent_count", "hashtag"], ascending=[False, False, True], kind="stable"
    )
    table["rank"] = np.arange(1, len(table) + 1)
    table["rising"] = table["momentum"] >= RISING_MOMENTUM
    return table[columns].reset_index(drop=True)


def recent_window(weeks: pd.DatetimeIndex, recent_weeks: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of the ``recent_weeks`` last weeks of the data (a Monday to a
    Sunday)."""
    return weeks[-recent_weeks], weeks[-1] + pd.Timedelta(days=6)


def charted_hashtags(ranked: pd.DataFrame, n: int = 5) -> list[str]:
    """The hashtags to follow week by week: the ``n`` most rising, or the ``n`` first of the
    ranking when none is rising."""
    rising = ranked.loc[ranked["rising"]]
    return list((rising if len(rising) else ranked)["hashtag"].head(n))


def weekly_usage(
    posts: pd.DataFrame,
    hashtags: Iterable[str],
    influencers: pd.DataFrame | None = None,
    niches: Iterable[str] | str | None = None,
) -> pd.DataFrame:
    """Posts per week using each of ``hashtags`` (every week of the data, zeros included)."""
    wanted = [h.lower() for h in hashtags]
    weeks = data_weeks(posts)
    columns = ["week", "hashtag", "posts"]
    if not wanted or weeks.empty:
        return pd.DataFrame(columns=columns)
    uses = hashtag_uses(posts, influencers, niches)
    uses = uses.loc[uses["hashtag"].isin(wanted)]
    counts = uses.groupby(["hashtag", "week"]).size()
    full = pd.MultiIndex.from_product([wanted, weeks], names=["hashtag", "week"])
    counts = counts.reindex(full, fill_value=0).rename("posts").reset_index()
    counts["posts"] = counts["posts"].astype(int)
    return counts[columns]


def first_adopters(
    posts: pd.DataFrame,
    hashtag: str,
    n: int = 5,
    influencers: pd.DataFrame | None = None,
    min_posts: int = ADOPTION_POSTS,
) -> pd.DataFrame:
    """The ``n`` accounts that adopted ``hashtag`` first, earliest first.

    An account adopts the tag on its ``min_posts``-th post with it (a single use may be
    chance); each row gives its first use, its adoption date and its number of uses, and,
    with ``influencers``, the handle, name, platform, niche and tier.
    """
    tag = (hashtag or "").lower()
    # A plain substring search keeps only the posts that may carry the tag.
    maybe = posts["hashtags"].fillna("").astype(str).str.lower().str.contains(tag, regex=False)
    uses = hashtag_uses(posts.loc[maybe])
    uses = uses.loc[uses["hashtag"] == tag].sort_values(
        ["influencer_id", "published_at"], kind="stable"
    )
    columns = ["rank", "influencer_id", "first_used", "adopted_on", "uses"]
    extra = ["handle", "display_name", "platform", "niche", "tier", "followers"]
    if uses.empty:
        return pd.DataFrame(columns=columns + (extra if influencers is not None else []))
    nth = uses.groupby("influencer_id").cumcount() + 1
    per_account = uses.groupby("influencer_id").agg(
        first_used=("published_at", "min"), uses=("post_id", "size")
    )
    adopted = uses.loc[nth == max(int(min_posts), 1)].set_index("influencer_id")["published_at"]
    per_account["adopted_on"] = adopted
    per_account = per_account.dropna(subset=["adopted_on"]).reset_index()
    per_account = per_account.sort_values(
        ["adopted_on", "first_used", "influencer_id"], kind="stable"
    ).head(n)
    per_account["rank"] = np.arange(1, len(per_account) + 1)
    per_account = per_account[columns]
    if influencers is not None:
        info = influencers.drop_duplicates("influencer_id").set_index("influencer_id")
        if "tier" not in info.columns and "followers" in info.columns:
            info = info.assign(tier=metrics.tier(info["followers"].astype(float)))
        for column in extra:
            values = info[column] if column in info.columns else pd.Series(dtype=object)
            per_account[column] = per_account["influencer_id"].map(values).astype(object)
    return per_account.reset_index(drop=True)
