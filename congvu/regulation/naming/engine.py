"""The naming API that account management and the CLI call (RULES.md §2).

Small on purpose::

    engine = engine_for(profile.naming)               # one per profile; caches unit forms
    proposals = propose(engine, [PersonRequest(...), ...], Taken(existing_and_aliases))
    units = propose_units(engine, [UnitRequest(...)], taken)
    record = override(engine, proposal, "nvb.sotttt", operator="admin", reason="…", taken=taken)

`propose` handles a batch together (rank decides among its requests, reading A.2), returns
one `Proposal` per request in the given order, never an address in `taken`, and never renames
an existing box: a leader arriving late gets a free form plus a `Rerank` advice. `override`
records an operator's choice with its reason (ST14-3.3.c, QN20-4.2 reading A.4, SL25-5.2
reading A.8, TG09-3.1.b) and refuses an invalid or taken address.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from congvu.domain.errors import Conflict, PolicyDenied
from congvu.domain.rules import Decision
from congvu.regulation.naming import clash
from congvu.regulation.naming.clash import Engine
from congvu.regulation.naming.config import NamingConfig
from congvu.regulation.naming.messages import reason
from congvu.regulation.naming.model import (
    Existing,
    Override,
    PersonRequest,
    Proposal,
    Taken,
    UnitRequest,
    valid_local,
)
from congvu.regulation.naming.qn20 import Qn20Engine
from congvu.regulation.naming.sl25 import Sl25Engine
from congvu.regulation.naming.st14 import St14Engine
from congvu.regulation.naming.tg09 import Tg09Engine

OVERRIDE_RULES = {"st14": "ST14-3.3.c", "qn20": "QN20-4.2", "sl25": "SL25-5.2", "tg09": "TG09-3.1.b"}
_OVERRIDE_READINGS = {"qn20": "A.4", "sl25": "A.8", "tg09": "A.10"}


def engine_for(config: NamingConfig) -> Engine:
    """The engine a profile's `[naming]` table names."""
    if config.engine == "st14":
        return St14Engine(config)
    if config.engine == "qn20":
        return Qn20Engine(config)
    if config.engine == "sl25":
        return Sl25Engine(config)
    return Tg09Engine(config)


def _taken(taken: Taken | Iterable[str | Existing]) -> Taken:
    return taken if isinstance(taken, Taken) else Taken(taken)


def propose(
    engine: Engine, requests: Sequence[PersonRequest], taken: Taken | Iterable[str | Existing] = ()
) -> list[Proposal]:
    """Personal addresses for a batch of requests, handled together."""
    return clash.propose_people(engine, requests, _taken(taken))


def propose_units(
    engine: Engine, requests: Sequence[UnitRequest], taken: Taken | Iterable[str | Existing] = ()
) -> list[Proposal]:
    """Organisation-box addresses for a batch of units."""
    return clash.propose_units(engine, requests, _taken(taken))


def override(
    engine: Engine,
    proposal: Proposal,
    local: str,
    *,
    operator: str,
    reason_text: str,
    taken: Taken | Iterable[str | Existing] = (),
) -> Override:
    """The operator's address instead of `proposal`, with the record of why.

    Raises `PolicyDenied` for an invalid local part or an empty reason, `Conflict` when the
    address is in use (as a mailbox or an alias, compared folded).
    """
    name = engine.config.engine
    rule = OVERRIDE_RULES[name]
    local = local.strip().lower()
    if not valid_local(local):
        raise PolicyDenied(Decision.deny(reason(rule, "naming.invalid_local", local=local)))
    if not reason_text.strip():
        raise PolicyDenied(Decision.deny(reason(rule, "naming.reason_required")))
    if local in _taken(taken):
        raise Conflict(f"address in use: {local}")
    record = reason(
        rule,
        "naming.override",
        reading=_OVERRIDE_READINGS.get(name),
        operator=operator,
        local=local,
        proposed=proposal.local or "-",
        reason=reason_text.strip(),
    )
    return Override(proposal, local, operator, reason_text.strip(), record)
