"""Modules 6 and 7 in a real browser: a trainee shortlists three accounts, picks a remuneration
model for one, runs the budget optimiser, imports a results file with broken rows and sees the
dashboard with the valid rows while the broken ones are reported."""

import re

import pytest
from playwright.sync_api import expect

from influkit.campaign.compensation import simulator as remuneration
from scripts.liveapp import wait_for_app

from ..helpers import (
    DATA,
    metric_card,
    no_error_on_screen,
    open_select,
    page_url,
    pick_option,
    start_first_case,
)

pytestmark = pytest.mark.browser

RESULTS_FILE = DATA / "results" / "resultats_campagne_casses.csv"

TEXT = {
    "start": "Démarrer ce plan",
    "examine": "Compte à examiner",
    "add": "Ajouter à la shortlist",
    "simulated": "Influenceur à simuler",
    "commission": "Taux de commission (%)",
    "pick_model": "Modèle retenu pour cet influenceur",
    "affiliate": "Commission d'affiliation",
    "choose": "Choisir ce modèle",
    "chosen": "« Commission d'affiliation » retenu pour",
    "run": "Lancer l'optimiseur",
    "chosen_count": "Influenceurs choisis",
    "total_cost": "Coût total (HT)",
    "import": "Importer vos propres résultats (CSV ou Excel)",
    "counts": "3 lignes valides, 3 lignes à corriger.",
    "import_button": "Importer 3 lignes",
    "imported": "3 publications importées.",
    "unmatched": "ne correspondent à aucun influenceur connu",
    "headline": "Les chiffres clés",
}


def test_remuneration_optimiser_and_results_with_broken_rows(page, app_server, app_store):
    """A trainee shortlists three accounts on the brand-fit page, pays the second one by
    commission at 15 %, runs the optimiser, imports a results file with three broken rows out
    of six, and sees the key figures of the three valid rows while the broken ones are listed."""
    token = start_first_case(page, app_server)

    # --- shortlist three accounts from the brand-fit ranking --------------------------------
    page.goto(page_url(app_server, "brand_fit", token))
    wait_for_app(page)
    for count in (1, 2, 3):
        if count > 1:
            pick_option(page, TEXT["examine"], count - 1)
        page.get_by_role("button", name=TEXT["add"]).click()
        expect(page.get_by_text(f"Votre shortlist compte {count} compte(s).")).to_be_visible()
        wait_for_app(page)
    shortlist = [e.influencer_id for e in app_store.load(token).plan.shortlist]
    assert len(set(shortlist)) == 3

    # --- pay the second one by commission ------------------------------------------------------
    page.goto(page_url(app_server, "remuneration", token))
    wait_for_app(page)
    pick_option(page, TEXT["simulated"], 1)
    # The affiliate box comes before the hybrid one, which asks for a commission rate too.
    rate = page.get_by_role("textbox", name=TEXT["commission"]).first
    rate.fill("15")
    rate.press("Enter")
    wait_for_app(page)
    expect(rate).to_have_value("15\u00a0%")
    open_select(page, TEXT["pick_model"])
    page.get_by_role("option", name=TEXT["affiliate"], exact=True).click()
    wait_for_app(page)
    expect(page.get_by_text(f"Pour le modèle « {TEXT['affiliate']} »")).to_be_visible()
    wait_for_app(page)
    page.get_by_role("button", name=TEXT["choose"]).click()
    expect(page.get_by_text(TEXT["chosen"])).to_be_visible()
    wait_for_app(page)
    no_error_on_screen(page)

    stored = app_store.load(token).plan
    paid = shortlist[1]
    (rem,) = stored.remunerations
    assert rem.influencer_id == paid
    assert rem.kind == "affiliate"
    assert rem.params["commission_rate"] == pytest.approx(0.15)
    fees = [x for x in stored.budget_lines if x.category == "influencer_fee"]
    assert [x.influencer_id for x in fees] == [paid]
    assert remuneration.is_synced(fees[0])

    # --- run the optimiser on the shortlist ----------------------------------------------------
    page.goto(page_url(app_server, "budget", token))
    wait_for_app(page)
    synced = page.get_by_test_id("stDataFrame").filter(has_text="Libellé").first
    expect(synced).to_contain_text("Rémunération de")
    page.get_by_role("button", name=TEXT["run"]).click()
    count_card = metric_card(page, TEXT["chosen_count"])
    expect(count_card).to_be_visible()
    wait_for_app(page)
    expect(count_card).to_contain_text(re.compile(r"[1-3]"))
    expect(metric_card(page, TEXT["total_cost"])).to_contain_text("€")
    expect(page.get_by_test_id("stAlertContentSuccess").first).to_be_visible()
    no_error_on_screen(page)
    assert app_store.load(token).plan.settings.optimizer["ran"] is True

    # --- import a results file with broken rows ------------------------------------------------
    page.goto(page_url(app_server, "results", token))
    wait_for_app(page)
    expect(page.get_by_text(TEXT["headline"], exact=True)).to_have_count(0)
    expander = page.locator("details").filter(has_text=TEXT["import"])
    expander.locator("summary").click()
    expander.locator('input[type="file"]').set_input_files(str(RESULTS_FILE))
    expect(page.get_by_text(TEXT["counts"])).to_be_visible()
    wait_for_app(page)
    problems = expander.get_by_test_id("stDataFrame")
    expect(problems).to_be_visible()
    expect(problems).to_contain_text("Problème")
    page.get_by_role("button", name=TEXT["import_button"]).click()
    expect(page.get_by_text(TEXT["imported"])).to_be_visible()
    wait_for_app(page)
    expect(page.get_by_text(TEXT["unmatched"])).to_contain_text("@inconnue.du.bataillon")
    expect(page.get_by_role("heading", name=TEXT["headline"])).to_be_visible()
    expect(
        page.get_by_text(
            re.compile(r"Résultats importés depuis votre fichier le [\d/]+ : 3 publications de 3 ")
        )
    ).to_be_visible()
    # 6 163 + 51,7 k + 12 000 impressions; 9 + 98 + 3 conversions; 150 + 150 + 200 € spent.
    expect(metric_card(page, "Impressions")).to_contain_text(re.compile(r"69\s863"))
    expect(metric_card(page, "Conversions")).to_contain_text("110")
    expect(page.get_by_text(re.compile(r"Dépense mesurée : 500\s€ HT"))).to_be_visible()
    no_error_on_screen(page)

    results = app_store.load(token).plan.results
    assert sorted(r.post_ref for r in results) == ["P-001", "P-002", "P-003"]
    assert sum(r.impressions for r in results) == pytest.approx(69_863)
    assert sum(r.revenue_eur for r in results) == pytest.approx(5_348.31)
