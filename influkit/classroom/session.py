"""A training session (the classroom) and its participants, as data.

A trainer creates a :class:`SessionInfo` (dates, place, organisation, trainer, the case studies
offered); trainees join with its short code and keep their work in a :class:`ParticipantWork`
(quiz answers, self-positioning). What only the trainer writes — attendance per half-day and
the validation of each objective — lives in :class:`TrainerRecord`, so a trainee's writes and
the trainer's never touch the same row. Storage is :mod:`influkit.classroom.store`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from influkit.classroom.positioning import OBJECTIVES

COURSE_REFERENCE = "PUB-ECOM-12"
DEFAULT_HOURS = 14.0
Result = Literal["acquired", "in_progress"]
RESULTS: tuple[str, ...] = ("acquired", "in_progress")
HALVES: tuple[str, ...] = ("am", "pm")


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)


class SessionInfo(_Model):
    """What a trainer says about the session when creating it."""

    organisation: str = ""
    trainer_name: str = ""
    place: str = ""
    start: dt.date = Field(default_factory=dt.date.today)
    end: dt.date = Field(default_factory=lambda: dt.date.today() + dt.timedelta(days=1))
    hours: float = Field(default=DEFAULT_HOURS, gt=0, le=200)
    case_ids: list[str] = Field(default_factory=list)
    lang: Literal["fr", "en"] = "fr"

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: dt.date, info) -> dt.date:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError("end before start")
        return end

    def days(self) -> list[dt.date]:
        """The course days, weekends left out (at most 31)."""
        days = []
        day = self.start
        while day <= self.end and len(days) < 31:
            if day.weekday() < 5:
                days.append(day)
            day += dt.timedelta(days=1)
        return days or [self.start]

    def half_days(self) -> list[str]:
        """The half-days of the session, as ``2026-12-07-am`` keys, in order."""
        return [f"{day.isoformat()}-{half}" for day in self.days() for half in HALVES]


class ParticipantWork(_Model):
    """A trainee's own work in the session, written only by them."""

    email: str = ""
    # quiz id -> question id -> ticked answers; kept while the trainee changes their mind
    answers: dict[str, dict[str, list[int]]] = Field(default_factory=dict)
    submitted: dict[str, dt.datetime] = Field(default_factory=dict)
    # phase ("before" / "after") -> grid item -> level 1..4
    positioning: dict[str, dict[str, int]] = Field(default_factory=dict)


class TrainerRecord(_Model):
    """What the trainer records for the whole class: attendance, validations, issued
    attestations, and their own questions replacing a quiz's for this session."""

    # participant id -> half-day key -> present
    attendance: dict[str, dict[str, bool]] = Field(default_factory=dict)
    # participant id -> objective -> result confirmed by the trainer
    validations: dict[str, dict[str, Result]] = Field(default_factory=dict)
    issued: dict[str, dt.datetime] = Field(default_factory=dict)
    # "module-3/fr" -> the trainer's own questions for that quiz in this session, as GIFT
    banks: dict[str, str] = Field(default_factory=dict)

    def validation(self, participant_id: str) -> dict[str, str]:
        """The trainer's confirmed result per objective for one trainee (may be partial)."""
        known = self.validations.get(participant_id, {})
        return {o: known[o] for o in OBJECTIVES if o in known}
