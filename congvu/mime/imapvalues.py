"""A small encoder for the IMAP values that the cached FETCH fragments are made of.

RFC 9051 §4 (and RFC 3501 §4): ``nstring`` is ``NIL``, a quoted string or a literal; a quoted
string may hold only 7-bit TEXT-CHARs (no CR, LF or NUL), so anything else — 8-bit header
bytes, folded values, very long values — goes out as a ``{n}\\r\\n`` literal with its exact byte
count. NUL is never allowed in an IMAP string (it needs ``literal8``), so it is dropped.

`congvu.mime` may not import `congvu.imap` (import contracts: pure layers know no
front-end), hence this separate encoder; the fragments it writes are sent verbatim by FETCH.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

NIL = b"NIL"
# Past this length a literal is easier on clients than a long quoted string.
_MAX_QUOTED = 4096
# Values that go out quoted as they are: 7-bit, no NUL/CR/LF, nothing to escape, not too long.
_PLAIN_QUOTED = re.compile(rb'[\x01-\x09\x0b\x0c\x0e-\x21\x23-\x5b\x5d-\x7f]{0,%d}' % _MAX_QUOTED).fullmatch


def string(value: bytes) -> bytes:
    """``value`` as an IMAP string: quoted when the bytes allow it, otherwise a literal."""
    if _PLAIN_QUOTED(value) is not None:  # the common case, one C call
        return b'"' + value + b'"'
    if b"\x00" in value:
        value = value.replace(b"\x00", b"")
    if (
        len(value) > _MAX_QUOTED
        or not value.isascii()
        or b"\n" in value
        or b"\r" in value
    ):
        return b"{%d}\r\n%s" % (len(value), value)
    if b"\\" in value or b'"' in value:
        value = value.replace(b"\\", b"\\\\").replace(b'"', b'\\"')
    return b'"' + value + b'"'


def literal(value: bytes) -> bytes:
    """``value`` as a literal whatever its bytes (NUL dropped)."""
    if b"\x00" in value:
        value = value.replace(b"\x00", b"")
    return b"{%d}\r\n%s" % (len(value), value)


def nstring(value: bytes | None) -> bytes:
    """``NIL`` for None, else `string`."""
    return NIL if value is None else string(value)


def number(value: int) -> bytes:
    return b"%d" % value


def plist(items: Iterable[bytes]) -> bytes:
    """A parenthesised list of already encoded values, separated by single spaces."""
    return b"(" + b" ".join(items) + b")"
