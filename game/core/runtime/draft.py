"""A mutable working copy of a State for the length of one step.

Steps change many small things (meters, flags, history counters, merit); doing it
on plain dicts and freezing once at the end keeps a step cheap. Mappings are
copied on first write only (most steps touch a few). A Draft has the same
attribute names as State, so conditions can read it mid-step.
"""

from __future__ import annotations

from game.core.model import Effects
from game.core.rules.engine import Firing
from game.core.rules.scoring import MeritLine, PointLine
from game.core.runtime.state import State, clamp_meter, frozen


def _ro(mapping):
    return frozen(mapping) if type(mapping) is dict else mapping


class Draft:
    __slots__ = (
        "available",
        "bad",
        "chosen",
        "critical",
        "decisions",
        "earned",
        "elapsed",
        "ended",
        "fired",
        "flags",
        "high",
        "low",
        "merit",
        "meters",
        "node",
        "promises",
        "slips",
        "tags",
        "ticks",
        "visited",
    )

    def __init__(self, s: State) -> None:
        self.node = s.node
        self.meters = s.meters
        self.elapsed = s.elapsed
        self.decisions = s.decisions
        self.flags = s.flags
        self.visited = s.visited
        self.chosen = s.chosen
        self.tags = s.tags
        self.promises = s.promises
        self.merit = s.merit
        self.bad = s.bad
        self.low = s.low
        self.high = s.high
        self.earned = s.earned
        self.available = s.available
        self.fired = s.fired
        self.ticks = s.ticks
        self.ended = s.ended
        self.slips = s.slips
        self.critical = s.critical

    def freeze(self) -> State:
        return State(self.node, _ro(self.meters), self.elapsed, self.decisions, self.flags,
                     self.visited, self.chosen, _ro(self.tags), _ro(self.promises),
                     _ro(self.merit), _ro(self.bad), _ro(self.low), _ro(self.high),
                     self.earned, self.available, self.fired, self.ticks, self.ended,
                     self.slips, self.critical)

    def _own(self, name: str) -> dict:
        """The mapping ``name``, copied first if it is still the State's read-only one."""
        value = getattr(self, name)
        if type(value) is not dict:
            value = dict(value)
            setattr(self, name, value)
        return value

    def apply(self, effects: Effects) -> None:
        for name, delta in effects.meters.items():
            self.move(name, delta)
        if effects.set_flags or effects.clear_flags:
            self.flags = (self.flags | frozenset(effects.set_flags)) - frozenset(
                effects.clear_flags)

    def move(self, meter: str, delta: float) -> None:
        value = clamp_meter(meter, self.meters[meter] + delta)
        self._own("meters")[meter] = value
        if value < self.low.get(meter, value + 1):
            self._own("low")[meter] = value
        if value > self.high.get(meter, value - 1):
            self._own("high")[meter] = value

    def credit(self, trait: str, merit: float) -> None:
        pos, neg = self.merit.get(trait, (0.0, 0.0))
        self._own("merit")[trait] = (pos + merit, neg) if merit > 0 else (pos, neg + merit)

    def fire(self, firing: Firing) -> None:
        """A rule's state effects and once-marker (its points are credited by the caller)."""
        self.apply(firing.effects)
        if firing.once:
            self.fired = self.fired | {firing.rule}

    def score(self, lines: tuple[MeritLine, ...], points: tuple[PointLine, ...]) -> None:
        for line in lines:
            self.credit(line.trait, line.merit)
            if line.strength * line.polarity < 0:
                self._own("bad")[line.trait] = self.bad.get(line.trait, 0) + 1
        for point in points:
            self.credit(point.trait, point.merit)

    def remember(self, node: str, choice: str | None, tags: tuple[str, ...]) -> None:
        """History later conditions read: choices, tags and promises."""
        if choice:
            ref = f"{node}.{choice}"
            if ref not in self.chosen:  # a revisit copies nothing (long looping paths)
                self.chosen = self.chosen | {ref}
        if not tags:
            return
        counts = self._own("tags")
        for tag in tags:
            counts[tag] = counts.get(tag, 0) + 1
        # Promises first, so "promise:x" beside "keep:x" settles it in the same event.
        for tag in sorted(tags, key=lambda t: not t.startswith("promise:")):
            kind, _, name = tag.partition(":")
            if kind == "promise" and name not in self.promises:
                self._own("promises")[name] = "made"
            elif kind in ("keep", "break") and self.promises.get(name) == "made":
                self._own("promises")[name] = "kept" if kind == "keep" else "broken"

    def enter(self, node: str) -> None:
        self.node = node
        if node not in self.visited:
            self.visited = self.visited | {node}
