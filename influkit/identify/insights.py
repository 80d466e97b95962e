"""Module 1's trends drawn from the data and their one-line readings.

Owns the monthly shares of platforms, the engagement rate by format and by tier, the
sponsorship and disclosure rates over time, the sentences that say what each chart shows
(computed from the same numbers).
Every computation is vectorised; sentences come from the ``understand.reading.*`` catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
from babel.dates import format_date

from influkit import metrics
from influkit.plan.model import PLATFORMS
from influkit.text import i18n
from influkit.text.formats import fmt_number, fmt_percent, locale_of

#: Post formats, in the order charts list them.
FORMATS: tuple[str, ...] = ("reel", "photo", "carousel", "video", "short", "story", "live", "text")
#: Months averaged at each end of a period to compare its start with its end (smooths noise).
DEFAULT_WINDOW = 3
#: A share that moves less than this (in fraction points) between both ends reads as stable.
STABLE_THRESHOLD = 0.02


# --- monthly series -------------------------------------------------------------------------


def month_of(published: pd.Series) -> pd.Series:
    """The first day of each timestamp's month (time zones dropped), as datetime64."""
    stamps = pd.to_datetime(published, errors="coerce")
    if getattr(stamps.dt, "tz", None) is not None:
        stamps = stamps.dt.tz_localize(None)
    return stamps.dt.to_period("M").dt.to_timestamp()


def _platform_of(posts: pd.DataFrame, influencers: pd.DataFrame) -> pd.Series:
    """The platform of each post's account, aligned on the posts."""
    lookup = influencers.drop_duplicates("influencer_id").set_index("influencer_id")["platform"]
    return posts["influencer_id"].map(lookup)


def _ordered(columns: Iterable[str], order: Iterable[str]) -> list[str]:
    """The columns in the preferred order first, then any other, alphabetically."""
    present = list(columns)
    known = [c for c in order if c in present]
    return known + sorted(c for c in present if c not in known)


def platform_share_by_month(
    posts: pd.DataFrame, influencers: pd.DataFrame, sponsored_only: bool = False
) -> pd.DataFrame:
    """Each platform's share of the month's posts (or sponsored posts): months x platforms."""
    frame = pd.DataFrame(
        {"month": month_of(posts["published_at"]), "platform": _platform_of(posts, influencers)}
    )
    if sponsored_only:
        frame = frame.loc[posts["sponsored"].fillna(False).astype(bool).to_numpy()]
    frame = frame.dropna()
    if frame.empty:
        return pd.DataFrame(index=pd.DatetimeIndex([], name="month"), dtype=float)
    counts = pd.crosstab(frame["month"], frame["platform"])
    shares = counts.div(counts.sum(axis=1), axis=0)
    shares = shares[_ordered(shares.columns, PLATFORMS)]
    shares.columns.name = "platform"
    return shares.astype(float)


def sponsorship_by_month(posts: pd.DataFrame) -> pd.DataFrame:
    """Per month: posts, sponsored posts, disclosed ones, sponsored share and disclosure rate."""
    sponsored = posts["sponsored"].fillna(False).astype(bool)
    disclosed = sponsored & (posts["disclosure"].fillna("").astype(str).str.strip().str.len() > 0)
    frame = pd.DataFrame(
        {
            "month": month_of(posts["published_at"]),
            "posts": 1,
            "sponsored": sponsored.astype(int),
            "disclosed": disclosed.astype(int),
        }
    ).dropna(subset=["month"])
    monthly = frame.groupby("month")[["posts", "sponsored", "disclosed"]].sum()
    monthly["sponsored_share"] = metrics.ratio(monthly["sponsored"], monthly["posts"])
    monthly["disclosure_rate"] = metrics.ratio(monthly["disclosed"], monthly["sponsored"])
    return monthly


def disclosure_rate_by_month(posts: pd.DataFrame) -> pd.Series:
    """The share of the month's sponsored posts that carry a commercial mention."""
    return sponsorship_by_month(posts)["disclosure_rate"].rename("disclosure_rate")


def sponsored_share_by_month(posts: pd.DataFrame) -> pd.Series:
    """The share of the month's posts that are sponsored."""
    return sponsorship_by_month(posts)["sponsored_share"].rename("sponsored_share")


# --- engagement by format and tier ----------------------------------------------------------


def post_engagement(
    posts: pd.DataFrame, influencers: pd.DataFrame, basis: str = "followers"
) -> pd.Series:
    """Each post's engagement rate by ``basis``; followers are the account's current count."""
    followers = posts["influencer_id"].map(
        influencers.drop_duplicates("influencer_id").set_index("influencer_id")["followers"]
    )
    counts = [posts[c] if c in posts.columns else 0 for c in metrics.INTERACTIONS]
    denominators = {c: posts[c] for c in ("reach", "impressions", "views") if c in posts.columns}
    return metrics.engagement_rate(*counts, followers=followers, basis=basis, **denominators)


def _summary(groups: pd.Series, values: pd.Series, count_name: str) -> pd.DataFrame:
    """Count, median and mean of the known ``values`` per group (NaN values left out)."""
    frame = pd.DataFrame({"group": groups.to_numpy(), "value": values.to_numpy()})
    frame = frame.dropna(subset=["group"])
    grouped = frame.groupby("group")["value"]
    out = pd.DataFrame(
        {count_name: grouped.count(), "median_er": grouped.median(), "mean_er": grouped.mean()}
    )
    out.index.name = None
    return out


def er_by_format(
    posts: pd.DataFrame,
    influencers: pd.DataFrame,
    basis: str = "followers",
    platforms: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Posts, median and mean per-post ER for each format (optionally on some platforms only)."""
    rates = post_engagement(posts, influencers, basis)
    keep = pd.Series(True, index=posts.index)
    chosen = list(platforms or [])
    if chosen:
        keep = _platform_of(posts, influencers).isin(chosen)
    table = _summary(posts.loc[keep, "format"], rates.loc[keep], "posts")
    return table.loc[_ordered(table.index, FORMATS)]


def er_by_tier(
    table: pd.DataFrame,
    scheme: str = metrics.DEFAULT_TIER_SCHEME,
    platforms: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Accounts, median and mean account ER for each tier of ``scheme`` (smallest tier first).

    ``table`` is an influencer table (``profiles.influencer_table``); tiers are recomputed from
    its followers so the scheme is explicit.
    """
    chosen = list(platforms or [])
    rows = table.loc[table["platform"].isin(chosen)] if chosen else table
    tiers = metrics.tier(rows["followers"].astype(float), scheme).astype(object)
    summary = _summary(tiers, rows["er"].astype(float), "accounts")
    order = [name for name, _ in metrics.TIER_SCHEMES[scheme]]
    return summary.loc[[t for t in order if t in summary.index]]


# --- readings: what a chart shows -----------------------------------------------------------


@dataclass(frozen=True)
class ShareShift:
    """How the shares of categories moved between the start and the end of a period."""

    category: str  # the category whose share moved most
    start: float
    end: float
    leader: str  # the largest category at the end
    leader_share: float
    stable: bool
    first_months: tuple[pd.Timestamp, pd.Timestamp]
    last_months: tuple[pd.Timestamp, pd.Timestamp]


@dataclass(frozen=True)
class SeriesShift:
    """How one rate moved between the start and the end of a period."""

    start: float
    end: float
    direction: str  # "up", "down" or "stable"
    first_months: tuple[pd.Timestamp, pd.Timestamp]
    last_months: tuple[pd.Timestamp, pd.Timestamp]


def _window(n_rows: int, window: int) -> int:
    """The number of months averaged at each end: at most half the period, at least one."""
    return max(1, min(window, n_rows // 2))


def share_shift(
    shares: pd.DataFrame, window: int = DEFAULT_WINDOW, threshold: float = STABLE_THRESHOLD
) -> ShareShift | None:
    """The category whose share moved most between the first and last ``window`` months."""
    shares = shares.sort_index().fillna(0.0)
    if len(shares) < 2 or shares.shape[1] == 0:
        return None
    size = _window(len(shares), window)
    head, tail = shares.iloc[:size].mean(), shares.iloc[-size:].mean()
    change = tail - head
    mover = str(change.abs().idxmax())
    leader = str(tail.idxmax())
    return ShareShift(
        category=mover,
        start=float(head[mover]),
        end=float(tail[mover]),
        leader=leader,
        leader_share=float(tail[leader]),
        stable=bool(abs(change[mover]) < threshold),
        first_months=(shares.index[0], shares.index[size - 1]),
        last_months=(shares.index[-size], shares.index[-1]),
    )


def series_shift(
    series: pd.Series, window: int = DEFAULT_WINDOW, threshold: float = STABLE_THRESHOLD
) -> SeriesShift | None:
    """How a monthly rate moved between its first and last ``window`` months."""
    series = series.sort_index().dropna()
    if len(series) < 2:
        return None
    size = _window(len(series), window)
    start, end = float(series.iloc[:size].mean()), float(series.iloc[-size:].mean())
    direction = "stable" if abs(end - start) < threshold else ("up" if end > start else "down")
    return SeriesShift(
        start=start,
        end=end,
        direction=direction,
        first_months=(series.index[0], series.index[size - 1]),
        last_months=(series.index[-size], series.index[-1]),
    )


def _pct(value: float, lang: str) -> str:
    """A rate for a sentence: one decimal, two under 1 % so small rates stay readable."""
    return fmt_percent(value, lang, 2 if abs(value) < 0.01 else 1)


def month_label(month: pd.Timestamp, lang: str) -> str:
    """A month for a chart axis: ``nov. 2025`` in French, ``Nov 2025`` in English."""
    return format_date(month.date(), "MMM y", locale=locale_of(lang))


def _months(span: tuple[pd.Timestamp, pd.Timestamp], lang: str) -> str:
    """A span of months in words: ``novembre 2025 – janvier 2026``, ``septembre – novembre 2026``."""
    start, end = span
    last = format_date(end.date(), "LLLL y", locale=locale_of(lang))
    if (start.year, start.month) == (end.year, end.month):
        return last
    pattern = "LLLL" if start.year == end.year else "LLLL y"
    return f"{format_date(start.date(), pattern, locale=locale_of(lang))} – {last}"


def trend_sentence(shift: ShareShift | None, lang: str, subject: str = "posts") -> str:
    """What a chart of platform shares shows; ``subject`` is "posts" or "sponsored"."""
    if shift is None:
        return i18n.t("understand.reading.no_data", lang)
    params = {
        "category": i18n.label("data.platform", shift.category, lang),
        "start": _pct(shift.start, lang),
        "end": _pct(shift.end, lang),
        "leader": i18n.label("data.platform", shift.leader, lang),
        "leader_share": _pct(shift.leader_share, lang),
        "first": _months(shift.first_months, lang),
        "last": _months(shift.last_months, lang),
        "points": fmt_number(STABLE_THRESHOLD * 100, lang),
        "what": i18n.t(f"understand.reading.what_{subject}", lang),
    }
    key = "share_stable" if shift.stable else "share_moves"
    return i18n.t(f"understand.reading.{key}", lang, **params)


def rate_sentence(shift: SeriesShift | None, lang: str, subject: str) -> str:
    """What a chart of one monthly rate shows; ``subject`` is "sponsored" or "disclosure"."""
    if shift is None:
        return i18n.t("understand.reading.no_data", lang)
    return i18n.t(
        f"understand.reading.{subject}_{shift.direction}",
        lang,
        start=_pct(shift.start, lang),
        end=_pct(shift.end, lang),
        missing=_pct(max(0.0, 1.0 - shift.end), lang),
        first=_months(shift.first_months, lang),
        last=_months(shift.last_months, lang),
    )


def _extremes(summary: pd.DataFrame) -> tuple[str, str] | None:
    """The groups with the highest and the lowest median ER, or None without two groups."""
    rates = summary["median_er"].dropna()
    if len(rates) < 2:
        return None
    return str(rates.idxmax()), str(rates.idxmin())


def format_sentence(summary: pd.DataFrame, lang: str) -> str:
    """What the chart of ER by format shows: the best and worst format and their gap."""
    ends = _extremes(summary)
    if ends is None:
        return i18n.t("understand.reading.no_data", lang)
    top, bottom = ends
    high, low = summary.at[top, "median_er"], summary.at[bottom, "median_er"]
    ratio = metrics.ratio(high, low)
    return i18n.t(
        "understand.reading.format",
        lang,
        top=i18n.label("data.format", top, lang),
        top_er=_pct(high, lang),
        bottom=i18n.label("data.format", bottom, lang),
        bottom_er=_pct(low, lang),
        ratio=fmt_number(ratio, lang, 1),
    )


def tier_sentence(summary: pd.DataFrame, lang: str) -> str:
    """What the chart of ER by tier shows: smallest against largest tier of the scheme."""
    rates = summary["median_er"].dropna()
    rates = rates.loc[[t for t in rates.index if t != "below_nano"]] if len(rates) > 2 else rates
    if len(rates) < 2:
        return i18n.t("understand.reading.no_data", lang)
    small, large = str(rates.index[0]), str(rates.index[-1])
    a, b = float(rates.iloc[0]), float(rates.iloc[-1])
    falls = b < a
    ratio = metrics.ratio(a, b) if falls else metrics.ratio(b, a)
    return i18n.t(
        "understand.reading.tier_falls" if falls else "understand.reading.tier_rises",
        lang,
        small=i18n.label("metrics.tier", small, lang),
        small_er=_pct(a, lang),
        large=i18n.label("metrics.tier", large, lang),
        large_er=_pct(b, lang),
        ratio=fmt_number(ratio, lang, 1),
    )


# --- conditions of success ------------------------------------------------------------------


def period_of(posts: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last publication dates of the posts, or None without dated posts."""
    stamps = pd.to_datetime(posts["published_at"], errors="coerce").dropna()
    if stamps.empty:
        return None
    return stamps.min(), stamps.max()
