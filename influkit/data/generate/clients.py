"""The client side: past campaigns of each case study, brand mentions, market benchmarks
and the simulated results of a case's campaign.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from influkit.data.datasets import DEFAULT_DATA_DIR
from influkit.data.generate.calibration import (
    _BENCH_TIERS,
    _HYPE,
    _IMH,
    _KOL,
    _REF,
    BENCHMARK_METRICS,
    CAMPAIGN_CPM,
    CAMPAIGN_ENGAGEMENT,
    CAMPAIGNS,
    DEFAULT_SEED,
    FORMAT_CTR,
    FORMATS,
    MENTION_CHANNELS,
    MENTION_MIX,
    MENTIONS_START,
    MENTIONS_WEEKS,
    PLATFORMS,
    PRICE_CURVE,
    RESULT_ER_REACH,
    RESULT_REACH_RATE,
    SENTIMENT,
    TIER_CR,
    TIER_CTR,
    TIERS,
    YEAR_PRICE,
)
from influkit.data.generate.sampling import _pick, tier_codes


def read_cases(directory: Path | None = None) -> list[dict]:
    """The case-study files as raw dicts, sorted by case_id."""
    directory = (directory or DEFAULT_DATA_DIR) / "cases"
    cases = [json.loads(path.read_text(encoding="utf-8")) for path in directory.glob("*.json")]
    return sorted(cases, key=lambda case: case["case_id"])


def generate_client_campaigns(
    influencers: pd.DataFrame, cases: Sequence[dict], rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """Three years of past campaigns per case brand, one row per influencer engaged."""
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    tiers = tier_codes(influencers["followers"].to_numpy())
    platforms = influencers["platform"].to_numpy()
    niches = influencers["niche"].to_numpy()
    rows = []
    number = 0
    for case in cases:
        assumptions = case["assumptions"]
        for name, start, end, camp_platforms, camp_tiers, size, quality, season in CAMPAIGNS.get(
            case["case_id"], ()
        ):
            number += 1
            eligible = np.isin(niches, case["niches"]) & np.isin(platforms, camp_platforms)
            chosen = _pick(rng, eligible & np.isin(tiers, camp_tiers), size)
            if len(chosen) < size:  # widen to any tier rather than run short
                extra = _pick(
                    rng, eligible & ~np.isin(np.arange(len(tiers)), chosen), size - len(chosen)
                )
                chosen = np.sort(np.concatenate([chosen, extra]))
            for row in chosen:
                rows.append(
                    (
                        f"CMP{number:03d}",
                        case["brand"],
                        name,
                        start,
                        end,
                        row,
                        quality,
                        season,
                        assumptions,
                        float(case["budget_eur_ht"]),
                    )
                )
    if not rows:
        return pd.DataFrame()
    m = len(rows)
    row = np.array([r[5] for r in rows])
    platform = platforms[row]
    tier = tiers[row]
    year = np.array([int(r[3][:4]) for r in rows])
    quality = np.array([r[6] for r in rows]) * rng.lognormal(0, 0.15, m)
    season = np.array([r[7] for r in rows])
    ctr_base = np.array([r[8]["ctr"] for r in rows])
    cr_base = np.array([r[8]["conversion_rate"] for r in rows])
    aov = np.array([r[8]["average_order_value_eur"] for r in rows])

    fmt = np.empty(m, dtype=object)
    for name in PLATFORMS:
        at = np.flatnonzero(platform == name)
        specs = FORMATS[name]
        probs = np.array([s[1] for s in specs])
        fmt[at] = np.asarray([s[0] for s in specs], dtype=object)[
            rng.choice(len(specs), size=len(at), p=probs / probs.sum())
        ]
    price = influencers["price_per_post_eur"].to_numpy()[row] * np.vectorize(YEAR_PRICE.get)(year)
    deliverables = np.where(price >= 2_000, 1, rng.integers(1, 4, m))
    cost = price * deliverables * rng.uniform(0.85, 1.15, m)
    # A past campaign never cost more than 90 % of the brand's current budget: rates negotiated.
    campaign = np.array([r[0] for r in rows])
    budget = np.array([r[9] for r in rows])
    total = pd.Series(cost).groupby(campaign).transform("sum").to_numpy()
    cost = np.round(cost * np.minimum(1.0, 0.9 * budget / total), 2)
    cpm_low = np.log([CAMPAIGN_CPM[p][0] for p in platform])
    cpm_high = np.log([CAMPAIGN_CPM[p][1] for p in platform])
    cpm = np.exp(rng.uniform(cpm_low, cpm_high)) * np.where(quality < 0.7, 1.3, 1.0)
    cap = influencers["followers"].to_numpy()[row] * deliverables * 2.5
    impressions = np.rint(np.minimum(cost / cpm * 1000, cap)).astype(np.int64)
    reach = np.rint(impressions / rng.uniform(1.2, 1.7, m)).astype(np.int64)
    eng_low = np.array([CAMPAIGN_ENGAGEMENT[p][0] for p in platform])
    eng_high = np.array([CAMPAIGN_ENGAGEMENT[p][1] for p in platform])
    engagements = np.rint(impressions * rng.uniform(eng_low, eng_high) * np.sqrt(quality))
    ctr = (
        ctr_base
        * np.vectorize(TIER_CTR.get)(tier)
        * np.array([FORMAT_CTR.get(f, 1.0) for f in fmt])
        * quality**0.75
        * rng.lognormal(0, 0.25, m)
    )
    clicks = rng.binomial(impressions, np.clip(ctr, 0, 0.2))
    cr = (
        cr_base
        * np.vectorize(TIER_CR.get)(tier)
        * season
        * quality**0.75
        * rng.lognormal(0, 0.3, m)
    )
    conversions = rng.binomial(clicks, np.clip(cr, 0, 0.5))
    revenue = np.round(conversions * aov * rng.uniform(0.85, 1.2, m), 2)
    return pd.DataFrame(
        {
            "campaign_id": [r[0] for r in rows],
            "brand": [r[1] for r in rows],
            "campaign_name": [r[2] for r in rows],
            "start_date": pd.to_datetime([r[3] for r in rows]).astype("datetime64[s]"),
            "end_date": pd.to_datetime([r[4] for r in rows]).astype("datetime64[s]"),
            "influencer_id": influencers["influencer_id"].to_numpy()[row],
            "platform": platform,
            "tier": tier,
            "format": fmt,
            "cost_eur": cost,
            "impressions": impressions,
            "reach": reach,
            "engagements": engagements.astype(np.int64),
            "clicks": clicks.astype(np.int64),
            "conversions": conversions.astype(np.int64),
            "revenue_eur": revenue,
        }
    )


def generate_brand_mentions(
    cases: Sequence[dict], campaigns: pd.DataFrame, rng: np.random.Generator | None = None
) -> pd.DataFrame:
    """Weekly mentions of each case brand and its three competitors, by source and sentiment."""
    rng = rng if rng is not None else np.random.default_rng(DEFAULT_SEED)
    monday = np.datetime64(MENTIONS_START.isoformat(), "D") + 7 * np.arange(MENTIONS_WEEKS)
    week_of_year = (monday - monday.astype("datetime64[Y]")).astype(int) // 7
    channels = len(MENTION_CHANNELS)
    source_type = np.array([kind for _, kind in MENTION_CHANNELS], dtype=object)
    frames = []
    for case in cases:
        mix = np.asarray(MENTION_MIX.get(case["product_category"], MENTION_MIX["food"]))
        brands = [case["brand"], *case["competitors"]]
        levels = np.array([1.0, 2.6, 1.4, 0.6]) * rng.lognormal(0, 0.15, len(brands))
        crisis_brand = 1 + rng.integers(0, 3)
        crisis_start = rng.integers(20, MENTIONS_WEEKS - 6)
        for b, brand in enumerate(brands):
            trend = np.linspace(0.85, 1.15, MENTIONS_WEEKS) if b == 0 else np.ones(MENTIONS_WEEKS)
            seasonal = 1 + 0.25 * np.cos(2 * np.pi * (week_of_year - 50) / 52)
            weekly = levels[b] * trend * seasonal * rng.lognormal(0, 0.15, MENTIONS_WEEKS)
            boost = np.ones((MENTIONS_WEEKS, channels))
            influencer_cols = source_type == "influencer"
            if b == 0:
                mine = campaigns[campaigns["brand"] == brand]
                for start, end in (
                    mine[["start_date", "end_date"]].drop_duplicates().itertuples(index=False)
                ):
                    on = (monday >= np.datetime64(start.date(), "D") - 6) & (
                        monday <= np.datetime64(end.date(), "D")
                    )
                    boost[np.ix_(on, influencer_cols)] *= rng.uniform(2.5, 4.0)
                    boost[np.ix_(on, source_type == "consumer")] *= 1.6
            else:
                for _ in range(rng.integers(4, 7)):  # competitors' own campaigns
                    start = rng.integers(0, MENTIONS_WEEKS - 3)
                    boost[start : start + 3, influencer_cols] *= rng.uniform(2.0, 3.5)
            crisis = np.zeros(MENTIONS_WEEKS, dtype=bool)
            if b == crisis_brand:
                crisis[crisis_start : crisis_start + 3] = True
                boost[np.ix_(crisis, np.isin(source_type, ("consumer", "media")))] *= 4.0
            expected = weekly[:, None] * mix[None, :] * boost
            mentions = rng.poisson(expected)
            pos_share = np.array([SENTIMENT[k][0] for k in source_type])[None, :].repeat(
                MENTIONS_WEEKS, axis=0
            )
            neg_share = np.array([SENTIMENT[k][1] for k in source_type])[None, :].repeat(
                MENTIONS_WEEKS, axis=0
            )
            hit = crisis[:, None] & np.isin(source_type, ("consumer", "media"))[None, :]
            pos_share = np.where(hit, 0.12, pos_share)
            neg_share = np.where(hit, 0.58, neg_share)
            positive = rng.binomial(mentions, pos_share)
            negative = rng.binomial(
                mentions - positive, np.clip(neg_share / np.maximum(1 - pos_share, 1e-9), 0, 1)
            )
            frames.append(
                pd.DataFrame(
                    {
                        "week": np.repeat(monday, channels).astype("datetime64[s]"),
                        "brand": brand,
                        "market": case["case_id"],
                        "source": np.tile([s for s, _ in MENTION_CHANNELS], MENTIONS_WEEKS),
                        "source_type": np.tile(source_type, MENTIONS_WEEKS),
                        "mentions": mentions.ravel(),
                        "positive": positive.ravel(),
                        "neutral": (mentions - positive - negative).ravel(),
                        "negative": negative.ravel(),
                    }
                )
            )
    frame = pd.concat(frames, ignore_index=True)
    return frame.sort_values(["market", "brand", "week"], kind="stable", ignore_index=True)


def generate_benchmarks() -> pd.DataFrame:
    """Benchmark ranges per platform, tier and metric, exactly as DOMAIN.md §4 gives them."""
    rows: list[tuple] = []

    def add(platform, tier, metric, low, high, unit, source, note=""):
        rows.append((platform, tier, metric, low, high, unit, source, note))

    instagram = {
        "nano": (0.018, 0.028, ""),
        "micro": (0.005, 0.017, ""),
        "mid": (0.0037, 0.010, "interpolated"),
        "macro": (0.0027, 0.0059, "interpolated"),
        "mega": (0.002, 0.0035, ""),
    }
    for tier, (low, high, note) in instagram.items():
        add("instagram", tier, "er_followers", low, high, "fraction", _HYPE, note)
    tiktok = {
        "nano": (0.10, 0.14, "approximate"),
        "micro": (0.07, 0.10, "assumption"),
        "mid": (0.05, 0.075, "assumption"),
        "macro": (0.035, 0.055, "assumption"),
        "mega": (0.025, 0.04, "assumption"),
    }
    for tier, (low, high, note) in tiktok.items():
        add("tiktok", tier, "er_followers", low, high, "fraction", _REF, note)
    for tier in _BENCH_TIERS:
        add("tiktok", tier, "er_views", 0.03, 0.06, "fraction", _REF, "platform_wide")
        add("youtube", tier, "er_views", 0.016, 0.04, "fraction", _REF, "platform_wide")
        add("linkedin", tier, "er_followers", 0.03, 0.06, "fraction", _REF, "platform_wide")
        add("x", tier, "er_followers", 0.001, 0.02, "fraction", _REF, "platform_wide")
    for platform in ("instagram", "youtube", "tiktok"):
        knots = PRICE_CURVE[platform]
        for k, tier in enumerate(_BENCH_TIERS):
            high = float(knots[k + 2]) if tier != "mega" else np.nan
            add(platform, tier, "price_eur", float(knots[k + 1]), high, "eur", _IMH, "usd_as_eur")
    kolsquare = {
        "nano": (0, 120, ""),
        "micro": (120, 1_500, ""),
        "mid": (1_500, 4_000, "kolsquare_100k"),
        "macro": (4_000, 20_000, ""),
        "mega": (20_000, np.nan, "kolsquare_3m"),
    }
    for tier, (low, high, note) in kolsquare.items():
        add("instagram", tier, "price_eur_fr", float(low), float(high), "eur", _KOL, note)
    for platform, (low, high) in (
        ("instagram", (5, 15)),
        ("tiktok", (3, 25)),
        ("youtube", (10, 50)),
    ):
        for tier in _BENCH_TIERS:
            add(platform, tier, "cpm_eur", float(low), float(high), "eur", _REF, "platform_wide")
    frame = pd.DataFrame(
        rows, columns=["platform", "tier", "metric", "low", "high", "unit", "source", "note"]
    )
    order = {p: i for i, p in enumerate(PLATFORMS)}
    frame["_p"] = frame["platform"].map(order)
    frame["_t"] = frame["tier"].map({t: i for i, t in enumerate(TIERS)})
    frame["_m"] = frame["metric"].map({m: i for i, m in enumerate(BENCHMARK_METRICS)})
    frame = frame.sort_values(["_p", "_m", "_t"], kind="stable", ignore_index=True)
    return frame.drop(columns=["_p", "_t", "_m"])


def generate_campaign_results(
    influencers: pd.DataFrame, cases: Sequence[dict], rng: np.random.Generator
) -> pd.DataFrame:
    """Simulated post-by-post outcomes of each case's campaign, for the results dashboard.

    For each case, 8 accounts of its niches and platforms publish 1 to 3 posts in the four
    weeks after launch; reach, engagements, clicks, sales and revenue follow the case's
    assumptions with a wide spread, so some creators clearly over- or under-perform.
    """
    rows = []
    tiers = tier_codes(influencers["followers"].to_numpy())
    for case in sorted(cases, key=lambda c: c["case_id"]):
        eligible = influencers.loc[
            influencers["niche"].isin(case["niches"])
            & influencers["platform"].isin(case["platforms"])
            & (tiers != "mega")
            & (tiers != "below_nano")
        ]
        picked = eligible.iloc[rng.permutation(len(eligible))[:8]]
        launch = dt.date.fromisoformat(str(case["launch_date"]))
        assumptions = case["assumptions"]
        for account in picked.itertuples(index=False):
            for _ in range(int(rng.integers(1, 4))):
                day = launch + dt.timedelta(days=int(rng.integers(0, 28)))
                performance = float(rng.lognormal(0.0, 0.45))
                reach = account.followers * RESULT_REACH_RATE[account.platform] * performance
                impressions = reach * float(rng.uniform(1.15, 1.6))
                views = impressions * float(rng.uniform(0.55, 0.9))
                engagements = (
                    reach * RESULT_ER_REACH[account.platform] * float(rng.lognormal(0.0, 0.3))
                )
                clicks = impressions * assumptions["ctr"] * float(rng.lognormal(0.0, 0.4))
                conversions = (
                    clicks * assumptions["conversion_rate"] * float(rng.lognormal(0.0, 0.5))
                )
                revenue = (
                    conversions
                    * assumptions["average_order_value_eur"]
                    * float(rng.uniform(0.85, 1.2))
                )
                rows.append(
                    {
                        "case_id": case["case_id"],
                        "influencer_id": account.influencer_id,
                        "handle": account.handle,
                        "platform": account.platform,
                        "published_on": day,
                        "cost_eur_ht": float(account.price_per_post_eur),
                        "impressions": round(impressions),
                        "reach": round(reach),
                        "views": round(views),
                        "engagements": round(engagements),
                        "clicks": round(clicks),
                        "conversions": round(conversions),
                        "revenue_eur": round(revenue, 2),
                    }
                )
    frame = pd.DataFrame(rows).sort_values(
        ["case_id", "published_on", "influencer_id"], kind="stable"
    )
    frame.insert(1, "post_ref", [f"R{i:05d}" for i in range(1, len(frame) + 1)])
    frame["published_on"] = pd.to_datetime(frame["published_on"])
    return frame.reset_index(drop=True)
