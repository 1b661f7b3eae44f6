"""The layout model: every text box a screen placed, and the check that none is clipped,
overlaps another or falls outside the window.

Screens fill a ``Boxes`` in ``layout`` (each box: where it is drawn and the size its
rendered text needs; each view: a window area that may scroll). The check is what a
reader would notice: text cut off, two texts on top of each other, something off
screen or too tall to ever be seen whole in its scrolling pane.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pygame


@dataclass(frozen=True)
class View:
    name: str
    rect: pygame.Rect  # the window area it shows
    scrolls: bool = False  # content taller than ``rect`` is reached by scrolling
    #: the window's one reading column: a box taller than it is read by scrolling
    #: through it (the wheel moves it a sixth of its height), not a cramped pane
    reading: bool = False


@dataclass(frozen=True)
class Box:
    name: str
    rect: pygame.Rect  # in window coordinates at scroll 0 of its view
    need: tuple[int, int]  # the size its text needs
    view: str = "window"


@dataclass
class Boxes:
    views: dict[str, View] = field(default_factory=dict)
    boxes: list[Box] = field(default_factory=list)

    def view(self, name: str, rect: pygame.Rect, scrolls: bool = False,
             reading: bool = False) -> None:
        self.views[name] = View(name, pygame.Rect(rect), scrolls, reading)

    def add(self, name: str, rect: pygame.Rect, need: tuple[int, int] | pygame.Surface,
            view: str = "window") -> None:
        if isinstance(need, pygame.Surface):
            need = need.get_size()
        self.boxes.append(Box(name, pygame.Rect(rect), (int(need[0]), int(need[1])), view))

    def clear(self) -> None:
        self.views.clear()
        self.boxes.clear()


def problems(model: Boxes, window: tuple[int, int], cuts: int = 0) -> dict[str, list[str]]:
    """{"clipped": [...], "overlapping": [...], "outside": [...]}, each a readable line."""
    screen = pygame.Rect((0, 0), window)
    found: dict[str, list[str]] = {"clipped": [], "overlapping": [], "outside": []}
    if cuts:
        found["clipped"].append(f"{cuts} line(s) cut with an ellipsis")
    views = {"window": View("window", screen), **model.views}
    for v in model.views.values():
        if not screen.contains(v.rect):
            found["outside"].append(f"view {v.name} {v.rect} is outside the window {window}")
    names = list(model.views)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if views[a].rect.colliderect(views[b].rect):
                found["overlapping"].append(f"views {a} {views[a].rect} and {b} "
                                            f"{views[b].rect}")
    for box in model.boxes:
        v = views.get(box.view, views["window"])
        r = box.rect
        if r.width < box.need[0] or r.height < box.need[1]:
            found["clipped"].append(f"{box.name}: needs {box.need}, has {r.size}")
        inside_x = r.left >= v.rect.left and r.right <= v.rect.right
        inside_y = r.top >= v.rect.top and r.bottom <= v.rect.bottom
        if not inside_x or not (v.scrolls or inside_y):
            found["outside"].append(f"{box.name} {r} is outside {v.name} {v.rect}")
        elif v.scrolls and r.top < v.rect.top:
            found["outside"].append(f"{box.name} {r} is above the top of {v.name} {v.rect}")
        elif v.scrolls and r.height > v.rect.height and not v.reading:
            found["clipped"].append(f"{box.name} {r} can never be seen whole in {v.name} "
                                    f"{v.rect}")
        if box.view == "window":
            for other in model.views.values():
                if r.colliderect(other.rect):
                    found["overlapping"].append(f"{box.name} {r} and view {other.name} "
                                                f"{other.rect}")
    by_view: dict[str, list[Box]] = {}
    for box in model.boxes:
        by_view.setdefault(box.view, []).append(box)
    for group in by_view.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.rect.colliderect(b.rect):
                    found["overlapping"].append(f"{a.name} {a.rect} and {b.name} {b.rect}")
    return found
