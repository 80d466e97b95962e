"""The metric contract: engagement rates, influencer tiers and campaign KPIs (DOMAIN §2, §3, §5).

Every function is pure and works on scalars, numpy arrays and pandas Series alike, returning the
same kind (a float, an ndarray, a Series on the inputs' index). Rates are fractions. A zero,
negative or missing (None/NaN) denominator gives NaN ("not available"), never an exception,
never infinity and never a RuntimeWarning.

Naming: DOMAIN §2's "median" variant (Modash, median(likes) / followers) is the method
``"median_likes"`` here; ``"median"`` is the median of the per-post rates.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from influkit.errors import UserError

# --- vocabulary -----------------------------------------------------------------------------

#: Denominators of the engagement rate; "followers" is the project default.
BASES: tuple[str, ...] = ("followers", "reach", "impressions", "views")
#: The interactions summed into an engagement; a column the data lacks counts as 0.
INTERACTIONS: tuple[str, ...] = ("likes", "comments", "shares", "saves")
#: Account-level aggregations: mean of per-post ERs (default), median of per-post ERs, and
#: Modash's median(likes) / followers.
METHODS: tuple[str, ...] = ("mean", "median", "median_likes")
DEFAULT_N_POSTS = 12

#: Every tier code, smallest audience first.
TIER_ORDER: tuple[str, ...] = ("below_nano", "nano", "micro", "mid", "macro", "mega")
#: Each scheme as ``(tier, lower bound in followers)``, ascending; a tier runs up to the next
#: bound, excluded (half-open intervals). Every scheme keeps "below nano" under 1 000.
TIER_SCHEMES: dict[str, tuple[tuple[str, int], ...]] = {
    # HypeAuditor's current scheme, the project default (DOMAIN §3).
    "hypeauditor": (
        ("below_nano", 0),
        ("nano", 1_000),
        ("micro", 10_000),
        ("mid", 50_000),
        ("macro", 500_000),
        ("mega", 1_000_000),
    ),
    # The common French scheme (nano < 10k, micro 10k-100k, macro 100k-1M, mega >= 1M); no mid.
    "france": (
        ("below_nano", 0),
        ("nano", 1_000),
        ("micro", 10_000),
        ("macro", 100_000),
        ("mega", 1_000_000),
    ),
    # Later x Fohr (micro 10k-100k, mid 100k-500k); macro and mega as in the default.
    "later_fohr": (
        ("below_nano", 0),
        ("nano", 1_000),
        ("micro", 10_000),
        ("mid", 100_000),
        ("macro", 500_000),
        ("mega", 1_000_000),
    ),
}
DEFAULT_TIER_SCHEME = "hypeauditor"

#: The KPIs of DOMAIN §5 this module computes, in the order a dashboard lists them.
KPIS: tuple[str, ...] = (
    "cpm",
    "cpe",
    "cpc",
    "cpv",
    "cpa",
    "ctr",
    "conversion_rate",
    "roas",
    "roi",
    "share_of_voice",
    "sentiment",
    "emv",
)

#: Illustrative EMV rates per platform, in euros, for sample data only: EMV has no standard.
#: CPMs sit inside DOMAIN §4's ranges (Instagram 5-15, TikTok 3-25, YouTube 10-50); LinkedIn,
#: X, Twitch and "other" are placeholders; values per engagement are teaching assumptions.
DEFAULT_EMV_RATES: dict[str, dict[str, float]] = {
    "instagram": {"cpm_eur": 10.0, "value_per_engagement_eur": 0.10},
    "tiktok": {"cpm_eur": 8.0, "value_per_engagement_eur": 0.05},
    "youtube": {"cpm_eur": 25.0, "value_per_engagement_eur": 0.15},
    "linkedin": {"cpm_eur": 30.0, "value_per_engagement_eur": 0.30},
    "x": {"cpm_eur": 6.0, "value_per_engagement_eur": 0.05},
    "twitch": {"cpm_eur": 15.0, "value_per_engagement_eur": 0.10},
    "other": {"cpm_eur": 10.0, "value_per_engagement_eur": 0.10},
}
EMV_RATE_KEYS: tuple[str, ...] = ("cpm_eur", "value_per_engagement_eur")


# --- array plumbing -------------------------------------------------------------------------


def _to_float(value: Any) -> Any:
    """A float ndarray (or a float for a scalar) with every missing or non-numeric value as NaN."""
    if value is None:
        return math.nan
    if isinstance(value, pd.Series):
        numeric = pd.to_numeric(value, errors="coerce")
        return numeric.to_numpy(dtype=float, na_value=np.nan)
    if isinstance(value, pd.Index):
        return _to_float(pd.Series(value))
    if isinstance(value, np.ndarray | list | tuple):
        arr = np.asarray(value)
        if arr.dtype.kind in "biuf":
            return arr.astype(float)
        flat = pd.to_numeric(pd.Series(arr.ravel(), dtype=object), errors="coerce")
        return flat.to_numpy(dtype=float, na_value=np.nan).reshape(arr.shape)
    try:
        if pd.isna(value):
            return math.nan
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def _layout(*values: Any) -> tuple[str, pd.Index | None]:
    """The result kind ("series", "array" or "scalar") and the Series index to return on."""
    series = [v for v in values if isinstance(v, pd.Series)]
    if series:
        index = series[0].index
        for other in series[1:]:
            if not index.equals(other.index):
                index = index.union(other.index)
        return "series", index
    if any(isinstance(v, np.ndarray | list | tuple) for v in values):
        return "array", None
    return "scalar", None


def _aligned(value: Any, index: pd.Index | None) -> Any:
    """A Series input reindexed on the result index (pandas alignment); others unchanged."""
    if isinstance(value, pd.Series) and index is not None and not value.index.equals(index):
        return value.reindex(index)
    return value


def _prepare(*values: Any) -> tuple[str, pd.Index | None, list[Any]]:
    """The result kind, the Series index to return on, and each input as floats."""
    kind, index = _layout(*values)
    return kind, index, [_to_float(_aligned(v, index)) for v in values]


def _wrap(result: Any, kind: str, index: pd.Index | None) -> Any:
    """Give the result back in the kind of the inputs."""
    result = np.asarray(result, dtype=float)
    if kind == "series":
        return pd.Series(np.broadcast_to(result, (len(index),)).copy(), index=index, dtype=float)
    if kind == "array":
        return result.copy()
    return float(result)


def _safe_div(numerator: Any, denominator: Any, scale: float = 1.0) -> np.ndarray:
    """Numerator / denominator x scale; NaN unless denominator and result are finite, den > 0."""
    num = np.asarray(numerator, dtype=float)
    den = np.asarray(denominator, dtype=float)
    with np.errstate(all="ignore"):
        usable = (den > 0) & np.isfinite(den)
        out = np.divide(num, np.where(usable, den, 1.0)) * scale
        return np.where(usable & np.isfinite(out), out, np.nan)


def ratio(numerator: Any, denominator: Any, scale: float = 1.0) -> Any:
    """numerator / denominator x ``scale`` on scalars, arrays or Series; NaN where the
    denominator is zero, negative or missing (never an exception, infinity or warning)."""
    kind, index, (num, den) = _prepare(numerator, denominator)
    return _wrap(_safe_div(num, den, scale), kind, index)


def _plus(*arrays: Any) -> np.ndarray:
    """The element-wise sum of float arrays; overflow gives inf quietly (``_safe_div`` drops it)."""
    with np.errstate(all="ignore"):
        return sum(np.asarray(a, dtype=float) for a in arrays)


def _check_basis(basis: str) -> str:
    """The basis, if it is one of BASES; else a user error."""
    if basis not in BASES:
        raise UserError("metrics.error_basis", basis=basis, choices=", ".join(BASES))
    return basis


def _check_method(method: str) -> str:
    """The method, if it is one of METHODS; else a user error."""
    if method not in METHODS:
        raise UserError("metrics.error_method", method=method, choices=", ".join(METHODS))
    return method


def _check_n_posts(n_posts: int | None) -> int | None:
    """The window size, a positive integer or None (every post); else a user error."""
    if n_posts is None:
        return None
    if isinstance(n_posts, bool) or not isinstance(n_posts, int | np.integer) or n_posts < 1:
        raise UserError("metrics.error_n_posts", n_posts=n_posts)
    return int(n_posts)


# --- engagement rate ------------------------------------------------------------------------


def engagement_rate(
    likes: Any = 0,
    comments: Any = 0,
    shares: Any = 0,
    saves: Any = 0,
    *,
    followers: Any = None,
    reach: Any = None,
    impressions: Any = None,
    views: Any = None,
    basis: str = "followers",
) -> Any:
    """Per-post engagement rate: (likes + comments + shares + saves) / the ``basis`` column.

    Missing counts count as 0; a zero, negative or missing denominator gives NaN.
    """
    _check_basis(basis)
    # Only the chosen basis divides; the others still shape and align the result.
    denominators = {
        "followers": followers,
        "reach": reach,
        "impressions": impressions,
        "views": views,
    }
    counts = (likes, comments, shares, saves)
    others = [v for name, v in denominators.items() if name != basis and v is not None]
    kind, index, arrays = _prepare(*counts, denominators[basis], *others)
    interactions = _plus(*(np.nan_to_num(np.asarray(a, dtype=float), nan=0.0) for a in arrays[:4]))
    return _wrap(_safe_div(interactions, arrays[4]), kind, index)


def _reverse_runs(starts_mask: np.ndarray) -> np.ndarray:
    """Positions that reverse each run of a sequence; a run begins where ``starts_mask`` is True."""
    n = len(starts_mask)
    starts = np.flatnonzero(starts_mask)
    sizes = np.diff(np.r_[starts, n])
    start_of_row = np.repeat(starts, sizes)
    return 2 * start_of_row + np.repeat(sizes, sizes) - 1 - np.arange(n)


def _window_order(codes: np.ndarray, newest_first: np.ndarray) -> np.ndarray:
    """Row order by account, newest post first, ties in row order (as a stable lexsort gives).

    Exports and the sample data list posts by account then date: checking that order (linear)
    lets the common case skip the n log n sort.
    """
    n = len(codes)
    if n and codes.min() >= 0 and np.all(codes[1:] >= codes[:-1]):
        same = codes[1:] == codes[:-1]
        steps = newest_first[1:][same] - newest_first[:-1][same]
        if np.all(steps >= 0):  # already newest first
            return np.arange(n)
        if np.all(steps <= 0):  # oldest first: reverse each account, then each run of ties back
            order = _reverse_runs(np.r_[True, ~same])
            key, account = newest_first[order], codes[order]
            new_run = np.r_[True, (key[1:] != key[:-1]) | (account[1:] != account[:-1])]
            return order[_reverse_runs(new_run)]
    rows = np.flatnonzero(codes >= 0)
    key = _packed_key(codes[rows], newest_first[rows])
    if key is not None:
        return rows[np.argsort(key, kind="stable")]
    return rows[np.lexsort((newest_first[rows], codes[rows]))]


def _packed_key(codes: np.ndarray, newest_first: np.ndarray) -> np.ndarray | None:
    """Account and date packed in one int64 that sorts like the pair, or None when it can't fit.

    One stable argsort of an int64 is about twice as fast as a lexsort of two columns: dates are
    taken relative to the oldest, in their coarsest common unit (seconds, days…), so ties stay ties.
    """
    if not len(codes):
        return None
    low = newest_first.min()
    relative = (newest_first - low).astype(np.uint64)
    unit = np.gcd.reduce(relative)
    if unit > 1:
        relative //= unit
    shift = int(relative.max()).bit_length()
    if shift + int(codes.max()).bit_length() > 62:
        return None
    return (codes.astype(np.int64) << shift) | relative.astype(np.int64)


class PostWindow:
    """The last N posts of each account, sorted by account then newest first, ready to aggregate.

    ``index`` holds the accounts (sorted ids), ``rows`` the window's row positions in ``posts``
    and ``codes`` each row's account position; ``mean(column)`` averages a column per account.
    """

    def __init__(self, posts: pd.DataFrame, followers: Any, n_posts: int | None):
        missing = [c for c in ("influencer_id", "published_at") if c not in posts.columns]
        if isinstance(followers, Mapping):
            followers = pd.Series(followers, dtype=float)
        if missing:
            raise UserError("metrics.error_columns", columns=", ".join(missing))
        codes, uniques = pd.factorize(posts["influencer_id"], sort=True)
        self.index = pd.Index(uniques, name="influencer_id")
        self.n_accounts = len(self.index)
        published = posts["published_at"]
        if not pd.api.types.is_datetime64_any_dtype(published):
            # UTC reads mixed offsets; naive text dates keep their order.
            published = pd.to_datetime(published, errors="coerce", utc=True)
        stamps = pd.DatetimeIndex(published).asi8
        # Newest first; undated posts (NaT) sort last, so they count only when dated posts run out.
        newest_first = np.where(stamps == np.iinfo(np.int64).min, np.iinfo(np.int64).max, -stamps)
        order = _window_order(codes, newest_first)
        sorted_codes = codes[order]
        starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
        #: Each account's newest post (its first row newest first), in ``index`` order.
        self.newest_rows = order[starts] if len(order) else order
        self.post_codes = codes
        if n_posts is not None and len(order):
            sizes = np.diff(np.r_[starts, len(order)])
            rank = np.arange(len(order)) - np.repeat(starts, sizes)
            keep = rank < n_posts
            order, sorted_codes = order[keep], sorted_codes[keep]
        self.rows = order
        self.codes = sorted_codes
        self._posts = posts
        self._columns: dict[str, np.ndarray] = {}
        self._posts_used: np.ndarray | None = None
        self.interactions = _plus(*(np.nan_to_num(self.column(c), nan=0.0) for c in INTERACTIONS))
        self.likes = np.nan_to_num(self.column("likes"), nan=0.0)
        # Followers: the Series given (one value per account) wins over a per-post column.
        if followers is not None:
            per_account = _to_float(
                followers[~followers.index.duplicated(keep="last")].reindex(self.index)
            )
            self.post_followers = per_account[sorted_codes]
            self.account_followers = per_account
        else:
            self.post_followers = self.column("followers")
            # The account's current audience is the one of its newest post that reports it.
            self.account_followers = self._first(self.post_followers)

    def column(self, name: str) -> np.ndarray:
        """One column of the posts as floats on the window's rows; an absent column is all NaN."""
        if name not in self._columns:
            if name in self._posts.columns:
                raw = self._posts[name]
                if isinstance(raw.dtype, np.dtype) and raw.dtype.kind in "iuf":
                    # Plain numpy numbers: pick the window's rows first, convert only those.
                    values = raw.to_numpy()[self.rows].astype(float)
                else:
                    values = _to_float(raw)[self.rows]
                self._columns[name] = values
            else:
                self._columns[name] = np.full(len(self.rows), math.nan)
        return self._columns[name]

    def count(self, where: np.ndarray | None = None) -> np.ndarray:
        """Per account, how many of ALL its posts there are (or satisfy the boolean ``where``)."""
        present = self.post_codes >= 0
        if where is not None:
            present &= np.asarray(where, dtype=bool)
        return np.bincount(self.post_codes[present], minlength=self.n_accounts)

    def _first(self, values: np.ndarray) -> np.ndarray:
        """Per account, the first non-missing value in newest-first order."""
        first = pd.Series(values).groupby(self.codes, sort=True).first()
        return first.reindex(range(self.n_accounts)).to_numpy(dtype=float)

    def mean(self, column: str) -> np.ndarray:
        """Per account, the mean of a posts column over the window (NaN when none has it)."""
        return self._mean(self.column(column))

    def _mean(self, values: np.ndarray) -> np.ndarray:
        """Per account, the mean of the non-missing values (NaN when there is none)."""
        missing = np.isnan(values)
        if not missing.any():  # the common case: every post has the figure
            total = np.bincount(self.codes, weights=values, minlength=self.n_accounts)
            return _safe_div(total, self.posts_used())
        total = np.bincount(
            self.codes, weights=np.where(missing, 0.0, values), minlength=self.n_accounts
        )
        count = np.bincount(self.codes, weights=~missing, minlength=self.n_accounts)
        return _safe_div(total, count)

    def _median(self, values: np.ndarray) -> np.ndarray:
        """Per account, the median of the non-missing values (NaN when there is none)."""
        median = pd.Series(values).groupby(self.codes, sort=True).median()
        return median.reindex(range(self.n_accounts)).to_numpy(dtype=float)

    def denominator(self, basis: str) -> np.ndarray:
        """The per-post denominator of ``basis`` on the window's rows."""
        if basis == "followers":
            return self.post_followers
        return self.column(basis)

    def engagement(self, basis: str, method: str) -> np.ndarray:
        """Account-level engagement rate by ``basis`` and ``method``, one value per account."""
        denominator = self.denominator(basis)
        if method == "median_likes":
            account_den = (
                self.account_followers
                if basis == "followers"
                else self._median(np.where(denominator > 0, denominator, np.nan))
            )
            return _safe_div(self._median(self.likes), account_den)
        per_post = _safe_div(self.interactions, denominator)
        return self._mean(per_post) if method == "mean" else self._median(per_post)

    def posts_used(self) -> np.ndarray:
        """How many posts of each account the window holds."""
        if self._posts_used is None:
            self._posts_used = np.bincount(self.codes, minlength=self.n_accounts)
        return self._posts_used


def account_engagement(
    posts: pd.DataFrame,
    *,
    followers: pd.Series | Mapping[Any, float] | None = None,
    basis: str = "followers",
    n_posts: int | None = DEFAULT_N_POSTS,
    method: str = "mean",
) -> pd.Series:
    """Account-level engagement rate over each account's last ``n_posts`` posts, by influencer_id.

    ``method="mean"`` (project default) averages the per-post ERs; ``"median"`` takes their
    median; ``"median_likes"`` is Modash's median(likes) / followers (for another basis, the
    median of that column over the same posts is the denominator). ``followers`` is a Series
    (or dict) by influencer_id, else the posts' ``followers`` column (for "median_likes", the
    newest post's value). Posts missing a denominator are left out of the mean and median; an
    account with none gets NaN. Undated posts rank as the oldest. ``n_posts=None`` uses every
    post. Accounts are those that have posts, sorted by id.
    """
    _check_basis(basis)
    _check_method(method)
    window = PostWindow(posts, followers, _check_n_posts(n_posts))
    return pd.Series(
        window.engagement(basis, method), index=window.index, dtype=float, name="engagement_rate"
    )


def engagement_table(
    posts: pd.DataFrame,
    followers: pd.Series | Mapping[Any, float] | None = None,
    n_posts: int | None = DEFAULT_N_POSTS,
) -> pd.DataFrame:
    """Every basis x method side by side, one row per account, columns ``<basis>_<method>``.

    Also gives ``posts_used``, the number of posts each account's figures rest on.
    """
    window = PostWindow(posts, followers, _check_n_posts(n_posts))
    columns = {
        f"{basis}_{method}": window.engagement(basis, method)
        for basis in BASES
        for method in METHODS
    }
    table = pd.DataFrame(columns, index=window.index)
    table["posts_used"] = window.posts_used()
    return table


# --- tiers ----------------------------------------------------------------------------------


def tier(followers: Any, scheme: str = DEFAULT_TIER_SCHEME) -> Any:
    """The tier code of a follower count under ``scheme`` (half-open intervals [low, high)).

    A scalar gives a str (None when missing or negative); a Series gives an ordered
    categorical Series of the scheme's tiers; an array gives an object array of str / None.
    """
    if scheme not in TIER_SCHEMES:
        raise UserError("metrics.error_scheme", scheme=scheme, choices=", ".join(TIER_SCHEMES))
    names = [name for name, _ in TIER_SCHEMES[scheme]]
    bounds = np.array([low for _, low in TIER_SCHEMES[scheme]], dtype=float)
    kind, index, (counts,) = _prepare(followers)
    counts = np.asarray(counts, dtype=float)
    with np.errstate(invalid="ignore"):
        valid = np.isfinite(counts) & (counts >= 0)
    codes = np.where(valid, np.searchsorted(bounds, np.where(valid, counts, 0.0), "right") - 1, -1)
    if kind == "series":
        categories = pd.CategoricalDtype(names, ordered=True)
        values = pd.Categorical.from_codes(codes.astype(np.int64), dtype=categories)
        return pd.Series(values, index=index, name=getattr(followers, "name", None))
    if kind == "scalar":
        return names[int(codes)] if codes >= 0 else None
    return np.array([*names, None], dtype=object)[codes]


# --- KPIs -----------------------------------------------------------------------------------


def cpm(cost: Any, impressions: Any) -> Any:
    """Cost per thousand impressions: cost / impressions x 1 000."""
    return ratio(cost, impressions, 1000.0)


def cpe(cost: Any, engagements: Any) -> Any:
    """Cost per engagement: cost / engagements."""
    return ratio(cost, engagements)


def cpc(cost: Any, clicks: Any) -> Any:
    """Cost per click: cost / clicks."""
    return ratio(cost, clicks)


def cpv(cost: Any, views: Any) -> Any:
    """Cost per view: cost / views."""
    return ratio(cost, views)


def cpa(cost: Any, conversions: Any) -> Any:
    """Cost per acquisition: cost / conversions."""
    return ratio(cost, conversions)


def ctr(clicks: Any, impressions: Any) -> Any:
    """Click-through rate: clicks / impressions."""
    return ratio(clicks, impressions)


def conversion_rate(conversions: Any, clicks: Any) -> Any:
    """Conversion rate: conversions / clicks."""
    return ratio(conversions, clicks)


def roas(revenue: Any, cost: Any) -> Any:
    """Return on ad spend: revenue / cost."""
    return ratio(revenue, cost)


def roi(revenue: Any, cost: Any) -> Any:
    """Return on investment: (revenue - cost) / cost; on margin, pass revenue x margin rate."""
    kind, index, (rev, spend) = _prepare(revenue, cost)
    return _wrap(_safe_div(_plus(rev, -np.asarray(spend)), spend), kind, index)


def share_of_voice(brand_mentions: Any, competitor_mentions: Any) -> Any:
    """Share of voice: brand mentions / (brand + competitors' mentions)."""
    kind, index, (brand, rivals) = _prepare(brand_mentions, competitor_mentions)
    return _wrap(_safe_div(brand, _plus(brand, rivals)), kind, index)


def sentiment(positive: Any, negative: Any) -> Any:
    """Net sentiment share: positive / (positive + negative)."""
    kind, index, (pos, neg) = _prepare(positive, negative)
    return _wrap(_safe_div(pos, _plus(pos, neg)), kind, index)


def emv_rates(rates: Mapping[str, Any] | None = None) -> dict[str, dict[str, float]]:
    """The EMV rates per platform: the defaults, overridden by ``rates`` where given.

    ``rates`` is either per platform (``{"tiktok": {"cpm_eur": 12}}``) or one flat pair
    (``{"cpm_eur": 12, "value_per_engagement_eur": 0.2}``) applied to every platform.
    """
    merged = {platform: dict(pair) for platform, pair in DEFAULT_EMV_RATES.items()}
    if not rates:
        return merged
    if any(key in rates for key in EMV_RATE_KEYS):
        rates = {platform: rates for platform in merged}
    for platform, pair in rates.items():
        if not isinstance(pair, Mapping):
            raise UserError("metrics.error_rates", platform=platform)
        entry = merged.setdefault(str(platform).strip().lower(), dict(DEFAULT_EMV_RATES["other"]))
        for key, value in pair.items():
            number = _to_float(value) if key in EMV_RATE_KEYS else math.nan
            if key not in EMV_RATE_KEYS or math.isnan(number) or number < 0:
                raise UserError("metrics.error_rates", platform=platform)
            entry[key] = number
    return merged


def emv(
    impressions: Any,
    engagements: Any,
    platform: Any = None,
    *,
    rates: Mapping[str, Any] | None = None,
) -> Any:
    """Earned media value: impressions / 1 000 x CPM rate + engagements x value per engagement.

    Rates come from :func:`emv_rates` (illustrative defaults, editable); a missing platform
    uses the "other" rates, an unknown one gives NaN. EMV is not revenue (DOMAIN §5).
    """
    table = emv_rates(rates)
    kind, index = _layout(impressions, engagements, platform)
    imp = np.asarray(_to_float(_aligned(impressions, index)), dtype=float)
    eng = np.asarray(_to_float(_aligned(engagements, index)), dtype=float)
    keys = _platform_keys(_aligned(platform, index))
    cpm_rate = keys.map({k: v["cpm_eur"] for k, v in table.items()}).to_numpy(dtype=float)
    per_eng = keys.map({k: v["value_per_engagement_eur"] for k, v in table.items()})
    per_eng = per_eng.to_numpy(dtype=float)
    if not isinstance(platform, pd.Series | np.ndarray | list | tuple):
        cpm_rate, per_eng = cpm_rate[0], per_eng[0]
    with np.errstate(all="ignore"):
        value = imp / 1000.0 * cpm_rate + eng * per_eng
        value = np.where((imp >= 0) & (eng >= 0) & np.isfinite(value), value, np.nan)
    return _wrap(value, kind, index)


def _platform_keys(platform: Any) -> pd.Series:
    """Platform codes for rate look-up, trimmed and lower-cased; a missing one is "other"."""
    if isinstance(platform, pd.Series):
        values = pd.Series(platform.to_numpy(dtype=object), dtype=object)
    elif isinstance(platform, np.ndarray | list | tuple):
        values = pd.Series(np.asarray(platform, dtype=object).ravel(), dtype=object)
    else:
        values = pd.Series([platform], dtype=object)
    missing = values.isna().to_numpy()
    keys = values.astype(str).str.strip().str.lower()
    keys[missing] = "other"
    return keys
