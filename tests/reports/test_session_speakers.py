"""The manager's session replay heads each line by who really says it, as the game window
does (game.core.speech): the feed, the client, a colleague, the manager, the narrator.

A session of the shipped ``false_rumour`` played through the runtime in English, always
taking the first answer: it passes the feed's accusation (an "@handle, ..." line: no
author prefix, so the feed speaks), Irena's phone call ("(Phone)" is a stage direction),
marketing's hold ("(Marketing, ...)" names the colleague), the owner's question (the
manager, "(Paweł Zorza, the owner)" a direction), the handle's second post ("@handle
posts ...": by that handle, who stays in the line) and the certifier's offer (narration).
"""

import json

import pytest
from known_log import run_cli

from game.core.loader import Library
from game.core.runtime import Session
from game.scorelog import ScoreLog


@pytest.fixture(scope="module")
def rumour_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("speakers") / "log.sqlite3"
    lib = Library()
    scenario = lib.scenario("false_rumour")
    session = Session(scenario, lib.catalogue, lib.rules, seed=1, mode="assessment",
                      trainee="north/anna", lang="en")
    for _ in range(6):
        session.choose(session.view().choices[0].index, 3.0)
    with ScoreLog.open(db) as log:
        log.keep_scenario(scenario)
        for n, event in enumerate(session.events):
            log.append("r1", event, f"2026-11-02T09:{n:02d}:00.000000Z")
    return db


def steps(db, lang):
    proc = run_cli("report", "--db", str(db), "--session", "r1", "--format", "json",
                   "--lang", lang)
    assert proc.returncode == 0, proc.stderr
    return next(s["rows"] for s in json.loads(proc.stdout)["sections"] if s["key"] == "steps")


def test_each_line_is_headed_by_its_real_speaker(rumour_db):
    rows = steps(rumour_db, "en")
    assert [(r["decision"], r["who"]) for r in rows] == [
        ("accusation", "Social feed"),
        ("client_worried", "Irena Kaczmarek (Phone)"),
        ("marketing_hold", "Colleague: Marketing, to all staff, ten minutes later"),
        ("who_is_it", "Your manager (Paweł Zorza, the owner)"),
        ("second_wave", "@prawda_o_mlynach"),
        ("audit_offer", "Narrator")]
    said = {r["decision"]: r["said"] for r in rows}
    assert said["client_worried"].startswith("«My customers are asking me about it.")
    assert said["marketing_hold"].startswith("«Please send nothing to clients")
    assert said["second_wave"].startswith("@prawda_o_mlynach posts a photo: «Our")


def test_the_headings_speak_the_reports_language(rumour_db):
    rows = steps(rumour_db, "it")
    assert [r["chi"] for r in rows] == [
        "Bacheca social", "Irena Kaczmarek (Phone)",
        "Collega: Marketing, to all staff, ten minutes later",
        "Il tuo responsabile (Paweł Zorza, the owner)", "@prawda_o_mlynach", "Narratore"]
