"""Property tests: whatever the serializer writes is valid IMAP response syntax (RFC 9051 §9).

`read_responses` below is a small reader written independently of the serializer: it
splits a byte stream into responses, checks every token (atoms, quoted strings with
only ``\\"``/``\\\\`` escapes, literals whose announced length is exact, literal8,
balanced parentheses, CRLF only at the end of a line, resp-text with its optional
``[code]``) and returns the decoded tokens so tests can compare values too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from congvu.imap.grammar import mutf7, serialize, values
from congvu.imap.grammar import responses as r
from congvu.imap.grammar.sequence import SequenceSet
from congvu.imap.grammar.serialize import HeaderFetchWriter, SerializeOptions
from congvu.imap.grammar.values import ValueSyntaxError


class WireError(AssertionError):
    """The bytes are not valid IMAP response syntax."""


@dataclass(frozen=True)
class Atom:
    value: bytes


@dataclass(frozen=True)
class Str:
    value: bytes
    form: str  # "quoted" | "literal" | "literal8"


@dataclass(frozen=True)
class Line:
    head: bytes  # tag, "*" or "+"
    kind: bytes | None  # OK/NO/BAD/PREAUTH/BYE for status responses
    code: list[object] | None
    text: bytes | None
    items: list[object]


_ATOM_CHAR = re.compile(rb"[^(){ \x00-\x1f\x7f%*\"\\\]\x80-\xff]")
_ASTRING_CHAR = re.compile(rb"[^(){ \x00-\x1f\x7f%*\"\\\x80-\xff]")
_NO_BRACKET = re.compile(rb"[^(){ \x00-\x1f\x7f%*\"\\\[\]\x80-\xff]")
_SECTION_OWNERS = (b"BODY", b"BINARY", b"BINARY.SIZE")
_STATUS = (b"OK", b"NO", b"BAD", b"PREAUTH", b"BYE")
_STRUCTURED_CODES = {
    b"CAPABILITY",
    b"PERMANENTFLAGS",
    b"BADCHARSET",
    b"APPENDUID",
    b"COPYUID",
    b"MODIFIED",
    b"UIDNEXT",
    b"UIDVALIDITY",
    b"UNSEEN",
    b"HIGHESTMODSEQ",
}


class _Reader:
    def __init__(self, data: bytes, utf8: bool) -> None:
        self.data = data
        self.pos = 0
        self.utf8 = utf8

    def fail(self, why: str) -> WireError:
        return WireError(f"{why} at {self.pos}: {self.data[max(0, self.pos - 30) : self.pos + 30]!r}")

    def peek(self, n: int = 1) -> bytes:
        return self.data[self.pos : self.pos + n]

    def expect(self, token: bytes) -> None:
        if self.peek(len(token)) != token:
            raise self.fail(f"expected {token!r}")
        self.pos += len(token)

    def run(self, pattern: re.Pattern[bytes]) -> bytes:
        start = self.pos
        while self.pos < len(self.data) and pattern.fullmatch(self.data, self.pos, self.pos + 1):
            self.pos += 1
        return self.data[start : self.pos]

    # -- tokens
    def quoted(self) -> Str:
        self.expect(b'"')
        out = bytearray()
        while True:
            ch = self.peek()
            if ch == b"":
                raise self.fail("unterminated quoted string")
            self.pos += 1
            if ch == b'"':
                break
            if ch == b"\\":
                esc = self.peek()
                if esc not in (b'"', b"\\"):
                    raise self.fail("invalid escape in quoted string")
                out += esc
                self.pos += 1
            elif ch in (b"\r", b"\n", b"\x00"):
                raise self.fail("CR, LF or NUL inside a quoted string")
            else:
                out += ch
        raw = bytes(out)
        if not raw.isascii():
            if not self.utf8:
                raise self.fail("8-bit quoted string without UTF8=ACCEPT")
            raw.decode("utf-8")  # raises if invalid
        return Str(raw, "quoted")

    def literal(self) -> Str:
        binary = self.peek() == b"~"
        if binary:
            self.pos += 1
        self.expect(b"{")
        digits = self.run(re.compile(rb"[0-9]"))
        if not digits or (len(digits) > 1 and digits[0:1] == b"0"):
            raise self.fail("bad literal length")
        self.expect(b"}\r\n")
        n = int(digits)
        if self.pos + n > len(self.data):
            raise self.fail("literal longer than the data")
        body = self.data[self.pos : self.pos + n]
        self.pos += n
        if not binary and b"\x00" in body:
            raise self.fail("NUL in a literal (needs literal8)")
        return Str(body, "literal8" if binary else "literal")

    def atomish(self, in_code: bool) -> Atom:
        start = self.pos
        if self.peek(2) == b"\\*":
            self.pos += 2
            return Atom(b"\\*")
        if self.peek() == b"\\":
            self.pos += 1
        body = self.run(_NO_BRACKET)
        close = self.data.find(b"]", self.pos)
        eol = self.data.find(b"\r\n", self.pos)
        if self.peek() == b"[" and body.upper() in _SECTION_OWNERS and -1 < close < eol:
            depth = 0
            while True:
                ch = self.peek()
                if ch in (b"", b"\r", b"\n"):
                    raise self.fail("unterminated section")
                self.pos += 1
                if ch == b"(":
                    depth += 1
                elif ch == b")":
                    depth -= 1
                elif ch == b"]":
                    break
            if depth:
                raise self.fail("unbalanced parentheses in section")
            if self.peek() == b"<":
                self.pos += 1
                if not self.run(re.compile(rb"[0-9]")):
                    raise self.fail("bad origin")
                self.expect(b">")
        else:
            self.run(_ATOM_CHAR if in_code else _ASTRING_CHAR)
        if self.pos == start:
            raise self.fail("empty atom")
        return Atom(self.data[start : self.pos])

    def item(self, in_code: bool = False) -> object:
        ch = self.peek()
        if ch == b"(":
            return self.paren(in_code)
        if ch == b'"':
            return self.quoted()
        if ch == b"{" or self.peek(2) == b"~{":
            if in_code:
                raise self.fail("literal inside a response code")
            return self.literal()
        return self.atomish(in_code)

    def paren(self, in_code: bool) -> list[object]:
        self.expect(b"(")
        out: list[object] = []
        if self.peek() == b")":
            self.pos += 1
            return out
        while True:
            out.append(self.item(in_code))
            ch = self.peek()
            if ch == b" ":
                self.pos += 1
            elif ch == b")":
                self.pos += 1
                return out
            elif ch == b"(" and isinstance(out[-1], list):
                continue  # ")(" adjacency: THREAD, NAMESPACE
            else:
                raise self.fail("expected SP or ')'")

    def items_to_eol(self) -> list[object]:
        out: list[object] = []
        while True:
            out.append(self.item())
            if self.peek(2) == b"\r\n":
                self.pos += 2
                return out
            if self.peek() == b" ":
                self.pos += 1
                continue
            if self.peek() == b"(" and isinstance(out[-1], list):
                continue
            raise self.fail("expected SP or CRLF")

    def resp_text(self) -> tuple[list[object] | None, bytes]:
        code: list[object] | None = None
        if self.peek() == b"[":
            self.pos += 1
            name = self.run(_ATOM_CHAR)
            if not name:
                raise self.fail("empty response code")
            code = [Atom(name)]
            if self.peek() == b" ":
                self.pos += 1
                if name.upper() in _STRUCTURED_CODES:
                    while True:
                        code.append(self.item(in_code=True))
                        if self.peek() == b" ":
                            self.pos += 1
                            continue
                        break
                else:
                    free = self.run(re.compile(rb"[^\]\r\n\x00]"))
                    if not free:
                        raise self.fail("empty code text")
                    code.append(free)
            self.expect(b"]")
            if self.peek(2) == b"\r\n":
                self.pos += 2
                return code, b""
            self.expect(b" ")
        end = self.data.find(b"\r\n", self.pos)
        if end < 0:
            raise self.fail("line without CRLF")
        text = self.data[self.pos : end]
        if b"\r" in text or b"\n" in text or b"\x00" in text:
            raise self.fail("CR, LF or NUL inside text")
        if not text.isascii():
            if not self.utf8:
                raise self.fail("8-bit resp-text")
            text.decode("utf-8")
        self.pos = end + 2
        return code, text

    def response(self) -> Line:
        if self.peek() == b"+":
            self.pos += 1
            self.expect(b" ")
            code, text = self.resp_text()
            return Line(b"+", None, code, text, [])
        head = b"*" if self.peek() == b"*" else self.run(_ASTRING_CHAR)
        if head == b"*":
            self.pos += 1
        elif not head or b"+" in head:
            raise self.fail("bad tag")
        self.expect(b" ")
        word_start = self.pos
        word = self.run(re.compile(rb"[A-Z]"))
        if word in _STATUS and self.peek() == b" ":
            if head != b"*" and word in (b"PREAUTH", b"BYE"):
                raise self.fail("tagged PREAUTH/BYE")
            self.pos += 1
            code, text = self.resp_text()
            return Line(head, word, code, text, [])
        if head != b"*":
            raise self.fail("tagged response that is not OK/NO/BAD")
        self.pos = word_start
        return Line(head, None, None, None, self.items_to_eol())


def read_responses(data: bytes, *, utf8: bool = False) -> list[Line]:
    """Parse a stream of server responses; raise `WireError` on any syntax fault."""
    reader = _Reader(data, utf8)
    out = []
    while reader.pos < len(data):
        out.append(reader.response())
    if not out:
        raise WireError("no response")
    return out


def read_one(data: bytes, *, utf8: bool = False) -> Line:
    lines = read_responses(data, utf8=utf8)
    assert len(lines) == 1, lines
    return lines[0]


# =============================================================================== value encoders
any_value = st.one_of(st.binary(max_size=40), st.text(max_size=30))


def _as_bytes(x: str | bytes) -> bytes:
    return x.encode("utf-8") if isinstance(x, str) else x


def _decoded(token: object) -> bytes:
    if isinstance(token, Atom):
        return token.value
    assert isinstance(token, Str), token
    return token.value


@settings(max_examples=300)
@given(any_value, st.booleans())
def test_string_forms_are_valid_and_carry_the_value(x: str | bytes, utf8: bool) -> None:
    raw = _as_bytes(x)
    encoders = {
        "string": lambda: values.string(x, utf8=utf8),
        "astring": lambda: values.astring(x, utf8=utf8),
        "astring-quoted": lambda: values.astring(x, utf8=utf8, prefer_quoted=True),
        "nstring": lambda: values.nstring(x, utf8=utf8),
    }
    for name, encode in encoders.items():
        if b"\x00" in raw:
            with pytest.raises(ValueSyntaxError):
                encode()
            continue
        wire = encode()
        line = read_one(b"* X " + wire + b"\r\n", utf8=utf8)
        assert len(line.items) == 2, (name, wire)
        token = line.items[1]
        if name == "string" or name == "nstring":
            assert isinstance(token, Str), (name, wire)
        if name == "astring" and isinstance(token, Atom):
            assert token.value != b"NIL" or raw == b"NIL"
        assert _decoded(token) == raw, (name, wire)
        if isinstance(token, Str) and token.form == "literal":
            assert (b"\r" in raw or b"\n" in raw) or not values._can_quote(raw, utf8)


def test_nil_and_atoms() -> None:
    assert values.nstring(None) == b"NIL"
    assert values.atom("IMAP4rev2") == b"IMAP4rev2"
    for bad in ("", "a b", "a]", "x(", "é", "%", "*", '"'):
        with pytest.raises(ValueSyntaxError):
            values.atom(bad)
    assert values.astring("a]b") == b"a]b"  # "]" is an ASTRING-CHAR
    assert values.astring("") == b'""'
    assert values.string('a"b\\c') == b'"a\\"b\\\\c"'
    assert values.string("a\r\nb") == b"{4}\r\na\r\nb"
    assert values.literal8(b"\x00\x01") == b"~{2}\r\n\x00\x01"
    with pytest.raises(ValueSyntaxError):
        values.literal(b"a\x00")


@settings(max_examples=200)
@given(st.text(max_size=30), st.booleans())
def test_mailbox_names_round_trip(name: str, utf8: bool) -> None:
    assume(not any("\ud800" <= ch <= "\udfff" for ch in name))
    if utf8 and "\x00" in name:
        with pytest.raises(ValueSyntaxError):
            values.mailbox(name, utf8=utf8)
        return
    wire = values.mailbox(name, utf8=utf8)
    token = read_one(b"* X " + wire + b"\r\n", utf8=utf8).items[1]
    raw = _decoded(token)
    if utf8:
        assert raw.decode("utf-8") == name
    else:
        assert raw.isascii()
        assert mutf7.decode(raw.decode("ascii")) == name


@settings(max_examples=200)
@given(st.text(max_size=60), st.booleans())
def test_text_is_one_safe_line(value: str, utf8: bool) -> None:
    out = values.text(value, utf8=utf8)
    assert not {b"\r", b"\n", b"\x00"} & {out[i : i + 1] for i in range(len(out))}
    assert utf8 or out.isascii()


def test_text_keeps_vietnamese_letters_without_utf8() -> None:
    assert values.text("Không tìm thấy hộp thư Đến") == b"Khong tim thay hop thu Den"
    assert values.text("Không", utf8=True) == "Không".encode()


def test_date_time() -> None:
    tz = timezone(-timedelta(hours=7))
    assert values.date_time(datetime(1996, 7, 17, 2, 44, 25, tzinfo=tz)) == b'"17-Jul-1996 02:44:25 -0700"'
    assert values.date_time(datetime(2026, 1, 5, 9, 0, 0, tzinfo=UTC)) == b'" 5-Jan-2026 09:00:00 +0000"'
    with pytest.raises(ValueSyntaxError):
        values.date_time(datetime(2026, 1, 5))


# =============================================================================== responses
atoms = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.=+\-_]{0,12}", fullmatch=True)
flags = st.one_of(atoms, atoms.map(lambda a: "\\" + a), st.just("\\*"))
any_text = st.text(max_size=40)
numbers = st.integers(1, 0xFFFF_FFFF)
uids = st.lists(st.integers(1, 5000), min_size=1, max_size=8).map(SequenceSet.from_uids)
names = st.text(max_size=20).filter(lambda s: not any("\ud800" <= ch <= "\udfff" for ch in s))
codes = st.one_of(
    st.sampled_from([r.ALERT, r.TRYCREATE, r.OVERQUOTA, r.LIMIT, r.NOPERM, r.CLOSED, r.READ_ONLY]),
    st.builds(r.NumberCode, st.sampled_from(["UIDNEXT", "UIDVALIDITY", "HIGHESTMODSEQ"]), numbers),
    st.builds(r.CapabilityCode, st.lists(atoms, min_size=1, max_size=4).map(tuple)),
    st.builds(r.PermanentFlagsCode, st.lists(flags, max_size=4).map(tuple)),
    st.builds(
        r.BadCharsetCode, st.lists(st.text(min_size=1, max_size=8).filter(str.isascii), max_size=3).map(tuple)
    ),
    st.builds(r.AppendUidCode, numbers, uids),
    st.builds(r.CopyUidCode, numbers, uids, uids),
    st.builds(r.ModifiedCode, uids),
    st.builds(r.Code, atoms, st.one_of(st.none(), any_text)),
)
thread_nodes = st.recursive(
    st.builds(r.ThreadNode, numbers),
    lambda kids: st.builds(
        r.ThreadNode, st.one_of(st.none(), numbers), st.lists(kids, min_size=1, max_size=3).map(tuple)
    ),
    max_leaves=8,
)
fetch_items = st.one_of(
    st.builds(r.FetchUid, numbers),
    st.builds(r.FetchFlags, st.lists(flags, max_size=3).map(tuple)),
    st.builds(r.FetchSize, st.integers(0, 10**9)),
    st.builds(r.FetchModSeq, st.integers(0, 2**63 - 1)),
    st.builds(
        r.FetchInternalDate,
        st.datetimes(
            min_value=datetime(1970, 1, 1),
            max_value=datetime(2100, 1, 1),
            timezones=st.just(UTC),
        ),
    ),
    st.builds(
        r.FetchSection,
        st.sampled_from(["", "HEADER", "TEXT", "1.2", "HEADER.FIELDS (FROM TO)", "1.MIME"]),
        st.one_of(st.none(), st.binary(max_size=50)),
        st.one_of(st.none(), st.integers(0, 1000)),
        st.booleans(),
    ),
    st.builds(r.FetchBinarySize, st.sampled_from(["", "1", "2.3"]), st.integers(0, 10**6)),
    st.builds(
        r.FetchRfc822, st.sampled_from(["", "HEADER", "TEXT"]), st.one_of(st.none(), st.binary(max_size=30))
    ),
)
ns_entries = st.one_of(
    st.none(),
    st.lists(
        st.builds(
            r.NamespaceEntry,
            names,
            st.sampled_from(["/", ".", None]),
            st.lists(st.tuples(atoms, st.lists(any_text, min_size=1, max_size=2).map(tuple)), max_size=1).map(
                tuple
            ),
        ),
        max_size=3,
    ).map(tuple),
)
tags = st.from_regex(r"[A-Za-z0-9.\-]{1,8}", fullmatch=True)
statuses = st.builds(
    r.StatusResponse,
    st.sampled_from([r.StatusKind.OK, r.StatusKind.NO, r.StatusKind.BAD]),
    any_text,
    st.one_of(st.none(), codes),
    st.one_of(st.none(), tags),
)
responses_st = st.one_of(
    statuses,
    st.builds(r.StatusResponse, st.sampled_from([r.StatusKind.BYE, r.StatusKind.PREAUTH]), any_text),
    st.builds(r.Continuation, any_text),
    st.builds(r.Challenge, st.binary(max_size=40)),
    st.builds(r.Capability, st.lists(atoms, min_size=1, max_size=5).map(tuple)),
    st.builds(r.Enabled, st.lists(atoms, max_size=3).map(tuple)),
    st.builds(
        r.ListItem,
        names,
        st.sampled_from(["/", ".", "\\", '"', None]),
        st.lists(flags, max_size=3).map(tuple),
        st.lists(st.sampled_from(["SUBSCRIBED"]), max_size=1).map(tuple),
        st.one_of(st.none(), names),
        st.booleans(),
    ),
    st.builds(
        r.MailboxStatus,
        names,
        st.lists(
            st.tuples(st.sampled_from(["MESSAGES", "UIDNEXT", "SIZE", "APPENDLIMIT"]), st.integers(0, 2**40)),
            max_size=4,
        ).map(tuple),
    ),
    st.builds(r.Flags, st.lists(flags, max_size=5).map(tuple)),
    st.builds(r.Exists, st.integers(0, 2**32)),
    st.builds(r.Recent, st.integers(0, 2**32)),
    st.builds(r.Expunge, numbers),
    st.builds(r.Vanished, uids, st.booleans()),
    st.builds(
        r.Search, st.lists(numbers, max_size=6).map(tuple), st.one_of(st.none(), st.integers(0, 2**60))
    ),
    st.builds(r.Sort, st.lists(numbers, max_size=6).map(tuple)),
    st.builds(
        r.ESearch,
        st.one_of(st.none(), tags),
        st.booleans(),
        st.one_of(st.none(), numbers),
        st.one_of(st.none(), numbers),
        st.one_of(st.none(), st.integers(0, 10**6)),
        st.one_of(st.none(), uids),
        st.one_of(st.none(), st.integers(0, 2**60)),
    ),
    st.builds(r.Thread, st.lists(thread_nodes, max_size=4).map(tuple)),
    st.builds(r.Fetch, numbers, st.lists(fetch_items, min_size=1, max_size=5).map(tuple)),
    st.builds(
        r.Quota,
        names,
        st.lists(
            st.builds(r.QuotaResource, atoms, st.integers(0, 10**9), st.integers(0, 10**9)), max_size=3
        ).map(tuple),
    ),
    st.builds(r.QuotaRoot, names, st.lists(names, max_size=3).map(tuple)),
    st.builds(r.Namespace, ns_entries, ns_entries, ns_entries),
    st.builds(
        r.Id,
        st.one_of(
            st.none(), st.lists(st.tuples(any_text, st.one_of(st.none(), any_text)), max_size=3).map(tuple)
        ),
    ),
    st.builds(
        r.Acl,
        names,
        st.lists(st.tuples(names, st.sampled_from(["lr", "lrswipkxtea", ""])), max_size=3).map(tuple),
    ),
    st.builds(
        r.ListRights, names, names, st.sampled_from(["", "la"]), st.lists(atoms, max_size=3).map(tuple)
    ),
    st.builds(r.MyRights, names, st.sampled_from(["rwiptsldaex", "lr"])),
)
options = st.builds(SerializeOptions, st.booleans(), st.booleans(), st.booleans())


@settings(max_examples=400, deadline=None)
@given(responses_st, options)
def test_every_response_is_valid_syntax(response: r.Response, opts: SerializeOptions) -> None:
    try:
        wire = serialize(response, opts)
    except ValueSyntaxError:
        # Only values that no IMAP syntax can carry may be refused.
        assert _has_unwritable_value(response), response
        return
    assert wire.endswith(b"\r\n")
    line = read_one(wire, utf8=opts.utf8 or opts.rev2)
    if isinstance(response, r.StatusResponse):
        assert line.kind == response.kind.value.encode()
        assert line.head == (response.tag.encode() if response.tag else b"*")


def _has_unwritable_value(response: object) -> bool:
    """NUL in a string (ID values, namespace extension values) or ']' in a free code text."""
    text = repr(response)
    if "\\x00" in text:
        return True
    if isinstance(response, r.StatusResponse) and isinstance(response.code, r.Code):
        return response.code.text is not None and (
            "]" in response.code.text or not response.code.text.strip(" ")
        )
    if isinstance(response, r.StatusResponse) and isinstance(response.code, r.BadCharsetCode):
        return any(not values.is_atom(c) for c in response.code.charsets)
    return False


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            numbers,
            numbers,
            st.lists(flags, max_size=3).map(tuple),
            st.integers(0, 10**7),
            st.binary(max_size=80),
        ),
        max_size=6,
    )
)
def test_fast_fetch_path_matches_typed_path_and_is_valid(
    rows: list[tuple[int, int, tuple[str, ...], int, bytes]],
) -> None:
    section = "HEADER.FIELDS (FROM TO SUBJECT DATE)"
    fast = HeaderFetchWriter(section).lines(rows)
    typed = b"".join(
        serialize(
            r.Fetch(
                seq, (r.FetchUid(uid), r.FetchFlags(fl), r.FetchSize(size), r.FetchSection(section, header))
            )
        )
        for seq, uid, fl, size, header in rows
    )
    assert fast == typed
    if rows:
        parsed = read_responses(fast)
        assert len(parsed) == len(rows)
        for line, (_seq, uid, _fl, _size, header) in zip(parsed, rows, strict=True):
            data = line.items[2]
            assert isinstance(data, list)
            assert data[1] == Atom(b"%d" % uid)
            assert data[7] == Str(header.replace(b"\x00", b"\x80"), "literal")


def test_reader_rejects_bad_syntax() -> None:
    for bad in [
        b"* 1 FETCH (UID 1\r\n",  # unbalanced
        b"* 1 FETCH (BODY[] {5}\r\nabc)\r\n",  # literal too short
        b'* LIST () "/" "a\rb"\r\n',  # CR in quoted
        b'* ID ("a\\x")\r\n',  # bad escape
        b"* OK [ALERT text\r\n",  # unterminated code
        b"a1 BYE bye\r\n",  # tagged BYE
        b"* SEARCH 1\n",  # bare LF
        b"* 1 FETCH (BODY[] {2}\r\na\x00)\r\n",  # NUL in literal
    ]:
        with pytest.raises((WireError, UnicodeDecodeError)):
            read_responses(bad)


def _name_of(token: object, utf8: bool) -> str:
    raw = _decoded(token)
    return raw.decode("utf-8") if utf8 else mutf7.decode(raw.decode("ascii"))


@settings(max_examples=200, deadline=None)
@given(
    names,
    st.sampled_from(["/", ".", "\\", None]),
    st.lists(flags, max_size=3).map(tuple),
    st.one_of(st.none(), names),
    st.booleans(),
    st.booleans(),
)
def test_list_response_carries_its_values(
    name: str, delimiter: str | None, attrs: tuple[str, ...], oldname: str | None, utf8: bool, quote: bool
) -> None:
    assume(not utf8 or "\x00" not in name + (oldname or ""))  # NUL has no UTF-8 wire form
    opts = SerializeOptions(utf8=utf8, quote_names=quote)
    line = read_one(serialize(r.ListItem(name, delimiter, attrs, oldname=oldname), opts), utf8=utf8)
    word, attr_list, delim, mailbox, *ext = line.items
    assert word == Atom(b"LIST")
    assert attr_list == [Atom(a.encode()) for a in attrs]
    assert delim == (Atom(b"NIL") if delimiter is None else Str(delimiter.encode(), "quoted"))
    assert _name_of(mailbox, utf8) == name
    if oldname is None:
        assert ext == []
    else:
        assert ext[0][0] == Str(b"OLDNAME", "quoted")  # type: ignore[index]
        assert _name_of(ext[0][1][0], utf8) == oldname  # type: ignore[index]


@settings(max_examples=200, deadline=None)
@given(
    st.one_of(st.none(), tags),
    st.booleans(),
    st.one_of(st.none(), numbers),
    st.one_of(st.none(), st.integers(0, 10**6)),
    st.one_of(st.none(), uids),
)
def test_esearch_carries_its_values(
    tag: str | None, uid: bool, low: int | None, count: int | None, found: SequenceSet | None
) -> None:
    line = read_one(serialize(r.ESearch(tag, uid, min=low, count=count, all=found)))
    items = line.items[1:]
    if tag is not None:
        assert items.pop(0) == [Atom(b"TAG"), Str(tag.encode(), "quoted")]
    if uid:
        assert items.pop(0) == Atom(b"UID")
    pairs = {_decoded(items[i]): _decoded(items[i + 1]) for i in range(0, len(items), 2)}
    expected = {}
    if low is not None:
        expected[b"MIN"] = b"%d" % low
    if count is not None:
        expected[b"COUNT"] = b"%d" % count
    if found is not None:
        expected[b"ALL"] = found.format().encode()
        assert SequenceSet.parse(pairs[b"ALL"].decode()) == found
    assert pairs == expected
