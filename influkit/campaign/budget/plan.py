"""Module 7 budget glue: the plan's budget lines with their influencer's tier and platform, the
optimiser's candidates, settings and constraints as stored in the plan, and how its pick
compares with the trainee's own shortlist.

The candidates' value is the objective's KPI for the posts planned with each influencer
(reach, impressions, engagements, clicks or sales), computed as the plan's forecast computes
it (:mod:`influkit.campaign.forecast`); their cost is the declared price × posts, or the chosen model's
expected brand cost. :func:`candidate_pool` is the one rule for "who a trainer would consider
for this brief", used by every page that proposes accounts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from influkit import metrics
from influkit.campaign import forecast
from influkit.campaign.budget import optimiser as budget
from influkit.campaign.budget.optimiser import (
    BUDGET_CATEGORIES,
    BudgetSummary,
    GroupConstraint,
    OptimizationResult,
)
from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.kpis import fmt_kpi
from influkit.plan.model import PLATFORMS, BudgetLine, Plan, new_id
from influkit.text.formats import fmt_money, fmt_number
from influkit.text.i18n import label, t
from influkit.values import as_number, is_missing

VALUE_KPIS: tuple[str, ...] = ("reach", "impressions", "engagements", "clicks", "conversions")
#: The KPI an objective is measured on (DOMAIN §5: objectives → KPIs).
AIM_KPI: dict[str, str] = {
    "awareness": "reach",
    "engagement": "engagements",
    "traffic": "clicks",
    "conversion": "conversions",
    "community": "engagements",
}
# Objective KPIs written in other words, mapped to the value the optimiser can maximise.
KPI_SYNONYMS: dict[str, str] = {
    "reach": "reach",
    "impressions": "impressions",
    "cpm": "impressions",
    "share_of_voice": "reach",
    "engagements": "engagements",
    "engagement": "engagements",
    "er": "engagements",
    "engagement_rate": "engagements",
    "cpe": "engagements",
    "comments": "engagements",
    "saves": "engagements",
    "clicks": "clicks",
    "ctr": "clicks",
    "cpc": "clicks",
    "conversions": "conversions",
    "sales": "conversions",
    "cpa": "conversions",
    "revenue": "conversions",
    "roas": "conversions",
    "roi": "conversions",
}
POOLS: tuple[str, ...] = ("case", "shortlist", "brand_fit", "niches", "all")
DEFAULT_TOP_N = 30
#: The brief's usual size of a campaign: the optimiser picks 3 to 15 influencers unless told.
DEFAULT_MIN_CHOSEN = 3
DEFAULT_MAX_CHOSEN = 15
#: The smallest tier a campaign works with: accounts under 1 000 followers are left out.
MIN_TIER = "nano"
COST_BASES: tuple[str, ...] = ("price", "model")
GROUP_COLUMNS: tuple[str, ...] = ("tier", "platform")
GROUP_VALUES: dict[str, tuple[str, ...]] = {
    "tier": ("below_nano", "nano", "micro", "mid", "macro", "mega"),
    "platform": PLATFORMS,
}
#: The catalogue namespace of each group's labels (one tier catalogue for every page).
GROUP_NAMESPACES: dict[str, str] = {"tier": "metrics.tier", "platform": "data.platform"}
TIME_LIMIT_SECONDS = 10.0
CANDIDATE_COLUMNS: tuple[str, ...] = (
    "candidate_id",
    "name",
    "handle",
    "platform",
    "tier",
    "niche",
    "followers",
    "posts",
    "price_per_post_eur",
    "cost",
    "cost_source",
    *VALUE_KPIS,
    "revenue",
    "value",
    "value_low",
    "value_high",
    "value_per_eur",
    "brand_fit",
    "quality_flagged",
    "on_shortlist",
    "usable",
)


def _count(value: Any) -> int | None:
    number = as_number(value)
    return None if math.isnan(number) or number < 0 else int(number)


def _ids(value: Any) -> list[str]:
    if not isinstance(value, list | tuple):
        return []
    return [str(v) for v in value if isinstance(v, str) and v]


# --- settings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupBound:
    """How many influencers of one tier or platform the optimiser must (at least / at most) pick."""

    column: str
    group: str
    min_count: int | None = None
    max_count: int | None = None

    def encode(self) -> str:
        """The bound as stored in the plan: ``column|group|min|max``."""
        low = "" if self.min_count is None else str(self.min_count)
        high = "" if self.max_count is None else str(self.max_count)
        return f"{self.column}|{self.group}|{low}|{high}"

    @classmethod
    def decode(cls, text: str) -> GroupBound | None:
        """A bound read back from the plan, or None when the text is not one."""
        parts = str(text).split("|")
        if len(parts) != 4 or parts[0] not in GROUP_COLUMNS or not parts[1]:
            return None
        low, high = (_count(p) if p != "" else None for p in parts[2:])
        return cls(parts[0], parts[1], low, high)

    @classmethod
    def entered(
        cls,
        column: str,
        group: str,
        min_count: float | None = None,
        max_count: float | None = None,
    ) -> GroupBound:
        """A bound as typed in the page's fields (counts, or None for no bound)."""
        low = None if min_count is None else int(min_count)
        return cls(column, group, low, None if max_count is None else int(max_count))

    def as_constraint(self) -> GroupConstraint:
        """The optimiser's form of the bound."""
        return GroupConstraint(
            column=self.column, group=self.group, min_count=self.min_count, max_count=self.max_count
        )


@dataclass
class OptimizerSettings:
    """The optimiser's pool, value, cost and constraints, as the trainee set them."""

    pool: str = "case"
    top_n: int = DEFAULT_TOP_N
    platforms: list[str] = field(default_factory=list)
    kpi: str = "reach"
    cost_basis: str = "model"
    default_posts: int = 1
    min_chosen: int | None = None
    max_chosen: int | None = None
    max_share: float | None = None
    must_include: list[str] = field(default_factory=list)
    must_exclude: list[str] = field(default_factory=list)
    groups: list[GroupBound] = field(default_factory=list)
    ran: bool = False
    include_flagged: bool = False


_SETTING_KEYS = (
    "pool",
    "top_n",
    "platforms",
    "kpi",
    "cost_basis",
    "default_posts",
    "min_chosen",
    "max_chosen",
    "max_share",
    "must_include",
    "must_exclude",
    "groups",
    "ran",
    "include_flagged",
)


def default_kpi(plan: Plan) -> str:
    """The value to maximise: the first objective's KPI when it maps to one, else the aim's."""
    for objective in plan.objectives:
        code = KPI_SYNONYMS.get(str(objective.kpi).strip().lower())
        if code:
            return code
    return AIM_KPI.get(plan.brief.business_aim, "reach")


def read_settings(plan: Plan) -> OptimizerSettings:
    """The optimiser settings stored in the plan, with defaults for what is not set."""
    stored = plan.settings.optimizer
    pool = stored.get("pool")
    kpi = stored.get("kpi")
    basis = stored.get("cost_basis")
    posts = _count(stored.get("default_posts"))
    top_n = _count(stored.get("top_n"))
    share = as_number(stored.get("max_share"))
    groups = [GroupBound.decode(text) for text in _ids(stored.get("groups"))]
    min_chosen = _count(stored.get("min_chosen"))
    max_chosen = _count(stored.get("max_chosen"))
    if "min_chosen" not in stored and "max_chosen" not in stored:
        min_chosen, max_chosen = DEFAULT_MIN_CHOSEN, DEFAULT_MAX_CHOSEN
    return OptimizerSettings(
        pool=pool if pool in POOLS else "case",
        top_n=top_n if top_n and top_n >= 1 else DEFAULT_TOP_N,
        platforms=[p for p in _ids(stored.get("platforms")) if p in PLATFORMS],
        kpi=kpi if kpi in VALUE_KPIS else default_kpi(plan),
        # The chosen models' cost by default: what the forecast and the budget count.
        cost_basis=basis if basis in COST_BASES else "model",
        default_posts=posts if posts and posts >= 1 else 1,
        min_chosen=min_chosen,
        max_chosen=max_chosen,
        max_share=share if 0 < share <= 1 else None,
        must_include=_ids(stored.get("must_include")),
        must_exclude=_ids(stored.get("must_exclude")),
        groups=[g for g in groups if g is not None],
        ran=bool(stored.get("ran", False)),
        include_flagged=bool(stored.get("include_flagged", False)),
    )


def write_settings(plan: Plan, settings: OptimizerSettings) -> bool:
    """Store the optimiser settings in the plan (other keys kept); True when something changed.

    Settings the plan already reads (its defaults included) are not written: opening the page
    leaves the plan as it was, and the defaults keep following the objectives.
    """
    if settings == read_settings(plan):
        return False
    values: dict[str, Any] = {
        "pool": settings.pool,
        "top_n": int(settings.top_n),
        "platforms": list(settings.platforms),
        "kpi": settings.kpi,
        "cost_basis": settings.cost_basis,
        "default_posts": int(settings.default_posts),
        "min_chosen": settings.min_chosen,
        "max_chosen": settings.max_chosen,
        "max_share": settings.max_share,
        "must_include": list(settings.must_include),
        "must_exclude": list(settings.must_exclude),
        "groups": [g.encode() for g in settings.groups],
        "ran": bool(settings.ran),
        "include_flagged": bool(settings.include_flagged),
    }
    stored = {k: v for k, v in plan.settings.optimizer.items() if k not in _SETTING_KEYS}
    stored.update(values)
    if stored == plan.settings.optimizer:
        return False
    plan.settings.optimizer = stored
    return True


#: The steps of the "at most this share of the budget per influencer" slider (0: no limit).
MAX_SHARE_STEPS: tuple[float, ...] = tuple(round(i * 0.05, 2) for i in range(21))


def max_share_step(share: float | None) -> float:
    """The slider's step nearest to a stored share (no limit: 0)."""
    value = as_number(share)
    if math.isnan(value):
        value = 0.0
    return min(MAX_SHARE_STEPS, key=lambda step: abs(step - value))


def has_constraints(settings: OptimizerSettings) -> bool:
    """Whether the trainee set a constraint beyond the brief's usual 3 to 15 influencers."""
    return bool(
        settings.groups
        or settings.must_include
        or settings.must_exclude
        or settings.min_chosen not in (None, DEFAULT_MIN_CHOSEN)
        or settings.max_chosen not in (None, DEFAULT_MAX_CHOSEN)
        or settings.max_share is not None
    )


def kept_outside_pool(
    picked: Iterable[str], stored: Iterable[str], pool: Iterable[str]
) -> list[str]:
    """The ids picked among the pool, then the stored ones outside it: switching pools back
    keeps the trainee's earlier picks."""
    shown = set(pool)
    return [*picked, *(i for i in stored if i not in shown)]


def add_group_bound(settings: OptimizerSettings, bound: GroupBound) -> OptimizerSettings:
    """The settings with a bound on one tier or platform (replacing any on the same group)."""
    if bound.column not in GROUP_COLUMNS:
        raise UserError("budgetpage.error_group_column", column=bound.column)
    if bound.min_count is None and bound.max_count is None:
        raise UserError("budgetpage.error_group_empty")
    if (
        bound.min_count is not None
        and bound.max_count is not None
        and bound.min_count > bound.max_count
    ):
        raise UserError("budgetpage.error_group_bounds")
    kept = [g for g in settings.groups if (g.column, g.group) != (bound.column, bound.group)]
    settings.groups = [*kept, bound]
    return settings


# --- budget lines ---------------------------------------------------------------------------


def lines_frame(plan: Plan, table: pd.DataFrame) -> pd.DataFrame:
    """The plan's budget lines with each influencer's name, tier and platform, and line total."""
    info = table.set_index("influencer_id") if not table.empty else pd.DataFrame()
    rows = []
    for line in plan.budget_lines:
        record = line.model_dump()
        iid = line.influencer_id
        known = bool(iid) and iid in info.index
        row = info.loc[iid].to_dict() if known else None
        record["name"] = remuneration.display_name(row, iid) if iid else ""
        record["tier"] = row.get("tier") if row else None
        record["platform"] = row.get("platform") if row else None
        record["synced"] = remuneration.is_synced(line)
        record["total_eur_ht"] = line.quantity * line.unit_cost_eur_ht
        rows.append(record)
    columns = [
        "line_id",
        "category",
        "label",
        "influencer_id",
        "quantity",
        "unit_cost_eur_ht",
        "note",
        "name",
        "tier",
        "platform",
        "synced",
        "total_eur_ht",
    ]
    return pd.DataFrame(rows, columns=columns)


def summary(plan: Plan, table: pd.DataFrame) -> BudgetSummary:
    """Totals HT, VAT, TTC against the envelope, by category, influencer, tier and platform."""
    frame = lines_frame(plan, table).drop(columns=["total_eur_ht"])
    return budget.budget_summary(frame, plan.brief.budget_eur_ht)


def non_influencer_total(plan: Plan) -> float:
    """What the lines tied to no influencer cost (platform, production, agency…), HT."""
    return float(
        sum(
            line.quantity * line.unit_cost_eur_ht
            for line in plan.budget_lines
            if not line.influencer_id
        )
    )


def optimiser_budget(plan: Plan) -> float:
    """The money left for influencers: the envelope minus the lines tied to no influencer."""
    return max(0.0, float(plan.brief.budget_eur_ht) - non_influencer_total(plan))


def budget_lines_from_table(frame: pd.DataFrame) -> list[BudgetLine]:
    """The trainee's budget lines from an edited table; a UserError names the row to fix.

    Empty rows are dropped; a missing category is "other", a missing quantity 1, a missing
    unit cost 0; a new row gets a new id.
    """
    lines: list[BudgetLine] = []
    seen: set[str] = set()
    for number, record in enumerate(frame.to_dict("records"), start=1):
        if all(
            is_missing(record.get(k)) or (k == "unit_cost_eur_ht" and as_number(record.get(k)) == 0)
            for k in ("label", "influencer_id", "unit_cost_eur_ht", "note")
        ):
            continue
        category = record.get("category")
        category = "other" if is_missing(category) else str(category)
        if category not in BUDGET_CATEGORIES:
            raise UserError("budgetpage.error_line_category", row=number, value=category)
        values = {}
        for name, default in (("quantity", 1.0), ("unit_cost_eur_ht", 0.0)):
            raw = record.get(name)
            number_value = default if is_missing(raw) else as_number(raw)
            if math.isnan(number_value) or number_value < 0:
                raise UserError(f"budgetpage.error_line_{name}", row=number, value=raw)
            values[name] = number_value
        line_id = record.get("line_id")
        line_id = str(line_id) if not is_missing(line_id) else ""
        if not line_id or line_id in seen or line_id.startswith(remuneration.SYNCED_PREFIX):
            line_id = new_id("bud")
        seen.add(line_id)
        try:
            line = BudgetLine(
                line_id=line_id,
                category=category,
                label="" if is_missing(record.get("label")) else str(record.get("label")),
                influencer_id=None
                if is_missing(record.get("influencer_id"))
                else str(record["influencer_id"]),
                note="" if is_missing(record.get("note")) else str(record.get("note")),
                **values,
            )
        except ValidationError as err:
            raise UserError(
                "budgetpage.error_line", row=number, reason=err.errors()[0].get("msg", "")
            ) from err
        lines.append(line)
    return lines


def replace_manual_lines(plan: Plan, manual: Sequence[BudgetLine]) -> bool:
    """Put the trainee's lines in the plan, the chosen models' lines kept; True if changed."""
    synced = [line for line in plan.budget_lines if remuneration.is_synced(line)]
    lines = [*manual, *synced]
    if [x.model_dump() for x in lines] == [x.model_dump() for x in plan.budget_lines]:
        return False
    plan.budget_lines = lines
    return True


def manual_lines(plan: Plan) -> list[BudgetLine]:
    """The lines the trainee added by hand (not those of the chosen models)."""
    return [line for line in plan.budget_lines if not remuneration.is_synced(line)]


def synced_lines(plan: Plan) -> list[BudgetLine]:
    """The lines the chosen models put in the budget (kept in step by the remuneration)."""
    return [line for line in plan.budget_lines if remuneration.is_synced(line)]


def line_influencers(plan: Plan) -> list[str]:
    """Who a budget line may be tied to: the shortlisted influencers, then anyone a line
    already names (so an existing line keeps its influencer after they leave the shortlist)."""
    named = (line.influencer_id for line in plan.budget_lines if line.influencer_id)
    return list(dict.fromkeys([*plan.shortlisted_ids(), *named]))


def synced_table(plan: Plan, names: Mapping[str, str], lang: str = "fr") -> pd.DataFrame:
    """The chosen models' lines as the budget page lists them (labels in ``lang``)."""
    lines = synced_lines(plan)
    name = [names.get(x.influencer_id, x.influencer_id) if x.influencer_id else "" for x in lines]
    return pd.DataFrame(
        {
            t("budgetpage.col.category", lang): [
                budget.category_label(x.category, lang) for x in lines
            ],
            t("budgetpage.col.label", lang): [
                remuneration.line_label(plan, x, n, lang) for x, n in zip(lines, name, strict=True)
            ],
            t("budgetpage.col.influencer", lang): name,
            t("budgetpage.col.total", lang): [
                fmt_money(x.quantity * x.unit_cost_eur_ht, lang) for x in lines
            ],
        }
    )


# --- candidates -----------------------------------------------------------------------------


def case_platforms(plan: Plan) -> list[str]:
    """The platforms the plan's case study targets (none without a case)."""
    if not plan.case_id:
        return []
    try:
        return [p for p in datasets.case(plan.case_id).get("platforms", []) if p in PLATFORMS]
    except UserError:
        return []


def candidate_pool(
    plan: Plan,
    table: pd.DataFrame,
    *,
    include_flagged: bool = False,
    exclude: Iterable[str] = (),
) -> pd.DataFrame:
    """The accounts a trainer would consider for this brief, in the table's order.

    On the case's target platforms, in the brief's niches (each filter skipped when it would
    leave no one), nano tier or above, and without an audience-quality alert or warning
    (``include_flagged`` brings those back). ``exclude`` leaves ids out (e.g. the shortlist).
    """
    rows = table
    platforms = case_platforms(plan)
    if platforms and rows["platform"].isin(platforms).any():
        rows = rows.loc[rows["platform"].isin(platforms)]
    niches = list(plan.brief.niches)
    if niches and rows["niche"].isin(niches).any():
        rows = rows.loc[rows["niche"].isin(niches)]
    smallest = metrics.TIER_ORDER.index(MIN_TIER)
    allowed = set(metrics.TIER_ORDER[smallest:])
    rows = rows.loc[rows["tier"].isin(allowed)]
    if not include_flagged:
        flagged = forecast.flagged_ids(table, plan.settings.er_basis)
        rows = rows.loc[~rows["influencer_id"].astype(str).isin(flagged)]
    skip = set(exclude)
    if skip:
        rows = rows.loc[~rows["influencer_id"].isin(skip)]
    return rows.reset_index(drop=True)


def pool_rows(
    plan: Plan,
    table: pd.DataFrame,
    pool: str,
    platforms: Iterable[str] = (),
    top_n: int = DEFAULT_TOP_N,
    include_flagged: bool = False,
) -> pd.DataFrame:
    """The influencers the optimiser chooses among: the brief's candidates
    (:func:`candidate_pool`), the shortlist, the best brand fits, the case's niches, or everyone
    (all but the shortlist on the platforms given, if any)."""
    if pool not in POOLS:
        raise UserError("budgetpage.error_pool", pool=pool)
    if pool == "shortlist":
        order = {iid: i for i, iid in enumerate(plan.shortlisted_ids())}
        rows = table.loc[table["influencer_id"].isin(list(order))].copy()
        rows["_order"] = rows["influencer_id"].map(order)
        return rows.sort_values("_order").drop(columns="_order").reset_index(drop=True)
    platforms = list(platforms)
    if pool == "case":
        rows = candidate_pool(plan, table, include_flagged=include_flagged)
        if platforms:
            rows = rows.loc[rows["platform"].isin(platforms)]
        return rows.reset_index(drop=True)
    if pool == "brand_fit":
        from influkit.identify import brandfit

        ranked = brandfit.plan_ranking(plan, table)
        if platforms:
            ranked = ranked.loc[ranked["platform"].isin(platforms)]
        best = ranked["influencer_id"].head(max(int(top_n), 0)).tolist()
        rows = table.set_index("influencer_id").loc[best].reset_index()
        return rows[table.columns].reset_index(drop=True)
    rows = table
    if pool == "niches" and plan.brief.niches:
        rows = rows.loc[rows["niche"].isin(plan.brief.niches)]
    if platforms:
        rows = rows.loc[rows["platform"].isin(platforms)]
    return rows.reset_index(drop=True)


def candidates(
    plan: Plan,
    table: pd.DataFrame,
    settings: OptimizerSettings,
    *,
    pool: str | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """One row per influencer of the pool: posts, cost, every KPI and the value to maximise.

    Figures are the forecast's (:func:`influkit.campaign.forecast.influencer_rows`) for the posts
    planned with each influencer (else ``default_posts``): the cost is the declared price ×
    posts (or the agreed deliverable fees), or, on the "model" basis, the chosen model's cost.
    ``usable`` is False when the cost is unknown (no declared price and no chosen model).
    """
    if settings.kpi not in VALUE_KPIS:
        raise UserError("budgetpage.error_kpi", kpi=settings.kpi)
    if settings.cost_basis not in COST_BASES:
        raise UserError("budgetpage.error_cost_basis", basis=settings.cost_basis)
    rows = pool_rows(
        plan,
        table,
        pool or settings.pool,
        settings.platforms,
        settings.top_n,
        settings.include_flagged,
    )
    a = forecast.assumptions_in_force(plan)
    flagged = forecast.flagged_ids(table, plan.settings.er_basis) if len(rows) else frozenset()
    fits = forecast.brand_fit_scores(plan, table) if len(rows) else {}
    shortlisted = set(plan.shortlisted_ids())
    records = []
    for row in rows.to_dict("records"):
        iid = str(row["influencer_id"])
        rem = remuneration.chosen(plan, iid)
        parts = forecast.influencer_rows(
            plan,
            row,
            a,
            flagged=iid in flagged,
            brand_fit=fits.get(iid, math.nan),
            rem=rem if settings.cost_basis == "model" else None,
            default_posts=settings.default_posts,
        )
        posts = int(sum(p["posts"] for p in parts))
        known = all(p["cost_known"] for p in parts)
        cost = float(sum(p["cost"] for p in parts)) if known else math.nan
        source = "model" if settings.cost_basis == "model" and rem is not None else "price"
        if not known:
            source = "unknown"
        kpis = {k: float(sum(p[k] for p in parts)) for k in VALUE_KPIS}
        value = kpis[settings.kpi]
        records.append(
            {
                "candidate_id": iid,
                "name": remuneration.display_name(row, iid),
                "handle": row.get("handle", ""),
                "platform": row.get("platform"),
                "tier": row.get("tier"),
                "niche": row.get("niche"),
                "followers": as_number(row.get("followers")),
                "posts": posts,
                "price_per_post_eur": as_number(row.get("price_per_post_eur")),
                "cost": cost,
                "cost_source": source,
                **kpis,
                "revenue": float(sum(p["revenue"] for p in parts)),
                "value": value,
                "value_low": float(sum(p[f"{settings.kpi}_low"] for p in parts)),
                "value_high": float(sum(p[f"{settings.kpi}_high"] for p in parts)),
                "value_per_eur": value / cost if cost > 0 else math.nan,
                "brand_fit": fits.get(iid, math.nan),
                "quality_flagged": iid in flagged,
                "on_shortlist": iid in shortlisted,
                "usable": bool(np.isfinite(cost) and np.isfinite(value)),
            }
        )
    return pd.DataFrame(records, columns=list(CANDIDATE_COLUMNS))


@dataclass
class OptimizerRun:
    """One run of the optimiser on the plan: its result, the candidates and the budget used."""

    result: OptimizationResult
    candidates: pd.DataFrame
    budget: float
    skipped: list[str]
    dropped_constraints: list[str]


def run(
    plan: Plan, table: pd.DataFrame, settings: OptimizerSettings, lang: str = "fr"
) -> OptimizerRun:
    """Choose, exactly, the influencers of the pool that maximise the KPI within the budget."""
    frame = candidates(plan, table, settings, lang=lang)
    usable = frame.loc[frame["usable"]].reset_index(drop=True)
    skipped = frame.loc[~frame["usable"], "candidate_id"].tolist()
    known = set(usable["candidate_id"])
    include = [i for i in settings.must_include if i in known]
    exclude = [i for i in settings.must_exclude if i in known]
    dropped = [i for i in [*settings.must_include, *settings.must_exclude] if i not in known]
    amount = optimiser_budget(plan)
    result = budget.optimize(
        usable,
        amount,
        value="value",
        cost="cost",
        id_col="candidate_id",
        groups=[g.as_constraint() for g in settings.groups],
        min_chosen=settings.min_chosen,
        max_chosen=settings.max_chosen,
        max_budget_share_per_candidate=settings.max_share,
        must_include=include,
        must_exclude=exclude,
        time_limit=TIME_LIMIT_SECONDS,
    )
    return OptimizerRun(result, usable, amount, skipped, dropped)


def explain(
    result: OptimizationResult, frame: pd.DataFrame, lang: str = "fr", kpi: str | None = None
) -> str:
    """The result's message with names instead of ids and labels instead of codes; with
    ``kpi``, the total value written as that KPI (``2 452 ventes``)."""
    names = dict(zip(frame["candidate_id"], frame["name"], strict=False)) if len(frame) else {}
    params = dict(result.params)
    total = params.get("total_value")
    if kpi in VALUE_KPIS and isinstance(total, int | float) and math.isfinite(total):
        params["total_value"] = t(
            "budgetpage.total_value",
            lang,
            value=fmt_kpi(kpi, total, lang),
            kpi=t(f"budgetpage.kpi_option.{kpi}", lang).lower(),
        )
    column = params.get("column")
    if column in GROUP_COLUMNS:
        params["group"] = label(GROUP_NAMESPACES.get(column, ""), params.get("group"), lang)
        params["column"] = t(f"budgetpage.group_column.{column}", lang)
    if isinstance(params.get("ids"), str):
        params["ids"] = ", ".join(names.get(i.strip(), i.strip()) for i in params["ids"].split(","))
    return t(result.message_key, lang, **budget.readable_params(params, lang))


# --- comparison with the shortlist ----------------------------------------------------------


SELECTIONS: tuple[str, ...] = ("optimiser", "shortlist")


def selection_totals(frame: pd.DataFrame, ids: Iterable[str]) -> dict[str, float]:
    """Count, cost, value and value per euro of a set of candidates (unknown costs left out)."""
    wanted = set(ids)
    rows = frame.loc[frame["candidate_id"].isin(wanted)]
    known = rows.loc[rows["usable"]] if "usable" in rows else rows
    cost = float(known["cost"].sum())
    value = float(known["value"].sum())
    return {
        "count": int(len(rows)),
        "unknown_cost": int(len(rows) - len(known)),
        "cost": cost,
        "value": value,
        "value_per_eur": value / cost if cost > 0 else math.nan,
    }


def compare_with_shortlist(
    plan: Plan,
    table: pd.DataFrame,
    settings: OptimizerSettings,
    pick_ids: Sequence[str],
    lang: str = "fr",
) -> tuple[pd.DataFrame, list[str], list[str]]:
    """The optimiser's pick against the shortlist: totals of each, and who is in only one.

    Both are measured the same way (same KPI, posts and cost basis), whatever the pool.
    """
    pool = candidates(plan, table, settings, lang=lang)
    own = candidates(plan, table, settings, pool="shortlist", lang=lang)
    both = pd.concat([pool, own.loc[~own["candidate_id"].isin(pool["candidate_id"])]])
    own_ids = plan.shortlisted_ids()
    rows = [
        {"selection": "optimiser", **selection_totals(both, pick_ids)},
        {"selection": "shortlist", **selection_totals(both, own_ids)},
    ]
    only_pick = [i for i in pick_ids if i not in set(own_ids)]
    only_own = [i for i in own_ids if i not in set(pick_ids)]
    return pd.DataFrame(rows), only_pick, only_own


def _per_post_kpi(posts: pd.DataFrame, kpi: str) -> pd.Series:
    if kpi == "reach":
        return posts["reach"]
    if kpi == "engagements":
        return posts[["likes", "comments", "shares", "saves"]].sum(axis=1)
    # Clicks and sales follow impressions through fixed rates.
    return posts["impressions"]


def outcome(
    chosen: pd.DataFrame, kpi: str, uncertainty: float = budget.DEFAULT_UNCERTAINTY
) -> budget.OutcomeRange:
    """Low / expected / high KPI totals: each account's spread of posts, else ± uncertainty."""
    posts = profiles.last_posts(datasets.load("posts"))
    posts = posts.loc[posts["influencer_id"].isin(chosen["candidate_id"])]
    spread = pd.DataFrame(
        {"candidate_id": posts["influencer_id"], "kpi_per_post": _per_post_kpi(posts, kpi)}
    )
    return budget.outcome_range(
        chosen,
        value="value",
        id_col="candidate_id",
        uncertainty=uncertainty,
        posts=spread,
        er_col="kpi_per_post",
    )


def pick_reasons(chosen: pd.DataFrame, plan: Plan, kpi: str, lang: str = "fr") -> list[str]:
    """Why each picked influencer is there, in a few words: what a thousand euros buys with
    them, their brand fit, the brief's niche, already shortlisted, a quality warning."""
    niches = set(plan.brief.niches)
    reasons = []
    for row in chosen.to_dict("records"):
        parts = []
        per_thousand = as_number(row.get("value_per_eur")) * 1000
        if not math.isnan(per_thousand):
            parts.append(
                t(
                    f"budgetpage.why.per_thousand.{kpi}",
                    lang,
                    value=fmt_number(per_thousand, lang, 1 if per_thousand < 10 else 0),
                )
            )
        fit = as_number(row.get("brand_fit"))
        if not math.isnan(fit):
            parts.append(t("budgetpage.why.brand_fit", lang, score=fmt_number(fit, lang)))
        if row.get("niche") in niches:
            parts.append(
                t("budgetpage.why.niche", lang, niche=label("data.niche", row.get("niche"), lang))
            )
        if row.get("on_shortlist"):
            parts.append(t("budgetpage.why.shortlisted", lang))
        if row.get("quality_flagged"):
            parts.append(t("budgetpage.why.flagged", lang))
        reasons.append(" · ".join(parts))
    return reasons


@dataclass(frozen=True)
class PickChanges:
    """What applying the optimiser's pick does to the shortlist: who is added, who goes to
    reserve, who comes back from reserve (nobody is removed)."""

    added: list[str]
    reserved: list[str]
    promoted: list[str]


def pick_changes(plan: Plan, pick_ids: Sequence[str]) -> PickChanges:
    """What :func:`apply_pick` would change, without changing anything (shown before confirming)."""
    wanted = set(pick_ids)
    return PickChanges(
        added=[i for i in dict.fromkeys(pick_ids) if plan.shortlist_entry(i) is None],
        reserved=[
            e.influencer_id
            for e in plan.shortlist
            if e.influencer_id not in wanted and e.role != "reserve"
        ],
        promoted=[
            e.influencer_id
            for e in plan.shortlist
            if e.influencer_id in wanted and e.role == "reserve"
        ],
    )


def apply_pick(
    plan: Plan, pick_ids: Sequence[str], lang: str = "fr"
) -> tuple[list[str], list[str], list[str]]:
    """Put the optimiser's pick on the shortlist and mark the others as reserve (none removed).

    Returns who was added, who became reserve, and who came back from reserve
    (:func:`pick_changes`, now done).
    """
    changes = pick_changes(plan, pick_ids)
    for iid in changes.added:
        plan.add_to_shortlist(iid, note=t("budgetpage.added_note", lang))
    roles = {
        **dict.fromkeys(changes.reserved, "reserve"),
        **dict.fromkeys(changes.promoted, "creator"),
    }
    if roles:
        plan.shortlist = [
            e.model_copy(update={"role": roles[e.influencer_id]}) if e.influencer_id in roles else e
            for e in plan.shortlist
        ]
    return changes.added, changes.reserved, changes.promoted


def group_options(column: str) -> tuple[str, ...]:
    """The groups a bound can be set on for a column (tiers, platforms)."""
    if column not in GROUP_VALUES:
        raise UserError("budgetpage.error_group_column", column=column)
    return GROUP_VALUES[column]


def breakdown_labels(
    frame: pd.DataFrame, key: str, lang: str, names: Mapping[str, str]
) -> list[str]:
    """Readable labels of a breakdown's keys (categories, influencers, tiers, platforms)."""
    if key == "category":
        return [budget.category_label(code, lang) for code in frame[key]]
    if key == "influencer_id":
        return [names.get(code, code) for code in frame[key]]
    return [label(GROUP_NAMESPACES.get(key, f"data.{key}"), code, lang) for code in frame[key]]


# --- what the budget page lists ---------------------------------------------------------------

#: The code of "no influencer" in the lines editor, so its cell reads "— none —", not "None".
NO_ONE = "none"
#: The columns of the trainee's lines in the editor, as :func:`budget_lines_from_table` reads them.
EDITOR_COLUMNS: tuple[str, ...] = (
    "line_id",
    "category",
    "label",
    "influencer_id",
    "quantity",
    "unit_cost_eur_ht",
    "note",
)


def editor_frame(plan: Plan) -> pd.DataFrame:
    """The trainee's own lines as the editor shows them (no influencer written :data:`NO_ONE`)."""
    frame = pd.DataFrame([x.model_dump() for x in manual_lines(plan)], columns=list(EDITOR_COLUMNS))
    frame["influencer_id"] = frame["influencer_id"].fillna(NO_ONE)
    return frame


def lines_from_editor(frame: pd.DataFrame) -> list[BudgetLine]:
    """The trainee's lines from the edited table (:data:`NO_ONE` read as no influencer)."""
    return budget_lines_from_table(frame.replace({"influencer_id": {NO_ONE: None}}))


def names_list(ids: Iterable[str], names: Mapping[str, str], lang: str = "fr") -> str:
    """Influencers named one after another, or "nobody"."""
    return ", ".join(names.get(i, i) for i in ids) or t("budgetpage.nobody", lang)


def breakdowns(summary_: BudgetSummary) -> list[tuple[str, pd.DataFrame]]:
    """The budget's breakdowns in the page's order: category, influencer, tier, platform."""
    return [
        ("category", summary_.by_category),
        ("influencer_id", summary_.by_influencer),
        ("tier", summary_.by_tier),
        ("platform", summary_.by_platform),
    ]


def group_bound_text(bound: GroupBound, lang: str = "fr") -> str:
    """A bound on one tier or platform in words: "Tier micro: at least 2, at most 4"."""
    parts = []
    if bound.min_count is not None:
        parts.append(t("budgetpage.bound_min", lang, count=bound.min_count))
    if bound.max_count is not None:
        parts.append(t("budgetpage.bound_max", lang, count=bound.max_count))
    return t(
        "budgetpage.group_item",
        lang,
        column=t(f"budgetpage.group_column.{bound.column}", lang),
        group=label(GROUP_NAMESPACES.get(bound.column, ""), bound.group, lang),
        bounds=", ".join(parts),
    )


def pick_table(chosen: pd.DataFrame, plan: Plan, kpi: str, lang: str = "fr") -> pd.DataFrame:
    """The optimiser's pick as the page lists it: who, where, posts, cost, the KPI and why."""
    kpi_label = t(f"budgetpage.kpi_option.{kpi}", lang)

    def col(name: str, **params: Any) -> str:
        return t(f"budgetpage.result.{name}", lang, **params)

    yes, no = t("budgetpage.yes", lang), t("budgetpage.no", lang)
    return pd.DataFrame(
        {
            col("name"): chosen["name"],
            col("platform"): [label("data.platform", p, lang) for p in chosen["platform"]],
            col("tier"): [label("metrics.tier", x, lang) for x in chosen["tier"]],
            col("posts"): [fmt_number(v, lang) for v in chosen["posts"]],
            col("cost_col"): [fmt_money(v, lang, 0) for v in chosen["cost"]],
            col("expected", kpi=kpi_label): [fmt_kpi(kpi, v, lang) for v in chosen["value"]],
            col("why"): pick_reasons(chosen, plan, kpi, lang),
            col("on_shortlist"): [yes if v else no for v in chosen["on_shortlist"]],
        }
    )


def outcome_totals(chosen: pd.DataFrame) -> tuple[float, float, float]:
    """The pick's low, expected and high totals of the KPI."""
    low, expected, high = (float(chosen[c].sum()) for c in ("value_low", "value", "value_high"))
    return low, expected, high


def comparison_table(totals: pd.DataFrame, kpi: str, lang: str = "fr") -> pd.DataFrame:
    """The pick against the shortlist (:func:`compare_with_shortlist`) as the page lists it."""
    kpi_label = t(f"budgetpage.kpi_option.{kpi}", lang)

    def col(name: str) -> str:
        return t(f"budgetpage.compare_col.{name}", lang)

    per_eur = t("budgetpage.result.value_per_eur", lang, kpi=kpi_label)
    return pd.DataFrame(
        {
            col("selection"): [t(f"budgetpage.selection.{s}", lang) for s in totals["selection"]],
            col("count"): [fmt_number(v, lang) for v in totals["count"]],
            col("cost"): [fmt_money(v, lang) for v in totals["cost"]],
            kpi_label: [fmt_kpi(kpi, v, lang) for v in totals["value"]],
            # Per thousand euros: a ratio per euro would read 0,0 for most KPIs.
            per_eur: [fmt_number(v * 1000, lang, 1) for v in totals["value_per_eur"]],
        }
    )
