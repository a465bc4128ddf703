"""Issue 11: for generated responses, ``parse_response(serialize(x, opts)) == normalise(x, opts)``.

The strategies are the serializer's own (``test_serialize_properties``), the RFC vectors
those of ``test_serialize_rfc``: every RFC server-output example parses back to its
typed object.  ``normalise`` applies exactly the transformations the serializer
documents as lossy, and nothing else:

1. Human-readable text (status text, continuation text, free code text) goes through
   ``values.text``: CR/LF/NUL become spaces and, without UTF8=ACCEPT or IMAP4rev2,
   Vietnamese is ASCII-folded (RFC 9051 §9 ``text``).
2. A status response with no code and empty text is sent as ``completed`` (IMAP4rev1
   needs text); text starting with ``[`` gets a leading space so it is not read as a code.
3. ``+ <text>`` that happens to be strict base64 is indistinguishable from a SASL
   challenge (RFC 9051 §7.5), and an empty challenge from an empty continuation.
4. NUL in ``BODY[]``/``RFC822`` literals is sent as 0x80 (RFC 9051 §4.3 CHAR8).
5. INTERNALDATE has whole seconds; SEARCH/SORT ``(MODSEQ n)`` is only written after
   numbers (RFC 7162 §3.1.5); an empty NAMESPACE list is written NIL.
6. THREAD trees are written in RFC 5256's canonical shape (a parent-less node with one
   child is just that child).

Excluded with ``assume``: a ``Code`` named like a structured code (``Code("UIDNEXT",
"5")`` and ``uidnext(5)`` are the same bytes) and a code-less continuation whose text
starts with ``[`` (``+ [ALERT] x`` is ambiguous; the serializer does not pad it).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from congvu.imap.grammar import parse_response, serialize, values
from congvu.imap.grammar import responses as r
from congvu.imap.grammar.response_parser import ResponseSyntaxError
from congvu.imap.grammar.serialize import SerializeOptions
from congvu.imap.grammar.values import ValueSyntaxError
from tests.imap_grammar.test_serialize_properties import (
    codes,
    fetch_items,
    numbers,
    options,
    responses_st,
    statuses,
)
from tests.imap_grammar.test_serialize_rfc import VECTORS

_STRUCTURED = {
    "UIDNEXT", "UIDVALIDITY", "UNSEEN", "HIGHESTMODSEQ", "CAPABILITY", "PERMANENTFLAGS",
    "BADCHARSET", "APPENDUID", "COPYUID", "MODIFIED",
}  # fmt: skip
_B64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?")


def _text(value: str, opts: SerializeOptions) -> str:
    return values.text(value, utf8=opts.rev2 or opts.utf8).decode("utf-8")


def _code(code: r.ResponseCode | None, opts: SerializeOptions) -> r.ResponseCode | None:
    if isinstance(code, r.Code) and code.text is not None:
        return r.Code(code.name, _text(code.text, opts))
    return code


def _thread(node: r.ThreadNode) -> r.ThreadNode:
    """The tree the serializer's walk writes (mirrors ``serialize._thread_members``)."""
    numbers: list[int] = []
    current: r.ThreadNode | None = node
    nested: tuple[r.ThreadNode, ...] = ()
    while current is not None:
        if current.number is not None:
            numbers.append(current.number)
        if len(current.children) == 1:
            current = current.children[0]
        else:
            nested = tuple(_thread(c) for c in current.children)
            current = None
    if not numbers:
        return r.ThreadNode(None, nested)
    out = r.ThreadNode(numbers[-1], nested)
    for n in reversed(numbers[:-1]):
        out = r.ThreadNode(n, (out,))
    return out


def _fetch_item(item: r.FetchItem) -> r.FetchItem:
    if isinstance(item, r.FetchInternalDate):
        return r.FetchInternalDate(item.value.replace(microsecond=0))
    if isinstance(item, r.FetchSection | r.FetchRfc822) and item.data is not None:
        if isinstance(item, r.FetchSection) and item.binary:
            return item
        return dataclasses.replace(item, data=item.data.replace(b"\x00", b"\x80"))
    return item


def normalise(x: r.Response, opts: SerializeOptions) -> r.Response:
    """*x* as it comes back from the wire; each branch is one lossy spot of the docstring."""
    if isinstance(x, r.StatusResponse):
        text = _text(x.text, opts)
        if x.code is None:
            text = "completed" if not text else (" " + text if text.startswith("[") else text)
        return dataclasses.replace(x, text=text, code=_code(x.code, opts))
    if isinstance(x, r.Continuation):
        text = _text(x.text, opts)
        if x.code is None and text and _B64.fullmatch(text):
            return r.Challenge(base64.b64decode(text))
        return r.Continuation(text, _code(x.code, opts))
    if isinstance(x, r.Challenge) and not x.data:
        return r.Continuation("")
    if isinstance(x, r.Search | r.Sort) and not x.numbers:
        return dataclasses.replace(x, modseq=None)
    if isinstance(x, r.Fetch):
        return r.Fetch(x.seq, tuple(_fetch_item(i) for i in x.items))
    if isinstance(x, r.Thread):
        return r.Thread(tuple(_thread(t) for t in x.threads))
    if isinstance(x, r.Namespace):
        return r.Namespace(x.personal or None, x.other or None, x.shared or None)
    return x


def _ambiguous(x: r.Response) -> bool:
    code = getattr(x, "code", None)
    if isinstance(code, r.Code) and code.name.upper() in _STRUCTURED:
        return True
    return isinstance(x, r.Continuation) and x.code is None and x.text.lstrip("\r\n").startswith("[")


def _check_round_trip(response: r.Response, opts: SerializeOptions) -> None:
    assume(not _ambiguous(response))
    try:
        wire = serialize(response, opts)
    except ValueSyntaxError:
        return  # values no IMAP syntax can carry; test_serialize_properties pins which
    assert parse_response(wire, utf8=opts.utf8) == normalise(response, opts), wire


@settings(max_examples=300, deadline=None)
@given(responses_st, options)
def test_parse_inverts_serialize(response: r.Response, opts: SerializeOptions) -> None:
    _check_round_trip(response, opts)


# The shared strategy spreads its examples over 24 classes; these are the richest ones.
focused = st.one_of(
    statuses,
    st.builds(r.Fetch, numbers, st.lists(fetch_items, min_size=1, max_size=5).map(tuple)),
    st.builds(r.Continuation, st.text(max_size=20), st.one_of(st.none(), codes)),
)


@settings(max_examples=200, deadline=None)
@given(focused, options)
def test_parse_inverts_serialize_for_codes_and_fetch(response: r.Response, opts: SerializeOptions) -> None:
    _check_round_trip(response, opts)


@pytest.mark.parametrize(
    ("source", "wire", "response", "opts"),
    VECTORS,
    ids=[f"{v[0]}: {(v[1] if isinstance(v[1], str) else v[1].decode('latin-1'))[:48]}" for v in VECTORS],
)
def test_rfc_example_parses_to_its_object(
    source: str, wire: str | bytes, response: r.Response, opts: SerializeOptions
) -> None:
    data = (wire.encode("ascii") if isinstance(wire, str) else wire) + b"\r\n"
    assert parse_response(data, utf8=opts.utf8) == response, source


def test_codes_and_readings() -> None:
    assert parse_response(b"* OK [UIDNEXT 4392] Predicted next UID\r\n") == r.StatusResponse.ok(
        None, "Predicted next UID", r.uidnext(4392)
    )
    assert parse_response(b"a1 NO [ALERT]\r\n") == r.StatusResponse.no("a1", "", r.ALERT)
    assert parse_response(b"* OK [X-FOO bar baz] t\r\n").code == r.Code("X-FOO", "bar baz")
    assert parse_response(b"* OK [UIDNEXT soon] t\r\n").code == r.Code("UIDNEXT", "soon")
    assert parse_response(b"* OK [broken text\r\n") == r.StatusResponse.ok(None, "[broken text")
    assert parse_response(b"+ idling\r\n") == r.Continuation("idling")
    assert parse_response(b"+ AAEC\r\n") == r.Challenge(b"\x00\x01\x02")
    raw = b"* 3 FETCH (EMAILID (M6d99ac3275bb4e) ENVELOPE (NIL NIL) UID 9)\r\n"
    assert parse_response(raw) == r.Fetch(
        3, (r.FetchRaw("EMAILID", b"(M6d99ac3275bb4e)"), r.FetchRaw("ENVELOPE", b"(NIL NIL)"), r.FetchUid(9))
    )
    assert parse_response(b"* 1 FETCH (BINARY[1] ~{2}\r\n\x00a)\r\n") == r.Fetch(
        1, (r.FetchSection("1", b"\x00a", binary=True),)
    )
    assert parse_response('* LIST () "/" "Hộp thư"\r\n'.encode(), utf8=True) == r.ListItem("Hộp thư")


@pytest.mark.parametrize(
    "bad",
    [
        b"",
        b"* OK hello",  # no CRLF
        b"* OK hello\r\n* OK again\r\n",  # two responses
        b"* 1 FETCH (UID 1\r\n",  # unbalanced
        b"* 1 FETCH (BODY[] {5}\r\nabc)\r\n",  # literal too short
        b"* 1 FETCH (BODY[] ~{1}\r\na)\r\n",  # literal8 outside BINARY
        b"* 1 FETCH (BODY[] {2}\r\na\x00)\r\n",  # NUL in a literal
        b'* 1 FETCH (INTERNALDATE "31-Feb-2020 00:00:00 +0000")\r\n',
        b'* LIST () "/" "a\rb"\r\n',
        b'* ID ("a\\x" NIL)\r\n',
        b"a1 BYE bye\r\n",
        b"a1 FLAGS ()\r\n",
        b"* SEARCH 1\n",
        b"* VANISHED 0:*x\r\n",
        b'* LIST () "/" &Jjo\r\n',  # unterminated modified UTF-7
        b'* LIST () "/" "\xc3\xa9"\r\n',  # 8-bit without UTF8=ACCEPT
        b"* THREAD (1 (2)(3) 4)\r\n",
        b"* THREAD " + b"(" * 500 + b"1" + b")" * 500 + b"\r\n",
        b"* ACL INBOX fred\r\n",
        b"* FROB x\r\n",
    ],
)
def test_malformed_raises(bad: bytes) -> None:
    with pytest.raises(ResponseSyntaxError):
        parse_response(bad)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=80), st.booleans())
def test_arbitrary_bytes_never_raise_anything_else(data: bytes, utf8: bool) -> None:
    with contextlib.suppress(ResponseSyntaxError):
        parse_response(data, utf8=utf8)


@settings(max_examples=200, deadline=None)
@given(responses_st, options, st.data())
def test_damaged_responses_raise_only_syntax_errors(
    response: r.Response, opts: SerializeOptions, data: st.DataObject
) -> None:
    try:
        wire = serialize(response, opts)
    except ValueSyntaxError:
        return
    cut = data.draw(st.integers(0, len(wire) - 1))
    with pytest.raises(ResponseSyntaxError):
        parse_response(wire[:cut], utf8=opts.utf8)  # every proper prefix lacks its final CRLF
    at = data.draw(st.integers(0, len(wire) - 1))
    damaged = wire[:at] + data.draw(st.binary(min_size=1, max_size=3)) + wire[at + 1 :]
    with contextlib.suppress(ResponseSyntaxError):
        parse_response(damaged, utf8=opts.utf8)


_CONSTANTS = sorted(
    (c for c in vars(r).values() if isinstance(c, r.Code)),
    key=lambda c: c.name,
)


@pytest.mark.parametrize("code", _CONSTANTS, ids=[c.name for c in _CONSTANTS])
def test_every_code_constant_round_trips(code: r.Code) -> None:
    response = r.StatusResponse.no("A7", "Hộp thư không tồn tại / No such mailbox", code)
    assert parse_response(serialize(response, SerializeOptions(rev2=True))) == response
    assert parse_response(serialize(response)) == dataclasses.replace(
        response, text="Hop thu khong ton tai / No such mailbox"
    )
