"""Sessions and participants: a trainer reaches a session only with its secret, trainees join
with a short code and come back with their name and PIN, and writes never overwrite someone
else's — on SQLite and on PostgreSQL."""

import pytest

from influkit.classroom import store as cs
from influkit.classroom.session import ParticipantWork, SessionInfo, TrainerRecord
from influkit.errors import UserError
from influkit.plan.model import Plan
from influkit.plan.storage import PlanStore


@pytest.fixture
def classroom(store_url):
    """An empty classroom store next to the plans."""
    return cs.ClassroomStore(PlanStore(store_url))


def _join(classroom, session, name="Élodie Martin", pin="1234"):
    token = classroom.plans.create(Plan())
    return classroom.join(session, name, pin, token)


def test_a_session_is_reached_by_its_secret_and_its_join_code(classroom):
    """The trainer's secret has at least 128 bits and opens the session; the join code is short."""
    session, secret = classroom.create_session(SessionInfo(organisation="Formasup"))
    assert len(secret) * 6 >= 128
    assert len(session.join_code) == cs.CODE_LENGTH
    assert classroom.session_by_secret(secret).session_id == session.session_id
    assert classroom.session_by_code(session.join_code.lower()).session_id == session.session_id
    assert classroom.session_by_secret(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert classroom.session_by_code("ZZZ") is None


def test_the_secret_itself_is_never_stored(classroom):
    """Only a hash of the trainer's secret is kept in the database."""
    _, secret = classroom.create_session(SessionInfo())
    from sqlalchemy import text

    with classroom.engine.connect() as connection:
        dump = " ".join(
            str(row) for row in connection.execute(text("SELECT * FROM class_sessions"))
        )
    assert secret not in dump


def test_a_trainee_comes_back_with_name_and_pin_from_another_computer(classroom):
    """Joining again with the same name (any case or accents) and PIN gives back the same plan."""
    session, _ = classroom.create_session(SessionInfo())
    first = _join(classroom, session)
    back = classroom.rejoin(session, "  elodie   MARTIN ", "1234")
    assert back.participant_id == first.participant_id and back.plan_token == first.plan_token


@pytest.mark.parametrize(
    ("name", "pin", "key"),
    [
        ("Élodie Martin", "9999", "classroom.error_wrong_pin"),
        ("Paul", "1234", "classroom.error_unknown_name"),
        ("", "1234", "classroom.error_name_empty"),
    ],
)
def test_a_wrong_name_or_pin_is_refused_with_a_clear_message(classroom, name, pin, key):
    """Coming back with a wrong PIN or an unknown name says what is wrong."""
    session, _ = classroom.create_session(SessionInfo())
    _join(classroom, session)
    with pytest.raises(UserError) as caught:
        classroom.rejoin(session, name, pin)
    assert caught.value.key == key


def test_the_pin_is_stored_hashed_and_a_seat_locks_after_too_many_wrong_pins(classroom):
    """The PIN is never stored in clear; ten wrong tries lock the seat until the trainer unlocks it."""
    session, _ = classroom.create_session(SessionInfo())
    seat = _join(classroom, session, pin="4321")
    from sqlalchemy import text

    with classroom.engine.connect() as connection:
        stored = connection.execute(text("SELECT pin_hash FROM class_participants")).scalar()
    assert "4321" not in stored and stored.startswith("pbkdf2$")
    for _ in range(cs.MAX_PIN_FAILURES):
        with pytest.raises(UserError):
            classroom.rejoin(session, "Élodie Martin", "0000")
    with pytest.raises(UserError) as caught:
        classroom.rejoin(session, "Élodie Martin", "4321")
    assert caught.value.key == "classroom.error_locked"
    assert classroom.unlock(session, seat.participant_id)
    assert classroom.rejoin(session, "Élodie Martin", "4321").participant_id == seat.participant_id


@pytest.mark.parametrize("pin", ["12", "abcd", "123456789", ""])
def test_a_pin_is_four_to_eight_digits(classroom, pin):
    """A PIN too short, too long or with letters is refused before joining."""
    session, _ = classroom.create_session(SessionInfo())
    with pytest.raises(UserError) as caught:
        _join(classroom, session, pin=pin)
    assert caught.value.key == "classroom.error_pin_format"


def test_the_same_name_cannot_join_twice(classroom):
    """A second trainee with the same name is asked to come back or to tell themselves apart."""
    session, _ = classroom.create_session(SessionInfo())
    _join(classroom, session)
    with pytest.raises(UserError) as caught:
        _join(classroom, session, name="ELODIE martin")
    assert caught.value.key == "classroom.error_name_taken"


def test_stale_writes_are_refused_not_silently_overwritten(classroom):
    """Two tabs answering for the same trainee: the second stale save is refused."""
    session, _ = classroom.create_session(SessionInfo())
    seat = _join(classroom, session)
    saved = classroom.save_work(seat, ParticipantWork(positioning={"before": {"module-1": 2}}))
    assert saved.revision == 2
    with pytest.raises(cs.ClassroomConflict):
        classroom.save_work(seat, ParticipantWork())
    assert classroom.participant(seat.participant_id).work.positioning == {
        "before": {"module-1": 2}
    }
    record = TrainerRecord(attendance={seat.participant_id: {"x": True}})
    newer = classroom.save_record(session, record)
    with pytest.raises(cs.ClassroomConflict):
        classroom.save_record(session, TrainerRecord())
    assert classroom.session_by_id(session.session_id).record == newer.record


def test_a_trainer_sees_only_the_trainees_of_their_session(classroom):
    """Participants are listed per session; another session's trainees never show."""
    mine, _ = classroom.create_session(SessionInfo())
    other, _ = classroom.create_session(SessionInfo())
    _join(classroom, mine, "Ana")
    _join(classroom, other, "Bob")
    assert [p.name for p in classroom.participants(mine)] == ["Ana"]
    bob = classroom.participants(other)[0]
    assert not classroom.remove(mine, bob.participant_id)


@pytest.mark.parametrize(
    ("configured", "typed", "ok"),
    [
        (None, None, True),
        ("s3cret", "s3cret", True),
        ("s3cret", "nope", False),
        ("s3cret", None, False),
    ],
)
def test_an_optional_server_wide_trainer_password(monkeypatch, configured, typed, ok):
    """When INFLUKIT_TRAINER_PASSWORD is set, a trainer must type it."""
    if configured:
        monkeypatch.setenv(cs.PASSWORD_ENV, configured)
    else:
        monkeypatch.delenv(cs.PASSWORD_ENV, raising=False)
    assert cs.trainer_password_ok(typed) is ok
    assert cs.trainer_password_required() is bool(configured)


def test_a_trainers_own_question_bank_round_trips_with_the_session(classroom):
    """A trainer's own GIFT questions for one quiz and language are kept with the session,
    read back identical, replace that quiz only, and a stale write of them is refused."""
    from influkit.classroom import gift, quiz

    own = quiz.read_custom(
        "::own-1:: Que mesure le CPM \\: coût ou portée ? {=Le coût pour mille impressions"
        " #Oui. ~Le nombre d'abonnés #Non.}\n\n"
        "::own-2:: Cochez les plateformes vidéo {~%50%YouTube ~%50%TikTok ~%-100%Un blog}\n"
    )
    session, secret = classroom.create_session(SessionInfo())
    record = TrainerRecord(banks={quiz.bank_key("module-2", "fr"): gift.write(own)})
    saved = classroom.save_record(session, record)
    with pytest.raises(cs.ClassroomConflict):
        classroom.save_record(session, TrainerRecord())
    banks = classroom.session_by_secret(secret).record.banks
    assert banks == saved.record.banks
    assert quiz.session_bank(banks, "module-2", "fr") == own
    assert quiz.questions_for("module-2", "fr", None, banks) == list(own)
    assert quiz.session_bank(banks, "module-2", "en") == quiz.bank("module-2", "en")
    assert quiz.session_bank(banks, "module-3", "fr") == quiz.bank("module-3", "fr")
    back = classroom.save_record(saved, TrainerRecord())
    assert quiz.session_bank(back.record.banks, "module-2", "fr") == quiz.bank("module-2", "fr")
