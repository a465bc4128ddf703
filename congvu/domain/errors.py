"""The one exception tree of Congvu (DESIGN.md "Conventions").

Each front-end has one place that catches `CongvuError`, logs it and answers in its protocol:
`PolicyDenied` is a permanent refusal citing rules, `TemporaryFailure` an SMTP 4xx or IMAP
``[UNAVAILABLE]``, `NotFound` and `Conflict` map to their natural replies.
"""

from __future__ import annotations

from congvu.domain.rules import Decision


class CongvuError(Exception):
    """Root of every error Congvu raises on purpose."""


class ConfigError(CongvuError):
    """A setting or profile is invalid; the message names the file or key and the problem."""


class PolicyDenied(CongvuError):
    """A regulation check refused the action; `decision` says which rules and why."""

    def __init__(self, decision: Decision) -> None:
        super().__init__(", ".join(v.rule for v in decision.violations))
        self.decision = decision


class TemporaryFailure(CongvuError):
    """The action may succeed later (storage busy, shutting down)."""


class NotFound(CongvuError):
    """The named object does not exist."""


class Conflict(CongvuError):
    """The action clashes with existing state (an address already taken, a stale MODSEQ)."""
