"""The partnership pipeline: the stage each influencer is at, dated moves between stages, the
relationship level beside it, and reminders when a contact has waited too long.

Reminders count the hours since the last move into a stage where the brand waits on the
influencer. Two clocks: ``calendar`` counts every hour (the default, as market tools do:
"overdue after 48 h"); ``working`` counts only the hours of French working days (Monday to
Friday, public holidays excluded, in Paris time), so 48 h is two working days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from influkit.errors import UserError
from influkit.operations.schedule.calendar import working_days
from influkit.plan.model import (
    Deliverable,
    InfluencerRelationship,
    Plan,
    StageMove,
)

PARIS = ZoneInfo("Europe/Paris")
#: The stages in the order a partnership goes through them.
FLOW: tuple[str, ...] = (
    "to_contact",
    "contacted",
    "in_talks",
    "agreed",
    "contract_signed",
    "product_sent",
    "content_review",
    "published",
    "paid",
)
#: Stages off the main flow: the influencer said no, or the partnership waits.
SIDE: tuple[str, ...] = ("declined", "on_hold")
#: The board's two lanes: winning the partnership (with the stages aside), then carrying it out.
LANES: tuple[tuple[str, ...], ...] = (
    ("to_contact", "contacted", "in_talks", "agreed", "on_hold", "declined"),
    ("contract_signed", "product_sent", "content_review", "published", "paid"),
)
STAGES: tuple[str, ...] = (*FLOW, *SIDE)
#: Stages where the brand waits on the influencer: a reminder is due after the delay.
WAITING: tuple[str, ...] = ("contacted", "in_talks", "agreed", "product_sent")
#: The message template that fits each stage (the reminder's follow-up uses "follow_up").
STAGE_TEMPLATE: dict[str, str] = {
    "to_contact": "first_contact",
    "contacted": "follow_up",
    "in_talks": "proposal",
    "agreed": "proposal",
    "contract_signed": "shipment",
    "product_sent": "shipment",
    "content_review": "content_review",
    "published": "thanks_renewal",
    "paid": "thanks_renewal",
    "declined": "thanks_renewal",
    "on_hold": "follow_up",
}
LEVELS: tuple[str, ...] = ("unaware", "aware", "interested", "engaged", "advocate")
#: The stage from which each level is reached (Traackr-style entry criteria); ``advocate``
#: needs a second partnership (a renewal), counted in :func:`suggested_level`.
LEVEL_ENTRY: dict[str, str] = {
    "aware": "contacted",
    "interested": "in_talks",
    "engaged": "agreed",
}
#: The pipeline stage each deliverable status of module 4 implies (the follow-up page).
DELIVERABLE_STAGE: dict[str, str] = {
    "planned": "agreed",
    "brief_sent": "contract_signed",
    "draft_received": "content_review",
    "approved": "content_review",
    "published": "published",
}
DEFAULT_REMINDER_HOURS = 48
CLOCKS: tuple[str, ...] = ("calendar", "working")

# --- the relationship of one influencer ----------------------------------------------------


def now_utc() -> dt.datetime:
    """The current time, timezone-aware."""
    return dt.datetime.now(dt.UTC)


def relationship_of(plan: Plan, influencer_id: str) -> InfluencerRelationship | None:
    """The stored relationship with an influencer, if any."""
    return next(
        (r for r in plan.relationship.influencers if r.influencer_id == influencer_id), None
    )


def ensure(plan: Plan, influencer_id: str) -> InfluencerRelationship:
    """The relationship with an influencer, created at "to contact" when missing."""
    found = relationship_of(plan, influencer_id)
    if found is not None:
        return found
    rel = InfluencerRelationship(influencer_id=influencer_id)
    plan.relationship.influencers = [*plan.relationship.influencers, rel]
    return plan.relationship.influencers[-1]


def view(plan: Plan, influencer_id: str) -> InfluencerRelationship:
    """The relationship with an influencer for reading: the stored one, else a fresh one
    (drawing a page never writes the plan)."""
    return relationship_of(plan, influencer_id) or InfluencerRelationship(
        influencer_id=influencer_id
    )


def stage_since(rel: InfluencerRelationship) -> dt.datetime | None:
    """When the influencer entered their current stage (None for one never moved)."""
    for move in reversed(rel.history):
        if move.stage == rel.stage:
            return move.at
    return None


def allowed_moves(stage: str, history: Iterable[StageMove] = ()) -> list[str]:
    """The stages an influencer may move to from ``stage``.

    Forward along the flow, the next stage first (steps may be skipped: no product to send),
    one step back to undo a wrong move, or aside (declined, on hold). Once paid, a renewal
    goes back to "in talks". On hold resumes at any flow stage but paid; declined can only
    start again from "to contact".
    """
    if stage not in STAGES:
        raise UserError("relationship.error_stage", stage=stage)
    if stage == "declined":
        return ["to_contact"]
    if stage == "on_hold":
        return [s for s in FLOW if s != "paid"] + ["declined"]
    if stage == "paid":
        # A renewal starts the talks again with someone the brand has worked with.
        return ["in_talks", "published"]
    index = FLOW.index(stage)
    # The next stage first: it is the usual move.
    moves = list(FLOW[index + 1 :])
    if index > 0:
        moves.append(FLOW[index - 1])
    if stage != "paid":
        moves.extend(SIDE)
    return moves


def move(
    plan: Plan, influencer_id: str, stage: str, at: dt.datetime | None = None, note: str = ""
) -> InfluencerRelationship:
    """Move an influencer to ``stage``, dated ``at`` (now by default), with an optional note.

    Raises :class:`UserError` when the move is not allowed (see :func:`allowed_moves`). The
    relationship level goes up when the new stage meets its entry criterion, never down; a
    signed contract is recorded where the success conditions read it.
    """
    rel = ensure(plan, influencer_id)
    if stage == rel.stage:
        return rel
    if stage not in allowed_moves(rel.stage, rel.history):
        raise UserError("relationship.error_move", stage=stage, current=rel.stage)
    when = at or now_utc()
    rel.history = [*rel.history, StageMove(stage=stage, at=when, note=note)]
    rel.stage = stage
    if stage == "contract_signed":
        # The success conditions (module 5) read the same signature.
        plan.compliance.contract_signed = {**plan.compliance.contract_signed, influencer_id: True}
    suggested = suggested_level(rel)
    if LEVELS.index(suggested) > LEVELS.index(rel.level):
        set_level(rel, suggested, when)
    return rel


def advance_to(
    plan: Plan, influencer_id: str, stage: str, at: dt.datetime | None = None
) -> InfluencerRelationship | None:
    """Move an influencer forward to ``stage`` if they are behind it on the flow (never back);
    the moves in between are skipped. None when nothing changed."""
    rel = view(plan, influencer_id)
    if stage not in FLOW or rel.stage not in FLOW:
        return None
    if FLOW.index(rel.stage) >= FLOW.index(stage):
        return None
    return move(plan, influencer_id, stage, at)


def set_level(rel: InfluencerRelationship, level: str, at: dt.datetime | None = None) -> bool:
    """Set the relationship level (dated); True when it changed."""
    if level not in LEVELS:
        raise UserError("relationship.error_level", level=level)
    if level == rel.level:
        return False
    rel.level = level
    rel.level_history = [*rel.level_history, StageMove(stage=level, at=at or now_utc())]
    return True


def suggested_level(rel: InfluencerRelationship) -> str:
    """The level the pipeline history supports: aware once contacted, interested once in talks,
    engaged once agreed, advocate after a renewal (a second agreement after publication)."""
    reached = {m.stage for m in rel.history} | {rel.stage}
    furthest = max((FLOW.index(s) for s in reached if s in FLOW), default=0)
    agreements = sum(1 for m in rel.history if m.stage == "agreed")
    published_before_agreement = False
    seen_published = False
    for m in rel.history:
        if m.stage in ("published", "paid"):
            seen_published = True
        elif m.stage == "agreed" and seen_published:
            published_before_agreement = True
    if agreements >= 2 and published_before_agreement:
        return "advocate"
    level = "unaware"
    for candidate, entry in LEVEL_ENTRY.items():
        if furthest >= FLOW.index(entry):
            level = candidate
    return level


def set_next_step(rel: InfluencerRelationship, text: str, due: dt.date | None) -> bool:
    """Record the next step and its date; True when they changed."""
    if rel.next_step == text and rel.next_step_due == due:
        return False
    rel.next_step = text
    rel.next_step_due = due
    return True


# --- reminders -----------------------------------------------------------------------------


def _aware(moment: dt.datetime) -> dt.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def local_date(moment: Any) -> dt.date | None:
    """The day of a stored moment in Paris (moves are stored in UTC); None when missing (a
    table may hold NaT)."""
    if moment is None or pd.isna(moment):
        return None
    if isinstance(moment, pd.Timestamp):
        moment = moment.to_pydatetime()
    return _aware(moment).astimezone(PARIS).date()


def elapsed_hours(since: dt.datetime, now: dt.datetime, clock: str = "calendar") -> float:
    """Hours from ``since`` to ``now`` on a clock: every hour, or only those of working days."""
    if clock not in CLOCKS:
        raise UserError("relationship.error_clock", clock=clock)
    start, end = _aware(since), _aware(now)
    if end <= start:
        return 0.0
    if clock == "calendar":
        return (end - start).total_seconds() / 3600
    local_start, local_end = start.astimezone(PARIS), end.astimezone(PARIS)
    total = 0.0
    for day in working_days(local_start.date(), local_end.date()):
        day_start = dt.datetime.combine(day, dt.time(), PARIS)
        day_end = dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), PARIS)
        overlap = min(day_end, local_end) - max(day_start, local_start)
        total += max(overlap.total_seconds(), 0.0) / 3600
    return total


def waiting_since(rel: InfluencerRelationship) -> dt.datetime | None:
    """Since when the brand waits on the influencer: the move into the stage, or the last
    message sent after it (a follow-up restarts the clock)."""
    since = stage_since(rel)
    if since is None:
        return None
    sent = [_aware(m.saved_at) for m in rel.messages if _aware(m.saved_at) > _aware(since)]
    return max([_aware(since), *sent])


def reminder_due(
    rel: InfluencerRelationship,
    now: dt.datetime,
    hours: float = DEFAULT_REMINDER_HOURS,
    clock: str = "calendar",
) -> bool:
    """Whether a follow-up is due: the influencer has been waited on for more than ``hours``
    since they entered the stage or since the last message sent to them."""
    if rel.stage not in WAITING:
        return False
    since = waiting_since(rel)
    if since is None:
        return False
    return elapsed_hours(since, now, clock) > hours


BOARD_COLUMNS: tuple[str, ...] = (
    "influencer_id",
    "name",
    "stage",
    "since",
    "waited_hours",
    "reminder",
    "level",
    "suggested_level",
    "next_step",
    "next_step_due",
    "messages",
)


def board(
    plan: Plan,
    now: dt.datetime,
    names: Mapping[str, str] | None = None,
    ids: Iterable[str] | None = None,
) -> pd.DataFrame:
    """One row per influencer of the pipeline (the shortlist, then anyone else with a
    relationship): stage, since when, hours waited, whether a reminder is due, level."""
    names = names or {}
    wanted = list(ids) if ids is not None else plan.shortlisted_ids()
    for rel in plan.relationship.influencers:
        if rel.influencer_id not in wanted:
            wanted.append(rel.influencer_id)
    settings = plan.relationship
    rows: list[dict[str, Any]] = []
    for influencer_id in wanted:
        rel = view(plan, influencer_id)
        since = stage_since(rel)
        waiting = waiting_since(rel)
        waited = (
            elapsed_hours(waiting, now, settings.reminder_clock)
            if waiting is not None and rel.stage in WAITING
            else None
        )
        rows.append(
            {
                "influencer_id": influencer_id,
                "name": names.get(influencer_id, influencer_id),
                "stage": rel.stage,
                "since": since,
                "waited_hours": waited,
                "reminder": reminder_due(
                    rel, now, settings.reminder_hours, settings.reminder_clock
                ),
                "level": rel.level,
                "suggested_level": suggested_level(rel),
                "next_step": rel.next_step,
                "next_step_due": rel.next_step_due,
                "messages": len(rel.messages),
            }
        )
    return pd.DataFrame(rows, columns=list(BOARD_COLUMNS))


def set_reminder(plan: Plan, hours: int, clock: str) -> bool:
    """Set the reminder delay and its clock; True when they changed."""
    if clock not in CLOCKS:
        raise UserError("relationship.error_clock", clock=clock)
    if not 1 <= int(hours) <= 24 * 60:
        raise UserError("relationship.error_hours", hours=hours)
    state = plan.relationship
    if state.reminder_hours == int(hours) and state.reminder_clock == clock:
        return False
    state.reminder_hours = int(hours)
    state.reminder_clock = clock
    return True


# --- module 4 reads the same stages --------------------------------------------------------


def stage_for_deliverable(deliverable: Deliverable) -> str | None:
    """The pipeline stage a deliverable's status implies (None for a deliverable marked late)."""
    return DELIVERABLE_STAGE.get(deliverable.status)


def sync_from_deliverable(
    plan: Plan, deliverable: Deliverable, at: dt.datetime | None = None
) -> InfluencerRelationship | None:
    """Move the influencer forward to the stage their deliverable's new status implies."""
    stage = stage_for_deliverable(deliverable)
    return advance_to(plan, deliverable.influencer_id, stage, at) if stage else None
