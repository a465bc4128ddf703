"""IMAP front-end figures: memory per idle connection and header FETCH of a large folder.

``python -m bench imap_frontend [-- --connections N --messages M]`` runs the IMAP listener in
this process over in-memory services (fragments already computed, as the store keeps them), so
only the protocol layer is measured (DESIGN.md targets: ≤ 10 KB per idle connection; header
FETCH of 100,000 messages from a warm cache in about 80 ms).

* idle memory: N raw sockets connect and stay silent; Python allocations grown per connection
  (tracemalloc, server side plus the client socket objects; kernel buffers not counted);
* header FETCH: ``UID FETCH 1:* (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT
  DATE)])`` and the same with INTERNALDATE (the general path), timed in the command handler.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import gc
import socket
import time
import tracemalloc
from collections.abc import Sequence

from congvu.directory.api import AuthOutcome, RecipientOutcome
from congvu.domain.mail import AccountRef, MailboxKind
from congvu.events import Event
from congvu.imap.commands.base import ImapContext
from congvu.imap.commands.fetch import fetch
from congvu.imap.grammar import Fetch, parse_command
from congvu.imap.server import start_imap
from congvu.imap.state import Selected
from congvu.mailbox.api import FolderSnapshot, FolderSummary, MessageFragments, MessageMeta
from congvu.testing.fakes import MemoryMail, now_utc

ACCOUNT = AccountRef(1, "bulk@sonla.gov.vn", MailboxKind.PERSONAL, "bulk")


class _NoEvents:
    def emit(self, event: Event) -> None:
        return None


class _Folder:
    """A warm folder of M messages with their ingest fragments (what the store serves)."""

    def __init__(self, count: int) -> None:
        now = dt.datetime.now(dt.UTC)
        self.metas = [
            MessageMeta(i, 1, ("\\Seen",) if i % 3 else (), now, 5000 + i % 777) for i in range(1, count + 1)
        ]
        self.frags = {
            i: MessageFragments(
                i,
                b"NIL",
                b"NIL",
                b"NIL",
                {
                    "from": b"From: Nguyen Van An <an.vp@sonla.gov.vn>\r\n",
                    "to": b"To: vanthu@sonla.gov.vn\r\n",
                    "subject": b"Subject: Thong bao so %d ve viec hop giao ban\r\n" % i,
                    "date": b"Date: Tue, 24 Nov 2026 08:00:00 +0700\r\n",
                },
                b"",
            )
            for i in range(1, count + 1)
        }
        self.summary = FolderSummary(1, "INBOX", None, 1, count + 1, 1, count, 0)
        self.blocks: dict[tuple[str, ...], dict[int, bytes]] = {}

    async def open_folder(self, account_id: int, name: str) -> FolderSnapshot:
        return FolderSnapshot(self.summary, self.metas)

    async def fragments(self, folder_id: int, uids: Sequence[int]) -> Sequence[MessageFragments]:
        return [self.frags[u] for u in uids]

    async def header_blocks(
        self, folder_id: int, uidvalidity: int, low: int, high: int, fields: Sequence[str]
    ) -> dict[int, bytes]:
        """A warm header cache, as `congvu.mailbox.headercache` keeps it per field list."""
        key = tuple(f.lower() for f in fields)
        blocks = self.blocks.get(key)
        if blocks is None:
            blocks = self.blocks[key] = {
                u: b"".join([f.header_fields.get(n, b"") for n in key]) + b"\r\n"
                for u, f in self.frags.items()
            }
        return blocks

    async def authenticate(self, *args: object, **kwargs: object) -> AuthOutcome:
        return AuthOutcome(ACCOUNT)

    async def resolve_recipient(self, address: str) -> RecipientOutcome:
        return RecipientOutcome(None, False)


class _CountingIo:
    def __init__(self, ctx: ImapContext) -> None:
        self.ctx = ctx
        self.peer_ip = "127.0.0.1"
        self.tls = False
        self.utf8 = False
        self.written = 0

    def write(self, data: bytes) -> None:
        self.written += len(data)

    async def drain(self) -> None:
        return None


async def idle_memory(connections: int) -> float:
    mail = MemoryMail()
    listener = await start_imap(
        "imap", "127.0.0.1", 0, directory=mail, mailboxes=mail, events=_NoEvents(), clock=now_utc,
        tls_context=None, implicit_tls=False, allow_plaintext_auth_on_loopback=True, hostname="x",
    )  # fmt: skip
    socks: list[socket.socket] = []
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    for i in range(connections):
        s = socket.socket()
        s.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            s.connect(("127.0.0.1", listener.port))
        socks.append(s)
        if i % 100 == 99:
            await asyncio.sleep(0.01)
    for _ in range(200):
        await asyncio.sleep(0.02)
        if len(listener.connections) >= connections:
            break
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    for s in socks:
        s.close()
    await listener.close(1.0)
    return grown / connections


async def header_fetch(count: int) -> list[tuple[str, float, int]]:
    folder = _Folder(count)
    ctx = ImapContext(folder, folder, _NoEvents(), now_utc, "x", None, False, True)  # type: ignore[arg-type]
    state = Selected(ACCOUNT, folder.summary, folder.metas, [m.uid for m in folder.metas], True)
    out = []
    warm = b"(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE)])"
    for label, items in (
        ("first (fills cache)", warm),
        ("fast path", b"(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE)])"),
        (
            "general path",
            b"(UID FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (FROM TO SUBJECT DATE)])",
        ),
    ):
        cmd = parse_command(b"t UID FETCH 1:* " + items + b"\r\n")
        assert isinstance(cmd, Fetch)
        io = _CountingIo(ctx)
        start = time.perf_counter()
        await fetch(cmd, state, io)  # type: ignore[arg-type]
        out.append((label, time.perf_counter() - start, io.written))
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bench imap_frontend")
    parser.add_argument("--connections", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args(argv)
    per_conn = asyncio.run(idle_memory(args.connections))
    n = args.connections
    print(f"idle IMAP connection: {per_conn / 1024:.2f} KB of Python memory each ({n} connections)")
    for label, seconds, written in asyncio.run(header_fetch(args.messages)):
        ms, mb = seconds * 1000, written / 1e6
        print(f"header FETCH {label:12s}: {ms:.0f} ms for {args.messages} messages, {mb:.1f} MB")
    return 0
