"""Exports a graduate reuses at work: the live plan workbook, its blank template, the client
deck, and reading an edited workbook back into the plan; also the names of the files."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from influkit.exports.deck import plan_deck, proposal_deck, report_deck
from influkit.exports.roundtrip import CellProblem, RoundTripResult, apply_roundtrip, read_workbook
from influkit.exports.workbook import blank_template, plan_tables, plan_workbook
from influkit.plan.model import Plan
from influkit.text.i18n import normalize_language

MIME_TYPES: dict[str, str] = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "json": "application/json",
    "csv": "text/csv",
}
TEMPLATE_NAMES = {"fr": "modele-plan-influkit.xlsx", "en": "influkit-plan-template.xlsx"}


def slug(text: str, fallback: str = "plan") -> str:
    """A file-name-safe form of a name: ``Biscuiterie Kerbihan`` → ``biscuiterie-kerbihan``."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40].strip("-")
    return cleaned or fallback


def file_name(
    kind: str,
    plan: Plan | None = None,
    lang: str = "fr",
    today: dt.date | None = None,
    table: str = "",
) -> str:
    """The name of a downloaded file, saying what it is, whose and when.

    ``kind`` is workbook, template, deck (the proposal), report, json, csv or table_xlsx (``table`` names the table).
    """
    lang = normalize_language(lang)
    day = f"{(today or dt.date.today()):%Y-%m-%d}"
    brand = slug(plan.brief.brand if plan is not None else "", "influkit")
    if kind == "workbook":
        return f"plan-{brand}-{day}.xlsx"
    if kind == "template":
        return TEMPLATE_NAMES[lang]
    if kind == "report":
        return f"{'bilan' if lang == 'fr' else 'report'}-{brand}-{day}.pptx"
    if kind == "deck":
        return f"presentation-{brand}-{day}.pptx"
    if kind == "json":
        return f"plan-{brand}-{day}.json"
    if kind in ("csv", "table_xlsx"):
        extension = "csv" if kind == "csv" else "xlsx"
        return f"{slug(table, 'table')}-{brand}-{day}.{extension}"
    raise ValueError(kind)


__all__ = [
    "MIME_TYPES",
    "CellProblem",
    "RoundTripResult",
    "apply_roundtrip",
    "blank_template",
    "file_name",
    "plan_deck",
    "proposal_deck",
    "report_deck",
    "plan_tables",
    "plan_workbook",
    "read_workbook",
    "slug",
]
