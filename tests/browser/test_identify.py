"""Module 2 in a real browser: filter the explorer, move a brand-fit weight, shortlist two
influencers, reload, and find them on “My plan”."""

import re

import pytest
from playwright.sync_api import expect

from influkit.data import datasets
from scripts.liveapp import wait_for_app

from ..helpers import saved_when, start_first_case

pytestmark = pytest.mark.browser


def test_filter_weight_shortlist_reload(page, app_server, app_store):
    """A trainee narrows the explorer to Instagram, adds the first account to the shortlist,
    raises the weight of the niche on the brand-fit page, adds its top account, reloads and
    finds both on “My plan”."""
    token = start_first_case(page, app_server)

    page.goto(f"{app_server}/explorateur?plan={token}&lang=fr")
    wait_for_app(page)
    count = page.get_by_text(re.compile(r"influenceurs sur 360 correspondent"))
    expect(count).to_contain_text("360 influenceurs sur 360")
    page.locator('[data-testid="stMultiSelect"]').filter(has_text="Plateformes").click()
    page.get_by_role("option", name="Instagram", exact=True).click()
    page.keyboard.press("Escape")
    wait_for_app(page)
    expect(count).not_to_contain_text("360 influenceurs sur 360")
    pick = page.get_by_role("combobox", name="Fiche de l'influenceur")
    pick.click()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    wait_for_app(page)
    page.get_by_role("button", name="Ajouter à la shortlist").click()
    expect(page.get_by_text("est dans votre shortlist")).to_be_visible()
    wait_for_app(page)
    (first,) = app_store.load(token).plan.shortlist

    page.goto(f"{app_server}/adequation-marque?plan={token}&lang=fr")
    wait_for_app(page)
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="Niche").get_by_role("slider")
    before = slider.get_attribute("aria-valuenow")
    slider.focus()
    page.keyboard.press("ArrowRight")
    wait_for_app(page)
    expect(slider).not_to_have_attribute("aria-valuenow", before)
    page.get_by_role("button", name="Ajouter à la shortlist").click()
    expect(page.get_by_text("ajouté(s) à la shortlist")).to_be_visible()
    wait_for_app(page)

    stored = app_store.load(token).plan
    assert len(stored.shortlist) == 2
    assert stored.settings.brand_fit_weights["niche"] != 3.0

    page.goto(f"{app_server}/mon-plan?plan={token}&lang=fr")
    wait_for_app(page)
    page.reload()
    wait_for_app(page)
    kept = page.locator('[data-testid="stMetric"]').filter(has_text="Influenceurs retenus")
    expect(kept).to_contain_text("2")
    expect(page.get_by_text("Aucun influenceur dans la shortlist")).to_have_count(0)
    expect(page.get_by_text("Modifier la shortlist")).to_be_visible()
    influencers = datasets.load("influencers").set_index("influencer_id")
    assert stored.shortlist[0].influencer_id == first.influencer_id
    assert influencers.loc[first.influencer_id, "platform"] == "instagram"
    assert stored.shortlist[1].influencer_id != first.influencer_id


def _table_box(page, column: int, row: int) -> tuple[float, float]:
    """The centre of a box of the explorer's table: the card (70 px) then the shortlist
    (100 px) columns, 35-pixel rows under the header."""
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    return box["x"] + (35 if column == 0 else 120), box["y"] + 35 * (row + 1) + 17


def _handle_on_row(page, row: int) -> str:
    """The handle shown on a row of the explorer's table (read from its accessible copy)."""
    cells = page.locator('[data-testid="stDataFrame"] table tr').nth(row + 1).locator("td")
    return cells.nth(2).inner_text().strip()


def _shortlist_becomes(app_store, token: str, expected: list[str]) -> None:
    """Wait until the saved plan's shortlist is ``expected``."""
    plan = saved_when(app_store, token, lambda plan: plan.shortlisted_ids() == expected)
    assert plan.shortlisted_ids() == expected


def test_shortlist_box_in_the_table_adds_and_removes(page, app_server, app_store):
    """A trainee ticks “Shortlist” on two rows of the explorer's table, unticks the first,
    and finds the second alone on “My plan”."""
    token = start_first_case(page, app_server)
    page.goto(f"{app_server}/explorateur?plan={token}&lang=fr")
    wait_for_app(page)
    ids = datasets.load("influencers").set_index("handle")["influencer_id"]
    first, second = (ids[_handle_on_row(page, row)] for row in (0, 1))

    page.mouse.click(*_table_box(page, 1, 0))
    _shortlist_becomes(app_store, token, [first])
    expect(page.get_by_text("est dans la shortlist")).to_be_visible()
    wait_for_app(page)
    page.mouse.click(*_table_box(page, 1, 1))
    _shortlist_becomes(app_store, token, [first, second])
    wait_for_app(page)
    page.mouse.click(*_table_box(page, 1, 0))
    _shortlist_becomes(app_store, token, [second])
    expect(page.get_by_text("est retiré·e de la shortlist")).to_be_visible()
    wait_for_app(page)

    page.goto(f"{app_server}/mon-plan?plan={token}&lang=fr")
    wait_for_app(page)
    page.reload()
    wait_for_app(page)
    kept = page.locator('[data-testid="stMetric"]').filter(has_text="Influenceurs retenus")
    expect(kept).to_contain_text("1")
    handle = datasets.load("influencers").set_index("influencer_id").loc[second, "handle"]
    tables = page.locator('[data-testid="stDataFrame"] table')
    expect(tables.filter(has_text=handle).first).to_be_attached()
