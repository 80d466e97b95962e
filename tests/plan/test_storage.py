"""Storage: plans come back by their token, saves are revision-checked, erasure is final,
and database faults are told clearly — on SQLite and on PostgreSQL."""

import os
import sqlite3
import subprocess
import sys
import threading

import pytest

from influkit.data import limits
from influkit.plan.model import Plan, ShortlistEntry
from influkit.plan.storage import (
    PlanConflict,
    PlanGone,
    PlanStore,
    StorageFault,
    database_url,
    default_data_dir,
    fault_kind,
)
from influkit.text import i18n

from ..helpers import ROOT


@pytest.fixture
def store(store_url):
    """An empty store on SQLite and on PostgreSQL."""
    return PlanStore(store_url)


def test_a_created_plan_comes_back_by_its_token(store):
    """A plan saved under its token is found again exactly as it was."""
    plan = Plan(title="Ma campagne")
    token = store.create(plan)
    saved = store.load(token)
    assert saved is not None and saved.plan == plan and saved.revision == 1


def test_saving_again_keeps_the_latest_content(store):
    """Each save replaces the content and bumps the revision."""
    token = store.create(Plan(title="v1"))
    assert store.save(token, Plan(title="v2"), expected_revision=1) == 2
    assert store.load(token).plan.title == "v2"


@pytest.mark.parametrize("token", ["", "unknown-token-000000", "x" * 200])
def test_an_unknown_token_finds_nothing(store, token):
    """A wrong or made-up code finds no plan (and lists none)."""
    assert store.load(token) is None


def test_deleting_erases_the_plan(store):
    """A trainee can erase their plan for good."""
    token = store.create(Plan())
    assert store.delete(token) is True
    assert store.load(token) is None
    assert store.delete(token) is False


def test_concurrent_sessions_never_lose_a_write(store_url):
    """Eight sessions, each saving its own plan fifty times at once: every last write is there."""
    url = store_url
    tokens = [PlanStore(url).create(Plan(title=f"plan {i}")) for i in range(8)]
    errors: list[BaseException] = []

    def session(index: int, token: str) -> None:
        store = PlanStore(url)  # one engine per session, as separate server processes would
        try:
            for step in range(50):
                plan = Plan(title=f"plan {index} step {step}")
                plan.shortlist = [ShortlistEntry(influencer_id=f"INF{step:04d}")]
                store.save(token, plan, expected_revision=step + 1)
        except BaseException as err:  # noqa: BLE001 — reported below
            errors.append(err)

    threads = [threading.Thread(target=session, args=(i, tok)) for i, tok in enumerate(tokens)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    reader = PlanStore(url)
    for index, token in enumerate(tokens):
        saved = reader.load(token)
        assert saved.plan.title == f"plan {index} step 49"
        assert saved.revision == 51


def test_data_folder_and_database_come_from_the_environment(monkeypatch, tmp_path):
    """INFLUKIT_DATA_DIR chooses the folder; INFLUKIT_DATABASE_URL overrides the database."""
    monkeypatch.setenv("INFLUKIT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("INFLUKIT_DATABASE_URL", raising=False)
    assert default_data_dir() == tmp_path / "data"
    assert database_url() == f"sqlite:///{tmp_path / 'data' / 'influkit.sqlite3'}"
    assert (tmp_path / "data").is_dir()
    monkeypatch.setenv("INFLUKIT_DATABASE_URL", "postgresql+psycopg://u:p@db/influkit")
    assert database_url() == "postgresql+psycopg://u:p@db/influkit"


# --- revision-checked saves -------------------------------------------------------------------


def test_a_save_over_an_older_revision_is_refused_and_changes_nothing(store):
    """Two tabs read revision 1; the second to save is told the plan changed elsewhere."""
    token = store.create(Plan(title="v1"))
    assert store.save(token, Plan(title="tab A"), expected_revision=1) == 2
    with pytest.raises(PlanConflict) as caught:
        store.save(token, Plan(title="tab B"), expected_revision=1)
    assert caught.value.revision == 2
    saved = store.load(token)
    assert saved.plan.title == "tab A" and saved.revision == 2


@pytest.mark.parametrize("token", ["never-created-token-0000", "x" * 64])
def test_a_save_never_creates_a_plan(store, token):
    """Saving under a token nobody created gives PlanGone and stores nothing."""
    with pytest.raises(PlanGone) as caught:
        store.save(token, Plan(title="ghost"), expected_revision=1)
    assert caught.value.erased is False
    assert store.load(token) is None


def test_an_erased_plan_stays_erased(store):
    """After an erase, a save from another tab is refused as erased, and the plan stays gone."""
    token = store.create(Plan(title="à effacer"))
    assert store.delete(token)
    with pytest.raises(PlanGone) as caught:
        store.save(token, Plan(title="revived?"), expected_revision=1)
    assert caught.value.erased is True
    with pytest.raises(PlanGone):
        store.create(Plan(title="revived?"), token=token)
    assert store.load(token) is None and store.erased(token)


def test_concurrent_writers_on_one_plan_lose_no_increment(store_url):
    """Twelve writers save one plan over and over: every save that succeeded counts once."""
    token = PlanStore(store_url).create(Plan(title="shared"))
    successes: list[int] = []
    errors: list[BaseException] = []

    def writer(index: int) -> None:
        store = PlanStore(store_url)
        try:
            for step in range(15):
                while True:
                    revision = store.revision(token)
                    try:
                        store.save(
                            token, Plan(title=f"w{index} s{step}"), expected_revision=revision
                        )
                    except PlanConflict:
                        continue
                    successes.append(index)
                    break
        except BaseException as err:  # noqa: BLE001 — reported below
            errors.append(err)
        finally:
            store.engine.dispose()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert PlanStore(store_url).load(token).revision == 1 + len(successes) == 1 + 12 * 15


# --- erasure leaves the disk --------------------------------------------------------------------


def test_erased_text_leaves_the_sqlite_files(tmp_path):
    """After an erase, neither the database file nor its log holds the plan's text any more."""
    path = tmp_path / "plans.sqlite3"
    store = PlanStore(f"sqlite:///{path}")
    marker = "SECRET-MARKER-" + "x" * 40
    keeper = store.create(Plan(title="another trainee's plan"))
    token = store.create(Plan(title=marker, client_learnings=marker * 200))
    for revision in range(1, 12):
        store.save(token, Plan(title=f"{marker} {revision}"), expected_revision=revision)
    store.save(keeper, Plan(title="still here"), expected_revision=1)
    files = [path, path.with_name(path.name + "-wal")]
    assert any(marker.encode() in f.read_bytes() for f in files if f.exists())
    assert store.delete(token)
    for f in files:
        if f.exists():
            assert marker.encode() not in f.read_bytes(), f.name
    assert store.load(keeper).plan.title == "still here"


_ERASER = """
import sys
from influkit.plan.storage import PlanStore
PlanStore(sys.argv[1]).delete(sys.argv[2])
"""


def test_a_plan_erased_by_another_process_is_not_saved_back(store_url):
    """A second server process erases a plan; this process's pending save cannot revive it."""
    store = PlanStore(store_url)
    token = store.create(Plan(title="ouvert dans deux processus"))
    assert store.load(token).revision == 1
    subprocess.run(
        [sys.executable, "-c", _ERASER, store_url, token], check=True, cwd=ROOT, timeout=120
    )
    with pytest.raises(PlanGone) as caught:
        store.save(token, Plan(title="sauvegarde en retard"), expected_revision=1)
    assert caught.value.erased
    assert store.load(token) is None
    assert PlanStore(store_url).load(token) is None


# --- faults -------------------------------------------------------------------------------------


def test_a_locked_database_is_a_clear_fault(tmp_path):
    """While another program holds the database's write lock, a save says the database is busy."""
    path = tmp_path / "plans.sqlite3"
    store = PlanStore(f"sqlite:///{path}", busy_timeout_ms=100)
    token = store.create(Plan(title="v1"))
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageFault) as caught:
            store.save(token, Plan(title="v2"), expected_revision=1)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert caught.value.kind == "locked"
    assert store.save(token, Plan(title="v2"), expected_revision=1) == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_folder_is_a_clear_fault(tmp_path):
    """A data folder nobody may write to gives a message, not a traceback."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StorageFault) as caught:
            PlanStore(f"sqlite:///{folder / 'plans.sqlite3'}")
    finally:
        folder.chmod(0o700)
    assert caught.value.kind == "read_only"


def test_a_read_only_database_is_a_clear_fault(tmp_path):
    """A database opened read-only (a read-only mount, a full copy) refuses saves clearly."""
    path = tmp_path / "plans.sqlite3"
    token = PlanStore(f"sqlite:///{path}").create(Plan(title="v1"))
    read_only = PlanStore(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(StorageFault) as caught:
        read_only.save(token, Plan(title="v2"), expected_revision=1)
    assert caught.value.kind == "read_only"


@pytest.mark.parametrize(
    "message, kind",
    [
        ("database is locked", "locked"),
        ("attempt to write a readonly database", "read_only"),
        ("unable to open database file", "read_only"),
        ("database or disk is full", "disk_full"),
        ('could not extend file "base/1/2": No space left on device', "disk_full"),
        ("connection refused", "unavailable"),
    ],
)
def test_database_errors_are_named_for_the_user(message, kind):
    """Each database error is told as locked, read-only, full disk or unavailable."""
    assert fault_kind(Exception(message)) == kind
    assert i18n.t(f"storage.fault.{kind}", "fr") != f"storage.fault.{kind}"


def test_a_plan_over_the_size_limit_is_not_saved(store):
    """A plan too big to load again is refused when saving, and the stored one stays."""
    token = store.create(Plan(title="v1"))
    huge = Plan(title="v2", client_learnings="x" * (limits.PLAN_BYTES.value + 10))
    with pytest.raises(limits.LimitExceeded):
        store.save(token, huge, expected_revision=1)
    assert store.load(token).plan.title == "v1"
