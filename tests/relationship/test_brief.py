"""The influencer brief as a Word document: opened back with python-docx, it has every
section, the dates of the retro-planning, the commercial mention, and the trainee's text
exactly as typed (markup stays literal)."""

import io

import pytest
from docx import Document

from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import brandfit, profiles
from influkit.operations import deliverables as actions
from influkit.operations import followup
from influkit.operations.schedule import gantt
from influkit.plan.model import Plan
from influkit.relationship import brief, negotiation, pipeline
from influkit.text.formats import fmt_date


@pytest.fixture(scope="module")
def agreed():
    """A case plan with one influencer whose deal is accepted and a retro-planning generated."""
    plan = Plan.from_case(datasets.cases()[0])
    row = brandfit.plan_ranking(plan).iloc[0].to_dict()
    plan.add_to_shortlist(row["influencer_id"])
    deal = negotiation.open_deal(plan, row)
    terms = negotiation.current_terms(deal).model_copy(
        update={"fee_eur": 600.0, "usage_rights": "3_months"}
    )
    negotiation.add_round(deal, "influencer", terms)
    negotiation.accept(plan, deal, profiles.influencer_table(plan), "fr")
    actions.regenerate_tasks(plan, "fr")
    return plan, row


def _read(data: bytes) -> tuple[str, list[str], list[list[str]]]:
    document = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in document.paragraphs)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    tables = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    return text, headings, tables


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_brief_has_every_section_and_the_mention(agreed, lang):
    """Opened in Word, the brief shows each section's heading and the mention to carry."""
    plan, row = agreed
    text, headings, _ = _read(brief.build_docx(plan, row, lang))
    expected = [brief.section_title(code, lang) for code in brief.SECTIONS[:2]]
    expected += [brief.section_title("deliverables", lang)]
    expected += [brief.section_title(code, lang) for code in brief.SECTIONS[2:]]
    assert headings == expected
    assert "« Collaboration commerciale »" in text or '"Collaboration commerciale"' in text
    assert plan.brief.brand in text


def test_the_deliverables_carry_the_retroplanning_dates(agreed):
    """The table gives the draft due date and the publication window of the retro-planning."""
    plan, row = agreed
    _, _, tables = _read(brief.build_docx(plan, row, "fr"))
    (deliverable,) = plan.deliverables
    scheduled = gantt.schedule_plan_tasks(plan.tasks, plan.brief.launch_date)
    due = followup.step_dates(deliverable, scheduled)["due"]
    header, line = tables
    assert header[0] == "Contenu"
    assert line[1] == fmt_date(due["draft_received"], "fr")
    assert line[2] == fmt_date(due["approved"], "fr")
    assert fmt_date(deliverable.window_start, "fr") in line[3]
    text, _, _ = _read(brief.build_docx(plan, row, "fr"))
    assert fmt_date(due["draft_received"], "fr") in text, "the approval steps give the date"


def test_usage_rights_follow_the_deal(agreed):
    """The rights agreed in the negotiation (3 months) are written in the brief."""
    plan, row = agreed
    assert "3 mois" in brief.sections(plan, row, "fr")["usage_rights"]


def test_user_text_with_markup_stays_literal(agreed):
    """What the trainee types (markdown, HTML, a leading asterisk) reaches the document as typed."""
    plan, row = agreed
    plan = plan.model_copy(deep=True)
    rel = pipeline.ensure(plan, row["influencer_id"])
    defaults = brief.default_sections(plan, row, "fr")
    typed = "**Gras** <b>pas du HTML</b> [lien](http://x)\n*étoile* & {accolade}"
    brief.set_section(rel, "key_messages", "fr", typed, defaults["key_messages"])
    brief.set_section(rel, "contacts", "fr", "<script>alert(1)</script>", defaults["contacts"])
    text, _, _ = _read(brief.build_docx(plan, row, "fr"))
    assert "**Gras** <b>pas du HTML</b> [lien](http://x)" in text
    assert "*étoile* & {accolade}" in text
    assert "<script>alert(1)</script>" in text


def test_at_most_three_key_messages(agreed):
    """A fourth key message is refused with a message; editing back to the default forgets the
    edit."""
    plan, row = agreed
    plan = plan.model_copy(deep=True)
    rel = pipeline.ensure(plan, row["influencer_id"])
    with pytest.raises(UserError):
        brief.set_section(rel, "key_messages", "fr", "a\nb\nc\nd", "x")
    assert brief.set_section(rel, "dos", "fr", "Mon texte", "défaut")
    assert brief.sections(plan, row, "fr")["dos"] == "Mon texte"
    assert brief.set_section(rel, "dos", "fr", "défaut", "défaut")
    assert rel.brief_edits == {}


def test_no_mention_when_nothing_is_paid_or_gifted():
    """Without a paid or gifted deal the brief says no mention is required."""
    plan = Plan.from_case(datasets.cases()[0])
    row = {"influencer_id": "INF0001", "display_name": "Lina"}
    assert "aucune mention commerciale" in brief.default_sections(plan, row, "fr")["mention"]


def test_file_name_is_plain():
    """The download's name is readable and safe."""
    assert (
        brief.file_name("Verdelune", "Sarah Peeters", "fr")
        == "brief-verdelune-sarah-peeters-fr.docx"
    )
