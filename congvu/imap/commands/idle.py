"""IDLE (RFC 2177, RFC 9051 §6.3.13): wait for ``DONE``, reporting new mail meanwhile.

While idling, the session watches its selected folder through the change notifier
(`Mailboxes.watch`, DESIGN.md "Change notification is a port"): a delivery in this process
wakes it and ``* n EXISTS`` goes out at once. Every `POLL_SECONDS` it also re-checks the folder
(one folder-list query, see `general.refresh`), for changes made by other processes until a
cross-node notifier (PostgreSQL LISTEN/NOTIFY or NATS) is wired behind the same port.
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
    changed = asyncio.Event()
    stop_watching = (
        io.ctx.mailboxes.watch(state.folder.id, changed.set) if isinstance(state, Selected) else None
    )
    reading = asyncio.ensure_future(io.read_client_line())
    try:
        while not reading.done():
            woken = asyncio.ensure_future(changed.wait())
            await asyncio.wait((reading, woken), timeout=POLL_SECONDS, return_when=asyncio.FIRST_COMPLETED)
            woken.cancel()
            if reading.done():
                break
            changed.clear()  # woken by a change, or the periodic re-check is due
            if isinstance(current, Selected):
                current = await refresh(current, io)
                await io.drain()
    finally:
        if stop_watching is not None:
            stop_watching()
        reading.cancel()  # no-op once done; otherwise the connection is going away
    line = reading.result()
    if line is None:
        return current
    if line.strip().upper() == b"DONE":
        ok(io, cmd.tag, "IDLE")
    else:
        tagged(io, cmd.tag, "BAD", EXPECTED_DONE)
    return current
