"""Wrapping never overflows or loses words; both themes pass WCAG AA; settings persist."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from game.ui.settings import Settings, load_settings, save_settings
from game.ui.textlayout import ellipsize, wrap
from game.ui.theme import HIGH_CONTRAST, NORMAL, TEXT_PAIRS, contrast_ratio, weakest_pair

words = st.lists(st.text(st.characters(codec="utf-8", exclude_categories=("Zs", "Cc", "Zl",
                                                                            "Zp", "Cs")),
                         min_size=1, max_size=30), min_size=0, max_size=40)


def unit(s: str) -> float:
    return float(len(s))


@given(words, st.integers(min_value=1, max_value=80))
def test_wrapped_lines_fit_and_keep_every_character(ws, width):
    text = " ".join(ws)
    lines = wrap(text, width, unit)
    assert all(len(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


@given(words, st.integers(min_value=5, max_value=80))
def test_words_that_fit_are_never_split(ws, width):
    lines = wrap(" ".join(ws), width, unit)
    pieces = {p for line in lines for p in line.split(" ")}
    assert all(w in pieces for w in ws if len(w) <= width)


def test_hard_newlines_are_kept():
    assert wrap("one two\n\nthree", 100, unit) == ["one two", "", "three"]


def test_ellipsize_cuts_to_fit():
    assert ellipsize("Operations manager", 10, unit) == "Operation…"
    assert ellipsize("short", 10, unit) == "short"


def test_both_palettes_pass_wcag_aa_and_high_contrast_passes_aaa():
    assert weakest_pair(NORMAL)[2] >= 4.5, weakest_pair(NORMAL)
    assert weakest_pair(HIGH_CONTRAST)[2] >= 7.0, weakest_pair(HIGH_CONTRAST)
    assert len(TEXT_PAIRS) >= 10


def test_contrast_ratio_matches_the_wcag_examples():
    assert round(contrast_ratio((0, 0, 0), (255, 255, 255)), 1) == 21.0
    assert round(contrast_ratio((118, 118, 118), (255, 255, 255)), 2) == 4.54


def test_settings_round_trip(tmp_path):
    path = tmp_path / "settings.json"
    wanted = Settings(text_scale=175, high_contrast=True, time_limits="off", lang="pl",
                      dyslexic_font=True, trainee="Ewa")
    assert save_settings(wanted, path)
    assert load_settings(path) == wanted


def test_a_hand_broken_settings_file_falls_back_to_defaults(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"text_scale": 900, "lang": "de", "sound": "loud",
                                "high_contrast": True}), encoding="utf-8")
    loaded = load_settings(path)
    assert (loaded.text_scale, loaded.lang, loaded.sound, loaded.high_contrast) == \
        (100, "en", True, True)
    path.write_text("{not json", encoding="utf-8")
    assert load_settings(path) == Settings()


def test_settings_rows_cycle_through_their_values():
    s = Settings()
    sizes = []
    for _ in range(5):
        s = s.cycled("text_scale")
        sizes.append(s.text_scale)
    assert sizes == [125, 150, 175, 200, 100]
    assert Settings().cycled("time_limits").time_limits == "extended"
    assert Settings().cycled("high_contrast").high_contrast is True
