"""Influencer accounts (profile, audience, prices, planted anomalies) and their weekly
follower history.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from influkit.data.generate.calibration import (
    AGE_BANDS,
    CITIES,
    COUNTRIES,
    COUNTRY_WEIGHTS,
    CREATOR_NAMES,
    DEFAULT_N_INFLUENCERS,
    DEFAULT_SEED,
    FIRST_NAMES,
    HANDLE_SEPARATOR,
    LAST_NAMES,
    N_WEEKS,
    NAME_GROUP,
    NICHE_AGE_TILT,
    NICHE_FEMALE_AUDIENCE,
    NICHE_FEMALE_CREATOR,
    NICHES,
    PERIOD_START,
    PLATFORM_AGE_PROFILE,
    PLATFORM_NICHE_WEIGHTS,
    PLATFORM_SHARES,
    PLATFORM_TIER_WEIGHTS,
    PLATFORMS,
    PRICE_CURVE,
    PRICE_KNOTS,
    TIER_SAMPLING,
    TIERS,
    TOP_COUNTRY_OWN_SHARE,
)
from influkit.data.generate.sampling import (
    _curve,
    _fold,
    _pick,
    _round_price,
    _shuffled_labels,
    _stratified_factor,
)


def generate_influencers(
    n: int = DEFAULT_N_INFLUENCERS, rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """n fictional accounts; columns starting with ``_`` are generator internals (not written)."""
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    platform_idx = _shuffled_labels(PLATFORM_SHARES, n, rng)
    platform = np.asarray(PLATFORMS, dtype=object)[platform_idx]

    tier_idx = np.zeros(n, dtype=np.int64)
    niche_idx = np.zeros(n, dtype=np.int64)
    for p, name in enumerate(PLATFORMS):
        rows = np.flatnonzero(platform_idx == p)
        tier_idx[rows] = _shuffled_labels(PLATFORM_TIER_WEIGHTS[name], len(rows), rng)
        weights = np.asarray(PLATFORM_NICHE_WEIGHTS[name], dtype=float)
        niche_idx[rows] = rng.choice(len(NICHES), size=len(rows), p=weights / weights.sum())
    low = np.log10([TIER_SAMPLING[t][0] for t in tier_idx])
    high = np.log10([TIER_SAMPLING[t][1] for t in tier_idx])
    followers = np.floor(10 ** rng.uniform(low, high)).astype(np.int64)
    log_f = np.log10(followers)
    niche = np.asarray(NICHES, dtype=object)[niche_idx]

    country_idx = rng.choice(len(COUNTRIES), size=n, p=COUNTRY_WEIGHTS)
    country = np.asarray(COUNTRIES, dtype=object)[country_idx]
    city = np.empty(n, dtype=object)
    for code, cities in CITIES.items():
        rows = np.flatnonzero(country == code)
        weights = np.array([w for _, w in cities], dtype=float)
        city[rows] = np.asarray([c for c, _ in cities], dtype=object)[
            rng.choice(len(cities), size=len(rows), p=weights / weights.sum())
        ]
    language = np.where((country == "CA") & (rng.random(n) < 0.35), "en", "fr").astype(object)

    female_creator = rng.random(n) < np.asarray(NICHE_FEMALE_CREATOR)[niche_idx]
    display_name, first = _names(rng, country, niche, female_creator, platform)
    handle = _handles(display_name, platform)

    # Audience: gender, age bands (a Dirichlet around the platform x niche profile), countries.
    female_mean = np.clip(
        np.asarray(NICHE_FEMALE_AUDIENCE)[niche_idx] + np.where(female_creator, 0.04, -0.04),
        0.05,
        0.95,
    )
    female_share = np.round(rng.beta(female_mean * 25, (1 - female_mean) * 25), 3)
    alpha = np.array(
        [
            np.multiply(PLATFORM_AGE_PROFILE[p], NICHE_AGE_TILT[c])
            for p, c in zip(platform, niche, strict=True)
        ]
    ).reshape(n, len(AGE_BANDS))
    alpha = alpha / alpha.sum(axis=1, keepdims=True) * 40
    ages = rng.gamma(np.maximum(alpha, 1e-3))
    ages = np.round(ages / ages.sum(axis=1, keepdims=True), 3)
    largest = ages.argmax(axis=1)
    ages[np.arange(n), largest] = np.round(
        1.0 - (ages.sum(axis=1) - ages[np.arange(n), largest]), 3
    )

    own = rng.random(n) < np.array([TOP_COUNTRY_OWN_SHARE[c] for c in country])
    top_country = np.where(own, country, "FR").astype(object)
    top_country[(~own) & (country == "FR")] = "BE"
    top_share = np.where(top_country == "FR", rng.uniform(0.55, 0.9, n), rng.uniform(0.4, 0.8, n))
    top_share = np.round(np.where(own, top_share, rng.uniform(0.35, 0.55, n)), 3)

    # Audience quality: most accounts 0.78-0.95 credible, about 12 % under 0.75.
    low_quality = rng.random(n) < 0.12
    credibility = np.where(
        low_quality, rng.uniform(0.48, 0.745, n), np.clip(rng.normal(0.865, 0.04, n), 0.755, 0.97)
    )

    growth_mean = np.array([0.30, 0.30, 0.22, 0.14, 0.09, 0.06])[tier_idx]
    annual = np.exp(rng.normal(np.log1p(growth_mean), 0.08))
    decliner = rng.random(n) < 0.06
    annual = np.where(decliner, rng.uniform(0.88, 0.97, n), annual)

    sponsor_base = np.array([0.08, 0.16, 0.24, 0.28, 0.30, 0.28])[tier_idx]
    niche_factor = np.select(
        [np.isin(niche, ("beauty", "fashion")), niche == "b2b", niche == "gaming"],
        [1.2, 0.5, 0.8],
        1.0,
    )
    sponsor_rate = np.clip(sponsor_base * niche_factor * rng.lognormal(0, 0.3, n), 0.02, 0.6)
    careless = rng.random(n) < 0.08
    disclosure_rate = np.where(careless, rng.uniform(0.3, 0.6, n), rng.uniform(0.85, 0.98, n))

    frame = pd.DataFrame(
        {
            "influencer_id": [f"INF{i:0{max(4, len(str(n)))}d}" for i in range(1, n + 1)],
            "handle": handle,
            "display_name": display_name,
            "platform": platform,
            "niche": niche,
            "country": country,
            "city": city,
            "language": language,
            "followers": followers,
            "following": np.zeros(n, dtype=np.int64),
            "posts_count": (rng.lognormal(np.log(450), 0.7, n) + 120).astype(np.int64),
            "price_per_post_eur": np.zeros(n),
            "audience_female_share": female_share,
            **{f"audience_age_{band}": ages[:, k] for k, band in enumerate(AGE_BANDS)},
            "audience_top_country": top_country,
            "audience_top_country_share": top_share,
            "audience_credibility": credibility,
            "suspicious_followers_share": np.zeros(n),
            "mass_followers_share": np.zeros(n),
            "_tier": np.asarray(TIERS, dtype=object)[tier_idx],
            "_first_name": first,
            "_growth": np.log(annual) / 52.0,
            "_er_factor": _stratified_factor(rng, platform_idx * len(TIERS) + tier_idx, 0.28),
            "_activity": rng.lognormal(0, 0.35, n),
            "_sponsor_rate": sponsor_rate,
            "_disclosure_rate": disclosure_rate,
            "_comment_factor": rng.lognormal(0, 0.12, n),
            "_jump_kind": np.full(n, "", dtype=object),
            "_jump_week": np.full(n, -1, dtype=np.int64),
            "_jump_size": np.zeros(n),
            "_pod": np.zeros(n, dtype=bool),
            "_early_adopter": np.zeros(n, dtype=bool),
        }
    )
    _plant_anomalies(frame, rng)

    # Fraud signals follow credibility; bought followers come with low credibility.
    credibility = frame["audience_credibility"].to_numpy()
    frame["suspicious_followers_share"] = np.round((1 - credibility) * rng.uniform(0.45, 0.8, n), 3)
    low_cred = credibility < 0.75
    frame["mass_followers_share"] = np.round(
        rng.uniform(0.03, 0.10, n) + np.where(low_cred, rng.uniform(0.06, 0.16, n), 0.0), 3
    )
    frame["audience_credibility"] = np.round(credibility, 3)
    following = np.where(
        tier_idx <= 1, rng.lognormal(np.log(650), 0.5, n), rng.lognormal(np.log(380), 0.6, n)
    )
    following = np.where(low_cred & (rng.random(n) < 0.6), rng.uniform(2_000, 7_500, n), following)
    frame["following"] = following.astype(np.int64)

    price = np.empty(n)
    for name in PLATFORMS:
        rows = platform == name
        price[rows] = _curve(PRICE_CURVE[name], log_f[rows], PRICE_KNOTS)
    price = _round_price(price * rng.lognormal(0, 0.25, n))
    # Keep the three DOMAIN platforms inside their published tier ranges.
    for name in ("instagram", "youtube", "tiktok"):
        knots = PRICE_CURVE[name]
        bounds = {
            1: (knots[1], knots[2]),
            2: (knots[2], knots[3]),
            3: (knots[3], knots[4]),
            4: (knots[4], knots[5]),
            5: (knots[5], np.inf),
        }
        for t, (lo, hi) in bounds.items():
            rows = (platform == name) & (tier_idx == t)
            price[rows] = np.clip(price[rows], lo, hi)
    frame["price_per_post_eur"] = np.round(price, 2)
    return frame


def _names(
    rng: np.random.Generator,
    country: np.ndarray,
    niche: np.ndarray,
    female: np.ndarray,
    platform: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Display names (person or creator style) and first names, by country's name pool."""
    n = len(country)
    first = np.empty(n, dtype=object)
    last = np.empty(n, dtype=object)
    group = np.array([NAME_GROUP[c] for c in country], dtype=object)
    for code, (female_names, male_names) in FIRST_NAMES.items():
        for is_female, pool in ((True, female_names), (False, male_names)):
            rows = np.flatnonzero((group == code) & (female == is_female))
            first[rows] = np.asarray(pool, dtype=object)[rng.integers(0, len(pool), len(rows))]
        rows = np.flatnonzero(group == code)
        last[rows] = np.asarray(LAST_NAMES[code], dtype=object)[
            rng.integers(0, len(LAST_NAMES[code]), len(rows))
        ]
    person = pd.Series(first) + " " + pd.Series(last)
    display = person.to_numpy(dtype=object).copy()
    creator_style = (rng.random(n) < 0.45) & (platform != "linkedin")
    pattern = rng.integers(0, 3, n)
    for code, variants in CREATOR_NAMES.items():
        for gender, templates in enumerate(variants):
            for k, template in enumerate(templates):
                rows = np.flatnonzero(
                    creator_style & (niche == code) & (female == (gender == 0)) & (pattern == k)
                )
                display[rows] = [
                    template.format(f=f, l=l_)
                    for f, l_ in zip(first[rows], last[rows], strict=True)
                ]
    # French elision: "Le labo d'Olivier", not "Le labo de Olivier".
    display = pd.Series(display).str.replace(r"\bde (?=[AEIOUÉÈÊÂÎÔ])", "d'", regex=True)
    return display.to_numpy(dtype=object), first


def _handles(display_name: np.ndarray, platform: np.ndarray) -> np.ndarray:
    """Unique @handles built from display names, with the platform's usual separator."""
    folded = pd.Series(display_name).map(_fold)
    separator = pd.Series(platform).map(HANDLE_SEPARATOR)
    words = folded.str.split(" ")
    base = pd.Series([sep.join(w) for w, sep in zip(words, separator, strict=True)])
    handle = base.copy()
    while handle.duplicated().any():
        rank = handle.groupby(handle).cumcount()
        handle = handle.where(rank == 0, handle + (rank + 1).astype(str))
    return ("@" + handle).to_numpy(dtype=object)


def _plant_anomalies(frame: pd.DataFrame, rng: np.random.Generator) -> None:
    """Choose the accounts with follower jumps, pods, odd comment ratios and early hashtags."""
    n = len(frame)
    platform = frame["platform"].to_numpy(copy=True)
    followers = frame["followers"].to_numpy(copy=True)
    niche = frame["niche"].to_numpy(copy=True)
    taken = np.zeros(n, dtype=bool)

    bought = _pick(
        rng,
        np.isin(platform, ("instagram", "tiktok", "x", "youtube")) & (followers >= 5_000),
        max(1, round(n * 10 / 360)),
    )
    taken[bought] = True
    organic = _pick(
        rng,
        np.isin(platform, ("instagram", "tiktok", "youtube")) & (followers >= 3_000) & ~taken,
        max(1, round(n * 5 / 360)),
    )
    taken[organic] = True
    kind = frame["_jump_kind"].to_numpy(copy=True)
    kind[bought], kind[organic] = "bought", "organic"
    frame["_jump_kind"] = kind
    week = frame["_jump_week"].to_numpy(copy=True)
    week[bought] = rng.integers(6, 46, len(bought))
    week[organic] = rng.integers(6, 40, len(organic))
    frame["_jump_week"] = week
    size = frame["_jump_size"].to_numpy(copy=True)
    size[bought] = rng.uniform(0.15, 0.40, len(bought))
    size[organic] = rng.uniform(0.15, 0.40, len(organic))
    frame["_jump_size"] = size
    credibility = frame["audience_credibility"].to_numpy(copy=True)
    credibility[bought] = rng.uniform(0.52, 0.70, len(bought))
    frame["audience_credibility"] = credibility

    pods = _pick(
        rng,
        np.isin(platform, ("instagram", "tiktok"))
        & (followers >= 5_000)
        & (followers < 500_000)
        & ~taken,
        round(n * 0.03),
    )
    taken[pods] = True
    pod = frame["_pod"].to_numpy(copy=True)
    pod[pods] = True
    frame["_pod"] = pod
    er_factor = frame["_er_factor"].to_numpy(copy=True)
    er_factor[pods] = rng.uniform(3.5, 5.5, len(pods))
    frame["_er_factor"] = er_factor

    odd = _pick(rng, (platform != "twitch") & (followers >= 1_000) & ~taken, round(n * 0.03))
    comment = frame["_comment_factor"].to_numpy(copy=True)
    comment[odd] = np.where(
        rng.random(len(odd)) < 0.6,
        rng.uniform(5.0, 8.0, len(odd)),
        rng.uniform(0.08, 0.15, len(odd)),
    )
    frame["_comment_factor"] = comment

    early = frame["_early_adopter"].to_numpy(copy=True)
    for code in NICHES:
        early[_pick(rng, (niche == code) & (followers >= 1_000), max(1, round(n * 2 / 360)))] = True
    frame["_early_adopter"] = early


# Neutral values of the generator's internal columns, for influencers read from a CSV.
_INTERNAL_DEFAULTS: dict[str, object] = {
    "_growth": np.log(1.2) / 52,
    "_er_factor": 1.0,
    "_activity": 1.0,
    "_sponsor_rate": 0.2,
    "_disclosure_rate": 0.9,
    "_comment_factor": 1.0,
    "_jump_kind": "",
    "_jump_week": -1,
    "_jump_size": 0.0,
    "_pod": False,
    "_early_adopter": False,
}


def _with_internals(influencers: pd.DataFrame) -> pd.DataFrame:
    """The accounts with every internal column, neutral defaults filling the missing ones."""
    missing = {k: v for k, v in _INTERNAL_DEFAULTS.items() if k not in influencers.columns}
    return influencers.assign(**missing).reset_index(drop=True) if missing else influencers


def _followers_at(
    influencers: pd.DataFrame, week: np.ndarray, rows: np.ndarray, engaged: bool = False
) -> np.ndarray:
    """Smooth follower count at the end of ``week`` for account ``rows`` (no weekly noise).

    ``engaged`` leaves out bought followers, who never interact.
    """
    followers = influencers["followers"].to_numpy(dtype=float)[rows]
    growth = influencers["_growth"].to_numpy()[rows]
    kind = influencers["_jump_kind"].to_numpy()[rows]
    jump_week = influencers["_jump_week"].to_numpy()[rows]
    jump = np.log1p(influencers["_jump_size"].to_numpy()[rows])
    log_f = np.log(followers) - growth * (N_WEEKS - 1 - week)
    before = (kind != "") & (week < jump_week)
    log_f = log_f - np.where(before, jump, 0.0)
    if engaged:
        log_f = log_f - np.where((kind == "bought") & ~before, jump, 0.0)
    return np.exp(log_f)


def generate_follower_history(
    influencers: pd.DataFrame, rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """Weekly follower counts (end of each week) over the period, ending at ``followers``."""
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    influencers = _with_internals(influencers)
    n = len(influencers)
    weeks = np.tile(np.arange(N_WEEKS), n)
    rows = np.repeat(np.arange(n), N_WEEKS)
    smooth = _followers_at(influencers, weeks, rows).reshape(n, N_WEEKS)
    # A small random walk, pinned to zero on the last week so the series ends exactly.
    walk = rng.normal(0, 0.0035, (n, N_WEEKS)).cumsum(axis=1)
    walk -= walk[:, -1:]
    counts = np.rint(smooth * np.exp(walk)).astype(np.int64)
    counts[:, -1] = influencers["followers"].to_numpy()
    monday = np.datetime64(PERIOD_START.isoformat(), "D") + 7 * np.arange(N_WEEKS)
    return pd.DataFrame(
        {
            "influencer_id": np.repeat(influencers["influencer_id"].to_numpy(), N_WEEKS),
            "week": np.tile(monday, n).astype("datetime64[s]"),
            "followers": counts.ravel(),
        }
    )
