"""The directory (`Directory`, `DirectoryAdmin` of `congvu.directory.api`) over `DirectoryStore`.

* Addresses compare case-insensitively (RFC 5321 §2.4 lets a server do so; RULES.md §2 naming
  works on folded, lower-case forms): every address is stored and looked up lower-cased.
* `resolve_recipient` follows alias domains (GLOSSARY "alias domain": ``sonla.gov.vn`` may
  stand for ``sla.gov.vn``) and aliases to the account mail goes to.
* Passwords are Argon2id hashes (argon2-cffi); a successful login records its time (READINGS.md
  B.5: inactivity for QN20-7.2 / SL25-8.2 counts from the last login) and upgrades an outdated
  hash. An unknown login costs one hash verification too, so timing does not reveal addresses.
* A locked (SL25-8.1) or suspended (QN20-7.2) or revoked (SL25-7.2) box may not log in; a
  locked box still receives mail, so `resolve_recipient` returns it with its state.

Hashing runs on a worker thread: Argon2 costs tens of milliseconds by design.

Recipient cache (DESIGN.md "Performance by design"; one RCPT TO used to cost a thread hop and
three SQL queries, 28 % of the server's CPU per message): `resolve_recipient` answers from an
in-memory `DirectorySnapshot` (domains, alias domains, accounts, aliases) without leaving the
event loop. It stays correct because
* every `DirectoryAdmin` write of this instance drops the snapshot before it returns, so a new
  account, domain or alias resolves at once (and an unknown user stops being refused);
* another process (or another service instance on the same database) bumps the database's
  `directory_version` in the same transaction as its write; at most every `refresh_seconds`
  one `resolve_recipient` reads that integer (one small query on a worker thread) and reloads
  the snapshot when it moved. A change elsewhere is thus seen within `refresh_seconds`;
* a negative answer is always checked against the version first, so an account added by
  another process (``congvu account add`` while the server runs) is never refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from congvu import i18n
from congvu.directory.api import AuthOutcome, NewAccount, RecipientOutcome
from congvu.domain.errors import NotFound
from congvu.domain.mail import AccountRef, AccountState, MailboxKind
from congvu.domain.rules import Violation
from congvu.ports import Clock, DirectorySnapshot, DirectoryStore, NewAccountRow, SystemClock

i18n.register(
    {
        "directory.auth_failed": (
            "Sai tên đăng nhập hoặc mật khẩu",
            "Wrong login or password",
        ),
        "directory.account_locked": (
            "Hộp thư đang bị tạm khóa",
            "The mailbox is locked",
        ),
        "directory.account_suspended": (
            "Hộp thư đang bị đình chỉ",
            "The mailbox is suspended",
        ),
        "directory.account_revoked": (
            "Hộp thư đã bị thu hồi",
            "The mailbox has been revoked",
        ),
    }
)

# Standard folders of every new account with their RFC 6154 special-use attribute.
STANDARD_FOLDERS: tuple[tuple[str, str | None], ...] = (
    ("INBOX", None),
    ("Sent", "\\Sent"),
    ("Drafts", "\\Drafts"),
    ("Trash", "\\Trash"),
    ("Junk", "\\Junk"),
)

_REFUSED_STATES = {
    AccountState.LOCKED: Violation.of("SL25-8.1", "directory.account_locked"),
    AccountState.SUSPENDED: Violation.of("QN20-7.2", "directory.account_suspended"),
    AccountState.REVOKED: Violation.of("SL25-7.2", "directory.account_revoked"),
}
# Access control of the mail system (SL25-14.6.b): a wrong login or password.
AUTH_FAILED = Violation.of("SL25-14.6.b", "directory.auth_failed")


def normalise(address: str) -> str:
    return address.strip().lower()


_NON_LOCAL = RecipientOutcome(None, local_domain=False)
_UNKNOWN_LOCAL = RecipientOutcome(None, local_domain=True)


def resolve_in(snapshot: DirectorySnapshot, address: str) -> RecipientOutcome:
    """Resolve `address` against a snapshot: alias domain, then account, then alias."""
    wanted = normalise(address)
    local, at, domain = wanted.rpartition("@")
    if not at or not local or not domain or domain not in snapshot.domains:
        return _NON_LOCAL
    alias_of = snapshot.domains[domain]
    candidates = (wanted,) if alias_of is None else (wanted, f"{local}@{alias_of}")
    for candidate in candidates:
        ref = snapshot.accounts.get(candidate)
        if ref is None:
            target = snapshot.aliases.get(candidate)
            ref = None if target is None else snapshot.accounts.get(target)
        if ref is not None:
            return RecipientOutcome(ref, local_domain=True)
    return _UNKNOWN_LOCAL


class DirectoryService:
    """`DirectoryService(meta, hasher=None, clock=None, refresh_seconds=2.0)`: implements
    Directory and DirectoryAdmin; `refresh_seconds` bounds how long another process's directory
    change may go unseen by `resolve_recipient` (0 checks the version on every call)."""

    def __init__(
        self,
        meta: DirectoryStore,
        *,
        hasher: PasswordHasher | None = None,
        clock: Clock | None = None,
        refresh_seconds: float = 2.0,
    ) -> None:
        self._meta = meta
        self._hasher = hasher or PasswordHasher()
        self._clock = clock or SystemClock()
        self._dummy_hash = self._hasher.hash("congvu-no-such-account")
        self._refresh_seconds = refresh_seconds
        self._snapshot: DirectorySnapshot | None = None
        self._checked_at = 0.0  # time.monotonic() of the last version check
        self._generation = 0  # bumped by each local write; a load overlapping one is dropped
        self._load_lock = threading.Lock()  # loads run on worker threads, maybe several loops

    # -- recipient cache ------------------------------------------------------------------

    def _load(self, *, force: bool) -> DirectorySnapshot:
        """Read a fresh snapshot (worker thread). Loads queue on one lock, so a burst of first
        RCPTs costs one load; a load that overlapped a write of this instance is not kept."""
        with self._load_lock:
            if not force and self._snapshot is not None:
                return self._snapshot
            generation = self._generation
            checked = time.monotonic()
            snapshot = self._meta.directory_snapshot()
            if generation == self._generation:
                self._snapshot = snapshot
                self._checked_at = checked
            return snapshot

    def _refresh(self, current: DirectorySnapshot) -> DirectorySnapshot:
        """Reload if the database's directory version moved past `current` (worker thread)."""
        if self._meta.directory_version() == current.version:
            return current
        return self._load(force=True)

    async def _current(self) -> DirectorySnapshot:
        snapshot = self._snapshot
        if snapshot is None:
            return await asyncio.to_thread(self._load, force=False)
        if time.monotonic() - self._checked_at >= self._refresh_seconds:
            self._checked_at = time.monotonic()  # the others answer from the snapshot meanwhile
            return await asyncio.to_thread(self._refresh, snapshot)
        return snapshot

    def _invalidate(self) -> None:
        """After (or on failure of) a write of this instance: the next answer reloads."""
        self._generation += 1
        self._snapshot = None

    # -- Directory ------------------------------------------------------------------------

    async def authenticate(self, login: str, password: str, *, peer: str, now: datetime) -> AuthOutcome:
        def check() -> AuthOutcome:
            address = normalise(login)
            record = self._meta.find_account(address)
            if record is None:
                target = self._meta.find_alias(address)
                record = None if target is None else self._meta.find_account(target)
            if record is None:
                with contextlib.suppress(VerificationError):  # same cost as a real check
                    self._hasher.verify(self._dummy_hash, password)
                return AuthOutcome(None, AUTH_FAILED)
            try:
                self._hasher.verify(record.password_hash, password)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                return AuthOutcome(None, AUTH_FAILED)
            refused = _REFUSED_STATES.get(record.ref.state)
            if refused is not None:
                return AuthOutcome(None, refused)
            if self._hasher.check_needs_rehash(record.password_hash):
                self._meta.set_password_hash(record.ref.id, self._hasher.hash(password))
            self._meta.record_login(record.ref.id, now)
            return AuthOutcome(record.ref)

        return await asyncio.to_thread(check)

    async def resolve_recipient(self, address: str) -> RecipientOutcome:
        """From the in-memory snapshot: no thread hop nor SQL except a periodic version check.

        A negative answer (550 5.1.1 unknown user, or not a local domain) is given only after a
        version check, so an account or domain another process just added is never refused;
        that costs one small query per refused RCPT (fewer than before the cache)."""
        snapshot = await self._current()
        outcome = resolve_in(snapshot, address)
        if outcome.account is None:
            self._checked_at = time.monotonic()
            fresh = await asyncio.to_thread(self._refresh, snapshot)
            if fresh is not snapshot:
                outcome = resolve_in(fresh, address)
        return outcome

    # -- DirectoryAdmin -------------------------------------------------------------------

    async def add_domain(self, name: str, *, alias_of: str | None = None) -> None:
        target = None if alias_of is None else normalise(alias_of)
        try:
            await asyncio.to_thread(self._meta.add_domain, normalise(name), target)
        finally:
            self._invalidate()

    async def add_unit(self, code: str, name: str, *, parent_code: str | None = None) -> None:
        await asyncio.to_thread(self._meta.add_unit, code, name, parent_code)

    async def add_account(self, new: NewAccount) -> AccountRef:
        address = normalise(new.address)
        _, _, domain = address.rpartition("@")
        kind = MailboxKind(new.kind)
        password_hash = await asyncio.to_thread(self._hasher.hash, new.password)
        row = NewAccountRow(
            address=address,
            domain=domain,
            display_name=new.display_name,
            kind=kind.value,
            family_name=new.family_name,
            middle_name=new.middle_name,
            given_name=new.given_name,
            unit_code=new.unit_code,
            quota_bytes=new.quota_bytes,
            password_hash=password_hash,
            created_at=self._clock.now(),
            folders=STANDARD_FOLDERS,
        )
        try:
            return await asyncio.to_thread(self._meta.add_account, row)
        finally:
            self._invalidate()

    async def add_alias(self, alias: str, target: str) -> None:
        def add() -> None:
            wanted = normalise(target)
            record = self._meta.find_account(wanted)
            if record is None:
                resolved = self._meta.find_alias(wanted)
                record = None if resolved is None else self._meta.find_account(resolved)
            if record is None:
                raise NotFound(target)
            self._meta.add_alias(normalise(alias), record.ref.id)

        try:
            await asyncio.to_thread(add)
        finally:
            self._invalidate()

    async def list_accounts(self) -> list[AccountRef]:
        return await asyncio.to_thread(self._meta.list_accounts)

    async def set_password(self, address: str, password: str) -> None:
        record = await asyncio.to_thread(self._meta.find_account, normalise(address))
        if record is None:
            raise NotFound(address)
        password_hash = await asyncio.to_thread(self._hasher.hash, password)
        await asyncio.to_thread(self._meta.set_password_hash, record.ref.id, password_hash)
