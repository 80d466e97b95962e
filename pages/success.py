"""5. Conditions of success: the one checklist (the same as page 1's), each condition read from
the plan where it can be, ticked by hand where it cannot; the per-influencer compliance table
with contracts signed and their clauses, and the French-law reminders (module 7), all saved in
the plan."""

import datetime as dt

import streamlit as st

from influkit.campaign import compliance
from influkit.identify import profiles
from influkit.strategy import success
from influkit.text.formats import fmt_money
from ui import checklist, state
from ui.forecast_view import forecast_summary
from ui.state import bound, t
from ui.text import plain

lang = state.lang()
plan = state.require_plan()
today = dt.date.today()

st.title(t("success.title"))
st.write(t("success.intro"))

table = profiles.influencer_table(plan)
checklist.show(plan, here="success", today=today, table=table)
forecast_summary(plan, table)

# --- compliance per influencer --------------------------------------------------------------
st.header(t("success.table.title"))
st.write(
    t("success.table.intro", threshold=fmt_money(compliance.CONTRACT_THRESHOLD_EUR_HT, lang, 0))
)
rows = success.compliance_table(plan, table, lang)


if rows.empty:
    st.info(t("success.table.empty"))
else:
    st.dataframe(success.compliance_frame(rows, lang), hide_index=True, width="stretch")

    st.subheader(t("success.table.clauses_title"))
    st.caption(t("success.table.clauses_intro"))
    changed = False
    for row in rows.to_dict("records"):
        iid = row["influencer_id"]
        verdict = t(
            "success.contracts.required"
            if row["contract_required"]
            else "success.contracts.not_required"
        )
        amount = fmt_money(row["amount_eur_ht"], lang, 0) if row["amount_source"] != "none" else "—"
        done = len(compliance.CONTRACT_CLAUSES) - len(row["missing_clauses"])
        if row["signed"]:
            signed_badge = (
                f":green-badge[:material/check_circle: {t('success.table.badge_signed')}]"
            )
        elif row["contract_required"]:
            signed_badge = f":red-badge[:material/block: {t('success.table.badge_unsigned')}]"
        else:
            signed_badge = f":gray-badge[{t('success.table.badge_optional')}]"
        title = f"{signed_badge} **{plain(row['name'])}** · {amount} · {verdict} · " + t(
            "success.table.clauses_done", done=done, count=len(compliance.CONTRACT_CLAUSES)
        )
        with st.expander(title, expanded=bool(row["contract_required"] and not row["signed"])):
            signed = bound(
                st.checkbox,
                f"success_signed_{iid}",
                bool(row["signed"]),
                t("success.table.col_signed"),
            )
            changed |= success.set_signed(plan, iid, signed)
            columns = st.columns(2)
            ticked = []
            for index, code in enumerate(compliance.CONTRACT_CLAUSES):
                with columns[index % 2]:
                    if bound(
                        st.checkbox,
                        f"success_clause_{iid}_{code}",
                        code in row["clauses"],
                        compliance.clause_label(code, lang),
                    ):
                        ticked.append(code)
            changed |= success.set_clauses(plan, iid, ticked)
    if changed:
        st.rerun()

# --- the reminders --------------------------------------------------------------------------
st.header(t("success.reminders.title"))
st.write(t("success.reminders.intro"))
done = set(success.reminders_done(plan))
st.caption(t("success.reminders.progress", done=len(done), count=len(success.REMINDERS)))
reminders_changed = False
for code in success.REMINDERS:
    ticked = bound(
        st.checkbox, f"success_reminder_{code}", code in done, success.reminder_label(code, lang)
    )
    reminders_changed |= success.set_reminder(plan, code, ticked)
if reminders_changed:
    st.rerun()
