"""Mail value types shared by services and front-ends."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class MailboxKind(StrEnum):
    """GLOSSARY: hộp thư cá nhân / hộp thư tổ chức (ST14-2.4, ST17-4.4, TG09-3.1, SL25-2.4–5)."""

    PERSONAL = "personal"
    ORGANISATION = "organisation"


class AccountState(StrEnum):
    """GLOSSARY: active, locked (tạm khóa, SL25-8.1: receives mail), suspended (QN20-7.2), revoked."""

    ACTIVE = "active"
    LOCKED = "locked"
    SUSPENDED = "suspended"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True)
class AccountRef:
    """Who an address delivers to or who logged in: enough for protocol code, no credentials."""

    id: int
    address: str
    kind: MailboxKind
    display_name: str
    state: AccountState = AccountState.ACTIVE


@dataclass(frozen=True, slots=True)
class InboundEnvelope:
    """One SMTP transaction as the delivery service needs it (RFC 5321 §3.3 envelope + trace facts)."""

    mail_from: str
    recipients: tuple[AccountRef, ...]
    rcpt_addresses: tuple[str, ...]  # as the client wrote them, same order as `recipients`
    peer_ip: str
    helo: str
    authenticated_as: str | None
    received_at: datetime
    protocol: str = "ESMTP"  # RFC 3848 "with" keyword: ESMTP, ESMTPS, ESMTPA, ESMTPSA
