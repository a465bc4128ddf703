"""Fixtures for protocol transcripts: real listeners in this event loop over in-memory fakes."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from congvu.directory.api import NewAccount
from congvu.events import MemorySink
from congvu.smtp.server import SmtpListener, SmtpOptions, start_smtp
from congvu.smtp.stages import Role, Stages
from congvu.testing.fakes import MemoryMail, now_utc

DOMAIN = "sonla.gov.vn"
PASSWORD = "Mat-khau-2025"
USERS = ("duyenct.skhcn", "minhlv.skhcn", "huongnt.vpubnd")


@dataclass
class SmtpHarness:
    mail: MemoryMail
    events: MemorySink
    mx: SmtpListener
    submission: SmtpListener


@pytest.fixture
async def mail() -> MemoryMail:
    mail = MemoryMail(domains=(DOMAIN,), hostname="mail.sonla.gov.vn")
    for user in USERS:
        await mail.add_account(NewAccount(f"{user}@{DOMAIN}", user, PASSWORD))
    return mail


@pytest.fixture
async def smtp(mail: MemoryMail) -> AsyncIterator[SmtpHarness]:
    events = MemorySink()
    listeners = []
    for role in (Role.MX, Role.SUBMISSION):
        stages = Stages(
            role=role, directory=mail, delivery=mail, events=events, clock=now_utc, max_recipients=50
        )
        options = SmtpOptions(
            hostname="mail.sonla.gov.vn",
            max_message_bytes=64 * 1024,
            tls_context=None,
            auth_required=role is Role.SUBMISSION,
            offer_auth=role is Role.SUBMISSION,
            allow_plaintext_auth_on_loopback=True,
        )
        listeners.append(
            await start_smtp(
                role.value,
                "127.0.0.1",
                0,
                stages=stages,
                options=options,
                directory=mail,
                events=events,
                clock=now_utc,
            )
        )
    yield SmtpHarness(mail, events, listeners[0], listeners[1])
    for listener in listeners:
        await listener.close(1.0)


class Wire:
    """A raw SMTP client: send exact bytes, read whole replies (multi-line aware)."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer

    @classmethod
    async def open(cls, port: int) -> Wire:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        wire = cls(reader, writer)
        await wire.reply()  # greeting
        return wire

    async def reply(self) -> str:
        lines = []
        while True:
            line = await asyncio.wait_for(self.reader.readline(), 10)
            if not line:
                raise ConnectionError("closed")
            lines.append(line.decode("utf-8", "replace").rstrip("\r\n"))
            if len(line) < 4 or line[3:4] != b"-":
                return "\n".join(lines)

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def cmd(self, line: str | bytes) -> str:
        await self.send((line.encode() if isinstance(line, str) else line) + b"\r\n")
        return await self.reply()

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(ConnectionError):
            await self.writer.wait_closed()
