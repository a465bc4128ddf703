"""QN20-4 (Quảng Nam 2020): the personal address engine.

* Personal (4.1): ``<tên><initials of họ and tên lót>``: Nguyễn Văn Nam → ``namnv``.
* Clash (4.2): among staff of the same agency the one with leadership rank keeps the plain
  form; the others get 1, 2, 3… after the initials: ``vanntt``, ``vanntt1``. The text speaks
  of identical full names, its example of identical addresses: the trigger is the address.
  Reading A.4: an identical folded address anywhere in the domain is a clash; rank decides
  inside one agency; across agencies the existing box keeps it and the newcomer gets the
  next free number. A leader arriving after a colleague of the same agency holds the plain
  form: advice only (reading A.2).
* Organisation boxes: QN20 gives no format (reading A.11): the operator sets them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import count

from congvu.domain.rules import Violation
from congvu.regulation.naming.clash import Candidate, Form, candidate
from congvu.regulation.naming.config import NamingConfig
from congvu.regulation.naming.messages import later, reason
from congvu.regulation.naming.model import Existing, PersonRequest, UnitRequest


@dataclass(slots=True)
class Qn20Engine:
    config: NamingConfig
    rule: str = "QN20-4.2"

    def personal(self, request: PersonRequest) -> Form:
        stem = request.person.given_key() + request.person.initials()
        return Form(stem, (reason("QN20-4.1", "naming.personal", plain=stem),), stem=stem)

    def personal_candidates(self, request: PersonRequest, form: Form, start: int) -> Iterator[Candidate]:
        for n in count(start):
            local = f"{form.stem}{n}"
            yield candidate(
                local, later("QN20-4.2", "naming.number", reading="A.4", number=n, local=local), n
            )
            if n > 100_000:
                return

    def priority(self, request: PersonRequest) -> tuple[int, ...]:
        return (0 if request.leader else 1, request.order)

    def rank_rule(self, request: PersonRequest, holder: Existing) -> Violation | None:
        same_agency = holder.unit is not None and holder.unit == request.unit.agency.identity
        if request.leader and same_agency and holder.leader is not True and not holder.alias:
            return reason("QN20-4.2", "naming.rerank", reading="A.2")
        return None

    def holder_forms(self, holder: Existing) -> Iterator[str]:
        """Where QN20-4.2 would move an existing holder: the next free number."""
        for n in range(self.config.first_number, self.config.first_number + 1000):
            yield f"{holder.local}{n}"

    def unit(self, request: UnitRequest) -> Form:
        return Form(None, (reason("QN20-4", "naming.qn20.no_org_format", reading="A.11"),), confirm=True)

    def unit_candidates(self, request: UnitRequest, form: Form) -> Iterator[Candidate]:
        return iter(())
