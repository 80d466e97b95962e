"""Where plans live: SQLite by default, any SQLAlchemy database (PostgreSQL) on a shared server.

A plan is stored as its JSON under a random token; the token is the only key, and nothing lists
plans, so a plan is reached only by whoever holds its link. Each save is one transaction on one
row, so sessions writing their own plans never overwrite each other.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import DateTime, Integer, String, Text, create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from influkit.plan import Plan, new_token, plan_from_json


class _Base(DeclarativeBase):
    pass


class StoredPlan(_Base):
    """One row per plan: its token, its JSON and when it was last written."""

    __tablename__ = "plans"

    token: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[str] = mapped_column(Text, nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), nullable=False)


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


@dataclass(frozen=True)
class SavedPlan:
    """A plan as read from storage, with its revision and last write time."""

    token: str
    plan: Plan
    revision: int
    updated_at: dt.datetime


class PlanStore:
    """Save and load plans by token."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or database_url()
        self.engine: Engine = create_engine(self.url, future=True, pool_pre_ping=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        _Base.metadata.create_all(self.engine)

    def create(self, plan: Plan) -> str:
        """Store a new plan and return its fresh token."""
        token = new_token()
        now = dt.datetime.now(dt.UTC)
        with Session(self.engine) as session, session.begin():
            session.add(
                StoredPlan(
                    token=token,
                    data=plan.model_dump_json(),
                    revision=1,
                    created_at=now,
                    updated_at=now,
                )
            )
        return token

    def save(self, token: str, plan: Plan) -> int:
        """Write the plan under its token (creating the row if needed); return the new revision."""
        now = dt.datetime.now(dt.UTC)
        data = plan.model_dump_json()
        with Session(self.engine) as session, session.begin():
            row = session.get(StoredPlan, token, with_for_update=True)
            if row is None:
                session.add(
                    StoredPlan(token=token, data=data, revision=1, created_at=now, updated_at=now)
                )
                return 1
            row.data = data
            row.revision += 1
            row.updated_at = now
            return row.revision

    def load(self, token: str) -> SavedPlan | None:
        """The plan stored under ``token``, or None when there is none."""
        if not token or len(token) > 64:
            return None
        with Session(self.engine) as session:
            row = session.execute(select(StoredPlan).where(StoredPlan.token == token)).scalar()
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

    def delete(self, token: str) -> bool:
        """Erase a plan (the right to erasure); True when something was deleted."""
        with Session(self.engine) as session, session.begin():
            row = session.get(StoredPlan, token)
            if row is None:
                return False
            session.delete(row)
            return True


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers and one writer work at once; busy_timeout makes writers wait, not fail.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_stores: dict[str, PlanStore] = {}
_lock = threading.Lock()


def forget_stores() -> None:
    """Close every process-wide store (tests that drop their database call it)."""
    with _lock:
        for store in _stores.values():
            store.engine.dispose()
        _stores.clear()


def get_store(url: str | None = None) -> PlanStore:
    """The process-wide store for ``url`` (default: from the environment)."""
    key = url or database_url()
    with _lock:
        if key not in _stores:
            _stores[key] = PlanStore(key)
        return _stores[key]
