"""Self-positioning (autopositionnement): a grid on the course's objectives and modules.

A trainee rates each item on a four-level scale, once at the start of the course and once at
the end; the grid shows their progress, and the class view the mean before and after per item.
Levels are whole numbers 1..4; their sentences live in the catalogue
(``classroom.level_1`` … ``classroom.level_4``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import pandas as pd

#: The four learning objectives of the course (DOMAIN §1), in order.
OBJECTIVES: tuple[str, ...] = ("examine", "identify", "strategy", "communication")
#: The seven modules of the course.
MODULES: tuple[str, ...] = tuple(f"module-{n}" for n in range(1, 8))
#: Every item of the grid: the objectives, then the modules.
ITEMS: tuple[str, ...] = (*(f"objective-{o}" for o in OBJECTIVES), *MODULES)
LEVELS: tuple[int, ...] = (1, 2, 3, 4)
PHASES: tuple[str, ...] = ("before", "after")
#: From this level on, a trainee says they can do it on their own.
CAN_DO = 3

#: The modules that serve each objective (for the attestation's assessment).
OBJECTIVE_MODULES: dict[str, tuple[str, ...]] = {
    "examine": ("module-1",),
    "identify": ("module-2", "module-3"),
    "strategy": ("module-4", "module-5", "module-6"),
    "communication": ("module-7",),
}

Ratings = Mapping[str, int]


def clean(ratings: Mapping[str, object]) -> dict[str, int]:
    """Only the known items with a level 1..4 (anything else is dropped)."""
    out: dict[str, int] = {}
    for item in ITEMS:
        value = ratings.get(item)
        if isinstance(value, int) and not isinstance(value, bool) and value in LEVELS:
            out[item] = value
    return out


def complete(ratings: Ratings) -> bool:
    """Whether every item of the grid is rated."""
    return all(item in ratings for item in ITEMS)


def progress(before: Ratings, after: Ratings) -> pd.DataFrame:
    """One row per item: level before, after and the change (NaN where a side is missing)."""
    rows = []
    for item in ITEMS:
        b = before.get(item)
        a = after.get(item)
        rows.append(
            {
                "item": item,
                "before": float(b) if b else math.nan,
                "after": float(a) if a else math.nan,
                "change": float(a - b) if a and b else math.nan,
            }
        )
    return pd.DataFrame(rows, columns=["item", "before", "after", "change"])


def class_summary(grids: Sequence[Mapping[str, Ratings]]) -> pd.DataFrame:
    """Per item, across trainees (each a ``{"before": …, "after": …}``): how many rated it,
    the mean level before and after, and the share saying they can do it (level ≥ 3)."""
    rows = []
    for item in ITEMS:
        row: dict[str, object] = {"item": item}
        for phase in PHASES:
            levels = [g[phase][item] for g in grids if item in (g.get(phase) or {})]
            row[f"n_{phase}"] = len(levels)
            row[f"mean_{phase}"] = sum(levels) / len(levels) if levels else math.nan
            row[f"can_do_{phase}"] = (
                sum(1 for v in levels if v >= CAN_DO) / len(levels) if levels else math.nan
            )
        rows.append(row)
    return pd.DataFrame(rows)


def objective_level(ratings: Ratings, objective: str) -> float:
    """A trainee's self-rated level on an objective: the objective's own rating, else the mean
    of its modules' ratings; NaN when nothing is rated."""
    own = ratings.get(f"objective-{objective}")
    if own:
        return float(own)
    levels = [ratings[m] for m in OBJECTIVE_MODULES[objective] if m in ratings]
    return sum(levels) / len(levels) if levels else math.nan
