"""Not-authenticated commands (RFC 9051 §6.2): STARTTLS, LOGIN, AUTHENTICATE PLAIN.

LOGIN and AUTHENTICATE are refused with ``LOGINDISABLED``/``[PRIVACYREQUIRED]`` until TLS is
active (RFC 9051 §6.2.3, RFC 8314), except on loopback when the deployment allows plaintext
there (``tls.allow_plaintext_auth_on_loopback``, demo and tests). The password check is one
call into `Directory.authenticate`; a refusal citing a rule is rendered by `congvu.render`.
"""

from __future__ import annotations

import base64
import binascii

from congvu import render
from congvu.events import LoginFailed, LoginSucceeded
from congvu.imap.commands.base import (
    AUTH_CANCELLED,
    BAD_BASE64,
    BAD_PLAIN,
    BEGIN_TLS,
    CONTINUE,
    LOGIN_DISABLED,
    LOGIN_FAILED,
    ONLY_PLAIN,
    TLS_ACTIVE,
    TLS_UNAVAILABLE,
    Io,
    ok,
    tagged,
)
from congvu.imap.commands.general import capabilities
from congvu.imap.grammar import Authenticate, Login, StartTls
from congvu.imap.state import Authenticated, NotAuthenticated, State


async def starttls(cmd: StartTls, state: NotAuthenticated, io: Io) -> State:
    if io.tls:
        tagged(io, cmd.tag, "BAD", TLS_ACTIVE)
    elif io.ctx.tls_context is None:
        tagged(io, cmd.tag, "NO", TLS_UNAVAILABLE)
    else:
        tagged(io, cmd.tag, "OK", BEGIN_TLS)
        io.request_tls()
    return state


async def login(cmd: Login, state: NotAuthenticated, io: Io) -> State:
    if not io.login_allowed():
        tagged(io, cmd.tag, "NO", LOGIN_DISABLED)
        return state
    return await _check(cmd.tag, cmd.username, cmd.password, state, io, "LOGIN")


async def authenticate(cmd: Authenticate, state: NotAuthenticated, io: Io) -> State:
    """SASL PLAIN (RFC 4616), with the initial response inline (RFC 4959) or after ``+``."""
    if cmd.mechanism.upper() != "PLAIN":
        tagged(io, cmd.tag, "NO", ONLY_PLAIN)
        return state
    if not io.login_allowed():
        tagged(io, cmd.tag, "NO", LOGIN_DISABLED)
        return state
    response = cmd.initial_response
    if response is None:
        io.write(CONTINUE)
        await io.drain()
        line = await io.read_client_line()
        if line is None or line == b"*":
            tagged(io, cmd.tag, "BAD", AUTH_CANCELLED)
            return state
        try:
            response = base64.b64decode(line, validate=True)
        except binascii.Error:
            tagged(io, cmd.tag, "BAD", BAD_BASE64)
            return state
    parts = response.split(b"\x00")
    if len(parts) != 3:
        tagged(io, cmd.tag, "BAD", BAD_PLAIN)
        return state
    user, password = (p.decode("utf-8", "replace") for p in parts[1:])
    return await _check(cmd.tag, user, password, state, io, "AUTHENTICATE")


async def _check(tag: str, user: str, password: str, state: State, io: Io, name: str) -> State:
    now = io.ctx.clock()
    outcome = await io.ctx.directory.authenticate(user, password, peer=io.peer_ip, now=now)
    if outcome.account is None:
        reason = outcome.violation.rule if outcome.violation else "credentials"
        io.ctx.events.emit(
            LoginFailed(time=now, login=user, peer_ip=io.peer_ip, protocol="imap", reason=reason)
        )
        text = (
            render.imap([outcome.violation], code="AUTHENTICATIONFAILED")
            if outcome.violation
            else LOGIN_FAILED
        )
        tagged(io, tag, "NO", text)
        return state
    io.ctx.events.emit(
        LoginSucceeded(time=now, login=outcome.account.address, peer_ip=io.peer_ip, protocol="imap")
    )
    new_state = Authenticated(outcome.account)
    ok(io, tag, name, "CAPABILITY " + capabilities(io, new_state))
    return new_state
