"""Ingest: turn one SMTP transaction into a `NewMessage` (parsed once) and commit batches of them.

Issue 9, DESIGN.md "Messages are stored once, parsed once":

* the raw DATA bytes become one content-addressed blob (SHA-256), whatever the recipient count;
* `congvu.mime.parse_message` runs once per message, not per copy; its FETCH fragments and
  folded search text are stored once, keyed by the blob;
* each copy gets only its own trace block (RFC 5321 §4.4 Received with ``for <rcpt>``, plus
  ``Return-Path`` and ``Delivered-To``), prepended when the copy is served.

`commit_batch` is the group-commit step run on the writer thread: blobs first (durable on
return), then one SQL transaction; only then may SMTP answer 250. A crash between the two leaves
blobs without rows, which `recover` removes at the next start; never rows without blobs.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Protocol

from congvu.domain.mail import InboundEnvelope
from congvu.mailbox.searchtext import index_text
from congvu.ports import (
    BlobStore,
    MessageStore,
    NewCopy,
    NewMessage,
    StoredFragments,
    StoreResult,
    encode_header_fields,
)


class ParsedLike(Protocol):
    """The part of `congvu.mime.ParsedMessage` ingest uses."""

    @property
    def envelope(self) -> bytes: ...
    @property
    def bodystructure(self) -> bytes: ...
    @property
    def body(self) -> bytes: ...
    @property
    def header_fields(self) -> dict[str, bytes]: ...
    @property
    def search_text(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def from_display(self) -> str: ...
    @property
    def date(self) -> datetime | None: ...
    @property
    def message_id(self) -> str | None: ...
    @property
    def attachment_bytes(self) -> int: ...
    @property
    def text(self) -> str: ...


Parser = Callable[[bytes], ParsedLike]


_QUEUE_ALPHABET = "0123456789BCDFGHJKLMNPQRSTVWXYZ"


_queue_prefix: tuple[int, str] = (0, "")  # (millisecond, its spelling): reused within a ms


def new_queue_id() -> str:
    """A short, sortable-ish id for logs and the 250 reply (time prefix + random suffix).

    Not a secret (it is printed in Received lines), so the suffix comes from `random`, not a
    system call; the time prefix is spelled once per millisecond."""
    global _queue_prefix
    stamp = int(time.time() * 1000)
    cached, prefix = _queue_prefix
    if cached != stamp:
        value, prefix = stamp, ""
        while value:
            value, digit = divmod(value, len(_QUEUE_ALPHABET))
            prefix = _QUEUE_ALPHABET[digit] + prefix
        _queue_prefix = (stamp, prefix)
    suffix = random.getrandbits(25)  # 31**5 ≈ 2**24.8
    out = prefix
    for _ in range(5):
        suffix, digit = divmod(suffix, len(_QUEUE_ALPHABET))
        out += _QUEUE_ALPHABET[digit]
    return out


def _clean(value: str) -> str:
    """No CR, LF or NUL may reach a header line we write (header injection)."""
    return value.replace("\r", " ").replace("\n", " ").replace("\0", " ")


_last_date: tuple[datetime | None, str] = (None, "")


def _received_date(when: datetime) -> str:
    """RFC 5322 date of a Received line; seconds resolution, so formatted once per second."""
    global _last_date
    key = when.replace(microsecond=0)
    cached, text = _last_date
    if cached is None or cached != key or cached.tzinfo is not key.tzinfo:  # same instant, same zone
        text = format_datetime(key)
        _last_date = (key, text)
    return text


class TraceWriter:
    """Writes each copy's Return-Path, Delivered-To and Received lines (RFC 5321 §4.4, RFC 3848).

    Everything but the recipient is formatted once per message (a 500-recipient circular
    formats its date and relay once, not 500 times).
    """

    __slots__ = ("_by", "_from", "_return_path")

    def __init__(self, envelope: InboundEnvelope, hostname: str, queue_id: str) -> None:
        helo = _clean(envelope.helo) or "unknown"
        self._return_path = f"Return-Path: <{_clean(envelope.mail_from)}>\r\nDelivered-To: "
        self._from = (
            f"Received: from {helo} ([{_clean(envelope.peer_ip)}])\r\n"
            f"\tby {_clean(hostname)} with {_clean(envelope.protocol)} id {queue_id}\r\n\tfor <"
        )
        self._by = f">; {_received_date(envelope.received_at)}\r\n"

    def block(self, rcpt: str) -> bytes:
        rcpt = _clean(rcpt)
        return f"{self._return_path}{rcpt}\r\n{self._from}{rcpt}{self._by}".encode("utf-8", "replace")


def trace_block(envelope: InboundEnvelope, rcpt: str, hostname: str, queue_id: str) -> bytes:
    """One copy's trace block (see `TraceWriter`)."""
    return TraceWriter(envelope, hostname, queue_id).block(rcpt)


@dataclass(frozen=True, slots=True)
class Job:
    """One message in the group-commit queue."""

    raw: bytes
    message: NewMessage
    addresses: tuple[str, ...]  # the RCPT address of each copy, for the receipt


def stored_fragments(raw: bytes, parsed: ParsedLike) -> StoredFragments:
    """What is kept once per message (keyed by its blob): FETCH fragments and search text."""
    originals = parsed.text  # subject, names and text parts with their diacritics (exact words)
    return StoredFragments(
        envelope=parsed.envelope,
        bodystructure=parsed.bodystructure,
        body=parsed.body,
        header_fields=encode_header_fields(parsed.header_fields),
        subject=parsed.subject,
        from_display=parsed.from_display,
        sent_date=parsed.date,
        message_id=parsed.message_id,
        attachment_bytes=parsed.attachment_bytes,
        search_text=index_text(parsed.search_text, originals),
    )


def prepare(envelope: InboundEnvelope, raw: bytes, parsed: ParsedLike, hostname: str, queue_id: str) -> Job:
    """Build the job of one transaction: one copy per distinct account, its own trace block."""
    digest = hashlib.sha256(raw).hexdigest()
    fragments = stored_fragments(raw, parsed)
    traces = TraceWriter(envelope, hostname, queue_id)
    seen: set[int] = set()
    copies: list[NewCopy] = []
    addresses: list[str] = []
    for account, rcpt in zip(envelope.recipients, envelope.rcpt_addresses, strict=True):
        if account.id in seen:  # two addresses (alias and box) of one account: one copy
            continue
        seen.add(account.id)
        copies.append(NewCopy(account.id, traces.block(rcpt)))
        addresses.append(account.address)
    message = NewMessage(digest, len(raw), fragments, envelope.received_at, tuple(copies))
    return Job(raw, message, tuple(addresses))


def commit_batch(meta: MessageStore, blobs: BlobStore, jobs: Sequence[Job]) -> list[StoreResult]:
    """Make a batch durable: blobs (fsynced) first, then one SQL transaction."""
    pairs = [(job.message.digest, job.raw) for job in jobs]
    try:  # put_many pins before it writes: a failed write must unpin too
        blobs.put_many(pairs)
        return meta.store_deliveries([job.message for job in jobs])
    finally:
        blobs.release(d for d, _ in pairs)


def recover(meta: MessageStore, blobs: BlobStore, *, older_than: float | None = None) -> tuple[int, int]:
    """Start-up garbage collection after a crash: (dead blob rows removed, orphan files removed).

    Blob rows whose last copy went away (an expunge that committed but did not unlink) and
    files that no row references (a batch that crashed before its commit) are deleted. Run it
    before the writer starts, or with `older_than` (a POSIX time) when other processes write.
    """
    dead = meta.dead_blobs()
    blobs.delete_many(dead)
    orphans = 0
    chunk: list[str] = []

    def flush() -> int:
        known = meta.known_digests(chunk)
        unknown = [d for d in chunk if d not in known]
        blobs.delete_many(unknown)
        chunk.clear()
        return len(unknown)

    for digest in blobs.digests(older_than=older_than):
        chunk.append(digest)
        if len(chunk) >= 500:
            orphans += flush()
    if chunk:
        orphans += flush()
    return len(dead), orphans
