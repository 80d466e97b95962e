"""Compliance with the French law on commercial influence: the contract threshold, caption
mentions in French and English, sector rules, reminders and contract clauses."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from influkit.campaign.compliance import (
    CONTRACT_CLAUSES,
    REMINDERS,
    SECTOR_STATUSES,
    SECTORS,
    Finding,
    check_caption,
    check_sector,
    contract_required,
    contract_value_for_influencer,
    missing_clauses,
)
from influkit.errors import UserError
from influkit.plan.model import BudgetLine
from influkit.text import i18n

# ---------------------------------------------------------------------------------------------
# Contract threshold


@pytest.mark.parametrize(
    "amount, required",
    [
        (0, False),
        (999.99, False),
        (1000, True),
        (1000.0, True),
        (1000.01, True),
        (25_000, True),
        # Summed floats a hair under 1 000 € are 1 000 € to the cent.
        (sum([0.1] * 10_000), True),
        (float("nan"), False),
        (None, False),
    ],
)
def test_contract_threshold_is_1000_euros_inclusive(amount, required):
    """A written contract is required from 1 000 € HT included, not below."""
    assert contract_required(amount) is required


def test_contract_threshold_is_vectorised():
    """Lists, arrays and Series give one answer per amount, in the same shape."""
    amounts = [999.99, 1000, 1000.01]
    assert contract_required(amounts).tolist() == [False, True, True]
    assert contract_required(np.array(amounts)).tolist() == [False, True, True]
    series = contract_required(pd.Series(amounts + [np.nan], index=list("abcd")))
    assert series.to_dict() == {"a": False, "b": True, "c": True, "d": False}


@pytest.mark.parametrize(
    "items, total",
    [
        ([{"remuneration_eur_ht": 600}, {"in_kind_value_eur_ht": 399.99}], 999.99),
        ([{"remuneration_eur_ht": 600, "in_kind_value_eur_ht": 400}], 1000),
        ([], 0),
        # Budget lines: fees, usage rights and gifts count; shipping and agency do not.
        (
            [
                {"category": "influencer_fee", "quantity": 2, "unit_cost_eur_ht": 300},
                {"category": "usage_rights", "quantity": 1, "unit_cost_eur_ht": 150},
                {"category": "gifting", "quantity": 3, "unit_cost_eur_ht": 50},
                {"category": "shipping", "quantity": 3, "unit_cost_eur_ht": 9},
                {"category": "agency", "quantity": 1, "unit_cost_eur_ht": 800},
            ],
            900,
        ),
        ([BudgetLine(category="influencer_fee", quantity=4, unit_cost_eur_ht=250)], 1000),
        (pd.DataFrame({"remuneration_eur_ht": [500, 500.01]}), 1000.01),
        (
            pd.DataFrame({"remuneration_eur_ht": [800, None], "in_kind_value_eur_ht": [None, 150]}),
            950,
        ),
    ],
)
def test_contract_value_sums_remuneration_and_in_kind(items, total):
    """Remuneration plus the value of benefits in kind, for one influencer and one advertiser."""
    assert contract_value_for_influencer(items) == pytest.approx(total)


def test_contract_value_refuses_negative_amounts():
    """A negative amount is a typing mistake the user is told about."""
    with pytest.raises(UserError) as caught:
        contract_value_for_influencer([{"remuneration_eur_ht": -10}])
    assert caught.value.key == "compliance.error_amount"


# ---------------------------------------------------------------------------------------------
# Captions

CAPTIONS = [
    # text, audience language, flags, expected finding codes
    ("Publicité pour @maison_lune : ma routine du soir", "fr", {}, []),
    ("PUBLICITE – ma routine", "fr", {}, []),
    ("#pub Ma nouvelle crème préférée", "fr", {}, []),
    ("#publicité avec @marque", "fr", {}, []),
    ("Collaboration commerciale avec @marque", "fr", {}, []),
    ("collab commerciale @marque 💛", "fr", {}, []),
    ("#CollaborationCommerciale @marque", "fr", {}, []),
    ("Collaboration rémunérée avec @marque", "fr", {}, []),
    ("Partenariat rémunéré avec @marque", "fr", {}, []),
    ("En partenariat avec @marque, je teste…", "fr", {}, []),
    ("Sponsorisé par @marque", "fr", {}, []),
    ("#sponsorisé voyage à Lisbonne", "fr", {}, []),
    ("#SPONSORISE", "fr", {}, []),
    # English wordings: clear in English, weak for a French audience.
    ("#ad my evening routine", "fr", {}, ["weak_commercial_mention"]),
    ("#sponsored trip to Lisbon", "fr", {}, ["weak_commercial_mention"]),
    ("Paid partnership with @brand", "fr", {}, ["weak_commercial_mention"]),
    ("Advertisement: new serum", "fr", {}, ["weak_commercial_mention"]),
    ("#ad my evening routine", "en", {}, []),
    ("#sponsored trip to Lisbon", "en", {}, []),
    ("Paid partnership with @brand", "en", {}, []),
    ("Advertisement: new serum", "en", {}, []),
    ("Publicité – new serum", "en", {}, []),
    # Vague or cryptic mentions.
    ("Merci @marque pour cette collab !", "fr", {}, ["weak_commercial_mention"]),
    ("Thanks @brand, #gifted", "en", {}, ["weak_commercial_mention"]),
    ("#sp trop contente", "fr", {}, ["unclear_commercial_mention"]),
    ("#spon love it", "en", {}, ["unclear_commercial_mention"]),
    # No mention at all.
    ("Ma routine du soir ✨ #skincare", "fr", {}, ["missing_commercial_mention"]),
    ("", "fr", {}, ["missing_commercial_mention"]),
    (None, "en", {}, ["missing_commercial_mention"]),
    ("Le public adore ces pubs-là", "fr", {}, ["missing_commercial_mention"]),
    ("my public routine", "en", {}, ["missing_commercial_mention"]),
    ("Drinks at the pub tonight #pub", "en", {}, ["missing_commercial_mention"]),
    # Not sponsored: nothing to declare.
    ("Ma routine du soir", "fr", {"sponsored": False}, []),
    # Hidden at the end, after a cloud of hashtags or beyond the "… more" fold.
    ("Ma routine #skincare #beauty #glow #pub", "fr", {}, ["commercial_mention_hidden"]),
    ("Ma routine " + "très " * 30 + "douce. Publicité", "fr", {}, ["commercial_mention_hidden"]),
    (
        "Routine #skincare #beauty #glow #ad",
        "fr",
        {},
        ["weak_commercial_mention", "commercial_mention_hidden"],
    ),
    ("Publicité #skincare #beauty #glow #love", "fr", {}, []),
    # Retouched and AI images.
    ("Publicité", "fr", {"retouched": True}, ["missing_retouched_mention"]),
    ("Publicité – Image retouchée", "fr", {"retouched": True}, []),
    ("Publicité - IMAGE RETOUCHEE", "fr", {"retouched": True}, []),
    ("Ad – retouched image", "en", {"retouched": True}, []),
    ("Publicité – retouched image", "fr", {"retouched": True}, ["missing_retouched_mention"]),
    ("Publicité", "fr", {"ai_generated": True}, ["missing_virtual_mention"]),
    ("Publicité · Image virtuelle", "fr", {"ai_generated": True}, []),
    ("Ad · virtual image", "en", {"ai_generated": True}, []),
    (
        "Ma routine",
        "fr",
        {"retouched": True, "ai_generated": True},
        ["missing_commercial_mention", "missing_retouched_mention", "missing_virtual_mention"],
    ),
    (
        "Image retouchée, image virtuelle",
        "fr",
        {"sponsored": False, "retouched": True, "ai_generated": True},
        [],
    ),
]


@pytest.mark.parametrize("text, lang, flags, codes", CAPTIONS)
def test_captions(text, lang, flags, codes):
    """A caption is compliant when its mentions are there, clear and visible; else each gap is named."""
    findings = check_caption(text, lang=lang, **flags)
    assert [f.code for f in findings] == codes


@pytest.mark.parametrize(
    "text, level",
    [
        ("#ad", "warning"),
        ("#sp", "error"),
        ("rien", "error"),
        ("Bonjour #a #b #c #pub", "warning"),
    ],
)
def test_finding_levels(text, level):
    """Weak or buried mentions are warnings; a missing or cryptic one is an error."""
    assert check_caption(text)[0].level == level


def test_a_finding_reads_in_both_languages_and_quotes_the_caption():
    """A finding's message quotes what was found, in the language asked or the check's language."""
    finding = check_caption("Super #AD !", lang="fr")[0]
    assert finding.params == {"found": "#AD"}
    assert "#AD" in finding.message() and "Publicité" in finding.message()
    assert "French audience" in finding.message("en")
    hidden = check_caption("Coucou #a #b #c #Publicité")[0]
    assert hidden.params["hashtags_before"] == 3 and hidden.params["found"] == "#Publicité"


def test_a_caption_must_be_text():
    """A number is not a caption."""
    with pytest.raises(UserError):
        check_caption(42)  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Sectors


@pytest.mark.parametrize(
    "category, kwargs, codes, level",
    [
        ("cosmetics", {}, [], None),
        ("fashion", {}, [], None),
        ("software", {}, [], None),
        ("toys", {}, [], None),
        ("", {}, [], None),
        (None, {}, [], None),
        ("aesthetic_surgery", {}, ["sector_forbidden"], "error"),
        ("therapeutic_abstention", {}, ["sector_forbidden"], "error"),
        ("nicotine", {}, ["sector_forbidden"], "error"),
        ("tobacco", {}, ["sector_forbidden"], "error"),
        ("animals_unlisted", {}, ["sector_forbidden"], "error"),
        ("crypto_unregistered", {}, ["sector_forbidden"], "error"),
        ("financial_services_unregistered", {}, ["sector_forbidden"], "error"),
        ("sports_betting_tips", {}, ["sector_forbidden"], "error"),
        ("alcohol", {}, ["sector_regulated"], "warning"),
        ("medicine", {}, ["sector_regulated"], "warning"),
        ("financial_services", {}, ["sector_regulated"], "warning"),
        ("crypto", {}, ["sector_regulated"], "warning"),
        ("food", {}, ["sector_regulated"], "warning"),
        (" Alcohol ", {}, ["sector_regulated"], "warning"),
        ("gambling", {}, ["gambling_check_minors"], "warning"),
        ("gambling", {"minors_excluded": True}, ["sector_regulated"], "warning"),
        ("gambling", {"minors_excluded": False}, ["gambling_minors_not_excluded"], "error"),
        ("unicorns", {}, ["sector_unknown"], "warning"),
    ],
)
def test_sector_checks(category, kwargs, codes, level):
    """Forbidden sectors (art. 4) are errors, regulated ones (art. 3) warnings, others pass."""
    findings = check_sector(category, "fr", **kwargs)
    assert [f.code for f in findings] == codes
    if level:
        assert findings[0].level == level


@pytest.mark.parametrize("code", sorted(SECTORS))
def test_every_sector_has_a_label_and_non_allowed_ones_a_rule(code):
    """Every sector reads in both languages; a forbidden or regulated one explains its rule."""
    assert SECTORS[code].status in SECTOR_STATUSES
    for lang in ("fr", "en"):
        assert i18n.has(f"compliance.sector.{code}", lang)
        for finding in check_sector(code, lang):
            assert i18n.has(finding.message_key, lang)
            assert finding.lang == lang


def test_the_law_lists_are_complete():
    """Each product the law forbids or regulates has a sector code."""
    forbidden = {c for c, s in SECTORS.items() if s.status == "forbidden"}
    regulated = {c for c, s in SECTORS.items() if s.status == "regulated"}
    assert {
        "aesthetic_surgery",
        "therapeutic_abstention",
        "nicotine",
        "animals_unlisted",
        "financial_services_unregistered",
        "crypto_unregistered",
        "sports_betting_tips",
    } <= forbidden
    assert {"alcohol", "medicine", "financial_services", "food", "gambling"} <= regulated


# ---------------------------------------------------------------------------------------------
# Reminders, clauses and the catalogue


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_reminders_and_clauses_have_labels(lang):
    """Every reminder and mandatory clause reads in both languages."""
    for code in REMINDERS:
        assert i18n.has(f"compliance.reminder.{code}", lang)
    for code in CONTRACT_CLAUSES:
        assert i18n.has(f"compliance.clause.{code}", lang)


@pytest.mark.parametrize(
    "checked, missing",
    [
        ({}, list(CONTRACT_CLAUSES)),
        (set(CONTRACT_CLAUSES), []),
        (
            {"identities": True, "missions": True, "french_law": False},
            [
                "tax_residence",
                "remuneration",
                "in_kind_value",
                "rights_obligations",
                "intellectual_property",
                "french_law",
            ],
        ),
    ],
)
def test_missing_clauses(checked, missing):
    """The clauses not ticked yet, in the checklist's order."""
    assert missing_clauses(checked) == missing


def test_the_clause_checklist_covers_the_law():
    """Identities, tax residence, missions, pay, in-kind value, rights incl. IP, French law."""
    assert set(CONTRACT_CLAUSES) >= {
        "identities",
        "tax_residence",
        "missions",
        "remuneration",
        "in_kind_value",
        "rights_obligations",
        "intellectual_property",
        "french_law",
    }


@pytest.mark.parametrize(
    "code",
    [
        "missing_commercial_mention",
        "weak_commercial_mention",
        "unclear_commercial_mention",
        "commercial_mention_hidden",
        "missing_retouched_mention",
        "missing_virtual_mention",
        "sector_unknown",
        "gambling_minors_not_excluded",
    ],
)
def test_every_caption_finding_has_a_message(code):
    """Each finding code has its message in French and English, filled without leftovers."""
    finding = Finding(
        code,
        "error",
        f"compliance.finding.{code}",
        {"found": "#ad", "position": 130, "hashtags_before": 4, "sector": "x"},
    )
    for lang in ("fr", "en"):
        text = finding.message(lang)
        assert text != finding.message_key and "{" not in text
