"""What each trainee's plan shows of their work, and the class views built from it.

:func:`plan_facts` reads one plan once (milestones reached, SMART scores, remuneration models,
budget by tier and platform, optimiser or own pick, compliance findings, and — after the
simulated campaign — the figures the ranking uses). The dashboard, the per-decision
distributions and the multi-criteria ranking are built from these facts; the ranking never
looks at speed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from influkit.plan.model import Plan

#: What the dashboard shows per trainee, in course order, with the module each belongs to.
MILESTONES: tuple[str, ...] = (
    "shortlist",
    "smart",
    "retroplan",
    "remuneration",
    "budget",
    "kpis",
    "results",
)
MILESTONE_MODULE: dict[str, str] = {
    "shortlist": "module-2",
    "smart": "module-5",
    "retroplan": "module-5",
    "remuneration": "module-6",
    "budget": "module-7",
    "kpis": "module-7",
    "results": "module-7",
}
#: Ranking criteria and whether a higher value is better.
CRITERIA: dict[str, bool] = {
    "roas": True,
    "cost_per_result": False,
    "compliance_findings": False,
    "brand_fit": True,
    "budget_discipline": True,
}
OPTIMISER_NOTES = {"fr", "en"}


@dataclass(frozen=True)
class PlanFacts:
    """What the class views need from one plan."""

    milestones: dict[str, bool]
    smart_scores: tuple[int, ...] = ()
    remuneration_kinds: tuple[str, ...] = ()
    budget_by_tier: dict[str, float] = field(default_factory=dict)
    budget_by_platform: dict[str, float] = field(default_factory=dict)
    budget_total: float = 0.0
    envelope: float = 0.0
    optimiser_pick: bool = False
    unsigned_contracts: int = 0
    missing_clauses: int = 0
    has_results: bool = False
    roas: float = math.nan
    cost_per_result: float = math.nan
    brand_fit: float = math.nan

    @property
    def compliance_findings(self) -> int:
        """Contracts required but not signed, plus contracts missing mandatory clauses."""
        return self.unsigned_contracts + self.missing_clauses

    @property
    def budget_discipline(self) -> float:
        """The share of the envelope used (1 = all of it), overspend counted twice against it."""
        if self.envelope <= 0 or self.budget_total <= 0:
            return math.nan
        share = self.budget_total / self.envelope
        return share if share <= 1 else max(0.0, 1 - 2 * (share - 1))

    def done(self) -> int:
        """How many milestones are reached."""
        return sum(self.milestones.values())


def untouched(plan: Plan) -> bool:
    """Whether nothing was built in the plan yet (it can still change case study freely)."""
    return not (
        plan.shortlist
        or plan.objectives
        or plan.deliverables
        or plan.tasks
        or plan.budget_lines
        or plan.remunerations
        or plan.results
    )


def _optimiser_notes() -> set[str]:
    from influkit.text.i18n import t

    return {t("budgetpage.added_note", lang) for lang in ("fr", "en")}


def plan_facts(plan: Plan, today: dt.date | None = None, *, detail: bool = True) -> PlanFacts:
    """Read what the class views need from one plan (computes the plan's tables once).

    ``detail=False`` skips what only the debrief needs (compliance findings, brand fit): the
    live dashboard reads the milestones at about half the cost."""
    from influkit.campaign import forecast
    from influkit.campaign.budget import plan as budget_plan
    from influkit.identify import profiles
    from influkit.strategy import objectives as smart
    from influkit.strategy import success

    today = today or dt.date.today()
    table = profiles.influencer_table(plan)
    shortlist = profiles.shortlist_table(plan) if plan.shortlist else pd.DataFrame()
    smart_scores = tuple(
        smart.validate(o, plan, "fr", table=shortlist, today=today).score for o in plan.objectives
    )
    lines = budget_plan.lines_frame(plan, table)
    total = float(lines["total_eur_ht"].sum()) if len(lines) else 0.0
    by_tier = lines.dropna(subset=["tier"]).groupby("tier")["total_eur_ht"].sum().to_dict()
    by_platform = (
        lines.dropna(subset=["platform"]).groupby("platform")["total_eur_ht"].sum().to_dict()
    )
    envelope = float(plan.brief.budget_eur_ht or 0)
    compliance_rows = (
        success.compliance_table(plan, table) if plan.shortlist and detail else pd.DataFrame()
    )
    unsigned = missing = 0
    if len(compliance_rows):
        required = compliance_rows["contract_required"].astype(bool)
        unsigned = int((required & ~compliance_rows["signed"].astype(bool)).sum())
        missing = int((required & compliance_rows["missing_clauses"].map(bool)).sum())
    fits = forecast.brand_fit_scores(plan, table) if plan.shortlist and detail else {}
    fit_values = [v for v in fits.values() if isinstance(v, int | float) and math.isfinite(v)]
    cost = sum(r.cost_eur_ht for r in plan.results)
    revenue = sum(r.revenue_eur for r in plan.results)
    conversions = sum(r.conversions for r in plan.results)
    notes = _optimiser_notes()
    milestones = {
        "shortlist": bool(plan.shortlist),
        "smart": any(score == 5 for score in smart_scores),
        "retroplan": bool(plan.tasks),
        "remuneration": bool(plan.remunerations),
        "budget": bool(len(lines)) and envelope > 0 and 0 < total <= envelope,
        "kpis": any(k.target is not None for k in plan.kpi_targets),
        "results": bool(plan.results),
    }
    return PlanFacts(
        milestones=milestones,
        smart_scores=smart_scores,
        remuneration_kinds=tuple(r.kind for r in plan.remunerations),
        budget_by_tier={str(k): float(v) for k, v in by_tier.items()},
        budget_by_platform={str(k): float(v) for k, v in by_platform.items()},
        budget_total=total,
        envelope=envelope,
        optimiser_pick=any(e.note in notes for e in plan.shortlist),
        unsigned_contracts=unsigned,
        missing_clauses=missing,
        has_results=bool(plan.results),
        roas=revenue / cost if cost > 0 else math.nan,
        cost_per_result=cost / conversions if conversions > 0 else math.nan,
        brand_fit=sum(fit_values) / len(fit_values) if fit_values else math.nan,
    )


_cache: OrderedDict[tuple[str, int, bool], PlanFacts] = OrderedDict()
_CACHE_SIZE = 512


def known_facts(token: str, revision: int | None, *, detail: bool = True) -> PlanFacts | None:
    """The facts already read for this plan revision, if any (no plan needs loading then)."""
    if revision is None:
        return None
    found = _cache.get((token, revision, True))
    if found is None and not detail:
        found = _cache.get((token, revision, False))
    return found


def cached_facts(
    token: str, revision: int, plan: Plan, today: dt.date | None = None, *, detail: bool = True
) -> PlanFacts:
    """:func:`plan_facts`, kept per plan revision: a live dashboard recomputes only what changed."""
    found = known_facts(token, revision, detail=detail)
    if found is None:
        found = plan_facts(plan, today, detail=detail)
        _cache[(token, revision, detail)] = found
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(
            (token, revision, True)
            if (token, revision, True) in _cache
            else (token, revision, False)
        )
    return found


# --- class views ------------------------------------------------------------------------------


def dashboard(rows: Mapping[str, PlanFacts | None]) -> pd.DataFrame:
    """One row per trainee (key: their name), one boolean column per milestone, and ``done``."""
    records = []
    for name, facts in rows.items():
        record: dict[str, object] = {"trainee": name}
        for milestone in MILESTONES:
            record[milestone] = bool(facts and facts.milestones.get(milestone))
        record["done"] = facts.done() if facts else 0
        records.append(record)
    return pd.DataFrame(records, columns=["trainee", *MILESTONES, "done"])


def counts(values: Sequence[str]) -> pd.DataFrame:
    """How many times each value occurs, most frequent first."""
    counter = Counter(values)
    return pd.DataFrame(counter.most_common(), columns=["value", "count"])


def remuneration_distribution(facts: Sequence[PlanFacts]) -> pd.DataFrame:
    """How many influencers of the class are paid under each model."""
    return counts([kind for f in facts for kind in f.remuneration_kinds])


def budget_distribution(facts: Sequence[PlanFacts], by: str) -> pd.DataFrame:
    """The class's budget (HT) summed by ``tier`` or ``platform``, with how many plans use each."""
    totals: Counter[str] = Counter()
    plans: Counter[str] = Counter()
    for f in facts:
        split = f.budget_by_tier if by == "tier" else f.budget_by_platform
        for key, value in split.items():
            totals[key] += value
            plans[key] += 1
    rows = [{"value": k, "total_eur_ht": v, "plans": plans[k]} for k, v in totals.most_common()]
    return pd.DataFrame(rows, columns=["value", "total_eur_ht", "plans"])


def smart_distribution(facts: Sequence[PlanFacts]) -> pd.DataFrame:
    """How many objectives of the class meet 0..5 SMART criteria."""
    counter = Counter(score for f in facts for score in f.smart_scores)
    return pd.DataFrame(
        [{"value": score, "count": counter.get(score, 0)} for score in range(6)],
        columns=["value", "count"],
    )


def optimiser_distribution(facts: Sequence[PlanFacts]) -> pd.DataFrame:
    """How many plans took the optimiser's pick and how many kept their own."""
    picked = sum(1 for f in facts if f.optimiser_pick)
    return pd.DataFrame(
        [{"value": "optimiser", "count": picked}, {"value": "own", "count": len(facts) - picked}]
    )


def compliance_distribution(facts: Sequence[PlanFacts]) -> pd.DataFrame:
    """The class's compliance findings by kind, and the plans with none."""
    return pd.DataFrame(
        [
            {"value": "unsigned_contracts", "count": sum(f.unsigned_contracts for f in facts)},
            {"value": "missing_clauses", "count": sum(f.missing_clauses for f in facts)},
            {"value": "clean_plans", "count": sum(1 for f in facts if not f.compliance_findings)},
        ]
    )


def ranking(rows: Mapping[str, PlanFacts]) -> pd.DataFrame:
    """After the simulated campaign: each trainee with results ranked on every criterion, and
    overall by their mean rank (ties share a rank; a missing figure ranks last)."""
    names = [name for name, f in rows.items() if f.has_results]
    if not names:
        return pd.DataFrame(
            columns=["trainee", *CRITERIA, *(f"rank_{c}" for c in CRITERIA), "rank"]
        )
    frame = pd.DataFrame(
        {
            "trainee": names,
            **{c: [float(getattr(rows[n], c)) for n in names] for c in CRITERIA},
        }
    )
    for criterion, higher in CRITERIA.items():
        frame[f"rank_{criterion}"] = (
            frame[criterion]
            .rank(ascending=not higher, method="min", na_option="bottom")
            .astype(int)
        )
    mean_rank = frame[[f"rank_{c}" for c in CRITERIA]].mean(axis=1)
    frame["rank"] = mean_rank.rank(method="min").astype(int)
    return frame.sort_values(["rank", "trainee"]).reset_index(drop=True)


def plan_card(plan: Plan, facts: PlanFacts, lang: str = "fr") -> list[tuple[str, str]]:
    """A plan in a few lines for the debrief (label, value), to compare two plans side by side."""
    from influkit.strategy import objectives as smart
    from influkit.text.formats import fmt_list, fmt_money, fmt_number
    from influkit.text.i18n import label, t

    kinds = Counter(facts.remuneration_kinds)
    models = fmt_list(
        (f"{label('compensation.kind', kind, lang)} × {count}" for kind, count in kinds.items()),
        lang,
    )
    rows = [
        (t("classroom.card_title", lang), plan.title or plan.brief.brand),
        (t("classroom.card_shortlist", lang), fmt_number(len(plan.shortlist), lang)),
        (
            t("classroom.card_budget", lang),
            t(
                "classroom.card_budget_value",
                lang,
                total=fmt_money(facts.budget_total, lang, 0),
                envelope=fmt_money(facts.envelope, lang, 0),
            ),
        ),
        (t("classroom.card_models", lang), models or "—"),
        (t("classroom.card_findings", lang), fmt_number(facts.compliance_findings, lang)),
    ]
    for objective in plan.objectives:
        rows.append((t("classroom.card_objective", lang), smart.sentence(objective, lang)))
    if facts.has_results:
        rows.append((t("classroom.rank_roas", lang), fmt_number(facts.roas, lang, 2)))
        rows.append(
            (t("classroom.rank_cost_per_result", lang), fmt_money(facts.cost_per_result, lang))
        )
    return rows


def live_table(
    rows: Sequence[tuple[str, PlanFacts | None, int, Sequence[str]]], lang: str = "fr"
) -> pd.DataFrame:
    """The trainer's live view, one row per trainee, columns named in ``lang``: how many
    milestones are reached, each milestone ticked, quizzes submitted out of all,
    self-positioning phases done.

    ``rows``: (name, facts, quizzes submitted, positioning phases filled in) per trainee."""
    from influkit.classroom.quiz import QUIZZES
    from influkit.text.i18n import t

    table = dashboard({str(i): facts for i, (_, facts, _, _) in enumerate(rows)})
    table["trainee"] = [name for name, _, _, _ in rows]
    for milestone in MILESTONES:
        table[milestone] = table[milestone].map({True: "✅", False: "·"})
    table["quizzes"] = [f"{done}/{len(QUIZZES)}" for _, _, done, _ in rows]
    table["positioning"] = [
        " / ".join(t(f"classroom.phase_{ph}", lang) for ph in ("before", "after") if ph in phases)
        or "·"
        for _, _, _, phases in rows
    ]
    # How many steps are done comes right after the name: it stays in sight when the table
    # scrolls beside the trainer's panel.
    order = ["trainee", "done", *MILESTONES, "quizzes", "positioning"]
    return table[order].rename(
        columns={
            "trainee": t("classroom.col_trainee", lang),
            **{m: t(f"classroom.milestone_{m}", lang) for m in MILESTONES},
            "done": t("classroom.col_done", lang),
            "quizzes": t("classroom.col_quizzes", lang),
            "positioning": t("classroom.col_positioning", lang),
        }
    )
