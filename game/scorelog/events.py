"""The score log's own events, and turning any event into the dict it stores.

The runtime's events (``game.core.runtime.events``) arrive as objects with
``to_dict()``; the log adds two of its own for managers. Neither kind is ever
edited: an override or a sign-off is a new event pointing at the session.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from operator import attrgetter
from types import MappingProxyType
from typing import Any

from game.scorelog import chain
from game.scorelog.chain import Recorded


@dataclass(frozen=True, slots=True)
class ScoreOverridden:
    """A manager replaces a session's overall score, saying who and why."""

    by: str
    reason: str
    score: float
    previous: float | None = None
    passed: bool | None = None  # judged against the scenario's pass score, if known
    after_sign_off: bool = False  # the session had been signed off (needs --force)

    def to_dict(self) -> dict[str, Any]:
        return {"type": "ScoreOverridden", **asdict(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoreOverridden:
        return cls(by=data["by"], reason=data["reason"], score=float(data["score"]),
                   previous=data.get("previous"), passed=data.get("passed"),
                   after_sign_off=bool(data.get("after_sign_off", False)))


@dataclass(frozen=True, slots=True)
class SignedOff:
    """A manager has reviewed the session and signs it off."""

    by: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"type": "SignedOff", **asdict(self)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SignedOff:
        return cls(by=data["by"], note=data.get("note", ""))


def event_dict(event: Any) -> dict[str, Any]:
    """The plain-dict form of an event object (``to_dict()``) or of a dict event."""
    if type(event) is Recorded:
        return Recorded(event, event.text, event.pairs)
    if isinstance(event, Mapping):
        data = dict(event)
    elif hasattr(event, "to_dict"):
        fast = _recorded(event)
        if fast is not None:
            return fast
        data = dict(event.to_dict())
    else:
        raise TypeError(f"cannot record {type(event).__name__}: no to_dict()")
    data.setdefault("type", type(event).__name__)
    return data


# -- the runtime's events, converted fast ------------------------------------------
#
# A played log repeats a few hundred distinct evidence lists (one per answer at a node
# and a state of the rules) over hundreds of thousands of decisions: their dicts, their
# canonical JSON and their evidence items are made once and shared. Everything else
# is spelled per event exactly as ``chain.canonical(event.to_dict())`` spells it; any
# value this does not know (an enum, a nested object elsewhere, a float that is not
# finite) leaves the event to ``to_dict()``. tests/scorelog/test_verify_event_json.py checks
# both spellings agree on every event of every shipped scenario.

_SCALARS = frozenset({str, int, float, bool, type(None)})
_MAPPINGS = frozenset({dict, MappingProxyType})
_NESTED = frozenset({"MeritLine", "PointLine", "RuleFired"})  # their repr shows every field
_ITEMS = ("evidence", "points", "rules")  # what chain.evidence_items reads
_SHARED_MAX = 100_000  # distinct nested lists kept (a bound for a very varied log)
_plans: dict[type, Any] = {}
_shared: dict[str, tuple[list, str]] = {}  # repr of a nested tuple -> (plain list, JSON)
_items: dict[tuple[str, ...], list[tuple[str, float]]] = {}


def _plan(cls: type) -> tuple | None:
    """(field names in to_dict order, a reader of them all, the indexes of the fields
    chain.evidence_items reads, the layouts seen by field types) of one of the runtime's
    event classes, all of which use the runtime's generic to_dict."""
    from dataclasses import fields, is_dataclass

    from game.core.runtime import EVENT_TYPES

    kinds = tuple(EVENT_TYPES.values())
    if cls not in kinds or not is_dataclass(cls) or len({k.to_dict for k in kinds}) != 1:
        return None
    names = tuple(f.name for f in fields(cls))
    if "type" in names or "rules_fired" in names:
        return None
    items = tuple(names.index(n) for n in _ITEMS) if all(n in names for n in _ITEMS) else None
    read = attrgetter(*names) if len(names) > 1 else (lambda e: (getattr(e, names[0]),))
    return names, read, items, {}


def _nested(value: tuple) -> tuple[list, str] | None:
    """(plain list, JSON) of a tuple of the runtime's lines and rules (or of str), shared."""
    key = repr(value)
    found = _shared.get(key)
    if found is None:
        if not all((type(v).__name__ in _NESTED and hasattr(v, "to_dict")) or type(v) is str
                   for v in value):
            return None
        plain = [v if type(v) is str else v.to_dict() for v in value]
        found = (plain, chain.canonical(plain))
        if len(_shared) < _SHARED_MAX:
            _shared[key] = found
    return found


def _recorded(event: Any) -> Recorded | None:
    """``event.to_dict()`` as a :class:`Recorded` with its JSON, or None (see above).

    The fields are read at once and sorted by the types they hold (most are plain
    values, taken as they are). The top level goes through the canonical encoder with
    each nested list stood in for by a marker string, then the marker's JSON is swapped
    for the list's shared JSON: a marker that is not found exactly once (a value that
    spells one) leaves the event to ``to_dict()``."""
    cls = type(event)
    plan = _plans.get(cls, False)
    if plan is False:
        plan = _plans[cls] = _plan(cls)
    if plan is None:
        return None
    names, read, item_fields, layouts = plan
    values = read(event)
    kinds = tuple(map(type, values))
    layout = layouts.get(kinds, False)
    if layout is False:
        layout = layouts[kinds] = _layout(kinds)
    if layout is None:
        return None
    nested, mappings = layout
    data: dict[str, Any] = {"type": cls.__name__}
    data.update(zip(names, values, strict=True))
    marked = dict(data)
    swaps: list[tuple[str, str]] = []
    fragments: dict[int, str] = {}  # a nested field's JSON
    for i in nested:
        found = _nested(values[i])
        if found is None:
            return None
        data[names[i]] = found[0]
        marker = f"\x00{len(swaps)}\x00"
        marked[names[i]] = marker
        swaps.append((chain._string(marker), found[1]))
        fragments[i] = found[1]
    for i in mappings:
        plain = {str(k): v for k, v in values[i].items()}
        if not _SCALARS.issuperset(map(type, plain.values())):
            return None
        data[names[i]] = marked[names[i]] = plain
    try:
        text = chain.canonical(marked)
    except ValueError:  # a float that is not finite: to_dict and the store say so
        return None
    for marker, json_text in swaps:
        if text.count(marker) != 1:
            return None
        text = text.replace(marker, json_text)
    items = None
    if item_fields is not None and all(i in fragments for i in item_fields):
        key = tuple(fragments[i] for i in item_fields)
        items = _items.get(key)
        if items is None:
            items = chain.evidence_items({n: data[n] for n in _ITEMS})
            if len(_items) < _SHARED_MAX:
                _items[key] = items
    return Recorded(data, text, items)


def _layout(kinds: tuple[type, ...]) -> tuple[tuple[int, ...], tuple[int, ...]] | None:
    """(indexes of the nested tuples, of the mappings) for fields of these types, or None
    when one is of a type this does not spell (left to to_dict)."""
    nested, mappings = [], []
    for i, kind in enumerate(kinds):
        if kind is tuple:
            nested.append(i)
        elif kind in _MAPPINGS:
            mappings.append(i)
        elif kind not in _SCALARS:
            return None
    return tuple(nested), tuple(mappings)
