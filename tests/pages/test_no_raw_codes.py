"""No internal code reaches a user: every page of the menu, in French and in English, on a plan
with everything filled in, shows labels — never a platform, niche, tier, task, KPI, role,
status, budget category, dataset column… written the way the code writes it.

The codes are gathered from the code itself; a code that is also a word of the language's
own catalogue (``brief`` in French, ``live`` in English) may appear in a sentence. Texts are
compared case-sensitively: the label "Instagram" is not the code ``instagram``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache

import pandas as pd
import pytest

from influkit import metrics
from influkit.campaign import communication, compliance
from influkit.campaign.compensation import models as compensation
from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.identify import brandfit, profiles, quality
from influkit.operations import followup
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import (
    AGE_BANDS,
    BUDGET_CATEGORIES,
    BUSINESS_AIMS,
    DELIVERABLE_STATUSES,
    PLATFORMS,
    SHORTLIST_ROLES,
    Plan,
)
from influkit.plan.storage import get_store
from influkit.relationship import arguments, negotiation, outreach, pipeline
from influkit.strategy import objectives as smart
from influkit.strategy import success
from influkit.text import i18n
from ui.navigation import all_pages

from ..helpers import LANGS, assert_clean, busy_relationship_plan, rich_plan, run_page

PAGES = [spec.file for spec in all_pages()]
MODULE3_PAGES = [page for page in PAGES if page.startswith("relationship_")]
#: Markup, not text a user reads: icons, badges, plotly's placeholders and tags.
MARKUP = re.compile(r":material/[a-z_]+:|:[a-z]+-badge\[|:[a-z]+\[|%\{[^}]*\}|</?[a-z]+>")
#: On the Data page the dictionary documents the CSV file: its names and codes are the point.
DOCUMENTING_COLUMNS = ("datapage.col_column", "datapage.col_description")


def full_plan(lang: str) -> Plan:
    """A case plan with a shortlist, objectives, deliverables, tasks, budget, KPI targets,
    results, a remuneration model per influencer and a hand tick on the checklist."""
    plan = rich_plan(datasets.cases()[0], lang)
    rows = remuneration.rows_by_id(profiles.influencer_table(plan))
    assumptions = remuneration.plan_assumptions(plan)
    for number, influencer_id in enumerate(plan.shortlisted_ids()):
        code = remuneration.MODEL_CODES[number % len(remuneration.MODEL_CODES)]
        row = rows[influencer_id]
        common = remuneration.default_common(row, assumptions, 2)
        params = remuneration.default_params(code, row, assumptions, 2)
        remuneration.choose_model(plan, influencer_id, code, common, params, lang)
    plan.success_checklist = {"audience_fit": True}
    return plan


@cache
def known_codes() -> frozenset[str]:
    """Every code the app stores or computes with, as the code writes it."""
    codes: set[str] = set()
    codes |= {*PLATFORMS, *BUSINESS_AIMS, *SHORTLIST_ROLES, *DELIVERABLE_STATUSES}
    codes |= set(BUDGET_CATEGORIES)
    codes |= {f"age_{band}" for band in AGE_BANDS}
    codes |= {tier for scheme in metrics.TIER_SCHEMES.values() for tier, _ in scheme}
    codes |= {*metrics.TIER_SCHEMES, *metrics.BASES, *metrics.METHODS, *metrics.KPIS}
    codes |= {*smart.KPIS, *smart.CRITERIA}
    codes |= set(retroplan.PHASES)
    codes |= {*remuneration.MODEL_CODES, *compensation.KINDS, *compensation.MOTIVATION_LEVERS}
    codes |= {*communication.FORMATS, *communication.CAPABILITIES}
    codes |= {*compliance.CONTRACT_CLAUSES, *compliance.REMINDERS, *compliance.SECTOR_STATUSES}
    codes |= {*success.CODES, *success.REMINDERS, *success.STATES}
    codes |= {*quality.FLAG_CODES, *brandfit.CRITERIA, *followup.FLAGS}
    influencers = datasets.load("influencers")
    codes |= set(influencers["niche"]) | set(influencers["influencer_id"])
    codes |= set(datasets.case_ids())
    for name in datasets.DATASETS:
        codes |= set(datasets.dictionary(name)["column"])
    return frozenset(c for c in codes if c)


@cache
def catalogue_words(lang: str) -> frozenset[str]:
    """Every word the language's catalogue itself writes (as written, case kept)."""
    words: set[str] = set()
    for text in i18n.catalogue(lang).values():
        # Placeholders and addresses (instagram.com/…) are not words of the language.
        text = re.sub(r"\{[^}]*\}|[\w\-]+(?:[./][\w\-…]+)+", " ", text)
        words |= set(re.findall(r"[\w\-]+", text))
    # A code with an underscore or a digit is never a word of a sentence.
    return frozenset(w for w in words if "_" not in w and not any(c.isdigit() for c in w))


@cache
def data_phrases() -> tuple[frozenset[str], re.Pattern[str]]:
    """Text written in the data (captions, names, case titles…): whole cells to skip, and the
    names and titles to take out of a sentence before looking for codes in it."""
    posts = datasets.load("posts")
    influencers = datasets.load("influencers")
    campaigns = datasets.load("client_campaigns")
    cells = {*posts["caption"], *posts["disclosure"], *posts["hashtags"]}
    names = {*influencers["display_name"], *influencers["handle"], *influencers["city"]}
    names |= {*campaigns["campaign_name"], *campaigns["brand"]}
    for case in datasets.cases():
        for key, value in case.items():
            # Titles, brand, product and sentences; a value with no space is a code.
            if isinstance(value, str) and (key in ("brand", "product") or " " in value):
                names.add(value)
    names = {n for n in names if isinstance(n, str) and n.strip()}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return frozenset(c for c in cells if isinstance(c, str) and c) | frozenset(names), pattern


def codes_for(lang: str, plan: Plan) -> frozenset[str]:
    """The codes that must not show in ``lang``: the known ones and the plan's task ids, less
    the words the language's catalogue uses itself."""
    codes = set(known_codes()) | {task.task_id for task in plan.tasks}
    return frozenset(codes - catalogue_words(lang))


def _pattern(codes: frozenset[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True))
    return re.compile(rf"(?<![\w\-./@#'’])(?:{alternatives})(?![\w\-/@])")


def _dataframe_texts(element, lang: str) -> Iterator[tuple[str, str]]:
    """The headers and cells a table shows (labels of its column settings, options' labels)."""
    frame: pd.DataFrame = element.value
    config = json.loads(element.proto.columns or "{}")
    order = list(element.proto.column_order) or list(frame.columns)
    skipped = {i18n.t(key, lang) for key in DOCUMENTING_COLUMNS}
    for column in order:
        if column not in frame.columns:
            continue
        settings = config.get(column, {})
        if settings.get("hidden"):
            continue
        header = settings.get("label") or str(column)
        yield "header", header
        if header in skipped:
            continue
        options = {
            o["value"]: o["label"]
            for o in (settings.get("type_config") or {}).get("options") or []
            if isinstance(o, dict)
        }
        for value in frame[column].tolist():
            values = value if isinstance(value, list | tuple) else [value]
            for item in values:
                if isinstance(item, str):
                    yield "cell", options.get(item, item)


def _chart_texts(element) -> Iterator[tuple[str, str]]:
    """A plotly chart's trace names, category labels, texts, hovers, titles and annotations."""
    spec = json.loads(element.proto.spec)
    layout = spec.get("layout", {})
    for trace in spec.get("data", []):
        yield "trace name", str(trace.get("name") or "")
        for field in ("x", "y", "text", "hovertext", "labels", "customdata", "hovertemplate"):
            values = trace.get(field)
            if isinstance(values, str):
                values = [values]
            flat = []
            for value in values or []:
                flat.extend(value if isinstance(value, list) else [value])
            for value in flat:
                if isinstance(value, str) and not re.fullmatch(r"[\d\-:T .]+", value):
                    yield f"trace {field}", value
    for key, axis in layout.items():
        if isinstance(axis, dict) and key.startswith(("xaxis", "yaxis")):
            title = axis.get("title")
            yield "axis title", str(title.get("text") if isinstance(title, dict) else title or "")
            for tick in axis.get("ticktext") or []:
                yield "tick", str(tick)
    title = layout.get("title")
    yield "title", str(title.get("text") if isinstance(title, dict) else title or "")
    for note in layout.get("annotations") or []:
        yield "annotation", str(note.get("text") or "")


def shown_texts(at, lang: str) -> Iterator[tuple[str, str]]:
    """Every text the page shows, with where it is."""
    for kind in ("title", "header", "subheader", "markdown", "caption", "text"):
        for element in getattr(at, kind):
            yield kind, str(element.value)
    for kind in ("info", "warning", "error", "success", "exception"):
        for element in at.get(kind):
            yield kind, str(getattr(element, "value", ""))
    for element in at.metric:
        yield "metric", f"{element.label} {element.value}"
    for kind in ("expander", "tab", "tabs"):
        for element in at.get(kind):
            yield kind, str(getattr(element, "label", ""))
    for kind in (
        "button",
        "checkbox",
        "toggle",
        "text_input",
        "text_area",
        "number_input",
        "date_input",
        "slider",
        "select_slider",
        "download_button",
    ):
        for element in at.get(kind):
            yield kind, str(getattr(element, "label", ""))
    for kind in ("selectbox", "multiselect", "radio"):
        for element in at.get(kind):
            yield kind, str(element.label)
            for option in element.options:
                yield f"{kind} option", str(option)
    for element in at.dataframe:
        yield from _dataframe_texts(element, lang)
    for element in at.get("plotly_chart"):
        yield from _chart_texts(element)


def codes_in(texts, lang: str, plan: Plan) -> list[str]:
    """The codes found in ``(where, text)`` pairs, each with where it was seen."""
    pattern = _pattern(codes_for(lang, plan))
    cells, names = data_phrases()
    found = []
    for where, text in texts:
        # User and data text is shown escaped for Markdown (``\\:``): read it unescaped.
        text = re.sub(r"\\(.)", r"\1", text)
        if text in cells:
            continue
        text = names.sub(" ", MARKUP.sub(" ", text))
        for match in pattern.findall(text):
            found.append(f"{match!r} in {where}: {text[:160]!r}")
    return found


def raw_codes(at, lang: str, plan: Plan, *, first_run: bool = True) -> list[str]:
    """The codes found on the page, each with where it was seen, and (on the page's first run,
    while widgets still carry their defaults) the empty choice lists that would show
    Streamlit's own English placeholder ("Choose options")."""
    found = codes_in(shown_texts(at, lang), lang, plan)
    for kind in ("multiselect", "selectbox") if first_run else ():
        for element in at.get(kind):
            if kind == "selectbox":
                empty = not element.proto.HasField("default")
            else:
                empty = not element.value
            if empty and not element.proto.placeholder:
                found.append(f"Streamlit's English placeholder in {kind} {element.label!r}")
    return found


@pytest.mark.parametrize(
    ("lang", "text", "found"),
    [
        ("fr", "Plateforme : instagram", ["instagram"]),
        ("fr", "Plateforme : Instagram", []),
        ("fr", "Tâche : discovery, après outreach", ["discovery", "outreach"]),
        ("en", "Tier: mid", ["mid"]),
        ("fr", "Palier : Intermédiaire", []),
        ("fr", "KPI : conversion_rate", ["conversion_rate"]),
        ("en", "Role: ambassador", []),  # an English word the English catalogue writes
        ("fr", "Rôle : ambassador", ["ambassador"]),
        ("fr", "Lancer un sérum clean beauty : Verdelune", []),  # a case's own title
        ("fr", ":material/live_tv: En direct", []),
    ],
)
def test_the_check_finds_codes_as_the_code_writes_them(lang, text, found):
    """The check flags a code written as the code writes it, not its label, a word of the
    language's own catalogue, a case's title or an icon name."""
    plan = Plan()
    assert [f.split(" in ")[0].strip("'") for f in codes_in([("text", text)], lang, plan)] == found


@pytest.fixture(scope="module")
def tokens() -> dict[str, tuple[str, Plan]]:
    """One full plan per language, stored."""
    out = {}
    for lang in LANGS:
        plan = full_plan(lang)
        out[lang] = (get_store().create(plan), plan)
    return out


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_no_code_is_shown_raw(page, lang, tokens):
    """The page, on a plan with everything filled in, shows labels and never a raw code."""
    token, plan = tokens[lang]
    at = run_page(page, lang=lang, token=token)
    assert_clean(at)
    found = raw_codes(at, lang, plan)
    if page == "explorer":
        at.selectbox(key="explorer_pick").set_value(plan.shortlisted_ids()[0]).run()
        found += raw_codes(at, lang, plan, first_run=False)
    if page == "data":
        for name in datasets.DATASETS[1:]:
            at.selectbox(key="data_dataset").select(name).run()
            found += raw_codes(at, lang, plan, first_run=False)
    assert not found, "\n".join(sorted(set(found)))


LITERAL = re.compile(r"""["']([a-z_]+(?:\.[a-z0-9_]+)+)["']""")


def test_every_label_namespace_named_in_the_code_exists():
    """A label looked up in a namespace the catalogue does not have would show the code: every
    literal naming a catalogue entry or namespace (``metrics.tier``, ``data.platform``…) exists."""
    from ..helpers import ROOT

    keys = i18n.catalogue("fr")
    namespaces = {path.stem for path in (i18n.LOCALES_DIR / "fr").glob("*.json")}
    missing = set()
    for folder in ("influkit", "pages", "ui"):
        for path in (ROOT / folder).rglob("*.py"):
            for literal in LITERAL.findall(path.read_text(encoding="utf-8")):
                if literal.split(".")[0] not in namespaces or literal in keys:
                    continue
                # A plural stem (``quality.banner`` for ``quality.banner_one``) names its forms,
                # a key prefix handed to a widget (``brandfit.add_``) the keys it completes.
                heads = (literal,) if literal.endswith("_") else (literal + ".", literal + "_")
                if not any(key.startswith(heads) for key in keys):
                    missing.add(f"{path.relative_to(ROOT)}: {literal}")
    assert not missing, sorted(missing)


def _module3_codes(lang: str) -> frozenset[str]:
    """Module 3's own codes (stages, levels, arguments, templates, channels, rights, sides),
    less the words the language's catalogue writes itself."""
    codes = {*pipeline.STAGES, *pipeline.LEVELS, *arguments.ARGUMENTS, *outreach.TEMPLATES}
    codes |= {*outreach.CHANNELS, *negotiation.USAGE_RIGHTS, "brand", "influencer"}
    return frozenset(codes - catalogue_words(lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", MODULE3_PAGES)
def test_module3_pages_show_no_raw_code(page, lang):
    """On a busy plan, module 3's pages show labels, never a code as the code writes it."""
    token, plan = busy_relationship_plan(lang)
    at = run_page(page, lang=lang, token=token)
    at.selectbox[0].set_value(plan.shortlisted_ids()[1]).run()
    assert_clean(at)
    texts = shown_texts(at, lang)
    found = codes_in(texts, lang, plan)
    pattern = _pattern(_module3_codes(lang))
    found += [f"{m!r}: {text[:120]!r}" for _, text in texts for m in pattern.findall(text)]
    assert not found, "\n".join(sorted(set(found)))
