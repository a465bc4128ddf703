"""SMTP transaction stages: EHLO, MAIL, RCPT and DATA decisions, each one call into a service.

This is the aiosmtpd *handler* (aiosmtpd calls ``handle_<VERB>`` hooks): protocol order and
syntax stay in `congvu.smtp.server`; here each stage asks the directory or the delivery
service and turns the typed answer into a reply constant (`congvu.smtp.replies`) or a
rendered violation (`congvu.render`). Every accepted and refused message is an event
(`congvu.events`, SL25-11.1 mail log).

Listener roles (`Role`): the MX (port 25) takes mail for local recipients without AUTH and
relays nothing (RFC 5321 §3.6.2: 554 5.7.1); submission (587, 465; RFC 6409, RFC 8314)
requires AUTH before MAIL. An unknown local recipient is 550 5.1.1 at RCPT (RFC 5321 §3.3).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from congvu import render
from congvu.delivery.api import Delivery
from congvu.directory.api import Directory
from congvu.domain.errors import PolicyDenied, TemporaryFailure
from congvu.domain.mail import AccountRef, InboundEnvelope
from congvu.events import EventSink, MessageAccepted, MessageRefused
from congvu.smtp import replies as R
from congvu.smtp.address import forbidden

if TYPE_CHECKING:
    from congvu.smtp.server import CongvuSMTP


log = logging.getLogger("congvu.smtp")


class Role(StrEnum):
    MX = "mx"
    SUBMISSION = "submission"


class CongvuEnvelope(Envelope):
    """aiosmtpd's envelope plus the accounts RCPT resolved, in the order of `rcpt_tos`."""

    def __init__(self) -> None:
        super().__init__()
        self.accounts: list[AccountRef] = []


def peer_ip(session: Session) -> str:
    peer: Any = session.peer
    if isinstance(peer, tuple) and peer:
        return str(peer[0])
    return str(peer or "")


class Stages:
    """Hooks shared by every connection of one listener; per-connection state is on the session."""

    def __init__(
        self,
        *,
        role: Role,
        directory: Directory,
        delivery: Delivery,
        events: EventSink,
        clock: Callable[[], datetime],
        max_recipients: int,
    ) -> None:
        self.role = role
        self.directory = directory
        self.delivery = delivery
        self.events = events
        self.clock = clock
        self.max_recipients = max_recipients

    async def handle_EHLO(
        self, server: SMTP, session: Session, envelope: Envelope, hostname: str, responses: list[str]
    ) -> list[str]:
        session.host_name = hostname
        # aiosmtpd prints "250-AUTH " even with no mechanism; drop it on the MX. It reads
        # commands in order and our DATA reader keeps what follows the end of data, so
        # PIPELINING (RFC 2920) is safe to offer.
        out = [r for r in responses if r != R.EMPTY_AUTH_LINE]
        out.insert(1, R.PIPELINING)
        return out

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if forbidden(address):
            return self._refused(session, address, (), 0, R.BAD_ADDRESS, "MAIL")
        if self.role is Role.SUBMISSION and not await self._owns(session, address):
            return self._refused(session, address, (), 0, R.SENDER_NOT_OWNED, "MAIL")
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return R.SENDER_OK

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        assert isinstance(envelope, CongvuEnvelope)
        sender = envelope.mail_from or ""
        if forbidden(address):
            return self._refused(session, sender, (address,), 0, R.BAD_ADDRESS, "RCPT")
        if len(envelope.rcpt_tos) >= self.max_recipients:
            return R.TOO_MANY_RECIPIENTS
        outcome = await self.directory.resolve_recipient(address)
        if outcome.account is None:
            if outcome.local_domain:
                reply = R.UNKNOWN_USER
            elif session.authenticated:
                reply = R.REMOTE_NOT_AVAILABLE
            else:
                reply = R.RELAY_DENIED
            return self._refused(session, sender, (address,), 0, reply, "RCPT")
        if any(a.id == outcome.account.id for a in envelope.accounts):
            return R.RECIPIENT_OK  # the same mailbox twice (or via an alias): one copy
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(options)
        envelope.accounts.append(outcome.account)
        return R.RECIPIENT_OK

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert isinstance(envelope, CongvuEnvelope)
        raw = envelope.original_content or b""
        sender = envelope.mail_from or ""
        ip = peer_ip(session)
        login = _login_of(session)
        inbound = InboundEnvelope(
            mail_from="" if sender == "<>" else sender,
            recipients=tuple(envelope.accounts),
            rcpt_addresses=tuple(envelope.rcpt_tos),
            peer_ip=ip,
            helo=session.host_name or "",
            authenticated_as=login,
            received_at=self.clock(),
            protocol=_with_keyword(session, login),
        )
        rcpts = tuple(envelope.rcpt_tos)
        smtp_server: CongvuSMTP = server  # type: ignore[assignment]
        smtp_server.delivering = True
        try:
            # Shielded: once the bytes are handed over, a dropped connection must not cancel
            # a commit half-way (the client may retry; a 250 is only sent after durability).
            receipt = await asyncio.shield(self.delivery.deliver(inbound, raw))
        except PolicyDenied as denied:
            reply = render.smtp(denied.decision.violations)
            return self._refused(session, sender, rcpts, len(raw), reply, "DATA")
        except TemporaryFailure:
            return self._refused(session, sender, rcpts, len(raw), R.TEMPFAIL, "DATA")
        finally:
            smtp_server.delivering = False
        self.events.emit(
            MessageAccepted(
                time=inbound.received_at,
                sender=inbound.mail_from,
                recipients=rcpts,
                sender_ip=ip,
                size=len(raw),
                queue_id=receipt.queue_id,
                authenticated_as=login,
            )
        )
        return R.QUEUED.format(queue_id=receipt.queue_id)

    async def _owns(self, session: Session, address: str) -> bool:
        """The sender is the logged-in account or one of its aliases (one directory call)."""
        account: object = session.auth_data
        if not isinstance(account, AccountRef):
            return True  # not authenticated: aiosmtpd already answered 530 before this hook
        if address.lower() == account.address.lower():
            return True
        outcome = await self.directory.resolve_recipient(address)
        return outcome.account is not None and outcome.account.id == account.id

    async def handle_exception(self, error: Exception) -> str:
        log.error("SMTP session failed", exc_info=error)
        return R.INTERNAL_ERROR

    def _refused(
        self, session: Session, sender: str, rcpts: tuple[str, ...], size: int, reply: str, stage: str
    ) -> str:
        self.events.emit(
            MessageRefused(
                time=self.clock(),
                sender=sender,
                recipients=rcpts,
                sender_ip=peer_ip(session),
                size=size,
                error=reply,
                stage=stage,
            )
        )
        return reply


def _with_keyword(session: Session, login: str | None) -> str:
    """RFC 3848 ``with`` keyword: SMTP (HELO), ESMTP, plus S for TLS and A for AUTH."""
    if not session.extended_smtp:
        return "SMTP"
    return "ESMTP" + ("S" if session.ssl is not None else "") + ("A" if login else "")


def _login_of(session: Session) -> str | None:
    if not session.authenticated:
        return None
    data = session.auth_data
    return data.address if isinstance(data, AccountRef) else None
