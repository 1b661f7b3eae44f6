"""Who says a node's line, and what of it is speech: one place for the game window, the
terminal and the manager's session replay (pure: the wording comes from the caller's
translator, whose catalogue holds the ``speaker.*``, ``email.*`` and ``social.*`` strings).

Scenario lines carry their stage directions inline: "(Dario, IT) Oh, the CSV
export?...", "(Red-faced) «Three weeks?!»", "@FitZoneKrakow: «...» [photos]". A
bubble must hold only what is said, headed by who says it:

* a leading ``(...)`` is a stage direction: for a colleague it names them (the
  heading becomes "Colleague: Dario, IT"); for anyone else it is shown as a caption
  outside the bubble;
* a feed line that starts with a handle (``@name:`` or ``@name posts``) is a post by
  that handle, not by the scenario's persona;
* ``[photos]`` and the like are attachments, drawn as an image card;
* narrator lines are narration, never a post or an email.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_DIRECTION = re.compile(r"^\(([^()]{1,80})\)\s*")
_HANDLE = re.compile(r"^(@[\w.]+)(:\s*|\s+)")
_ATTACHMENT = re.compile(r"\s*\[([^\[\]]{1,24})\]")
_STARS = re.compile("\u2b50+")  # the emoji font draws ⭐ as an outline: read as 0 stars


@dataclass(frozen=True)
class Said:
    who: str  # the heading: the speaker's name or role
    text: str  # only what is said
    direction: str = ""  # a stage direction shown outside the bubble
    header: str = ""  # an email's From line, a post's author line
    narration: bool = False
    attachments: tuple[str, ...] = ()
    stars: int = 0  # a rating ("⭐⭐⭐⭐⭐"), drawn as filled stars under the text


def split_direction(text: str) -> tuple[str, str]:
    """("Dario, IT", "Oh, the CSV export?...") from "(Dario, IT) Oh, the CSV export?..."."""
    found = _DIRECTION.match(text)
    if not found:
        return "", text
    return found.group(1).strip(), text[found.end():]


def split_attachments(text: str) -> tuple[str, tuple[str, ...]]:
    """("See the mock-up.", ("photo",)) from "See the mock-up. [photo]"."""
    labels = tuple(m.group(1).strip() for m in _ATTACHMENT.finditer(text))
    return _ATTACHMENT.sub("", text).strip(), labels


def present(speaker: str, text: str, channel: str, persona_name: str, persona_company: str,
            t: Callable[..., str]) -> Said:
    """A node's line as the trainee should read it, in ``channel``'s conventions."""
    from dataclasses import replace

    stars = _STARS.search(text)
    if stars:
        text = re.sub(r"\s+(?=[»”])", "", _STARS.sub("", text, count=1)).replace("  ", " ")
        said = present(speaker, text, channel, persona_name, persona_company, t)
        return replace(said, stars=len(stars.group(0)))
    text, attachments = split_attachments(text)
    if speaker == "narrator":
        return Said("", text, narration=True, attachments=attachments)
    direction, rest = split_direction(text)
    if speaker == "colleague":
        who = t("speaker.colleague_named", name=direction) if direction \
            else t("speaker.colleague")
        header = t("email.from_internal", name=direction or t("speaker.colleague")) \
            if channel == "email" else ""
        return Said(who, rest, header=header, attachments=attachments)
    if speaker == "manager":
        who = t("speaker.manager")
        header = t("email.from_manager") if channel == "email" else ""
        return Said(who, rest, direction, header, attachments=attachments)
    if speaker == "feed":
        handle = _HANDLE.match(rest)
        if handle:
            author = handle.group(1)
            if handle.group(2).strip() == ":":
                rest = rest[handle.end():]
            return Said(author, rest, direction, t("social.post_by", name=author),
                        attachments=attachments)
        return Said(t("speaker.feed"), rest, direction, attachments=attachments)
    header = t("email.from", name=persona_name, company=persona_company) \
        if channel == "email" else ""
    return Said(persona_name, rest, direction, header, attachments=attachments)


def post_author(texts: list[str]) -> str | None:
    """The handle that wrote a social scene's post: the first feed line's author."""
    for text in texts:
        found = _HANDLE.match(split_direction(split_attachments(text)[0])[1])
        if found:
            return found.group(1)
    return None
