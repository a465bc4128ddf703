"""IDLE (RFC 2177, RFC 9051 §6.3.13): wait for ``DONE``, reporting new mail meanwhile.

While idling, the selected folder is checked every `POLL_SECONDS` (one folder-list query,
see `general.refresh`); new messages are announced with ``* n EXISTS`` at once. A change
notifier (DESIGN.md "Change notification is a port") can replace the polling later without
changing the protocol side.
"""

from __future__ import annotations

import asyncio
from typing import Final

from congvu.imap.commands.base import Io, ok, tagged
from congvu.imap.commands.general import refresh
from congvu.imap.grammar import Idle
from congvu.imap.state import Authenticated, Selected, State

POLL_SECONDS = 15.0  # a module setting, not Final: tests shorten it
IDLING: Final = b"+ idling\r\n"
EXPECTED_DONE: Final = "Can DONE / Expected DONE"


async def idle(cmd: Idle, state: Authenticated | Selected, io: Io) -> State:
    io.write(IDLING)
    await io.drain()
    current: State = state
    while True:
        try:
            async with asyncio.timeout(POLL_SECONDS):
                line = await io.read_client_line()
        except TimeoutError:
            if isinstance(current, Selected):
                current = await refresh(current, io)
                await io.drain()
            continue
        if line is None:
            return current
        if line.strip().upper() == b"DONE":
            ok(io, cmd.tag, "IDLE")
        else:
            tagged(io, cmd.tag, "BAD", EXPECTED_DONE)
        return current
