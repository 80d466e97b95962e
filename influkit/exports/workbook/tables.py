"""The three plain table sheets: objectives, shortlist (its tier and CPM computed) and deliverables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from influkit.exports.workbook.layout import (
    DELIVERABLE_COLUMNS,
    OBJECTIVE_COLUMNS,
    SHORTLIST_COLUMNS,
)

if TYPE_CHECKING:
    from influkit.exports.workbook.writer import Writer


def write_objectives(w: Writer) -> None:
    """Write the Objectives sheet: its title and table."""
    w.title("objectives")
    w.table("objectives", OBJECTIVE_COLUMNS)


def write_shortlist(w: Writer) -> None:
    """Write the Shortlist sheet: its title and table."""
    w.title("shortlist")
    w.table("shortlist", SHORTLIST_COLUMNS)


def write_deliverables(w: Writer) -> None:
    """Write the Deliverables sheet: its title and table."""
    w.title("deliverables")
    w.table("deliverables", DELIVERABLE_COLUMNS)
