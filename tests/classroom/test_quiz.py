"""Quizzes and self-positioning: fair scores (no negative total, no speed), class statistics,
questions drawn from the trainee's own plan, and progress before/after."""

import math

import pytest

from influkit.classroom import gift, positioning, quiz
from influkit.data import datasets
from influkit.plan.model import Plan

SINGLE = gift.Question(
    "s",
    "Q",
    (
        gift.Answer("right", 1.0, "yes"),
        gift.Answer("wrong", 0.0, "no"),
        gift.Answer("w2", 0.0, "no"),
    ),
)
MULTI = gift.Question(
    "m",
    "Q",
    (gift.Answer("a", 0.5), gift.Answer("b", 0.5), gift.Answer("c", -1.0), gift.Answer("d", -0.5)),
    multiple=True,
)


@pytest.mark.parametrize(
    ("question", "chosen", "points"),
    [
        (SINGLE, [0], 1.0),
        (SINGLE, [1], 0.0),
        (SINGLE, [], 0.0),
        (SINGLE, [9], 0.0),
        (MULTI, [0, 1], 1.0),
        (MULTI, [0], 0.5),
        (MULTI, [0, 1, 3], 0.5),
        (MULTI, [0, 2], 0.0),
        (MULTI, [2, 3], 0.0),
        (MULTI, [0, 0, 1], 1.0),
    ],
)
def test_a_question_scores_the_weights_of_the_ticked_answers(question, chosen, points):
    """One right answer scores 1; several weighted answers add up, never below 0 nor above 1."""
    assert quiz.question_score(question, chosen) == points


def test_a_quiz_score_counts_one_point_per_question():
    """The score of a quiz adds one point at most per question, whatever the order of answering."""
    result = quiz.score([SINGLE, MULTI], {"s": [0], "m": [0]})
    assert (result.points, result.out_of, result.answered) == (1.5, 2, 2)
    assert result.share == 0.75


def test_class_statistics_show_the_share_right_and_the_wrong_answers_chosen():
    """Per question the trainer sees how many got it right and which wrong answers were picked."""
    attempts = [{"s": [0]}, {"s": [1]}, {"s": [1]}, {"s": [2]}, {}]
    stats = quiz.question_stats([SINGLE], attempts).iloc[0]
    assert stats["answered"] == 4 and stats["share_right"] == 0.25
    assert stats["chosen"] == [1, 2, 1]
    assert quiz.wrong_choices(SINGLE, stats["chosen"]) == [("wrong", 2), ("w2", 1)]


def test_plan_questions_are_asked_only_with_the_plans_figures():
    """Without a shortlist the plan's CPM is unknown, so its question is left out; with one, the
    question quotes the plan's own figures."""
    empty = quiz.questions_for("module-7", "fr", Plan())
    assert not any(
        quiz.fields_of(q) for q in quiz.bank("module-7") if q.title in {e.title for e in empty}
    )
    plan = Plan.from_case(datasets.cases()[0])
    table_ids = __import__("influkit.identify.profiles", fromlist=["x"]).influencer_table(plan)[
        "influencer_id"
    ]
    for iid in table_ids[:3]:
        plan.add_to_shortlist(iid)
    asked = {q.title: q for q in quiz.questions_for("module-7", "fr", plan)}
    assert "m7-q6" in asked
    text = asked["m7-q6"].text
    assert "[[" not in text and "€" in text
    assert asked["m7-q6"].answers[0].text.startswith("Vous payez ")


def test_positioning_progress_and_class_summary():
    """A trainee sees their change per item; the trainer sees the class mean before and after."""
    before = {"objective-examine": 1, "module-1": 2}
    after = {"objective-examine": 3, "module-1": 4}
    rows = positioning.progress(before, after).set_index("item")
    assert rows.loc["objective-examine", "change"] == 2
    assert math.isnan(rows.loc["module-2", "change"])
    summary = positioning.class_summary(
        [{"before": before, "after": after}, {"before": {"objective-examine": 3}, "after": {}}]
    ).set_index("item")
    assert summary.loc["objective-examine", "mean_before"] == 2
    assert summary.loc["objective-examine", "mean_after"] == 3
    assert summary.loc["objective-examine", "can_do_before"] == 0.5
    assert summary.loc["objective-examine", "n_after"] == 1


def test_positioning_keeps_only_known_items_and_levels():
    """Ratings outside the grid or the four levels are dropped."""
    assert positioning.clean({"module-1": 4, "module-2": 7, "x": 2, "module-3": True}) == {
        "module-1": 4
    }
    assert positioning.objective_level({"module-2": 2, "module-3": 4}, "identify") == 3


def test_the_class_view_of_a_plan_question_hides_the_fields():
    """The trainer reads a plan question with its figures left out, never a raw field name."""
    assert quiz.generic("Votre CPM prévu est de [[cpm]] pour [[cost]].") == (
        "Votre CPM prévu est de … pour …."
    )
