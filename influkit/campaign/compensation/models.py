"""Remuneration models for influencers, seen from both sides: what the brand pays and gets back,
what the influencer earns, who carries the risk, and the motivation levers beyond money.

Models follow the course's list: gifting, fixed fee per deliverable, affiliate commission, pay
per result (CPA, CPM, CPC), hybrid, ambassador retainer and bonus on target, with add-ons for
usage rights, paid-social use, whitelisting and exclusivity, priced as a share of the fixed fee.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Literal

import pandas as pd

from influkit.campaign.compliance import contract_required
from influkit.errors import UserError
from influkit.text.i18n import t

Kind = Literal[
    "gifting", "fixed_fee", "affiliate", "pay_per_result", "hybrid", "retainer", "bonus_on_target"
]
KINDS: tuple[str, ...] = (
    "gifting",
    "fixed_fee",
    "affiliate",
    "pay_per_result",
    "hybrid",
    "retainer",
    "bonus_on_target",
)
# The cash components each kind pays; product, shipping, bonus and add-ons apply to every kind.
KIND_COMPONENTS: dict[str, frozenset[str]] = {
    "gifting": frozenset(),
    "fixed_fee": frozenset({"fee"}),
    "affiliate": frozenset({"commission"}),
    "pay_per_result": frozenset({"cpa", "cpm", "cpc"}),
    "hybrid": frozenset({"fee", "commission"}),
    "retainer": frozenset({"retainer"}),
    "bonus_on_target": frozenset({"fee"}),
}
# The fields a form shows for each kind, besides the common ones.
KIND_FIELDS: dict[str, tuple[str, ...]] = {
    "gifting": ("product_value_eur", "shipping_eur"),
    "fixed_fee": ("fee_eur",),
    "affiliate": ("commission_rate",),
    "pay_per_result": ("cpa_eur", "cpm_eur", "cpc_eur"),
    "hybrid": ("fee_eur", "commission_rate"),
    "retainer": ("retainer_eur_per_month", "months"),
    "bonus_on_target": ("fee_eur", "bonus_eur", "bonus_threshold_conversions"),
}
COMMON_FIELDS: tuple[str, ...] = (
    "product_value_eur",
    "shipping_eur",
    "bonus_eur",
    "bonus_threshold_conversions",
    "usage_rights",
    "usage_rights_rate",
    "paid_social",
    "paid_social_rate",
    "whitelisting",
    "whitelisting_rate",
    "exclusivity_rate",
)

AFFILIATE_COMMISSION_RANGE = (0.05, 0.30)
# Usage rights, as a share of the fee (DOMAIN §8); the default is the middle of each range.
USAGE_RIGHTS_RANGES: dict[str, tuple[float, float]] = {
    "30_days": (0.10, 0.20),
    "3_months": (0.20, 0.30),
    "6_months": (0.30, 0.45),
}
PAID_SOCIAL_RANGE = (0.25, 0.50)
WHITELISTING_RATE = 0.25


def _mid(bounds: tuple[float, float]) -> float:
    return (bounds[0] + bounds[1]) / 2


USAGE_RIGHTS_RATES: dict[str, float] = {code: _mid(r) for code, r in USAGE_RIGHTS_RANGES.items()}
PAID_SOCIAL_RATE = _mid(PAID_SOCIAL_RANGE)

RiskCarrier = Literal["brand", "influencer", "shared"]
RISK_CARRIERS: tuple[str, ...] = ("brand", "influencer", "shared")
MOTIVATION_LEVERS: tuple[str, ...] = (
    "early_access",
    "co_creation",
    "visibility",
    "community",
    "long_term",
    "events",
    "recognition",
)
# Illustrative defaults, to be replaced by the case's own figures.
DEFAULT_REACH_RATE = 0.25


@dataclass(frozen=True)
class Assumptions:
    """Case assumptions turning an audience into sales: CTR, conversion, basket and margin."""

    ctr: float = 0.01
    conversion_rate: float = 0.02
    average_order_value_eur: float = 50.0
    margin_rate: float = 0.40
    frequency: float = 1.0
    reference_fee_eur: float | None = None


@dataclass(frozen=True)
class Performance:
    """What a collaboration is expected (or was measured) to deliver."""

    followers: float = 0.0
    er: float = 0.0
    posts: int = 1
    reach: float = 0.0
    impressions: float = 0.0
    engagements: float = 0.0
    clicks: float = 0.0
    conversions: float = 0.0
    revenue_eur: float = 0.0


@dataclass(frozen=True)
class CompensationModel:
    """One way to pay an influencer; fields a kind does not use are ignored (see KIND_FIELDS)."""

    kind: Kind = "fixed_fee"
    name: str = ""
    fee_eur: float = 0.0
    commission_rate: float = 0.0
    cpa_eur: float = 0.0
    cpm_eur: float = 0.0
    cpc_eur: float = 0.0
    retainer_eur_per_month: float = 0.0
    months: float = 0.0
    product_value_eur: float = 0.0
    shipping_eur: float = 0.0
    bonus_eur: float = 0.0
    bonus_threshold_conversions: float = 0.0
    usage_rights: str | None = None
    usage_rights_rate: float | None = None
    paid_social: bool = False
    paid_social_rate: float | None = None
    whitelisting: bool = False
    whitelisting_rate: float | None = None
    exclusivity_rate: float = 0.0

    def label(self, lang: str = "fr") -> str:
        """The model's name, or the name of its kind."""
        return self.name or kind_label(self.kind, lang)


_MONEY_FIELDS = (
    "fee_eur",
    "cpa_eur",
    "cpm_eur",
    "cpc_eur",
    "retainer_eur_per_month",
    "months",
    "product_value_eur",
    "shipping_eur",
    "bonus_eur",
    "bonus_threshold_conversions",
    "exclusivity_rate",
)


def _finite_non_negative(value: object) -> bool:
    return (
        isinstance(value, numbers.Real)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and value >= 0
    )


def validate_model(model: CompensationModel) -> CompensationModel:
    """Check a model's fields, raising a UserError that names the field to fix."""
    if model.kind not in KINDS:
        raise UserError("compensation.error_kind", kind=model.kind)
    for name in _MONEY_FIELDS:
        if not _finite_non_negative(getattr(model, name)):
            raise UserError("compensation.error_negative", field=name, value=getattr(model, name))
    if not (_finite_non_negative(model.commission_rate) and model.commission_rate <= 1):
        raise UserError(
            "compensation.error_rate", field="commission_rate", value=model.commission_rate
        )
    if model.usage_rights is not None and model.usage_rights not in USAGE_RIGHTS_RANGES:
        raise UserError("compensation.error_usage_rights", value=model.usage_rights)
    for name in ("usage_rights_rate", "paid_social_rate", "whitelisting_rate"):
        value = getattr(model, name)
        if value is not None and not _finite_non_negative(value):
            raise UserError("compensation.error_rate", field=name, value=value)
    return model


def _validate_performance(perf: Performance) -> None:
    for f in fields(Performance):
        if not _finite_non_negative(getattr(perf, f.name)):
            raise UserError(
                "compensation.error_performance", field=f.name, value=getattr(perf, f.name)
            )


def _validate_assumptions(a: Assumptions) -> None:
    for name in ("ctr", "conversion_rate", "margin_rate"):
        value = getattr(a, name)
        if not (_finite_non_negative(value) and value <= 1):
            raise UserError("compensation.error_rate", field=name, value=value)
    for name in ("average_order_value_eur", "frequency"):
        if not _finite_non_negative(getattr(a, name)):
            raise UserError("compensation.error_negative", field=name, value=getattr(a, name))
    if a.reference_fee_eur is not None and not _finite_non_negative(a.reference_fee_eur):
        raise UserError(
            "compensation.error_negative", field="reference_fee_eur", value=a.reference_fee_eur
        )


def expected_performance(
    followers: float,
    er: float,
    reach_rate: float = DEFAULT_REACH_RATE,
    posts: int = 1,
    assumptions: Assumptions | None = None,
) -> Performance:
    """Expected reach, impressions, engagements, clicks, conversions and revenue of ``posts`` posts."""
    a = assumptions or Assumptions()
    _validate_assumptions(a)
    for name, value in (("followers", followers), ("er", er), ("posts", posts)):
        if not _finite_non_negative(value):
            raise UserError("compensation.error_performance", field=name, value=value)
    if not (_finite_non_negative(reach_rate) and reach_rate <= 1):
        raise UserError("compensation.error_rate", field="reach_rate", value=reach_rate)
    # The same followers see each post: unique reach stays per-post, impressions add up.
    reach = followers * reach_rate
    impressions = reach * a.frequency * posts
    engagements = followers * er * posts
    clicks = impressions * a.ctr
    conversions = clicks * a.conversion_rate
    return Performance(
        followers=float(followers),
        er=float(er),
        posts=posts,
        reach=reach,
        impressions=impressions,
        engagements=engagements,
        clicks=clicks,
        conversions=conversions,
        revenue_eur=conversions * a.average_order_value_eur,
    )


def addon_rate(model: CompensationModel) -> float:
    """The total add-on rate on the fixed fee: usage rights, paid social, whitelisting, exclusivity."""
    rate = model.exclusivity_rate
    if model.usage_rights is not None:
        rate += (
            model.usage_rights_rate
            if model.usage_rights_rate is not None
            else USAGE_RIGHTS_RATES[model.usage_rights]
        )
    if model.paid_social:
        rate += model.paid_social_rate if model.paid_social_rate is not None else PAID_SOCIAL_RATE
    if model.whitelisting:
        rate += (
            model.whitelisting_rate if model.whitelisting_rate is not None else WHITELISTING_RATE
        )
    return rate


def cost_breakdown(model: CompensationModel, perf: Performance) -> dict[str, float]:
    """Each component of a model's cost for a performance, in euros."""
    validate_model(model)
    _validate_performance(perf)
    parts = KIND_COMPONENTS[model.kind]
    fee = model.fee_eur * perf.posts if "fee" in parts else 0.0
    retainer = model.retainer_eur_per_month * model.months if "retainer" in parts else 0.0
    commission = model.commission_rate * perf.revenue_eur if "commission" in parts else 0.0
    cpa = model.cpa_eur * perf.conversions if "cpa" in parts else 0.0
    cpm = model.cpm_eur * perf.impressions / 1000 if "cpm" in parts else 0.0
    cpc = model.cpc_eur * perf.clicks if "cpc" in parts else 0.0
    bonus_won = model.bonus_eur > 0 and perf.conversions >= model.bonus_threshold_conversions
    return {
        "fee": fee,
        "retainer": retainer,
        "commission": commission,
        "cpa": cpa,
        "cpm": cpm,
        "cpc": cpc,
        "bonus": model.bonus_eur if bonus_won else 0.0,
        "add_ons": (fee + retainer) * addon_rate(model),
        "product": model.product_value_eur,
        "shipping": model.shipping_eur,
    }


_CASH_PARTS = ("fee", "retainer", "commission", "cpa", "cpm", "cpc", "bonus", "add_ons")
# Parts that do not move with the number of sales (clicks and impressions are given).
_SALES_INDEPENDENT_PARTS = ("fee", "retainer", "cpm", "cpc", "add_ons", "product", "shipping")


def influencer_cash(model: CompensationModel, perf: Performance) -> float:
    """The money the influencer receives (remuneration), excluding products."""
    parts = cost_breakdown(model, perf)
    return float(sum(parts[name] for name in _CASH_PARTS))


def brand_cost(model: CompensationModel, perf: Performance) -> float:
    """What the collaboration costs the brand: remuneration, products and shipping."""
    return float(sum(cost_breakdown(model, perf).values()))


def influencer_earnings(model: CompensationModel, perf: Performance) -> float:
    """What the influencer gets: remuneration plus the value of products received."""
    return influencer_cash(model, perf) + model.product_value_eur


def contract_value(model: CompensationModel, perf: Performance) -> float:
    """Remuneration plus in-kind value: the amount the 1 000 € HT contract threshold is read on."""
    return influencer_cash(model, perf) + model.product_value_eur


def per_sale_earnings(model: CompensationModel, aov_eur: float) -> float:
    """What one more sale pays the influencer under a model: commission and CPA."""
    parts = KIND_COMPONENTS[model.kind]
    commission = model.commission_rate * aov_eur if "commission" in parts else 0.0
    return commission + (model.cpa_eur if "cpa" in parts else 0.0)


def _ceil_sales(value: float) -> float:
    # A tiny tolerance keeps 25.000000001 sales from becoming 26.
    return float(math.ceil(value - 1e-9)) if math.isfinite(value) else math.nan


def break_even_sales(
    model: CompensationModel, perf: Performance, assumptions: Assumptions
) -> float:
    """The number of sales at which the brand's margin covers the cost; NaN when it never does."""
    parts = cost_breakdown(model, perf)
    aov = assumptions.average_order_value_eur
    fixed = float(sum(parts[name] for name in _SALES_INDEPENDENT_PARTS))
    net_per_sale = aov * assumptions.margin_rate - per_sale_earnings(model, aov)
    bonus_at_zero = model.bonus_eur > 0 and model.bonus_threshold_conversions <= 0
    # Losing money on every sale never breaks even; earning nothing per sale only if nothing is owed.
    if net_per_sale < 0 or (net_per_sale == 0 and (fixed > 0 or bonus_at_zero)):
        return math.nan
    if net_per_sale == 0:
        return 0.0
    sales = _ceil_sales(fixed / net_per_sale)
    # The bonus is owed from its threshold on, which can push break-even past it.
    if model.bonus_eur > 0 and sales >= model.bonus_threshold_conversions:
        sales = _ceil_sales((fixed + model.bonus_eur) / net_per_sale)
    return sales


def influencer_break_even_sales(
    model: CompensationModel, reference_fee_eur: float | None, aov_eur: float
) -> float:
    """The sales at which the model's per-sale earnings equal a fixed fee; NaN without either."""
    per_sale = per_sale_earnings(model, aov_eur)
    if reference_fee_eur is None or per_sale <= 0:
        return math.nan
    return _ceil_sales(reference_fee_eur / per_sale)


def risk_carrier(model: CompensationModel) -> str:
    """Who bears the risk of weak results: the brand (paid anyway), the influencer, or both."""
    parts = KIND_COMPONENTS[model.kind]
    fixed = (
        ("fee" in parts and model.fee_eur > 0)
        or ("retainer" in parts and model.retainer_eur_per_month * model.months > 0)
        or model.product_value_eur > 0
    )
    variable = (
        ("commission" in parts and model.commission_rate > 0)
        or ("cpa" in parts and model.cpa_eur > 0)
        or ("cpm" in parts and model.cpm_eur > 0)
        or ("cpc" in parts and model.cpc_eur > 0)
        or model.bonus_eur > 0
    )
    if variable and fixed:
        return "shared"
    return "influencer" if variable else "brand"


def _reference_fee(
    models: Sequence[CompensationModel], perf: Performance, a: Assumptions
) -> float | None:
    if a.reference_fee_eur is not None:
        return a.reference_fee_eur
    for model in models:
        if model.kind == "fixed_fee":
            return cost_breakdown(model, perf)["fee"]
    return None


SIMULATION_COLUMNS: tuple[str, ...] = (
    "model",
    "kind",
    "brand_cost_eur",
    "influencer_cash_eur",
    "influencer_in_kind_eur",
    "influencer_earnings_eur",
    "contract_value_eur",
    "contract_required",
    "expected_conversions",
    "expected_revenue_eur",
    "brand_margin_eur",
    "brand_net_eur",
    "brand_roas",
    "cost_per_conversion_eur",
    "break_even_sales",
    "influencer_break_even_sales",
    "risk_carrier",
)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else math.nan


def simulate(
    models: Iterable[CompensationModel],
    performance: Performance,
    assumptions: Assumptions | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """Compare models on one performance, one row each: brand cost and return, influencer pay, risk."""
    a = assumptions or Assumptions()
    _validate_assumptions(a)
    _validate_performance(performance)
    model_list = [validate_model(m) for m in models]
    reference = _reference_fee(model_list, performance, a)
    rows = []
    for model in model_list:
        cost = brand_cost(model, performance)
        value = contract_value(model, performance)
        margin = performance.revenue_eur * a.margin_rate
        rows.append(
            {
                "model": model.label(lang),
                "kind": model.kind,
                "brand_cost_eur": cost,
                "influencer_cash_eur": influencer_cash(model, performance),
                "influencer_in_kind_eur": model.product_value_eur,
                "influencer_earnings_eur": influencer_earnings(model, performance),
                "contract_value_eur": value,
                "contract_required": bool(contract_required(value)),
                "expected_conversions": performance.conversions,
                "expected_revenue_eur": performance.revenue_eur,
                "brand_margin_eur": margin,
                "brand_net_eur": margin - cost,
                "brand_roas": _ratio(performance.revenue_eur, cost),
                "cost_per_conversion_eur": _ratio(cost, performance.conversions),
                "break_even_sales": break_even_sales(model, performance, a),
                "influencer_break_even_sales": influencer_break_even_sales(
                    model, reference, a.average_order_value_eur
                ),
                "risk_carrier": risk_carrier(model),
            }
        )
    return pd.DataFrame(rows, columns=list(SIMULATION_COLUMNS))


def kind_label(kind: str, lang: str = "fr") -> str:
    """The readable name of a remuneration model."""
    return t(f"compensation.kind.{kind}", lang)


def lever_label(code: str, lang: str = "fr") -> str:
    """The readable name of a motivation lever."""
    return t(f"compensation.lever.{code}", lang)
