"""What every IMAP command module shares: the connection interface, the context, reply texts.

A handler is ``async def handle(cmd, state, io) -> State``: it writes its untagged and tagged
responses through `Io` and returns the next session state. It never touches sockets (the
server moves bytes) and never SQL (it asks `Directory` or `Mailboxes`).
"""

from __future__ import annotations

import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final, Protocol

from congvu.directory.api import Directory
from congvu.events import EventSink
from congvu.mailbox.api import Mailboxes

# Reply texts (RFC 9051 §7.1); ASCII, Vietnamese without diacritics first, English second.
GREETING: Final = "Congvu IMAP san sang / ready"
COMPLETED: Final = "{name} xong / completed"
BYE_LOGOUT: Final = "Tam biet / logging out"
BYE_SHUTDOWN: Final = "May chu dang dung / server shutting down"
BYE_IDLE: Final = "Het thoi gian cho / autologout, idle too long"
BAD_STATE: Final = "Lenh {name} khong hop le luc nay / {name} not allowed in this state"
NOT_SUPPORTED: Final = "Chua ho tro lenh {name} / {name} is not supported yet"
LOGIN_FAILED: Final = "[AUTHENTICATIONFAILED] Sai ten dang nhap hoac mat khau / Invalid credentials"
LOGIN_DISABLED: Final = "[PRIVACYREQUIRED] Can STARTTLS truoc / Use STARTTLS first"
NO_MAILBOX: Final = "[NONEXISTENT] Khong co thu muc nay / No such mailbox"
BEGIN_TLS: Final = "Bat dau TLS / Begin TLS negotiation now"
TLS_ACTIVE: Final = "TLS da bat / TLS already active"
TLS_UNAVAILABLE: Final = "Khong co TLS / TLS not available"
TEMPORARY: Final = "[UNAVAILABLE] Loi tam thoi, xin thu lai / Temporary failure, try again"
SERVER_BUG: Final = "[SERVERBUG] Loi noi bo / Internal error"
BAD_SEQUENCE: Final = "So thu tu khong hop le / Invalid message sequence number"
BAD_SEARCH: Final = "[CANNOT] Chua ho tro dieu kien tim kiem nay / Search key not supported yet"
CONTINUE: Final = b"+ \r\n"
ONLY_PLAIN: Final = "[CANNOT] Chi ho tro PLAIN / Only PLAIN is supported"
AUTH_CANCELLED: Final = "Huy xac thuc / Authentication cancelled"
BAD_BASE64: Final = "Base64 sai / Invalid base64"
BAD_PLAIN: Final = "PLAIN sai / Malformed PLAIN response"
READ_ONLY: Final = "[READONLY] Thu muc chi doc / Mailbox is read-only"
CLOSED: Final = "OK [CLOSED] Da dong thu muc truoc / Previous mailbox closed"
PERMANENT_NONE: Final = "OK [PERMANENTFLAGS ()] Chi doc / Read-only"
PERMANENT_ALL: Final = (
    "OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Co duoc luu / Flags are stored"
)
FIRST_UNSEEN: Final = "OK [UNSEEN {seq}] Thu chua doc / First unseen"
UIDVALIDITY: Final = "OK [UIDVALIDITY {value}] UIDs valid"
UIDNEXT: Final = "OK [UIDNEXT {value}] Predicted next UID"


@dataclass(frozen=True, slots=True)
class ImapContext:
    """Shared by every connection of one listener."""

    directory: Directory
    mailboxes: Mailboxes
    events: EventSink
    clock: Callable[[], datetime]
    hostname: str
    tls_context: ssl.SSLContext | None
    implicit_tls: bool
    allow_plaintext_auth_on_loopback: bool


class Io(Protocol):
    """The connection as a command module sees it."""

    ctx: ImapContext
    peer_ip: str
    tls: bool
    utf8: bool

    def write(self, data: bytes) -> None: ...

    async def drain(self) -> None: ...

    def login_allowed(self) -> bool: ...

    async def read_client_line(self) -> bytes | None:
        """The next raw line (an AUTHENTICATE step, IDLE's DONE); None when the connection
        closed. Safe to cancel (IDLE wraps it in `asyncio.timeout`)."""
        ...

    def request_tls(self) -> None:
        """Start the TLS handshake once the current response has been written (STARTTLS)."""
        ...


def tagged(io: Io, tag: str, status: str, text: str) -> None:
    io.write(f"{tag} {status} {text}\r\n".encode())


def untagged(io: Io, text: str | bytes) -> None:
    io.write(b"* " + (text.encode() if isinstance(text, str) else text) + b"\r\n")


def ok(io: Io, tag: str, name: str, code: str = "") -> None:
    tagged(io, tag, "OK", (f"[{code}] " if code else "") + COMPLETED.format(name=name))


Handler = Callable[[Any, Any, Io], Awaitable[Any]]
