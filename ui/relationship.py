"""Streamlit glue shared by the module 3 pages: the influencer picker, labels, the terms form
and the confidential card's own view (reached by ``?card=<secret>``, nothing else shown)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from influkit.campaign.compensation import simulator as remuneration
from influkit.identify import brandfit, profiles
from influkit.operations import deliverables as actions
from influkit.plan.model import DealTerms, Plan
from influkit.relationship import arguments, negotiation
from influkit.text.formats import fmt_money, fmt_percent
from influkit.text.i18n import label as i18n_label
from ui import state
from ui.navigation import all_pages
from ui.state import t
from ui.text import plain
from ui.widgets import number_field


def link(page_file: str, text: str, icon: str, where: Any = st) -> None:
    """A link to another page of the menu (nothing while that page is not in the menu)."""
    if page_file in {spec.file for spec in all_pages()}:
        where.page_link(f"pages/{page_file}.py", label=text, icon=icon)


def ranking(plan: Plan) -> dict[str, dict[str, Any]]:
    """The plan's influencers with their brand-fit figures, by id."""
    ranked = brandfit.plan_ranking(plan, profiles.influencer_table(plan))
    return remuneration.rows_by_id(ranked)


def pick_influencer(
    plan: Plan,
    rows: Mapping[str, Mapping[str, Any]],
    key: str,
    prefer: Iterable[str] = (),
) -> str:
    """A select box of the shortlisted influencers, starting on the first of ``prefer`` there
    is; stops the page with a link to the shortlist when there is none."""
    options = [iid for iid in plan.shortlisted_ids() if iid in rows]
    if not options:
        st.info(t("relationship.no_shortlist"))
        link("shortlist", t("relationship.go_shortlist"), ":material/checklist:")
        st.stop()
    labels = {
        iid: t(
            "relationship.influencer_option",
            name=remuneration.display_name(rows[iid], iid),
            platform=i18n_label("data.platform", rows[iid].get("platform"), state.lang()),
            tier=i18n_label("metrics.tier", rows[iid].get("tier"), state.lang()),
        )
        for iid in options
    }
    preferred = [options.index(iid) for iid in prefer if iid in options]
    return st.selectbox(
        t("relationship.choose_influencer"),
        options,
        index=preferred[0] if preferred else 0,
        format_func=labels.get,
        key=state.widget_key(key),
    )


def terms_form(terms: DealTerms, key: str) -> DealTerms:
    """The inputs of a deal's terms, prefilled with ``terms``; numbers read the user's way."""
    lang = state.lang()
    formats = list(actions.formats_for(terms.platform))
    if terms.format and terms.format not in formats:
        formats.insert(0, terms.format)
    left, middle, right = st.columns(3)
    with left:
        fee = number_field(
            t("relationship.field.fee"),
            terms.fee_eur,
            key=f"{key}_fee",
            kind="money",
            min_value=0,
        )
        commission = number_field(
            t("relationship.field.commission"),
            terms.commission_rate,
            key=f"{key}_commission",
            kind="percent",
            min_value=0,
            max_value=1,
        )
        product = number_field(
            t("relationship.field.product"),
            terms.product_value_eur,
            key=f"{key}_product",
            kind="money",
            min_value=0,
        )
    with middle:
        fmt = st.selectbox(
            t("relationship.field.format"),
            formats,
            index=formats.index(terms.format) if terms.format in formats else 0,
            format_func=lambda code: i18n_label("data.format", code, lang),
            key=f"{key}_format",
        )
        posts = number_field(
            t("relationship.field.posts"),
            max(int(terms.posts), 1),
            key=f"{key}_posts",
            kind="count",
            min_value=1,
            max_value=50,
        )
        rights = st.selectbox(
            t("relationship.field.usage_rights"),
            list(negotiation.USAGE_RIGHTS),
            index=list(negotiation.USAGE_RIGHTS).index(terms.usage_rights),
            format_func=state.labeller("relationship.usage_rights"),
            key=f"{key}_rights",
        )
        paid_social = st.checkbox(
            t("relationship.field.paid_social"), value=terms.paid_social, key=f"{key}_paid_social"
        )
    with right:
        months = number_field(
            t("relationship.field.exclusivity"),
            int(terms.exclusivity_months),
            key=f"{key}_exclusivity",
            kind="count",
            min_value=0,
            max_value=24,
            help=t(
                "relationship.field.exclusivity_help",
                rate=fmt_percent(negotiation.EXCLUSIVITY_RATE_PER_MONTH, lang, 0),
            ),
        )
        whitelisting = st.checkbox(
            t("relationship.field.whitelisting"),
            value=terms.whitelisting,
            key=f"{key}_whitelisting",
        )
        days = number_field(
            t("relationship.field.payment_days"),
            int(terms.payment_days),
            key=f"{key}_payment",
            kind="count",
            min_value=0,
            max_value=120,
        )
    disclosure = st.text_input(
        t("relationship.field.disclosure"),
        value=terms.disclosure,
        key=f"{key}_disclosure",
        help=t("relationship.field.disclosure_help"),
    )
    months = int(months or 0)
    return DealTerms(
        fee_eur=float(fee or 0.0),
        commission_rate=float(commission or 0.0),
        product_value_eur=float(product or 0.0),
        platform=terms.platform,
        format=fmt,
        posts=int(posts or 1),
        usage_rights=rights,
        paid_social=bool(paid_social),
        exclusivity_months=months,
        exclusivity_rate=min(negotiation.EXCLUSIVITY_RATE_PER_MONTH * months, 1.0),
        whitelisting=bool(whitelisting),
        payment_days=int(days if days is not None else 30),
        disclosure=disclosure,
    )


def render_card() -> None:
    """The confidential card of ``?card=<secret>``: that card only, in the URL's language."""
    lang = state.lang()
    found = negotiation.find_card(state.store(), st.query_params.get("card"))
    if found is None:
        st.title(t("relationship.card.title_unknown"))
        st.error(t("relationship.card.not_found"))
        return
    plan, deal = found
    row = remuneration.rows_by_id(profiles.influencer_table(plan)).get(deal.influencer_id)
    if row is None:
        st.title(t("relationship.card.title_unknown"))
        st.error(t("relationship.card.not_found"))
        return
    card = negotiation.card(row, lang)
    st.title(t("relationship.card.title", name=card.name))
    st.warning(t("relationship.card.confidential"))
    st.caption(
        t(
            "relationship.card.who",
            platform=i18n_label("data.platform", card.platform, lang),
            tier=i18n_label("metrics.tier", row.get("tier"), lang),
        )
    )
    st.subheader(t("relationship.card.rate_card"))
    rates = pd.DataFrame(
        {
            t("relationship.card.col_format"): [
                i18n_label("data.format", f, lang) for f in card.rate_card
            ],
            t("relationship.card.col_price"): [
                fmt_money(v, lang, 0) for v in card.rate_card.values()
            ],
        }
    )
    st.dataframe(rates, hide_index=True)
    addons = [
        t(
            "relationship.card.rights_rate",
            rights=i18n_label("relationship.usage_rights", code, lang),
            rate=fmt_percent(rate, lang, 1),
        )
        for code, rate in card.usage_rights_rates.items()
    ]
    addons.append(
        t("relationship.card.whitelisting_rate", rate=fmt_percent(card.whitelisting_rate, lang, 0))
    )
    addons.append(
        t(
            "relationship.card.exclusivity_rate",
            rate=fmt_percent(card.exclusivity_rate_per_month, lang, 0),
        )
    )
    st.markdown("\n".join(f"- {plain(line)}" for line in addons))
    cols = st.columns(2)
    cols[0].metric(t("relationship.card.ask"), fmt_money(card.ask_per_post_eur, lang, 0))
    cols[1].metric(
        t("relationship.card.walk_away"), fmt_money(card.walk_away_per_post_eur, lang, 0)
    )
    st.caption(
        t("relationship.card.gifting_ok" if card.gifting_ok else "relationship.card.gifting_no")
    )
    st.subheader(t("relationship.card.constraints"))
    st.markdown("\n".join(f"- {plain(line)}" for line in card.constraints))
    st.subheader(t("relationship.card.motivations"))
    st.markdown(
        "\n".join(
            f"- **{plain(arguments.argument_label(code, lang))}**" for code in card.motivations
        )
    )
    st.caption(t("relationship.card.how_to_play"))
