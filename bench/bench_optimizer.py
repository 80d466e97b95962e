"""Benchmark of the budget optimiser: exact solve time against the greedy baseline, and its gap.

Run with ``python bench/bench_optimizer.py``; random candidates are seeded so runs compare.
"exact" solves the plain knapsack and "groups" adds three group constraints; greedy's gap is to
the exact optimum of the plain knapsack, the problem greedy solves. HiGHS may print a stray
"transformNewIntegerFeasibleSolution" line from C (ERGO-Code/HiGHS#2783): it is harmless.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from influkit.campaign.budget.optimiser import GroupConstraint, greedy, optimize  # noqa: E402

SIZES = (100, 500, 1_000, 2_000, 5_000)
TIERS = ("nano", "micro", "mid-tier", "macro", "mega")
TIER_WEIGHTS = (0.40, 0.30, 0.18, 0.08, 0.04)
TIER_COST = {
    "nano": (20, 120),
    "micro": (120, 1_500),
    "mid-tier": (1_500, 4_000),
    "macro": (4_000, 20_000),
    "mega": (20_000, 60_000),
}
PLATFORMS = ("instagram", "tiktok", "youtube")
SEED = 20_260_101


def random_candidates(n: int, rng: np.random.Generator) -> pd.DataFrame:
    """Candidates priced like the French Instagram ranges, valued by expected engagements."""
    tiers = rng.choice(TIERS, size=n, p=TIER_WEIGHTS)
    low = np.array([TIER_COST[t][0] for t in tiers], dtype=float)
    high = np.array([TIER_COST[t][1] for t in tiers], dtype=float)
    cost = np.round(rng.uniform(low, high), 2)
    # Engagements grow with price but with a wide, tier-independent spread of value per euro.
    value = np.round(cost * rng.lognormal(mean=0.0, sigma=0.5, size=n) * 0.8, 1)
    return pd.DataFrame(
        {
            "candidate_id": [f"c{i:05d}" for i in range(n)],
            "cost": cost,
            "value": value,
            "tier": tiers,
            "platform": rng.choice(PLATFORMS, size=n),
        }
    )


def timed(function, *args, repeat: int = 1, **kwargs):
    """The result of one call and the best wall time over ``repeat`` calls, in seconds."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - started)
    return result, best


def main() -> None:
    """Print, for each size, solve times, greedy's gap to the optimum and the time ratios."""
    rng = np.random.default_rng(SEED)
    header = (
        f"{'n':>6} {'budget €':>10} {'exact s':>8} {'groups s':>9} {'greedy s':>9} "
        f"{'exact/greedy':>12} {'groups/greedy':>13} {'greedy gap %':>12} {'status':>10}"
    )
    print(header)
    print("-" * len(header))
    total_started = time.perf_counter()
    for n in SIZES:
        frame = random_candidates(n, rng)
        budget = round(float(frame["cost"].sum()) * 0.10, 2)
        groups = [
            GroupConstraint(column="tier", group="micro", min_share=0.30),
            GroupConstraint(column="tier", group="mega", max_count=2),
            GroupConstraint(column="platform", group="tiktok", min_count=max(3, n // 50)),
        ]
        exact, t_exact = timed(optimize, frame, budget)
        constrained, t_groups = timed(optimize, frame, budget, groups=groups)
        heuristic, t_greedy = timed(greedy, frame, budget, repeat=5)
        gap = 100 * (exact.total_value - heuristic.total_value) / exact.total_value
        print(
            f"{n:>6} {budget:>10.0f} {t_exact:>8.3f} {t_groups:>9.3f} {t_greedy:>9.4f} "
            f"{t_exact / t_greedy:>12.1f} {t_groups / t_greedy:>13.1f} {gap:>12.4f} "
            f"{exact.status + '/' + constrained.status:>10}"
        )
    print(f"total {time.perf_counter() - total_started:.1f} s")


if __name__ == "__main__":
    main()
