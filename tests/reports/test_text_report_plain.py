"""The terminal table: plain aligned text (numbers right-aligned, wide characters counted
as two columns), long cells folded inside the page, styles only on a terminal."""

import io

from game.reports.model import Report, Section
from game.reports.render_text import print_table


class Terminal(io.StringIO):
    def isatty(self):
        return True


def printed(section, width=60, file=None):
    out = file or io.StringIO()
    print_table(Report("Title", (section,)), file=out, width=width)
    return out.getvalue()


def test_columns_line_up_and_numbers_are_right_aligned():
    text = printed(Section("People", ("trainee", "n", "score"),
                           (("north/anna", 12, 85.25), ("南/李", 3, 7.0), ("b", 100, None))))
    lines = text.splitlines()
    assert lines[:3] == ["Title", "", "People"]
    # "南/李" is 5 columns wide on a terminal (two wide characters), like "b" + 4 spaces
    assert lines[3:] == ["trainee       n  score",
                         "──────────  ───  ─────",
                         "north/anna   12   85.2",
                         "南/李         3    7.0",
                         "b           100"]


def test_a_long_cell_folds_inside_its_column_and_the_page():
    long = "Send the full forty-page specification to the board now"  # under 60: not clipped
    text = printed(Section("Mistakes", ("choice", "lost"), ((long, 13.8),)), width=40)
    lines = text.splitlines()[3:]
    assert max(len(line) for line in lines) <= 40
    assert lines[2].endswith("13.8") and " ".join(
        line[:34].strip() for line in lines[2:]) == long


def test_rows_resting_on_few_sessions_are_dim_on_a_terminal_only():
    section = Section("People", ("trainee", "n"), (("anna", 5), ("bruno", 1)), faint=(1,))
    shown = printed(section, file=Terminal())
    assert "\x1b[2mbruno" in shown and "\x1b[2manna" not in shown and "\x1b[1mTitle" in shown
    assert "\x1b" not in printed(section)  # a file or a pipe: plain text


def test_an_empty_table_and_a_closing_note_are_one_line_each():
    text = printed(Section("Overridden scores", ("session", "by"), ()))
    assert text == "Title\nOverridden scores: –\n"
    assert printed(Section("More", (), (), note="report --view team")) \
        == "Title\nreport --view team\n"
