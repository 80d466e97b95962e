"""The budget: choosing influencers under an envelope (exact optimiser and greedy baseline),
budget totals excluding and including VAT, and the low / expected / high outcome range.

The optimiser solves a 0–1 knapsack with side constraints exactly, with ``scipy.optimize.milp``
(HiGHS, relative gap 0). When the constraints cannot all hold it says which one, whenever a
cheap pre-check can tell; otherwise it says that the constraints cannot all hold together.
"""

from __future__ import annotations

import math
import numbers
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
from scipy.optimize import Bounds, LinearConstraint, milp

from influkit.errors import UserError
from influkit.plan.model import BUDGET_CATEGORIES
from influkit.text.formats import fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import t

VAT_RATE = 0.20
DEFAULT_UNCERTAINTY = 0.35
DEFAULT_QUANTILES = (0.10, 0.90)
# Costs are euros: a selection counts as within budget up to a thousandth of a cent.
COST_TOLERANCE = 1e-5
PRESOLVE = True

Status = Literal["optimal", "infeasible", "time_limit", "heuristic"]
ShareOf = Literal["count", "spend", "envelope"]
SHARE_BASES: tuple[str, ...] = ("count", "spend", "envelope")


@dataclass(frozen=True)
class GroupConstraint:
    """Bounds on the chosen candidates whose ``column`` equals ``group`` (a tier, a platform…).

    Counts bound how many are chosen; shares bound their part of the chosen candidates
    (``share_of="count"``), of the money spent (``"spend"``) or of the envelope (``"envelope"``).
    """

    column: str
    group: str
    min_count: int | None = None
    max_count: int | None = None
    min_share: float | None = None
    max_share: float | None = None
    share_of: ShareOf = "count"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GroupConstraint:
        """Build a constraint from a plain mapping (a saved plan, a page form)."""
        if not data.get("column") or "group" not in data:
            raise UserError("budget.error_group_incomplete")
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        return cls(**known)


@dataclass
class OptimizationResult:
    """The selection a solver returns: its status, the chosen rows, totals and why."""

    status: Status
    chosen: pd.DataFrame
    total_cost: float
    total_value: float
    budget: float
    message_key: str
    params: dict[str, Any] = field(default_factory=dict)
    solve_seconds: float = 0.0
    mip_gap: float | None = None
    id_col: str = "candidate_id"

    @property
    def remaining(self) -> float:
        """Budget left after the chosen candidates."""
        return self.budget - self.total_cost

    @property
    def chosen_ids(self) -> list[Any]:
        """Identifiers of the chosen candidates, in the candidates' order."""
        return self.chosen[self.id_col].tolist() if self.id_col in self.chosen else []

    def message(self, lang: str = "fr") -> str:
        """The explanation of the result in the user's language, amounts formatted for it."""
        return t(self.message_key, lang, **readable_params(self.params, lang))


_MONEY_PARAMS = frozenset(
    {"budget", "total_cost", "forced_cost", "cheapest_cost", "cap", "floor", "reachable", "overrun"}
)
_SHARE_PARAMS = frozenset({"share", "min_share", "max_share", "uncertainty"})


def readable_params(params: Mapping[str, Any], lang: str = "fr") -> dict[str, Any]:
    """Message parameters with amounts in euros and shares as percentages, for ``lang``."""
    out: dict[str, Any] = {}
    for name, raw in params.items():
        if name in _MONEY_PARAMS and _is_real(raw):
            out[name] = fmt_money(raw, lang)
        elif name in _SHARE_PARAMS and _is_real(raw):
            out[name] = fmt_percent(raw, lang, decimals=0)
        elif name == "total_value" and _is_real(raw):
            out[name] = fmt_number(raw, lang, decimals=1)
        else:
            out[name] = raw
    return out


def _is_real(value: object) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _coerce_group(item: GroupConstraint | Mapping[str, Any]) -> GroupConstraint:
    return item if isinstance(item, GroupConstraint) else GroupConstraint.from_dict(item)


def _check_share(value: float | None, name: str) -> None:
    if value is None:
        return
    if not (_is_real(value) and math.isfinite(value) and 0 <= value <= 1):
        raise UserError("budget.error_share_range", name=name, value=value)


def _check_count(value: int | None, name: str) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise UserError("budget.error_count", name=name, value=value)


def _validate_group(g: GroupConstraint, columns: Iterable[str]) -> None:
    if g.column not in columns:
        raise UserError("budget.error_missing_columns", columns=g.column)
    if g.share_of not in SHARE_BASES:
        raise UserError("budget.error_share_of", value=g.share_of)
    _check_count(g.min_count, "min_count")
    _check_count(g.max_count, "max_count")
    _check_share(g.min_share, "min_share")
    _check_share(g.max_share, "max_share")
    if g.min_count is not None and g.max_count is not None and g.min_count > g.max_count:
        raise UserError("budget.error_group_bounds", group=g.group, column=g.column)
    if g.min_share is not None and g.max_share is not None and g.min_share > g.max_share:
        raise UserError("budget.error_group_bounds", group=g.group, column=g.column)


def _numeric_column(frame: pd.DataFrame, column: str) -> np.ndarray:
    try:
        values = pd.to_numeric(frame[column], errors="raise").to_numpy(dtype=float)
    except (TypeError, ValueError) as exc:
        raise UserError("budget.error_not_numeric", column=column) from exc
    if not np.all(np.isfinite(values)):
        raise UserError("budget.error_missing_values", column=column)
    return values


def _validate_candidates(
    candidates: pd.DataFrame, value: str, cost: str, id_col: str
) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(candidates, pd.DataFrame):
        raise UserError("budget.error_not_table")
    missing = [c for c in (id_col, cost, value) if c not in candidates.columns]
    if missing:
        raise UserError("budget.error_missing_columns", columns=", ".join(missing))
    if candidates[id_col].isna().any():
        raise UserError("budget.error_missing_values", column=id_col)
    duplicated = candidates[id_col][candidates[id_col].duplicated()].unique().tolist()
    if duplicated:
        raise UserError("budget.error_duplicate_ids", ids=", ".join(map(str, duplicated)))
    costs = _numeric_column(candidates, cost)
    values = _numeric_column(candidates, value)
    negative = candidates[id_col][costs < 0].tolist()
    if negative:
        raise UserError("budget.error_negative_cost", ids=", ".join(map(str, negative)))
    return costs, values


def _validate_budget(budget: float) -> float:
    try:
        amount = float(budget)
    except (TypeError, ValueError) as exc:
        raise UserError("budget.error_budget", value=budget) from exc
    if not math.isfinite(amount) or amount < 0:
        raise UserError("budget.error_budget", value=budget)
    return amount


def _result(
    status: Status,
    frame: pd.DataFrame,
    mask: np.ndarray,
    costs: np.ndarray,
    values: np.ndarray,
    budget: float,
    id_col: str,
    message_key: str,
    params: dict[str, Any] | None = None,
    **extra: Any,
) -> OptimizationResult:
    chosen = frame.loc[mask].copy()
    total_cost = float(costs[mask].sum()) if len(costs) else 0.0
    total_value = float(values[mask].sum()) if len(values) else 0.0
    base = {"count": int(mask.sum()), "total_cost": total_cost, "total_value": total_value}
    base["budget"] = budget
    return OptimizationResult(
        status=status,
        chosen=chosen,
        total_cost=total_cost,
        total_value=total_value,
        budget=budget,
        message_key=message_key,
        params={**base, **(params or {})},
        id_col=id_col,
        **extra,
    )


def _infeasible(
    frame: pd.DataFrame, budget: float, id_col: str, key: str, params: dict[str, Any] | None = None
) -> OptimizationResult:
    empty = np.zeros(len(frame), dtype=bool)
    zeros = np.zeros(len(frame))
    return _result("infeasible", frame, empty, zeros, zeros, budget, id_col, key, params)


def _member_mask(frame: pd.DataFrame, g: GroupConstraint) -> np.ndarray:
    return (frame[g.column].astype("object") == g.group).to_numpy(dtype=bool)


def _precheck(
    frame: pd.DataFrame,
    costs: np.ndarray,
    budget: float,
    forced: np.ndarray,
    available: np.ndarray,
    groups: Sequence[GroupConstraint],
    min_chosen: int | None,
    max_chosen: int | None,
) -> tuple[str, dict[str, Any]] | None:
    """The first constraint that cheap reasoning proves impossible, as (key, params)."""
    forced_cost = float(costs[forced].sum())
    if forced_cost > budget + COST_TOLERANCE:
        return "budget.infeasible_must_include_over_budget", {
            "forced_cost": forced_cost,
            "budget": budget,
            "count": int(forced.sum()),
        }
    everyone = GroupConstraint(column="", group="", min_count=min_chosen, max_count=max_chosen)
    checks = [(everyone, np.ones(len(frame), dtype=bool))]
    checks += [(g, _member_mask(frame, g)) for g in groups]
    for g, members in checks:
        label = {"column": g.column, "group": g.group}
        n_forced = int((members & forced).sum())
        if g.max_count is not None and n_forced > g.max_count:
            key = (
                "budget.infeasible_max_count_forced"
                if g.column
                else "budget.infeasible_max_chosen_forced"
            )
            return key, {**label, "max_count": g.max_count, "forced": n_forced}
        if g.min_count:
            pool = members & available & ~forced
            needed = g.min_count - n_forced
            n_available = int((members & available).sum())
            if needed > int(pool.sum()):
                key = (
                    "budget.infeasible_min_count_available"
                    if g.column
                    else "budget.infeasible_min_chosen_available"
                )
                return key, {**label, "min_count": g.min_count, "available": n_available}
            if needed > 0:
                cheapest = float(np.sort(costs[pool])[:needed].sum())
                if forced_cost + cheapest > budget + COST_TOLERANCE:
                    key = (
                        "budget.infeasible_min_count_budget"
                        if g.column
                        else "budget.infeasible_min_chosen_budget"
                    )
                    return key, {
                        **label,
                        "min_count": g.min_count,
                        "cheapest_cost": forced_cost + cheapest,
                        "budget": budget,
                    }
        if g.min_share and g.share_of == "envelope":
            floor = g.min_share * budget
            reachable = float(costs[members & available].sum())
            if reachable + COST_TOLERANCE < floor:
                return "budget.infeasible_min_share_envelope", {
                    **label,
                    "min_share": g.min_share,
                    "reachable": reachable,
                    "floor": floor,
                }
        if g.max_share is not None and g.share_of == "envelope":
            spent = float(costs[members & forced].sum())
            if spent > g.max_share * budget + COST_TOLERANCE:
                return "budget.infeasible_max_share_envelope_forced", {
                    **label,
                    "max_share": g.max_share,
                    "forced_cost": spent,
                }
        # With nothing of the group to choose, a positive share holds only if nothing counts.
        forced_weight = forced.sum() if g.share_of == "count" else costs[forced].sum()
        nobody = not (members & available).any()
        if g.min_share and g.share_of != "envelope" and forced_weight > 0 and nobody:
            return "budget.infeasible_min_share_empty", {**label, "min_share": g.min_share}
    return None


def _share_rows(
    g: GroupConstraint, members: np.ndarray, costs: np.ndarray, budget: float
) -> list[tuple[np.ndarray, float, float]]:
    """Linear rows (coefficients, lower, upper) for the share bounds of one group."""
    rows: list[tuple[np.ndarray, float, float]] = []
    weight = np.ones(len(costs)) if g.share_of == "count" else costs
    inside = members.astype(float) * weight
    if g.share_of == "envelope":
        low = -np.inf if g.min_share is None else g.min_share * budget - COST_TOLERANCE
        high = np.inf if g.max_share is None else g.max_share * budget + COST_TOLERANCE
        if g.min_share is not None or g.max_share is not None:
            rows.append((inside, low, high))
        return rows
    # share ≥ s  ⇔  Σ_group w·x − s·Σ_all w·x ≥ 0, linear in x.
    if g.min_share is not None:
        rows.append((inside - g.min_share * weight, -COST_TOLERANCE, np.inf))
    if g.max_share is not None:
        rows.append((inside - g.max_share * weight, -np.inf, COST_TOLERANCE))
    return rows


def optimize(
    candidates: pd.DataFrame,
    budget: float,
    *,
    value: str = "value",
    cost: str = "cost",
    id_col: str = "candidate_id",
    groups: Sequence[GroupConstraint | Mapping[str, Any]] = (),
    min_chosen: int | None = None,
    max_chosen: int | None = None,
    max_budget_share_per_candidate: float | None = None,
    must_include: Iterable[Any] = (),
    must_exclude: Iterable[Any] = (),
    time_limit: float = 30,
) -> OptimizationResult:
    """Choose the candidates that maximise total value with total cost within budget, exactly."""
    costs, values = _validate_candidates(candidates, value, cost, id_col)
    budget = _validate_budget(budget)
    group_list = [_coerce_group(g) for g in groups]
    for g in group_list:
        _validate_group(g, candidates.columns)
    _check_count(min_chosen, "min_chosen")
    _check_count(max_chosen, "max_chosen")
    if min_chosen is not None and max_chosen is not None and min_chosen > max_chosen:
        raise UserError("budget.error_chosen_bounds", min_count=min_chosen, max_count=max_chosen)
    _check_share(max_budget_share_per_candidate, "max_budget_share_per_candidate")
    if not (_is_real(time_limit) and time_limit > 0):
        raise UserError("budget.error_time_limit", value=time_limit)

    frame = candidates.reset_index(drop=True)
    ids = frame[id_col]
    include, exclude = list(must_include), list(must_exclude)
    unknown = [i for i in [*include, *exclude] if not (ids == i).any()]
    if unknown:
        raise UserError("budget.error_unknown_candidates", ids=", ".join(map(str, unknown)))
    forced = ids.isin(include).to_numpy(dtype=bool)
    banned = ids.isin(exclude).to_numpy(dtype=bool)

    both = ids[forced & banned].tolist()
    if both:
        return _infeasible(
            frame,
            budget,
            id_col,
            "budget.infeasible_include_and_exclude",
            {"ids": ", ".join(map(str, both))},
        )
    capped = np.zeros(len(frame), dtype=bool)
    if max_budget_share_per_candidate is not None:
        cap = max_budget_share_per_candidate * budget
        capped = costs > cap + COST_TOLERANCE
        over = ids[forced & capped].tolist()
        if over:
            return _infeasible(
                frame,
                budget,
                id_col,
                "budget.infeasible_must_include_over_cap",
                {
                    "ids": ", ".join(map(str, over)),
                    "share": max_budget_share_per_candidate,
                    "cap": cap,
                },
            )
    available = ~banned & ~capped
    reason = _precheck(frame, costs, budget, forced, available, group_list, min_chosen, max_chosen)
    if reason is not None:
        return _infeasible(frame, budget, id_col, reason[0], reason[1])
    if len(frame) == 0:
        empty = np.zeros(0, dtype=bool)
        return _result("optimal", frame, empty, costs, values, budget, id_col, "budget.optimal")

    n = len(frame)
    rows: list[tuple[np.ndarray, float, float]] = [(costs, -np.inf, budget + COST_TOLERANCE)]
    if min_chosen is not None or max_chosen is not None:
        low = -np.inf if min_chosen is None else float(min_chosen)
        high = np.inf if max_chosen is None else float(max_chosen)
        rows.append((np.ones(n), low, high))
    for g in group_list:
        members = _member_mask(frame, g)
        if g.min_count is not None or g.max_count is not None:
            low = -np.inf if g.min_count is None else float(g.min_count)
            high = np.inf if g.max_count is None else float(g.max_count)
            rows.append((members.astype(float), low, high))
        rows.extend(_share_rows(g, members, costs, budget))
    matrix = np.vstack([r[0] for r in rows])
    constraint = LinearConstraint(matrix, [r[1] for r in rows], [r[2] for r in rows])
    lower = forced.astype(float)
    upper = available.astype(float)

    started = time.perf_counter()
    solution = milp(
        c=-values,
        integrality=np.ones(n),
        bounds=Bounds(lower, upper),
        constraints=[constraint],
        options={"time_limit": float(time_limit), "mip_rel_gap": 0.0, "presolve": PRESOLVE},
    )
    elapsed = time.perf_counter() - started
    gap = getattr(solution, "mip_gap", None)
    mask = solution.x > 0.5 if solution.x is not None else np.zeros(n, dtype=bool)
    if solution.status == 0:
        return _result(
            "optimal",
            frame,
            mask,
            costs,
            values,
            budget,
            id_col,
            "budget.optimal",
            solve_seconds=elapsed,
            mip_gap=gap,
        )
    if solution.status == 1:
        key = "budget.time_limit" if solution.x is not None else "budget.time_limit_no_solution"
        return _result(
            "time_limit",
            frame,
            mask,
            costs,
            values,
            budget,
            id_col,
            key,
            {"time_limit": time_limit, "gap": gap},
            solve_seconds=elapsed,
            mip_gap=gap,
        )
    result = _infeasible(frame, budget, id_col, "budget.infeasible_general")
    result.solve_seconds = elapsed
    return result


def greedy(
    candidates: pd.DataFrame,
    budget: float,
    value: str = "value",
    cost: str = "cost",
    *,
    id_col: str = "candidate_id",
) -> OptimizationResult:
    """Pick candidates by decreasing value per euro while they fit: a fast baseline, not optimal."""
    costs, values = _validate_candidates(candidates, value, cost, id_col)
    budget = _validate_budget(budget)
    frame = candidates.reset_index(drop=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(costs > 0, values / np.where(costs > 0, costs, 1.0), np.inf)
    # Stable sort on −ratio keeps the candidates' order among ties.
    order = np.argsort(-ratio, kind="stable")
    mask = np.zeros(len(frame), dtype=bool)
    spent = 0.0
    for i in order:
        if values[i] <= 0:
            continue
        if spent + costs[i] <= budget + COST_TOLERANCE:
            mask[i] = True
            spent += costs[i]
    return _result("heuristic", frame, mask, costs, values, budget, id_col, "budget.heuristic")


# ---------------------------------------------------------------------------------------------
# Budget totals


@dataclass
class BudgetSummary:
    """Totals of a budget: per line, HT, VAT, TTC, against the envelope, and breakdowns."""

    lines: pd.DataFrame
    total_ht: float
    vat_rate: float
    vat: float
    total_ttc: float
    envelope: float
    remaining: float
    share_used: float
    by_category: pd.DataFrame
    by_influencer: pd.DataFrame
    by_tier: pd.DataFrame
    by_platform: pd.DataFrame

    @property
    def over_budget(self) -> bool:
        """Whether the lines cost more (HT) than the envelope."""
        return self.remaining < -COST_TOLERANCE


_LINE_FIELDS = (
    "category",
    "label",
    "influencer_id",
    "quantity",
    "unit_cost_eur_ht",
    "tier",
    "platform",
)


def _line_record(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return dict(item)
    if hasattr(item, "model_dump"):
        return item.model_dump()
    return {name: getattr(item, name) for name in _LINE_FIELDS if hasattr(item, name)}


def _lines_frame(lines: pd.DataFrame | Iterable[Any]) -> pd.DataFrame:
    if isinstance(lines, pd.DataFrame):
        frame = lines.copy()
    else:
        frame = pd.DataFrame([_line_record(item) for item in lines])
    if frame.empty and len(frame.columns) == 0:
        frame = pd.DataFrame(
            columns=["category", "label", "influencer_id", "quantity", "unit_cost_eur_ht"]
        )
    missing = [c for c in ("category", "quantity", "unit_cost_eur_ht") if c not in frame.columns]
    if missing:
        raise UserError("budget.error_missing_columns", columns=", ".join(missing))
    for optional in ("label", "influencer_id", "tier", "platform"):
        if optional not in frame.columns:
            frame[optional] = None
    return frame.reset_index(drop=True)


def _breakdown(
    frame: pd.DataFrame, key: str, total: float, order: Sequence[str] = ()
) -> pd.DataFrame:
    keyed = frame[frame[key].notna() & (frame[key].astype("object") != "")]
    if keyed.empty:
        return pd.DataFrame({key: [], "total_eur_ht": [], "share": [], "lines": []})
    grouped = (
        keyed.groupby(key, sort=False)
        .agg(total_eur_ht=("total_eur_ht", "sum"), lines=("total_eur_ht", "size"))
        .reset_index()
    )
    grouped["share"] = grouped["total_eur_ht"] / total if total > 0 else np.nan
    if order:
        rank = {code: i for i, code in enumerate(order)}
        grouped = grouped.sort_values(key, key=lambda s: s.map(rank), kind="stable")
    else:
        grouped = grouped.sort_values("total_eur_ht", ascending=False, kind="stable")
    return grouped[[key, "total_eur_ht", "share", "lines"]].reset_index(drop=True)


def budget_summary(
    lines: pd.DataFrame | Iterable[Any], envelope: float, vat_rate: float = VAT_RATE
) -> BudgetSummary:
    """Totals of budget lines (HT, VAT, TTC), what is left of the envelope, and breakdowns."""
    frame = _lines_frame(lines)
    envelope = _validate_budget(envelope)
    if not (_is_real(vat_rate) and math.isfinite(vat_rate) and 0 <= vat_rate <= 1):
        raise UserError("budget.error_vat_rate", value=vat_rate)
    unknown = sorted({str(c) for c in frame["category"] if c not in BUDGET_CATEGORIES})
    if unknown:
        raise UserError("budget.error_unknown_category", categories=", ".join(unknown))
    quantity = _numeric_column(frame, "quantity")
    unit = _numeric_column(frame, "unit_cost_eur_ht")
    if (quantity < 0).any():
        raise UserError("budget.error_negative_line", column="quantity")
    if (unit < 0).any():
        raise UserError("budget.error_negative_line", column="unit_cost_eur_ht")
    frame["quantity"] = quantity
    frame["unit_cost_eur_ht"] = unit
    frame["total_eur_ht"] = quantity * unit
    total_ht = float(frame["total_eur_ht"].sum())
    vat = total_ht * vat_rate
    return BudgetSummary(
        lines=frame,
        total_ht=total_ht,
        vat_rate=float(vat_rate),
        vat=vat,
        total_ttc=total_ht + vat,
        envelope=envelope,
        remaining=envelope - total_ht,
        share_used=total_ht / envelope if envelope > 0 else float("nan"),
        by_category=_breakdown(frame, "category", total_ht, BUDGET_CATEGORIES),
        by_influencer=_breakdown(frame, "influencer_id", total_ht),
        by_tier=_breakdown(frame, "tier", total_ht),
        by_platform=_breakdown(frame, "platform", total_ht),
    )


def category_label(code: str, lang: str = "fr") -> str:
    """The readable name of a budget category."""
    return t(f"budget.category.{code}", lang)


# ---------------------------------------------------------------------------------------------
# Outcome range


@dataclass
class OutcomeRange:
    """Low, expected and high totals of an outcome, with the range of each candidate."""

    low: float
    expected: float
    high: float
    per_candidate: pd.DataFrame


def outcome_range(
    chosen: pd.DataFrame,
    *,
    value: str = "value",
    id_col: str = "candidate_id",
    uncertainty: float = DEFAULT_UNCERTAINTY,
    posts: pd.DataFrame | None = None,
    er_col: str = "er",
    quantiles: tuple[float, float] = DEFAULT_QUANTILES,
) -> OutcomeRange:
    """Low / expected / high totals: ± ``uncertainty``, or the spread of ER across each account's posts."""
    if not isinstance(chosen, pd.DataFrame):
        raise UserError("budget.error_not_table")
    if value not in chosen.columns:
        raise UserError("budget.error_missing_columns", columns=value)
    if not (_is_real(uncertainty) and math.isfinite(uncertainty) and uncertainty >= 0):
        raise UserError("budget.error_uncertainty", value=uncertainty)
    q_low, q_high = quantiles
    if not (0 <= q_low <= q_high <= 1):
        raise UserError("budget.error_quantiles", low=q_low, high=q_high)
    expected = _numeric_column(chosen, value) if len(chosen) else np.zeros(0)
    low = expected - np.abs(expected) * uncertainty
    low = np.where(expected >= 0, np.maximum(low, 0.0), low)
    high = expected + np.abs(expected) * uncertainty
    method = np.array(["uncertainty"] * len(chosen), dtype=object)

    if posts is not None and len(chosen):
        if id_col not in chosen.columns:
            raise UserError("budget.error_missing_columns", columns=id_col)
        missing = [c for c in (id_col, er_col) if c not in posts.columns]
        if missing:
            raise UserError("budget.error_missing_columns", columns=", ".join(missing))
        er = pd.to_numeric(posts[er_col], errors="coerce")
        stats = (
            pd.DataFrame({"id": posts[id_col], "er": er})
            .dropna()
            .groupby("id")["er"]
            .agg(mean="mean", low=lambda s: s.quantile(q_low), high=lambda s: s.quantile(q_high))
        )
        # The outcome is taken proportional to ER, so its spread follows the ER's spread.
        for i, cid in enumerate(chosen[id_col].tolist()):
            if cid in stats.index and stats.at[cid, "mean"] > 0:
                row = stats.loc[cid]
                low[i] = expected[i] * row["low"] / row["mean"]
                high[i] = expected[i] * row["high"] / row["mean"]
                method[i] = "er_quantiles"

    per_candidate = pd.DataFrame(
        {
            id_col: chosen[id_col].to_numpy()
            if id_col in chosen.columns
            else np.arange(len(chosen)),
            "low": low,
            "expected": expected,
            "high": high,
            "method": method,
        }
    )
    # Summing per-candidate bounds assumes the candidates do well or badly together (prudent).
    return OutcomeRange(
        low=float(low.sum()),
        expected=float(expected.sum()),
        high=float(high.sum()),
        per_candidate=per_candidate,
    )
