"""Address naming engines for the four regulations (RULES.md §2; see `engine` for the API).

One module per engine: `st14` (ST14-3, ST17-5), `qn20` (QN20-4), `sl25` (SL25-5), `tg09`
(TG09-3.1); `clash` is the shared batch and clash loop, `abbreviate` the shared unit-name
abbreviation, `config` the profile's `[naming]` table, `model` the request and answer types.
"""

from __future__ import annotations

from congvu.regulation.naming.config import NamingConfig
from congvu.regulation.naming.engine import engine_for, override, propose, propose_units
from congvu.regulation.naming.model import (
    Existing,
    Override,
    PersonRequest,
    Proposal,
    Rerank,
    Taken,
    Unit,
    UnitRequest,
)

__all__ = [
    "Existing",
    "NamingConfig",
    "Override",
    "PersonRequest",
    "Proposal",
    "Rerank",
    "Taken",
    "Unit",
    "UnitRequest",
    "engine_for",
    "override",
    "propose",
    "propose_units",
]
