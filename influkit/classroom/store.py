"""Where sessions and participants live: new tables in the same database as the plans.

Nothing lists sessions. A session is reached by its trainer with a secret of 192 random bits
(only its SHA-256 is stored), and by trainees with a short join code that lets them join or
come back, nothing more. A participant is reached by their own random token (kept in their
browser) or, from another computer, by their name and a short personal PIN (only a salted,
slow hash is stored; ten wrong PINs lock the seat until the trainer unlocks it).

Writes are compare-and-set like the plans' (``UPDATE … WHERE revision = :expected``): the
trainer's record and each trainee's work are separate rows, and a stale write raises
:class:`ClassroomConflict` instead of overwriting someone's answers.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
import unicodedata
from dataclasses import dataclass

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from influkit.classroom.session import ParticipantWork, SessionInfo, TrainerRecord
from influkit.errors import UserError
from influkit.plan.storage import PlanStore, StorageFault, fault_kind, get_store

#: Join codes avoid look-alike characters (0/O, 1/I/L) so they can be read off a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
PIN_MIN, PIN_MAX = 4, 8
MAX_PIN_FAILURES = 10
_PIN_ITERATIONS = 120_000
PASSWORD_ENV = "INFLUKIT_TRAINER_PASSWORD"


class _Base(DeclarativeBase):
    pass


class StoredSession(_Base):
    """One row per session: its join code, the hash of the trainer's secret, its data."""

    __tablename__ = "class_sessions"

    session_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    join_code: Mapped[str] = mapped_column(String(16), unique=True, nullable=False)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    info: Mapped[str] = mapped_column(Text, nullable=False)
    record: Mapped[str] = mapped_column(Text, nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class StoredParticipant(_Base):
    """One row per trainee of a session: name, PIN hash, plan token, their own work."""

    __tablename__ = "class_participants"
    __table_args__ = (UniqueConstraint("session_id", "name_key"),)

    participant_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    session_id: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    name_key: Mapped[str] = mapped_column(String(120), nullable=False)
    pin_hash: Mapped[str] = mapped_column(String(200), nullable=False)
    pin_failures: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    plan_token: Mapped[str] = mapped_column(String(64), nullable=False)
    work: Mapped[str] = mapped_column(Text, nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class ClassroomConflict(Exception):
    """The row was written elsewhere since it was read; read it again and reapply."""


@dataclass(frozen=True)
class ClassSession:
    """A session as read from storage."""

    session_id: str
    join_code: str
    info: SessionInfo
    record: TrainerRecord
    revision: int


@dataclass(frozen=True)
class Participant:
    """A trainee of a session as read from storage (never their PIN)."""

    participant_id: str
    session_id: str
    name: str
    plan_token: str
    work: ParticipantWork
    revision: int
    locked: bool
    updated_at: dt.datetime


def secret_hash(secret: str) -> str:
    """The stored form of a trainer secret."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def name_key(name: str) -> str:
    """A name as compared for joining again: case, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())[:120]


def normalise_code(text: str) -> str:
    """A join code as typed (spaces, dashes, lower case) in its stored form."""
    return "".join(c for c in (text or "").upper() if c.isalnum())[:16]


def check_pin(pin: str) -> str:
    """A valid PIN (4 to 8 digits) or a ``UserError`` saying what to type."""
    pin = (pin or "").strip()
    if not (pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX):
        raise UserError("classroom.error_pin_format", low=PIN_MIN, high=PIN_MAX)
    return pin


def check_name(name: str) -> str:
    """A participant name, trimmed; a ``UserError`` when empty or too long."""
    name = " ".join((name or "").split())
    if not name:
        raise UserError("classroom.error_name_empty")
    if len(name) > 80:
        raise UserError("classroom.error_name_long", max=80)
    return name


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """A salted PBKDF2 hash of a PIN, as stored."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, _PIN_ITERATIONS)
    return f"pbkdf2${_PIN_ITERATIONS}${salt.hex()}${digest.hex()}"


def pin_matches(pin: str, stored: str) -> bool:
    """Whether ``pin`` is the one hashed in ``stored``."""
    try:
        _, iterations, salt, digest = stored.split("$")
        computed = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(computed.hex(), digest)


def trainer_password_required() -> bool:
    """Whether the server asks trainers for ``INFLUKIT_TRAINER_PASSWORD``."""
    return bool(os.environ.get(PASSWORD_ENV))


def trainer_password_ok(typed: str | None) -> bool:
    """Whether ``typed`` is the server's trainer password (always True when none is set)."""
    expected = os.environ.get(PASSWORD_ENV)
    if not expected:
        return True
    return hmac.compare_digest((typed or "").encode(), expected.encode())


def _faults(method):
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except (IntegrityError, ClassroomConflict, UserError):
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as err:
            raise StorageFault(fault_kind(err)) from err

    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return wrapper


def _utc(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class ClassroomStore:
    """Sessions and participants, in the database of a :class:`PlanStore`."""

    def __init__(self, plans: PlanStore) -> None:
        self.plans = plans
        self.engine = plans.engine
        try:
            _Base.metadata.create_all(self.engine)
        except (DBAPIError, SQLAlchemyError, OSError) as err:
            raise StorageFault(fault_kind(err)) from err

    # --- sessions ----------------------------------------------------------------------------

    @_faults
    def create_session(self, info: SessionInfo) -> tuple[ClassSession, str]:
        """Store a new session; return it and the trainer's secret (shown once, never stored)."""
        now = dt.datetime.now(dt.UTC)
        record = TrainerRecord()
        for _ in range(20):
            secret = secrets.token_urlsafe(24)
            session_id = secrets.token_hex(16)
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
            try:
                with self.engine.begin() as connection:
                    connection.execute(
                        insert(StoredSession).values(
                            session_id=session_id,
                            join_code=code,
                            secret_hash=secret_hash(secret),
                            info=info.model_dump_json(),
                            record=record.model_dump_json(),
                            revision=1,
                            created_at=now,
                            updated_at=now,
                        )
                    )
            except IntegrityError:
                continue  # a join code already in use: draw another
            return ClassSession(session_id, code, info, record, 1), secret
        raise StorageFault("unavailable")

    def _session(self, where) -> ClassSession | None:
        with Session(self.engine) as orm:
            row = orm.execute(select(StoredSession).where(where)).scalars().first()
            if row is None:
                return None
            return ClassSession(
                session_id=row.session_id,
                join_code=row.join_code,
                info=SessionInfo.model_validate_json(row.info),
                record=TrainerRecord.model_validate_json(row.record),
                revision=row.revision,
            )

    @_faults
    def session_by_secret(self, secret: str) -> ClassSession | None:
        """The session whose trainer secret this is, or None."""
        if not secret or len(secret) > 100:
            return None
        return self._session(StoredSession.secret_hash == secret_hash(secret))

    @_faults
    def session_by_code(self, code: str) -> ClassSession | None:
        """The session of a join code (as typed), or None."""
        clean = normalise_code(code)
        if len(clean) != CODE_LENGTH:
            return None
        return self._session(StoredSession.join_code == clean)

    @_faults
    def session_by_id(self, session_id: str) -> ClassSession | None:
        """The session of a participant (by its internal id), or None."""
        return self._session(StoredSession.session_id == session_id)

    @_faults
    def save_record(self, session: ClassSession, record: TrainerRecord) -> ClassSession:
        """Write the trainer's record over the revision read; :class:`ClassroomConflict` if stale."""
        return self._save_session(session, record=record)

    @_faults
    def save_info(self, session: ClassSession, info: SessionInfo) -> ClassSession:
        """Write the session's details over the revision read."""
        return self._save_session(session, info=info)

    def _save_session(
        self, session: ClassSession, *, info: SessionInfo | None = None, record=None
    ) -> ClassSession:
        info = info or session.info
        record = record or session.record
        with self.engine.begin() as connection:
            result = connection.execute(
                update(StoredSession)
                .where(
                    StoredSession.session_id == session.session_id,
                    StoredSession.revision == session.revision,
                )
                .values(
                    info=info.model_dump_json(),
                    record=record.model_dump_json(),
                    revision=StoredSession.revision + 1,
                    updated_at=dt.datetime.now(dt.UTC),
                )
            )
            if result.rowcount != 1:
                raise ClassroomConflict(session.session_id)
        return ClassSession(
            session.session_id, session.join_code, info, record, session.revision + 1
        )

    # --- participants ------------------------------------------------------------------------

    @_faults
    def join(
        self, session: ClassSession, name: str, pin: str, plan_token: str, email: str = ""
    ) -> Participant:
        """Add a trainee to the session; a ``UserError`` when the name is taken."""
        name, pin = check_name(name), check_pin(pin)
        now = dt.datetime.now(dt.UTC)
        participant_id = secrets.token_urlsafe(18)
        work = ParticipantWork(email=email.strip()[:200])
        try:
            with self.engine.begin() as connection:
                connection.execute(
                    insert(StoredParticipant).values(
                        participant_id=participant_id,
                        session_id=session.session_id,
                        name=name,
                        name_key=name_key(name),
                        pin_hash=hash_pin(pin),
                        pin_failures=0,
                        plan_token=plan_token,
                        work=work.model_dump_json(),
                        revision=1,
                        created_at=now,
                        updated_at=now,
                    )
                )
        except IntegrityError as err:
            raise UserError("classroom.error_name_taken", name=name) from err
        return Participant(
            participant_id, session.session_id, name, plan_token, work, 1, False, now
        )

    @_faults
    def name_taken(self, session: ClassSession, name: str) -> bool:
        """Whether someone of this session already joined under this name."""
        with self.engine.connect() as connection:
            found = connection.execute(
                select(StoredParticipant.participant_id).where(
                    StoredParticipant.session_id == session.session_id,
                    StoredParticipant.name_key == name_key(name),
                )
            ).first()
        return found is not None

    @_faults
    def rejoin(self, session: ClassSession, name: str, pin: str) -> Participant:
        """A trainee coming back from another computer: their seat when name and PIN match.

        Wrong PINs are counted; after :data:`MAX_PIN_FAILURES` the seat is locked until the
        trainer unlocks it. Raises ``UserError`` with what to do.
        """
        key = name_key(check_name(name))
        with Session(self.engine) as orm, orm.begin():
            row = (
                orm.execute(
                    select(StoredParticipant).where(
                        StoredParticipant.session_id == session.session_id,
                        StoredParticipant.name_key == key,
                    )
                )
                .scalars()
                .first()
            )
            if row is None:
                outcome = "unknown"
            elif row.pin_failures >= MAX_PIN_FAILURES:
                outcome = "locked"
            elif not pin_matches((pin or "").strip(), row.pin_hash):
                row.pin_failures += 1  # committed before the refusal is raised
                outcome = "wrong"
            else:
                row.pin_failures = 0
                outcome = "ok"
                found = self._participant(row)
        if outcome == "unknown":
            raise UserError("classroom.error_unknown_name", name=name)
        if outcome == "locked":
            raise UserError("classroom.error_locked")
        if outcome == "wrong":
            raise UserError("classroom.error_wrong_pin")
        return found

    @staticmethod
    def _participant(row: StoredParticipant) -> Participant:
        return Participant(
            participant_id=row.participant_id,
            session_id=row.session_id,
            name=row.name,
            plan_token=row.plan_token,
            work=ParticipantWork.model_validate_json(row.work),
            revision=row.revision,
            locked=row.pin_failures >= MAX_PIN_FAILURES,
            updated_at=_utc(row.updated_at),
        )

    @_faults
    def participant(self, participant_id: str) -> Participant | None:
        """A trainee by their own token, or None."""
        if not participant_id or len(participant_id) > 64:
            return None
        with Session(self.engine) as orm:
            row = (
                orm.execute(
                    select(StoredParticipant).where(
                        StoredParticipant.participant_id == participant_id
                    )
                )
                .scalars()
                .first()
            )
            return None if row is None else self._participant(row)

    @_faults
    def participants(self, session: ClassSession) -> list[Participant]:
        """Every trainee of the session, in the order they joined."""
        with Session(self.engine) as orm:
            rows = (
                orm.execute(
                    select(StoredParticipant)
                    .where(StoredParticipant.session_id == session.session_id)
                    .order_by(StoredParticipant.created_at, StoredParticipant.name)
                )
                .scalars()
                .all()
            )
            return [self._participant(row) for row in rows]

    @_faults
    def save_work(self, participant: Participant, work: ParticipantWork) -> Participant:
        """Write a trainee's work over the revision read; :class:`ClassroomConflict` if stale."""
        now = dt.datetime.now(dt.UTC)
        with self.engine.begin() as connection:
            result = connection.execute(
                update(StoredParticipant)
                .where(
                    StoredParticipant.participant_id == participant.participant_id,
                    StoredParticipant.revision == participant.revision,
                )
                .values(
                    work=work.model_dump_json(),
                    revision=StoredParticipant.revision + 1,
                    updated_at=now,
                )
            )
            if result.rowcount != 1:
                raise ClassroomConflict(participant.participant_id)
        return Participant(
            participant.participant_id,
            participant.session_id,
            participant.name,
            participant.plan_token,
            work,
            participant.revision + 1,
            participant.locked,
            now,
        )

    @_faults
    def unlock(self, session: ClassSession, participant_id: str) -> bool:
        """The trainer lets a trainee try their PIN again."""
        with self.engine.begin() as connection:
            result = connection.execute(
                update(StoredParticipant)
                .where(
                    StoredParticipant.participant_id == participant_id,
                    StoredParticipant.session_id == session.session_id,
                )
                .values(pin_failures=0)
            )
        return result.rowcount == 1

    @_faults
    def remove(self, session: ClassSession, participant_id: str) -> bool:
        """Erase a trainee from the session (their plan stays under its own token)."""
        with self.engine.begin() as connection:
            result = connection.execute(
                delete(StoredParticipant).where(
                    StoredParticipant.participant_id == participant_id,
                    StoredParticipant.session_id == session.session_id,
                )
            )
        return result.rowcount == 1


_stores: dict[int, ClassroomStore] = {}


def get_classroom_store(url: str | None = None) -> ClassroomStore:
    """The process-wide classroom store, sharing the plan store's database and engine."""
    plans = get_store(url)
    store = _stores.get(id(plans))
    if store is None or store.plans is not plans:
        store = _stores[id(plans)] = ClassroomStore(plans)
    return store
