"""The player's settings, kept between runs in a small JSON file in the config folder."""

from __future__ import annotations

import errno
import json
import os
import stat
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from game.core.roomconfig import in_force_or_default

TEXT_SCALES: tuple[int, ...] = (100, 125, 150, 175, 200)
#: the training room's policy and defaults (docs/configuration.md); unconfigured, all
ROOM = in_force_or_default()
TIME_LIMITS: tuple[str, ...] = ROOM.time_limits_allowed  # normal, extended, off
LANGS: tuple[str, ...] = ("en", "it", "pl")
MODES: tuple[str, ...] = ROOM.modes  # practice, assessment
#: How the trainee asked to be addressed (Italian and Polish lines agree with it):
#: neutral phrasing, feminine, masculine.
FORMS: tuple[str, ...] = ("n", "f", "m")
ENV_VAR = "CRT_SETTINGS"


@dataclass(frozen=True, slots=True)
class Settings:
    text_scale: int = 100  # percent, 100-200
    high_contrast: bool = False
    reduced_motion: bool = False
    time_limits: str = ROOM.time_limits  # normal | extended | off, to the runtime's Timing
    dyslexic_font: bool = False
    sound: bool = True
    fullscreen: bool = False
    lang: str = ROOM.language
    mode: str = MODES[0]
    trainee: str = ""
    form: str = FORMS[0]

    def cycled(self, name: str) -> Settings:
        """The settings with ``name`` moved to its next value (what a settings row does)."""
        value = getattr(self, name)
        if isinstance(value, bool):
            return replace(self, **{name: not value})
        options = {"text_scale": TEXT_SCALES, "time_limits": TIME_LIMITS, "lang": LANGS,
                   "mode": MODES, "form": FORMS}[name]
        index = options.index(value) if value in options else -1
        return replace(self, **{name: options[(index + 1) % len(options)]})

    def sanitized(self) -> Settings:
        """Out-of-range values (hand-edited file) fall back to the defaults."""
        default = Settings()
        checks = {"text_scale": TEXT_SCALES, "time_limits": TIME_LIMITS, "lang": LANGS,
                  "mode": MODES, "form": FORMS}
        fixed = {name: getattr(default, name) for name, allowed in checks.items()
                 if getattr(self, name) not in allowed}
        return replace(self, **fixed)


def settings_path() -> Path:
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        try:
            return Path(env).expanduser()
        except RuntimeError:  # '~nosuchuser/...': an OSError, so loading and saving skip it
            raise FileNotFoundError(errno.ENOENT, "no such user's home folder", env) from None
    from platformdirs import user_config_path

    return user_config_path("client-relations-trainer", appauthor=False) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Saved settings, or the defaults when there are none or the file is unreadable."""
    try:
        data = json.loads(_read_small(path or settings_path()))
    except (OSError, ValueError, RecursionError):
        return Settings()
    if not isinstance(data, dict):  # a list, a string, null, a number: not settings
        return Settings()
    known = {f.name: f.type for f in fields(Settings)}
    default = Settings()
    values = {k: v for k, v in data.items()
              if k in known and isinstance(v, type(getattr(default, k)))}
    return Settings(**values).sanitized()


MAX_SETTINGS_BYTES = 64 * 1024  # the real file is ~300 bytes


def _read_small(path: Path) -> str:
    """The file's text if it is a small regular file. Opened non-blocking and checked
    before reading, so $CRT_SETTINGS at a FIFO (which would block for ever) or at
    /dev/zero (which never ends) is refused at once instead of hanging the game."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SETTINGS_BYTES:
            raise ValueError(f"{path} is not a small regular file")
        return stream.read(MAX_SETTINGS_BYTES + 1).decode("utf-8")


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write the settings; a read-only config folder is not worth stopping the game for."""
    try:
        path = path or settings_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    except OSError:
        return False
    return True
