"""YAML syntax errors in plain words (issue 17): the three mistakes trainers make are
named with their fix, at the line to change; anything else keeps the parser's words."""

from __future__ import annotations

import pytest

from game.core.loader.context import Ctx
from game.core.loader.yamlio import compose


def first_problem(text: str) -> str:
    ctx = Ctx("x.yaml")
    ctx.data = text.encode()
    compose(ctx.data, ctx)
    return str(ctx.problems[0])


@pytest.mark.parametrize(("text", "said"), [
    ("a:\n  b: 1\n\tc: 2\n", "x.yaml:3:1: error: this line is indented with a tab"),
    ("nodes:\n  op:\n    choices:\n\t  - id: a\n", "x.yaml:4:1: error: this line is indented "
                                                   "with a tab"),
    # never closed: the parser fails at the end of the file, lint points at line 2
    ('a:\n  en: "Hello\n  it: Pronto\nb: 2\n', 'x.yaml:2:7: error: the quote " opened here'),
    # closed by the next quote, three lines down, inside a flow mapping
    ('a:\n  say: {en: "Hello, it: Pronto}\n  choices:\n    - {en: "a", it: b}\n',
     'x.yaml:2:13: error: the quote " opened here'),
    ("a:\n  en: 'Hello\n  it: Pronto\nb: 'x'\n", "x.yaml:2:7: error: the quote ' opened here"),
    ("a:\n  en: TODO: the line.\n", "x.yaml:2:7: error: the text after 'en:' contains ': ' (a "
     "colon and a space), which YAML reads as the start of a new key; put the text in quotes: "
     'en: "TODO: the line."'),
    ("p:\n  name: x\n   company: y\n", "x.yaml:3:4: error: 'company:' is indented by 3 spaces, "
     "more than 'name:' above it (2)"),
])
def test_a_trainers_syntax_mistake_is_said_with_its_fix(text: str, said: str):
    assert first_problem(text).startswith(said)


def test_a_quoted_text_over_two_lines_is_not_blamed_for_an_error_elsewhere():
    text = 'a:\n  en: "Hello\n    world"\nb:\n  en: TODO: x y.\n'
    assert first_problem(text).startswith("x.yaml:5:7: error: the text after 'en:'")


def test_other_syntax_errors_keep_the_parsers_words():
    assert first_problem("a: {b: 1\nc: 2\n") == (
        "x.yaml:2:2: error: YAML syntax error: did not find expected ',' or '}' while "
        "parsing a flow mapping that starts at line 1 [E006]")
