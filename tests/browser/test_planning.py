"""The planning pages in a real browser: a trainee starts a plan from a case, puts two
influencers on it, generates the retro-planning, lengthens a task in the table, sees the plan
start earlier, reloads and finds the change."""

import re

import pytest
from playwright.sync_api import expect

from scripts.liveapp import wait_for_app
from ui import navigation

from ..helpers import start_first_case

pytestmark = pytest.mark.browser

TEXT = {
    "start": "Démarrer ce plan",
    "quick_add": "Ajouter un influenceur à la shortlist depuis cette page",
    "pick": "Influenceur à ajouter",
    "add": "Ajouter à la shortlist",
    "added": "a rejoint la shortlist",
    "suggested": "Ajouter le livrable proposé",
    "generate": "Générer le rétroplanning",
    "first_day": "Premier jour",
    "deliverables": "Livrables",
    "duration_unit": "Unité de durée",
}


def _url_path(page_file: str) -> str:
    """The page's address in the menu."""
    return next(spec.url_path for spec in navigation.all_pages() if spec.file == page_file)


def _add_influencer(page, nth: int) -> None:
    """Pick the nth profile offered on the action plan and put it on the shortlist."""
    details = page.locator("details").filter(has_text=TEXT["quick_add"])
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    add = page.get_by_role("button", name=TEXT["add"])
    option = page.get_by_role("option").nth(nth)
    # The dropdown can miss a click while the page redraws: try the pick again then.
    for _ in range(3):
        page.get_by_role("combobox", name=TEXT["pick"]).click()
        try:
            expect(option).to_be_visible(timeout=3_000)
            option.click()
            wait_for_app(page)
            expect(add).to_be_enabled(timeout=3_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
            wait_for_app(page)
    add.click()
    wait_for_app(page)
    expect(page.get_by_text(TEXT["added"])).to_be_visible()


def _first_day(page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text=TEXT["first_day"]).first
    return re.search(r"\d{2}/\d{2}/\d{4}", metric.inner_text()).group(0)


def _edit_first_duration(page, value: str) -> None:
    """Select the first task's name cell, step right to its duration, type the new value."""
    grid = page.get_by_test_id("stDataFrame").filter(has_text=TEXT["duration_unit"]).first
    editor = page.locator("input.gdg-input")
    for _ in range(3):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        # Header row and rows are 35 px high; the 320 px name column follows the row markers.
        page.mouse.click(box["x"] + 40 + 160, box["y"] + 35 + 17)
        page.keyboard.press("ArrowRight")
        # Enter opens the cell's editor, an input laid over the grid.
        page.keyboard.press("Enter")
        try:
            expect(editor).to_be_focused(timeout=3_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
            wait_for_app(page)
    editor.fill(value)
    editor.press("Enter")
    wait_for_app(page)


def test_generate_edit_a_duration_and_find_it_after_a_reload(page, app_server):
    """Two influencers on the plan, the retro-planning generated, discovery lengthened to
    15 working days: the first day moves earlier, and stays so after a reload."""
    actions_path = _url_path("actions")
    retro_path = _url_path("retroplanning")
    token = start_first_case(page, app_server)

    page.goto(f"{app_server}/{actions_path}?plan={token}&lang=fr")
    wait_for_app(page)
    _add_influencer(page, 0)
    _add_influencer(page, 2)
    suggested = page.get_by_role("button", name=re.compile(TEXT["suggested"]))
    expect(suggested).to_have_count(2)
    deliverables = (
        page.get_by_test_id("stMetric").filter(
            has=page.get_by_text(TEXT["deliverables"], exact=True)
        )
    ).first
    for influencer in range(2):
        suggested.nth(influencer).click()
        wait_for_app(page)
        expect(deliverables).to_contain_text(str(influencer + 1))

    page.goto(f"{app_server}/{retro_path}?plan={token}&lang=fr")
    wait_for_app(page)
    page.get_by_role("button", name=TEXT["generate"]).click()
    wait_for_app(page)
    expect(page.get_by_test_id("stMetric").filter(has_text=TEXT["first_day"]).first).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(1)
    before = _first_day(page)

    _edit_first_duration(page, "15")
    first_day = page.get_by_test_id("stMetric").filter(has_text=TEXT["first_day"]).first
    expect(first_day).not_to_contain_text(before)
    after = _first_day(page)
    day, month, year = (int(x) for x in after.split("/"))
    old_day, old_month, old_year = (int(x) for x in before.split("/"))
    assert (year, month, day) < (old_year, old_month, old_day)

    page.reload()
    wait_for_app(page)
    assert token in page.url
    assert _first_day(page) == after
