"""Properties over thousands of generated plans: a plan that validates always loads again, the
same, from its JSON and from the store — whatever text, numbers and codes it was given."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from influkit.errors import UserError
from influkit.plan.model import (
    BUDGET_CATEGORIES,
    PLATFORMS,
    SHORTLIST_ROLES,
    Plan,
    plan_from_json,
    plan_json,
)
from influkit.plan.storage import PlanStore

#: Every character, lone surrogates and control characters included.
ANY_CHAR = st.characters(codec=None, categories=None)
TEXT = st.text(ANY_CHAR, max_size=30)
#: Any number a file can hold: NaN, infinities, negatives, huge integers.
ANY_NUMBER = st.floats(allow_nan=True, allow_infinity=True) | st.integers(-(10**20), 10**20)
#: Numbers a plan accepts (finite, not negative), so most generated plans validate.
GOOD_NUMBER = st.floats(min_value=0, max_value=1e12, allow_nan=False) | st.integers(0, 10**9)


def plans(number):
    """Plans as dicts (as a file holds them), with numbers drawn from ``number``."""
    maybe_number = st.none() | number
    code = st.sampled_from(PLATFORMS) | TEXT
    date = st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)).map(str)

    shortlist_entry = st.fixed_dictionaries(
        {"influencer_id": TEXT, "role": st.sampled_from(SHORTLIST_ROLES), "note": TEXT}
    )
    objective = st.fixed_dictionaries(
        {
            "kpi": TEXT,
            "platform": code,
            "audience": TEXT,
            "baseline": maybe_number,
            "target": maybe_number,
        }
    )
    deliverable = st.fixed_dictionaries(
        {"influencer_id": TEXT, "platform": code, "format": TEXT, "count": st.integers(0, 50),
         "compensation_eur_ht": number, "window_start": date}
    )  # fmt: skip
    budget_line = st.fixed_dictionaries(
        {"category": st.sampled_from(BUDGET_CATEGORIES), "label": TEXT, "quantity": number,
         "unit_cost_eur_ht": number}
    )  # fmt: skip
    result = st.fixed_dictionaries(
        {"post_ref": TEXT, "platform": code, "impressions": number, "clicks": number,
         "revenue_eur": number, "published_on": date}
    )  # fmt: skip
    imported = st.fixed_dictionaries(
        {"influencer_id": TEXT, "handle": TEXT, "display_name": TEXT, "platform": code,
         "followers": maybe_number, "engagement_rate": maybe_number}
    )  # fmt: skip
    return st.fixed_dictionaries(
        {
            "title": TEXT,
            "brief": st.fixed_dictionaries(
                {
                    "brand": TEXT,
                    "context": TEXT,
                    "budget_eur_ht": number,
                    "launch_date": date,
                    "niches": st.lists(TEXT, max_size=3),
                }
            ),  # fmt: skip
            "shortlist": st.lists(shortlist_entry, max_size=3),
            "objectives": st.lists(objective, max_size=2),
            "deliverables": st.lists(deliverable, max_size=2),
            "budget_lines": st.lists(budget_line, max_size=2),
            "results": st.lists(result, max_size=2),
            "imported_influencers": st.lists(imported, max_size=2),
            "settings": st.fixed_dictionaries(
                {
                    "tier_scheme": TEXT | st.just("france"),
                    "er_basis": TEXT,
                    "brand_fit_weights": st.dictionaries(TEXT, number, max_size=3),
                }
            ),  # fmt: skip
            "notes": st.dictionaries(TEXT, TEXT, max_size=3),
        }
    )


PLAN = plans(ANY_NUMBER)
GOOD_PLAN = plans(GOOD_NUMBER)


PROPERTY = settings(
    max_examples=1_000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _valid(data: dict) -> Plan | None:
    try:
        return Plan.model_validate(data)
    except ValidationError:
        return None


def _finite(value) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


@PROPERTY
@given(PLAN)
def test_a_plan_that_validates_always_loads_again_the_same(data):
    """Whatever a file or a form gave it, a plan that validates holds finite numbers and clean
    text, saves to JSON and loads back equal — and a plan that does not validate is refused
    with a message, never a traceback."""
    plan = _valid(data)
    if plan is None:
        with pytest.raises(UserError):
            plan_from_json(json.dumps(data, allow_nan=True, ensure_ascii=True))
        return
    assert _finite(plan.model_dump())
    text = plan_json(plan)
    text.encode("utf-8")  # no lone surrogate left
    again = plan_from_json(text)
    assert again == plan
    assert again.model_dump_json() == text


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory):
    """One SQLite store for the whole property run."""
    return PlanStore(f"sqlite:///{tmp_path_factory.mktemp('props') / 'plans.sqlite3'}")


@PROPERTY
@given(first=GOOD_PLAN, second=GOOD_PLAN)
def test_the_store_gives_back_every_plan_it_accepted(sqlite_store, first, second):
    """A plan created, then saved over its revision, comes back from the store as it was."""
    one, two = _valid(first), _valid(second)
    if one is None or two is None:
        return
    token = sqlite_store.create(one)
    assert sqlite_store.load(token).plan == one
    assert sqlite_store.save(token, two, expected_revision=1) == 2
    saved = sqlite_store.load(token)
    assert saved.plan == two and saved.revision == 2


@settings(PROPERTY, max_examples=150)
@given(plan_data=GOOD_PLAN)
def test_postgresql_gives_back_every_plan_it_accepted(postgres_store, plan_data):
    """The same on PostgreSQL: what it accepts it gives back unchanged."""
    plan = _valid(plan_data)
    if plan is None:
        return
    token = postgres_store.create(plan)
    assert postgres_store.load(token).plan == plan


@pytest.fixture
def postgres_store(store_url):
    """The store on PostgreSQL only (the SQLite case is the test above)."""
    if not store_url.startswith("postgresql"):
        pytest.skip("covered on SQLite by the 1 000-plan property")
    return PlanStore(store_url)
