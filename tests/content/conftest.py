"""The shipped library, loaded once for every content test."""

from __future__ import annotations

import pytest

from game.core.loader import Library
from game.core.model import Scenario


@pytest.fixture(scope="session")
def library() -> Library:
    return Library()


@pytest.fixture(scope="session")
def scenarios(library: Library) -> dict[str, Scenario]:
    return {s.id: s for s in library.scenarios()}
