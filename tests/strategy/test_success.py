"""The dashboard of success conditions: each condition's state on hand-built plans, the contract
threshold, French-law checks, the critical path with today fixed, the score, both languages."""

from __future__ import annotations

import datetime as dt
import string

import pytest

from influkit.campaign import compliance
from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import profiles, quality
from influkit.operations import deliverables as actions
from influkit.plan.model import BudgetLine, Deliverable, Plan
from influkit.strategy import objectives as smart
from influkit.strategy import success
from influkit.text import i18n

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(scope="module")
def table():
    """The sample influencer table (imported influencers aside)."""
    return profiles.influencer_table(Plan())


def case_plan(table, shortlist: int = 3) -> Plan:
    """The Verdelune case with beauty micro-influencers on Instagram on its shortlist."""
    plan = Plan.from_case(datasets.case("cosmetique-lancement"), "fr")
    chosen = table[
        (table["niche"] == "beauty")
        & (table["platform"] == "instagram")
        & (table["tier"] == "micro")
    ]["influencer_id"].head(shortlist)
    for influencer_id in chosen:
        plan.add_to_shortlist(influencer_id)
    return plan


def fee(influencer_id: str | None, amount: float, category: str = "influencer_fee") -> BudgetLine:
    """A budget line of ``amount`` € HT."""
    return BudgetLine(category=category, influencer_id=influencer_id, unit_cost_eur_ht=amount)


def by_code(conditions) -> dict[str, success.Condition]:
    """The conditions keyed by code."""
    return {c.code: c for c in conditions}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_empty_plan_is_all_todo(lang, table):
    """A blank plan has every condition, none met, each saying what to do first."""
    found = success.conditions(Plan(), today=TODAY, table=table, lang=lang)
    assert [c.code for c in found] == list(success.CODES)
    assert {c.state for c in found} == {"todo"}
    assert success.score(found) == (0, len(success.CODES))
    for condition in found:
        assert condition.message and condition.next_step
        assert "success." not in condition.message + condition.next_step


@pytest.mark.parametrize(
    ("amount", "required", "signed", "clauses", "state"),
    [
        (999.99, False, False, [], "ok"),
        (1000.0, True, False, [], "error"),
        (1000.0, True, True, [], "warning"),
        (1000.0, True, True, list(compliance.CONTRACT_CLAUSES), "ok"),
        (2500.0, True, False, list(compliance.CONTRACT_CLAUSES), "error"),
    ],
)
def test_contract_threshold_signature_and_clauses(table, amount, required, signed, clauses, state):
    """From 1 000 € HT a written contract is required: unsigned blocks, missing clauses warn."""
    plan = case_plan(table, shortlist=1)
    (influencer_id,) = plan.shortlisted_ids()
    plan.budget_lines = [fee(influencer_id, amount)]
    success.set_signed(plan, influencer_id, signed)
    success.set_clauses(plan, influencer_id, clauses)
    rows = success.compliance_table(plan, table)
    assert rows.loc[0, "amount_eur_ht"] == pytest.approx(amount)
    assert rows.loc[0, "amount_source"] == "budget"
    assert bool(rows.loc[0, "contract_required"]) is required
    assert success.contracts_condition(plan, "fr", rows).state == state


@pytest.mark.parametrize(
    ("lines", "amount"),
    [
        ([("influencer_fee", 600), ("gifting", 400)], 1000.0),
        ([("influencer_fee", 600), ("shipping", 400)], 600.0),
        ([("usage_rights", 300), ("paid_amplification", 900)], 300.0),
    ],
)
def test_contract_amount_counts_remuneration_and_in_kind(table, lines, amount):
    """Fees, usage rights and products given count for the threshold; shipping and ads do not."""
    plan = case_plan(table, shortlist=1)
    (influencer_id,) = plan.shortlisted_ids()
    plan.budget_lines = [fee(influencer_id, cost, category) for category, cost in lines]
    row = success.compliance_table(plan, table).iloc[0]
    assert row["amount_eur_ht"] == pytest.approx(amount)


def test_contract_amount_falls_back_on_deliverable_fees(table):
    """Without budget lines nor a chosen model, the deliverables' fees give the amount."""
    plan = case_plan(table, shortlist=1)
    (influencer_id,) = plan.shortlisted_ids()
    plan.deliverables = [Deliverable(influencer_id=influencer_id, compensation_eur_ht=1200)]
    row = success.compliance_table(plan, table).iloc[0]
    assert (row["amount_source"], row["contract_required"]) == ("deliverables", True)


@pytest.mark.parametrize(
    ("category", "reminders", "state"),
    [
        ("tobacco", list(success.REMINDERS), "error"),
        ("aesthetic_surgery", [], "error"),
        ("alcohol", list(success.REMINDERS), "warning"),
        ("cosmetics", [], "todo"),
        ("cosmetics", list(success.REMINDERS)[:3], "todo"),
        ("cosmetics", list(success.REMINDERS), "ok"),
    ],
)
def test_law_sector_and_reminders(table, category, reminders, state):
    """A forbidden sector blocks, a regulated one warns, unticked reminders are still to do."""
    plan = Plan()
    plan.brief.product_category = category
    for code in reminders:
        success.set_reminder(plan, code, True)
    rows = success.compliance_table(plan, table)
    assert success.law_condition(plan, "fr", rows).state == state


def test_law_warns_on_undisclosed_sponsored_posts_until_briefed(table):
    """Shortlisted accounts with undisclosed sponsored posts warn until the mention is required."""
    plan = case_plan(table)
    plan.brief.product_category = "cosmetics"
    rows = success.compliance_table(plan, table)
    assert (rows["disclosure_rate"] < 1).any()
    condition = success.law_condition(plan, "fr", rows)
    assert condition.state == "warning"
    assert any("%" in line for line in condition.details)
    for code in success.REMINDERS:
        success.set_reminder(plan, code, True)
    assert success.law_condition(plan, "fr", rows).state == "ok"


def test_reminders_are_stored_in_order_and_unknown_ones_refused():
    """Ticking keeps the checklist's order; unticking removes; an unknown code is a user error."""
    plan = Plan()
    assert success.set_reminder(plan, "gdpr_rights", True)
    assert success.set_reminder(plan, "commercial_intent", True)
    assert not success.set_reminder(plan, "commercial_intent", True)
    assert plan.compliance.reminders_checked == ["commercial_intent", "gdpr_rights"]
    assert success.set_reminder(plan, "gdpr_rights", False)
    assert plan.compliance.reminders_checked == ["commercial_intent"]
    with pytest.raises(UserError):
        success.set_reminder(plan, "nonsense", True)


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (dt.date(2026, 12, 1), "ok"),
        (dt.date(2027, 1, 20), "error"),
        (dt.date(2027, 3, 15), "error"),
    ],
)
def test_critical_path_with_today_fixed(table, today, state):
    """A retro-planning whose first task is already past (or whose launch is) is an error."""
    plan = case_plan(table)
    plan.tasks = actions.tasks_for_plan(plan, "fr")
    condition, scheduled = success.critical_path_condition(plan, "fr", today)
    assert condition.state == state
    assert scheduled is not None and len(scheduled) == len(plan.tasks)


def test_critical_path_without_launch_date_says_why(table):
    """Tasks but no launch date: an error carrying the scheduler's own message."""
    plan = case_plan(table)
    plan.tasks = actions.tasks_for_plan(plan, "fr")
    plan.brief.launch_date = None
    condition, scheduled = success.critical_path_condition(plan, "fr", TODAY)
    assert (condition.state, scheduled) == ("error", None)
    assert i18n.t("gantt.error_no_launch", "fr") in condition.message


@pytest.mark.parametrize(
    ("lines", "state", "case"),
    [
        ([], "todo", "todo"),
        ([("a", 40000.0)], "warning", "unbudgeted"),
        ([("a", 20000.0), ("b", 20000.0), ("c", 6000.0)], "error", "over"),
        ([("a", 15000.0), ("b", 15000.0), ("c", 14000.0)], "warning", "tight"),
        ([("a", 15000.0), ("b", 15000.0), ("c", 15000.0)], "warning", "tight"),
        ([("a", 10000.0), ("b", 10000.0), ("c", 10000.0)], "ok", "ok"),
    ],
)
def test_budget_covers_the_plan(table, lines, state, case):
    """Over the envelope blocks; under 5 % left or an unbudgeted influencer warns."""
    plan = case_plan(table)  # envelope 45 000 € HT, three influencers
    ids = dict(zip("abc", plan.shortlisted_ids(), strict=True))
    plan.budget_lines = [fee(ids[who], cost) for who, cost in lines]
    condition = success.budget_condition(plan, "fr", {})
    assert condition.state == state
    assert condition.message.startswith(
        i18n.catalogue("fr")[f"success.budget.{case}"].split("{")[0]
    )


def test_over_budget_says_by_how_much(table):
    """An over-budget plan says the overshoot in euros, French format."""
    plan = case_plan(table, shortlist=1)
    plan.budget_lines = [fee(plan.shortlisted_ids()[0], 46_500)]
    condition = success.budget_condition(plan, "fr", {})
    assert condition.state == "error"
    assert "1 500 €" in condition.message.replace("\u202f", " ").replace("\u00a0", " ")


def test_late_deliverable_is_an_error(table):
    """A deliverable whose brief should have gone out already is late: the condition blocks."""
    plan = case_plan(table, shortlist=1)
    (influencer_id,) = plan.shortlisted_ids()
    plan.deliverables = [
        Deliverable(influencer_id=influencer_id, platform="instagram", format="reel")
    ]
    plan.tasks = actions.tasks_for_plan(plan, "fr")
    _, scheduled = success.critical_path_condition(plan, "fr", TODAY)
    on_time = success.deliverables_condition(plan, "fr", TODAY, scheduled, {})
    late = success.deliverables_condition(plan, "fr", dt.date(2027, 2, 25), scheduled, {})
    assert on_time.state == "ok"
    assert late.state == "error" and late.details


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_objectives_and_shortlist_states(table, lang):
    """A template objective on a fitting shortlist is SMART; reviewing every account checks it."""
    plan = case_plan(table, shortlist=6)
    shortlist = profiles.shortlist_table(plan)
    assert success.objectives_condition(plan, lang, TODAY, shortlist).state == "todo"
    plan.objectives = [smart.from_template("conversion", plan, table=shortlist, today=TODAY)]
    assert success.objectives_condition(plan, lang, TODAY, shortlist).state == "ok"
    plan.objectives[0].offer = ""
    broken = success.objectives_condition(plan, lang, TODAY, shortlist)
    assert broken.state == "warning" and broken.details

    checked = success.shortlist_condition(plan, lang, table)
    assert checked.state == "warning" and checked.page == "audience_quality"
    for influencer_id in plan.shortlisted_ids():
        quality.mark_reviewed(plan, influencer_id)
    assert success.shortlist_condition(plan, lang, table).state == "ok"


@pytest.mark.parametrize(
    ("states", "expected"),
    [
        ([], (0, 0)),
        (["ok", "ok", "todo"], (2, 3)),
        (["error", "warning", "todo", "ok"], (1, 4)),
    ],
)
def test_score_counts_met_conditions(states, expected):
    """The headline counts the conditions met out of all of them."""
    found = [success.Condition("x", s, "", "") for s in states]
    assert success.score(found) == expected


def test_every_message_exists_in_both_languages():
    """Every success message key has a French and an English text with the same parameters."""
    fr = {k: v for k, v in i18n.catalogue("fr").items() if k.startswith("success.")}
    en = {k: v for k, v in i18n.catalogue("en").items() if k.startswith("success.")}
    assert set(fr) == set(en)

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert {k: fields(v) for k, v in fr.items()} == {k: fields(v) for k, v in en.items()}
    for code in success.CODES:
        assert f"success.{code}.title" in fr and f"success.{code}.why" in fr
    for code in success.MANUAL:
        assert f"success.{code}.check" in fr
    for code in success.REMINDERS:
        assert success.reminder_label(code, "en") != success.reminder_label(code, "fr")


# --- one checklist, read from the plan or ticked by hand ------------------------------------


def test_the_checklist_reads_the_plan_where_it_can_and_asks_where_it_cannot():
    """Seven conditions come from the plan, four are ticked by hand, in one list."""
    assert set(success.MANUAL) < set(success.CODES)
    assert len(success.CODES) - len(success.MANUAL) == 7
    assert set(success.MANUAL_PAGES) == set(success.MANUAL)


@pytest.mark.parametrize(
    ("checklist", "ticked"),
    [
        ({}, set()),
        ({"long_term": True}, {"long_term"}),
        ({"long_term": True, "measurement": False}, {"long_term"}),
        # The first, all-by-hand list's ticks on conditions now read from the plan do not count.
        ({"clear_objectives": True, "disclosure": True, "budget_time": True}, set()),
        ({"authenticity": True, "audience_fit": True}, {"audience_fit"}),
        ({"creative_freedom": True, "something_else": True}, {"creative_freedom"}),
    ],
)
def test_hand_ticks_count_only_for_conditions_the_plan_cannot_tell(table, checklist, ticked):
    """A tick stored in the plan meets a hand-ticked condition; nothing else moves the count."""
    plan = Plan(success_checklist=checklist)
    found = by_code(success.conditions(plan, today=TODAY, table=table))
    assert {code for code, c in found.items() if c.ok} == ticked
    assert success.score(found.values()) == (len(ticked), len(success.CODES))
    assert all(found[code].manual for code in success.MANUAL)
    assert not any(found[code].manual for code in set(success.CODES) - set(success.MANUAL))


def test_ticking_by_hand_is_stored_and_refused_for_a_computed_condition():
    """Ticking stores the tick in the plan; a condition read from the plan cannot be ticked."""
    plan = Plan()
    assert success.set_manual(plan, "audience_fit", True) is True
    assert success.set_manual(plan, "audience_fit", True) is False
    assert plan.success_checklist == {"audience_fit": True}
    assert success.set_manual(plan, "audience_fit", False) is True
    assert plan.success_checklist == {"audience_fit": False}
    with pytest.raises(UserError):
        success.set_manual(plan, "budget", True)


@pytest.mark.parametrize(
    ("notes", "code", "expected"),
    [
        ({}, "objectives", ""),
        ({"understand.clear_objectives": "KPI ventes"}, "objectives", "KPI ventes"),
        ({"understand.authenticity": "Vérifier X"}, "shortlist", "Vérifier X"),
        ({"understand.disclosure": "Mention"}, "law", "Mention"),
        ({"understand.budget_time": "Serré"}, "budget", "Serré"),
        ({"understand.budget": "Neuf", "understand.budget_time": "Ancien"}, "budget", "Neuf"),
        ({"understand.long_term": "Ambassadrice"}, "long_term", "Ambassadrice"),
    ],
)
def test_notes_written_under_the_first_checklist_are_kept(notes, code, expected):
    """A note written beside a condition of the first checklist shows beside its successor."""
    assert success.note_of(Plan(notes=notes), code) == expected


def test_a_note_is_stored_under_the_condition():
    """Writing a note stores it under the condition's own key."""
    plan = Plan(notes={"understand.clear_objectives": "Ancienne"})
    assert success.set_note(plan, "objectives", "Nouvelle") is True
    assert success.note_of(plan, "objectives") == "Nouvelle"
    assert success.set_note(plan, "objectives", "Nouvelle") is False


# --- the compliance table as read ---------------------------------------------------------------


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_compliance_table_reads_amount_contract_and_clauses(table, lang):
    """Each influencer reads with the amount in euros and where it comes from, whether a
    contract is required and signed, how many clauses are missing; an account without an amount
    shows a dash."""
    plan = case_plan(table, shortlist=2)
    first, second = plan.shortlisted_ids()
    plan.budget_lines = [fee(first, 1500)]
    success.set_signed(plan, first, True)
    success.set_clauses(plan, first, compliance.CONTRACT_CLAUSES[:2])
    rows = success.compliance_table(plan, table, lang)
    frame = success.compliance_frame(rows, lang)
    yes, no = i18n.t("success.table.yes", lang), i18n.t("success.table.no", lang)
    top, bottom = frame.iloc[0].tolist(), frame.iloc[1].tolist()
    assert "1" in top[1] and "500" in top[1]
    assert top[2] == i18n.t("success.table.source.budget", lang)
    assert top[3:5] == [yes, yes]
    assert top[5] == str(len(compliance.CONTRACT_CLAUSES) - 2)
    assert rows.loc[1, "amount_source"] == "none" and bottom[1] == "—"
    assert bottom[4] == no
