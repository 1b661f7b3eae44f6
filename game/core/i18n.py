"""UI strings for the front ends, looked up by key in the player's language.

Catalogues are data (``assets/i18n/<domain>/<lang>.yaml``: flat ``key: text``
mappings with ``{name}`` placeholders) so translators never touch code.
"""

from __future__ import annotations

from functools import cache

from game.core.model import LANGS
from game.core.resources import assets_dir

ASSETS = assets_dir()  # inside the package when installed


@cache
def catalogue(domain: str, lang: str) -> dict[str, str]:
    """The ``domain`` strings in ``lang`` (cached; English for an unknown language)."""
    from game.core.loader import load_yaml_data

    lang = lang if lang in LANGS else "en"
    data = load_yaml_data(ASSETS / "i18n" / domain / f"{lang}.yaml")
    return {str(k): str(v) for k, v in data.items()}


class Translator:
    """``t("debrief.title", name="Anna")`` in one domain and language."""

    def __init__(self, domain: str, lang: str) -> None:
        self.domain = domain
        self.lang = lang if lang in LANGS else "en"

    def __call__(self, key: str, /, **values: object) -> str:
        text = catalogue(self.domain, self.lang).get(key)
        if text is None:
            text = catalogue(self.domain, "en").get(key, key)
        return text.format(**values) if values else text
