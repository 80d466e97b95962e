"""The partnership pipeline: which moves are allowed, that each is dated, the relationship
level that follows, and reminders after the delay on calendar or working hours."""

import datetime as dt

import pytest

from influkit.errors import UserError
from influkit.plan.model import (
    Deliverable,
    InfluencerRelationship,
    OutreachMessage,
    Plan,
    StageMove,
)
from influkit.relationship import pipeline

UTC = dt.UTC


def _at(day: int, hour: int = 9) -> dt.datetime:
    """A moment in December 2026 (UTC)."""
    return dt.datetime(2026, 12, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    "current, target, allowed",
    [
        ("to_contact", "contacted", True),
        ("to_contact", "agreed", True),  # steps may be skipped
        ("contacted", "to_contact", True),  # one step back undoes a wrong move
        ("in_talks", "to_contact", False),  # two steps back is not a correction
        ("in_talks", "declined", True),
        ("agreed", "on_hold", True),
        ("paid", "declined", False),
        ("paid", "on_hold", False),
        ("paid", "in_talks", True),  # a renewal
        ("paid", "agreed", False),
        ("declined", "in_talks", False),
        ("declined", "to_contact", True),
        ("on_hold", "content_review", True),
        ("on_hold", "paid", False),
    ],
)
def test_allowed_moves(current, target, allowed):
    """Forward along the flow, one step back, aside until paid; on hold resumes anywhere;
    declined starts again from "to contact"."""
    assert (target in pipeline.allowed_moves(current)) is allowed


def test_a_move_is_dated_and_raises_the_level():
    """Moving to "in talks" records the date and makes the influencer "interested"."""
    plan = Plan()
    pipeline.move(plan, "INF1", "contacted", at=_at(1))
    rel = pipeline.move(plan, "INF1", "in_talks", at=_at(2), note="a répondu")
    assert [(m.stage, m.at) for m in rel.history] == [("contacted", _at(1)), ("in_talks", _at(2))]
    assert rel.history[-1].note == "a répondu"
    assert rel.level == "interested"
    assert [m.stage for m in rel.level_history] == ["aware", "interested"]
    assert pipeline.stage_since(rel) == _at(2)


def test_a_forbidden_move_changes_nothing():
    """A move that is not allowed raises a clear error and leaves the relationship as it was."""
    plan = Plan()
    pipeline.move(plan, "INF1", "paid", at=_at(1))
    with pytest.raises(UserError) as err:
        pipeline.move(plan, "INF1", "declined")
    assert err.value.key == "relationship.error_move"
    assert pipeline.relationship_of(plan, "INF1").stage == "paid"


def test_going_back_never_lowers_the_level():
    """Undoing a move keeps the level reached (a level is earned)."""
    plan = Plan()
    pipeline.move(plan, "INF1", "agreed", at=_at(1))
    rel = pipeline.move(plan, "INF1", "in_talks", at=_at(2))
    assert rel.level == "engaged"


def test_a_renewal_after_publication_suggests_advocate():
    """Agreeing again after a published collaboration makes the influencer an advocate."""
    rel = InfluencerRelationship(
        influencer_id="INF1",
        stage="agreed",
        history=[
            StageMove(stage=s, at=_at(d))
            for d, s in enumerate(["contacted", "agreed", "published", "paid", "agreed"], 1)
        ],
    )
    assert pipeline.suggested_level(rel) == "advocate"


@pytest.mark.parametrize(
    "since, now, clock, hours",
    [
        (_at(7, 9), _at(9, 9), "calendar", 48.0),  # Monday 9:00 to Wednesday 9:00
        (_at(7, 9), _at(9, 9), "working", 48.0),
        (_at(11, 9), _at(14, 9), "calendar", 72.0),  # Friday to Monday
        (_at(11, 9), _at(14, 9), "working", 24.0),  # the weekend does not count
        (_at(24, 9), _at(28, 9), "working", 24.0),  # Christmas (25th) is a public holiday
        (_at(9, 9), _at(7, 9), "calendar", 0.0),
    ],
)
def test_elapsed_hours_on_each_clock(since, now, clock, hours):
    """Calendar hours count everything; working hours skip weekends and French holidays."""
    assert pipeline.elapsed_hours(since, now, clock) == pytest.approx(hours)


@pytest.mark.parametrize(
    "waited_hours, clock, due",
    [(47, "calendar", False), (49, "calendar", True), (72, "working", False)],
)
def test_a_reminder_is_due_after_the_delay(waited_hours, clock, due):
    """A contacted influencer gets a reminder once waited on longer than 48 h (from Friday
    9:00, 72 calendar hours are only 24 working hours)."""
    plan = Plan()
    rel = pipeline.move(plan, "INF1", "contacted", at=_at(11, 9))
    now = _at(11, 9) + dt.timedelta(hours=waited_hours)
    assert pipeline.reminder_due(rel, now, 48, clock) is due


def test_no_reminder_while_the_brand_has_the_ball():
    """Nothing to chase at "to contact" or "content in review": the brand acts there."""
    plan = Plan()
    rel = pipeline.move(plan, "INF1", "content_review", at=_at(1))
    assert not pipeline.reminder_due(rel, _at(20), 48)
    assert not pipeline.reminder_due(InfluencerRelationship(influencer_id="X"), _at(20), 48)


def test_the_board_lists_the_shortlist_with_their_reminders():
    """The board has one row per shortlisted influencer, in order, with the reminder flag."""
    plan = Plan()
    plan.add_to_shortlist("INF1")
    plan.add_to_shortlist("INF2")
    pipeline.move(plan, "INF2", "contacted", at=_at(1))
    board = pipeline.board(plan, _at(10), names={"INF2": "Lina"})
    assert board["influencer_id"].tolist() == ["INF1", "INF2"]
    assert board["stage"].tolist() == ["to_contact", "contacted"]
    assert board["reminder"].tolist() == [False, True]
    assert board.loc[1, "name"] == "Lina"


def test_reading_the_board_does_not_write_the_plan():
    """Drawing the pipeline of a fresh plan stores nothing."""
    plan = Plan()
    plan.add_to_shortlist("INF1")
    pipeline.board(plan, _at(1))
    assert plan.relationship.influencers == []


@pytest.mark.parametrize("hours, clock", [(0, "calendar"), (48, "lunar")])
def test_bad_reminder_settings_are_refused(hours, clock):
    """A delay under one hour or an unknown clock is refused with a message."""
    with pytest.raises(UserError):
        pipeline.set_reminder(Plan(), hours, clock)


@pytest.mark.parametrize(
    "status, stage",
    [("draft_received", "content_review"), ("published", "published"), ("late", None)],
)
def test_module4_statuses_move_the_pipeline_forward(status, stage):
    """A deliverable's status in the follow-up moves the influencer forward to the stage it
    implies, never back."""
    plan = Plan()
    pipeline.move(plan, "INF1", "contract_signed", at=_at(1))
    deliverable = Deliverable(influencer_id="INF1", status=status)
    pipeline.sync_from_deliverable(plan, deliverable, at=_at(2))
    expected = stage or "contract_signed"
    assert pipeline.relationship_of(plan, "INF1").stage == expected
    pipeline.sync_from_deliverable(plan, Deliverable(influencer_id="INF1", status="planned"))
    assert pipeline.relationship_of(plan, "INF1").stage == expected


def test_a_board_mixing_new_and_moved_influencers_reads_its_dates():
    """In the board, an influencer never moved has no date while the others have theirs (the
    table's missing dates are read as none, not as an error)."""
    plan = Plan()
    plan.add_to_shortlist("INF1")
    plan.add_to_shortlist("INF2")
    pipeline.move(plan, "INF2", "contacted", at=_at(1, 23))
    board = pipeline.board(plan, _at(10))
    days = [pipeline.local_date(d) for d in board["since"]]
    assert days == [None, dt.date(2026, 12, 2)], "23:00 UTC is already the next day in Paris"


def test_the_lanes_hold_every_stage_once():
    """The board's two lanes show each stage exactly once."""
    shown = [stage for lane in pipeline.LANES for stage in lane]
    assert sorted(shown) == sorted(pipeline.STAGES)


def test_a_renewal_after_payment_makes_an_advocate():
    """Paid, then talks again and a second agreement: the influencer becomes an advocate."""
    plan = Plan()
    for day, stage in enumerate(["contacted", "agreed", "published", "paid", "in_talks"], 1):
        pipeline.move(plan, "INF1", stage, at=_at(day))
    rel = pipeline.move(plan, "INF1", "agreed", at=_at(9))
    assert rel.level == "advocate"


def test_a_signed_contract_is_recorded_for_the_success_conditions():
    """Moving an influencer to "contract signed" ticks their contract as signed in the plan's
    compliance record, which the success-conditions page reads."""
    plan = Plan()
    pipeline.move(plan, "INF1", "agreed", at=_at(1))
    assert "INF1" not in plan.compliance.contract_signed
    pipeline.move(plan, "INF1", "contract_signed", at=_at(2))
    assert plan.compliance.contract_signed["INF1"] is True


def test_a_follow_up_message_restarts_the_clock():
    """Once a follow-up is sent, the next reminder waits another full delay."""
    plan = Plan()
    rel = pipeline.move(plan, "INF1", "contacted", at=_at(1))
    assert pipeline.reminder_due(rel, _at(4), 48)
    rel.messages = [OutreachMessage(template="follow_up", body="Relance", saved_at=_at(4))]
    assert not pipeline.reminder_due(rel, _at(5), 48)
    assert pipeline.reminder_due(rel, _at(7), 48)
