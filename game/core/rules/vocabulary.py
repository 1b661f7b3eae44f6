"""What a condition may name: the state meters, flags, the current event, the
persona, and a few functions over the session's history.

Each name has a type so mistakes are caught when a scenario is linted, not in
the middle of a session: ``state.trust and ...`` is refused ("expected true or
false") instead of silently meaning "trust is not zero".
"""

from __future__ import annotations

from types import MappingProxyType

# Value types of the language.
NUM, STR, BOOL, LIST = "number", "text", "true/false", "list"

#: The trait ids of docs/design.md; used to check ``event.evidence.<trait>`` and
#: ``trait('...')`` when the caller does not pass the catalogue's own ids.
DEFAULT_TRAITS: frozenset[str] = frozenset((
    "excellent_communication", "knowledge_sharing", "exceeding_expectations",
    "sharing_opinions", "positive_attitude", "courtesy", "availability", "responsiveness",
    "price_smartness", "forward_looking", "trust_building", "keeping_promises",
    "professional_distance", "honesty", "proactivity", "de_escalation", "reporting_upward",
    "strategic_planning", "owning_mistakes", "terrible_communication", "withholding_opinions",
    "hoarding_knowledge", "bad_etiquette", "unresolved_debates", "no_planning",
    "negative_attitude", "no_reporting", "over_familiarity", "deceiving_client",
    "ignoring_public_complaints", "broken_promises",
))

METER_NAMES = ("trust", "commitment", "mood", "reputation", "reach")


EVENT_KINDS = ("choice", "timeout", "tick", "end")

#: dotted name -> (type, Python expression over the evaluation context ``c``).
FIXED_NAMES = MappingProxyType({
    **{f"state.{m}": (NUM, f"c.meters[{m!r}]") for m in METER_NAMES},
    "state.elapsed": (NUM, "c.elapsed"),
    "state.decisions": (NUM, "c.decisions"),
    "event.kind": (STR, "c.kind"),
    "event.response_time": (NUM, "c.response_time"),
    "event.timed_out": (BOOL, "c.timed_out"),
    "event.tags": (LIST, "c.tags"),
    "event.node": (STR, "c.node"),
    "event.choice": (STR, "c.choice"),
    "persona.name": (STR, "c.static.persona_name"),
    "persona.temperament": (STR, "c.static.temperament"),
    "channel": (STR, "c.static.channel"),
    "encounter": (STR, "c.static.encounter"),
})

#: dotted prefixes followed by one free part: prefix -> (type, what the part is, template).
OPEN_NAMES = MappingProxyType({
    "flags": (BOOL, "flag", "({part!r} in c.flags)"),
    "event.evidence": (NUM, "trait", "c.evidence.get({part!r}, 0)"),
    "persona.weight": (NUM, "trait", "c.static.weights.get({part!r}, 1.0)"),
})

#: function -> (result type, argument kind, context method).
#: Argument kinds: "trait", "meter", "tag", "choice_ref", "node", "promise", "" (none),
#: "numbers" (min/max/abs over numbers, computed inline).
FUNCTIONS = MappingProxyType({
    "tagged": (NUM, "tag", "c.tagged"),            # events so far with the tag (this one too)
    "chose": (BOOL, "choice_ref", "c.chose"),      # 'node.choice' chosen so far (this one too)
    "visited": (BOOL, "node", "c.visited"),        # node shown so far
    "trait": (NUM, "trait", "c.trait"),            # net merit of a trait before this event
    "repeats": (NUM, "trait?", "c.repeats"),       # earlier bad showings of the trait
    "promised": (BOOL, "promise", "c.promised"),   # promise:<name> made so far
    "breaks_promise": (BOOL, "", "c.breaks_promise"),  # this event breaks a promise made
    "keeps_promise": (BOOL, "", "c.keeps_promise"),    # this event keeps a promise made
    "open_promises": (NUM, "", "c.open_promises"),     # promises made, not kept nor broken
    "score": (NUM, "", "c.score"),                 # overall score so far, 0-100
    "passing": (BOOL, "", "c.passing"),            # score so far >= pass mark, no critical slip
    "slips": (NUM, "", "c.slips"),                 # decisions so far that lost points
    "trait_score": (NUM, "trait", "c.trait_score"),  # a trait's 0-100 score (50 untested)
    "min_seen": (NUM, "meter", "c.min_seen"),      # lowest value of a meter so far
    "max_seen": (NUM, "meter", "c.max_seen"),      # highest value of a meter so far
    "min": (NUM, "numbers", "min"),
    "max": (NUM, "numbers", "max"),
    "abs": (NUM, "number", "abs"),
})

#: Every complete name an author may write, for "did you mean" suggestions.
ALL_NAMES: tuple[str, ...] = (
    *FIXED_NAMES, *(f"{p}.<{kind}>" for p, (_, kind, _) in OPEN_NAMES.items()), *FUNCTIONS
)
