"""Module 3's pages in French and English: the pipeline board and table, outreach with its
arguments and messages, the negotiation's deal sheet, flags and score, the brief, and the
confidential card's own link that shows that card and nothing else."""

import datetime as dt

import pytest

from influkit.data import datasets
from influkit.identify import brandfit, profiles
from influkit.operations import deliverables as actions
from influkit.plan.model import DealTerms, Plan
from influkit.plan.storage import get_store
from influkit.relationship import negotiation, outreach, pipeline
from influkit.text import i18n

from ..apptest_helpers import LANGS, all_text, assert_clean, run_page

PAGES = (
    "relationship_pipeline",
    "relationship_outreach",
    "relationship_negotiation",
    "relationship_brief",
)


def _busy_plan(lang: str) -> tuple[str, Plan]:
    """A stored plan with three shortlisted influencers: one contacted, one in a negotiation of
    two rounds, accepted, with a retro-planning, and one not contacted yet."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    ranked = brandfit.plan_ranking(plan)
    first, second = ranked.iloc[0].to_dict(), ranked.iloc[1].to_dict()
    for row in (first, second, ranked.iloc[2].to_dict()):
        plan.add_to_shortlist(row["influencer_id"])
    long_ago = dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC)
    pipeline.move(plan, first["influencer_id"], "contacted", at=long_ago)
    rel = pipeline.ensure(plan, first["influencer_id"])
    outreach.save_message(
        rel, "first_contact", "email", lang, "Objet <b>gras</b>", "Bonjour **toi**", at=long_ago
    )
    deal = negotiation.open_deal(plan, second)
    counter = negotiation.current_terms(deal).model_copy(update={"fee_eur": 1_200.0})
    negotiation.add_round(deal, "influencer", counter)
    negotiation.accept(plan, deal, profiles.influencer_table(plan), lang)
    actions.regenerate_tasks(plan, lang)
    return get_store().create(plan), plan


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_module3_page_opens_on_a_busy_plan(page, lang):
    """With influencers contacted, negotiated and agreed, each module 3 page opens cleanly in
    the trainee's language."""
    token, _ = _busy_plan(lang)
    at = run_page(page, lang=lang, token=token)
    assert_clean(at)
    assert at.title[0].value == i18n.t(f"relationship.nav.{page.split('_')[1]}", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_pipeline_shows_the_reminder_and_every_stage_column(lang):
    """An influencer contacted long ago gets a follow-up warning; the board names each stage."""
    token, plan = _busy_plan(lang)
    at = run_page("relationship_pipeline", lang=lang, token=token)
    text = all_text(at)
    for stage in pipeline.FLOW:
        assert i18n.t(f"relationship.stage.{stage}", lang) in text
    assert at.warning, "a follow-up is due"
    assert at.dataframe, "the table is shown"


@pytest.mark.parametrize("lang", LANGS)
def test_moving_an_influencer_is_dated_and_saved(lang):
    """Choosing a new stage and confirming records the move with today's date."""
    token, plan = _busy_plan(lang)
    at = run_page("relationship_pipeline", lang=lang, token=token)
    stage_box = next(
        s for s in at.selectbox if s.label == i18n.t("relationship.pipeline.new_stage", lang)
    )
    stage_box.set_value("in_talks")
    next(
        b for b in at.button if b.label == i18n.t("relationship.pipeline.move", lang)
    ).click().run()
    assert_clean(at)
    stored = get_store().load(token).plan
    rel = pipeline.relationship_of(stored, plan.shortlisted_ids()[0])
    assert rel.stage == "in_talks"
    assert pipeline.local_date(rel.history[-1].at) == dt.date.today()


@pytest.mark.parametrize("lang", LANGS)
def test_outreach_saves_the_message_and_marks_the_contact(lang):
    """Saving a first-contact message keeps it with its date and moves the influencer to
    "contacted"."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    iid = brandfit.plan_ranking(plan).iloc[0]["influencer_id"]
    plan.add_to_shortlist(iid)
    token = get_store().create(plan)
    at = run_page("relationship_outreach", lang=lang, token=token)
    assert_clean(at)
    assert plan.brief.brand in at.text_area[0].value
    next(b for b in at.button if b.label == i18n.t("relationship.outreach.save", lang)).click()
    at.run()
    assert_clean(at)
    rel = pipeline.relationship_of(get_store().load(token).plan, iid)
    assert rel.stage == "contacted"
    assert [m.template for m in rel.messages] == ["first_contact"]


@pytest.mark.parametrize("lang", LANGS)
def test_negotiation_shows_the_sheet_flags_and_score(lang):
    """The deal sheet lists both rounds, the contract flag shows above 1 000 € HT, and the
    win-win score is given."""
    token, plan = _busy_plan(lang)
    at = run_page("relationship_negotiation", lang=lang, token=token)
    # The second shortlisted influencer holds the accepted deal.
    at.selectbox[0].set_value(plan.shortlisted_ids()[1]).run()
    assert_clean(at)
    assert len(at.dataframe[0].value) == 2
    warnings = " ".join(w.value for w in at.warning)
    assert i18n.catalogue(lang)["relationship.flag.contract_required"].split(":")[0] in warnings
    labels = [m.label for m in at.metric]
    assert i18n.t("relationship.negotiation.score_win_win", lang) in labels


@pytest.mark.parametrize("lang", LANGS)
def test_card_link_shows_only_the_card(lang):
    """The card's own link opens that card alone: no menu, no plan in the sidebar, no other
    page's content."""
    token, plan = _busy_plan(lang)
    deal = plan.relationship.deals[0]
    from streamlit.testing.v1 import AppTest

    from ..apptest_helpers import APP

    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["card"] = deal.card_secret
    at.query_params["lang"] = lang
    at.run()
    assert_clean(at)
    assert len(at.title) == 1
    assert at.title[0].value.startswith(i18n.t("relationship.card.page_title", lang))
    assert not at.sidebar.children or all(not c for c in at.sidebar.children.values())
    text = all_text(at)
    assert token not in text
    assert plan.brief.brand not in text
    assert i18n.t("relationship.card.walk_away", lang) in " ".join(m.label for m in at.metric)


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_card_link_says_so(lang):
    """A card link with an unknown or malformed secret says the card does not exist."""
    from streamlit.testing.v1 import AppTest

    from ..apptest_helpers import APP

    for secret in ("x" * 32, "not a secret"):
        at = AppTest.from_file(APP, default_timeout=60)
        at.query_params["card"] = secret
        at.query_params["lang"] = lang
        at.run()
        assert_clean(at)
        assert at.error[0].value == i18n.t("relationship.card.not_found", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_brief_page_offers_the_word_download(lang):
    """The brief page shows every section to edit and a Word download."""
    token, plan = _busy_plan(lang)
    at = run_page("relationship_brief", lang=lang, token=token)
    at.selectbox[0].set_value(plan.shortlisted_ids()[1]).run()
    assert_clean(at)
    assert len(at.text_area) == 9
    assert any(
        i18n.t("relationship.brief_page.download", lang) in str(el.proto)
        for el in at.get("download_button")
    )


def test_terms_type_is_the_plan_model():
    """The deal terms the pages build are the plan's own model."""
    assert DealTerms().disclosure == "Collaboration commerciale"


def _module3_codes(lang: str) -> frozenset[str]:
    """Module 3's own codes (stages, levels, arguments, templates, channels, rights, sides),
    less the words the language's catalogue writes itself."""
    from influkit.relationship import arguments

    from .test_no_raw_codes import catalogue_words

    codes = {*pipeline.STAGES, *pipeline.LEVELS, *arguments.ARGUMENTS, *outreach.TEMPLATES}
    codes |= {*outreach.CHANNELS, *negotiation.USAGE_RIGHTS, "brand", "influencer"}
    return frozenset(codes - catalogue_words(lang))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", PAGES)
def test_module3_pages_show_no_raw_code(page, lang):
    """On a busy plan, module 3's pages show labels, never a code as the code writes it."""
    from .test_no_raw_codes import _pattern, codes_in, shown_texts

    token, plan = _busy_plan(lang)
    at = run_page(page, lang=lang, token=token)
    at.selectbox[0].set_value(plan.shortlisted_ids()[1]).run()
    assert_clean(at)
    texts = shown_texts(at, lang)
    found = codes_in(texts, lang, plan)
    pattern = _pattern(_module3_codes(lang))
    found += [f"{m!r}: {text[:120]!r}" for _, text in texts for m in pattern.findall(text)]
    assert not found, "\n".join(sorted(set(found)))


@pytest.mark.parametrize(("lang", "typed"), [("fr", "1 500 €"), ("en", "€1,500")])
def test_a_counter_offer_typed_the_users_way_goes_on_the_table(lang, typed):
    """The influencer side types a fee the way their language writes it and puts the offer on
    the table: a new round is saved with that fee, the brand speaks next."""
    plan = Plan.from_case(datasets.cases()[0], lang)
    row = brandfit.plan_ranking(plan).iloc[0].to_dict()
    plan.add_to_shortlist(row["influencer_id"])
    negotiation.open_deal(plan, row)
    token = get_store().create(plan)
    at = run_page("relationship_negotiation", lang=lang, token=token)
    fee = next(x for x in at.text_input if x.label == i18n.t("relationship.field.fee", lang))
    fee.input(typed).run()
    submit = i18n.t("relationship.negotiation.submit", lang)
    next(b for b in at.button if b.label == submit).click().run()
    assert_clean(at)
    (deal,) = get_store().load(token).plan.relationship.deals
    assert [r.side for r in deal.rounds] == ["brand", "influencer"]
    assert deal.rounds[-1].terms.fee_eur == 1500.0


def test_an_unreadable_fee_is_refused_and_nothing_is_lost():
    """A fee that is not a number shows a message under the field; the rounds stay as they
    were."""
    plan = Plan.from_case(datasets.cases()[0])
    row = brandfit.plan_ranking(plan).iloc[0].to_dict()
    plan.add_to_shortlist(row["influencer_id"])
    negotiation.open_deal(plan, row)
    token = get_store().create(plan)
    at = run_page("relationship_negotiation", lang="fr", token=token)
    fee = next(x for x in at.text_input if x.label == i18n.t("relationship.field.fee", "fr"))
    fee.input("mille euros").run()
    assert_clean(at)
    assert at.error, "the field says what to fix"
    assert len(get_store().load(token).plan.relationship.deals[0].rounds) == 1


def test_the_followup_page_reads_and_moves_the_same_stages():
    """Module 4's follow-up shows each influencer's relationship stage, and a draft received
    there moves the influencer to "content in review" in the pipeline."""
    token, plan = _busy_plan("fr")
    iid = plan.shortlisted_ids()[1]
    (deliverable,) = [d for d in plan.deliverables if d.influencer_id == iid]
    at = run_page("followup", lang="fr", token=token)
    assert_clean(at)
    stage = i18n.t("relationship.stage.agreed", "fr")
    assert any(stage in c.value for c in at.caption)
    box = next(s for s in at.selectbox if f"followup_status_{deliverable.deliverable_id}" in s.key)
    box.set_value("draft_received").run()
    assert_clean(at)
    rel = pipeline.relationship_of(get_store().load(token).plan, iid)
    assert rel.stage == "content_review"
