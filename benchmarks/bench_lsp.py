"""Is the language server fast enough to lint on every keystroke?

Starts `python main.py lsp` and drives it over stdio with a real LSP client (the
one pytest-lsp builds on pygls), opens a shipped scenario and, ``--repeat`` times,
sends a change (alternately a typo'd `next` and the fixed text) and waits for the
republished diagnostics. Prints the median (and worst) time from sending the change
to receiving the diagnostics, against the peer measured in the same run:

  * lint: ``lint_paths([file])`` in this process (what the server runs per change),
  * lint CLI: ``python main.py lint FILE`` as a trainer runs it (process start included).

Budget: republished <= 100 ms after a change.

    python benchmarks/bench_lsp.py [--scenario social_flare_up] [--repeat 30]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import client_capabilities, make_test_lsp_client  # noqa: E402

from game.core.loader.lint import lint_paths  # noqa: E402


async def server_latencies(path: Path, repeat: int) -> list[float]:
    client = make_test_lsp_client()
    await client.start_io(sys.executable, str(ROOT / "main.py"), "lsp")
    await client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code")))
    uri = path.resolve().as_uri()
    text = path.read_text(encoding="utf-8")
    target = next(line for line in text.splitlines() if line.strip().startswith("next: "))
    broken = text.replace(target, target + "x", 1)
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    times = []
    for version in range(2, repeat + 2):
        new = broken if version % 2 == 0 else text
        started = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangeWholeDocument(text=new)]))
        await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        times.append(time.perf_counter() - started)
        codes = [d.code for d in client.diagnostics[uri]]
        assert ("E301" in codes) == (new is broken), codes  # the change really was linted
    await client.shutdown_session()
    return times


def lint_times(path: Path, repeat: int) -> list[float]:
    lint_paths([path])  # warm: the catalogue and shared rules are cached, as in the server
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        lint_paths([path])
        times.append(time.perf_counter() - started)
    return times


def cli_times(path: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "lint", str(path)],
                       capture_output=True, check=False)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenario", default="social_flare_up")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    path = ROOT / "scenarios" / f"{args.scenario}.yaml"
    server = asyncio.run(server_latencies(path, args.repeat))
    lint = lint_times(path, args.repeat)
    cli = cli_times(path, max(3, args.repeat // 6))
    lines = len(path.read_text(encoding="utf-8").splitlines())
    ms = statistics.median
    print(f"{path.name} ({lines} lines), {args.repeat} changes")
    print(f"server: change -> diagnostics  median {ms(server) * 1000:6.1f} ms   "
          f"worst {max(server) * 1000:6.1f} ms   (budget 100 ms)")
    print(f"lint_paths in process          median {ms(lint) * 1000:6.1f} ms   "
          f"ratio server/lint {ms(server) / ms(lint):.2f}")
    print(f"python main.py lint FILE       median {ms(cli) * 1000:6.1f} ms   "
          f"ratio server/CLI {ms(server) / ms(cli):.2f}")


if __name__ == "__main__":
    main()
