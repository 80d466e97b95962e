"""A trainee's plan as the trainer reads it beside the class: its key facts, written out.

:func:`review` reads one plan and returns what the trainer's panel shows — the shortlist with
tiers and platforms, the SMART objectives and their scores, the retro-plan's dates and critical
path, the remuneration models, the budget against the envelope, the KPIs with their targets
(expected from the plan's one forecast, and measured once there are results), the results and
the compliance findings. Every figure is computed and written by the same functions as the
pages (the KPI catalogue's :func:`~influkit.kpis.fmt_kpi`, :func:`~influkit.campaign.forecast.forecast`),
so the panel and the pages agree. Nothing here changes the plan.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field

import pandas as pd

from influkit.campaign import forecast, results
from influkit.campaign.budget import plan as budget_plan
from influkit.campaign.compensation import simulator as remuneration
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.kpis import fmt_kpi, kpi_label
from influkit.operations.schedule import gantt
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import Plan
from influkit.strategy import objectives as smart
from influkit.strategy import success
from influkit.text.formats import fmt_amount, fmt_date, fmt_list, fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import label, t

#: The results the panel shows once the campaign has run, in this order (KPI codes).
RESULT_KPIS: tuple[str, ...] = ("reach", "engagements", "clicks", "conversions", "revenue", "roas")


@dataclass(frozen=True)
class ObjectiveLine:
    """One SMART objective: its sentence, its score out of 5 and the criteria it misses."""

    sentence: str
    score: int
    missing: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlanReview:
    """What the trainer's panel shows of one plan, every value already written for people.

    Tables have translated column names; ``facts`` are (label, value) pairs. An empty table or
    list means the trainee has not reached that step yet.
    """

    title: str
    shortlist: pd.DataFrame
    objectives: tuple[ObjectiveLine, ...]
    schedule_facts: tuple[tuple[str, str], ...]
    critical_path: tuple[str, ...]
    schedule_error: str
    remuneration: pd.DataFrame
    budget_facts: tuple[tuple[str, str], ...]
    over_budget: str
    kpis: pd.DataFrame
    results_source: str
    result_facts: tuple[tuple[str, str], ...]
    findings: tuple[str, ...] = field(default=())


def _shortlist(plan: Plan, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    short = profiles.shortlist_table(plan)
    return pd.DataFrame(
        {
            t("classroom.review.col_name", lang): [str(n) for n in short["display_name"]],
            t("classroom.review.col_platform", lang): [
                label("data.platform", p, lang) for p in short["platform"]
            ],
            t("classroom.review.col_tier", lang): [
                label("metrics.tier", x, lang) for x in short["tier"]
            ],
            t("classroom.review.col_followers", lang): [
                fmt_number(v, lang) for v in short["followers"]
            ],
            t("classroom.review.col_role", lang): [label("role", r, lang) for r in short["role"]],
        }
    )


def _objectives(plan: Plan, lang: str, today: dt.date) -> tuple[ObjectiveLine, ...]:
    short = profiles.shortlist_table(plan)
    lines = []
    for objective in plan.objectives:
        report = smart.validate(objective, plan, lang, table=short, today=today)
        missing = tuple(t(f"smart.criterion.{c.code}", lang) for c in report.criteria if not c.ok)
        lines.append(ObjectiveLine(smart.sentence(objective, lang), report.score, missing))
    return tuple(lines)


def _schedule(plan: Plan, lang: str) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...], str]:
    """The retro-plan's key dates, its critical path (task names, in order) and any error."""
    if not plan.tasks:
        return (), (), ""
    try:
        scheduled = gantt.schedule_plan_tasks(plan.tasks, plan.brief.launch_date)
    except UserError as err:
        return (), (), err.message(lang)
    figures = gantt.summary(scheduled)
    facts = (
        (t("gantt.metric_first_day", lang), fmt_date(figures["first_day"], lang)),
        (t("gantt.metric_launch", lang), fmt_date(figures["launch"], lang)),
        (t("gantt.metric_last_day", lang), fmt_date(figures["last_day"], lang)),
        (t("gantt.metric_critical", lang), fmt_number(figures["critical_tasks"], lang)),
    )
    critical = scheduled.loc[
        scheduled["critical"].astype(bool) & ~scheduled["milestone"].astype(bool)
    ].sort_values(["start", "end"], kind="stable")
    # The path reads as its phases in order; a task of the trainee's own reads as its name.
    steps: list[str] = []
    for phase, name in zip(critical["phase"], critical["name"], strict=True):
        step = label("retroplan.phase", phase, lang) if phase in retroplan.PHASES else str(name)
        if step not in steps:
            steps.append(step)
    path = tuple(steps)
    return facts, path, ""


def _remuneration(plan: Plan, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    chosen = remuneration.chosen_summary(plan, table, lang)
    return pd.DataFrame(
        {
            t("classroom.review.col_name", lang): list(chosen["name"]),
            t("classroom.review.col_model", lang): list(chosen["model"]),
            t("classroom.review.col_brand_cost", lang): [
                fmt_money(v, lang) for v in chosen["brand_cost_eur"]
            ],
        }
    )


def _budget(plan: Plan, table: pd.DataFrame, lang: str) -> tuple[tuple[tuple[str, str], ...], str]:
    if not plan.budget_lines:
        return (), ""
    summary = budget_plan.summary(plan, table)
    facts = [
        (t("budget.summary.total_ht", lang), fmt_amount(summary.total_ht, lang)),
        (t("budget.summary.envelope", lang), fmt_amount(summary.envelope, lang)),
        (t("budget.summary.remaining", lang), fmt_amount(summary.remaining, lang)),
    ]
    if summary.envelope > 0:
        facts.append(
            (t("budget.summary.share_used", lang), fmt_percent(summary.share_used, lang, 1))
        )
    over = (
        t("budget.summary.over_budget", lang, overrun=fmt_money(-summary.remaining, lang))
        if summary.over_budget
        else ""
    )
    return tuple(facts), over


def _kpis(plan: Plan, table: pd.DataFrame, lang: str) -> pd.DataFrame:
    expected = forecast.forecast(plan, table=table)
    measured: dict[str, results.KpiProgress] = {}
    if plan.results:
        sums = results.totals(results.results_frame(plan, table))
        measured = {row.kpi: row for row in results.progress(plan, sums)}
    rows = []
    seen: set[str] = set()
    for target in plan.kpi_targets:
        if target.kpi in seen:
            continue
        seen.add(target.kpi)
        outlook = (
            fmt_kpi(target.kpi, expected.total(target.kpi), lang)
            if target.kpi in forecast.METRICS and len(expected.rows)
            else "—"
        )
        row = {
            t("classroom.review.col_kpi", lang): kpi_label(target.kpi, lang),
            t("classroom.review.col_target", lang): fmt_kpi(target.kpi, target.target, lang),
            t("classroom.review.col_expected", lang): outlook,
        }
        if plan.results:
            progress = measured.get(target.kpi)
            row[t("classroom.review.col_actual", lang)] = (
                fmt_kpi(target.kpi, progress.actual, lang) if progress else "—"
            )
            row[t("classroom.review.col_status", lang)] = (
                t(f"classroom.review.status_{progress.status}", lang) if progress else "—"
            )
        rows.append(row)
    return pd.DataFrame(rows)


def _results(plan: Plan, table: pd.DataFrame, lang: str) -> tuple[tuple[str, str], ...]:
    if not plan.results:
        return ()
    sums = results.totals(results.results_frame(plan, table))
    values = results.kpi_values(sums)
    facts = [(kpi_label(k, lang), fmt_kpi(k, values[k], lang)) for k in RESULT_KPIS]
    facts.append((kpi_label("cost", lang), fmt_kpi("cost", sums["cost_eur_ht"], lang)))
    return tuple(facts)


def _findings(plan: Plan, table: pd.DataFrame, lang: str) -> tuple[str, ...]:
    """Contracts required but unsigned or missing clauses, then the campaign's incidents."""
    found: list[str] = []
    if plan.shortlist:
        rows = success.compliance_table(plan, table, lang)
        required = rows.loc[rows["contract_required"].astype(bool)]
        unsigned = [str(r["name"]) for _, r in required.iterrows() if not r["signed"]]
        incomplete = [str(r["name"]) for _, r in required.iterrows() if r["missing_clauses"]]
        for key, names in (("unsigned", unsigned), ("clauses", incomplete)):
            if names:
                found.append(
                    t(
                        f"classroom.review.finding_{key}",
                        lang,
                        count=fmt_number(len(names), lang),
                        names=fmt_list(names, lang),
                    )
                )
    for kind, count in results.incident_counts(plan).items():
        if count:
            found.append(
                t(
                    "classroom.review.finding_incident",
                    lang,
                    incident=t(f"simulate.incident.{kind}", lang),
                    count=fmt_number(count, lang),
                )
            )
    return tuple(found)


_cache: OrderedDict[tuple[str, int, str, dt.date], PlanReview] = OrderedDict()
_CACHE_SIZE = 64


def known_review(
    token: str, revision: int | None, lang: str = "fr", today: dt.date | None = None
) -> PlanReview | None:
    """The review already written for this plan revision and language, if any (no plan needs
    loading then)."""
    if revision is None:
        return None
    return _cache.get((token, revision, lang, today or dt.date.today()))


def cached_review(
    token: str, revision: int, plan: Plan, lang: str = "fr", today: dt.date | None = None
) -> PlanReview:
    """:func:`review`, kept per plan revision and language: a live panel recomputes only when
    the trainee changed their plan."""
    today = today or dt.date.today()
    key = (token, revision, lang, today)
    found = _cache.get(key)
    if found is None:
        found = _cache[key] = review(plan, lang, today)
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    else:
        _cache.move_to_end(key)
    return found


def review(plan: Plan, lang: str = "fr", today: dt.date | None = None) -> PlanReview:
    """What the trainer's panel shows of ``plan``, in ``lang`` (reads the plan, never changes it)."""
    today = today or dt.date.today()
    table = profiles.influencer_table(plan)
    schedule_facts, critical_path, schedule_error = _schedule(plan, lang)
    budget_facts, over_budget = _budget(plan, table, lang)
    return PlanReview(
        title=plan.title or plan.brief.brand,
        shortlist=_shortlist(plan, table, lang),
        objectives=_objectives(plan, lang, today),
        schedule_facts=schedule_facts,
        critical_path=critical_path,
        schedule_error=schedule_error,
        remuneration=_remuneration(plan, table, lang),
        budget_facts=budget_facts,
        over_budget=over_budget,
        kpis=_kpis(plan, table, lang),
        results_source=results.source_note(plan, lang),
        result_facts=_results(plan, table, lang),
        findings=_findings(plan, table, lang),
    )
