"""Where the product's data is: the shipped library, the assets, the schemas, and the
trainer's own scenario folder.

The repository's top-level ``scenarios/``, ``assets/`` and ``schema/`` are the source
of truth. A wheel (or the PyInstaller app) carries copies of them inside the package,
at ``game/_data/<name>/``, put there by the build (``packaging/build_hook.py``); in a
source checkout or an editable install there is no copy and the checkout's folders are
used, so an edited scenario is what the game plays (F5 reload included).

Found through ``importlib.resources`` rather than ``__file__`` arithmetic, so the same
code works from a checkout, site-packages, a pipx venv and a frozen app.
"""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

#: inside the installed package: game/_data/scenarios, game/_data/assets, game/_data/schema
DATA_FOLDER = "_data"
SHIPPED = ("scenarios", "assets", "schema")
#: the trainer's own scenarios (else the per-user folder below)
SCENARIOS_ENV = "CRT_SCENARIOS"
APP_NAME = "client-relations-trainer"  # same folder name as the score log and settings

__all__ = ["APP_NAME", "SCENARIOS_ENV", "assets_dir", "data_dir", "is_installed",
           "schema_dir", "shipped_scenarios_dir", "trainer_scenarios_dir"]


def _checkout() -> Path:
    """The source tree this package was imported from (game/core/ -> the repo root)."""
    return Path(__file__).resolve().parents[2]


def _packaged(name: str) -> Path | None:
    """``game/_data/<name>`` when the build put it there and it is a real folder."""
    try:
        candidate = files("game").joinpath(DATA_FOLDER, name)
    except (ModuleNotFoundError, TypeError):
        return None
    # A zipped install would give a zipfile.Path; the loader needs real files, and no
    # supported way of installing (wheel, pipx, PyInstaller one-folder) zips the package.
    if isinstance(candidate, Path) and candidate.is_dir():
        return candidate.resolve()
    return None


def data_dir(name: str) -> Path:
    """The shipped ``scenarios``, ``assets`` or ``schema`` folder."""
    if name not in SHIPPED:
        raise ValueError(f"not a shipped folder: {name!r}")
    return _packaged(name) or _checkout() / name


def is_installed() -> bool:
    """True when the data comes from inside the package (a wheel or the app): nothing
    may then be written next to it."""
    return _packaged("scenarios") is not None


def shipped_scenarios_dir() -> Path:
    return data_dir("scenarios")


def assets_dir() -> Path:
    return data_dir("assets")


def schema_dir() -> Path:
    return data_dir("schema")


def trainer_scenarios_dir() -> Path:
    """The trainer's own scenarios: ``$CRT_SCENARIOS`` (which ``--scenarios DIR`` and
    the training-room config set), else ``scenarios`` in the per-user data folder. It
    may not exist yet; ``new`` creates it."""
    env = os.environ.get(SCENARIOS_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "scenarios"
