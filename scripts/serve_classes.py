"""Serve many classes from one machine: N app processes behind nginx, one shared database.

    python -m scripts.serve_classes --processes 4 --port 8080 \\
        --database-url postgresql+psycopg://influkit:secret@localhost/influkit

starts N ``streamlit run app.py`` processes on consecutive local ports (8601, 8602…), all on
the same database (``INFLUKIT_DATABASE_URL``: plans, sessions and participants live there, so
any process can serve any trainee), writes an nginx configuration that spreads browsers over
them with sticky sessions (``ip_hash``: a browser always reaches the same process, which holds
its Streamlit session) and forwards the websocket, then runs nginx in the foreground. Ctrl-C
stops everything. ``--config-only`` just prints the configuration, to paste into an existing
nginx (a server behind a NAT where every trainee shares one address should switch to a
cookie-based sticky module instead of ``ip_hash``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def nginx_config(
    ports: list[int], listen: int, *, prefix: Path | None = None, host: str = "127.0.0.1"
) -> str:
    """An nginx configuration: one upstream of the app processes (sticky by client address),
    websocket forwarding, long-lived connections, no buffering of Streamlit's stream."""
    servers = "\n".join(
        f"        server {host}:{port} max_fails=3 fail_timeout=10s;" for port in ports
    )
    temp = f"{prefix}/tmp" if prefix else "/tmp"
    return f"""# influkit: {len(ports)} app processes behind one address (scripts/serve_classes.py)
worker_processes auto;
pid {prefix or "/run"}/nginx.pid;
error_log {prefix or "/var/log/nginx"}/error.log warn;
events {{ worker_connections 4096; }}

http {{
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    client_max_body_size 200m;

    map $http_upgrade $connection_upgrade {{
        default upgrade;
        ''      close;
    }}

    upstream influkit {{
        # Sticky sessions: a Streamlit session lives in one process, so a browser must keep
        # reaching the same one.
        ip_hash;
{servers}
    }}

    server {{
        listen {listen};
        location / {{
            proxy_pass http://influkit;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            # The browser's Host with its port: Streamlit compares it with the Origin.
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 86400s;
            proxy_send_timeout 86400s;
            proxy_buffering off;
        }}
    }}
}}
"""


def app_command(port: int) -> list[str]:
    """The command of one app process on a local port."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]


class Cluster:
    """N app processes and nginx in front of them; ``stop()`` ends them all."""

    def __init__(
        self,
        processes: int,
        listen: int,
        first_port: int,
        database_url: str | None,
        folder: Path,
        nginx: str | None = "nginx",
    ) -> None:
        self.folder = folder
        self.ports = [first_port + i for i in range(processes)]
        self.listen = listen
        env = {**os.environ}
        if database_url:
            env["INFLUKIT_DATABASE_URL"] = database_url
        env.setdefault("INFLUKIT_DATA_DIR", str(folder / "data"))
        self.apps = [
            subprocess.Popen(
                app_command(port),
                cwd=ROOT,
                env=env,
                stdout=(folder / f"app-{port}.log").open("w"),
                stderr=subprocess.STDOUT,
            )
            for port in self.ports
        ]
        (folder / "tmp").mkdir(parents=True, exist_ok=True)
        self.config = folder / "nginx.conf"
        self.config.write_text(nginx_config(self.ports, listen, prefix=folder), encoding="utf-8")
        # Without nginx (a load test spreading its clients itself) only the apps run.
        self.nginx = (
            subprocess.Popen(
                [nginx, "-p", str(folder), "-c", str(self.config), "-g", "daemon off;"],
                stdout=(folder / "nginx.log").open("w"),
                stderr=subprocess.STDOUT,
            )
            if nginx
            else None
        )

    def wait_ready(self, timeout: float = 90) -> None:
        """Block until every app answers its health check through nginx and directly."""
        deadline = time.monotonic() + timeout
        pending = {f"http://127.0.0.1:{p}/_stcore/health" for p in self.ports}
        if self.nginx is not None:
            pending.add(f"http://127.0.0.1:{self.listen}/_stcore/health")
        while pending and time.monotonic() < deadline:
            for url in list(pending):
                try:
                    with urllib.request.urlopen(url, timeout=2) as reply:
                        if reply.status == 200:
                            pending.discard(url)
                except OSError:
                    pass
            if self.nginx is not None and self.nginx.poll() is not None:
                raise RuntimeError((self.folder / "nginx.log").read_text())
            time.sleep(0.5)
        if pending:
            raise RuntimeError(f"not ready: {sorted(pending)}")

    def stop(self) -> None:
        """Stop nginx and the app processes."""
        processes = [p for p in (self.nginx, *self.apps) if p is not None]
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--port", type=int, default=8080, help="the address trainees open")
    parser.add_argument("--first-app-port", type=int, default=8601)
    parser.add_argument("--database-url", default=os.environ.get("INFLUKIT_DATABASE_URL"))
    parser.add_argument("--config-only", action="store_true")
    args = parser.parse_args()
    ports = [args.first_app_port + i for i in range(args.processes)]
    if args.config_only:
        print(nginx_config(ports, args.port))
        return
    if not args.database_url:
        print(
            "Several processes need one shared database: pass --database-url "
            "(PostgreSQL) or set INFLUKIT_DATABASE_URL.",
            file=sys.stderr,
        )
        sys.exit(2)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    folder = Path(tempfile.mkdtemp(prefix="influkit-serve-"))
    cluster = Cluster(
        args.processes, args.port, args.first_app_port, args.database_url, folder, nginx
    )
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        cluster.wait_ready()
        print(f"influkit: http://0.0.0.0:{args.port} -> {len(ports)} processes ({folder})")
        cluster.nginx.wait()
    except KeyboardInterrupt:
        pass
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
