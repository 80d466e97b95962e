"""The Exports page in headless Chromium: download every file, open it, import an edited one."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest
from pptx import Presentation

from scripts.liveapp import wait_for_app

from ..helpers import page_url, start_first_case

pytestmark = pytest.mark.browser

TODAY = f"{dt.date.today():%Y-%m-%d}"


def _plan_on_exports(page, app_server: str, lang: str = "fr") -> str:
    """Start a plan from the first case on the home page, then open the Exports page."""
    token = start_first_case(page, app_server, lang)
    page.goto(page_url(app_server, "exports", token, lang))
    wait_for_app(page)
    return token


def _download(page, name_part: str):
    """Click the download button whose label holds ``name_part``; the file's name and bytes."""
    button = page.get_by_test_id("stDownloadButton").filter(has_text=name_part).first
    with page.expect_download() as info:
        button.click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def _prepare(page, kind: str) -> None:
    """Click "prepare" for one file; the download button waits for the file to be ready."""
    page.locator(f".st-key-exports_prepare_{kind} button").click()
    page.locator(f".st-key-exports_download_{kind}").wait_for()


def test_every_file_downloads_and_opens(page, app_server):
    """Workbook, template, deck, JSON and a table download under clear names and open."""
    _plan_on_exports(page, app_server)
    _prepare(page, "workbook")
    name, data = _download(page, ".xlsx")
    assert name == f"plan-verdelune-{TODAY}.xlsx"
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames[0] == "Brief"

    _prepare(page, "template")
    name, data = _download(page, "modele-plan-influkit.xlsx")
    assert name == "modele-plan-influkit.xlsx"
    assert "Budget" in openpyxl.load_workbook(io.BytesIO(data)).sheetnames

    _prepare(page, "deck")
    name, data = _download(page, ".pptx")
    assert name == f"presentation-verdelune-{TODAY}.pptx"
    assert len(Presentation(io.BytesIO(data)).slides) >= 8

    name, data = _download(page, ".json")
    assert name == f"plan-verdelune-{TODAY}.json"
    assert json.loads(data)["brief"]["brand"] == "Verdelune"

    name, data = _download(page, "CSV")
    assert name.endswith(f"-verdelune-{TODAY}.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    name, data = _download(page, "Excel")
    assert name.endswith(".xlsx")
    openpyxl.load_workbook(io.BytesIO(data))


def test_an_edited_workbook_comes_back_after_confirmation(page, app_server, tmp_path):
    """The trainee edits the exported workbook, imports it, sees the problems, confirms."""
    _plan_on_exports(page, app_server)
    _prepare(page, "workbook")
    _, data = _download(page, ".xlsx")
    book = openpyxl.load_workbook(io.BytesIO(data))
    book["Brief"]["B6"] = "Verdelune Pro"
    book["Brief"]["B11"] = "31/02/2027"
    edited = tmp_path / "plan-modifie.xlsx"
    book.save(edited)

    page.locator('input[type="file"]').set_input_files(str(edited))
    wait_for_app(page)
    page.get_by_text("Ce qui sera importé").wait_for()
    page.get_by_text("Cellules non importées (1)").wait_for()
    page.get_by_text("Tant que vous ne confirmez pas").wait_for()
    page.get_by_role("button", name="Importer dans mon plan").click()
    wait_for_app(page)
    page.get_by_text("Classeur importé dans votre plan.").wait_for()
    _prepare(page, "workbook")
    name, data = _download(page, ".xlsx")
    assert name == f"plan-verdelune-pro-{TODAY}.xlsx"
    brief = openpyxl.load_workbook(io.BytesIO(data))["Brief"]
    assert brief["B6"].value == "Verdelune Pro"
    assert brief["B11"].value.date() == dt.date(2027, 3, 1)
