"""The language server end to end: a real LSP client (pytest-lsp) drives
`python main.py lsp` over stdio, as an editor would."""

from __future__ import annotations

import asyncio
import shutil
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

from game.core.loader import load_catalogue
from game.core.loader.lint import lint_paths

from .mistakes import BASE, MISTAKES, PARSEABLE, with_mistakes

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "scenarios" / "phone_complaint.yaml"


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, str(ROOT / "main.py"), "lsp"]))
async def client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(lsp.InitializeParams(
        capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
        initialization_options={"lang": "it"}))
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, path: Path, text: str) -> list[lsp.Diagnostic]:
    uri = path.resolve().as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


async def _change(client: LanguageClient, path: Path, text: str, version: int
                  ) -> list[lsp.Diagnostic]:
    uri = path.resolve().as_uri()
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangeWholeDocument(text=text)]))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri]


@pytest.mark.asyncio
async def test_a_shipped_scenario_has_exactly_lints_diagnostics(client: LanguageClient):
    found = await _open(client, SHIPPED, SHIPPED.read_text(encoding="utf-8"))
    errors = [d for d in found if d.severity == lsp.DiagnosticSeverity.Error]
    assert errors == []
    lint = lint_paths([SHIPPED]).problems
    assert [(d.code, d.range.start.line + 1, d.range.start.character + 1, d.message)
            for d in found] == [(p.code, p.line, p.column, p.message) for p in lint]


@pytest.mark.asyncio
async def test_each_of_the_fifteen_mistakes_is_underlined_at_its_line(client: LanguageClient):
    assert [d for d in await _open(client, BASE, BASE.read_text(encoding="utf-8"))] == []
    reported = []
    for version, mistake in enumerate(MISTAKES, 2):
        what, _, _, code, line = mistake
        found = await _change(client, BASE, with_mistakes(mistake), version)
        if any(d.code == code and d.range.start.line + 1 == line for d in found):
            reported.append(what)
    assert reported == [m[0] for m in MISTAKES]  # 15 of 15 (the schema alone: 8, now 11)


@pytest.mark.asyncio
async def test_syntax_errors_in_plain_words(client: LanguageClient):
    by_what = {m[0]: m for m in MISTAKES}
    await _open(client, BASE, BASE.read_text(encoding="utf-8"))
    said = []
    for version, what in enumerate(("tab indentation", "unclosed quote", "unquoted colon"), 2):
        found = await _change(client, BASE, with_mistakes(by_what[what]), version)
        said.append(next(d.message for d in found if d.code == "E006"))
    assert "indented with a tab" in said[0] and "replace the tab with spaces" in said[0]
    assert said[1].startswith('the quote " opened here is not closed')  # at line 14, its line
    assert 'put the text in quotes: en: "Note: why a reminder?"' in said[2]


def _labels(result) -> list[str]:
    items = result.items if isinstance(result, lsp.CompletionList) else result
    return [item.label for item in items]


async def _complete(client: LanguageClient, text: str, marker: str) -> list[lsp.CompletionItem]:
    """Completion where ``marker`` ends, in ``text`` opened as the fixture."""
    await _open(client, BASE, text)
    before = text[: text.index(marker) + len(marker)]
    line = before.count("\n")
    column = len(before.rpartition("\n")[2])
    result = await client.text_document_completion_async(lsp.CompletionParams(
        lsp.TextDocumentIdentifier(BASE.resolve().as_uri()), lsp.Position(line, column)))
    return result.items if isinstance(result, lsp.CompletionList) else result


@pytest.mark.asyncio
async def test_completion_of_trait_ids_with_their_definition(client: LanguageClient):
    text = BASE.read_text(encoding="utf-8").replace("evidence: {courtesy: 2}", "evidence: {cour")
    items = await _complete(client, text, "evidence: {cour")
    courtesy = next(i for i in items if i.label == "courtesy")
    assert courtesy.detail == "Cortesia (good)"  # the trainer asked for Italian
    assert "over_familiarity" in [i.label for i in items]
    assert len(items) == len(load_catalogue().traits)  # every trait, none twice


@pytest.mark.asyncio
async def test_completion_of_next_offers_nodes_and_endings(client: LanguageClient):
    text = BASE.read_text(encoding="utf-8").replace("next: follow_up", "next: ")
    items = await _complete(client, text, "next: ")
    assert [i.label for i in items] == ["opening", "follow_up", "kept", "lost", "ending"]


@pytest.mark.asyncio
async def test_completion_in_a_condition(client: LanguageClient):
    text = BASE.read_text(encoding="utf-8")
    names = [i.label for i in await _complete(client, text, 'when: "')]
    assert {"state.trust", "flags.listened", "visited(", "event.evidence."} <= set(names)
    flags = [i.label for i in await _complete(client, text, 'when: "flags.')]
    assert "listened" in flags


@pytest.mark.asyncio
async def test_go_to_definition_from_a_next(client: LanguageClient):
    text = BASE.read_text(encoding="utf-8")
    await _open(client, BASE, text)
    line = text.splitlines().index("        next: follow_up")
    target = await client.text_document_definition_async(lsp.DefinitionParams(
        lsp.TextDocumentIdentifier(BASE.resolve().as_uri()), lsp.Position(line, 16)))
    assert target.range.start == lsp.Position(text.splitlines().index("  follow_up:"), 2)


@pytest.mark.asyncio
async def test_hover_on_a_trait_and_a_quick_fix_for_did_you_mean(client: LanguageClient):
    text = with_mistakes(MISTAKES[0])  # evidence: {courtsey: 2}
    found = await _open(client, BASE, text)
    uri = BASE.resolve().as_uri()
    line = text.splitlines().index("        evidence: {courtsey: 2}")
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), found[0].range, lsp.CodeActionContext(found)))
    edit = actions[0].edit.changes[uri][0]
    assert (edit.new_text, edit.range.start.line, edit.range.start.character) == \
        ("courtesy", line, 19)
    weights = text.splitlines().index("  weights: {courtesy: 1.5}")
    shown = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(uri), lsp.Position(weights, 14)))
    assert shown.contents.value.startswith("**Cortesia** (good trait `courtesy`)")


async def _definition(client: LanguageClient, path: Path, line: int, column: int):
    return await client.text_document_definition_async(lsp.DefinitionParams(
        lsp.TextDocumentIdentifier(path.resolve().as_uri()), lsp.Position(line, column)))


BRANCHES = ("        next: kept\n", "        next:\n"
            "          - {when: \"state.trust >= 60\", next: kept}\n"
            "          - next: \n")


@pytest.mark.asyncio
async def test_conditional_next_completes_and_navigates(client: LanguageClient):
    text = BASE.read_text(encoding="utf-8").replace(*BRANCHES, 1)
    assert "E301" not in [d.code for d in await _open(client, BASE, text.replace(
        "- next: \n", "- next: lost\n"))]
    items = await _complete(client, text, "          - next: ")
    assert [i.label for i in items] == ["opening", "follow_up", "kept", "lost", "ending"]
    lines = text.splitlines()
    branch = next(n for n, row in enumerate(lines) if "next: kept}" in row)
    target = await _definition(client, BASE, branch, lines[branch].index("kept}") + 1)
    assert target.range.start == lsp.Position(lines.index("  kept:"), 2)


@pytest.mark.asyncio
async def test_go_to_definition_from_a_flag_and_a_rule(client: LanguageClient):
    rule = ("rules:\n  - id: calm_with_furious\n    when: \"event.evidence.courtesy > 0\"\n"
            "    explain: {en: Calm., it: Calma., pl: Spokój.}\n")
    text = BASE.read_text(encoding="utf-8") + rule
    await _open(client, BASE, text)
    lines = text.splitlines()
    condition = next(n for n, row in enumerate(lines) if "flags.listened" in row)
    target = await _definition(client, BASE, condition, lines[condition].index("listened"))
    assert (target.range.start.line, lines[target.range.start.line].strip()) == \
        (lines.index("        effects: {mood: 10, set: [listened]}"),
         "effects: {mood: 10, set: [listened]}")
    override = lines.index("  - id: calm_with_furious")
    target = await _definition(client, BASE, override, 12)  # the shared rule it replaces
    core = ROOT / "scenarios" / "rules" / "core.yaml"
    assert target.uri == core.resolve().as_uri()
    assert core.read_text(encoding="utf-8").splitlines()[target.range.start.line] \
        == "  - id: calm_with_furious"
    shown = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(BASE.resolve().as_uri()), lsp.Position(override, 12)))
    assert shown.contents.value.startswith("**rule `calm_with_furious`** (choice, core.yaml:")


@pytest.mark.asyncio
async def test_hover_on_a_problem_explains_its_code(client: LanguageClient):
    text = with_mistakes(MISTAKES[1])  # next: folow_up
    await _open(client, BASE, text)
    line = text.splitlines().index("        next: folow_up")
    shown = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(BASE.resolve().as_uri()), lsp.Position(line, 4)))
    assert shown.contents.value == ("**E301**: `next` or `start` names no node or ending "
                                    "(docs/lint-codes.md)")


@pytest.mark.asyncio
async def test_a_test_plan_completes_the_choices_of_its_scenario(client: LanguageClient):
    plan = ROOT / "scenarios" / "phone_complaint.test.yaml"
    text = plan.read_text(encoding="utf-8")
    assert [d for d in await _open(client, plan, text)] == []
    marker = "    choices: ["
    before = text[: text.index(marker) + len(marker)]
    result = await client.text_document_completion_async(lsp.CompletionParams(
        lsp.TextDocumentIdentifier(plan.resolve().as_uri()),
        lsp.Position(before.count("\n"), len(marker))))
    labels = [i.label for i in result.items]
    assert {"let_him_finish", "explain_e47", "timeout"} <= set(labels)


@pytest.mark.asyncio
async def test_a_rule_pack_and_the_catalogue_get_lints_diagnostics(client: LanguageClient):
    pack = ROOT / "scenarios" / "rules" / "core.yaml"
    text = pack.read_text(encoding="utf-8")
    assert [d.code for d in await _open(client, pack, text)] == \
        [p.code for p in lint_paths([pack]).problems]
    broken = text.replace("multiply: {courtesy: 1.5}", "multiply: {courtsy: 1.5}", 1)
    found = await _change(client, pack, broken, 2)
    line = broken.splitlines().index("    multiply: {courtsy: 1.5}")
    assert [(d.code, d.range.start.line, d.message) for d in found if d.code == "E302"] == [
        ("E302", line, "unknown trait 'courtsy' (did you mean 'courtesy'?)")]
    traits = ROOT / "scenarios" / "traits.yaml"
    assert [d.code for d in await _open(client, traits, traits.read_text(encoding="utf-8"))] \
        == [p.code for p in lint_paths([traits]).problems]


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, str(ROOT / "main.py"), "lsp"]))
async def utf8_client(lsp_client: LanguageClient):
    capabilities = pytest_lsp.client_capabilities("visual-studio-code")
    capabilities.general = lsp.GeneralClientCapabilities(
        position_encodings=[lsp.PositionEncodingKind.Utf8])  # as Helix asks
    await lsp_client.initialize_session(lsp.InitializeParams(capabilities=capabilities))
    yield
    await lsp_client.shutdown_session()


@pytest.mark.asyncio
async def test_columns_are_in_the_units_the_editor_chose(utf8_client: LanguageClient):
    wrong = "pl: Zapłaciła pani późno.}"
    text = BASE.read_text(encoding="utf-8").replace(wrong, wrong[:-1] + ", xx: Nie.}")
    found = await _open(utf8_client, BASE, text)
    row = next(r for r in text.splitlines() if "xx: Nie." in r)
    unknown = next(d for d in found if d.code == "E201")
    assert unknown.message.startswith("unknown language 'xx'")
    # "Zapłaciła ... późno" holds 'ł' twice, 'ó' and 'ź', two bytes each in UTF-8: the
    # column counts the bytes before 'xx', four more than its characters
    assert unknown.range.start.character == len(row[: row.index("xx")].encode("utf-8"))
    assert unknown.range.start.character == row.index("xx") + 4


PATIENCE = """  - id: patience
    polarity: good
    source: 004_3c4903abc408d5f8.txt
    name: {en: Patience, it: Pazienza, pl: Cierpliwość}
    definition: {en: Letting the client finish., it: Lasciar finire., pl: Dać skończyć.}
"""


@pytest.mark.asyncio
async def test_saving_the_catalogue_rechecks_the_open_scenarios(client: LanguageClient,
                                                                tmp_path: Path):
    catalogue = tmp_path / "traits.yaml"
    shutil.copy(ROOT / "scenarios" / "traits.yaml", catalogue)
    scenario = tmp_path / "late_payment.yaml"
    scenario.write_text(BASE.read_text(encoding="utf-8").replace(
        "evidence: {courtesy: 2}", "evidence: {patience: 2}"), encoding="utf-8")
    found = await _open(client, scenario, scenario.read_text(encoding="utf-8"))
    assert [d.message for d in found] == ["unknown trait 'patience'"]
    grown = catalogue.read_text(encoding="utf-8").rstrip("\n") + "\n" + PATIENCE
    catalogue.write_text(grown, encoding="utf-8")  # the trainer adds the trait and saves
    await _open(client, catalogue, grown)
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(
        lsp.TextDocumentIdentifier(catalogue.resolve().as_uri())))
    uri = scenario.resolve().as_uri()
    for _ in range(600):  # the scenario is republished too (the client keeps the last)
        if not client.diagnostics[uri]:
            break
        await asyncio.sleep(0.05)
    assert list(client.diagnostics[uri]) == []


@pytest.mark.asyncio
async def test_the_twelve_parseable_mistakes_at_once(client: LanguageClient):
    """In one file, every mistake YAML can still parse around is reported in one pass
    but the unreachable ending: a broken persona (the missing translation) stops the
    story-graph checks, and the W009 note says so."""
    found = await _open(client, BASE, with_mistakes(*PARSEABLE))
    codes = [d.code for d in found]
    assert [m[0] for m in PARSEABLE if m[3] not in codes] == ["unreachable ending"]
    assert codes.count("E303") == 2
    note = next(d for d in found if d.code == "W009")
    assert note.message == ("3 later checks skipped until the errors are fixed: the story "
                            "graph, names in conditions, promises and flags")
