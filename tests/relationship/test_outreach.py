"""Outreach messages and arguments: every template exists for each channel in both languages,
every placeholder is filled from the plan, and the commercial mention appears exactly when
the collaboration is paid or gifted."""

import string

import pytest

from influkit.data import datasets
from influkit.errors import UserError
from influkit.identify import brandfit
from influkit.plan.model import DealRound, DealTerms, Plan
from influkit.relationship import arguments, negotiation, outreach, pipeline
from influkit.text.i18n import LANGUAGES

MENTION = {
    "fr": "la mention « Collaboration commerciale »",
    "en": 'the mention "Collaboration commerciale"',
}


@pytest.fixture(scope="module")
def case_plan():
    """A plan from the first case with its best-fitting influencer shortlisted."""
    plan = Plan.from_case(datasets.cases()[0])
    row = brandfit.plan_ranking(plan).iloc[0].to_dict()
    plan.add_to_shortlist(row["influencer_id"])
    return plan, row


def test_templates_cover_every_step_channel_and_language():
    """Each step has an e-mail (with a subject) and a DM, in French and in English, using the
    same placeholders in both languages, all of them known."""
    for template in outreach.TEMPLATES:
        for channel in outreach.CHANNELS:
            used = {}
            for lang in LANGUAGES:
                parts = outreach.templates(lang)[template][channel]
                assert parts["body"].strip()
                assert bool(parts.get("subject")) is (channel == "email")
                used[lang] = outreach.fields_of(parts["body"] + parts.get("subject", ""))
                assert used[lang] <= set(outreach.PLACEHOLDERS), (template, channel, lang)
                assert "mention_sentence" in used[lang]
            assert used["fr"] == used["en"], (template, channel)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("channel", outreach.CHANNELS)
@pytest.mark.parametrize("template", outreach.TEMPLATES)
def test_every_placeholder_is_filled(case_plan, template, channel, lang):
    """A personalised message names the influencer (an e-mail, the brand too) and leaves no
    {placeholder}."""
    plan, row = case_plan
    draft = outreach.personalised(plan, row, template, channel, lang)
    text = draft.subject + draft.body
    assert not [f for _, f, _, _ in string.Formatter().parse(text) if f]
    assert "{" not in text and "}" not in text
    assert plan.brief.brand in text or channel == "dm"
    assert row["display_name"] in text


def _with_terms(plan: Plan, row, **terms) -> Plan:
    copy = plan.model_copy(deep=True)
    deal = negotiation.open_deal(copy, row)
    deal.rounds = [
        DealRound(side="brand", terms=DealTerms(platform="tiktok", format="video", **terms))
    ]
    return copy


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize(
    "terms, commercial",
    [
        ({"fee_eur": 400.0}, True),
        ({"product_value_eur": 39.0}, True),  # gifted
        ({"commission_rate": 0.1}, True),
        ({}, False),  # neither paid nor gifted
    ],
)
def test_the_mention_appears_exactly_when_commercial(case_plan, terms, commercial, lang):
    """Paid or gifted: every message announces the commercial mention; otherwise none does."""
    plan, row = case_plan
    plan = _with_terms(plan, row, **terms)
    for template in outreach.TEMPLATES:
        for channel in outreach.CHANNELS:
            body = outreach.personalised(plan, row, template, channel, lang).body
            assert (MENTION[lang] in body) is commercial, (template, channel)


def test_no_proposal_yet_means_no_mention(case_plan):
    """Before anything is proposed, the first contact speaks of a collaboration to shape and
    carries no mention."""
    plan, row = case_plan
    body = outreach.personalised(plan, row, "first_contact", "email", "fr").body
    assert "à construire ensemble" in body
    assert "Collaboration commerciale" not in body


def test_message_uses_a_recent_post_of_their_own(case_plan):
    """The message quotes the influencer's latest post that is not another brand's sponsored
    one, with its date."""
    plan, row = case_plan
    values = outreach.message_values(plan, row, "fr")
    posts = datasets.load("posts")
    own = posts.loc[
        (posts["influencer_id"] == row["influencer_id"]) & ~posts["sponsored"].astype(bool)
    ]
    latest = own.sort_values("published_at").iloc[-1]
    assert str(latest["caption"])[:20] in values["recent_post"]


def test_chosen_arguments_enter_the_pitch(case_plan):
    """Ticked arguments add their sentence to the proposal."""
    plan, row = case_plan
    plan = plan.model_copy(deep=True)
    rel = pipeline.ensure(plan, row["influencer_id"])
    arguments.set_arguments(rel, ["early_access", "long_term"])
    body = outreach.personalised(plan, row, "proposal", "email", "en").body
    assert "before anyone else" in body and "lasting relationship" in body


def test_arguments_are_ranked_with_a_reason_each(case_plan):
    """Every lever of the course is scored between 0 and 1, strongest first, with a reason."""
    _, row = case_plan
    ranked = arguments.rank_arguments(row, "fr")
    assert sorted(a.code for a in ranked) == sorted(arguments.ARGUMENTS)
    assert [a.score for a in ranked] == sorted((a.score for a in ranked), reverse=True)
    assert all(0 <= a.score <= 1 and a.why for a in ranked)


@pytest.mark.parametrize(
    "row, first",
    [
        ({"tier": "mega", "sponsored_share": 0.5, "niche": "b2b"}, "fee"),
        ({"tier": "nano", "growth_12w": 0.2, "niche": "b2b", "sponsored_share": 0.5}, "visibility"),
        (
            {"tier": "macro", "comments_to_likes": 0.2, "niche": "b2b", "save_rate": 0.0},
            "community",
        ),
    ],
)
def test_arguments_follow_the_data(row, first):
    """A mega account living off sponsorships cares first about the fee; a fast-growing nano
    about visibility; an account whose followers talk a lot about community."""
    assert arguments.rank_arguments(row, "en")[0].code == first


def test_a_saved_message_keeps_its_date_and_an_empty_one_is_refused():
    """Messages are kept per influencer with their date; an empty message is refused."""
    plan = Plan()
    rel = pipeline.ensure(plan, "INF1")
    saved = outreach.save_message(rel, "follow_up", "dm", "en", "ignored", "Hi!")
    assert saved.subject == "" and saved.saved_at is not None
    with pytest.raises(UserError):
        outreach.save_message(rel, "follow_up", "dm", "en", "", "   ")
    assert len(rel.messages) == 1


@pytest.mark.parametrize(
    "followers, agent", [(99_999, False), (100_000, True), (2_000_000, True), (None, False)]
)
def test_large_accounts_are_reached_through_their_agent(followers, agent):
    """From 100 000 followers the page suggests writing to the influencer's agent."""
    assert outreach.through_agent({"followers": followers}) is agent
