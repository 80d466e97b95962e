"""Shared fixtures: an isolated data folder, strict mode, a real app server and a browser."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Plans written by the tests never land in the user's own data folder.
os.environ["INFLUKIT_DATA_DIR"] = tempfile.mkdtemp(prefix="influkit-tests-")
os.environ.pop("INFLUKIT_DATABASE_URL", None)
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.liveapp import CHROMIUM, CHROMIUM_ARGS, LiveApp  # noqa: E402

from .helpers import missing_tool  # noqa: E402


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL database the tests may use (``INFLUKIT_TEST_DATABASE_URL``, as .ci/run sets)."""
    url = os.environ.get("INFLUKIT_TEST_DATABASE_URL")
    if not url:
        missing_tool("PostgreSQL (INFLUKIT_TEST_DATABASE_URL)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing_tool("the psycopg package")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path) -> str:
    """A fresh, empty plan database on each backend: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'plans.sqlite3'}"
        return
    import uuid

    from sqlalchemy import create_engine, text

    base = request.getfixturevalue("postgres_url")
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    yield f"{base}{separator}options=-csearch_path%3D{schema}"
    from influkit.plan import storage

    storage.forget_stores()
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium, which Playwright drives."""
    if not Path(CHROMIUM).exists():
        missing_tool("Chromium (/usr/bin/chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        missing_tool("the playwright package")
    return CHROMIUM


@pytest.fixture(scope="session")
def live_app(tmp_path_factory) -> LiveApp:
    """A real ``streamlit run app.py`` on a free port, with its own data folder."""
    app = LiveApp(tmp_path_factory.mktemp("server-data"))
    try:
        app.wait_ready()
    except RuntimeError as err:
        pytest.fail(str(err), pytrace=False)
    yield app
    app.stop()


@pytest.fixture(scope="session")
def app_server(live_app) -> str:
    """The address of the real app."""
    return live_app.url


@pytest.fixture(scope="session")
def app_store(live_app):
    """The plan store the real app writes to, to check what a browser session saved."""
    from influkit.plan.storage import PlanStore

    return PlanStore(f"sqlite:///{live_app.data_dir / 'influkit.sqlite3'}")


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Headless Chromium through Playwright."""
    from playwright.sync_api import expect, sync_playwright

    # Shared machines can be slow: wait for the app as long as a patient user would.
    expect.set_options(timeout=30_000)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab with a desktop-sized window and downloads allowed."""
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="fr-FR"
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()
