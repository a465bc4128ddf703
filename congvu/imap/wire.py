"""Small IMAP wire helpers for the server side: strings, literals, dates, mailbox names.

RFC 9051 §4.3 (string: quoted or literal), §9 (``date-time``), §5.1.3 (mailbox names in
modified UTF-7 unless UTF8=ACCEPT is enabled, RFC 6855). Parsing is the grammar's job
(`congvu.imap.grammar`); this module only formats the few values the server writes itself.
"""

from __future__ import annotations

import datetime as dt

from congvu.imap.grammar import mutf7

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_QUOTED_OK = frozenset(range(0x20, 0x7F)) - {0x22, 0x5C}


def literal(data: bytes) -> bytes:
    return b"{%d}\r\n" % len(data) + data


def string(data: bytes) -> bytes:
    """Quoted when every byte may be quoted, else a literal."""
    if len(data) < 1024 and all(b in _QUOTED_OK for b in data):
        return b'"' + data + b'"'
    if all(b not in (0x0D, 0x0A, 0x00) and b < 0x80 for b in data) and len(data) < 1024:
        return b'"' + data.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'
    return literal(data)


def mailbox(name: str, utf8: bool = False) -> bytes:
    encoded = name if utf8 else mutf7.encode(name)
    return string(encoded.encode("utf-8"))


def date_time(value: dt.datetime) -> bytes:
    """``"25-Nov-2026 11:07:48 +0000"`` (RFC 9051 §9 date-time)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    offset = value.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    text = (
        f'"{value.day:2d}-{_MONTHS[value.month - 1]}-{value.year:04d} '
        f'{value.hour:02d}:{value.minute:02d}:{value.second:02d} {sign}{minutes // 60:02d}{minutes % 60:02d}"'
    )
    return text.encode("ascii")


def flags(values: tuple[str, ...]) -> bytes:
    return b"(" + " ".join(values).encode("utf-8") + b")"
