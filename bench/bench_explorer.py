"""Benchmark of the explorer's figures at scale: every account's ER and brand-fit score against
a plain pandas group-by, on a seeded dataset of 100 000 accounts and 2 000 000 posts.

Run with ``python bench/bench_explorer.py [--accounts N] [--posts M]``. It generates the data
with the sample generator (``influkit.data.generate``), then times in the same run:

(a) the baseline, ``posts.groupby("influencer_id")[["likes", "comments", "shares",
    "saves"]].sum()``;
(b1) ``metrics.account_engagement`` for every account, then ``brandfit.brand_fit`` on the
    accounts with their ER and tier (cost and brand safety count as neutral: no post figures);
(b2) ``profiles.account_stats`` (the full influencer table), then ``brandfit.brand_fit``;
both again on the same posts shuffled, against the baseline on the shuffled posts.

Each step's time is the best of several runs, the steps taking turns. Two clocks are read: the
CPU time of the process (what the ratios and the aim use: on a machine whose cores are shared,
it does not count the time spent waiting for a core) and the wall time. The aim is (b)/(a)
under 3. When a ratio is above, the script profiles the slow step and prints where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from influkit import metrics
from influkit.data import datasets, generate
from influkit.identify import (
    brandfit,
    profiles,  # noqa: E402
)
from influkit.plan.model import Plan  # noqa: E402

SEED = 2026
AIM = 3.0
COUNTS = ["likes", "comments", "shares", "saves"]


def timed(function, *args, repeat: int = 3, **kwargs):
    """The result of one call and the best wall time over ``repeat`` calls, in seconds."""
    best = float("inf")
    result = None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        best = min(best, time.perf_counter() - started)
    return result, best


def rounds(steps: dict, repeat: int) -> tuple[dict[str, float], dict[str, float]]:
    """Best CPU time and best wall time of each step, the steps taking turns round after round.

    Interleaving keeps the baseline and the steps it is compared with under the same machine
    load; every step runs ``repeat`` times, so each has the same chances of a quiet moment.
    """
    cpu = dict.fromkeys(steps, float("inf"))
    wall = dict.fromkeys(steps, float("inf"))
    for _ in range(repeat):
        for name, step in steps.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            step()
            cpu[name] = min(cpu[name], time.process_time() - started_cpu)
            wall[name] = min(wall[name], time.perf_counter() - started)
    return cpu, wall


def scaled_data(n_accounts: int, n_posts: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Seeded accounts (public columns only) and their posts, from the sample generator."""
    rng = np.random.default_rng(SEED)
    influencers = generate.generate_influencers(n_accounts, rng)
    posts = generate.generate_posts(influencers, n_posts, rng)
    public = influencers[[c for c in influencers.columns if not c.startswith("_")]]
    return public.reset_index(drop=True), posts


def baseline(posts: pd.DataFrame) -> pd.DataFrame:
    """(a) One plain pandas group-by sum of the interactions."""
    return posts.groupby("influencer_id")[COUNTS].sum()


def with_er_and_tier(influencers: pd.DataFrame, er: pd.Series) -> pd.DataFrame:
    """The accounts with their ER and tier columns, as brand_fit reads them."""
    return influencers.assign(
        er=influencers["influencer_id"].map(er),
        tier=metrics.tier(influencers["followers"]).astype(object),
    )


def er_and_fit(influencers: pd.DataFrame, posts: pd.DataFrame, brief) -> pd.DataFrame:
    """(b1) Every account's ER (metrics.account_engagement), then its brand-fit score."""
    followers = influencers.set_index("influencer_id")["followers"]
    er = metrics.account_engagement(posts, followers=followers)
    return brandfit.brand_fit(with_er_and_tier(influencers, er), brief)


def stats_and_fit(influencers: pd.DataFrame, posts: pd.DataFrame, brief) -> pd.DataFrame:
    """(b2) The full influencer table (profiles.account_stats), then brand-fit scores."""
    return brandfit.brand_fit(profiles.account_stats(influencers, posts), brief)


def top_of_profile(function, *args, lines: int = 12) -> str:
    """The ``lines`` heaviest calls (cumulative time) of one run of ``function``."""
    profiler = cProfile.Profile()
    profiler.enable()
    function(*args)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    text = out.getvalue()
    return text[text.find("ncalls") :].rstrip()


def row(label: str, name: str, base: str, cpu: dict, wall: dict, note: str = "") -> str:
    """One line of the results table: the step's CPU and wall times, each against ``base``."""
    return (
        f"{label:<48} {cpu[name]:>7.3f} {cpu[name] / cpu[base]:>6.2f}"
        f" {wall[name]:>8.3f} {wall[name] / wall[base]:>6.2f}  {note}"
    )


def main(argv: list[str] | None = None) -> int:
    """Generate the scaled data, time every step, print the table and what to improve."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--posts", type=int, default=2_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per step (best is kept)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    print(
        f"python {platform.python_version()} · pandas {pd.__version__} · numpy {np.__version__}"
        f" · {os.cpu_count()} CPUs"
    )
    (influencers, posts), gen_time = timed(scaled_data, args.accounts, args.posts, repeat=1)
    print(
        f"generated {len(influencers):,} accounts and {len(posts):,} posts in {gen_time:.1f} s"
        f" (posts sorted by account then date: "
        f"{posts['influencer_id'].is_monotonic_increasing})"
    )
    brief = Plan.from_case(datasets.cases()[0]).brief

    followers = influencers.set_index("influencer_id")["followers"]
    er = metrics.account_engagement(posts, followers=followers)
    small = with_er_and_tier(influencers, er)
    table = profiles.account_stats(influencers, posts)
    shuffled = posts.sample(frac=1.0, random_state=1)
    steps = {
        "base": lambda: baseline(posts),
        "er": lambda: metrics.account_engagement(posts, followers=followers),
        "join": lambda: with_er_and_tier(influencers, er),
        "fit_small": lambda: brandfit.brand_fit(small, brief),
        "b1": lambda: er_and_fit(influencers, posts, brief),
        "stats": lambda: profiles.account_stats(influencers, posts),
        "fit": lambda: brandfit.brand_fit(table, brief),
        "b2": lambda: stats_and_fit(influencers, posts, brief),
        "base_shuffled": lambda: baseline(shuffled),
        "er_shuffled": lambda: metrics.account_engagement(shuffled, followers=followers),
        "b1_shuffled": lambda: er_and_fit(influencers, shuffled, brief),
        "b2_shuffled": lambda: stats_and_fit(influencers, shuffled, brief),
    }
    cpu, wall = rounds(steps, args.repeat)
    ratio_b1, ratio_b2 = cpu["b1"] / cpu["base"], cpu["b2"] / cpu["base"]
    ratio_b1s = cpu["b1_shuffled"] / cpu["base_shuffled"]
    ratio_b2s = cpu["b2_shuffled"] / cpu["base_shuffled"]
    verdict = {True: f"under {AIM:g}: OK", False: f"ABOVE the aim of {AIM:g}"}
    print()
    print(f"{'step':<48} {'CPU (s)':>7} {'×base':>6} {'wall (s)':>8} {'×base':>6}")
    print("-" * 90)
    lines = [
        ("(a) baseline: groupby(influencer_id)[4 counts].sum()", "base", ""),
        ("    metrics.account_engagement (all accounts)", "er", ""),
        ("    ER and tier joined onto the accounts", "join", ""),
        ("    brandfit.brand_fit on accounts + ER + tier", "fit_small", ""),
        ("(b1) account_engagement + brand_fit", "b1", verdict[ratio_b1 < AIM]),
        ("    profiles.account_stats (full table)", "stats", ""),
        ("    brandfit.brand_fit on the full table", "fit", ""),
        ("(b2) account_stats + brand_fit", "b2", verdict[ratio_b2 < AIM]),
    ]
    for label, name, note in lines:
        print(row(label, name, "base", cpu, wall, note))
    print("-" * 90)
    print(row("posts shuffled: baseline", "base_shuffled", "base_shuffled", cpu, wall))
    print(row("posts shuffled: account_engagement", "er_shuffled", "base_shuffled", cpu, wall))
    print(
        row(
            "posts shuffled: (b1)",
            "b1_shuffled",
            "base_shuffled",
            cpu,
            wall,
            verdict[ratio_b1s < AIM],
        )
    )
    print(
        row(
            "posts shuffled: (b2)",
            "b2_shuffled",
            "base_shuffled",
            cpu,
            wall,
            verdict[ratio_b2s < AIM],
        )
    )
    print()
    print(
        f"CPU time, posts sorted:   (b1)/(a) = {ratio_b1:.1f}   (b2)/(a) = {ratio_b2:.1f}   (aim < {AIM:g})"
    )
    print(f"CPU time, posts shuffled: (b1)/(a) = {ratio_b1s:.1f}   (b2)/(a) = {ratio_b2s:.1f}")
    wall_ratios = (
        wall["b1"] / wall["base"],
        wall["b2"] / wall["base"],
        wall["b1_shuffled"] / wall["base_shuffled"],
        wall["b2_shuffled"] / wall["base_shuffled"],
    )
    print(
        "wall time: sorted (b1) {:.1f}  (b2) {:.1f}   shuffled (b1) {:.1f}  (b2) {:.1f}".format(
            *wall_ratios
        )
    )

    if max(ratio_b1, ratio_b2, ratio_b1s, ratio_b2s) >= AIM:
        slow = stats_and_fit if max(ratio_b2, ratio_b2s) >= AIM else er_and_fit
        print()
        print(f"where the time goes in {slow.__name__} (cProfile, cumulative):")
        print(top_of_profile(slow, influencers, posts, brief))
    print()
    print(f"total run time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
