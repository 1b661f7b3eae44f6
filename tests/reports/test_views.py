"""Report numbers match the known log exactly, in every view."""

import json

import pytest
from known_log import run_cli


def report(db, *args):
    proc = run_cli("report", "--db", str(db), "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr
    return {s["title"]: s["rows"] for s in json.loads(proc.stdout)["sections"]}


def test_trainees_view(known_db):
    sections = report(known_db, "--view", "trainees")
    anna, bruno = sections["Trainees"]
    assert anna == {"trainee": "north/anna", "sessions": 4, "ended": 4, "passed": 3,
                    "abandoned": 0, "average": 63.75, "last played": "2026-11-11 09:00"}
    assert (bruno["sessions"], bruno["ended"], bruno["passed"], bruno["abandoned"],
            bruno["average"]) == (2, 1, 0, 1, 30.0)
    phone = next(r for r in sections["Scores per scenario"]
                 if r["trainee"] == "north/anna" and r["scenario"] == "phone_complaint")
    assert (phone["sessions"], phone["best"], phone["last"]) == (3, 70.0, 65.0)
    assert phone["average"] == pytest.approx(175 / 3)
    assert phone["trend per session"] == pytest.approx(12.5)  # 40, 70, 65


def test_filters_narrow_every_number(known_db):
    rows = report(known_db, "--view", "trainees", "--trainee", "north/anna",
                  "--since", "2026-11-04")["Scores per scenario"]
    assert [(r["scenario"], r["sessions"], r["best"], r["last"]) for r in rows] == [
        ("over_familiar_client", 1, 80.0, 80.0), ("phone_complaint", 2, 70.0, 65.0)]


def test_scenarios_view(known_db):
    sections = report(known_db, "--view", "scenarios")
    phone = next(r for r in sections["Scenarios"] if r["scenario"] == "phone_complaint")
    assert phone == {"scenario": "phone_complaint", "sessions": 4, "trainees": 2,
                     "pass rate %": 50.0, "average": 51.25, "lowest": 30.0, "highest": 70.0}
    opening = [(r["rank"], r["choice"], r["times"], r["share %"])
               for r in sections["Choices made at each decision"]
               if r["scenario"] == "phone_complaint" and r["decision"] == "opening"]
    # opening: RUDE (a1, b1), GOOD (a2, a3, b2)
    assert opening == [(1, "let_him_finish", 3, 60.0), (2, "cut_to_serial", 2, 40.0)]
    mistakes = [(r["decision"], r["choice"], r["times"], r["points lost"])
                for r in sections["Most common mistakes"] if r["scenario"] == "phone_complaint"]
    assert mistakes == [("details", "cut_to_serial", 2, pytest.approx(1.8)),
                        ("opening", "cut_to_serial", 2, pytest.approx(1.8)),
                        ("details", "relax_marco", 1, pytest.approx(2.5))]


def test_trait_profile(known_db):
    sections = report(known_db, "--view", "traits", "--trainee", "north/anna")
    profile = {r["trait"]: (r["sessions"], r["average"]) for r in sections["Trait profile"]}
    assert profile == {"courtesy": (4, 77.5), "de_escalation": (2, 100.0),
                       "bad_etiquette": (2, 0.0)}
    extremes = {(r["which"], r["trait"]): r["decisions that show it"]
                for r in sections["Strongest and weakest traits"]}
    # ties (one use each) are listed by scenario, decision, choice
    assert extremes[("strongest", "de_escalation")] == ("phone_complaint/opening: "
        "let_him_finish x2; over_familiar_client/opening: let_him_finish x1")
    assert extremes[("weakest", "bad_etiquette")] == \
        "phone_complaint/details: cut_to_serial x1; phone_complaint/opening: cut_to_serial x1"


def test_team_over_time(known_db):
    rows = report(known_db, "--view", "team")["Team over time"]
    assert [(r["team"], r["week of"], r["sessions"], r["average"], r["pass rate %"])
            for r in rows] == [("north", "2026-11-02", 2, 55.0, 50.0),
                               ("north", "2026-11-09", 2, 72.5, 100.0),
                               ("south", "2026-11-02", 1, 30.0, 0.0)]


@pytest.mark.parametrize("view", ["trainees", "traits", "scenarios", "team"])
def test_running_totals_agree_with_the_events(known_db, view):
    """Without --since the views read running totals; with it, the events themselves."""
    fast = report(known_db, "--view", view)
    slow = report(known_db, "--view", view, "--since", "2000-01-01")
    assert fast.keys() == slow.keys()
    for title, rows in fast.items():
        assert len(rows) == len(slow[title]), title
        for a, b in zip(rows, slow[title], strict=True):
            assert a.keys() == b.keys()
            for key, value in a.items():
                assert b[key] == (pytest.approx(value) if isinstance(value, float) else value)


def test_since_drops_earlier_sessions_from_traits_and_choices(known_db):
    sections = report(known_db, "--view", "traits", "--trainee", "north/anna",
                      "--since", "2026-11-05")
    profile = {r["trait"]: (r["sessions"], r["average"]) for r in sections["Trait profile"]}
    assert profile == {"courtesy": (2, 95.0), "de_escalation": (1, 100.0),
                       "bad_etiquette": (1, 0.0)}  # sessions a3 and a4
    choices = report(known_db, "--view", "scenarios", "--since", "2026-11-05")
    opening = [(r["choice"], r["times"]) for r in choices["Choices made at each decision"]
               if r["scenario"] == "phone_complaint" and r["decision"] == "opening"]
    assert opening == [("let_him_finish", 2)]  # a3 and the unfinished b2
