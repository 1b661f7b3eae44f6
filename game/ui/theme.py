"""Colour palettes (normal and high contrast) and the WCAG contrast check they pass."""

from __future__ import annotations

from dataclasses import dataclass

Colour = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class Palette:
    """Every colour a screen uses, by role; text roles pass WCAG AA on their backgrounds."""

    name: str
    bg: Colour  # window background
    panel: Colour  # cards, transcript, meters
    panel_alt: Colour  # the player's own lines, selected cards
    border: Colour
    text: Colour
    muted: Colour  # secondary text (labels, captions)
    accent: Colour  # headings, selected options
    focus: Colour  # the keyboard focus ring: never the colour of a selection
    button: Colour
    button_hover: Colour
    button_text: Colour
    good: Colour  # good traits, pass, rising meters
    bad: Colour  # bad traits, fail, falling meters
    warn: Colour  # countdown running low
    meter_track: Colour
    meter_fill: Colour
    skin: Colour  # portrait
    hair: Colour
    shirt: Colour
    overlay: tuple[int, int, int, int]  # pause / confirm dim


NORMAL = Palette(
    name="normal",
    bg=(24, 28, 38), panel=(38, 44, 58), panel_alt=(48, 60, 84), border=(78, 88, 110),
    text=(236, 239, 244), muted=(178, 186, 200), accent=(122, 184, 255), focus=(255, 214, 90),
    button=(52, 66, 96), button_hover=(70, 90, 130), button_text=(240, 244, 250),
    good=(110, 214, 140), bad=(255, 128, 120), warn=(255, 196, 90),
    meter_track=(60, 68, 86), meter_fill=(122, 184, 255),
    skin=(228, 186, 150), hair=(92, 62, 44), shirt=(70, 110, 160),
    overlay=(0, 0, 0, 170),
)

HIGH_CONTRAST = Palette(
    name="high_contrast",
    bg=(0, 0, 0), panel=(0, 0, 0), panel_alt=(20, 20, 60), border=(255, 255, 255),
    text=(255, 255, 255), muted=(230, 230, 230), accent=(255, 255, 0), focus=(0, 255, 255),
    button=(0, 0, 0), button_hover=(40, 40, 0), button_text=(255, 255, 255),
    good=(0, 255, 120), bad=(255, 150, 150), warn=(255, 255, 0),
    meter_track=(70, 70, 70), meter_fill=(0, 220, 255),
    skin=(255, 214, 170), hair=(120, 80, 40), shirt=(0, 90, 200),
    overlay=(0, 0, 0, 220),
)

#: (foreground role, background role) pairs that carry text: each must reach 4.5:1.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "bg"), ("text", "panel"), ("text", "panel_alt"), ("muted", "bg"),
    ("muted", "panel"), ("button_text", "button"), ("button_text", "button_hover"),
    ("accent", "bg"), ("focus", "bg"), ("focus", "button"), ("good", "panel"),
    ("bad", "panel"), ("warn", "panel"),
    ("good", "bg"), ("bad", "bg"),
)


def palette(high_contrast: bool) -> Palette:
    return HIGH_CONTRAST if high_contrast else NORMAL


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: Colour) -> float:
    """WCAG 2.x relative luminance."""
    r, g, b = (_linear(c) for c in colour[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Colour, b: Colour) -> float:
    """WCAG contrast ratio, 1.0 (none) to 21.0 (black on white)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def weakest_pair(pal: Palette) -> tuple[str, str, float]:
    """The text/background pair with the lowest contrast (what a check reports)."""
    ratios = [(fg, bg, contrast_ratio(getattr(pal, fg), getattr(pal, bg)))
              for fg, bg in TEXT_PAIRS]
    return min(ratios, key=lambda r: r[2])
