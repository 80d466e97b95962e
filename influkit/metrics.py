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
from functools import cached_property
from typing import Any, NamedTuple

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


_NAT = np.iinfo(np.int64).min  # how datetime64 stores a missing date


def _ascending_head(values: Any, size: int = 1024) -> bool:
    """Whether the first ``size`` values never decrease: a cheap hint that ids come grouped."""
    head = values[:size]
    try:
        return bool(np.all(np.asarray(head[1:] >= head[:-1], dtype=bool)))
    except (TypeError, ValueError):  # mixed types, or NA in a nullable column
        return False


def _account_codes(ids: pd.Series) -> tuple[np.ndarray, Any, np.ndarray | None]:
    """Each row's account code and the sorted distinct ids, as ``pd.factorize(ids, sort=True)``,
    and where each account's run of rows starts when the rows come grouped by account.

    Exports and the sample data list posts account by account, ids ascending: that order is
    checked in one linear pass (adjacent rows, then the distinct ids) and gives the codes without
    hashing or sorting the ids. Any other order, a missing id or mixed types take the factorize.
    """
    values = ids.array
    kind = ids.dtype.kind if isinstance(ids.dtype, np.dtype) else ""
    grouped_dtype = isinstance(ids.dtype, pd.StringDtype) or kind in "iuO"
    if grouped_dtype and len(values) > 1 and _ascending_head(values):
        try:
            change = np.asarray(values[1:] != values[:-1], dtype=bool)
            starts = np.flatnonzero(np.r_[True, change])
            uniques = pd.Index(values.take(starts), dtype=ids.dtype)
            ascending = np.asarray(uniques[1:] > uniques[:-1], dtype=bool)
            if not pd.isna(uniques).any() and bool(np.all(ascending)):
                sizes = np.diff(np.r_[starts, len(values)])
                codes = np.repeat(np.arange(len(starts), dtype=np.intp), sizes)
                return codes, uniques, starts
        except (TypeError, ValueError):
            pass
    codes, uniques = pd.factorize(ids, sort=True)
    return codes, uniques, None


def _sorted_rows(codes: np.ndarray, stamps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rows with an account (code >= 0) by account, newest first (undated last), ties in row
    order (as a stable sort gives), and their account codes.

    Account, age and row number are packed in one unsigned 64-bit key when they fit (ages in
    their coarsest common unit if need be): every key is distinct, so one plain sort, several
    times faster than a stable argsort, gives the stable order.
    """
    rows = np.flatnonzero(codes >= 0) if len(codes) and codes.min() < 0 else None
    if rows is not None:
        codes, stamps = codes[rows], stamps[rows]
    if not len(codes):
        return np.zeros(0, dtype=np.intp), codes
    if stamps.min() == _NAT:  # undated: older than every dated post, tied with one another
        dated = stamps != _NAT
        stamps = np.where(dated, stamps, stamps[dated].min(initial=1) - 1)
    age = (stamps.max() - stamps).astype(np.uint64)
    row_bits = (len(codes) - 1).bit_length()
    code_bits = int(codes.max()).bit_length()
    age_bits = int(age.max()).bit_length()
    if code_bits + age_bits + row_bits > 64:
        unit = np.gcd.reduce(age)
        if unit > 1:
            age //= unit
            age_bits = int(age.max()).bit_length()
    if code_bits + age_bits + row_bits > 64:
        order = np.lexsort((age, codes))
        return (order if rows is None else rows[order]), codes[order]
    key = codes.astype(np.uint64) << np.uint64(age_bits + row_bits)
    key |= age << np.uint64(row_bits)
    key |= np.arange(len(codes), dtype=np.uint64)
    key.sort()
    order = (key & np.uint64((1 << row_bits) - 1)).astype(np.intp)
    sorted_codes = (key >> np.uint64(age_bits + row_bits)).astype(codes.dtype)
    return (order if rows is None else rows[order]), sorted_codes


def _window_order(codes: np.ndarray, newest_first: np.ndarray) -> np.ndarray:
    """Row order by account, then by ``newest_first`` (ascending), ties in row order."""
    return _sorted_rows(codes, -newest_first)[0]


def _expand(first: np.ndarray, taken: np.ndarray, backwards: bool = False) -> np.ndarray:
    """Runs of positions one after another: ``taken`` of them from each ``first``, counting up
    (down when ``backwards``)."""
    step = np.arange(int(taken.sum())) - np.repeat(np.cumsum(taken) - taken, taken)
    heads = np.repeat(first, taken)
    return heads - step if backwards else heads + step


class _Window(NamedTuple):
    """Where each account's window lies in the posts, and how many rows it takes (``taken``).

    Either ``rows`` lists them (by account, newest first), or the posts come account by account
    (``starts``: where each account's run of rows begins) and each window is a slice of its run,
    from its newest row ``first`` up, or down when ``backwards`` (posts listed oldest first) —
    except the accounts in ``resorted``, whose windows are ``resorted_rows``.
    """

    taken: np.ndarray
    rows: np.ndarray | None = None
    starts: np.ndarray | None = None
    first: np.ndarray | None = None
    backwards: bool = False
    resorted: np.ndarray | None = None
    resorted_rows: np.ndarray | None = None


def _window(
    codes: np.ndarray, stamps: np.ndarray, n_posts: int | None, starts: np.ndarray | None = None
) -> _Window:
    """Each account's last ``n_posts`` rows (all when None), newest first (undated last), ties
    in row order. ``starts``: where each account's run of rows starts, when already known.

    Posts listed account by account, each account's posts in date order (either way), need no
    sort: each account's window is a slice of its run of rows. Any other order is sorted.
    """
    n = len(codes)
    if starts is None and n and codes[0] >= 0 and np.all(codes[1:] >= codes[:-1]):
        starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    if starts is not None:
        change = np.zeros(max(n - 1, 0), dtype=bool)  # between two accounts' runs
        change[starts[1:] - 1] = True
        ends = np.r_[starts[1:], n]
        taken = ends - starts if n_posts is None else np.minimum(ends - starts, n_posts)
        if np.all(change | (stamps[1:] >= stamps[:-1])):  # oldest first: read each run backwards
            ties = np.flatnonzero(~change & (stamps[1:] == stamps[:-1]))
            if not len(ties):
                return _Window(taken, starts=starts, first=ends - 1, backwards=True)
            # Read backwards, posts at the same time would come last listed first: the (few)
            # accounts with such ties are sorted apart.
            tied = np.unique(np.searchsorted(starts, ties, side="right") - 1)
            sizes = ends[tied] - starts[tied]
            sub = _expand(starts[tied], sizes)
            order, _ = _sorted_rows(codes[sub], stamps[sub])
            rows = sub[order[_expand(np.cumsum(sizes) - sizes, taken[tied])]]
            return _Window(taken, None, starts, ends - 1, True, tied, rows)
        if np.all(change | (stamps[1:] <= stamps[:-1])):  # newest first already
            return _Window(taken, starts=starts, first=starts)
    order, sorted_codes = _sorted_rows(codes, stamps)
    if not len(order):
        return _Window(np.zeros(0, dtype=np.intp), rows=order)
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    sizes = np.diff(np.r_[starts, len(order)])
    taken = sizes if n_posts is None else np.minimum(sizes, n_posts)
    return _Window(taken, rows=order[_expand(starts, taken)])


def _sums(values: np.ndarray, codes: np.ndarray, taken: np.ndarray):
    """Per account (``codes`` 0, 1, …, ``taken`` rows each), the sum of the non-missing values
    and how many there are."""
    missing = np.isnan(values)
    if not missing.any():
        return np.bincount(codes, weights=values, minlength=len(taken)), taken
    total = np.bincount(codes, weights=np.where(missing, 0.0, values), minlength=len(taken))
    count = np.bincount(codes, weights=~missing, minlength=len(taken)).astype(np.intp)
    return total, count


class PostWindow:
    """The last N posts of each account, sorted by account then newest first, ready to aggregate.

    ``index`` holds the accounts (sorted ids), ``rows`` the window's row positions in ``posts``
    and ``codes`` each row's account position; ``mean(column)`` averages a column per account.
    Each figure is computed once, when first asked for, so one window serves the ER, the
    averages and the counts of the influencer table.
    """

    def __init__(self, posts: pd.DataFrame, followers: Any, n_posts: int | None):
        missing = [c for c in ("influencer_id", "published_at") if c not in posts.columns]
        if missing:
            raise UserError("metrics.error_columns", columns=", ".join(missing))
        if isinstance(followers, Mapping):
            followers = pd.Series(followers, dtype=float)
        codes, uniques, starts = _account_codes(posts["influencer_id"])
        self.index = pd.Index(uniques, name="influencer_id")
        self.n_accounts = len(self.index)
        published = posts["published_at"]
        if not pd.api.types.is_datetime64_any_dtype(published):
            # UTC reads mixed offsets; naive text dates keep their order.
            published = pd.to_datetime(published, errors="coerce", utc=True)
        # Undated posts (NaT, the smallest stamp) rank as the oldest: they count only when
        # dated posts run out.
        stamps = pd.DatetimeIndex(published).asi8
        self.post_codes = codes
        self._window = _window(codes, stamps, n_posts, starts)
        self._posts = posts
        self._followers = followers
        self._columns: dict[str, np.ndarray] = {}
        self._totals: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._counts: np.ndarray | None = None

    @cached_property
    def rows(self) -> np.ndarray:
        """The window's row positions in the posts, by account, each account newest first."""
        window = self._window
        if window.rows is not None:
            return window.rows
        rows = _expand(window.first, window.taken, window.backwards)
        if window.resorted is not None:
            taken = window.taken
            place = (np.cumsum(taken) - taken)[window.resorted]
            rows[_expand(place, taken[window.resorted])] = window.resorted_rows
        return rows

    @cached_property
    def codes(self) -> np.ndarray:
        """Each window row's account position in ``index``."""
        return np.repeat(np.arange(self.n_accounts, dtype=np.intp), self._window.taken)

    @cached_property
    def newest_rows(self) -> np.ndarray:
        """Each account's newest post (its first row newest first), in ``index`` order."""
        window = self._window
        if window.rows is not None:
            return window.rows[np.cumsum(window.taken) - window.taken]
        first = window.first
        if window.resorted is not None:
            taken = window.taken[window.resorted]
            first = first.copy()
            first[window.resorted] = window.resorted_rows[np.cumsum(taken) - taken]
        return first

    @cached_property
    def _in_window(self) -> tuple[np.ndarray, np.ndarray]:
        """Which posts the window holds (a mask over the posts) and their account codes, in the
        posts' order."""
        in_window = np.zeros(len(self.post_codes), dtype=bool)
        in_window[self.rows] = True
        return in_window, self.post_codes[in_window]

    def posts_used(self) -> np.ndarray:
        """How many posts of each account the window holds."""
        return self._window.taken

    def _raw(self, name: str) -> tuple[np.ndarray, bool]:
        """A posts column as numbers, and whether it can have missing values (floats, text…)."""
        raw = self._posts[name]
        if isinstance(raw.dtype, np.dtype) and raw.dtype.kind in "iub":
            return raw.to_numpy(), False
        if isinstance(raw.dtype, np.dtype) and raw.dtype.kind == "f":
            return raw.to_numpy(), True
        return _to_float(raw), True

    def column(self, name: str) -> np.ndarray:
        """One column of the posts as floats on the window's rows; an absent column is all NaN."""
        if name not in self._columns:
            if name in self._posts.columns:
                # Pick the window's rows first, convert only those.
                values, _ = self._raw(name)
                self._columns[name] = values[self.rows].astype(float)
            else:
                self._columns[name] = np.full(len(self.rows), math.nan)
        return self._columns[name]

    def total(self, name: str) -> tuple[np.ndarray, np.ndarray]:
        """Per account, the sum of a posts column over the window (missing values left out) and
        how many of the window's posts have a value; an absent column sums to 0 over 0 posts.

        Consecutive windows are summed in place (no copy of the rows); sums of whole numbers
        are exact, so they do not depend on the order the posts come in.
        """
        if name in self._totals:
            return self._totals[name]
        window = self._window
        if name not in self._posts.columns:
            result = np.zeros(self.n_accounts), np.zeros(self.n_accounts, dtype=np.intp)
        elif window.rows is not None:
            # The window's posts in the posts' own order: one sequential pass, where picking
            # them newest first would jump around the column.
            in_window, codes = self._in_window
            raw, _ = self._raw(name)
            result = _sums(raw[in_window].astype(float), codes, window.taken)
        else:
            raw, may_miss = self._raw(name)
            values = raw
            low = window.first - window.taken + 1 if window.backwards else window.first
            bounds = np.column_stack([low, low + window.taken]).ravel()
            if bounds[-1] == len(values):
                bounds = bounds[:-1]  # the last slice runs to the end
            count = window.taken
            if may_miss:
                missing = np.isnan(values)
                if missing.any():
                    values = np.where(missing, 0.0, values)
                    count = np.add.reduceat(~missing, bounds, dtype=np.intp)[::2]
            kind = np.float64 if values.dtype.kind == "f" else np.int64
            total = np.add.reduceat(values, bounds, dtype=kind)[::2].astype(float)
            if window.resorted is not None:  # those accounts' windows are not slices
                taken = window.taken[window.resorted]
                codes = np.repeat(np.arange(len(taken)), taken)
                picked = raw[window.resorted_rows].astype(float)
                total[window.resorted], resorted_count = _sums(picked, codes, taken)
                if count is not window.taken:
                    count[window.resorted] = resorted_count
            result = total, count
        self._totals[name] = result
        return result

    def _zero_filled(self, name: str) -> np.ndarray:
        """A column on the window's rows with missing values as 0."""
        return np.nan_to_num(self.column(name), nan=0.0)

    @cached_property
    def interactions(self) -> np.ndarray:
        """Likes + comments + shares + saves of each post of the window (a missing count is 0)."""
        return _plus(*(self._zero_filled(c) for c in INTERACTIONS))

    @cached_property
    def likes(self) -> np.ndarray:
        """Likes of each post of the window (a missing count is 0)."""
        return self._zero_filled("likes")

    @cached_property
    def account_followers(self) -> np.ndarray:
        """Each account's audience: the followers given (one value per account) win over a
        per-post column, whose newest reported value is the account's current audience."""
        if self._followers is None:
            return self._first(self.post_followers)
        followers = self._followers
        if not followers.index.equals(self.index):
            followers = followers[~followers.index.duplicated(keep="last")].reindex(self.index)
        return _to_float(followers)

    @cached_property
    def post_followers(self) -> np.ndarray:
        """The followers each post of the window is divided by."""
        if self._followers is None:
            return self.column("followers")
        return self.account_followers[self.codes]

    def count(self, where: np.ndarray | None = None) -> np.ndarray:
        """Per account, how many of ALL its posts there are (or satisfy the boolean ``where``)."""
        starts = self._window.starts
        if where is None:
            if self._counts is None:
                if starts is not None:  # posts listed account by account: the runs' lengths
                    self._counts = np.diff(np.r_[starts, len(self.post_codes)])
                else:
                    self._counts = self._count(self.post_codes)
            return self._counts
        where = np.asarray(where, dtype=bool)
        if starts is not None:
            return np.add.reduceat(where, starts, dtype=np.intp)
        return self._count(self.post_codes[where])

    def _count(self, codes: np.ndarray) -> np.ndarray:
        """How many of ``codes`` each account has (codes of -1, posts without an id, left out)."""
        if len(codes) and codes.min() < 0:
            codes = codes[codes >= 0]
        return np.bincount(codes, minlength=self.n_accounts)

    def _first(self, values: np.ndarray) -> np.ndarray:
        """Per account, the first non-missing value in newest-first order."""
        first = pd.Series(values).groupby(self.codes, sort=True).first()
        return first.reindex(range(self.n_accounts)).to_numpy(dtype=float)

    def mean(self, column: str) -> np.ndarray:
        """Per account, the mean of a posts column over the window (NaN when none has it)."""
        return _safe_div(*self.total(column))

    def _mean(self, values: np.ndarray) -> np.ndarray:
        """Per account, the mean of the non-missing values of the window's rows (NaN if none)."""
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
        if method == "mean" and basis == "followers" and self._followers is not None:
            # One audience per account: the mean of the posts' rates is the account's total
            # interactions / followers / posts, with no division post by post.
            total = _plus(*(self.total(name)[0] for name in INTERACTIONS))
            if np.isfinite(total).all():
                return _safe_div(_safe_div(total, self.account_followers), self.posts_used())
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
