"""Text a user or a file wrote is shown as text, never as markup: a Markdown image in a plan, an
imported name or a ``?plan=`` code makes no viewer's browser fetch anything."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from influkit.data import datasets
from influkit.plan.model import (
    BudgetLine,
    ChannelPlan,
    Deliverable,
    EditorialItem,
    ImportedInfluencer,
    Objective,
    Plan,
    ResultRow,
    Task,
)
from influkit.plan.storage import get_store
from ui.navigation import all_pages
from ui.text import plain

from ..helpers import assert_clean, run_page

PAYLOAD = "![p](http://attacker.invalid/p.png) **gras** <img src=x> :red[rouge] $x^2$"
#: The payload's pieces as Markdown would interpret them (not preceded by an escaping backslash).
RAW_MARKERS = re.compile(
    r"(?<!\\)!\[p|(?<!\\)\*\*gras|(?<!\\)<img|(?<!\\):red\[rouge|(?<!\\)\$x\^2"
)
PAGES = [spec.file for spec in all_pages()]


def hostile_plan() -> Plan:
    """A plan whose every text a trainee or a file can write holds the payload."""
    plan = Plan.from_case(datasets.cases()[0], "fr")
    plan.title = PAYLOAD
    brief = plan.brief
    brief.brand = brief.product = brief.context = brief.constraints = brief.notes = PAYLOAD
    brief.target_audience.description = PAYLOAD
    plan.client_learnings = PAYLOAD
    imported = ImportedInfluencer(
        influencer_id="IMP-0000000001",
        handle="@" + PAYLOAD,
        display_name=PAYLOAD,
        platform="instagram",
        city=PAYLOAD,
        source_file=PAYLOAD + ".csv",
        followers=12_000,
        engagement_rate=0.03,
        price_per_post_eur=300,
    )
    plan.imported_influencers = [imported]
    sample = datasets.load("influencers")["influencer_id"].iloc[0]
    plan.add_to_shortlist(imported.influencer_id, note=PAYLOAD)
    plan.add_to_shortlist(sample, note=PAYLOAD)
    plan.objectives = [
        Objective(kpi="reach", audience=PAYLOAD, offer=PAYLOAD, note=PAYLOAD, target=1000)
    ]
    plan.deliverables = [
        Deliverable(
            influencer_id=imported.influencer_id,
            platform="instagram",
            format=PAYLOAD,
            note=PAYLOAD,
            window_start=dt.date(2027, 3, 1),
            window_end=dt.date(2027, 3, 5),
        )
    ]
    plan.tasks = [Task(name=PAYLOAD, phase="preparation", owner=PAYLOAD)]
    plan.budget_lines = [BudgetLine(label=PAYLOAD, note=PAYLOAD, unit_cost_eur_ht=100)]
    plan.results = [
        ResultRow(
            post_ref=PAYLOAD,
            influencer_id=imported.influencer_id,
            platform="instagram",
            impressions=1000,
            cost_eur_ht=100,
        )
    ]
    plan.communication.key_messages = [PAYLOAD]
    plan.communication.storytelling.promise = PAYLOAD
    plan.communication.channels = [
        ChannelPlan(influencer_id=imported.influencer_id, key_message=PAYLOAD)
    ]
    plan.communication.editorial_calendar = [
        EditorialItem(influencer_id=imported.influencer_id, message=PAYLOAD)
    ]
    plan.notes = {"general": PAYLOAD}
    return plan


def rendered_texts(at) -> list[str]:
    """Every text the page sends through Markdown: bodies, alerts, titles and labels."""
    texts: list[str] = []
    for kind in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "info",
        "warning",
        "error",
        "success",
    ):
        texts.extend(str(element.value) for element in getattr(at, kind))
    for kind in ("button", "expander", "metric", "tabs", "checkbox", "toggle", "radio"):
        texts.extend(str(getattr(element, "label", "")) for element in getattr(at, kind))
    texts.extend(str(element.label) for element in at.get("page_link") if hasattr(element, "label"))
    return texts


@pytest.mark.parametrize("page", PAGES)
def test_user_text_is_never_rendered_as_markup(page):
    """On every page, a Markdown image, bold text, HTML or a colour directive written in the
    plan or in an imported file is shown as typed, never interpreted."""
    token = get_store().create(hostile_plan())
    at = run_page(page, lang="fr", token=token)
    assert_clean(at)
    leaks = [text for text in rendered_texts(at) if RAW_MARKERS.search(text)]
    assert leaks == [], leaks


def test_a_plan_code_in_the_address_is_shown_as_text():
    """A made-up ``?plan=`` value is quoted in the message as text, not rendered."""
    at = run_page(lang="fr", token=PAYLOAD)
    assert_clean(at)
    leaks = [text for text in rendered_texts(at) if RAW_MARKERS.search(text)]
    assert leaks == []


@pytest.mark.parametrize(
    "text, shown",
    [
        ("![p](http://x)", "\\!\\[p\\]\\(http\\://x\\)"),
        ("**gras**", "\\*\\*gras\\*\\*"),
        ("<img src=x>", "\\<img src\\=x\\>"),
        (":red[rouge]", "\\:red\\[rouge\\]"),
        ("1 234,50 €", "1 234,50 €"),
        (None, ""),
    ],
)
def test_plain_escapes_markdown(text, shown):
    """The escape helper makes Markdown show text exactly as typed."""
    assert plain(text) == shown
