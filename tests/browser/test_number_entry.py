"""French number entry in a real browser: a trainee types 4,2 in the conversion rate the French
way, the expected sales and revenue follow (not ×10), and after a reload the field reads 4,2 %."""

import re

import pytest
from playwright.sync_api import expect

from influkit.campaign import forecast
from influkit.text import i18n
from scripts.liveapp import wait_for_app

from ..helpers import metric_card, page_url, start_first_case

pytestmark = pytest.mark.browser

RATE = i18n.t("forecast.assumption.conversion_rate", "fr")
PANEL = i18n.t("forecast.panel_title", "fr")
SALES = i18n.t("remuneration.expected.conversions", "fr")
REVENUE = i18n.t("remuneration.expected.revenue_eur", "fr")


def _metric_value(page, label: str):
    """The value of the metric card named ``label``."""
    return metric_card(page, label).get_by_test_id("stMetricValue")


def _metric_number(page, label: str) -> float:
    """The number a metric card shows (``2 596 €`` reads 2596)."""
    text = _metric_value(page, label).inner_text()
    return float(re.sub(r"[^\d,]", "", text).replace(",", "."))


def _open_assumptions(page) -> None:
    """Unfold the plan's assumptions panel (its title grows a count once one is edited)."""
    panel = page.locator("details").filter(has_text=PANEL).first
    if panel.get_attribute("open") is None:
        panel.locator("summary").click()
    expect(panel.get_by_role("textbox", name=RATE)).to_be_visible()


def test_typing_a_french_rate_updates_sales_and_survives_a_reload(page, app_server, app_store):
    """Typing 4,2 in “Taux de conversion” stores 4,2 %, sales and revenue grow by 4,2 / the
    case's rate (not ten times more), and the reloaded page shows 4,2 %."""
    token = start_first_case(page, app_server)
    case_rate = forecast.assumptions_in_force(app_store.load(token).plan).conversion_rate

    page.goto(page_url(app_server, "remuneration", token))
    wait_for_app(page)
    _open_assumptions(page)
    field = page.get_by_role("textbox", name=RATE)
    expect(field).to_have_value(re.compile(r"^\d+(,\d+)?\u00a0%$"))
    sales_text = _metric_value(page, SALES).inner_text()
    sales_before = _metric_number(page, SALES)
    revenue_before = _metric_number(page, REVENUE)

    field.click()
    field.press("Control+A")
    field.press_sequentially("4,2")
    field.press("Enter")
    wait_for_app(page)
    expect(field).to_have_value("4,2\u00a0%")
    # The page reruns once the rate is stored: wait for the figures drawn with it.
    expect(_metric_value(page, SALES)).not_to_have_text(sales_text)
    wait_for_app(page)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    assert app_store.load(token).plan.settings.assumptions.conversion_rate == pytest.approx(0.042)

    factor = 0.042 / case_rate
    sales_after = _metric_number(page, SALES)
    revenue_after = _metric_number(page, REVENUE)
    assert sales_after == pytest.approx(sales_before * factor, abs=1.5)
    assert revenue_after == pytest.approx(revenue_before * factor, rel=0.02, abs=60)
    assert sales_after < sales_before * 5, "4,2 was not read as 42"

    page.reload()
    wait_for_app(page)
    _open_assumptions(page)
    expect(page.get_by_role("textbox", name=RATE)).to_have_value("4,2\u00a0%")
    assert _metric_number(page, SALES) == sales_after
