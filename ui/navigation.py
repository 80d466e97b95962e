"""The app's menu as data: sections that follow the course, and the pages in each.

``app.py`` builds ``st.navigation`` from it; tests and the screenshot script walk it, so a
page added here is tested and pictured in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st


@dataclass(frozen=True)
class PageSpec:
    """One page of the menu."""

    file: str  # under pages/, without .py
    title_key: str
    icon: str
    # "" for the home page. Never the file's own name: Streamlit would then take the
    # file for a legacy pages/ page and, under AppTest, run it without the router.
    url_path: str
    needs_plan: bool = False


SECTIONS: tuple[tuple[str, tuple[PageSpec, ...]], ...] = (
    ("", (PageSpec("home", "nav.home", ":material/home:", ""),)),
    (
        "nav.section_d1am",
        (
            PageSpec("understand", "nav.understand", ":material/lightbulb:", "comprendre"),
            PageSpec("explorer", "nav.explorer", ":material/travel_explore:", "explorateur"),
            PageSpec("formula_lab", "nav.formula_lab", ":material/functions:", "labo-formules"),
            PageSpec(
                "audience_quality",
                "nav.audience_quality",
                ":material/verified_user:",
                "qualite-audience",
            ),
            PageSpec("influence", "nav.influence", ":material/forum:", "mesurer-influence"),
            PageSpec("trends", "nav.trends", ":material/trending_up:", "tendances"),
            PageSpec(
                "brand_fit",
                "nav.brand_fit",
                ":material/handshake:",
                "adequation-marque",
                needs_plan=True,
            ),
            PageSpec(
                "shortlist",
                "nav.shortlist",
                ":material/checklist:",
                "ma-shortlist",
                needs_plan=True,
            ),
        ),
    ),
    (
        "nav.section_d1pm",
        (
            PageSpec(
                "relationship_pipeline",
                "relationship.nav.pipeline",
                ":material/view_kanban:",
                "pipeline-relation",
                needs_plan=True,
            ),
            PageSpec(
                "relationship_outreach",
                "relationship.nav.outreach",
                ":material/forward_to_inbox:",
                "prise-de-contact",
                needs_plan=True,
            ),
            PageSpec(
                "relationship_negotiation",
                "relationship.nav.negotiation",
                ":material/handshake:",
                "negociation",
                needs_plan=True,
            ),
            PageSpec(
                "relationship_brief",
                "relationship.nav.brief",
                ":material/description:",
                "brief-influenceur",
                needs_plan=True,
            ),
            PageSpec(
                "actions",
                "nav.actions",
                ":material/assignment_ind:",
                "plan-action",
                needs_plan=True,
            ),
            PageSpec(
                "followup",
                "nav.followup",
                ":material/pending_actions:",
                "suivi",
                needs_plan=True,
            ),
        ),
    ),
    (
        "nav.section_d2am",
        (
            PageSpec(
                "client_history",
                "nav.client_history",
                ":material/history:",
                "historique-client",
                needs_plan=True,
            ),
            PageSpec(
                "objectives",
                "nav.objectives",
                ":material/flag:",
                "objectifs-smart",
                needs_plan=True,
            ),
            PageSpec(
                "retroplanning",
                "nav.retroplanning",
                ":material/view_timeline:",
                "retro-planning",
                needs_plan=True,
            ),
            PageSpec(
                "success",
                "nav.success",
                ":material/fact_check:",
                "conditions-succes",
                needs_plan=True,
            ),
        ),
    ),
    (
        "nav.section_d2pm",
        (
            PageSpec(
                "remuneration",
                "nav.remuneration",
                ":material/payments:",
                "remuneration-motivation",
                needs_plan=True,
            ),
            PageSpec(
                "communication",
                "nav.communication",
                ":material/campaign:",
                "plan-communication",
                needs_plan=True,
            ),
            PageSpec(
                "budget", "nav.budget", ":material/savings:", "budget-optimisation", needs_plan=True
            ),
            PageSpec(
                "results", "nav.results", ":material/monitoring:", "kpi-resultats", needs_plan=True
            ),
        ),
    ),
    (
        "nav.section_plan",
        (
            PageSpec(
                "my_plan", "nav.my_plan", ":material/assignment:", "mon-plan", needs_plan=True
            ),
            PageSpec("exports", "nav.exports", ":material/download:", "exporter", needs_plan=True),
        ),
    ),
    (
        "nav.section_classroom",
        (
            PageSpec("class_trainee", "nav.class_trainee", ":material/school:", "ma-session"),
            PageSpec("class_trainer", "nav.class_trainer", ":material/co_present:", "formateur"),
            PageSpec(
                "class_records", "nav.class_records", ":material/fact_check:", "suivi-session"
            ),
        ),
    ),
    (
        "nav.section_tools",
        (
            PageSpec("data", "nav.data", ":material/table_view:", "donnees"),
            PageSpec(
                "import_list",
                "nav.import_list",
                ":material/upload_file:",
                "importer",
                needs_plan=True,
            ),
        ),
    ),
)


def all_pages() -> list[PageSpec]:
    """Every page of the menu, in menu order."""
    return [spec for _, specs in SECTIONS for spec in specs]


def page_link(page: str, label: str, icon: str, where: Any = None) -> None:
    """A link to another page of the menu (``page`` is its file name without ``.py``), drawn in
    ``where`` (the page by default); nothing while that page is held back from the menu."""
    if page in {spec.file for spec in all_pages()}:
        (where or st).page_link(f"pages/{page}.py", label=label, icon=icon)
