"""Platforms beyond the sample's: Facebook, Snapchat, Pinterest, Threads and one the user names.
They are accepted wherever a platform is chosen, and a missing benchmark never becomes a number."""

import math

import pytest

from influkit.campaign import forecast
from influkit.data import datasets
from influkit.identify import brandfit, quality
from influkit.operations import deliverables as actions
from influkit.plan.model import PLATFORMS, Deliverable, ImportedInfluencer, Plan
from influkit.text import i18n

NEW = ("facebook", "snapchat", "pinterest", "threads", "other")


def _plan_with_new_platforms() -> Plan:
    """A case plan whose shortlist holds one imported account on each new platform."""
    plan = Plan.from_case(datasets.cases()[0], "fr")
    plan.imported_influencers = [
        ImportedInfluencer(
            influencer_id=f"IMP-{code}",
            handle=f"@{code}_compte",
            platform=code,
            platform_name="Mastodon" if code == "other" else "",
            followers=20_000,
            price_per_post_eur=250,
        )
        for code in NEW
    ]
    for code in NEW:
        plan.add_to_shortlist(f"IMP-{code}")
    return plan


@pytest.mark.parametrize("code", NEW)
def test_each_new_platform_is_a_plan_platform_with_formats_and_labels(code):
    """Each new platform can be chosen in a plan, offers deliverable formats and has a name in
    French and in English."""
    assert code in PLATFORMS
    assert actions.PLATFORM_FORMATS[code]
    Deliverable(influencer_id="x", platform=code, format=actions.PLATFORM_FORMATS[code][0])
    for lang in ("fr", "en"):
        assert i18n.has(f"data.platform.{code}", lang)


def test_an_other_platform_keeps_the_name_given():
    """An account on a platform influkit does not list keeps the name the user wrote."""
    entry = ImportedInfluencer(influencer_id="IMP-1", platform="other", platform_name="BeReal")
    again = ImportedInfluencer.model_validate_json(entry.model_dump_json())
    assert (again.platform, again.platform_name) == ("other", "BeReal")


def test_the_forecast_counts_accounts_on_new_platforms_without_crashing():
    """Expected figures of a shortlist on new platforms are numbers (no crash, no infinity)."""
    result = forecast.forecast(_plan_with_new_platforms())
    mine = result.rows.loc[result.rows["influencer_id"].str.startswith("IMP-")]
    assert set(mine["platform"]) == set(NEW)
    for low, expected, high in result.totals.values():
        assert all(math.isfinite(v) for v in (low, expected, high))


@pytest.mark.parametrize("code", NEW)
def test_no_benchmark_is_made_up_for_a_platform_domain_md_has_none_for(code):
    """DOMAIN.md publishes no ER range nor CPM range for these platforms: none is invented."""
    bench = datasets.load("benchmarks")
    assert quality.er_benchmark_range(bench, "followers", code, "micro") is None
    assert code not in brandfit.CPM_RANGES
