"""A new scenario from a template: lint-clean, all three languages stubbed, and
commented so the file itself teaches the format (`python main.py new`)."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from game.core.errors import UsageError, UserError
from game.core.model import Channel, Encounter
from game.core.outfile import write_text
from game.core.resources import schema_dir
from game.terminal.skeleton_template import TEMPLATE

__all__ = ["DEFAULT_CHANNEL", "ID_PATTERN", "skeleton_text", "write_skeleton"]

ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*")

#: The channel each encounter usually happens on (the articles' examples).
DEFAULT_CHANNEL: dict[Encounter, Channel] = {
    Encounter.PHONE_COMPLAINT: Channel.PHONE,
    Encounter.EMAIL_ESCALATION: Channel.EMAIL,
    Encounter.OVER_FAMILIAR_CLIENT: Channel.PHONE,
    Encounter.SOCIAL_FLARE_UP: Channel.SOCIAL,
    Encounter.FALSE_RUMOUR: Channel.SOCIAL,
    Encounter.PUBLIC_PRAISE: Channel.SOCIAL,
    Encounter.LEGAL_THREAT: Channel.EMAIL,
    Encounter.SABOTAGE: Channel.IN_PERSON,
    Encounter.DELIVERY_FAILURE: Channel.PHONE,
    Encounter.HIDDEN_BAD_NEWS: Channel.IN_PERSON,
    Encounter.DISCOUNT_REQUEST: Channel.EMAIL,
    Encounter.TECHNOLOGY_CHANGE: Channel.IN_PERSON,
    Encounter.SOURING_ACCOUNT: Channel.EMAIL,
}

_SOCIAL_ESCALATION = """\
# Social scenes only: while `stop_when` is false, every second the post reaches
# more people and costs reputation. Here a public reply (which sets the flag
# `responded`) stops it.
escalation:
  reach_per_second: 40         # people reached per second of hesitation
  reputation_per_1000: 1.5     # reputation lost per thousand people reached
  stop_when: "flags.responded"
"""

_SCHEMA = schema_dir() / "scenario.schema.json"  # inside the package when installed


def parse_choice(value: str, enum: type, what: str) -> object:
    """``value`` as a member of ``enum``, or a usage error with a did-you-mean."""
    try:
        return enum(value)
    except ValueError:
        names = [member.value for member in enum]
        close = difflib.get_close_matches(value, names, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else f" (one of: {', '.join(names)})"
        raise UsageError(f"unknown {what} {value!r}{hint}") from None


def skeleton_text(scenario_id: str, encounter: Encounter, channel: Channel,
                  path: Path | None = None) -> str:
    """The YAML text of a new scenario called ``scenario_id`` (to be saved at ``path``)."""
    path = path or Path("scenarios") / f"{scenario_id}.yaml"
    values = {
        "SCHEMA": _schema_ref(path),
        "PATH": _shown(path),
        "ID": scenario_id,
        "ENCOUNTER": encounter.value,
        "CHANNEL": channel.value,
        "ESCALATION": _SOCIAL_ESCALATION if channel is Channel.SOCIAL else "",
        # a flag only where something reads it (the escalation's stop_when): an unread
        # flag is a warning (W316)
        "REPLY_FLAG": ", set: [responded]" if channel is Channel.SOCIAL else "",
    }
    return re.sub(r"@([A-Z_]+)@", lambda m: values[m.group(1)], TEMPLATE)


def _schema_ref(path: Path) -> str:
    """The schema's path relative to the new file, as editors resolve it.

    Only within the product's own tree: a file elsewhere gets the library layout
    (``schema/`` beside the scenarios folder) rather than a path that spells out the
    machine's folders (the file is shared; `schema --kind scenario` prints it)."""
    home = _SCHEMA.parent.parent
    where = path.resolve().parent
    if where.is_relative_to(home):
        return Path(os.path.relpath(_SCHEMA, where)).as_posix()
    return "../schema/scenario.schema.json"


def _shown(path: Path) -> str:
    """The new file as the trainer would type it: relative to where they stand, else
    its bare name (run from its folder) - never the machine's own absolute path."""
    here = Path.cwd().resolve()
    full = path.resolve()
    return full.relative_to(here).as_posix() if full.is_relative_to(here) else path.name


def write_skeleton(scenario_id: str, encounter: Encounter, channel: Channel | None,
                   out_dir: Path) -> Path:
    """Write ``<out_dir>/<id>.yaml`` and return its path; never overwrites."""
    if not ID_PATTERN.fullmatch(scenario_id):
        raise UsageError(f"scenario id {scenario_id!r} must match [a-z][a-z0-9_]* "
                         "(lower-case letters, digits and _, starting with a letter)")
    channel = channel or DEFAULT_CHANNEL[encounter]
    path = out_dir / f"{scenario_id}.yaml"
    if os.path.lexists(path):
        raise UserError(f"{path} already exists; choose another id or remove the file first")
    if not out_dir.is_dir():
        raise UsageError(f"{out_dir} is not a folder")
    return write_text(path, skeleton_text(scenario_id, encounter, channel, path),
                      exclusive=True)
