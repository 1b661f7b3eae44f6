"""What terminal play shows: rich layout on a terminal, plain text otherwise.

Both screens take plain values (already translated strings and numbers), so the
play loop decides *what* to say and a screen only decides *how* it looks. The
plain screen is also what scripted runs and tests read: one fact per line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO

from game.core.i18n import Translator
from game.terminal.safe import safe_text

__all__ = ["DebriefView", "Decision", "Meter", "PlainScreen", "RichScreen", "make_screen"]


@dataclass(frozen=True, slots=True)
class Decision:
    node: str
    chosen: str | None  # None: the player let the timer run out
    merit: float
    best: str | None  # the best open alternative, None when the player took it
    best_merit: float
    feedback: str | None = None  # why the answer given was good or bad
    best_feedback: str | None = None  # why the best alternative is better
    slow_note: str | None = None  # "Right answer, but slow: responsiveness -1.0, 14 s ..."


@dataclass(frozen=True, slots=True)
class DebriefView:
    ending_title: str
    outcome: str
    ending_text: str
    overall: float
    pass_score: float
    passed: bool
    traits: tuple[tuple[str, float], ...]  # (display name, score), weakest first
    decisions: tuple[Decision, ...]
    rules: tuple[str, ...] = ()  # explanations of the rules that applied


#: (label, value, whether the value is on the 0-100 scale) of one state meter.
Meter = tuple[str, float, bool]


def _num(value: float) -> str:
    return f"{value:.0f}" if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + _num(value)


class PlainScreen:
    """Plain text, one fact per line; what pipes, files and tests get."""

    def __init__(self, out: IO[str], t: Translator, echo: bool = True) -> None:
        self.out = out
        self.t = t
        self.echo = echo  # False when a terminal already shows what the player types

    def line(self, text: str = "") -> None:
        self.out.write(safe_text(text) + "\n")
        self.out.flush()

    def intro(self, title: str, persona: str, summary: str, notes: Sequence[str]) -> None:
        self.line(f"== {title} ==")
        self.line(persona)
        self.line(summary)
        for note in notes:
            self.line(note)

    def node(self, speaker: str, text: str, meters: Sequence[Meter]) -> None:
        self.line()
        self.line(f"{speaker}: {text}")
        self.line(f"[{self.t('play.meters')}] "
                  + " | ".join(f"{name} {_num(value)}" for name, value, _ in meters))

    def choices(self, texts: Sequence[str]) -> None:
        for number, text in enumerate(texts, start=1):
            self.line(f"  {number}) {text}")

    def prompt(self, count: int, seconds_left: int | None) -> None:
        key = "play.prompt" if seconds_left is None else "play.prompt.timed"
        self.out.write(safe_text(self.t(key, count=count, seconds=seconds_left)))
        self.out.flush()

    def answered(self, text: str) -> None:
        # Piped answers are not echoed by a terminal; show them so a transcript reads well.
        self.line(text if self.echo else "")

    def end_prompt(self) -> None:
        """Finish the prompt's line when no answer came (time up, end of input)."""
        self.line()

    #: Whether the screen can redraw a status line while the player types.
    live = False

    def status(self, text: str) -> None:
        """A status line above the prompt (clock, spreading post); plain text has none:
        its prompt already says the seconds left."""

    def update_status(self, text: str) -> None:
        """Redraw the status line in place."""

    def notice(self, text: str) -> None:
        self.line(text)

    def feedback(self, lines: Sequence[str], traits: Sequence[str], rules: Sequence[str],
                 merit: float = 0.0) -> None:
        for text in lines:
            self.line(f"{self.t('play.feedback')}: {text}")
        if traits:
            self.line(f"{self.t('play.traits_shown')}: {', '.join(traits)}")
        for text in rules:
            self.line(f"{self.t('play.rule_fired')}: {text}")

    def debrief(self, d: DebriefView) -> None:
        t = self.t
        self.line()
        self.line(f"== {t('debrief.title')} ==")
        self.line(_ending_line(t, d))
        self.line(d.ending_text)
        self.line(t("debrief.overall", score=_num(d.overall)))
        verdict = "debrief.passed" if d.passed else "debrief.failed"
        self.line(t(verdict, pass_score=_num(d.pass_score)))
        self.line(t("debrief.traits") + ":" if d.traits else t("debrief.no_traits"))
        for name, score in d.traits:
            self.line(f"  {name}: {_num(score)}")
        self.line(t("debrief.decisions") + ":")
        for number, item in enumerate(d.decisions, start=1):
            self.line("  " + _decision_text(t, number, item))
            for key, text in _decision_notes(item):
                self.line(f"     {t(key)}: {text}")
        if d.rules:
            self.line(t("debrief.rules") + ":")
            for text in d.rules:
                self.line(f"  - {text}")


def _decision_notes(item: Decision) -> list[tuple[str, str]]:
    notes = [("debrief.feedback", item.feedback)] if item.feedback else []
    if item.slow_note:
        notes.append(("debrief.feedback", item.slow_note))
    if item.best_feedback:
        notes.append(("debrief.best_feedback", item.best_feedback))
    return notes


def _ending_line(t: Translator, d: DebriefView) -> str:
    return t("debrief.ending", title=d.ending_title, outcome=t(f"debrief.outcome.{d.outcome}"))


def _decision_text(t: Translator, number: int, item: Decision) -> str:
    if item.chosen is None:
        head = t("debrief.decision.timeout", number=number, node=item.node,
                 merit=_signed(item.merit))
    else:
        head = t("debrief.decision", number=number, node=item.node, choice=item.chosen,
                 merit=_signed(item.merit))
    if item.best is None:
        return f"{head}; {t('debrief.best_taken')}"
    return f"{head}; " + t("debrief.best", choice=item.best, merit=_signed(item.best_merit))


class RichScreen(PlainScreen):
    """The same content laid out with rich: panels, colour and tables."""

    def __init__(self, out: IO[str], t: Translator, echo: bool = False) -> None:
        super().__init__(out, t, echo)
        from rich.console import Console

        self.console = Console(file=out, highlight=False, soft_wrap=False)

    def intro(self, title: str, persona: str, summary: str, notes: Sequence[str]) -> None:
        from rich.panel import Panel

        body = f"[bold]{_esc(persona)}[/]\n\n{_esc(summary)}\n\n" + "\n".join(
            f"[dim]{_esc(n)}[/]" for n in notes)
        self.console.print(Panel(body, title=f"[bold]{_esc(title)}[/]", expand=True))

    def node(self, speaker: str, text: str, meters: Sequence[Meter]) -> None:
        from rich.panel import Panel

        self.console.print(Panel(_esc(text), title=f"[bold cyan]{_esc(speaker)}[/]",
                                 title_align="left"))
        self.console.print("  ".join(
            _meter(name, value) if percent else f"{_esc(name)} {_num(value)}"
            for name, value, percent in meters))

    def choices(self, texts: Sequence[str]) -> None:
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(justify="right", width=4)
        grid.add_column(ratio=1)
        for number, text in enumerate(texts, start=1):
            grid.add_row(f"[bold yellow]{number})[/]", _esc(text))
        self.console.print(grid)

    def answered(self, text: str) -> None:
        if self.echo:  # scripted answers piped into a terminal session
            self.line(text)

    live = True

    def prompt(self, count: int, seconds_left: int | None) -> None:
        # The live status line above shows the seconds; a fixed count here would go stale.
        super().prompt(count, None)

    def status(self, text: str) -> None:
        self.console.print(f"[bold magenta]⏱ {_esc(text)}[/]")

    def update_status(self, text: str) -> None:
        # Save the cursor (the player may be half-way through typing), rewrite the line
        # above the prompt, and put the cursor back: the typed text is left alone.
        with self.console.capture() as captured:
            self.console.print(f"[bold magenta]⏱ {_esc(text)}[/]", end="")
        self.out.write(f"\x1b7\x1b[1A\r\x1b[2K{captured.get()}\x1b8")
        self.out.flush()

    def notice(self, text: str) -> None:
        self.console.print(f"[bold magenta]{_esc(text)}[/]")

    def feedback(self, lines: Sequence[str], traits: Sequence[str], rules: Sequence[str],
                 merit: float = 0.0) -> None:
        from rich.panel import Panel

        if not (lines or traits or rules):
            return
        parts = [_esc(text) for text in lines]
        if traits:
            parts.append(f"[dim]{self.t('play.traits_shown')}:[/] {_esc(', '.join(traits))}")
        parts += [f"[dim]{self.t('play.rule_fired')}:[/] {_esc(text)}" for text in rules]
        border = "green" if merit > 0 else "red" if merit < 0 else "blue"
        self.console.print(Panel("\n".join(parts), title=self.t("play.feedback"),
                                 border_style=border, title_align="left"))

    def debrief(self, d: DebriefView) -> None:
        from rich.panel import Panel
        from rich.table import Table

        t = self.t
        colour = "green" if d.passed else "red"
        verdict = t("debrief.passed" if d.passed else "debrief.failed",
                    pass_score=_num(d.pass_score))
        head = (f"[bold]{_esc(_ending_line(t, d))}[/]\n"
                f"{_esc(d.ending_text)}\n\n[bold]{t('debrief.overall', score=_num(d.overall))}[/]  "
                f"[bold {colour}]{_esc(verdict)}[/]")
        self.console.print(Panel(head, title=f"[bold]{t('debrief.title')}[/]", border_style=colour))
        traits = Table(title=t("debrief.traits"), show_header=False, title_justify="left")
        for name, score in d.traits:
            traits.add_row(_esc(name), _meter("", score).strip())
        self.console.print(traits if d.traits else t("debrief.no_traits"))
        self.console.print(f"[bold]{t('debrief.decisions')}[/]")
        for number, item in enumerate(d.decisions, start=1):
            colour = "green" if item.best is None else "yellow"
            self.console.print(f"  [{colour}]{_esc(_decision_text(t, number, item))}[/]")
            for key, text in _decision_notes(item):
                self.console.print(f"     [dim]{_esc(t(key))}:[/] {_esc(text)}")
        if d.rules:
            self.console.print(f"[bold]{t('debrief.rules')}[/]")
        for text in d.rules:
            self.console.print(f"  [dim]•[/] {_esc(text)}")


def _esc(text: str) -> str:
    """Content for rich: control characters made visible, then rich markup escaped."""
    from rich.markup import escape

    return escape(safe_text(text))


def _meter(name: str, value: float, width: int = 10) -> str:
    filled = max(0, min(width, round(value / 100 * width)))
    colour = "green" if value >= 60 else "yellow" if value >= 35 else "red"
    return f"{_esc(name)} [{colour}]{'█' * filled}{'░' * (width - filled)}[/] {_num(value)}"


def make_screen(out: IO[str], t: Translator, rich: bool | None = None,
                echo: bool = True) -> PlainScreen:
    """Rich on a terminal, plain otherwise (``rich`` forces one or the other). ``echo``:
    repeat each answer after the prompt (input that no terminal echoes, e.g. a pipe)."""
    use_rich = out.isatty() if rich is None else rich
    return RichScreen(out, t, echo) if use_rich else PlainScreen(out, t, echo)
