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


FRONT_ENDS = ("ui", "terminal", "cli", "reports", "scorelog", "lsp")
CORE_PACKAGES = {p.name for p in (GAME / "core").iterdir() if (p / "__init__.py").exists()}


def private_core_imports(path: Path) -> list[str]:
    """Imports of the core that go past what its packages export: a module inside a core
    package (``game.core.runtime.step``), or a name not in the package's ``__all__``."""
    import importlib

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [(node.module, [a.name for a in node.names])]
        elif isinstance(node, ast.Import):
            modules = [(a.name, []) for a in node.names]
        for module, names in modules:
            parts = module.split(".")
            if parts[:2] != ["game", "core"] or len(parts) < 3:
                continue
            if parts[2] in CORE_PACKAGES and len(parts) > 3:
                found.append(f"{module} (a private module of game.core.{parts[2]})")
            elif parts[2] in CORE_PACKAGES:
                exported = set(getattr(importlib.import_module(module), "__all__", ()))
                found.extend(f"{module}.{n} (not in its __all__)" for n in names
                             if n not in exported)
    return found


@pytest.mark.parametrize("folder", FRONT_ENDS)
def test_front_ends_use_only_what_the_core_packages_export(folder):
    if not (GAME / folder).exists():
        pytest.skip(f"game/{folder} not present")
    found = [f"{p.relative_to(GAME.parent)}: {v}" for p in sorted((GAME / folder).rglob("*.py"))
             for v in private_core_imports(p)]
    assert found == []


def test_the_check_catches_a_private_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from game.core.runtime.step import Setup\n"
                   "from game.core.runtime import Session, Setup\n", encoding="utf-8")
    assert private_core_imports(bad) == [
        "game.core.runtime.step (a private module of game.core.runtime)",
        "game.core.runtime.Setup (not in its __all__)"]


def prints(path: Path) -> list[int]:
    """Lines where the code prints or writes to the standard streams."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        calls = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in ("print", "input", "breakpoint")
        streams = isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr", "stdin") \
            and isinstance(node.value, ast.Name) and node.value.id == "sys"
        if calls or streams:
            lines.append(node.lineno)
    return lines


def test_the_core_never_prints():
    found = [f"{p.relative_to(GAME.parent)}:{line}" for p in sorted((GAME / "core").rglob("*.py"))
             for line in prints(p)]
    assert found == []


def test_the_print_check_catches_a_print(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import sys\nprint('x')\nsys.stderr.write('y')\n", encoding="utf-8")
    assert prints(bad) == [2, 3]
