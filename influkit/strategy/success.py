"""The one checklist of the conditions of success (shown the same on pages 1 and 5), with
module 7's French-law checks.

Seven conditions are read from the plan (SMART objectives, a checked shortlist, contracts, the
law, the critical path, the deliverables, the budget); four the plan cannot tell are ticked by
hand and stored in ``plan.success_checklist`` (measurement, audience, creative freedom, a lasting
relationship). Each has a state and the next step. Also the per-influencer compliance table
(contract amount, threshold, signature, clauses, disclosure) and the law reminders.

Every message comes from the ``success.*`` catalogue, its numbers formatted for the language.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from influkit.campaign import compliance
from influkit.campaign.budget import optimiser as budget
from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import profiles, quality
from influkit.operations import deliverables as actions
from influkit.operations import followup
from influkit.operations.schedule import gantt
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import Plan
from influkit.strategy import objectives as smart
from influkit.text.formats import fmt_list, fmt_money, fmt_number, fmt_percent
from influkit.text.i18n import normalize_language, t
from influkit.values import as_number

#: The four states of a condition, from best to worst.
STATES: tuple[str, ...] = ("ok", "todo", "warning", "error")
#: The conditions of success, in the checklist's order (the campaign's, from aim to budget).
CODES: tuple[str, ...] = (
    "objectives",
    "measurement",
    "audience_fit",
    "shortlist",
    "creative_freedom",
    "law",
    "contracts",
    "critical_path",
    "deliverables",
    "budget",
    "long_term",
)
#: The conditions the plan cannot tell, ticked by hand (keys of ``plan.success_checklist``).
MANUAL: tuple[str, ...] = ("measurement", "audience_fit", "creative_freedom", "long_term")
#: Where a trainee works on each condition ticked by hand.
MANUAL_PAGES: dict[str, str] = {
    "measurement": "results",
    "audience_fit": "brand_fit",
    "creative_freedom": "communication",
    "long_term": "remuneration",
}
#: Keys of the first, all-by-hand checklist whose condition is now read from the plan: the old
#: tick means nothing any more (the plan says), but the note written beside it is kept.
FORMER_KEYS: dict[str, str] = {
    "clear_objectives": "objectives",
    "authenticity": "shortlist",
    "disclosure": "law",
    "budget_time": "budget",
}
#: Below this share of the envelope left, the budget has no room for the unexpected.
BUDGET_MARGIN_MIN = 0.05
#: The law reminders of the checklist: showing commercial intent first, then compliance's.
REMINDERS: tuple[str, ...] = ("commercial_intent", *compliance.REMINDERS)
#: Where the amount a contract is read on comes from.
AMOUNT_SOURCES: tuple[str, ...] = ("model", "budget", "deliverables", "none")
#: Columns of :func:`compliance_table`, in order.
COMPLIANCE_COLUMNS: tuple[str, ...] = (
    "influencer_id",
    "name",
    "amount_eur_ht",
    "amount_source",
    "contract_required",
    "signed",
    "clauses",
    "missing_clauses",
    "sponsored_share",
    "disclosure_rate",
)


@dataclass(frozen=True)
class Condition:
    """One condition of success: its state, what it says, what to do next and where."""

    code: str
    state: str
    message: str
    next_step: str
    page: str | None = None
    details: list[str] | pd.DataFrame = field(default_factory=list)
    manual: bool = False

    @property
    def ok(self) -> bool:
        """Whether the condition is met."""
        return self.state == "ok"

    def title(self, lang: str = "fr") -> str:
        """The condition's name."""
        return condition_title(self.code, lang)


def condition_title(code: str, lang: str = "fr") -> str:
    """The name of a condition of success."""
    return t(f"success.{code}.title", lang)


def condition_why(code: str, lang: str = "fr") -> str:
    """Why a condition matters, in one paragraph (module 1's teaching)."""
    return t(f"success.{code}.why", lang)


def score(conditions: Sequence[Condition]) -> tuple[int, int]:
    """How many conditions are met, out of how many."""
    return sum(c.ok for c in conditions), len(conditions)


def _condition(
    code: str,
    state: str,
    lang: str,
    case: str,
    page: str | None,
    details: list[str] | pd.DataFrame | None = None,
    **params: Any,
) -> Condition:
    """A condition whose message and next step are ``success.<code>.<case>`` and ``….next_…``."""
    return Condition(
        code=code,
        state=state,
        message=t(f"success.{code}.{case}", lang, **params),
        next_step=t(f"success.{code}.next_{case}", lang, **params),
        page=page,
        details=details if details is not None else [],
    )


def _names(table: pd.DataFrame) -> dict[str, str]:
    """Each influencer's display name, else handle, else id."""
    if table is None or table.empty:
        return {}
    return {
        str(row["influencer_id"]): remuneration.display_name(row, str(row["influencer_id"]))
        for row in table.to_dict("records")
    }


def _listing(names: Iterable[str], lang: str, limit: int = 4) -> str:
    """Names as a sentence lists them (``A, B et C``); past ``limit``, the rest counted:
    ``A, B, C, D +2``."""
    names = list(names)
    if len(names) <= limit:
        return fmt_list(names, lang)
    return ", ".join(names[:limit]) + " " + t("success.more", lang, count=len(names) - limit)


# --- the conditions ticked by hand ---------------------------------------------------------


def manual_ticks(plan: Plan) -> dict[str, bool]:
    """The conditions ticked by hand in the plan (ticks of former keys are left out)."""
    return {code: bool(plan.success_checklist.get(code, False)) for code in MANUAL}


def set_manual(plan: Plan, code: str, ticked: bool) -> bool:
    """Tick or untick a condition the plan cannot tell; True when it changed."""
    if code not in MANUAL:
        raise UserError("success.error_condition", code=code)
    if manual_ticks(plan)[code] == bool(ticked):
        return False
    plan.success_checklist = {**plan.success_checklist, code: bool(ticked)}
    return True


def manual_condition(plan: Plan, code: str, lang: str) -> Condition:
    """A condition the trainee ticks once it is settled for their case (ok) or not yet (todo)."""
    case = "ok" if manual_ticks(plan)[code] else "todo"
    return Condition(
        code=code,
        state=case,
        message=t(f"success.{code}.check", lang),
        next_step=t(f"success.{code}.next_{case}", lang),
        page=MANUAL_PAGES[code],
        manual=True,
    )


def note_key(code: str) -> str:
    """The key of ``plan.notes`` holding the trainee's note on a condition."""
    return f"understand.{code}"


def note_of(plan: Plan, code: str) -> str:
    """The trainee's note on a condition, or the one written under its former key."""
    note = plan.notes.get(note_key(code))
    if note is None:
        former = [old for old, new in FORMER_KEYS.items() if new == code]
        note = next((plan.notes[note_key(o)] for o in former if note_key(o) in plan.notes), "")
    return note


def set_note(plan: Plan, code: str, note: str) -> bool:
    """Record the trainee's note on a condition; True when it changed."""
    if note == note_of(plan, code):
        return False
    plan.notes = {**plan.notes, note_key(code): note}
    return True


# --- 1. SMART objectives --------------------------------------------------------------------


def objectives_condition(
    plan: Plan, lang: str, today: dt.date, shortlist: pd.DataFrame
) -> Condition:
    """Every objective SMART (ok), some criteria failing (warning), or no objective (todo)."""
    if not plan.objectives:
        return _condition("objectives", "todo", lang, "todo", "objectives")
    details: list[str] = []
    failing = 0
    for number, objective in enumerate(plan.objectives, start=1):
        report = smart.validate(objective, plan, lang, table=shortlist, today=today)
        if report.ok:
            continue
        failing += 1
        for criterion in report.criteria:
            if not criterion.ok:
                details.append(
                    t(
                        "success.objectives.detail",
                        lang,
                        number=number,
                        criterion=t(f"smart.criterion.{criterion.code}", lang),
                        reason=criterion.message,
                    )
                )
    total = len(plan.objectives)
    if not failing:
        return _condition("objectives", "ok", lang, "ok", "objectives", count=total)
    return _condition(
        "objectives",
        "warning",
        lang,
        "warning",
        "objectives",
        details,
        smart_count=total - failing,
        count=total,
    )


# --- 2. the shortlist, complete and checked -------------------------------------------------


def _flags(table: pd.DataFrame, plan: Plan) -> pd.DataFrame:
    """The audience-quality flags of every influencer of ``table`` (peers need the whole table)."""
    return quality.quality_flags(
        table,
        datasets.load("follower_history"),
        datasets.load("posts"),
        benchmarks=datasets.load("benchmarks"),
        basis=plan.settings.er_basis,
    )


def shortlist_condition(
    plan: Plan, lang: str, table: pd.DataFrame, flags: pd.DataFrame | None = None
) -> Condition:
    """A shortlist with roles whose every account was reviewed for audience quality."""
    ids = plan.shortlisted_ids()
    if not ids:
        return _condition("shortlist", "todo", lang, "todo", "shortlist")
    names = _names(table)
    no_role = [names.get(e.influencer_id, e.influencer_id) for e in plan.shortlist if not e.role]
    if no_role:
        return _condition(
            "shortlist", "warning", lang, "no_role", "shortlist", names=_listing(no_role, lang)
        )
    reviewed = quality.reviewed_ids(plan)
    unreviewed = [i for i in ids if i not in reviewed]
    if not unreviewed:
        return _condition("shortlist", "ok", lang, "ok", "shortlist", count=len(ids))
    if flags is None:
        flags = _flags(table, plan)
    signals = quality.quality_summary(
        flags.loc[flags["influencer_id"].isin(unreviewed)], ids=unreviewed
    ).set_index("influencer_id")
    flagged = [i for i in unreviewed if i in signals.index and signals.loc[i, "signals"] > 0]
    details = []
    for influencer_id in unreviewed:
        row = signals.loc[influencer_id] if influencer_id in signals.index else None
        codes = [c for c in (row["codes"] if row is not None else []) if c != "explained_jump"]
        details.append(
            t(
                "success.shortlist.detail_flags" if codes else "success.shortlist.detail_clean",
                lang,
                name=names.get(influencer_id, influencer_id),
                flags=fmt_list((quality.flag_label(c, lang) for c in codes), lang),
            )
        )
    params = {
        "done": len(ids) - len(unreviewed),
        "count": len(ids),
        "names": _listing([names.get(i, i) for i in flagged], lang),
    }
    case = "unreviewed_flags" if flagged else "unreviewed"
    return _condition("shortlist", "warning", lang, case, "audience_quality", details, **params)


# --- 3. contracts ---------------------------------------------------------------------------


def contract_amount(
    plan: Plan,
    influencer_id: str,
    row: Mapping[str, Any] | None,
    lang: str = "fr",
    table: pd.DataFrame | None = None,
) -> tuple[float, str]:
    """Remuneration plus in-kind value for one influencer, and where it comes from.

    The chosen model's contract value (plus budget lines added by hand), else the budget lines
    tied to the influencer, else their deliverables' fees. Only remuneration and in-kind
    categories count (fees, usage rights, gifting), not shipping or paid amplification.
    """
    lines = [line for line in plan.budget_lines if line.influencer_id == influencer_id]
    manual = [line for line in lines if not remuneration.is_synced(line)]
    rem = remuneration.chosen(plan, influencer_id)
    if rem is not None and row is not None:
        try:
            model = remuneration.model_of(rem, lang)
            # The forecast's performance (flags read against the whole table when given).
            peers = table if table is not None else pd.DataFrame([dict(row)])
            perf = remuneration.plan_performance(plan, influencer_id, peers)
            value = compensation.contract_value(model, perf)
        except UserError:
            value = math.nan
        if math.isfinite(value):
            return value + compliance.contract_value_for_influencer(manual), "model"
    if lines:
        return compliance.contract_value_for_influencer(lines), "budget"
    fees = [d.compensation_eur_ht for d in plan.deliverables if d.influencer_id == influencer_id]
    if any(fees):
        return float(sum(fees)), "deliverables"
    return 0.0, "none"


def compliance_table(
    plan: Plan, table: pd.DataFrame | None = None, lang: str = "fr"
) -> pd.DataFrame:
    """One row per shortlisted influencer: contract amount and its source, contract required,
    signed, clauses ticked and missing, share of sponsored posts and their disclosure rate."""
    table = profiles.influencer_table(plan) if table is None else table
    rows_by_id = remuneration.rows_by_id(table)
    names = _names(table)
    state = plan.compliance
    rows = []
    for influencer_id in plan.shortlisted_ids():
        row = rows_by_id.get(influencer_id)
        amount, source = contract_amount(plan, influencer_id, row, lang, table)
        clauses = [
            c
            for c in compliance.CONTRACT_CLAUSES
            if c in state.contract_clauses.get(influencer_id, [])
        ]
        rows.append(
            {
                "influencer_id": influencer_id,
                "name": names.get(influencer_id, influencer_id),
                "amount_eur_ht": amount,
                "amount_source": source,
                "contract_required": bool(compliance.contract_required(amount)),
                "signed": bool(state.contract_signed.get(influencer_id, False)),
                "clauses": clauses,
                "missing_clauses": compliance.missing_clauses(clauses),
                "sponsored_share": as_number(row.get("sponsored_share") if row else None),
                "disclosure_rate": as_number(row.get("disclosure_rate") if row else None),
            }
        )
    return pd.DataFrame(rows, columns=list(COMPLIANCE_COLUMNS))


def contracts_condition(plan: Plan, lang: str, rows: pd.DataFrame) -> Condition:
    """Contracts from 1 000 € HT signed with every clause (ok); one unsigned is an error."""
    if rows.empty:
        return _condition("contracts", "todo", lang, "todo", "shortlist")
    threshold = fmt_money(compliance.CONTRACT_THRESHOLD_EUR_HT, lang, 0)
    priced = rows.loc[rows["amount_source"] != "none"]
    unpriced = rows.loc[rows["amount_source"] == "none", "name"].tolist()
    details = [
        t(
            "success.contracts.detail",
            lang,
            name=r["name"],
            amount=fmt_money(r["amount_eur_ht"], lang, 0),
            verdict=t(
                "success.contracts.required"
                if r["contract_required"]
                else "success.contracts.not_required",
                lang,
            ),
        )
        for r in priced.to_dict("records")
    ]
    if priced.empty:
        return _condition(
            "contracts", "todo", lang, "unpriced", "remuneration", threshold=threshold
        )
    required = priced.loc[priced["contract_required"]]
    unsigned = required.loc[~required["signed"], "name"].tolist()
    incomplete = required.loc[
        required["signed"] & required["missing_clauses"].map(bool), "name"
    ].tolist()
    params = {
        "threshold": threshold,
        "required": len(required),
        "count": len(rows),
        "unsigned": len(unsigned),
        "names": _listing(unsigned or incomplete or unpriced, lang),
    }
    if unsigned:
        return _condition("contracts", "error", lang, "unsigned", None, details, **params)
    if incomplete:
        return _condition("contracts", "warning", lang, "clauses", None, details, **params)
    if unpriced:
        return _condition(
            "contracts", "todo", lang, "some_unpriced", "remuneration", details, **params
        )
    if required.empty:
        return _condition("contracts", "ok", lang, "none_required", None, details, **params)
    return _condition("contracts", "ok", lang, "ok", None, details, **params)


# --- 4. French law --------------------------------------------------------------------------


def reminders_done(plan: Plan) -> list[str]:
    """The reminders the trainee ticked, in the checklist's order."""
    ticked = set(plan.compliance.reminders_checked)
    return [code for code in REMINDERS if code in ticked]


def reminder_label(code: str, lang: str = "fr") -> str:
    """The text of a reminder of the checklist."""
    if code in compliance.REMINDERS:
        return compliance.reminder_label(code, lang)
    return t(f"success.reminder.{code}", lang)


def set_reminder(plan: Plan, code: str, checked: bool) -> bool:
    """Tick or untick a reminder in the plan; True when it changed."""
    if code not in REMINDERS:
        raise UserError("success.error_reminder", code=code)
    current = set(plan.compliance.reminders_checked)
    updated = current | {code} if checked else current - {code}
    if updated == current:
        return False
    plan.compliance.reminders_checked = [c for c in REMINDERS if c in updated]
    return True


def set_signed(plan: Plan, influencer_id: str, signed: bool) -> bool:
    """Record whether the influencer's contract is signed; True when it changed."""
    if bool(plan.compliance.contract_signed.get(influencer_id, False)) == bool(signed):
        return False
    plan.compliance.contract_signed = {
        **plan.compliance.contract_signed,
        influencer_id: bool(signed),
    }
    return True


def set_clauses(plan: Plan, influencer_id: str, clauses: Iterable[str]) -> bool:
    """Record the contract clauses ticked for an influencer; True when they changed."""
    wanted = set(clauses)
    ordered = [c for c in compliance.CONTRACT_CLAUSES if c in wanted]
    if ordered == plan.compliance.contract_clauses.get(influencer_id, []):
        return False
    plan.compliance.contract_clauses = {**plan.compliance.contract_clauses, influencer_id: ordered}
    return True


def law_condition(plan: Plan, lang: str, rows: pd.DataFrame) -> Condition:
    """The sector (forbidden: error, regulated: warning), influencers' undisclosed sponsored
    posts (warning until every influencer is briefed on the mention) and the reminders (todo)."""
    findings = compliance.check_sector(plan.brief.product_category, lang)
    details = [f.message(lang) for f in findings]
    sector = plan.brief.product_category
    sector_name = compliance.sector_label(sector, lang) if sector in compliance.SECTORS else sector
    undisclosed = rows.loc[rows["disclosure_rate"] < 1] if not rows.empty else rows
    for r in undisclosed.to_dict("records"):
        details.append(
            t(
                "success.law.detail_disclosure",
                lang,
                name=r["name"],
                undisclosed=fmt_percent(1 - r["disclosure_rate"], lang, 0),
            )
        )
    done = reminders_done(plan)
    params = {
        "sector": sector_name,
        "rule": findings[0].message(lang) if findings else "",
        "names": _listing(undisclosed["name"].tolist() if len(undisclosed) else [], lang),
        "done": len(done),
        "count": len(REMINDERS),
    }
    errors = [f for f in findings if f.level == "error"]
    if errors:
        params["rule"] = errors[0].message(lang)
        return _condition("law", "error", lang, "forbidden", "my_plan", details, **params)
    if findings:
        return _condition("law", "warning", lang, "regulated", "communication", details, **params)
    if len(undisclosed) and "commercial_intent" not in done:
        return _condition("law", "warning", lang, "disclosure", "communication", details, **params)
    if len(done) < len(REMINDERS):
        return _condition("law", "todo", lang, "reminders", None, details, **params)
    return _condition("law", "ok", lang, "ok", "communication", details, **params)


# --- 5. the critical path -------------------------------------------------------------------


def scheduled_tasks(plan: Plan) -> pd.DataFrame | None:
    """The plan's tasks placed around its launch date; None when there are none.

    Raises UserError when they cannot be scheduled (no launch date, a cycle…).
    """
    if not plan.tasks:
        return None
    return gantt.schedule_plan_tasks(plan.tasks, plan.brief.launch_date)


def critical_path_condition(
    plan: Plan, lang: str, today: dt.date
) -> tuple[Condition, pd.DataFrame | None]:
    """The retro-planning on time (ok), with trade-offs (warning), or started in the past or too
    short (error); also the schedule, for the deliverables."""
    if not plan.tasks:
        return _condition("critical_path", "todo", lang, "todo", "retroplanning"), None
    try:
        scheduled = scheduled_tasks(plan)
    except UserError as err:
        reason = err.message(lang)
        return (
            _condition("critical_path", "error", lang, "invalid", "retroplanning", reason=reason),
            None,
        )
    findings = retroplan.lead_time_check(scheduled, today, lang)
    details = [f["message"] for f in findings]
    worst = next(
        (level for level in ("error", "warning") if any(f["level"] == level for f in findings)),
        "ok",
    )
    message = next((f["message"] for f in findings if f["level"] == worst), "")
    condition = _condition(
        "critical_path", worst, lang, worst, "retroplanning", details, finding=message
    )
    return condition, scheduled


# --- 6. deliverables ------------------------------------------------------------------------


def deliverables_condition(
    plan: Plan, lang: str, today: dt.date, scheduled: pd.DataFrame | None, names: Mapping[str, str]
) -> Condition:
    """Deliverables none late (ok), not in the retro-planning (warning), late (error)."""
    if not plan.deliverables:
        return _condition("deliverables", "todo", lang, "todo", "actions")
    table = followup.followup_table(plan, scheduled, today, names=names)
    counted = followup.counts(table)
    by_id = {d.deliverable_id: d for d in plan.deliverables}
    details = []
    for row in table.loc[table["flag"].isin(["late", "due"])].to_dict("records"):
        step = row["reason"] if row["flag"] == "late" else row["next_step"]
        details.append(
            t(
                f"success.deliverables.detail_{row['flag']}",
                lang,
                name=row["influencer"],
                what=actions.what_label(by_id[row["deliverable_id"]], lang),
                step=t(f"followup.step.{step}", lang) if step in followup.STEPS else "",
                days=fmt_number(row["days_late"], lang),
            )
        )
    outside = int((~table["in_retroplan"].astype(bool)).sum())
    params = {
        "count": len(table),
        "late": counted["late"],
        "due": counted["due"],
        "done": counted["done"],
        "outside": outside,
    }
    if counted["late"]:
        return _condition("deliverables", "error", lang, "late", "followup", details, **params)
    if outside:
        return _condition(
            "deliverables", "warning", lang, "outside", "retroplanning", details, **params
        )
    return _condition("deliverables", "ok", lang, "ok", "followup", details, **params)


# --- 7. the budget --------------------------------------------------------------------------


def budget_condition(plan: Plan, lang: str, names: Mapping[str, str]) -> Condition:
    """Within the envelope with 5 % or more left and every shortlisted influencer budgeted (ok)."""
    envelope = plan.brief.budget_eur_ht
    if envelope <= 0:
        return _condition("budget", "todo", lang, "no_envelope", "my_plan")
    if not plan.budget_lines:
        return _condition(
            "budget", "todo", lang, "todo", "budget", envelope=fmt_money(envelope, lang, 0)
        )
    try:
        summary = budget.budget_summary(plan.budget_lines, envelope)
    except UserError as err:
        return _condition("budget", "error", lang, "invalid", "budget", reason=err.message(lang))
    budgeted = {line.influencer_id for line in plan.budget_lines if line.influencer_id}
    missing = [names.get(i, i) for i in plan.shortlisted_ids() if i not in budgeted]
    params = {
        "total": fmt_money(summary.total_ht, lang, 0),
        "envelope": fmt_money(envelope, lang, 0),
        "over": fmt_money(-summary.remaining, lang, 0),
        "remaining": fmt_money(summary.remaining, lang, 0),
        "share": fmt_percent(summary.remaining / envelope, lang, 1),
        "minimum": fmt_percent(BUDGET_MARGIN_MIN, lang, 0),
        "names": _listing(missing, lang),
        "missing": len(missing),
    }
    details = [
        t(
            "success.budget.detail_category",
            lang,
            category=budget.category_label(r["category"], lang),
            total=fmt_money(r["total_eur_ht"], lang, 0),
        )
        for r in summary.by_category.to_dict("records")
        if r["total_eur_ht"] > 0
    ]
    # Money is compared to the cent: a plan spending exactly its envelope is not over it.
    if round(summary.remaining, 2) < 0:
        return _condition("budget", "error", lang, "over", "budget", details, **params)
    if missing:
        return _condition("budget", "warning", lang, "unbudgeted", "budget", details, **params)
    if summary.remaining < BUDGET_MARGIN_MIN * envelope:
        return _condition("budget", "warning", lang, "tight", "budget", details, **params)
    return _condition("budget", "ok", lang, "ok", "budget", details, **params)


# --- the dashboard --------------------------------------------------------------------------


def conditions(
    plan: Plan, *, today: dt.date, table: pd.DataFrame | None = None, lang: str = "fr"
) -> list[Condition]:
    """The conditions of success of the plan, in the checklist's order (:data:`CODES`): read
    from the plan where it can tell, ticked by hand (:data:`MANUAL`) where it cannot.

    ``table`` is :func:`influkit.identify.profiles.influencer_table` of the plan (computed when None).
    """
    lang = normalize_language(lang)
    table = profiles.influencer_table(plan) if table is None else table
    names = _names(table)
    shortlist = profiles.shortlist_table(plan)
    rows = compliance_table(plan, table, lang)
    path, scheduled = critical_path_condition(plan, lang, today)
    found = {
        "objectives": objectives_condition(plan, lang, today, shortlist),
        "shortlist": shortlist_condition(plan, lang, table),
        "contracts": contracts_condition(plan, lang, rows),
        "law": law_condition(plan, lang, rows),
        "critical_path": path,
        "deliverables": deliverables_condition(plan, lang, today, scheduled, names),
        "budget": budget_condition(plan, lang, names),
    }
    for code in MANUAL:
        found[code] = manual_condition(plan, code, lang)
    return [found[code] for code in CODES]


# --- the compliance table as read -----------------------------------------------------------


def compliance_frame(rows: pd.DataFrame, lang: str = "fr") -> pd.DataFrame:
    """The per-influencer compliance table (:func:`compliance_table`) as read: amount and where
    it comes from, whether a contract is required and signed, the clauses missing, and the
    share of sponsored posts with a mention (or why there is none)."""
    lang = normalize_language(lang)
    yes, no = t("success.table.yes", lang), t("success.table.no", lang)
    return pd.DataFrame(
        {
            t("success.table.col_influencer", lang): rows["name"],
            t("success.table.col_amount", lang): [
                fmt_money(v, lang, 0) if s != "none" else "—"
                for v, s in zip(rows["amount_eur_ht"], rows["amount_source"], strict=True)
            ],
            t("success.table.col_source", lang): [
                t(f"success.table.source.{s}", lang) for s in rows["amount_source"]
            ],
            t("success.table.col_required", lang): [
                yes if r else no for r in rows["contract_required"]
            ],
            t("success.table.col_signed", lang): [yes if s else no for s in rows["signed"]],
            t("success.table.col_missing", lang): [
                str(len(m)) if m else t("success.table.all_clauses", lang)
                for m in rows["missing_clauses"]
            ],
            t("success.table.col_disclosure", lang): [
                t("success.table.no_sponsored", lang) if pd.isna(r) else fmt_percent(r, lang, 0)
                for r in rows["disclosure_rate"]
            ],
        }
    )
