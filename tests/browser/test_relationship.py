"""Module 3 in a real browser: a trainee shortlists two accounts, contacts both, negotiates
with the second over two rounds, sees that a written contract is required, accepts the deal
and finds it on the remuneration, action-plan and budget pages; the card's own link shows the
card alone."""

import re

import pytest
from playwright.sync_api import expect

from influkit.campaign import forecast
from influkit.text import formats as formatting
from influkit.text import i18n
from scripts.liveapp import wait_for_app
from ui import navigation

from ..helpers import no_error_on_screen, pick_option, saved_when, start_first_case

pytestmark = pytest.mark.browser

TEXT = {
    "examine": "Compte à examiner",
    "add": "Ajouter à la shortlist",
    "who": "Influenceur",
    "save_message": "Enregistrer ce message",
    # Anchored: "Aucun message enregistré pour cet influenceur." contains the same words.
    "saved": re.compile(r"^Message enregistré pour "),
    "open": "Ouvrir la négociation avec l'offre de la marque",
    "fee": "Rémunération totale (€ HT)",
    "submit": "Mettre cette offre sur la table",
    "round_saved": "Tour 2 enregistré.",
    "contract": "Contrat écrit obligatoire",
    "accept": "Accepter l'accord",
    "accepted": "Accord conclu avec",
}


def _no_error(page) -> None:
    no_error_on_screen(page)
    expect(page.get_by_text("Pas enregistré")).to_have_count(0)


def _menu(page, page_file: str) -> None:
    """Go to a page through the menu, as a trainee does (the same session, no reload)."""
    spec = next(spec for spec in navigation.all_pages() if spec.file == page_file)
    title = i18n.t(spec.title_key, "fr")
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=title, exact=True).click()
    expect(page).to_have_url(re.compile(rf".*/{spec.url_path}\?.*"))
    wait_for_app(page)
    expect(page.get_by_role("heading", name=title).first).to_be_visible()


def test_contact_two_negotiate_one_and_find_the_deal_downstream(page, app_server, app_store):
    """Two influencers contacted, one deal over two rounds with the contract flag, accepted,
    then visible as a remuneration model, an action-plan deliverable and a budget line."""
    token = start_first_case(page, app_server)

    _menu(page, "brand_fit")
    for count in (1, 2):
        if count > 1:
            pick_option(page, TEXT["examine"], count - 1)
        page.get_by_role("button", name=TEXT["add"]).click()
        expect(page.get_by_text(f"Votre shortlist compte {count} compte(s).")).to_be_visible()
        wait_for_app(page)
    first, second = saved_when(app_store, token, lambda p: len(p.shortlist) == 2).shortlisted_ids()

    # --- contact both ----------------------------------------------------------------------
    _menu(page, "relationship_outreach")
    for nth in (0, 1):
        if nth:
            pick_option(page, TEXT["who"], 1)
        # The chosen influencer is drawn, not yet contacted, before the message is saved.
        expect(page.get_by_text(re.compile(r"^Étape : À contacter"))).to_be_visible()
        page.get_by_role("button", name=TEXT["save_message"]).click()
        expect(page.get_by_text(TEXT["saved"])).to_be_visible()
        wait_for_app(page)
    _no_error(page)
    expected = [(first, "contacted", 1), (second, "contacted", 1)]

    def _contacts(plan):
        return [(r.influencer_id, r.stage, len(r.messages)) for r in plan.relationship.influencers]

    stored = saved_when(app_store, token, lambda plan: _contacts(plan) == expected)
    assert _contacts(stored) == expected

    # --- negotiate with the second over two rounds -----------------------------------------
    _menu(page, "relationship_negotiation")
    pick_option(page, TEXT["who"], 1)
    page.get_by_role("button", name=TEXT["open"]).click()
    wait_for_app(page)
    fee = page.get_by_role("textbox", name=TEXT["fee"])
    fee.fill("1 500")
    fee.press("Enter")
    wait_for_app(page)
    expect(fee).to_have_value(re.compile(r"1\s500"))
    # The server has read the new fee once the offer's preview counts it.
    expect(page.get_by_text(re.compile(r"Cette offre : coût marque 1\s5\d\d"))).to_be_visible()
    page.get_by_role("button", name=TEXT["submit"]).click()
    expect(page.get_by_text(TEXT["round_saved"])).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_text(TEXT["contract"])).to_be_visible()
    sheet = page.get_by_test_id("stDataFrame").first
    expect(sheet).to_contain_text("Influenceur")
    _no_error(page)
    page.get_by_role("button", name=TEXT["accept"]).click()
    expect(page.get_by_text(TEXT["accepted"]).first).to_be_visible()
    wait_for_app(page)
    _no_error(page)

    stored = saved_when(app_store, token, lambda plan: bool(plan.remunerations))
    (deal,) = stored.relationship.deals
    assert [r.side for r in deal.rounds] == ["brand", "influencer"]
    assert deal.rounds[-1].terms.fee_eur == pytest.approx(1500)
    assert deal.status == "accepted"
    (rem,) = stored.remunerations
    assert rem.influencer_id == second
    assert [d.influencer_id for d in stored.deliverables] == [second]
    assert stored.deliverables[0].compensation_eur_ht == pytest.approx(1500)

    # --- find the deal on the remuneration, action-plan and budget pages ------------------
    _menu(page, "remuneration")
    expect(page.get_by_test_id("stDataFrame").last).to_contain_text("Forfait par contenu")
    _no_error(page)
    _menu(page, "actions")
    # The agreed deliverable is planned at the deal's cost to the brand, as the forecast counts
    # it (the fee plus what the deal sends), the same figure as on every page.
    per_influencer = forecast.forecast(stored).by_influencer().set_index("influencer_id")
    planned = formatting.fmt_amount(per_influencer.loc[second, "cost"], "fr")
    agreed = page.get_by_test_id("stDataFrame").filter(has_text="Coût prévu").first
    expect(agreed).to_contain_text(planned)
    _no_error(page)
    _menu(page, "budget")
    synced = page.get_by_test_id("stDataFrame").filter(has_text="Libellé").first
    expect(synced).to_contain_text("Rémunération de")
    expect(synced).to_contain_text(re.compile(r"1\s500"))
    _no_error(page)

    # --- the card's own link shows the card and nothing else ------------------------------
    page.goto(f"{app_server}/?card={deal.card_secret}&lang=fr")
    wait_for_app(page)
    expect(page.get_by_role("heading", name=re.compile("Fiche confidentielle"))).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    expect(page.get_by_text(stored.brief.brand)).to_have_count(0)
    assert token not in page.content()
