"""JSON Schema (draft 2020-12) of the file formats, generated from ``spec``.

Editors that speak the YAML language server read it through the first-line comment
``# yaml-language-server: $schema=../schema/scenario.schema.json`` and then
autocomplete keys and underline mistakes while a trainer types. Lint remains the
authority: the schema cannot express cross-references within a file (``next``) or
the story graph.

What it can know of the library is written in: the shipped catalogue's trait ids are
the allowed keys of ``evidence``, ``weights``, ``traits`` and ``multiply``, each
with its name and definition (so an editor completes and explains them, and
underlines a typo), the known articles are the enum of ``sources``/``source``, and
a ``time_limit`` requires a ``timeout`` (and the reverse).
"""

from __future__ import annotations

from typing import Any

from game.core.loader import campaign as campaign_spec
from game.core.loader import spec
from game.core.loader.kinds import Kind, Str, Text, TraitRef
from game.core.loader.record import Field, ListOf, MapOf, Record
from game.core.model import LANGS

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: schema name -> (root record, file name under schema/)
SCHEMAS: dict[str, tuple[Record, str]] = {
    "scenario": (spec.SCENARIO, "scenario.schema.json"),
    "rule-pack": (spec.RULE_PACK, "rule-pack.schema.json"),
    "catalogue": (spec.CATALOGUE, "catalogue.schema.json"),
    "curriculum": (spec.CURRICULUM, "curriculum.schema.json"),
    "campaign": (campaign_spec.CAMPAIGN, "campaign.schema.json"),
}

_FORMS = {"type": "object", "description": "the line by how the trainee is addressed: "
          "feminine, masculine, neutral phrasing",
          "properties": {f: {"type": "string", "minLength": 1} for f in ("f", "m", "n")},
          "required": ["f", "m", "n"], "additionalProperties": False}
TEXT_DEF = {
    "type": "object",
    "description": "a player-visible line in English, Italian and Polish (Italian and Polish "
                   "may be written by form: {f: ..., m: ..., n: ...})",
    "properties": {lang: {"type": "string", "minLength": 1} if lang == "en" else
                   {"oneOf": [{"type": "string", "minLength": 1}, _FORMS]} for lang in LANGS},
    "required": list(LANGS),
    "additionalProperties": False,
}


def _walk(kind: Kind, found: dict[str, Record], uses_text: list[bool]) -> None:
    if isinstance(kind, Record):
        name = def_name(kind)
        if name in found:
            return
        found[name] = kind
        for field in kind.fields:
            _walk(field.kind, found, uses_text)
    elif isinstance(kind, ListOf):
        _walk(kind.item, found, uses_text)
    elif isinstance(kind, MapOf):
        _walk(kind.value, found, uses_text)
    elif isinstance(kind, Text):
        uses_text[0] = True
    for child in getattr(kind, "children", tuple)():  # kinds made of records (Next)
        _walk(child, found, uses_text)


def def_name(record: Record) -> str:
    return record.title.replace(" ", "_")


def json_schema(name: str = "scenario") -> dict[str, Any]:
    """The schema named ``name`` (a key of SCHEMAS)."""
    root, file_name = SCHEMAS[name]
    found: dict[str, Record] = {}
    uses_text = [False]
    _walk(root, found, uses_text)
    defs: dict[str, Any] = {"text": TEXT_DEF} if uses_text[0] else {}
    for def_key, record in found.items():
        if record is not root:
            defs[def_key] = _enriched(record)
    schema: dict[str, Any] = {"$schema": DRAFT, "$id": file_name,
                              "title": f"Client Relations Trainer {root.title}"}
    schema.update(_enriched(root))
    schema["$defs"] = dict(sorted(defs.items()))
    return schema


#: Fields whose presence requires another's: (record title, field) -> fields.
DEPENDENT = {"node": {"time_limit": ["timeout"], "timeout": ["time_limit"]}}
#: Fields naming an article (a list of them, or one) -> other values allowed there.
SOURCE_FIELDS = {("scenario", "sources"): (), ("trait", "source"): (),
                 ("rule", "source"): ("design",)}  # a rule may be the game's own choice


def _enriched(record: Record) -> dict[str, Any]:
    """A record's definition with what the shipped library knows (see the top)."""
    out = record.definition()
    for f in record.fields:
        prop = out["properties"][f.name]
        if isinstance(f.kind, MapOf) and isinstance(f.kind.key, TraitRef):
            _trait_keys(prop, f)
        elif (record.title, f.name) in SOURCE_FIELDS and isinstance(f.kind, (ListOf, Str)):
            articles = sorted(_articles())
            if articles:
                target = prop["items"] if isinstance(f.kind, ListOf) else prop
                target["enum"] = [*articles, *SOURCE_FIELDS[record.title, f.name]]
    if record.title in DEPENDENT:
        out["dependentRequired"] = DEPENDENT[record.title]
    return out


def _trait_keys(prop: dict[str, Any], f: Field) -> None:
    catalogue = _catalogue()
    if catalogue is None:
        return
    value = prop.pop("additionalProperties")
    prop.pop("propertyNames", None)
    prop["properties"] = {
        t.id: {**value, "description": f"{t.name.get('en')} ({t.polarity.value} trait): "
                                       f"{t.definition.get('en')}"}
        for t in catalogue.traits}
    prop["additionalProperties"] = False


def _catalogue():  # the shipped catalogue, or None when it does not load
    from game.core.errors import ScenarioError
    from game.core.loader.library import load_catalogue

    try:
        return load_catalogue()
    except ScenarioError:
        return None


def _articles() -> frozenset[str]:
    from game.core.loader.library import SCENARIOS
    from game.core.loader.sources import sources_for

    return sources_for(SCENARIOS / "x.yaml", SCENARIOS) or frozenset()
