"""Report numbers match the hand-worked known log (known_log.py) exactly, in every view."""

import json
import re

import pytest
from known_log import report_cli


def report(db, *args):
    proc = report_cli("--db", str(db), "--format", "json", *args)
    assert proc.returncode == 0, proc.stderr
    return {s["key"]: s for s in json.loads(proc.stdout)["sections"]}


def rows(db, key, *args):
    return report(db, *args)[key]["rows"]


def test_the_class_summary_comes_first_with_every_trainee(known_db):
    sections = report(known_db)
    assert list(sections)[:4] == ["summary", "weakest", "awaiting", "overrides"]
    anna, bruno = sections["summary"]["rows"]
    # anna's scores in time order: 55.6, 100, 90 (overridden from 88.9), 66.7
    assert (anna["trainee"], anna["ended (n)"], anna["passed"], anna["direction"]) == (
        "north/anna", 4, 4, "improving")
    assert anna["last score"] == pytest.approx(600 / 9)
    # least squares over x = 1..4: sum((x - 2.5)(y - mean)) / 5
    ys = [500 / 9, 100.0, 90.0, 600 / 9]
    mean = sum(ys) / 4
    assert anna["trend per session"] == pytest.approx(
        sum((x - 2.5) * (y - mean) for x, y in zip(range(1, 5), ys, strict=True)) / 5)
    assert anna["overridden"] == 1
    # anna's lowest trait averages are 0 (bad etiquette in a1, responsiveness in a3):
    # ties go by trait id, the last one listed is the weakest
    assert (anna["weakest trait"], anna["its score"]) == ("Responsiveness", 0.0)
    assert (bruno["ended (n)"], bruno["passed"], bruno["last score"], bruno["direction"]) == (
        1, 0, 0.0, "one session")
    assert sections["summary"]["few"] == [1]  # bruno: under 3 sessions, greyed


def test_weakest_traits_class_wide_are_named_with_their_sample_size(known_db):
    weakest = [(r["trait"], r["average"], r["n"], r["trainees"])
               for r in rows(known_db, "weakest")]
    # honesty: anna 100 x 4 sessions, bruno 0 x 1: 400 / 5 = 80
    assert weakest == [("Avoiding: Bad etiquette", 0.0, 2, 2),
                       ("Avoiding: Broken promises", 0.0, 1, 1),
                       ("Responsiveness", 0.0, 1, 1), ("Courtesy", pytest.approx(200 / 3), 3, 1),
                       ("Honesty", 80.0, 5, 2)]


def test_sessions_awaiting_review_are_listed_with_their_ids(known_db):
    # a3 was re-scored but then signed off; b1 failed and nobody signed it off
    awaiting = rows(known_db, "awaiting")
    assert [(r["session"], r["trainee"], r["scenario"], r["score"], r["why"])
            for r in awaiting] == [("b1", "south/bruno", "The late parcel", 0.0, "failed")]


def test_every_override_shows_original_new_who_why_when(known_db):
    (row,) = rows(known_db, "overrides")
    assert (row["session"], row["original → new"], row["by"], row["reason"],
            row["after sign-off"]) == ("a3", "88.9 → 90.0", "Maria Rossi", "line dropped", "")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", row["when"])


def test_trainees_view(known_db):
    anna, bruno = rows(known_db, "trainees", "--view", "trainees")
    assert anna == {"trainee": "north/anna", "n": 4, "ended (n)": 4, "passed": 4,
                    "abandoned": 0, "average": pytest.approx((500 / 9 + 100 + 90 + 600 / 9) / 4),
                    "overridden": 1, "last played": "2026-11-11 09:00"}
    assert (bruno["n"], bruno["ended (n)"], bruno["passed"], bruno["abandoned"],
            bruno["average"]) == (2, 1, 0, 1, 0.0)


def test_filters_narrow_every_number(known_db):
    summary = rows(known_db, "summary", "--view", "summary", "--since", "2026-11-04",
                   "--until", "2026-11-10")
    # a2 (day 4) and a3 (day 10, included: --until takes the whole day)
    assert [(r["trainee"], r["ended (n)"], r["last score"]) for r in summary] == [
        ("north/anna", 2, 90.0)]
    team = rows(known_db, "summary", "--view", "summary", "--team", "south")
    assert [r["trainee"] for r in team] == ["south/bruno"]
    assert rows(known_db, "trainees", "--view", "trainees", "--team", "sou") == []


def test_scenarios_view_uses_each_scenarios_pass_mark(known_db):
    (parcel,) = rows(known_db, "scenarios", "--view", "scenarios")
    assert parcel == {"scenario": "The late parcel", "pass mark": 50.0, "n": 5, "trainees": 2,
                      "pass rate %": 80.0,
                      "average": pytest.approx((500 / 9 + 100 + 90 + 600 / 9 + 0) / 5),
                      "lowest": 0.0, "highest": 100.0}


def test_mistakes_are_ranked_by_points_lost_and_say_which_kind(known_db):
    mistakes = [(r["choice"], r["kind"], r["times"], r["share %"], r["points lost"],
                 r["lost each time"]) for r in rows(known_db, "mistakes", "--view", "scenarios")]
    # greet was answered 6 times (a1 snap, a2, a3, b2 apologise, a4 timeout, b1 snap),
    # promise 5 times
    assert mistakes == [
        ("Not my problem.", "wrong choice", 2, pytest.approx(200 / 6), 8.0, 4.0),
        ("Today, promise!", "wrong choice", 1, 20.0, 5.0, 5.0),
        ("(no answer: time ran out)", "no answer in time", 1, pytest.approx(100 / 6), 3.0, 3.0),
        ("I'm sorry, let me check.", "right answer, too slow", 1, pytest.approx(100 / 6),
         1.0, 1.0)]


def test_choices_made_at_each_decision(known_db):
    greet = [(r["rank"], r["choice"], r["times"]) for r in
             rows(known_db, "choices", "--view", "scenarios") if r["decision"] == "greet"]
    assert greet == [(1, "I'm sorry, let me check.", 3), (2, "Not my problem.", 2),
                     (3, "(no answer: time ran out)", 1)]


def test_trait_profile_names_traits_and_marks_small_samples(known_db):
    section = report(known_db, "--view", "traits", "--trainee", "north/anna")["traits"]
    profile = {r["trait"]: (r["n"], r["average"]) for r in section["rows"]}
    assert profile == {"Honesty": (4, 100.0), "Courtesy": (3, pytest.approx(200 / 3)),
                       "Avoiding: Bad etiquette": (1, 0.0), "Responsiveness": (1, 0.0)}
    few = {section["rows"][i]["trait"] for i in section["few"]}
    assert few == {"Avoiding: Bad etiquette", "Responsiveness"}


@pytest.mark.parametrize(("lang", "title", "trait"), [
    ("it", "Riepilogo della classe", "Evitare: Cattiva educazione"),
    ("pl", "Podsumowanie grupy", "Unikanie: Złe maniery")])
def test_the_report_speaks_italian_and_polish(known_db, lang, title, trait):
    sections = report(known_db, "--lang", lang)
    assert sections["summary"]["title"] == title
    assert next(iter(sections["weakest"]["rows"][0].values())) == trait
    scenario = sections["scenarios"]["rows"][0]
    assert {"it": "Il pacco in ritardo", "pl": "Spóźniona paczka"}[lang] in scenario.values()
