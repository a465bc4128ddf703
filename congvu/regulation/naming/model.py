"""Value types of the naming engines: what they are asked, what they know, what they answer.

A caller (account management, the `congvu address suggest` command) builds `PersonRequest`s
or `UnitRequest`s, passes the addresses already in use as a `Taken` index (mailboxes *and*
aliases, compared folded, RULES.md §2), and gets one `Proposal` per request: the proposed
local part, the rule's plain form, the reasons as `Violation` data (rule ID, message key,
parameters; ``params["reading"]`` names the READINGS.md entry a decision rests on), whether
the operator must confirm, and, when a leader arrives after a staff member holds the plain
form, a `Rerank` advice (ST14-3.3.a, QN20-4.2, reading A.2): never a rename on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from congvu.domain.folding import fold
from congvu.domain.rules import Violation
from congvu.regulation.names import PersonName

LOCAL_RE = re.compile(r"^[a-z0-9]+([.][a-z0-9]+)*$")
MAX_LOCAL = 64  # RFC 5321 §4.5.3.1.1


@lru_cache(maxsize=4096)
def _folded_name(name: str) -> str:
    return fold(name)


def valid_local(local: str) -> bool:
    return len(local) <= MAX_LOCAL and LOCAL_RE.match(local) is not None


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit (cơ quan, đơn vị) as the engines need it.

    `parent` makes it a sub-unit (phòng, ban, a commune under a district in ST14); `address`
    is the local part of its organisation box once it has one (it then wins over a computed
    form, e.g. ``sngv`` after a clash); `commune` marks the commune level (SL25-5.1.b); `key`
    is the caller's identity of the unit (defaults to the name) for "same unit" (QN20-4.2).
    """

    name: str
    parent: Unit | None = None
    address: str | None = None
    commune: bool = False
    key: str | None = None

    @property
    def agency(self) -> Unit:
        """The top unit: the tổ chức of ST14-3.3.b, the cơ quan of QN20-4.2 and SL25-5.2."""
        unit = self
        while unit.parent is not None:
            unit = unit.parent
        return unit

    @property
    def identity(self) -> str:
        """The caller's key, else the folded names from the top unit down (``so y te/phong kt``)."""
        if self.key is not None:
            return self.key
        if self.parent is None:
            return _folded_name(self.name)
        return f"{self.parent.identity}/{_folded_name(self.name)}"


@dataclass(frozen=True, slots=True)
class PersonRequest:
    """A personal box to name: the confirmed name, the unit, rank and registration order.

    `order` sorts registrations (e.g. the request's received time as an integer); `digits`
    are the operator's digits for an SL25 clash (reading A.8); `birth_year` lets the SL25
    engine offer two birth-year digits when the profile says so; `ref` is echoed back.
    """

    person: PersonName
    unit: Unit
    leader: bool = False
    order: int = 0
    digits: str | None = None
    birth_year: int | None = None
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class UnitRequest:
    """An organisation box to name (ST14-3.1, SL25-5.1, TG09-3.1.a)."""

    unit: Unit
    order: int = 0
    ref: str | None = None


@dataclass(frozen=True, slots=True)
class Existing:
    """An address in use: a mailbox or an alias, with what is known of its holder."""

    local: str
    unit: str | None = None  # `Unit.agency.identity` of the holder (QN20-4.2: same agency)
    leader: bool | None = None  # None: rank unknown
    alias: bool = False
    unit_address: str | None = None  # the holder's agency box, for re-ranking advice


class Taken:
    """Addresses in use, keyed by their folded local part (RULES.md §2: compare folded forms)."""

    __slots__ = ("by_key",)  # folded local part -> entry; engines look up canonical forms directly

    def __init__(self, entries: Iterable[str | Existing] = ()) -> None:
        self.by_key: dict[str, Existing] = {}
        for entry in entries:
            self.add(entry if isinstance(entry, Existing) else Existing(local=entry))

    @staticmethod
    def key(local: str) -> str:
        if "@" in local:
            local = local.split("@", 1)[0]
        return local if local.isascii() and (local.islower() or local.isdigit()) else fold(local)

    def add(self, entry: Existing) -> None:
        self.by_key.setdefault(self.key(entry.local), entry)

    def get(self, local: str) -> Existing | None:
        return self.by_key.get(self.key(local))

    def __contains__(self, local: object) -> bool:
        return isinstance(local, str) and self.key(local) in self.by_key

    def __len__(self) -> int:
        return len(self.by_key)

    def __iter__(self) -> Iterator[Existing]:
        return iter(self.by_key.values())


@dataclass(frozen=True, slots=True)
class Rerank:
    """What the rank rule implies when a leader arrives after the plain form was given.

    The engine proposes `newcomer_gets` for the newcomer now; if the operator decides
    to apply the rule (ST14-3.3.c, QN20-4.2), the holder of `holder` would move to
    `holder_would_get` and the newcomer would take `holder`. Nothing is renamed here.
    """

    holder: str
    holder_would_get: str | None
    newcomer_gets: str | None
    rule: Violation


@dataclass(frozen=True, slots=True)
class Proposal:
    """The answer for one request, in the order of the requests given."""

    ref: str | None
    local: str | None  # None: the operator must set it
    plain: str | None  # the form the rule gives before any clash handling
    reasons: tuple[Violation, ...]
    needs_confirmation: bool
    rerank: Rerank | None = None

    def address(self, domain: str) -> str | None:
        return None if self.local is None else f"{self.local}@{domain}"

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule IDs behind this proposal, first cited first."""
        return tuple(dict.fromkeys(v.rule for v in self.reasons))


@dataclass(frozen=True, slots=True)
class Override:
    """An operator's choice instead of a proposal, with the record of why (ST14-3.3.c)."""

    proposal: Proposal
    local: str
    operator: str
    reason: str
    rule: Violation
