"""What front-ends may ask the directory. Implemented by `congvu.directory.service`.

Protocol code calls these and never sees SQL (DESIGN.md "Protocols know no SQL").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from congvu.domain.mail import AccountRef
from congvu.domain.rules import Violation


@dataclass(frozen=True, slots=True)
class AuthOutcome:
    """Result of a login: the account, or the reason it was refused (wrong password, locked…)."""

    account: AccountRef | None
    violation: Violation | None = None


@dataclass(frozen=True, slots=True)
class RecipientOutcome:
    """Result of RCPT TO resolution: the account mail goes to, or why not (unknown, not local)."""

    account: AccountRef | None
    local_domain: bool


class Directory(Protocol):
    async def authenticate(self, login: str, password: str, *, peer: str, now: datetime) -> AuthOutcome:
        """Check credentials; a success records the login time (READINGS.md B.5)."""
        ...

    async def resolve_recipient(self, address: str) -> RecipientOutcome:
        """Map an address (or alias, or alias domain) to its account, comparing case-insensitively."""
        ...
