"""The negotiation page (module 3), through AppTest, in French and in English: the deal sheet, its
flags and score, a counter-offer typed the user's way, an unreadable fee refused."""

import pytest

from influkit.data import datasets
from influkit.identify import brandfit
from influkit.plan.model import DealTerms, Plan
from influkit.plan.storage import get_store
from influkit.relationship import negotiation
from influkit.text import i18n

from ..helpers import LANGS, assert_clean, busy_relationship_plan, run_page


@pytest.mark.parametrize("lang", LANGS)
def test_negotiation_shows_the_sheet_flags_and_score(lang):
    """The deal sheet lists both rounds, the contract flag shows above 1 000 € HT, and the
    win-win score is given."""
    token, plan = busy_relationship_plan(lang)
    at = run_page("relationship_negotiation", lang=lang, token=token)
    # The second shortlisted influencer holds the accepted deal.
    at.selectbox[0].set_value(plan.shortlisted_ids()[1]).run()
    assert_clean(at)
    assert len(at.dataframe[0].value) == 2
    warnings = " ".join(w.value for w in at.warning)
    assert i18n.catalogue(lang)["relationship.flag.contract_required"].split(":")[0] in warnings
    labels = [m.label for m in at.metric]
    assert i18n.t("relationship.negotiation.score_win_win", lang) in labels


@pytest.mark.parametrize(("lang", "typed"), [("fr", "1 500 €"), ("en", "€1,500")])
def test_a_counter_offer_typed_the_users_way_goes_on_the_table(lang, typed):
    """The influencer side types a fee the way their language writes it and puts the offer on
    the table: a new round is saved with that fee, the brand speaks next."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    row = brandfit.plan_ranking(plan).iloc[0].to_dict()
    plan.add_to_shortlist(row["influencer_id"])
    negotiation.open_deal(plan, row)
    token = get_store().create(plan)
    at = run_page("relationship_negotiation", lang=lang, token=token)
    fee = next(x for x in at.text_input if x.label == i18n.t("relationship.field.fee", lang))
    fee.input(typed).run()
    submit = i18n.t("relationship.negotiation.submit", lang)
    next(b for b in at.button if b.label == submit).click().run()
    assert_clean(at)
    (deal,) = get_store().load(token).plan.relationship.deals
    assert [r.side for r in deal.rounds] == ["brand", "influencer"]
    assert deal.rounds[-1].terms.fee_eur == 1500.0


def test_an_unreadable_fee_is_refused_and_nothing_is_lost():
    """A fee that is not a number shows a message under the field; the rounds stay as they
    were."""
    plan = Plan.from_case(datasets.cases()[0])
    row = brandfit.plan_ranking(plan).iloc[0].to_dict()
    plan.add_to_shortlist(row["influencer_id"])
    negotiation.open_deal(plan, row)
    token = get_store().create(plan)
    at = run_page("relationship_negotiation", lang="fr", token=token)
    fee = next(x for x in at.text_input if x.label == i18n.t("relationship.field.fee", "fr"))
    fee.input("mille euros").run()
    assert_clean(at)
    assert at.error, "the field says what to fix"
    assert len(get_store().load(token).plan.relationship.deals[0].rounds) == 1


def test_terms_type_is_the_plan_model():
    """The deal terms the pages build are the plan's own model."""
    assert DealTerms().disclosure == "Collaboration commerciale"


@pytest.mark.parametrize("lang", LANGS)
def test_the_page_opens_on_a_busy_plan(lang):
    """With influencers contacted, negotiated and agreed, the page opens cleanly in the
    trainee's language."""
    token, _ = busy_relationship_plan(lang)
    at = run_page("relationship_negotiation", lang=lang, token=token)
    assert_clean(at)
    assert at.title[0].value == i18n.t("relationship.nav.negotiation", lang)
