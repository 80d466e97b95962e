"""Outreach messages: one template per step (first contact, follow-up, proposal, shipment,
content review, thanks and renewal), for e-mail and DM, in French and English, personalised
from the plan.

The templates are data (``templates/<lang>.json``). A message is filled from the brand and
product, the influencer's name and niche, their most recent post, why they fit (their strongest
brand-fit criteria), what is proposed (the deal on the table, else the chosen remuneration or
the planned deliverables) and, exactly when the collaboration is commercial (paid or gifted),
the commercial-intent mention the content will carry.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from babel.lists import format_list

from influkit.campaign.compensation import simulator as remuneration
from influkit.data import datasets
from influkit.errors import UserError
from influkit.operations import deliverables as actions
from influkit.plan.model import DealTerms, InfluencerRelationship, OutreachMessage, Plan
from influkit.relationship import arguments, negotiation, pipeline
from influkit.strategy import objectives as smart
from influkit.text.formats import fmt_date, fmt_percent, locale_of
from influkit.text.i18n import LANGUAGES, label, normalize_language, t

TEMPLATES_DIR = Path(__file__).parent / "templates"
TEMPLATES: tuple[str, ...] = (
    "first_contact",
    "follow_up",
    "proposal",
    "shipment",
    "content_review",
    "thanks_renewal",
)
CHANNELS: tuple[str, ...] = ("email", "dm")
#: Every value a template may use.
PLACEHOLDERS: tuple[str, ...] = (
    "name",
    "brand",
    "product",
    "niche",
    "recent_post",
    "fit_reasons",
    "proposal",
    "pitch",
    "mention_sentence",
    "due_date",
)
RECENT_POST_CHARS = 90
#: Above this audience, creators usually answer through an agent (reech.com, DOMAIN §11).
AGENT_FOLLOWERS = 100_000
# Brand-fit sub-scores from which a criterion is a reason to write to the influencer.
FIT_THRESHOLD = 0.7


@cache
def templates(lang: str) -> dict[str, dict[str, dict[str, str]]]:
    """The message templates of a language: template -> channel -> {subject, body}."""
    lang = normalize_language(lang)
    return json.loads((TEMPLATES_DIR / f"{lang}.json").read_text(encoding="utf-8"))


def template_label(code: str, lang: str = "fr") -> str:
    """The readable name of a message template."""
    return t(f"relationship.template.{code}", lang)


def fields_of(text: str) -> set[str]:
    """The placeholders a template text uses."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def through_agent(row: Mapping[str, Any]) -> bool:
    """Whether to write to the influencer's agent rather than to them (100 000 followers on)."""
    followers = _num(row, "followers")
    return followers is not None and followers >= AGENT_FOLLOWERS


# --- values --------------------------------------------------------------------------------


def recent_post(influencer_id: str, lang: str = "fr") -> str:
    """The influencer's most recent post in the sample data, quoted with its date; a neutral
    phrase when there is none (an imported influencer)."""
    posts = datasets.load("posts")
    mine = posts.loc[posts["influencer_id"] == influencer_id]
    # Praising another brand's sponsored post would be clumsy: the creator's own posts first.
    own = mine.loc[~mine["sponsored"].astype(bool)]
    mine = own if not own.empty else mine
    if mine.empty:
        return t("relationship.recent_post_none", lang)
    latest = mine.sort_values("published_at").iloc[-1]
    caption = " ".join(str(latest.get("caption") or "").split())
    if len(caption) > RECENT_POST_CHARS:
        caption = caption[: RECENT_POST_CHARS - 1].rstrip() + "…"
    when = pd.Timestamp(latest["published_at"]).date()
    if not caption:
        return t("relationship.recent_post_untitled", lang, date=fmt_date(when, lang))
    return t("relationship.recent_post", lang, caption=caption, date=fmt_date(when, lang))


def _num(row: Mapping[str, Any], name: str) -> float | None:
    try:
        number = float(row.get(name))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if number != number else number


def fit_reasons(row: Mapping[str, Any], lang: str = "fr", top: int = 3) -> str:
    """Why the influencer fits, in words for them: their strongest brand-fit criteria (niche,
    audience, engagement, audience quality) from the ranking row (``brandfit.plan_ranking``)."""
    lang = normalize_language(lang)
    reasons: list[tuple[float, str]] = []
    niche = label("data.niche", str(row.get("niche") or ""), lang)
    sub = {c: _num(row, f"sub_{c}") for c in ("niche", "audience", "engagement", "quality")}
    if sub["niche"] is not None and sub["niche"] >= FIT_THRESHOLD and niche:
        reasons.append((sub["niche"], t("relationship.fit.niche", lang, niche=niche)))
    female = _num(row, "audience_female_share")
    if sub["audience"] is not None and sub["audience"] >= FIT_THRESHOLD:
        if female is not None:
            text = t("relationship.fit.audience_female", lang, share=fmt_percent(female, lang, 0))
        else:
            text = t("relationship.fit.audience", lang)
        reasons.append((sub["audience"], text))
    er = _num(row, "er")
    if sub["engagement"] is not None and sub["engagement"] >= FIT_THRESHOLD and er is not None:
        reasons.append(
            (sub["engagement"], t("relationship.fit.engagement", lang, er=fmt_percent(er, lang)))
        )
    if sub["quality"] is not None and sub["quality"] >= FIT_THRESHOLD:
        reasons.append((sub["quality"], t("relationship.fit.quality", lang)))
    chosen = [text for _, text in sorted(reasons, key=lambda r: -r[0])[:top]]
    if not chosen:
        return t("relationship.fit.default", lang, niche=niche or t("relationship.fit.your", lang))
    return format_list(chosen, locale=locale_of(lang))


def commercial_terms(plan: Plan, influencer_id: str) -> DealTerms | None:
    """What is proposed to the influencer: the deal on the table, else terms read from the
    chosen remuneration (module 6), else from the planned deliverables (module 4); None when
    nothing is proposed yet."""
    deal = negotiation.deal_of(plan, influencer_id)
    if deal is not None and deal.rounds:
        return negotiation.current_terms(deal)
    rem = remuneration.chosen(plan, influencer_id)
    planned = actions.deliverables_of(plan, influencer_id)
    first = planned[0] if planned else None
    platform = first.platform if first else ""
    fmt = first.format if first else ""
    posts = sum(d.count for d in planned) or 1
    if rem is not None:
        common, own = remuneration.stored_params(rem)
        posts = int(common.get("posts") or posts)
        return DealTerms(
            fee_eur=float(own.get("fee_eur") or 0.0) * posts,
            commission_rate=float(own.get("commission_rate") or 0.0),
            product_value_eur=float(common.get("product_value_eur") or 0.0),
            platform=platform,
            format=fmt,
            posts=max(posts, 1),
            usage_rights=str(common.get("usage_rights") or "none"),
            whitelisting=bool(common.get("whitelisting", False)),
        )
    if planned:
        return DealTerms(
            fee_eur=float(sum(d.compensation_eur_ht for d in planned)),
            platform=platform,
            format=fmt,
            posts=max(posts, 1),
        )
    return None


def proposal_text(terms: DealTerms | None, product: str, lang: str = "fr") -> str:
    """What is proposed, in words (a generic collaboration when nothing is on the table)."""
    if terms is None:
        return t("relationship.proposal_open", lang, product=product)
    return negotiation.terms_text(terms, lang)


def mention_sentence(terms: DealTerms | None, lang: str = "fr") -> str:
    """The sentence announcing the commercial-intent mention; empty when nothing is paid or
    gifted."""
    if not negotiation.is_commercial(terms):
        return ""
    mention = (terms.disclosure or "").strip() or t("relationship.default_mention", "fr")
    return t("relationship.mention_sentence", lang, mention=mention)


def draft_due(plan: Plan, influencer_id: str) -> dt.date | None:
    """When the influencer's first draft is due, from the retro-planning (None without one)."""
    if not plan.tasks:
        return None
    from influkit.operations import followup
    from influkit.operations.schedule import gantt

    try:
        scheduled = gantt.schedule_plan_tasks(plan.tasks, plan.brief.launch_date)
    except UserError:
        return None
    dates = [
        followup.step_dates(d, scheduled)["due"]["draft_received"]
        for d in actions.deliverables_of(plan, influencer_id)
    ]
    dates = [d for d in dates if d is not None]
    return min(dates) if dates else None


def message_values(
    plan: Plan, row: Mapping[str, Any], lang: str = "fr", rel: InfluencerRelationship | None = None
) -> dict[str, str]:
    """Every placeholder's value for one influencer, in ``lang``."""
    lang = normalize_language(lang)
    influencer_id = str(row.get("influencer_id") or "")
    rel = rel or pipeline.view(plan, influencer_id)
    terms = commercial_terms(plan, influencer_id)
    brand = plan.brief.brand.strip() or t("relationship.our_brand", lang)
    product = smart.short_offer(plan.brief.product) or t("relationship.our_product", lang)
    niche = label("data.niche", str(row.get("niche") or ""), lang) or t(
        "relationship.fit.your", lang
    )
    due = draft_due(plan, influencer_id)
    pitch = arguments.pitch(rel.arguments, lang, brand=brand, product=product)
    return {
        "name": remuneration.display_name(row, influencer_id),
        "brand": brand,
        "product": product,
        "niche": niche,
        "recent_post": recent_post(influencer_id, lang),
        "fit_reasons": fit_reasons(row, lang),
        "proposal": proposal_text(terms, product, lang),
        "pitch": pitch,
        "mention_sentence": mention_sentence(terms, lang),
        "due_date": fmt_date(due, lang) if due else t("relationship.due_agreed", lang),
    }


def _tidy(text: str) -> str:
    """Remove what empty values leave behind: double spaces, blank paragraphs, a space before
    a full stop or comma (French keeps its space before ? ! : ;)."""
    text = re.sub(r"[ \t]+([.,])", r"\1", text)
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


@dataclass(frozen=True)
class Draft:
    """A message ready to edit: subject (empty for a DM) and body."""

    subject: str
    body: str


def compose(template: str, channel: str, lang: str, values: Mapping[str, str]) -> Draft:
    """Fill a template with ``values`` (see :func:`message_values`)."""
    if template not in TEMPLATES:
        raise UserError("relationship.error_template", template=template)
    if channel not in CHANNELS:
        raise UserError("relationship.error_channel", channel=channel)
    lang = normalize_language(lang)
    parts = templates(lang)[template][channel]
    filled = {
        key: _tidy(parts.get(key, "").format_map(dict(values))) for key in ("subject", "body")
    }
    return Draft(subject=filled["subject"], body=filled["body"])


def personalised(
    plan: Plan, row: Mapping[str, Any], template: str, channel: str, lang: str = "fr"
) -> Draft:
    """A template filled for one influencer from the plan."""
    return compose(template, channel, lang, message_values(plan, row, lang))


def save_message(
    rel: InfluencerRelationship,
    template: str,
    channel: str,
    lang: str,
    subject: str,
    body: str,
    at: dt.datetime | None = None,
) -> OutreachMessage:
    """Keep a message (as edited) in the influencer's history, dated."""
    if template not in TEMPLATES:
        raise UserError("relationship.error_template", template=template)
    if channel not in CHANNELS:
        raise UserError("relationship.error_channel", channel=channel)
    if not body.strip():
        raise UserError("relationship.error_empty_message")
    message = OutreachMessage(
        template=template,
        channel=channel,
        lang=lang if lang in LANGUAGES else "fr",
        subject=subject if channel == "email" else "",
        body=body,
        saved_at=at or pipeline.now_utc(),
    )
    rel.messages = [*rel.messages, message]
    return rel.messages[-1]
