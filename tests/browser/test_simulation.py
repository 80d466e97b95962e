"""The trainee's own campaign in a real browser: two accounts shortlisted on the brand-fit page,
the campaign launched on the KPI page, and a dashboard that shows only those two, says the
results are simulated from the plan, and replays with another draw after a confirmation."""

import pytest
from playwright.sync_api import expect

from influkit.identify import profiles
from scripts.liveapp import wait_for_app

from ..helpers import no_error_on_screen, page_url, pick_option, start_first_case

pytestmark = pytest.mark.browser

TEXT = {
    "start": "Démarrer ce plan",
    "examine": "Compte à examiner",
    "add": "Ajouter à la shortlist",
    "empty": "Votre shortlist est vide",
    "launch": "Lancer la campagne (simulation)",
    "banner": "Résultats simulés à partir de votre plan le",
    "replay": "Rejouer avec un autre tirage",
    "confirm": "Remplacer les résultats actuels",
    "headline": "Les chiffres clés",
}


def test_a_trainee_simulates_the_campaign_of_their_own_shortlist(page, app_server, app_store):
    """A trainee shortlists two accounts, launches the campaign on the KPI page, and sees a
    dashboard of those two influencers only, under a banner saying the results are simulated
    from their plan; "replay" asks before replacing them and draws another campaign."""
    token = start_first_case(page, app_server)

    page.goto(page_url(app_server, "results", token))
    wait_for_app(page)
    expect(page.get_by_text(TEXT["empty"])).to_be_visible()
    expect(page.get_by_role("button", name=TEXT["launch"])).to_have_count(0)

    page.goto(page_url(app_server, "brand_fit", token))
    wait_for_app(page)
    for count in (1, 2):
        if count > 1:
            pick_option(page, TEXT["examine"], count - 1)
        page.get_by_role("button", name=TEXT["add"]).click()
        expect(page.get_by_text(f"Votre shortlist compte {count} compte(s).")).to_be_visible()
        wait_for_app(page)
    plan = app_store.load(token).plan
    shortlist = plan.shortlisted_ids()
    assert len(set(shortlist)) == 2
    handles = profiles.influencer_table(plan).set_index("influencer_id").loc[shortlist, "handle"]

    page.goto(page_url(app_server, "results", token))
    wait_for_app(page)
    page.get_by_role("button", name=TEXT["launch"]).click()
    banner = page.get_by_test_id("stAlert").filter(has_text=TEXT["banner"])
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("tirage n° 0")
    expect(banner).to_contain_text("2 influenceurs de votre shortlist")
    expect(page.get_by_role("heading", name=TEXT["headline"])).to_be_visible()
    no_error_on_screen(page)

    stored = app_store.load(token).plan
    assert stored.results_source == "simulation" and stored.results_seed == 0
    assert {r.influencer_id for r in stored.results} == set(shortlist)
    # The best and the weakest performer of two: both handles, and no one else's.
    main = page.get_by_test_id("stMain")
    for handle in handles:
        expect(main.get_by_text(handle, exact=False).first).to_be_visible()
    sample_handles = {"@louise.laurent", "@celia.dupont"} - set(handles)
    for handle in sample_handles:
        expect(main.get_by_text(handle)).to_have_count(0)

    first = [(r.post_ref, r.impressions) for r in stored.results]
    page.get_by_role("button", name=TEXT["replay"]).click()
    expect(page.get_by_role("button", name=TEXT["confirm"])).to_be_visible()
    page.get_by_role("button", name=TEXT["confirm"]).click()
    expect(banner).to_contain_text("tirage n° 1")
    no_error_on_screen(page)
    replayed = app_store.load(token).plan
    assert replayed.results_seed == 1
    assert {r.influencer_id for r in replayed.results} == set(shortlist)
    assert [(r.post_ref, r.impressions) for r in replayed.results] != first
