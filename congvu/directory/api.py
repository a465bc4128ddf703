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


@dataclass(frozen=True, slots=True)
class NewAccount:
    """What an operator supplies to create a mailbox (account lifecycle issues grow this)."""

    address: str
    display_name: str
    password: str
    kind: str = "personal"  # congvu.domain.mail.MailboxKind value
    family_name: str = ""
    middle_name: str = ""
    given_name: str = ""
    unit_code: str | None = None
    quota_bytes: int | None = None


class DirectoryAdmin(Protocol):
    """Operator actions used by `congvu init/demo/account`; the console issue extends it."""

    async def add_domain(self, name: str, *, alias_of: str | None = None) -> None: ...

    async def add_unit(self, code: str, name: str, *, parent_code: str | None = None) -> None: ...

    async def add_account(self, new: NewAccount) -> AccountRef:
        """Create the account and its standard folders (INBOX, Sent, Drafts, Trash, Junk)."""
        ...

    async def add_alias(self, alias: str, target: str) -> None: ...

    async def list_accounts(self) -> list[AccountRef]: ...

    async def set_password(self, address: str, password: str) -> None: ...
