"""GIFT: the question files trainers exchange read back exactly as written, and a malformed
file says which line to fix, in the trainer's language."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from influkit.classroom import gift, quiz
from influkit.errors import UserError
from influkit.text import i18n

SAMPLE = r"""// a comment line
$CATEGORY: module-7

::cpm:: Que vaut le CPM \: coût pour {
  =mille impressions #Oui \: CPM \= coût ÷ impressions × 1 000
  ~mille clics #Non
}

::kpis:: Lesquels mesurent la conversion ? {
  ~%50%CPA #oui
  ~%50%ROAS
  ~%-100%Part de voix #non
  ####Voir le module 7.
}
"""


def test_a_gift_file_gives_titles_text_answers_weights_and_feedback():
    """A trainer's GIFT file gives each question its title, text, answers, weights and feedback."""
    single, multiple = gift.parse(SAMPLE)
    assert (single.title, single.text, single.category) == (
        "cpm",
        "Que vaut le CPM : coût pour",
        "module-7",
    )
    assert [a.weight for a in single.answers] == [1.0, 0.0] and not single.multiple
    assert single.answers[0].feedback == "Oui : CPM = coût ÷ impressions × 1 000"
    assert multiple.multiple and [a.weight for a in multiple.answers] == [0.5, 0.5, -1.0]
    assert multiple.general_feedback == "Voir le module 7."


def test_categories_can_be_left_out():
    """Categories are kept by default and can be ignored."""
    assert {q.category for q in gift.parse(SAMPLE, keep_categories=False)} == {None}


def test_writing_then_reading_gives_the_same_questions():
    """A bank exported to GIFT imports back identical."""
    questions = gift.parse(SAMPLE)
    assert gift.parse(gift.write(questions)) == questions


_text = (
    st.text(
        alphabet=st.characters(
            whitelist_categories=("L", "N", "P", "S", "Zs"), blacklist_characters="\\["
        ),
        min_size=1,
        max_size=40,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@st.composite
def questions(draw):
    multiple = draw(st.booleans())
    n = draw(st.integers(2, 5))
    texts = draw(st.lists(_text, min_size=n, max_size=n))
    feedbacks = draw(st.lists(st.one_of(st.just(""), _text), min_size=n, max_size=n))
    if multiple:
        weights = draw(
            st.lists(st.sampled_from([0.5, -0.5, 0.25, 1.0, 0.0, -1.0]), min_size=n, max_size=n)
        )
        if not any(w > 0 for w in weights):
            weights[0] = 0.5
    else:
        right = draw(st.integers(0, n - 1))
        weights = [1.0 if i == right else 0.0 for i in range(n)]
    answers = tuple(gift.Answer(t, w, f) for t, w, f in zip(texts, weights, feedbacks, strict=True))
    return gift.Question(
        title=draw(_text),
        text=draw(_text),
        answers=answers,
        multiple=multiple,
        general_feedback=draw(st.one_of(st.just(""), _text)),
        category=draw(st.one_of(st.none(), _text.filter(lambda s: s == s.strip()))),
    )


@settings(max_examples=150, deadline=None)
@given(st.lists(questions(), min_size=1, max_size=4, unique_by=lambda q: q.title))
def test_any_question_bank_survives_a_round_trip(bank):
    """Whatever text a trainer writes — colons, braces, equals, hashes, tildes — survives export
    and import."""
    back = gift.parse(gift.write(bank))
    assert back == bank


@pytest.mark.parametrize(
    ("source", "key", "line"),
    [
        ("::a:: Question sans réponses", "error_no_answers", 1),
        ("\n\n::a:: Q {\n=oui\n~non\n", "error_unclosed", 3),
        ("::a:: Q {\n=seule\n}", "error_few_answers", 1),
        ("::a:: Q {\n~a\n~b\n}", "error_no_right", 1),
        ("::a:: Q {\n=a\n=b\n}", "error_one_right", 1),
        ("::a:: Q {\n~%150%a\n~b\n}", "error_weight", 1),
        ("::a Q {=a ~b}", "error_title", 1),
        ("::a:: {=a ~b}", "error_no_text", 1),
        ("::a:: Q {texte =a ~b}", "error_answer_marker", 1),
        ("::a:: Q {=a ~b}\n\n::a:: R {=a ~b}", "error_duplicate_title", 3),
        ("::a:: Q {=a {~b}", "error_nested", 1),
    ],
)
def test_a_malformed_file_names_the_line_to_fix(source, key, line):
    """A mistake in a GIFT file gives a message naming its line, in French and in English."""
    with pytest.raises(UserError) as caught:
        gift.parse(source)
    assert caught.value.key == f"classroom.gift.{key}"
    assert caught.value.params["line"] == line
    for lang in ("fr", "en"):
        message = caught.value.message(lang)
        assert str(line) in message and not message.startswith("classroom.")


@pytest.mark.parametrize("quiz_id", quiz.QUIZZES)
def test_the_bank_has_five_questions_per_quiz_in_both_languages(quiz_id):
    """Each module's quiz and the final one hold at least five questions, single and multiple
    answer, with an explanation per answer, the same questions in French and in English."""
    fr, en = quiz.bank(quiz_id, "fr"), quiz.bank(quiz_id, "en")
    assert len(fr) >= 5
    assert [q.title for q in fr] == [q.title for q in en]
    for q_fr, q_en in zip(fr, en, strict=True):
        assert [a.weight for a in q_fr.answers] == [a.weight for a in q_en.answers]
        assert all(a.feedback for a in (*q_fr.answers, *q_en.answers)), q_fr.title
        assert quiz.fields_of(q_fr) == quiz.fields_of(q_en)
    assert any(q.multiple for q in fr) and any(not q.multiple for q in fr)


def test_gift_messages_exist_in_both_languages():
    """Every GIFT error has its message in French and English."""
    for key in ("error_unclosed", "error_weight", "error_no_right"):
        assert i18n.has(f"classroom.gift.{key}", "fr") and i18n.has(f"classroom.gift.{key}", "en")
