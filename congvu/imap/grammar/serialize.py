"""Typed IMAP responses → wire bytes (RFC 9051 §7 and §9 ``response``; extension RFCs per class).

Two paths:

* ``serialize(response, options) -> bytes`` for every class in ``responses.py``; each
  value goes through ``values.py``, so the output is always valid syntax (a value that
  cannot be written raises :class:`~congvu.imap.grammar.values.ValueSyntaxError`
  before anything is emitted).  ``serialize_many`` joins several.
* :class:`HeaderFetchWriter` — the hot path of the header-list FETCH
  (``UID FETCH 1:* (UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (…)])``, DESIGN.md
  performance targets): one bytes ``%`` per message on a precomputed template, flag
  lists cached, no per-message object.  The header fragment is stored at ingest.

Usage in the server::

    from congvu.imap.grammar import HeaderFetchWriter, SerializeOptions, serialize
    opts = SerializeOptions(utf8=session.utf8_accept, rev2=session.rev2)
    transport.write(serialize(StatusResponse.ok(tag, "SELECT completed", READ_WRITE), opts))

    writer = HeaderFetchWriter("HEADER.FIELDS (FROM TO SUBJECT DATE)")
    transport.write(writer.lines(rows))   # rows: (seq, uid, flags, size, header_bytes)
    transport.write(writer.lines_modseq(rows6))   # CONDSTORE: (seq, uid, flags, size, modseq, hdr)

``flags`` in a row is a tuple of flag names (formatted once per distinct tuple) or
ready ``b"(\\Seen)"`` bytes; rows are trusted (numbers from the store, header bytes
from ingest), which is what makes the path fast.

Literals in BODY[...] must not carry NUL (RFC 9051 §4.3 CHAR8): a NUL byte is sent
as 0x80, as Dovecot does, which keeps every literal length exact; BINARY[...] uses
``literal8`` (RFC 3516) whenever the payload holds a NUL.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

from congvu.imap.grammar import mutf7
from congvu.imap.grammar import responses as r
from congvu.imap.grammar import values as v
from congvu.imap.grammar.sequence import SequenceSet

__all__ = [
    "HeaderFetchWriter",
    "HeaderModSeqRow",
    "HeaderRow",
    "SerializeOptions",
    "fetch_header_lines",
    "flag_list",
    "serialize",
    "serialize_many",
]

CRLF: Final = b"\r\n"
_TAG_RE: Final = re.compile(rb"[^(){ \x00-\x1f\x7f%*\"\\+\x80-\xff]+")
_SECTION_RE: Final = re.compile(rb"[\x20-\x5c\x5e-\x7e]*")  # printable ASCII without "]"
_FETCH_NAME_RE: Final = re.compile(rb"[A-Z0-9][A-Z0-9.\-]*(?:\[[\x20-\x5c\x5e-\x7e]*\](?:<\d+>)?)?")


@dataclass(frozen=True, slots=True)
class SerializeOptions:
    """Per-session choices that change the bytes.

    ``utf8``: the client sent ``ENABLE UTF8=ACCEPT`` (RFC 6855/RFC 9051 §6.3.1): mailbox
    names are raw UTF-8 and quoted strings may hold UTF-8.
    ``rev2``: ``ENABLE IMAP4rev2`` is in effect: ``resp-text`` may hold UTF-8 (RFC 9051 §9).
    ``quote_names``: write mailbox names and quota roots quoted even when an atom would do
    (some clients prefer it; several RFC examples use it).
    """

    utf8: bool = False
    rev2: bool = False
    quote_names: bool = False


DEFAULT: Final = SerializeOptions()


# --------------------------------------------------------------------------- pieces
def _tag(tag: str | None) -> bytes:
    if tag is None:
        return b"*"
    data = tag.encode("utf-8")
    if _TAG_RE.fullmatch(data) is None:
        raise v.ValueSyntaxError(f"invalid tag {tag!r}")
    return data


def _nz(value: int) -> bytes:
    if not 1 <= value <= 0xFFFF_FFFF:
        raise v.ValueSyntaxError(f"not a non-zero 32-bit number: {value}")
    return b"%d" % value


def _seq_set(value: Any) -> bytes:
    if not isinstance(value, SequenceSet) or value.saved or value.uses_star:
        raise v.ValueSyntaxError("a response sequence set must be explicit (no '$', no '*')")
    return value.format().encode("ascii")


_FLAG_CACHE: dict[tuple[str, ...], bytes] = {}


def flag_list(flags: tuple[str, ...]) -> bytes:
    """``(\\Seen \\Answered)``; results are cached (flag sets repeat across a mailbox)."""
    cached = _FLAG_CACHE.get(flags)
    if cached is None:
        cached = v.paren_list(v.flag(f) for f in flags)
        if len(_FLAG_CACHE) >= 4096:
            _FLAG_CACHE.clear()
        _FLAG_CACHE[flags] = cached
    return cached


def _atoms(items: Iterable[str]) -> bytes:
    return b" ".join(v.atom(i) for i in items)


def _capabilities(items: tuple[str, ...]) -> bytes:
    if not items:
        raise v.ValueSyntaxError("a capability list names at least IMAP4rev1 or IMAP4rev2")
    return _atoms(items)


def _code(code: r.ResponseCode, o: SerializeOptions) -> bytes:
    if isinstance(code, r.Code):
        name = v.atom(code.name)
        if code.text is None:
            return name
        body = v.text(code.text, utf8=o.rev2 or o.utf8)
        if not body or b"]" in body:
            raise v.ValueSyntaxError(f"response code text must be non-empty without ']': {code.text!r}")
        return name + b" " + body
    if isinstance(code, r.NumberCode):
        return v.atom(code.name) + b" " + v.number(code.value)
    if isinstance(code, r.CapabilityCode):
        return b"CAPABILITY " + _capabilities(code.capabilities)
    if isinstance(code, r.PermanentFlagsCode):
        return b"PERMANENTFLAGS " + flag_list(code.flags)
    if isinstance(code, r.BadCharsetCode):
        if not code.charsets:
            return b"BADCHARSET"
        # charset = atom / quoted (RFC 9051 §9): never a literal inside a response code.
        names = (v.atom(c) if v.is_atom(c) else v.quoted(c) for c in code.charsets)
        return b"BADCHARSET " + v.paren_list(names)
    if isinstance(code, r.AppendUidCode):
        return b"APPENDUID " + _nz(code.uidvalidity) + b" " + _seq_set(code.uids)
    if isinstance(code, r.CopyUidCode):
        return (
            b"COPYUID "
            + _nz(code.uidvalidity)
            + b" "
            + _seq_set(code.source)
            + b" "
            + _seq_set(code.destination)
        )
    if isinstance(code, r.ModifiedCode):
        return b"MODIFIED " + _seq_set(code.uids)
    raise TypeError(f"not a response code: {code!r}")  # pragma: no cover


def _resp_text(text: str, code: r.ResponseCode | None, o: SerializeOptions) -> bytes:
    body = v.text(text, utf8=o.rev2 or o.utf8)
    if code is not None:
        head = b"[" + _code(code, o) + b"]"
        return head + b" " + body if body else head
    if not body:
        return b"completed"
    if body.startswith(b"["):
        return b" " + body  # never mistaken for a response code
    return body


def _mailbox(name: str, o: SerializeOptions) -> bytes:
    return v.mailbox(name, utf8=o.utf8, prefer_quoted=o.quote_names)


def _delimiter(delimiter: str | None) -> bytes:
    if delimiter is None:
        return b"NIL"
    if len(delimiter) != 1 or not ("\x01" <= delimiter <= "\x7f") or delimiter in "\r\n":
        raise v.ValueSyntaxError(f"hierarchy delimiter must be one 7-bit character: {delimiter!r}")
    return v.quoted(delimiter)


# --------------------------------------------------------------------------- per-response writers
def _status(x: r.StatusResponse, o: SerializeOptions) -> bytes:
    try:
        kind = r.StatusKind(x.kind)
    except ValueError:
        raise v.ValueSyntaxError(f"not a status response: {x.kind!r}") from None
    if x.tag is not None and kind in (r.StatusKind.PREAUTH, r.StatusKind.BYE):
        raise v.ValueSyntaxError(f"{kind} is always untagged")
    return _tag(x.tag) + b" " + kind.value.encode() + b" " + _resp_text(x.text, x.code, o) + CRLF


def _continuation(x: r.Continuation, o: SerializeOptions) -> bytes:
    if x.code is None and not x.text:
        return b"+ \r\n"
    body = v.text(x.text, utf8=o.rev2 or o.utf8)
    if x.code is not None:
        head = b"[" + _code(x.code, o) + b"]"
        return b"+ " + (head + b" " + body if body else head) + CRLF
    return b"+ " + body + CRLF


def _challenge(x: r.Challenge, o: SerializeOptions) -> bytes:
    return b"+ " + base64.b64encode(x.data) + CRLF


def _capability(x: r.Capability, o: SerializeOptions) -> bytes:
    return b"* CAPABILITY " + _capabilities(x.capabilities) + CRLF


def _enabled(x: r.Enabled, o: SerializeOptions) -> bytes:
    if not x.capabilities:
        return b"* ENABLED\r\n"
    return b"* ENABLED " + _atoms(x.capabilities) + CRLF


def _list(x: r.ListItem, o: SerializeOptions) -> bytes:
    out = [
        b"* LSUB " if x.lsub else b"* LIST ",
        v.paren_list(v.flag(a) for a in x.attributes),
        b" ",
        _delimiter(x.delimiter),
        b" ",
        _mailbox(x.name, o),
    ]
    extended: list[bytes] = []
    if x.childinfo:
        extended.append(b'"CHILDINFO" ' + v.paren_list(v.string(c) for c in x.childinfo))
    if x.oldname is not None:
        # Quoted like every RFC 9051 example; many clients read the value as a string.
        oldname = v.mailbox(x.oldname, utf8=o.utf8, prefer_quoted=True)
        extended.append(b'"OLDNAME" (' + oldname + b")")
    if extended:
        out.append(b" " + v.paren_list(extended))
    out.append(CRLF)
    return b"".join(out)


def _status_item(name: str, value: int | None) -> bytes:
    return v.atom(name) + b" " + (b"NIL" if value is None else v.number(value))


def _mailbox_status(x: r.MailboxStatus, o: SerializeOptions) -> bytes:
    items = v.paren_list(_status_item(n, val) for n, val in x.items)
    return b"* STATUS " + _mailbox(x.mailbox, o) + b" " + items + CRLF


def _flags(x: r.Flags, o: SerializeOptions) -> bytes:
    return b"* FLAGS " + flag_list(x.flags) + CRLF


def _exists(x: r.Exists, o: SerializeOptions) -> bytes:
    return b"* " + v.number(x.count) + b" EXISTS\r\n"


def _recent(x: r.Recent, o: SerializeOptions) -> bytes:
    return b"* " + v.number(x.count) + b" RECENT\r\n"


def _expunge(x: r.Expunge, o: SerializeOptions) -> bytes:
    return b"* " + _nz(x.seq) + b" EXPUNGE\r\n"


def _vanished(x: r.Vanished, o: SerializeOptions) -> bytes:
    return b"* VANISHED " + (b"(EARLIER) " if x.earlier else b"") + _seq_set(x.uids) + CRLF


def _numbers(word: bytes, numbers: tuple[int, ...], modseq: int | None) -> bytes:
    out = [word]
    out.extend(_nz(n) for n in numbers)
    if modseq is not None and numbers:
        out.append(b"(MODSEQ " + v.number(modseq) + b")")
    return b" ".join(out) + CRLF


def _search(x: r.Search, o: SerializeOptions) -> bytes:
    return _numbers(b"* SEARCH", x.numbers, x.modseq)


def _sort(x: r.Sort, o: SerializeOptions) -> bytes:
    return _numbers(b"* SORT", x.numbers, x.modseq)


def _esearch(x: r.ESearch, o: SerializeOptions) -> bytes:
    out = [b"* ESEARCH"]
    if x.tag is not None:
        out.append(b"(TAG " + v.string(x.tag) + b")")
    if x.uid:
        out.append(b"UID")
    if x.min is not None:
        out.append(b"MIN " + _nz(x.min))
    if x.max is not None:
        out.append(b"MAX " + _nz(x.max))
    if x.count is not None:
        out.append(b"COUNT " + v.number(x.count))
    if x.all is not None:
        out.append(b"ALL " + _seq_set(x.all))
    if x.modseq is not None:
        out.append(b"MODSEQ " + v.number(x.modseq))
    return b" ".join(out) + CRLF


def _thread_members(node: r.ThreadNode) -> bytes:
    numbers: list[bytes] = []
    current: r.ThreadNode | None = node
    nested = b""
    while current is not None:
        if current.number is not None:
            numbers.append(_nz(current.number))
        children = current.children
        if len(children) == 1:
            current = children[0]
        else:
            if children:
                nested = b"".join(b"(" + _thread_members(c) + b")" for c in children)
            current = None
    if not numbers and not nested:
        raise v.ValueSyntaxError("a thread needs at least one message")
    if numbers and nested:
        return b" ".join(numbers) + b" " + nested
    return b" ".join(numbers) or nested


def _thread(x: r.Thread, o: SerializeOptions) -> bytes:
    if not x.threads:
        return b"* THREAD\r\n"
    return b"* THREAD " + b"".join(b"(" + _thread_members(t) + b")" for t in x.threads) + CRLF


@lru_cache(maxsize=1024)
def _section_name(section: str) -> bytes:
    data = section.encode("ascii", "replace")
    if _SECTION_RE.fullmatch(data) is None or data.count(b"(") != data.count(b")"):
        raise v.ValueSyntaxError(f"invalid section text {section!r}")
    return data


def _body_literal(data: bytes) -> bytes:
    if b"\x00" in data:
        data = data.replace(b"\x00", b"\x80")
    return b"{%d}\r\n" % len(data) + data


def _fetch_item(item: r.FetchItem, o: SerializeOptions) -> bytes:
    if isinstance(item, r.FetchUid):
        return b"UID " + _nz(item.uid)
    if isinstance(item, r.FetchFlags):
        return b"FLAGS " + flag_list(item.flags)
    if isinstance(item, r.FetchSize):
        return b"RFC822.SIZE " + v.number(item.size)
    if isinstance(item, r.FetchModSeq):
        return b"MODSEQ (" + v.number(item.modseq) + b")"
    if isinstance(item, r.FetchInternalDate):
        return b"INTERNALDATE " + v.date_time(item.value)
    if isinstance(item, r.FetchSection):
        head = (b"BINARY[" if item.binary else b"BODY[") + _section_name(item.section) + b"]"
        if item.origin is not None:
            head += b"<" + v.number(item.origin) + b">"
        if item.data is None:
            return head + b" NIL"
        if item.binary:
            payload = v.literal8(item.data) if b"\x00" in item.data else v.literal(item.data)
            return head + b" " + payload
        return head + b" " + _body_literal(item.data)
    if isinstance(item, r.FetchBinarySize):
        return b"BINARY.SIZE[" + _section_name(item.section) + b"] " + v.number(item.size)
    if isinstance(item, r.FetchRfc822):
        if item.part not in ("", "HEADER", "TEXT"):
            raise v.ValueSyntaxError(f"RFC822 part must be '', HEADER or TEXT: {item.part!r}")
        name = b"RFC822." + item.part.encode() if item.part else b"RFC822"
        return name + b" " + (b"NIL" if item.data is None else _body_literal(item.data))
    if isinstance(item, r.FetchRaw):
        name = item.name.encode("ascii", "replace")
        if _FETCH_NAME_RE.fullmatch(name) is None:
            raise v.ValueSyntaxError(f"invalid FETCH item name {item.name!r}")
        return name + b" " + item.data
    raise TypeError(f"not a FETCH item: {item!r}")  # pragma: no cover


def _fetch(x: r.Fetch, o: SerializeOptions) -> bytes:
    return (
        b"* " + _nz(x.seq) + b" FETCH (" + b" ".join(_fetch_item(i, o) for i in x.items) + b")\r\n"
    )


def _quota(x: r.Quota, o: SerializeOptions) -> bytes:
    resources = v.paren_list(
        v.atom(q.name) + b" " + v.number(q.usage) + b" " + v.number(q.limit) for q in x.resources
    )
    root = v.astring(x.root, utf8=o.utf8, prefer_quoted=o.quote_names)
    return b"* QUOTA " + root + b" " + resources + CRLF


def _quota_root(x: r.QuotaRoot, o: SerializeOptions) -> bytes:
    out = [b"* QUOTAROOT", _mailbox(x.mailbox, o)]
    out.extend(v.astring(root, utf8=o.utf8, prefer_quoted=o.quote_names) for root in x.roots)
    return b" ".join(out) + CRLF


def _namespace_entries(entries: tuple[r.NamespaceEntry, ...] | None, o: SerializeOptions) -> bytes:
    if not entries:
        return b"NIL"
    parts = []
    for e in entries:
        prefix = e.prefix if o.utf8 else mutf7.encode(e.prefix)
        items = [v.string(prefix, utf8=o.utf8), _delimiter(e.delimiter)]
        for name, vals in e.extensions:
            items.append(v.string(name) + b" " + v.paren_list(v.string(val, utf8=o.utf8) for val in vals))
        parts.append(v.paren_list(items))
    return b"(" + b"".join(parts) + b")"


def _namespace(x: r.Namespace, o: SerializeOptions) -> bytes:
    return (
        b"* NAMESPACE "
        + _namespace_entries(x.personal, o)
        + b" "
        + _namespace_entries(x.other, o)
        + b" "
        + _namespace_entries(x.shared, o)
        + CRLF
    )


def _id(x: r.Id, o: SerializeOptions) -> bytes:
    if x.params is None:
        return b"* ID NIL\r\n"
    items = []
    for key, value in x.params:
        items.append(v.string(key, utf8=o.utf8))
        items.append(v.nstring(value, utf8=o.utf8))
    return b"* ID " + v.paren_list(items) + CRLF


def _acl(x: r.Acl, o: SerializeOptions) -> bytes:
    out = [b"* ACL", _mailbox(x.mailbox, o)]
    for identifier, rights in x.entries:
        out.append(v.astring(identifier, utf8=o.utf8))
        out.append(v.astring(rights))
    return b" ".join(out) + CRLF


def _list_rights(x: r.ListRights, o: SerializeOptions) -> bytes:
    out = [b"* LISTRIGHTS", _mailbox(x.mailbox, o), v.astring(x.identifier, utf8=o.utf8)]
    out.append(v.astring(x.required))
    out.extend(v.astring(rights) for rights in x.optional)
    return b" ".join(out) + CRLF


def _my_rights(x: r.MyRights, o: SerializeOptions) -> bytes:
    return b"* MYRIGHTS " + _mailbox(x.mailbox, o) + b" " + v.astring(x.rights) + CRLF


_WRITERS: Final[dict[type, Callable[[Any, SerializeOptions], bytes]]] = {
    r.StatusResponse: _status,
    r.Continuation: _continuation,
    r.Challenge: _challenge,
    r.Capability: _capability,
    r.Enabled: _enabled,
    r.ListItem: _list,
    r.MailboxStatus: _mailbox_status,
    r.Flags: _flags,
    r.Exists: _exists,
    r.Recent: _recent,
    r.Expunge: _expunge,
    r.Vanished: _vanished,
    r.Search: _search,
    r.Sort: _sort,
    r.ESearch: _esearch,
    r.Thread: _thread,
    r.Fetch: _fetch,
    r.Quota: _quota,
    r.QuotaRoot: _quota_root,
    r.Namespace: _namespace,
    r.Id: _id,
    r.Acl: _acl,
    r.ListRights: _list_rights,
    r.MyRights: _my_rights,
}


def serialize(response: r.Response, options: SerializeOptions = DEFAULT) -> bytes:
    """The exact wire bytes of one response, CRLF included."""
    try:
        writer = _WRITERS[type(response)]
    except KeyError:
        raise TypeError(f"not an IMAP response: {type(response).__name__}") from None
    return writer(response, options)


def serialize_many(responses: Iterable[r.Response], options: SerializeOptions = DEFAULT) -> bytes:
    """Several responses joined, ready for one transport write."""
    writers = _WRITERS
    return b"".join(writers[type(x)](x, options) for x in responses)


# --------------------------------------------------------------------------- FETCH fast path
FlagsArg = tuple[str, ...] | bytes
HeaderRow = tuple[int, int, FlagsArg, int, bytes]
HeaderModSeqRow = tuple[int, int, FlagsArg, int, int, bytes]


class HeaderFetchWriter:
    """Writes ``* seq FETCH (UID u FLAGS (…) RFC822.SIZE n BODY[<section>] {len}\\r\\n<hdr>)``.

    *section* is the normalized section text the client asked for (``BODY.PEEK`` is
    answered as ``BODY``).  Each row is ``(seq, uid, flags, size, header_bytes)``;
    ``flags`` is a tuple of flag names (cached per distinct tuple) or an already
    formatted ``b"(\\\\Seen)"``.  Header bytes come from the ingest cache and are sent
    as a literal; a NUL, which ingest never stores, would be sent as 0x80.
    """

    __slots__ = ("_template", "_template_modseq")

    def __init__(self, section: str = "HEADER.FIELDS (FROM TO SUBJECT DATE)") -> None:
        tail = b" BODY[" + _section_name(section) + b"] {%d}\r\n%s)\r\n"
        self._template = b"* %d FETCH (UID %d FLAGS %s RFC822.SIZE %d" + tail
        self._template_modseq = b"* %d FETCH (UID %d FLAGS %s RFC822.SIZE %d MODSEQ (%d)" + tail

    def line(self, seq: int, uid: int, flags: FlagsArg, size: int, header: bytes) -> bytes:
        """One message's FETCH response."""
        return self.lines(((seq, uid, flags, size, header),))

    def lines(self, rows: Iterable[HeaderRow]) -> bytes:
        """All rows' FETCH responses as one buffer."""
        template = self._template
        get = _FLAG_CACHE.get
        out = b"".join(
            [
                template
                % (
                    seq,
                    uid,
                    flags if type(flags) is bytes else (get(flags) or flag_list(flags)),  # type: ignore[arg-type]
                    size,
                    len(header),
                    header,
                )
                for seq, uid, flags, size, header in rows
            ]
        )
        if b"\x00" in out:
            out = out.replace(b"\x00", b"\x80")
        return out


    def lines_modseq(self, rows: Iterable[HeaderModSeqRow]) -> bytes:
        """As :meth:`lines` with ``MODSEQ (n)`` (RFC 7162 CONDSTORE); rows carry the modseq fifth."""
        template = self._template_modseq
        get = _FLAG_CACHE.get
        out = b"".join(
            [
                template
                % (
                    seq,
                    uid,
                    flags if type(flags) is bytes else (get(flags) or flag_list(flags)),  # type: ignore[arg-type]
                    size,
                    modseq,
                    len(header),
                    header,
                )
                for seq, uid, flags, size, modseq, header in rows
            ]
        )
        if b"\x00" in out:
            out = out.replace(b"\x00", b"\x80")
        return out


def fetch_header_lines(
    rows: Iterable[HeaderRow], section: str = "HEADER.FIELDS (FROM TO SUBJECT DATE)"
) -> bytes:
    """Functional form of :meth:`HeaderFetchWriter.lines`."""
    return HeaderFetchWriter(section).lines(rows)
