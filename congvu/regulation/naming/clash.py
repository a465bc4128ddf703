"""Batch proposal with clash handling, shared by every engine (RULES.md §2).

The loop is the same for all rules; the engine says what the plain form is, in which order
requests of one batch are served (ST14-3.3.a: rank, then registration time; QN20-4.2: rank;
SL25-5.2: none stated, so registration order), which forms to try after a clash, and whether
a newcomer's rank would displace an existing holder (reading A.2). The loop:

* serves the requests in the engine's priority order, so rank decides inside a batch;
* checks each candidate against the addresses in use (mailboxes and aliases, folded) *and*
  those given earlier in the batch, and so never proposes an address that is taken;
* never renames an existing box: when the rank rule would favour the newcomer, it proposes a
  free form for the newcomer and attaches a `Rerank` advice for the operator.

Numbering continues from the last number given for the same stem and suffix, so a batch of
50,000 people with many namesakes stays linear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple, Protocol

from congvu.domain.rules import Violation
from congvu.regulation.naming.config import NamingConfig
from congvu.regulation.naming.messages import Later, build, reason
from congvu.regulation.naming.model import (
    MAX_LOCAL,
    Existing,
    PersonRequest,
    Proposal,
    Rerank,
    Taken,
    Unit,
    UnitRequest,
    valid_local,
)


class Form(NamedTuple):
    """The plain form an engine gives a request, before clash handling."""

    plain: str | None
    reasons: tuple[Violation, ...]
    stem: str = ""  # the part numbers are added to (``ntbinh``, ``hoant``)
    suffix: str = ""  # the part after it (``sotttt`` in ST14, ``skhcn`` in SL25)
    confirm: bool = False


# A form to try after a clash: (local part, its reason built only if chosen, the sequential number
# used to resume numbering or None, whether the operator must confirm). Plain tuples: a batch of
# 50,000 people tries ~100,000 candidates.
Candidate = tuple[str, Later, int | None, bool]


AgencyKey = tuple[str, str | None, bool]


def agency_part(
    unit: Unit, cache: dict[AgencyKey, str | None], unit_form: Callable[[UnitRequest], Form]
) -> str | None:
    """The agency's address (its own, or its form by the rule), cached: batches are large.

    ST14-3.3 (`.<org>` after a clash) and SL25-5.2 (`.<unit>` always) both suffix a person's
    address with the agency's part, and 50,000 people share a few hundred agencies.
    """
    agency = unit.agency
    key = (agency.name, agency.address, agency.commune)
    if key not in cache:
        cache[key] = agency.address or unit_form(UnitRequest(agency)).plain
    return cache[key]


def candidate(local: str, pending: Later, number: int | None = None, confirm: bool = False) -> Candidate:
    return (local, pending, number, confirm)


class Engine(Protocol):
    """What each engine module (st14, qn20, sl25, tg09) provides."""

    config: NamingConfig
    rule: str  # the clash rule cited for a clash with an existing address

    def personal(self, request: PersonRequest) -> Form: ...

    def personal_candidates(self, request: PersonRequest, form: Form, start: int) -> Iterator[Candidate]: ...

    def priority(self, request: PersonRequest) -> tuple[int, ...]: ...

    def rank_rule(self, request: PersonRequest, holder: Existing) -> Violation | None: ...

    def holder_forms(self, holder: Existing) -> Iterator[str]: ...

    def unit(self, request: UnitRequest) -> Form: ...

    def unit_candidates(self, request: UnitRequest, form: Form) -> Iterator[Candidate]: ...


class _Overlay:
    """The caller's `Taken` plus what this batch gave out (local -> request index), no copying."""

    __slots__ = ("base", "batch")

    def __init__(self, base: Taken) -> None:
        self.base = base
        self.batch: dict[str, int] = {}

    def holder(self, local: str) -> tuple[Existing | None, int | None] | None:
        """Who holds `local` (a canonical lower-case ASCII form): an existing entry or a request index."""
        index = self.batch.get(local)
        if index is not None:
            return None, index
        existing = self.base.by_key.get(local)
        return None if existing is None else (existing, None)

    def free(self, local: str) -> bool:
        return local not in self.batch and local not in self.base.by_key

    def give(self, local: str, index: int) -> None:
        self.batch[local] = index


def propose_people(engine: Engine, requests: Sequence[PersonRequest], taken: Taken) -> list[Proposal]:
    """One proposal per request, in the order given; see the module docstring."""
    forms = [engine.personal(r) for r in requests]
    order = sorted(range(len(requests)), key=lambda i: (engine.priority(requests[i]), i))
    overlay = _Overlay(taken)
    resume: dict[tuple[str, str], int] = {}
    start = engine.config.first_number
    results: list[Proposal | None] = [None] * len(requests)
    confirm_all = engine.config.needs_confirmation
    for i in order:
        request, form = requests[i], forms[i]
        reasons = list(form.reasons)
        confirm = form.confirm or confirm_all
        if form.plain is None:
            results[i] = Proposal(request.ref, None, None, tuple(reasons), True)
            continue
        if not valid_local(form.plain) or not request.person.given_key():
            reasons.append(_unusable(engine.rule, form.plain))
            results[i] = Proposal(request.ref, None, form.plain, tuple(reasons), True)
            continue
        held = overlay.holder(form.plain)
        if held is None:
            overlay.give(form.plain, i)
            results[i] = Proposal(request.ref, form.plain, form.plain, tuple(reasons), confirm)
            continue
        holder, index = held
        if holder is not None:
            reasons.append(
                reason(engine.rule, "naming.clash_existing", plain=form.plain, holder=holder.local)
            )
        else:
            assert index is not None
            winner = requests[index]
            key = (
                "naming.clash_batch_rank"
                if winner.leader and not request.leader
                else "naming.clash_batch_order"
            )
            reasons.append(
                reason(engine.rule, key, plain=form.plain, holder=winner.ref or winner.person.full)
            )
        local = None
        resume_key = (form.stem, form.suffix)
        for cand_local, pending, number, cand_confirm in engine.personal_candidates(
            request, form, resume.get(resume_key, start)
        ):
            if valid_local(cand_local) and overlay.free(cand_local):
                local = cand_local
                reasons.append(build(pending))
                confirm = confirm or cand_confirm
                if number is not None:
                    resume[resume_key] = number + 1
                break
        else:
            reasons.append(reason(engine.rule, "naming.no_free", plain=form.plain))
        rerank = None
        if holder is not None:
            rule = engine.rank_rule(request, holder)
            if rule is not None:
                rerank = _advice(engine, holder, local, rule, overlay)
                reasons.append(rerank.rule)
                confirm = True
        if local is not None:
            overlay.give(local, i)
        results[i] = Proposal(
            request.ref, local, form.plain, tuple(reasons), confirm or local is None, rerank
        )
    return [p for p in results if p is not None]


def _unusable(rule: str, plain: str) -> Violation:
    """A plain form that is no local part: too long, or a name with no Latin letters."""
    key = "naming.too_long" if len(plain) > MAX_LOCAL else "naming.invalid_plain"
    return reason(rule, key, plain=plain)


def _advice(
    engine: Engine, holder: Existing, newcomer: str | None, rule: Violation, overlay: _Overlay
) -> Rerank:
    """What the holder would get if the operator applied the rank rule (never done here)."""
    would_get = None
    for form in engine.holder_forms(holder):
        if form != newcomer and valid_local(form) and overlay.free(form):
            would_get = form
            break
    params = dict(rule.params)
    params.update(holder=holder.local, newcomer=newcomer or "-")
    if would_get is None:
        advice = Violation.of(rule.rule, "naming.rerank_unknown", **params)
    else:
        advice = Violation.of(rule.rule, "naming.rerank", holder_would_get=would_get, **params)
    return Rerank(holder.local, would_get, newcomer, advice)


def propose_units(engine: Engine, requests: Sequence[UnitRequest], taken: Taken) -> list[Proposal]:
    """Organisation boxes: the existing unit keeps its form (reading A.5); the rest is confirmed."""
    overlay = _Overlay(taken)
    order = sorted(range(len(requests)), key=lambda i: (requests[i].order, i))
    results: list[Proposal | None] = [None] * len(requests)
    for i in order:
        request = requests[i]
        form = engine.unit(request)
        reasons = list(form.reasons)
        confirm = form.confirm or engine.config.needs_confirmation
        if form.plain is None or not valid_local(form.plain):
            if form.plain is not None:
                reasons.append(_unusable(engine.rule, form.plain))
            results[i] = Proposal(request.ref, None, form.plain, tuple(reasons), True)
            continue
        held = overlay.holder(form.plain)
        if held is None:
            overlay.give(form.plain, i)
            results[i] = Proposal(request.ref, form.plain, form.plain, tuple(reasons), confirm)
            continue
        rule = form.reasons[0].rule if form.reasons else engine.rule
        holder, index = held
        if holder is not None:
            reasons.append(reason(rule, "naming.clash_existing", plain=form.plain, holder=holder.local))
        else:
            assert index is not None
            first = requests[index]
            name = first.ref or first.unit.name
            reasons.append(reason(rule, "naming.clash_batch_order", plain=form.plain, holder=name))
        local = None
        for cand_local, pending, _number, _confirm in engine.unit_candidates(request, form):
            if valid_local(cand_local) and overlay.free(cand_local):
                local = cand_local
                reasons.append(build(pending))
                break
        else:
            reasons.append(reason(rule, "naming.no_free", plain=form.plain))
        if local is not None:
            overlay.give(local, i)
        results[i] = Proposal(request.ref, local, form.plain, tuple(reasons), True)
    return [p for p in results if p is not None]
