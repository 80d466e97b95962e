"""Publish the plan's JSON schema: ``python -m influkit.plan.schema docs/plan.schema.json``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from influkit.plan.model import json_schema


def schema_text() -> str:
    """The plan's JSON schema as stable, indented text."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema to the path given (default ``docs/plan.schema.json``)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "docs/plan.schema.json")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
