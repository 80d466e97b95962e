"""3. The influencer brief: generated from the plan (brand, objective, deliverables with their
retro-planning dates, key messages, do's and don'ts, mention, rights, approval, contacts),
edited here, downloaded as a Word document in French or English."""

import pandas as pd
import streamlit as st

from influkit.errors import UserError
from influkit.operations import deliverables as actions
from influkit.relationship import brief, pipeline
from influkit.text.formats import fmt_date
from influkit.text.i18n import LANGUAGES
from influkit.text.i18n import t as t_in
from ui import state
from ui.relationship import link, pick_influencer, ranking
from ui.state import labeller, t

lang = state.lang()
plan = state.require_plan()

st.title(t("relationship.brief_page.title"))
st.write(t("relationship.brief_page.intro"))

rows = ranking(plan)
iid = pick_influencer(
    plan, rows, "brief_who", prefer=[d.influencer_id for d in plan.relationship.deals]
)
row = rows[iid]
doc_lang = st.radio(
    t("relationship.brief_page.language"),
    list(LANGUAGES),
    index=LANGUAGES.index(lang),
    format_func=labeller("relationship.language"),
    horizontal=True,
    key=state.widget_key(f"brief_lang_{iid}"),
)
rel = pipeline.view(plan, iid)
defaults = brief.default_sections(plan, row, doc_lang)
texts = brief.sections(plan, row, doc_lang, rel)


def _editor(code: str) -> None:
    """One section's text area; what the trainee types is kept in the plan."""
    help_key = "relationship.brief_page.list_help" if code in brief.LIST_SECTIONS else None
    typed = st.text_area(
        brief.section_title(code, doc_lang),
        value=texts[code],
        # Tall enough to show every line of the generated text without scrolling.
        height=max(90, 26 * (texts[code].count("\n") + 1) + 40),
        help=t(help_key) if help_key else None,
        key=state.widget_key(f"brief_{iid}_{doc_lang}_{code}"),
    )
    if typed != texts[code]:
        try:
            brief.set_section(pipeline.ensure(plan, iid), code, doc_lang, typed, defaults[code])
        except UserError as err:
            st.error(err.message(lang))
        texts[code] = typed


_editor("brand_product")
_editor("objective")
st.markdown(f"**{brief.section_title('deliverables', doc_lang)}**")
dates = brief.deliverable_dates(plan, iid)
if dates:
    st.dataframe(
        pd.DataFrame(
            {
                t_in("relationship.brief.col.what", doc_lang): [
                    actions.what_label(d["deliverable"], doc_lang) for d in dates
                ],
                t_in("relationship.brief.col.draft", doc_lang): [
                    fmt_date(d["draft"], lang) if d["draft"] else "—" for d in dates
                ],
                t_in("relationship.brief.col.approval", doc_lang): [
                    fmt_date(d["approval"], lang) if d["approval"] else "—" for d in dates
                ],
                t_in("relationship.brief.col.window", doc_lang): [
                    t_in(
                        "relationship.brief.window",
                        doc_lang,
                        start=fmt_date(d["start"], lang),
                        end=fmt_date(d["end"], lang),
                    )
                    if d["start"] and d["end"]
                    else "—"
                    for d in dates
                ],
            }
        ),
        hide_index=True,
    )
    if not plan.tasks:
        st.caption(t("relationship.brief_page.no_retroplan"))
        link("retroplanning", t("relationship.brief_page.go_retroplan"), ":material/view_timeline:")
else:
    st.caption(t("relationship.brief_page.no_deliverables"))
    link("actions", t("relationship.brief_page.go_actions"), ":material/assignment_ind:")
for code in brief.SECTIONS[2:]:
    _editor(code)

left, right = st.columns(2)
name = row.get("display_name") or iid
left.download_button(
    t("relationship.brief_page.download"),
    data=brief.build_docx(plan, row, doc_lang, texts),
    file_name=brief.file_name(plan.brief.brand, str(name), doc_lang),
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    type="primary",
    icon=":material/download:",
)
if right.button(t("relationship.brief_page.reset")):
    stored = pipeline.ensure(plan, iid)
    stored.brief_edits = {
        k: v for k, v in stored.brief_edits.items() if not k.startswith(f"{doc_lang}.")
    }
    state.refresh(*(f"brief_{iid}_{doc_lang}_{code}" for code in brief.SECTIONS))
    st.rerun()
