"""Benchmark of the plan workbook: a plan of 1 000 shortlisted influencers and 2 000 tasks.

Run with ``python bench/bench_workbook.py``. It times :func:`influkit.exports.plan_workbook`
(styles, validations, tables, conditional-formatting Gantt, charts, named ranges) against
openpyxl writing the very same cell values and formulas with no styling at all, and prints
both times and their ratio. The plan is built deterministically, so runs compare.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from influkit.data import datasets
from influkit.exports import plan_workbook  # noqa: E402
from influkit.identify import profiles
from influkit.operations.schedule import scheduler as retroplan  # noqa: E402
from influkit.plan.model import (  # noqa: E402
    PLATFORMS,
    SHORTLIST_ROLES,
    BudgetLine,
    ImportedInfluencer,
    Plan,
    ResultRow,
    Task,
)

N_INFLUENCERS = 1_000
N_TASKS = 2_000
REPEATS = 3


def big_plan() -> Plan:
    """A plan from the first case with 1 000 shortlisted influencers and 2 000 tasks."""
    plan = Plan.from_case(datasets.cases()[0], "fr")
    sample = list(datasets.load("influencers")["influencer_id"])
    extra = N_INFLUENCERS - len(sample)
    plan.imported_influencers = [
        ImportedInfluencer(
            influencer_id=f"IMP{i:04d}",
            handle=f"@import_{i}",
            display_name=f"Compte importé {i}",
            platform=PLATFORMS[i % len(PLATFORMS)],
            followers=1_000 + 997 * i,
            price_per_post_eur=50 + i % 700,
            engagement_rate=0.01 + (i % 40) / 1_000,
            avg_reach=800 + 31 * i,
        )
        for i in range(extra)
    ]
    ids = sample + [f"IMP{i:04d}" for i in range(extra)]
    for i, influencer in enumerate(ids):
        plan.add_to_shortlist(influencer, SHORTLIST_ROLES[i % 5], f"Note {i}")
    launch = plan.brief.launch_date
    # Each deliverable adds four tasks to the seven common phases: 498 of them give 1 999.
    deliverables = [{"deliverable_id": f"d{i}", "influencer_id": ids[i]} for i in range(498)]
    template = retroplan.phase_template(launch, deliverables, lang="fr")
    template.append(
        {
            "task_id": "kickoff",
            "name": "Réunion de lancement",
            "duration_days": 1,
            "depends_on": [],
            "phase": "",
            "duration_unit": "working",
        }
    )
    template[0]["depends_on"] = ["kickoff"]
    plan.tasks = [Task(**task) for task in template]
    assert len(plan.tasks) == N_TASKS
    plan.budget_lines = [
        BudgetLine(
            category="influencer_fee",
            label=f"Cachet {i}",
            influencer_id=influencer,
            quantity=1 + i % 3,
            unit_cost_eur_ht=100 + i % 900,
        )
        for i, influencer in enumerate(ids)
    ]
    plan.results = [
        ResultRow(
            post_ref=f"P{i}",
            influencer_id=influencer,
            platform=PLATFORMS[i % 6],
            published_on=launch + dt.timedelta(days=i % 40),
            cost_eur_ht=100 + i % 900,
            impressions=10_000 + i,
            reach=7_000 + i,
            views=5_000,
            engagements=300 + i % 50,
            clicks=100,
            conversions=i % 7,
            revenue_eur=48.0 * (i % 7),
        )
        for i, influencer in enumerate(ids)
    ]
    return plan


def plain_copy(data: bytes) -> float:
    """Seconds openpyxl takes to write the same cells (values and formulas), unstyled."""
    source = openpyxl.load_workbook(io.BytesIO(data))
    cells = [
        (
            ws.title,
            [
                (c.row, c.column, c.value)
                for row in ws.iter_rows()
                for c in row
                if c.value is not None
            ],
        )
        for ws in source
    ]
    started = time.perf_counter()
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, values in cells:
        ws = book.create_sheet(title)
        for row, column, value in values:
            ws.cell(row=row, column=column, value=value)
    buffer = io.BytesIO()
    book.save(buffer)
    return time.perf_counter() - started


def main() -> int:
    """Build the big plan, time both writers, print the figures."""
    plan = big_plan()
    profiles.influencer_table(plan)  # warm the sample table's cache, as a running app has it
    timings, data = [], b""
    for _ in range(REPEATS):
        started = time.perf_counter()
        data = plan_workbook(plan, "fr")
        timings.append(time.perf_counter() - started)
    plain = min(plain_copy(data) for _ in range(REPEATS))
    styled = min(timings)
    cells = sum(
        1
        for ws in openpyxl.load_workbook(io.BytesIO(data))
        for row in ws.iter_rows()
        for c in row
        if c.value is not None
    )
    print(
        f"plan: {len(plan.shortlist)} shortlisted, {len(plan.tasks)} tasks, "
        f"{len(plan.budget_lines)} budget lines, {len(plan.results)} results"
    )
    print(f"workbook: {len(data) / 1e6:.1f} MB, {cells:,} cells with a value")
    print(f"influkit plan_workbook: {styled:.2f} s (best of {REPEATS})")
    print(f"openpyxl, same cells, no styling: {plain:.2f} s (best of {REPEATS})")
    print(f"ratio: {styled / plain:.1f}×")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
