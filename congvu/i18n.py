"""User-facing text, Vietnamese first and English second.

Each package keeps its own catalogue, a mapping ``key -> (vietnamese, english)`` registered
here with `register`, so messages live beside the code that raises them and no two packages
edit one shared file. A key is dotted by package (``password.too_short``). Parameters use
`str.format` names. `translate` falls back to the key itself, so a missing entry is visible
rather than silent; a unit test checks that every key a package uses is registered.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

_CATALOG: dict[str, tuple[str, str]] = {}


def register(messages: Mapping[str, tuple[str, str]]) -> None:
    """Add a package's messages; the same key twice with different text is a programming error."""
    for key, texts in messages.items():
        existing = _CATALOG.get(key)
        if existing is not None and existing != texts:
            raise ValueError(f"i18n key registered twice with different text: {key}")
        _CATALOG[key] = texts


def translate(key: str, lang: Lang = "vi", /, **params: object) -> str:
    """The message for `key` in `lang`, formatted with `params`; the key itself when unknown."""
    texts = _CATALOG.get(key)
    if texts is None:
        return key
    template = texts[0] if lang == "vi" else texts[1]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


def known(key: str) -> bool:
    return key in _CATALOG
