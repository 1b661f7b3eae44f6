"""The terminal's UI strings exist in every language, with the same placeholders, and
every key the code asks for is there."""

from __future__ import annotations

import re
import string

import pytest
from conftest import ROOT

from game.core.i18n import catalogue
from game.core.model import LANGS, Speaker

KEY = re.compile(r"""["'](?:play|debrief|tests|graph|new)\.[a-z_.]*[a-z_]["']""")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_every_key_is_translated_with_the_same_placeholders(lang):
    english, other = catalogue("terminal", "en"), catalogue("terminal", lang)
    assert set(other) == set(english)
    for key, text in english.items():
        assert placeholders(other[key]) == placeholders(text), key


def test_every_key_the_code_uses_exists():
    used = set()
    for path in [*(ROOT / "game" / "terminal").glob("*.py"), *(ROOT / "game" / "cli").glob("*.py")]:
        used |= {m.group(0)[1:-1] for m in KEY.finditer(path.read_text(encoding="utf-8"))}
    # keys built at run time: one per mode, timing, speaker, meter and outcome
    used |= {f"play.mode.{m}" for m in ("practice", "assessment")}
    used |= {f"play.speaker.{s}" for s in Speaker}
    used |= {f"play.meter.{m}" for m in ("trust", "commitment", "mood", "reputation", "reach")}
    used |= {f"debrief.outcome.{o}" for o in ("success", "mixed", "failure")}
    used |= {f"graph.col.{c}" for c in ("from", "choice", "text", "evidence", "merit", "when",
                                        "to")}
    used |= {f"graph.legend.{k}" for k in ("good", "bad", "neutral", "success", "mixed",
                                           "failure", "unreachable", "timeout")}
    missing = sorted(used - set(catalogue("terminal", "en")))
    assert missing == []
