"""The training room's configuration: one TOML file (docs/configuration.md), read from
a machine-wide and a per-user location, merged, with where every value came from.

Precedence, lowest first: built-in default, the machine-wide file, the per-user file,
the environment variable (where a key has one), the command line. The machine-wide
file sets the room's policy: ``modes`` and ``time_limits_allowed`` there can only be
narrowed by the per-user file, never widened, so a trainee cannot re-enable what the
training department switched off. Reading only: the CLI applies it, the game's
settings follow it; nothing here prints.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from game.core.errors import UserError
from game.core.resources import APP_NAME

FILE_NAME = "config.toml"
LANGS = ("en", "it", "pl")
MODES = ("practice", "assessment")
TIME_LIMITS = ("normal", "extended", "off")

#: key -> (environment variable that overrides it, or None; what it is)
KEYS: dict[str, tuple[str | None, str]] = {
    "score_log": ("CRT_DB", "the SQLite score log: a path or a file:/sqlite:/// URL"),
    "lrs_url": ("CRT_LRS_URL", "the learning record store's xAPI endpoint"),
    "lrs_user": ("CRT_LRS_USER", "the LRS user (basic auth)"),
    "lrs_password": ("CRT_LRS_PASSWORD", "the LRS password (basic auth)"),
    "language": (None, "the default language: en, it or pl"),
    "modes": (None, "the modes a trainee may play: practice, assessment"),
    "time_limits": (None, "the default time-limit setting: normal, extended or off"),
    "time_limits_allowed": (None, "the time-limit settings a trainee may choose"),
    "scenarios": ("CRT_SCENARIOS", "the trainer's own scenario folder"),
}
POLICY = ("modes", "time_limits_allowed")  # narrowed, never widened, by the per-user file
DEFAULTS: dict[str, object] = {
    "score_log": "", "lrs_url": "", "lrs_user": "", "lrs_password": "",
    "language": "en", "modes": list(MODES), "time_limits": "normal",
    "time_limits_allowed": list(TIME_LIMITS), "scenarios": "",
}


class ConfigError(UserError):
    """A configuration file that cannot be used (exit 1, one line naming the file)."""


@dataclass(frozen=True, slots=True)
class Source:
    """One place a configuration is read from, and whether it was there."""

    label: str  # "machine-wide" | "per-user"
    path: Path
    found: bool


@dataclass(frozen=True, slots=True)
class RoomConfig:
    """The values in force, each with where it came from."""

    values: dict[str, object]
    origin: dict[str, str]  # key -> "default" | "machine-wide file" | "per-user file" | "$VAR"
    sources: tuple[Source, ...] = field(default_factory=tuple)

    @property
    def language(self) -> str:
        return str(self.values["language"])

    @property
    def modes(self) -> tuple[str, ...]:
        return tuple(m for m in MODES if m in self.values["modes"])  # type: ignore[operator]

    @property
    def time_limits(self) -> str:
        return str(self.values["time_limits"])

    @property
    def time_limits_allowed(self) -> tuple[str, ...]:
        allowed = self.values["time_limits_allowed"]
        return tuple(t for t in TIME_LIMITS if t in allowed)  # type: ignore[operator]

    def env(self) -> dict[str, str]:
        """Environment variables the files set (the CLI sets them where not already set)."""
        out = {}
        for key, (var, _) in KEYS.items():
            value = self.values[key]
            if var and value and self.origin[key].endswith("file"):
                out[var] = score_log_path(str(value)) if key == "score_log" else str(value)
        return out


def locations() -> tuple[tuple[str, Path], ...]:
    """Where the file is looked for, machine-wide first (``/etc/xdg/…`` on Linux,
    ``C:\\ProgramData\\…`` on Windows, ``/Library/Application Support/…`` on macOS)."""
    from platformdirs import site_config_path, user_config_path

    return (("machine-wide", site_config_path(APP_NAME, appauthor=False) / FILE_NAME),
            ("per-user", user_config_path(APP_NAME, appauthor=False) / FILE_NAME))


def score_log_path(value: str) -> str:
    """``file:///srv/log.sqlite3`` or ``sqlite:///srv/log.sqlite3`` as a path; a path as is."""
    parsed = urlparse(value)
    if parsed.scheme in ("file", "sqlite") and (parsed.path or parsed.netloc):
        path = unquote(parsed.path)
        if parsed.netloc and parsed.netloc != "localhost":  # file://server/share (UNC)
            return f"//{parsed.netloc}{path}"
        # Windows: file:///C:/x -> C:/x
        return path[1:] if len(path) > 2 and path[0] == "/" and path[2] == ":" else path
    return value


def _read(path: Path) -> dict[str, object]:
    import tomllib  # here: most machines have no file, and every command loads the config

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML: {err}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot be read: {err}") from None
    for key, value in data.items():
        _check(path, key, value)
    return data


def _check(path: Path, key: str, value: object) -> None:
    if key not in KEYS:
        import difflib

        close = difflib.get_close_matches(key, KEYS, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (known: {', '.join(KEYS)})"
        raise ConfigError(f"{path}: unknown key '{key}'{hint}")
    choices = {"language": LANGS, "time_limits": TIME_LIMITS, "modes": MODES,
               "time_limits_allowed": TIME_LIMITS}.get(key)
    if key in POLICY:
        if not (isinstance(value, list) and value and all(v in choices for v in value)):
            raise ConfigError(f"{path}: '{key}' must be a non-empty list of "
                              f"{', '.join(map(repr, choices))}")  # type: ignore[arg-type]
    elif not isinstance(value, str) or (choices and value not in choices):
        allowed = f"one of {', '.join(map(repr, choices))}" if choices else "a string"
        raise ConfigError(f"{path}: '{key}' must be {allowed}, not {value!r}")


def load(environ: dict[str, str] | None = None,
         where: tuple[tuple[str, Path], ...] | None = None) -> RoomConfig:
    """The configuration in force (ConfigError on a file that cannot be used)."""
    environ = dict(os.environ) if environ is None else environ
    values, origin = dict(DEFAULTS), dict.fromkeys(KEYS, "default")
    sources = []
    for label, path in where if where is not None else locations():
        found = path.is_file()
        sources.append(Source(label, path, found))
        for key, value in (_read(path) if found else {}).items():
            if key in POLICY and origin[key] == "machine-wide file":
                value = [v for v in value if v in values[key]]  # type: ignore[union-attr, operator]
                if not value:
                    raise ConfigError(f"{path}: '{key}' allows nothing the machine-wide "
                                      f"file allows ({', '.join(values[key])})")  # type: ignore[arg-type]
                if sorted(value) == sorted(values[key]):  # type: ignore[arg-type]
                    continue  # the same policy: it still comes from the machine-wide file
            values[key], origin[key] = value, f"{label} file"
    for key, (var, _) in KEYS.items():
        if var and environ.get(var, "").strip() and not _set_by_us(environ, var):
            values[key], origin[key] = environ[var].strip(), f"${var}"
    _check_policy(values, origin, sources)
    return RoomConfig(values, origin, tuple(sources))


APPLIED_ENV = "CRT_CONFIG_APPLIED"  # names of variables the CLI set from the files


def _set_by_us(environ: dict[str, str], var: str) -> bool:
    return var in environ.get(APPLIED_ENV, "").split(",")


def _check_policy(values: dict[str, object], origin: dict[str, str],
                  sources: list[Source]) -> None:
    """The default time-limit setting must be one the room allows."""
    allowed = values["time_limits_allowed"]
    if values["time_limits"] not in allowed:  # type: ignore[operator]
        if origin["time_limits"] == "default":
            values["time_limits"] = next(t for t in TIME_LIMITS if t in allowed)  # type: ignore[operator]
            origin["time_limits"] = origin["time_limits_allowed"]
            return
        where = next((str(s.path) for s in sources
                      if origin["time_limits"].startswith(s.label)), "the configuration")
        raise ConfigError(f"{where}: time_limits '{values['time_limits']}' is not in "
                          f"time_limits_allowed ({', '.join(allowed)})")  # type: ignore[arg-type]


def in_force_or_default() -> RoomConfig:
    """For the game's settings: the configuration, or the defaults when a file is broken
    (the CLI has already stopped with its one-line error; a front end started some other
    way still opens)."""
    try:
        return load()
    except ConfigError:
        return RoomConfig(dict(DEFAULTS), dict.fromkeys(KEYS, "default"))
