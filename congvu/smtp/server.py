"""The SMTP listener: aiosmtpd's protocol engine with Congvu's DATA reader, AUTH and shutdown.

aiosmtpd owns command syntax and order (RFC 5321 §4.1, RFC 3207 STARTTLS, RFC 4954 AUTH).
This subclass changes three things and keeps everything else:

* DATA is read in large chunks by `congvu.smtp.data.DataReader` instead of line by line
  (DESIGN.md "Performance"); only CRLF.CRLF ends it, size over the limit answers 552 after
  draining, dot-unstuffing is exact.
* AUTH PLAIN and LOGIN (RFC 4616, draft-murchison-sasl-login) ask the directory
  asynchronously. AUTH needs TLS (STARTTLS, or the implicit-TLS port 465 of RFC 8314)
  unless ``tls.allow_plaintext_auth_on_loopback`` is set and the peer is loopback (demo,
  tests).
* Shutdown: `SmtpListener.close` stops accepting, lets deliveries in flight finish (a 250
  is never lost: the message is durable before it is sent), then says 421 and closes.
"""

from __future__ import annotations

import asyncio
import binascii
import contextlib
import ipaddress
import re
import ssl
from base64 import b64decode
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope

from congvu import render
from congvu.directory.api import Directory
from congvu.events import EventSink, LoginFailed, LoginSucceeded
from congvu.smtp import replies as R
from congvu.smtp.address import has_controls
from congvu.smtp.data import DataReader
from congvu.smtp.stages import CongvuEnvelope, Stages, peer_ip

# RFC 5321 §4.1.2: "<" Dot-string "@" Domain ">" with ASCII atext only; the rest falls back.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
SIMPLE_PATH = re.compile(
    rf"<({_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)>"
    r"((?:\s.*)?)\Z",
    re.DOTALL,
)

# Bytes asked of the socket buffer per read in DATA; also the StreamReader limit, so the
# transport is paused only when this much is waiting unread.
CHUNK = 256 * 1024

# The loop may run a timer up to its clock resolution early; closer than this is "due".
_TIMER_SLACK = 0.01


@dataclass(frozen=True, slots=True)
class SmtpOptions:
    """What one listener needs besides its services."""

    hostname: str
    max_message_bytes: int
    tls_context: ssl.SSLContext | None
    implicit_tls: bool = False
    auth_required: bool = False
    offer_auth: bool = True
    allow_plaintext_auth_on_loopback: bool = False
    timeout: float = 300.0


def _is_loopback(ip: str) -> bool:
    try:
        return ipaddress.ip_address(ip).is_loopback
    except ValueError:
        return False


class InFlight:
    """Count of deliveries under way on one listener; `idle` is set when there are none."""

    __slots__ = ("count", "idle")

    def __init__(self) -> None:
        self.count = 0
        self.idle = asyncio.Event()
        self.idle.set()

    def add(self, delta: int) -> None:
        self.count += delta
        if self.count:
            self.idle.clear()
        else:
            self.idle.set()


class CongvuSMTP(SMTP):
    """One SMTP connection."""

    line_length_limit = CHUNK

    def __init__(
        self,
        stages: Stages,
        options: SmtpOptions,
        directory: Directory,
        events: EventSink,
        clock: Callable[[], datetime],
        registry: set[CongvuSMTP],
        inflight: InFlight,
    ) -> None:
        super().__init__(
            stages,
            data_size_limit=options.max_message_bytes,
            enable_SMTPUTF8=True,
            decode_data=False,
            hostname=options.hostname,
            ident="Congvu Mail ESMTP",
            tls_context=None if options.implicit_tls else options.tls_context,
            timeout=options.timeout,
            auth_required=options.auth_required,
            auth_require_tls=True,
            auth_exclude_mechanism=None if options.offer_auth else ["PLAIN", "LOGIN"],
            loop=asyncio.get_running_loop(),
        )
        self._options = options
        self._directory = directory
        self._events = events
        self._clock = clock
        self._registry = registry
        self._inflight = inflight
        self._delivering = False
        self._deadline = 0.0  # loop time at which an idle connection is closed

    @property
    def delivering(self) -> bool:
        return self._delivering

    @delivering.setter
    def delivering(self, value: bool) -> None:
        if value != self._delivering:
            self._delivering = value
            self._inflight.add(1 if value else -1)

    def _create_envelope(self) -> Envelope:
        return CongvuEnvelope()

    # -- idle timeout ---------------------------------------------------------------------
    def _reset_timeout(self, duration: float | None = None) -> None:
        """aiosmtpd cancels and re-creates a timer on every command; here a command only moves
        the deadline, and the one timer re-arms itself when it fires early (same timeout,
        RFC 5321 §4.5.3.2, without a heap insertion per command)."""
        self._deadline = self.loop.time() + (duration or self._timeout_duration)
        handle = self._timeout_handle
        if handle is not None and not handle.cancelled() and handle.when() <= self._deadline:
            return  # fires no later than the deadline and re-arms itself then
        if handle is not None:
            handle.cancel()
        self._timeout_handle = self.loop.call_at(self._deadline, self._timeout_cb)

    def _timeout_cb(self) -> None:
        if self.loop.time() < self._deadline - _TIMER_SLACK:
            self._timeout_handle = self.loop.call_at(self._deadline, self._timeout_cb)
            return
        super()._timeout_cb()  # type: ignore[no-untyped-call]

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        first = self.transport is None
        super().connection_made(transport)
        if not first:
            return
        self._registry.add(self)
        assert self.session is not None
        if self._options.implicit_tls:
            self.session.ssl = {"implicit": True}
            self._auth_require_tls = False
        elif self._options.allow_plaintext_auth_on_loopback and _is_loopback(peer_ip(self.session)):
            self._auth_require_tls = False

    def connection_lost(self, error: Exception | None) -> None:
        self._registry.discard(self)
        super().connection_lost(error)

    # -- envelope addresses --------------------------------------------------------------
    def _getaddr(self, arg: str) -> tuple[str | None, str | None]:
        """aiosmtpd's parser for the usual ``<dot-atom@domain>`` without its per-call cost
        (it builds a Protocol class and an RFC 5322 token tree per address); anything else
        still goes through aiosmtpd (RFC 5321 §4.1.2 Path)."""
        m = SIMPLE_PATH.match(arg)
        if m is not None:
            return m.group(1), m.group(2).lstrip()
        return super()._getaddr(arg)

    async def smtp_MAIL(self, arg: str | None) -> None:
        if arg is not None and has_controls(arg):
            await self.push(R.BAD_ADDRESS)
            return
        await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg: str | None) -> None:
        if arg is not None and has_controls(arg):
            await self.push(R.BAD_ADDRESS)
            return
        await super().smtp_RCPT(arg)

    # -- DATA ---------------------------------------------------------------------------
    async def smtp_DATA(self, arg: str) -> None:
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("DATA"):
            return
        assert self.envelope is not None
        if not self.envelope.rcpt_tos:
            await self.push(R.NEED_RCPT)
            return
        if arg:
            await self.push(R.DATA_SYNTAX)
            return
        await self.push(R.START_DATA)
        reader = DataReader(self.data_size_limit)
        rest: bytes | None = None
        while rest is None:
            chunk = await self._reader.read(CHUNK)
            if not chunk:  # EOF in the middle of DATA: nothing is delivered
                return
            rest = reader.feed(chunk)
            self._reset_timeout()
        if rest:
            # Pipelined commands after the end of data go back in front of the unread bytes.
            self._reader._buffer[:0] = rest  # type: ignore[attr-defined]
        content = reader.message()
        if reader.too_big:
            self.envelope = self._create_envelope()
            await self.push(R.TOO_BIG)
            return
        self.envelope.content = content
        self.envelope.original_content = content
        status = await self._call_handler_hook("DATA")
        self.envelope = self._create_envelope()
        await self.push(status)

    # -- AUTH ---------------------------------------------------------------------------
    async def auth_PLAIN(self, _: Any, args: list[str]) -> AuthResult:
        if len(args) == 1:
            blob = await self.challenge_auth("")
            if not isinstance(blob, bytes):
                return AuthResult(success=False, handled=True)
        else:
            try:
                blob = b64decode(args[1].encode(), validate=True)
            except binascii.Error:
                await self.push(R.AUTH_BAD_BASE64)
                return AuthResult(success=False, handled=True)
        parts = blob.split(b"\x00")
        if len(parts) != 3:
            await self.push(R.AUTH_BAD_PLAIN)
            return AuthResult(success=False, handled=True)
        return await self._check(parts[1], parts[2])

    async def auth_LOGIN(self, _: Any, args: list[str]) -> AuthResult:
        if len(args) == 1:
            login = await self.challenge_auth("Username:")
            if not isinstance(login, bytes):
                return AuthResult(success=False, handled=True)
        else:
            try:
                login = b64decode(args[1].encode(), validate=True)
            except binascii.Error:
                await self.push(R.AUTH_BAD_BASE64)
                return AuthResult(success=False, handled=True)
        password = await self.challenge_auth("Password:")
        if not isinstance(password, bytes):
            return AuthResult(success=False, handled=True)
        return await self._check(login, password)

    async def _check(self, login_b: bytes, password_b: bytes) -> AuthResult:
        assert self.session is not None
        login = login_b.decode("utf-8", "replace")
        password = password_b.decode("utf-8", "replace")
        ip = peer_ip(self.session)
        now = self._clock()
        outcome = await self._directory.authenticate(login, password, peer=ip, now=now)
        if outcome.account is None:
            reason = outcome.violation.rule if outcome.violation else "credentials"
            self._events.emit(LoginFailed(time=now, login=login, peer_ip=ip, protocol="smtp", reason=reason))
            message = (
                render.smtp([outcome.violation], code=535, enhanced="5.7.8")
                if outcome.violation
                else R.AUTH_INVALID
            )
            return AuthResult(success=False, handled=False, message=message)
        address = outcome.account.address
        self._events.emit(LoginSucceeded(time=now, login=address, peer_ip=ip, protocol="smtp"))
        return AuthResult(success=True, handled=False, message=R.AUTH_OK, auth_data=outcome.account)

    # -- shutdown -----------------------------------------------------------------------
    def say_goodbye(self) -> None:
        """Best-effort 421 and close (RFC 5321 §3.8); never called during a delivery."""
        transport = self.transport
        if transport is None or transport.is_closing():
            return
        with contextlib.suppress(Exception):
            transport.write((R.SHUTTING_DOWN + "\r\n").encode())  # type: ignore[attr-defined]
        transport.close()


class SmtpListener:
    """One listening socket and the connections it accepted."""

    def __init__(
        self, name: str, server: asyncio.Server, connections: set[CongvuSMTP], inflight: InFlight
    ) -> None:
        self.name = name
        self.server = server
        self.connections = connections
        self.inflight = inflight

    @property
    def port(self) -> int:
        return int(self.server.sockets[0].getsockname()[1])

    async def close(self, grace: float) -> None:
        self.server.close()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.inflight.idle.wait(), timeout=grace)
        for conn in list(self.connections):
            conn.say_goodbye()
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(self.server.wait_closed(), timeout=max(0.1, deadline - loop.time()))


async def start_smtp(
    name: str,
    host: str,
    port: int,
    *,
    stages: Stages,
    options: SmtpOptions,
    directory: Directory,
    events: EventSink,
    clock: Callable[[], datetime],
    reuse_port: bool = False,
) -> SmtpListener:
    connections: set[CongvuSMTP] = set()
    inflight = InFlight()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: CongvuSMTP(stages, options, directory, events, clock, connections, inflight),
        host=host,
        port=port,
        ssl=options.tls_context if options.implicit_tls else None,
        reuse_address=True,
        reuse_port=reuse_port or None,  # several worker processes on one port (congvu.supervisor)
    )
    return SmtpListener(name, server, connections, inflight)
