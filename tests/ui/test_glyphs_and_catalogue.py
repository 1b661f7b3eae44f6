"""Every character the game can show exists in the bundled fonts, and every UI string
exists in every language with the same placeholders."""

from __future__ import annotations

import dataclasses
import string
from collections.abc import Mapping
from pathlib import Path

import pygame.freetype
import pytest

from game.core.loader import Library, load_yaml_data, scenario_paths
from game.core.model import LANGS, Text
from game.ui.fonts import BOLD, DYSLEXIC, DYSLEXIC_BOLD, EMOJI, FONT_DIR, REGULAR

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "assets" / "i18n" / "ui"


def strings_in(obj, seen=None):
    """Every player-visible string in a loaded model object (Text in all languages)."""
    seen = set() if seen is None else seen
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, Text):
        yield from (obj.en, obj.it, obj.pl)
    elif isinstance(obj, str):
        yield obj
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            if f.name not in ("path", "content_hash", "compiled", "pos"):
                yield from strings_in(getattr(obj, f.name), seen)
    elif isinstance(obj, Mapping):
        for value in obj.values():
            yield from strings_in(value, seen)
    elif isinstance(obj, tuple | list):
        for value in obj:
            yield from strings_in(value, seen)


def shipped_characters() -> set[str]:
    library = Library()
    chars: set[str] = set()
    for path in scenario_paths(library.folder):
        chars.update(*strings_in(library.scenario(path)))
    chars.update(*strings_in(library.catalogue))
    chars.update(*strings_in(library.rules))
    for lang in LANGS:
        for text in load_yaml_data(UI / f"{lang}.yaml").values():
            chars.update(str(text))
    chars.update(string.digits + ":.,%+- ")  # the live counters' glyphs
    for source in (ROOT / "game" / "ui").rglob("*.py"):  # separators, marks drawn by code
        chars.update(c for c in source.read_text(encoding="utf-8") if ord(c) > 127)
    return {c for c in chars if c.isprintable() and not c.isspace()}


@pytest.mark.parametrize("font_path", [REGULAR, BOLD, DYSLEXIC, DYSLEXIC_BOLD],
                         ids=lambda p: p.name)
def test_every_shipped_character_has_a_glyph(font_path):
    """In the text font itself, or (emoji) in the bundled fallback the game draws them from."""
    pygame.freetype.init()
    font = pygame.freetype.Font(str(font_path), 16)
    emoji = pygame.freetype.Font(str(EMOJI), 16)
    missing = sorted(c for c in shipped_characters()
                     if font.get_metrics(c)[0] is None and emoji.get_metrics(c)[0] is None)
    assert missing == [], f"{font_path.name} lacks {' '.join(missing)} " \
                          f"({', '.join(f'U+{ord(c):04X}' for c in missing)})"


def test_letters_never_come_from_the_emoji_fallback():
    pygame.freetype.init()
    for path in (REGULAR, DYSLEXIC):
        font = pygame.freetype.Font(str(path), 16)
        lacking = [c for c in shipped_characters()
                   if c.isalpha() and font.get_metrics(c)[0] is None]
        assert lacking == [], f"{path.name} lacks letters {lacking}"


def test_italian_and_polish_letters_are_covered():
    pygame.freetype.init()
    for path in (REGULAR, DYSLEXIC):
        font = pygame.freetype.Font(str(path), 16)
        assert all(font.get_metrics(c)[0] is not None for c in "ąćęłńóśźżĄĆĘŁŃÓŚŹŻèàìòùÈÀÉ")


def test_fonts_ship_with_their_licences():
    assert (FONT_DIR / "NotoSans-OFL.txt").read_text(encoding="utf-8").count("Open Font License")
    assert "CC-BY-3.0" in (FONT_DIR / "OpenDyslexic-LICENSE.txt").read_text(encoding="utf-8")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_ui_key_exists_in_every_language_with_the_same_placeholders():
    catalogues = {lang: load_yaml_data(UI / f"{lang}.yaml") for lang in LANGS}
    keys = set(catalogues["en"])
    for lang, catalogue in catalogues.items():
        assert set(catalogue) == keys, f"{lang}: missing {sorted(keys - set(catalogue))}, " \
                                       f"extra {sorted(set(catalogue) - keys)}"
        for key in keys:
            assert placeholders(catalogue[key]) == placeholders(catalogues["en"][key]), \
                f"{lang}.yaml {key}: placeholders differ from English"


def test_code_only_asks_for_keys_the_catalogue_has():
    import re

    keys = set(load_yaml_data(UI / "en.yaml"))
    used = set()
    for path in (ROOT / "game" / "ui").rglob("*.py"):
        used.update(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""",
                               path.read_text(encoding="utf-8")))
    assert used and used <= keys, f"unknown keys: {sorted(used - keys)}"


def test_every_encounter_channel_and_difficulty_has_a_label():
    from game.core.model import Channel, Difficulty, Encounter

    keys = set(load_yaml_data(UI / "en.yaml"))
    wanted = {f"encounter.{e}" for e in Encounter} | {f"channel.{c}" for c in Channel} | \
        {f"difficulty.{d}" for d in Difficulty}
    assert wanted <= keys
