"""The outreach page (module 3), through AppTest, in French and in English: arguments and a
message saved, the influencer marked as contacted."""

import pytest

from influkit.data import datasets
from influkit.identify import brandfit
from influkit.plan.model import Plan
from influkit.plan.storage import get_store
from influkit.relationship import pipeline
from influkit.text import i18n

from ..helpers import LANGS, assert_clean, busy_relationship_plan, button, run_page


@pytest.mark.parametrize("lang", LANGS)
def test_outreach_saves_the_message_and_marks_the_contact(lang):
    """Saving a first-contact message keeps it with its date and moves the influencer to
    "contacted"."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    iid = brandfit.plan_ranking(plan).iloc[0]["influencer_id"]
    plan.add_to_shortlist(iid)
    token = get_store().create(plan)
    at = run_page("relationship_outreach", lang=lang, token=token)
    assert_clean(at)
    assert plan.brief.brand in at.text_area[0].value
    button(at, "relationship.outreach.save", lang).click()
    at.run()
    assert_clean(at)
    rel = pipeline.relationship_of(get_store().load(token).plan, iid)
    assert rel.stage == "contacted"
    assert [m.template for m in rel.messages] == ["first_contact"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_opens_on_a_busy_plan(lang):
    """With influencers contacted, negotiated and agreed, the page opens cleanly in the
    trainee's language."""
    token, _ = busy_relationship_plan(lang)
    at = run_page("relationship_outreach", lang=lang, token=token)
    assert_clean(at)
    assert at.title[0].value == i18n.t("relationship.nav.outreach", lang)
