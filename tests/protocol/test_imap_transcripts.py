"""IMAP over in-memory services, driven by Python's imaplib and by raw transcripts."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import imaplib
from collections.abc import AsyncIterator

import pytest

from congvu.domain.mail import InboundEnvelope
from congvu.events import MemorySink
from congvu.imap.server import ImapListener, start_imap
from congvu.testing.fakes import MemoryMail, now_utc
from tests.protocol.conftest import DOMAIN, PASSWORD

A = f"duyenct.skhcn@{DOMAIN}"
MESSAGES = [
    b"From: Cam Thi Duyen <" + A.encode() + b">\r\nSubject: Giay moi hop khan\r\n"
    b"Date: Tue, 24 Nov 2026 08:00:00 +0700\r\n\r\n"
    b"Kh\xe1\xba\xa9n: h\xe1\xbb\x8dp l\xc3\xbac 8 gi\xe1\xbb\x9d.\r\n",
    b"From: x@other.vn\r\nSubject: Bao cao thang\r\n\r\nNoi dung bao cao.\r\n",
    b"Subject: LF only\n\nbody with NUL \x00 and LF\n",
]


@pytest.fixture
async def imap(mail: MemoryMail) -> AsyncIterator[ImapListener]:
    ref = mail.accounts[A].ref
    for raw in MESSAGES:
        env = InboundEnvelope(
            "x@other.vn",
            (ref,),
            (A,),
            "127.0.0.1",
            "client",
            None,
            dt.datetime(2026, 11, 24, 1, 2, 3, tzinfo=dt.UTC),
        )
        await mail.deliver(env, raw)
    listener = await start_imap(
        "imap", "127.0.0.1", 0, directory=mail, mailboxes=mail, events=MemorySink(), clock=now_utc,
        tls_context=None, implicit_tls=False, allow_plaintext_auth_on_loopback=True, hostname="mail.test",
    )  # fmt: skip
    yield listener
    await listener.close(1.0)


def client(port: int) -> imaplib.IMAP4:
    c = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    c.login(A, PASSWORD)
    return c


async def test_login_list_select_fetch_with_imaplib(imap: ImapListener, mail: MemoryMail) -> None:
    def session() -> None:
        c = client(imap.port)
        typ, folders = c.list()
        assert typ == "OK"
        names = [f.split(b' "/" ')[-1].strip(b'"') for f in folders if isinstance(f, bytes)]
        assert names[0] == b"INBOX"
        assert b"Sent" in names
        assert b"\\Sent" in b"".join(f for f in folders if isinstance(f, bytes))
        typ, data = c.select("INBOX", readonly=True)
        assert (typ, data) == ("OK", [b"3"])
        typ, data = c.uid("FETCH", "1:*", "(UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[])")
        assert typ == "OK"
        bodies = [part[1] for part in data if isinstance(part, tuple)]
        assert len(bodies) == 3
        for raw, body in zip(MESSAGES, bodies, strict=True):
            assert body.endswith(raw)  # trace headers + the stored bytes, exact
            assert body.startswith(b"Return-Path: <x@other.vn>\r\n")
        assert b'INTERNALDATE "24-Nov-2026 01:02:03 +0000"' in data[0][0]
        typ, data = c.fetch("2", "(BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])")
        fields = data[0][1]
        assert fields.endswith(b"\r\n\r\n")
        assert sorted(fields.split(b"\r\n")[:2]) == [b"From: x@other.vn", b"Subject: Bao cao thang"]
        typ, data = c.fetch("1", "(ENVELOPE BODYSTRUCTURE)")
        assert b'ENVELOPE (NIL "Giay moi hop khan"' in data[0]
        assert b'BODYSTRUCTURE ("TEXT"' in data[0]
        typ, data = c.fetch("3", "(BODY.PEEK[TEXT] BODY.PEEK[]<0.10>)")
        assert data[0][1] == b"body with NUL \x00 and LF\n"
        assert data[1][1] == b"Return-Pat"
        c.logout()

    await asyncio.to_thread(session)


async def test_uid_search_charset_utf8_text_folds(imap: ImapListener) -> None:
    def session() -> None:
        c = client(imap.port)
        c.select("INBOX")
        c._encoding = "utf-8"  # imaplib sends the query as UTF-8 octets
        typ, data = c.uid("SEARCH", "CHARSET", "UTF-8", "TEXT", '"khan"')
        assert (typ, data) == ("OK", [b"1"])
        typ, data = c.uid("SEARCH", "CHARSET", "UTF-8", "TEXT", '"khẩn"')
        assert (typ, data) == ("OK", [b"1"])
        typ, data = c.search(None, "ALL")
        assert data == [b"1 2 3"]
        typ, data = c.search(None, "NOT", "TEXT", "bao")
        assert data == [b"1 3"]
        c.logout()

    await asyncio.to_thread(session)


async def test_bad_password_and_state_checks(imap: ImapListener) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", imap.port)
    await reader.readline()

    async def cmd(line: str) -> bytes:
        writer.write(line.encode() + b"\r\n")
        tag = line.split()[0].encode()
        while True:
            reply = await asyncio.wait_for(reader.readline(), 10)
            if reply.startswith(tag + b" "):
                return reply

    assert (await cmd(f'a1 LOGIN "{A}" "wrong"')).startswith(b"a1 NO [AUTHENTICATIONFAILED]")
    assert (await cmd("a2 SELECT INBOX")).startswith(b"a2 BAD")
    assert (await cmd(f'a3 LOGIN "{A}" "{PASSWORD}"')).startswith(b"a3 OK")
    assert (await cmd("a4 FETCH 1 FLAGS")).startswith(b"a4 BAD")  # needs the Selected state
    assert (await cmd(f'a5 LOGIN "{A}" "{PASSWORD}"')).startswith(b"a5 BAD")  # already authenticated
    assert (await cmd("a6 SELECT Nowhere")).startswith(b"a6 NO [NONEXISTENT]")
    assert (await cmd("a7 SELECT INBOX")).startswith(b"a7 OK [READ-WRITE]")
    assert (await cmd("a8 FETCH 9 FLAGS")).startswith(b"a8 BAD")
    assert (await cmd("a9 FETCH 1 (FLAGS")).startswith(b"a9 BAD [PARSE]")
    assert (await cmd("b1 FROBNICATE")).startswith(b"b1 BAD")
    assert (await cmd("b2 LOGOUT")).startswith(b"b2 OK")
    writer.close()
    await writer.wait_closed()


async def test_raw_transcript_literal_login_and_capability(imap: ImapListener) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", imap.port)
    greeting = await reader.readline()
    assert greeting.startswith(b"* OK [CAPABILITY IMAP4rev1")
    assert b"AUTH=PLAIN" in greeting
    writer.write(b"a1 LOGIN {%d}\r\n" % len(A))
    assert (await reader.readline()).startswith(b"+")
    writer.write(A.encode() + b" " + PASSWORD.encode() + b"\r\na2 NOOP\r\na3 LOGOUT\r\n")
    lines = []
    while line := await reader.readline():
        lines.append(line)
    assert lines[0].startswith(b"a1 OK [CAPABILITY")
    assert lines[1].startswith(b"a2 OK")
    assert lines[2].startswith(b"* BYE")
    assert lines[3].startswith(b"a3 OK")
    writer.close()
    await writer.wait_closed()


async def test_shutdown_says_bye(imap: ImapListener) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", imap.port)
    await reader.readline()
    await imap.close(1.0)
    assert (await reader.readline()).startswith(b"* BYE")
    writer.close()
    await writer.wait_closed()


async def test_store_seen_and_expunge(imap: ImapListener, mail: MemoryMail) -> None:
    def session() -> None:
        c = client(imap.port)
        c.select("INBOX")
        typ, data = c.fetch("1", "(BODY[TEXT])")  # no PEEK: sets \Seen
        assert b"\\Seen" in data[0][0] or b"\\Seen" in data[-1]
        typ, data = c.fetch("1", "(FLAGS)")
        assert b"\\Seen" in data[0]
        typ, data = c.uid("STORE", "2", "+FLAGS", "(\\Deleted \\Flagged)")
        assert typ == "OK"
        assert b"UID 2" in data[0]
        assert b"\\Deleted" in data[0]
        typ, data = c.search(None, "DELETED")
        assert data == [b"2"]
        typ, data = c.expunge()
        assert data == [b"2"]
        typ, data = c.search(None, "ALL")
        assert data == [b"1 2"]
        c.select("INBOX", readonly=True)
        typ, data = c.uid("STORE", "1", "-FLAGS", "(\\Seen)")
        assert typ == "NO"
        c.logout()

    await asyncio.to_thread(session)
    ref = mail.accounts[A].ref
    assert [cp.uid for cp in mail._folder(ref.id, "INBOX").copies] == [1, 3]


async def test_header_list_fast_path_matches_general_path(imap: ImapListener) -> None:
    def session() -> tuple[list[object], list[object]]:
        c = client(imap.port)
        c.select("INBOX", readonly=True)
        fast = c.uid("FETCH", "1:*", "(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])")[1]
        slow = c.uid(
            "FETCH", "1:*", "(UID FLAGS RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (SUBJECT FROM)])"
        )[1]
        c.logout()
        return fast, slow

    fast, slow = await asyncio.to_thread(session)
    fast_headers = [p[1] for p in fast if isinstance(p, tuple)]
    slow_headers = [p[1] for p in slow if isinstance(p, tuple)]
    assert fast_headers == slow_headers
    assert len(fast_headers) == 3
    assert fast_headers[1].startswith(b"Subject: Bao cao thang\r\n")
    heads = [p[0] for p in fast if isinstance(p, tuple)]
    assert b"RFC822.SIZE" in heads[0]
    assert b"UID 1 " in heads[0]


async def test_noop_reports_new_mail(imap: ImapListener, mail: MemoryMail) -> None:
    c = await asyncio.to_thread(client, imap.port)
    await asyncio.to_thread(c.select, "INBOX")
    ref = mail.accounts[A].ref
    env = InboundEnvelope("x@other.vn", (ref,), (A,), "127.0.0.1", "client", None, now_utc())
    await mail.deliver(env, b"Subject: new\r\n\r\nnew\r\n")

    def noop() -> list[bytes]:
        c.noop()
        return c.response("EXISTS")[1]

    assert (await asyncio.to_thread(noop))[-1] == b"4"
    await asyncio.to_thread(c.logout)


async def test_idle_announces_new_mail_and_ends_with_done(
    imap: ImapListener, mail: MemoryMail, monkeypatch: pytest.MonkeyPatch
) -> None:
    from congvu.imap.commands import idle

    monkeypatch.setattr(idle, "POLL_SECONDS", 0.05)
    reader, writer = await asyncio.open_connection("127.0.0.1", imap.port)
    await reader.readline()
    writer.write(f'a1 LOGIN "{A}" "{PASSWORD}"\r\na2 SELECT INBOX\r\na3 IDLE\r\n'.encode())
    while not (await asyncio.wait_for(reader.readline(), 10)).startswith(b"+"):
        pass
    ref = mail.accounts[A].ref
    await mail.deliver(
        InboundEnvelope("x@o.vn", (ref,), (A,), "127.0.0.1", "c", None, now_utc()), b"S: x\r\n\r\n"
    )
    assert await asyncio.wait_for(reader.readline(), 10) == b"* 4 EXISTS\r\n"
    writer.write(b"DONE\r\na4 NOOP\r\n")
    assert (await asyncio.wait_for(reader.readline(), 10)).startswith(b"a3 OK")
    assert (await asyncio.wait_for(reader.readline(), 10)).startswith(b"a4 OK")
    writer.close()
    await writer.wait_closed()


async def test_idle_is_woken_by_the_notifier_not_the_poll(
    imap: ImapListener, mail: MemoryMail, monkeypatch: pytest.MonkeyPatch
) -> None:
    from congvu.imap.commands import idle

    monkeypatch.setattr(idle, "POLL_SECONDS", 3600.0)  # only `Mailboxes.watch` can wake it in time
    reader, writer = await asyncio.open_connection("127.0.0.1", imap.port)
    await reader.readline()
    writer.write(f'a1 LOGIN "{A}" "{PASSWORD}"\r\na2 SELECT INBOX\r\na3 IDLE\r\n'.encode())
    while not (await asyncio.wait_for(reader.readline(), 10)).startswith(b"+"):
        pass
    ref = mail.accounts[A].ref
    await mail.deliver(
        InboundEnvelope("x@o.vn", (ref,), (A,), "127.0.0.1", "c", None, now_utc()), b"S: x\r\n\r\n"
    )
    assert await asyncio.wait_for(reader.readline(), 10) == b"* 4 EXISTS\r\n"
    writer.write(b"DONE\r\n")
    assert (await asyncio.wait_for(reader.readline(), 10)).startswith(b"a3 OK")
    writer.close()
    await writer.wait_closed()


async def test_shutdown_during_idle_says_bye(imap: ImapListener) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", imap.port)
    await reader.readline()
    writer.write(f'a1 LOGIN "{A}" "{PASSWORD}"\r\na2 IDLE\r\n'.encode())
    while not (await asyncio.wait_for(reader.readline(), 10)).startswith(b"+"):
        pass
    await imap.close(5.0)
    assert (await asyncio.wait_for(reader.readline(), 10)).startswith(b"* BYE")
    writer.close()
    await writer.wait_closed()


async def test_authenticate_plain_with_and_without_initial_response(imap: ImapListener) -> None:
    def session() -> None:
        blob = f"\0{A}\0{PASSWORD}".encode()
        c = imaplib.IMAP4("127.0.0.1", imap.port, timeout=10)
        assert c.authenticate("PLAIN", lambda _: blob)[0] == "OK"  # waits for "+", then sends
        c.logout()

    await asyncio.to_thread(session)
    reader, writer = await asyncio.open_connection("127.0.0.1", imap.port)
    await reader.readline()
    token = base64.b64encode(f"\0{A}\0{PASSWORD}".encode())
    writer.write(b"a1 AUTHENTICATE PLAIN " + token + b"\r\n")
    assert (await asyncio.wait_for(reader.readline(), 10)).startswith(b"a1 OK")
    writer.close()
    await writer.wait_closed()


async def test_a_failing_service_call_answers_no_and_keeps_the_session(
    imap: ImapListener, mail: MemoryMail, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(folder_id: int, query: str) -> list[int]:
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(mail, "search_text", broken)
    reader, writer = await asyncio.open_connection("127.0.0.1", imap.port)
    await reader.readline()
    writer.write(f'a1 LOGIN "{A}" "{PASSWORD}"\r\na2 SELECT INBOX\r\n'.encode())
    writer.write(b"a3 SEARCH TEXT x\r\na4 NOOP\r\n")
    lines = []
    while not lines or not lines[-1].startswith(b"a4 "):
        lines.append(await asyncio.wait_for(reader.readline(), 10))
    tagged_lines = [ln for ln in lines if ln[:2] in (b"a3", b"a4")]
    assert tagged_lines[0].startswith(b"a3 NO [SERVERBUG]")
    assert tagged_lines[1].startswith(b"a4 OK")
    writer.close()
    await writer.wait_closed()


async def test_status_and_lsub(imap: ImapListener) -> None:
    def session() -> None:
        c = client(imap.port)
        typ, data = c.status("inbox", "(MESSAGES UIDNEXT UIDVALIDITY UNSEEN)")
        assert typ == "OK"
        assert b"MESSAGES 3" in data[0]
        assert b"UIDNEXT 4" in data[0]
        typ, data = c.status("Nowhere", "(MESSAGES)")
        assert typ == "NO"
        typ, data = c.lsub()
        assert typ == "OK"
        assert any(b'"INBOX"' in d for d in data if isinstance(d, bytes))
        typ, data = c.list('""', "S%")
        assert [d.split(b" ")[-1] for d in data if isinstance(d, bytes)] == [b'"Sent"']
        c.logout()

    await asyncio.to_thread(session)


async def test_search_header_keys_look_at_the_field(imap: ImapListener) -> None:
    def session() -> None:
        c = client(imap.port)
        c.select("INBOX", readonly=True)
        assert c.search(None, "SUBJECT", "bao")[1] == [b"2"]  # "Bao cao" in the subject of 2 only
        assert c.search(None, "TEXT", "bao")[1] == [b"2"]
        assert c.search(None, "FROM", "duyen")[1] == [b"1"]
        assert c.search(None, "FROM", "khan")[1] == [b""]  # "khan" is in message 1, not in From
        c.logout()

    await asyncio.to_thread(session)
