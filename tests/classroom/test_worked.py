"""Worked examples in both languages: the English one of each case study is written in English
and holds exactly the French one's numbers; a language without its own falls back to French."""

import json
import re

import pytest

from influkit.campaign import communication
from influkit.classroom import worked
from influkit.data import datasets
from influkit.identify import profiles
from influkit.plan.model import plan_json
from influkit.strategy import objectives as smart

#: The plan's fields whose value is text written for people (the rest are numbers, dates, codes).
TEXT_FIELDS = {
    "title", "product", "description", "context", "constraints", "note", "audience", "offer",
    "name", "label", "key_messages", "key_message", "message", "promise", "problem",
    "story_arc", "call_to_action",
}  # fmt: skip
#: Words a French sentence can hardly do without, and no English sentence uses (written in
#: lower case: a capitalised "Les" starts a name, such as a game's title).
FRENCH_FUNCTION_WORDS = {
    "le",
    "les",
    "des",
    "du",
    "et",
    "pour",
    "avec",
    "sur",
    "une",
    "dans",
    "aux",
}
#: Words of the plan's own French texts, in any case.
FRENCH_WORDS = {
    "corrigé", "formateur", "rémunération", "produits", "envoi", "création", "relecture",
    "contenus", "bilan", "cible", "abonnés", "vidéo", "repérage", "prise", "contact",
}  # fmt: skip
QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»')


def _leaves(data, path=()):
    """Every (path, value) of a JSON document, with list positions in the path."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path, data


def _field(path) -> str:
    """The field a leaf belongs to: the last name in its path (a list item is its list's)."""
    return next(part for part in reversed(path) if isinstance(part, str))


def _texts(data) -> list[str]:
    return [v for p, v in _leaves(data) if _field(p) in TEXT_FIELDS and isinstance(v, str) and v]


def _as_json(case_id: str, lang: str) -> dict:
    return json.loads(plan_json(worked.worked_example(case_id, lang)))


@pytest.mark.parametrize("case_id", datasets.case_ids())
def test_the_english_worked_example_holds_the_french_ones_numbers(case_id):
    """Every number, date, choice and code of the English worked example is the French one's:
    only the texts written for people differ."""
    french, english = _as_json(case_id, "fr"), _as_json(case_id, "en")
    fr_leaves, en_leaves = dict(_leaves(french)), dict(_leaves(english))
    assert fr_leaves.keys() == en_leaves.keys()
    differing = {p for p in fr_leaves if fr_leaves[p] != en_leaves[p]}
    assert differing, "the English worked example is translated"
    assert {p for p in differing if _field(p) not in TEXT_FIELDS} == set()


@pytest.mark.parametrize("case_id", datasets.case_ids())
def test_the_english_worked_example_is_written_in_english(case_id):
    """The English worked example's own texts (title, brief, objective, tasks, budget lines,
    key messages, storytelling, notes) carry no French words, once names and quoted mentions
    are set aside."""
    plan = worked.worked_example(case_id, "en")
    table = profiles.influencer_table(plan)
    names = {
        str(n)
        for n in table.loc[table["influencer_id"].isin(plan.shortlisted_ids()), "display_name"]
    }
    names |= {plan.brief.brand, smart.short_offer(datasets.case(case_id)["product"])}
    found = set()
    for text in _texts(json.loads(plan_json(plan))):
        text = QUOTED.sub(" ", text)
        for name in sorted(names, key=len, reverse=True):
            text = text.replace(name, " ")
        words = re.findall(r"[\wÀ-ÿ]+", text)
        found |= {w for w in words if w in FRENCH_FUNCTION_WORDS or w.lower() in FRENCH_WORDS}
    assert found == set()


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("case_id", datasets.case_ids())
def test_each_worked_example_has_a_communication_plan(case_id, lang):
    """Each worked example holds key messages, a complete storytelling and a channel plan for
    every shortlisted influencer."""
    plan = worked.worked_example(case_id, lang)
    done = communication.completeness(plan, lang).set_index("item")["done"]
    assert done[["key_messages", "storytelling", "channels"]].all()


def test_a_language_without_its_own_worked_example_gets_the_french_one():
    """Asked in a language the worked examples are not written in, the French one opens."""
    case_id = worked.case_ids()[0]
    assert worked.worked_example(case_id, "de") == worked.worked_example(case_id, "fr")
    with pytest.raises(KeyError):
        worked.worked_example("no-such-case", "en")


def test_a_duplicated_worked_example_keeps_its_language():
    """Duplicating the English worked example gives a new plan with the English texts."""
    case_id = worked.case_ids("en")[0]
    copy = worked.duplicate(case_id, " (copy)", "en")
    assert copy.title == worked.worked_example(case_id, "en").title + " (copy)"
    assert copy.title != worked.duplicate(case_id, " (copy)", "fr").title
