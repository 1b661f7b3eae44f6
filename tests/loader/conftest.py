"""Shared helpers for the loader's tests: fixture folders and a valid scenario text."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LIBRARY = FIXTURES / "library"
MISTAKES = FIXTURES / "mistakes"
CATALOGUE = LIBRARY / "traits.yaml"


@pytest.fixture
def minimal_text() -> str:
    """A small valid scenario (id ``minimal``), checked against the fixture catalogue."""
    return (LIBRARY / "minimal.yaml").read_text(encoding="utf-8")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder with the fixture catalogue, as the working folder, so problems
    print with short relative paths."""
    (tmp_path / "traits.yaml").write_bytes(CATALOGUE.read_bytes())
    monkeypatch.chdir(tmp_path)
    return tmp_path
