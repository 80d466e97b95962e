"""Posts: formats, captions, hashtags and engagement of each account's publications."""

from __future__ import annotations

import numpy as np
import pandas as pd

from influkit.data.generate.accounts import _followers_at, _with_internals
from influkit.data.generate.calibration import (
    ADVERTISERS,
    CAPTIONS,
    DEFAULT_SEED,
    DISCLOSURE_WEIGHTS,
    DISCLOSURES,
    EARLY_ADOPTION_WEEK,
    ER_FOLLOWERS_CURVE,
    FORMAT_CODES,
    FORMATS,
    HASHTAGS,
    HOUR_WEIGHTS,
    N_WEEKS,
    NICHES,
    PERIOD_MINUTES,
    PERIOD_START,
    PLATFORMS,
    POSTS_PER_INFLUENCER,
    REACH_CURVE,
    RISING_FROM_WEEK,
    RISING_HASHTAGS,
    TIKTOK_ER_VIEWS,
    YOUTUBE_ER_VIEWS,
    YOUTUBE_VIEWS_CURVE,
)
from influkit.data.generate.sampling import _curve


def _format_tables() -> dict[str, np.ndarray]:
    """Per-format arrays indexed like FORMAT_CODES x PLATFORMS (ER, reach, video, split)."""
    shape = (len(PLATFORMS), len(FORMAT_CODES))
    tables = {key: np.zeros(shape) for key in ("er", "reach", "video")}
    tables["split"] = np.zeros((*shape, 4))
    for p, name in enumerate(PLATFORMS):
        specs = FORMATS[name]
        mean_er = sum(s[1] * s[2] for s in specs) / sum(s[1] for s in specs)
        for code, _prob, er, reach, video, *split in specs:
            f = FORMAT_CODES.index(code)
            tables["er"][p, f] = er / mean_er  # normalised so an account's mean ER is unbiased
            tables["reach"][p, f] = reach
            tables["video"][p, f] = video
            tables["split"][p, f] = split
    return tables


def _hashtag_table() -> np.ndarray:
    """Every hashtag string a post can carry, indexed by (niche, start, step, count, rising).

    With 11 tags per niche, stepping by 1..10 from any start never repeats a tag within a post.
    """
    table = []
    for code in NICHES:
        tags, rising = HASHTAGS[code], RISING_HASHTAGS[code]
        for start in range(11):
            for step in range(1, 11):
                for count in range(2, 6):
                    chosen = [tags[(start + j * step) % 11] for j in range(count)]
                    for extra in ((), (rising[0],), (rising[1],)):
                        table.append(" ".join([*chosen, *extra]))
    return np.asarray(table, dtype=object)


def _caption_table() -> np.ndarray:
    """Every caption, indexed by (niche, phrase, advertiser, mode).

    Modes: 0 organic, 1 sponsored without disclosure, 2.. one per DISCLOSURES label.
    """
    table = []
    for code in NICHES:
        for phrase in CAPTIONS[code]:
            for brand in ADVERTISERS[code]:
                table.append(phrase)
                table.append(f"{phrase} Merci {brand} !")
                for label in DISCLOSURES:
                    if label.startswith("#"):
                        table.append(f"{phrase} Avec {brand}. {label}")
                    else:
                        table.append(f"{label} avec {brand} : {phrase}")
    return np.asarray(table, dtype=object)


def generate_posts(
    influencers: pd.DataFrame, n_posts: int | None = None, rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """Posts of every account over the period, engagement calibrated per platform and tier.

    ``influencers`` comes from :func:`generate_influencers`, or any frame with the columns of
    ``influencers.csv`` (planted anomalies then stay off).
    """
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    influencers = _with_internals(influencers)
    n = len(influencers)
    n_posts = n * POSTS_PER_INFLUENCER if n_posts is None else n_posts
    platform_idx = pd.Categorical(influencers["platform"], categories=PLATFORMS).codes
    niche_idx = pd.Categorical(influencers["niche"], categories=NICHES).codes
    followers_now = influencers["followers"].to_numpy(dtype=float)
    kind = influencers["_jump_kind"].to_numpy()

    # How many posts each account has: at least 12 (the ER window), the rest by activity.
    floor = min(12, n_posts // max(n, 1))
    activity = influencers["_activity"].to_numpy()
    counts = floor + rng.multinomial(n_posts - floor * n, activity / activity.sum())
    account = np.repeat(np.arange(n), counts)
    size = len(account)
    minute = (
        rng.integers(0, N_WEEKS * 7, size) * 1440
        + rng.choice(24, size=size, p=np.divide(HOUR_WEIGHTS, sum(HOUR_WEIGHTS))) * 60
        + rng.integers(0, 60, size)
    )
    viral = np.ones(size)
    # Organic jumps: the account's first post moves into the jump week and goes viral.
    organic = np.flatnonzero(kind == "organic")
    if len(organic):
        first_post = np.searchsorted(account, organic)
        jump_week = influencers["_jump_week"].to_numpy()[organic]
        minute[first_post] = jump_week * 7 * 1440 + rng.integers(9 * 60, 6 * 1440, len(organic))
        viral[first_post] = rng.uniform(10.0, 25.0, len(organic))
    # A few ordinary viral posts, never on bought-jump accounts.
    lucky = (rng.random(size) < 0.003) & (kind[account] != "bought") & (viral == 1)
    viral[lucky] = rng.uniform(4.0, 10.0, lucky.sum())
    order = np.lexsort((minute, account))
    account, minute, viral = account[order], minute[order], viral[order]

    p_idx = platform_idx[account]
    fmt = np.zeros(size, dtype=np.int64)
    for p, name in enumerate(PLATFORMS):
        rows = np.flatnonzero(p_idx == p)
        specs = FORMATS[name]
        probs = np.array([s[1] for s in specs])
        codes = np.array([FORMAT_CODES.index(s[0]) for s in specs])
        fmt[rows] = codes[rng.choice(len(specs), size=len(rows), p=probs / probs.sum())]
    tables = _format_tables()
    t = minute / PERIOD_MINUTES
    week = minute // (7 * 1440)

    sponsored = rng.random(size) < influencers["_sponsor_rate"].to_numpy()[account] * (
        0.7 + 0.6 * t
    )
    disclosed_p = np.clip(
        influencers["_disclosure_rate"].to_numpy()[account] - 0.07 + 0.14 * t, 0, 1
    )
    disclosed = sponsored & (rng.random(size) < disclosed_p)

    # Engaged audience at the start of the post's week (bought followers never interact).
    base = _followers_at(influencers, week - 1, account, engaged=True)
    log_now = np.log10(followers_now)
    er_account = np.ones(n)
    for p, name in enumerate(PLATFORMS):
        if name in ER_FOLLOWERS_CURVE:
            rows = platform_idx == p
            er_account[rows] = _curve(ER_FOLLOWERS_CURVE[name], log_now[rows])
    er_account *= influencers["_er_factor"].to_numpy()
    noise = np.exp(rng.normal(0, 0.35, size) - 0.35**2 / 2)
    boost = noise * viral * np.where(sponsored, 0.85, 1.0) * tables["er"][p_idx, fmt]
    interactions = base * er_account[account] * boost
    reach_mult = tables["reach"][p_idx, fmt] * np.exp(rng.normal(0, 0.3, size)) * viral

    reach = np.zeros(size)
    impressions = np.zeros(size)
    views = np.zeros(size)
    names = np.asarray(PLATFORMS, dtype=object)[p_idx]
    feed = np.isin(names, ("instagram", "linkedin", "x"))
    for name in ("instagram", "linkedin", "x"):
        rows = names == name
        reach[rows] = (
            base[rows] * _curve(REACH_CURVE[name], np.log10(base[rows])) * reach_mult[rows]
        )
    impressions[feed] = reach[feed] * rng.uniform(1.1, 1.6, feed.sum())
    video = tables["video"][p_idx, fmt] == 1
    views[feed] = np.where(
        video[feed], impressions[feed] * rng.uniform(0.7, 0.98, feed.sum()), impressions[feed]
    )

    tiktok = names == "tiktok"
    er_views = TIKTOK_ER_VIEWS * np.exp(rng.normal(0, 0.15, n))
    views[tiktok] = interactions[tiktok] / (
        er_views[account[tiktok]] * np.exp(rng.normal(0, 0.1, tiktok.sum()))
    )
    views[tiktok] *= np.where(fmt[tiktok] == FORMAT_CODES.index("live"), 0.5, 1.0)
    impressions[tiktok] = views[tiktok] * rng.uniform(1.05, 1.25, tiktok.sum())
    reach[tiktok] = views[tiktok] * rng.uniform(0.7, 0.92, tiktok.sum())

    youtube = names == "youtube"
    views[youtube] = (
        base[youtube] * _curve(YOUTUBE_VIEWS_CURVE, np.log10(base[youtube])) * reach_mult[youtube]
    )
    yt_er = YOUTUBE_ER_VIEWS * influencers["_er_factor"].to_numpy() ** 0.5
    interactions[youtube] = (
        views[youtube] * yt_er[account[youtube]] * (boost[youtube] / viral[youtube])
    )
    impressions[youtube] = views[youtube] / rng.uniform(0.4, 0.8, youtube.sum())
    reach[youtube] = views[youtube] * rng.uniform(0.75, 0.95, youtube.sum())

    twitch = names == "twitch"
    views[twitch] = base[twitch] * rng.uniform(0.03, 0.10, twitch.sum()) * viral[twitch]
    reach[twitch] = views[twitch] * rng.uniform(0.85, 1.0, twitch.sum())
    impressions[twitch] = views[twitch] * rng.uniform(1.5, 3.0, twitch.sum())

    # Interactions split into likes, comments, shares and saves; odd accounts skew comments.
    split = tables["split"][p_idx, fmt] * np.exp(rng.normal(0, 0.15, (size, 4)))
    split[:, 1] *= influencers["_comment_factor"].to_numpy()[account]
    split /= np.maximum(split.sum(axis=1, keepdims=True), 1e-12)
    likes, comments, shares, saves = (rng.poisson(interactions * split[:, k]) for k in range(4))
    impressions = np.rint(impressions).astype(np.int64)
    reach = np.minimum(
        np.maximum(np.rint(reach).astype(np.int64), likes + shares + saves), impressions
    )
    impressions = np.maximum(impressions, reach)
    views = np.minimum(np.rint(views).astype(np.int64), impressions)

    hashtags = _post_hashtags(
        rng, niche_idx[account], week, influencers["_early_adopter"].to_numpy()[account]
    )
    language = influencers["language"].to_numpy()[account]
    label = np.where(
        language == "en",
        rng.choice(len(DISCLOSURES), size=size, p=DISCLOSURE_WEIGHTS["en"]),
        rng.choice(len(DISCLOSURES), size=size, p=DISCLOSURE_WEIGHTS["fr"]),
    )
    mode = np.where(disclosed, 2 + label, np.where(sponsored, 1, 0))
    caption_index = (
        (niche_idx[account] * 10 + rng.integers(0, 10, size)) * 4 + rng.integers(0, 4, size)
    ) * (2 + len(DISCLOSURES)) + mode
    disclosure = np.where(disclosed, np.asarray(DISCLOSURES, dtype=object)[label], "")

    width = max(6, len(str(size)))
    published = (
        np.datetime64(PERIOD_START.isoformat(), "m") + minute.astype("timedelta64[m]")
    ).astype("datetime64[s]")
    return pd.DataFrame(
        {
            "post_id": pd.Series(np.arange(1, size + 1))
            .astype(str)
            .str.zfill(width)
            .radd("P")
            .to_numpy(dtype=object),
            "influencer_id": influencers["influencer_id"].to_numpy()[account],
            "published_at": published,
            "format": np.asarray(FORMAT_CODES, dtype=object)[fmt],
            "likes": likes,
            "comments": comments,
            "shares": shares,
            "saves": saves,
            "views": views,
            "reach": reach,
            "impressions": impressions,
            "sponsored": sponsored,
            "disclosure": disclosure.astype(object),
            "hashtags": _hashtag_table()[hashtags],
            "caption": _caption_table()[caption_index],
        }
    )


def _post_hashtags(
    rng: np.random.Generator, niche_idx: np.ndarray, week: np.ndarray, early: np.ndarray
) -> np.ndarray:
    """Row indices into the hashtag table: evergreen tags, plus rising ones late in the period."""
    size = len(niche_idx)
    start = rng.integers(0, 11, size)
    step = rng.integers(1, 11, size)
    count = rng.integers(2, 6, size)
    ramp = np.clip((week - RISING_FROM_WEEK + 1) / 8, 0, 1)
    p_rising = np.where(week >= RISING_FROM_WEEK, 0.06 + 0.40 * ramp, 0.004)
    p_rising = np.where(early & (week >= EARLY_ADOPTION_WEEK), np.maximum(p_rising, 0.45), p_rising)
    rising = rng.random(size) < p_rising
    which = np.where(rng.random(size) < 0.6, 1, 2)
    extra = np.where(rising, which, 0)
    return (((niche_idx * 11 + start) * 10 + (step - 1)) * 4 + (count - 2)) * 3 + extra
