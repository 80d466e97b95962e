"""Quizzes (QCM): the question bank, questions drawn from the trainee's plan, scoring, class statistics.

The bank is GIFT data under ``datasets/quiz/<lang>/`` — one file per module and a final one; a
question's title is its id, the same in French and English, so a class that mixes languages
still pools its statistics. A question whose text holds ``[[cpm]]``-style fields is asked only
when the trainee's plan gives those figures (computed from :func:`influkit.campaign.forecast.forecast`).

A trainer may replace a quiz's questions for their session with their own GIFT file (per quiz
and language, kept in the session's :class:`~influkit.classroom.session.TrainerRecord`): those
questions are asked as written, so plan-computed questions stay in the standard bank only.

Scoring never rewards speed and never goes below zero: a single-answer question scores the
weight of the chosen answer, a multiple-answer one the sum of the chosen weights, clipped to
[0, 1].
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd

from influkit.classroom import gift
from influkit.data import datasets
from influkit.errors import UserError
from influkit.plan.model import Plan
from influkit.text.formats import fmt_money, fmt_number
from influkit.text.i18n import normalize_language

QUIZZES: tuple[str, ...] = (*(f"module-{n}" for n in range(1, 8)), "final")
_FIELD = re.compile(r"\[\[([a-z_]+)\]\]")

#: Chosen answers per question id: the indices of the ticked answers.
Answers = Mapping[str, Sequence[int]]


def bank_dir(lang: str) -> Path:
    """The folder of the question bank in ``lang``."""
    return datasets.data_dir() / "quiz" / normalize_language(lang)


@cache
def bank(quiz: str, lang: str = "fr") -> tuple[gift.Question, ...]:
    """The questions of one quiz (``module-3``, ``final``) in ``lang``, as stored."""
    if quiz not in QUIZZES:
        raise KeyError(quiz)
    path = bank_dir(lang) / f"{quiz}.gift"
    return tuple(gift.parse(path.read_text(encoding="utf-8")))


def bank_key(quiz: str, lang: str) -> str:
    """Where a session keeps a trainer's own questions for one quiz and language."""
    if quiz not in QUIZZES:
        raise KeyError(quiz)
    return f"{quiz}/{normalize_language(lang)}"


def read_custom(text: str) -> tuple[gift.Question, ...]:
    """A trainer's GIFT text for one quiz, checked: a ``UserError`` with the line to fix, or
    when it holds no question."""
    questions = _parsed(text)
    if not questions:
        raise UserError("classroom.bank_empty")
    return questions


@lru_cache(maxsize=64)
def _parsed(text: str) -> tuple[gift.Question, ...]:
    return tuple(gift.parse(text))


def custom_bank(
    banks: Mapping[str, str] | None, quiz: str, lang: str
) -> tuple[gift.Question, ...] | None:
    """The trainer's own questions for this quiz and language in a session, or None."""
    text = (banks or {}).get(bank_key(quiz, lang))
    if not text:
        return None
    try:
        return read_custom(text)
    except UserError:
        return None  # stored banks are checked before saving; never break a page on one


def session_bank(
    banks: Mapping[str, str] | None, quiz: str, lang: str = "fr"
) -> tuple[gift.Question, ...]:
    """The questions of a quiz in a session: the trainer's own, else the standard bank."""
    custom = custom_bank(banks, quiz, lang)
    return bank(quiz, lang) if custom is None else custom


def fields_of(question: gift.Question) -> set[str]:
    """The plan figures a question needs (``{"cpm", "cost"}``), empty for a fixed question."""
    texts = [
        question.text,
        *(a.text for a in question.answers),
        *(a.feedback for a in question.answers),
    ]
    return {name for text in texts for name in _FIELD.findall(text)}


def plan_figures(plan: Plan | None, lang: str = "fr") -> dict[str, str]:
    """The plan's expected figures, written for a question: cost, impressions, CPM, revenue, ROAS."""
    if plan is None or not plan.shortlist:
        return {}
    from influkit.campaign.forecast import forecast

    try:
        totals = forecast(plan).totals
    except Exception:  # noqa: BLE001 — an unreadable plan simply gets no plan questions
        return {}
    cost, impressions, revenue = (totals[m][1] for m in ("cost", "impressions", "revenue"))
    figures: dict[str, str] = {}
    if cost > 0 and impressions > 0:
        figures["cost"] = fmt_money(cost, lang, 0)
        figures["impressions"] = fmt_number(impressions, lang)
        figures["cpm"] = fmt_money(cost / impressions * 1000, lang)
    if cost > 0 and revenue > 0 and math.isfinite(revenue):
        figures["cost"] = fmt_money(cost, lang, 0)
        figures["revenue"] = fmt_money(revenue, lang, 0)
        figures["roas"] = fmt_number(revenue / cost, lang, 2)
    return figures


def _fill(text: str, figures: Mapping[str, str]) -> str:
    return _FIELD.sub(lambda m: figures.get(m.group(1), m.group(0)), text)


def questions_for(
    quiz: str,
    lang: str = "fr",
    plan: Plan | None = None,
    banks: Mapping[str, str] | None = None,
) -> list[gift.Question]:
    """The questions a trainee gets: the trainer's own for the session when given, else the
    fixed ones plus the plan ones whose figures the plan gives."""
    custom = custom_bank(banks, quiz, lang)
    if custom is not None:
        return list(custom)
    figures = plan_figures(plan, lang) if any(fields_of(q) for q in bank(quiz, lang)) else {}
    asked: list[gift.Question] = []
    for question in bank(quiz, lang):
        needed = fields_of(question)
        if not needed:
            asked.append(question)
        elif needed <= figures.keys():
            answers = tuple(
                replace(a, text=_fill(a.text, figures), feedback=_fill(a.feedback, figures))
                for a in question.answers
            )
            asked.append(replace(question, text=_fill(question.text, figures), answers=answers))
    return asked


def generic(text: str) -> str:
    """A question's text with its plan figures left as "…" (the class view of a plan question)."""
    return _FIELD.sub("…", text)


def question_score(question: gift.Question, chosen: Sequence[int]) -> float:
    """The points (0 to 1) earned by ticking ``chosen`` answers; unknown indices are ignored."""
    picked = sorted({i for i in chosen if 0 <= i < len(question.answers)})
    if not picked:
        return 0.0
    if not question.multiple:
        picked = picked[:1]
    total = sum(question.answers[i].weight for i in picked)
    return round(min(1.0, max(0.0, total)), 6)


@dataclass(frozen=True)
class QuizScore:
    """A trainee's result on one quiz."""

    points: float
    out_of: int
    answered: int

    @property
    def share(self) -> float:
        """The score as a fraction of the maximum (NaN for an empty quiz)."""
        return self.points / self.out_of if self.out_of else math.nan


def score(questions: Sequence[gift.Question], answers: Answers) -> QuizScore:
    """The score of a set of answers on these questions (one point per question)."""
    points = sum(question_score(q, answers.get(q.title, ())) for q in questions)
    answered = sum(1 for q in questions if answers.get(q.title))
    return QuizScore(points=round(points, 6), out_of=len(questions), answered=answered)


def question_stats(questions: Sequence[gift.Question], attempts: Sequence[Answers]) -> pd.DataFrame:
    """Per question, for the class: how many answered, the share fully right, and per answer
    how many chose it (``chosen``: a list aligned with the question's answers)."""
    rows = []
    for q in questions:
        given = [a.get(q.title) for a in attempts if a.get(q.title)]
        chosen = [0] * len(q.answers)
        for picks in given:
            for i in set(picks):
                if 0 <= i < len(chosen):
                    chosen[i] += 1
        right = sum(1 for picks in given if question_score(q, picks) >= 1)
        rows.append(
            {
                "question_id": q.title,
                "question": q.text,
                "answered": len(given),
                "share_right": right / len(given) if given else math.nan,
                "mean_score": (
                    sum(question_score(q, p) for p in given) / len(given) if given else math.nan
                ),
                "chosen": chosen,
            }
        )
    return pd.DataFrame(
        rows,
        columns=["question_id", "question", "answered", "share_right", "mean_score", "chosen"],
    )


def wrong_choices(question: gift.Question, chosen: Sequence[int]) -> list[tuple[str, int]]:
    """The answers that earn nothing, with how many trainees chose each, most chosen first."""
    pairs = [
        (answer.text, count)
        for answer, count in zip(question.answers, chosen, strict=False)
        if not answer.right and count
    ]
    return sorted(pairs, key=lambda pair: -pair[1])
