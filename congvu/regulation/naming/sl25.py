"""SL25-5 (Sơn La 2025): the address naming engine.

* Provincial unit (5.1.a): initials of every word, "và" not counted: Sở Khoa học và Công
  nghệ → ``skhcn``, Văn phòng tỉnh ủy → ``vptu``. A clash with another unit adds letters:
  the rest of the initial consonant clusters of the words in order (reading A.5: Sở Ngoại
  vụ → ``sngv`` beside Sở Nội vụ ``snv``); the existing unit keeps its form; the operator
  confirms.
* Commune level (5.1.b): the UBND of a xã or phường uses the commune's name without
  diacritics and without "xã"/"phường": phường Chiềng Cơi → ``chiengcoi``. Other
  commune-level bodies use the sub-unit form with the commune as parent (reading A.6).
  Two communes folding to one string (Phường Mỹ Tho, Xã Mỹ Thọ → ``mytho``) are a unit
  clash: letters added, the operator decides (reading A.9).
* Sub-unit (5.1.c): ``<sub>.<parent>``, the sub-unit abbreviated without the word "phòng":
  ``ht.skhcn``, ``vhxh.mocchau``.
* Personal (5.2): ``<tên><initials of họ and tên đệm>.<agency>``: ``duyenct.skhcn``; staff of
  a phòng use the agency's part (reading A.7).
* Clash (5.2): digits after the initials. Reading A.8: the existing holder keeps the plain
  form; the operator supplies the digits (``hoant90.skhcn``, ``hoant88.skhcn``); the engine
  may offer the lowest free number or a two-digit birth year, always for confirmation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count

from congvu.domain.rules import Violation
from congvu.regulation.naming import abbreviate as ab
from congvu.regulation.naming.clash import AgencyKey, Candidate, Form, agency_part, candidate
from congvu.regulation.naming.config import NamingConfig
from congvu.regulation.naming.messages import later, reason
from congvu.regulation.naming.model import Existing, PersonRequest, Unit, UnitRequest

# type words of a commune-level People's Committee name, folded
COMMUNE_TYPES = (("thi", "tran"), ("dac", "khu"), ("xa",), ("phuong",))
_SUB_DROPPED = ("phong",)


@dataclass(slots=True)
class Sl25Engine:
    config: NamingConfig
    rule: str = "SL25-5.2"
    _units: dict[Unit, Form] = field(default_factory=dict)
    _agencies: dict[AgencyKey, str | None] = field(default_factory=dict)

    def agency_part(self, unit: Unit) -> str | None:
        return agency_part(unit, self._agencies, self.unit)

    # --- personal boxes -------------------------------------------------------------------
    def personal(self, request: PersonRequest) -> Form:
        stem = request.person.given_key() + request.person.initials()
        part = self.agency_part(request.unit)
        reasons = []
        if part is None:
            return Form(None, (reason("SL25-5.2", "naming.sl25.commune_body_needs_parent", reading="A.6"),))
        plain = f"{stem}.{part}"
        reasons.append(reason("SL25-5.2", "naming.personal", plain=plain))
        if request.unit.parent is not None:
            reasons.append(reason("SL25-5.2", "naming.staff_of_agency", reading="A.7", agency=part))
        digits = request.digits
        if digits is not None and not _valid_digits(digits):
            reasons.append(reason("SL25-5.2", "naming.digits_invalid", reading="A.8", digits=digits))
            return Form(plain, tuple(reasons), stem=stem, suffix=part, confirm=True)
        return Form(plain, tuple(reasons), stem=stem, suffix=part)

    def personal_candidates(self, request: PersonRequest, form: Form, start: int) -> Iterator[Candidate]:
        if request.digits is not None:
            digits = request.digits.strip()
            local = f"{form.stem}{digits}.{form.suffix}"
            if not _valid_digits(digits):
                return
            yield candidate(
                local, later("SL25-5.2", "naming.digits_operator", reading="A.8", digits=digits, local=local)
            )
            return
        policy = self.config.propose_digits
        if policy == "none":
            return
        if policy == "birth_year" and request.birth_year is not None:
            digits = f"{request.birth_year % 100:02d}"
            local = f"{form.stem}{digits}.{form.suffix}"
            yield candidate(
                local,
                later("SL25-5.2", "naming.digits_birth_year", reading="A.8", digits=digits, local=local),
                confirm=True,
            )
        for n in count(start):
            local = f"{form.stem}{n}.{form.suffix}"
            yield candidate(
                local,
                later("SL25-5.2", "naming.digits_lowest", reading="A.8", digits=n, local=local),
                n,
                True,
            )
            if n > 100_000:
                return

    def priority(self, request: PersonRequest) -> tuple[int, ...]:
        return (request.order,)

    def holder_forms(self, holder: Existing) -> Iterator[str]:
        return iter(())  # no rank rule, so no holder ever moves

    def rank_rule(self, request: PersonRequest, holder: Existing) -> Violation | None:
        return None  # SL25-5.2 states no rank rule; the existing holder keeps the form (A.8)

    # --- organisation boxes ---------------------------------------------------------------
    def unit(self, request: UnitRequest) -> Form:
        unit = request.unit
        cached = self._units.get(unit)
        if cached is None:
            cached = self._unit(unit)
            self._units[unit] = cached
        return cached

    def _unit(self, unit: Unit) -> Form:
        words = ab.unit_words(unit.name)
        if unit.parent is not None:
            words = ab.strip_parent(words, unit.parent.name)
            if ab.folded(words[:1]) == _SUB_DROPPED and len(words) > 1:
                words = words[1:]
            parent = unit.parent.address or self.unit(UnitRequest(unit.parent)).plain
            if parent is None:
                return Form(
                    None, (reason("SL25-5.1.c", "naming.sl25.commune_body_needs_parent", reading="A.6"),)
                )
            own = ab.initials(words)
            plain = f"{own}.{parent}"
            # 5.1.c names the units under a commune too; reading A.6 puts other commune-level
            # bodies here, so both cite 5.1.c
            return Form(
                plain, (reason("SL25-5.1.c", "naming.sub_unit", plain=plain),), stem=own, suffix=parent
            )
        if unit.commune:
            place = commune_place(words)
            if place is None:
                return Form(
                    None, (reason("SL25-5.1.b", "naming.sl25.commune_body_needs_parent", reading="A.6"),)
                )
            plain = ab.joined(place)
            return Form(plain, (reason("SL25-5.1.b", "naming.commune", plain=plain),), stem=plain)
        plain = ab.initials(words)
        return Form(plain, (reason("SL25-5.1.a", "naming.organisation", plain=plain),), stem=plain)

    def unit_candidates(self, request: UnitRequest, form: Form) -> Iterator[Candidate]:
        unit = request.unit
        words = ab.unit_words(unit.name)
        tail = f".{form.suffix}" if form.suffix else ""
        if unit.commune and unit.parent is None:
            # reading A.9: the type word first (xamytho beside phường Mỹ Tho's mytho), then numbers
            type_word = commune_type(words)
            if type_word:
                local = f"{type_word}{form.stem}"
                yield candidate(
                    local,
                    later("SL25-5.1.b", "naming.commune_clash", reading="A.9", local=local),
                    None,
                    True,
                )
        else:
            if unit.parent is not None:
                words = ab.strip_parent(words, unit.parent.name)
                if ab.folded(words[:1]) == _SUB_DROPPED and len(words) > 1:
                    words = words[1:]
            for letters in ab.extensions(words):
                local = f"{letters}{tail}"
                yield candidate(
                    local, later("SL25-5.1.a", "naming.unit_letters", reading="A.5", local=local), None, True
                )
        for n in range(2, 100):
            local = f"{form.stem}{n}{tail}"
            yield candidate(
                local, later("SL25-5.1.a", "naming.unit_letters", reading="A.5", local=local), n, True
            )


def _valid_digits(digits: str) -> bool:
    digits = digits.strip()
    return 0 < len(digits) <= 6 and digits.isascii() and digits.isdigit()


def _commune_split(words: tuple[str, ...]) -> tuple[str, tuple[str, ...]] | None:
    rest = ab.strip_committee(words)
    keys = ab.folded(rest)
    for type_words in COMMUNE_TYPES:
        n = len(type_words)
        if keys[:n] == type_words and len(keys) > n:
            return "".join(type_words), rest[n:]
    return None


def commune_place(words: tuple[str, ...]) -> tuple[str, ...] | None:
    """The place name of "UBND xã X", "Ủy ban nhân dân phường X", "Xã X"; None for other bodies."""
    split = _commune_split(words)
    return None if split is None else split[1]


def commune_type(words: tuple[str, ...]) -> str | None:
    """``xa``, ``phuong``, ``thitran`` or ``dackhu`` for a commune People's Committee's name."""
    split = _commune_split(words)
    return None if split is None else split[0]
