"""The app's menu as data: sections that follow the course, and the pages in each.

``app.py`` builds ``st.navigation`` from it; tests and the screenshot script walk it, so a
page added here is tested and pictured in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    """One page of the menu."""

    file: str  # under pages/, without .py
    title_key: str
    icon: str
    url_path: str  # "" for the home page
    needs_plan: bool = False


SECTIONS: tuple[tuple[str, tuple[PageSpec, ...]], ...] = (
    ("", (PageSpec("home", "nav.home", ":material/home:", ""),)),
    (
        "nav.section_plan",
        (PageSpec("my_plan", "nav.my_plan", ":material/assignment:", "my-plan", needs_plan=True),),
    ),
    ("nav.section_tools", (PageSpec("data", "nav.data", ":material/table_view:", "data"),)),
)


def all_pages() -> list[PageSpec]:
    """Every page, in menu order."""
    return [spec for _, specs in SECTIONS for spec in specs]
