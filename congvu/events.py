"""The one catalogue of typed events (DESIGN.md "Events have one catalogue").

Mail log lines, and later audit records, metrics and reports, come from these events. Each
event class has a stable ``code`` that never changes once released, so log consumers and
reports can rely on it. The mail-log events carry the fields SL25-11.1 requires of the mail
log (time, sender, recipient, sender IP, size, errors; kept at least 6 months by the
operator's log rotation, see docs/operations.md).

An `EventSink` receives events; `LogSink` writes one ``key=value`` line per event to the
``congvu.maillog`` logger. Front-ends emit, they never format log lines themselves.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, fields
from datetime import datetime
from typing import ClassVar, Protocol


@dataclass(frozen=True, slots=True)
class Event:
    code: ClassVar[str] = "event"
    time: datetime


@dataclass(frozen=True, slots=True)
class MessageAccepted(Event):
    """A message was made durable and answered 250 (SL25-11.1)."""

    code: ClassVar[str] = "MAIL.ACCEPTED"
    sender: str
    recipients: tuple[str, ...]
    sender_ip: str
    size: int
    queue_id: str
    authenticated_as: str | None = None


@dataclass(frozen=True, slots=True)
class MessageRefused(Event):
    """A transaction or one recipient was refused; `error` is the reply sent (SL25-11.1 errors)."""

    code: ClassVar[str] = "MAIL.REFUSED"
    sender: str
    recipients: tuple[str, ...]
    sender_ip: str
    size: int
    error: str
    stage: str  # MAIL, RCPT, DATA


@dataclass(frozen=True, slots=True)
class LoginFailed(Event):
    """A wrong password or refused login on SMTP AUTH or IMAP LOGIN."""

    code: ClassVar[str] = "AUTH.FAILED"
    login: str
    peer_ip: str
    protocol: str
    reason: str


@dataclass(frozen=True, slots=True)
class LoginSucceeded(Event):
    code: ClassVar[str] = "AUTH.OK"
    login: str
    peer_ip: str
    protocol: str


@dataclass(frozen=True, slots=True)
class ListenerStarted(Event):
    code: ClassVar[str] = "SERVER.LISTEN"
    name: str
    host: str
    port: int


@dataclass(frozen=True, slots=True)
class ServerStopped(Event):
    code: ClassVar[str] = "SERVER.STOP"
    reason: str


def format_event(event: Event) -> str:
    """``code key=value …``; strings are quoted when they contain spaces or quotes."""
    parts = [event.code]
    for f in fields(event):
        value = getattr(event, f.name)
        if isinstance(value, datetime):
            text = value.isoformat()
        elif isinstance(value, tuple):
            text = ",".join(str(v) for v in value)
        else:
            text = "" if value is None else str(value)
        if any(c in text for c in ' "=') or not text:
            text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        parts.append(f"{f.name}={text}")
    return " ".join(parts)


class EventSink(Protocol):
    def emit(self, event: Event) -> None: ...


class LogSink:
    """Writes each event as one line on the ``congvu.maillog`` logger."""

    __slots__ = ("_log",)

    def __init__(self, logger: logging.Logger | None = None) -> None:
        self._log = logger or logging.getLogger("congvu.maillog")

    def emit(self, event: Event) -> None:
        if self._log.isEnabledFor(logging.INFO):
            self._log.info("%s", format_event(event))


class MemorySink:
    """Keeps events in a list (tests, and the console's recent-activity view later)."""

    __slots__ = ("events",)

    def __init__(self) -> None:
        self.events: list[Event] = []

    def emit(self, event: Event) -> None:
        self.events.append(event)
