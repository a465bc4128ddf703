"""In-memory fakes of the service contracts, for protocol tests (tests/protocol) and others'.

`MemoryMail` implements `Directory`, `DirectoryAdmin`, `Delivery` and `Mailboxes` (the
Protocols of congvu.directory.api, congvu.delivery.api and congvu.mailbox.api) over plain
dicts: one blob per message, one copy per recipient with its own trace header, like the real
store (DESIGN.md "Messages are stored once"). It knows nothing of SQL, so SMTP and IMAP can be
tested as transcripts without a database. Behaviour the real services must share (unknown
local user, relay detection, case-insensitive addresses) is the same here.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from congvu.delivery.api import DeliveryReceipt
from congvu.directory.api import AuthOutcome, NewAccount, RecipientOutcome
from congvu.domain.errors import Conflict, NotFound
from congvu.domain.folding import fold, has_diacritics, tone_key, words
from congvu.domain.mail import AccountRef, InboundEnvelope, MailboxKind
from congvu.mailbox.api import FolderSnapshot, FolderSummary, MessageFragments, MessageMeta

_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
STANDARD_FOLDERS: tuple[tuple[str, str | None], ...] = (
    ("INBOX", None),
    ("Sent", "\\Sent"),
    ("Drafts", "\\Drafts"),
    ("Trash", "\\Trash"),
    ("Junk", "\\Junk"),
)


@dataclass
class _Copy:
    uid: int
    blob_id: str
    trace: bytes
    internal_date: datetime
    flags: tuple[str, ...] = ()
    modseq: int = 1


@dataclass
class _Folder:
    id: int
    account_id: int
    name: str
    special_use: str | None
    uidvalidity: int
    uidnext: int = 1
    copies: list[_Copy] = field(default_factory=list)


@dataclass
class _Account:
    ref: AccountRef
    password: str


def _imap_string(value: str | None) -> bytes:
    if value is None:
        return b"NIL"
    return b'"' + value.replace("\\", "\\\\").replace('"', '\\"').encode("utf-8", "replace") + b'"'


def _header_value(raw: bytes, name: bytes) -> str | None:
    head = _BLANK_LINE.split(raw, maxsplit=1)[0]
    for line in head.splitlines():
        if line.lower().startswith(name.lower() + b":"):
            return line[len(name) + 1 :].strip().decode("utf-8", "replace")
    return None


class MemoryMail:
    """Directory, delivery and mailboxes in memory (not thread-safe, one event loop)."""

    def __init__(self, domains: Sequence[str] = ("example.gov.vn",), hostname: str = "mail.test") -> None:
        self.hostname = hostname
        self.domains: set[str] = {d.lower() for d in domains}
        self.units: dict[str, tuple[str, str | None]] = {}
        self.accounts: dict[str, _Account] = {}
        self.aliases: dict[str, str] = {}
        self.blobs: dict[str, bytes] = {}
        self.folders: dict[int, _Folder] = {}
        self._ids = itertools.count(1)
        self._queue = itertools.count(1)
        self._watchers: dict[int, list[Callable[[], None]]] = {}

    # -- Directory -----------------------------------------------------------------------
    async def authenticate(self, login: str, password: str, *, peer: str, now: datetime) -> AuthOutcome:
        account = self.accounts.get(login.lower())
        if account is None or account.password != password:
            return AuthOutcome(None)
        return AuthOutcome(account.ref)

    async def resolve_recipient(self, address: str) -> RecipientOutcome:
        key = self.aliases.get(address.lower(), address.lower())
        local = key.rpartition("@")[2] in self.domains
        account = self.accounts.get(key)
        return RecipientOutcome(account.ref if account else None, local)

    # -- DirectoryAdmin ------------------------------------------------------------------
    async def add_domain(self, name: str, *, alias_of: str | None = None) -> None:
        self.domains.add(name.lower())

    async def add_unit(self, code: str, name: str, *, parent_code: str | None = None) -> None:
        self.units[code] = (name, parent_code)

    async def add_account(self, new: NewAccount) -> AccountRef:
        key = new.address.lower()
        if key in self.accounts:
            raise Conflict(f"address taken: {new.address}")
        ref = AccountRef(next(self._ids), key, MailboxKind(new.kind), new.display_name)
        self.accounts[key] = _Account(ref, new.password)
        for name, special in STANDARD_FOLDERS:
            fid = next(self._ids)
            self.folders[fid] = _Folder(fid, ref.id, name, special, uidvalidity=fid)
        return ref

    async def add_alias(self, alias: str, target: str) -> None:
        self.aliases[alias.lower()] = target.lower()

    async def list_accounts(self) -> list[AccountRef]:
        return [a.ref for a in self.accounts.values()]

    async def set_password(self, address: str, password: str) -> None:
        account = self.accounts.get(address.lower())
        if account is None:
            raise NotFound(address)
        account.password = password

    # -- Delivery ------------------------------------------------------------------------
    async def deliver(self, envelope: InboundEnvelope, raw: bytes) -> DeliveryReceipt:
        blob_id = hashlib.sha256(raw).hexdigest()
        self.blobs[blob_id] = raw
        queue_id = f"Q{next(self._queue):08X}"
        for account, rcpt in zip(envelope.recipients, envelope.rcpt_addresses, strict=True):
            inbox = self._folder(account.id, "INBOX")
            trace = (
                f"Return-Path: <{envelope.mail_from}>\r\n"
                f"Delivered-To: {rcpt}\r\n"
                f"Received: from {envelope.helo} ([{envelope.peer_ip}])\r\n"
                f"\tby {self.hostname} with {envelope.protocol} id {queue_id}\r\n"
                f"\tfor <{rcpt}>; {envelope.received_at.strftime('%a, %d %b %Y %H:%M:%S %z')}\r\n"
            ).encode()
            inbox.copies.append(_Copy(inbox.uidnext, blob_id, trace, envelope.received_at))
            inbox.uidnext += 1
            for wake in list(self._watchers.get(inbox.id, ())):
                wake()
        return DeliveryReceipt(queue_id, blob_id, len(envelope.recipients))

    # -- Mailboxes -----------------------------------------------------------------------
    def _folder(self, account_id: int, name: str) -> _Folder:
        for folder in self.folders.values():
            if folder.account_id == account_id and folder.name.lower() == name.lower():
                return folder
        raise NotFound(name)

    def _summary(self, f: _Folder) -> FolderSummary:
        unseen = sum(1 for c in f.copies if "\\Seen" not in c.flags)
        return FolderSummary(f.id, f.name, f.special_use, f.uidvalidity, f.uidnext, 1, len(f.copies), unseen)

    async def list_folders(self, account_id: int) -> Sequence[FolderSummary]:
        return [self._summary(f) for f in self.folders.values() if f.account_id == account_id]

    async def open_folder(self, account_id: int, name: str) -> FolderSnapshot | None:
        try:
            folder = self._folder(account_id, name)
        except NotFound:
            return None
        metas = [
            MessageMeta(c.uid, c.modseq, c.flags, c.internal_date, len(c.trace) + len(self.blobs[c.blob_id]))
            for c in folder.copies
        ]
        return FolderSnapshot(self._summary(folder), metas)

    async def fragments(self, folder_id: int, uids: Sequence[int]) -> Sequence[MessageFragments]:
        wanted = set(uids)
        out = []
        for c in self.folders[folder_id].copies:
            if c.uid not in wanted:
                continue
            raw = self.blobs[c.blob_id]
            subject = _header_value(raw, b"Subject")
            envelope = b"(NIL " + _imap_string(subject) + b" NIL NIL NIL NIL NIL NIL NIL NIL)"
            bodystructure = b'("TEXT" "PLAIN" ("CHARSET" "UTF-8") NIL NIL "7BIT" %d %d)' % (
                len(raw),
                raw.count(b"\n"),
            )
            blank = _BLANK_LINE.search(raw)
            head = raw[: blank.end()] if blank else raw
            fields: dict[str, bytes] = {}
            for line in head.splitlines(keepends=True):
                if b":" in line:
                    name = line.split(b":", 1)[0].strip().lower().decode("ascii", "replace")
                    fields[name] = fields.get(name, b"") + line
            # No extension data in this fake, so BODY and BODYSTRUCTURE are the same value.
            out.append(MessageFragments(c.uid, envelope, bodystructure, bodystructure, fields, c.trace))
        return out

    async def header_blocks(
        self, folder_id: int, uidvalidity: int, low: int, high: int, fields: Sequence[str]
    ) -> dict[int, bytes]:
        uids = [c.uid for c in self.folders[folder_id].copies if low <= c.uid <= high]
        names = [f.lower() for f in fields]
        return {
            f.uid: b"".join([f.header_fields.get(n, b"") for n in names]) + b"\r\n"
            for f in await self.fragments(folder_id, uids)
        }

    async def read_message(self, folder_id: int, uid: int) -> bytes | None:
        for c in self.folders[folder_id].copies:
            if c.uid == uid:
                return c.trace + self.blobs[c.blob_id]
        return None

    async def search_text(self, folder_id: int, query: str) -> Sequence[int]:
        terms = words(query)
        hits = []
        for c in self.folders[folder_id].copies:
            text = self.blobs[c.blob_id].decode("utf-8", "replace")
            folded = fold(text)
            if not all(fold(t) in folded for t in terms):
                continue
            if has_diacritics(query):
                keys = {tone_key(w) for w in words(text)}
                if not all(tone_key(t) in keys for t in terms if has_diacritics(t)):
                    continue
            hits.append(c.uid)
        return hits

    async def set_flags(
        self, folder_id: int, uids: Sequence[int], flags: Sequence[str], mode: str = "add"
    ) -> Sequence[MessageMeta]:
        if mode not in ("set", "add", "remove"):
            raise ValueError(mode)
        wanted = set(uids)
        changed = []
        for c in self.folders[folder_id].copies:
            if c.uid not in wanted:
                continue
            if mode == "set":
                new = tuple(dict.fromkeys(flags))
            elif mode == "add":
                new = tuple(dict.fromkeys((*c.flags, *flags)))
            else:
                new = tuple(f for f in c.flags if f not in flags)
            if new != c.flags:
                c.flags = new
                c.modseq += 1
                size = len(c.trace) + len(self.blobs[c.blob_id])
                changed.append(MessageMeta(c.uid, c.modseq, c.flags, c.internal_date, size))
        return changed

    async def expunge(self, folder_id: int, uids: Sequence[int] | None = None) -> Sequence[int]:
        folder = self.folders[folder_id]
        if uids is None:
            gone = [c.uid for c in folder.copies if "\\Deleted" in c.flags]
        else:
            gone = [c.uid for c in folder.copies if c.uid in uids]
        folder.copies = [c for c in folder.copies if c.uid not in gone]
        return gone

    def watch(self, folder_id: int, wake: Callable[[], None]) -> Callable[[], None]:
        self._watchers.setdefault(folder_id, []).append(wake)
        return lambda: self._watchers[folder_id].remove(wake)

    async def quota_usage(self, account_id: int) -> tuple[int, int | None]:
        mine = [f for f in self.folders.values() if f.account_id == account_id]
        used = sum(len(self.blobs[c.blob_id]) for f in mine for c in f.copies)
        return used, None


def now_utc() -> datetime:
    return datetime.now(UTC)
