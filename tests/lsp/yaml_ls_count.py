"""How many of the fifteen mistakes does an editor catch with the JSON Schema alone?

Drives the real yaml-language-server (npm) over stdio, as VS Code's YAML extension
does, on each mistake of ``mistakes.py`` with a given schema, and counts those it
underlines at the mistake's line (or the next: a missing ``timeout`` is reported on the
node's mapping). A measurement for the issue's closing note, not a
test (it needs Node and the npm package):

    npm install yaml-language-server@1.25.0
    python tests/lsp/yaml_ls_count.py node_modules/.bin/yaml-language-server SCHEMA.json
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # mistakes.py beside it

from lsprotocol import types as lsp
from mistakes import MISTAKES, with_mistakes
from pytest_lsp import client_capabilities, make_test_lsp_client


async def count(server: str, schema: Path) -> list[str]:
    client = make_test_lsp_client()
    client.set_configuration({"yaml": {"validate": True, "completion": True,
                                       "schemas": {}, "schemaStore": {"enable": False}}})
    await client.start_io(server, "--stdio")
    await client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code")))
    folder = Path(tempfile.mkdtemp())
    path = folder / "late_payment.yaml"
    uri = path.as_uri()
    caught = []
    for version, mistake in enumerate(MISTAKES, 1):
        what, _, _, _, line = mistake
        text = with_mistakes(mistake).split("\n", 1)[1]
        text = f"# yaml-language-server: $schema={schema.resolve().as_uri()}\n" + text
        path.write_text(text, encoding="utf-8")
        if version == 1:
            client.text_document_did_open(lsp.DidOpenTextDocumentParams(
                lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
        else:
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [lsp.TextDocumentContentChangeWholeDocument(text=text)]))
        found: list[lsp.Diagnostic] = []
        for _ in range(3):  # the server may publish twice (syntax, then schema)
            try:
                await asyncio.wait_for(client.wait_for_notification(
                    lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 3)
            except TimeoutError:
                break
            found = client.diagnostics.get(uri, [])
        lines = {d.range.start.line + 1 for d in found}
        hit = any(abs(n - line) <= 1 for n in lines)  # at the line, or the mapping it opens
        print(f"{'caught' if hit else 'missed'}  {what}: "
              f"{[(d.range.start.line + 1, d.message[:60]) for d in found][:3]}")
        if hit:
            caught.append(what)
    await client.shutdown_session()
    return caught


if __name__ == "__main__":
    found = asyncio.run(count(sys.argv[1], Path(sys.argv[2])))
    print(f"{len(found)} of {len(MISTAKES)} mistakes underlined at (or next to) their line")
