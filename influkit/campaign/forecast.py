"""The plan's one forecast: what the shortlisted influencers should deliver and cost.

Every page, export and dashboard that shows an expected figure reads :func:`forecast`, so a
campaign has one set of numbers. It also owns the plan's **assumptions** (CTR, conversion
rate, average basket, margin rate, reach rate, frequency, the conversion penalty of flagged
accounts, the spread of the low / high range and the EMV rates): they live in
``plan.settings.assumptions``, start from the case's values, and :func:`set_assumption` /
:func:`reset_assumptions` change them.

How each figure is derived, per post of an influencer (their row of
:func:`influkit.identify.profiles.influencer_table`, sample or imported):

- **reach** = the account's average reach per post, else its average views, else followers ×
  reach rate. Reach adds up over posts and influencers (cumulative reach, not unique people).
- **impressions** = the account's average impressions per post, else reach × frequency.
- **engagements** = the account's average interactions per post (likes, comments, shares,
  saves), else likes (+ comments), else ER × the ER basis (followers, reach, impressions, views).
- **audience quality** (0-1) = the account's audience credibility, else 1 − its suspicious +
  mass followers share, else 1. Only the real part of the audience clicks:
  **clicks** = impressions × CTR × audience quality × the tier's click factor.
- **quality-flagged** accounts (any alert or warning of :func:`influkit.identify.quality.quality_flags`:
  bought jumps, ER or comments far off their peers, low credibility, suspicious followers)
  convert less: **conversions** = clicks × conversion rate × the tier's conversion factor ×
  the flagged-account factor (1 for a clean account).
- The case's CTR and conversion rate are a mid-tier account's; smaller accounts' audiences
  click and buy more, larger ones' less (:data:`TIER_CLICK_FACTOR`,
  :data:`TIER_CONVERSION_FACTOR`: a mega account clicks at 0.7 × and converts at 0.65 × a
  mid-tier one, as the clients' campaign histories show).
- **revenue** = conversions × average basket.

Posts: the influencer's planned deliverables (one row each, ``count`` posts); an influencer with
none gets one row on their own platform with their chosen model's posts, else 1. Reserves
without a deliverable or a chosen model are left out (they are not planned to publish).

**Cost** (the brand's cost, euros HT): with a chosen remuneration model,
:func:`influkit.campaign.compensation.models.brand_cost` of that model on the influencer's whole expected
performance (fees, commission, pay per result, bonus, add-ons, products, shipping), shared
between their rows in proportion to posts; without one, each deliverable's agreed
compensation, else the declared price per post × posts (0 when unknown, ``cost_known`` False).

**Low / high**: reach, impressions and engagements are expected × (1 ∓ spread); clicks,
conversions and revenue depend on the audience *and* on the response rates, so they are
expected × (1 ∓ spread)². The cost at low (high) is the model's cost at the low (high)
performance: it moves only for models paid on results. Totals add rows up (low with low).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from influkit import metrics
from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.plan.model import Assumptions, Plan
from influkit.values import as_number

METRICS: tuple[str, ...] = (
    "impressions",
    "reach",
    "engagements",
    "clicks",
    "conversions",
    "revenue",
    "cost",
)
#: Metrics driven by the audience alone: their range is ± spread.
AUDIENCE_METRICS: tuple[str, ...] = ("impressions", "reach", "engagements")
#: Metrics driven by the audience and the response rates: their range is (1 ± spread)².
RESPONSE_METRICS: tuple[str, ...] = ("clicks", "conversions", "revenue")

#: Every number of :class:`~influkit.plan.model.Assumptions`, in the order the panel shows them.
ASSUMPTION_FIELDS: tuple[str, ...] = (
    "conversion_rate",
    "ctr",
    "average_basket_eur",
    "margin_rate",
    "reach_rate",
    "frequency",
    "flagged_conversion_factor",
    "spread",
)
#: The fields a case study gives (``assumptions`` of its JSON) and the plan's names for them.
CASE_FIELDS: dict[str, str] = {
    "conversion_rate": "conversion_rate",
    "ctr": "ctr",
    "average_order_value_eur": "average_basket_eur",
    "average_basket_eur": "average_basket_eur",
    "margin_rate": "margin_rate",
    "reach_rate": "reach_rate",
}
#: Illustrative defaults for a plan without a case (DOMAIN §5, §8), to be edited.
DEFAULTS: dict[str, float] = {
    "ctr": 0.01,
    "conversion_rate": 0.02,
    "average_basket_eur": 50.0,
    "margin_rate": 0.40,
    "reach_rate": compensation.DEFAULT_REACH_RATE,
    "frequency": 1.0,
    # A flagged account's clicks convert at half the rate of a clean account's.
    "flagged_conversion_factor": 0.5,
    "spread": 0.30,
}
#: How a tier's audience clicks and buys compared with a mid-tier account's (the case's rates).
TIER_CLICK_FACTOR: dict[str, float] = {
    "below_nano": 1.15,
    "nano": 1.15,
    "micro": 1.1,
    "mid": 1.0,
    "macro": 0.85,
    "mega": 0.7,
}
TIER_CONVERSION_FACTOR: dict[str, float] = {
    "below_nano": 1.2,
    "nano": 1.2,
    "micro": 1.15,
    "mid": 1.0,
    "macro": 0.8,
    "mega": 0.65,
}
#: The unit of each assumption: a fraction shown as a percentage, euros, or a plain number.
ASSUMPTION_UNITS: dict[str, str] = {
    "ctr": "percent",
    "conversion_rate": "percent",
    "average_basket_eur": "money",
    "margin_rate": "percent",
    "reach_rate": "percent",
    "frequency": "number",
    "flagged_conversion_factor": "percent",
    "spread": "percent",
}
#: Upper bounds of each assumption (fractions at most 1, the spread below 90 %).
ASSUMPTION_MAX: dict[str, float | None] = {
    "ctr": 1.0,
    "conversion_rate": 1.0,
    "average_basket_eur": None,
    "margin_rate": 1.0,
    "reach_rate": 1.0,
    "frequency": None,
    "flagged_conversion_factor": 1.0,
    "spread": 0.9,
}

ROW_COLUMNS: tuple[str, ...] = (
    "influencer_id",
    "deliverable_id",
    "platform",
    "format",
    "posts",
    "window_start",
    "window_end",
    "tier",
    "followers",
    "engagement_rate",
    "audience_quality",
    "quality_flagged",
    "brand_fit",
    "remuneration_kind",
    "cost_known",
    *(f"{m}{suffix}" for m in METRICS for suffix in ("", "_low", "_high")),
)
_OPTIONAL_COLUMNS: tuple[str, ...] = (
    "deliverable_id",
    "format",
    "window_start",
    "window_end",
    "remuneration_kind",
)


# --- assumptions ----------------------------------------------------------------------------


def case_values(plan: Plan) -> dict[str, float]:
    """The assumptions of the plan's case study (the project's defaults where it says nothing)."""
    values = dict(DEFAULTS)
    if plan.case_id:
        try:
            given = datasets.case(plan.case_id).get("assumptions", {}) or {}
        except UserError:
            given = {}
        for key, name in CASE_FIELDS.items():
            number = as_number(given.get(key))
            if not math.isnan(number):
                values[name] = number
    return values


def default_assumptions(plan: Plan) -> Assumptions:
    """The assumptions a plan starts from: its case's values, every field filled."""
    return Assumptions(**case_values(plan), emv_rates=metrics.emv_rates())


def assumptions_in_force(plan: Plan) -> Assumptions:
    """The assumptions the forecast uses: the case's, overridden by what the trainee edited."""
    values = case_values(plan)
    own = plan.settings.assumptions
    for name in ASSUMPTION_FIELDS:
        value = getattr(own, name)
        if value is not None:
            values[name] = float(value)
    return Assumptions(**values, emv_rates=metrics.emv_rates(own.emv_rates or None))


def edited_fields(plan: Plan) -> list[str]:
    """The assumptions the trainee changed from the case's values."""
    own = plan.settings.assumptions
    return [name for name in ASSUMPTION_FIELDS if getattr(own, name) is not None]


def set_assumption(plan: Plan, name: str, value: float) -> bool:
    """Store one edited assumption (forgotten when it equals the case's); True when it changed.

    A UserError names the assumption when the value does not fit (negative, a rate over 100 %).
    """
    if name not in ASSUMPTION_FIELDS:
        raise UserError("forecast.error_assumption", choices=", ".join(ASSUMPTION_FIELDS))
    number = as_number(value)
    high = ASSUMPTION_MAX[name]
    if math.isnan(number) or number < 0 or (high is not None and number > high):
        raise UserError(f"forecast.error_value.{name}", value=value)
    before = getattr(plan.settings.assumptions, name)
    stored = None if math.isclose(number, case_values(plan)[name], abs_tol=1e-12) else number
    if stored == before:
        return False
    plan.settings.assumptions = plan.settings.assumptions.model_copy(update={name: stored})
    return True


def set_emv_rates(plan: Plan, rates: Mapping[str, Mapping[str, float]]) -> bool:
    """Store the EMV rates per platform (checked by :func:`metrics.emv_rates`); True if changed."""
    metrics.emv_rates(rates)
    merged = {**plan.settings.assumptions.emv_rates, **{p: dict(r) for p, r in rates.items()}}
    if merged == plan.settings.assumptions.emv_rates:
        return False
    plan.settings.assumptions = plan.settings.assumptions.model_copy(update={"emv_rates": merged})
    return True


def reset_assumptions(plan: Plan) -> bool:
    """Go back to the case's values (and the default EMV rates); True when something changed."""
    if plan.settings.assumptions == Assumptions():
        return False
    plan.settings.assumptions = Assumptions()
    return True


def compensation_assumptions(a: Assumptions) -> compensation.Assumptions:
    """The remuneration simulator's form of resolved assumptions."""
    return compensation.Assumptions(
        ctr=float(a.ctr or 0.0),
        conversion_rate=float(a.conversion_rate or 0.0),
        average_order_value_eur=float(a.average_basket_eur or 0.0),
        margin_rate=float(a.margin_rate or 0.0),
        frequency=float(a.frequency if a.frequency is not None else 1.0),
    )


# --- one account ----------------------------------------------------------------------------


def _positive(value: Any) -> float | None:
    number = as_number(value)
    return number if number > 0 else None


def audience_quality(row: Mapping[str, Any]) -> float:
    """The real share of an account's audience: credibility, else 1 − doubtful share, else 1."""
    credibility = as_number(row.get("audience_credibility"))
    if not math.isnan(credibility):
        return float(min(max(credibility, 0.0), 1.0))
    parts = [as_number(row.get(k)) for k in ("suspicious_followers_share", "mass_followers_share")]
    known = [p for p in parts if not math.isnan(p)]
    if known:
        return float(min(max(1.0 - sum(known), 0.0), 1.0))
    return 1.0


def per_post(
    row: Mapping[str, Any], a: Assumptions, *, flagged: bool = False, er_basis: str = "followers"
) -> dict[str, float]:
    """What one post of an account should deliver (reach … revenue), as the docstring says."""
    followers = (
        max(as_number(row.get("followers")), 0.0) if _positive(row.get("followers")) else 0.0
    )
    reach_rate = float(a.reach_rate if a.reach_rate is not None else DEFAULTS["reach_rate"])
    frequency = float(a.frequency if a.frequency is not None else 1.0)
    reach = (
        _positive(row.get("avg_reach")) or _positive(row.get("avg_views")) or followers * reach_rate
    )
    impressions = _positive(row.get("avg_impressions")) or reach * frequency
    engagements = _positive(row.get("avg_interactions"))
    if engagements is None:
        likes, comments = as_number(row.get("avg_likes")), as_number(row.get("avg_comments"))
        if not math.isnan(likes):
            engagements = likes + (0.0 if math.isnan(comments) else comments)
    if engagements is None:
        er = as_number(row.get("er"))
        bases = {
            "followers": followers,
            "reach": reach,
            "impressions": impressions,
            "views": _positive(row.get("avg_views")) or reach,
        }
        engagements = 0.0 if math.isnan(er) else max(er, 0.0) * bases.get(er_basis, followers)
    quality = audience_quality(row)
    tier = row.get("tier")
    click_factor = TIER_CLICK_FACTOR.get(tier, 1.0) if isinstance(tier, str) else 1.0
    buy_factor = TIER_CONVERSION_FACTOR.get(tier, 1.0) if isinstance(tier, str) else 1.0
    clicks = impressions * float(a.ctr or 0.0) * quality * click_factor
    if flagged:
        buy_factor *= float(a.flagged_conversion_factor)
    conversions = clicks * float(a.conversion_rate or 0.0) * buy_factor
    return {
        "reach": float(reach),
        "impressions": float(impressions),
        "engagements": float(engagements),
        "clicks": float(clicks),
        "conversions": float(conversions),
        "revenue": float(conversions * float(a.average_basket_eur or 0.0)),
    }


def expected(
    row: Mapping[str, Any],
    posts: float,
    a: Assumptions,
    *,
    flagged: bool = False,
    er_basis: str = "followers",
) -> dict[str, tuple[float, float, float]]:
    """Low / expected / high reach … revenue of ``posts`` posts of an account (no cost)."""
    one = per_post(row, a, flagged=flagged, er_basis=er_basis)
    spread = float(a.spread if a.spread is not None else DEFAULTS["spread"])
    out = {}
    for metric, value in one.items():
        power = 2 if metric in RESPONSE_METRICS else 1
        total = value * posts
        out[metric] = (total * (1 - spread) ** power, total, total * (1 + spread) ** power)
    return out


def performance(
    row: Mapping[str, Any], posts: int, figures: Mapping[str, float]
) -> compensation.Performance:
    """The remuneration simulator's :class:`Performance` from forecast figures."""
    er = as_number(row.get("er"))
    return compensation.Performance(
        followers=max(as_number(row.get("followers")), 0.0)
        if _positive(row.get("followers"))
        else 0.0,
        er=0.0 if math.isnan(er) else max(er, 0.0),
        posts=int(posts),
        reach=float(figures["reach"]),
        impressions=float(figures["impressions"]),
        engagements=float(figures["engagements"]),
        clicks=float(figures["clicks"]),
        conversions=float(figures["conversions"]),
        revenue_eur=float(figures["revenue"]),
    )


_QUALITY_COLUMNS = (
    "influencer_id",
    "platform",
    "tier",
    "followers",
    "er",
    "avg_likes",
    "avg_comments",
    "audience_credibility",
    "suspicious_followers_share",
    "mass_followers_share",
)
_FLAG_CACHE: dict[tuple[str, int], frozenset[str]] = {}
#: The columns the peer-based quality flags need (the influencer table always has them).
_FLAG_INPUTS = frozenset(
    {
        "platform",
        "tier",
        "er",
        "comments_to_likes",
        "audience_credibility",
        "suspicious_followers_share",
        "mass_followers_share",
    }
)


def flagged_ids(table: pd.DataFrame, er_basis: str = "followers") -> frozenset[str]:
    """The accounts of ``table`` with an audience-quality alert or warning (peers: the table)."""
    if table.empty:
        return frozenset()
    present = [c for c in _QUALITY_COLUMNS if c in table.columns]
    key = (er_basis, int(pd.util.hash_pandas_object(table[present], index=False).sum()))
    if key not in _FLAG_CACHE and not set(table.columns) >= _FLAG_INPUTS:
        # A bare table (no peers to compare with): only the audience's own signals count.
        _FLAG_CACHE[key] = frozenset(
            str(row.get("influencer_id")) for row in table.to_dict("records") if _doubtful(row)
        )
    if key not in _FLAG_CACHE:
        from influkit.identify import quality

        flags = quality.quality_flags(
            table,
            datasets.load("follower_history"),
            datasets.load("posts"),
            benchmarks=datasets.load("benchmarks"),
            basis=er_basis,
        )
        counted = flags.loc[flags["level"].isin(("alert", "warning"))]
        if len(_FLAG_CACHE) > 32:
            _FLAG_CACHE.clear()
        _FLAG_CACHE[key] = frozenset(counted["influencer_id"].astype(str))
    return _FLAG_CACHE[key]


def _doubtful(row: Mapping[str, Any]) -> bool:
    """Low credibility or too many suspicious + mass followers (DOMAIN §5 thresholds)."""
    from influkit.identify import quality

    credibility = as_number(row.get("audience_credibility"))
    parts = [as_number(row.get(k)) for k in ("suspicious_followers_share", "mass_followers_share")]
    known = [p for p in parts if not math.isnan(p)]
    return (not math.isnan(credibility) and credibility < quality.CREDIBILITY_MIN) or (
        bool(known) and sum(known) > quality.SUSPICIOUS_MAX
    )


def brand_fit_scores(plan: Plan, table: pd.DataFrame) -> dict[str, float]:
    """Each account's brand-fit score (0-100) for the plan's brief."""
    if table.empty or not {"platform", "niche", "followers"} <= set(table.columns):
        return {}
    from influkit.identify import brandfit

    ranked = brandfit.plan_ranking(plan, table)
    return dict(
        zip(ranked["influencer_id"].astype(str), ranked["score"].astype(float), strict=False)
    )


def planned_posts(plan: Plan, influencer_id: str, default: int = 1) -> int:
    """The posts planned with an influencer: their deliverables', else their model's, else 1."""
    counted = sum(d.count for d in plan.deliverables if d.influencer_id == influencer_id)
    if any(d.influencer_id == influencer_id for d in plan.deliverables):
        return int(counted)
    rem = remuneration.chosen(plan, influencer_id)
    if rem is not None:
        posts = as_number(rem.params.get("posts"))
        if not math.isnan(posts) and posts >= 0:
            return int(posts)
    return int(default)


# --- the forecast ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Forecast:
    """The plan's expected results, one row per planned deliverable, and their totals."""

    rows: pd.DataFrame
    totals: dict[str, tuple[float, float, float]]
    assumptions: Assumptions
    #: Shortlisted ids the influencer table does not know (left out of the rows).
    unknown_ids: tuple[str, ...] = field(default=())

    def by_influencer(self) -> pd.DataFrame:
        """The metric columns (and posts) summed per influencer, in shortlist order."""
        columns = ["posts", *(f"{m}{s}" for m in METRICS for s in ("", "_low", "_high"))]
        if self.rows.empty:
            return pd.DataFrame(columns=["influencer_id", *columns])
        sums = self.rows.groupby("influencer_id", sort=False)[columns].sum()
        return sums.reset_index()

    def total(self, metric: str) -> float:
        """The expected total of one metric."""
        return self.totals[metric][1]


def _totals(rows: pd.DataFrame) -> dict[str, tuple[float, float, float]]:
    return {
        m: tuple(float(rows[f"{m}{s}"].sum()) if len(rows) else 0.0 for s in ("_low", "", "_high"))
        for m in METRICS
    }


def influencer_rows(
    plan: Plan,
    row: Mapping[str, Any],
    a: Assumptions,
    *,
    flagged: bool,
    brand_fit: float = math.nan,
    deliverables: list[Any] | None = None,
    rem: Any = None,
    default_posts: int = 1,
    posts_override: int | None = None,
) -> list[dict[str, Any]]:
    """The forecast rows of one influencer (their deliverables, else one default row)."""
    iid = str(row.get("influencer_id"))
    platform = row.get("platform")
    dels = (
        [d for d in plan.deliverables if d.influencer_id == iid]
        if deliverables is None
        else deliverables
    )
    if dels:
        parts = [
            {
                "deliverable_id": d.deliverable_id,
                "platform": d.platform or platform,
                "format": d.format or None,
                "posts": int(d.count),
                "window_start": d.window_start,
                "window_end": d.window_end,
                "agreed": float(d.compensation_eur_ht),
            }
            for d in dels
        ]
    else:
        posts = default_posts
        if rem is not None and posts_override is None:
            number = as_number(rem.params.get("posts"))
            posts = int(number) if not math.isnan(number) and number >= 0 else default_posts
        parts = [
            {
                "deliverable_id": None,
                "platform": platform,
                "format": _default_format(platform),
                "posts": int(posts),
                "window_start": None,
                "window_end": None,
                "agreed": 0.0,
            }
        ]
    basis = plan.settings.er_basis
    figures = [expected(row, p["posts"], a, flagged=flagged, er_basis=basis) for p in parts]
    price = as_number(row.get("price_per_post_eur"))
    total_posts = sum(p["posts"] for p in parts)
    if rem is not None:
        model = remuneration.model_of(rem)
        costs = []
        for i in range(3):
            summed = {m: sum(f[m][i] for f in figures) for m in figures[0]}
            costs.append(compensation.brand_cost(model, performance(row, total_posts, summed)))
        shares = (
            [p["posts"] / total_posts for p in parts]
            if total_posts > 0
            else [1.0 if i == 0 else 0.0 for i in range(len(parts))]
        )
        row_costs = [tuple(c * share for c in costs) for share in shares]
        known = [True] * len(parts)
    else:
        row_costs, known = [], []
        for p in parts:
            if p["agreed"] > 0:
                cost, ok = p["agreed"], True
            elif not math.isnan(price) and price >= 0:
                cost, ok = price * p["posts"], True
            else:
                cost, ok = 0.0, False
            row_costs.append((cost, cost, cost))
            known.append(ok)
    er = as_number(row.get("er"))
    out = []
    for p, fig, cost, ok in zip(parts, figures, row_costs, known, strict=True):
        record = {
            "influencer_id": iid,
            "deliverable_id": p["deliverable_id"],
            "platform": p["platform"],
            "format": p["format"],
            "posts": p["posts"],
            "window_start": p["window_start"],
            "window_end": p["window_end"],
            "tier": row.get("tier"),
            "followers": as_number(row.get("followers")),
            "engagement_rate": er,
            "audience_quality": audience_quality(row),
            "quality_flagged": bool(flagged),
            "brand_fit": float(brand_fit),
            "remuneration_kind": rem.kind if rem is not None else None,
            "cost_known": ok,
        }
        for metric, (low, mid, high) in fig.items():
            record.update({metric: mid, f"{metric}_low": low, f"{metric}_high": high})
        record.update({"cost": cost[1], "cost_low": cost[0], "cost_high": cost[2]})
        out.append(record)
    return out


def _default_format(platform: Any) -> str | None:
    from influkit.operations import deliverables as actions

    return actions.default_format(platform) if platform else None


def forecast(plan: Plan, *, table: pd.DataFrame | None = None) -> Forecast:
    """The plan's forecast: every shortlisted influencer's expected results and cost.

    ``table`` is the influencer table (:func:`influkit.identify.profiles.influencer_table` of the plan
    when not given); quality flags and brand fit are read against the whole of it.
    """
    table = profiles.influencer_table(plan) if table is None else table
    known = remuneration.rows_by_id(table)
    ids = plan.shortlisted_ids()
    planned = {d.influencer_id for d in plan.deliverables} | {
        r.influencer_id for r in plan.remunerations
    }
    kept = [
        known[e.influencer_id]
        for e in plan.shortlist
        if e.influencer_id in known and (e.role != "reserve" or e.influencer_id in planned)
    ]
    rows = pd.DataFrame(kept, columns=table.columns) if kept else table.iloc[0:0]
    result = forecast_of(plan, rows, table=table)
    unknown = tuple(iid for iid in ids if iid not in known)
    return Forecast(result.rows, result.totals, result.assumptions, unknown)


def forecast_of(
    plan: Plan, influencers: pd.DataFrame, *, table: pd.DataFrame | None = None
) -> Forecast:
    """The forecast of some influencers (rows of the influencer table), with the plan's
    deliverables, chosen models and assumptions: what :func:`forecast` does for the shortlist.

    Quality flags and brand fit are read against ``table`` (the plan's whole influencer table
    when not given); a row it does not hold is judged on its own audience figures.
    """
    a = assumptions_in_force(plan)
    records: list[dict[str, Any]] = []
    if len(influencers):
        table = profiles.influencer_table(plan) if table is None else table
        in_table = set(table["influencer_id"].astype(str)) if len(table) else set()
        flagged = set(flagged_ids(table, plan.settings.er_basis))
        fits = brand_fit_scores(plan, table)
        for row in influencers.to_dict("records"):
            iid = str(row.get("influencer_id"))
            is_flagged = iid in flagged if iid in in_table else _doubtful(row)
            records.extend(
                influencer_rows(
                    plan,
                    row,
                    a,
                    flagged=is_flagged,
                    brand_fit=fits.get(iid, math.nan),
                    rem=remuneration.chosen(plan, iid),
                )
            )
    rows = pd.DataFrame(records, columns=list(ROW_COLUMNS))
    if not records:
        rows = rows.astype({m: float for m in ROW_COLUMNS[15:]})
    for column in _OPTIONAL_COLUMNS:
        # Missing values stay None (not NaN): a deliverable id, a date or a model kind.
        rows[column] = rows[column].astype(object).where(rows[column].notna(), None)
    return Forecast(rows=rows, totals=_totals(rows), assumptions=a)


_CHOSEN: Any = object()


def outlook(
    plan: Plan,
    influencer_id: str,
    *,
    table: pd.DataFrame | None = None,
    posts: int | None = None,
    rem: Any = _CHOSEN,
) -> dict[str, tuple[float, float, float]]:
    """One influencer's low / expected / high figures and cost, as the forecast computes them.

    By default their planned deliverables and chosen model (the forecast's rows for them, even
    when they are not shortlisted); ``posts`` asks "what if they published that many posts"
    (one default row), ``rem`` another model (None: no model, their price). Adds ``posts``.
    """
    table = profiles.influencer_table(plan) if table is None else table
    match = table.loc[table["influencer_id"].astype(str) == str(influencer_id)]
    if match.empty:
        raise UserError("forecast.error_unknown_influencer", influencer=influencer_id)
    row = match.iloc[0].to_dict()
    rem = remuneration.chosen(plan, influencer_id) if rem is _CHOSEN else rem
    dels = None if posts is None else []
    records = influencer_rows(
        plan,
        row,
        assumptions_in_force(plan),
        flagged=str(influencer_id) in flagged_ids(table, plan.settings.er_basis),
        deliverables=dels,
        rem=rem,
        default_posts=1 if posts is None else int(posts),
        posts_override=posts,
    )
    frame = pd.DataFrame(records)
    out = _totals(frame)
    total_posts = float(frame["posts"].sum())
    out["posts"] = (total_posts, total_posts, total_posts)
    return out


# --- what the envelope can buy --------------------------------------------------------------

#: The counted results the envelope's outlook is computed for.
ENVELOPE_METRICS: tuple[str, ...] = (
    "impressions",
    "reach",
    "engagements",
    "clicks",
    "conversions",
    "revenue",
)


@dataclass(frozen=True)
class EnvelopeOutlook:
    """What the plan's influencer budget can buy when spent on the brief's candidates.

    ``budget`` is the envelope minus the lines tied to no influencer; ``chosen`` the ids the
    optimiser picks to maximise ``metric`` (3 to 15 accounts of the case's platforms and niches,
    nano or above, no quality warning); ``totals`` their low / expected / high figures and cost.
    """

    metric: str
    budget: float
    chosen: tuple[str, ...]
    totals: dict[str, tuple[float, float, float]]

    @property
    def known(self) -> bool:
        """Whether the envelope buys anything at all."""
        return bool(self.chosen)


_ENVELOPE_CACHE: dict[str, EnvelopeOutlook] = {}


def envelope_outlook(
    plan: Plan, metric: str = "conversions", *, table: pd.DataFrame | None = None
) -> EnvelopeOutlook:
    """What the envelope can buy for ``metric``: the default optimiser pick's forecast.

    Whatever the shortlist holds today: it is the campaign a trainer would build with the brief's
    budget, platforms and niches (:func:`influkit.campaign.budget.plan.candidate_pool`).
    """
    from influkit.campaign.budget import optimiser as budget
    from influkit.campaign.budget import plan as budget_plan

    if metric not in ENVELOPE_METRICS:
        raise UserError("forecast.error_metric", metric=metric)
    table = profiles.influencer_table(plan) if table is None else table
    money = budget_plan.optimiser_budget(plan)
    cache_key = "|".join(
        (
            metric,
            f"{money:.2f}",
            plan.model_dump_json(include={"case_id", "brief", "settings", "imported_influencers"}),
            str(len(table)),
        )
    )
    if cache_key in _ENVELOPE_CACHE:
        return _ENVELOPE_CACHE[cache_key]
    settings = budget_plan.OptimizerSettings(
        pool="case",
        kpi=metric if metric in budget_plan.VALUE_KPIS else "conversions",
        min_chosen=budget_plan.DEFAULT_MIN_CHOSEN,
        max_chosen=budget_plan.DEFAULT_MAX_CHOSEN,
    )
    bare = plan.model_copy(update={"shortlist": [], "deliverables": [], "remunerations": []})
    frame = budget_plan.candidates(bare, table, settings)
    frame = frame.loc[frame["usable"] & (frame["cost"] > 0)].reset_index(drop=True)
    frame["target_value"] = frame[metric]
    chosen: tuple[str, ...] = ()
    if len(frame) and money > 0:
        result = budget.optimize(
            frame,
            money,
            value="target_value",
            cost="cost",
            id_col="candidate_id",
            min_chosen=min(budget_plan.DEFAULT_MIN_CHOSEN, len(frame)),
            max_chosen=budget_plan.DEFAULT_MAX_CHOSEN,
            time_limit=budget_plan.TIME_LIMIT_SECONDS,
        )
        if not result.chosen_ids:
            # Too little money for three accounts: the best affordable ones, however few.
            result = budget.optimize(
                frame,
                money,
                value="target_value",
                cost="cost",
                id_col="candidate_id",
                max_chosen=budget_plan.DEFAULT_MAX_CHOSEN,
                time_limit=budget_plan.TIME_LIMIT_SECONDS,
            )
        chosen = tuple(str(i) for i in result.chosen_ids)
    a = assumptions_in_force(bare)
    flagged = flagged_ids(table, plan.settings.er_basis)
    known = remuneration.rows_by_id(table.loc[table["influencer_id"].isin(chosen)])
    records = []
    for iid in chosen:
        records.extend(influencer_rows(bare, known[iid], a, flagged=iid in flagged))
    outlook = EnvelopeOutlook(metric, money, chosen, _totals(pd.DataFrame(records)))
    if len(_ENVELOPE_CACHE) > 64:
        _ENVELOPE_CACHE.clear()
    _ENVELOPE_CACHE[cache_key] = outlook
    return outlook
