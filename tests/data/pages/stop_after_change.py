"""A page that changes the plan, then stops early with ``st.stop()``, as a page may do after
saying what is missing. The router must still save the change (tests/ui/test_state.py)."""

import streamlit as st

from ui import state

TITLE = "Changé juste avant st.stop()"

plan = state.require_plan()
plan.title = TITLE
st.stop()
