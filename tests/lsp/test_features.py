"""The editor features as plain functions of the buffer (what the server answers),
on the clean fixture and on lines a trainer is in the middle of typing."""

from __future__ import annotations

from game.lsp import features
from game.lsp.knowledge import knowledge_for
from game.lsp.server import diagnostics_for

from .mistakes import BASE

TEXT = BASE.read_text(encoding="utf-8")
KNOW = knowledge_for(BASE)


def labels_at(text: str, marker: str) -> list[str]:
    before = text[: text.index(marker) + len(marker)]
    line, column = before.count("\n"), len(before.rpartition("\n")[2])
    return [item.label for item in features.completions(text, line, column, KNOW, "en", BASE)]


def test_condition_functions_complete_their_argument():
    text = TEXT.replace('"state.mood < 90"', "\"visited('\"")
    assert labels_at(text, "visited('") == ["opening", "follow_up"]
    text = TEXT.replace('"state.mood < 90"', "\"chose('\"")
    assert labels_at(text, "chose('") == ["opening.listen", "opening.blame", "follow_up.fix",
                                          "follow_up.wait"]
    text = TEXT.replace('"state.mood < 90"', '"event.evidence.')
    assert "courtesy" in labels_at(text, '"event.evidence.')


def test_a_block_evidence_mapping_completes_trait_ids():
    text = TEXT.replace("        evidence: {responsiveness: 2}\n",
                        "        evidence:\n          respo\n")
    found = labels_at(text, "          respo")
    assert "responsiveness" in found and "kept" not in found


def test_set_and_tags_complete_flags_and_promises():
    text = TEXT.replace("effects: {mood: 10, set: [listened]}",
                        "effects: {mood: 10, set: [listened]}\n        tags: [promise:refund]")
    text = text.replace("evidence: {responsiveness: -1}",
                        "evidence: {responsiveness: -1}\n        tags: [")
    assert labels_at(text, "        tags: [")[:2] == ["keep:refund", "break:refund"]
    text = TEXT.replace("evidence: {responsiveness: -1}",
                        "evidence: {responsiveness: -1}\n        effects: {set: [l")
    assert "listened" in labels_at(text, "effects: {set: [l")


def test_every_did_you_mean_becomes_the_right_edit():
    cases = [
        (TEXT.replace("evidence: {courtesy: 2}", "evidence: {courtsey: 2}"), "courtesy"),
        (TEXT.replace('"state.mood < 90"', '"state.moood < 90"'), "state.mood"),
        (TEXT.replace('"state.mood < 90"', "\"chose('opening.lisen')\""), "listen"),
        (TEXT.replace("next: follow_up", "next: folow_up"), "follow_up"),
        (TEXT.replace("        feedback: {en: Listening", "        feedbak: {en: Listening"),
         "feedback"),
    ]
    for text, right in cases:
        lines = text.splitlines()
        diagnostic = next(d for d in diagnostics_for(BASE, text) if "did you mean" in d.message)
        row = lines[diagnostic.range.start.line]
        start, end, replacement = features.quick_fix(diagnostic.message, row,
                                                     diagnostic.range.start.character)
        fixed = row[:start] + replacement + row[end:]
        assert replacement == right
        assert fixed in TEXT.splitlines() or "chose('opening.listen')" in fixed, fixed


def test_sources_complete_and_explain_the_known_articles():
    text = TEXT.replace("sources: [004_3c4903abc408d5f8.txt]", "sources: [00")
    found = labels_at(text, "sources: [00")
    assert found == ["000_effb286c784c81bf.txt", "001_bd226eae21acf7a6.txt",
                     "002_cb5bb2db666715ce.txt", "003_2fa8e4f94f8aa942.txt",
                     "004_3c4903abc408d5f8.txt"]
    line = TEXT.splitlines().index("sources: [004_3c4903abc408d5f8.txt]")
    assert features.hover(TEXT, line, 14, KNOW, "en") == (
        "**Qualità del rapporto con i clienti** (article `004_3c4903abc408d5f8.txt`, in it)")
