"""The list view's header FETCH fast path and the SEARCH TEXT fast path (DESIGN.md "IMAP header
FETCH of a 100,000-message folder", "SEARCH TEXT … ≤ 50 ms") answer exactly the messages asked,
by sequence number or UID (RFC 9051 §6.4.5, §6.4.4), and never one delivered after SELECT."""

from __future__ import annotations

import asyncio
import datetime as dt
import imaplib
import re
from collections.abc import AsyncIterator

import pytest

from congvu.domain.mail import InboundEnvelope
from congvu.events import MemorySink
from congvu.imap.server import ImapListener, start_imap
from congvu.testing.fakes import MemoryMail, now_utc
from tests.protocol.conftest import DOMAIN, PASSWORD

A = f"duyenct.skhcn@{DOMAIN}"
LIST = "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])"


def _raw(n: int) -> bytes:
    return b"From: x@other.vn\r\nSubject: Khan so %d\r\n\r\nNoi dung khan %d.\r\n" % (n, n)


async def _deliver(mail: MemoryMail, n: int) -> None:
    ref = mail.accounts[A].ref
    when = dt.datetime(2026, 11, 24, 1, 2, 3, tzinfo=dt.UTC)
    env = InboundEnvelope("x@other.vn", (ref,), (A,), "127.0.0.1", "client", None, when)
    await mail.deliver(env, _raw(n))


@pytest.fixture
async def imap(mail: MemoryMail) -> AsyncIterator[ImapListener]:
    for n in range(1, 6):
        await _deliver(mail, n)
    listener = await start_imap(
        "imap", "127.0.0.1", 0, directory=mail, mailboxes=mail, events=MemorySink(), clock=now_utc,
        tls_context=None, implicit_tls=False, allow_plaintext_auth_on_loopback=True, hostname="mail.test",
    )  # fmt: skip
    yield listener
    await listener.close(1.0)


def _answers(data: list[object]) -> list[tuple[int, int, bytes]]:
    """(sequence number, UID, header block) of each FETCH response."""
    out = []
    for part in data:
        if isinstance(part, tuple):
            head = part[0].decode()
            seq = int(head.split()[0])
            uid_match = re.search(r"UID (\d+)", head)
            assert uid_match is not None
            out.append((seq, int(uid_match.group(1)), part[1]))
    return out


async def test_fast_path_answers_exactly_the_set_asked(imap: ImapListener, mail: MemoryMail) -> None:
    def session() -> dict[str, object]:
        c = imaplib.IMAP4("127.0.0.1", imap.port, timeout=10)
        c.login(A, PASSWORD)
        c.select("INBOX")
        seen: dict[str, object] = {
            "dupes": _answers(c.fetch("1,1,3:5", LIST)[1]),
            "uid_subset": _answers(c.uid("FETCH", "2,4", LIST)[1]),
            "reversed": _answers(c.fetch("5,1", LIST)[1]),
        }
        asyncio.run_coroutine_threadsafe(_deliver(mail, 6), loop).result(10)
        seen["after_delivery"] = _answers(c.uid("FETCH", "1:*", LIST)[1])
        c.logout()
        return seen

    loop = asyncio.get_running_loop()
    seen = await asyncio.to_thread(session)
    dupes = seen["dupes"]
    assert isinstance(dupes, list)
    assert sorted({(s, u) for s, u, _ in dupes}) == [(1, 1), (3, 3), (4, 4), (5, 5)]
    assert dupes[0][2] == b"Subject: Khan so 1\r\n\r\n"
    assert [(s, u) for s, u, _ in seen["uid_subset"]] == [(2, 2), (4, 4)]  # type: ignore[attr-defined]
    assert sorted((s, u) for s, u, _ in seen["reversed"]) == [(1, 1), (5, 5)]  # type: ignore[attr-defined]
    after = seen["after_delivery"]
    assert isinstance(after, list)
    # UID 6 arrived after SELECT: the session announces it (EXISTS) before it may be fetched.
    assert [u for _, u, _ in after if u <= 5] == [1, 2, 3, 4, 5]
    assert all(block.startswith(b"Subject: Khan so %d" % u) for _, u, block in after)


async def test_search_text_fast_path(imap: ImapListener, mail: MemoryMail) -> None:
    def session() -> list[object]:
        c = imaplib.IMAP4("127.0.0.1", imap.port, timeout=10)
        c.login(A, PASSWORD)
        c.select("INBOX")
        asyncio.run_coroutine_threadsafe(_deliver(mail, 6), loop).result(10)
        out: list[object] = [
            c.uid("SEARCH", "TEXT", "khan")[1],
            c.search(None, "TEXT", "so")[1],
            c.search(None, "BODY", "nothere")[1],
        ]
        c.logout()
        return out

    loop = asyncio.get_running_loop()
    by_uid, by_seq, none = await asyncio.to_thread(session)
    assert by_uid == [b"1 2 3 4 5"]  # UID 6 came after SELECT and is not yet announced
    assert by_seq == [b"1 2 3 4 5"]
    assert none == [b""]
