"""Module 7 communication plan: channels and formats per influencer, key messages, the editorial
calendar derived from the deliverables and the retro-planning, the influencer-marketing platforms
the trainee considered (DOMAIN §10), and how complete the plan is.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd
from pydantic import ValidationError

from influkit.errors import UserError
from influkit.operations.schedule import scheduler as retroplan
from influkit.plan.model import PLATFORMS, ChannelPlan, EditorialItem, Plan, PlatformNote, new_id
from influkit.text.formats import fmt_date, fmt_number, fmt_percent
from influkit.text.i18n import label, normalize_language, t
from influkit.values import is_missing

FORMATS: tuple[str, ...] = ("photo", "carousel", "reel", "story", "live", "video", "short", "text")
#: The influencer-marketing platforms of DOMAIN §10, with their names as the vendors write them.
TOOLS: dict[str, str] = {
    "hypeauditor": "HypeAuditor",
    "modash": "Modash",
    "upfluence": "Upfluence",
    "favikon": "Favikon",
    "kolsquare": "Kolsquare",
    "grin": "GRIN",
    "aspire": "Aspire",
    "skeepers": "Skeepers",
    "creatoriq": "CreatorIQ",
    "traackr": "Traackr",
}
CAPABILITIES: tuple[str, ...] = (
    "discovery",
    "audience_quality",
    "crm",
    "briefs_approval",
    "affiliate",
    "reporting",
    "compliance_score",
    "budget_suggestions",
)
#: What each platform brings, as DOMAIN §10 lists it (for orientation, not a market survey).
TOOL_CAPABILITIES: dict[str, frozenset[str]] = {
    "hypeauditor": frozenset({"discovery", "audience_quality"}),
    "modash": frozenset({"discovery", "audience_quality", "affiliate"}),
    "upfluence": frozenset({"discovery", "crm", "affiliate"}),
    "favikon": frozenset({"discovery"}),
    "kolsquare": frozenset({"audience_quality", "briefs_approval", "compliance_score"}),
    "grin": frozenset({"crm", "affiliate", "reporting"}),
    "aspire": frozenset({"crm", "briefs_approval"}),
    "skeepers": frozenset({"briefs_approval", "reporting"}),
    "creatoriq": frozenset({"reporting"}),
    "traackr": frozenset({"budget_suggestions"}),
}
STORY_FIELDS: tuple[str, ...] = ("promise", "problem", "story_arc", "call_to_action")
COMPLETENESS_ITEMS: tuple[str, ...] = (
    "key_messages",
    "storytelling",
    "channels",
    "calendar",
    "platforms",
)
CALENDAR_SOURCES: tuple[str, ...] = ("retroplan", "deliverable", "manual")
CALENDAR_COLUMNS: tuple[str, ...] = (
    "item_id",
    "date",
    "end",
    "influencer_id",
    "platform",
    "format",
    "count",
    "message",
    "source",
    "task_id",
    "deliverable_id",
)


def _text(value: Any) -> str:
    return "" if is_missing(value) else str(value).strip()


def _codes(value: Any, allowed: Iterable[str]) -> list[str]:
    """The known codes found in a list (or a comma-separated text), in the catalogue's order."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    try:
        items = {str(v) for v in value}
    except TypeError:
        return []
    return [code for code in allowed if code in items]


def _as_date(value: Any, row: int) -> dt.date | None:
    if is_missing(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, pd.Timestamp):
        return value.date()
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as err:
        raise UserError("communication.error_date", row=row, value=value) from err


# --- channels and key messages --------------------------------------------------------------


def channel_for(plan: Plan, influencer_id: str) -> ChannelPlan | None:
    """The channels planned with an influencer, if any."""
    return next((c for c in plan.communication.channels if c.influencer_id == influencer_id), None)


def default_channel(plan: Plan, influencer_id: str, platform: str | None = None) -> ChannelPlan:
    """The channel plan an influencer starts from: their platform (``platform``, from the
    influencer table) and their deliverables' platforms and formats."""
    own = [d for d in plan.deliverables if d.influencer_id == influencer_id]
    kept = [p for p in [platform, *(d.platform for d in own)] if p in PLATFORMS]
    return ChannelPlan(
        influencer_id=influencer_id,
        platforms=_codes(kept, PLATFORMS),
        formats=_codes([d.format for d in own], FORMATS),
    )


def channels_in_force(plan: Plan, table: pd.DataFrame | None = None) -> list[ChannelPlan]:
    """Each shortlisted influencer's channel plan: the one the trainee wrote, else the one they
    start from (:func:`default_channel`). Nothing is written to the plan: a default is stored
    when the trainee edits the channels table."""
    platforms = (
        dict(zip(table["influencer_id"], table["platform"], strict=False))
        if table is not None and len(table)
        else {}
    )
    return [
        channel_for(plan, iid) or default_channel(plan, iid, platforms.get(iid))
        for iid in plan.shortlisted_ids()
    ]


def channels_frame(
    plan: Plan, names: Mapping[str, str] | None = None, table: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The shortlisted influencers' channel plans in force (:func:`channels_in_force`) as an
    editable table; with ``names``, each influencer's name follows the id (a ``name`` column)."""
    rows = []
    for channel in channels_in_force(plan, table):
        rows.append(
            {
                "influencer_id": channel.influencer_id,
                "platforms": list(channel.platforms),
                "formats": list(channel.formats),
                "key_message": channel.key_message,
            }
        )
    frame = pd.DataFrame(rows, columns=["influencer_id", "platforms", "formats", "key_message"])
    if names is not None:
        frame.insert(1, "name", [names.get(i, i) for i in frame["influencer_id"]])
    return frame


def channels_from_table(plan: Plan, frame: pd.DataFrame) -> list[ChannelPlan]:
    """The channel plans from an edited table; those of influencers not in it are kept."""
    edited: dict[str, ChannelPlan] = {}
    for record in frame.to_dict("records"):
        iid = _text(record.get("influencer_id"))
        if not iid:
            continue
        edited[iid] = ChannelPlan(
            influencer_id=iid,
            platforms=_codes(record.get("platforms"), PLATFORMS),
            formats=_codes(record.get("formats"), FORMATS),
            key_message=_text(record.get("key_message")),
        )
    kept = [c for c in plan.communication.channels if c.influencer_id not in edited]
    order = [c.influencer_id for c in plan.communication.channels]
    ordered = [edited[i] for i in order if i in edited]
    new = [c for i, c in edited.items() if i not in order]
    return [*kept, *ordered, *new]


def add_key_message(plan: Plan, message: str) -> bool:
    """Add a key message (spaces around it dropped); False when it is empty."""
    text = message.strip()
    if not text:
        return False
    plan.communication.key_messages = [*plan.communication.key_messages, text]
    return True


def key_messages_from_table(frame: pd.DataFrame) -> list[str]:
    """The key messages of an edited one-column table, blanks left out."""
    if "message" not in frame.columns:
        return []
    return [_text(v) for v in frame["message"].tolist() if _text(v)]


# --- editorial calendar ---------------------------------------------------------------------


def _scheduled(plan: Plan) -> tuple[pd.DataFrame | None, UserError | None]:
    if not plan.tasks or plan.brief.launch_date is None:
        return None, None
    try:
        return retroplan.schedule(plan.tasks, plan.brief.launch_date), None
    except UserError as err:
        return None, err


def _message_for(plan: Plan, influencer_id: str, fallback: str = "") -> str:
    channel = channel_for(plan, influencer_id)
    if channel is not None and channel.key_message.strip():
        return channel.key_message.strip()
    if plan.communication.key_messages:
        return plan.communication.key_messages[0]
    return fallback


def _publication_row(frame: pd.DataFrame, deliverable_id: str | None) -> dict[str, Any] | None:
    if deliverable_id is None:
        tied = frame.loc[frame["deliverable_id"].isna()]
    else:
        tied = frame.loc[frame["deliverable_id"] == deliverable_id]
    publication = tied.loc[tied["phase"] == "publication"]
    if publication.empty and deliverable_id is not None and not tied.empty:
        # A deliverable's chain without a "publication" phase: its last task publishes.
        publication = tied.sort_values("end").tail(1)
    return publication.sort_values("start").iloc[0].to_dict() if not publication.empty else None


def editorial_calendar(plan: Plan, lang: str = "fr") -> pd.DataFrame:
    """Every entry of the calendar by date: one per deliverable (dated by its publication task
    in the retro-planning, else its window), the retro-planning's own publication windows, and
    the trainee's manual entries. ``frame.attrs["schedule_error"]`` holds a scheduling error.
    """
    frame, error = _scheduled(plan)
    rows: list[dict[str, Any]] = []
    used_tasks: set[str] = set()
    for d in plan.deliverables:
        task = None
        if frame is not None and not frame.empty:
            task = _publication_row(frame, d.deliverable_id) or _publication_row(frame, None)
        if task is not None:
            start, end, source, task_id = task["start"], task["end"], "retroplan", task["task_id"]
            used_tasks.add(task_id)
        else:
            start, end, source, task_id = d.window_start, d.window_end, "deliverable", None
        rows.append(
            {
                "item_id": f"del-{d.deliverable_id}",
                "date": start,
                "end": end or start,
                "influencer_id": d.influencer_id,
                "platform": d.platform,
                "format": d.format,
                "count": int(d.count),
                "message": _message_for(plan, d.influencer_id, d.note),
                "source": source,
                "task_id": task_id,
                "deliverable_id": d.deliverable_id,
            }
        )
    if frame is not None and not frame.empty:
        for task in frame.loc[frame["phase"] == "publication"].to_dict("records"):
            if task["task_id"] in used_tasks:
                continue
            rows.append(
                {
                    "item_id": f"task-{task['task_id']}",
                    "date": task["start"],
                    "end": task["end"],
                    "influencer_id": "",
                    "platform": "",
                    "format": "",
                    "count": 0,
                    "message": task["name"],
                    "source": "retroplan",
                    "task_id": task["task_id"],
                    "deliverable_id": task.get("deliverable_id"),
                }
            )
    for item in plan.communication.editorial_calendar:
        rows.append(
            {
                "item_id": item.item_id,
                "date": item.date,
                "end": item.date,
                "influencer_id": item.influencer_id,
                "platform": item.platform,
                "format": item.format,
                "count": 1,
                "message": item.message,
                "source": "manual",
                "task_id": item.task_id,
                "deliverable_id": None,
            }
        )
    result = pd.DataFrame(rows, columns=list(CALENDAR_COLUMNS))
    if len(result):
        result["_undated"] = result["date"].isna()
        result["_sort"] = result["date"].map(lambda d: d or dt.date.max)
        result = (
            result.sort_values(["_undated", "_sort"], kind="stable")
            .drop(columns=["_undated", "_sort"])
            .reset_index(drop=True)
        )
    result.attrs["schedule_error"] = error
    return result


def calendar_influencers(plan: Plan, names: Mapping[str, str], lang: str = "fr") -> dict[str, str]:
    """Whom a calendar entry can be for, by id, with their names: everyone first (id ``""``),
    then the shortlist."""
    everyone = t("communication.timeline_everyone", normalize_language(lang))
    ids = list(dict.fromkeys(["", *plan.shortlisted_ids()]))
    return {i: (names.get(i, i) if i else "") or everyone for i in ids}


def calendar_frame(
    calendar: pd.DataFrame, names: Mapping[str, str], lang: str = "fr"
) -> pd.DataFrame:
    """The editorial calendar (:func:`editorial_calendar`) as read: date (or "to date"), who
    (everyone for an entry not tied to one influencer), platform, format, how many, the
    message and where the entry comes from."""
    lang = normalize_language(lang)
    undated = t("communication.undated", lang)
    everyone = t("communication.timeline_everyone", lang)
    return pd.DataFrame(
        {
            t("communication.cal_col.date", lang): [
                fmt_date(d, lang) if d else undated for d in calendar["date"]
            ],
            t("communication.cal_col.influencer", lang): [
                (names.get(i, i) if i else "") or everyone for i in calendar["influencer_id"]
            ],
            t("communication.cal_col.platform", lang): [
                label("data.platform", p, lang) for p in calendar["platform"]
            ],
            t("communication.cal_col.format", lang): [
                label("data.format", f, lang) for f in calendar["format"]
            ],
            t("communication.cal_col.count", lang): [
                fmt_number(c, lang) if c else "" for c in calendar["count"]
            ],
            t("communication.cal_col.message", lang): calendar["message"],
            t("communication.cal_col.source", lang): [
                t(f"communication.source.{s}", lang) for s in calendar["source"]
            ],
        }
    )


def manual_items_frame(plan: Plan) -> pd.DataFrame:
    """The trainee's own calendar entries as an editable table (dates as dates)."""
    rows = [item.model_dump() for item in plan.communication.editorial_calendar]
    columns = ["item_id", "date", "influencer_id", "platform", "format", "message", "task_id"]
    frame = pd.DataFrame(rows, columns=columns)
    if len(frame):
        frame["date"] = pd.to_datetime(frame["date"]).dt.date
    return frame


def add_calendar_item(
    plan: Plan, day: dt.date, influencer_id: str, platform: str, fmt: str, message: str
) -> EditorialItem:
    """Add an entry of the trainee's own to the editorial calendar (``influencer_id`` empty:
    for everyone)."""
    item = EditorialItem(
        date=day,
        influencer_id=influencer_id or "",
        platform=platform,
        format=fmt,
        message=message.strip(),
    )
    plan.communication.editorial_calendar = [*plan.communication.editorial_calendar, item]
    return item


def replace_part(plan: Plan, part: str, items: list[Any]) -> bool:
    """Put a new list in a part of the communication plan (``key_messages``, ``channels``,
    ``editorial_calendar``, ``platforms``) when it differs from the current one."""

    def dump(values: list[Any]) -> list[Any]:
        return [v.model_dump() if hasattr(v, "model_dump") else v for v in values]

    if dump(items) == dump(getattr(plan.communication, part)):
        return False
    setattr(plan.communication, part, items)
    return True


def calendar_items_from_table(frame: pd.DataFrame) -> list[EditorialItem]:
    """The manual calendar entries of an edited table; a UserError names the row to fix."""
    items: list[EditorialItem] = []
    seen: set[str] = set()
    for number, record in enumerate(frame.to_dict("records"), start=1):
        fields = ("date", "influencer_id", "platform", "format", "message")
        if all(is_missing(record.get(k)) for k in fields):
            continue
        item_id = _text(record.get("item_id"))
        if not item_id or item_id in seen:
            item_id = new_id("edi")
        seen.add(item_id)
        platform = _text(record.get("platform"))
        fmt = _text(record.get("format"))
        if platform and platform not in PLATFORMS:
            raise UserError("communication.error_platform", row=number, value=platform)
        if fmt and fmt not in FORMATS:
            raise UserError("communication.error_format", row=number, value=fmt)
        try:
            items.append(
                EditorialItem(
                    item_id=item_id,
                    date=_as_date(record.get("date"), number),
                    influencer_id=_text(record.get("influencer_id")),
                    platform=platform,
                    format=fmt,
                    message=_text(record.get("message")),
                    task_id=_text(record.get("task_id")) or None,
                )
            )
        except ValidationError as err:
            raise UserError(
                "communication.error_row", row=number, reason=err.errors()[0].get("msg", "")
            ) from err
    return items


# --- platforms considered -------------------------------------------------------------------


def platform_notes(plan: Plan) -> list[PlatformNote]:
    """Every platform of DOMAIN §10 with the trainee's choice and note (others they added kept)."""
    stored = {note.platform: note for note in plan.communication.platforms}
    notes = [stored.get(code) or PlatformNote(platform=code) for code in TOOLS]
    return [*notes, *(n for code, n in stored.items() if code not in TOOLS)]


def tools_table(plan: Plan) -> pd.DataFrame:
    """:func:`tools_frame` as the page shows it: a tick where a platform brings a capability."""
    tools = tools_frame(plan)
    for cap in CAPABILITIES:
        tools[cap] = tools[cap].map({True: "✓", False: ""})
    return tools


def tools_frame(plan: Plan) -> pd.DataFrame:
    """The platforms compared: name, what each brings (True/False), considered, note."""
    rows = []
    for note in platform_notes(plan):
        brings = TOOL_CAPABILITIES.get(note.platform, frozenset())
        rows.append(
            {
                "platform": note.platform,
                "name": TOOLS.get(note.platform, note.platform),
                **{cap: cap in brings for cap in CAPABILITIES},
                "considered": note.considered,
                "note": note.note,
            }
        )
    return pd.DataFrame(rows, columns=["platform", "name", *CAPABILITIES, "considered", "note"])


def platform_notes_from_table(frame: pd.DataFrame) -> list[PlatformNote]:
    """The platforms' considered flags and notes from an edited comparison table."""
    notes = []
    for record in frame.to_dict("records"):
        code = _text(record.get("platform"))
        if not code:
            continue
        considered = record.get("considered")
        notes.append(
            PlatformNote(
                platform=code,
                considered=bool(considered) if not is_missing(considered) else False,
                note=_text(record.get("note")),
            )
        )
    return notes


# --- completeness ---------------------------------------------------------------------------


def completeness(plan: Plan, lang: str = "fr") -> pd.DataFrame:
    """What the communication plan holds: one row per part, done or not, with a short detail."""
    com = plan.communication
    story = sum(bool(getattr(com.storytelling, f).strip()) for f in STORY_FIELDS)
    shortlisted = plan.shortlisted_ids()
    channelled = sum(1 for c in channels_in_force(plan) if c.platforms and c.formats)
    calendar = editorial_calendar(plan, lang)
    dated = int(calendar["date"].notna().sum())
    considered = sum(1 for n in com.platforms if n.considered)
    messages = len([m for m in com.key_messages if m.strip()])
    channel_key = "channels" if shortlisted else "channels_none"
    rows = [
        ("key_messages", messages >= 1, {"count": messages}),
        ("storytelling", story == len(STORY_FIELDS), {"filled": story, "total": len(STORY_FIELDS)}),
        (
            "channels",
            bool(shortlisted) and channelled == len(shortlisted),
            {"filled": channelled, "total": len(shortlisted)},
        ),
        ("calendar", dated >= 1, {"count": dated}),
        ("platforms", considered >= 1, {"count": considered}),
    ]
    return pd.DataFrame(
        [
            {
                "item": code,
                "done": bool(done),
                "label": t(f"communication.complete.{code}", lang),
                "detail": t(
                    f"communication.complete_detail.{channel_key if code == 'channels' else code}",
                    lang,
                    **params,
                ),
            }
            for code, done, params in rows
        ]
    )


def completeness_progress(done: pd.DataFrame, lang: str = "fr") -> tuple[float, str]:
    """How complete the plan is (:func:`completeness`): the share of its parts filled, and the
    sentence under the progress bar."""
    lang = normalize_language(lang)
    share = float(done["done"].mean()) if len(done) else 0.0
    text = t(
        "communication.complete_progress",
        lang,
        done=int(done["done"].sum()),
        total=len(done),
        share=fmt_percent(share, lang, 0),
    )
    return share, text


def completeness_share(plan: Plan) -> float:
    """The share of the communication plan's parts that are filled, from 0 to 1."""
    frame = completeness(plan)
    return float(frame["done"].mean()) if len(frame) else 0.0
