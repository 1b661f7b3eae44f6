"""Lines written by form, checked from the scenario data (issue 11).

Italian and Polish verbs and adjectives agree with the speaker's gender ("Obiecałam" /
"Obiecałem", "sono contenta" / "sono contento"). The trainee chooses once how to be
addressed, and a line that agrees with them is written ``{f: ..., m: ..., n: ...}``:
the feminine and masculine forms, and a neutral phrasing for who chose neither. These
tests hold the library to that: every line by form is complete and really differs by
form, and no answer the trainee gives speaks as a man by default."""

from __future__ import annotations

import re

import pytest

from game.core.model import Scenario

from .walk import texts

GENDERED = ("it", "pl")
FORMS = ("f", "m")


def _by_form(scenarios: dict[str, Scenario]):
    """(scenario id, line, language) for every Italian or Polish line written by form."""
    for sid, s in sorted(scenarios.items()):
        for text in texts(s):
            for lang in GENDERED:
                if any(f"{lang}.{form}" in text.variants for form in FORMS):
                    yield sid, text, lang


def test_the_library_writes_lines_by_form(scenarios) -> None:
    # the trainee's gendered lines of the thirteen encounters (Obiecałam/Obiecałem...),
    # counted when they were written; a library that lost them is back to workarounds
    assert len(list(_by_form(scenarios))) >= 19


def test_every_line_by_form_has_three_forms_that_differ(scenarios) -> None:
    """f, m and n all present and non-empty; f and m differ (otherwise the line agrees
    with nobody and should be plain); the neutral line is neither of the gendered ones
    (a neutral form equal to the masculine is the masculine default in disguise)."""
    bad = []
    for sid, text, lang in _by_form(scenarios):
        f, m = text.variants.get(f"{lang}.f"), text.variants.get(f"{lang}.m")
        n = text.get(lang)
        where = f"{sid}: {text.id} [{lang}]"
        if not (f and f.strip() and m and m.strip() and n.strip()):
            bad.append(f"{where}: a form is missing or empty")
        elif f == m:
            bad.append(f"{where}: f and m are the same line")
        elif n in (f, m):
            bad.append(f"{where}: n repeats the {'f' if n == f else 'm'} form")
    assert bad == []


def test_english_stays_plain(scenarios) -> None:
    """English does not agree with the speaker: only it and pl are written by form."""
    bad = [f"{sid}: {t.id}" for sid, s in scenarios.items() for t in texts(s)
           if any(k.split(".")[0] not in GENDERED for k in t.variants)]
    assert bad == []


# The house rule of Polish typography (test_content_tells) for the gendered forms too: a
# one-letter word is tied to the next by a no-break space, the outer quotes are „…”.
_HANGING = re.compile(r"(?<![\w\u00a0])[wzioauWZIOAU] (?=\S)")


def test_polish_forms_keep_the_typography(scenarios) -> None:
    bad = []
    for sid, text, lang in _by_form(scenarios):
        if lang != "pl":
            continue
        for form in FORMS:
            line = text.variants[f"pl.{form}"]
            if _HANGING.search(line):
                bad.append(f"{sid}: {text.id} [{form}] {_HANGING.search(line).group(0)!r}")
            if next((ch for ch in line if ch in "«„"), None) == "«":
                bad.append(f"{sid}: {text.id} [{form}] «…» as outer quotes")
    assert bad == []


# --- The trainee does not speak as a man by default ----------------------------------
# A choice text is what the trainee says or does, so its first person is the trainee.
# The forms below exist only in the masculine; written as a plain string (or as the
# neutral `n` of a line by form) they make every trainee a man.
#
# Polish: the first person singular masculine of the past tense and the conditional ends
# in -łem / -łbym (obiecałem, mogłem, przyszedłem, chciałbym); the feminine is -łam /
# -łabym. Third persons (obiecał, obiecała), the plural (obiecaliśmy) and the client's
# lines are not choice texts or do not end so. Nouns in the instrumental end in -łem too
# (z zespołem, działem, kanałem, hasłem): -ołem is always one (protokołem, zespołem; no
# verb has a past stem in -oł), the others a choice text can use are listed. Also
# "powinienem" (feminine "powinnam"), "jestem" + a masculine adjective of the speaker, and
# the conditional split around its person ending: "(jak|że|gdy)bym ... wyłapał" (feminine
# "wyłapała"), the -ł word within three words of "bym".
PL_NOUNS_IN_LEM = frozenset({
    "zespołem", "działem", "oddziałem", "udziałem", "podziałem", "kanałem", "sygnałem",
    "materiałem", "kapitałem", "potencjałem", "artykułem", "tytułem", "stołem", "kołem",
    "dołem", "hasłem", "masłem", "krzesłem", "źródłem", "pomysłem", "namysłem", "przemysłem",
    "rzemiosłem", "szczegółem", "aniołem", "kościołem", "popiołem", "mułem", "wołem",
    "czołem", "orłem", "posłem", "wiosłem", "ideałem", "generałem", "upałem", "zapałem",
})
_PL_PAST = re.compile(r"\b\w+(?:łem|łbym)\b", re.IGNORECASE)
_PL_SPLIT = re.compile(r"\b(?:jak|że|gdy)?bym\b(?:\s+\w+){0,3}?\s+(\w+ł)\b", re.IGNORECASE)
_PL_NOUNS_IN_L = frozenset({"zespół", "dział", "udział", "kanał", "sygnał", "materiał",
                            "artykuł", "tytuł", "stół", "protokół", "szczegół", "dół"})
_PL_OTHER = re.compile(
    r"\b(?:powinienem|jestem\s+(?:\w+\s+)?(?:pewien|pewny|gotowy|gotów|zadowolony|wdzięczny"
    r"|przekonany|zmuszony|zobowiązany|szczęśliwy|zaskoczony|rozczarowany|zmartwiony))\b",
    re.IGNORECASE)
# Italian: a first-person "sono / ero / sarò / sarei / fossi / starei" (or "mi sono")
# followed, perhaps after one adverb, by a masculine singular adjective or participle in
# -o (contento, sicuro, stato, attento); a plural subject ("sono cose", "i fatti sono
# fatti") takes -i / -e and is not flagged, nor are the articles, numbers and adverbs in
# -o that can follow a third-person "sono" ("sono il 13%", "sono solo cose"), nor "sono
# io" (the pronoun).
_IT_ADVERB = (r"(?:molto|davvero|proprio|così|tanto|troppo|sempre|già|ancora|anche|ben|più"
              r"|veramente|assolutamente|sinceramente|certamente)")
_IT_NOT_AGREEING = frozenset({
    "il", "lo", "uno", "solo", "tutto", "molto", "poco", "troppo", "tanto", "davvero",
    "proprio", "questo", "quello", "otto", "quattro", "nostro", "vostro", "loro", "suo",
    "mio", "tuo", "meno", "circa", "fuori", "dentro", "qui", "pronto", "io",
})
_IT_SPEAKER = re.compile(
    rf"\b(?:mi\s+sono|sono|ero|sarò|sarei|fossi|starei)\s+(?:{_IT_ADVERB}\s+)?(\w+o)\b",
    re.IGNORECASE)
_IT_OPENING = re.compile(r"(?:^|[«“\"]\s*)(?:Contento|Lieto|Grato)\b")


def masculine_speaker(line: str, lang: str) -> list[str]:
    """The masculine-only first-person forms in a line the trainee says."""
    if lang == "pl":
        found = [m.group(0) for m in _PL_PAST.finditer(line)
                 if m.group(0).lower() not in PL_NOUNS_IN_LEM
                 and not m.group(0).lower().endswith("ołem")]
        found += [m.group(0) for m in _PL_SPLIT.finditer(line)
                  if m.group(1).lower() not in _PL_NOUNS_IN_L]
        return found + [m.group(0) for m in _PL_OTHER.finditer(line)]
    found = [m.group(0) for m in _IT_SPEAKER.finditer(line)
             if m.group(1).lower() not in _IT_NOT_AGREEING]
    return found + [m.group(0) for m in _IT_OPENING.finditer(line)]


@pytest.mark.parametrize(("line", "lang", "flagged"), [
    ("„Obiecałem, że sprawdzę.”", "pl", True),
    ("„Chciałbym pokazać zespołowi, co zobaczyła.”", "pl", True),
    ("„Powinienem był zadzwonić.”", "pl", True),
    ("„Jestem tego pewien.”", "pl", True),
    ("„Jestem pewien, że zdążymy.”", "pl", True),
    ("„Obiecałam, że sprawdzę.”", "pl", False),
    ("„Obiecaliśmy to z zespołem i działem prawnym.”", "pl", False),
    ("„Pan Esposito obiecał, że prześle pismo.”", "pl", False),
    ("„Jak widać w protokole i zgodnie z protokołem.”", "pl", False),
    ("„Zgłoszę to tak, jakbym sam to wyłapał w danych.”", "pl", True),
    ("„Zgłoszę to tak, jakbym sama to wyłapała w danych.”", "pl", False),
    ("„Chcę, żebym mógł to sprawdzić.”", "pl", True),
    ("„Chciałabym, żeby zespół to zobaczył.”", "pl", False),
    ("«Sono contento che le sia piaciuto.»", "it", True),
    ("«Sono davvero sicuro di sì.»", "it", True),
    ("«Mi sono sbagliato.»", "it", True),
    ("«Starei attento con Flexopak.»", "it", True),
    ("«Contento di sentirla!»", "it", True),
    ("«Sono contenta che le sia piaciuto.»", "it", False),
    ("«I fatti sono fatti: sono cose che capitano.»", "it", False),
    ("«Sono il 13% di film in meno.»", "it", False),
    ("«Ho sbagliato a interrompere.»", "it", False),
    ("«Il cliente è contento.»", "it", False),
    ("«Il suo referente sono io.»", "it", False),
])
def test_the_rule_tells_a_masculine_speaker_from_the_rest(line, lang, flagged) -> None:
    assert bool(masculine_speaker(line, lang)) is flagged, masculine_speaker(line, lang)


@pytest.mark.parametrize("lang", GENDERED)
def test_no_answer_speaks_as_a_man_by_default(scenarios, lang) -> None:
    """Every Italian and Polish choice text, and the neutral form of one written by
    form, is free of masculine-only first-person forms: the trainee's gender is either
    written by form or phrased neutrally, never assumed."""
    bad = []
    for sid, s in sorted(scenarios.items()):
        for node in s.nodes.values():
            for c in node.choices:
                found = masculine_speaker(c.text.get(lang), lang)
                if found:
                    bad.append(f"{sid}: {node.id}.{c.id} [{lang}] {found}")
    assert bad == []


# Feedback speaks to the trainee (Polish "ty"): its second-person past and conditional
# agree with them too (wahałeś / wahałaś, zaprosiłbyś / zaprosiłabyś, powinieneś).
_PL_YOU_MASCULINE = re.compile(r"\b(?:\w+łeś|\w+łbyś|powinieneś)\b", re.IGNORECASE)


def test_polish_feedback_does_not_address_a_man_by_default(scenarios) -> None:
    bad = []
    for sid, s in sorted(scenarios.items()):
        for node in s.nodes.values():
            lines = [(f"{node.id}.timeout", node.timeout.feedback)] if (
                node.timeout and node.timeout.feedback) else []
            lines += [(f"{node.id}.{c.id}", c.feedback) for c in node.choices if c.feedback]
            for where, text in lines:
                found = _PL_YOU_MASCULINE.findall(text.pl)
                if found:
                    bad.append(f"{sid}: {where} {found}")
    assert bad == []

