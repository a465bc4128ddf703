"""Serializer behaviour beyond the RFC examples: string forms, options, refusals, fast path."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from congvu.imap.grammar import (
    HeaderFetchWriter,
    SerializeOptions,
    StatusResponse,
    ValueSyntaxError,
    fetch_header_lines,
    serialize,
    serialize_many,
)
from congvu.imap.grammar import responses as r
from congvu.imap.grammar.sequence import SequenceSet
from tests.imap_grammar.test_serialize_properties import Atom, Str, read_one, read_responses

UTF8 = SerializeOptions(utf8=True)
REV2 = SerializeOptions(rev2=True)


# ------------------------------------------------------------------ mailbox names and strings
def test_vietnamese_mailbox_name_is_modified_utf7_without_utf8_accept() -> None:
    out = serialize(r.ListItem("Văn bản đến", "/", ("\\HasNoChildren",)))
    assert out == b'* LIST (\\HasNoChildren) "/" "V&AQM-n b&HqM-n &AREevw-n"\r\n'


def test_vietnamese_mailbox_name_is_utf8_after_utf8_accept() -> None:
    out = serialize(r.ListItem("Văn bản đến", "/", ()), UTF8)
    assert out == '* LIST () "/" "Văn bản đến"\r\n'.encode()
    read_one(out, utf8=True)


def test_ampersand_and_specials_in_names() -> None:
    assert serialize(r.MyRights("R&D", "lr")) == b"* MYRIGHTS R&-D lr\r\n"
    assert serialize(r.MyRights('a"b', "lr")) == b'* MYRIGHTS "a\\"b" lr\r\n'
    assert serialize(r.MyRights("a*b%", "lr")) == b'* MYRIGHTS "a*b%" lr\r\n'  # list wildcards


def test_string_that_needs_a_literal() -> None:
    out = serialize(r.Id((("name", "Congvu"), ("note", "line1\r\nline2"), ("os", None))))
    assert out == b'* ID ("name" "Congvu" "note" {12}\r\nline1\r\nline2 "os" NIL)\r\n'
    line = read_one(out)
    assert line.items[1][3] == Str(b"line1\r\nline2", "literal")  # type: ignore[index]


def test_eight_bit_string_is_a_literal_unless_utf8() -> None:
    assert serialize(r.Id((("name", "Công vụ"),))) == b'* ID ("name" {10}\r\nC\xc3\xb4ng v\xe1\xbb\xa5)\r\n'
    assert serialize(r.Id((("name", "Công vụ"),)), UTF8) == '* ID ("name" "Công vụ")\r\n'.encode()


def test_nul_cannot_travel_in_a_string() -> None:
    with pytest.raises(ValueSyntaxError):
        serialize(r.Id((("name", "a\x00b"),)))


# ------------------------------------------------------------------ status responses and text
def test_vietnamese_text_loses_only_its_diacritics_in_imap4rev1() -> None:
    resp = StatusResponse.no("A7", "Hộp thư không tồn tại / No such mailbox [QN20-8]", r.NONEXISTENT)
    assert serialize(resp) == b"A7 NO [NONEXISTENT] Hop thu khong ton tai / No such mailbox [QN20-8]\r\n"
    assert (
        serialize(resp, REV2)
        == "A7 NO [NONEXISTENT] Hộp thư không tồn tại / No such mailbox [QN20-8]\r\n".encode()
    )


def test_text_never_breaks_the_line() -> None:
    out = serialize(StatusResponse.bad("A1", "two\r\nlines\nhere"))
    assert out == b"A1 BAD two lines here\r\n"


def test_text_starting_with_bracket_is_not_a_code() -> None:
    out = serialize(StatusResponse.ok("A1", "[not a code]"))
    assert out == b"A1 OK  [not a code]\r\n"
    assert read_one(out).code is None


def test_empty_text_without_code_still_has_text() -> None:
    assert serialize(StatusResponse.ok("A1", "")) == b"A1 OK completed\r\n"


def test_unknown_code_passes_through_as_atom_and_text() -> None:
    out = serialize(StatusResponse.ok("A1", "done", r.Code("X-ANNOTATE", "some data 12")))
    assert out == b"A1 OK [X-ANNOTATE some data 12] done\r\n"
    with pytest.raises(ValueSyntaxError):
        serialize(StatusResponse.ok("A1", "done", r.Code("X-ANNOTATE", "closing ] bracket")))
    with pytest.raises(ValueSyntaxError):
        serialize(StatusResponse.ok("A1", "done", r.Code("BAD CODE")))


def test_badcharset_lists_atoms_or_quoted() -> None:
    assert serialize(StatusResponse.no("A1", "x", r.BadCharsetCode(("UTF-8", "US-ASCII")))) == (
        b"A1 NO [BADCHARSET (UTF-8 US-ASCII)] x\r\n"
    )
    assert serialize(StatusResponse.no("A1", "x", r.BadCharsetCode())) == b"A1 NO [BADCHARSET] x\r\n"


@pytest.mark.parametrize(
    "code",
    [
        r.PARSE, r.TRYCREATE, r.UIDNOTSTICKY, r.COMPRESSIONACTIVE, r.NOTSAVED, r.BADCOMPARATOR, r.CLOSED,
        r.NOMODSEQ, r.HASCHILDREN, r.EXPUNGEISSUED, r.CANNOT, r.UNAVAILABLE, r.UNKNOWN_CTE, r.TOOBIG,
        r.USEATTR,
    ],
)  # fmt: skip
def test_every_bare_code_is_written(code: r.Code) -> None:
    out = serialize(StatusResponse.no("A1", "x", code))
    assert out == b"A1 NO [" + code.name.encode() + b"] x\r\n"


def test_preauth_and_bye_are_untagged() -> None:
    with pytest.raises(ValueSyntaxError):
        serialize(r.StatusResponse(r.StatusKind.BYE, "bye", tag="A1"))
    with pytest.raises(ValueSyntaxError):
        serialize(StatusResponse.ok("a+b", "x"))  # "+" is not a tag character
    with pytest.raises(ValueSyntaxError):
        serialize(StatusResponse.ok("", "x"))


def test_continuations() -> None:
    assert serialize(r.Continuation()) == b"+ \r\n"
    assert serialize(r.Continuation("idling", r.ALERT)) == b"+ [ALERT] idling\r\n"
    assert serialize(r.Challenge(b"")) == b"+ \r\n"
    assert serialize(r.Challenge(b"\x00\x01hello")) == b"+ AAFoZWxsbw==\r\n"


# ------------------------------------------------------------------ data responses
def test_sequence_sets_in_responses_are_explicit() -> None:
    with pytest.raises(ValueSyntaxError):
        serialize(r.Vanished(SequenceSet.parse("1:*")))
    with pytest.raises(ValueSyntaxError):
        serialize(r.Vanished(SequenceSet.LAST_RESULT))
    with pytest.raises(ValueSyntaxError):
        serialize(r.Expunge(0))


def test_invalid_flags_are_refused() -> None:
    for bad in ("\\", "a b", "(x)", "\\*x", ""):
        with pytest.raises(ValueSyntaxError):
            serialize(r.Flags((bad,)))


def test_delimiter_forms() -> None:
    assert serialize(r.ListItem("a", "\\", ())) == b'* LIST () "\\\\" a\r\n'
    assert serialize(r.ListItem("a", None, ())) == b"* LIST () NIL a\r\n"
    with pytest.raises(ValueSyntaxError):
        serialize(r.ListItem("a", "//", ()))


def test_status_appendlimit_nil_size_and_deleted() -> None:
    out = serialize(r.MailboxStatus("INBOX", (("SIZE", 1338), ("DELETED", 2), ("APPENDLIMIT", None))))
    assert out == b"* STATUS INBOX (SIZE 1338 DELETED 2 APPENDLIMIT NIL)\r\n"


def test_search_modseq_only_with_results() -> None:
    assert serialize(r.Search((), 5)) == b"* SEARCH\r\n"
    assert serialize(r.Sort((3, 1), 7)) == b"* SORT 3 1 (MODSEQ 7)\r\n"


def test_quota_root_list_and_acl_with_empty_rights() -> None:
    assert serialize(r.QuotaRoot("INBOX")) == b"* QUOTAROOT INBOX\r\n"
    assert serialize(r.Acl("INBOX")) == b"* ACL INBOX\r\n"
    assert serialize(r.ListRights("INBOX", "bob", "", ("l", "r"))) == b'* LISTRIGHTS INBOX bob "" l r\r\n'


def test_namespace_prefix_in_modified_utf7() -> None:
    entry = r.NamespaceEntry("Thư mục chung/", "/")
    assert (
        serialize(r.Namespace(None, None, (entry,)))
        == b'* NAMESPACE NIL NIL (("Th&AbA- m&HuU-c chung/" "/"))\r\n'
    )


# ------------------------------------------------------------------ FETCH items
def test_fetch_items() -> None:
    when = datetime(2026, 11, 25, 9, 5, 0, tzinfo=UTC)
    out = serialize(
        r.Fetch(
            3,
            (
                r.FetchUid(10),
                r.FetchInternalDate(when),
                r.FetchSection("1.2", b"abc", origin=100),
                r.FetchSection("9", None),
                r.FetchRfc822("HEADER", b"X: y\r\n\r\n"),
                r.FetchRaw("EMAILID", b"(M6d99ac3275bb4e)"),
            ),
        )
    )
    assert out == (
        b'* 3 FETCH (UID 10 INTERNALDATE "25-Nov-2026 09:05:00 +0000" BODY[1.2]<100> {3}\r\nabc'
        b" BODY[9] NIL RFC822.HEADER {8}\r\nX: y\r\n\r\n EMAILID (M6d99ac3275bb4e))\r\n"
    )
    read_one(out)


def test_binary_uses_literal8_only_for_nul() -> None:
    with_nul = serialize(
        r.Fetch(1, (r.FetchSection("2", b"\x00\xffab", binary=True), r.FetchBinarySize("2", 4)))
    )
    assert with_nul == b"* 1 FETCH (BINARY[2] ~{4}\r\n\x00\xffab BINARY.SIZE[2] 4)\r\n"
    assert read_one(with_nul).items[2][1] == Str(b"\x00\xffab", "literal8")  # type: ignore[index]
    plain = serialize(r.Fetch(1, (r.FetchSection("2", b"\xffab", binary=True),)))
    assert plain == b"* 1 FETCH (BINARY[2] {3}\r\n\xffab)\r\n"


def test_body_section_nul_is_sent_as_0x80_keeping_the_length() -> None:
    out = serialize(r.Fetch(1, (r.FetchSection("", b"a\x00b"),)))
    assert out == b"* 1 FETCH (BODY[] {3}\r\na\x80b)\r\n"


def test_bad_fetch_names_and_sections_are_refused() -> None:
    with pytest.raises(ValueSyntaxError):
        serialize(r.Fetch(1, (r.FetchSection("HEADER]", b""),)))
    with pytest.raises(ValueSyntaxError):
        serialize(r.Fetch(1, (r.FetchSection("HEADER.FIELDS (FROM", b""),)))
    with pytest.raises(ValueSyntaxError):
        serialize(r.Fetch(1, (r.FetchRaw("bad name", b"NIL"),)))
    with pytest.raises(ValueSyntaxError):
        serialize(r.Fetch(1, (r.FetchRfc822("BODY", b""),)))


def test_not_a_response() -> None:
    with pytest.raises(TypeError):
        serialize("* OK")  # type: ignore[arg-type]


# ------------------------------------------------------------------ fast path
def test_fast_path_flags_as_bytes_and_tuples_and_many_rows() -> None:
    rows = [
        (i, 100 + i, ("\\Seen",) if i % 2 else b"()", 1000 + i, b"Subject: %d\r\n\r\n" % i)
        for i in range(1, 6)
    ]
    out = fetch_header_lines(rows)  # type: ignore[arg-type]
    lines = read_responses(out)
    assert len(lines) == 5
    assert lines[0].items[2][3] == [Atom(b"\\Seen")]  # type: ignore[index]
    assert lines[1].items[2][3] == []  # type: ignore[index]


def test_fast_path_with_modseq_matches_typed_path() -> None:
    writer = HeaderFetchWriter("HEADER.FIELDS (FROM)")
    fast = writer.lines_modseq([(4, 9, ("\\Answered",), 77, 12345, b"From: a@b\r\n\r\n")])
    typed = serialize(
        r.Fetch(
            4,
            (
                r.FetchUid(9),
                r.FetchFlags(("\\Answered",)),
                r.FetchSize(77),
                r.FetchModSeq(12345),
                r.FetchSection("HEADER.FIELDS (FROM)", b"From: a@b\r\n\r\n"),
            ),
        )
    )
    assert fast == typed


def test_serialize_many_joins() -> None:
    out = serialize_many([r.Exists(2), r.Recent(0), StatusResponse.ok("A1", "done")])
    assert out == b"* 2 EXISTS\r\n* 0 RECENT\r\nA1 OK done\r\n"
    assert len(read_responses(out)) == 3


def test_domain_errors_map_to_rfc5530_codes() -> None:
    from congvu.domain.errors import ConfigError, Conflict, NotFound, PolicyDenied, TemporaryFailure
    from congvu.domain.rules import Decision, Violation

    denied = PolicyDenied(Decision.deny(Violation.of("QN20-8", "naming.clash")))
    assert r.code_for_error(denied) is r.LIMIT
    assert r.code_for_error(TemporaryFailure("busy")) is r.UNAVAILABLE
    assert r.code_for_error(NotFound("x")) is r.NONEXISTENT
    assert r.code_for_error(Conflict("x")) is r.ALREADYEXISTS
    assert r.code_for_error(ConfigError("x")) is r.SERVERBUG
    out = serialize(StatusResponse.no("A9", "Tên đã có [QN20-8]", r.code_for_error(Conflict("x"))))
    assert out == b"A9 NO [ALREADYEXISTS] Ten da co [QN20-8]\r\n"


def test_unwritable_values_raise_value_syntax_error() -> None:
    with pytest.raises(ValueSyntaxError):
        serialize(r.Capability(()))
    with pytest.raises(ValueSyntaxError):
        serialize(r.ListItem("a\ud800", "/", ()))  # lone surrogate: no UTF-16, no mailbox name
    with pytest.raises(ValueSyntaxError):
        serialize(r.Id((("name", "a\udfff"),)))
    with pytest.raises(ValueSyntaxError):
        serialize(r.StatusResponse("MAYBE", "x"))  # type: ignore[arg-type]
    assert serialize(r.StatusResponse("OK", "x", tag="a")) == b"a OK x\r\n"  # type: ignore[arg-type]
