"""The IMAP listener: an asyncio Protocol that only moves bytes (RFC 9051 §2.2, §5.5).

Bytes go into the sans-IO `congvu.imap.grammar.CommandParser`; each typed command is looked
up in `congvu.imap.commands.REGISTRY`, admitted by the session state's type, and handed to
its module; responses come back through `write`. A connection is one `__slots__` object plus
its parser: no task and no buffer are kept while it idles (DESIGN.md: ≤ 10 KB per idle
connection; asyncio streams would add about 5.5 KB each). Commands of one connection run one
at a time in a task that exists only while there is work. Output is flow-controlled
(`pause_writing`/`resume_writing` → `drain`). STARTTLS discards any plaintext pipelined after
the command (RFC 9051 §6.2.1, the CVE-2011-0411 family). Idle sessions are logged out after
`IDLE_TIMEOUT` (RFC 9051 §5.4: at least 30 minutes) by one sweep per listener.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging
import ssl
from collections.abc import Callable
from datetime import datetime
from typing import Final

from congvu.directory.api import Directory
from congvu.domain.errors import CongvuError, TemporaryFailure
from congvu.events import EventSink
from congvu.imap.commands import REGISTRY
from congvu.imap.commands.base import (
    BAD_STATE,
    BYE_IDLE,
    BYE_SHUTDOWN,
    GREETING,
    NOT_SUPPORTED,
    SERVER_BUG,
    TEMPORARY,
    ImapContext,
)
from congvu.imap.commands.general import capabilities
from congvu.imap.grammar import ClientLine, Command, CommandParser, NeedContinuation, ParseError, ParserLimits
from congvu.imap.state import LoggedOut, NotAuthenticated, State
from congvu.mailbox.api import Mailboxes
from congvu.render import ascii_text

log = logging.getLogger("congvu.imap")

IDLE_TIMEOUT: Final = 30 * 60.0
SWEEP_EVERY: Final = 60.0
MAX_BUFFERED: Final = 1 << 20  # pause reading when this much unparsed input waits
LIMITS: Final = ParserLimits()


def _is_loopback(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


class ImapConnection(asyncio.Protocol):
    """One client connection (implements `congvu.imap.commands.base.Io`)."""

    __slots__ = (
        "_closing",
        "_drain",
        "_listener",
        "_more",
        "_paused",
        "_task",
        "_waiting_line",
        "_want_tls",
        "ctx",
        "last_active",
        "parser",
        "peer_ip",
        "state",
        "tls",
        "transport",
        "utf8",
    )

    def __init__(self, ctx: ImapContext, listener: ImapListener) -> None:
        self.ctx = ctx
        self._listener = listener
        self.transport: asyncio.Transport | None = None
        self.parser = CommandParser(LIMITS)
        self.state: State = NotAuthenticated()
        self.peer_ip = ""
        self.tls = ctx.implicit_tls
        self.utf8 = False
        self.last_active = 0.0
        self._task: asyncio.Task[None] | None = None
        self._more: asyncio.Future[None] | None = None
        self._drain: asyncio.Future[None] | None = None
        self._paused = False
        self._want_tls = False
        self._waiting_line = False
        self._closing = False

    # -- asyncio.Protocol -----------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        peer = transport.get_extra_info("peername")
        self.peer_ip = str(peer[0]) if isinstance(peer, tuple) else ""
        self.last_active = asyncio.get_running_loop().time()
        self._listener.joined(self)
        caps = capabilities(self, self.state)
        self.write(f"* OK [CAPABILITY {caps}] {GREETING}\r\n".encode())

    def data_received(self, data: bytes) -> None:
        self.parser.feed(data)
        loop = asyncio.get_running_loop()
        self.last_active = loop.time()
        if self._more is not None and not self._more.done():
            self._more.set_result(None)
        if self._task is None:
            self._task = loop.create_task(self._run())
        if self.parser.buffered > MAX_BUFFERED and self.transport is not None:
            self.transport.pause_reading()

    def eof_received(self) -> bool | None:
        return None  # close the transport

    def connection_lost(self, exc: Exception | None) -> None:
        self._listener.left(self)
        self.transport = None
        for fut in (self._more, self._drain):
            if fut is not None and not fut.done():
                fut.set_result(None)
        if self._task is not None:
            self._task.cancel()

    def pause_writing(self) -> None:
        self._paused = True

    def resume_writing(self) -> None:
        self._paused = False
        if self._drain is not None and not self._drain.done():
            self._drain.set_result(None)

    # -- Io -------------------------------------------------------------------------------
    def write(self, data: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(data)

    async def drain(self) -> None:
        if self._paused and self.transport is not None:
            self._drain = asyncio.get_running_loop().create_future()
            await self._drain

    def login_allowed(self) -> bool:
        return self.tls or (self.ctx.allow_plaintext_auth_on_loopback and _is_loopback(self.peer_ip))

    def request_tls(self) -> None:
        self._want_tls = True

    async def read_client_line(self) -> bytes | None:
        self.parser.expect_line()
        loop = asyncio.get_running_loop()
        while True:
            item = self.parser.next()
            if isinstance(item, ClientLine):
                return item.data
            if item is not None or self.transport is None:
                return None
            self._more = loop.create_future()
            self._waiting_line = True
            try:
                await self._more
            finally:
                self._waiting_line = False

    # -- command loop ---------------------------------------------------------------------
    async def _run(self) -> None:
        try:
            while self.transport is not None:
                item = self.parser.next()
                if item is None:
                    break
                await self._dispatch(item)
                if isinstance(self.state, LoggedOut) or self._closing:
                    if self._closing and not isinstance(self.state, LoggedOut):
                        self.write(f"* BYE {BYE_SHUTDOWN}\r\n".encode())
                    self._close()
                    break
                if self._want_tls:
                    await self._start_tls()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("IMAP connection from %s failed", self.peer_ip)
            self.write(f"* BYE {SERVER_BUG}\r\n".encode())
            self._close()
        finally:
            self._task = None
            # Every complete command is consumed: what remains is a partial command or literal,
            # which the parser's limits bound, so reading must go on (a large APPEND literal
            # keeps `buffered` above MAX_BUFFERED until it is complete).
            if self.transport is not None:
                self.transport.resume_reading()

    async def _dispatch(self, item: Command | NeedContinuation | ParseError | ClientLine) -> None:
        if isinstance(item, NeedContinuation):
            self.write(b"+ Ready\r\n")
            return
        if isinstance(item, ParseError):
            code = f"[{item.code}] " if item.code else ""
            text = ascii_text(item.message("vi")) + " / " + ascii_text(item.message("en"))
            self.write(f"{item.tag or '*'} {item.status} {code}{text}\r\n".encode())
            return
        if isinstance(item, ClientLine):
            return  # a stray continuation line outside AUTHENTICATE/IDLE: ignore
        entry = REGISTRY.get(type(item))
        if entry is None:
            self.write(f"{item.tag} BAD {NOT_SUPPORTED.format(name=item.name)}\r\n".encode())
            return
        handler, admits = entry
        if not isinstance(self.state, admits):
            self.write(f"{item.tag} BAD {BAD_STATE.format(name=item.name)}\r\n".encode())
            return
        try:
            self.state = await handler(item, self.state, self)
        except TemporaryFailure:
            self.write(f"{item.tag} NO {TEMPORARY}\r\n".encode())
        except CongvuError as exc:
            log.warning("IMAP %s refused: %s", item.name, exc)
            self.write(f"{item.tag} NO {ascii_text(str(exc))}\r\n".encode())
        except Exception:
            # One failed command (a storage bug, a malformed stored value) must not end the
            # session: log it, answer NO [SERVERBUG], keep the state as it was.
            log.exception("IMAP %s from %s failed", item.name, self.peer_ip)
            self.write(f"{item.tag} NO {SERVER_BUG}\r\n".encode())

    async def _start_tls(self) -> None:
        self._want_tls = False
        self.parser.take_buffered()  # plaintext sent after STARTTLS is never trusted
        context = self.ctx.tls_context
        transport = self.transport
        if context is None or transport is None:
            return
        loop = asyncio.get_running_loop()
        try:
            new = await loop.start_tls(transport, self, context, server_side=True)
        except (OSError, ssl.SSLError, ConnectionError):
            self._close()
            return
        if new is None:
            self._close()
            return
        self.transport = new
        self.tls = True

    def _close(self) -> None:
        if self.transport is not None:
            self.transport.close()

    # -- lifecycle ------------------------------------------------------------------------
    def shutdown(self) -> None:
        """Say BYE now when idle (or in IDLE), else after the command under way."""
        if self._task is None or self._waiting_line:
            self.write(f"* BYE {BYE_SHUTDOWN}\r\n".encode())
            self._close()
        else:
            self._closing = True

    def expire(self, now: float) -> None:
        if self._task is None and now - self.last_active > IDLE_TIMEOUT:
            self.write(f"* BYE {BYE_IDLE}\r\n".encode())
            self._close()


class ImapListener:
    """One listening socket and its connections."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.server: asyncio.Server | None = None
        self.connections: set[ImapConnection] = set()
        self._sweeper: asyncio.Task[None] | None = None
        self._empty = asyncio.Event()
        self._empty.set()

    def joined(self, conn: ImapConnection) -> None:
        self.connections.add(conn)
        self._empty.clear()

    def left(self, conn: ImapConnection) -> None:
        self.connections.discard(conn)
        if not self.connections:
            self._empty.set()

    @property
    def port(self) -> int:
        assert self.server is not None
        return int(self.server.sockets[0].getsockname()[1])

    async def _sweep(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(SWEEP_EVERY)
            now = loop.time()
            for conn in list(self.connections):
                conn.expire(now)

    async def close(self, grace: float) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
        if self.server is not None:
            self.server.close()
        for conn in list(self.connections):
            conn.shutdown()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self._empty.wait(), timeout=grace)
        for conn in list(self.connections):
            if conn.transport is not None:
                conn.transport.abort()
        if self.server is not None:
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.server.wait_closed(), timeout=1.0)


async def start_imap(
    name: str,
    host: str,
    port: int,
    *,
    directory: Directory,
    mailboxes: Mailboxes,
    events: EventSink,
    clock: Callable[[], datetime],
    tls_context: ssl.SSLContext | None,
    implicit_tls: bool,
    allow_plaintext_auth_on_loopback: bool,
    hostname: str,
    reuse_port: bool = False,
) -> ImapListener:
    ctx = ImapContext(
        directory=directory,
        mailboxes=mailboxes,
        events=events,
        clock=clock,
        hostname=hostname,
        tls_context=tls_context,
        implicit_tls=implicit_tls,
        allow_plaintext_auth_on_loopback=allow_plaintext_auth_on_loopback,
    )
    listener = ImapListener(name)
    loop = asyncio.get_running_loop()
    listener.server = await loop.create_server(
        lambda: ImapConnection(ctx, listener),
        host=host,
        port=port,
        ssl=tls_context if implicit_tls else None,
        reuse_address=True,
        reuse_port=reuse_port or None,  # several worker processes on one port (congvu.supervisor)
        backlog=1024,
    )
    listener._sweeper = loop.create_task(listener._sweep())
    return listener
