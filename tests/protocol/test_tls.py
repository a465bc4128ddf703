"""TLS rules: passwords only after STARTTLS or on implicit TLS (RFC 8314), unless plaintext on
loopback is allowed; STARTTLS drops plaintext pipelined after the command (RFC 9051 §6.2.1)."""

from __future__ import annotations

import asyncio
import imaplib
import smtplib
import ssl
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from congvu.app import make_self_signed_certificate
from congvu.events import MemorySink
from congvu.imap.server import ImapListener, start_imap
from congvu.smtp.server import SmtpListener, SmtpOptions, start_smtp
from congvu.smtp.stages import Role, Stages
from congvu.testing.fakes import MemoryMail, now_utc
from tests.protocol.conftest import DOMAIN, PASSWORD

A = f"duyenct.skhcn@{DOMAIN}"


@pytest.fixture(scope="module")
def server_context(tmp_path_factory: pytest.TempPathFactory) -> ssl.SSLContext:
    root: Path = tmp_path_factory.mktemp("tls")
    make_self_signed_certificate(root / "cert.pem", root / "key.pem", "mail.sonla.gov.vn")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(root / "cert.pem", root / "key.pem")
    return context


def client_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


@pytest.fixture
async def imap_tls(
    mail: MemoryMail, server_context: ssl.SSLContext
) -> AsyncIterator[tuple[ImapListener, ImapListener]]:
    common = {"directory": mail, "mailboxes": mail, "events": MemorySink(), "clock": now_utc}
    plain = await start_imap(
        "imap", "127.0.0.1", 0, tls_context=server_context, implicit_tls=False,
        allow_plaintext_auth_on_loopback=False, hostname="mail.test", **common,  # type: ignore[arg-type]
    )  # fmt: skip
    implicit = await start_imap(
        "imaps", "127.0.0.1", 0, tls_context=server_context, implicit_tls=True,
        allow_plaintext_auth_on_loopback=False, hostname="mail.test", **common,  # type: ignore[arg-type]
    )  # fmt: skip
    yield plain, implicit
    await plain.close(1.0)
    await implicit.close(1.0)


async def test_imap_login_needs_tls(imap_tls: tuple[ImapListener, ImapListener]) -> None:
    plain, implicit = imap_tls

    def session() -> None:
        c = imaplib.IMAP4("127.0.0.1", plain.port, timeout=10)
        assert "LOGINDISABLED" in c.capabilities
        assert "STARTTLS" in c.capabilities
        typ, _ = c._simple_command("LOGIN", A, PASSWORD)  # type: ignore[attr-defined]
        assert typ == "NO"
        c.starttls(ssl_context=client_context())
        assert "LOGINDISABLED" not in c.capabilities
        assert c.login(A, PASSWORD)[0] == "OK"
        c.logout()
        s = imaplib.IMAP4_SSL("127.0.0.1", implicit.port, ssl_context=client_context(), timeout=10)
        assert s.login(A, PASSWORD)[0] == "OK"
        s.logout()

    await asyncio.to_thread(session)


async def test_imap_starttls_discards_pipelined_plaintext(
    imap_tls: tuple[ImapListener, ImapListener],
) -> None:
    plain, _ = imap_tls
    reader, writer = await asyncio.open_connection("127.0.0.1", plain.port)
    await reader.readline()
    writer.write(b"a1 STARTTLS\r\na2 LOGIN injected nope\r\n")
    assert (await reader.readline()).startswith(b"a1 OK")
    await writer.start_tls(client_context())
    writer.write(b"a3 NOOP\r\n")
    line = await asyncio.wait_for(reader.readline(), 10)
    assert line.startswith(b"a3 OK")  # nothing was answered for the injected a2
    writer.close()
    await writer.wait_closed()


@pytest.fixture
async def submission_tls(
    mail: MemoryMail, server_context: ssl.SSLContext
) -> AsyncIterator[tuple[SmtpListener, SmtpListener]]:
    listeners = []
    for implicit in (False, True):
        events = MemorySink()
        stages = Stages(
            role=Role.SUBMISSION,
            directory=mail,
            delivery=mail,
            events=events,
            clock=now_utc,
            max_recipients=10,
        )
        options = SmtpOptions(
            hostname="mail.test", max_message_bytes=1 << 20, tls_context=server_context,
            implicit_tls=implicit, auth_required=True,
        )  # fmt: skip
        listeners.append(
            await start_smtp(
                "s",
                "127.0.0.1",
                0,
                stages=stages,
                options=options,
                directory=mail,
                events=events,
                clock=now_utc,
            )
        )
    yield listeners[0], listeners[1]
    for listener in listeners:
        await listener.close(1.0)


async def test_smtp_auth_needs_tls(submission_tls: tuple[SmtpListener, SmtpListener]) -> None:
    starttls, implicit = submission_tls

    def session() -> None:
        with smtplib.SMTP("127.0.0.1", starttls.port, timeout=10) as s:
            s.ehlo()
            assert not s.has_extn("auth")
            code, _ = s.docmd("AUTH", "PLAIN")
            assert code == 538
            s.starttls(context=client_context())
            s.ehlo()
            assert s.has_extn("auth")
            assert s.login(A, PASSWORD)[0] == 235
            assert s.sendmail(A, [A], b"Subject: tls\r\n\r\nx\r\n") == {}
        with smtplib.SMTP_SSL("127.0.0.1", implicit.port, context=client_context(), timeout=10) as s:
            assert s.login(A, PASSWORD)[0] == 235

    await asyncio.to_thread(session)
