"""The real app in headless Chromium: start a plan, edit it, reload, find it; bad uploads."""

import re

import pytest
from playwright.sync_api import expect

from scripts.liveapp import wait_for_app

from ..helpers import start_first_case

pytestmark = pytest.mark.browser


def test_home_then_switch_language(page, app_server):
    """The home page opens in French; choosing English in the sidebar turns it to English."""
    page.goto(app_server)
    wait_for_app(page)
    assert page.get_by_role("heading", name="L'impact des influenceurs — Marketing d'influence")
    page.get_by_text("English", exact=True).click()
    wait_for_app(page)
    page.get_by_role("heading", name="The impact of influencers — Influencer marketing").wait_for()
    assert "lang=en" in page.url


def test_start_edit_reload_and_find_the_edit(page, app_server):
    """A trainee starts a plan from a case, edits the brief, reloads and finds the edit there."""
    token = start_first_case(page, app_server)
    expect(page).to_have_url(re.compile(r".*/mon-plan\?.*plan="))
    brand = page.get_by_role("textbox", name="Marque", exact=True)
    brand.fill("Maison Test Rechargée")
    brand.press("Enter")
    wait_for_app(page)
    page.locator("[data-testid=stSidebar]").get_by_text("Enregistré automatiquement").wait_for()
    page.reload()
    wait_for_app(page)
    assert token in page.url
    expect(page.get_by_role("textbox", name="Marque", exact=True)).to_have_value(
        "Maison Test Rechargée"
    )
    # A fresh tab with only the link finds the plan too (a bookmark).
    other = page.context.new_page()
    other.goto(f"{app_server}/mon-plan?plan={token}&lang=en")
    wait_for_app(other)
    expect(other.get_by_role("textbox", name="Brand", exact=True)).to_have_value(
        "Maison Test Rechargée"
    )
    other.close()


def test_a_broken_json_upload_is_refused_and_the_plan_is_intact(page, app_server, tmp_path):
    """Uploading a broken plan file shows a clear error and leaves the current plan untouched."""
    start_first_case(page, app_server)
    brand_box = page.get_by_role("textbox", name="Marque", exact=True)
    expect(brand_box).not_to_have_value("")
    brand_before = brand_box.input_value()
    broken = tmp_path / "plan-casse.json"
    broken.write_text('{"brief": {"brand": "Pirate", "budget_eur_ht": ', encoding="utf-8")
    page.locator('input[type="file"]').set_input_files(str(broken))
    wait_for_app(page)
    error = page.get_by_text("Fichier refusé")
    error.wait_for()
    assert "n'a pas été modifié" in error.inner_text()
    page.reload()
    wait_for_app(page)
    expect(page.get_by_role("textbox", name="Marque", exact=True)).to_have_value(brand_before)
