"""Load test of a class: 30 trainees and their trainer on one real ``streamlit run`` server.

Run with ``python bench/bench_classroom.py [--users 30] [--minutes 3]``. It starts the app on
a free port with its own data folder, seeds one session whose trainees each hold a plan
(started from a case, half of them from a worked example, some with results), then drives
one Streamlit websocket session per trainee — the protocol the browser speaks — through the
pages of the course with a few seconds of "reading time" between clicks, while the trainer
reloads the class dashboard every 10 s. It prints the page-run latency (time from the request
to the end of the page's script run: p50, p95, max, per page) and the server's memory (RSS).
Goal on a 2-core machine: p95 under 1.5 s.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from influkit.campaign import results  # noqa: E402
from influkit.classroom import worked  # noqa: E402
from influkit.classroom.session import SessionInfo  # noqa: E402
from influkit.classroom.store import ClassroomStore  # noqa: E402
from influkit.data import datasets
from influkit.plan.model import Plan  # noqa: E402
from influkit.plan.storage import PlanStore  # noqa: E402
from scripts.liveapp import LiveApp, free_port  # noqa: E402
from scripts.serve_classes import Cluster  # noqa: E402
from scripts.streamlit_client import Client  # noqa: E402

#: The pages a trainee goes through, by URL path ("" is the home page).
TRAINEE_PAGES = (
    "ma-session",
    "mon-plan",
    "explorateur",
    "ma-shortlist",
    "objectifs-smart",
    "retro-planning",
    "remuneration-motivation",
    "budget-optimisation",
    "kpi-resultats",
    "conditions-succes",
)


def seed(data_dir: Path, users: int) -> tuple[str, list[tuple[str, str]]]:
    """One session with ``users`` trainees; returns the trainer secret and (seat, plan) pairs."""
    plans = PlanStore(f"sqlite:///{data_dir / 'influkit.sqlite3'}")
    classroom = ClassroomStore(plans)
    cases = datasets.cases()
    session, secret = classroom.create_session(
        SessionInfo(organisation="Bench", place="Salle 1", case_ids=[c["case_id"] for c in cases])
    )
    seats = []
    for number in range(users):
        case = cases[number % len(cases)]
        if number % 2 and case["case_id"] in worked.case_ids():
            plan = worked.duplicate(case["case_id"])
        else:
            plan = Plan.from_case(case, "fr")
        if number % 4 == 1:
            plan.results = results.sample_results(case["case_id"])
        token = plans.create(plan)
        seat = classroom.join(session, f"Stagiaire {number + 1:02d}", "1234", token)
        seats.append((seat.participant_id, token))
    plans.engine.dispose()
    return secret, seats


async def trainee(url, seat, token, until, think, rng, samples):
    client = Client(url, f"lang=fr&plan={token}&stagiaire={seat}")
    await client.open()
    pages = list(TRAINEE_PAGES)
    rng.shuffle(pages)
    try:
        step = 0
        while time.monotonic() < until:
            page = pages[step % len(pages)]
            took, ok = await client.run_page(page)
            samples.append((page, took, ok))
            step += 1
            await asyncio.sleep(rng.uniform(*think))
    finally:
        await client.close()


async def trainer(url, secret, until, samples):
    client = Client(url, f"lang=fr&formateur={secret}")
    await client.open()
    try:
        while time.monotonic() < until:
            took, ok = await client.run_page("formateur")
            samples.append(("formateur", took, ok))
            await asyncio.sleep(10)
    finally:
        await client.close()


def rss_mb(pid: int) -> float:
    """The resident memory of a process, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def drive(urls, pids, secret, seats, seconds, think, seed_value):
    samples: list[tuple[str, float, bool]] = []
    memory: list[float] = []
    until = time.monotonic() + seconds
    rng = random.Random(seed_value)

    async def watch():
        while time.monotonic() < until:
            memory.append(sum(rss_mb(pid) for pid in pids))
            await asyncio.sleep(1)

    tasks = [
        asyncio.create_task(watch()),
        asyncio.create_task(trainer(urls[0], secret, until, samples)),
    ]
    for number, (seat, token) in enumerate(seats):
        await asyncio.sleep(0.2)  # trainees arrive over a few seconds, as in a room
        tasks.append(
            asyncio.create_task(
                trainee(
                    # Sticky sessions spread the browsers over the processes.
                    urls[number % len(urls)],
                    seat,
                    token,
                    until,
                    think,
                    random.Random(rng.random() + number),
                    samples,
                )
            )
        )
    await asyncio.gather(*tasks)
    return samples, memory


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--think", type=float, nargs=2, default=(3.0, 8.0), metavar=("MIN", "MAX"))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--processes", type=int, default=1, help="app processes sharing the database"
    )
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="influkit-bench-"))
    secret, seats = seed(data_dir, args.users)
    if args.processes > 1:
        server = Cluster(
            args.processes,
            free_port(),
            free_port(),
            f"sqlite:///{data_dir / 'influkit.sqlite3'}",
            data_dir,
            nginx=None,
        )
        urls = [f"http://127.0.0.1:{port}" for port in server.ports]
        pids = [process.pid for process in server.apps]
    else:
        server = LiveApp(data_dir)
        urls, pids = [server.url], [server.process.pid]
    try:
        server.wait_ready()
        base_memory = sum(rss_mb(pid) for pid in pids)
        # One warm-up tour per process so that first imports are not counted.
        for url in urls:
            asyncio.run(_warm_up(Client(url, "lang=fr"), seats[0]))
        samples, memory = asyncio.run(
            drive(urls, pids, secret, seats, args.minutes * 60, tuple(args.think), args.seed)
        )
    finally:
        server.stop()
    times = [took for _, took, _ in samples]
    errors = sum(1 for *_, ok in samples if not ok)
    print(
        f"classroom load test: {args.users} trainees + 1 trainer, {args.minutes:g} min, "
        f"{args.processes} app process(es), {os.cpu_count()} CPU(s), "
        f"load average {os.getloadavg()[0]:.1f} at the end"
    )
    print(f"page runs: {len(times)}, with an error: {errors}")
    print(
        f"latency p50 {statistics.median(times):.2f} s, p95 {percentile(times, 0.95):.2f} s, "
        f"max {max(times):.2f} s (goal: p95 < 1.5 s)"
    )
    per_page = defaultdict(list)
    for page, took, _ in samples:
        per_page[page].append(took)
    for page, values in sorted(per_page.items(), key=lambda kv: -percentile(kv[1], 0.95)):
        print(
            f"  {page or 'accueil':<26} n={len(values):>4}  p50 {statistics.median(values):.2f} s  "
            f"p95 {percentile(values, 0.95):.2f} s"
        )
    print(
        f"server memory (RSS): {base_memory:.0f} MB at start, {max(memory):.0f} MB at peak, "
        f"{memory[-1]:.0f} MB at the end"
    )


async def _warm_up(client: Client, seat_token: tuple[str, str]) -> None:
    seat, token = seat_token
    client.query = f"lang=fr&plan={token}&stagiaire={seat}"
    await client.open()
    try:
        for page in ("", *TRAINEE_PAGES):
            await client.run_page(page)
    finally:
        await client.close()


if __name__ == "__main__":
    main()
