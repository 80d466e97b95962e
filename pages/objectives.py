"""5. SMART objectives: add from a template, edit, delete; each objective's verdict on the five
criteria and the sentence it reads as; the KPI targets kept in step."""

import datetime as dt

import streamlit as st

from influkit import kpis
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.plan.model import BUSINESS_AIMS, PLATFORMS
from influkit.strategy import history
from influkit.strategy import objectives as smart
from influkit.text.formats import fmt_date, fmt_money, fmt_number
from ui import state
from ui.assumptions import assumptions_panel
from ui.forecast_view import forecast_summary
from ui.navigation import page_link
from ui.state import bound, labeller, t
from ui.text import defuse
from ui.widgets import DATE_INPUT, assign, number_field

lang = state.lang()
plan = state.require_plan()
OPEN_KEY = "objectives_open"

st.title(t("smart.title"))
st.markdown(t("smart.intro"))

table = profiles.shortlist_table(plan)
today = dt.date.today()
brand = history.brand_of_plan(plan)
campaigns = history.campaigns_of(brand) if brand else None

cols = st.columns([1.6, 1, 1, 1])
cols[0].metric(t("smart.brief_aim"), state.label("aim", plan.brief.business_aim))
cols[1].metric(t("smart.budget"), fmt_money(plan.brief.budget_eur_ht, lang, 0))
cols[2].metric(t("smart.shortlisted"), fmt_number(len(table), lang))
cols[3].metric(t("smart.launch"), fmt_date(plan.brief.launch_date, lang))
if not len(table):
    st.info(t("smart.shortlist_empty"))
    page_link("shortlist", t("smart.go_shortlist"), ":material/checklist:")
else:
    forecast_summary(plan)
assumptions_panel(plan, "obj")


ICONS = {True: ":material/check_circle:", False: ":material/cancel:", None: ":material/help:"}
COLOURS = {True: "green", False: "red", None: "orange"}


def badges(report: smart.SmartReport) -> str:
    """The five criteria as coloured badges: S · Spécifique, M · Mesurable…"""
    return " ".join(
        f":{COLOURS[c.verdict]}-badge[{ICONS[c.verdict]} {t(f'smart.letter.{c.code}')} · "
        f"{t(f'smart.criterion.{c.code}')}]"
        for c in report.criteria
    )


# --- add an objective ----------------------------------------------------------------------
st.header(t("smart.add_title"))
st.caption(t("smart.add_intro"))
left, middle, right = st.columns([2, 2, 1.4], vertical_alignment="bottom")
aims = list(BUSINESS_AIMS)
new_aim = left.selectbox(
    t("smart.add_aim"),
    options=aims,
    index=aims.index(plan.brief.business_aim),
    format_func=labeller("aim"),
    key=state.widget_key("objectives_add_aim"),
)
new_kpi = middle.selectbox(
    t("smart.add_kpi"),
    options=list(smart.KPIS_BY_AIM[new_aim]),
    format_func=labeller("kpis.name"),
    key=state.widget_key(f"objectives_add_kpi_{new_aim}"),
)
if right.button(
    t("smart.add_button"),
    type="primary",
    icon=":material/add:",
    key="objectives_add",
    width="stretch",
):
    try:
        added = smart.from_template(new_aim, plan, kpi=new_kpi, table=table, campaigns=campaigns)
    except UserError as err:
        st.error(err.message(lang))
    else:
        smart.add_objective(plan, added)
        st.session_state[OPEN_KEY] = added.objective_id
        state.flash("success", t("smart.added"))
        st.rerun()

# --- the objectives ------------------------------------------------------------------------
st.header(t("smart.list_title"))
if not plan.objectives:
    st.info(t("smart.none"))

changed_id = None
deleted_id = None
open_id = st.session_state.get(OPEN_KEY)
for number, objective in enumerate(plan.objectives, start=1):
    oid = objective.objective_id
    report = smart.validate(objective, plan, lang, table=table, today=today)
    colour = "green" if report.ok else ("orange" if report.score >= 3 else "red")
    title = (
        f"**{t('smart.objective_label', number=number)}** · "
        f":{colour}[**{t('smart.score', score=report.score)}**] — "
        f"{defuse(smart.sentence(objective, lang), plan)}"
    )
    expanded = oid == open_id or len(plan.objectives) == 1
    with st.expander(title, expanded=expanded):
        st.markdown(badges(report))
        for criterion in report.criteria:
            mark = criterion.verdict
            st.markdown(
                f":{COLOURS[mark]}[{ICONS[mark]}] **{t(f'smart.criterion.{criterion.code}')}** — "
                f"{defuse(criterion.message, plan)}"
            )
        if report.ok:
            st.success(t("smart.smart_ok"))
        plausible = report.plausibility
        if plausible is not None and plausible.known:
            st.caption(
                t(
                    "smart.plausible",
                    value=kpis.fmt_kpi(objective.kpi, plausible.value, lang),
                    low=kpis.fmt_kpi(objective.kpi, plausible.low, lang),
                    high=kpis.fmt_kpi(objective.kpi, plausible.high, lang),
                    basis=smart.basis_text(plausible, lang),
                )
            )
        reference = (
            smart.history_reference(objective.kpi, campaigns, plan=plan)
            if objective.kpi in smart.KPIS
            else None
        )
        if reference is not None:
            st.caption(reference.message(lang))

        st.markdown(f"**{t('smart.edit_title')}**")
        col1, col2, col3 = st.columns(3, gap="medium")
        changed = False
        with col1:
            aim = bound(
                st.selectbox,
                f"objectives_{oid}_aim",
                objective.business_aim,
                t("smart.field.aim"),
                options=aims,
                format_func=labeller("aim"),
            )
            changed |= assign(objective, "business_aim", aim, t("smart.field.aim"))
            kpi = bound(
                st.selectbox,
                f"objectives_{oid}_kpi",
                objective.kpi if objective.kpi in smart.KPIS else None,
                t("smart.field.kpi"),
                options=list(smart.KPIS),
                index=None,
                format_func=lambda code: smart.kpi_option(code, lang),
                placeholder=t("smart.kpi_placeholder"),
                help=t("smart.help.kpi"),
            )
            if kpi is not None and kpi != objective.kpi:
                smart.change_kpi(objective, kpi, plan, table=table)
                changed = True
            for field in ("baseline", "target"):
                stored = smart.stored_value(getattr(objective, field))
                label = smart.value_label(field, objective.kpi, lang)
                typed = number_field(
                    label,
                    stored,
                    key=state.widget_key(f"objectives_{oid}_{objective.kpi}_{field}"),
                    kind=kpis.entry_kind(objective.kpi),
                    help=t(f"smart.help.{field}"),
                )
                if typed != stored:
                    changed |= assign(objective, field, typed, label)
        with col2:
            audience = bound(
                st.text_area,
                f"objectives_{oid}_audience",
                objective.audience,
                t("smart.field.audience"),
                height=110,
            )
            changed |= assign(objective, "audience", audience, t("smart.field.audience"))
            platform_options = list(PLATFORMS)
            if objective.platform and objective.platform not in platform_options:
                platform_options.append(objective.platform)
            platform = bound(
                st.selectbox,
                f"objectives_{oid}_platform",
                objective.platform or None,
                t("smart.field.platform"),
                options=platform_options,
                index=None,
                format_func=labeller("data.platform"),
                placeholder=t("smart.platform_placeholder"),
            )
            changed |= assign(objective, "platform", platform or "", t("smart.field.platform"))
            offer = bound(
                st.text_input, f"objectives_{oid}_offer", objective.offer, t("smart.field.offer")
            )
            changed |= assign(objective, "offer", offer, t("smart.field.offer"))
        with col3:
            for field in ("start", "end"):
                day = bound(
                    st.date_input,
                    f"objectives_{oid}_{field}",
                    getattr(objective, field),
                    t(f"smart.field.{field}"),
                    **DATE_INPUT,
                )
                changed |= assign(
                    objective,
                    field,
                    day if isinstance(day, dt.date) else None,
                    t(f"smart.field.{field}"),
                )
            note = bound(
                st.text_area,
                f"objectives_{oid}_note",
                objective.note,
                t("smart.field.note"),
                height=110,
            )
            changed |= assign(objective, "note", note, t("smart.field.note"))
        if st.button(t("smart.delete"), icon=":material/delete:", key=f"objectives_{oid}_delete"):
            deleted_id = oid
        if changed:
            changed_id = oid

if deleted_id is not None:
    smart.remove_objective(plan, deleted_id)
    state.flash("info", t("smart.deleted"))
    st.rerun()
if changed_id is not None:
    st.session_state[OPEN_KEY] = changed_id
    smart.sync_kpi_targets(plan)
    st.rerun()

# --- KPI targets ---------------------------------------------------------------------------
if plan.kpi_targets:
    st.header(t("smart.kpi_targets_title"))
    st.dataframe(smart.kpi_targets_frame(plan, lang), hide_index=True, width="stretch")
    st.caption(t("smart.kpi_targets_caption"))
page_link("retroplanning", t("smart.next"), ":material/view_timeline:")
