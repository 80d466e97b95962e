"""5. SMART objectives: add from a template, edit, delete; each objective's verdict on the five
criteria and the sentence it reads as; the KPI targets kept in step."""

import datetime as dt
import math

import pandas as pd
import streamlit as st

from influkit import kpis
from influkit.errors import UserError
from influkit.identify import profiles
from influkit.plan.model import BUSINESS_AIMS, PLATFORMS
from influkit.strategy import history
from influkit.strategy import objectives as smart
from influkit.text import i18n
from influkit.text.formats import fmt_date, fmt_money, fmt_number
from ui import state
from ui.assumptions import assumptions_panel
from ui.forecast_view import forecast_summary
from ui.navigation import all_pages
from ui.state import bound, labeller, t
from ui.text import defuse
from ui.widgets import number_field

lang = state.lang()
menu = {spec.file for spec in all_pages()}
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
    if "shortlist" in menu:
        st.page_link(
            "pages/shortlist.py", label=t("smart.go_shortlist"), icon=":material/checklist:"
        )
else:
    forecast_summary(plan)
assumptions_panel(plan, "obj")


def kpi_option(code: str, _lang: str = lang) -> str:
    """A KPI with the business aim it measures, for the KPI picker."""
    return i18n.t(
        "smart.kpi_option",
        _lang,
        kpi=smart.kpi_label(code, _lang),
        aim=i18n.label("aim", smart.AIM_OF_KPI[code], _lang),
    )


def known(value: float | None) -> float | None:
    """A stored value, None when there is none (a missing baseline is NaN in old plans)."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def put(target: object, field: str, value: object) -> bool:
    """Write a value into the objective when it changed; True when it did."""
    if getattr(target, field) == value:
        return False
    setattr(target, field, value)
    return True


ICONS = {True: ":material/check_circle:", False: ":material/cancel:", None: ":material/help:"}
COLOURS = {True: "green", False: "red", None: "orange"}


def verdict_state(criterion: smart.SmartCriterion) -> bool | None:
    """True when the criterion holds, False when it fails, None when not judged yet."""
    return True if criterion.ok else (False if criterion.judged else None)


def badges(report: smart.SmartReport) -> str:
    """The five criteria as coloured badges: S · Spécifique, M · Mesurable…"""
    parts = []
    for criterion in report.criteria:
        colour = COLOURS[verdict_state(criterion)]
        letter = t(f"smart.letter.{criterion.code}")
        name = t(f"smart.criterion.{criterion.code}")
        parts.append(f":{colour}-badge[{ICONS[verdict_state(criterion)]} {letter} · {name}]")
    return " ".join(parts)


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
            mark = verdict_state(criterion)
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
            changed |= put(objective, "business_aim", aim)
            kpi = bound(
                st.selectbox,
                f"objectives_{oid}_kpi",
                objective.kpi if objective.kpi in smart.KPIS else None,
                t("smart.field.kpi"),
                options=list(smart.KPIS),
                index=None,
                format_func=kpi_option,
                placeholder=t("smart.kpi_placeholder"),
                help=t("smart.help.kpi"),
            )
            if kpi is not None and kpi != objective.kpi:
                smart.change_kpi(objective, kpi, plan, table=table)
                changed = True
            unit = t(f"smart.unit.{kpis.unit(objective.kpi)}")
            for field in ("baseline", "target"):
                typed = number_field(
                    t(f"smart.field.{field}", unit=unit),
                    known(getattr(objective, field)),
                    key=state.widget_key(f"objectives_{oid}_{objective.kpi}_{field}"),
                    kind=kpis.entry_kind(objective.kpi),
                    help=t(f"smart.help.{field}"),
                )
                if typed != known(getattr(objective, field)):
                    changed |= put(objective, field, typed)
        with col2:
            audience = bound(
                st.text_area,
                f"objectives_{oid}_audience",
                objective.audience,
                t("smart.field.audience"),
                height=110,
            )
            changed |= put(objective, "audience", audience)
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
            changed |= put(objective, "platform", platform or "")
            offer = bound(
                st.text_input, f"objectives_{oid}_offer", objective.offer, t("smart.field.offer")
            )
            changed |= put(objective, "offer", offer)
        with col3:
            for field in ("start", "end"):
                day = bound(
                    st.date_input,
                    f"objectives_{oid}_{field}",
                    getattr(objective, field),
                    t(f"smart.field.{field}"),
                    format="DD/MM/YYYY",
                    min_value=dt.date(2000, 1, 1),
                    max_value=dt.date(2100, 12, 31),
                )
                changed |= put(objective, field, day if isinstance(day, dt.date) else None)
            note = bound(
                st.text_area,
                f"objectives_{oid}_note",
                objective.note,
                t("smart.field.note"),
                height=110,
            )
            changed |= put(objective, "note", note)
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
smart.sync_kpi_targets(plan)

# --- KPI targets ---------------------------------------------------------------------------
if plan.kpi_targets:
    st.header(t("smart.kpi_targets_title"))
    numbers = {o.objective_id: i for i, o in enumerate(plan.objectives, start=1)}
    st.dataframe(
        pd.DataFrame(
            {
                t("smart.column.objective"): [
                    t("smart.objective_label", number=numbers[k.objective_id])
                    if k.objective_id in numbers
                    else "—"
                    for k in plan.kpi_targets
                ],
                t("smart.column.kpi"): [smart.kpi_label(k.kpi, lang) for k in plan.kpi_targets],
                t("smart.column.target"): [
                    kpis.fmt_kpi(k.kpi, k.target, lang) for k in plan.kpi_targets
                ],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.caption(t("smart.kpi_targets_caption"))
if "retroplanning" in menu:
    st.page_link("pages/retroplanning.py", label=t("smart.next"), icon=":material/view_timeline:")
