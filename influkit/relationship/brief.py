"""The influencer brief: one to two pages per influencer, generated from the plan, edited by the
trainee and downloaded as a Word document (python-docx) in French or English.

Sections follow market practice (DOMAIN §11): the brand and product in a few lines, the
campaign objective, the deliverables with their dates from the retro-planning, at most three
key messages, do's and don'ts, the mandatory mention, usage rights, the approval steps and the
contacts. What the trainee writes goes into the document as plain text (never as markup).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

from influkit.campaign import compliance
from influkit.campaign.compensation import simulator as remuneration
from influkit.errors import UserError
from influkit.operations import deliverables as actions
from influkit.operations import followup
from influkit.operations.schedule import gantt
from influkit.plan.model import DealTerms, InfluencerRelationship, Plan
from influkit.relationship import negotiation, outreach, pipeline
from influkit.strategy import objectives as smart
from influkit.text.formats import fmt_date
from influkit.text.i18n import label, normalize_language, t

#: The editable sections, in the document's order (deliverables sit after the objective).
SECTIONS: tuple[str, ...] = (
    "brand_product",
    "objective",
    "key_messages",
    "dos",
    "donts",
    "mention",
    "usage_rights",
    "approval",
    "contacts",
)
#: Sections written one item per line (bullets in the document).
LIST_SECTIONS = frozenset({"key_messages", "dos", "donts", "approval"})
MAX_KEY_MESSAGES = 3
# Sectors whose content must avoid health claims (cosmetics, food, medicine).
NO_HEALTH_CLAIMS = frozenset({"cosmetics", "food", "soft_drinks", "medicine"})
# Sectors whose pictures are often retouched (the "Image retouchée" mention).
RETOUCH_SECTORS = frozenset({"cosmetics", "fashion"})
REVIEW_WORKING_DAYS = 3
LIVE_DAYS = 30


def section_title(code: str, lang: str = "fr") -> str:
    """The heading of a brief section."""
    return t(f"relationship.brief.section.{code}", lang)


def edit_key(section: str, lang: str) -> str:
    """Where an edited section is kept in ``brief_edits`` (one text per language)."""
    return f"{normalize_language(lang)}.{section}"


# --- dates from the retro-planning ---------------------------------------------------------


def deliverable_dates(plan: Plan, influencer_id: str) -> list[dict[str, Any]]:
    """The influencer's deliverables with their dates: brief sent, draft due, approval and the
    publication window (from the retro-planning; the deliverable's own window first)."""
    scheduled = None
    if plan.tasks:
        try:
            scheduled = gantt.schedule_plan_tasks(plan.tasks, plan.brief.launch_date)
        except UserError:
            scheduled = None
    rows = []
    for deliverable in actions.deliverables_of(plan, influencer_id):
        due = followup.step_dates(deliverable, scheduled)["due"]
        rows.append(
            {
                "deliverable": deliverable,
                "brief": due["brief_sent"],
                "draft": due["draft_received"],
                "approval": due["approved"],
                "start": deliverable.window_start,
                "end": deliverable.window_end or due["published"],
            }
        )
    return rows


# --- default texts -------------------------------------------------------------------------


def _terms(plan: Plan, influencer_id: str) -> DealTerms | None:
    return outreach.commercial_terms(plan, influencer_id)


def default_sections(plan: Plan, row: Mapping[str, Any], lang: str = "fr") -> dict[str, str]:
    """Every section's starting text for one influencer, from the plan."""
    lang = normalize_language(lang)
    influencer_id = str(row.get("influencer_id") or "")
    brief = plan.brief
    brand = brief.brand.strip() or t("relationship.our_brand", lang)
    product = brief.product.strip() or t("relationship.our_product", lang)
    terms = _terms(plan, influencer_id)
    launch = fmt_date(brief.launch_date, lang) if brief.launch_date else None
    about = [
        t("relationship.brief.about_launch", lang, brand=brand, product=product, date=launch)
        if launch
        else t("relationship.brief.about", lang, brand=brand, product=product)
    ]
    if brief.target_audience.description.strip():
        about.append(
            t("relationship.brief.about_target", lang, target=brief.target_audience.description)
        )
    objective = [
        t(
            f"relationship.brief.objective.{brief.business_aim}",
            lang,
            product=smart.short_offer(product),
        )
    ]
    objective.extend(smart.sentence(o, lang) for o in plan.objectives[:2])

    messages = [
        c.key_message.strip()
        for c in plan.communication.channels
        if c.influencer_id == influencer_id and c.key_message.strip()
    ]
    messages += [m.strip() for m in plan.communication.key_messages if m.strip()]
    if not messages:
        messages = [
            t("relationship.brief.default_message", lang, product=smart.short_offer(product))
        ]
    messages = list(dict.fromkeys(messages))[:MAX_KEY_MESSAGES]

    dos = [t(f"relationship.brief.do.{code}", lang) for code in ("real", "show", "voice")]
    if brief.business_aim in ("conversion", "traffic"):
        dos.append(t("relationship.brief.do.code", lang))
    if brief.product_category in RETOUCH_SECTORS:
        dos.append(t("relationship.brief.do.retouched", lang))
    donts = [t(f"relationship.brief.dont.{code}", lang) for code in ("competitors", "hidden")]
    if brief.product_category in NO_HEALTH_CLAIMS:
        donts.insert(0, t("relationship.brief.dont.health", lang))
    for finding in compliance.check_sector(brief.product_category, lang):
        donts.append(finding.message(lang))

    if negotiation.is_commercial(terms):
        mention = (terms.disclosure or "").strip() or t("relationship.default_mention", "fr")
        mention_text = t("relationship.brief.mention", lang, mention=mention)
    else:
        mention_text = t("relationship.brief.mention_none", lang)

    rights = t("relationship.brief.rights_none", lang)
    if terms is not None and terms.usage_rights != "none":
        rights = t(
            "relationship.brief.rights",
            lang,
            brand=brand,
            duration=label("relationship.usage_rights", terms.usage_rights, lang),
        )
    extras = []
    if terms is not None and terms.paid_social:
        extras.append(t("relationship.brief.rights_paid_social", lang))
    if terms is not None and terms.whitelisting:
        extras.append(t("relationship.brief.rights_whitelisting", lang))
    if terms is not None and terms.exclusivity_months > 0:
        extras.append(
            t("relationship.brief.rights_exclusivity", lang, months=terms.exclusivity_months)
        )
    rights = " ".join([rights, *extras])

    dates = deliverable_dates(plan, influencer_id)
    drafts = [d["draft"] for d in dates if d["draft"]]
    draft = fmt_date(min(drafts), lang) if drafts else t("relationship.due_agreed", lang)
    starts = [d["start"] for d in dates if d["start"]]
    ends = [d["end"] for d in dates if d["end"]]
    approval = [
        t("relationship.brief.step.draft", lang, date=draft),
        t("relationship.brief.step.review", lang, brand=brand, days=REVIEW_WORKING_DAYS),
        t("relationship.brief.step.edits", lang),
        t(
            "relationship.brief.step.publish",
            lang,
            start=fmt_date(min(starts), lang) if starts else t("relationship.due_agreed", lang),
            end=fmt_date(max(ends), lang) if ends else t("relationship.due_agreed", lang),
        ),
        t("relationship.brief.step.live", lang, days=LIVE_DAYS),
        t("relationship.brief.step.stats", lang),
    ]
    return {
        "brand_product": " ".join(about),
        "objective": " ".join(objective),
        "key_messages": "\n".join(messages),
        "dos": "\n".join(dos),
        "donts": "\n".join(donts),
        "mention": mention_text,
        "usage_rights": rights,
        "approval": "\n".join(approval),
        "contacts": t("relationship.brief.contacts", lang, brand=brand),
    }


def sections(
    plan: Plan, row: Mapping[str, Any], lang: str = "fr", rel: InfluencerRelationship | None = None
) -> dict[str, str]:
    """The brief's sections: the trainee's edits in ``lang`` over the defaults."""
    influencer_id = str(row.get("influencer_id") or "")
    rel = rel or pipeline.view(plan, influencer_id)
    texts = default_sections(plan, row, lang)
    for code in SECTIONS:
        edited = rel.brief_edits.get(edit_key(code, lang))
        if edited is not None:
            texts[code] = edited
    return texts


def set_section(
    rel: InfluencerRelationship, section: str, lang: str, text: str, default: str
) -> bool:
    """Keep the trainee's text for a section (forgotten when it is the default again); True when
    it changed. Key messages keep at most three lines."""
    if section not in SECTIONS:
        raise UserError("relationship.error_section", section=section)
    if section == "key_messages":
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > MAX_KEY_MESSAGES:
            raise UserError("relationship.error_key_messages", count=len(lines))
    key = edit_key(section, lang)
    edits = dict(rel.brief_edits)
    if text == default:
        edits.pop(key, None)
    else:
        edits[key] = text
    if edits == rel.brief_edits:
        return False
    rel.brief_edits = edits
    return True


# --- the Word document ---------------------------------------------------------------------

ACCENT = RGBColor(0x1E, 0x5A, 0x8C)
_BULLET = re.compile(r"^[-•]\s+")


def _lines(text: str) -> list[str]:
    """Non-empty lines, without a typed bullet ("- " or "• "); anything else stays as typed."""
    return [_BULLET.sub("", line.strip()) for line in text.splitlines() if line.strip()]


def build_docx(
    plan: Plan,
    row: Mapping[str, Any],
    lang: str = "fr",
    texts: Mapping[str, str] | None = None,
    today: dt.date | None = None,
) -> bytes:
    """The brief as a Word document (.docx bytes): title, sections, the deliverables table."""
    lang = normalize_language(lang)
    influencer_id = str(row.get("influencer_id") or "")
    texts = dict(texts) if texts is not None else sections(plan, row, lang)
    name = remuneration.display_name(row, influencer_id)
    brand = plan.brief.brand.strip() or t("relationship.our_brand", lang)
    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10.5)
    for section in document.sections:
        section.top_margin = section.bottom_margin = Pt(50)
        section.left_margin = section.right_margin = Pt(60)
    core = document.core_properties
    core.title = t("relationship.brief.doc_title", lang, brand=brand, name=name)
    core.author = brand
    core.language = lang

    heading = document.add_heading(core.title, level=0)
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    meta = document.add_paragraph()
    run = meta.add_run(
        t(
            "relationship.brief.doc_meta",
            lang,
            date=fmt_date(today or dt.date.today(), lang),
            handle=str(row.get("handle") or ""),
            platform=label("data.platform", str(row.get("platform") or ""), lang),
        )
    )
    run.italic = True
    run.font.color.rgb = RGBColor(0x55, 0x55, 0x55)

    def _section(code: str) -> None:
        document.add_heading(section_title(code, lang), level=1)
        text = texts.get(code, "")
        if code in LIST_SECTIONS:
            for line in _lines(text) or ["—"]:
                document.add_paragraph(line, style="List Bullet")
        else:
            for paragraph in [p for p in text.split("\n") if p.strip()] or ["—"]:
                document.add_paragraph(paragraph)

    _section("brand_product")
    _section("objective")
    document.add_heading(section_title("deliverables", lang), level=1)
    dates = deliverable_dates(plan, influencer_id)
    if dates:
        columns = ("what", "draft", "approval", "window")
        table = document.add_table(rows=1, cols=len(columns))
        table.style = "Light Grid Accent 1"
        for cell, code in zip(table.rows[0].cells, columns, strict=True):
            cell.text = t(f"relationship.brief.col.{code}", lang)
        for item in dates:
            cells = table.add_row().cells
            cells[0].text = actions.what_label(item["deliverable"], lang)
            cells[1].text = fmt_date(item["draft"], lang) if item["draft"] else "—"
            cells[2].text = fmt_date(item["approval"], lang) if item["approval"] else "—"
            cells[3].text = (
                t(
                    "relationship.brief.window",
                    lang,
                    start=fmt_date(item["start"], lang),
                    end=fmt_date(item["end"], lang),
                )
                if item["start"] and item["end"]
                else "—"
            )
    else:
        document.add_paragraph(t("relationship.brief.no_deliverables", lang))
    for code in SECTIONS[2:]:
        _section(code)
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading") or paragraph.style.name == "Title":
            for heading_run in paragraph.runs:
                heading_run.font.color.rgb = ACCENT
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def file_name(brand: str, name: str, lang: str = "fr") -> str:
    """The download's file name: ``brief-verdelune-sarah-peeters-fr.docx``."""
    plain = unicodedata.normalize("NFKD", f"{brand} {name}").encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "influencer"
    return f"brief-{slug}-{normalize_language(lang)}.docx"
