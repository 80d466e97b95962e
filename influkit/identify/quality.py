"""Audience quality: the warning signs of bought followers, engagement pods and fake audiences.

Owns DOMAIN §5's audience-quality signals, each turned into a flag with its reason in words
(a catalogue message and its parameters) and its evidence (the value and the norm):
follower jumps no content explains, an ER or a comments-to-likes ratio far off the peers of
the same platform x tier, a low audience credibility and a high share of suspicious + mass
followers. Also owns the plan's record of which influencers the trainee has reviewed.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from influkit import metrics
from influkit.identify.influence import MIN_PEERS, PEER_KEYS, peer_norm
from influkit.plan.model import Plan
from influkit.text import i18n
from influkit.text.formats import fmt_date, fmt_number, fmt_percent

# --- thresholds -------------------------------------------------------------------------------

#: A week's growth is a jump above +10 % ...
JUMP_MIN_GROWTH = 0.10
#: ... and more than 5 times the account's typical (median) weekly growth.
JUMP_MIN_RATIO = 5.0
#: The typical growth used for the ratio is at least 0.1 % a week (a flat account is not 0).
TYPICAL_GROWTH_FLOOR = 0.001
#: A post explains a jump when it drew 3 times the account's usual interactions.
VIRAL_FACTOR = 3.0
#: "Usual" is the median of the same format when the account has this many posts of it.
FORMAT_MIN_POSTS = 3
#: ER above 2.5x the peers' median suggests engagement pods; under 0.4x an inactive audience.
ER_HIGH_RATIO = 2.5
ER_LOW_RATIO = 0.4
#: Comments-to-likes outside [1/3, 3] x the peers' median is far off.
COMMENTS_HIGH_RATIO = 3.0
COMMENTS_LOW_RATIO = 1 / 3
#: HypeAuditor / Modash: audience credibility under 75 % suggests fraud.
CREDIBILITY_MIN = 0.75
#: Suspicious + mass followers above 25 % is a warning.
SUSPICIOUS_MAX = 0.25
#: Platforms without likes, where a comments-to-likes ratio means nothing.
NO_LIKES_PLATFORMS: tuple[str, ...] = ("twitch",)
#: The benchmark metric matching each ER basis in ``benchmarks.csv``.
BENCHMARK_METRIC: dict[str, str] = {"followers": "er_followers", "views": "er_views"}

# --- vocabulary -------------------------------------------------------------------------------

LEVELS: tuple[str, ...] = ("alert", "warning", "info")
LEVEL_WEIGHT: dict[str, int] = {"alert": 3, "warning": 1, "info": 0}
#: Every flag code with its level; "explained_jump" is listed, never counted as a signal.
FLAG_LEVELS: dict[str, str] = {
    "bought_jump": "alert",
    "er_high": "alert",
    "low_credibility": "alert",
    "er_low": "warning",
    "comments_high": "warning",
    "comments_low": "warning",
    "suspicious_followers": "warning",
    "explained_jump": "info",
}
FLAG_CODES: tuple[str, ...] = tuple(FLAG_LEVELS)
#: The five signals of DOMAIN §5, each gathering its flag codes (a column of the summary).
SIGNAL_GROUPS: dict[str, tuple[str, ...]] = {
    "jump": ("bought_jump", "explained_jump"),
    "engagement": ("er_high", "er_low"),
    "comments": ("comments_high", "comments_low"),
    "credibility": ("low_credibility",),
    "suspicious": ("suspicious_followers",),
}
FLAG_COLUMNS: tuple[str, ...] = (
    "influencer_id",
    "code",
    "level",
    "value",
    "norm",
    "message_key",
    "params",
)
#: How each message parameter is written for people (see :func:`flag_message`).
PARAM_KINDS: dict[str, str] = {
    "growth": "percent",
    "typical": "percent",
    "ratio": "times",
    "post_lift": "times",
    "week": "date",
    "post_date": "date",
    "followers_before": "count",
    "followers_after": "count",
    "peers": "count",
    "value": "percent",
    "norm": "percent",
    "bench_low": "percent",
    "bench_high": "percent",
    "threshold": "whole_percent",
    "suspicious": "percent",
    "mass": "percent",
    "cl_value": "per_hundred",
    "cl_norm": "per_hundred",
    "platform": "data.platform",
    "tier": "metrics.tier",
    "post_format": "data.format",
}
REVIEWED_NOTE_KEY = "quality_reviewed"


# --- follower jumps ---------------------------------------------------------------------------


def _monday(stamps: pd.Series) -> pd.Series:
    """The Monday (00:00) of the week of each timestamp."""
    stamps = pd.to_datetime(stamps)
    return stamps.dt.normalize() - pd.to_timedelta(stamps.dt.day_of_week, unit="D")


def post_lift(posts: pd.DataFrame, min_format_posts: int = FORMAT_MIN_POSTS) -> pd.Series:
    """How many times each post beat its account's usual interactions (index of ``posts``).

    Usual = the median interactions of the account's posts of the same format when it has at
    least ``min_format_posts`` of them (a story is not judged against a reel), else of all
    its posts. NaN when the usual figure is zero or unknown.
    """
    counts = posts.reindex(columns=list(metrics.INTERACTIONS)).apply(pd.to_numeric, errors="coerce")
    interactions = counts.fillna(0.0).sum(axis=1)
    by_account = interactions.groupby(posts["influencer_id"])
    account_median = by_account.transform("median")
    by_format = interactions.groupby([posts["influencer_id"], posts["format"].astype(object)])
    format_median = by_format.transform("median")
    format_posts = by_format.transform("size")
    usual = format_median.where(format_posts >= min_format_posts, account_median)
    return metrics.ratio(interactions, usual)


def weekly_growth(history: pd.DataFrame) -> pd.DataFrame:
    """Each account's weekly follower growth with its typical growth and a robust z-score.

    Columns: influencer_id, week, followers_before, followers, growth (a fraction), typical
    (the account's median weekly growth), ratio (growth / typical, typical at least
    ``TYPICAL_GROWTH_FLOOR``) and robust_z ((growth - median) / (1.4826 x MAD)).
    """
    frame = history[["influencer_id", "week", "followers"]].copy()
    frame["week"] = _monday(frame["week"])
    frame["followers"] = pd.to_numeric(frame["followers"], errors="coerce").astype(float)
    frame = frame.sort_values(["influencer_id", "week"], kind="stable").reset_index(drop=True)
    before = frame.groupby("influencer_id")["followers"].shift()
    frame.insert(2, "followers_before", before)
    frame["growth"] = metrics.ratio(frame["followers"] - before, before)
    by_account = frame.groupby("influencer_id")["growth"]
    frame["typical"] = by_account.transform("median")
    spread = (frame["growth"] - frame["typical"]).abs().groupby(frame["influencer_id"])
    mad = spread.transform("median") * 1.4826
    frame["ratio"] = metrics.ratio(
        frame["growth"], np.maximum(frame["typical"].fillna(0.0), TYPICAL_GROWTH_FLOOR)
    )
    frame["robust_z"] = metrics.ratio(
        frame["growth"] - frame["typical"], np.maximum(mad.fillna(0.0), TYPICAL_GROWTH_FLOOR / 10)
    )
    return frame


def follower_jumps(
    history: pd.DataFrame,
    posts: pd.DataFrame,
    *,
    min_growth: float = JUMP_MIN_GROWTH,
    min_ratio: float = JUMP_MIN_RATIO,
    viral_factor: float = VIRAL_FACTOR,
) -> pd.DataFrame:
    """Weeks whose follower growth is far above the account's own, and whether a post explains it.

    A jump: growth above ``min_growth`` and above ``min_ratio`` x the typical weekly growth.
    It is explained when a post of that week or the week before drew at least
    ``viral_factor`` x the account's usual interactions (:func:`post_lift`); the strongest such
    post is given (post_id, post_date, post_format, post_lift).
    """
    growth = weekly_growth(history)
    jumps = growth.loc[(growth["growth"] > min_growth) & (growth["ratio"] > min_ratio)]
    jumps = jumps.reset_index(drop=True)
    columns = [
        *growth.columns,
        "explained",
        "post_id",
        "post_date",
        "post_format",
        "post_lift",
    ]
    if jumps.empty:
        return pd.DataFrame(columns=columns)
    jumps["jump"] = np.arange(len(jumps))
    lifted = pd.DataFrame(
        {
            "influencer_id": posts["influencer_id"].to_numpy(),
            "post_week": _monday(posts["published_at"]).to_numpy(),
            "post_id": posts["post_id"].to_numpy(),
            "post_date": pd.to_datetime(posts["published_at"]).to_numpy(),
            "post_format": posts["format"].astype(object).to_numpy(),
            "post_lift": post_lift(posts).to_numpy(),
        }
    )
    # The jump's week and the week before, each matched with that week's posts.
    windows = pd.concat(
        [
            jumps[["jump", "influencer_id"]].assign(post_week=jumps["week"] - pd.Timedelta(days=d))
            for d in (0, 7)
        ],
        ignore_index=True,
    )
    candidates = windows.merge(lifted, on=["influencer_id", "post_week"], how="inner")
    candidates = candidates.loc[candidates["post_lift"].notna()]
    if len(candidates):
        best = candidates.loc[candidates.groupby("jump")["post_lift"].idxmax()]
        best = best.set_index("jump")[["post_id", "post_date", "post_format", "post_lift"]]
        jumps = jumps.join(best, on="jump")
    else:
        jumps = jumps.assign(post_id=None, post_date=pd.NaT, post_format=None, post_lift=np.nan)
    jumps["explained"] = jumps["post_lift"].fillna(0.0) >= viral_factor
    return jumps[columns]


# --- flags ------------------------------------------------------------------------------------


def er_benchmarks(benchmarks: pd.DataFrame | None, basis: str = "followers") -> pd.DataFrame:
    """The published ER range per platform x tier for an ER basis (empty when none exists)."""
    metric = BENCHMARK_METRIC.get(basis)
    columns = ["platform", "tier", "bench_low", "bench_high"]
    if benchmarks is None or metric is None or benchmarks.empty:
        return pd.DataFrame(columns=columns)
    rows = benchmarks.loc[benchmarks["metric"] == metric, ["platform", "tier", "low", "high"]]
    rows = rows.rename(columns={"low": "bench_low", "high": "bench_high"})
    return rows.astype({"platform": object, "tier": object})[columns].reset_index(drop=True)


def doubtful_share(suspicious: Any, mass: Any) -> Any:
    """Suspicious + mass followers as one share; a missing part counts 0, both missing is NaN."""
    kind, index, (sus, mas) = metrics._prepare(suspicious, mass)
    total = np.where(
        np.isnan(sus) & np.isnan(mas),
        np.nan,
        np.nan_to_num(sus, nan=0.0) + np.nan_to_num(mas, nan=0.0),
    )
    return metrics._wrap(total, kind, index)


def er_benchmark_range(
    benchmarks: pd.DataFrame | None, basis: str, platform: str, tier: str
) -> tuple[float, float] | None:
    """The published (low, high) ER range of one platform x tier, or None when there is none."""
    rows = er_benchmarks(benchmarks, basis)
    match = rows.loc[(rows["platform"] == platform) & (rows["tier"] == tier)]
    if match.empty or match[["bench_low", "bench_high"]].iloc[0].isna().any():
        return None
    return float(match["bench_low"].iloc[0]), float(match["bench_high"].iloc[0])


def peer_evidence(
    table: pd.DataFrame, influencer_id: str, column: str, min_peers: int = MIN_PEERS
) -> dict[str, Any] | None:
    """One account's ``column`` among its peers' (same platform x tier): value, norm, ratio.

    Returns None when the account has no value or too few peers have one; ``peers`` holds
    the peers' values (the account included) for a chart.
    """
    row = table.loc[table["influencer_id"] == influencer_id]
    if row.empty:
        return None
    platform, tier = row["platform"].iloc[0], row["tier"].astype(object).iloc[0]
    value = pd.to_numeric(row[column], errors="coerce").iloc[0]
    same = (table["platform"] == platform) & (table["tier"].astype(object) == tier)
    if column == "comments_to_likes":
        same &= ~table["platform"].isin(NO_LIKES_PLATFORMS)
    peers = pd.to_numeric(table.loc[same, column], errors="coerce").dropna()
    if pd.isna(value) or len(peers) < min_peers:
        return None
    norm = float(peers.median())
    return {
        "value": float(value),
        "norm": norm,
        "ratio": metrics.ratio(float(value), norm),
        "peers": peers.reset_index(drop=True),
        "platform": platform,
        "tier": tier,
    }


@dataclass(frozen=True)
class PeerView:
    """How one peer comparison is shown: a rate (in %) or a number, the usual band around the
    peers' median (``low`` to ``high`` times it), the unit's scale and the chart's words."""

    column: str
    percent: bool
    low: float
    high: float
    title_key: str
    axis_key: str
    #: Comments per like are shown per 100 likes.
    scale: float = 1.0


#: The peer comparisons of an account's evidence, in the order they are shown.
PEER_VIEWS: dict[str, PeerView] = {
    "er": PeerView("er", True, ER_LOW_RATIO, ER_HIGH_RATIO, "quality.er_chart", "quality.axis_er"),
    "comments_to_likes": PeerView(
        "comments_to_likes",
        False,
        COMMENTS_LOW_RATIO,
        COMMENTS_HIGH_RATIO,
        "quality.cl_chart",
        "quality.axis_cl",
        scale=100.0,
    ),
}


def peer_view_evidence(
    table: pd.DataFrame, influencer_id: str, view: PeerView
) -> dict[str, Any] | None:
    """:func:`peer_evidence` of ``view``'s column in the unit it is shown in (value, norm and
    peers times ``view.scale``; the ratio unchanged), or None without enough peers."""
    evidence = peer_evidence(table, influencer_id, view.column)
    if evidence is None:
        return None
    return {
        **evidence,
        "value": evidence["value"] * view.scale,
        "norm": evidence["norm"] * view.scale,
        "peers": evidence["peers"] * view.scale,
    }


@dataclass(frozen=True)
class JumpMark:
    """A follower jump to mark on a chart: the week it spans, whether it looks bought, and the
    viral post that explains it (its day and the followers then) when there is one."""

    start: pd.Timestamp
    end: pd.Timestamp
    bought: bool
    post_date: pd.Timestamp | None = None
    post_followers: float | None = None


def jump_marks(flags: pd.DataFrame, history: pd.DataFrame, followers: float) -> list[JumpMark]:
    """The jumps among one account's ``flags``, spanning the week before each flagged Monday.

    An explained jump's viral post sits at the followers of the last week before it (or
    ``followers``, today's count, when it precedes the history).
    """
    marks = []
    jumps = flags.loc[flags["code"].isin(["bought_jump", "explained_jump"])]
    for flag in jumps.to_dict("records"):
        week = pd.Timestamp(flag["params"]["week"])
        bought = flag["code"] == "bought_jump"
        post_date = post_followers = None
        if not bought and flag["params"].get("post_date"):
            post_date = pd.Timestamp(flag["params"]["post_date"])
            level = history.loc[history["week"] <= post_date, "followers"]
            post_followers = level.iloc[-1] if len(level) else followers
        marks.append(
            JumpMark(
                week - pd.Timedelta(days=7),
                week + pd.Timedelta(days=1),
                bought,
                post_date,
                post_followers,
            )
        )
    return marks


@dataclass(frozen=True)
class Gauge:
    """One audience share against its threshold: credibility (higher is better) or doubtful
    followers (lower is better); ``safe`` when on the good side; ``position`` its row."""

    code: str
    value: float
    threshold: float
    higher_is_better: bool
    safe: bool
    position: int


def audience_gauges(credibility: Any, doubtful: Any) -> list[Gauge]:
    """The credibility and doubtful-followers gauges of an account, leaving out a missing one
    (each keeps its row)."""
    gauges = []
    specs = [
        ("credibility", credibility, CREDIBILITY_MIN, True),
        ("doubtful", doubtful, SUSPICIOUS_MAX, False),
    ]
    for position, (code, value, threshold, higher_is_better) in enumerate(specs):
        if pd.isna(value):
            continue
        safe = value >= threshold if higher_is_better else value <= threshold
        gauges.append(Gauge(code, float(value), threshold, higher_is_better, bool(safe), position))
    return gauges


def _clean(value: Any) -> Any:
    """A parameter value as plain Python (NaN becomes None) so it travels in JSON."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date()
    return value


def _rows(
    frame: pd.DataFrame, code: str, value: str, norm: str | None, params: Mapping[str, str]
) -> pd.DataFrame:
    """Flag rows for ``frame``'s accounts; ``params`` maps parameter names to its columns."""
    if frame.empty:
        return pd.DataFrame(columns=list(FLAG_COLUMNS))
    records = frame[list(dict.fromkeys([value, *([norm] if norm else []), *params.values()]))]
    packed = [
        {name: _clean(row[column]) for name, column in params.items()}
        for row in records.to_dict("records")
    ]
    return pd.DataFrame(
        {
            "influencer_id": frame["influencer_id"].to_numpy(),
            "code": code,
            "level": FLAG_LEVELS[code],
            "value": pd.to_numeric(frame[value], errors="coerce").to_numpy(dtype=float),
            "norm": (
                pd.to_numeric(frame[norm], errors="coerce").to_numpy(dtype=float)
                if norm
                else np.nan
            ),
            "message_key": f"quality.flag.{code}",
            "params": packed,
        }
    )


def quality_flags(
    table: pd.DataFrame,
    history: pd.DataFrame | None,
    posts: pd.DataFrame | None,
    *,
    benchmarks: pd.DataFrame | None = None,
    basis: str = "followers",
    min_peers: int = MIN_PEERS,
) -> pd.DataFrame:
    """Every audience-quality flag of the influencers in ``table``, one row per flag.

    Columns: influencer_id, code, level (alert, warning, info), value, norm, message_key
    and params (the message's parameters, raw numbers and dates). ``table`` is
    :func:`influkit.identify.profiles.influencer_table` (its ``er`` follows the plan's basis, given
    here as ``basis`` to pick the matching benchmark range). Explained jumps are listed at
    level "info": they are evidence, not a warning.
    """
    ids = set(table["influencer_id"])
    parts: list[pd.DataFrame] = []

    if history is not None and posts is not None and len(history):
        jumps = follower_jumps(
            history.loc[history["influencer_id"].isin(ids)],
            posts.loc[posts["influencer_id"].isin(ids)],
        )
        jumps = jumps.assign(followers_after=jumps["followers"])
        jump_params = {
            "week": "week",
            "growth": "growth",
            "typical": "typical",
            "ratio": "ratio",
            "followers_before": "followers_before",
            "followers_after": "followers_after",
        }
        parts.append(
            _rows(jumps.loc[~jumps["explained"]], "bought_jump", "growth", "typical", jump_params)
        )
        parts.append(
            _rows(
                jumps.loc[jumps["explained"]],
                "explained_jump",
                "growth",
                "typical",
                {
                    **jump_params,
                    "post_id": "post_id",
                    "post_date": "post_date",
                    "post_format": "post_format",
                    "post_lift": "post_lift",
                },
            )
        )

    frame = table.copy()
    frame["tier"] = frame["tier"].astype(object)
    er = peer_norm(frame, "er", PEER_KEYS, min_peers)
    frame["er_norm"], frame["er_peers"] = er["norm"], er["peers"]
    frame["er_ratio"] = metrics.ratio(frame["er"], frame["er_norm"])
    bench = er_benchmarks(benchmarks, basis)
    frame = frame.merge(bench, on=["platform", "tier"], how="left")
    er_params = {
        "value": "er",
        "norm": "er_norm",
        "ratio": "er_ratio",
        "peers": "er_peers",
        "platform": "platform",
        "tier": "tier",
        "bench_low": "bench_low",
        "bench_high": "bench_high",
    }
    parts.append(
        _rows(frame.loc[frame["er_ratio"] > ER_HIGH_RATIO], "er_high", "er", "er_norm", er_params)
    )
    parts.append(
        _rows(frame.loc[frame["er_ratio"] < ER_LOW_RATIO], "er_low", "er", "er_norm", er_params)
    )

    with_likes = frame.loc[~frame["platform"].isin(NO_LIKES_PLATFORMS)].copy()
    cl = peer_norm(with_likes, "comments_to_likes", PEER_KEYS, min_peers)
    with_likes["cl_norm"], with_likes["cl_peers"] = cl["norm"], cl["peers"]
    with_likes["cl_ratio"] = metrics.ratio(with_likes["comments_to_likes"], with_likes["cl_norm"])
    cl_params = {
        "cl_value": "comments_to_likes",
        "cl_norm": "cl_norm",
        "ratio": "cl_ratio",
        "peers": "cl_peers",
        "platform": "platform",
        "tier": "tier",
    }
    parts.append(
        _rows(
            with_likes.loc[with_likes["cl_ratio"] > COMMENTS_HIGH_RATIO],
            "comments_high",
            "comments_to_likes",
            "cl_norm",
            cl_params,
        )
    )
    parts.append(
        _rows(
            with_likes.loc[with_likes["cl_ratio"] < COMMENTS_LOW_RATIO],
            "comments_low",
            "comments_to_likes",
            "cl_norm",
            cl_params,
        )
    )

    frame["threshold_credibility"] = CREDIBILITY_MIN
    credibility = pd.to_numeric(frame["audience_credibility"], errors="coerce")
    parts.append(
        _rows(
            frame.loc[credibility < CREDIBILITY_MIN],
            "low_credibility",
            "audience_credibility",
            "threshold_credibility",
            {"value": "audience_credibility", "threshold": "threshold_credibility"},
        )
    )

    frame["doubtful_share"] = doubtful_share(
        frame["suspicious_followers_share"], frame["mass_followers_share"]
    )
    frame["threshold_doubtful"] = SUSPICIOUS_MAX
    parts.append(
        _rows(
            frame.loc[frame["doubtful_share"] > SUSPICIOUS_MAX],
            "suspicious_followers",
            "doubtful_share",
            "threshold_doubtful",
            {
                "value": "doubtful_share",
                "suspicious": "suspicious_followers_share",
                "mass": "mass_followers_share",
                "threshold": "threshold_doubtful",
            },
        )
    )

    parts = [p for p in parts if not p.empty]
    if not parts:
        return pd.DataFrame(columns=list(FLAG_COLUMNS))
    flags = pd.concat(parts, ignore_index=True)
    order = {code: i for i, code in enumerate(FLAG_CODES)}
    flags = flags.assign(_order=flags["code"].map(order)).sort_values(
        ["influencer_id", "_order"], kind="stable"
    )
    return flags.drop(columns="_order").reset_index(drop=True)


def quality_summary(flags: pd.DataFrame, ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Per influencer: alerts, warnings, explained jumps, signals (alerts + warnings), score
    (3 per alert, 1 per warning), worst level and the codes; ``ids`` adds clean accounts.
    """
    columns = [
        "influencer_id",
        "alerts",
        "warnings",
        "explained",
        "signals",
        "score",
        "worst_level",
        "codes",
    ]
    counted = flags.assign(
        alert=(flags["level"] == "alert").astype(int),
        warning=(flags["level"] == "warning").astype(int),
        info=(flags["level"] == "info").astype(int),
        weight=flags["level"].map(LEVEL_WEIGHT).fillna(0).astype(int),
    )
    summary = counted.groupby("influencer_id").agg(
        alerts=("alert", "sum"),
        warnings=("warning", "sum"),
        explained=("info", "sum"),
        score=("weight", "sum"),
        codes=("code", lambda s: list(dict.fromkeys(s))),
    )
    if ids is not None:
        summary = summary.reindex(list(dict.fromkeys([*summary.index, *ids])))
        for column in ("alerts", "warnings", "explained", "score"):
            summary[column] = summary[column].fillna(0).astype(int)
        summary["codes"] = summary["codes"].apply(lambda c: c if isinstance(c, list) else [])
    summary["signals"] = summary["alerts"] + summary["warnings"]
    summary["worst_level"] = np.select(
        [summary["alerts"] > 0, summary["warnings"] > 0, summary["explained"] > 0],
        ["alert", "warning", "info"],
        default="",
    )
    summary = summary.rename_axis("influencer_id").reset_index()
    summary = summary.sort_values(
        ["score", "signals", "influencer_id"], ascending=[False, False, True], kind="stable"
    )
    return summary[columns].reset_index(drop=True)


def flagged_ids(summary: pd.DataFrame, ids: Iterable[str]) -> list[str]:
    """Those of ``ids`` showing at least one sign (a row of :func:`quality_summary` with
    ``signals`` > 0), in their order."""
    return [i for i in ids if summary.loc[i, "signals"] > 0]


def review_list(
    summary: pd.DataFrame, ids: Iterable[str], only_signals: bool = False, worst_first: bool = False
) -> pd.DataFrame:
    """The rows of :func:`quality_summary` (indexed by id) to review: those of ``ids``, only the
    ones with a sign or an explained jump if asked, the worst first if asked (ties keep order)."""
    listed = summary.loc[list(ids)]
    if only_signals:
        listed = listed.loc[(listed["signals"] > 0) | (listed["explained"] > 0)]
    if worst_first:
        listed = listed.sort_values(["score", "signals"], ascending=False, kind="stable")
    return listed


def signal_matrix(summary: pd.DataFrame) -> pd.DataFrame:
    """The summary's codes spread over the five signals: one column per signal group, holding
    the code found for it ("" when none), one row per influencer (same order).
    """
    matrix = pd.DataFrame(index=summary["influencer_id"].to_numpy())
    for group, codes in SIGNAL_GROUPS.items():
        matrix[group] = [next((c for c in found if c in codes), "") for found in summary["codes"]]
    return matrix.rename_axis("influencer_id")


def _fmt_param(name: str, value: Any, lang: str) -> Any:
    """One message parameter written for people in ``lang``."""
    kind = PARAM_KINDS.get(name)
    if kind is None:
        return value
    if value is None:
        return fmt_number(None, lang)
    if kind == "percent":
        return fmt_percent(value, lang, 2 if abs(value) < 0.01 else 1)
    if kind == "times":
        return fmt_number(value, lang, 1)
    if kind == "whole_percent":
        return fmt_percent(value, lang, 0)
    if kind == "per_hundred":
        return fmt_number(value * 100, lang, 1)
    if kind == "count":
        return fmt_number(value, lang)
    if kind == "date":
        return fmt_date(value, lang)
    return i18n.label(kind, value, lang)


def flag_message(flag: Mapping[str, Any], lang: str = "fr") -> str:
    """The reason of a flag (a row of :func:`quality_flags`) in words, in ``lang``."""
    params = {
        name: _fmt_param(name, value, lang) for name, value in (flag.get("params") or {}).items()
    }
    message = i18n.t(flag["message_key"], lang, **params)
    raw = flag.get("params") or {}
    if flag.get("code") in ("er_high", "er_low") and raw.get("bench_low") is not None:
        message += " " + i18n.t("quality.flag.bench_range", lang, **params)
    return message


def flag_label(code: str, lang: str = "fr") -> str:
    """The short name of a flag code (for tables)."""
    return i18n.t(f"quality.code.{code}", lang)


# --- the plan's review record -----------------------------------------------------------------


def reviewed_ids(plan: Plan) -> set[str]:
    """The influencers whose audience quality the trainee marked as reviewed in this plan."""
    raw = (plan.notes or {}).get(REVIEWED_NOTE_KEY, "")
    if not raw.strip():
        return set()
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        data = raw.split(",")
    if not isinstance(data, list):
        return set()
    return {str(item).strip() for item in data if str(item).strip()}


def mark_reviewed(plan: Plan, influencer_id: str, reviewed: bool = True) -> bool:
    """Record (or withdraw) the review of an influencer in the plan; True when it changed."""
    current = reviewed_ids(plan)
    updated = current | {influencer_id} if reviewed else current - {influencer_id}
    if updated == current:
        return False
    plan.notes = {**plan.notes, REVIEWED_NOTE_KEY: json.dumps(sorted(updated))}
    return True


def review_progress(plan: Plan) -> tuple[int, int]:
    """How many shortlisted influencers are reviewed, out of how many are shortlisted."""
    shortlisted = plan.shortlisted_ids()
    done = reviewed_ids(plan)
    return sum(1 for i in shortlisted if i in done), len(shortlisted)
