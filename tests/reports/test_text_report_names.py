"""The names index `report` keeps in the cache folder gives the report the library's own
names, in every language, and is made again when a file it came from changes.

The library is a copy of the fixture one (late_parcel: "The late parcel" / "Il pacco in
ritardo" / "Spóźniona paczka", pass mark 50; traits courtesy, honesty and the bad
bad_etiquette, broken_promises); the log is known_log's.
"""

import json
import shutil

import pytest
from known_log import LIBRARY, run_cli

from game.reports import Filters, build_report
from game.reports.names import Names
from game.reports.render_text import to_json
from game.scorelog import ScoreLog


@pytest.fixture
def library(tmp_path):
    folder = tmp_path / "library"
    shutil.copytree(LIBRARY, folder)
    return folder


def report_json(db, names):
    with ScoreLog.open(db, create=False) as log:
        report = build_report(log.conn, "all", Filters(), names)
    return json.loads(to_json(report))["sections"]


@pytest.mark.parametrize("lang", ["en", "it", "pl"])
def test_the_index_gives_the_names_the_library_gives(known_db, library, tmp_path,
                                                      monkeypatch, lang):
    monkeypatch.setenv("CRT_CACHE", str(tmp_path / "cache"))
    from_library = report_json(known_db, Names(lang, library))
    made = report_json(known_db, Names(lang, library, index=True))  # made and kept
    assert len(list((tmp_path / "cache").glob("names-*.json"))) == 1
    kept = report_json(known_db, Names(lang, library, index=True))  # read back
    assert made == from_library and kept == from_library
    scenarios = next(s for s in kept if s["key"] == "scenarios")
    title = {"en": "The late parcel", "it": "Il pacco in ritardo", "pl": "Spóźniona paczka"}
    assert [list(r.values())[:2] for r in scenarios["rows"]] == [[title[lang], 50.0]]


def run_report(db, library, cache, *args):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cache.parent), "CRT_CACHE": str(cache)}
    proc = run_cli("report", "--db", str(db), "--scenarios", str(library), *args, env=env)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return proc.stdout


def test_an_edited_title_shows_in_the_next_report(known_db, library, tmp_path):
    cache = tmp_path / "cache"
    assert "The late parcel" in run_report(known_db, library, cache)
    path = library / "late_parcel.yaml"
    # the same length, so only the content says it changed
    path.write_text(path.read_text(encoding="utf-8").replace("The late parcel",
                                                             "The lost parcel"),
                    encoding="utf-8")
    text = run_report(known_db, library, cache)
    assert "The lost parcel" in text and "The late parcel" not in text


def test_a_damaged_or_unwritable_cache_changes_nothing(known_db, library, tmp_path):
    cache = tmp_path / "cache"
    first = run_report(known_db, library, cache, "--lang", "it")
    for kept in cache.glob("names-*.json"):
        kept.write_text('{"fingerprint": 1, "scenarios": []}', encoding="utf-8")
    assert run_report(known_db, library, cache, "--lang", "it") == first
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert run_report(known_db, library, blocked, "--lang", "it") == first
    assert "Il pacco in ritardo" in first


def test_a_scenario_the_library_no_longer_has_is_shown_by_its_id(known_db, library, tmp_path):
    cache = tmp_path / "cache"
    run_report(known_db, library, cache)
    (library / "late_parcel.yaml").unlink()
    text = run_report(known_db, library, cache, "--view", "scenarios")
    assert "late_parcel" in text and "The late parcel" not in text
