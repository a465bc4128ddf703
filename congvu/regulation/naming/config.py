"""The `[naming]` table of a province profile, validated into a frozen `NamingConfig`.

One profile names one engine (RULES.md §2): ``st14`` (ST14-3, adopted by ST17-5), ``qn20``
(QN20-4), ``sl25`` (SL25-5) or ``tg09`` (TG09-3.1). Every other key is optional and has the
engine's default, which is the reading of READINGS.md A that the key names:

=================  =======  ===========================================================
key                engines  meaning
=================  =======  ===========================================================
``type_words``     st14     table ``"ubnd huyện" = "huyen"`` adding to or replacing the
                            default ST14-3.1.a type words (reading A.1)
``number_start``   qn20,    first clash number: QN20-4.2 counts 1, 2, 3…; ST14-3.3.b
                   st14     shows ``ntbinh2`` (reading A.3: no ``ntbinh1``)
``propose_digits`` sl25     ``"lowest"`` (default), ``"birth_year"`` or ``"none"``: what
                            the engine offers when the operator gave no digits (A.8)
``personal``       tg09     template of a personal address, e.g. ``"{given}{initials}"``
``organisation``   tg09     template of a unit address, e.g. ``"{initials}"``
``confirm_all``    all      every proposal needs the operator's confirmation (always true
                            for tg09, reading A.10)
=================  =======  ===========================================================

Personal template fields: ``{given}``, ``{family}``, ``{middle}``, ``{initials}`` (family
and middle), ``{family_initials}``, ``{middle_initials}``, ``{unit}`` (the agency's address).
Organisation template fields: ``{initials}`` (of the unit's name), ``{name}`` (the whole name
folded) and ``{parent}`` (the parent unit's address, for sub-units).
QN20 has no ``clash_scope``: an address is unique in the domain, so an identical address
anywhere is a clash; rank decides only inside one agency (reading A.4).
A bad key or value raises `ConfigError`
naming the file, the key and the problem.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from congvu.domain.errors import ConfigError
from congvu.domain.folding import fold

EngineName = Literal["st14", "qn20", "sl25", "tg09"]
ENGINES: tuple[EngineName, ...] = ("st14", "qn20", "sl25", "tg09")
DigitsPolicy = Literal["lowest", "birth_year", "none"]

# ST14-3.1.a, reading A.1: the type of organisation written in full; "UBND <level>" is its level.
DEFAULT_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("ủy ban nhân dân tỉnh", "tinh"),
    ("ủy ban nhân dân huyện", "huyen"),
    ("ủy ban nhân dân thị xã", "thixa"),
    ("ủy ban nhân dân thành phố", "thanhpho"),
    ("ủy ban nhân dân xã", "xa"),
    ("ủy ban nhân dân phường", "phuong"),
    ("ủy ban nhân dân thị trấn", "thitran"),
    ("ubnd tỉnh", "tinh"),
    ("ubnd huyện", "huyen"),
    ("ubnd thị xã", "thixa"),
    ("ubnd thành phố", "thanhpho"),
    ("ubnd xã", "xa"),
    ("ubnd phường", "phuong"),
    ("ubnd thị trấn", "thitran"),
    ("văn phòng ubnd", "vanphong"),
    ("sở", "so"),
    ("ban", "ban"),
    ("phòng", "phong"),
    ("trung tâm", "trungtam"),
    ("chi cục", "chicuc"),
    ("văn phòng", "vanphong"),
    ("thanh tra", "thanhtra"),
    ("bệnh viện", "benhvien"),
    ("trường", "truong"),
    ("xã", "xa"),
    ("phường", "phuong"),
    ("thị trấn", "thitran"),
    ("huyện", "huyen"),
    ("thị xã", "thixa"),
    ("thành phố", "thanhpho"),
)

_KEYS: dict[str, frozenset[EngineName]] = {
    "engine": frozenset(ENGINES),
    "confirm_all": frozenset(ENGINES),
    "type_words": frozenset(("st14",)),
    "number_start": frozenset(("st14", "qn20")),
    "propose_digits": frozenset(("sl25",)),
    "personal": frozenset(("tg09",)),
    "organisation": frozenset(("tg09",)),
}
PERSON_FIELDS = frozenset(
    ("given", "family", "middle", "initials", "family_initials", "middle_initials", "unit")
)
UNIT_FIELDS = frozenset(("initials", "name", "parent"))


def type_key(phrase: str) -> str:
    """The lookup key of a type phrase: folded words joined by single spaces."""
    return " ".join(fold(phrase).split())


@dataclass(frozen=True, slots=True)
class NamingConfig:
    """The naming engine of a profile and its options (see the module docstring)."""

    engine: EngineName
    type_words: tuple[tuple[str, str], ...] = ()  # empty: DEFAULT_TYPE_TABLE
    number_start: int | None = None
    propose_digits: DigitsPolicy = "lowest"
    personal: str | None = None
    organisation: str | None = None
    confirm_all: bool = False

    @property
    def first_number(self) -> int:
        """ST14-3.3.b starts at 2 (reading A.3); QN20-4.2 at 1; SL25 proposes from 1."""
        if self.number_start is not None:
            return self.number_start
        return 2 if self.engine == "st14" else 1

    @property
    def type_table(self) -> tuple[tuple[str, str], ...]:
        """ST14 type phrases (folded) and their words, longest phrase first."""
        return self.type_words or DEFAULT_TYPE_TABLE

    @property
    def needs_confirmation(self) -> bool:
        return self.confirm_all or self.engine == "tg09"

    @classmethod
    def default(cls, engine: EngineName) -> NamingConfig:
        return cls(engine=engine)

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, where: str) -> NamingConfig:
        """Validate a profile's ``[naming]`` table; `where` names the file in errors."""

        def fail(key: str, problem: str) -> ConfigError:
            # e.g. "profiles/sonla-2025.toml: [naming] propose_digits: must be …"
            return ConfigError(f"{where}: [naming] {key}: {problem}")

        engine = data.get("engine")
        if engine not in ENGINES:
            raise fail("engine", f"must be one of {', '.join(ENGINES)}, got {engine!r}")
        name: EngineName = engine
        for key in data:
            allowed = _KEYS.get(key)
            if allowed is None:
                raise fail(key, "unknown key")
            if name not in allowed:
                raise fail(key, f"not an option of the {name} engine")
        options: dict[str, object] = {"engine": name}
        if "confirm_all" in data:
            options["confirm_all"] = _bool(data["confirm_all"], fail("confirm_all", "must be true or false"))
        if "type_words" in data:
            options["type_words"] = _type_words(data["type_words"], fail)
        if "number_start" in data:
            value = data["number_start"]
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 9:
                raise fail("number_start", f"must be an integer from 0 to 9, got {value!r}")
            options["number_start"] = value
        if "propose_digits" in data:
            digits = data["propose_digits"]
            if digits not in ("lowest", "birth_year", "none"):
                raise fail("propose_digits", f'must be "lowest", "birth_year" or "none", got {digits!r}')
            options["propose_digits"] = digits
        for key, fields in (("personal", PERSON_FIELDS), ("organisation", UNIT_FIELDS)):
            if key in data:
                options[key] = _template(data[key], fields, fail(key, "").args[0])
        return cls(**options)  # type: ignore[arg-type]


def _bool(value: object, error: ConfigError) -> bool:
    if not isinstance(value, bool):
        raise error
    return value


def _sorted_table(table: Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    """Longest phrase first, so ``ubnd huyện`` wins over ``huyện``."""
    return tuple(sorted(table.items(), key=lambda kv: (-len(kv[0].split()), kv[0])))


DEFAULT_TYPE_TABLE = _sorted_table({type_key(k): v for k, v in DEFAULT_TYPE_WORDS})


def _type_words(value: object, fail: Callable[[str, str], ConfigError]) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, Mapping):
        raise fail("type_words", 'must be a table such as { "ubnd huyện" = "huyen" }')
    merged = dict(DEFAULT_TYPE_TABLE)
    for phrase, word in value.items():
        if not isinstance(phrase, str) or not type_key(phrase):
            raise fail("type_words", f"bad type phrase {phrase!r}")
        if not isinstance(word, str) or not word.isascii() or not word.isalnum() or word != word.lower():
            raise fail("type_words", f"{phrase!r}: the type word must be lower-case a-z0-9, got {word!r}")
        merged[type_key(phrase)] = word
    return _sorted_table(merged)


_LITERAL = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.")


def _template(value: object, fields: frozenset[str], prefix: str) -> str:
    problem = None
    if not isinstance(value, str) or not value:
        problem = "must be a non-empty string"
    else:
        try:
            parsed = list(string.Formatter().parse(value))
        except ValueError as exc:
            problem = f"bad template: {exc}"
        else:
            for literal, field, spec, conversion in parsed:
                if field is not None and (field not in fields or spec or conversion):
                    problem = f"unknown field {{{field}}}; allowed: {', '.join(sorted(fields))}"
                    break
                if literal and not all(ch in _LITERAL for ch in literal):
                    problem = f"literal text {literal!r} must be a-z, 0-9 or '.'"
                    break
    if problem is not None:
        raise ConfigError(prefix + problem)
    assert isinstance(value, str)
    return value
