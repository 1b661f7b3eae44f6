"""Walk every screen state of the game through the layout model (``game.ui.boxes``).

For each shipped scenario, each node is put on the encounter screen as the trainee
would see it (the previous answer and the node's line in the conversation, every
authored answer offered), then each answer's practice feedback, then each ending;
plus the start, picker, settings, pause and debrief screens. Text is measured with
the real fonts (``textcache.measuring``: surfaces at their real size, no glyphs
drawn), so a full walk fits in a CI run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.ui import textcache
from game.ui.boxes import problems
from game.ui.debrief_data import signed
from game.ui.widgets.feedback import FeedbackPanel
from game.ui.widgets.transcript import Line

CHOOSE, FEEDBACK, ENDED = "choose", "feedback", "ended"


@dataclass
class Tally:
    states: int = 0
    boxes: int = 0
    found: dict[str, list[str]] = field(
        default_factory=lambda: {"clipped": [], "overlapping": [], "outside": []})

    def check(self, where: str, screen, size) -> None:
        self.states += 1
        self.boxes += len(screen.boxes.boxes)
        cuts = len(textcache.CUTS)
        textcache.CUTS.clear()
        for kind, lines in problems(screen.boxes, size, cuts).items():
            self.found[kind] += [f"{where}: {line}" for line in lines]

    @property
    def bad(self) -> int:
        return sum(len(v) for v in self.found.values())


def _set_node(screen, lines: list[Line], phase: str) -> None:
    screen.transcript.lines = list(lines)
    screen.transcript._rendered_for = None
    screen.phase = phase


def walk_scenario(app, scenario, tally: Tally, where: str) -> None:
    from game.ui.screens.encounter import EncounterScreen

    lang, t, size = app.settings.lang, app.t, app.window.get_size()
    screen = EncounterScreen(app, scenario, seed=1)
    app.switch(screen)
    catalogue = app.content.catalogue
    before = screen._own_line(t("play.continue"))
    for node in scenario.nodes.values():
        said = screen._node_line(str(node.speaker), node.text.get(lang))
        _set_node(screen, [before, said], CHOOSE)
        screen.feedback = None
        screen.choices.set([c.text.get(lang) for c in node.choices])
        screen.countdown.start(node.time_limit)
        textcache.CUTS.clear()
        screen.layout(size)
        tally.check(f"{where} {scenario.id}.{node.id} answers", screen, size)
        screen.countdown.start(None)
        for choice in node.choices:
            if choice.feedback is None:
                continue
            traits = []
            for ev in choice.evidence:
                merit = ev.strength * (-1 if catalogue.is_bad(ev.trait) else 1)
                traits.append((f"{catalogue.name(ev.trait, lang)} "
                               f"{signed(float(merit), t('number.decimal'))}", merit > 0))
            screen.feedback = FeedbackPanel(t("play.feedback"), [choice.feedback.get(lang)],
                                            traits, lambda names: t("play.traits_shown",
                                                                    traits=", ".join(names)))
            _set_node(screen, [said, screen._own_line(choice.text.get(lang))], FEEDBACK)
            screen.layout(size)
            tally.check(f"{where} {scenario.id}.{node.id}.{choice.id} feedback", screen, size)
    screen.feedback = None
    for ending in scenario.endings.values():
        _set_node(screen, [before,
                           Line("", t("play.ended", title=ending.title.get(lang)),
                                kind="banner", tone="good"),
                           Line("", ending.text.get(lang), kind="note")], ENDED)
        screen.layout(size)
        tally.check(f"{where} {scenario.id} ending {ending.id}", screen, size)


def walk_screens(app, tally: Tally, where: str, debrief_of=()) -> None:
    """The start, picker and settings screens, the dialogs, and each scenario's debrief
    after a scripted playthrough (the first answer shown at every node)."""
    from dataclasses import replace

    from game.ui.screens.dialog import confirm_leave, confirm_quit, pause_menu
    from game.ui.screens.encounter import EncounterScreen
    from game.ui.screens.picker import PickerScreen
    from game.ui.screens.settings_screen import SettingsScreen
    from game.ui.screens.start import StartScreen

    size = app.window.get_size()
    app.settings = replace(app.settings, trainee="north/anna")
    for screen in (StartScreen(app), PickerScreen(app)):
        app.switch(screen)
        tally.check(f"{where} {type(screen).__name__}", screen, size)
    settings = SettingsScreen(app, back=app.screen)
    app.switch(settings)
    tally.check(f"{where} settings", settings, size)
    for scenario in debrief_of:
        encounter = EncounterScreen(app, scenario, seed=1)
        app.switch(encounter)
        for make in (pause_menu, confirm_leave):
            dialog = make(app, encounter)
            app.open_dialog(dialog)
            tally.check(f"{where} {scenario.id} {make.__name__}", dialog, size)
        app.close_dialog()
        while not encounter.play.ended:  # the first answer shown, every time
            encounter.answer(0)
            if encounter.phase == FEEDBACK:
                encounter.proceed()
        while encounter.phase != ENDED:
            encounter.proceed()
        encounter.proceed()
        tally.check(f"{where} {scenario.id} debrief", app.screen, size)
    dialog = confirm_quit(app)
    app.open_dialog(dialog)
    tally.check(f"{where} quit dialog", dialog, size)
    app.close_dialog()


def campaign_paths(campaign) -> list[dict[str, list[str]]]:
    """Two runs of a shipped campaign from its episodes' test plans: every episode's
    first case (its best path) and its third (a failing one: promises broken,
    episodes skipped, the relationship lost)."""
    from pathlib import Path

    import yaml

    plans = {}
    for path in sorted(Path(campaign.folder).glob("*.test.yaml")):
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        plans[plan["scenario"]] = [list(c["choices"]) for c in plan["cases"]]
    return [{sid: cases[min(k, len(cases) - 1)] for sid, cases in plans.items()}
            for k in (0, 2)]


def walk_campaign(app, campaign, tally: Tally, where: str) -> None:
    """The recap before each episode, the card after it and the campaign debrief, for
    the runs of ``campaign_paths`` (episodes answered in the core, not on screen: the
    encounter screens are the scenario walk's)."""
    from game.ui.play import Play
    from game.ui.screens.campaign_debrief import EpisodeDebriefScreen
    from game.ui.screens.campaign_flow import CampaignFlow

    size = app.window.get_size()
    for path in campaign_paths(campaign):
        flow = CampaignFlow.open(app, campaign, seed=1)  # no log here: a fresh run
        while True:
            flow.show_next()
            tally.check(f"{where} {campaign.id} {type(app.screen).__name__}", app.screen, size)
            if flow.run.status == "ended":
                break
            session = flow.run.start_episode()
            answers = list(path.get(session.scenario.id, ()))
            while session.status == "awaiting_choice":
                view = session.view()
                want = answers.pop(0) if answers else view.choices[0].id
                session.choose(next(c.index for c in view.choices if c.id == want))
            play = Play(session.scenario, app.content, app.settings, app.records,
                        session=session, key=session.scenario.id, logged=0)
            flow.episode_ended(play)
            card = app.screen
            tally.check(f"{where} {campaign.id} episode card", card, size)
            app.switch(EpisodeDebriefScreen(app, flow, play))
            tally.check(f"{where} {session.scenario.id} episode debrief", app.screen, size)
