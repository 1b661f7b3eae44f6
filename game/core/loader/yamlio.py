"""Reading a file safely into a composed YAML node tree (with line/column marks).

The bytes are checked before YAML sees them (size, binary junk, encoding, nesting
that would crash the C parser), then composed with PyYAML's C loader when present.
Composing builds nodes only: no tag is ever constructed into a Python object, so
``!!python/...`` tags are inert and reported by the walk. A UTF-8 BOM and CRLF line
endings are accepted.

``to_data`` turns a tree into plain Python data for files without a schema (UI
strings, test plans) with the same checks: duplicate keys, tags, depth, aliases.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.nodes import Node as YNode

from game.core.loader.context import (
    BOOL,
    FLOAT,
    INT,
    MAP,
    MERGE,
    NULL,
    SEQ,
    STR,
    TIMESTAMP,
    Abort,
    Ctx,
)
from game.core.loader.held import held_bytes
from game.core.loader.syntax import explain

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """PyYAML's safe loader (the C one when present) with a memoised tag resolver.

    The C parser calls the Python-level resolver for the tag of every node, which
    tries regular expressions keyed by the first character. A plain scalar's tag
    depends only on its text (the safe loader has no path resolvers), and scenarios
    repeat the same short values (ids, keys, numbers) thousands of times, so answers
    are remembered; measured, this takes a fifth off the time to compose a scenario.
    """

    _tags: ClassVar[dict[str, str]] = {}

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if not implicit[0]:
                return STR  # quoted, or a block scalar: always a string
            tag = self._tags.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) <= 40 and len(self._tags) < 50_000:
                    self._tags[value] = tag
            return tag
        return MAP if kind is MappingNode else SEQ

MAX_FILE_BYTES = 4 * 1024 * 1024  # a 2,000-node scenario is ~0.2-1 MiB
MAX_TEXT_CHARS = 5_000  # one string value; a spoken line is a few hundred at most
MAX_DEPTH = 48  # nesting of mappings and lists; scenarios need about 8
BOM = b"\xef\xbb\xbf"

_LINE_SEPARATOR = re.compile(rb"\xc2\x85|\xe2\x80[\xa8\xa9]")  # NEL, LS, PS in UTF-8
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
# "- - - - x" nests one list per dash on a single line: a long run of block
# indicators is the other way (besides brackets) to nest deeply in few bytes.
_INDICATOR_RUN = re.compile(rb"\n[ \t]*+(?:[-?][ \t]+){%d}" % MAX_DEPTH)
SAFE_CONSTRUCTOR = SafeConstructor()  # only its scalar methods (int, float, bool spellings)


def budget_for(data: bytes) -> int:
    """How many container entries a file of this size can honestly hold.

    Every entry costs at least two bytes (``a,``), so a walk that meets more than
    that is re-reading aliased nodes: an alias bomb ("billion laughs").
    """
    return len(data) // 2 + 10_000


def read_bytes(path: Path, ctx: Ctx) -> bytes | None:
    """The file's bytes, or None with a problem (missing, unreadable, too big)."""
    held = held_bytes(path)  # an editor's unsaved text (the language server)
    if held is not None and len(held) <= MAX_FILE_BYTES:
        return held
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            ctx.at("E005", 1, 1, f"file is {size / 1048576:.1f} MiB; the limit is "
                   f"{MAX_FILE_BYTES // 1048576} MiB")
            return None
        return path.read_bytes()
    except FileNotFoundError:
        ctx.at("E001", 1, 1, "no such file")
    except IsADirectoryError:
        ctx.at("E001", 1, 1, "is a folder, not a file")
    except OSError as err:
        ctx.at("E001", 1, 1, f"cannot be read: {err.strerror or err}")
    return None


def check_bytes(data: bytes, ctx: Ctx) -> bool:
    """Refuse what is not UTF-8 YAML text before the parser sees it."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        ctx.at("E002", 1, 1, "the file is UTF-16 text; save it as UTF-8")
        return False
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _position(data, nul)
        ctx.at("E003", line, column, "binary data (a NUL byte), not YAML text")
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        line, column = _position(data, err.start)
        ctx.at("E002", line, column, f"not UTF-8 text (byte 0x{data[err.start]:02x} cannot be "
               "decoded); save the file as UTF-8")
        return False
    if not data.removeprefix(BOM).strip(b" \t\r\n"):
        ctx.at("E004", 1, 1, "the file is empty")
        return False
    separator = _LINE_SEPARATOR.search(data)
    if separator:  # YAML counts these as line breaks, editors do not: positions would lie
        line, column = _position(data, separator.start())
        code = ord(separator.group().decode("utf-8"))
        ctx.at("E003", line, column, f"control character U+{code:04X} (an invisible line "
               "break) is not allowed")
        return False
    return _nesting_ok(data, ctx)


def _nesting_ok(data: bytes, ctx: Ctx) -> bool:
    """Catch nesting deep enough to overflow the C parser's stack, before it runs.

    Peeling innermost ``[]``/``{}`` pairs takes one pass per level of flow nesting
    (brackets inside quoted text can only overestimate it).
    """
    brackets = data.translate(None, _NOT_BRACKETS)
    for _ in range(MAX_DEPTH + 1):
        peeled = brackets.replace(b"[]", b"").replace(b"{}", b"")
        if peeled == brackets:
            break
        brackets = peeled
    else:
        ctx.at("E103", 1, 1, f"brackets nest deeper than {MAX_DEPTH} levels")
        return False
    run = _INDICATOR_RUN.search(b"\n" + data)  # the newline lets the first line match
    if run:
        line, column = _position(data, run.start())
        ctx.at("E103", line, column, f"block lists nest deeper than {MAX_DEPTH} levels")
        return False
    return True


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", "replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a file is loaded.

    Loading allocates tens of thousands of YAML nodes and model objects that all
    survive until the load ends; the collector would re-scan the growing pile again
    and again (measured: it triples the time of ``yaml.compose`` itself). Nothing in a
    load makes reference cycles worth collecting, and the node tree is freed by
    reference counting when the load returns. The previous state is restored.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def compose(data: bytes, ctx: Ctx) -> YNode | None:
    """The single document's node tree, or None with a problem."""
    loader = Loader(data)
    try:
        with paused_gc():
            node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        _syntax_problem(err, ctx)
        return None
    except yaml.reader.ReaderError as err:
        line, column = _position(data, err.position)
        ctx.at("E003", line, column, f"control character U+{err.character:04X} is not allowed"
               if isinstance(err.character, int) else f"unreadable text: {err.reason}")
        return None
    except yaml.YAMLError as err:
        ctx.at("E006", 1, 1, f"YAML error: {err}")
        return None
    finally:
        loader.dispose()
    if node is None:
        ctx.at("E004", 1, 1, "the file holds no data (only comments)")
    return node


def _syntax_problem(err: yaml.MarkedYAMLError, ctx: Ctx) -> None:
    mark = err.problem_mark or err.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = err.problem or "syntax error"
    if "expected a single document" in problem or "but found another document" in problem:
        ctx.at("E007", line, column, "a second YAML document starts here; "
               "one file holds one document (remove the extra '---')")
        return
    plain = explain(ctx.data, problem, line, column,
                    err.context_mark.line + 1 if err.context_mark else None)
    if plain is not None:  # a tab, an unclosed quote or a colon: said in plain words
        ctx.at("E006", *plain)
        return
    context = f" {err.context}" if err.context else ""
    if err.context_mark and err.problem_mark and err.context_mark.line != err.problem_mark.line:
        context += f" that starts at line {err.context_mark.line + 1}"
    ctx.at("E006", line, column, f"YAML syntax error: {problem}{context}")


def load_tree(path: Path, ctx: Ctx) -> tuple[bytes, YNode | None]:
    """Read, check and compose ``path``: its bytes and node tree (None, with
    problems in ``ctx``, when it cannot be composed)."""
    data = read_bytes(path, ctx)
    if data is None or not check_bytes(data, ctx):
        return data or b"", None
    ctx.budget = budget_for(data)
    ctx.data = data
    node = compose(data, ctx)
    if node is not None and b"\\" in data:
        _check_controls(node, ctx)
    return data, node


# Control characters a terminal would obey (ESC, BEL, CR, C1...), tab and newline
# excepted. The reader refuses them raw (E003), so they can only come from a
# double-quoted escape ("\e]52;...\a" writes the trainee's clipboard), which is
# why the walk runs only for files holding a backslash.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _check_controls(root: YNode, ctx: Ctx) -> None:
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # aliases share nodes: visit each once
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            found = _CONTROL.search(node.value)
            if found:
                ctx.add("E108", node, f"control character U+{ord(found.group()):04X} in a text "
                        "(written as an escape such as \\e or \\x1b); terminals obey these "
                        "instead of showing them, so they are not allowed")
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))


def to_data(node: YNode, ctx: Ctx, depth: int = 0) -> object:
    """Plain Python data (dict, list, str, int, float, bool, None) from a node tree."""
    if depth > MAX_DEPTH:
        ctx.add("E103", node, f"values nest deeper than {MAX_DEPTH} levels")
        raise Abort
    if isinstance(node, ScalarNode):
        return scalar(node, ctx)
    if isinstance(node, SequenceNode) and node.tag == SEQ:
        ctx.spend(len(node.value), node)
        return [to_data(item, ctx, depth + 1) for item in node.value]
    if not isinstance(node, MappingNode) or node.tag != "tag:yaml.org,2002:map":
        ctx.bad_tag(node)
        return None
    ctx.spend(len(node.value), node)
    result: dict[object, object] = {}
    first: dict[tuple[type, object], YNode] = {}
    for key_node, value_node in node.value:
        if key_node.tag == MERGE:
            ctx.add("E106", key_node, "merge keys ('<<') are not supported; write the keys out")
            continue
        if not isinstance(key_node, ScalarNode):
            ctx.add("E107", key_node, "a key must be a plain value, not a list or mapping")
            continue
        key = scalar(key_node, ctx)
        marker = (key.__class__, key)  # 1 and true are different keys, though 1 == True
        if marker in first:
            duplicate_key(ctx, key_node, first[marker])
            continue
        first[marker] = key_node
        result[key] = to_data(value_node, ctx, depth + 1)
    return result


def duplicate_key(ctx: Ctx, node: YNode, first: YNode) -> None:
    ctx.add("E101", node, f"duplicate key '{node.value}' (first defined at line "
            f"{first.start_mark.line + 1}); YAML would silently keep only the last one")


def scalar(node: YNode, ctx: Ctx) -> object:
    """A scalar's value by its resolved tag, as ``yaml.safe_load`` would give it
    (dates stay text: nothing in the product wants date objects)."""
    tag = node.tag
    if tag in (STR, TIMESTAMP):
        value = node.value
        if len(value) > MAX_TEXT_CHARS:
            ctx.add("E105", node, f"text is {len(value)} characters; the limit is "
                    f"{MAX_TEXT_CHARS}")
        return value
    if tag in (INT, FLOAT):
        return number(node, ctx, "value")
    if tag == BOOL:
        return boolean(node, ctx, "value")
    if tag == NULL:
        return None
    ctx.bad_tag(node)
    return None


# --- the one number policy ----------------------------------------------------------
# Every number in every file passes here (``Num`` fields and schemaless files alike):
# its text is bounded BEFORE conversion (PyYAML's base-60 and Python's int() are
# quadratic in the digits, and int() refuses more than 4,300), every YAML spelling
# that cannot be read is a problem with a position, never an exception, and the
# value must be finite and within +-MAX_MAGNITUDE, so nothing downstream (scoring,
# JSON, SQLite's 64-bit integers, float()) can overflow. Fields narrow the range.

MAX_NUMBER_CHARS = 32  # "-1_000_000_000.000_001e+15" fits; no real value needs more
MAX_MAGNITUDE = 1e15  # exact in a float; SQLite and JSON hold it too
_NUMBER_ERRORS = (ValueError, TypeError, IndexError, KeyError, OverflowError)


def number(node: YNode, ctx: Ctx, name: str) -> int | float | None:
    """The value of an int- or float-tagged scalar, or None with a problem."""
    text = node.value
    if len(text) > MAX_NUMBER_CHARS:
        ctx.add("E210", node, f"'{name}' is a number written with {len(text)} characters; "
                f"the limit is {MAX_NUMBER_CHARS}")
        return None
    value: int | float
    try:
        if node.tag == INT:
            try:
                value = int(text)
            except ValueError:  # YAML spellings Python does not read: 0o17, 0b101, 1:30
                value = SAFE_CONSTRUCTOR.construct_yaml_int(node)
        else:
            try:
                value = float(text)
            except ValueError:  # .inf, .NaN, 1_000.5
                value = SAFE_CONSTRUCTOR.construct_yaml_float(node)
    except _NUMBER_ERRORS:
        ctx.add("E210", node, f"'{name}': {text!r} is not a number YAML can read")
        return None
    if not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:  # also false for NaN
        ctx.add("E206", node, f"'{name}' must be a finite number between -10^15 and 10^15, "
                f"got {text}")
        return None
    return value


def boolean(node: YNode, ctx: Ctx, name: str) -> bool | None:
    """A bool-tagged scalar; ``!!bool maybe`` is a problem, not a KeyError."""
    value = SAFE_CONSTRUCTOR.bool_values.get(node.value.lower())
    if value is None:
        ctx.add("E202", node, f"'{name}' must be true or false, got {node.value!r}")
    return value
