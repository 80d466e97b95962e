"""SMART objectives (module 5, DOMAIN §6): the KPIs that fit each business aim, templates a
trainee adapts, the validator of the five criteria, what the shortlist makes plausible, the
sentence an objective reads as, and the plan's KPI targets kept in step with its objectives.

An objective is SMART when it names the business aim it serves and a KPI that measures it
(relevant), one KPI with a baseline and a numeric target (measurable), an audience, a platform
and an offer (specific), a start and an end date (time-bound), and a target that the shortlist's
reach, engagement and prices, the case's assumptions and the benchmarks make plausible
(achievable).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from babel.dates import format_date

from influkit import metrics
from influkit.campaign import forecast
from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.compensation.models import Assumptions
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.kpis import fmt_kpi, kpi_label, lower_is_better
from influkit.kpis import unit as kpi_unit
from influkit.plan.model import BUSINESS_AIMS, PLATFORMS, KpiTarget, Objective, Plan
from influkit.strategy import history
from influkit.text.formats import fmt_date, fmt_list, fmt_money, fmt_number, fmt_percent, locale_of
from influkit.text.i18n import label, normalize_language, t
from influkit.values import is_finite

CRITERIA: tuple[str, ...] = ("specific", "measurable", "achievable", "relevant", "time_bound")

#: The KPIs that measure each business aim (DOMAIN §5), the first one being the template's.
KPIS_BY_AIM: dict[str, tuple[str, ...]] = {
    "awareness": ("reach", "impressions", "cpm", "share_of_voice"),
    "engagement": ("engagement_rate", "cpe", "comments", "saves", "sentiment"),
    "traffic": ("clicks", "ctr", "cpc"),
    "conversion": ("conversions", "cpa", "revenue", "roas", "roi"),
    "community": ("follower_growth", "ugc", "ambassador_retention"),
}
#: The business aim each KPI measures.
AIM_OF_KPI: dict[str, str] = {kpi: aim for aim, kpis in KPIS_BY_AIM.items() for kpi in kpis}
#: Every KPI an objective can use, in the order of the aims.
KPIS: tuple[str, ...] = tuple(kpi for aim in BUSINESS_AIMS for kpi in KPIS_BY_AIM[aim])
#: KPIs the shortlist's figures can estimate; the others need the trainee's justification.
ESTIMABLE_KPIS: tuple[str, ...] = (
    "reach", "impressions", "cpm", "engagement_rate", "cpe", "comments", "saves", "clicks",
    "ctr", "cpc", "conversions", "cpa", "revenue", "roas", "roi",
)  # fmt: skip
#: A reasonable objective lasts at least a week and at most a year.
MIN_DURATION_DAYS = 7
MAX_DURATION_DAYS = 366
#: KPIs judged against what the envelope can buy, and the counted result each one rests on.
ENVELOPE_KPIS: dict[str, str] = {
    "reach": "reach", "impressions": "impressions", "cpm": "impressions",
    "cpe": "engagements", "clicks": "clicks", "cpc": "clicks", "conversions": "conversions",
    "cpa": "conversions", "revenue": "conversions", "roas": "conversions", "roi": "conversions",
}  # fmt: skip


def direction(kpi: str) -> str:
    """``at_most`` for cost KPIs (CPA, CPM, CPC, CPE), ``at_least`` for every other KPI."""
    return "at_most" if lower_is_better(kpi) else "at_least"


# --- templates ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Template:
    """A pre-filled objective for one business aim: its usual KPI and how long it runs."""

    aim: str
    kpi: str
    duration_days: int


TEMPLATES: dict[str, Template] = {
    "awareness": Template("awareness", "reach", 28),
    "engagement": Template("engagement", "engagement_rate", 28),
    "traffic": Template("traffic", "clicks", 28),
    "conversion": Template("conversion", "conversions", 30),
    "community": Template("community", "follower_growth", 56),
}


def assumptions_of(plan: Plan) -> Assumptions:
    """The plan's assumptions in force (the case's, as the trainee edited them)."""
    return forecast.compensation_assumptions(forecast.assumptions_in_force(plan))


def _nice(value: float, kpi: str, rounding: str = "nearest") -> float:
    """A round target for a pre-filled objective: two significant digits, 0.1 % for shares.

    ``rounding`` is "nearest", "up" or "down" (towards the inside of a range).
    """
    if not is_finite(value):
        return math.nan
    unit = kpi_unit(kpi)
    if unit in ("share", "rate"):
        return round(value, 3)
    if unit == "multiple":
        return round(value, 1)
    if value == 0:
        return 0.0
    digits = 1 - int(math.floor(math.log10(abs(value))))
    rounded = round(value, digits)
    if rounding != "nearest":
        step = 10.0 ** (-digits)
        how = math.ceil if rounding == "up" else math.floor
        rounded = how(value / step - (1e-9 if rounding == "up" else -1e-9)) * step
        rounded = round(rounded, max(digits, 0))
    return float(int(rounded)) if unit == "count" and abs(rounded) >= 1 else float(rounded)


def from_template(
    aim: str,
    plan: Plan,
    *,
    kpi: str | None = None,
    table: pd.DataFrame | None = None,
    campaigns: pd.DataFrame | None = None,
    today: dt.date | None = None,
) -> Objective:
    """A pre-filled objective for ``aim`` from the plan: its audience, platform, offer and dates.

    The baseline comes from the client's history when it has this KPI, the target from what the
    shortlist makes plausible (else the baseline improved by 20 %); the trainee adapts both.
    """
    if aim not in TEMPLATES:
        raise UserError("smart.error_aim", aim=aim, choices=", ".join(TEMPLATES))
    template = TEMPLATES[aim]
    kpi = kpi or template.kpi
    if kpi not in KPIS_BY_AIM[aim]:
        raise UserError("smart.error_kpi_aim", kpi=kpi, aim=aim)
    today = today or dt.date.today()
    table = profiles.shortlist_table(plan) if table is None else table
    if campaigns is None:
        brand = history.brand_of_plan(plan)
        campaigns = history.campaigns_of(brand) if brand else None
    # The shortlist's platforms (its main one first), else the case's.
    platforms: list[str] = []
    if len(table) and "platform" in table:
        platforms = [str(p) for p in table["platform"].value_counts().index]
    if not platforms:
        platforms = budget_plan.case_platforms(plan)
    platform = platforms[0] if platforms else ""
    baseline, target = prefill(kpi, plan, table, platform=platform or None, campaigns=campaigns)
    # The first platform (the shortlist's main one, else the case's first) where the budget can
    # buy a target at a cost per result typical of the client's campaigns, else within their
    # whole range.
    found = {p: prefill(kpi, plan, table, platform=p, campaigns=campaigns) for p in platforms}
    fitting = [
        p
        for typical in (True, False)
        for p in platforms
        if _fits_history(kpi, found[p][1], plan, campaigns, p, typical=typical)
    ]
    if fitting:
        platform = fitting[0]
        baseline, target = found[platform]
    launch = plan.brief.launch_date
    start = launch if launch and launch >= today else today + dt.timedelta(days=7)
    end = start + dt.timedelta(days=template.duration_days - 1)
    return Objective(
        business_aim=aim,
        kpi=kpi,
        audience=plan.brief.target_audience.description.strip(),
        platform=platform,
        offer=short_offer(plan.brief.product),
        baseline=baseline,
        target=target,
        start=start,
        end=end,
    )


def _fits_history(
    kpi: str,
    target: float | None,
    plan: Plan,
    campaigns: pd.DataFrame | None,
    platform: str | None,
    *,
    typical: bool = False,
) -> bool:
    """Whether a count target is achievable for the budget on ``platform`` at a cost per
    result (budget ÷ target) within the client's past range (``typical``: its middle half);
    True for other KPIs."""
    if kpi not in history.RESULT_COLUMNS:
        return True
    if not is_finite(target) or not target:
        return False
    envelope = envelope_value(kpi, plan, platform=platform)
    past = history.cost_per_result_range(campaigns, kpi, typical=typical)
    if not envelope.known or past is None:
        return envelope.known and float(target) <= envelope.high
    implied = plan.brief.budget_eur_ht / float(target)
    return float(target) <= envelope.high and past[0] <= implied <= past[2]


def short_offer(product: str) -> str:
    """The product's name without its description: ``Rosée Botanique`` from the brief's line."""
    text = " ".join((product or "").split())
    cut = min((i for i in (text.find(","), text.find(" (")) if i > 0), default=len(text))
    return text[:cut].strip()


def prefill(
    kpi: str,
    plan: Plan,
    table: pd.DataFrame | None = None,
    *,
    platform: str | None = None,
    campaigns: pd.DataFrame | None = None,
) -> tuple[float | None, float | None]:
    """A starting baseline and target for ``kpi``: what a template or a change of KPI fills in.

    Counts start from 0 (a campaign's own sales, clicks… start at zero); costs, rates and
    shares from the client's most recent year (None when the history lacks them). The target
    is what the envelope can buy (:func:`envelope_value`), kept so that its cost per result
    (budget ÷ target, or the target itself for CPA, CPC, CPM) stays within the client's past
    campaigns' range, and achievable; for the KPIs the envelope cannot estimate, what the
    shortlist makes plausible; else the baseline improved by 20 %. Rounded.
    """
    if kpi_unit(kpi) == "count" or kpi == "revenue":
        baseline: float | None = 0.0
    else:
        baseline = baseline_from_history(kpi, campaigns, plan=plan)
    target = math.nan
    envelope = envelope_value(kpi, plan, platform=platform)
    if envelope.known:
        target = _within_history(kpi, envelope, plan, campaigns)
    if not is_finite(target):
        target = _nice(plausible_value(kpi, plan, table, platform=platform).value, kpi)
    if not is_finite(target) and baseline:
        target = _nice(baseline * (0.8 if direction(kpi) == "at_most" else 1.2), kpi)
    return baseline, (target if is_finite(target) else None)


def _within_history(
    kpi: str, envelope: Plausibility, plan: Plan, campaigns: pd.DataFrame | None
) -> float:
    """The envelope's value for ``kpi``, moved into the client's past cost-per-result range
    when it falls outside, then back within what the envelope makes achievable; rounded."""
    target = envelope.value
    budget = plan.brief.budget_eur_ht
    result = kpi if kpi in history.RESULT_COLUMNS else ENVELOPE_KPIS.get(kpi)
    past = history.cost_per_result_range(campaigns, result, typical=True) if result else None
    rounding = "nearest"
    if past is not None:
        low, _, high = past
        scale = 1000.0 if kpi == "cpm" else 1.0
        if kpi in ("cpa", "cpc", "cpm"):
            bounds = (low * scale, high * scale)
        elif kpi in history.RESULT_COLUMNS and budget > 0 and target > 0:
            bounds = (budget / high, budget / low)
        else:
            bounds = (target, target)
        # Clamped to a bound: round towards the inside of the range, not past it.
        if target < bounds[0]:
            target, rounding = bounds[0], "up"
        elif target > bounds[1]:
            target, rounding = bounds[1], "down"
    rounded = _nice(target, kpi, rounding)
    if direction(kpi) == "at_least" and rounded > envelope.high:
        rounded = _nice(min(target, envelope.value), kpi)
    if direction(kpi) == "at_most" and rounded < envelope.low:
        rounded = _nice(max(target, envelope.value), kpi)
    return rounded


@dataclass(frozen=True)
class HistoryReference:
    """The client's past value of a KPI, and over what: a year of campaigns or 52 weeks."""

    kpi: str
    value: float
    year: int | None = None
    per_campaign: bool = False

    def message(self, lang: str = "fr") -> str:
        """The reference as a sentence for the page: ``Repère : CPA … en 2026 : 17,34 €.``"""
        shown = {
            "kpi": kpi_label(self.kpi, lang),
            "value": fmt_kpi(self.kpi, self.value, lang),
            "year": self.year,
            "weeks": history.SOV_WINDOW_WEEKS,
        }
        if self.year is None:
            return t("smart.history.weeks", lang, **shown)
        key = "smart.history.per_campaign" if self.per_campaign else "smart.history.year"
        return t(key, lang, **shown)


def history_reference(
    kpi: str, campaigns: pd.DataFrame | None, *, plan: Plan | None = None
) -> HistoryReference | None:
    """The KPI's value in the client's most recent year of campaigns (None when unknown).

    Costs and rates are computed on that year's sums; counts are per campaign (the year's total
    divided by its number of campaigns). Share of voice and sentiment come from the brand's
    mentions of the last 52 weeks, when ``plan`` names a brand with mentions.
    """
    if kpi in ("share_of_voice", "sentiment"):
        brand = history.brand_of_plan(plan) if plan is not None else None
        mentions = history.mentions_in(history.market_of(brand, plan)) if brand else None
        if mentions is None or not len(mentions):
            return None
        last = pd.to_datetime(mentions["week"]).max()
        since = last - pd.Timedelta(weeks=history.SOV_WINDOW_WEEKS - 1)
        value = (
            history.share_of_voice_between(mentions, brand, since, last)
            if kpi == "share_of_voice"
            else history.brand_sentiment(mentions, brand, since)
        )
        return HistoryReference(kpi, round(value, 3)) if is_finite(value) else None
    if campaigns is None or not len(campaigns):
        return None
    frame = history.with_periods(campaigns)
    year = int(frame["year"].max())
    total = history.performance_by(frame.loc[frame["year"] == year], None).iloc[0]
    columns = {
        "reach": "reach",
        "impressions": "impressions",
        "clicks": "clicks",
        "conversions": "conversions",
        "revenue": "revenue_eur",
    }
    if kpi in columns:
        value = total[columns[kpi]] / max(int(total["campaigns"]), 1)
    elif kpi in ("cpm", "cpe", "cpc", "cpa", "ctr", "roas", "roi"):
        value = total[kpi]
    else:
        return None
    if not is_finite(value):
        return None
    return HistoryReference(kpi, _nice(float(value), kpi), year, per_campaign=kpi in columns)


def baseline_from_history(
    kpi: str, campaigns: pd.DataFrame | None, *, plan: Plan | None = None
) -> float | None:
    """The value of :func:`history_reference`, or None when the history lacks the KPI."""
    reference = history_reference(kpi, campaigns, plan=plan)
    return reference.value if reference is not None else None


# --- what the shortlist makes plausible -----------------------------------------------------


@dataclass(frozen=True)
class Plausibility:
    """What the shortlist makes plausible for a KPI: a central value and a low–high range.

    ``basis_key`` names the catalogue sentence saying how it was computed, with ``params``.
    """

    value: float
    low: float
    high: float
    basis_key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def known(self) -> bool:
        """Whether the shortlist gives a value at all."""
        return is_finite(self.value)


def _column(table: pd.DataFrame, name: str) -> np.ndarray:
    if name not in table.columns:
        return np.full(len(table), np.nan)
    return pd.to_numeric(table[name], errors="coerce").to_numpy(dtype=float)


#: The counted figures of :func:`shortlist_outlook` that carry a low / high range.
RANGED: tuple[str, ...] = (
    "reach",
    "impressions",
    "engagements",
    "clicks",
    "conversions",
    "revenue",
    "cost_eur",
)


def shortlist_outlook(
    plan: Plan, table: pd.DataFrame | None = None, *, platform: str | None = None
) -> pd.DataFrame:
    """Expected figures of each shortlisted influencer, as the plan's forecast computes them.

    One row per influencer of ``table`` (the shortlist table when None): posts, cost, followers,
    reach, impressions, views, engagements, comments, saves, clicks, conversions and revenue,
    with ``<figure>_low`` / ``<figure>_high`` for the forecast's range (see
    :mod:`influkit.campaign.forecast`). ``platform`` keeps one platform's accounts.
    """
    table = profiles.shortlist_table(plan) if table is None else table
    if platform and "platform" in table.columns:
        table = table.loc[table["platform"] == platform]
    table = table.reset_index(drop=True)
    ids = table["influencer_id"].astype(str).tolist() if "influencer_id" in table else []
    result = forecast.forecast_of(plan, table) if ids else None
    sums = (
        result.by_influencer().set_index("influencer_id").reindex(ids)
        if result is not None
        else pd.DataFrame(index=ids)
    )

    def column(name: str) -> np.ndarray:
        if name not in sums.columns:
            return np.full(len(ids), np.nan)
        return sums[name].to_numpy(dtype=float)

    posts = column("posts")
    out = pd.DataFrame({
        "influencer_id": ids,
        "platform": table["platform"].tolist() if "platform" in table else [""] * len(table),
        "tier": table["tier"].astype(object).tolist() if "tier" in table else [None] * len(table),
        "posts": posts,
        "followers": _column(table, "followers"),
        "views": _column(table, "avg_views") * posts,
        "comments": _column(table, "avg_comments") * posts,
        "saves": _column(table, "avg_saves") * posts,
    })  # fmt: skip
    for name in RANGED:
        source = "cost" if name == "cost_eur" else name
        for suffix in ("", "_low", "_high"):
            out[f"{name}{suffix}"] = column(f"{source}{suffix}")
    return out


def _benchmark_range(kpi: str, outlook: pd.DataFrame, er_basis: str) -> tuple[float, float]:
    """The benchmark range of ER or CPM for the shortlist, weighted by followers or impressions."""
    bench = datasets.load("benchmarks")
    if kpi == "cpm":
        metric, weight = "cpm_eur", outlook["impressions"]
    elif kpi == "engagement_rate" and er_basis in ("followers", "views"):
        metric, weight = f"er_{er_basis}", outlook["followers"]
    else:
        return math.nan, math.nan
    rows = bench.loc[bench["metric"] == metric].set_index(["platform", "tier"])
    lows, highs, weights = [], [], []
    for platform, tier, w in zip(outlook["platform"], outlook["tier"], weight, strict=True):
        if (platform, tier) not in rows.index or not is_finite(w):
            return math.nan, math.nan
        row = rows.loc[(platform, tier)]
        lows.append(float(row["low"]))
        highs.append(float(row["high"]) if is_finite(row["high"]) else float(row["low"]))
        weights.append(float(w))
    if not weights or sum(weights) <= 0:
        return math.nan, math.nan
    return float(np.average(lows, weights=weights)), float(np.average(highs, weights=weights))


def plausible_value(
    kpi: str, plan: Plan, table: pd.DataFrame | None = None, *, platform: str | None = None
) -> Plausibility:
    """What the plan's shortlist (and the benchmarks) make plausible for ``kpi``.

    Counts are the forecast's sums (:func:`shortlist_outlook`) with its low / high range; costs
    and rates their ratios (CPM = Σ cost / Σ impressions × 1 000…), the range from the counts'
    range; widened to the market benchmarks for ER and CPM. NaN with ``smart.basis.empty`` for
    an empty shortlist, with ``smart.basis.not_estimable`` for a KPI it cannot estimate.
    """
    if kpi not in KPIS:
        raise UserError("smart.error_kpi", kpi=kpi, choices=", ".join(KPIS))
    nan = math.nan
    if kpi not in ESTIMABLE_KPIS:
        return Plausibility(nan, nan, nan, "smart.basis.not_estimable")
    outlook = shortlist_outlook(plan, table, platform=platform)
    if not len(outlook):
        return Plausibility(nan, nan, nan, "smart.basis.empty")
    a = forecast.assumptions_in_force(plan)
    sums = outlook.drop(columns=["influencer_id", "platform", "tier"]).sum(min_count=1)
    params = {
        "influencers": len(outlook),
        "posts": float(sums["posts"]),
        "ctr": a.ctr,
        "conversion_rate": a.conversion_rate,
        "basket": a.average_basket_eur,
        "cost": float(sums["cost_eur"]),
    }
    spread = float(a.spread or 0.0)

    def ranged(name: str) -> tuple[float, float, float]:
        return float(sums[name]), float(sums[f"{name}_low"]), float(sums[f"{name}_high"])

    def band(count: float) -> tuple[float, float, float]:
        return count, count * (1 - spread), count * (1 + spread)

    cost, cost_low, cost_high = ranged("cost_eur")

    def cost_per(name: str, scale: float = 1.0) -> tuple[float, float, float]:
        count, low, high = ranged(name)
        return (
            float(metrics.ratio(cost, count, scale)),
            float(metrics.ratio(cost_low, high, scale)),
            float(metrics.ratio(cost_high, low, scale)),
        )

    if kpi in ("reach", "impressions", "clicks", "conversions", "revenue"):
        value, low, high = ranged(kpi)
    elif kpi in ("comments", "saves"):
        value, low, high = band(float(sums[kpi]))
    elif kpi == "cpm":
        value, low, high = cost_per("impressions", 1000.0)
    elif kpi == "cpe":
        value, low, high = cost_per("engagements")
    elif kpi == "cpc":
        value, low, high = cost_per("clicks")
    elif kpi == "cpa":
        value, low, high = cost_per("conversions")
    elif kpi == "engagement_rate":
        base = plan.settings.er_basis if plan.settings.er_basis in metrics.BASES else "followers"
        value, low, high = (
            float(metrics.ratio(sums[f"engagements{s}"], sums[base])) for s in ("", "_low", "_high")
        )
    elif kpi == "ctr":
        value, low, high = band(float(metrics.ratio(sums["clicks"], sums["impressions"])))
    elif kpi == "roas":
        revenue, revenue_low, revenue_high = ranged("revenue")
        value = float(metrics.roas(revenue, cost))
        low, high = (
            float(metrics.roas(revenue_low, cost_high)),
            float(metrics.roas(revenue_high, cost_low)),
        )
    else:  # roi
        revenue, revenue_low, revenue_high = ranged("revenue")
        value = float(metrics.roi(revenue, cost))
        low, high = (
            float(metrics.roi(revenue_low, cost_high)),
            float(metrics.roi(revenue_high, cost_low)),
        )
    if kpi in ("cpm", "engagement_rate"):
        bench_low, bench_high = _benchmark_range(kpi, outlook, plan.settings.er_basis)
        if is_finite(bench_low) and is_finite(low):
            low, high = min(low, bench_low), max(high, bench_high)
            params.update(bench_low=bench_low, bench_high=bench_high)
    return Plausibility(value, low, high, f"smart.basis.{kpi}", params)


def basis_text(plausibility: Plausibility, lang: str = "fr") -> str:
    """How a plausible value was computed, in ``lang``, its figures formatted."""
    params = dict(plausibility.params)
    shown = {
        "influencers": fmt_number(params.get("influencers"), lang),
        "posts": fmt_number(params.get("posts"), lang),
        "ctr": fmt_percent(params.get("ctr"), lang, 1),
        "conversion_rate": fmt_percent(params.get("conversion_rate"), lang, 1),
        "basket": fmt_money(params.get("basket"), lang, 2),
        "cost": fmt_money(params.get("cost"), lang, 0),
    }
    return t(plausibility.basis_key, lang, **shown)


# --- what the envelope can buy ---------------------------------------------------------------


def envelope_value(
    kpi: str,
    plan: Plan,
    *,
    platform: str | None = None,
    influencers: pd.DataFrame | None = None,
) -> Plausibility:
    """What the plan's whole budget can buy for ``kpi``, whatever today's shortlist holds.

    The forecast of the optimiser's default pick for the KPI's result (3 to 15 accounts of the
    brief's platforms and niches, see :func:`influkit.campaign.forecast.envelope_outlook`), as a
    :class:`Plausibility` whose ``params`` give the budget and the number of influencers.
    ``platform`` keeps that platform's candidates. NaN for a KPI the envelope cannot estimate.
    """
    nan = math.nan
    if kpi not in ENVELOPE_KPIS:
        return Plausibility(nan, nan, nan, "smart.basis.not_estimable")
    table = profiles.influencer_table(plan) if influencers is None else influencers
    if platform and platform in PLATFORMS:
        table = table.loc[table["platform"] == platform]
    outlook = forecast.envelope_outlook(plan, ENVELOPE_KPIS[kpi], table=table)
    if not outlook.known:
        return Plausibility(nan, nan, nan, "smart.basis.envelope_empty")
    totals = outlook.totals
    cost = totals["cost"][1]

    def per(name: str, scale: float = 1.0) -> tuple[float, float, float]:
        low, mid, high = totals[name]
        return (
            float(metrics.ratio(cost, mid, scale)),
            float(metrics.ratio(cost, high, scale)),
            float(metrics.ratio(cost, low, scale)),
        )

    if kpi in ("reach", "impressions", "clicks", "conversions", "revenue"):
        low, value, high = totals[kpi]
    elif kpi == "cpm":
        value, low, high = per("impressions", 1000.0)
    elif kpi in ("cpe", "cpc", "cpa"):
        value, low, high = per(ENVELOPE_KPIS[kpi])
    else:
        measure = metrics.roas if kpi == "roas" else metrics.roi
        low, value, high = (float(measure(r, cost)) for r in totals["revenue"])
    params = {"budget": outlook.budget, "count": len(outlook.chosen), "cost": cost}
    return Plausibility(float(value), float(low), float(high), "smart.basis.envelope", params)


# --- the validator --------------------------------------------------------------------------


@dataclass(frozen=True)
class SmartCriterion:
    """One SMART criterion: whether it holds and, in the user's language, why (not).

    ``judged`` is False when the criterion cannot be judged yet (an empty shortlist).
    """

    code: str
    ok: bool
    message: str
    judged: bool = True

    @property
    def verdict(self) -> bool | None:
        """True when the criterion holds, False when it fails, None when not judged yet."""
        return True if self.ok else (False if self.judged else None)


@dataclass(frozen=True)
class SmartReport:
    """The verdict on one objective: its five criteria, in the order S, M, A, R, T."""

    objective_id: str
    criteria: tuple[SmartCriterion, ...]
    plausibility: Plausibility | None = None

    @property
    def ok(self) -> bool:
        """Whether the objective is SMART: every criterion holds."""
        return all(c.ok for c in self.criteria)

    @property
    def score(self) -> int:
        """How many of the five criteria hold."""
        return sum(c.ok for c in self.criteria)

    def get(self, code: str) -> SmartCriterion:
        """The criterion ``code`` (``specific``, ``measurable``…)."""
        return next(c for c in self.criteria if c.code == code)


def _specific(obj: Objective, lang: str) -> SmartCriterion:
    missing = [part for part in ("audience", "platform", "offer") if not getattr(obj, part).strip()]
    if missing:
        names = fmt_list((t(f"smart.part.{part}", lang) for part in missing), lang)
        return SmartCriterion("specific", False, t("smart.specific.missing", lang, parts=names))
    return SmartCriterion(
        "specific", True, t("smart.specific.ok", lang, platform=platform_label(obj.platform, lang))
    )


def _measurable(obj: Objective, lang: str) -> SmartCriterion:
    def fail(key: str, **params: Any) -> SmartCriterion:
        return SmartCriterion("measurable", False, t(key, lang, **params))

    if not obj.kpi:
        return fail("smart.measurable.no_kpi")
    if obj.kpi not in KPIS:
        return fail("smart.measurable.unknown_kpi", kpi=obj.kpi)
    name = kpi_label(obj.kpi, lang)
    if not is_finite(obj.target):
        return fail("smart.measurable.no_target", kpi=name)
    if not is_finite(obj.baseline):
        return fail("smart.measurable.no_baseline", kpi=name)
    unit = kpi_unit(obj.kpi)
    target, baseline = float(obj.target), float(obj.baseline)
    shown = {
        "kpi": name,
        "target": fmt_kpi(obj.kpi, target, lang),
        "baseline": fmt_kpi(obj.kpi, baseline, lang),
    }
    low = -1.0 if unit == "rate" else 0.0
    if target < low or (unit == "share" and target > 1):
        key = "smart.measurable.share_range" if unit == "share" else "smart.measurable.negative"
        return fail(key, **shown)
    if unit in ("count", "eur", "multiple") and target <= 0:
        return fail("smart.measurable.negative", **shown)
    if math.isclose(target, baseline, rel_tol=1e-9, abs_tol=1e-12):
        return fail("smart.measurable.same", **shown)
    if direction(obj.kpi) == "at_most" and target > baseline:
        return fail("smart.measurable.ceiling_worse", **shown)
    if direction(obj.kpi) == "at_least" and target < baseline:
        return fail("smart.measurable.floor_worse", **shown)
    return SmartCriterion(
        "measurable", True, t(f"smart.measurable.ok_{direction(obj.kpi)}", lang, **shown)
    )


def _achievable(
    obj: Objective,
    plan: Plan,
    lang: str,
    table: pd.DataFrame,
) -> tuple[SmartCriterion, Plausibility | None]:
    """Achievable: the target against what the envelope can buy (the verdict), and against
    what today's shortlist forecasts (said beside it); KPIs the envelope cannot estimate are
    judged on the shortlist alone."""

    def verdict(ok: bool, key: str, judged: bool = True, **params: Any) -> SmartCriterion:
        return SmartCriterion("achievable", ok, t(key, lang, **params), judged)

    if obj.kpi not in KPIS or not is_finite(obj.target):
        return verdict(False, "smart.achievable.need_target", judged=False), None
    name = kpi_label(obj.kpi, lang)
    if obj.kpi not in ESTIMABLE_KPIS:
        if obj.note.strip():
            return verdict(True, "smart.achievable.justified", kpi=name), None
        return verdict(False, "smart.achievable.justify", judged=False, kpi=name), None
    platform = obj.platform if obj.platform in PLATFORMS else None
    target = float(obj.target)

    def shown(p: Plausibility) -> dict[str, str]:
        return {
            "kpi": name,
            "target": fmt_kpi(obj.kpi, target, lang),
            "value": fmt_kpi(obj.kpi, p.value, lang),
            "low": fmt_kpi(obj.kpi, p.low, lang),
            "high": fmt_kpi(obj.kpi, p.high, lang),
        }

    def judge(p: Plausibility) -> tuple[bool, str, dict[str, str]]:
        """(ok, verdict, extra parameters) of the target against a plausible range."""
        if direction(obj.kpi) == "at_least":
            if target > p.high:
                off = fmt_percent(target / p.value - 1, lang, 0) if p.value > 0 else "∞"
                return False, "too_high", {"off": off}
            return True, ("easy_floor" if target < p.low else "within"), {}
        if target < p.low:
            return False, "too_low", {"off": fmt_percent(1 - target / p.value, lang, 0)}
        return True, ("easy_ceiling" if target > p.high else "within"), {}

    # Today's shortlist: what it forecasts, or why it cannot say.
    p: Plausibility | None = None
    on_platform = not (
        platform and "platform" in table.columns and not (table["platform"] == platform).any()
    )
    if not len(table):
        about_shortlist = t("smart.achievable.shortlist_empty", lang)
    elif not on_platform:
        about_shortlist = t(
            "smart.achievable.no_one_on_platform", lang, platform=platform_label(platform, lang)
        )
    else:
        p = plausible_value(obj.kpi, plan, table, platform=platform)
        if p.known:
            ok, _, _ = judge(p)
            key = "smart.achievable.shortlist_enough" if ok else "smart.achievable.shortlist_short"
            about_shortlist = t(
                key,
                lang,
                influencers=fmt_number(p.params.get("influencers"), lang),
                cost=fmt_money(p.params.get("cost"), lang, 0),
                **shown(p),
            )
            budget = plan.brief.budget_eur_ht
            if budget > 0 and p.params.get("cost", 0) > budget:
                about_shortlist += " " + t(
                    "smart.achievable.over_budget",
                    lang,
                    cost=fmt_money(p.params["cost"], lang, 0),
                    budget=fmt_money(budget, lang, 0),
                )
        else:
            about_shortlist = t("smart.achievable.unknown", lang, kpi=name)

    envelope = envelope_value(obj.kpi, plan, platform=platform)
    if envelope.known:
        ok, key, extra = judge(envelope)
        message = t(
            f"smart.achievable.envelope_{key}",
            lang,
            budget=fmt_money(plan.brief.budget_eur_ht, lang, 0),
            count=fmt_number(envelope.params["count"], lang),
            **shown(envelope),
            **extra,
        )
        return SmartCriterion("achievable", ok, f"{message} {about_shortlist}"), p
    # Without an envelope estimate (rates, comments…), the shortlist is the only measure.
    if p is None:
        if not len(table):
            return verdict(False, "smart.achievable.empty", judged=False), None
        return SmartCriterion("achievable", False, about_shortlist), None
    if not p.known:
        return verdict(False, "smart.achievable.unknown", judged=False, kpi=name), p
    ok, key, extra = judge(p)
    criterion = verdict(ok, f"smart.achievable.{key}", **shown(p), **extra)
    if ok and "over_budget" not in criterion.message:
        budget = plan.brief.budget_eur_ht
        if budget > 0 and p.params.get("cost", 0) > budget:
            message = (
                criterion.message
                + " "
                + t(
                    "smart.achievable.over_budget",
                    lang,
                    cost=fmt_money(p.params["cost"], lang, 0),
                    budget=fmt_money(budget, lang, 0),
                )
            )
            criterion = SmartCriterion("achievable", True, message)
    return criterion, p


def _relevant(obj: Objective, plan: Plan, lang: str) -> SmartCriterion:
    aim = label("aim", obj.business_aim, lang)
    brief_aim = label("aim", plan.brief.business_aim, lang)
    if not obj.kpi or obj.kpi not in KPIS:
        return SmartCriterion("relevant", False, t("smart.relevant.no_kpi", lang, aim=aim))
    fitting = KPIS_BY_AIM[obj.business_aim]
    if obj.kpi not in fitting:
        choices = fmt_list((kpi_label(k, lang) for k in fitting), lang, "or")
        return SmartCriterion(
            "relevant",
            False,
            t(
                "smart.relevant.kpi_mismatch",
                lang,
                kpi=kpi_label(obj.kpi, lang),
                aim=aim,
                choices=choices,
            ),
        )
    if obj.business_aim == plan.brief.business_aim:
        return SmartCriterion(
            "relevant", True, t("smart.relevant.ok", lang, kpi=kpi_label(obj.kpi, lang), aim=aim)
        )
    primary = [
        i
        for i, o in enumerate(plan.objectives, start=1)
        if o.business_aim == plan.brief.business_aim and o.objective_id != obj.objective_id
    ]
    if primary:
        return SmartCriterion(
            "relevant",
            True,
            t("smart.relevant.secondary", lang, aim=aim, brief_aim=brief_aim, number=primary[0]),
        )
    return SmartCriterion(
        "relevant", False, t("smart.relevant.off_brief", lang, aim=aim, brief_aim=brief_aim)
    )


def _time_bound(obj: Objective, lang: str, today: dt.date) -> SmartCriterion:
    def fail(key: str, **params: Any) -> SmartCriterion:
        return SmartCriterion("time_bound", False, t(key, lang, **params))

    if obj.start is None or obj.end is None:
        missing = [t(f"smart.part.{p}", lang) for p in ("start", "end") if getattr(obj, p) is None]
        return fail("smart.time_bound.missing", parts=fmt_list(missing, lang))
    shown = {"start": fmt_date(obj.start, lang), "end": fmt_date(obj.end, lang)}
    if obj.start > obj.end:
        return fail("smart.time_bound.reversed", **shown)
    if obj.end < today:
        return fail("smart.time_bound.past", today=fmt_date(today, lang), **shown)
    days = (obj.end - obj.start).days + 1
    if days < MIN_DURATION_DAYS:
        return fail("smart.time_bound.too_short", days=days, minimum=MIN_DURATION_DAYS, **shown)
    if days > MAX_DURATION_DAYS:
        return fail("smart.time_bound.too_long", days=fmt_number(days, lang), **shown)
    return SmartCriterion(
        "time_bound", True, t("smart.time_bound.ok", lang, days=fmt_number(days, lang), **shown)
    )


def validate(
    objective: Objective,
    plan: Plan,
    lang: str = "fr",
    *,
    table: pd.DataFrame | None = None,
    today: dt.date | None = None,
) -> SmartReport:
    """Check the five SMART criteria of an objective against the plan, messages in ``lang``.

    ``table`` is the shortlist table (``profiles.shortlist_table(plan)`` when None), ``today``
    the date the end must not precede (today when None).
    """
    lang = normalize_language(lang)
    today = today or dt.date.today()
    table = profiles.shortlist_table(plan) if table is None else table
    achievable, plausibility = _achievable(objective, plan, lang, table)
    criteria = (
        _specific(objective, lang),
        _measurable(objective, lang),
        achievable,
        _relevant(objective, plan, lang),
        _time_bound(objective, lang, today),
    )
    return SmartReport(objective.objective_id, criteria, plausibility)


# --- the objective as a sentence ------------------------------------------------------------


def platform_label(platform: str, lang: str = "fr") -> str:
    """A platform code as its name; free text stays as typed."""
    return label("data.platform", platform, lang) if platform in PLATFORMS else platform.strip()


def _day(day: dt.date, lang: str) -> str:
    """The day of the month in words: ``1er`` in French, ``1`` in English."""
    return "1er" if lang == "fr" and day.day == 1 else str(day.day)


def period_text(start: dt.date | None, end: dt.date | None, lang: str = "fr") -> str:
    """A period in words: ``du 1er au 30 novembre 2026``, ``from 1 to 30 November 2026``."""
    lang = normalize_language(lang)
    locale = locale_of(lang)

    def month(day: dt.date) -> str:
        return format_date(day, "MMMM", locale=locale)

    if start is None and end is None:
        return ""
    if start is None or end is None:
        day = start or end
        key = "smart.sentence.from" if start else "smart.sentence.until"
        return t(key, lang, date=f"{_day(day, lang)} {month(day)} {day.year}")
    if start.year != end.year:
        first = f"{_day(start, lang)} {month(start)} {start.year}"
    elif start.month != end.month:
        first = f"{_day(start, lang)} {month(start)}"
    else:
        first = _day(start, lang)
    last = f"{_day(end, lang)} {month(end)} {end.year}"
    return t("smart.sentence.period", lang, start=first, end=last)


def _audience_phrase(audience: str) -> str:
    """The audience as it reads inside a sentence: no final full stop, lower-case first word."""
    text = " ".join(audience.split()).rstrip(" .")
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        text = text[0].lower() + text[1:]
    return text


def sentence(objective: Objective, lang: str = "fr") -> str:
    """The objective in one sentence, e.g. ``Générer 500 conversions pour … du 1er au 30 mars.``"""
    lang = normalize_language(lang)
    kpi = objective.kpi if objective.kpi in KPIS else ""
    target = fmt_kpi(kpi, objective.target, lang) if is_finite(objective.target) else "…"
    head = (
        t(f"smart.sentence.kpi.{kpi}", lang, target=target)
        if kpi
        else t("smart.sentence.no_kpi", lang, aim=label("aim", objective.business_aim, lang))
    )
    parts = [head]
    if objective.platform.strip():
        parts.append(
            t("smart.sentence.platform", lang, platform=platform_label(objective.platform, lang))
        )
    if objective.offer.strip():
        parts.append(t("smart.sentence.offer", lang, offer=objective.offer.strip()))
    if objective.audience.strip():
        audience = _audience_phrase(objective.audience)
        elided = lang == "fr" and audience[:1].lower() in "aeiouyhéèêàâîôû"
        key = "smart.sentence.audience_elided" if elided else "smart.sentence.audience"
        parts.append(t(key, lang, audience=audience))
    period = period_text(objective.start, objective.end, lang)
    if period:
        parts.append(period)
    text = " ".join(parts)
    if kpi and is_finite(objective.baseline):
        text += " " + t(
            "smart.sentence.baseline",
            lang,
            baseline=fmt_kpi(kpi, objective.baseline, lang),
        )
    return text + "."


# --- the plan's objectives and KPI targets --------------------------------------------------


def sync_kpi_targets(plan: Plan) -> list[KpiTarget]:
    """Keep one KPI target per objective with a KPI (objective_id set); keep the free ones.

    Targets tied to an objective that no longer exists are dropped. Returns the new list.
    """
    tied = [
        KpiTarget(kpi=o.kpi, target=o.target, objective_id=o.objective_id)
        for o in plan.objectives
        if o.kpi
    ]
    free = [k for k in plan.kpi_targets if k.objective_id is None]
    targets = tied + free
    if [k.model_dump() for k in targets] != [k.model_dump() for k in plan.kpi_targets]:
        plan.kpi_targets = targets
    return list(plan.kpi_targets)


def kpi_targets_frame(plan: Plan, lang: str = "fr") -> pd.DataFrame:
    """The plan's KPI targets as read: the objective each one measures (by its number), the
    KPI and the target written in the KPI's unit."""
    lang = normalize_language(lang)
    numbers = {o.objective_id: i for i, o in enumerate(plan.objectives, start=1)}
    return pd.DataFrame(
        {
            t("smart.column.objective", lang): [
                t("smart.objective_label", lang, number=numbers[k.objective_id])
                if k.objective_id in numbers
                else "—"
                for k in plan.kpi_targets
            ],
            t("smart.column.kpi", lang): [kpi_label(k.kpi, lang) for k in plan.kpi_targets],
            t("smart.column.target", lang): [
                fmt_kpi(k.kpi, k.target, lang) for k in plan.kpi_targets
            ],
        }
    )


def kpi_option(code: str, lang: str = "fr") -> str:
    """A KPI with the business aim it measures, as the KPI picker lists it."""
    lang = normalize_language(lang)
    return t(
        "smart.kpi_option",
        lang,
        kpi=kpi_label(code, lang),
        aim=label("aim", AIM_OF_KPI[code], lang),
    )


def value_label(field: str, kpi: str, lang: str = "fr") -> str:
    """The label of an objective's ``baseline`` or ``target`` field, with the KPI's unit."""
    lang = normalize_language(lang)
    return t(f"smart.field.{field}", lang, unit=t(f"smart.unit.{kpi_unit(kpi)}", lang))


def stored_value(value: float | None) -> float | None:
    """A baseline or target as stored, None when there is none (NaN in older plans)."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def add_objective(plan: Plan, objective: Objective) -> Objective:
    """Append an objective to the plan and sync the KPI targets."""
    plan.objectives = [*plan.objectives, objective]
    sync_kpi_targets(plan)
    return objective


def remove_objective(plan: Plan, objective_id: str) -> bool:
    """Delete an objective (and its KPI target); False when there was no such objective."""
    kept = [o for o in plan.objectives if o.objective_id != objective_id]
    changed = len(kept) != len(plan.objectives)
    plan.objectives = kept
    sync_kpi_targets(plan)
    return changed


def change_kpi(
    objective: Objective, kpi: str, plan: Plan, *, table: pd.DataFrame | None = None
) -> None:
    """Switch an objective to another KPI, re-filling baseline and target for its unit."""
    if kpi == objective.kpi:
        return
    if kpi not in KPIS:
        raise UserError("smart.error_kpi", kpi=kpi, choices=", ".join(KPIS))
    brand = history.brand_of_plan(plan)
    campaigns = history.campaigns_of(brand) if brand else None
    platform = objective.platform if objective.platform in PLATFORMS else None
    baseline, target = prefill(kpi, plan, table, platform=platform, campaigns=campaigns)
    objective.kpi = kpi
    objective.baseline = baseline
    objective.target = target
