"""The negotiation role play: a deal sheet per influencer, round by round (the brand's offer, the
influencer's counter-offer), each valued for both sides with the compensation models, the legal
flags it raises, the influencer's confidential card and the win-win score at the end.

"Accept the deal" makes the agreed terms the influencer's remuneration model (module 6), their
deliverables in the action plan (module 4) and their budget lines (module 7).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from influkit.campaign import compliance
from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation import simulator as remuneration
from influkit.campaign.compensation.models import CompensationModel, Performance
from influkit.errors import UserError
from influkit.identify.brandfit import CPM_RANGES
from influkit.operations import deliverables as actions
from influkit.plan.model import Deal, DealRound, DealTerms, Deliverable, Plan
from influkit.relationship import arguments, pipeline
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import label, normalize_language, plural, t

USAGE_RIGHTS: tuple[str, ...] = remuneration.USAGE_RIGHTS_CHOICES
#: Hours of work per content by format (idea, shooting, editing, caption), a teaching estimate.
FORMAT_HOURS: dict[str, float] = {
    "reel": 6.0,
    "video": 10.0,
    "short": 3.0,
    "carousel": 4.0,
    "photo": 3.0,
    "story": 1.5,
    "live": 3.0,
    "text": 1.5,
}
DEFAULT_FORMAT_HOURS = 4.0
#: Hours per deal for exchanges, the brief, one round of review and edits.
DEAL_OVERHEAD_HOURS = 2.0
#: The rate card's price of each format against the declared price of a post.
FORMAT_PRICE: dict[str, float] = {
    "reel": 1.0,
    "video": 1.0,
    "carousel": 0.9,
    "photo": 0.8,
    "live": 0.9,
    "short": 0.6,
    "text": 0.6,
    "story": 0.35,
}
#: The card's opening ask and walk-away point against the rate card (an opening position).
ASK_MARKUP = 0.20
WALK_AWAY_SHARE = 0.75
WALK_AWAY_SHARE_MOTIVATED = 0.60
#: The brand's first offer against the declared price.
OPENING_OFFER_SHARE = 0.85
#: Exclusivity priced per month against the fee (DOMAIN §8: "configurable").
EXCLUSIVITY_RATE_PER_MONTH = 0.10
DEFAULT_CPM_RANGE = (5.0, 25.0)
DEFAULT_SHIPPING_EUR = remuneration.DEFAULT_SHIPPING_EUR
#: Countries where an influencer needs no EU legal representative (art. 9: EU, EEA, Switzerland).
EU_EEA_CH = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "IS",
        "LI",
        "NO",
        "CH",
    ]
)
#: What the win-win score weighs on each side (each part scores 0 to 1).
BRAND_WEIGHTS: dict[str, float] = {"price": 0.55, "rights": 0.25, "compliance": 0.20}
INFLUENCER_WEIGHTS: dict[str, float] = {
    "pay": 0.45,
    "hourly": 0.20,
    "constraints": 0.20,
    "motivations": 0.15,
}
RIGHTS_VALUE: dict[str, float] = {"none": 0.0, "30_days": 0.5, "3_months": 1.0, "6_months": 1.0}
_SECRET = re.compile(r"[A-Za-z0-9_-]{22,64}")

# --- deals and rounds ----------------------------------------------------------------------


def deal_of(plan: Plan, influencer_id: str) -> Deal | None:
    """The influencer's latest deal that was not abandoned, if any."""
    found = [
        d
        for d in plan.relationship.deals
        if d.influencer_id == influencer_id and d.status != "abandoned"
    ]
    return found[-1] if found else None


def current_terms(deal: Deal) -> DealTerms | None:
    """The terms on the table: those of the last round."""
    return deal.rounds[-1].terms if deal.rounds else None


def next_side(deal: Deal) -> str:
    """Who speaks next: the brand opens, then the sides take turns."""
    if not deal.rounds:
        return "brand"
    return "influencer" if deal.rounds[-1].side == "brand" else "brand"


def _declared_price(row: Mapping[str, Any]) -> float:
    return remuneration.declared_price(row)


def planned_posts(plan: Plan, influencer_id: str) -> int:
    """The posts already planned with an influencer (module 4 or 6), at least one."""
    return max(1, remuneration.planned_posts(plan, influencer_id))


def opening_offer(plan: Plan, row: Mapping[str, Any]) -> DealTerms:
    """The brand's first offer: the platform's usual format, the planned posts, a fee a little
    under the declared price, the product when there is one to send, payment at 30 days."""
    influencer_id = str(row.get("influencer_id") or "")
    platform = str(row.get("platform") or "")
    posts = planned_posts(plan, influencer_id)
    fmt = actions.default_format(platform)
    price = _declared_price(row) * FORMAT_PRICE.get(fmt, 1.0)
    ships = plan.brief.product_category not in actions._NOTHING_TO_SHIP
    aov = remuneration.plan_assumptions(plan).average_order_value_eur
    return DealTerms(
        fee_eur=float(round(price * OPENING_OFFER_SHARE * posts, 0)),
        product_value_eur=float(round(aov, 2)) if ships else 0.0,
        platform=platform,
        format=fmt,
        posts=posts,
        payment_days=30,
        disclosure=t("relationship.default_mention", "fr"),
    )


def open_deal(
    plan: Plan, row: Mapping[str, Any], at: dt.datetime | None = None, *, renewal: bool = False
) -> Deal:
    """Start a deal with an influencer on the brand's opening offer (the existing one if there
    is one, unless it is accepted and this is a ``renewal``)."""
    influencer_id = str(row.get("influencer_id") or "")
    found = deal_of(plan, influencer_id)
    if found is not None and not (renewal and found.status == "accepted"):
        return found
    when = at or pipeline.now_utc()
    # Once paid, the renewal's talks show in the pipeline; before, the partnership runs on.
    if renewal and pipeline.view(plan, influencer_id).stage == "paid":
        pipeline.move(plan, influencer_id, "in_talks", when)
    deal = Deal(
        influencer_id=influencer_id,
        rounds=[DealRound(side="brand", terms=opening_offer(plan, row), at=when)],
        created_at=when,
    )
    plan.relationship.deals = [*plan.relationship.deals, deal]
    pipeline.advance_to(plan, influencer_id, "in_talks", when)
    return plan.relationship.deals[-1]


def add_round(
    deal: Deal, side: str, terms: DealTerms, note: str = "", at: dt.datetime | None = None
) -> DealRound:
    """Put a new offer (brand) or counter-offer (influencer) on the table."""
    if deal.status != "open":
        raise UserError("relationship.error_deal_closed")
    if side not in ("brand", "influencer"):
        raise UserError("relationship.error_side", side=side)
    check_terms(terms)
    new = DealRound(side=side, terms=terms, note=note, at=at or pipeline.now_utc())
    deal.rounds = [*deal.rounds, new]
    return deal.rounds[-1]


def check_terms(terms: DealTerms) -> DealTerms:
    """Terms a deal can value: at least one content, known usage rights; else a UserError."""
    if terms.posts < 1:
        raise UserError("relationship.error_posts")
    if terms.usage_rights not in USAGE_RIGHTS:
        raise UserError("relationship.error_usage_rights", value=terms.usage_rights)
    return terms


def abandon(deal: Deal) -> None:
    """Stop a negotiation (a new one can be started)."""
    deal.status = "abandoned"


# --- valuing terms -------------------------------------------------------------------------


def model_code(terms: DealTerms) -> str:
    """The module 6 model the terms describe: gifting, fixed fee, affiliate or hybrid."""
    if terms.fee_eur > 0:
        return "hybrid" if terms.commission_rate > 0 else "fixed_fee"
    return "affiliate" if terms.commission_rate > 0 else "gifting"


def model_parts(terms: DealTerms) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The terms as module 6 stores them: (model code, common parameters, own parameters)."""
    check_terms(terms)
    code = model_code(terms)
    common = {
        "posts": int(terms.posts),
        "product_value_eur": float(terms.product_value_eur),
        "shipping_eur": DEFAULT_SHIPPING_EUR if terms.product_value_eur > 0 else 0.0,
        "usage_rights": terms.usage_rights,
        "paid_social": bool(terms.paid_social),
        "whitelisting": bool(terms.whitelisting),
        "exclusivity_rate": float(terms.exclusivity_rate),
    }
    own: dict[str, Any] = {}
    if code in ("fixed_fee", "hybrid"):
        own["fee_eur"] = float(terms.fee_eur) / terms.posts
    if code in ("affiliate", "hybrid"):
        own["commission_rate"] = float(terms.commission_rate)
    return code, common, own


def compensation_model(terms: DealTerms, lang: str = "fr") -> CompensationModel:
    """The compensation model of the terms (fees are per content in the model)."""
    code, common, own = model_parts(terms)
    return remuneration.build_model(code, {**common, **own}, lang)


def effort_hours(terms: DealTerms) -> float:
    """The influencer's hours of work for the terms: each content by format, plus exchanges."""
    per_post = FORMAT_HOURS.get(terms.format, DEFAULT_FORMAT_HOURS)
    return terms.posts * per_post + DEAL_OVERHEAD_HOURS


def is_commercial(terms: DealTerms | None) -> bool:
    """Whether the collaboration is commercial (paid or gifted): then the content carries the
    commercial-intent mention."""
    if terms is None:
        return False
    return terms.fee_eur > 0 or terms.commission_rate > 0 or terms.product_value_eur > 0


@dataclass(frozen=True)
class Valuation:
    """What a set of terms is worth to each side, at the expected performance."""

    brand_cost_eur: float
    impressions: float
    engagements: float
    clicks: float
    conversions: float
    revenue_eur: float
    brand_margin_eur: float
    cpm_eur: float
    cost_per_conversion_eur: float
    influencer_cash_eur: float
    influencer_in_kind_eur: float
    influencer_earnings_eur: float
    effort_hours: float
    hourly_eur: float
    contract_value_eur: float


def expected(plan: Plan, row: Mapping[str, Any], terms: DealTerms) -> Performance:
    """What the terms' contents should deliver, with the plan's assumptions (as module 6)."""
    return remuneration.expected_performance(
        row, int(terms.posts), remuneration.plan_assumptions(plan)
    )


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator > 0 else math.nan


def value(plan: Plan, row: Mapping[str, Any], terms: DealTerms, lang: str = "fr") -> Valuation:
    """Value terms for both sides: the brand's cost and expected results, the influencer's
    earnings, in-kind value, hours of work and hourly pay."""
    model = compensation_model(terms, lang)
    perf = expected(plan, row, terms)
    cost = compensation.brand_cost(model, perf)
    earnings = compensation.influencer_earnings(model, perf)
    hours = effort_hours(terms)
    margin = perf.revenue_eur * remuneration.plan_assumptions(plan).margin_rate
    return Valuation(
        brand_cost_eur=cost,
        impressions=perf.impressions,
        engagements=perf.engagements,
        clicks=perf.clicks,
        conversions=perf.conversions,
        revenue_eur=perf.revenue_eur,
        brand_margin_eur=margin,
        cpm_eur=_ratio(cost * 1000, perf.impressions),
        cost_per_conversion_eur=_ratio(cost, perf.conversions),
        influencer_cash_eur=compensation.influencer_cash(model, perf),
        influencer_in_kind_eur=model.product_value_eur,
        influencer_earnings_eur=earnings,
        effort_hours=hours,
        hourly_eur=_ratio(earnings, hours),
        contract_value_eur=compensation.contract_value(model, perf),
    )


ROUND_COLUMNS: tuple[str, ...] = (
    "round",
    "side",
    "at",
    "fee_eur",
    "commission_rate",
    "product_value_eur",
    "deliverables",
    "usage_rights",
    "exclusivity_months",
    "whitelisting",
    "payment_days",
    "disclosure",
    "brand_cost_eur",
    "conversions",
    "cpm_eur",
    "influencer_earnings_eur",
    "effort_hours",
    "hourly_eur",
    "contract_value_eur",
)


def rounds_table(plan: Plan, row: Mapping[str, Any], deal: Deal, lang: str = "fr") -> pd.DataFrame:
    """The deal sheet: one row per round with its terms and both sides' values (raw numbers)."""
    rows = []
    for number, rnd in enumerate(deal.rounds, start=1):
        terms = rnd.terms
        worth = value(plan, row, terms, lang)
        rows.append(
            {
                "round": number,
                "side": rnd.side,
                "at": rnd.at,
                "fee_eur": terms.fee_eur,
                "commission_rate": terms.commission_rate,
                "product_value_eur": terms.product_value_eur,
                "deliverables": actions.what_text(terms.platform, terms.format, terms.posts, lang),
                "usage_rights": terms.usage_rights,
                "exclusivity_months": terms.exclusivity_months,
                "whitelisting": terms.whitelisting,
                "payment_days": terms.payment_days,
                "disclosure": terms.disclosure,
                "brand_cost_eur": worth.brand_cost_eur,
                "conversions": worth.conversions,
                "cpm_eur": worth.cpm_eur,
                "influencer_earnings_eur": worth.influencer_earnings_eur,
                "effort_hours": worth.effort_hours,
                "hourly_eur": worth.hourly_eur,
                "contract_value_eur": worth.contract_value_eur,
            }
        )
    return pd.DataFrame(rows, columns=list(ROUND_COLUMNS))


# --- legal flags ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Flag:
    """A legal point a deal raises: its code, level (error, warning, ok) and explanation."""

    code: str
    level: str
    message: str
    clauses_missing: tuple[str, ...] = field(default_factory=tuple)


def deal_year(deal: Deal) -> int:
    """The year a deal counts in for the contract threshold (the year it was opened)."""
    return deal.created_at.year


def annual_contract_value(
    plan: Plan,
    row: Mapping[str, Any],
    deal: Deal,
    terms: DealTerms | None = None,
    lang: str = "fr",
) -> float:
    """Remuneration plus in-kind value promised to the influencer by this advertiser (the plan's
    brand) in the deal's year: these terms plus the current terms of their other deals of that
    year (abandoned ones left out)."""
    terms = terms or current_terms(deal)
    total = value(plan, row, terms, lang).contract_value_eur if terms else 0.0
    for other in plan.relationship.deals:
        if (
            other.deal_id == deal.deal_id
            or other.influencer_id != deal.influencer_id
            or other.status == "abandoned"
            or deal_year(other) != deal_year(deal)
        ):
            continue
        other_terms = current_terms(other)
        if other_terms is not None:
            total += value(plan, row, other_terms, lang).contract_value_eur
    return total


def legal_flags(
    plan: Plan,
    row: Mapping[str, Any],
    deal: Deal,
    terms: DealTerms | None = None,
    lang: str = "fr",
) -> list[Flag]:
    """What the law asks of these terms: a written contract from 1 000 € HT per advertiser per
    year (with the mandatory clauses still to tick), the commercial-intent mention, the
    sector's rules, and an EU legal representative for an influencer based outside the EU."""
    lang = normalize_language(lang)
    terms = terms or current_terms(deal)
    flags: list[Flag] = []
    total = annual_contract_value(plan, row, deal, terms, lang)
    amount = fmt_money(total, lang)
    threshold = fmt_money(compliance.CONTRACT_THRESHOLD_EUR_HT, lang, 0)
    if compliance.contract_required(total):
        ticked = plan.compliance.contract_clauses.get(deal.influencer_id, [])
        missing = tuple(compliance.missing_clauses(ticked))
        flags.append(
            Flag(
                "contract_required",
                "warning" if missing else "ok",
                t("relationship.flag.contract_required", lang, amount=amount, threshold=threshold),
                missing,
            )
        )
    else:
        flags.append(
            Flag(
                "contract_not_required",
                "ok",
                t(
                    "relationship.flag.contract_not_required",
                    lang,
                    amount=amount,
                    threshold=threshold,
                ),
            )
        )
    if is_commercial(terms):
        audience = normalize_language(str(row.get("language") or "fr"))
        findings = compliance.check_caption(terms.disclosure if terms else "", lang=audience)
        if findings:
            for finding in findings:
                flags.append(Flag(f"mention_{finding.code}", finding.level, finding.message(lang)))
        else:
            flags.append(
                Flag(
                    "mention_ok",
                    "ok",
                    t("relationship.flag.mention_ok", lang, mention=terms.disclosure),
                )
            )
    for finding in compliance.check_sector(plan.brief.product_category, lang):
        flags.append(Flag(f"sector_{finding.code}", finding.level, finding.message(lang)))
    country = str(row.get("country") or "").upper()
    if country and country not in EU_EEA_CH:
        flags.append(
            Flag(
                "non_eu",
                "warning",
                t(
                    "relationship.flag.non_eu",
                    lang,
                    country=label("data.country", country, lang),
                ),
            )
        )
    return flags


# --- the influencer's confidential card ----------------------------------------------------


@dataclass(frozen=True)
class Card:
    """The influencer side's confidential card for the role play, generated from their data."""

    influencer_id: str
    name: str
    platform: str
    rate_card: dict[str, float]
    usage_rights_rates: dict[str, float]
    whitelisting_rate: float
    exclusivity_rate_per_month: float
    ask_per_post_eur: float
    walk_away_per_post_eur: float
    gifting_ok: bool
    max_exclusivity_months: int
    max_payment_days: int
    min_lead_days: int
    motivations: tuple[str, ...]
    constraints: tuple[str, ...]


def card(row: Mapping[str, Any], lang: str = "fr") -> Card:
    """The influencer's confidential card: rate card per format, add-on rates, opening ask,
    walk-away point, constraints and motivations (their three strongest arguments)."""
    lang = normalize_language(lang)
    influencer_id = str(row.get("influencer_id") or "")
    platform = str(row.get("platform") or "")
    price = _declared_price(row)
    tier = str(row.get("tier") or "")
    rank = arguments.TIER_RANK.get(tier, 2)
    ranked = arguments.rank_arguments(row, lang)
    motivations = tuple(a.code for a in ranked[:3])
    motivated = bool({"long_term", "visibility", "recognition"} & set(motivations))
    share = WALK_AWAY_SHARE_MOTIVATED if motivated else WALK_AWAY_SHARE
    main = FORMAT_PRICE.get(actions.default_format(platform), 1.0)
    rate_card = {
        fmt: float(round(price * FORMAT_PRICE.get(fmt, 1.0) * (1 + ASK_MARKUP), 0))
        for fmt in actions.formats_for(platform)
    }
    max_exclusivity = 1 if rank >= 4 else (3 if rank >= 2 else 6)
    max_days = 30 if rank <= 2 else 45
    lead = 10 if rank <= 2 else 15
    disclosure = row.get("disclosure_rate")
    constraints = [
        t("relationship.constraint.exclusivity", lang, months=max_exclusivity),
        t("relationship.constraint.payment", lang, days=max_days),
        t("relationship.constraint.lead", lang, days=lead),
        t("relationship.constraint.rights_paid", lang),
    ]
    if "creative_freedom" in motivations:
        constraints.append(t("relationship.constraint.no_script", lang))
    try:
        low_disclosure = float(disclosure) < 0.9
    except (TypeError, ValueError):
        low_disclosure = False
    if low_disclosure:
        constraints.append(t("relationship.constraint.mention_habit", lang))
    return Card(
        influencer_id=influencer_id,
        name=remuneration.display_name(row, influencer_id),
        platform=platform,
        rate_card=rate_card,
        usage_rights_rates=dict(compensation.USAGE_RIGHTS_RATES),
        whitelisting_rate=compensation.WHITELISTING_RATE,
        exclusivity_rate_per_month=EXCLUSIVITY_RATE_PER_MONTH,
        ask_per_post_eur=float(round(price * main * (1 + ASK_MARKUP), 0)),
        walk_away_per_post_eur=float(round(price * main * share, 0)),
        gifting_ok=rank <= 1,
        max_exclusivity_months=max_exclusivity,
        max_payment_days=max_days,
        min_lead_days=lead,
        motivations=motivations,
        constraints=tuple(constraints),
    )


def walk_away_total(the_card: Card, terms: DealTerms) -> float:
    """The least the influencer accepts for the terms: the walk-away per content (for a nano
    account, the product's value counts toward it) plus the add-ons priced by the card."""
    base = the_card.walk_away_per_post_eur * terms.posts
    return base * (1 + card_addon_rate(the_card, terms))


def ask_total(the_card: Card, terms: DealTerms) -> float:
    """What the influencer's rate card asks for the terms, add-ons included."""
    per_post = the_card.rate_card.get(terms.format, the_card.ask_per_post_eur)
    return per_post * terms.posts * (1 + card_addon_rate(the_card, terms))


def card_addon_rate(the_card: Card, terms: DealTerms) -> float:
    """The add-on rate the card charges for the terms: rights, paid social, whitelisting,
    exclusivity by the month."""
    rate = the_card.usage_rights_rates.get(terms.usage_rights, 0.0)
    if terms.paid_social:
        rate += compensation.PAID_SOCIAL_RATE
    if terms.whitelisting:
        rate += the_card.whitelisting_rate
    return rate + the_card.exclusivity_rate_per_month * terms.exclusivity_months


# --- the win-win score ---------------------------------------------------------------------


@dataclass(frozen=True)
class WinWin:
    """Both sides' satisfaction with the terms (0-100) and the win-win score between them."""

    brand: float
    influencer: float
    score: float
    parts: dict[str, dict[str, float]]
    walks_away: bool


def _clip(value: float) -> float:
    if not math.isfinite(value):
        return 0.0
    return float(min(max(value, 0.0), 1.0))


def win_win(
    plan: Plan, row: Mapping[str, Any], deal: Deal, terms: DealTerms | None = None
) -> WinWin:
    """Score terms for both sides and combine them (geometric mean: a deal that crushes one side
    scores low however good it is for the other).

    Brand: price (the CPM against the platform's benchmark range), rights obtained (usage
    rights), compliance (a clear mention, a sector the law allows). Influencer: pay (between
    their walk-away point and their ask), hourly pay against their rate card's, constraints
    respected, and how many of their motivations the pitch speaks to.
    """
    terms = terms or current_terms(deal)
    if terms is None:
        raise UserError("relationship.error_no_round")
    worth = value(plan, row, terms)
    the_card = card(row)
    low, high = CPM_RANGES.get(str(row.get("platform")), DEFAULT_CPM_RANGE)
    price = 1.0 - (worth.cpm_eur - low) / (high - low) if math.isfinite(worth.cpm_eur) else 0.5
    flags = legal_flags(plan, row, deal, terms)
    clean = not any(f.level == "error" for f in flags)
    brand_parts = {
        "price": _clip(price),
        "rights": RIGHTS_VALUE.get(terms.usage_rights, 0.0),
        "compliance": 1.0 if clean else 0.0,
    }
    walk = walk_away_total(the_card, terms)
    ask = ask_total(the_card, terms)
    paid = worth.influencer_cash_eur + (terms.product_value_eur if the_card.gifting_ok else 0.0)
    pay = (paid - walk) / (ask - walk) if ask > walk else float(paid >= walk)
    reference_hourly = the_card.ask_per_post_eur / FORMAT_HOURS.get(
        actions.default_format(the_card.platform), DEFAULT_FORMAT_HOURS
    )
    respected = [
        terms.exclusivity_months <= the_card.max_exclusivity_months,
        terms.payment_days <= the_card.max_payment_days,
    ]
    rel = pipeline.view(plan, deal.influencer_id)
    spoken = set(rel.arguments) & set(the_card.motivations)
    influencer_parts = {
        "pay": _clip(pay),
        "hourly": _clip(_ratio(worth.hourly_eur, reference_hourly)),
        "constraints": sum(respected) / len(respected),
        "motivations": len(spoken) / max(len(the_card.motivations), 1),
    }
    brand = 100 * sum(BRAND_WEIGHTS[k] * v for k, v in brand_parts.items())
    influencer = 100 * sum(INFLUENCER_WEIGHTS[k] * v for k, v in influencer_parts.items())
    walks_away = paid + 1e-9 < walk
    if walks_away:
        influencer = 0.0
    return WinWin(
        brand=round(brand, 1),
        influencer=round(influencer, 1),
        score=round(math.sqrt(brand * influencer), 1),
        parts={"brand": brand_parts, "influencer": influencer_parts},
        walks_away=walks_away,
    )


# --- accepting a deal ----------------------------------------------------------------------


def accept(
    plan: Plan,
    deal: Deal,
    table: pd.DataFrame,
    lang: str = "fr",
    at: dt.datetime | None = None,
) -> None:
    """Seal the deal on its current terms: the influencer's remuneration model (module 6), their
    deliverables (module 4), their budget lines (module 7) and the pipeline at "agreed"."""
    terms = current_terms(deal)
    if terms is None:
        raise UserError("relationship.error_no_round")
    if deal.status == "abandoned":
        raise UserError("relationship.error_deal_closed")
    code, common, own = model_parts(terms)
    influencer_id = deal.influencer_id
    rel = pipeline.view(plan, influencer_id)
    remuneration.choose_model(plan, influencer_id, code, common, own, lang)
    remuneration.set_levers(plan, influencer_id, arguments.levers(rel.arguments))
    previous = actions.deliverables_of(plan, influencer_id)
    # A renewal adds its contents to those of the earlier agreement; a first deal replaces
    # what module 4 had planned with this influencer (keeping its id, status and window).
    renewal = any(
        d.influencer_id == influencer_id and d.status == "accepted" and d.deal_id != deal.deal_id
        for d in plan.relationship.deals
    )
    first = previous[0] if previous and not renewal else None
    start = end = None
    if first is not None:
        start, end = first.window_start, first.window_end
    elif plan.brief.launch_date is not None and not renewal:
        start, end = actions.publication_window(plan.brief.launch_date)
    name = remuneration.display_name(
        remuneration.rows_by_id(table).get(influencer_id), influencer_id
    )
    deliverable = Deliverable(
        deliverable_id=first.deliverable_id
        if first is not None
        else actions.new_deliverable_id(
            (d.deliverable_id for d in plan.deliverables),
            name,
            terms.format,
        ),
        influencer_id=influencer_id,
        platform=terms.platform,
        format=terms.format,
        count=int(terms.posts),
        window_start=start,
        window_end=end,
        compensation_eur_ht=float(terms.fee_eur),
        status=first.status if first is not None else "planned",
        status_dates=dict(first.status_dates) if first is not None else {},
        note=first.note if first is not None else "",
    )
    actions.replace_deliverables(
        plan, influencer_id, [*previous, deliverable] if renewal else [deliverable]
    )
    remuneration.sync_budget_lines(plan, table, lang)
    deal.status = "accepted"
    deal.accepted_at = at or pipeline.now_utc()
    pipeline.advance_to(plan, influencer_id, "agreed", deal.accepted_at)


# --- the card's own link -------------------------------------------------------------------


def find_card(store: Any, secret: str | None) -> tuple[Plan, Deal] | None:
    """The plan and deal whose confidential card has this secret, or None (a malformed secret is
    never looked up)."""
    if not secret or not _SECRET.fullmatch(secret):
        return None
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from influkit.plan.model import plan_from_json
    from influkit.plan.storage import StoredPlan

    needle = f'"card_secret":"{secret}"'
    with Session(store.engine) as session:
        rows = session.execute(
            select(StoredPlan.data).where(StoredPlan.data.contains(needle, autoescape=True))
        ).scalars()
        for data in rows:
            try:
                plan = plan_from_json(data)
            except UserError:
                continue
            for deal in plan.relationship.deals:
                if deal.card_secret == secret:
                    return plan, deal
    return None


def money_text(value_eur: float, lang: str = "fr") -> str:
    """An amount as the deal sheet writes it."""
    return fmt_money(value_eur, lang, 0)


def terms_text(terms: DealTerms, lang: str = "fr") -> str:
    """What the terms propose, in one line: contents, fee, commission, product, options."""
    lang = normalize_language(lang)
    what = actions.what_text(terms.platform, terms.format, 1, lang)
    bits = [plural("relationship.terms.contents", terms.posts, lang, count=terms.posts, what=what)]
    if terms.fee_eur > 0:
        bits.append(t("relationship.terms.fee", lang, amount=fmt_money(terms.fee_eur, lang, 0)))
    if terms.commission_rate > 0:
        bits.append(
            t(
                "relationship.terms.commission",
                lang,
                rate=fmt_percent(terms.commission_rate, lang, 0),
            )
        )
    if terms.product_value_eur > 0:
        bits.append(
            t(
                "relationship.terms.product",
                lang,
                amount=fmt_money(terms.product_value_eur, lang, 0),
            )
        )
    if terms.usage_rights != "none":
        bits.append(
            t(
                "relationship.terms.rights",
                lang,
                rights=label("relationship.usage_rights", terms.usage_rights, lang),
            )
        )
    if terms.exclusivity_months > 0:
        bits.append(
            t(
                "relationship.terms.exclusivity",
                lang,
                months=fmt_number(terms.exclusivity_months, lang),
            )
        )
    if terms.whitelisting:
        bits.append(t("relationship.terms.whitelisting", lang))
    return ", ".join(bits)
