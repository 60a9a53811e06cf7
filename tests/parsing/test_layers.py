"""The parser stands below everything: it imports nothing of Django, nor of the rest of
`inspections` but the vocabulary."""

import ast
import subprocess
import sys
from pathlib import Path

import inspections.parsing

PACKAGE = Path(inspections.parsing.__file__).parent
ALLOWED_FROM_PROJECT = {"inspections.vocabulary"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_parsing_imports_no_django_and_only_the_vocabulary_of_inspections():
    for path in sorted(PACKAGE.glob("*.py")):
        for name in _imports(path):
            top = name.split(".")[0]
            assert top != "django", f"{path.name} imports {name}"
            if top in ("inspections", "authorities", "dashboard", "config"):
                assert name in ALLOWED_FROM_PROJECT, f"{path.name} imports {name}"


def test_a_parsing_worker_loads_no_django():
    code = (
        "import sys; import inspections.parsing.workers, inspections.parsing.reports, "
        "inspections.parsing.letters, inspections.parsing.news; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parents[1]
    )
    assert result.stdout.strip() == "[]"


def test_no_module_of_the_parser_is_long():
    for path in sorted(PACKAGE.glob("*.py")):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 400, path.name
