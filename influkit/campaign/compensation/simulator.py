"""Module 6 glue: the remuneration simulator of one influencer, the model the trainee chooses,
and the budget lines that choice puts in the plan.

An influencer's row of the shared table and the case's assumptions give an expected performance;
the models are compared side by side with defaults taken from the declared price; "choose this
model" stores a :class:`~influkit.plan.model.Remuneration`, and :func:`sync_budget_lines` keeps one
budget line per cost of each chosen model (fee, usage rights, products, shipping).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation.models import Assumptions, CompensationModel, Performance
from influkit.campaign.compliance import contract_required
from influkit.data import datasets
from influkit.errors import UserError
from influkit.kpis import fmt_kpi
from influkit.plan.model import BudgetLine, Plan, Remuneration
from influkit.text.formats import fmt_money, fmt_number
from influkit.text.i18n import LANGUAGES, t
from influkit.values import as_number

#: The models the simulator compares; pay per result is split by what is paid for.
MODEL_CODES: tuple[str, ...] = (
    "gifting",
    "fixed_fee",
    "affiliate",
    "cpa",
    "cpm",
    "cpc",
    "hybrid",
    "retainer",
    "bonus_on_target",
)
MODEL_KIND: dict[str, str] = {
    **{code: code for code in MODEL_CODES},
    "cpa": "pay_per_result",
    "cpm": "pay_per_result",
    "cpc": "pay_per_result",
}
#: The parameters each model's form shows; product, shipping and add-ons are common to all.
MODEL_FIELDS: dict[str, tuple[str, ...]] = {
    "gifting": (),
    "fixed_fee": ("fee_eur",),
    "affiliate": ("commission_rate",),
    "cpa": ("cpa_eur",),
    "cpm": ("cpm_eur",),
    "cpc": ("cpc_eur",),
    "hybrid": ("fee_eur", "commission_rate"),
    "retainer": ("retainer_eur_per_month", "months"),
    "bonus_on_target": ("fee_eur", "bonus_eur", "bonus_threshold_conversions"),
}
COMMON_PARAMS: tuple[str, ...] = (
    "posts",
    "product_value_eur",
    "shipping_eur",
    "usage_rights",
    "paid_social",
    "whitelisting",
    "exclusivity_rate",
)
USAGE_RIGHTS_CHOICES: tuple[str, ...] = ("none", *compensation.USAGE_RIGHTS_RANGES)
ASSUMPTION_FIELDS: tuple[str, ...] = datasets.ASSUMPTION_FIELDS
#: Budget lines written from a chosen model carry this id prefix; the trainee's own never do.
SYNCED_PREFIX = "rem-"
SYNCED_CATEGORIES: tuple[str, ...] = ("influencer_fee", "usage_rights", "gifting", "shipping")

# Defaults a trainee starts from (DOMAIN §8), to be edited.
DEFAULT_COMMISSION_RATE = 0.15
DEFAULT_HYBRID_FEE_SHARE = 0.5
DEFAULT_HYBRID_COMMISSION_RATE = 0.10
DEFAULT_CPA_SHARE_OF_BASKET = 0.20
DEFAULT_RETAINER_MONTHS = 3
# A retainer commits over months, so the monthly fee comes with a discount.
DEFAULT_RETAINER_DISCOUNT = 0.10
DEFAULT_BONUS_FEE_SHARE = 0.8
DEFAULT_BONUS_SHARE = 0.3
DEFAULT_SHIPPING_EUR = 8.0

_CASH_PARTS = ("fee", "retainer", "commission", "cpa", "cpm", "cpc", "bonus")


def _positive(value: Any) -> float | None:
    number = as_number(value)
    return number if number > 0 else None


# --- assumptions ----------------------------------------------------------------------------


#: The simulator's name of each assumption and the plan's (``plan.settings.assumptions``).
PLAN_FIELD: dict[str, str] = {
    "conversion_rate": "conversion_rate",
    "ctr": "ctr",
    "average_order_value_eur": "average_basket_eur",
    "margin_rate": "margin_rate",
}


def case_assumptions(plan: Plan) -> dict[str, float]:
    """The case's conversion assumptions (CTR, conversion, basket, margin), or the defaults."""
    from influkit.campaign import forecast

    values = forecast.case_values(plan)
    return {name: float(values[PLAN_FIELD[name]]) for name in ASSUMPTION_FIELDS}


def assumption_values(plan: Plan) -> dict[str, float]:
    """The assumptions in force: the case's, overridden by what the trainee edited."""
    from influkit.campaign import forecast

    values = forecast.assumptions_in_force(plan)
    return {name: float(getattr(values, PLAN_FIELD[name])) for name in ASSUMPTION_FIELDS}


def plan_assumptions(plan: Plan) -> Assumptions:
    """The assumptions in force as the simulator's :class:`Assumptions`."""
    from influkit.campaign import forecast

    return forecast.compensation_assumptions(forecast.assumptions_in_force(plan))


def set_assumption(plan: Plan, name: str, value: float) -> bool:
    """Store an edited assumption (forgotten when it equals the case's); True when it changed."""
    from influkit.campaign import forecast

    if name not in ASSUMPTION_FIELDS:
        raise UserError("remuneration.error_assumption", name=name)
    return forecast.set_assumption(plan, PLAN_FIELD[name], value)


# --- expected performance -------------------------------------------------------------------


def planned_posts(plan: Plan, influencer_id: str, default: int = 1) -> int:
    """The posts planned with an influencer: their deliverables', else their chosen model's."""
    from influkit.campaign import forecast

    return forecast.planned_posts(plan, influencer_id, default)


def expected_performance(
    row: Mapping[str, Any], posts: int, assumptions: Assumptions
) -> Performance:
    """What ``posts`` posts of an influencer should deliver, from their averages and the case.

    Reach and impressions add up over the posts (cumulative reach); engagements are the
    account's average interactions per post (else ER × followers); clicks follow the CTR on
    impressions, sales the conversion rate on clicks.
    """
    if not (isinstance(posts, int | np.integer) and posts >= 0):
        raise UserError("remuneration.error_posts", value=posts)
    followers = as_number(row.get("followers"))
    followers = 0.0 if math.isnan(followers) else max(followers, 0.0)
    er = as_number(row.get("er"))
    er = 0.0 if math.isnan(er) else max(er, 0.0)
    reach = (
        _positive(row.get("avg_reach"))
        or _positive(row.get("avg_views"))
        or followers * compensation.DEFAULT_REACH_RATE
    )
    impressions = _positive(row.get("avg_impressions")) or reach * assumptions.frequency
    interactions = _positive(row.get("avg_interactions"))
    engagements = interactions if interactions is not None else followers * er
    clicks = impressions * posts * assumptions.ctr
    conversions = clicks * assumptions.conversion_rate
    return Performance(
        followers=followers,
        er=er,
        posts=int(posts),
        reach=reach * posts,
        impressions=impressions * posts,
        engagements=engagements * posts,
        clicks=clicks,
        conversions=conversions,
        revenue_eur=conversions * assumptions.average_order_value_eur,
    )


def with_sales(perf: Performance, sales: float, assumptions: Assumptions) -> Performance:
    """The same performance with another number of sales (and the revenue they bring)."""
    return replace(
        perf,
        conversions=float(sales),
        revenue_eur=float(sales) * assumptions.average_order_value_eur,
    )


# --- models ---------------------------------------------------------------------------------


def model_label(code: str, lang: str = "fr") -> str:
    """The readable name of a simulator model (pay per result named by what it pays for)."""
    return t(f"remuneration.model.{code}", lang)


def _round(value: float, step: float) -> float:
    return float(round(value / step) * step) if math.isfinite(value) else 0.0


def declared_price(row: Mapping[str, Any]) -> float:
    """The influencer's declared price per post in euros HT (0 when unknown)."""
    price = as_number(row.get("price_per_post_eur"))
    return 0.0 if math.isnan(price) or price < 0 else price


def default_common(
    row: Mapping[str, Any], assumptions: Assumptions, posts: int = 1
) -> dict[str, Any]:
    """Starting values of the parameters every model shares: posts, product sent, add-ons."""
    return {
        "posts": int(posts),
        "product_value_eur": _round(assumptions.average_order_value_eur, 0.01),
        "shipping_eur": DEFAULT_SHIPPING_EUR,
        "usage_rights": "none",
        "paid_social": False,
        "whitelisting": False,
        "exclusivity_rate": 0.0,
    }


def _scaled(perf: Performance, posts: int) -> Performance:
    """A performance scaled to ``posts`` posts (every count is proportional to posts)."""
    if perf.posts == posts:
        return perf
    factor = posts / perf.posts if perf.posts > 0 else 0.0
    return replace(
        perf,
        posts=int(posts),
        reach=perf.reach * factor,
        impressions=perf.impressions * factor,
        engagements=perf.engagements * factor,
        clicks=perf.clicks * factor,
        conversions=perf.conversions * factor,
        revenue_eur=perf.revenue_eur * factor,
    )


def default_params(
    code: str,
    row: Mapping[str, Any],
    assumptions: Assumptions,
    posts: int = 1,
    perf: Performance | None = None,
) -> dict[str, Any]:
    """Starting values of one model's own parameters, from the declared price and the case.

    ``perf`` is the expected performance of ``posts`` posts (the plan's forecast); without it,
    :func:`expected_performance` of the row.
    """
    if code not in MODEL_CODES:
        raise UserError("remuneration.error_model", model=code)
    price = declared_price(row)
    if perf is None:
        perf = expected_performance(row, posts, assumptions)
    per_post = _scaled(perf, 1) if perf.posts > 0 else expected_performance(row, 1, assumptions)
    if code == "fixed_fee":
        return {"fee_eur": _round(price, 1)}
    if code == "affiliate":
        return {"commission_rate": DEFAULT_COMMISSION_RATE}
    if code == "cpa":
        cpa = assumptions.average_order_value_eur * DEFAULT_CPA_SHARE_OF_BASKET
        return {"cpa_eur": _round(cpa, 0.5)}
    if code == "cpm":
        # The CPM that pays the declared price at the expected impressions.
        cpm = price / per_post.impressions * 1000 if per_post.impressions > 0 else 0.0
        return {"cpm_eur": _round(cpm, 0.5)}
    if code == "cpc":
        cpc = price / per_post.clicks if per_post.clicks > 0 else 0.0
        return {"cpc_eur": _round(cpc, 0.05)}
    if code == "hybrid":
        return {
            "fee_eur": _round(price * DEFAULT_HYBRID_FEE_SHARE, 1),
            "commission_rate": DEFAULT_HYBRID_COMMISSION_RATE,
        }
    if code == "retainer":
        months = DEFAULT_RETAINER_MONTHS
        monthly = price * posts * (1 - DEFAULT_RETAINER_DISCOUNT) / months
        return {"retainer_eur_per_month": _round(monthly, 1), "months": months}
    if code == "bonus_on_target":
        target = _scaled(perf, posts).conversions
        return {
            "fee_eur": _round(price * DEFAULT_BONUS_FEE_SHARE, 1),
            "bonus_eur": _round(price * posts * DEFAULT_BONUS_SHARE, 1),
            # The target is the expected sales, so the bonus is earned when the plan holds.
            "bonus_threshold_conversions": float(max(1, math.floor(target + 1e-9))),
        }
    return {}


def build_model(code: str, params: Mapping[str, Any], lang: str = "fr") -> CompensationModel:
    """The compensation model of a simulator code, from its own and the common parameters."""
    if code not in MODEL_CODES:
        raise UserError("remuneration.error_model", model=code)
    values: dict[str, Any] = {}
    for name in MODEL_FIELDS[code]:
        number = as_number(params.get(name, 0.0))
        values[name] = 0.0 if math.isnan(number) else number
    for name in ("product_value_eur", "shipping_eur", "exclusivity_rate"):
        number = as_number(params.get(name, 0.0))
        values[name] = 0.0 if math.isnan(number) else number
    rights = params.get("usage_rights")
    values["usage_rights"] = rights if rights in compensation.USAGE_RIGHTS_RANGES else None
    values["paid_social"] = bool(params.get("paid_social", False))
    values["whitelisting"] = bool(params.get("whitelisting", False))
    model = CompensationModel(kind=MODEL_KIND[code], name=model_label(code, lang), **values)
    return compensation.validate_model(model)


def compare_models(
    row: Mapping[str, Any],
    common: Mapping[str, Any],
    params_by_code: Mapping[str, Mapping[str, Any]],
    assumptions: Assumptions,
    lang: str = "fr",
    codes: Iterable[str] = MODEL_CODES,
    perf: Performance | None = None,
) -> pd.DataFrame:
    """Every model side by side for one influencer: ``compensation.simulate`` plus its code.

    ``perf``: the expected performance of the posts (the plan's forecast), else the row's.
    """
    codes = list(codes)
    posts = as_number(common.get("posts", 1))
    if math.isnan(posts) or posts < 0 or posts != int(posts):
        raise UserError("remuneration.error_posts", value=common.get("posts"))
    posts = int(posts)
    perf = expected_performance(row, posts, assumptions) if perf is None else _scaled(perf, posts)
    models = [build_model(code, {**common, **params_by_code.get(code, {})}, lang) for code in codes]
    frame = compensation.simulate(models, perf, assumptions, lang)
    frame.insert(0, "code", codes)
    return frame


def sales_sensitivity(
    model: CompensationModel,
    perf: Performance,
    assumptions: Assumptions,
    max_sales: float | None = None,
    points: int = 61,
) -> pd.DataFrame:
    """Brand cost, influencer earnings and brand margin as the number of sales varies."""
    if max_sales is None:
        break_even = compensation.break_even_sales(model, perf, assumptions)
        candidates = [10.0, 2 * perf.conversions]
        if math.isfinite(break_even):
            candidates.append(1.5 * break_even)
        max_sales = max(candidates)
    grid = np.linspace(0.0, float(max_sales), max(points, 2))
    rows = []
    per_sale_margin = assumptions.average_order_value_eur * assumptions.margin_rate
    for sales in grid:
        at = with_sales(perf, float(sales), assumptions)
        rows.append(
            {
                "sales": float(sales),
                "brand_cost_eur": compensation.brand_cost(model, at),
                "influencer_earnings_eur": compensation.influencer_earnings(model, at),
                "brand_margin_eur": float(sales) * per_sale_margin,
            }
        )
    return pd.DataFrame(rows)


# --- the chosen model -----------------------------------------------------------------------


def chosen(plan: Plan, influencer_id: str) -> Remuneration | None:
    """The model chosen for an influencer, if any."""
    return next((r for r in plan.remunerations if r.influencer_id == influencer_id), None)


def model_code(rem: Remuneration) -> str:
    """The simulator code of a stored remuneration (which pay-per-result variant, too)."""
    code = rem.params.get("model")
    if isinstance(code, str) and code in MODEL_CODES and MODEL_KIND[code] == rem.kind:
        return code
    if rem.kind == "pay_per_result":
        rates = {c: as_number(rem.params.get(f"{c}_eur")) for c in ("cpa", "cpm", "cpc")}
        return max(rates, key=lambda c: 0.0 if math.isnan(rates[c]) else rates[c])
    return rem.kind if rem.kind in MODEL_CODES else "fixed_fee"


def stored_params(rem: Remuneration) -> tuple[dict[str, Any], dict[str, Any]]:
    """A stored remuneration split into (common parameters, the model's own parameters)."""
    code = model_code(rem)
    common = {k: rem.params[k] for k in COMMON_PARAMS if rem.params.get(k) is not None}
    own = {k: rem.params[k] for k in MODEL_FIELDS[code] if rem.params.get(k) is not None}
    return common, own


def model_of(rem: Remuneration, lang: str = "fr") -> CompensationModel:
    """The compensation model a stored remuneration describes."""
    common, own = stored_params(rem)
    return build_model(model_code(rem), {**common, **own}, lang)


def params_to_store(
    code: str, common: Mapping[str, Any], params: Mapping[str, Any], lang: str = "fr"
) -> dict[str, Any]:
    """The parameters a remuneration stores for a model: its code, posts, common and own fields."""
    build_model(code, {**common, **params}, lang)
    posts = as_number(common.get("posts", 1))
    if math.isnan(posts) or posts < 0 or posts != int(posts):
        raise UserError("remuneration.error_posts", value=common.get("posts"))
    stored: dict[str, Any] = {"model": code, "posts": int(posts)}
    for name in COMMON_PARAMS[1:]:
        value = common.get(name)
        stored[name] = value if isinstance(value, bool | str) or value is None else float(value)
    for name in MODEL_FIELDS[code]:
        stored[name] = float(as_number(params.get(name, 0.0)))
    return stored


def choose_model(
    plan: Plan,
    influencer_id: str,
    code: str,
    common: Mapping[str, Any],
    params: Mapping[str, Any],
    lang: str = "fr",
) -> Remuneration:
    """Store ``code`` with its parameters as the influencer's model, keeping levers and note."""
    stored = params_to_store(code, common, params, lang)
    previous = chosen(plan, influencer_id)
    rem = Remuneration(
        influencer_id=influencer_id,
        kind=MODEL_KIND[code],
        params=stored,
        levers=list(previous.levers) if previous else [],
        note=previous.note if previous else "",
    )
    others = [r for r in plan.remunerations if r.influencer_id != influencer_id]
    position = next(
        (i for i, r in enumerate(plan.remunerations) if r.influencer_id == influencer_id),
        len(others),
    )
    plan.remunerations = [*others[:position], rem, *others[position:]]
    return rem


def remove_choice(plan: Plan, influencer_id: str) -> bool:
    """Forget the model chosen for an influencer; False when there was none."""
    kept = [r for r in plan.remunerations if r.influencer_id != influencer_id]
    changed = len(kept) != len(plan.remunerations)
    plan.remunerations = kept
    return changed


def set_levers(plan: Plan, influencer_id: str, levers: Iterable[str]) -> bool:
    """Store the motivation levers of an influencer's chosen model; True when they changed."""
    rem = chosen(plan, influencer_id)
    if rem is None:
        raise UserError("remuneration.error_no_choice")
    ordered = [code for code in compensation.MOTIVATION_LEVERS if code in set(levers)]
    if ordered == rem.levers:
        return False
    rem.levers = ordered
    return True


# --- costs and budget lines -----------------------------------------------------------------


def rows_by_id(table: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The influencer table as one dict per influencer id."""
    if table.empty:
        return {}
    return {str(r["influencer_id"]): r for r in table.to_dict("records")}


def display_name(row: Mapping[str, Any] | None, influencer_id: str) -> str:
    """How an influencer is named on screen: display name, else handle, else id."""
    if row:
        for name in ("display_name", "handle"):
            value = row.get(name)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return influencer_id


def plan_performance(
    plan: Plan,
    influencer_id: str,
    table: pd.DataFrame | None = None,
    posts: int | None = None,
) -> Performance:
    """An influencer's expected performance as the plan's forecast sees it (planned posts)."""
    from influkit.campaign import forecast

    figures = forecast.outlook(plan, influencer_id, table=table, posts=posts)
    row = _row_of(plan, influencer_id, table)
    expected = {m: values[1] for m, values in figures.items()}
    return forecast.performance(row, int(expected["posts"]), expected)


def _row_of(plan: Plan, influencer_id: str, table: pd.DataFrame | None) -> dict[str, Any]:
    from influkit.identify import profiles

    table = profiles.influencer_table(plan) if table is None else table
    match = table.loc[table["influencer_id"].astype(str) == str(influencer_id)]
    return match.iloc[0].to_dict() if len(match) else {"influencer_id": influencer_id}


def chosen_costs(
    plan: Plan,
    rem: Remuneration,
    row: Mapping[str, Any],
    lang: str = "fr",
    table: pd.DataFrame | None = None,
) -> dict[str, float]:
    """The expected cost of a chosen model by budget category, in euros HT (the forecast's)."""
    model = model_of(rem, lang)
    table = pd.DataFrame([dict(row)]) if table is None and row else table
    perf = plan_performance(plan, rem.influencer_id, table)
    parts = compensation.cost_breakdown(model, perf)
    return {
        "influencer_fee": float(sum(parts[name] for name in _CASH_PARTS)),
        "usage_rights": float(parts["add_ons"]),
        "gifting": float(parts["product"]),
        "shipping": float(parts["shipping"]),
    }


def chosen_summary(plan: Plan, table: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """One row per chosen model: influencer, model, expected brand cost, contract value and flag."""
    known = rows_by_id(table)
    rows = []
    for rem in plan.remunerations:
        row = known.get(rem.influencer_id)
        if row is None:
            continue
        model = model_of(rem, lang)
        perf = plan_performance(plan, rem.influencer_id, table)
        value = compensation.contract_value(model, perf)
        rows.append(
            {
                "influencer_id": rem.influencer_id,
                "name": display_name(row, rem.influencer_id),
                "code": model_code(rem),
                "model": model.label(lang),
                "posts": perf.posts,
                "brand_cost_eur": compensation.brand_cost(model, perf),
                "influencer_earnings_eur": compensation.influencer_earnings(model, perf),
                "contract_value_eur": value,
                "contract_required": bool(contract_required(value)),
                "risk_carrier": compensation.risk_carrier(model),
                "levers": len(rem.levers),
            }
        )
    columns = [
        "influencer_id",
        "name",
        "code",
        "model",
        "posts",
        "brand_cost_eur",
        "influencer_earnings_eur",
        "contract_value_eur",
        "contract_required",
        "risk_carrier",
        "levers",
    ]
    return pd.DataFrame(rows, columns=columns)


def synced_line_id(influencer_id: str, category: str) -> str:
    """The id of the budget line a chosen model writes for one category."""
    return f"{SYNCED_PREFIX}{influencer_id}-{category}"


def is_synced(line: BudgetLine) -> bool:
    """Whether a budget line comes from a chosen model (rather than from the trainee's hand)."""
    return line.line_id.startswith(SYNCED_PREFIX)


def sync_budget_lines(plan: Plan, table: pd.DataFrame, lang: str = "fr") -> list[BudgetLine]:
    """Make the plan's budget hold one line per cost of each chosen model, nothing else touched.

    Lines the trainee added keep their place; lines of a model no longer chosen disappear; the
    lines of an influencer missing from the table are kept as they were. Running it twice
    changes nothing the second time.

    Called where what these lines depend on is decided — a model chosen or removed, a deal
    accepted, deliverables or assumptions edited, a plan opened — never while a page draws.
    """
    known = rows_by_id(table)
    current = {line.line_id: line for line in plan.budget_lines if is_synced(line)}
    synced: list[BudgetLine] = []
    for rem in plan.remunerations:
        row = known.get(rem.influencer_id)
        if row is None:
            synced.extend(
                line
                for line in plan.budget_lines
                if is_synced(line) and line.influencer_id == rem.influencer_id
            )
            continue
        costs = chosen_costs(plan, rem, row, lang, table)
        name = display_name(row, rem.influencer_id)
        model = model_of(rem, lang).label(lang)
        for category in SYNCED_CATEGORIES:
            amount = round(costs[category], 2)
            # A fee line shows even at 0 € when the model has nothing else (an unpaid gifting).
            keep = amount > 0 or (category == "influencer_fee" and sum(costs.values()) <= 0)
            if not keep:
                continue
            line_id = synced_line_id(rem.influencer_id, category)
            previous = current.get(line_id)
            label = t(f"remuneration.line.{category}", lang, name=name, model=model)
            # A line keeps the language it was written in while it says the same thing: opening
            # the plan in the other language does not rewrite it (pages show it in theirs).
            if previous is not None and previous.label in _line_labels(rem, category, name):
                label = previous.label
            synced.append(
                BudgetLine(
                    line_id=line_id,
                    category=category,
                    label=label,
                    influencer_id=rem.influencer_id,
                    quantity=1.0,
                    unit_cost_eur_ht=amount,
                    note=previous.note if previous else "",
                )
            )
    manual = [line for line in plan.budget_lines if not is_synced(line)]
    lines = [*manual, *synced]
    if [x.model_dump() for x in lines] != [x.model_dump() for x in plan.budget_lines]:
        plan.budget_lines = lines
    return plan.budget_lines


def _line_labels(rem: Remuneration, category: str, name: str) -> set[str]:
    """What a chosen model's line for ``category`` is called, in every language."""
    return {
        t(f"remuneration.line.{category}", lang, name=name, model=model_of(rem, lang).label(lang))
        for lang in LANGUAGES
    }


def line_label(plan: Plan, line: BudgetLine, name: str, lang: str = "fr") -> str:
    """A budget line's label in ``lang``: a chosen model's line says it in that language, the
    trainee's own lines as they typed them."""
    rem = chosen(plan, line.influencer_id) if is_synced(line) and line.influencer_id else None
    if rem is None or line.category not in SYNCED_CATEGORIES:
        return line.label
    model = model_of(rem, lang).label(lang)
    return t(f"remuneration.line.{line.category}", lang, name=name, model=model)


# --- how each parameter is typed ------------------------------------------------------------

#: Rates typed as percentages and stored as fractions.
PERCENT_FIELDS: frozenset[str] = frozenset({"commission_rate", "exclusivity_rate"})
#: Whole numbers: months, sales.
COUNT_FIELDS: frozenset[str] = frozenset({"months", "bonus_threshold_conversions"})
#: Fees are typed in whole euros; prices per unit and product values keep their cents.
WHOLE_EURO_FIELDS: frozenset[str] = frozenset({"fee_eur", "retainer_eur_per_month", "bonus_eur"})


def field_kind(name: str) -> str:
    """How a parameter is typed: ``count``, ``percent`` (a fraction) or ``money`` (euros HT)."""
    if name in COUNT_FIELDS:
        return "count"
    if name in PERCENT_FIELDS:
        return "percent"
    return "money"


def field_start(name: str, value: Any) -> float:
    """A parameter's value as its field starts from: whole for counts and fees, a rate to four
    decimals (0,01 %), other amounts to the cent."""
    number = as_number(value)
    number = 0.0 if math.isnan(number) else number
    if name in COUNT_FIELDS:
        return float(round(number))
    if name in PERCENT_FIELDS:
        return round(number, 4)
    if name in WHOLE_EURO_FIELDS:
        return float(round(number))
    return round(number, 2)


# --- tables for the page --------------------------------------------------------------------


def _yes_no(value: Any, lang: str) -> str:
    return t("remuneration.yes", lang) if value else t("remuneration.no", lang)


def comparison_table(simulation: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The models side by side as the page shows them: amounts, break-even, risk, contract."""

    def sales(value: float) -> str:
        return fmt_number(value, lang) if math.isfinite(value) else t("remuneration.never", lang)

    def col(name: str) -> str:
        return t(f"remuneration.col.{name}", lang)

    return pd.DataFrame(
        {
            col("model"): simulation["model"],
            **{
                col(name): [fmt_money(v, lang) for v in simulation[name]]
                for name in ("brand_cost_eur", "influencer_earnings_eur", "brand_net_eur")
            },
            col("break_even_sales"): [sales(v) for v in simulation["break_even_sales"]],
            col("risk_carrier"): [
                t(f"compensation.risk.{v}", lang) for v in simulation["risk_carrier"]
            ],
            col("contract_required"): [_yes_no(v, lang) for v in simulation["contract_required"]],
            col("brand_roas"): [fmt_kpi("roas", v, lang) for v in simulation["brand_roas"]],
            col("influencer_break_even_sales"): [
                fmt_number(v, lang) if math.isfinite(v) else "—"
                for v in simulation["influencer_break_even_sales"]
            ],
        }
    )


def overview_table(overview: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """Every chosen model (:func:`chosen_summary`) as the page shows it."""

    def col(name: str) -> str:
        return t(f"remuneration.overview_col.{name}", lang)

    return pd.DataFrame(
        {
            col("name"): overview["name"],
            col("model"): overview["model"],
            col("posts"): [fmt_number(v, lang) for v in overview["posts"]],
            col("brand_cost_eur"): [fmt_money(v, lang) for v in overview["brand_cost_eur"]],
            col("influencer_earnings_eur"): [
                fmt_money(v, lang) for v in overview["influencer_earnings_eur"]
            ],
            col("contract"): [_yes_no(v, lang) for v in overview["contract_required"]],
            col("risk"): [t(f"compensation.risk.{v}", lang) for v in overview["risk_carrier"]],
            col("levers"): [fmt_number(v, lang) for v in overview["levers"]],
        }
    )


#: The expected figures the page shows, in order: the performance's field and its KPI.
EXPECTED_FIGURES: tuple[tuple[str, str], ...] = (
    ("reach", "reach"),
    ("impressions", "impressions"),
    ("engagements", "engagements"),
    ("clicks", "clicks"),
    ("conversions", "conversions"),
    ("revenue_eur", "revenue"),
)


# --- the choice, where it is made -----------------------------------------------------------


def record_choice(
    plan: Plan,
    table: pd.DataFrame,
    influencer_id: str,
    code: str,
    common: Mapping[str, Any],
    params: Mapping[str, Any],
    lang: str = "fr",
) -> bool:
    """Choose a model for an influencer: store it (:func:`choose_model`), put them on the
    shortlist and bring the budget lines in step. True when they joined the shortlist."""
    choose_model(plan, influencer_id, code, common, params, lang)
    added = plan.add_to_shortlist(influencer_id)
    sync_budget_lines(plan, table, lang)
    return added


def forget_choice(plan: Plan, table: pd.DataFrame, influencer_id: str, lang: str = "fr") -> bool:
    """Forget an influencer's chosen model and its budget lines; False when there was none."""
    changed = remove_choice(plan, influencer_id)
    sync_budget_lines(plan, table, lang)
    return changed


def break_even_sentence(
    model_name: str, break_even: float, expected_sales: float, lang: str = "fr"
) -> str:
    """How many sales a model needs to pay for itself, against the sales expected."""
    if not math.isfinite(break_even):
        return t("remuneration.break_even_never", lang, model=model_name)
    return t(
        "remuneration.break_even_text",
        lang,
        model=model_name,
        sales=fmt_number(break_even, lang),
        expected=fmt_kpi("conversions", expected_sales, lang),
    )


def risk_sentence(risk: str, lang: str = "fr") -> str:
    """Who carries the risk of a model, and what it means."""
    return t(
        "remuneration.risk_text",
        lang,
        risk=t(f"compensation.risk.{risk}", lang),
        hint=t(f"compensation.risk_hint.{risk}", lang),
    )
