"""The immutable scenario model: what the loader builds and everything else reads.

Nothing here parses, prints or draws. Every object is a frozen, slotted dataclass
holding tuples and read-only mappings, so a loaded scenario can be shared by the
runtime, the analyser, the game and the tools without anyone changing it under
the others' feet. New values are made with ``dataclasses.replace``.

Player-visible text is a :class:`Text`: the three languages side by side plus a
stable line id derived from the authored ids around it (``scenario.node.say``,
``scenario.node.choice.text``...). Rewording a line keeps its id, so translations,
logs and saved sessions survive edits.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Literal

LANGS: tuple[str, ...] = ("en", "it", "pl")
Lang = Literal["en", "it", "pl"]

#: The state meters every session tracks, with their allowed range.
#: ``reach`` is the audience of a public post (social scenes); it has no upper bound.
METERS: Mapping[str, tuple[float, float | None]] = MappingProxyType(
    {
        "trust": (0.0, 100.0),
        "commitment": (0.0, 100.0),
        "mood": (0.0, 100.0),
        "reputation": (0.0, 100.0),
        "reach": (0.0, None),
    }
)

#: Evidence strength: how strongly a choice shows (+) or goes against (-) a trait.
EVIDENCE_RANGE = (-3, 3)


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    SOCIAL = "social"
    IN_PERSON = "in_person"


class Encounter(StrEnum):
    """The encounter types the source articles describe (see the domain digest)."""

    PHONE_COMPLAINT = "phone_complaint"
    EMAIL_ESCALATION = "email_escalation"
    OVER_FAMILIAR_CLIENT = "over_familiar_client"
    SOCIAL_FLARE_UP = "social_flare_up"
    FALSE_RUMOUR = "false_rumour"
    PUBLIC_PRAISE = "public_praise"
    LEGAL_THREAT = "legal_threat"
    SABOTAGE = "sabotage"
    DELIVERY_FAILURE = "delivery_failure"
    HIDDEN_BAD_NEWS = "hidden_bad_news"
    DISCOUNT_REQUEST = "discount_request"
    TECHNOLOGY_CHANGE = "technology_change"
    SOURING_ACCOUNT = "souring_account"


class Difficulty(StrEnum):
    INTRODUCTORY = "introductory"
    STANDARD = "standard"
    HARD = "hard"


class Outcome(StrEnum):
    """How an ending leaves the relationship."""

    SUCCESS = "success"  # client kept and loyal
    MIXED = "mixed"  # client kept but wary
    FAILURE = "failure"  # client lost, public damage, legal case...


class Polarity(StrEnum):
    GOOD = "good"
    BAD = "bad"


class Speaker(StrEnum):
    CLIENT = "client"
    FEED = "feed"
    COLLEAGUE = "colleague"
    MANAGER = "manager"
    NARRATOR = "narrator"


@dataclass(frozen=True, slots=True)
class Pos:
    """Where something was written: 1-based line and column in its file."""

    line: int
    column: int


NO_POS = Pos(0, 0)


@dataclass(frozen=True, slots=True)
class Text:
    """One player-visible line in every language, under a stable id.

    A line the trainee says may read differently by how they asked to be addressed
    (Italian and Polish verbs and adjectives agree with the speaker: "Obiecałem" /
    "Obiecałam"). ``variants`` then holds ``"it.f"``, ``"it.m"``, ``"pl.f"``... and
    ``it``/``pl`` hold the neutral phrasing, which is also what ``get`` gives
    without a form. ``for_form`` resolves a line for one trainee.
    """

    id: str
    en: str
    it: str
    pl: str
    variants: Mapping[str, str] = field(default_factory=lambda: _NO_VARIANTS, compare=False)

    def get(self, lang: str, form: str | None = None) -> str:
        """The line in ``lang`` (English when unknown), in ``form`` when it has one."""
        if lang not in LANGS:
            return self.en
        if form is not None and self.variants:
            found = self.variants.get(f"{lang}.{form}")
            if found is not None:
                return found
        return getattr(self, lang)

    def for_form(self, form: str | None) -> Text:
        """This line as a trainee addressed in ``form`` reads it (itself without variants)."""
        if not self.variants or form is None:
            return self
        return Text(self.id, self.en, self.get("it", form), self.get("pl", form))


#: How a trainee asked to be addressed: feminine, masculine, or neutral phrasing.
FORMS: tuple[str, ...] = ("f", "m", "n")
_NO_VARIANTS: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Trait:
    """A relationship trait from the catalogue, traced to its source article."""

    id: str
    polarity: Polarity
    name: Text
    definition: Text
    source: str  # article file name in the seeds, e.g. "004_3c4903abc408d5f8.txt"
    opposite: str | None = None  # the id of its counterpart of the other polarity
    pos: Pos = field(default=NO_POS, compare=False)  # where the catalogue defines it
    #: Showing this (bad) trait fails the encounter on its own, whatever the score:
    #: deceiving a client is not made good by five courteous answers (article 000).
    critical: bool = False


@dataclass(frozen=True, slots=True)
class TraitCatalogue:
    traits: tuple[Trait, ...]
    by_id: Mapping[str, Trait] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", MappingProxyType({t.id: t for t in self.traits}))

    def __contains__(self, trait_id: object) -> bool:
        return trait_id in self.by_id

    def __getitem__(self, trait_id: str) -> Trait:
        return self.by_id[trait_id]

    def name(self, trait_id: str, lang: str) -> str:
        """The trait's name in ``lang``; the id itself for a trait the catalogue lacks."""
        trait = self.by_id.get(trait_id)
        return trait.name.get(lang) if trait is not None else trait_id

    def critical(self) -> frozenset[str]:
        """Ids of the traits whose display fails an encounter on its own."""
        return frozenset(t.id for t in self.traits if t.critical)

    def is_bad(self, trait_id: str) -> bool:
        """True for a known trait of bad polarity (showing it hurts the relationship)."""
        trait = self.by_id.get(trait_id)
        return trait is not None and trait.polarity == Polarity.BAD


@dataclass(frozen=True, slots=True)
class Evidence:
    """A choice shows ``trait`` with ``strength`` in -3..3 (never 0).

    Positive strength means the choice displays the trait, negative that it goes
    against it. Whether that is good for the relationship depends on the trait's
    polarity: +2 ``courtesy`` is good, +2 ``over_familiarity`` is bad, and
    -2 ``over_familiarity`` (resisting it) is good.
    """

    trait: str
    strength: int


@dataclass(frozen=True, slots=True)
class Effects:
    """Changes a choice, a timeout or a rule makes to the session state."""

    meters: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    set_flags: tuple[str, ...] = ()
    clear_flags: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.meters or self.set_flags or self.clear_flags)


NO_EFFECTS = Effects()


#: The ``next`` that ends the session at the first ending (in file order) whose
#: ``when`` holds: endings chosen by what was done, without a "verdict" node.
PICK_ENDING = "ending"


@dataclass(frozen=True, slots=True)
class Branch:
    """One conditional way on: ``{when: CONDITION, next: TARGET}`` in a ``next`` list."""

    when: Condition
    next: str
    pos: Pos = NO_POS


@dataclass(frozen=True, slots=True)
class Choice:
    """An answer the player can give at a node."""

    id: str
    text: Text
    next: str  # the default: a node id, an ending id or PICK_ENDING
    evidence: tuple[Evidence, ...] = ()
    effects: Effects = NO_EFFECTS
    feedback: Text | None = None
    when: Condition | None = None  # shown only when this holds
    once: bool = False  # gone once used (for nodes the player can come back to)
    tags: tuple[str, ...] = ()  # facts rules can read: "promise:callback", "favour"...
    pos: Pos = NO_POS
    #: Conditional ways on, tried in order before ``next`` (routing, not a decision).
    branches: tuple[Branch, ...] = ()

    @property
    def targets(self) -> tuple[str, ...]:
        """Every place this can lead: each branch's target, then the default."""
        return (*(b.next for b in self.branches), self.next)


@dataclass(frozen=True, slots=True)
class Timeout:
    """What happens when a timed node's limit runs out."""

    next: str
    evidence: tuple[Evidence, ...] = ()
    effects: Effects = NO_EFFECTS
    feedback: Text | None = None
    tags: tuple[str, ...] = ()
    pos: Pos = NO_POS
    branches: tuple[Branch, ...] = ()

    @property
    def targets(self) -> tuple[str, ...]:
        return (*(b.next for b in self.branches), self.next)


@dataclass(frozen=True, slots=True)
class Node:
    """A moment of the encounter: someone says something, the player answers."""

    id: str
    speaker: Speaker
    text: Text
    choices: tuple[Choice, ...]
    time_limit: float | None = None  # seconds; None means untimed
    timeout: Timeout | None = None
    pos: Pos = NO_POS


@dataclass(frozen=True, slots=True)
class Ending:
    id: str
    outcome: Outcome
    title: Text
    text: Text
    pos: Pos = NO_POS
    #: With ``next: ending``: this ending is picked when this holds (None: always).
    when: Condition | None = None


@dataclass(frozen=True, slots=True)
class Persona:
    """The client: who they are and which traits matter more or less to them."""

    name: str
    role: Text
    company: str
    temperament: Text
    weights: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    avatar: str | None = None  # an image under assets/, optional

    def __post_init__(self) -> None:
        # every weight a float, as written `2` or `2.0`: the lines scored with it then
        # hold one type per field, so equal lines are spelled alike in the score log,
        # which spells each distinct line once (game/scorelog/events.py)
        if any(type(w) is not float for w in self.weights.values()):
            object.__setattr__(self, "weights", MappingProxyType(
                {t: float(w) for t, w in self.weights.items()}))

    def weight(self, trait_id: str) -> float:
        return self.weights.get(trait_id, 1.0)


@dataclass(frozen=True, slots=True)
class InitialState:
    trust: float = 50.0
    commitment: float = 50.0
    mood: float = 50.0
    reputation: float = 70.0
    reach: float = 0.0
    flags: tuple[str, ...] = ()  # flags already set when the scene opens
    promises: tuple[str, ...] = ()  # promises made before the scene, open at the start

    def as_meters(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in METERS}


@dataclass(frozen=True, slots=True)
class Escalation:
    """A public post that spreads while the player hesitates (social scenes).

    Every second of elapsed time, until ``stop_when`` holds, reach grows by
    ``reach_per_second`` and reputation falls by ``reputation_per_1000`` for each
    thousand people reached.
    """

    reach_per_second: float
    reputation_per_1000: float
    stop_when: Condition
    pos: Pos = NO_POS


@dataclass(frozen=True, slots=True)
class Condition:
    """A condition in the rules' expression language, kept with its source.

    ``compiled`` is the rules engine's checked, ready-to-run form (opaque here).
    """

    source: str
    pos: Pos = NO_POS
    compiled: object = field(default=None, compare=False, repr=False)


class RuleScope(StrEnum):
    CHOICE = "choice"  # after every choice or timeout
    TICK = "tick"  # every elapsed second (escalating social scenes)
    END = "end"  # once, when the session reaches an ending


@dataclass(frozen=True, slots=True)
class Rule:
    """A scoring rule: when ``when`` holds, apply effects and explain why."""

    id: str
    when: Condition
    explain: Text
    scope: RuleScope = RuleScope.CHOICE
    traits: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    multiply: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))
    effects: Effects = NO_EFFECTS
    once: bool = False
    source: str | None = None  # the article it encodes
    pos: Pos = NO_POS


@dataclass(frozen=True, slots=True)
class RulePack:
    """A set of rules from one file: the shared pack or a scenario's own."""

    id: str
    rules: tuple[Rule, ...]
    path: str = ""


@dataclass(frozen=True, slots=True)
class Curriculum:
    """An ordered list of scenario ids to play, e.g. the first week (curriculum.yaml)."""

    id: str
    title: Text
    scenarios: tuple[str, ...]
    path: str = ""


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    version: int
    title: Text
    summary: Text
    encounter: Encounter
    channel: Channel
    difficulty: Difficulty
    minutes: int
    pass_score: float
    persona: Persona
    initial: InitialState
    start: str
    nodes: Mapping[str, Node]
    endings: Mapping[str, Ending]
    rules: tuple[Rule, ...] = ()
    escalation: Escalation | None = None
    sources: tuple[str, ...] = ()
    path: str = ""  # the file it was loaded from
    content_hash: str = ""  # sha256 of the file's bytes

    def target(self, ref: str) -> Node | Ending:
        """The node or ending a ``next`` points to."""
        return self.nodes[ref] if ref in self.nodes else self.endings[ref]

    def is_ending(self, ref: str) -> bool:
        return ref in self.endings or ref == PICK_ENDING
