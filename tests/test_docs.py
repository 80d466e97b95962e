"""Docs stay honest: public functions are documented, the README names the API and each
dependency, and every dataset column is in the data dictionary."""

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
MODULES = sorted((ROOT / "influkit").rglob("*.py"))


def _public_functions(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and not node.name.startswith("_"):
            yield node


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_module_and_public_function_has_a_docstring(path):
    """Each module says what it owns; each public function or class says what it does."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"
    undocumented = [n.name for n in _public_functions(path) if not ast.get_docstring(n)]
    assert undocumented == []


METRIC_API = [
    "engagement_rate",
    "account_engagement",
    "engagement_table",
    "tier",
    "cpm",
    "cpe",
    "cpc",
    "cpv",
    "cpa",
    "ctr",
    "conversion_rate",
    "roas",
    "roi",
    "share_of_voice",
    "sentiment",
    "emv",
]


@pytest.mark.parametrize("name", METRIC_API)
def test_readme_documents_the_metric_contract(name):
    """The README's API section names every metric function."""
    assert re.search(rf"`{name}\(", README), name


def test_readme_justifies_every_dependency():
    """Each dependency of pyproject.toml has its line in the README's table."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        names.extend(extra)
    for requirement in names:
        name = re.split(r"[<>=\[ ]", requirement, maxsplit=1)[0]
        assert name.lower() in README.lower(), f"{name} is not explained in the README"


def test_readme_gives_the_two_commands():
    """A newcomer finds `make run` and `make test` in the README."""
    assert "make run" in README and "make test" in README
