"""Serving many classes: the nginx configuration keeps each browser on one app process and
forwards the websocket; two real app processes behind a real nginx share one database, so a
trainee's seat opens through the proxy and on either process."""

import asyncio
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from influkit.classroom.session import SessionInfo
from influkit.classroom.store import ClassroomStore
from influkit.plan.model import Plan
from influkit.plan.storage import PlanStore
from scripts.liveapp import free_port
from scripts.serve_classes import Cluster, nginx_config
from scripts.streamlit_client import Client

from .helpers import missing_tool


def test_the_configuration_is_sticky_and_forwards_websockets():
    """The proxy sends a browser always to the same process and lets the websocket through."""
    config = nginx_config([8601, 8602, 8603], 8080)
    assert "ip_hash;" in config
    for port in (8601, 8602, 8603):
        assert f"server 127.0.0.1:{port}" in config
    assert "listen 8080;" in config
    assert "proxy_set_header Upgrade $http_upgrade;" in config
    assert "proxy_set_header Connection $connection_upgrade;" in config
    assert "proxy_read_timeout 86400s;" in config and "proxy_buffering off;" in config


def _nginx() -> str:
    path = shutil.which("nginx") or (
        "/usr/sbin/nginx" if shutil.os.path.exists("/usr/sbin/nginx") else None
    )
    if not path:
        missing_tool("nginx")
    return path


def test_nginx_accepts_the_configuration(tmp_path):
    """nginx itself checks the generated configuration."""
    nginx = _nginx()
    (tmp_path / "tmp").mkdir()
    conf = tmp_path / "nginx.conf"
    conf.write_text(nginx_config([free_port(), free_port()], free_port(), prefix=tmp_path))
    checked = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr


def test_two_processes_behind_nginx_share_one_database(tmp_path):
    """A trainee's seat opens through the proxy and directly on each process: one database."""
    nginx = _nginx()
    url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    plans = PlanStore(url)
    classroom = ClassroomStore(plans)
    session, _ = classroom.create_session(SessionInfo(organisation="Formasup"))
    seat = classroom.join(session, "Ana Lopes", "1234", plans.create(Plan(title="Plan d'Ana")))
    plans.engine.dispose()
    cluster = Cluster(2, free_port(), free_port(), url, tmp_path, nginx)
    try:
        cluster.wait_ready()

        async def open_seat(port: int) -> list[str]:
            client = Client(f"http://127.0.0.1:{port}", f"lang=fr&stagiaire={seat.participant_id}")
            await client.open()
            try:
                _, ok = await client.run_page("ma-session")
                assert ok
                return client.texts
            finally:
                await client.close()

        # A thread of its own: a browser test run earlier in this process (Playwright's sync
        # API) may have left an event loop attached to the main thread.
        with ThreadPoolExecutor(max_workers=1) as worker:
            for port in (cluster.listen, *cluster.ports):
                texts = worker.submit(asyncio.run, open_seat(port)).result()
                assert any("Ana Lopes" in text for text in texts), (port, texts)
    finally:
        cluster.stop()
