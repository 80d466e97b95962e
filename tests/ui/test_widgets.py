"""The number field every page uses: French and English typing, errors under the field."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from ..helpers import ROOT

NBSP = "\u00a0"


def _conversion_field_app():
    import streamlit as st

    from ui.widgets import number_field

    st.session_state.setdefault("stored", 0.035)
    st.session_state.setdefault("lang", st.query_params.get("lang", "fr"))
    value = number_field("Taux de conversion", st.session_state["stored"], key="cr", kind="percent")
    st.session_state["stored"] = value
    st.markdown(f"stored={value!r} sales={round(1000 * value)}")
    if st.button("reset"):
        st.session_state["stored"] = 0.035
        st.rerun()


def _run(lang: str = "fr") -> AppTest:
    at = AppTest.from_function(_conversion_field_app, default_timeout=30)
    at.query_params["lang"] = lang
    return at.run()


def _stored(at: AppTest) -> str:
    return at.markdown[-1].value


@pytest.mark.parametrize(
    "lang, shown, typed, stored, reshown",
    [
        ("fr", f"3,5{NBSP}%", "4,2", "stored=0.042 sales=42", f"4,2{NBSP}%"),
        ("fr", f"3,5{NBSP}%", "4,2 %", "stored=0.042 sales=42", f"4,2{NBSP}%"),
        ("en", "3.5%", "4.2", "stored=0.042 sales=42", "4.2%"),
        ("en", "3.5%", "4.2%", "stored=0.042 sales=42", "4.2%"),
    ],
)
def test_typing_a_rate_the_users_way_stores_the_rate(lang, shown, typed, stored, reshown):
    """Typing 4,2 in a rate field stores 4,2 % (not 42), and the field then reads 4,2 %."""
    at = _run(lang)
    assert at.text_input(key="cr").value == shown
    at.text_input(key="cr").input(typed).run()
    assert not at.exception
    assert _stored(at) == stored
    assert at.text_input(key="cr").value == reshown
    assert not at.error


@pytest.mark.parametrize(
    "lang, message",
    [("fr", "n'est pas un nombre lisible"), ("en", "is not a number we can read")],
)
def test_an_unreadable_rate_is_refused_and_the_previous_one_kept(lang, message):
    """Typing 4,2,1 shows a message under the field and keeps 3,5 %."""
    at = _run(lang)
    at.text_input(key="cr").input("4,2,1").run()
    assert _stored(at) == "stored=0.035 sales=35"
    assert len(at.error) == 1 and message in at.error[0].value
    assert at.text_input(key="cr").value == "4,2,1"
    at.text_input(key="cr").input("5").run()
    assert _stored(at) == "stored=0.05 sales=50"
    assert not at.error


def test_a_value_changed_elsewhere_shows_in_the_field():
    """When the plan's value is reset elsewhere, the field shows the reset value."""
    at = _run("fr")
    at.text_input(key="cr").input("9").run()
    assert at.text_input(key="cr").value == f"9{NBSP}%"
    at.button[0].click().run()
    assert _stored(at) == "stored=0.035 sales=35"
    assert at.text_input(key="cr").value == f"3,5{NBSP}%"


def _form_app():
    import streamlit as st

    from ui.widgets import number_field

    st.session_state.setdefault("lang", "fr")
    with st.form("add"):
        left, _ = st.columns(2)
        with left:
            cost = number_field("Coût unitaire", 0.0, key="cost", kind="money", min_value=0.0)
        submitted = st.form_submit_button("Ajouter")
    st.markdown(f"cost={cost!r} submitted={submitted}")


def test_a_field_in_a_form_is_read_when_the_form_is_sent():
    """In a form, 1 234,50 € typed then sent gives 1234.5."""
    at = AppTest.from_function(_form_app, default_timeout=30).run()
    assert not at.exception
    at.text_input(key="cost").input("1 234,50 €")
    at.button[0].click().run()
    assert not at.exception
    assert at.markdown[-1].value == "cost=1234.5 submitted=True"
    at.run()
    assert at.text_input(key="cost").value == "1\u202f234,50\u00a0€"


def test_no_page_uses_streamlit_number_input():
    """Every number a user types goes through number_field, never st.number_input (which
    shows 3.50 to a French user and reads 4,2 as 42)."""
    import re

    sources = [ROOT / "app.py", *(ROOT / "pages").rglob("*.py"), *(ROOT / "ui").rglob("*.py")]
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sources
        if path.name != "widgets.py" or path.parent.name != "ui"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\bnumber_input\b", line)
    ]
    assert not offenders, f"use ui.widgets.number_field instead: {offenders}"
