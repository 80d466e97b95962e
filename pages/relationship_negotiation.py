"""3. Negotiation role play: the deal sheet round by round (the brand's offer, the influencer's
counter-offer) valued for both sides, the legal flags, the influencer's confidential card link,
the win-win score and "accept the deal" (remuneration, action plan and budget follow)."""

import pandas as pd
import streamlit as st

from influkit.campaign import compliance
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.relationship import negotiation, pipeline
from influkit.strategy import success
from influkit.text.formats import fmt_date, fmt_money, fmt_number, fmt_percent
from ui import state
from ui.relationship import link, pick_influencer, ranking, terms_form
from ui.state import labeller, t
from ui.text import plain

lang = state.lang()
plan = state.require_plan()

st.title(t("relationship.negotiation.title"))
st.write(t("relationship.negotiation.intro"))

rows = ranking(plan)
open_first = [d.influencer_id for d in plan.relationship.deals if d.status == "open"]
iid = pick_influencer(plan, rows, "negotiation_who", prefer=open_first)
row = rows[iid]
name = plain(row.get("display_name") or iid)
deal = negotiation.deal_of(plan, iid)
if deal is None:
    st.info(t("relationship.negotiation.no_deal", name=name))
    if st.button(t("relationship.negotiation.open"), type="primary"):
        negotiation.open_deal(plan, row)
        st.rerun()
    st.stop()

# --- the confidential card's link ----------------------------------------------------------
with st.expander(t("relationship.negotiation.card_title"), icon=":material/lock:"):
    st.caption(t("relationship.negotiation.card_help"))
    base = str(getattr(st.context, "url", "") or "").split("?")[0]
    base = base.rsplit("/", 1)[0] if base.count("/") > 2 else base.rstrip("/")
    card_link = f"{base}/?card={deal.card_secret}&lang={lang}"
    st.code(card_link, language=None)
    st.link_button(
        t("relationship.negotiation.card_open"), card_link, icon=":material/open_in_new:"
    )

# --- the deal sheet ------------------------------------------------------------------------
st.header(t("relationship.negotiation.sheet_title"))
sheet = negotiation.rounds_table(plan, row, deal, lang)
money = lambda v: fmt_money(v, lang, 0)  # noqa: E731
head = {
    t("relationship.col.round"): [fmt_number(n, lang) for n in sheet["round"]],
    t("relationship.col.side"): [state.label("relationship.side", s) for s in sheet["side"]],
}
terms_shown = pd.DataFrame(
    {
        **head,
        t("relationship.col.date"): [fmt_date(pipeline.local_date(d), lang) for d in sheet["at"]],
        t("relationship.col.deliverables"): sheet["deliverables"],
        t("relationship.col.fee"): [money(v) for v in sheet["fee_eur"]],
        t("relationship.col.commission"): [
            fmt_percent(v, lang, 0) for v in sheet["commission_rate"]
        ],
        t("relationship.col.product"): [money(v) for v in sheet["product_value_eur"]],
        t("relationship.col.rights"): [
            state.label("relationship.usage_rights", v) for v in sheet["usage_rights"]
        ],
        t("relationship.col.exclusivity"): [
            fmt_number(v, lang) for v in sheet["exclusivity_months"]
        ],
        t("relationship.col.whitelisting"): [
            t("relationship.yes") if v else "" for v in sheet["whitelisting"]
        ],
        t("relationship.col.payment"): [fmt_number(v, lang) for v in sheet["payment_days"]],
        t("relationship.col.mention"): sheet["disclosure"],
    }
)
values_shown = pd.DataFrame(
    {
        **head,
        t("relationship.col.brand_cost"): [money(v) for v in sheet["brand_cost_eur"]],
        t("relationship.col.sales"): [fmt_number(v, lang, 1) for v in sheet["conversions"]],
        t("relationship.col.cpm"): [fmt_money(v, lang) for v in sheet["cpm_eur"]],
        t("relationship.col.earnings"): [money(v) for v in sheet["influencer_earnings_eur"]],
        t("relationship.col.hours"): [fmt_number(v, lang, 1) for v in sheet["effort_hours"]],
        t("relationship.col.hourly"): [fmt_money(v, lang) for v in sheet["hourly_eur"]],
        t("relationship.col.contract_value"): [money(v) for v in sheet["contract_value_eur"]],
    }
)
st.markdown(f"**{t('relationship.negotiation.terms_title')}**")
st.dataframe(terms_shown, hide_index=True, width="stretch")
st.markdown(f"**{t('relationship.negotiation.values_title')}**")
st.dataframe(values_shown, hide_index=True, width="stretch")
st.caption(t("relationship.negotiation.sheet_help"))

terms = negotiation.current_terms(deal)
st.subheader(t("relationship.negotiation.flags_title"))
for flag in negotiation.legal_flags(plan, row, deal, terms, lang):
    show = {"error": st.error, "warning": st.warning}.get(flag.level, st.success)
    show(flag.message)
    if flag.code == "contract_required":
        ticked = plan.compliance.contract_clauses.get(iid, [])
        picked = st.multiselect(
            t("relationship.negotiation.clauses"),
            list(compliance.CONTRACT_CLAUSES),
            default=ticked,
            format_func=lambda code: compliance.clause_label(code, lang),
            placeholder=t("relationship.negotiation.clauses_placeholder"),
            key=state.widget_key(f"negotiation_clauses_{iid}"),
        )
        success.set_clauses(plan, iid, picked)
        if flag.clauses_missing and set(picked) != set(compliance.CONTRACT_CLAUSES):
            st.caption(t("relationship.negotiation.clauses_missing"))

# --- the win-win score ---------------------------------------------------------------------
st.subheader(t("relationship.negotiation.score_title"))
score = negotiation.win_win(plan, row, deal, terms)
cols = st.columns(3)
cols[0].metric(t("relationship.negotiation.score_brand"), fmt_number(score.brand, lang))
cols[1].metric(t("relationship.negotiation.score_influencer"), fmt_number(score.influencer, lang))
cols[2].metric(t("relationship.negotiation.score_win_win"), fmt_number(score.score, lang))
parts = [
    t(
        "relationship.negotiation.score_part",
        side=state.label("relationship.side", side),
        part=state.label("relationship.score_part", code),
        value=fmt_percent(v, lang, 0),
    )
    for side, values in score.parts.items()
    for code, v in values.items()
]
st.caption(" · ".join(parts))
if score.walks_away:
    st.warning(t("relationship.negotiation.walks_away", name=name))

# --- the next round, or the deal sealed -----------------------------------------------------
if deal.status == "accepted":
    st.success(
        t(
            "relationship.negotiation.accepted",
            name=name,
            date=fmt_date(pipeline.local_date(deal.accepted_at), lang),
        )
    )
    links = st.columns(3)
    link(
        "remuneration",
        t("relationship.negotiation.go_remuneration"),
        ":material/payments:",
        links[0],
    )
    link("actions", t("relationship.negotiation.go_actions"), ":material/assignment_ind:", links[1])
    link("budget", t("relationship.negotiation.go_budget"), ":material/savings:", links[2])
    st.caption(t("relationship.negotiation.renew_help"))
    if st.button(t("relationship.negotiation.renew")):
        negotiation.open_deal(plan, row, renewal=True)
        st.rerun()
    st.stop()

st.header(t("relationship.negotiation.round_title", number=len(deal.rounds) + 1))
side = st.radio(
    t("relationship.negotiation.side"),
    ["brand", "influencer"],
    index=0 if negotiation.next_side(deal) == "brand" else 1,
    format_func=labeller("relationship.side"),
    horizontal=True,
    key=state.widget_key(f"negotiation_side_{deal.deal_id}"),
)
round_key = state.widget_key(f"round_{deal.deal_id}")
with st.container(border=True):
    offered = terms_form(terms, round_key)
    preview = negotiation.value(plan, row, offered, lang)
    st.caption(
        t(
            "relationship.negotiation.preview",
            cost=money(preview.brand_cost_eur),
            sales=fmt_number(preview.conversions, lang, 1),
            earnings=money(preview.influencer_earnings_eur),
            hours=fmt_number(preview.effort_hours, lang, 1),
            hourly=fmt_money(preview.hourly_eur, lang),
        )
    )
    note = st.text_input(t("relationship.negotiation.note"), key=f"{round_key}_note")
    submitted = st.button(t("relationship.negotiation.submit"), type="primary")
if submitted:
    try:
        negotiation.add_round(deal, side, offered, note)
    except UserError as err:
        st.error(err.message(lang))
    else:
        state.refresh(f"negotiation_side_{deal.deal_id}", f"round_{deal.deal_id}")
        state.flash("success", t("relationship.negotiation.round_saved", number=len(deal.rounds)))
        st.rerun()

st.divider()
accept_col, abandon_col = st.columns(2)
with accept_col:
    st.caption(t("relationship.negotiation.accept_help"))
    if st.button(t("relationship.negotiation.accept"), type="primary"):
        try:
            negotiation.accept(plan, deal, profiles.influencer_table(plan), lang)
        except UserError as err:
            st.error(err.message(lang))
        else:
            state.flash("success", t("relationship.negotiation.accepted_flash", name=name))
            st.rerun()
with abandon_col:
    st.caption(t("relationship.negotiation.abandon_help"))
    if st.button(t("relationship.negotiation.abandon")):
        negotiation.abandon(deal)
        st.rerun()
