"""Where the encounter's parts go, for one window size and text size.

Side by side (client panel | header, conversation, answers) when the whole node
line, every answer (or the whole feedback) and the hint fit at once; otherwise
stacked in one column that scrolls: countdown pinned at the top, then the channel
header, the conversation, the answers or feedback, and the client strip last. So at
200 % text on a 1024x600 window nothing is squeezed into a one-line pane: it all
keeps its natural height and the column scrolls, starting at the newest line.

Every text box is recorded in ``screen.boxes`` (``game.ui.boxes``) as placed with
the column at scroll 0, which is what the layout test checks.
"""

from __future__ import annotations

import pygame

from game.ui.textcache import render_block
from game.ui.widgets.transcript import render_entry

CHOOSE, FEEDBACK, ENDED = "choose", "feedback", "ended"
SCROLLBAR = 12  # room kept right of a scrolling pane for its bar


def place(s, size: tuple[int, int], anchor: bool = True) -> None:
    """Lay the screen ``s`` out; ``anchor`` scrolls a stacked column to the newest line."""
    look = s.look
    w = size[0]
    body, pad = look.book.body_px, look.pad
    s.boxes.clear()
    s.layout_gen += 1
    side_w = max(body * 9, min(w * 26 // 100, body * 15))
    main_x = pad * 2 + side_w
    main_w = w - main_x - pad
    if main_w >= body * 24 and _split(s, size, side_w, main_x, main_w):
        s.stacked = False
        s.scroll = s.max_scroll = 0
        return
    s.stacked = True
    s.chrome_for = None
    s.chrome_gen += 1
    if anchor:
        s.scroll = 0
    wanted = s.scroll
    s.scroll = 0
    newest = _stacked(s, size, record=True)
    if anchor:
        wanted = newest
    s.scroll = max(0, min(wanted, s.max_scroll))
    if s.scroll:
        s.layout_gen += 1
        _stacked(s, size, record=False)


def _hint(s, width: int) -> pygame.Surface:
    look = s.look
    text = s.t("play.choices_hint", count=len(s.choices.buttons))
    return render_block(look.book.font("small"), text, width, look.pal.muted)


def _bottom_height(s, width: int) -> int:
    """What the answers (or the feedback and its button) need below the conversation."""
    look, pad = s.look, s.look.pad
    if s.phase == CHOOSE:
        return s.choices.measure(look, width - 10) + pad // 2 + _hint(s, width).get_height()
    btn_h = s.next_button.layout(look, 0, 0, _button_width(s, width))
    if s.phase == FEEDBACK and s.feedback is not None:
        return s.feedback.measure(look, width) + pad + btn_h
    return btn_h


def _button_width(s, width: int) -> int:
    return min(width, s.look.book.body_px * 16)


def _split(s, size, side_w: int, x: int, width: int) -> bool:
    look, pad = s.look, s.look.pad
    h = size[1]
    if s.sidebar.min_height(look, side_w) > h - pad * 2:
        return False
    top = pad + (s.header.rect.height if s.chrome_for == (look, pygame.Rect(
        pad, pad, side_w, h - pad * 2), x, width) else s.header.layout(look, x, pad, width)) + pad
    timed = bool(s.countdown.limit) and s.phase == CHOOSE
    if timed:
        top += s.countdown.layout(look, x, top, width) + pad
    bottom_h = _bottom_height(s, width)
    last = 2 if s.phase == ENDED else 1
    entries = [render_entry(line, s.transcript.channel, look, width - SCROLLBAR - 8)[0]
               for line in s.transcript.lines]
    newest = entries[-last:]
    # the newest line whole, and any earlier one whole once scrolled to
    need = sum(img.get_height() for img in newest) + pad * max(0, len(newest) - 1)
    need = max(need, look.book.line_height() * 3, *(img.get_height() for img in entries))
    if top + need + pad + bottom_h + pad > h:
        return False
    boxes = s.boxes
    side = pygame.Rect(pad, pad, side_w, h - pad * 2)
    if s.chrome_for != (look, side, x, width):  # a new node keeps the client panel as is
        s.chrome_for = (look, side, x, width)
        s.chrome_gen += 1
        s.sidebar.layout(look, side, boxes)
    else:
        s.sidebar.record(boxes, "window")
    s.header.record(boxes)
    if timed:
        boxes.add("countdown", s.countdown.rect, s.countdown.need)
    bottom = _place_bottom(s, x, width, h - pad - bottom_h, "window", boxes)
    rect = pygame.Rect(x, top, width - SCROLLBAR, bottom - pad - top)
    s.transcript.layout(look, rect)
    boxes.view("transcript", rect, scrolls=True)
    s.transcript.record(boxes, "transcript")
    return True


def _place_bottom(s, x: int, width: int, y: int, view: str, boxes) -> int:
    """Answers + hint, or feedback + Continue, from ``y`` down; returns ``y``."""
    look, pad = s.look, s.look.pad
    top = y
    if s.phase == CHOOSE:
        want = s.choices.measure(look, width - 10)
        area = pygame.Rect(x, y, width, want)
        s.choices.layout(look, area)
        if view == "window":
            boxes.view("choices", area, scrolls=True)
        for i, b in enumerate(s.choices.buttons):
            boxes.add(f"choice.{i + 1}", b.rect, b.need, "choices" if view == "window" else view)
        hint = _hint(s, width)
        s.hint_img, s.hint_pos = hint, (x, area.bottom + pad // 2)
        boxes.add("hint", pygame.Rect(s.hint_pos, hint.get_size()), hint, view)
        return top
    bw = _button_width(s, width)
    if s.phase == FEEDBACK and s.feedback is not None:
        fb_h = s.feedback.measure(look, width)
        s.feedback.layout(look, pygame.Rect(x, y, width, fb_h))
        fb_view = "feedback" if view == "window" else view
        if view == "window":
            boxes.view("feedback", s.feedback.rect, scrolls=True)
        s.feedback.record(boxes, fb_view)
        y += fb_h + pad
    s.next_button.layout(look, x + width - bw, y, bw)
    boxes.add("continue", s.next_button.rect, s.next_button.need, view)
    return top


def _stacked(s, size, record: bool) -> int:
    """Place everything in one column at ``s.scroll``; returns the newest line's scroll."""
    look, pad = s.look, s.look.pad
    w, h = size
    boxes = s.boxes if record else _Discard()
    x, cw = pad, w - pad * 2 - SCROLLBAR
    top = pad
    timed = bool(s.countdown.limit) and s.phase == CHOOSE
    if timed:
        top += s.countdown.layout(look, x, top, cw) + pad
        boxes.add("countdown", s.countdown.rect, s.countdown.need)
    view = pygame.Rect(x, top, w - pad * 2, h - top - pad)
    boxes.view("column", view, scrolls=True, reading=True)
    y = top - s.scroll
    y += s.header.layout(look, x, y, cw) + pad
    s.header.record(boxes, "column")
    s.transcript.layout(look, pygame.Rect(x, y, cw, 1))
    pane = s.transcript.pane
    s.transcript.layout(look, pygame.Rect(x, y, cw, max(pane.content_height, 1)))
    s.transcript.record(boxes, "column")
    last = 2 if s.phase == ENDED else 1
    entries = pane.entries
    newest = y + sum(img.get_height() + pane.gap for img, _ in entries[:-last]) \
        if len(entries) > last else y
    y += pane.content_height + pad
    s.hint_img = None
    _place_bottom(s, x, cw, y, "column", boxes)
    if s.phase == CHOOSE:
        y = s.hint_pos[1] + s.hint_img.get_height() + pad
    else:
        y = s.next_button.rect.bottom + pad
    y += s.sidebar.layout_compact(look, x, y, cw, boxes, "column") + pad
    content = y + s.scroll - top
    s.max_scroll = max(0, content - view.height)
    s.column_view = view
    return newest - (top - s.scroll) - pad // 2


class _Discard:
    """A Boxes that keeps nothing (the second, scrolled placement)."""

    def add(self, *args, **kwargs) -> None:
        pass

    def view(self, *args, **kwargs) -> None:
        pass
