"""What the terminal tools share: finding the library, loading a scenario with the
catalogue and rules it is scored against, and starting a runtime session."""

from __future__ import annotations

import argparse
import getpass
import random
from dataclasses import dataclass
from pathlib import Path

from game.core.model import Rule, Scenario, TraitCatalogue

__all__ = ["Context", "default_scenarios_dir", "default_trainee", "load_context",
           "make_session"]


@dataclass(frozen=True, slots=True)
class Context:
    """A scenario and what it is scored against."""

    scenario: Scenario
    catalogue: TraitCatalogue
    rules: tuple[Rule, ...]  # the shared rules (the scenario carries its own)


def default_scenarios_dir() -> Path:
    """Where `new` writes and `test-scenarios` looks: the trainer's own folder when one is
    chosen (--scenarios, CRT_SCENARIOS, the config) or when installed (never into
    site-packages); in a source checkout otherwise, the checkout's library."""
    import os

    from game.core import resources

    chosen = os.environ.get(resources.SCENARIOS_ENV, "").strip()
    if chosen or resources.is_installed():
        return resources.trainer_scenarios_dir()
    return resources.shipped_scenarios_dir()


def load_context(arg: str | Path) -> Context:
    """Resolve a scenario id or path and load it with the catalogue and shared rules.

    A scenario in a folder of its own library (``traits.yaml`` and ``rules/`` beside
    it) is scored against that library; anywhere else against the shipped one.
    Loader errors are UserErrors already (one line, exit 1).
    """
    from game.core import loader

    path = loader.resolve_scenario(str(arg))
    own_traits = path.parent / "traits.yaml"
    own_rules = path.parent / "rules"
    catalogue = loader.load_catalogue(own_traits if own_traits.is_file() else None)
    rules = loader.load_shared_rules(own_rules if own_rules.is_dir() else None, catalogue)
    return Context(loader.load_scenario(path, catalogue), catalogue, rules)


def make_session(context: Context, args: argparse.Namespace):
    """A runtime Session as the play command's options ask for."""
    from game.core.runtime import Mode, Session, Timing

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**31)
    return Session(context.scenario, context.catalogue, context.rules, seed=seed,
                   mode=Mode(args.mode), timing=Timing(args.timing),
                   trainee=_checked(args.trainee) or default_trainee(), lang=args.lang,
                   form=getattr(args, "form", None) or "n")


def _checked(trainee: str | None) -> str | None:
    """--trainee as typed, refused (one line, exit 2) with control characters or too long."""
    from game.scorelog.names import check_trainee

    return check_trainee(trainee, "--trainee") if trainee else trainee


def default_trainee() -> str:
    """Who plays when --trainee is not given: the login name, so the log is never anonymous."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment (some containers)
        return "trainee"
