"""The commands the first IMAP server needs (issue 11 priority list), through the public API."""

from __future__ import annotations

import datetime as dt

from congvu.imap.grammar import (
    Capability,
    ClientLine,
    CommandParser,
    Fetch,
    FetchAttribute,
    Idle,
    List,
    Login,
    Logout,
    NeedContinuation,
    Noop,
    ParseError,
    ParseResult,
    Search,
    Section,
    Select,
    parse_command,
)
from congvu.imap.grammar.search import SearchAnd, SearchDate, SearchFlag, SearchText
from congvu.imap.grammar.sequence import SequenceSet


def drain(parser: CommandParser) -> list[ParseResult]:
    out: list[ParseResult] = []
    while (item := parser.next()) is not None:
        out.append(item)
    return out


def test_capability_noop_logout() -> None:
    assert parse_command(b"abcd CAPABILITY\r\n") == Capability("abcd")
    assert parse_command(b"a047 NOOP\r\n") == Noop("a047")
    assert parse_command(b"A023 LOGOUT\r\n") == Logout("A023")
    assert parse_command(b"a1 capability\r\n") == Capability("a1")  # verbs are case-insensitive


def test_login_atoms_quoted_and_literal() -> None:
    assert parse_command(b"a001 LOGIN SMITH SESAME\r\n") == Login("a001", "SMITH", "SESAME")
    assert parse_command(b'a2 LOGIN "fred" "a \\"b\\" c"\r\n') == Login("a2", "fred", 'a "b" c')
    assert parse_command(b"a3 LOGIN {4}\r\nfred {5}\r\nsecre\r\n") == Login("a3", "fred", "secre")
    assert "secre" not in repr(Login("a3", "fred", "secre"))


def test_select_examine_and_vietnamese_names() -> None:
    assert parse_command(b"A142 SELECT INBOX\r\n") == Select("A142", "INBOX")
    assert parse_command(b"A142 SELECT inbox\r\n") == Select("A142", "INBOX")
    assert parse_command(b"A932 EXAMINE blurdybloop\r\n") == Select("A932", "blurdybloop", readonly=True)
    wire = b'a SELECT "C&APQ-ng v&AQM-n &AREevw-n"\r\n'
    assert parse_command(wire) == Select("a", "Công văn đến")
    utf8 = 'a SELECT "Công văn đến"\r\n'.encode()
    assert parse_command(utf8, utf8=True) == Select("a", "Công văn đến")
    refused = parse_command(utf8)  # raw 8-bit before ENABLE UTF8=ACCEPT
    assert isinstance(refused, ParseError)
    assert refused.reason == "imap.parse.bad_mailbox_name"


def test_list_basic() -> None:
    assert parse_command(b'A101 LIST "" ""\r\n') == List("A101", "", ("",))
    assert parse_command(b'A102 LIST #news.comp.mail.misc ""\r\n') == List(
        "A102", "#news.comp.mail.misc", ("",)
    )
    assert parse_command(b"A202 LIST ~/Mail/ %\r\n") == List("A202", "~/Mail/", ("%",))
    assert parse_command(b'a LIST "" *\r\n') == List("a", "", ("*",))


def test_thunderbird_header_fetch() -> None:
    line = (
        b"5 UID fetch 1:* (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject "
        b"Date Message-ID Priority X-Priority References Newsgroups In-Reply-To Content-Type "
        b"Reply-To)])\r\n"
    )
    cmd = parse_command(line)
    assert isinstance(cmd, Fetch)
    assert cmd.uid
    assert cmd.sequence == SequenceSet(((1, None),))
    assert [a.name for a in cmd.attributes] == ["UID", "RFC822.SIZE", "FLAGS", "BODY"]
    header = cmd.attributes[3]
    assert header.peek
    assert header.section is not None
    assert header.section.text == "HEADER.FIELDS"
    assert header.section.fields[:3] == ("FROM", "TO", "CC")
    assert header.response_name.startswith("BODY[HEADER.FIELDS (FROM TO CC")


def test_fetch_items_the_server_serves() -> None:
    cmd = parse_command(
        b"a UID FETCH 4:2 (UID FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODYSTRUCTURE BODY.PEEK[])\r\n"
    )
    assert isinstance(cmd, Fetch)
    assert cmd.sequence.ranges == ((4, 2),)
    names = [a.name for a in cmd.attributes]
    assert names == ["UID", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE", "BODY"]
    assert cmd.attributes[-1] == FetchAttribute("BODY", Section(), None, peek=True)
    fast = parse_command(b"a FETCH 2:4 FAST\r\n")
    assert isinstance(fast, Fetch)
    assert [a.name for a in fast.attributes] == ["FLAGS", "INTERNALDATE", "RFC822.SIZE"]


def test_uid_search_with_charset_and_literal() -> None:
    parser = CommandParser()
    word = "Công văn".encode()
    parser.feed(b"a5 UID SEARCH CHARSET UTF-8 TEXT {%d}\r\n" % len(word))
    assert drain(parser) == [NeedContinuation("a5", len(word))]
    parser.feed(word + b"\r\n")
    assert drain(parser) == [Search("a5", SearchText("TEXT", "Công văn"), uid=True, charset="UTF-8")]


def test_uid_search_quoted_and_several_keys() -> None:
    cmd = parse_command(b'a UID SEARCH TEXT "b\xc3\xa1o c\xc3\xa1o" UNSEEN SINCE 1-Feb-1994\r\n')
    assert cmd == Search(
        "a",
        SearchAnd(
            (SearchText("TEXT", "báo cáo"), SearchFlag("UNSEEN"), SearchDate("SINCE", dt.date(1994, 2, 1)))
        ),
        uid=True,
    )


def test_streamed_byte_by_byte_gives_the_same_results() -> None:
    data = (
        b"a1 LOGIN {4}\r\nuser {4}\r\npass\r\n"
        b"a2 SELECT INBOX\r\na3 UID FETCH 1:* (FLAGS)\r\na4 IDLE\r\nDONE\r\na5 LOGOUT\r\n"
    )
    whole = CommandParser()
    whole.feed(data)
    expected: list[ParseResult] = []
    while (item := whole.next()) is not None:
        expected.append(item)
        if isinstance(item, Idle):
            whole.expect_line()
    trickle = CommandParser()
    got: list[ParseResult] = []
    for i in range(len(data)):
        trickle.feed(data[i : i + 1])
        while (item := trickle.next()) is not None:
            got.append(item)
            if isinstance(item, Idle):
                trickle.expect_line()
    assert got == expected
    assert ClientLine(b"DONE") in got
    assert got[-1] == Logout("a5")
    assert not trickle.pending


def test_errors_carry_tag_reason_and_messages() -> None:
    error = parse_command(b"a9 FROB x\r\n")
    assert isinstance(error, ParseError)
    assert (error.tag, error.reason, error.status) == ("a9", "imap.parse.unknown_command", "BAD")
    assert "FROB" in error.message("en")
    assert "không được hỗ trợ" in error.message("vi")
    missing = parse_command(b"a LOGIN fred\r\n")
    assert isinstance(missing, ParseError)
    assert missing.reason == "imap.parse.missing_argument"
    assert missing.command == "LOGIN"
    untagged = parse_command(b"\r\n(bad\r\n")
    assert isinstance(untagged, ParseError)
    assert untagged.tag is None


def test_every_reason_has_vietnamese_and_english_with_the_same_placeholders() -> None:
    import string

    from congvu.i18n import known
    from congvu.imap.grammar import errors

    keys = {
        v
        for k, v in vars(errors).items()
        if k.isupper() and isinstance(v, str) and v.startswith("imap.parse.") and v != "imap.parse."
    }
    assert keys == set(errors.MESSAGES)
    for key, (vi, en) in errors.MESSAGES.items():
        assert known(key)
        assert vi != en
        fields = {f for _, f, _, _ in string.Formatter().parse(vi) if f}
        assert fields == {f for _, f, _, _ in string.Formatter().parse(en) if f}, key


def test_sasl_lines_and_passwords_stay_out_of_reprs() -> None:
    assert "AGZy" not in repr(ClientLine(b"AGZyZWQAc2VjcmV0"))
    assert repr(ClientLine(b"DONE")) == "ClientLine(b'DONE')"
    cmd = parse_command(b"a AUTHENTICATE PLAIN AGZyZWQAc2VjcmV0\r\n")
    assert "secret" not in repr(cmd)
    assert "AGZy" not in repr(cmd)


def test_grammar_element_names_are_translated_into_vietnamese() -> None:
    import re
    from pathlib import Path

    from congvu.imap.grammar import errors

    source = "".join(p.read_text() for p in Path(errors.__file__).parent.glob("*.py"))
    readers = "sp|missing|expected|upper_atom|atom|astring|astring_text|mailbox|number|number64|sequence_set"
    calls = rf'(?:{readers}|string|nstring|list_mailbox|text_string)\("([^"]*)"'
    names = set(re.findall(calls, source)) - {"INBOX", "a b", "Văn bản", "Đã gửi"}
    assert len(names) > 40
    untranslated = {n for n in names if errors.what_vi(n) == n}
    assert not untranslated
    error = parse_command(b"a FETCH 1 (FLAGS\r\n")
    assert isinstance(error, ParseError)
    assert error.message("vi") == "Lệnh FETCH: cần dấu ')' tại vị trí 16, gặp «cuối dòng»."
    assert error.message("en") == "Command FETCH: expected ')' at position 16, found “end of line”."
