"""Where plans live: SQLite by default, any SQLAlchemy database (PostgreSQL) on a shared server.

A plan is stored as its JSON under a random token; the token is the only key, and nothing lists
plans, so a plan is reached only by whoever holds its link.

Saves are compare-and-set: :meth:`PlanStore.save` writes only over the revision the caller read,
in one ``UPDATE … WHERE revision = :expected``, so two tabs (or two server processes) editing
one plan never overwrite each other silently — the second gets :class:`PlanConflict`. A save
never creates a row: a plan that is missing or was erased gives :class:`PlanGone`, and an erased
plan leaves a tombstone (a hash of its token) so that no process brings it back.

Erasing is meant to remove the text from the disk too. SQLite runs with ``secure_delete`` (freed
pages are overwritten with zeros) and the write-ahead log is checkpointed and truncated after an
erase. PostgreSQL keeps a deleted row's bytes in its table file until VACUUM reuses the space,
and in its write-ahead log and backups until they rotate: see the README.

Database faults (locked, read-only, full disk, server away) become :class:`StorageFault`, a
:class:`~influkit.errors.UserError` whose message says what happened; the caller keeps the plan.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    Text,
    create_engine,
    delete,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from influkit.errors import UserError
from influkit.plan.model import Plan, new_token, plan_from_json, plan_json

#: How long a SQLite writer waits for another one before the save is reported as locked.
SQLITE_BUSY_TIMEOUT_MS = 5_000


class _Base(DeclarativeBase):
    pass


class StoredPlan(_Base):
    """One row per plan: its token, its JSON, its revision and when it was last written."""

    __tablename__ = "plans"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text, nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class ErasedPlan(_Base):
    """A tombstone: the SHA-256 of an erased plan's token and when it was erased (no content)."""

    __tablename__ = "erased_plans"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    erased_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class PlanConflict(Exception):
    """The plan was saved elsewhere since it was read: ``revision`` is the one stored now."""

    def __init__(self, token: str, expected: int | None, revision: int | None) -> None:
        self.token, self.expected, self.revision = token, expected, revision
        super().__init__(f"plan changed elsewhere: expected revision {expected}, found {revision}")


class PlanGone(Exception):
    """No plan under this token: ``erased`` when it was erased, else it never existed."""

    def __init__(self, token: str, erased: bool) -> None:
        self.token, self.erased = token, erased
        super().__init__("plan erased" if erased else "no such plan")


class StorageFault(UserError):
    """The database cannot be written or read now: ``kind`` is locked, read_only, disk_full
    or unavailable; the message (``storage.fault.<kind>``) says so in the user's language."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(f"storage.fault.{kind}")


def fault_kind(err: BaseException) -> str:
    """What a database error means for the user: locked, read_only, disk_full or unavailable."""
    text = str(getattr(err, "orig", None) or err).lower()
    if any(word in text for word in ("locked", "busy", "could not obtain lock", "lock timeout")):
        return "locked"
    if any(
        word in text
        for word in ("readonly", "read-only", "read only", "permission denied", "unable to open")
    ):
        return "read_only"
    if any(word in text for word in ("full", "no space", "could not extend", "quota")):
        return "disk_full"
    return "unavailable"


def default_data_dir() -> Path:
    """The data folder: ``INFLUKIT_DATA_DIR``, else ``~/.local/share/influkit`` (XDG)."""
    configured = os.environ.get("INFLUKIT_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "influkit"


def database_url() -> str:
    """``INFLUKIT_DATABASE_URL`` when set, else a SQLite file in the data folder."""
    url = os.environ.get("INFLUKIT_DATABASE_URL")
    if url:
        return url
    folder = default_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'influkit.sqlite3'}"


def token_hash(token: str) -> str:
    """The SHA-256 of a token, as a tombstone keeps it."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class SavedPlan:
    """A plan as read from storage, with its revision and last write time."""

    token: str
    plan: Plan
    revision: int
    updated_at: dt.datetime


def _faults(method):
    """Turn database errors of a store method into :class:`StorageFault`."""

    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except (IntegrityError, PlanConflict, PlanGone, UserError):
            raise
        except (DBAPIError, SQLAlchemyError, OSError) as err:
            raise StorageFault(fault_kind(err)) from err

    wrapper.__name__, wrapper.__doc__ = method.__name__, method.__doc__
    return wrapper


class PlanStore:
    """Create, save (compare-and-set), load and erase plans by token."""

    def __init__(self, url: str | None = None, *, busy_timeout_ms: int | None = None) -> None:
        try:
            self.url = url or database_url()
            self.engine: Engine = create_engine(self.url, pool_pre_ping=True)
            if self.engine.dialect.name == "sqlite":
                timeout = SQLITE_BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
                event.listen(self.engine, "connect", _sqlite_pragmas(timeout))
            _Base.metadata.create_all(self.engine)
        except (DBAPIError, SQLAlchemyError, OSError) as err:
            raise StorageFault(fault_kind(err)) from err

    @_faults
    def create(self, plan: Plan, token: str | None = None) -> str:
        """Store a new plan and return its token (fresh unless given; an erased one is refused).

        Raises :class:`PlanGone` for an erased token, :class:`PlanConflict` for one in use.
        """
        token = token or new_token()
        data = plan_json(plan)
        now = dt.datetime.now(dt.UTC)
        with self.engine.begin() as connection:
            if self._erased(connection, token):
                raise PlanGone(token, erased=True)
            try:
                connection.execute(
                    insert(StoredPlan).values(
                        token=token, data=data, revision=1, created_at=now, updated_at=now
                    )
                )
            except IntegrityError as err:
                raise PlanConflict(token, None, None) from err
        return token

    @_faults
    def save(self, token: str, plan: Plan, *, expected_revision: int) -> int:
        """Write the plan over revision ``expected_revision``; return the new revision.

        One ``UPDATE … WHERE revision = expected``: atomic on SQLite and PostgreSQL. Raises
        :class:`PlanConflict` when the stored revision is another one, :class:`PlanGone` when
        there is no such plan (never created, or erased) — a save never creates a row.
        """
        data = plan_json(plan)
        now = dt.datetime.now(dt.UTC)
        with self.engine.begin() as connection:
            written = connection.execute(
                update(StoredPlan)
                .where(StoredPlan.token == token, StoredPlan.revision == expected_revision)
                .values(data=data, revision=StoredPlan.revision + 1, updated_at=now)
            ).rowcount
            if written == 1:
                return expected_revision + 1
            current = connection.execute(
                select(StoredPlan.revision).where(StoredPlan.token == token)
            ).scalar()
            if current is None:
                raise PlanGone(token, erased=self._erased(connection, token))
            raise PlanConflict(token, expected_revision, current)

    @_faults
    def load(self, token: str) -> SavedPlan | None:
        """The plan stored under ``token``, or None when there is none."""
        if not token or len(token) > 64:
            return None
        with self.engine.connect() as connection:
            row = connection.execute(
                select(
                    StoredPlan.token, StoredPlan.data, StoredPlan.revision, StoredPlan.updated_at
                ).where(StoredPlan.token == token)
            ).first()
        if row is None:
            return None
        updated = row.updated_at
        if updated.tzinfo is None:
            updated = updated.replace(tzinfo=dt.UTC)
        return SavedPlan(
            token=row.token,
            plan=plan_from_json(row.data),
            revision=row.revision,
            updated_at=updated,
        )

    @_faults
    def revision(self, token: str) -> int | None:
        """The stored revision of a plan, or None when there is no such plan."""
        with self.engine.connect() as connection:
            return connection.execute(
                select(StoredPlan.revision).where(StoredPlan.token == token)
            ).scalar()

    @_faults
    def erased(self, token: str) -> bool:
        """Whether the plan under ``token`` was erased."""
        with self.engine.connect() as connection:
            return self._erased(connection, token)

    @_faults
    def delete(self, token: str) -> bool:
        """Erase a plan for good (the right to erasure); True when something was deleted.

        The row goes, a tombstone stays (so no process can save the plan again), and on SQLite
        the erased text is wiped from the file and its write-ahead log.
        """
        now = dt.datetime.now(dt.UTC)
        with self.engine.begin() as connection:
            deleted = connection.execute(delete(StoredPlan).where(StoredPlan.token == token))
            if deleted.rowcount and not self._erased(connection, token):
                connection.execute(
                    insert(ErasedPlan).values(token_hash=token_hash(token), erased_at=now)
                )
        if deleted.rowcount and self.engine.dialect.name == "sqlite":
            self._checkpoint()
        return bool(deleted.rowcount)

    @staticmethod
    def _erased(connection, token: str) -> bool:
        found = connection.execute(
            select(ErasedPlan.token_hash).where(ErasedPlan.token_hash == token_hash(token))
        ).first()
        return found is not None

    def _checkpoint(self, attempts: int = 5) -> bool:
        """Copy the write-ahead log into the database file and empty it; True when it could."""
        for attempt in range(attempts):
            with self.engine.connect() as connection:
                busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            if not busy:
                return True
            time.sleep(0.05 * (attempt + 1))
        return False


def _sqlite_pragmas(busy_timeout_ms: int):
    def on_connect(dbapi_connection, _record) -> None:
        # WAL lets readers and one writer work at once; busy_timeout makes writers wait, not fail;
        # secure_delete overwrites what a delete or an update frees, so erased text leaves the file.
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    return on_connect


_stores: dict[str, PlanStore] = {}
_lock = threading.Lock()


def forget_stores() -> None:
    """Close every process-wide store (tests that drop their database call it)."""
    with _lock:
        for store in _stores.values():
            store.engine.dispose()
        _stores.clear()


def get_store(url: str | None = None) -> PlanStore:
    """The process-wide store for ``url`` (default: from the environment).

    Raises :class:`StorageFault` when the database cannot be opened (e.g. a read-only folder).
    """
    try:
        key = url or database_url()
    except OSError as err:
        raise StorageFault(fault_kind(err)) from err
    with _lock:
        if key not in _stores:
            _stores[key] = PlanStore(key)
        return _stores[key]
