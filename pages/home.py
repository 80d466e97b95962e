"""Home: the course's objectives, how the toolkit follows it, start or continue a plan."""

import pandas as pd
import streamlit as st

from influkit.data import datasets
from influkit.plan.model import Plan
from influkit.text.formats import fmt_date, fmt_money
from ui import state
from ui.navigation import page_link
from ui.state import t
from ui.text import plain

lang = state.lang()
st.title(t("home.title"))
st.write(t("home.intro"))
st.caption(":material/info: " + t("app.fictional"))

st.subheader(t("home.objectives_title"))
st.markdown("\n".join(f"- {t(f'home.objective_{i}')}" for i in range(1, 5)))
st.subheader(t("home.modules_title"))
when = ["d1am", "d1am", "d1pm", "d1pm", "d2am", "d2pm", "d2pm"]
modules = pd.DataFrame(
    {
        t("home.module_col"): [f"{i}. {t(f'home.module_{i}')}" for i in range(1, 8)],
        t("home.when_col"): [t(f"home.{w}") for w in when],
        t("home.what_col"): [t(f"home.module_{i}_what") for i in range(1, 8)],
    }
)
st.dataframe(modules, hide_index=True, width="stretch")

plan = state.current_plan()
if plan is not None:
    with st.container(border=True):
        st.subheader(t("home.current_title"))
        st.markdown(f"**{plain(plan.title or plan.brief.brand)}** — {plain(plan.brief.brand)}")
        page_link("my_plan", t("home.current_open"), ":material/assignment:")

st.header(t("home.start_title"))
st.caption(t("home.start_help"))
cases = datasets.cases()
for column, case in zip(st.columns(len(cases)), cases, strict=True):
    with column, st.container(border=True):
        st.markdown(f"#### {case[f'title_{lang}']}")
        st.markdown(
            t(
                "home.case_facts",
                brand=case["brand"],
                product=case["product"],
                aim=t("aim." + case["business_aim"]),
                budget=fmt_money(case["budget_eur_ht"], lang, 0),
                launch=fmt_date(case["launch_date"], lang),
            )
        )
        with st.expander(t("myplan.case_brief")):
            st.write(case[f"brief_{lang}"])
        if st.button(t("home.start_button"), key=f"home_start_{case['case_id']}", type="primary"):
            new_plan = Plan.from_case(case, lang)
            state.start_plan(new_plan)
            state.flash("success", t("home.started", title=new_plan.title))
            state.go("my_plan")

if st.button(t("home.blank_button"), key="home_blank"):
    blank = Plan(title=t("home.blank_title"))
    state.start_plan(blank)
    state.flash("success", t("home.started", title=blank.title))
    state.go("my_plan")

state.reopen_block("home")
