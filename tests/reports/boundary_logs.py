"""Small score logs for the report's boundaries and tie-breaks (test_query_boundaries.py),
every event produced by the real runtime (scenario sessions and campaign runs) and
written through the real store; each expected figure is worked out by hand there.

Two pieces of content on top of the fixtures:

six_wrongs (SIX, below), one decision "ask", no time limit, weights 1 and no rules, so
merit = strength x polarity: `check` and `courier` show courtesy +3 (merit 3, both the
best), w1 ... w6 show no trait (merit 0): each of them loses 3 - 0 = 3 points, a wrong
choice. `check` reads eight words, `courier` nine.

fortnight (FORTNIGHT): tests/campaign/fixtures/campaigns/tiny.yaml with a second promise,
friday_call, made and due with weekly_report (tiny_due's copy keeps or breaks both),
and 10 points of trust lost between the episodes instead of 5.
"""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import played
from known_log import LIBRARY

from game.core.campaign import CampaignSession, load_campaign, load_episodes
from game.core.loader import Library, load_catalogue
from game.core.runtime import Session

TESTS = Path(__file__).resolve().parents[1]
TINY = TESTS / "campaign" / "fixtures" / "campaigns"

CHECK = "Let me check the tracking for you now."  # eight words
COURIER = "I will call the courier and ring you back."  # nine words

SIX = f"""\
id: six_wrongs
version: 1
title: {{en: "Six wrong answers", it: "Sei risposte sbagliate", pl: "Sześć złych odpowiedzi"}}
summary: {{en: "One question.", it: "Una domanda.", pl: "Jedno pytanie."}}
encounter: delivery_failure
channel: phone
difficulty: introductory
minutes: 3
pass_score: 50
sources: [004_3c4903abc408d5f8.txt]
persona:
  name: Marco Bianchi
  company: Bianchi Srl
  role: {{en: "Buyer", it: "Buyer", pl: "Kupiec"}}
  temperament: {{en: "Impatient.", it: "Impaziente.", pl: "Niecierpliwy."}}
start: ask
nodes:
  ask:
    speaker: client
    say: {{en: "Well?", it: "Allora?", pl: "No i?"}}
    choices:
      - id: check
        text:
          en: "{CHECK}"
          it: "Controllo subito il tracciamento per lei, adesso."
          pl: "Sprawdzę teraz dla Pana numer przesyłki."
        evidence: {{courtesy: 3}}
        next: done
      - id: courier
        text:
          en: "{COURIER}"
          it: "Chiamo il corriere e la richiamo io."
          pl: "Zadzwonię do kuriera i oddzwonię do Pana."
        evidence: {{courtesy: 3}}
        next: done
""" + "".join(f"""\
      - id: w{n}
        text: {{en: "Wrong {n}.", it: "Sbagliata {n}.", pl: "Zła {n}."}}
        next: done
""" for n in range(1, 7)) + """\
endings:
  done:
    outcome: success
    title: {en: "Done", it: "Fatto", pl: "Gotowe"}
    text: {en: "Done.", it: "Fatto.", pl: "Gotowe."}
"""


def scenario_library(folder: Path) -> Path:
    """The fixture library (traits, late_parcel) and six_wrongs, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("traits.yaml", "late_parcel.yaml"):
        shutil.copy(Path(LIBRARY) / name, folder)
    (folder / "six_wrongs.yaml").write_text(SIX, encoding="utf-8")
    return folder


def play(log, lib: Library, session_id: str, trainee: str, scenario: str, picks, *,
         day: int = 1) -> Session:
    """Play ``picks`` ((choice id, or None for a timeout), seconds) of ``scenario`` in
    ``lib`` and write its events a minute apart from 09:00 on ``day`` (played.play)."""
    return played.play(log, session_id, trainee, picks, day=day, scenario=scenario, lib=lib)


FORTNIGHT_CHANGES = (  # (in tiny.yaml / tiny_due.yaml, becomes)
    ("id: tiny\n", "id: fortnight\n"),
    ("promises:\n", "promises:\n  friday_call:\n    due: tiny_due\n"
                    "    made_when: \"flags.offered_report\"\n"
                    "    text: {en: \"You promised to call every Friday.\", "
                    "it: \"Ha promesso di chiamare ogni venerdì.\", "
                    "pl: \"Obiecał Pan dzwonić w każdy piątek.\"}\n"),
    ("effects: {trust: -5}\n    recap", "effects: {trust: -10}\n    recap"),
    ("promises: [weekly_report]", "promises: [weekly_report, friday_call]"),
    ("tags: [keep:weekly_report]", "tags: [keep:weekly_report, keep:friday_call]"),
    ("tags: [break:weekly_report]", "tags: [break:weekly_report, break:friday_call]"),
)


def fortnight(folder: Path) -> Path:
    """The fortnight campaign in ``folder`` (its episodes in folder/fortnight/)."""
    episodes = folder / "fortnight"
    episodes.mkdir(parents=True, exist_ok=True)
    texts = {folder / "fortnight.yaml": (TINY / "tiny.yaml").read_text(encoding="utf-8")}
    for name in ("tiny_first.yaml", "tiny_due.yaml"):
        texts[episodes / name] = (TINY / "tiny" / name).read_text(encoding="utf-8")
    for old, new in FORTNIGHT_CHANGES:
        hits = [path for path, text in texts.items() if old in text]
        assert len(hits) == 1, old
        texts[hits[0]] = texts[hits[0]].replace(old, new, 1)
    for path, text in texts.items():
        path.write_text(text, encoding="utf-8")
    return folder / "fortnight.yaml"


def play_run(log, campaign_file: Path, run_id: str, trainee: str, day: int,
             episode_answers) -> CampaignSession:
    """Play a campaign run episode by episode (choices by id, 3 s each) and write the
    run's and the episodes' events in the order the game does, a minute apart from
    09:00 on ``day`` (as test_query_campaigns.py's Recorder)."""
    campaign = load_campaign(campaign_file)
    catalogue = load_catalogue()
    run = CampaignSession(campaign, load_episodes(campaign, catalogue), catalogue, (),
                          seed=3, run=run_id, trainee=trainee)
    moment, done = datetime(2026, 11, day, 9, 0), 0

    def write(session_id, events):
        nonlocal moment
        for event in events:
            log.append(session_id, event, moment.isoformat(timespec="microseconds") + "Z")
            moment += timedelta(minutes=1)

    for answers in episode_answers:
        session = run.start_episode()
        write(run.run, run.events[done:])
        done = len(run.events)
        for choice_id in answers:
            ids = [c.id for c in session.view().choices]
            session.choose(ids.index(choice_id), 3.0)
        write(run.session_id, session.events)
        run.finish_episode()
        write(run.run, run.events[done:])
        done = len(run.events)
    return run
