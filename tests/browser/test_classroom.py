"""The classroom in a real browser: a trainer and two trainees in separate browsers. The
trainer creates the session, the trainees join with its code and work (self-positioning, a
shortlist, a quiz), the trainer's live view follows them, opens a trainee's plan in the panel
beside the class, and the trainer issues the attestations."""

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from influkit.classroom.store import ClassroomStore
from influkit.data import datasets
from scripts.liveapp import wait_for_app

pytestmark = pytest.mark.browser


def _context(browser):
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, accept_downloads=True, locale="fr-FR"
    )
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    return context, tab


def _join(tab, app_server, code, name, pin):
    tab.goto(f"{app_server}/ma-session?lang=fr")
    wait_for_app(tab)
    tab.get_by_label("Code de la session", exact=True).fill(code)
    tab.get_by_label("Votre nom", exact=True).fill(name)
    tab.get_by_label("Votre code personnel (4 à 8 chiffres)", exact=True).fill(pin)
    tab.get_by_role("button", name="Rejoindre").click()
    wait_for_app(tab)
    tab.get_by_role("heading", name=f"Bonjour {name}").wait_for()


def _take_first_quiz(tab):
    tab.get_by_role("tab", name="QCM").click()
    wait_for_app(tab)
    quiz = tab.locator('[data-testid="stForm"]').last
    # Answer every question with its first choice, change the first answer, then submit.
    for group in quiz.get_by_role("radiogroup").all():
        group.locator("label").first.click()
    quiz.get_by_role("radiogroup").first.locator("label").nth(1).click()
    quiz.locator('[data-testid="stCheckbox"] label').first.click()
    quiz.get_by_role("button", name="Valider mes réponses").click()
    wait_for_app(tab)
    tab.get_by_text(re.compile(r"Score : .* sur 6")).wait_for()


def _shortlisted_names(app_store, code: str, trainee: str) -> list[str]:
    """The names of the accounts a trainee of the session has shortlisted (as saved)."""
    classroom = ClassroomStore(app_store)
    session = classroom.session_by_code(code)
    seat = next(p for p in classroom.participants(session) if p.name == trainee)
    plan = app_store.load(seat.plan_token).plan
    names = datasets.load("influencers").set_index("influencer_id")["display_name"]
    return [str(names[i]) for i in plan.shortlisted_ids()]


def test_a_trainer_and_two_trainees_from_joining_to_the_attestations(
    browser, app_server, app_store
):
    """Create, join, work, quiz, watch the class view update, open a trainee's plan beside the
    class, issue the attestations."""
    trainer_context, trainer = _context(browser)
    one_context, one = _context(browser)
    two_context, two = _context(browser)
    try:
        trainer.goto(f"{app_server}/?lang=fr")
        wait_for_app(trainer)
        trainer.get_by_role("link", name="Espace formateur").click()
        wait_for_app(trainer)
        trainer.get_by_label("Organisme de formation").fill("Formasup Val de Loire")
        trainer.get_by_label("Lieu").fill("Tours")
        trainer.get_by_label("Nom du formateur").fill("Anne Roux")
        trainer.get_by_role("button", name="Créer la session").click()
        wait_for_app(trainer)
        code = trainer.locator('[data-testid="stMetricValue"]').first.inner_text().strip()
        assert re.fullmatch(r"[A-Z0-9]{6}", code)
        assert "formateur=" in trainer.url
        trainer.get_by_text("Lien formateur", exact=True).click()
        link = trainer.locator('[data-testid="stCode"]').first.inner_text().strip()
        assert re.fullmatch(re.escape(app_server) + r"/\?formateur=[A-Za-z0-9_-]{32}&lang=fr", link)

        _join(one, app_server, code, "Ana Lopes", "2468")
        _join(two, app_server, code.lower(), "Bruno Petit", "1357")
        trainer.get_by_text(re.compile(r"2 stagiaire\(s\) · 0 QCM")).wait_for(timeout=30_000)

        one.get_by_role("tab", name="Autopositionnement").click()
        grid = one.locator('[data-testid="stForm"]').first
        for group in grid.get_by_role("radiogroup").all():
            group.locator("label").nth(1).click()
        grid.get_by_role("button", name="Enregistrer mon autopositionnement").click()
        wait_for_app(one)
        one.get_by_text("Autopositionnement enregistré.").wait_for()
        _take_first_quiz(one)
        _take_first_quiz(two)
        # The trainer's live view refreshes by itself.
        trainer.get_by_text(re.compile(r"2 stagiaire\(s\) · 2 QCM")).wait_for(timeout=40_000)

        # Trainee one shortlists the brand fit's top accounts; the trainer opens her plan in the
        # panel beside the class (still shown) and finds them there.
        one.get_by_role("link", name="2. Adéquation à la marque").click()
        wait_for_app(one)
        one.get_by_role("button", name="Ajouter à la shortlist").click()
        expect(one.get_by_text("ajouté(s) à la shortlist")).to_be_visible()
        wait_for_app(one)
        picked = _shortlisted_names(app_store, code, "Ana Lopes")
        assert picked
        trainer.locator(".st-key-trainer_panel_pick").get_by_role("combobox").click()
        trainer.get_by_role("option", name="Ana Lopes").click()
        wait_for_app(trainer)
        panel = trainer.locator(".st-key-trainer_panel")
        expect(panel.get_by_role("heading", name="Le plan de Ana Lopes")).to_be_visible()
        expect(panel.locator('[data-testid="stDataFrame"]').first).to_contain_text(picked[0])
        expect(trainer.locator(".st-key-trainer_live_table")).to_be_visible()

        # Trainee one comes back from another computer with name and PIN.
        other_context, other = _context(browser)
        other.goto(f"{app_server}/ma-session?lang=fr")
        wait_for_app(other)
        other.get_by_text("de retour (autre poste)").click()
        wait_for_app(other)
        other.get_by_label("Code de la session", exact=True).fill(code)
        other.get_by_label("Votre nom", exact=True).fill("ana lopes")
        other.get_by_label("Votre code personnel (4 à 8 chiffres)", exact=True).fill("2468")
        other.get_by_role("button", name="Rejoindre").click()
        wait_for_app(other)
        other.get_by_role("heading", name="Bonjour Ana Lopes").wait_for()
        other_context.close()

        trainer.goto(re.sub(r"/formateur\?", "/suivi-session?", trainer.url))
        wait_for_app(trainer)
        trainer.get_by_role("tab", name="Attestations").click()
        trainer.get_by_role(
            "button", name="Confirmer les résultats et émettre les attestations"
        ).click()
        wait_for_app(trainer)
        trainer.get_by_role("tab", name="Attestations").click()
        with trainer.expect_download() as download:
            trainer.get_by_role("button", name="Toutes les attestations (zip)").click()
        data = download.value.path().read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = sorted(archive.namelist())
            texts = [
                " ".join(p.extract_text() for p in PdfReader(io.BytesIO(archive.read(n))).pages)
                for n in names
            ]
        assert names == ["attestation-ana-lopes.pdf", "attestation-bruno-petit.pdf"]
        assert "Ana Lopes" in texts[0] and "PUB-ECOM-12" in texts[0] and "Formasup" in texts[0]
    finally:
        for context in (trainer_context, one_context, two_context):
            context.close()
