"""The plan: its schema, its round trip, its versions and what a bad upload says."""

import datetime as dt
import json

import pytest

from influkit.data import limits
from influkit.errors import UserError
from influkit.plan import model as plan_module
from influkit.plan.model import (
    BudgetLine,
    Deliverable,
    KpiTarget,
    Objective,
    Plan,
    ResultRow,
    ShortlistEntry,
    Task,
    migrate,
    new_token,
    plan_from_json,
)
from influkit.text.i18n import catalogue

from ..helpers import ROOT

CASE = {
    "case_id": "demo",
    "title_fr": "Lancement démo",
    "title_en": "Demo launch",
    "brief_fr": "Un brief en français.",
    "brief_en": "A brief in English.",
    "brand": "Marque Démo",
    "product": "Sérum",
    "product_category": "cosmetics",
    "business_aim": "conversion",
    "budget_eur_ht": 45000,
    "launch_date": dt.date(2027, 3, 15),
    "target": {
        "description_fr": "Femmes 18–34 ans",
        "description_en": "Women aged 18–34",
        "female_share": 0.8,
        "age_bands": ["18_24", "25_34"],
        "countries": ["FR", "BE"],
    },
    "niches": ["beauty"],
    "constraints_fr": "Pas d'alcool",
    "constraints_en": "No alcohol",
}


def full_plan() -> Plan:
    plan = Plan.from_case(CASE)
    plan.shortlist = [ShortlistEntry(influencer_id="INF0001", role="ambassador", note="=1+1")]
    plan.objectives = [
        Objective(
            kpi="conversions",
            baseline=0,
            target=500,
            start=dt.date(2027, 3, 1),
            end=dt.date(2027, 3, 31),
        )
    ]
    plan.deliverables = [Deliverable(influencer_id="INF0001", platform="instagram", format="reel")]
    plan.tasks = [Task(task_id="brief", name="Brief", duration_days=5, depends_on=[])]
    plan.budget_lines = [BudgetLine(category="influencer_fee", unit_cost_eur_ht=1200.5)]
    plan.kpi_targets = [KpiTarget(kpi="cpa", target=15)]
    plan.results = [ResultRow(influencer_id="INF0001", impressions=1000, revenue_eur=99.9)]
    return plan


@pytest.mark.parametrize(
    "lang, title, notes, constraints",
    [
        ("fr", "Lancement démo", "Un brief en français.", "Pas d'alcool"),
        ("en", "Demo launch", "A brief in English.", "No alcohol"),
    ],
)
def test_from_case_fills_the_brief_in_the_users_language(lang, title, notes, constraints):
    """Starting from a case study copies the brief, in the language the trainee works in."""
    plan = Plan.from_case(CASE, lang)
    assert plan.title == title
    assert plan.case_id == "demo"
    assert plan.brief.brand == "Marque Démo"
    assert plan.brief.budget_eur_ht == 45000
    assert plan.brief.launch_date == dt.date(2027, 3, 15)
    assert plan.brief.target_audience.age_bands == ["18_24", "25_34"]
    assert plan.brief.context == notes
    assert plan.brief.notes == ""
    assert plan.brief.constraints == constraints


def test_json_round_trip_is_exact():
    """A plan written to JSON and read back is the same plan, field for field."""
    plan = full_plan()
    again = Plan.model_validate_json(plan.model_dump_json())
    assert again == plan
    assert again.model_dump_json() == plan.model_dump_json()


def test_duplicate_is_a_deep_copy():
    """Editing a duplicate never changes the original."""
    plan = full_plan()
    copy = plan.duplicate(" (copie)")
    copy.shortlist[0].note = "changed"
    copy.brief.brand = "Autre"
    assert plan.shortlist[0].note == "=1+1"
    assert plan.brief.brand == "Marque Démo"
    assert copy.title.endswith("(copie)")


def test_tokens_carry_at_least_128_random_bits():
    """Plan links cannot be guessed: tokens are long, URL-safe and unique."""
    tokens = {new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    for token in tokens:
        assert len(token) * 6 >= 128
        assert all(c.isalnum() or c in "-_" for c in token)


@pytest.mark.parametrize(
    "raw, key",
    [
        (b"not json at all", "plan.error_not_json"),
        (b"\xff\xfe\x00garbage", "plan.error_not_json"),
        (b"[1, 2, 3]", "plan.error_not_plan"),
        (b'{"title": "no brief"}', "plan.error_not_plan"),
        (b'{"brief": {"budget_eur_ht": -5}}', "plan.error_schema"),
        (b'{"brief": {"launch_date": "2027-02-30"}}', "plan.error_schema"),
        (b'{"brief": {}, "schema_version": 99}', "plan.error_newer_version"),
        (b'{"brief": {}, "schema_version": 0}', "plan.error_version"),
        (b'{"brief": {}, "schema_version": "x"}', "plan.error_version"),
    ],
)
def test_a_bad_plan_file_is_refused_with_a_reason(raw, key):
    """A rejected upload names what is wrong, in words the catalogue holds in both languages."""
    with pytest.raises(UserError) as caught:
        plan_from_json(raw)
    assert caught.value.key == key
    for lang in ("fr", "en"):
        message = caught.value.message(lang)
        assert message != key and "{" not in message


def test_a_too_big_file_is_refused(monkeypatch):
    """A file over the size limit is refused before it is even parsed, saying the limit."""
    monkeypatch.setattr(limits, "PLAN_BYTES", limits.Limit("plan_bytes", 100, "bytes"))
    with pytest.raises(UserError) as caught:
        plan_from_json(json.dumps({"brief": {}, "title": "x" * 200}))
    assert caught.value.key == "limits.plan_bytes"


def test_an_older_plan_is_migrated_step_by_step(monkeypatch):
    """A plan saved by an older version is brought up to date before it is read."""
    monkeypatch.setattr(plan_module, "SCHEMA_VERSION", 3)
    monkeypatch.setattr(
        plan_module,
        "MIGRATIONS",
        {
            1: lambda d: {**d, "title": d.pop("name", "")},
            2: lambda d: {**d, "title": d["title"].upper()},
        },
    )
    migrated = migrate({"schema_version": 1, "name": "ancien", "brief": {}})
    assert migrated["schema_version"] == 3
    assert migrated["title"] == "ANCIEN"


def test_the_current_version_needs_no_migration():
    """Today's plans read back untouched."""
    data = json.loads(full_plan().model_dump_json())
    assert migrate(dict(data)) == data


def test_published_schema_matches_the_model():
    """docs/plan.schema.json is the schema the code validates against (run `make schema`)."""

    from influkit.plan.schema import schema_text

    published = ROOT / "docs" / "plan.schema.json"
    assert published.read_text(encoding="utf-8") == schema_text()


def test_plan_messages_exist_in_both_languages():
    """Every plan error has a French and an English text."""
    for key in ("limits.plan_bytes", "plan.error_not_json", "plan.error_schema"):
        assert catalogue("fr")[key] != catalogue("en")[key]


# --- a plan that validates always loads, renders and exports ---------------------------------


@pytest.mark.parametrize(
    "raw, field",
    [
        ('{"brief": {"budget_eur_ht": NaN}}', "brief.budget_eur_ht"),
        ('{"brief": {"budget_eur_ht": Infinity}}', "brief.budget_eur_ht"),
        ('{"brief": {"budget_eur_ht": 1e400}}', "brief.budget_eur_ht"),
        ('{"brief": {}, "results": [{"impressions": -Infinity}]}', "results.0.impressions"),
        ('{"brief": {}, "settings": {"brand_fit_weights": {"reach": NaN}}}', "settings"),
        (
            '{"brief": {}, "remunerations": [{"influencer_id": "A", "params": {"fee": 1e999}}]}',
            "remunerations",
        ),
    ],
)
def test_a_plan_with_a_number_that_is_not_finite_is_refused(raw, field):
    """NaN, infinity or 1e400 anywhere in a plan file is refused with the field's name, so a
    plan that opens can always be saved and opened again."""
    with pytest.raises(UserError) as caught:
        plan_from_json(raw)
    assert caught.value.key == "plan.error_schema"
    assert caught.value.params["field"].startswith(field)


@pytest.mark.parametrize(
    "setting, value, default",
    [
        ("tier_scheme", "martian", "hypeauditor"),
        ("er_basis", "likes", "followers"),
        ("er_method", "mode", "mean"),
        ("tier_scheme", 42, "hypeauditor"),
    ],
)
def test_an_unknown_setting_code_opens_on_the_default(setting, value, default):
    """An older or hand-edited plan with a code this version does not know still opens, on the
    default, and its workbook can be exported."""
    from influkit.exports import plan_workbook

    plan = plan_from_json(json.dumps({"brief": {}, "settings": {setting: value}}))
    assert getattr(plan.settings, setting) == default
    assert plan_workbook(plan, "fr")


def test_unknown_platform_codes_are_left_empty():
    """A platform this version does not know becomes "not chosen" rather than a broken export."""
    raw = {
        "brief": {},
        "deliverables": [{"influencer_id": "A", "platform": "myspace"}],
        "results": [{"platform": "Instagram"}],
        "communication": {"channels": [{"influencer_id": "A", "platforms": ["x", "orkut"]}]},
    }
    plan = plan_from_json(json.dumps(raw))
    assert plan.deliverables[0].platform == ""
    assert plan.results[0].platform == "instagram"
    assert plan.communication.channels[0].platforms == ["x"]


def test_codes_are_enums_in_the_published_schema():
    """The JSON schema lists the allowed settings codes, so other tools can check a plan."""
    schema = json.dumps(plan_module.json_schema())
    for code in ("hypeauditor", "later_fohr", "median_likes", "impressions"):
        assert f'"{code}"' in schema
    settings = plan_module.json_schema()["$defs"]["Settings"]["properties"]
    assert set(settings["tier_scheme"]["enum"]) == set(plan_module.TIER_SCHEME_CODES)


def test_setting_codes_match_the_metrics_module():
    """The plan's codes are exactly those the formulas know."""
    from influkit import metrics

    assert set(plan_module.TIER_SCHEME_CODES) == set(metrics.TIER_SCHEMES)
    assert plan_module.ER_BASES == metrics.BASES
    assert plan_module.ER_METHODS == metrics.METHODS


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Marque\x0bDeux", "MarqueDeux"),
        ("a\x00b\x1fc\x7fd\x85e", "abcde"),
        ("lone \ud800 surrogate", "lone  surrogate"),
        ("ligne 1\r\nligne 2\rligne 3", "ligne 1\nligne 2\nligne 3"),
        ("tab\tand\nnew line stay", "tab\tand\nnew line stay"),
        ("émoji 🎉 « guillemets »", "émoji 🎉 « guillemets »"),
    ],
)
def test_text_is_cleaned_of_control_characters_and_lone_surrogates(text, kept):
    """Text from a file or a field never keeps characters no file format can write."""
    plan = plan_from_json(json.dumps({"brief": {"brand": text}, "notes": {text: text}}))
    assert plan.brief.brand == kept
    assert plan.notes == {kept: kept}
    plan.title = text
    assert plan.title == kept
    assert plan_from_json(plan.model_dump_json().encode("utf-8")) == plan


def test_a_file_nested_too_deep_is_refused_before_parsing():
    """A JSON file nested 100 000 levels deep gets a message naming the limit, not a crash."""
    with pytest.raises(UserError) as caught:
        plan_from_json('{"brief": {}, "notes": ' + "[" * 100_000 + "]" * 100_000 + "}")
    assert caught.value.key == "limits.json_depth"
    assert "64" in caught.value.message("fr")


def test_a_list_over_the_count_limit_is_refused_on_load_and_on_save():
    """150 000 shortlist entries are refused on upload, and a plan cannot be saved with them."""
    from influkit.data.limits import LimitExceeded
    from influkit.plan.model import plan_json

    entries = [{"influencer_id": f"I{i}"} for i in range(limits.PLAN_LIST_ITEMS.value + 1)]
    with pytest.raises(LimitExceeded) as caught:
        plan_from_json(json.dumps({"brief": {}, "shortlist": entries}))
    assert caught.value.key == "limits.plan_list_items"
    assert "10 000" in caught.value.message("fr").replace("\u202f", " ").replace("\xa0", " ")
    plan = Plan()
    plan.shortlist = [ShortlistEntry(influencer_id=e["influencer_id"]) for e in entries]
    with pytest.raises(LimitExceeded):
        plan_json(plan)


def test_what_a_save_accepts_always_loads_again():
    """The size a save allows is the size a load allows, measured on the same JSON."""
    from influkit.data.limits import LimitExceeded
    from influkit.plan.model import plan_json

    plan = Plan(client_learnings="é" * (limits.PLAN_BYTES.value // 2 - 2_000))
    data = plan_json(plan)
    assert plan_from_json(data) == plan
    plan.client_learnings += "é" * 2_000
    with pytest.raises(LimitExceeded):
        plan_json(plan)
