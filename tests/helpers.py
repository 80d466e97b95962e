"""What the tests share, in one place: where things are, tools that may be missing, plans to start
from, the app run through AppTest the way a browser link opens it, widgets found by their label,
and the few moves a browser test makes on every flow (start a case, open a page, pick an option).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from influkit.data import datasets
from influkit.identify import profiles
from influkit.operations.schedule import scheduler
from influkit.plan.model import (
    SHORTLIST_ROLES,
    BudgetLine,
    Deliverable,
    KpiTarget,
    Objective,
    Plan,
    ResultRow,
    Task,
)
from influkit.plan.storage import get_store
from influkit.text import i18n

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"  # files the tests upload: import lists, results, hostile files
APP = str(ROOT / "app.py")
LANGS = ("fr", "en")
RAW_KEY = re.compile(r"\b[a-z_]+(?:\.[a-z0-9_]+)+\b")
STRICT = os.environ.get("INFLUKIT_STRICT") == "1"


# --- tools that may be missing ---------------------------------------------------------------


def missing_tool(what: str) -> None:
    """Skip a test whose tool is missing — or fail it in strict mode (CI)."""
    if STRICT:
        pytest.fail(f"{what} is required when INFLUKIT_STRICT=1", pytrace=False)
    pytest.skip(f"{what} is not installed")


def soffice_path() -> str | None:
    """LibreOffice's command, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


# LibreOffice recomputes every formula when it opens a workbook, as Excel does.
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load">
<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice_convert(
    files: Sequence[Path], to: str, outdir: Path, *, timeout: float = 300
) -> None:
    """Convert ``files`` to the ``to`` format in ``outdir``, in one headless LibreOffice call
    with a fresh profile that recomputes every formula on load. Without LibreOffice the test is
    skipped (failed in strict mode)."""
    soffice = soffice_path()
    if soffice is None:
        missing_tool("LibreOffice")
    profile = outdir.parent / f"{outdir.name}-profile"
    (profile / "user").mkdir(parents=True, exist_ok=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS)
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", to, "--outdir", str(outdir), *map(str, files)],
        check=True, capture_output=True, timeout=timeout,
    )  # fmt: skip


# --- plans to start from ---------------------------------------------------------------------


def new_plan_token(case_index: int = 0, lang: str = "fr") -> str:
    """Store a plan started from a case study and return its token."""
    plan = Plan.from_case(datasets.cases()[case_index], lang)
    return get_store().create(plan)


def shortlisted_token(lang: str, ids: Iterable[str], case_id: str | None = None) -> str:
    """Store a plan started from a case (the first one by default) with ``ids`` on its
    shortlist, and return its token."""
    case = datasets.case(case_id) if case_id else datasets.cases()[0]
    plan = Plan.from_case(case, lang)
    for influencer_id in ids:
        plan.add_to_shortlist(influencer_id)
    return get_store().create(plan)


def store_plan(plan: Plan) -> str:
    """Save a new plan and return its token."""
    return get_store().create(plan)


def stored_plan(token: str) -> Plan:
    """The plan as saved in the store: what a reload would show."""
    return get_store().load(token).plan


def stored_record(token: str) -> Any:
    """The plan as saved, with its revision (``.plan``, ``.revision``)."""
    return get_store().load(token)


def rich_plan(case: dict, lang: str = "fr", n_influencers: int = 4) -> Plan:
    """A plan from a case with everything filled: shortlist, objectives, tasks, budget, results."""
    plan = Plan.from_case(case, lang)
    table = profiles.influencer_table(plan)
    fit = table[table["platform"].isin(case["platforms"]) & table["niche"].isin(case["niches"])]
    picked = (fit if len(fit) >= n_influencers else table).head(n_influencers)
    launch = plan.brief.launch_date
    for i, row in enumerate(picked.itertuples()):
        plan.add_to_shortlist(row.influencer_id, SHORTLIST_ROLES[i % 5], f"Profil {i + 1}")
    plan.objectives = [
        Objective(
            business_aim=plan.brief.business_aim,
            kpi="impressions",
            audience="Femmes 25-34 ans",
            platform=case["platforms"][0],
            offer="Code promo -15 %",
            baseline=0,
            target=400_000,
            start=launch,
            end=launch + dt.timedelta(days=30),
            note="Objectif principal",
        ),
        Objective(business_aim="conversion", kpi="cpa", target=15, end=launch + dt.timedelta(60)),
    ]
    plan.deliverables = [
        Deliverable(
            deliverable_id=f"del{i + 1}",
            influencer_id=row.influencer_id,
            platform=row.platform,
            format="video",
            count=2,
            window_start=launch,
            window_end=launch + dt.timedelta(days=10),
            compensation_eur_ht=float(row.price_per_post_eur) * 2,
            status="planned" if i else "approved",
        )
        for i, row in enumerate(picked.head(2).itertuples())
    ]
    template = scheduler.phase_template(launch, plan.deliverables, gifting=True, lang=lang)
    plan.tasks = [Task(**task, owner="Agence") for task in template]
    lines = []
    for row in picked.itertuples():
        lines.append(
            BudgetLine(
                category="influencer_fee",
                label=f"Cachet {row.handle}",
                influencer_id=row.influencer_id,
                quantity=2,
                unit_cost_eur_ht=float(row.price_per_post_eur),
            )
        )
        lines.append(
            BudgetLine(
                category="gifting",
                label="Coffret produits",
                influencer_id=row.influencer_id,
                quantity=1,
                unit_cost_eur_ht=85.5,
            )
        )
    lines += [
        BudgetLine(category="shipping", label="Envois", quantity=len(picked), unit_cost_eur_ht=12),
        BudgetLine(category="agency", label="Suivi agence", quantity=1, unit_cost_eur_ht=2500),
        BudgetLine(category="contingency", label="Imprévus", quantity=1, unit_cost_eur_ht=900),
    ]
    plan.budget_lines = lines
    plan.kpi_targets = [
        KpiTarget(kpi="impressions", target=400_000),
        KpiTarget(kpi="reach", target=250_000),
        KpiTarget(kpi="engagements", target=12_000),
        KpiTarget(kpi="clicks", target=3_000),
        KpiTarget(kpi="cpm", target=12),
        KpiTarget(kpi="roas", target=2.5),
        KpiTarget(kpi="ugc_posts", target=40),
    ]
    results = []
    for i, row in enumerate(picked.itertuples()):
        for k in range(2):
            impressions = 20_000.0 * (i + 1) + 3_333 * k
            results.append(
                ResultRow(
                    post_ref=f"P{i + 1}-{k + 1}",
                    influencer_id=row.influencer_id,
                    platform=row.platform,
                    published_on=launch + dt.timedelta(days=3 * i + 8 * k),
                    cost_eur_ht=float(row.price_per_post_eur),
                    impressions=impressions,
                    reach=impressions * 0.7,
                    views=impressions * 0.5,
                    engagements=impressions * 0.031,
                    clicks=impressions * 0.011,
                    conversions=float(7 * i + k),
                    revenue_eur=(7 * i + k) * 48.0,
                )
            )
    plan.results = results
    plan.client_learnings = "Les codes promo ont bien marché en 2025."
    plan.notes = {"trends": "Tendance : routines courtes.", "shortlist": "Vérifier les audiences."}
    return plan


def niche_shortlist_plan(lang: str, count: int = 4) -> tuple[Plan, list[str]]:
    """The first case's plan with ``count`` micro and mid influencers of its niches (with a
    declared price) shortlisted, and their ids."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    table = profiles.influencer_table(plan)
    pool = table.loc[
        table["niche"].isin(plan.brief.niches)
        & table["tier"].isin(["micro", "mid"])
        & table["price_per_post_eur"].notna()
    ]
    ids = pool["influencer_id"].head(count).tolist()
    for influencer_id in ids:
        plan.add_to_shortlist(influencer_id)
    return plan, ids


def niche_shortlist_token(lang: str, count: int = 4) -> tuple[str, list[str]]:
    """:func:`niche_shortlist_plan`, stored: its token and the shortlisted ids."""
    plan, ids = niche_shortlist_plan(lang, count)
    return get_store().create(plan), ids


def plan_with_a_chosen_model(lang: str, code: str = "fixed_fee") -> tuple[Plan, list[str]]:
    """A :func:`niche_shortlist_plan` whose first influencer is paid with the model ``code`` on
    its default terms (its budget lines written in the plan's language)."""
    from influkit.campaign.compensation import simulator as remuneration

    plan, ids = niche_shortlist_plan(lang)
    table = profiles.influencer_table(plan)
    row = remuneration.rows_by_id(table)[ids[0]]
    assumptions = remuneration.plan_assumptions(plan)
    common = remuneration.default_common(row, assumptions, 2)
    params = remuneration.default_params(code, row, assumptions, 2)
    remuneration.record_choice(plan, table, ids[0], code, common, params, lang)
    return plan, ids


def beauty_shortlist_token(lang: str, brand: str | None = None) -> str:
    """A stored Verdelune plan with six beauty micro-influencers on Instagram on its shortlist
    (and another brand, if given)."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"), lang)
    table = profiles.influencer_table(plan)
    chosen = table[
        (table["niche"] == "beauty")
        & (table["platform"] == "instagram")
        & (table["tier"] == "micro")
    ]["influencer_id"].head(6)
    for influencer_id in chosen:
        plan.add_to_shortlist(influencer_id)
    if brand is not None:
        plan.brief.brand = brand
    return get_store().create(plan)


def two_beauty_creators(plan: Plan) -> list[str]:
    """Two Instagram beauty accounts of the sample data."""
    table = profiles.influencer_table(plan)
    chosen = table[(table["niche"] == "beauty") & (table["platform"] == "instagram")]
    return chosen["influencer_id"].head(2).tolist()


def planning_token(
    lang: str, *, deliverables: bool = False, tasks: bool = False, launch: dt.date | None = None
) -> str:
    """A stored Verdelune plan with two creators shortlisted, optionally their suggested
    deliverables and the retro-planning's tasks."""
    from influkit.operations import deliverables as actions

    plan = Plan.from_case(datasets.case("cosmetique-lancement"), lang)
    if launch is not None:
        plan.brief.launch_date = launch
    for influencer_id in two_beauty_creators(plan):
        plan.add_to_shortlist(influencer_id)
        if deliverables:
            suggestion = actions.suggested_deliverable(plan, influencer_id)
            plan.deliverables = [*plan.deliverables, suggestion]
    if tasks:
        actions.regenerate_tasks(plan, lang)
    return get_store().create(plan)


def busy_relationship_plan(lang: str) -> tuple[str, Plan]:
    """A stored plan with three shortlisted influencers: one contacted, one in a negotiation of
    two rounds, accepted, with a retro-planning, and one not contacted yet."""
    from influkit.identify import brandfit
    from influkit.operations import deliverables as actions
    from influkit.relationship import negotiation, outreach, pipeline

    plan = Plan.from_case(datasets.cases()[0], lang)
    ranked = brandfit.plan_ranking(plan)
    first, second = ranked.iloc[0].to_dict(), ranked.iloc[1].to_dict()
    for row in (first, second, ranked.iloc[2].to_dict()):
        plan.add_to_shortlist(row["influencer_id"])
    long_ago = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    pipeline.move(plan, first["influencer_id"], "contacted", at=long_ago)
    rel = pipeline.ensure(plan, first["influencer_id"])
    outreach.save_message(
        rel, "first_contact", "email", lang, "Objet <b>gras</b>", "Bonjour **toi**", at=long_ago
    )
    deal = negotiation.open_deal(plan, second)
    counter = negotiation.current_terms(deal).model_copy(update={"fee_eur": 1_200.0})
    negotiation.add_round(deal, "influencer", counter)
    negotiation.accept(plan, deal, profiles.influencer_table(plan), lang)
    actions.regenerate_tasks(plan, lang)
    return get_store().create(plan), plan


def clean_account() -> str:
    """An account of the sample data without any audience-quality flag."""
    from influkit.identify import quality

    table = profiles.influencer_table(None)
    flags = quality.quality_flags(table, datasets.load("follower_history"), datasets.load("posts"))
    flagged = set(flags["influencer_id"])
    return next(i for i in table["influencer_id"] if i not in flagged)


def class_session(organisation: str = "Formasup", names: Iterable[str] = ()) -> tuple:
    """A classroom session on the Verdelune case with these trainees seated (PIN 1234), each
    on a plan of their own: the session, the trainer's secret and the seats."""
    from influkit.classroom.session import SessionInfo
    from influkit.classroom.store import get_classroom_store

    classroom = get_classroom_store()
    session, secret = classroom.create_session(
        SessionInfo(
            organisation=organisation,
            trainer_name="Anne Roux",
            place="Tours",
            case_ids=["cosmetique-lancement"],
        )
    )
    seats = []
    for name in names:
        token = get_store().create(Plan(title=f"Plan {name}"))
        seats.append(classroom.join(session, name, "1234", token))
    return session, secret, seats


# --- the app through AppTest -----------------------------------------------------------------


def run_page(
    page: str | None = None,
    lang: str = "fr",
    token: str | None = None,
    timeout: float = 60,
    **params: str,
) -> AppTest:
    """Open the app (optionally on ``pages/<page>.py``) the way a browser link would: in
    ``lang``, on the plan ``token``, with any other address ``params`` (``formateur=…``)."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at.query_params["lang"] = lang
    if token:
        at.query_params["plan"] = token
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.run()
    return at


def all_text(at: AppTest) -> str:
    """Every piece of text the page shows, joined."""
    parts: list[str] = []
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
        "text",
    ):
        parts.extend(str(element.value) for element in getattr(at, kind))
    for kind in (
        "button",
        "text_input",
        "text_area",
        "selectbox",
        "multiselect",
        "number_input",
        "date_input",
        "checkbox",
        "slider",
        "radio",
    ):
        parts.extend(str(getattr(element, "label", "")) for element in getattr(at, kind))
    return "\n".join(parts)


def assert_clean(at: AppTest) -> None:
    """No exception, and no untranslated catalogue key on screen."""
    assert not at.exception, [e.value for e in at.exception]
    leaked = {key for key in RAW_KEY.findall(all_text(at)) if i18n.has(key, "fr")}
    assert not leaked, f"untranslated keys on screen: {sorted(leaked)}"


def shown_with_tables(at: AppTest) -> str:
    """Every piece of text the page shows, its tables' cells included."""
    return all_text(at) + " ".join(str(frame.value) for frame in at.dataframe)


def plain_spaces(text: str) -> str:
    """Text with the no-break spaces of French typography as plain spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def message_head(key: str, lang: str) -> str:
    """The fixed start of a catalogue message, before its first parameter."""
    return plain_spaces(i18n.catalogue(lang)[key].split("{")[0])


def chart_titles(at: AppTest) -> list[str]:
    """The titles of the page's charts."""
    import json

    titles = []
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        titles.append(spec.get("layout", {}).get("title", {}).get("text", ""))
    return titles


def labelled(widgets: Iterable[Any], label: str) -> Any:
    """The widget showing this label (``at.button``, ``at.slider``, ``at.text_input``…)."""
    return next(w for w in widgets if w.label == label)


def button(at: AppTest, key: str, lang: str, **params: Any) -> Any:
    """The button whose label is this catalogue message."""
    return labelled(at.button, i18n.t(key, lang, **params))


def keyed(widgets: Iterable[Any], prefix: str) -> Any:
    """The widget whose key starts with ``prefix`` (keys carry the plan and the language)."""
    return next(w for w in widgets if w.key and w.key.startswith(prefix))


def metric_value(at: AppTest, key: str, lang: str) -> str:
    """The value shown by the metric whose label is this catalogue message."""
    return next(m.value for m in at.metric if m.label == i18n.t(key, lang))


def edit_table(
    at: AppTest,
    key: str,
    *,
    rows: dict[int, dict[str, Any]] | None = None,
    added: list[dict[str, Any]] | None = None,
    deleted: list[int] | None = None,
) -> AppTest:
    """Send a table's edits the way the browser does (changed cells by row, added rows,
    deleted rows), then rerun the page."""
    at.session_state[key] = {
        "edited_rows": {str(i): change for i, change in (rows or {}).items()},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    return at.run()


# --- the app in a real browser ---------------------------------------------------------------

PLAN_IN_URL = re.compile(r"plan=([A-Za-z0-9_-]{22,})")
START = {"fr": "Démarrer ce plan", "en": "Start this plan"}


def page_url(app_server: str, page_file: str, token: str, lang: str = "fr") -> str:
    """The address of a page of the menu (``pages/<page_file>.py``) on a plan."""
    from ui.navigation import all_pages

    path = next(spec.url_path for spec in all_pages() if spec.file == page_file)
    return f"{app_server}/{path}?plan={token}&lang={lang}"


def start_first_case(page: Any, app_server: str, lang: str = "fr") -> str:
    """Start a plan from the first case study on the home page, as a trainee does; its token."""
    from scripts.liveapp import wait_for_app

    page.goto(f"{app_server}/?lang={lang}")
    wait_for_app(page)
    page.get_by_role("button", name=START[lang]).first.click()
    page.wait_for_url(re.compile(rf".*{PLAN_IN_URL.pattern}.*"))
    wait_for_app(page)
    return PLAN_IN_URL.search(page.url).group(1)


def open_select(page: Any, label: str) -> Any:
    """Open the select box with this label; a click landing during a redraw is tried again."""
    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name=label)
    for _ in range(3):
        box.click()
        if box.get_attribute("aria-expanded") == "true":
            break
        box.press("ArrowDown")
        try:
            expect(box).to_have_attribute("aria-expanded", "true", timeout=3_000)
            break
        except AssertionError:
            continue
    expect(page.get_by_role("option").first).to_be_visible()
    return box


def pick_option(page: Any, label: str, nth: int) -> None:
    """Open the select box with this label and click its nth option."""
    from scripts.liveapp import wait_for_app

    open_select(page, label)
    page.get_by_role("option").nth(nth).click()
    wait_for_app(page)


def no_error_on_screen(page: Any) -> None:
    """Neither a traceback nor an error message on the page."""
    from playwright.sync_api import expect

    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)


def metric_card(page: Any, label: str) -> Any:
    """The metric card named ``label`` (its value: ``.get_by_test_id("stMetricValue")``)."""
    return page.get_by_test_id("stMetric").filter(has=page.get_by_text(label, exact=True))


def saved_when(app_store: Any, token: str, ready: Any, timeout: float = 20.0) -> Plan:
    """The plan the real app saved, once ``ready(plan)`` holds (or as it is after ``timeout``
    seconds): a save the database refused for a moment is tried again by the app on its own."""
    import time

    deadline = time.monotonic() + timeout
    plan = app_store.load(token).plan
    while not ready(plan) and time.monotonic() < deadline:
        time.sleep(0.2)
        plan = app_store.load(token).plan
    return plan
