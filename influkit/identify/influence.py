"""Measuring influence beyond likes: comments, recommendation signals and mentions (module 2).

Owns the per-account influence signals (comments per post, share and save rates per reach,
@mentions and brand mentions in captions), their comparison with the norm of the account's
peers (same platform x tier, median), and the market's brand voice from ``brand_mentions``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from influkit import metrics
from influkit.identify.profiles import last_posts
from influkit.plan.model import PLATFORMS

#: The signals, in the order tables and charts show them.
SIGNALS: tuple[str, ...] = (
    "comments_per_post",
    "share_rate",
    "save_rate",
    "mentions_per_post",
    "brand_mention_posts",
)
#: The signals compared with their peers' norm (an index: 1 = the norm).
INDEX_SIGNALS: tuple[str, ...] = (
    "comments_per_post",
    "share_rate",
    "save_rate",
    "mentions_per_post",
)
#: Signals shown as a fraction (percent) rather than a count.
RATE_SIGNALS: tuple[str, ...] = ("share_rate", "save_rate")
#: Platforms whose posts count no saves (0 in the data means "not counted", not "nobody").
NO_SAVES_PLATFORMS: tuple[str, ...] = ("linkedin", "youtube", "twitch")
#: Platforms where shares and saves can both be compared.
SCATTER_PLATFORMS: tuple[str, ...] = tuple(p for p in PLATFORMS if p not in NO_SAVES_PLATFORMS)
#: A peer group smaller than this gives no norm: a median of three accounts says little.
MIN_PEERS = 5
PEER_KEYS: tuple[str, ...] = ("platform", "tier")
# An @handle not glued to a word (so an e-mail address is not a mention).
MENTION_PATTERN = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?")


def peer_norm(
    frame: pd.DataFrame,
    column: str,
    by: Sequence[str] = PEER_KEYS,
    min_peers: int = MIN_PEERS,
) -> pd.DataFrame:
    """Per row, the median of ``column`` over its peers (same ``by`` values) and their count.

    The count is of peers with a value; below ``min_peers`` the norm is NaN (not available).
    """
    keys = [frame[key].astype(object) for key in by]
    values = pd.to_numeric(frame[column], errors="coerce").astype(float)
    grouped = values.groupby(keys, dropna=True)
    norm = grouped.transform("median")
    peers = grouped.transform("count")
    peers = peers.reindex(frame.index).fillna(0).astype(int)
    norm = norm.reindex(frame.index).where(peers >= min_peers)
    return pd.DataFrame({"norm": norm, "peers": peers}, index=frame.index)


def market_brands(mentions: pd.DataFrame, market: str | None) -> list[str]:
    """The brands followed in ``brand_mentions`` for a case study (its brand and competitors)."""
    if not market or mentions.empty:
        return []
    return sorted(mentions.loc[mentions["market"] == market, "brand"].astype(str).unique())


def _brand_pattern(brands: Iterable[str]) -> re.Pattern[str] | None:
    """One regex matching any of the brand names as whole words, longest first."""
    names = sorted({b.strip() for b in brands if b and b.strip()}, key=len, reverse=True)
    if not names:
        return None
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


def influence_signals(
    table: pd.DataFrame,
    posts: pd.DataFrame,
    *,
    brands: Iterable[str] = (),
    n_posts: int | None = metrics.DEFAULT_N_POSTS,
) -> pd.DataFrame:
    """One row per influencer of ``table`` with its influence signals.

    Comments per post, share rate and save rate (shares or saves / reach, summed over the
    posts) and @mentions per post use the last ``n_posts`` posts, like the ER; brand mentions
    count every post in the data whose caption names one of ``brands``. An account without
    posts keeps the figures its table row has (an imported list). Saves count as "not
    available" on platforms that do not count them.
    """
    brands = [b for b in brands if b and b.strip()]
    base = table[["influencer_id", "platform", "tier", "followers"]].copy()
    base["tier"] = base["tier"].astype(object)
    recent = last_posts(posts, n_posts)
    captions = recent["caption"].fillna("").astype(str)
    # Only captions holding an "@" can hold a mention: the regex runs on those alone.
    has_at = captions.str.contains("@", regex=False)
    mentions = pd.Series(0, index=recent.index, dtype=float)
    mentions.loc[has_at] = captions.loc[has_at].str.count(MENTION_PATTERN.pattern)
    sums = (
        recent.assign(mentions=mentions)
        .groupby("influencer_id")
        .agg(
            posts_used=("post_id", "size"),
            comments=("comments", "sum"),
            shares=("shares", "sum"),
            saves=("saves", "sum"),
            reach=("reach", "sum"),
            mentions=("mentions", "sum"),
        )
    )
    base = base.join(sums, on="influencer_id")
    base["posts_used"] = base["posts_used"].fillna(0).astype(int)
    base["comments_per_post"] = metrics.ratio(base["comments"], base["posts_used"])
    base["share_rate"] = metrics.ratio(base["shares"], base["reach"])
    base["save_rate"] = metrics.ratio(base["saves"], base["reach"])
    base["mentions_per_post"] = metrics.ratio(base["mentions"], base["posts_used"])
    # Imported accounts have no posts: their own averages stand in.
    fallback = {
        "comments_per_post": "avg_comments",
        "share_rate": "share_rate",
        "save_rate": "save_rate",
    }
    no_posts = base["posts_used"] == 0
    for signal, column in fallback.items():
        if column in table.columns:
            own = pd.to_numeric(table[column], errors="coerce").to_numpy(dtype=float)
            base.loc[no_posts, signal] = own[no_posts.to_numpy()]
    base.loc[base["platform"].isin(NO_SAVES_PLATFORMS), "save_rate"] = np.nan

    pattern = _brand_pattern(brands)
    if pattern is not None:
        captions = posts["caption"].fillna("").astype(str)
        # A fast plain search first; the word-boundary regex then runs on the candidates only.
        names = "|".join(re.escape(b.strip()) for b in brands)
        candidates = captions.loc[captions.str.contains(names, regex=True)]
        found = candidates.str.extractall(pattern)[0].rename("brand")
        owners = posts["influencer_id"].reindex(found.index.get_level_values(0)).to_numpy()
        hits = pd.DataFrame(
            {
                "influencer_id": owners,
                "brand": found.to_numpy(),
                "post": found.index.get_level_values(0),
            }
        )
        per_account = hits.groupby("influencer_id").agg(
            brand_mention_posts=("post", "nunique"),
            brands_mentioned=("brand", lambda s: ", ".join(sorted(set(s)))),
        )
        base = base.join(per_account, on="influencer_id")
        has_posts = base["posts_used"] > 0
        base["brand_mention_posts"] = base["brand_mention_posts"].where(
            base["brand_mention_posts"].notna() | ~has_posts, 0.0
        )
        base["brands_mentioned"] = base["brands_mentioned"].fillna("")
    else:
        base["brand_mention_posts"] = np.nan
        base["brands_mentioned"] = ""
    columns = [
        "influencer_id",
        "platform",
        "tier",
        "followers",
        "posts_used",
        *SIGNALS,
        "brands_mentioned",
    ]
    return base[columns].reset_index(drop=True)


def versus_norm(
    signals: pd.DataFrame,
    by: Sequence[str] = PEER_KEYS,
    *,
    columns: Sequence[str] = SIGNALS,
    min_peers: int = MIN_PEERS,
) -> pd.DataFrame:
    """Each signal next to its peers' median (same ``by`` values): long format, one row each.

    Columns: influencer_id, the ``by`` keys, signal, value, norm, peers and index =
    value / norm (1.0 = at the norm; NaN when the norm is missing or zero).
    """
    parts = []
    for column in columns:
        if column not in signals.columns:
            continue
        norm = peer_norm(signals, column, by, min_peers)
        part = signals[["influencer_id", *by]].copy()
        part["signal"] = column
        part["value"] = pd.to_numeric(signals[column], errors="coerce").astype(float)
        part["norm"] = norm["norm"]
        part["peers"] = norm["peers"]
        part["index"] = metrics.ratio(part["value"], part["norm"])
        parts.append(part)
    if not parts:
        return pd.DataFrame(
            columns=["influencer_id", *by, "signal", "value", "norm", "peers", "index"]
        )
    return pd.concat(parts, ignore_index=True)


def index_table(long: pd.DataFrame) -> pd.DataFrame:
    """The indices of :func:`versus_norm` as one row per influencer, one column per signal."""
    wide = long.pivot_table(
        index="influencer_id", columns="signal", values="index", aggfunc="first", dropna=False
    )
    return wide.reindex(columns=[s for s in SIGNALS if s in wide.columns])


def strongest(
    indices: pd.DataFrame,
    n: int = 5,
    among: Iterable[str] | None = None,
    signals: Sequence[str] = ("comments_per_post", "share_rate", "save_rate"),
) -> list[str]:
    """The ``n`` influencers with the highest mean index over ``signals`` (of :func:`index_table`)."""
    frame = indices if among is None else indices.loc[indices.index.isin(list(among))]
    present = [s for s in signals if s in frame.columns]
    if frame.empty or not present:
        return []
    score = frame[present].mean(axis=1, skipna=True).dropna()
    return list(score.sort_values(ascending=False, kind="stable").index[:n])


def default_accounts(
    plan: Any, table: pd.DataFrame, indices: pd.DataFrame, summary: pd.DataFrame
) -> tuple[list[str], str]:
    """The accounts the influence page starts with, and why (a ``influence.*`` message): the
    plan's shortlist (8 at most, "default_shortlist"); else the 5 strongest of the brief's
    candidates ("default_strongest"); without a plan, the 5 strongest accounts with no
    audience-quality sign ("no_plan"), pods inflating every index.
    ``summary``: :func:`quality.quality_summary` indexed by id."""
    known = set(table["influencer_id"])
    shortlisted = [i for i in (plan.shortlisted_ids() if plan else []) if i in known]
    if shortlisted:
        return shortlisted[:8], "default_shortlist"
    if plan is not None:
        from influkit.campaign.budget import plan as budget_plan

        among = budget_plan.candidate_pool(plan, table)
    else:
        clean = summary.index[summary["signals"] == 0]
        among = table.loc[table["influencer_id"].isin(clean)]
    reason = "default_strongest" if plan is not None else "no_plan"
    return strongest(indices, n=5, among=among["influencer_id"]), reason


def charted_signals(indices: pd.DataFrame, chosen: Sequence[str]) -> list[str]:
    """The indexed signals at least one of the ``chosen`` accounts has an index for."""
    return [
        s
        for s in INDEX_SIGNALS
        if s in indices.columns and indices.loc[list(chosen), s].notna().any()
    ]


def hidden_columns(signals: pd.DataFrame, brands: Sequence[str]) -> list[str]:
    """The signals a table leaves out: mentions when no account mentions anyone, brand mentions
    when the market names no brand."""
    hidden = [] if has_mentions(signals) else ["mentions_per_post"]
    if not brands:
        hidden.append("brand_mention_posts")
    return hidden


def has_mentions(signals: pd.DataFrame) -> bool:
    """Whether any account @mentions someone in its captions."""
    return bool((signals["mentions_per_post"].fillna(0) > 0).any())


def citing_accounts(signals: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """The ``n`` accounts naming the market's brands in the most posts (none that never do)."""
    return (
        signals.loc[signals["brand_mention_posts"] > 0]
        .sort_values("brand_mention_posts", ascending=False, kind="stable")
        .head(n)
    )


def tier_norms(
    signals: pd.DataFrame,
    by: Sequence[str] = PEER_KEYS,
    columns: Sequence[str] = SIGNALS,
    min_peers: int = MIN_PEERS,
) -> pd.DataFrame:
    """The peers' median of each signal per group (platform x tier), with the group size."""
    keyed = signals.assign(**{key: signals[key].astype(object) for key in by})
    grouped = keyed.groupby(list(by), dropna=True)
    norms = grouped[[c for c in columns if c in signals.columns]].median()
    counts = grouped.size().rename("accounts")
    norms = norms.join(counts)
    return norms.loc[norms["accounts"] >= min_peers].reset_index()


def market_voice(mentions: pd.DataFrame, market: str | None, weeks: int = 12) -> pd.DataFrame:
    """What influencers said about the market's brands over the last ``weeks`` weeks.

    One row per brand: influencer mentions, their share of voice among the market's brands,
    positive and negative mentions and the sentiment (positive / (positive + negative)).
    """
    columns = ["brand", "mentions", "share_of_voice", "positive", "negative", "sentiment"]
    if not market or mentions.empty:
        return pd.DataFrame(columns=columns)
    rows = mentions.loc[(mentions["market"] == market) & (mentions["source_type"] == "influencer")]
    if rows.empty:
        return pd.DataFrame(columns=columns)
    start = rows["week"].max() - pd.Timedelta(weeks=weeks - 1)
    rows = rows.loc[rows["week"] >= start]
    per_brand = rows.groupby("brand")[["mentions", "positive", "negative"]].sum()
    total = per_brand["mentions"].sum()
    per_brand["share_of_voice"] = metrics.share_of_voice(
        per_brand["mentions"], total - per_brand["mentions"]
    )
    per_brand["sentiment"] = metrics.sentiment(per_brand["positive"], per_brand["negative"])
    per_brand = per_brand.sort_values("mentions", ascending=False).reset_index()
    return per_brand[columns]
