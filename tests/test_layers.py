"""The architecture holds: the core never reaches for a front end, pygame or SQLite."""

import ast
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parents[1] / "game"
FORBIDDEN_IN_CORE = ("pygame", "pygame_gui", "sqlite3", "rich", "game.ui", "game.terminal",
                     "game.cli", "game.scorelog", "game.reports")


def imported_modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def violations(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((GAME / folder).rglob("*.py")):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(GAME.parent)} imports {name}")
    return found


def test_core_imports_no_front_end_pygame_or_sqlite():
    assert violations("core", FORBIDDEN_IN_CORE) == []


@pytest.mark.parametrize("folder", ["scorelog", "reports"])
def test_log_and_reports_import_no_pygame(folder):
    if not (GAME / folder).exists():
        pytest.skip(f"game/{folder} not present")
    assert violations(folder, ("pygame", "pygame_gui", "game.ui", "game.terminal")) == []


def test_no_module_is_a_god_module():
    too_long = [f"{p.relative_to(GAME.parent)}: {n} lines"
                for p in sorted(GAME.rglob("*.py"))
                if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450]
    assert too_long == []
