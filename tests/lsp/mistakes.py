"""The fifteen mistakes of issue 17 (a trainer writing a first scenario from the
guide), each as an edit of the clean ``fixtures/late_payment.yaml``: what the trainer
typed, and the code and line the editor must underline. Without the language server,
yaml-language-server 1.25.0 underlines 8 of them with the generic schema the product
had before issue 17 (the issue counted 9 of 15 on the trainer's own file) and 11 with
the richer schema (``python tests/lsp/yaml_ls_count.py``); the server reports 15."""

from __future__ import annotations

from pathlib import Path

BASE = Path(__file__).parent / "fixtures" / "late_payment.yaml"

#: (what, find, replace, code, 1-based line of the diagnostic)
MISTAKES: tuple[tuple[str, str, str, str, int], ...] = (
    ("typo'd trait id", "evidence: {courtesy: 2}", "evidence: {courtsey: 2}", "E302", 27),
    ("next to a missing node", "next: follow_up", "next: folow_up", "E301", 30),
    ("time limit without timeout", "    say: {en: So what now?",
     "    time_limit: 20\n    say: {en: So what now?", "E209", 36),
    ("condition that does not compile", '"flags.listened and state.trust >= 40"',
     '"flags.listened and state.trust >="', "E303", 42),
    ("condition naming an unknown meter", '"state.mood < 90"', '"state.mod < 90"', "E303", 34),
    ("unreachable ending", "endings:\n", "endings:\n  forgotten:\n    outcome: mixed\n"
     "    title: {en: F, it: F, pl: F}\n    text: {en: F, it: F, pl: F}\n", "E403", 49),
    ("tab indentation", "  company: Verdi Srl", "\tcompany: Verdi Srl", "E006", 15),
    ("unclosed quote", "  name: Anna Verdi", '  name: "Anna Verdi', "E006", 14),
    ("unquoted colon", "    say: {en: Why a reminder?, it: Perché un sollecito?, pl: Dlaczego "
     "monit?}", "    say:\n      en: Note: why a reminder?\n      it: Perché?\n"
     "      pl: Dlaczego?", "E006", 24),
    ("duplicate key", "minutes: 5\n", "minutes: 5\nminutes: 6\n", "E101", 11),
    ("unknown key", "        feedback: {en: Listening", "        feedbak: {en: Listening",
     "E201", 29),
    ("missing translation", "role: {en: Accountant, it: Contabile, pl: Księgowa}",
     "role: {en: Accountant, it: Contabile}", "E204", 16),
    ("source naming no article", "sources: [004_3c4903abc408d5f8.txt]",
     "sources: [004_3c4903abc408d5f8]", "E308", 12),
    ("evidence strength out of range", "evidence: {responsiveness: 2}",
     "evidence: {responsiveness: 5}", "E206", 41),
    ("outcome not allowed", "outcome: success", "outcome: succes", "E205", 50),
)

#: The mistakes YAML can still parse around: all of them in one file at once.
PARSEABLE = tuple(m for m in MISTAKES if m[3] != "E006")


def with_mistakes(*mistakes: tuple[str, str, str, str, int]) -> str:
    text = BASE.read_text(encoding="utf-8")
    for _, find, replace, _, _ in mistakes:
        assert text.count(find) >= 1, find
        text = text.replace(find, replace, 1)
    return text
