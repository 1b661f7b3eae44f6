"""What a condition reads: the evaluation context behind ``state.*``, ``event.*``
and the history functions of the condition language (see rules/vocabulary.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.core.rules.scoring import overall_score, passes
from game.core.runtime.state import State, trait_score

_NO_EVIDENCE: Mapping[str, float] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Static:
    """The parts of a context fixed for a whole session."""

    channel: str
    encounter: str
    persona_name: str
    temperament: str
    weights: Mapping[str, float]
    polarity: Mapping[str, int] = field(default_factory=dict)
    pass_score: float = 60.0


class EvalContext:
    """One event as conditions see it. Built per evaluation; never changed after."""

    __slots__ = (
        "_s",
        "choice",
        "decisions",
        "elapsed",
        "evidence",
        "flags",
        "kind",
        "meters",
        "node",
        "response_time",
        "static",
        "tags",
        "timed_out",
    )

    def __init__(self, static: Static, state: State, kind: str, *,
                 evidence: Mapping[str, float] = _NO_EVIDENCE, tags: tuple[str, ...] = (),
                 node: str = "", choice: str = "", response_time: float = 0.0,
                 timed_out: bool = False) -> None:
        self._s = state
        self.static = static  # channel, encounter, persona: read as c.static.<name>
        self.meters = state.meters
        self.elapsed = state.elapsed
        self.decisions = state.decisions
        self.flags = state.flags
        self.kind = kind
        self.evidence = evidence
        self.tags = tags
        self.node = node
        self.choice = choice
        self.response_time = response_time
        self.timed_out = timed_out

    # -- history functions (events so far; "this one too" where the vocabulary says so)
    def tagged(self, tag: str) -> int:
        if tag.endswith("*"):
            if not self._s.tags and not self.tags:
                return 0
            prefix = tag[:-1]
            earlier = sum(n for t, n in self._s.tags.items() if t.startswith(prefix))
            return earlier + sum(1 for t in self.tags if t.startswith(prefix))
        return self._s.tags.get(tag, 0) + (tag in self.tags)

    def chose(self, ref: str) -> bool:
        return ref in self._s.chosen or (bool(self.choice) and ref == f"{self.node}.{self.choice}")

    def visited(self, node: str) -> bool:
        return node in self._s.visited

    def trait(self, trait: str) -> float:
        pos, neg = self._s.merit.get(trait, (0.0, 0.0))
        return pos + neg

    def repeats(self, trait: str | None = None) -> int:
        bad = self._s.bad
        if trait is not None:
            return bad.get(trait, 0)
        if not bad:
            return 0
        polarity = self.static.polarity
        return max((bad.get(t, 0) for t, s in self.evidence.items()
                    if s * polarity.get(t, 1) < 0), default=0)

    def promised(self, name: str) -> bool:
        return name in self._s.promises or f"promise:{name}" in self.tags

    def breaks_promise(self) -> bool:
        return self._settles("break:")

    def keeps_promise(self) -> bool:
        return self._settles("keep:")

    def _settles(self, prefix: str) -> bool:
        if not self.tags:
            return False
        # A promise restated in the same breath ("promise:x" beside "break:x") counts
        # as made: content uses that for promises a colleague made before the scene.
        promises = self._s.promises
        return any(t.startswith(prefix) and (promises.get(t[len(prefix):]) == "made"
                                             or f"promise:{t[len(prefix):]}" in self.tags)
                   for t in self.tags)

    def open_promises(self) -> int:
        return sum(1 for v in self._s.promises.values() if v == "made")

    def score(self) -> float:
        return overall_score(self._s.earned, self._s.available)

    def passing(self) -> bool:
        return passes(self.score(), self.static.pass_score, self._s.critical)

    def slips(self) -> int:
        return self._s.slips

    def trait_score(self, trait: str) -> float:
        pos, neg = self._s.merit.get(trait, (0.0, 0.0))
        found = trait_score(pos, neg)
        return 50.0 if found is None else found

    def min_seen(self, meter: str) -> float:
        return self._s.low.get(meter, self._s.meters[meter])

    def max_seen(self, meter: str) -> float:
        return self._s.high.get(meter, self._s.meters[meter])
