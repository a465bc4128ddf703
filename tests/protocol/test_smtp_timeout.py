"""SMTP idle timeout (RFC 5321 §4.5.3.2): each command moves the deadline of the one timer
`CongvuSMTP` keeps, and an idle connection is closed once the deadline passes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from congvu.events import MemorySink
from congvu.smtp.server import SmtpListener, SmtpOptions, start_smtp
from congvu.smtp.stages import Role, Stages
from congvu.testing.fakes import MemoryMail, now_utc
from tests.protocol.conftest import Wire

TIMEOUT = 0.6


@pytest.fixture
async def short_timeout(mail: MemoryMail) -> AsyncIterator[SmtpListener]:
    events = MemorySink()
    stages = Stages(
        role=Role.MX, directory=mail, delivery=mail, events=events, clock=now_utc, max_recipients=5
    )
    options = SmtpOptions("mail.sonla.gov.vn", 64 * 1024, None, offer_auth=False, timeout=TIMEOUT)
    listener = await start_smtp(
        "mx", "127.0.0.1", 0, stages=stages, options=options, directory=mail, events=events, clock=now_utc
    )
    yield listener
    await listener.close(1.0)


async def test_commands_keep_the_connection_open_past_the_first_deadline(short_timeout: SmtpListener) -> None:
    wire = await Wire.open(short_timeout.port)
    assert (await wire.cmd("EHLO client.example")).startswith("250")
    for _ in range(5):  # 5 × TIMEOUT/3 > TIMEOUT: alive only because each command moved it
        await asyncio.sleep(TIMEOUT / 3)
        assert (await wire.cmd("NOOP")).startswith("250")
    await wire.close()


async def test_an_idle_connection_is_closed(short_timeout: SmtpListener) -> None:
    wire = await Wire.open(short_timeout.port)
    assert (await wire.cmd("EHLO client.example")).startswith("250")
    assert (await wire.cmd("NOOP")).startswith("250")
    # the server closes: the next read ends (Wire.reply waits up to 10 s, far past TIMEOUT)
    with pytest.raises(ConnectionError):
        await wire.reply()
    await wire.close()
