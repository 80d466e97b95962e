"""Hostile files through every uploader: a message in the user's language, never a traceback,
and the plan as it was. Zip bombs are read in a child process with 1 GiB of memory at most.

The corpus lives in ``tests/data/hostile/`` (``make_hostile.py`` writes it); its big files are
built here, in a temporary folder.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from influkit.data import limits
from influkit.data.limits import LimitExceeded
from ui import state

from ..helpers import DATA, ROOT, assert_clean, new_plan_token, run_page, stored_plan

FOLDER = DATA / "hostile"
FILES = sorted(p for p in FOLDER.iterdir() if p.suffix != ".py")
_spec = importlib.util.spec_from_file_location("make_hostile", FOLDER / "make_hostile.py")
make_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_hostile)


def test_the_committed_corpus_is_what_the_script_writes():
    """At least sixty hostile files, each exactly as ``make_hostile.py`` makes it."""
    expected = make_hostile.small_files()
    assert len(expected) >= 60
    assert sorted(expected) == [p.name for p in FILES]
    for path in FILES:
        assert path.read_bytes() == expected[path.name], path.name


def _messages(at) -> list[str]:
    return [e.value for kind in ("error", "warning", "success", "info") for e in getattr(at, kind)]


#: Each uploader: the page, its uploader's key (a function of the session), and what the page
#: says when it has read a file well enough to show what it found.
UPLOADERS = {
    "plan_json": ("my_plan", "myplan_upload__{gen}__{lang}", ".json"),
    "influencers": ("import_list", "import_upload", None),
    "results": ("results", "results_upload__{gen}__{lang}", None),
    "workbook": ("exports", "exports_upload__{gen}__{lang}", ".xlsx"),
}


def _drop(at, uploader: str, lang: str, path: Path) -> None:
    """Drop a file on an uploader; one that accepts only some extensions gets the file renamed,
    as a user can do — the content decides, not the name."""
    extension = UPLOADERS[uploader][2]
    name = path.stem + extension if extension else path.name
    widget = at.file_uploader(key=_key(at, uploader, lang))
    widget.set_value((name, path.read_bytes(), "application/octet-stream")).run()


def _key(at, uploader: str, lang: str) -> str:
    return UPLOADERS[uploader][1].format(gen=at.session_state[state.GEN_KEY], lang=lang)


@pytest.mark.parametrize("uploader", sorted(UPLOADERS))
def test_every_hostile_file_gets_a_message_and_leaves_the_plan_unchanged(uploader):
    """Each hostile file, dropped on this uploader, gets a message (no traceback) and the plan
    already saved stays byte for byte as it was (a plan file opens as a new plan, if valid)."""
    page = UPLOADERS[uploader][0]
    lang = "fr"
    token = new_plan_token(0, lang)
    before = stored_plan(token).model_dump_json()
    outcomes: dict[str, str] = {}
    at = run_page(page, lang=lang, token=token)
    for path in FILES:
        if at.session_state[state.TOKEN_KEY] != token:
            at = run_page(page, lang=lang, token=token)  # a valid plan file opened a new plan
        _drop(at, uploader, lang, path)
        assert not at.exception, (path.name, [e.value for e in at.exception])
        assert_clean(at)
        said = _messages(at) + [m.value for m in at.markdown]
        assert said, f"{path.name}: no message on {page}"
        assert stored_plan(token).model_dump_json() == before, (
            f"{path.name} changed the plan on {page}"
        )
        outcomes[path.name] = "error" if at.error else "read"
        at.file_uploader(key=_key(at, uploader, lang)).set_value(None).run()
    assert "error" in outcomes.values()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_hostile_file_is_refused_in_the_users_language(lang):
    """The refusal of a zip bomb part or a too-deep JSON is written in the user's language."""
    token = new_plan_token(0, lang)
    before = stored_plan(token).model_dump_json()
    at = run_page("my_plan", lang=lang, token=token)
    _drop(at, "plan_json", lang, FOLDER / "json_nested_100000.json")
    assert_clean(at)
    depth = limits.json_depth((FOLDER / "json_nested_100000.json").read_bytes())
    said = LimitExceeded(limits.JSON_DEPTH, depth).message(lang)
    assert any(said in e.value for e in at.error)
    assert stored_plan(token).model_dump_json() == before


# --- zip bombs and huge files, in a child process with bounded memory --------------------------

_CHILD = textwrap.dedent(
    """
    import resource, sys, time
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    sys.path.insert(0, sys.argv[1])
    from influkit.errors import UserError
    kind, path = sys.argv[2], sys.argv[3]
    data = open(path, "rb").read()
    start = time.monotonic()
    try:
        if kind == "table":
            from influkit.data.importer import read_table
            read_table(data, path)
        elif kind == "workbook":
            from influkit.exports import read_workbook
            read_workbook(data)
        else:
            from influkit.plan.model import plan_from_json
            plan_from_json(data)
    except UserError as err:
        print(err.key, round(time.monotonic() - start, 2))
    else:
        print("read", round(time.monotonic() - start, 2))
    """
)


@pytest.fixture(scope="module")
def big_files(tmp_path_factory):
    """Zip bombs and huge tables, built once for this module."""
    return make_hostile.big_files(tmp_path_factory.mktemp("hostile-big"))


@pytest.mark.parametrize(
    "name, kind, key",
    [
        ("bomb_one_cell_310mb.xlsx", "table", "limits.xlsx_part_bytes"),
        ("bomb_one_cell_310mb.xlsx", "workbook", "limits.xlsx_part_bytes"),
        ("bomb_empty_rows_325mb.xlsx", "table", "limits.xlsx_part_bytes"),
        ("bomb_empty_rows_325mb.xlsx", "workbook", "limits.xlsx_part_bytes"),
        ("wide_16384_columns.xlsx", "table", "limits.table_columns"),
        ("wide_16384_columns.xlsx", "workbook", "limits.xlsx_part_bytes"),
        ("csv_60000_rows.csv", "table", "limits.table_rows"),
        ("json_150000_shortlist.json", "plan", "limits.plan_list_items"),
    ],
)
def test_zip_bombs_and_huge_files_are_refused_within_bounded_memory_and_time(
    big_files, name, kind, key
):
    """Read with 1 GiB of memory at most, each big file is refused by its named limit within
    seconds — before the memory is spent."""
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(ROOT), kind, str(big_files[name])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome, seconds = done.stdout.split()
    assert outcome == key
    assert float(seconds) < 30
