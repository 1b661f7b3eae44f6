"""The score log's own events, and turning any event into the dict it stores.

The runtime's events (``game.core.runtime.events``) arrive as objects with
``to_dict()``; the log adds two of its own for managers. Neither kind is ever
edited: an override or a sign-off is a new event pointing at the session.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from math import isfinite
from operator import attrgetter, itemgetter
from types import MappingProxyType, NoneType
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

_SCALARS = frozenset({str, int, float, bool, NoneType})
_MAPPINGS = frozenset({dict, MappingProxyType})
_NESTED = frozenset({"MeritLine", "PointLine", "RuleFired"})  # equal when every field is
_ITEMS = ("evidence", "points", "rules")  # what chain.evidence_items reads
_SHARED_MAX = 100_000  # distinct nested lists kept (a bound for a very varied log)
_plans: dict[type, Any] = {}
_shared: dict[tuple, tuple[list, str]] = {}  # a nested tuple -> (plain list, JSON)
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
    """(plain list, JSON) of a tuple of the runtime's lines and rules (or of str), shared.

    Keyed by the value itself: a hash and a comparison, ten times cheaper than the
    repr it once was. Equal values spell alike because the core gives each field of a
    line one type (strength and polarity int; weight, factor and merit float, as
    ``Persona`` makes every weight a float), so ``2`` and ``2.0`` never meet in one."""
    found = _shared.get(value)
    if found is None:
        if not all((type(v).__name__ in _NESTED and hasattr(v, "to_dict")) or type(v) is str
                   for v in value):
            return None
        plain = [v if type(v) is str else v.to_dict() for v in value]
        found = (plain, chain.canonical(plain))
        if len(_shared) < _SHARED_MAX:
            _shared[value] = found
    return found


def _recorded(event: Any) -> Recorded | None:
    """``event.to_dict()`` as a :class:`Recorded` with its JSON, or None (see above).

    The fields are read at once and sorted by the types they hold; each layout of
    types has its spelling (:class:`_Layout`), which fills the JSON text's template
    with the fields in key order, each nested list as its shared JSON."""
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
        layout = layouts[kinds] = _Layout.of(cls.__name__, names, kinds, item_fields)
    if layout is None or not layout.finite(values):
        return None  # a float that is not finite: to_dict and the store say so
    data: dict[str, Any] = {"type": cls.__name__}
    data.update(zip(names, values, strict=True))
    spelled = list(values)  # what the template shows of each field
    for i in layout.nested:
        found = _nested(values[i])
        if found is None:
            return None
        data[names[i]] = found[0]
        spelled[i] = found[1]
    for i in layout.mappings:
        found = _mapping(values[i])
        if found is None:
            return None
        data[names[i]], spelled[i] = found
    items = None
    if layout.items is not None:  # the evidence fields, all nested lists
        key = layout.items(spelled)
        items = _items.get(key)
        if items is None:
            items = chain.evidence_items({n: data[n] for n in _ITEMS})
            if len(_items) < _SHARED_MAX:
                _items[key] = items
    return Recorded(data, layout.spell(spelled), items)


_BOOL = {True: "true", False: "false"}.__getitem__


class _Layout:
    """How an event class's fields of given types are spelled: which are nested lists
    and mappings, the floats to check, the key of the evidence items, and ``spell``
    (:func:`_speller`), which writes the JSON text with the keys sorted, ``type`` and
    None values written in and each field spelled as the canonical encoder would (no
    dict to encode)."""

    __slots__ = ("finite", "items", "mappings", "nested", "spell")

    @classmethod
    def of(cls, name: str, names: tuple[str, ...], kinds: tuple[type, ...],
           item_fields: tuple[int, ...] | None = None) -> _Layout | None:
        """The layout, or None when a field is of a type this does not spell (left to
        to_dict). ``item_fields``: the fields chain.evidence_items reads."""
        if any(kind is not tuple and kind not in _MAPPINGS and kind not in _SCALARS
               for kind in kinds):
            return None
        layout = cls()
        layout.nested = tuple(i for i, k in enumerate(kinds) if k is tuple)
        layout.mappings = tuple(i for i, k in enumerate(kinds) if k in _MAPPINGS)
        layout.finite = _all_finite([i for i, k in enumerate(kinds) if k is float])
        # the evidence fields' JSON, the key of their evidence items (when all nested)
        layout.items = _picker(item_fields) if item_fields is not None and all(
            i in layout.nested for i in item_fields) else None
        parts: list[str | tuple[int, type]] = ["{"]  # literal text, and (field, type)
        for key in sorted(("type", *names)):
            parts.append(("," if len(parts) > 1 else "") + f"{chain._string(key)}:")
            i = names.index(key) if key != "type" else -1
            if i < 0:
                parts.append(chain._string(name))
            elif kinds[i] is NoneType:
                parts.append("null")
            else:
                parts.append((i, kinds[i]))
        layout.spell = _speller([*parts, "}"])
        return layout


def _picker(indexes: Sequence[int]) -> Callable[[Sequence[Any]], tuple]:
    """A function giving the items at ``indexes`` as a tuple (itemgetter gives one item
    alone for a single index)."""
    if len(indexes) > 1:
        return itemgetter(*indexes)
    return (lambda v, i=indexes[0]: (v[i],)) if indexes else (lambda v: ())


_VALUE = {str: "_e(v[{}])", bool: "_b(v[{}])", int: "_r(v[{}])", float: "_r(v[{}])"}


def _speller(parts: list[str | tuple[int, type]]) -> Callable[[Sequence[Any]], str]:
    """A function spelling a sequence of values as the canonical encoder would spell the
    dict they make: ``parts`` are literal text and, for each value, (index, type); a
    nested list or mapping is already its JSON. Compiled once per layout (as dataclasses
    and namedtuple make their methods) from indexes and fixed names alone, it joins the
    text in one call; the literal text is passed in, never written into the source."""
    scope: dict[str, Any] = {"_e": chain._string, "_r": repr, "_b": _BOOL}
    pieces: list[str] = []
    for part in parts:
        if isinstance(part, str):  # consecutive literal text joined into one constant
            if pieces and pieces[-1].startswith("_t"):
                scope[pieces[-1]] += part
                continue
            pieces.append(f"_t{len(pieces)}")
            scope[pieces[-1]] = part
        else:
            index, kind = part
            pieces.append(_VALUE.get(kind, "v[{}]").format(int(index)))
    exec(f"def spell(v):\n    return ''.join(({', '.join(pieces)},))\n", scope)
    return scope["spell"]


def _all_finite(floats: list[int]) -> Callable[[Sequence[Any]], bool]:
    """Whether the values at ``floats`` are finite (JSON has no inf or NaN)."""
    pick = _picker(floats)
    return (lambda v: all(map(isfinite, pick(v)))) if floats else (lambda v: True)


_maps: dict[tuple, Any] = {}  # shape -> times seen, then (finite, spell) or None
_COMPILE_AFTER = 8  # a shape seen this often gets its own speller (the session's state
# has a few; an ending's trait scores come in hundreds of sets, each seldom: encoded)
# what a mapping's spelling depends on, by value type: an int and a float are both
# spelled by repr, so states whose meters are sometimes whole share one speller
_SPELLED_AS = {str: str, int: float, float: float, bool: bool, NoneType: NoneType}


def _mapping(value: Mapping) -> tuple[dict[str, Any], str] | None:
    """(plain dict, JSON) of a mapping of str to plain values (the session's state, an
    ending's trait scores); None for anything else (keys that are not str, nested
    values, inf or NaN). A set of keys and kinds of value seen often is spelled by a
    speller made for it, any other by the encoder."""
    values = tuple(value.values())
    try:
        shape = (tuple(value), tuple(map(_SPELLED_AS.__getitem__, map(type, values))))
    except KeyError:  # a value that is not plain
        return None
    found = _maps.get(shape, 0)
    if type(found) is int:
        if found + 1 < _COMPILE_AFTER or not all(type(k) is str for k in shape[0]):
            if len(_maps) < _SHARED_MAX:
                _maps[shape] = found + 1
            plain = {str(k): v for k, v in value.items()}
            try:
                return plain, chain.canonical(plain)
            except ValueError:  # inf or NaN
                return None
        keys, kinds = shape
        parts: list[str | tuple[int, type]] = ["{"]
        for n, i in enumerate(sorted(range(len(keys)), key=keys.__getitem__)):
            parts.append(("," if n else "") + f"{chain._string(keys[i])}:")
            parts.append("null" if kinds[i] is NoneType else (i, kinds[i]))
        found = _maps[shape] = (_all_finite([i for i, k in enumerate(kinds) if k is float]),
                                _speller([*parts, "}"]))
    try:
        if not found[0](values):
            return None
    except OverflowError:  # an int too large to be a float: left to the encoder
        return None
    return dict(value), found[1](values)
