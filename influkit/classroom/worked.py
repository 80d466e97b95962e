"""Worked examples ("corrigés"): one finished plan per case study, kept as data files.

``datasets/worked_examples/<case_id>.json`` holds a plan as the trainer would build it; the
class opens it read-only or duplicates it into their own plan. ``scripts/build_worked_examples.py``
rebuilds them from the sample data.
"""

from __future__ import annotations

from pathlib import Path

from influkit.data import datasets
from influkit.plan.model import Plan, plan_from_json


def folder() -> Path:
    """Where the worked examples are stored."""
    return datasets.data_dir() / "worked_examples"


def case_ids() -> list[str]:
    """The case studies that have a worked example, in the cases' order."""
    present = {path.stem for path in folder().glob("*.json")}
    return [case_id for case_id in datasets.case_ids() if case_id in present]


def worked_example(case_id: str) -> Plan:
    """The worked example of a case study (a ``KeyError`` when it has none)."""
    if case_id not in case_ids():
        raise KeyError(case_id)
    return plan_from_json((folder() / f"{case_id}.json").read_bytes())


def duplicate(case_id: str, title_suffix: str = "") -> Plan:
    """A copy of the worked example to work on, as a new plan."""
    return worked_example(case_id).duplicate(title_suffix)
