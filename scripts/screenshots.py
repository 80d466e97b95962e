"""Take a full-page PNG of every page of the app, in French and in English.

Usage: ``python scripts/screenshots.py --out docs/screenshots``. Pages that need a plan are
pictured with a plan started from the first case study.
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
        "fr": "Charger les résultats d'exemple de la mise en situation",
        "en": "Load the case study's sample results",
    },
}


def main() -> int:
    """Serve the app, open every page in headless Chromium and save the pictures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--width", type=int, default=1400)
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
                    viewport={"width": args.width, "height": 900},
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
                for spec in all_pages():
                    if args.pages and spec.file not in args.pages:
                        continue
                    page.goto(f"{app.url}/{spec.url_path}?plan={token}&lang={lang}")
                    wait_for_app(page)
                    button = PREPARE.get(spec.file, {}).get(lang)
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
                    height = page.evaluate(
                        "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
                    )
                    page.set_viewport_size({"width": args.width, "height": max(900, height + 40)})
                    page.wait_for_timeout(500)
                    target = out / f"{spec.file}-{lang}.png"
                    page.screenshot(path=str(target), full_page=True)
                    page.set_viewport_size({"width": args.width, "height": 900})
                    print(f"wrote {target}")
                context.close()
            browser.close()
    finally:
        app.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
