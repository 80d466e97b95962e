"""The negotiation role play: deals and rounds, both sides' values, the legal flags at the
1 000 € HT boundary (per advertiser and per year, summing deals), the confidential card, the
win-win score, and "accept the deal" feeding modules 4, 6 and 7."""

import datetime as dt

import pytest

from influkit.campaign import compliance
from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.plan.model import Deal, DealRound, DealTerms, Plan
from influkit.plan.storage import PlanStore
from influkit.relationship import negotiation, pipeline

ROW = {
    "influencer_id": "INF0001",
    "display_name": "Lina Lejeune",
    "handle": "@lina",
    "platform": "instagram",
    "tier": "micro",
    "followers": 40_000,
    "er": 0.03,
    "price_per_post_eur": 800.0,
    "country": "FR",
    "language": "fr",
    "niche": "beauty",
}


def _terms(fee: float = 0.0, product: float = 0.0, **extra) -> DealTerms:
    return DealTerms(
        fee_eur=fee, product_value_eur=product, platform="instagram", format="reel", **extra
    )


def _deal(plan: Plan, terms: DealTerms, year: int = 2026, iid: str = "INF0001", status="open"):
    deal = Deal(
        influencer_id=iid,
        rounds=[DealRound(side="brand", terms=terms)],
        created_at=dt.datetime(year, 3, 1, tzinfo=dt.UTC),
        status=status,
    )
    plan.relationship.deals = [*plan.relationship.deals, deal]
    return plan.relationship.deals[-1]


def _codes(flags):
    return [f.code for f in flags]


@pytest.mark.parametrize(
    "fee, product, required",
    [
        (999.99, 0.0, False),
        (1000.0, 0.0, True),
        (1000.01, 0.0, True),
        (900.0, 99.99, False),
        (900.0, 100.0, True),  # the gifted product counts (in-kind benefit)
    ],
)
def test_contract_flag_at_the_threshold(fee, product, required):
    """A written contract is required from 1 000 € HT of remuneration plus in-kind value."""
    plan = Plan()
    deal = _deal(plan, _terms(fee, product))
    flags = _codes(negotiation.legal_flags(plan, ROW, deal))
    assert ("contract_required" in flags) is required
    assert ("contract_not_required" in flags) is (not required)


@pytest.mark.parametrize(
    "other_year, other_iid, other_status, required",
    [
        (2026, "INF0001", "open", True),  # 600 + 600 the same year
        (2026, "INF0001", "accepted", True),
        (2025, "INF0001", "accepted", False),  # another year
        (2026, "INF0002", "open", False),  # another influencer
        (2026, "INF0001", "abandoned", False),  # an abandoned deal promises nothing
    ],
)
def test_contract_threshold_sums_deals_per_advertiser_per_year(
    other_year, other_iid, other_status, required
):
    """Two deals of 600 € HT with the same influencer in the same year need a contract."""
    plan = Plan()
    _deal(plan, _terms(600.0), year=other_year, iid=other_iid, status=other_status)
    deal = _deal(plan, _terms(600.0))
    assert negotiation.annual_contract_value(plan, ROW, deal) == pytest.approx(
        1200.0 if required else 600.0
    )
    assert ("contract_required" in _codes(negotiation.legal_flags(plan, ROW, deal))) is required


def test_contract_flag_lists_the_missing_clauses_until_all_are_ticked():
    """Above the threshold the flag lists the mandatory clauses not yet in the contract."""
    plan = Plan()
    deal = _deal(plan, _terms(1500.0))
    plan.compliance.contract_clauses = {"INF0001": ["identities", "missions"]}
    (flag,) = [f for f in negotiation.legal_flags(plan, ROW, deal) if f.code == "contract_required"]
    assert flag.level == "warning"
    assert "identities" not in flag.clauses_missing and "french_law" in flag.clauses_missing
    plan.compliance.contract_clauses = {"INF0001": list(compliance.CONTRACT_CLAUSES)}
    (flag,) = [f for f in negotiation.legal_flags(plan, ROW, deal) if f.code == "contract_required"]
    assert flag.level == "ok" and flag.clauses_missing == ()


@pytest.mark.parametrize(
    "fee, product, mention, expected",
    [
        (500.0, 0.0, "Collaboration commerciale", "mention_ok"),
        (0.0, 45.0, "Publicité", "mention_ok"),  # gifted only: still commercial
        (500.0, 0.0, "#sp", "mention_unclear_commercial_mention"),
        (500.0, 0.0, "", "mention_missing_commercial_mention"),
        (0.0, 0.0, "", None),  # neither paid nor gifted: no mention required
    ],
)
def test_commercial_mention_flag(fee, product, mention, expected):
    """Paid or gifted content needs a clear commercial mention; unpaid content does not."""
    plan = Plan()
    deal = _deal(plan, _terms(fee, product, disclosure=mention))
    mention_flags = [c for c in _codes(negotiation.legal_flags(plan, ROW, deal)) if "mention" in c]
    assert mention_flags == ([expected] if expected else [])


def test_sector_and_non_eu_flags():
    """Alcohol brings the sector's rules; an influencer based in Morocco needs an EU
    representative."""
    plan = Plan()
    plan.brief.product_category = "alcohol"
    deal = _deal(plan, _terms(300.0))
    flags = _codes(negotiation.legal_flags(plan, {**ROW, "country": "MA"}, deal))
    assert "sector_sector_regulated" in flags and "non_eu" in flags


def test_terms_are_valued_for_both_sides():
    """A 1 000 € fee with 3 months of usage rights (+25 %) and a 48 € product: the brand pays
    fee, rights, product and shipping; the influencer earns fee, rights and product."""
    terms = _terms(1000.0, 48.0, usage_rights="3_months", posts=2)
    worth = negotiation.value(Plan(), ROW, terms)
    assert worth.influencer_cash_eur == pytest.approx(1250.0)
    assert worth.influencer_earnings_eur == pytest.approx(1298.0)
    assert worth.brand_cost_eur == pytest.approx(1250.0 + 48.0 + negotiation.DEFAULT_SHIPPING_EUR)
    assert worth.contract_value_eur == pytest.approx(1298.0)
    assert worth.effort_hours == pytest.approx(2 * 6.0 + negotiation.DEAL_OVERHEAD_HOURS)
    assert worth.hourly_eur == pytest.approx(1298.0 / 14.0)
    assert worth.conversions > 0 and worth.cpm_eur > 0


@pytest.mark.parametrize(
    "fee, commission, product, code",
    [
        (500, 0, 0, "fixed_fee"),
        (500, 0.1, 0, "hybrid"),
        (0, 0.1, 0, "affiliate"),
        (0, 0, 40, "gifting"),
    ],
)
def test_terms_map_to_a_module6_model(fee, commission, product, code):
    """The terms become the remuneration model that describes them."""
    terms = _terms(fee, product, commission_rate=commission)
    assert negotiation.model_code(terms) == code


def test_rounds_alternate_and_a_closed_deal_takes_no_more():
    """The brand opens, the influencer counters; a closed deal refuses a new round."""
    plan = Plan()
    deal = _deal(plan, _terms(500.0))
    assert negotiation.next_side(deal) == "influencer"
    negotiation.add_round(deal, "influencer", _terms(700.0))
    assert negotiation.next_side(deal) == "brand"
    assert negotiation.current_terms(deal).fee_eur == 700.0
    with pytest.raises(UserError):
        negotiation.add_round(deal, "brand", _terms(600.0, posts=0))
    negotiation.abandon(deal)
    with pytest.raises(UserError):
        negotiation.add_round(deal, "brand", _terms(600.0))


def test_the_card_opens_above_its_walk_away_point():
    """The confidential card asks more than its walk-away point and names three motivations."""
    card = negotiation.card(ROW, "fr")
    assert card.ask_per_post_eur > card.walk_away_per_post_eur > 0
    assert len(card.motivations) == 3
    assert card.rate_card["reel"] == pytest.approx(800 * 1.2)
    assert negotiation.card(ROW, "fr") == card, (
        "the card is generated from the data, always the same"
    )


def test_an_offer_below_the_walk_away_point_scores_zero_for_the_influencer():
    """Under the walk-away point the influencer leaves: their side and the win-win score are 0."""
    plan = Plan()
    low = _deal(plan, _terms(100.0))
    score = negotiation.win_win(plan, ROW, low)
    assert score.walks_away and score.influencer == 0 and score.score == 0
    fair = _deal(plan, _terms(900.0), iid="INF0002")
    score = negotiation.win_win(plan, {**ROW, "influencer_id": "INF0002"}, fair)
    assert not score.walks_away and score.score > 0
    assert score.score == pytest.approx((score.brand * score.influencer) ** 0.5, abs=0.1)


def test_accepting_a_deal_feeds_remuneration_action_plan_and_budget():
    """The agreed terms become the model of module 6, the deliverables of module 4 and the
    budget lines of module 7; the influencer is at "agreed"."""
    plan = Plan.from_case(datasets.cases()[0])
    table = profiles.influencer_table(plan)
    row = table.iloc[5].to_dict()
    iid = row["influencer_id"]
    plan.add_to_shortlist(iid)
    deal = negotiation.open_deal(plan, row)
    counter = negotiation.current_terms(deal).model_copy(
        update={"fee_eur": 1500.0, "posts": 2, "usage_rights": "30_days"}
    )
    negotiation.add_round(deal, "influencer", counter)
    negotiation.accept(plan, deal, table, "fr")
    rem = remuneration.chosen(plan, iid)
    assert rem.kind == "fixed_fee" and rem.params["fee_eur"] == pytest.approx(750.0)
    assert rem.params["usage_rights"] == "30_days"
    (deliverable,) = plan.deliverables
    assert (deliverable.count, deliverable.compensation_eur_ht) == (2, 1500.0)
    fee_line = next(x for x in plan.budget_lines if x.category == "influencer_fee")
    assert fee_line.unit_cost_eur_ht == pytest.approx(1500.0)
    assert pipeline.relationship_of(plan, iid).stage == "agreed"
    assert deal.status == "accepted" and deal.accepted_at is not None


def test_the_card_secret_finds_its_deal_and_nothing_else(tmp_path):
    """The card's link finds its plan and deal by its secret alone (192 random bits); a
    wrong or malformed secret finds nothing."""
    store = PlanStore(f"sqlite:///{tmp_path / 'cards.sqlite3'}")
    plan = Plan()
    deal = _deal(plan, _terms(500.0))
    store.create(plan)
    store.create(Plan())
    assert len(deal.card_secret) >= 32
    found = negotiation.find_card(store, deal.card_secret)
    assert found is not None and found[1].deal_id == deal.deal_id
    other = deal.card_secret[:-1] + ("A" if deal.card_secret[-1] != "A" else "B")
    assert negotiation.find_card(store, other) is None
    assert negotiation.find_card(store, "%") is None
    assert negotiation.find_card(store, None) is None


def test_a_renewal_opens_a_second_deal_after_an_accepted_one():
    """After an accepted deal, a renewal opens a new negotiation and the talks start again;
    without asking for a renewal the accepted deal stays the one shown."""
    plan = Plan.from_case(datasets.cases()[0])
    table = profiles.influencer_table(plan)
    row = table.iloc[5].to_dict()
    first = negotiation.open_deal(plan, row)
    negotiation.accept(plan, first, table, "fr")
    assert negotiation.open_deal(plan, row) is first
    for stage in ("published", "paid"):
        pipeline.move(plan, row["influencer_id"], stage)
    second = negotiation.open_deal(plan, row, renewal=True)
    assert second.deal_id != first.deal_id and second.status == "open"
    assert pipeline.relationship_of(plan, row["influencer_id"]).stage == "in_talks"
    negotiation.accept(plan, second, table, "fr")
    assert pipeline.relationship_of(plan, row["influencer_id"]).level == "advocate"
    assert len(plan.deliverables) == 2, "the renewal adds its contents to the first ones"
    assert plan.deliverables[1].status == "planned"


def test_a_duplicated_plan_gets_new_card_secrets():
    """A copy of a plan does not share its negotiation cards' links with the original."""
    plan = Plan()
    deal = _deal(plan, _terms(500.0))
    copy = plan.duplicate(" (copie)")
    assert copy.relationship.deals[0].deal_id == deal.deal_id
    assert copy.relationship.deals[0].card_secret != deal.card_secret
