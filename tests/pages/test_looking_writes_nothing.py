"""Data flows one way: opening any page of a plan and drawing it again, without touching
anything, leaves the saved plan as it was — same content, same revision — in both languages.
Derived parts of the plan (budget lines, channel plans) change where a choice is made."""

from __future__ import annotations

import pytest

from influkit.data import datasets
from influkit.plan.storage import get_store
from ui import navigation

from ..helpers import LANGS, assert_clean, rich_plan, run_page, stored_record

PAGES = [spec.file for spec in navigation.all_pages() if spec.needs_plan]


@pytest.fixture(scope="module", params=LANGS)
def full_plan_token(request) -> tuple[str, str]:
    """A case plan with everything filled (shortlist, objectives, tasks, budget, results)."""
    lang = request.param
    return get_store().create(rich_plan(datasets.cases()[0], lang)), lang


@pytest.mark.parametrize("page", PAGES)
def test_looking_at_a_page_writes_nothing(page, full_plan_token):
    """Drawing the page twice keeps the stored plan byte for byte."""
    token, lang = full_plan_token
    before = stored_record(token)
    at = run_page(page, lang=lang, token=token)
    at.run()
    assert_clean(at)
    after = stored_record(token)
    assert after.plan.model_dump_json() == before.plan.model_dump_json()
    assert after.revision == before.revision
