"""Each class of authoring mistake, in a small file of its own, is reported at the
exact line and column with the exact message.

The expected lines are written at the end of each fixture as ``# expect:``
comments, so a fixture shows a trainer both the mistake and what lint says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.core.loader.lint import lint_paths

from .conftest import MISTAKES

CASES = sorted(p.name for p in MISTAKES.glob("*.yaml") if p.name != "traits.yaml")


def expected(path: Path) -> list[str]:
    return [f"{path.name}:{line.removeprefix('# expect: ')}"
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect: ")]


def test_there_is_a_fixture_for_every_class_of_mistake():
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", CASES)
def test_mistake_is_reported_at_its_line(name: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(MISTAKES)
    want = expected(MISTAKES / name)
    assert want, f"{name} declares no '# expect:' line"
    assert [str(p) for p in lint_paths([name]).problems] == want


def test_every_code_is_documented_and_exercised():
    from game.core.loader.problems import CODES

    root = MISTAKES.parents[3]
    documented = re.findall(r"^\| ([EW]\d{3}) \|", (root / "docs" / "lint-codes.md")
                            .read_text(encoding="utf-8"), re.M)
    assert sorted(documented) == sorted(CODES)
    tests = "".join(p.read_text(encoding="utf-8") for p in MISTAKES.parents[1].rglob("*.py"))
    tests += "".join(p.read_text(encoding="utf-8") for p in MISTAKES.glob("*.yaml"))
    assert [code for code in CODES if f"[{code}]" not in tests] == []
