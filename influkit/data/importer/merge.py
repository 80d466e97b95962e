"""Merging the valid rows into the plan without losing anything there: new influencers are
added, known ones updated or kept, and an imported influencer the plan uses cannot be removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from influkit.data.importer.parse import _ascii_lower
from influkit.plan.model import ImportedInfluencer, Plan
from influkit.text import i18n
from influkit.text.formats import fmt_number

#: A plan keeps at most this many imported influencers (a saved plan must stay under 5 MB).
MAX_IMPORTED = 5_000


@dataclass(frozen=True)
class MergeReport:
    """What an import did to the plan: influencers added, updated, kept as they were, refused."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    over_limit: int = 0


def merge_imported(
    plan: Plan, records: Iterable[ImportedInfluencer | Mapping[str, Any]], update: bool = False
) -> MergeReport:
    """Add imported influencers to the plan, losing nothing already there.

    An influencer already in the plan (same id) is kept as it is, unless ``update`` is True:
    then the new file's non-empty values replace the old ones and the empty ones keep them.
    The shortlist is untouched. At most :data:`MAX_IMPORTED` imported influencers are kept.
    """
    merged = list(plan.imported_influencers)
    position = {entry.influencer_id: i for i, entry in enumerate(merged)}
    seen: set[str] = set()
    added = updated = skipped = over_limit = 0
    for record in records:
        incoming = (
            record
            if isinstance(record, ImportedInfluencer)
            else ImportedInfluencer.model_validate(dict(record))
        )
        if incoming.influencer_id in seen:
            skipped += 1
            continue
        seen.add(incoming.influencer_id)
        if incoming.influencer_id in position:
            index = position[incoming.influencer_id]
            old = merged[index]
            fresh = {k: v for k, v in incoming.model_dump().items() if v not in (None, "")}
            new = old.model_copy(update=fresh)
            new = ImportedInfluencer.model_validate(new.model_dump())
            if update and new != old:
                merged[index] = new
                updated += 1
            else:
                skipped += 1
        elif len(merged) >= MAX_IMPORTED:
            over_limit += 1
        else:
            position[incoming.influencer_id] = len(merged)
            merged.append(incoming)
            added += 1
    plan.imported_influencers = merged
    return MergeReport(added, updated, skipped, over_limit)


def already_imported(plan: Plan, records: Iterable[BaseModel]) -> int:
    """How many of these records are influencers the plan has imported already."""
    known = {entry.influencer_id for entry in plan.imported_influencers}
    return sum(1 for r in records if getattr(r, "influencer_id", None) in known)


def uses_of(plan: Plan, influencer_id: str) -> list[str]:
    """Parts of the plan that name this influencer (shortlist, deliverables, budget…)."""
    uses = []
    if plan.shortlist_entry(influencer_id) is not None:
        uses.append("shortlist")
    parts = {
        "deliverables": plan.deliverables,
        "budget_lines": plan.budget_lines,
        "remunerations": plan.remunerations,
        "results": plan.results,
        "channels": plan.communication.channels,
        "editorial_calendar": plan.communication.editorial_calendar,
    }
    for name, items in parts.items():
        if any(getattr(item, "influencer_id", None) == influencer_id for item in items):
            uses.append(name)
    return uses


def find_imported(plan: Plan, search: str = "") -> list[ImportedInfluencer]:
    """The plan's imported influencers whose handle, name or file contains ``search``."""
    needle = _ascii_lower(search or "").strip()
    return [
        entry
        for entry in plan.imported_influencers
        if not needle
        or needle in _ascii_lower(f"{entry.handle} {entry.display_name} {entry.source_file}")
    ]


def remove_imported(plan: Plan, influencer_id: str) -> bool:
    """Take one imported influencer out of the plan; False when it was not there."""
    kept = [e for e in plan.imported_influencers if e.influencer_id != influencer_id]
    changed = len(kept) != len(plan.imported_influencers)
    plan.imported_influencers = kept
    return changed


def removal_blocked(uses: Sequence[str], lang: str = "fr") -> str:
    """Why an imported influencer cannot be removed: the parts of the plan that use them."""
    lang = i18n.normalize_language(lang)
    parts = ", ".join(i18n.t(f"importer.uses.{use}", lang) for use in uses)
    return i18n.t("importer.remove_blocked", lang, uses=parts)


def merge_summary(report: MergeReport, lang: str = "fr") -> tuple[str, str | None]:
    """What an import did, in words, and the warning when the plan's limit left rows out."""
    lang = i18n.normalize_language(lang)
    done = i18n.t(
        "importer.import_done",
        lang,
        added=fmt_number(report.added, lang),
        updated=fmt_number(report.updated, lang),
        skipped=fmt_number(report.skipped, lang),
    )
    if not report.over_limit:
        return done, None
    over = i18n.t(
        "importer.import_over_limit",
        lang,
        n=fmt_number(report.over_limit, lang),
        max=fmt_number(MAX_IMPORTED, lang),
    )
    return done, over
