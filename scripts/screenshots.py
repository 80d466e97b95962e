"""Take a full-page PNG of every page of the app, in French and in English.

Usage: ``python scripts/screenshots.py --out docs/screenshots [--width 1440 --height 900]``.
Pages that need a plan are pictured with a plan started from the first case study; module 3's
pages with a plan of that case where three influencers are contacted and one deal is under
negotiation, and the influencer's confidential card is pictured from its own link.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.liveapp import CHROMIUM, CHROMIUM_ARGS, LiveApp, wait_for_app  # noqa: E402
from ui.navigation import all_pages  # noqa: E402

START_LABEL = {"fr": "Démarrer ce plan", "en": "Start this plan"}
#: Buttons to press on a page before its picture, so it shows a filled-in state.
PREPARE = {
    "retroplanning": {"fr": "Générer le rétroplanning", "en": "Generate the retro-planning"},
    "results": {
        "fr": "Lancer la campagne (simulation)",
        "en": "Launch the campaign (simulation)",
    },
}


def shortlist_best_fits(app: LiveApp, token: str, n: int = 4) -> None:
    """Shortlist the ``n`` accounts that fit the plan's brand best, as a trainee would."""
    from influkit.identify import brandfit
    from influkit.plan.storage import PlanStore

    store = PlanStore(f"sqlite:///{app.data_dir / 'influkit.sqlite3'}")
    saved = store.load(token)
    plan = saved.plan
    if plan.shortlist:
        return
    ranked = brandfit.plan_ranking(plan).sort_values("score", ascending=False, kind="stable")
    for influencer_id in ranked["influencer_id"].head(n):
        plan.add_to_shortlist(influencer_id)
    store.save(token, plan, expected_revision=saved.revision)


#: What a page's picture needs in the plan beyond a fresh case study.
SETUP = {"results": shortlist_best_fits}


def seed_relationship_plan(app: LiveApp, lang: str) -> tuple[str, str]:
    """Store a case plan with three shortlisted influencers contacted, one deal over two rounds,
    the action plan and its retro-planning; return its token and the deal's card secret."""
    from influkit.data import datasets
    from influkit.identify import brandfit
    from influkit.operations import deliverables as actions
    from influkit.plan.model import Plan
    from influkit.plan.storage import PlanStore
    from influkit.relationship import arguments, negotiation, outreach, pipeline

    plan = Plan.from_case(datasets.cases()[0], lang)
    ranked = brandfit.plan_ranking(plan)
    rows = [ranked.iloc[i].to_dict() for i in range(3)]
    for row in rows:
        plan.add_to_shortlist(row["influencer_id"])
    for row in rows[:2]:
        pipeline.move(plan, row["influencer_id"], "contacted")
        rel = pipeline.ensure(plan, row["influencer_id"])
        top = [a.code for a in arguments.rank_arguments(row, lang)[:2]]
        arguments.set_arguments(rel, top)
        draft = outreach.personalised(plan, row, "first_contact", "email", lang)
        outreach.save_message(rel, "first_contact", "email", lang, draft.subject, draft.body)
    deal = negotiation.open_deal(plan, rows[1])
    counter = negotiation.current_terms(deal).model_copy(
        update={"fee_eur": 1_200.0, "usage_rights": "3_months"}
    )
    negotiation.add_round(deal, "influencer", counter)
    plan.deliverables = [actions.suggested_deliverable(plan, r["influencer_id"]) for r in rows]
    actions.regenerate_tasks(plan, lang)
    store = PlanStore(f"sqlite:///{app.data_dir / 'influkit.sqlite3'}")
    return store.create(plan), deal.card_secret


def _picture(page, url: str, target: Path, width: int, height: int, button: str | None) -> None:
    """Open ``url``, press ``button`` if given, and save a full-page picture."""
    page.goto(url)
    wait_for_app(page)
    if button and page.get_by_role("button", name=button).count():
        page.get_by_role("button", name=button).first.click()
        wait_for_app(page)
    # Charts draw after the script ends: wait until each has its SVG.
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
            .every(c => c.querySelector('.main-svg'))""",
        timeout=30_000,
    )
    page.wait_for_timeout(800)
    # Streamlit scrolls inside its main block: grow the window to fit it whole.
    full = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(height, full + 40)})
    page.wait_for_timeout(500)
    page.screenshot(path=str(target), full_page=True)
    page.set_viewport_size({"width": width, "height": height})
    print(f"wrote {target}")


def main() -> int:
    """Serve the app, open every page in headless Chromium and save the pictures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--pages", nargs="*", help="only these page files (e.g. home data)")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    app = LiveApp(Path(tempfile.mkdtemp(prefix="influkit-shots-")))
    app.wait_ready()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for lang in ("fr", "en"):
                context = browser.new_context(
                    viewport={"width": args.width, "height": args.height},
                    locale="fr-FR" if lang == "fr" else "en-GB",
                )
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.goto(f"{app.url}/?lang={lang}")
                wait_for_app(page)
                page.get_by_role("button", name=START_LABEL[lang]).first.click()
                page.wait_for_url(re.compile(r".*plan=.*"))
                wait_for_app(page)
                token = re.search(r"plan=([A-Za-z0-9_-]+)", page.url).group(1)
                specs = [s for s in all_pages() if not args.pages or s.file in args.pages]
                seeded = None
                if any(s.file.startswith("relationship_") for s in specs):
                    seeded = seed_relationship_plan(app, lang)
                for spec in specs:
                    plan_token = seeded[0] if spec.file.startswith("relationship_") else token
                    if spec.file in SETUP:
                        SETUP[spec.file](app, plan_token)
                    _picture(
                        page,
                        f"{app.url}/{spec.url_path}?plan={plan_token}&lang={lang}",
                        out / f"{spec.file}-{lang}.png",
                        args.width,
                        args.height,
                        PREPARE.get(spec.file, {}).get(lang),
                    )
                if seeded is not None:
                    _picture(
                        page,
                        f"{app.url}/?card={seeded[1]}&lang={lang}",
                        out / f"relationship_card-{lang}.png",
                        args.width,
                        args.height,
                        None,
                    )
                context.close()
            browser.close()
    finally:
        app.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
