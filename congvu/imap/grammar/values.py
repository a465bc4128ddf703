"""How IMAP values are written on the wire (RFC 9051 §4, §9; RFC 3501 §4, §9; RFC 3516 literal8).

Every piece of server output that carries caller data goes through this module, so
the serializer can never emit invalid syntax:

* ``atom`` validates an atom (flags, capabilities, keywords) and refuses anything else;
* ``string`` picks a quoted string when the bytes allow it (no CR, LF or NUL, 7-bit or,
  with ``utf8=True``, valid UTF-8 — RFC 9051 §4.3 / RFC 6855) and a literal ``{n}``
  otherwise; a NUL can only travel in ``literal8`` (RFC 3516), so ``string`` refuses it;
* ``astring`` adds the bare-atom form (``ASTRING-CHAR``, which also admits ``]``);
* ``nstring`` adds ``NIL`` for ``None``;
* ``mailbox`` encodes a mailbox name in modified UTF-7 (or raw UTF-8 after
  ``ENABLE UTF8=ACCEPT``) and writes it as an astring;
* ``text`` makes human-readable ``resp-text`` safe (no CR/LF, ``]`` not first, ASCII
  unless UTF-8 is allowed — Vietnamese diacritics are stripped, not garbled);
* ``paren_list`` joins already-encoded items inside parentheses.

Usage::

    from congvu.imap.grammar import values
    values.astring("INBOX")                 # b'INBOX'
    values.astring("a b")                   # b'"a b"'
    values.astring("Văn bản")               # b'{10}\r\nV\xc4\x83n b\xe1\xba\xa3n' (8-bit: literal)
    values.astring("Văn bản", utf8=True)    # b'"V\xc4\x83n b\xe1\xba\xa3n"' after UTF8=ACCEPT
    values.nstring(None)                    # b'NIL'
    values.mailbox("Đã gửi")                # b'"&ARAA4w- g&Hu0-i"' (modified UTF-7)

Functions take ``str`` (encoded as UTF-8) or ``bytes`` and return ``bytes``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from typing import Final

from congvu.imap.grammar import mutf7

__all__ = [
    "ValueSyntaxError",
    "astring",
    "atom",
    "date_time",
    "is_atom",
    "literal",
    "literal8",
    "mailbox",
    "nstring",
    "number",
    "paren_list",
    "quoted",
    "string",
    "text",
]

MAX_NUMBER64: Final = (1 << 63) - 1


class ValueSyntaxError(ValueError):
    """A value cannot be written in the requested IMAP form (e.g. a NUL outside literal8)."""


# ATOM-CHAR: any CHAR (0x01-0x7F) except atom-specials: ( ) { SP CTL % * " \ ]
_ATOM_RE: Final = re.compile(rb"[^(){ \x00-\x1f\x7f%*\"\\\]\x80-\xff]+")
# ASTRING-CHAR = ATOM-CHAR / "]"
_ASTRING_RE: Final = re.compile(rb"[^(){ \x00-\x1f\x7f%*\"\\\x80-\xff]+")
# Bytes a quoted string can carry (TEXT-CHAR: CHAR except CR LF); 8-bit checked separately.
_QUOTABLE_7BIT_RE: Final = re.compile(rb"[\x01-\x09\x0b\x0c\x0e-\x7f]*")
_QUOTABLE_8BIT_RE: Final = re.compile(rb"[\x01-\x09\x0b\x0c\x0e-\xff]*")
_QUOTE_ESCAPE: Final = re.compile(rb'(["\\])')
_NIL: Final = b"NIL"
_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _bytes(value: str | bytes) -> bytes:
    if isinstance(value, bytes):
        return value
    try:
        return value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueSyntaxError(f"lone surrogate in {value!r}") from None


def is_atom(value: str | bytes) -> bool:
    """True when *value* is a valid ``atom`` (non-empty ATOM-CHARs)."""
    return _ATOM_RE.fullmatch(_bytes(value)) is not None


def atom(value: str | bytes) -> bytes:
    """*value* as an atom; raises :class:`ValueSyntaxError` if it contains any atom-special."""
    data = _bytes(value)
    if _ATOM_RE.fullmatch(data) is None:
        raise ValueSyntaxError(f"not an IMAP atom: {data!r}")
    return data


def flag(value: str | bytes) -> bytes:
    """A flag: ``\\`` + atom (system flag, ``\\*``) or a keyword atom (RFC 9051 §9 ``flag``)."""
    data = _bytes(value)
    if data == b"\\*" or (data[:1] == b"\\" and _ATOM_RE.fullmatch(data[1:])) or _ATOM_RE.fullmatch(data):
        return data
    raise ValueSyntaxError(f"not an IMAP flag: {data!r}")


def number(value: int) -> bytes:
    """``number64`` (0 … 2⁶³−1)."""
    if not 0 <= value <= MAX_NUMBER64:
        raise ValueSyntaxError(f"number out of range: {value}")
    return b"%d" % value


def _can_quote(data: bytes, utf8: bool) -> bool:
    if data.isascii():
        return _QUOTABLE_7BIT_RE.fullmatch(data) is not None
    if not utf8 or _QUOTABLE_8BIT_RE.fullmatch(data) is None:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def quoted(value: str | bytes, *, utf8: bool = False) -> bytes:
    """A quoted string; raises :class:`ValueSyntaxError` if the bytes need a literal."""
    data = _bytes(value)
    if not _can_quote(data, utf8):
        raise ValueSyntaxError(f"cannot be a quoted string: {data[:40]!r}")
    if b'"' in data or b"\\" in data:
        data = _QUOTE_ESCAPE.sub(rb"\\\1", data)
    return b'"' + data + b'"'


def literal(value: str | bytes) -> bytes:
    """A synchronizing literal ``{n}\\r\\n<bytes>`` (CHAR8: any octet but NUL)."""
    data = _bytes(value)
    if b"\x00" in data:
        raise ValueSyntaxError("NUL can only be sent in literal8 (RFC 3516)")
    return b"{%d}\r\n" % len(data) + data


def literal8(value: bytes) -> bytes:
    """A binary literal ``~{n}\\r\\n<bytes>`` (RFC 3516 §4.2; only after BINARY[...])."""
    return b"~{%d}\r\n" % len(value) + value


def string(value: str | bytes, *, utf8: bool = False) -> bytes:
    """``string``: quoted when the bytes allow it, otherwise a literal."""
    data = _bytes(value)
    if _can_quote(data, utf8):
        if b'"' in data or b"\\" in data:
            data = _QUOTE_ESCAPE.sub(rb"\\\1", data)
        return b'"' + data + b'"'
    return literal(data)


def astring(value: str | bytes, *, utf8: bool = False, prefer_quoted: bool = False) -> bytes:
    """``astring``: a bare atom when possible (unless *prefer_quoted*), else a string."""
    data = _bytes(value)
    if not prefer_quoted and _ASTRING_RE.fullmatch(data) is not None:
        return data
    return string(data, utf8=utf8)


def nstring(value: str | bytes | None, *, utf8: bool = False) -> bytes:
    """``nstring``: ``NIL`` for ``None``, otherwise a string."""
    return _NIL if value is None else string(value, utf8=utf8)


def mailbox(name: str, *, utf8: bool = False, prefer_quoted: bool = False) -> bytes:
    """A mailbox name: modified UTF-7 (RFC 3501 §5.1.3) or, with *utf8*, UTF-8 (RFC 6855 §3)."""
    try:
        wire = name if utf8 else mutf7.encode(name)
    except mutf7.MUtf7Error as exc:
        raise ValueSyntaxError(str(exc)) from None
    return astring(wire, utf8=utf8, prefer_quoted=prefer_quoted)


def paren_list(items: Iterable[bytes]) -> bytes:
    """``(a b c)`` from already-encoded items."""
    return b"(" + b" ".join(items) + b")"


_D_MAP: Final = str.maketrans({"đ": "d", "Đ": "D"})


def _ascii_fallback(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.encode("ascii", "replace").decode("ascii")


def text(value: str, *, utf8: bool = False) -> bytes:
    """Human-readable ``text`` (RFC 9051 §9): CR/LF become spaces; 8-bit only when allowed.

    Without UTF-8 (an IMAP4rev1 session) Vietnamese text keeps its letters and loses its
    diacritics (``Không tìm thấy`` → ``Khong tim thay``) rather than being dropped.
    """
    cleaned = value.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\x00", " ")
    if not cleaned.isascii() and not utf8:
        cleaned = _ascii_fallback(cleaned)
    return cleaned.encode("utf-8", "replace")


def date_time(value: datetime) -> bytes:
    """``date-time`` of INTERNALDATE: ``"17-Jul-1996 02:44:25 -0700"`` (needs an aware datetime)."""
    offset = value.utcoffset()
    if offset is None:
        raise ValueSyntaxError("INTERNALDATE needs a timezone-aware datetime")
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return (
        f'"{value.day:2d}-{_MONTHS[value.month - 1]}-{value.year:04d} '
        f'{value.hour:02d}:{value.minute:02d}:{value.second:02d} {sign}{minutes // 60:02d}{minutes % 60:02d}"'
    ).encode("ascii")
