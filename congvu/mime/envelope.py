"""RFC 5322 address lists and the IMAP ENVELOPE built from them.

RFC 9051 §7.5.2 (RFC 3501 §7.4.2) ENVELOPE: ``(date subject from sender reply-to to cc bcc
in-reply-to message-id)``. Strings are the raw header values, unfolded (encoded words are left
for the client to decode; in the subject and display names each run of blanks becomes one space,
as Dovecot does); a missing field is NIL; sender and reply-to default to from (the
server MUST do so). An address is ``(name adl mailbox host)``; a group is bracketed by
``(NIL NIL "group" NIL)`` and ``(NIL NIL NIL NIL)``. As Dovecot does, an address that lacks its
local part or domain gets ``MISSING_MAILBOX`` / ``MISSING_DOMAIN`` so that it can never be
mistaken for a group marker (host NIL).

The address parser is tolerant: it never raises, and turns any header into some address list.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from congvu.mime import imapvalues as iv
from congvu.mime.headers import MAX_STRUCTURED, Field, decode_header, decode_text, unfold

MISSING_MAILBOX = b"MISSING_MAILBOX"
MISSING_DOMAIN = b"MISSING_DOMAIN"
# Entries kept per address list: a circular to a whole province is a few thousand addresses;
# beyond this the ENVELOPE (sent on every FETCH) would only grow without use.
MAX_ADDRESSES = 5000
_SPECIALS = b"<>@,;:"
_WSP = b" \t\r\n"


class Address(NamedTuple):
    """One entry of an address list; a group start has host None, a group end all None."""

    name: bytes | None
    route: bytes | None
    mailbox: bytes | None
    host: bytes | None

    @property
    def is_group_marker(self) -> bool:
        return self.host is None


_TOKEN_RE = re.compile(
    rb'"((?:[^"\\]|\\.)*)"?'  # quoted-string (an unterminated one runs to the end)
    rb"|\(((?:[^()\\]|\\.)*)\)"  # comment without nesting (nested ones: see below)
    rb"|(\[[^\]]*\]?)"  # domain literal
    rb"|([<>@,;:])"  # specials that structure an address list
    rb'|([^\s<>@,;:"(\[]+)'  # atom (dots included: dot-atoms stay whole)
    rb"|(\()"  # an opening parenthesis the comment branch could not match (nesting, no end)
    rb"|\s+",
    re.DOTALL,
)
_UNESCAPE = re.compile(rb"\\(.)", re.DOTALL)


def _tokens(value: bytes) -> list[tuple[str, bytes]]:
    """Lexes an address header into ("atom" | "qs" | "comment" | "sp", bytes) tokens."""
    out: list[tuple[str, bytes]] = []
    pos = 0
    n = len(value)
    while pos < n:
        m = _TOKEN_RE.match(value, pos)
        if m is None:  # cannot happen (every byte matches some branch), but never loop forever
            pos += 1
            continue
        pos = m.end()
        kind = m.lastindex
        if kind == 1:
            qs = m.group(1)
            out.append(("qs", _UNESCAPE.sub(rb"\1", qs) if b"\\" in qs else qs))
        elif kind == 2:
            out.append(("comment", _UNESCAPE.sub(rb"\1", m.group(2)).strip(_WSP)))
        elif kind == 3 or kind == 5:
            out.append(("atom", m.group(kind)))
        elif kind == 4:
            out.append(("sp", m.group(4)))
        elif kind == 6:
            pos = _skip_nested_comment(value, m.start(), out)
    return out


def _skip_nested_comment(value: bytes, start: int, out: list[tuple[str, bytes]]) -> int:
    depth = 0
    i = start
    n = len(value)
    while i < n:
        c = value[i]
        if c == 0x5C:
            i += 2
            continue
        if c == 0x28:
            depth += 1
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                break
        i += 1
    out.append(("comment", value[start + 1 : i].strip(_WSP)))
    return i + 1


def _phrase(tokens: list[tuple[str, bytes]]) -> bytes | None:
    words = [v for kind, v in tokens if kind in ("atom", "qs")]
    return b" ".join(words) if words else None


def _addr_spec(tokens: list[tuple[str, bytes]]) -> tuple[bytes, bytes]:
    """(mailbox, host) of ``local@domain`` tokens; the last "@" splits them."""
    at = -1
    for idx, (kind, v) in enumerate(tokens):
        if kind == "sp" and v == b"@":
            at = idx
    local_t = tokens if at < 0 else tokens[:at]
    dom_t = [] if at < 0 else tokens[at + 1 :]
    local = b"".join(_quote_local(v) if k == "qs" else v for k, v in local_t if k in ("atom", "qs"))
    domain = b"".join(v for k, v in dom_t if k == "atom")
    return local or MISSING_MAILBOX, domain or MISSING_DOMAIN


def _quote_local(v: bytes) -> bytes:
    return b'"' + v.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def _mailbox(tokens: list[tuple[str, bytes]]) -> Address | None:
    if not tokens:
        return None
    lt = next((i for i, (k, v) in enumerate(tokens) if k == "sp" and v == b"<"), -1)
    if lt >= 0:
        gt = next((i for i in range(lt + 1, len(tokens)) if tokens[i] == ("sp", b">")), len(tokens))
        inner = tokens[lt + 1 : gt]
        route: bytes | None = None
        colon = next((i for i, t in enumerate(inner) if t == ("sp", b":")), -1)
        if colon >= 0:
            route = b"".join(v for _, v in inner[:colon]) or None
            inner = inner[colon + 1 :]
        name = _phrase(tokens[:lt])
        if name is None:
            comments = [v for k, v in tokens[gt:] if k == "comment"]
            name = comments[0] if comments else None
        mailbox, host = _addr_spec(inner)
        return Address(name, route, mailbox, host)
    if not any(k in ("atom", "qs") for k, _ in tokens):
        return None
    comments = [v for k, v in tokens if k == "comment"]
    mailbox, host = _addr_spec(tokens)
    return Address(comments[-1] if comments else None, None, mailbox, host)


def parse_addresses(value: bytes) -> list[Address]:
    """An RFC 5322 §3.4 address-list (groups included), tolerant of anything."""
    tokens = _tokens(unfold(value[:MAX_STRUCTURED]))
    result: list[Address] = []
    current: list[tuple[str, bytes]] = []
    in_group = False
    angle = False
    for tok in tokens:
        if len(result) >= MAX_ADDRESSES:
            break
        kind, v = tok
        if kind == "sp":
            if v == b"<":
                angle = True
            elif v == b">":
                angle = False
            elif not angle and v == b":" and not in_group and not any(t == ("sp", b"@") for t in current):
                result.append(Address(None, None, _phrase(current) or b"", None))
                in_group = True
                current = []
                continue
            elif not angle and v in (b",", b";"):
                addr = _mailbox(current)
                if addr is not None:
                    result.append(addr)
                current = []
                if v == b";" and in_group:
                    result.append(Address(None, None, None, None))
                    in_group = False
                continue
        current.append(tok)
    addr = _mailbox(current) if len(result) < MAX_ADDRESSES else None
    if addr is not None:
        result.append(addr)
    if in_group:
        result.append(Address(None, None, None, None))
    return result


_LWSP_RUN = re.compile(rb"[ \t\r\n]+")


def for_humans(value: bytes) -> bytes:
    """Subject and display names as Dovecot sends them: every run of blanks and line breaks
    (folding included) becomes one space, outer blanks dropped."""
    return _LWSP_RUN.sub(b" ", value).strip(b" ")


def human_string(value: bytes) -> bytes:
    """`for_humans` as an IMAP string; like Dovecot, a value that had to change goes out as a
    literal (so the result is byte-identical to what Dovecot sends). Blanks after the colon
    and the line break that ends the field are not part of the value."""
    value = value.lstrip(b" \t").rstrip(b"\r\n")
    clean = for_humans(value)
    if clean == value:
        return iv.string(value)
    return iv.literal(clean) if clean else b'""'


def address_list(addresses: list[Address]) -> bytes:
    """The ENVELOPE form of an address list: NIL when empty."""
    if not addresses:
        return iv.NIL
    return b"(" + b"".join(
        iv.plist((
            iv.NIL if a.name is None else human_string(a.name),
            iv.nstring(a.route),
            iv.nstring(a.mailbox),
            iv.nstring(a.host),
        ))
        for a in addresses
    ) + b")"


def decoded(addresses: list[Address]) -> list[tuple[str, str]]:
    """(decoded display name or "", "mailbox@host") of each address; group markers left out."""
    out: list[tuple[str, str]] = []
    for a in addresses:
        if a.host is None:
            continue
        name = decode_header(a.name) if a.name else ""
        mailbox = decode_text((a.mailbox or b"").replace(b"\x00", b""))
        out.append((name, mailbox + "@" + decode_text(a.host.replace(b"\x00", b""))))
    return out


def display(people: list[tuple[str, str]]) -> str:
    """Human form for message lists: the names, or the address when there is no name."""
    return ", ".join(name or address for name, address in people)


def search_words(people: list[tuple[str, str]]) -> str:
    """Names and addresses, as text for the search index."""
    return " ".join(f"{name} {address}" for name, address in people)


_ENVELOPE_FIELDS = ("date", "subject", "from", "sender", "reply-to", "to", "cc", "bcc", "in-reply-to",
                    "message-id")
_ADDRESS_FIELDS = frozenset(("from", "sender", "reply-to", "to", "cc", "bcc"))
_SINGLE_FIELDS = frozenset(("date", "subject", "in-reply-to", "message-id"))


def envelope_fields(fields: list[Field]) -> dict[str, bytes]:
    """Raw values of the ENVELOPE fields. RFC 5322 §3.6 allows one of each; when a message has
    several, we do as Dovecot: the addresses of all From (To, Cc …) fields are listed, so none
    is hidden, and for the other fields the last one counts."""
    found: dict[str, bytes] = {}
    for f in fields:
        name = f.name
        if name in _ADDRESS_FIELDS:
            found[name] = found[name] + b"," + f.value if name in found else f.value
        elif name in _SINGLE_FIELDS:
            found[name] = f.value
    return found


def build_envelope(found: dict[str, bytes], parsed: dict[str, list[Address]]) -> bytes:
    """The parenthesised ENVELOPE value from the raw fields and their parsed address lists."""
    items: list[bytes] = []
    for name in _ENVELOPE_FIELDS:
        if name in _ADDRESS_FIELDS:
            addrs = parsed.get(name)
            if not addrs and name in ("sender", "reply-to"):
                addrs = parsed.get("from")
            items.append(address_list(addrs or []))
        else:
            v = found.get(name)
            if v is None:
                items.append(iv.NIL)
            else:
                items.append(human_string(v) if name == "subject" else iv.string(unfold(v)))
    return iv.plist(items)
