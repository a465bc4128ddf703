"""ST14-3 (Sóc Trăng 2014; ST17-5 adopts it for the Sở TT&TT): the address naming engine.

* Organisation (3.1.a): ``<type of organisation in full><initials of the name>``; the type
  comes from the profile's table (reading A.1; "UBND huyện" → ``huyen``), "và" is not
  counted: Sở Thông tin và Truyền thông → ``sotttt``, UBND huyện Mỹ Xuyên → ``huyenmx``. A
  type not in the table: the first word in full, and the operator confirms.
* Sub-unit (3.1.b): ``<sub>.<org>``, the sub-unit written like an organisation, its trailing
  mention of the parent dropped: ``phongcntt.sotttt``, ``phongvhtt.huyenmx``, ``xatp.huyenmx``.
  Two sub-units with the same form: the IT centre decides (3.1.b); the engine proposes more
  letters and the operator confirms.
* Personal (3.2): ``<initials of họ and tên đệm><tên>``: ``ntbinh``, ``dvthong``.
* Clash (3.3): rank, then registration time keep the plain form (3.3.a); others get
  ``.<org>`` (3.3.b), then ``2.<org>``, ``3.<org>``… (reading A.3). A leader arriving after a
  staff member holds the plain form: advice only (reading A.2, 3.3.c).
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


@dataclass(slots=True)
class St14Engine:
    config: NamingConfig
    rule: str = "ST14-3.3"
    _units: dict[Unit, Form] = field(default_factory=dict)
    _agencies: dict[AgencyKey, str | None] = field(default_factory=dict)

    def agency_part(self, unit: Unit) -> str | None:
        return agency_part(unit, self._agencies, self.unit)

    # --- personal boxes -------------------------------------------------------------------
    def personal(self, request: PersonRequest) -> Form:
        stem = request.person.initials() + request.person.given_key()
        org = self.agency_part(request.unit)
        return Form(stem, (reason("ST14-3.2", "naming.personal", plain=stem),), stem=stem, suffix=org or "")

    def personal_candidates(self, request: PersonRequest, form: Form, start: int) -> Iterator[Candidate]:
        if not form.suffix:
            return
        first = f"{form.stem}.{form.suffix}"
        if start <= self.config.first_number:
            yield candidate(first, later("ST14-3.3.b", "naming.suffix_org", local=first))
        for n in count(max(start, self.config.first_number)):
            local = f"{form.stem}{n}.{form.suffix}"
            yield candidate(
                local, later("ST14-3.3.b", "naming.number", reading="A.3", number=n, local=local), n
            )
            if n > 100_000:
                return

    def priority(self, request: PersonRequest) -> tuple[int, ...]:
        return (0 if request.leader else 1, request.order)

    def rank_rule(self, request: PersonRequest, holder: Existing) -> Violation | None:
        if request.leader and holder.leader is not True and not holder.alias:
            return reason("ST14-3.3.a", "naming.rerank", reading="A.2")
        return None

    def holder_forms(self, holder: Existing) -> Iterator[str]:
        """Where ST14-3.3.b would move an existing holder: ``.<their org>``, then numbers."""
        if not holder.unit_address:
            return
        yield f"{holder.local}.{holder.unit_address}"
        for n in range(self.config.first_number, self.config.first_number + 1000):
            yield f"{holder.local}{n}.{holder.unit_address}"

    # --- organisation boxes ---------------------------------------------------------------
    def unit(self, request: UnitRequest) -> Form:
        unit = request.unit
        cached = self._units.get(unit)
        if cached is not None:
            return cached
        words = ab.unit_words(unit.name)
        if unit.parent is not None:
            words = ab.strip_parent(words, unit.parent.name)
        type_word, rest = ab.split_type(words, self.config.type_table)
        reasons: list[Violation] = []
        confirm = False
        if type_word is None:
            type_word, rest = ab.joined(words[:1]), tuple(words[1:])
            reasons.append(
                reason(
                    "ST14-3.1.a", "naming.st14.type_unknown", reading="A.1", word=words[0] if words else ""
                )
            )
            confirm = True
        own = type_word + ab.initials(rest)
        if unit.parent is None:
            reasons.insert(0, reason("ST14-3.1.a", "naming.organisation", plain=own))
            form = Form(own, tuple(reasons), stem=own, confirm=confirm)
        else:
            parent = unit.parent.address or self.unit(UnitRequest(unit.parent)).plain
            plain = f"{own}.{parent}"
            reasons.insert(0, reason("ST14-3.1.b", "naming.sub_unit", plain=plain))
            form = Form(plain, tuple(reasons), stem=own, suffix=parent or "", confirm=confirm)
        self._units[unit] = form
        return form

    def unit_candidates(self, request: UnitRequest, form: Form) -> Iterator[Candidate]:
        rule = "ST14-3.1.b" if request.unit.parent is not None else "ST14-3.3.c"
        words = ab.unit_words(request.unit.name)
        if request.unit.parent is not None:
            words = ab.strip_parent(words, request.unit.parent.name)
        type_word, rest = ab.split_type(words, self.config.type_table)
        prefix = type_word if type_word is not None else ""
        tail = f".{form.suffix}" if form.suffix else ""
        for letters in ab.extensions(rest if type_word is not None else words):
            local = f"{prefix}{letters}{tail}"
            yield candidate(local, later(rule, "naming.unit_operator", local=local), confirm=True)
        for n in range(2, 100):
            local = f"{form.stem}{n}{tail}"
            yield candidate(local, later(rule, "naming.unit_operator", local=local), n, confirm=True)
