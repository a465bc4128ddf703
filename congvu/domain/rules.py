"""Decisions of the regulation engine, as data.

A rule never formats a sentence: it returns a `Violation` naming the rule ID of
`../shared/regulations/RULES.md` (e.g. ``QN20-8``), a message key and its parameters.
`congvu.render` (and each front-end) turns a violation into a protocol reply in
Vietnamese or English, so the same refusal cites the same article everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


def _frozen(params: Mapping[str, object] | None) -> Mapping[str, object]:
    return MappingProxyType(dict(params or {}))


@dataclass(frozen=True, slots=True)
class RuleRef:
    """A citation of one rule of RULES.md, such as ``SL25-8.2.a``; ``reading`` marks READINGS.md."""

    id: str
    reading: str | None = None

    def __str__(self) -> str:
        return self.id if self.reading is None else f"{self.id}, reading {self.reading}"


@dataclass(frozen=True, slots=True)
class Violation:
    """One rule that a fact breaks: rule ID, message key and the values the message needs."""

    rule: str
    key: str
    params: Mapping[str, object] = field(default_factory=lambda: _frozen(None))

    @classmethod
    def of(cls, rule: str, key: str, **params: object) -> Violation:
        return cls(rule=rule, key=key, params=_frozen(params))


@dataclass(frozen=True, slots=True)
class Decision:
    """The answer of a check stage: allowed, or refused with every violation that applied."""

    violations: tuple[Violation, ...] = ()

    @property
    def allowed(self) -> bool:
        return not self.violations

    @classmethod
    def allow(cls) -> Decision:
        return cls(())

    @classmethod
    def deny(cls, *violations: Violation) -> Decision:
        return cls(tuple(violations))
