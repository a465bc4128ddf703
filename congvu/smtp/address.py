"""Checks on envelope addresses beyond aiosmtpd's parser (RFC 5321 §4.1.2, §4.5.3.1).

RFC 5321's ``Mailbox`` grammar has no control characters: ``atext`` and ``qtextSMTP`` are
printable ASCII (plus UTF-8 under RFC 6531). A NUL, CR, LF, TAB or DEL inside ``MAIL FROM``
or ``RCPT TO`` is refused (553 5.1.3) instead of being passed to the directory or stored in
trace headers, where it could split a header or a log line.
"""

from __future__ import annotations

import re

# RFC 5321 §4.5.3.1.1–2: local part 64 octets, domain 255 octets; path 256.
MAX_PATH = 256


_CONTROL = re.compile("[\x00-\x1f\x7f]")


def has_controls(text: str) -> bool:
    """True when `text` holds a C0 control character (NUL, TAB, CR, LF…) or DEL (one regex
    scan: this runs on every MAIL and RCPT argument)."""
    return _CONTROL.search(text) is not None


def forbidden(address: str) -> bool:
    """True when `address` holds a control character or is longer than a path may be."""
    return len(address) > MAX_PATH or has_controls(address)


def domain_of(address: str) -> str:
    return address.rpartition("@")[2].lower()


def is_null_sender(address: str) -> bool:
    """``MAIL FROM:<>`` (RFC 5321 §4.5.5, bounces); aiosmtpd hands it over as ``<>``."""
    return address in ("", "<>")
