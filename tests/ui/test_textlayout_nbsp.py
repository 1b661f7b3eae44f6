"""Wrapping keeps words joined by a no-break space on one line (Polish typography: a
one-letter word such as "w" or "z" never ends a line)."""

from game.ui.textlayout import wrap


def measure(text: str) -> float:
    return float(len(text))  # one unit per character, spaces included


def test_a_no_break_space_is_never_a_line_break():
    text = "Dostawa dotrze jutro w\u00a0południe i\u00a0zadzwonię"
    lines = wrap(text, 22, measure)
    assert lines == ["Dostawa dotrze jutro", "w\u00a0południe i\u00a0zadzwonię"]
    assert not any(line.endswith((" w", " i", " z")) for line in lines)


def test_plain_spaces_and_tabs_still_break_and_collapse():
    assert wrap("one  two\tthree", 9, measure) == ["one two", "three"]
