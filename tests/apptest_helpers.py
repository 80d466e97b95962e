"""Helpers for AppTest: run the app on a page, in a language, with or without a plan."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from influkit.data import datasets
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.text import i18n

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
LANGS = ("fr", "en")
RAW_KEY = re.compile(r"\b[a-z_]+(?:\.[a-z0-9_]+)+\b")


def new_plan_token(case_index: int = 0, lang: str = "fr") -> str:
    """Store a plan started from a case study and return its token."""
    plan = Plan.from_case(datasets.cases()[case_index], lang)
    return get_store().create(plan)


def run_page(
    page: str | None = None, lang: str = "fr", token: str | None = None, timeout: float = 60
) -> AppTest:
    """Open the app (optionally on ``pages/<page>.py``) the way a browser link would."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params["lang"] = lang
    if token:
        at.query_params["plan"] = token
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


def all_text(at: AppTest) -> str:
    """Every piece of text the page shows, joined."""
    parts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
        "text",
    ):
        parts.extend(str(element.value) for element in getattr(at, kind))
    for kind in (
        "button",
        "text_input",
        "text_area",
        "selectbox",
        "multiselect",
        "number_input",
        "date_input",
        "checkbox",
        "slider",
        "radio",
    ):
        parts.extend(str(getattr(element, "label", "")) for element in getattr(at, kind))
    return "\n".join(parts)


def assert_clean(at: AppTest) -> None:
    """No exception, and no untranslated catalogue key on screen."""
    assert not at.exception, [e.value for e in at.exception]
    leaked = {key for key in RAW_KEY.findall(all_text(at)) if i18n.has(key, "fr")}
    assert not leaked, f"untranslated keys on screen: {sorted(leaked)}"
