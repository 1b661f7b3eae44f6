"""The vocabulary the file formats are declared in, scalar kinds and texts here
(containers and records in ``record.py``): each kind of value knows how to check
and convert a YAML node, and how to describe itself as JSON Schema.

``spec.py`` declares the formats with these; the same declaration drives loading,
lint messages and ``python main.py schema``, so the two can never disagree.

Speed matters (a 2,000-node scenario has 50,000-120,000 YAML nodes, and loading it
must stay within 1.5x of PyYAML merely composing it: see benchmarks/bench_lint.py),
so ``convert`` methods compare tags directly, take a fast path for the common case
and allocate nothing they do not return.
"""

from __future__ import annotations

import re
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from yaml.nodes import MappingNode, ScalarNode
from yaml.nodes import Node as YNode

from game.core.loader.context import BOOL, FLOAT, INT, MAP, MERGE, STR, TIMESTAMP, Ctx
from game.core.loader.problems import did_you_mean
from game.core.loader.yamlio import (
    MAX_TEXT_CHARS,
    boolean,
    duplicate_key,
    number,
)
from game.core.model import LANGS

ID_PATTERN = "^[a-z][a-z0-9_]*$"
_TEXTUAL = (STR, INT, FLOAT, BOOL, TIMESTAMP)  # scalars whose source text is a fine string
LANG_NAMES = {"en": "English", "it": "Italian", "pl": "Polish"}


class Kind:
    """A kind of value in a file format."""

    what = "a value"

    def convert(self, node: YNode, ctx: Ctx, name: str) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


class Str(Kind):
    """Any scalar, as its text (``en: Yes`` means the word, not a boolean)."""

    what = "a string"

    def __init__(self, pattern: str | None = None, label: str = "", doc: str = "",
                 rule: str = "use lowercase letters, digits and '_', starting with a letter"
                 ) -> None:
        self.pattern = pattern
        self.rule = rule
        self.regex = re.compile(pattern) if pattern else None
        self.valid: set[str] = set()
        self.label = label
        self.doc = doc

    def convert(self, node: YNode, ctx: Ctx, name: str) -> str | None:
        tag = node.tag
        if tag != STR and (tag not in _TEXTUAL or node.__class__ is not ScalarNode):
            ctx.wrong_type(node, name, self.what)
            return None
        value = node.value
        if len(value) > MAX_TEXT_CHARS:
            ctx.add("E105", node, f"'{name}' is {len(value)} characters; the limit is "
                    f"{MAX_TEXT_CHARS}")
            return None
        if self.regex is not None and value not in self.valid:
            if self.regex.fullmatch(value) is None:  # match() lets "id\n" through ('$')
                ctx.add("E205", node, f"'{value}' is not a valid {self.label or name}: "
                        f"{self.rule}")
                return None
            if len(self.valid) < 50_000:  # ids repeat (keys, `next`): match each once
                self.valid.add(value)
        return value

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string"}
        if self.pattern:
            out["pattern"] = self.pattern
        if self.doc:
            out["description"] = self.doc
        return out


ID = Str(ID_PATTERN, "id")


class Ref(Str):
    """An id naming something else in the file or library (``next``, ``start``, a
    curriculum's scenarios); recorded in ``ctx.refs``, checked once all are known."""

    def __init__(self, label: str = "node or ending id") -> None:
        super().__init__(ID_PATTERN, label)

    def convert(self, node: YNode, ctx: Ctx, name: str) -> str | None:
        value = Str.convert(self, node, ctx, name)
        if value is None:
            ctx.broken = True
        else:
            ctx.refs.append((value, node, name))
        return value


class TraitRef(Str):
    """A trait id, checked against the catalogue when one is loaded."""

    def __init__(self) -> None:
        super().__init__(ID_PATTERN, "trait id")

    def convert(self, node: YNode, ctx: Ctx, name: str) -> str | None:
        value = Str.convert(self, node, ctx, name)
        if value is not None and ctx.traits is not None and value not in ctx.traits:
            ctx.unknown("E302", node, "trait", value, ctx.traits)
            return None
        return value


class Num(Kind):
    """A number in ``lo..hi`` (either may be open), optionally an integer, optionally not 0."""

    def __init__(self, lo: float | None = None, hi: float | None = None, *,
                 integer: bool = False, nonzero: bool = False, doc: str = "") -> None:
        self.lo, self.hi, self.integer, self.nonzero, self.doc = lo, hi, integer, nonzero, doc
        self.what = "an integer" if integer else "a number"

    def convert(self, node: YNode, ctx: Ctx, name: str) -> float | int | None:
        tag = node.tag
        if (tag != INT and (tag != FLOAT or self.integer)) or node.__class__ is not ScalarNode:
            ctx.wrong_type(node, name, self.what)
            return None
        value = number(node, ctx, name)  # the loader's one number policy (yamlio)
        if value is None:
            return None
        lo, hi = self.lo, self.hi
        if (lo is not None and value < lo) or (hi is not None and value > hi) \
                or value != value or (self.nonzero and value == 0):
            ctx.add("E206", node, f"'{name}' must be {self.range_words()}, got {node.value}")
            return None
        return value

    def range_words(self) -> str:
        if self.lo is not None and self.hi is not None:
            words = f"between {_n(self.lo)} and {_n(self.hi)}"
        elif self.lo is not None:
            words = f"at least {_n(self.lo)}"
        else:
            words = f"at most {_n(self.hi)}" if self.hi is not None else "a number"
        return words + (" and not 0" if self.nonzero else "")

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.lo is not None:
            out["minimum"] = self.lo
        if self.hi is not None:
            out["maximum"] = self.hi
        if self.nonzero:
            out["not"] = {"const": 0}
        if self.doc:
            out["description"] = self.doc
        return out


def _n(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


class Bool(Kind):
    what = "true or false"

    def convert(self, node: YNode, ctx: Ctx, name: str) -> bool | None:
        if node.tag != BOOL or node.__class__ is not ScalarNode:
            ctx.wrong_type(node, name, self.what)
            return None
        return boolean(node, ctx, name)

    def schema(self) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(Kind):
    """One of an enumeration's values."""

    def __init__(self, enum: type[StrEnum]) -> None:
        self.enum = enum
        self.values = {m.value: m for m in enum}
        self.what = "one of " + ", ".join(self.values)

    def convert(self, node: YNode, ctx: Ctx, name: str) -> StrEnum | None:
        member = self.values.get(node.value) if node.tag == STR else None
        if member is None:
            if node.tag != STR:
                ctx.wrong_type(node, name, self.what)
            else:
                ctx.add("E205", node, f"'{name}' must be {self.what}, got '{node.value}'"
                        f"{did_you_mean(node.value, self.values)}")
        return member

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.values)}


class Text(Kind):
    """A player-visible line in every language: ``{en: ..., it: ..., pl: ...}``.

    Converts to an ``(en, it, pl)`` tuple; the record that owns it knows the line id.
    """

    what = "a text in every language, like {en: ..., it: ..., pl: ...}"

    def convert(self, node: YNode, ctx: Ctx, name: str) -> tuple[str, str, str] | None:
        # The fast path: three plain strings under en, it and pl (nearly every text).
        pairs = node.value
        if node.tag == MAP and len(pairs) == 3 and node.__class__ is MappingNode:
            found = {}
            try:
                for key_node, value_node in pairs:
                    if value_node.tag != STR:
                        break
                    found[key_node.value] = value_node.value
                else:
                    en, it, pl = found["en"], found["it"], found["pl"]
                    # within the limit together means each is; otherwise check each
                    if en and it and pl and len(en) + len(it) + len(pl) <= MAX_TEXT_CHARS:
                        ctx.budget -= 3
                        return en, it, pl
            except (KeyError, TypeError):  # a missing language, a list used as a key
                pass
        return self._checked(node, ctx, name)

    def _checked(self, node: YNode, ctx: Ctx, name: str) -> tuple[str, str, str] | None:
        """The slow path, which says precisely what is wrong."""
        if node.tag != MAP or node.__class__ is not MappingNode:
            ctx.wrong_type(node, name, self.what)
            return None
        found: dict[str, str] = {}
        keys: dict[str, YNode] = {}
        variants: dict[str, str] = {}
        ctx.spend(len(node.value), node)
        for lang, value_node in _entries(
                node, ctx, keys, LANG_NAMES,
                lambda lang: f"unknown language '{lang}' in '{name}' (expected en, it and "
                             f"pl){did_you_mean(str(lang), LANG_NAMES)}"):
            if lang in GENDERED and value_node.__class__ is MappingNode:
                value = self._forms(value_node, ctx, f"{name}.{lang}", lang, variants)
            else:
                value = STRING.convert(value_node, ctx, f"{name}.{lang}")
            if value is not None and not value.strip():
                ctx.add("E204", value_node, f"'{name}' has an empty {LANG_NAMES[lang]} "
                        f"translation ('{lang}')")
            elif value is not None:
                found[lang] = value
        if len(found) == 3:
            if variants:
                return (found["en"], found["it"], found["pl"],  # type: ignore[return-value]
                        MappingProxyType(variants))
            return found["en"], found["it"], found["pl"]
        for lang in LANGS:
            if lang not in keys:
                ctx.add("E204", node, f"'{name}' has no {LANG_NAMES[lang]} translation "
                        f"('{lang}')")
        return None

    def _forms(self, node: YNode, ctx: Ctx, name: str, lang: str,
               variants: dict[str, str]) -> str | None:
        """``{f: ..., m: ..., n: ...}``: a line that agrees with the trainee's gender
        (feminine, masculine, and a neutral phrasing for who chose neither). Returns
        the neutral one; the gendered ones go to ``variants``."""
        got: dict[str, str] = {}
        seen: dict[str, YNode] = {}
        for form, value_node in _entries(
                node, ctx, seen, FORM_NAMES,
                lambda form: f"unknown form '{form}' in '{name}' (expected f, m and n: "
                             f"feminine, masculine, neutral){did_you_mean(str(form), FORM_NAMES)}"):
            value = STRING.convert(value_node, ctx, f"{name}.{form}")
            if value is not None and not value.strip():
                ctx.add("E204", value_node, f"'{name}' has an empty {FORM_NAMES[form]} form "
                        f"('{form}')")
            elif value is not None:
                got[form] = value
        missing = [f for f in FORM_NAMES if f not in seen]
        for form in missing:
            ctx.add("E204", node, f"'{name}' has no {FORM_NAMES[form]} form ('{form}'); a "
                    "line written by form needs f, m and n")
        if len(got) != len(FORM_NAMES):
            return None
        variants[f"{lang}.f"], variants[f"{lang}.m"] = got["f"], got["m"]
        return got["n"]

    def schema(self) -> dict[str, Any]:
        return {"$ref": "#/$defs/text"}


STRING = Str()
#: Languages whose lines may agree with the trainee's gender, and the forms.
GENDERED = ("it", "pl")
FORM_NAMES = {"f": "feminine", "m": "masculine", "n": "neutral"}


def _entries(node: MappingNode, ctx: Ctx, seen: dict[str, YNode], known: Any,
             unknown: Any) -> Any:
    """(key, value node) of each plain, first-seen key of ``node`` that ``known`` holds;
    the others are reported: a list as a key, a duplicate, or E201 ``unknown(key)``.
    ``seen`` collects every key met, known or not."""
    for key_node, value_node in node.value:
        key = key_node.value
        if key.__class__ is not str:
            _plain_key(key_node, ctx)
            continue
        if key in seen:
            duplicate_key(ctx, key_node, seen[key])
            continue
        seen[key] = key_node
        if key not in known:
            ctx.add("E201", key_node, unknown(key))
            continue
        yield key, value_node


def _plain_key(key_node: YNode, ctx: Ctx) -> bool:
    if key_node.__class__ is not ScalarNode:
        ctx.add("E107", key_node, "a key must be a plain value, not a list or mapping")
        return False
    if key_node.tag == MERGE:
        ctx.add("E106", key_node, "merge keys ('<<') are not supported; write the keys out")
        return False
    return True


