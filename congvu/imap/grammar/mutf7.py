"""Modified UTF-7 mailbox-name codec (RFC 3501 §5.1.3, kept by RFC 9051 §5.1).

IMAP4rev1 clients and servers without ``UTF8=ACCEPT`` (RFC 6855, RFC 9051 §6.3.1)
exchange mailbox names in *modified UTF-7*: printable US-ASCII other than ``&``
stands for itself, ``&`` is written ``&-``, and every other run of characters is
UTF-16BE in base64 (``,`` instead of ``/``, no ``=`` padding) between ``&`` and
``-``.  Vietnamese folder names such as ``Văn bản đến`` therefore travel as
``V&AQM-n b&HqM-n &AREevw-n`` and must be decoded before the folder is looked
up in the store.

Usage::

    from congvu.imap.grammar import mutf7
    wire = mutf7.encode("Văn bản đến")        # -> "V&AQM-n b&HqM-n &AREevw-n"
    name = mutf7.decode(wire)                  # -> "Văn bản đến"
    mutf7.decode("&Jjo")                       # raises MUtf7Error (a ValueError)

``decode`` is strict: it accepts only the one canonical spelling that ``encode``
produces (no padding bits set, no printable ASCII hidden in base64, no two
adjacent shifted runs, no unpaired surrogate).  So a mailbox has exactly one wire
name, and two different wire names can never open the same folder.
"""

from __future__ import annotations

import binascii
from typing import Final

__all__ = ["MUtf7Error", "decode", "encode", "is_valid"]

_B64_ALPHABET: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,"
_B64_CHARS: Final = frozenset(_B64_ALPHABET)


class MUtf7Error(ValueError):
    """A mailbox name is not valid modified UTF-7 (RFC 3501 §5.1.3)."""


def _is_direct(ch: str) -> bool:
    return "\x20" <= ch <= "\x7e"


def _b64(run: str) -> str:
    raw = run.encode("utf-16-be", "surrogatepass")
    return binascii.b2a_base64(raw, newline=False).decode("ascii").rstrip("=").replace("/", ",")


def encode(name: str) -> str:
    """Encode a Unicode mailbox name as modified UTF-7.

    Raises :class:`MUtf7Error` for a lone surrogate code point, which no UTF-16
    sequence (and so no mailbox name) can carry.
    """
    if name.isascii() and name.isprintable() and "&" not in name:
        return name  # fast path: plain ASCII names are their own encoding
    out: list[str] = []
    run: list[str] = []
    for ch in name:
        if _is_direct(ch):
            if run:
                out.append("&" + _b64("".join(run)) + "-")
                run.clear()
            out.append("&-" if ch == "&" else ch)
        else:
            if "\ud800" <= ch <= "\udfff":
                raise MUtf7Error(f"lone surrogate U+{ord(ch):04X} cannot be encoded")
            run.append(ch)
    if run:
        out.append("&" + _b64("".join(run)) + "-")
    return "".join(out)


def _decode_run(b64: str, position: int) -> str:
    if not b64:
        raise MUtf7Error(f"empty shifted run at offset {position}")
    bad = set(b64) - _B64_CHARS
    if bad:
        raise MUtf7Error(f"invalid base64 character {sorted(bad)[0]!r} at offset {position}")
    bits = len(b64) * 6
    if bits % 16 >= 6:
        raise MUtf7Error(f"truncated UTF-16 unit in shifted run at offset {position}")
    padded = b64.replace(",", "/") + "=" * (-len(b64) % 4)
    try:
        raw = binascii.a2b_base64(padded, strict_mode=True)
    except binascii.Error as exc:  # pragma: no cover - guarded by the checks above
        raise MUtf7Error(f"invalid base64 at offset {position}: {exc}") from None
    # The 0, 2 or 4 bits left after the last whole UTF-16 unit must be zero (canonical form).
    pad_bits = bits % 16
    if pad_bits and _B64_ALPHABET.index(b64[-1]) & ((1 << pad_bits) - 1):
        raise MUtf7Error(f"non-zero padding bits in shifted run at offset {position}")
    try:
        text = raw.decode("utf-16-be")
    except UnicodeDecodeError:
        raise MUtf7Error(f"unpaired UTF-16 surrogate in shifted run at offset {position}") from None
    for ch in text:
        if _is_direct(ch):
            raise MUtf7Error(f"printable ASCII {ch!r} must not be base64-encoded (offset {position})")
    return text


def decode(wire: str) -> str:
    """Decode a modified-UTF-7 mailbox name; raise :class:`MUtf7Error` if it is not canonical."""
    if "&" not in wire and wire.isascii() and wire.isprintable():
        return wire
    out: list[str] = []
    i = 0
    n = len(wire)
    previous_was_run = False
    while i < n:
        ch = wire[i]
        if not _is_direct(ch):
            raise MUtf7Error(f"character U+{ord(ch):04X} at offset {i} is not printable US-ASCII")
        if ch != "&":
            out.append(ch)
            previous_was_run = False
            i += 1
            continue
        end = wire.find("-", i + 1)
        if end < 0:
            raise MUtf7Error(f"shifted run at offset {i} is not terminated by '-'")
        if end == i + 1:
            out.append("&")
            previous_was_run = False
        else:
            if previous_was_run:
                raise MUtf7Error(f"adjacent shifted runs at offset {i} must be merged")
            out.append(_decode_run(wire[i + 1 : end], i))
            previous_was_run = True
        i = end + 1
    return "".join(out)


def is_valid(wire: str) -> bool:
    """True when *wire* is canonical modified UTF-7 (``decode`` would accept it)."""
    try:
        decode(wire)
    except MUtf7Error:
        return False
    return True
