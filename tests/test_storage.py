"""Storage: plans come back by their token, and concurrent writers never lose a write."""

import threading

import pytest

from influkit.plan import Plan, ShortlistEntry
from influkit.storage import PlanStore, database_url, default_data_dir


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
    assert store.save(token, Plan(title="v2")) == 2
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
                store.save(token, plan)
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
