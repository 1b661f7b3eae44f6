"""The language server (pygls) over stdio: lint's own diagnostics on every change,
and completion, hover, go to definition and quick fixes from ``features``.

Diagnostics are exactly ``lint``'s (same codes, positions, messages): the buffer
is held in place of the file and the same ``lint_paths`` runs on it (about 20 ms
for a shipped scenario, so every change is linted at once; see
benchmarks/bench_lsp.py). The trainer's language (en, it, pl) comes from the
initialization option ``lang``, else the editor's locale.
"""

from __future__ import annotations

import re
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path
from pygls.workspace import PositionCodec

from game import __version__
from game.core.errors import UsageError
from game.core.loader import WARNING, Problem, lint_text
from game.core.model import LANGS
from game.lsp import features
from game.lsp.knowledge import knowledge_for

_TOKEN = re.compile(r"""[^\s,\[\]{}:#"']+|"[^"]*"?|'[^']*'?""")
_KINDS = {"trait": lsp.CompletionItemKind.Field, "node": lsp.CompletionItemKind.Reference,
          "ending": lsp.CompletionItemKind.EnumMember, "flag": lsp.CompletionItemKind.Variable,
          "promise": lsp.CompletionItemKind.Event, "choice": lsp.CompletionItemKind.Reference,
          "condition": lsp.CompletionItemKind.Function, "article": lsp.CompletionItemKind.File}


class TrainerServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("crt-lsp", __version__)
        self.lang = "en"


server = TrainerServer()


UTF16 = PositionCodec(lsp.PositionEncodingKind.Utf16)  # LSP's default


def _units(codec: PositionCodec, row: str, column: int) -> int:
    """A character column of ``row`` in the client's units (the encoding agreed at
    initialization: UTF-16 for VS Code, often UTF-8 for Helix and Neovim); scenario
    texts are Polish and Italian, so they differ."""
    return codec.client_num_units(row[:column])


def _chars(codec: PositionCodec, row: str, units: int) -> int:
    """A client's column as a character index into ``row``."""
    return codec.position_from_client_units([row], lsp.Position(0, units)).character


def to_diagnostic(problem: Problem, lines: list[str], codec: PositionCodec = UTF16
                  ) -> lsp.Diagnostic:
    """A lint problem as an LSP diagnostic spanning the token it points at."""
    line = max(0, problem.line - 1)
    row = lines[line] if line < len(lines) else ""
    start = min(max(0, problem.column - 1), len(row))
    token = _TOKEN.match(row, start)
    end = token.end() if token and token.end() > start else min(len(row), start + 1)
    severity = lsp.DiagnosticSeverity.Warning if problem.severity == WARNING \
        else lsp.DiagnosticSeverity.Error
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(line, _units(codec, row, start)),
                        lsp.Position(line, _units(codec, row, end))),
        message=problem.message, severity=severity, code=problem.code, source="crt lint")


def diagnostics_for(path: Path, text: str, codec: PositionCodec = UTF16
                    ) -> list[lsp.Diagnostic]:
    if path.suffix not in (".yaml", ".yml"):  # lint reads only the product's YAML files
        return []
    try:
        report = lint_text(path, text)
    except UsageError:  # a buffer with no file on disk yet: nothing to compare it to
        return []
    lines = text.splitlines()
    return [to_diagnostic(p, lines, codec) for p in report.problems]


def _path(uri: str) -> Path:
    return Path(to_fs_path(uri) or uri)


def _publish(ls: TrainerServer, uri: str) -> None:
    document = ls.workspace.get_text_document(uri)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
        uri=uri, version=document.version,
        diagnostics=diagnostics_for(_path(uri), document.source,
                                    ls.workspace.position_codec)))


@server.feature(lsp.INITIALIZE)
def initialize(ls: TrainerServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options
    wanted = options.get("lang") if isinstance(options, dict) else None
    wanted = wanted or (params.locale or "en")[:2]
    ls.lang = wanted if wanted in LANGS else "en"


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: TrainerServer, params: lsp.DidOpenTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: TrainerServer, params: lsp.DidChangeTextDocumentParams) -> None:
    _publish(ls, params.text_document.uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: TrainerServer, params: lsp.DidSaveTextDocumentParams) -> None:
    # Saving the catalogue, a rule pack or a scenario changes what the other open files
    # are checked against (trait ids, shared flags, a curriculum's scenarios): all again.
    for uri in list(ls.workspace.text_documents):
        _publish(ls, uri)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: TrainerServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
        uri=params.text_document.uri, diagnostics=[]))


def _where(ls: TrainerServer, uri: str, position: lsp.Position) -> tuple[str, int, int]:
    text = ls.workspace.get_text_document(uri).source
    lines = text.splitlines()
    row = lines[position.line] if position.line < len(lines) else ""
    return text, position.line, _chars(ls.workspace.position_codec, row, position.character)


@server.feature(lsp.TEXT_DOCUMENT_COMPLETION,
                lsp.CompletionOptions(trigger_characters=[".", "'", " ", "[", "{", ","]))
def completion(ls: TrainerServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    text, line, column = _where(ls, params.text_document.uri, params.position)
    know = knowledge_for(_path(params.text_document.uri))
    items = [lsp.CompletionItem(
        label=item.label, kind=_KINDS.get(item.kind), detail=item.detail or None,
        documentation=lsp.MarkupContent(lsp.MarkupKind.Markdown, item.doc) if item.doc else None,
        insert_text=item.insert)
        for item in features.completions(text, line, column, know, ls.lang,
                                         _path(params.text_document.uri))]
    return lsp.CompletionList(is_incomplete=False, items=items)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: TrainerServer, params: lsp.HoverParams) -> lsp.Hover | None:
    uri = params.text_document.uri
    text, line, column = _where(ls, uri, params.position)
    path = _path(uri)
    codes = [d.code for d in diagnostics_for(path, text, ls.workspace.position_codec)
             if d.range.start.line == line and isinstance(d.code, str)]
    doc = features.hover(text, line, column, knowledge_for(path), ls.lang, codes)
    if doc is None:
        return None
    return lsp.Hover(contents=lsp.MarkupContent(lsp.MarkupKind.Markdown, doc))


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: TrainerServer, params: lsp.DefinitionParams) -> lsp.Location | None:
    uri = params.text_document.uri
    text, line, column = _where(ls, uri, params.position)
    path = _path(uri)
    target = features.definition(text, path, line, column, knowledge_for(path))
    if target is None:
        return None
    same = target.path == path
    rows = text.splitlines() if same else target.path.read_text(encoding="utf-8").splitlines()
    row = rows[target.line] if target.line < len(rows) else ""
    at = lsp.Position(target.line, _units(ls.workspace.position_codec, row, target.column))
    return lsp.Location(uri=uri if same else target.path.resolve().as_uri(),
                        range=lsp.Range(at, at))


@server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))
def code_action(ls: TrainerServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    uri = params.text_document.uri
    lines = ls.workspace.get_text_document(uri).source.splitlines()
    codec = ls.workspace.position_codec
    actions = []
    for diagnostic in params.context.diagnostics:
        line = diagnostic.range.start.line
        row = lines[line] if line < len(lines) else ""
        fix = features.quick_fix(diagnostic.message, row,
                                 _chars(codec, row, diagnostic.range.start.character))
        if fix is None:
            continue
        start, end, replacement = fix
        edit = lsp.TextEdit(lsp.Range(lsp.Position(line, _units(codec, row, start)),
                                      lsp.Position(line, _units(codec, row, end))), replacement)
        actions.append(lsp.CodeAction(
            title=f"Change to '{replacement}'", kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic], is_preferred=True,
            edit=lsp.WorkspaceEdit(changes={uri: [edit]})))
    return actions


def main() -> int:
    server.start_io()
    return 0
