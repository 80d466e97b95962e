"""The app serves a class without loading the sample-data generator (its tables are large)."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from ..helpers import ROOT

APP_FILES = [
    ROOT / "app.py",
    *sorted((ROOT / "ui").glob("*.py")),
    *sorted((ROOT / "pages").glob("*.py")),
]


def _modules_imported_by(path: Path) -> set[str]:
    """Every influkit or ui module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return {name for name in found if name.split(".")[0] in ("influkit", "ui")}


def test_the_app_and_its_pages_never_import_the_generator():
    """Everything app.py, ui/ and pages/ import loads without influkit.data.generate."""
    wanted = sorted(set().union(*(_modules_imported_by(path) for path in APP_FILES)))
    script = (
        "import importlib, json, sys\n"
        f"for name in {wanted!r}:\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ModuleNotFoundError:\n"
        "        pass  # a name imported from a module, not a module\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('influkit'))))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    loaded = json.loads(run.stdout.strip().splitlines()[-1])
    assert "influkit.data.importer" in loaded  # the import pages do load the importer
    assert not [m for m in loaded if m.startswith("influkit.data.generate")]
