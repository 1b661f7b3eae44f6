"""The condition language: what it accepts, what it computes, and how it refuses."""

from __future__ import annotations

from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.core.rules.conditions import ConditionError, compile_condition
from game.core.runtime.context import EvalContext, Static
from game.core.runtime.state import State

STATIC = Static("phone", "phone_complaint", "Marco", "Irritable", {"courtesy": 1.5},
                {"courtesy": 1, "bad_etiquette": -1})


def ctx(**kw) -> EvalContext:
    meters = {"trust": 40.0, "commitment": 60.0, "mood": 20.0, "reputation": 70.0,
              "reach": 0.0}
    state = State("opening", MappingProxyType(meters), elapsed=12.0, decisions=2,
                  flags=frozenset({"apologised"}), visited=frozenset({"opening"}),
                  chosen=frozenset({"intro.hello"}), tags=MappingProxyType({"favour": 2}),
                  promises=MappingProxyType({"callback": "made"}),
                  merit=MappingProxyType({"courtesy": (3.0, -1.0)}), earned=3.0, available=4.0,
                  bad=MappingProxyType({"bad_etiquette": 1}),
                  low=MappingProxyType({"trust": 25.0}))
    return EvalContext(STATIC, state, kw.pop("kind", "choice"), **kw)


def holds(source: str, **kw) -> bool:
    return compile_condition(source)(ctx(**kw))


@pytest.mark.parametrize(("source", "expected"), [
    ("state.mood < 25 and state.trust >= 40", True),
    ("state.elapsed == 12 and state.decisions == 2", True),
    ("flags.apologised and not flags.escalated", True),
    ("event.evidence.courtesy > 0", True),
    ("event.evidence.honesty == 0", True),
    ("'favour' in event.tags and tagged('favour') == 3", True),
    ("tagged('fav*') == 3", True),
    ("chose('intro.hello') and not chose('intro.bye')", True),
    ("visited('opening')", True),
    ("trait('courtesy') == 2", True),
    ("repeats('bad_etiquette') == 1 and repeats() == 1", True),
    ("promised('callback') and open_promises() == 1", True),
    ("breaks_promise() and not keeps_promise()", True),
    ("min_seen('trust') == 25 and max_seen('mood') == 20", True),
    ("score() == 75 and trait_score('courtesy') == 75 and trait_score('honesty') == 50", True),
    ("channel == 'phone' and encounter in ['phone_complaint', 'legal_threat']", True),
    ("persona.weight.courtesy * 2 == 3 and persona.weight.honesty == 1", True),
    ("'Irritable' in persona.temperament and persona.name != 'Anna'", True),
    ("event.kind == 'choice' and event.node == 'opening' and event.choice == 'calm'", True),
    ("event.response_time / 0 == 0", True),
    ("-(state.trust - 50) / 2 == 5", True),
    ("min(state.trust, 10, 30) + max(1, 2) == 12 and abs(-3) == 3", True),
    ("state.mood in [20, 30]", True),
    ("not (state.trust > 10 or false)", False),
    ("true and (false or not event.timed_out)", True),
    ("'it\\'s' == \"it's\"", True),
])
def test_conditions_read_state_event_and_history(source, expected):
    assert holds(source, evidence={"courtesy": 2, "bad_etiquette": 1},
                 tags=("favour", "break:callback"), node="opening", choice="calm",
                 response_time=3.0) is expected


ERRORS = [
    ("__import__('os').system('ls')", "names starting with '_' are not allowed: '__import__'",
     0),
    ("state.__class__ == 1", "names starting with '_' are not allowed: '__class__'", 6),
    ("state.trust.real > 1", "unknown name 'state.trust.real' (did you mean 'state.trust'?)",
     0),
    ("event.evidence.courtesy.__add__ > 1",
     "names starting with '_' are not allowed: '__add__'", 24),
    ("2 ** 99999 > 1", "'**': powers are not supported", 2),
    ("state.trst > 3", "unknown name 'state.trst' (did you mean 'state.trust'?)", 0),
    ("event.evidence.curtesy > 0", "unknown trait 'curtesy' (did you mean 'courtesy'?)", 15),
    ("tagged('favour') and true",
     "'and' joins true/false values; this is a number; compare it, e.g. '... > 0'", 0),
    ("state.trust", "a condition must be true or false; this is a number; compare it, "
                    "e.g. '... > 0'", 0),
    ("state.trust > 'high'", "'>' compares numbers, not a number and a text", 12),
    ("flags.a == 1", "cannot compare a true/false value with a number using '=='", 8),
    ("state.trust = 3", "'=': write '==' to compare", 12),
    ("flags.a && flags.b", "'&&': write 'and'", 8),
    ("1 < 2 < 3", "chained comparisons are not supported; join them with 'and'", 6),
    ("eval('1') == 1", "unknown function 'eval'", 0),
    ("open('x') == 1", "unknown function 'open'", 0),
    ("lambda: 1", "':' is not part of the condition language", 6),
    ("tagged", "'tagged' is a function: write tagged(...)", 0),
    ("tagged(state.trust) > 1", "tagged() takes one quoted tag, e.g. tagged('favour')", 0),
    ("trait('kindness') > 1", "unknown trait 'kindness'", 6),
    ("min_seen('anger') < 3", "min_seen() takes a meter, one of trust, commitment, mood, "
                              "reputation, reach; got 'anger'", 9),
    ("chose('opening') ", "chose() takes 'node.choice', got 'opening'", 6),
    ("state.mood < 'x", "text starting with ' is never closed", 13),
    ("(state.mood < 3", "expected ')' to close the '(' opened at character 1, found the "
                        "end of the condition", 15),
    ("", "the condition is empty", 0),
    ("state.mood < 3 state", "unexpected 'state'", 15),
    ("1e9 > 1", "a number cannot run into letters: '1e'", 0),
    ("1234567890123 > 1", "number '1234567890123' has more than 12 digits", 0),
    ("flags", "'flags' needs one flag name: flags.<flag>", 0),
    ("state.trust() > 1", "'state.trust' is not a function", 0),
    ("'a' in 3", "'in' looks for a text in a number; it needs text in a list or in a text, "
                 "or a number in a list of numbers", 4),
]


@pytest.mark.parametrize(("source", "message", "offset"), ERRORS)
def test_refusals_say_what_is_wrong_and_where(source, message, offset):
    with pytest.raises(ConditionError) as err:
        compile_condition(source)
    assert (err.value.message, err.value.offset) == (message, offset)
    assert str(err.value) == f"{message} (at character {offset + 1})"


def test_over_long_and_deeply_nested_conditions_are_refused():
    with pytest.raises(ConditionError, match="condition is 501 characters long; the limit "
                                             "is 500"):
        compile_condition("true" + " " * 497)
    with pytest.raises(ConditionError, match="nested more than 32 levels deep"):
        compile_condition("(" * 40 + "true" + ")" * 40)
    with pytest.raises(ConditionError, match="nested more than 32 levels deep"):
        compile_condition("not " * 40 + "true")


def test_the_catalogue_can_replace_the_default_trait_ids():
    assert compile_condition("event.evidence.empathy > 0", traits={"empathy"})
    with pytest.raises(ConditionError, match="unknown trait 'courtesy'"):
        compile_condition("event.evidence.courtesy > 0", traits={"empathy"})


def test_compiled_conditions_list_what_they_read():
    c = compile_condition("flags.sent and chose('a.b') and tagged('favour') > 0 "
                          "and trait('courtesy') > 0 and visited('intro')")
    assert (c.flags, c.choices, c.tags, c.traits, c.nodes) == (
        {"sent"}, {"a.b"}, {"favour"}, {"courtesy"}, {"intro"})


def test_generated_code_holds_no_author_text_outside_literals():
    c = compile_condition("'__import__' in event.tags")
    assert c.code == "lambda c: ('__import__' in c.tags)"
    assert c(ctx(tags=("__import__",))) is True


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abcdefgilnorstu_.()[]'\"<>=!+-*/ 0123456789,")),
               max_size=60))
def test_any_text_compiles_or_raises_a_condition_error(source):
    try:
        compiled = compile_condition(source)
    except ConditionError as err:
        assert 0 <= err.offset <= len(source)
        assert err.message
    else:
        assert compiled(ctx()) in (True, False)
