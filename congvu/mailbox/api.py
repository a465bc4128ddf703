"""What IMAP (and later POP3 and webmail) ask of mailboxes. Implemented by `congvu.mailbox.service`.

FETCH is served from fragments computed once at ingest (`congvu.mime`), never by parsing
MIME again (DESIGN.md "Messages are stored once, parsed once").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class FolderSummary:
    """A folder with its RFC 9051 §2.3.1.1 UID state."""

    id: int
    name: str  # Unicode (UTF-8) name; IMAP encodes it in modified UTF-7 or UTF-8 on the wire
    special_use: str | None  # "\\Sent", "\\Drafts", … (RFC 6154), None for ordinary folders
    uidvalidity: int
    uidnext: int
    highestmodseq: int
    exists: int
    unseen: int


@dataclass(frozen=True, slots=True)
class MessageMeta:
    """One copy in a folder: the per-copy state that SELECT keeps in memory."""

    uid: int
    modseq: int
    flags: tuple[str, ...]
    internal_date: datetime
    size: int  # RFC822.SIZE of the copy as served, trace headers included


@dataclass(frozen=True, slots=True)
class FolderSnapshot:
    summary: FolderSummary
    messages: Sequence[MessageMeta]  # ascending UID; index + 1 is the sequence number


@dataclass(frozen=True, slots=True)
class MessageFragments:
    """Ready-made IMAP fragments of one copy, as stored at ingest.

    `envelope` and `bodystructure` are the parenthesised IMAP values (RFC 9051 §7.5.2) as bytes;
    `header_fields` maps a lower-case field name to its raw lines (folding kept, CRLF included)
    for the fields `congvu.mime.CACHED_FIELDS` lists, so ``BODY.PEEK[HEADER.FIELDS (…)]`` is a
    concatenation. `trace` is this copy's own Return-Path/Delivered-To/Received block, which is
    prepended to the stored blob when served.
    """

    uid: int
    envelope: bytes
    bodystructure: bytes
    body: bytes
    header_fields: Mapping[str, bytes]
    trace: bytes


class Mailboxes(Protocol):
    async def list_folders(self, account_id: int) -> Sequence[FolderSummary]: ...

    async def open_folder(self, account_id: int, name: str) -> FolderSnapshot | None:
        """Everything SELECT needs in one ordered scan; None when the folder does not exist."""
        ...

    async def fragments(self, folder_id: int, uids: Sequence[int]) -> Sequence[MessageFragments]:
        """Fragments of the given UIDs in ascending UID order; missing UIDs are skipped."""
        ...

    async def header_blocks(
        self, folder_id: int, uidvalidity: int, low: int, high: int, fields: Sequence[str]
    ) -> Mapping[int, bytes]:
        """``{uid: the BODY[HEADER.FIELDS (fields)] answer}`` covering every copy with a UID in
        [low, high] (the list view's FETCH, DESIGN.md "IMAP header FETCH"): the fields present,
        in the order asked, then CRLF. Only `congvu.mime.CACHED_FIELDS` may be asked for."""
        ...

    async def read_message(self, folder_id: int, uid: int) -> bytes | None:
        """The copy's full bytes as a client sees them: trace headers + the stored blob."""
        ...

    async def search_text(self, folder_id: int, query: str) -> Sequence[int]:
        """UIDs whose folded text contains every word of `query` (SEARCH TEXT, issue 9 item 5).

        Matching is on `congvu.domain.folding.fold`, so ``khan`` finds ``khẩn``; when the query
        carries diacritics, hits are kept only where the exact word occurs (`tone_key`).
        """
        ...

    def watch(self, folder_id: int, wake: Callable[[], None]) -> Callable[[], None]:
        """Call `wake()` on the caller's event loop whenever the folder changes in this process
        (new copies, flags, expunge); returns the function that stops watching.

        IDLE uses it to announce new mail at once (RFC 2177); changes made by other processes
        still arrive through IDLE's periodic re-check until a cross-node notifier is wired.
        """
        ...

    async def quota_usage(self, account_id: int) -> tuple[int, int | None]:
        """(bytes used, limit in bytes or None) of the account's mailbox (RFC 9208 STORAGE)."""
        ...

    async def set_flags(
        self, folder_id: int, uids: Sequence[int], flags: Sequence[str], mode: str = "add"
    ) -> Sequence[MessageMeta]:
        """STORE (RFC 9051 §6.4.6): ``set``, ``add`` or ``remove`` flags; the copies that changed."""
        ...

    async def expunge(self, folder_id: int, uids: Sequence[int] | None = None) -> Sequence[int]:
        """EXPUNGE (RFC 9051 §6.4.3): remove the copies `uids`, or every ``\\Deleted`` one when None."""
        ...
