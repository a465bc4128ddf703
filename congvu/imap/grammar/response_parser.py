"""Wire bytes → typed IMAP responses: the inverse of ``serialize.py`` (issue 11, RFC 9051 §7 and §9).

``parse_response(data, utf8=...)`` reads exactly one complete server response (CRLF
included, literals inline) and rebuilds the objects of ``responses.py``.  It exists so
that the property ``parse_response(serialize(x, opts)) == normalise(x, opts)`` can be
tested for every generated response (issue 11), and as a client-side/test tool; the
server itself never parses responses.  Unlike the command parser, malformed input
*raises* :class:`ResponseSyntaxError` (a ``ValueError``) and never any other exception.

Grammar covered (RFC 9051 §9 ``response``, plus the extensions the server writes):
status responses with every response code of ``responses.py`` (RFC 9051 §7.1, RFC 5530,
RFC 4315 APPENDUID/COPYUID, RFC 7162 HIGHESTMODSEQ/MODIFIED; any other code comes back
as ``Code(name, text)``), ``+`` continuations and SASL challenges, CAPABILITY, ENABLED
(RFC 5161), LIST/LSUB with CHILDINFO/OLDNAME (RFC 5258, RFC 9051 §7.3.1), STATUS,
FLAGS, EXISTS/RECENT/EXPUNGE, SEARCH/SORT with ``(MODSEQ n)``, ESEARCH (RFC 4731),
THREAD (RFC 5256), FETCH (sections, BINARY and literal8 of RFC 3516, MODSEQ), VANISHED
(RFC 7162), QUOTA/QUOTAROOT (RFC 9208), NAMESPACE (RFC 2342), ID (RFC 2971) and
ACL/LISTRIGHTS/MYRIGHTS (RFC 4314).

Readings where the wire cannot tell typed objects apart (mirrored by the test's
``normalise``):

* ``+ <text>`` is a :class:`~responses.Challenge` when the text is non-empty strict
  base64 (RFC 4648 alphabet, padded), otherwise a :class:`~responses.Continuation`.
* FETCH items the typed model keeps as fragments (ENVELOPE, BODYSTRUCTURE, BODY without
  a section, EMAILID …) come back as :class:`~responses.FetchRaw` with the item's exact
  bytes; unknown LIST extended items are skipped.
* Mailbox names are modified UTF-7 decoded unless *utf8* (RFC 6855); quota roots,
  ACL identifiers and rights are plain strings, as the serializer writes them.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import datetime, timedelta, timezone
from typing import Final

from congvu.imap.grammar import mutf7
from congvu.imap.grammar import responses as r
from congvu.imap.grammar.sequence import SequenceSet

__all__ = ["ResponseSyntaxError", "parse_response"]


class ResponseSyntaxError(ValueError):
    """The bytes are not one well-formed IMAP server response."""


_ATOM_RE: Final = re.compile(rb"[^(){ \x00-\x1f\x7f%*\"\\\]\x80-\xff]+")
_ASTRING_RE: Final = re.compile(rb"[^(){ \x00-\x1f\x7f%*\"\\\x80-\xff]+")
_FLAG_RE: Final = re.compile(rb"\\\*|\\?[^(){ \x00-\x1f\x7f%*\"\\\]\x80-\xff]+")
_NUMBER_RE: Final = re.compile(rb"[0-9]+")
_TAG_RE: Final = re.compile(rb"[^(){ \x00-\x1f\x7f%*\"\\+\x80-\xff]+")
_TEXT_RE: Final = re.compile(rb"[^\r\n\x00]*")
_CODE_TEXT_RE: Final = re.compile(rb"[^\]\r\n\x00]+")
_B64_RE: Final = re.compile(rb"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")
_SEQ_RE: Final = re.compile(rb"[0-9:,*$]+")
_SECTION_RE: Final = re.compile(rb"[\x20-\x5c\x5e-\x7e]*")
_FETCH_NAME_RE: Final = re.compile(rb"[A-Za-z0-9][A-Za-z0-9.\-]*")
_DATE_RE: Final = re.compile(
    rb'"([ 0-9][0-9])-([A-Za-z]{3})-([0-9]{4}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) ([+-])([0-9]{2})([0-9]{2})"'
)
_MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MAX_DEPTH: Final = 64
_NUMBER_CODES: Final = frozenset({"UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ"})

_Value = bytes | None | list["_Value"]  # a string's bytes, NIL, or a parenthesised list


class _Reader:
    """A cursor over one response; every method raises ResponseSyntaxError on a mismatch."""

    def __init__(self, data: bytes, utf8: bool) -> None:
        self.data = data
        self.pos = 0
        self.utf8 = utf8

    # ---- primitives
    def fail(self, why: str) -> ResponseSyntaxError:
        window = self.data[max(0, self.pos - 20) : self.pos + 20]
        return ResponseSyntaxError(f"{why} at offset {self.pos}: {window!r}")

    def peek(self, n: int = 1) -> bytes:
        return self.data[self.pos : self.pos + n]

    def accept(self, token: bytes) -> bool:
        if self.data.startswith(token, self.pos):
            self.pos += len(token)
            return True
        return False

    def expect(self, token: bytes) -> None:
        if not self.accept(token):
            raise self.fail(f"expected {token!r}")

    def match(self, pattern: re.Pattern[bytes], what: str) -> bytes:
        m = pattern.match(self.data, self.pos)
        if m is None or (not m.group() and what):
            raise self.fail(f"expected {what}")
        self.pos = m.end()
        return m.group()

    def sp(self) -> None:
        self.expect(b" ")

    def end(self) -> None:
        self.expect(b"\r\n")
        if self.pos != len(self.data):
            raise self.fail("bytes after the end of the response")

    def at_end(self) -> bool:
        return self.data.startswith(b"\r\n", self.pos)

    def atom(self) -> str:
        return self.match(_ATOM_RE, "atom").decode("ascii")

    def number(self) -> int:
        return int(self.match(_NUMBER_RE, "number"))

    def seq_set(self) -> SequenceSet:
        return SequenceSet.parse(self.match(_SEQ_RE, "sequence set").decode("ascii"))

    def flag(self) -> str:
        return self.match(_FLAG_RE, "flag").decode("ascii")

    # ---- strings
    def quoted(self) -> bytes:
        self.expect(b'"')
        out = bytearray()
        while True:
            ch = self.peek()
            if ch in (b"", b"\r", b"\n", b"\x00"):
                raise self.fail("unterminated quoted string")
            self.pos += 1
            if ch == b'"':
                break
            if ch == b"\\":
                esc = self.peek()
                if esc not in (b'"', b"\\"):
                    raise self.fail("invalid escape in quoted string")
                self.pos += 1
                out += esc
            else:
                out += ch
        raw = bytes(out)
        if not raw.isascii() and not self.utf8:
            raise self.fail("8-bit quoted string without UTF8=ACCEPT")
        return raw

    def literal(self, binary_ok: bool = False) -> tuple[bytes, bool]:
        binary = self.accept(b"~")
        if binary and not binary_ok:
            raise self.fail("literal8 outside BINARY[]")
        self.expect(b"{")
        n = self.number()
        self.expect(b"}\r\n")
        if self.pos + n > len(self.data):
            raise self.fail("literal longer than the data")
        body = self.data[self.pos : self.pos + n]
        self.pos += n
        if not binary and b"\x00" in body:
            raise self.fail("NUL in a literal")
        return body, binary

    def string(self) -> bytes:
        if self.peek() == b'"':
            return self.quoted()
        if self.peek() == b"{":
            return self.literal()[0]
        raise self.fail("expected a string")

    def nstring(self) -> bytes | None:
        if self.accept(b"NIL"):
            return None
        return self.string()

    def astring(self) -> bytes:
        if self.peek() in (b'"', b"{"):
            return self.string()
        return self.match(_ASTRING_RE, "astring")

    def text_of(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise self.fail("invalid UTF-8") from None

    def mailbox(self) -> str:
        raw = self.astring()
        if self.utf8:
            return self.text_of(raw)
        if not raw.isascii():
            raise self.fail("8-bit mailbox name without UTF8=ACCEPT")
        try:
            return mutf7.decode(raw.decode("ascii"))
        except mutf7.MUtf7Error as exc:
            raise self.fail(str(exc)) from None

    def plain(self) -> str:
        return self.text_of(self.astring())

    def value(self, depth: int = 0) -> _Value:
        """Any body value: list, NIL, string or atom/number (atoms returned as bytes)."""
        if depth > _MAX_DEPTH:
            raise self.fail("nesting too deep")
        ch = self.peek()
        if ch == b"(":
            self.pos += 1
            out: list[_Value] = []
            while not self.accept(b")"):
                if out and not self.accept(b" ") and self.peek() != b"(":
                    raise self.fail("expected SP or ')'")
                out.append(self.value(depth + 1))
            return out
        if ch in (b'"', b"{"):
            return self.string()
        if self.accept(b"NIL"):
            return None
        return self.match(_ASTRING_RE, "value")

    def paren(self, item: str) -> list[str]:
        """``(a b c)`` of flags or atoms."""
        self.expect(b"(")
        out: list[str] = []
        while not self.accept(b")"):
            if out:
                self.sp()
            out.append(self.flag() if item == "flag" else self.atom())
        return out

    def rest_text(self) -> str:
        return self.text_of(self.match(_TEXT_RE, ""))

    # ---- resp-text and codes
    def resp_text(self) -> tuple[str, r.ResponseCode | None]:
        if self.peek() == b"[":
            start = self.pos
            try:
                code = self.code()
            except ResponseSyntaxError:
                self.pos = start  # text that merely begins with "[" (RFC 9051 §9 TEXT-CHAR)
            else:
                if self.at_end():
                    return "", code
                self.sp()
                return self.rest_text(), code
        return self.rest_text(), None

    def code(self) -> r.ResponseCode:
        self.expect(b"[")
        name = self.atom()
        upper = name.upper()
        if self.accept(b"]"):
            return r.BadCharsetCode() if upper == "BADCHARSET" else r.Code(name)
        self.sp()
        start = self.pos
        try:
            typed = self.typed_code(name, upper)
            self.expect(b"]")
            return typed
        except ResponseSyntaxError:
            self.pos = start
        text = self.text_of(self.match(_CODE_TEXT_RE, "response code text"))
        self.expect(b"]")
        return r.Code(name, text)

    def typed_code(self, name: str, upper: str) -> r.ResponseCode:
        if upper in _NUMBER_CODES:
            return r.NumberCode(name, self.number())
        if upper == "CAPABILITY":
            caps = [self.atom()]
            while self.accept(b" "):
                caps.append(self.atom())
            return r.CapabilityCode(tuple(caps))
        if upper == "PERMANENTFLAGS":
            return r.PermanentFlagsCode(tuple(self.paren("flag")))
        if upper == "BADCHARSET":
            self.expect(b"(")
            charsets = [self.charset()]
            while self.accept(b" "):
                charsets.append(self.charset())
            self.expect(b")")
            return r.BadCharsetCode(tuple(charsets))
        if upper == "APPENDUID":
            validity = self.number()
            self.sp()
            return r.AppendUidCode(validity, self.seq_set())
        if upper == "COPYUID":
            validity = self.number()
            self.sp()
            source = self.seq_set()
            self.sp()
            return r.CopyUidCode(validity, source, self.seq_set())
        if upper == "MODIFIED":
            return r.ModifiedCode(self.seq_set())
        raise self.fail("free-text code")

    def charset(self) -> str:
        if self.peek() == b'"':
            return self.text_of(self.quoted())
        return self.atom()

    # ---- FETCH
    def section(self) -> str:
        self.expect(b"[")
        text = self.match(_SECTION_RE, "").decode("ascii")
        self.expect(b"]")
        return text

    def origin(self) -> int | None:
        if not self.accept(b"<"):
            return None
        n = self.number()
        self.expect(b">")
        return n

    def date_time(self) -> datetime:
        m = _DATE_RE.match(self.data, self.pos)
        if m is None:
            raise self.fail("expected date-time")
        self.pos = m.end()
        day, mon, year, hh, mm, ss, sign, oh, om = (g.decode("ascii") for g in m.groups())
        if mon.upper() not in _MONTHS:
            raise self.fail("bad month")
        offset = timedelta(hours=int(oh), minutes=int(om)) * (-1 if sign == "-" else 1)
        try:
            return datetime(
                int(year),
                _MONTHS.index(mon.upper()) + 1,
                int(day.strip()),
                int(hh),
                int(mm),
                int(ss),
                tzinfo=timezone(offset),
            )
        except ValueError as exc:
            raise self.fail(str(exc)) from None

    def fetch_item(self) -> r.FetchItem:
        name = self.match(_FETCH_NAME_RE, "FETCH item name").decode("ascii")
        upper = name.upper()
        if upper in ("BODY", "BINARY") and self.peek() == b"[":
            section, origin = self.section(), self.origin()
            self.sp()
            if self.accept(b"NIL"):
                return r.FetchSection(section, None, origin, upper == "BINARY")
            if upper == "BINARY":
                data, _ = self.literal(binary_ok=True) if self.peek() != b'"' else (self.quoted(), False)
                return r.FetchSection(section, data, origin, True)
            return r.FetchSection(section, self.string(), origin)
        if upper == "BINARY.SIZE":
            section = self.section()
            self.sp()
            return r.FetchBinarySize(section, self.number())
        self.sp()
        if upper == "UID":
            return r.FetchUid(self.number())
        if upper == "FLAGS":
            return r.FetchFlags(tuple(self.paren("flag")))
        if upper == "RFC822.SIZE":
            return r.FetchSize(self.number())
        if upper == "MODSEQ":
            self.expect(b"(")
            modseq = self.number()
            self.expect(b")")
            return r.FetchModSeq(modseq)
        if upper == "INTERNALDATE":
            return r.FetchInternalDate(self.date_time())
        if upper in ("RFC822", "RFC822.HEADER", "RFC822.TEXT"):
            return r.FetchRfc822(upper[7:], self.nstring())
        value_start = self.pos
        self.value()
        return r.FetchRaw(name, self.data[value_start : self.pos])

    # ---- THREAD (RFC 5256 §4)
    def thread_members(self, depth: int) -> r.ThreadNode:
        """Inside ``( … )``: numbers then nested lists, rebuilt as a chain with children."""
        if depth > _MAX_DEPTH:
            raise self.fail("nesting too deep")
        numbers: list[int] = []
        nested: list[r.ThreadNode] = []
        while not self.accept(b")"):
            if (numbers or nested) and not self.accept(b" ") and self.peek() != b"(":
                raise self.fail("expected SP or ')'")
            if self.accept(b"("):
                nested.append(self.thread_members(depth + 1))
            elif nested:
                raise self.fail("number after a nested thread")
            else:
                numbers.append(self.number())
        if not numbers and not nested:
            raise self.fail("empty thread")
        if not numbers:
            return r.ThreadNode(None, tuple(nested))
        node = r.ThreadNode(numbers[-1], tuple(nested))
        for n in reversed(numbers[:-1]):
            node = r.ThreadNode(n, (node,))
        return node


# --------------------------------------------------------------------------- per-response readers
def _status(rd: _Reader, tag: str | None, kind: r.StatusKind) -> r.StatusResponse:
    if tag is not None and kind in (r.StatusKind.PREAUTH, r.StatusKind.BYE):
        raise rd.fail(f"{kind} is always untagged")
    rd.sp()
    text, code = rd.resp_text()
    rd.end()
    return r.StatusResponse(kind, text, code, tag)


def _continuation(rd: _Reader) -> r.Continuation | r.Challenge:
    rd.expect(b"+")
    if not rd.accept(b" "):  # "+\r\n": tolerated, as many servers send it
        rd.end()
        return r.Continuation("")
    start = rd.pos
    tail = rd.data[start:-2] if rd.data.endswith(b"\r\n") else b""
    if tail and _B64_RE.fullmatch(tail):
        rd.pos += len(tail)
        rd.end()
        try:
            return r.Challenge(base64.b64decode(tail, validate=True))
        except binascii.Error:  # pragma: no cover - the pattern only admits valid base64
            raise rd.fail("bad base64") from None
    text, code = rd.resp_text()
    rd.end()
    return r.Continuation(text, code)


def _atoms_to_eol(rd: _Reader) -> tuple[str, ...]:
    out: list[str] = []
    while rd.accept(b" "):
        out.append(rd.atom())
    return tuple(out)


def _list(rd: _Reader, lsub: bool) -> r.ListItem:
    rd.sp()
    attributes = tuple(rd.paren("flag"))
    rd.sp()
    delimiter: str | None = None
    if not rd.accept(b"NIL"):
        raw = rd.quoted()
        if len(raw) != 1:
            raise rd.fail("hierarchy delimiter must be one character")
        delimiter = raw.decode("ascii")
    rd.sp()
    name = rd.mailbox()
    childinfo: tuple[str, ...] = ()
    oldname: str | None = None
    if rd.accept(b" "):
        rd.expect(b"(")
        first = True
        while not rd.accept(b")"):
            if not first:
                rd.sp()
            first = False
            key = rd.astring().upper()
            rd.sp()
            if key == b"CHILDINFO":
                rd.expect(b"(")
                found = [rd.text_of(rd.string())]
                while rd.accept(b" "):
                    found.append(rd.text_of(rd.string()))
                rd.expect(b")")
                childinfo = tuple(found)
            elif key == b"OLDNAME":
                rd.expect(b"(")
                oldname = rd.mailbox()
                rd.expect(b")")
            else:
                rd.value()  # an extension the typed ListItem does not model
    rd.end()
    return r.ListItem(name, delimiter, attributes, childinfo, oldname, lsub)


def _mailbox_status(rd: _Reader) -> r.MailboxStatus:
    rd.sp()
    mailbox = rd.mailbox()
    rd.sp()
    rd.expect(b"(")
    items: list[tuple[str, int | None]] = []
    while not rd.accept(b")"):
        if items:
            rd.sp()
        key = rd.atom()
        rd.sp()
        items.append((key, None if rd.accept(b"NIL") else rd.number()))
    rd.end()
    return r.MailboxStatus(mailbox, tuple(items))


def _numbers(rd: _Reader) -> tuple[tuple[int, ...], int | None]:
    numbers: list[int] = []
    modseq: int | None = None
    while rd.accept(b" "):
        if rd.accept(b"(MODSEQ "):
            modseq = rd.number()
            rd.expect(b")")
            break
        numbers.append(rd.number())
    rd.end()
    return tuple(numbers), modseq


def _esearch(rd: _Reader) -> r.ESearch:
    x: dict[str, object] = {}
    if rd.accept(b" (TAG "):
        x["tag"] = rd.text_of(rd.string())
        rd.expect(b")")
    while rd.accept(b" "):
        key = rd.atom().upper()
        if key == "UID":
            x["uid"] = True
            continue
        rd.sp()
        if key in ("MIN", "MAX", "COUNT", "MODSEQ"):
            x[key.lower()] = rd.number()
        elif key == "ALL":
            x["all"] = rd.seq_set()
        else:
            raise rd.fail(f"unknown ESEARCH item {key}")
    rd.end()
    return r.ESearch(**x)  # type: ignore[arg-type]


def _thread(rd: _Reader) -> r.Thread:
    roots: list[r.ThreadNode] = []
    if rd.accept(b" "):
        rd.expect(b"(")
        roots.append(rd.thread_members(0))
        while rd.accept(b"("):
            roots.append(rd.thread_members(0))
    rd.end()
    return r.Thread(tuple(roots))


def _fetch(rd: _Reader, seq: int) -> r.Fetch:
    rd.expect(b" (")
    items = [rd.fetch_item()]
    while rd.accept(b" "):
        items.append(rd.fetch_item())
    rd.expect(b")")
    rd.end()
    return r.Fetch(seq, tuple(items))


def _quota(rd: _Reader) -> r.Quota:
    rd.sp()
    root = rd.plain()
    rd.sp()
    rd.expect(b"(")
    resources: list[r.QuotaResource] = []
    while not rd.accept(b")"):
        if resources:
            rd.sp()
        name = rd.atom()
        rd.sp()
        usage = rd.number()
        rd.sp()
        resources.append(r.QuotaResource(name, usage, rd.number()))
    rd.end()
    return r.Quota(root, tuple(resources))


def _namespace_part(rd: _Reader) -> tuple[r.NamespaceEntry, ...] | None:
    if rd.accept(b"NIL"):
        return None
    rd.expect(b"(")
    entries: list[r.NamespaceEntry] = []
    while rd.accept(b"("):
        raw = rd.string()
        if rd.utf8:
            prefix = rd.text_of(raw)
        else:
            try:
                prefix = mutf7.decode(rd.text_of(raw))
            except mutf7.MUtf7Error as exc:
                raise rd.fail(str(exc)) from None
        rd.sp()
        delimiter = None if rd.accept(b"NIL") else rd.text_of(rd.quoted())
        extensions: list[tuple[str, tuple[str, ...]]] = []
        while rd.accept(b" "):
            ext = rd.text_of(rd.string())
            rd.sp()
            rd.expect(b"(")
            vals = [rd.text_of(rd.string())]
            while rd.accept(b" "):
                vals.append(rd.text_of(rd.string()))
            rd.expect(b")")
            extensions.append((ext, tuple(vals)))
        rd.expect(b")")
        entries.append(r.NamespaceEntry(prefix, delimiter, tuple(extensions)))
    rd.expect(b")")
    if not entries:
        raise rd.fail("empty namespace list")
    return tuple(entries)


def _namespace(rd: _Reader) -> r.Namespace:
    rd.sp()
    personal = _namespace_part(rd)
    rd.sp()
    other = _namespace_part(rd)
    rd.sp()
    shared = _namespace_part(rd)
    rd.end()
    return r.Namespace(personal, other, shared)


def _id(rd: _Reader) -> r.Id:
    rd.sp()
    if rd.accept(b"NIL"):
        rd.end()
        return r.Id(None)
    rd.expect(b"(")
    params: list[tuple[str, str | None]] = []
    while not rd.accept(b")"):
        if params:
            rd.sp()
        key = rd.text_of(rd.string())
        rd.sp()
        value = rd.nstring()
        params.append((key, None if value is None else rd.text_of(value)))
    rd.end()
    return r.Id(tuple(params))


def _untagged(rd: _Reader) -> r.Response:
    if rd.peek().isdigit():
        n = rd.number()
        rd.sp()
        word = rd.atom().upper()
        if word == "FETCH":
            return _fetch(rd, n)
        rd.end()
        if word == "EXISTS":
            return r.Exists(n)
        if word == "RECENT":
            return r.Recent(n)
        if word == "EXPUNGE":
            return r.Expunge(n)
        raise rd.fail(f"unknown numbered response {word}")
    word = rd.atom().upper()
    if word in r.StatusKind.__members__:
        return _status(rd, None, r.StatusKind(word))
    if word in ("CAPABILITY", "ENABLED"):
        caps = _atoms_to_eol(rd)
        rd.end()
        if word == "ENABLED":
            return r.Enabled(caps)
        if not caps:
            raise rd.fail("empty CAPABILITY")
        return r.Capability(caps)
    if word in ("LIST", "LSUB"):
        return _list(rd, word == "LSUB")
    if word == "STATUS":
        return _mailbox_status(rd)
    if word == "FLAGS":
        rd.sp()
        flags = tuple(rd.paren("flag"))
        rd.end()
        return r.Flags(flags)
    if word == "VANISHED":
        rd.sp()
        earlier = rd.accept(b"(EARLIER) ")
        uids = rd.seq_set()
        rd.end()
        return r.Vanished(uids, earlier)
    if word in ("SEARCH", "SORT"):
        numbers, modseq = _numbers(rd)
        return r.Search(numbers, modseq) if word == "SEARCH" else r.Sort(numbers, modseq)
    if word == "ESEARCH":
        return _esearch(rd)
    if word == "THREAD":
        return _thread(rd)
    if word == "QUOTA":
        return _quota(rd)
    if word == "NAMESPACE":
        return _namespace(rd)
    if word == "ID":
        return _id(rd)
    return _named(rd, word)


def _named(rd: _Reader, word: str) -> r.Response:
    """QUOTAROOT and the RFC 4314 ACL responses: a mailbox then astrings."""
    if word not in ("QUOTAROOT", "ACL", "LISTRIGHTS", "MYRIGHTS"):
        raise rd.fail(f"unknown response {word}")
    rd.sp()
    mailbox = rd.mailbox()
    rest: list[str] = []
    while rd.accept(b" "):
        rest.append(rd.plain())
    rd.end()
    if word == "QUOTAROOT":
        return r.QuotaRoot(mailbox, tuple(rest))
    if word == "ACL":
        if len(rest) % 2:
            raise rd.fail("ACL needs identifier/rights pairs")
        return r.Acl(mailbox, tuple(zip(rest[::2], rest[1::2], strict=True)))
    if word == "LISTRIGHTS":
        if len(rest) < 2:
            raise rd.fail("LISTRIGHTS needs an identifier and required rights")
        return r.ListRights(mailbox, rest[0], rest[1], tuple(rest[2:]))
    if len(rest) != 1:
        raise rd.fail("MYRIGHTS needs exactly one rights string")
    return r.MyRights(mailbox, rest[0])


def parse_response(data: bytes, *, utf8: bool = False) -> r.Response:
    """One complete server response (CRLF and literals included) as its typed object.

    *utf8*: the session enabled UTF8=ACCEPT (RFC 6855), so mailbox names are UTF-8
    rather than modified UTF-7 and quoted strings may hold UTF-8.  Raises
    :class:`ResponseSyntaxError` for anything that is not exactly one response.
    """
    rd = _Reader(bytes(data), utf8)
    try:
        if rd.peek() == b"+":
            return _continuation(rd)
        if rd.accept(b"* "):
            return _untagged(rd)
        tag = rd.match(_TAG_RE, "tag").decode("ascii")
        rd.sp()
        word = rd.atom().upper()
        if word not in ("OK", "NO", "BAD", "PREAUTH", "BYE"):
            raise rd.fail("a tagged response must be OK, NO or BAD")
        return _status(rd, tag, r.StatusKind(word))
    except ResponseSyntaxError:
        raise
    except ValueError as exc:  # SequenceSetError, MUtf7Error, int() and date checks
        raise ResponseSyntaxError(f"invalid value: {exc}") from None
