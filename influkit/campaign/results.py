"""Campaign results: measured posts, the KPIs they give, targets against actuals, breakdowns.

Results are the plan's ``results`` rows (the case's sample file, a simulation of the plan, an
uploaded file or the plan's workbook); the plan records where they come from
(:func:`set_results`, :func:`source_of`) so the dashboard always says it. Every KPI is
computed on sums — never as an average of per-post ratios — with the metric contract of
:mod:`influkit.metrics`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from influkit import metrics
from influkit.data import datasets
from influkit.kpis import lower_is_better
from influkit.plan.model import INCIDENT_KINDS, Plan, ResultIncident, ResultRow
from influkit.text.formats import fmt_date, fmt_number
from influkit.text.i18n import label, t
from influkit.values import as_number

SUMMED = ("cost_eur_ht", "impressions", "reach", "views", "engagements", "clicks",
          "conversions", "revenue_eur")  # fmt: skip
#: The funnel, from being seen to paying.
FUNNEL = ("impressions", "engagements", "clicks", "conversions", "revenue_eur")
#: KPIs a results file measures, with how each is computed from the sums.
MEASURED_KPIS: tuple[str, ...] = (
    "reach", "impressions", "views", "engagements", "engagement_rate", "clicks", "ctr",
    "conversions", "conversion_rate", "revenue", "cpm", "cpe", "cpc", "cpv", "cpa", "roas",
    "roi",
)  # fmt: skip
STATUSES = ("reached", "on_track", "behind", "no_target", "not_measured")


def sample_results(case_id: str) -> list[ResultRow]:
    """The simulated results of a case study's campaign, as plan rows."""
    frame = datasets.load("campaign_results")
    rows = frame.loc[frame["case_id"] == case_id]
    return [
        ResultRow(
            post_ref=r.post_ref,
            influencer_id=r.influencer_id,
            platform=r.platform,
            published_on=r.published_on.date(),
            cost_eur_ht=r.cost_eur_ht,
            impressions=r.impressions,
            reach=r.reach,
            views=r.views,
            engagements=r.engagements,
            clicks=r.clicks,
            conversions=r.conversions,
            revenue_eur=r.revenue_eur,
        )
        for r in rows.itertuples(index=False)
    ]


def set_results(
    plan: Plan,
    rows: Iterable[ResultRow],
    source: str,
    *,
    seed: int | None = None,
    incidents: Iterable[ResultIncident] = (),
    on: dt.date | None = None,
) -> None:
    """Put results in the plan and record where they come from, when, and for a simulation its
    seed and incidents (only those about posts still in the results are kept)."""
    rows = list(rows)
    refs = {row.post_ref for row in rows}
    plan.results = rows
    plan.results_source = source if rows else "none"
    plan.results_seed = int(seed) if rows and source == "simulation" and seed is not None else None
    plan.results_incidents = [i for i in incidents if i.post_ref in refs]
    plan.results_updated_on = (on or dt.date.today()) if rows else None


def source_of(plan: Plan) -> str:
    """Where the plan's results come from; for a plan saved before sources were recorded, the
    case's sample when every post is one of its rows, else an upload."""
    if not plan.results:
        return "none"
    if plan.results_source != "none":
        return plan.results_source
    if plan.case_id:
        sample = {row.post_ref for row in sample_results(plan.case_id)}
        if sample and all(row.post_ref in sample for row in plan.results):
            return "case_sample"
    return "upload"


def source_banner(plan: Plan, lang: str = "fr") -> str:
    """The sentence saying where the dashboard's results come from (empty without results)."""
    source = source_of(plan)
    if source == "none":
        return ""
    count = fmt_number(len(plan.results), lang)
    influencers = fmt_number(len({row.influencer_id for row in plan.results}), lang)
    day = plan.results_updated_on
    suffix = "" if day else "_undated"
    return t(
        f"simulate.banner.{source}{suffix}",
        lang,
        count=count,
        influencers=influencers,
        date=fmt_date(day, lang) if day else "",
        seed=fmt_number(plan.results_seed or 0, lang),
    )


def source_note(plan: Plan, lang: str = "fr") -> str:
    """A short line saying where the results come from, for exports (empty without results)."""
    source = source_of(plan)
    if source == "none":
        return ""
    return t(f"simulate.note.{source}", lang, seed=fmt_number(plan.results_seed or 0, lang))


def foreign_influencers(plan: Plan) -> list[str]:
    """Influencers of the results who are not on the plan's shortlist, in order of appearance."""
    shortlisted = set(plan.shortlisted_ids())
    seen: dict[str, None] = {}
    for row in plan.results:
        if row.influencer_id not in shortlisted:
            seen.setdefault(row.influencer_id)
    return list(seen)


def incident_counts(plan: Plan) -> dict[str, int]:
    """How many posts of the results carry each kind of incident."""
    counts = dict.fromkeys(INCIDENT_KINDS, 0)
    for incident in plan.results_incidents:
        counts[incident.kind] += 1
    return counts


def incidents_frame(
    plan: Plan, table: pd.DataFrame | None = None, lang: str = "fr"
) -> pd.DataFrame:
    """The incidents of the results as a table to read: what, who, where, planned and actual day."""
    handles = {}
    if table is not None and len(table):
        handles = dict(zip(table["influencer_id"], table["handle"], strict=True))
    order = {kind: i for i, kind in enumerate(INCIDENT_KINDS)}
    incidents = sorted(
        plan.results_incidents, key=lambda i: (order[i.kind], i.planned_on or dt.date.min)
    )
    return pd.DataFrame(
        {
            t("simulate.col.incident", lang): [
                t(f"simulate.incident.{i.kind}", lang) for i in incidents
            ],
            t("simulate.col.influencer", lang): [
                handles.get(i.influencer_id, i.influencer_id) for i in incidents
            ],
            t("simulate.col.platform", lang): [
                label("data.platform", i.platform, lang) for i in incidents
            ],
            t("simulate.col.planned_on", lang): [fmt_date(i.planned_on, lang) for i in incidents],
            t("simulate.col.published_on", lang): [
                fmt_date(i.published_on, lang) if i.published_on else t("simulate.never", lang)
                for i in incidents
            ],
        }
    )


def results_frame(plan: Plan, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The plan's results as a table, with each influencer's handle and tier when known."""
    columns = ["post_ref", "influencer_id", "platform", "published_on", *SUMMED]
    frame = pd.DataFrame([row.model_dump() for row in plan.results], columns=columns)
    frame["published_on"] = pd.to_datetime(frame["published_on"])
    for column in SUMMED:
        frame[column] = pd.to_numeric(frame[column], errors="coerce").fillna(0.0)
    handles = tiers = pd.Series(dtype=object)
    if table is not None and len(table):
        handles = table.set_index("influencer_id")["handle"]
        tiers = table.set_index("influencer_id")["tier"]
    frame["handle"] = frame["influencer_id"].map(handles).astype(object)
    frame["handle"] = frame["handle"].where(frame["handle"].notna(), frame["influencer_id"])
    frame["tier"] = frame["influencer_id"].map(tiers).astype(object)
    frame["tier"] = frame["tier"].where(frame["tier"].notna(), "unknown")
    return frame


def totals(frame: pd.DataFrame) -> dict[str, float]:
    """The sums of every measured column."""
    return {column: float(frame[column].sum()) if len(frame) else 0.0 for column in SUMMED}


def kpi_values(sums: Mapping[str, float]) -> dict[str, float]:
    """Every measured KPI from the sums (NaN where a denominator is zero)."""
    cost, revenue = sums["cost_eur_ht"], sums["revenue_eur"]
    return {
        "reach": sums["reach"],
        "impressions": sums["impressions"],
        "views": sums["views"],
        "engagements": sums["engagements"],
        "engagement_rate": metrics.engagement_rate(
            sums["engagements"], reach=sums["reach"], basis="reach"
        ),
        "clicks": sums["clicks"],
        "ctr": metrics.ctr(sums["clicks"], sums["impressions"]),
        "conversions": sums["conversions"],
        "conversion_rate": metrics.conversion_rate(sums["conversions"], sums["clicks"]),
        "revenue": revenue,
        "cpm": metrics.cpm(cost, sums["impressions"]),
        "cpe": metrics.cpe(cost, sums["engagements"]),
        "cpc": metrics.cpc(cost, sums["clicks"]),
        "cpv": metrics.cpv(cost, sums["views"]),
        "cpa": metrics.cpa(cost, sums["conversions"]),
        "roas": metrics.roas(revenue, cost),
        "roi": metrics.roi(revenue, cost),
    }


def margin_rate(plan: Plan) -> float | None:
    """The margin rate the ROI on margin uses: the case's, as the trainee edited it; None for a
    plan without a case that never set one."""
    from influkit.campaign import forecast

    if not plan.case_id and plan.settings.assumptions.margin_rate is None:
        return None
    return as_number(forecast.assumptions_in_force(plan).margin_rate, None)


def plan_kpi_values(plan: Plan) -> dict[str, float]:
    """Every KPI the plan's results give, as the workbook's KPI sheet computes them: the measured
    KPIs, the cost, the EMV at the plan's rates and the ROI on margin (none where a denominator
    is zero)."""
    frame = results_frame(plan)
    sums = totals(frame)
    values = {"cost": sums["cost_eur_ht"], **kpi_values(sums)}
    platforms = frame["platform"].replace("", None)
    rates = plan.settings.assumptions.emv_rates or None
    emv = metrics.emv(frame["impressions"], frame["engagements"], platforms, rates=rates)
    values["emv"] = float(pd.Series(emv, dtype=float).sum())
    margin = margin_rate(plan)
    cost, revenue = sums["cost_eur_ht"], sums["revenue_eur"]
    values["roi_margin"] = metrics.roi(revenue * margin, cost) if margin is not None else math.nan
    return {code: float(v) for code, v in values.items() if not math.isnan(v)}


def breakdown(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Sums and KPIs per group: ``by`` is influencer_id, tier, platform or week."""
    if by == "week":
        keyed = frame.assign(week=frame["published_on"].dt.to_period("W-SUN").dt.start_time)
    else:
        keyed = frame
    sums = keyed.groupby(by, dropna=False)[list(SUMMED)].sum()
    kpis = pd.DataFrame([kpi_values(row) for row in sums.to_dict("records")], index=sums.index)
    out = sums.join(kpis.drop(columns=[c for c in kpis.columns if c in sums.columns]))
    if by == "influencer_id" and "handle" in frame.columns:
        out = out.join(frame.groupby("influencer_id")[["handle", "platform", "tier"]].first())
    out["posts"] = keyed.groupby(by, dropna=False).size()
    return out.reset_index()


def funnel(sums: Mapping[str, float]) -> pd.DataFrame:
    """The funnel stages with their value and the rate from the previous stage."""
    values = [sums[stage] for stage in FUNNEL]
    previous = [np.nan, *values[:-1]]
    rates = [
        metrics.ratio(v, p) if i and FUNNEL[i] != "revenue_eur" else np.nan
        for i, (v, p) in enumerate(zip(values, previous, strict=True))
    ]
    return pd.DataFrame({"stage": FUNNEL, "value": values, "rate_from_previous": rates})


@dataclass(frozen=True)
class KpiProgress:
    """One KPI target against its actual value."""

    kpi: str
    target: float | None
    actual: float
    progress: float  # 1.0 = target met; NaN when it cannot be judged
    status: str


def progress(plan: Plan, sums: Mapping[str, float]) -> list[KpiProgress]:
    """Each KPI target of the plan against the results (ceilings for cost KPIs)."""
    values = kpi_values(sums)
    rows: list[KpiProgress] = []
    seen: set[str] = set()
    for target in plan.kpi_targets:
        if target.kpi in seen:
            continue
        seen.add(target.kpi)
        actual = values.get(target.kpi, np.nan)
        if target.kpi not in values:
            rows.append(KpiProgress(target.kpi, target.target, np.nan, np.nan, "not_measured"))
            continue
        if target.target is None or target.target == 0 or np.isnan(actual):
            rows.append(KpiProgress(target.kpi, target.target, actual, np.nan, "no_target"))
            continue
        if lower_is_better(target.kpi):
            ratio = metrics.ratio(target.target, actual)
        else:
            ratio = metrics.ratio(actual, target.target)
        status = "reached" if ratio >= 1 else "on_track" if ratio >= 0.8 else "behind"
        rows.append(KpiProgress(target.kpi, target.target, actual, float(ratio), status))
    return rows


def performers(
    frame: pd.DataFrame, kpi: str = "roas", n: int = 3
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The best and the worst influencers by ``kpi`` (for cost KPIs, lowest is best)."""
    table = breakdown(frame, "influencer_id").dropna(subset=[kpi])
    ascending = lower_is_better(kpi)
    ordered = table.sort_values(kpi, ascending=ascending, kind="stable")
    n = min(n, len(ordered) // 2) if len(ordered) > 1 else len(ordered)
    return ordered.head(n), ordered.tail(n).iloc[::-1] if n else ordered.head(0)


def emv_by_platform(
    frame: pd.DataFrame,
    rates: Mapping[str, Mapping[str, float]] | None = None,
) -> pd.DataFrame:
    """Earned media value per platform with the rates used (illustrative, never revenue)."""
    table = metrics.emv_rates(rates or None)
    sums = frame.groupby("platform")[["impressions", "engagements"]].sum().reset_index()
    sums["cpm_rate_eur"] = sums["platform"].map(lambda p: table.get(p, table["other"])["cpm_eur"])
    sums["value_per_engagement_eur"] = sums["platform"].map(
        lambda p: table.get(p, table["other"])["value_per_engagement_eur"]
    )
    sums["emv_eur"] = metrics.emv(
        sums["impressions"], sums["engagements"], sums["platform"], rates=rates or None
    )
    return sums


def rows_from_import(rows: list[dict], table: pd.DataFrame) -> tuple[list[ResultRow], list[str]]:
    """Result rows from an import, each handle matched to a known influencer when possible.

    Returns the rows and the handles no influencer of the table matches (they keep the
    handle as their id, so nothing imported is dropped).
    """
    from influkit.data.importer import handle_key

    by_handle = {
        (handle_key(str(h)), p): i
        for h, p, i in zip(table["handle"], table["platform"], table["influencer_id"], strict=True)
    }
    by_handle_any = {
        handle_key(str(h)): i for h, i in zip(table["handle"], table["influencer_id"], strict=True)
    }
    known = set(table["influencer_id"])
    converted, unmatched = [], []
    for row in rows:
        data = {k: v for k, v in row.items() if k in ResultRow.model_fields and v is not None}
        influencer = data.get("influencer_id")
        handle = row.get("handle")
        if (not influencer or influencer not in known) and handle:
            key = handle_key(str(handle))
            influencer = by_handle.get((key, row.get("platform"))) or by_handle_any.get(key)
            if influencer is None:
                unmatched.append(str(handle))
                influencer = str(handle)
        data["influencer_id"] = influencer or ""
        converted.append(ResultRow(**data))
    return converted, sorted(set(unmatched))


# --- filling the results from the page --------------------------------------------------------

#: Where results can come from on the page: a simulation of the plan, the case's sample.
FILL_ACTIONS: tuple[str, ...] = ("simulation", "case_sample")


def fill(plan: Plan, action: str, seed: int | None = None, lang: str = "fr") -> tuple[str, str]:
    """Replace the plan's results by a simulation of the plan (with ``seed``) or by the case's
    sample; returns the kind and text of the message to show (results unchanged on failure)."""
    from influkit.campaign import simulate
    from influkit.errors import UserError

    if action == "simulation":
        try:
            simulation = simulate.simulate_campaign(plan, seed or 0)
        except UserError as err:
            return "error", t("simulate.failed", lang, reason=err.message(lang))
        if simulation.results.empty:
            return "warning", t("simulate.nothing_to_play", lang)
        set_results(
            plan,
            simulation.rows(),
            "simulation",
            seed=simulation.seed,
            incidents=simulation.incidents,
        )
        count, seed_text = fmt_number(len(plan.results), lang), fmt_number(simulation.seed, lang)
        return "success", t("simulate.simulated", lang, count=count, seed=seed_text)
    set_results(plan, sample_results(plan.case_id), "case_sample")
    return "success", t("results.loaded_sample", lang, count=fmt_number(len(plan.results), lang))


def replace_question(plan: Plan, action: str, seed: int | None, lang: str = "fr") -> str:
    """What to ask before results already in the plan are replaced."""
    count = fmt_number(len(plan.results), lang)
    if action == "simulation":
        seed_text = fmt_number(seed or 0, lang)
        return t("simulate.confirm_replace", lang, count=count, seed=seed_text)
    return t("results.confirm_replace", lang, count=count)


def add_imported(
    plan: Plan, rows: list[dict], table: pd.DataFrame, mode: str = "append"
) -> tuple[int, list[str]]:
    """Add (``append``) or put in place (``replace``) the valid rows of a results file; returns
    how many were added and the handles no influencer matches. A LimitExceeded leaves the plan
    as it was."""
    from influkit.data import limits

    converted, unmatched = rows_from_import(rows, table)
    kept = [] if mode == "replace" else plan.results
    merged = [*kept, *converted]
    if len(merged) > limits.PLAN_LIST_ITEMS.value:
        raise limits.LimitExceeded(limits.PLAN_LIST_ITEMS, len(merged))
    set_results(plan, merged, "upload", incidents=plan.results_incidents if kept else ())
    return len(converted), unmatched


def set_target(plan: Plan, kpi: str, target: float) -> None:
    """Set the target of a KPI (replacing any earlier one)."""
    from influkit.plan.model import KpiTarget

    others = [k for k in plan.kpi_targets if k.kpi != kpi]
    plan.kpi_targets = [*others, KpiTarget(kpi=kpi, target=target)]


def target_of(plan: Plan, kpi: str) -> float | None:
    """The plan's target for a KPI, if it has one."""
    return next((k.target for k in plan.kpi_targets if k.kpi == kpi), None)


# --- what the dashboard shows -----------------------------------------------------------------

#: The campaign's key figures, two rows of four.
HEADLINE_KPIS: tuple[str, ...] = (
    "impressions", "reach", "engagements", "clicks", "conversions", "revenue", "roas", "roi",
)  # fmt: skip
#: The cost figures under them.
COST_KPIS: tuple[str, ...] = ("cpm", "cpe", "cpc", "cpa", "ctr")
#: The KPIs a breakdown can show, and how results can be broken down.
BREAKDOWN_KPIS: tuple[str, ...] = (
    "roas", "cpa", "cpm", "cpe", "conversions", "engagements", "reach", "revenue",
)  # fmt: skip
BREAKDOWN_BY: tuple[str, ...] = ("influencer_id", "tier", "platform", "week")
#: The figures of each group listed under a breakdown's chart.
BREAKDOWN_COLUMNS: tuple[str, ...] = (
    "impressions", "engagements", "clicks", "conversions", "revenue", "cpm", "cpa", "roas",
)  # fmt: skip
#: The KPIs the best and worst performers are ranked by.
PERFORMER_KPIS: tuple[str, ...] = ("roas", "cpa", "cpe", "cpm", "conversions")


def kpi_column(kpi: str) -> str:
    """The column of a breakdown holding a KPI (revenue is summed in euros)."""
    return "revenue_eur" if kpi == "revenue" else kpi


def status_text(row: KpiProgress, lang: str = "fr") -> str:
    """A target's status in words: reached, nearly there, behind (with the share reached)."""
    from influkit.kpis import fmt_kpi
    from influkit.text.formats import fmt_percent

    measured = row.status in ("reached", "on_track", "behind")
    share = fmt_percent(row.progress, lang, 0) if measured else ""
    target = fmt_kpi(row.kpi, row.target, lang)
    return t(f"results.status.{row.status}", lang, target=target, percent=share)


def group_names(groups: pd.DataFrame, by: str, lang: str = "fr") -> list[str]:
    """The readable name of each group of a breakdown: handle, week's Monday, tier, platform."""
    if by == "influencer_id":
        return [str(h) for h in groups["handle"]]
    if by == "week":
        return list(groups["week"].dt.strftime("%d/%m"))
    namespace = "metrics.tier" if by == "tier" else "data.platform"
    unknown = t("results.unknown", lang)
    return [unknown if code == "unknown" else label(namespace, code, lang) for code in groups[by]]


def breakdown_table(
    groups: pd.DataFrame, by: str, names: list[str], lang: str = "fr"
) -> pd.DataFrame:
    """A breakdown's groups as the page lists them: posts, cost and the main KPIs."""
    from influkit.kpis import fmt_kpi, kpi_label

    shown = pd.DataFrame(
        {
            t(f"results.by.{by}", lang): names,
            t("results.col.posts", lang): [fmt_number(v, lang) for v in groups["posts"]],
            t("results.col.cost", lang): [fmt_kpi("cost", v, lang) for v in groups["cost_eur_ht"]],
        }
    )
    for kpi in BREAKDOWN_COLUMNS:
        shown[kpi_label(kpi, lang)] = [fmt_kpi(kpi, v, lang) for v in groups[kpi_column(kpi)]]
    return shown


def emv_rates_from_table(frame: pd.DataFrame) -> dict[str, dict[str, float]]:
    """EMV rates per platform as edited in the page's table (an emptied cell counts 0)."""
    return {
        row.platform: {
            "cpm_eur": float(row.cpm_eur or 0.0),
            "value_per_engagement_eur": float(row.value_per_engagement_eur or 0.0),
        }
        for row in frame.itertuples(index=False)
    }


def changed_emv_rates(
    plan: Plan, edited: Mapping[str, Mapping[str, float]]
) -> dict[str, dict[str, float]]:
    """The platforms whose edited EMV rates differ from the rates in force (none when the
    table is only drawn: drawing it does not store the defaults)."""
    in_force = metrics.emv_rates(plan.settings.assumptions.emv_rates or None)
    return {
        platform: dict(pair)
        for platform, pair in edited.items()
        if dict(pair) != in_force.get(platform, in_force["other"])
    }


def import_missing_text(missing: Iterable[str], target: Any, lang: str = "fr") -> str:
    """Which fields a results file still needs mapped (a group: one of its fields)."""
    groups = {group[0]: group for group in target.one_of}
    names = [
        t(
            "results.import_one_of",
            lang,
            fields=", ".join(target.field(n).label(lang) for n in groups[name]),
        )
        if name in groups
        else target.field(name).label(lang)
        for name in missing
    ]
    return t("results.import_missing", lang, fields=" ; ".join(names))
