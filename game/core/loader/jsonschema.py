"""JSON Schema (draft 2020-12) of the file formats, generated from ``spec``.

Editors that speak the YAML language server read it through the first-line comment
``# yaml-language-server: $schema=../schema/scenario.schema.json`` and then
autocomplete keys and underline mistakes while a trainer types. Lint remains the
authority: the schema cannot express cross-references (``next``, trait ids) or the
story graph.
"""

from __future__ import annotations

from typing import Any

from game.core.loader import spec
from game.core.loader.kinds import Kind, Text
from game.core.loader.record import ListOf, MapOf, Record
from game.core.model import LANGS

DRAFT = "https://json-schema.org/draft/2020-12/schema"

#: schema name -> (root record, file name under schema/)
SCHEMAS: dict[str, tuple[Record, str]] = {
    "scenario": (spec.SCENARIO, "scenario.schema.json"),
    "rule-pack": (spec.RULE_PACK, "rule-pack.schema.json"),
    "catalogue": (spec.CATALOGUE, "catalogue.schema.json"),
    "curriculum": (spec.CURRICULUM, "curriculum.schema.json"),
}

TEXT_DEF = {
    "type": "object",
    "description": "a player-visible line in English, Italian and Polish",
    "properties": {lang: {"type": "string", "minLength": 1} for lang in LANGS},
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
            defs[def_key] = record.definition()
    schema: dict[str, Any] = {"$schema": DRAFT, "$id": file_name,
                              "title": f"Client Relations Trainer {root.title}"}
    schema.update(root.definition())
    schema["$defs"] = dict(sorted(defs.items()))
    return schema
