"""TG09-3.1 (Tiền Giang 2009): addresses by a configured standard, always confirmed.

TG09-3.1.a names org boxes per Công văn 309/CV-BĐH112 (2004) and TG09-3.1.b personal
boxes per a standard the UBND tỉnh decides, each name set by Văn phòng UBND tỉnh after
agreeing with the unit or person. Neither standard is among the texts (reading A.10): the
profile gives templates (``personal``, ``organisation``, see `config`); without one the
engine proposes nothing; with one, every proposal needs the operator's confirmation. A clash
adds 1, 2, 3… to the first part of the address, again for confirmation.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

from congvu.domain.rules import Violation
from congvu.regulation.names import name_key
from congvu.regulation.naming import abbreviate as ab
from congvu.regulation.naming.clash import Candidate, Form, candidate
from congvu.regulation.naming.config import NamingConfig
from congvu.regulation.naming.messages import later, reason
from congvu.regulation.naming.model import Existing, PersonRequest, UnitRequest


def _initials(text: str) -> str:
    return "".join(name_key(w)[:1] for w in text.split())


@dataclass(slots=True)
class Tg09Engine:
    config: NamingConfig
    rule: str = "TG09-3.1"

    def personal(self, request: PersonRequest) -> Form:
        template = self.config.personal
        if template is None:
            return Form(None, (reason("TG09-3.1.b", "naming.tg09.no_rule", reading="A.10"),), confirm=True)
        person = request.person
        agency = request.unit.agency
        fields = {
            "given": person.given_key(),
            "family": "".join(name_key(w) for w in person.family.split()),
            "middle": "".join(name_key(w) for w in person.middle.split()),
            "initials": person.initials(),
            "family_initials": _initials(person.family),
            "middle_initials": _initials(person.middle),
            "unit": agency.address or ab.initials(ab.unit_words(agency.name)),
        }
        plain = template.format(**fields).strip(".").replace("..", ".")
        stem, _, suffix = plain.partition(".")
        return Form(
            plain,
            (reason("TG09-3.1.b", "naming.tg09.confirm", reading="A.10", plain=plain),),
            stem,
            suffix,
            True,
        )

    def personal_candidates(self, request: PersonRequest, form: Form, start: int) -> Iterator[Candidate]:
        tail = f".{form.suffix}" if form.suffix else ""
        for n in count(start):
            local = f"{form.stem}{n}{tail}"
            yield candidate(
                local, later("TG09-3.1.b", "naming.number", reading="A.10", number=n, local=local), n, True
            )
            if n > 100_000:
                return

    def priority(self, request: PersonRequest) -> tuple[int, ...]:
        return (request.order,)

    def holder_forms(self, holder: Existing) -> Iterator[str]:
        return iter(())  # no rank rule, so no holder ever moves

    def rank_rule(self, request: PersonRequest, holder: Existing) -> Violation | None:
        return None

    def unit(self, request: UnitRequest) -> Form:
        template = self.config.organisation
        if template is None:
            return Form(None, (reason("TG09-3.1.a", "naming.tg09.no_rule", reading="A.10"),), confirm=True)
        unit = request.unit
        words = ab.unit_words(unit.name)
        parent = unit.parent.address if unit.parent is not None else None
        fields = {"initials": ab.initials(words), "name": ab.joined(words), "parent": parent or ""}
        plain = template.format(**fields).strip(".").replace("..", ".")
        stem, _, suffix = plain.partition(".")
        return Form(
            plain,
            (reason("TG09-3.1.a", "naming.tg09.confirm", reading="A.10", plain=plain),),
            stem,
            suffix,
            True,
        )

    def unit_candidates(self, request: UnitRequest, form: Form) -> Iterator[Candidate]:
        tail = f".{form.suffix}" if form.suffix else ""
        for n in range(1, 100):
            local = f"{form.stem}{n}{tail}"
            yield candidate(
                local, later("TG09-3.1.a", "naming.number", reading="A.10", number=n, local=local), n, True
            )
