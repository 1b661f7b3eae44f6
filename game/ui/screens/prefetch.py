"""Render, while the trainee reads, the text each answer of the current node leads to.

One piece per frame (their own line, the next node's line, its answers), so the next
node is drawn from the text cache in a couple of milliseconds.
"""

from __future__ import annotations

from collections.abc import Iterator

from game.ui.widgets.button import Button
from game.ui.widgets.transcript import render_entry


def prefetch_jobs(screen, node_id: str) -> Iterator[None]:
    """The work as a generator: the encounter runs one step per frame."""
    node = screen.scenario.nodes.get(node_id)
    if node is None or not screen._laid_out:
        return
    look, lang = screen.look, screen.lang
    width, channel = screen.transcript.pane.rect.width - 8, screen.transcript.channel
    for choice in node.choices:
        render_entry(screen._own_line(choice.text.get(lang)), channel, look, width)
        yield
        target = screen.scenario.nodes.get(choice.next)
        if target is None:
            continue
        render_entry(screen._node_line(str(target.speaker), target.text.get(lang)), channel,
                     look, width)
        yield
        for i, answer in enumerate(target.choices):
            Button(answer.text.get(lang), hint=str(i + 1) if i < 9 else "").layout(
                look, 0, 0, screen.choices.rect.width - 10)
            yield
