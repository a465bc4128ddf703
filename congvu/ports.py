"""Storage ports (DESIGN.md "Seams"): the small `typing.Protocol` interfaces services depend on.

Services (`congvu.delivery`, `congvu.mailbox`, `congvu.directory`) import this module only;
the adapters live in `congvu.store` (SQLAlchemy Core over SQLite or PostgreSQL, files on disk)
and only `congvu.app` wires them. Later adapters (S3 blobs, NATS notifications) implement the
same Protocols.

Every port method here is **synchronous and blocking**: the services run them on a writer
thread (group commit, `congvu.delivery.groupcommit`) or on reader threads
(`asyncio.to_thread`), so one event loop never waits on a disk or a database.

Durability contract (issue 9, DESIGN.md "Messages are stored once"): `BlobStore.put_many`
returns only when every blob is on stable storage; `MessageStore.store_deliveries` commits one
SQL transaction. The delivery service calls them in that order, so a committed row never
points at a missing blob; a blob without a row is garbage that
`congvu.delivery.ingest.recover` removes at start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

from congvu.domain.errors import CongvuError
from congvu.domain.mail import AccountRef

# ---------------------------------------------------------------------------------------------
# Values that cross the ports


@dataclass(frozen=True, slots=True)
class StoredFragments:
    """What `congvu.mime` computed once for a message, kept beside its blob (never per copy)."""

    envelope: bytes
    bodystructure: bytes
    body: bytes
    header_fields: bytes  # encoded by `encode_header_fields`
    subject: str
    from_display: str
    sent_date: datetime | None
    message_id: str | None
    attachment_bytes: int
    search_text: str  # folded words plus exact-word tokens (`congvu.mailbox.search.index_text`)


@dataclass(frozen=True, slots=True)
class NewCopy:
    """One mailbox copy of a message being delivered: which account, its trace headers."""

    account_id: int
    trace: bytes  # Return-Path / Delivered-To / Received block, CRLF-terminated
    folder: str = "INBOX"
    flags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NewMessage:
    """A message ready to commit: its blob (already durable), fragments and copies."""

    digest: str  # hex SHA-256 of the raw bytes: the blob's content address
    size: int  # blob size in octets
    fragments: StoredFragments
    internal_date: datetime
    copies: tuple[NewCopy, ...]
    check_quota: bool = True


@dataclass(frozen=True, slots=True)
class StoredCopy:
    account_id: int
    folder_id: int
    uid: int
    modseq: int


@dataclass(frozen=True, slots=True)
class StoreResult:
    """Outcome of one `NewMessage`: the copies written and the accounts refused for quota."""

    stored: tuple[StoredCopy, ...]
    over_quota: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class FolderRow:
    id: int
    account_id: int
    name: str
    special_use: str | None
    uidvalidity: int
    uidnext: int
    highestmodseq: int
    exists: int
    unseen: int


# Hot rows cross the port as plain tuples: a 100,000-message SELECT or FETCH builds one object
# per message (the service's), not two.
CopyRow = tuple[int, int, str, int, int]
"""(uid, modseq, flags as space-separated atoms, internal date in POSIX seconds, size)."""

FragmentRow = tuple[int, bytes, bytes, bytes, bytes, bytes]
"""(uid, envelope, bodystructure, body, encoded header fields, trace)."""


@dataclass(frozen=True, slots=True)
class CopyLocation:
    """Where a copy's bytes are: its trace block and the blob's content address."""

    digest: str
    trace: bytes


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """An account as the directory service sees it, credentials included (never leaves it)."""

    ref: AccountRef
    password_hash: str
    quota_bytes: int | None
    used_bytes: int
    last_login_at: datetime | None


@dataclass(frozen=True, slots=True)
class NewAccountRow:
    address: str  # lower-case local@domain
    domain: str
    display_name: str
    kind: str
    family_name: str
    middle_name: str
    given_name: str
    unit_code: str | None
    quota_bytes: int | None
    password_hash: str
    created_at: datetime
    folders: tuple[tuple[str, str | None], ...]  # (name, special-use) of the standard folders


@dataclass(frozen=True, slots=True)
class DomainRow:
    name: str
    alias_of: str | None  # the target domain's name when this is an alias domain


@dataclass(frozen=True, slots=True)
class DirectorySnapshot:
    """Everything recipient resolution needs, read in one transaction (the directory cache).

    `domains` maps each domain to the domain it is an alias of (or None); `accounts` maps each
    account address to its ref; `aliases` maps each alias address to its account's address;
    `version` is the directory version the snapshot was read at.
    """

    version: int
    domains: Mapping[str, str | None]
    accounts: Mapping[str, AccountRef]
    aliases: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class SearchTerm:
    """One query word: `token` is a folded word, or an exact-word token when `exact`."""

    token: str
    exact: bool


@dataclass(frozen=True, slots=True)
class FolderChange:
    """A folder gained or lost messages or flags; IDLE and webmail subscribe to these."""

    account_id: int
    folder_id: int
    uidnext: int = 0
    highestmodseq: int = 0
    expunged: tuple[int, ...] = field(default=())


class OverQuota(CongvuError):
    """A copy would exceed the destination account's quota (COPY, APPEND); services turn it
    into a `PolicyDenied` citing the profile's quota rule (QN20-9, ST14-8.1, SL25-11.2)."""


# ---------------------------------------------------------------------------------------------
# Ports


class BlobStore(Protocol):
    """Content-addressed store of raw messages (files on disk by default, S3 later)."""

    def put_many(self, blobs: Sequence[tuple[str, bytes]]) -> None:
        """Store each (digest, bytes) durably; returns only when all are on stable storage.

        Idempotent: storing a digest that exists rewrites the same bytes. Batched so that a
        group commit pays for its fsyncs together. The digests stay pinned (`delete_many`
        skips them) until `release`, which the caller calls once its SQL commit is done.
        """
        ...

    def release(self, digests: Iterable[str]) -> None:
        """Unpin digests stored by `put_many` (their rows are committed, or never will be)."""
        ...

    def get(self, digest: str) -> bytes | None: ...

    def delete_many(self, digests: Iterable[str]) -> None:
        """Remove blobs (missing ones are ignored)."""
        ...

    def digests(self, *, older_than: float | None = None) -> Iterable[str]:
        """Every stored digest (for garbage collection), optionally only files older than a
        POSIX timestamp; also discards abandoned temporary files."""
        ...


class MessageStore(Protocol):
    """Folders, copies, fragments, quota and search in the metadata database."""

    def store_deliveries(self, messages: Sequence[NewMessage]) -> list[StoreResult]:
        """One transaction for the whole batch: blob rows (refcount), fragments, search text,
        UIDs (``UPDATE … RETURNING``), copy rows (one executemany) and quota."""
        ...

    def list_folders(self, account_id: int) -> list[FolderRow]: ...

    def find_folder(self, account_id: int, name: str) -> FolderRow | None: ...

    def snapshot(self, account_id: int, name: str) -> tuple[FolderRow, list[CopyRow]] | None:
        """The folder and every copy in ascending UID order, one transaction, one scan."""
        ...

    def fragments(self, folder_id: int, uids: Sequence[int]) -> list[FragmentRow]: ...

    def header_fields(self, folder_id: int, low: int, high: int) -> list[tuple[int, bytes]]:
        """(uid, encoded header fields) of the copies with UIDs in [low, high], ascending."""
        ...

    def copy_location(self, folder_id: int, uid: int) -> CopyLocation | None: ...

    def set_flags(
        self, folder_id: int, uids: Sequence[int], flags: Sequence[str], mode: str
    ) -> list[CopyRow]:
        """mode is ``set``, ``add`` or ``remove`` (RFC 9051 §6.4.6); returns changed copies."""
        ...

    def expunge(self, folder_id: int, uids: Sequence[int] | None) -> tuple[list[int], list[str]]:
        """Delete copies (all ``\\Deleted`` ones when `uids` is None); returns (expunged UIDs,
        digests whose last reference went away — the caller deletes those blobs)."""
        ...

    def quota(self, account_id: int) -> tuple[int, int | None]: ...

    def create_folder(self, account_id: int, name: str, special_use: str | None) -> FolderRow:
        """A new, empty folder with a fresh UIDVALIDITY; `Conflict` when the name exists."""
        ...

    def rename_folder(self, folder_id: int, new_name: str) -> None: ...

    def delete_folder(self, folder_id: int) -> list[str]:
        """Remove the folder and its copies; returns digests whose last copy went away."""
        ...

    def copy_messages(
        self, source_id: int, uids: Sequence[int], target_id: int, *, check_quota: bool = True
    ) -> list[tuple[int, int]]:
        """COPY: new rows on the same blobs; (source UID, new UID) pairs; `OverQuota` if full."""
        ...

    def search(self, folder_id: int, terms: Sequence[SearchTerm]) -> list[int]:
        """UIDs in the folder whose search text matches every term, ascending."""
        ...

    def known_digests(self, digests: Sequence[str]) -> set[str]:
        """The subset of `digests` that have a blob row (garbage collection)."""
        ...

    def dead_blobs(self) -> list[str]:
        """Remove blob rows no copy references any more and return their digests."""
        ...


class DirectoryStore(Protocol):
    """Domains, units, accounts and aliases in the metadata database."""

    def add_domain(self, name: str, alias_of: str | None) -> None: ...

    def find_domain(self, name: str) -> DomainRow | None: ...

    def add_unit(self, code: str, name: str, parent_code: str | None) -> None: ...

    def add_account(self, row: NewAccountRow) -> AccountRef:
        """Insert the account and its folders; `Conflict` when the address is taken."""
        ...

    def find_account(self, address: str) -> AccountRecord | None: ...

    def find_alias(self, address: str) -> str | None:
        """The target account address of an alias, or None."""
        ...

    def add_alias(self, alias: str, target_account_id: int) -> None: ...

    def list_accounts(self) -> list[AccountRef]: ...

    def set_password_hash(self, account_id: int, password_hash: str) -> None: ...

    def record_login(self, account_id: int, when: datetime) -> None: ...

    def directory_version(self) -> int:
        """A counter bumped by every write that changes recipient resolution (cheap to read)."""
        ...

    def directory_snapshot(self) -> DirectorySnapshot:
        """Domains, accounts and aliases with the version they were read at."""
        ...


class Notifier(Protocol):
    """Change notification (in-process by default; PostgreSQL LISTEN/NOTIFY or NATS later)."""

    def publish(self, change: FolderChange) -> None:
        """Thread-safe; subscribers are called on their own event loop."""
        ...

    def subscribe(self, callback: Callable[[FolderChange], None]) -> Callable[[], None]:
        """Call `callback` on each change (from the subscriber's loop); returns unsubscribe."""
        ...


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The real clock (UTC, timezone-aware)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


# ---------------------------------------------------------------------------------------------
# Header-field fragment encoding shared by writers and readers


def encode_header_fields(fields: Mapping[str, bytes]) -> bytes:
    """Pack {lower-case name: raw lines} as ``name NUL len NUL value`` records (lossless)."""
    out = bytearray()
    for name, value in fields.items():
        out += name.encode("ascii", "replace") + b"\0" + str(len(value)).encode() + b"\0" + value
    return bytes(out)


def decode_header_fields(data: bytes) -> dict[str, bytes]:
    fields: dict[str, bytes] = {}
    pos, end = 0, len(data)
    while pos < end:
        name_end = data.index(b"\0", pos)
        len_end = data.index(b"\0", name_end + 1)
        length = int(data[name_end + 1 : len_end])
        start = len_end + 1
        fields[data[pos:name_end].decode("ascii")] = data[start : start + length]
        pos = start + length
    return fields
