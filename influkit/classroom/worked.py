"""Worked examples ("corrigés"): one finished plan per case study and language, kept as data files.

``datasets/worked_examples/<lang>/<case_id>.json`` holds a plan as the trainer would build it,
its texts (title, brief, objective, tasks, budget lines, notes) in that language; every
language holds the same numbers. The class opens it read-only or duplicates it into their own
plan, in their language, else in French. ``scripts/build_worked_examples.py`` rebuilds them
from the sample data.
"""

from __future__ import annotations

from pathlib import Path

from influkit.data import datasets
from influkit.plan.model import Plan, plan_from_json
from influkit.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, normalize_language


def folder(lang: str = DEFAULT_LANGUAGE) -> Path:
    """Where the worked examples of a language are stored."""
    return datasets.data_dir() / "worked_examples" / normalize_language(lang)


def _path(case_id: str, lang: str) -> Path | None:
    """The file of a case's worked example in ``lang``, else in French, else None."""
    for code in dict.fromkeys((normalize_language(lang), DEFAULT_LANGUAGE)):
        path = folder(code) / f"{case_id}.json"
        if path.is_file():
            return path
    return None


def case_ids(lang: str = DEFAULT_LANGUAGE) -> list[str]:
    """The case studies that have a worked example (in ``lang`` or French), in the cases' order."""
    present = {p.stem for code in {lang, DEFAULT_LANGUAGE} for p in folder(code).glob("*.json")}
    return [case_id for case_id in datasets.case_ids() if case_id in present]


def languages(case_id: str) -> list[str]:
    """The languages a case's worked example is written in."""
    return [code for code in LANGUAGES if (folder(code) / f"{case_id}.json").is_file()]


def worked_example(case_id: str, lang: str = DEFAULT_LANGUAGE) -> Plan:
    """The worked example of a case study in ``lang`` (French when it has none in ``lang``;
    a ``KeyError`` when it has none at all)."""
    path = _path(case_id, lang) if case_id in datasets.case_ids() else None
    if path is None:
        raise KeyError(case_id)
    return plan_from_json(path.read_bytes())


def duplicate(case_id: str, title_suffix: str = "", lang: str = DEFAULT_LANGUAGE) -> Plan:
    """A copy of the worked example (in ``lang``) to work on, as a new plan."""
    return worked_example(case_id, lang).duplicate(title_suffix)
