"""Small seeded-sampling helpers shared by the generators: curves through calibration
knots, exact allocations, stratified noise, tiers of a follower count, rounded prices.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from scipy.special import ndtri

from influkit.data.generate.calibration import CURVE_KNOTS, TIER_LOWER_BOUNDS, TIERS


def _curve(
    values: Sequence[float], log_followers: np.ndarray, knots: Sequence[float] = CURVE_KNOTS
) -> np.ndarray:
    """A value interpolated log-linearly between knots of log10(followers)."""
    return np.exp(np.interp(log_followers, knots, np.log(np.asarray(values, dtype=float))))


def _allocate(weights: Sequence[float], n: int) -> np.ndarray:
    """Exact counts summing to n, proportional to weights (largest remainders)."""
    w = np.asarray(weights, dtype=float)
    quota = w / w.sum() * n
    counts = np.floor(quota).astype(np.int64)
    remainder = n - counts.sum()
    if remainder:
        counts[np.argsort(-(quota - counts), kind="stable")[:remainder]] += 1
    return counts


def _shuffled_labels(weights: Sequence[float], n: int, rng: np.random.Generator) -> np.ndarray:
    """n label indices in exact proportion to weights, in random order."""
    return rng.permutation(np.repeat(np.arange(len(weights)), _allocate(weights, n)))


def _pick(rng: np.random.Generator, mask: np.ndarray, k: int) -> np.ndarray:
    """Up to k distinct row indices where mask holds, in ascending order."""
    rows = np.flatnonzero(mask)
    k = min(k, len(rows))
    return np.sort(rng.choice(rows, size=k, replace=False)) if k else rows[:0]


def tier_codes(followers: np.ndarray) -> np.ndarray:
    """Tier codes of follower counts, DOMAIN §3 default scheme (half-open intervals)."""
    index = np.searchsorted(TIER_LOWER_BOUNDS, np.asarray(followers), side="right") - 1
    return np.asarray(TIERS, dtype=object)[index]


def _fold(text: str) -> str:
    """Lower-case ASCII letters and digits of a name, words separated by spaces."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _stratified_factor(rng: np.random.Generator, group: np.ndarray, sigma: float) -> np.ndarray:
    """Lognormal factors whose quantiles are spread evenly inside each group (median 1).

    Small groups (11 mega Instagram accounts) then keep their tier's median, whatever the seed.
    """
    factor = np.ones(len(group))
    for code in np.unique(group):
        rows = np.flatnonzero(group == code)
        quantile = (rng.permutation(len(rows)) + 0.5) / len(rows)
        factor[rows] = np.exp(sigma * ndtri(quantile))
    return factor


def _round_price(price: np.ndarray) -> np.ndarray:
    """Declared prices on round figures: steps of half the price's order of magnitude."""
    price = np.maximum(price, 5.0)
    step = 10.0 ** np.floor(np.log10(price)) / 2
    return np.maximum(np.round(price / step) * step, 5.0)
