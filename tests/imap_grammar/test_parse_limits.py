"""Literal state machine, limits and resynchronisation (issue 11 item 2; RFC 7888, RFC 7889)."""

from __future__ import annotations

from congvu.imap.grammar import (
    CommandParser,
    LiteralMode,
    Login,
    NeedContinuation,
    Noop,
    ParseError,
    ParseResult,
    ParserLimits,
)
from congvu.imap.grammar.commands import Append


def drain(parser: CommandParser) -> list[ParseResult]:
    out: list[ParseResult] = []
    while (item := parser.next()) is not None:
        out.append(item)
    return out


def reasons(items: list[ParseResult]) -> list[str]:
    return [i.reason if isinstance(i, ParseError) else type(i).__name__ for i in items]


def test_synchronising_literal_waits_for_continuation_then_bytes() -> None:
    parser = CommandParser()
    parser.feed(b"a APPEND INBOX {5}\r\n")
    assert drain(parser) == [NeedContinuation("a", 5)]
    parser.feed(b"he")
    assert drain(parser) == []
    assert parser.pending
    parser.feed(b"llo\r\n")
    [cmd] = drain(parser)
    assert isinstance(cmd, Append)
    assert cmd.messages[0].data == b"hello"
    assert not parser.pending


def test_literal_minus_accepts_small_non_sync_without_round_trip() -> None:
    parser = CommandParser(ParserLimits(literal_mode=LiteralMode.MINUS))
    parser.feed(b"a LOGIN {4+}\r\nfred {6+}\r\nsecret\r\n")
    assert drain(parser) == [Login("a", "fred", "secret")]


def test_literal_minus_refuses_large_non_sync_and_skips_its_bytes() -> None:
    parser = CommandParser(ParserLimits(literal_mode=LiteralMode.MINUS))
    parser.feed(b"a APPEND INBOX {5000+}\r\n" + b"x" * 3000)
    [error] = drain(parser)
    assert isinstance(error, ParseError)
    assert (error.tag, error.reason, error.code, error.status) == (
        "a",
        "imap.parse.non_sync_too_large",
        "TOOBIG",
        "BAD",
    )
    parser.feed(b"y" * 2000 + b" trailing words\r\nb NOOP\r\n")
    assert drain(parser) == [Noop("b")]


def test_literal_plus_allows_up_to_the_literal_limit() -> None:
    parser = CommandParser(ParserLimits(literal_mode=LiteralMode.PLUS, max_literal=10_000))
    parser.feed(b"a APPEND INBOX {5000+}\r\n" + b"x" * 5000 + b"\r\n")
    [cmd] = drain(parser)
    assert isinstance(cmd, Append)
    assert len(cmd.messages[0].data) == 5000


def test_non_sync_refused_when_not_advertised() -> None:
    parser = CommandParser(ParserLimits(literal_mode=LiteralMode.NONE))
    parser.feed(b"a LOGIN {4+}\r\nfred x\r\nb NOOP\r\n")
    assert reasons(drain(parser)) == ["imap.parse.non_sync_refused", "Noop"]


def test_oversized_sync_literal_is_refused_before_buffering() -> None:
    parser = CommandParser(ParserLimits(max_literal=1000))
    parser.feed(b"a APPEND INBOX {1001}\r\n")
    [error] = drain(parser)
    assert isinstance(error, ParseError)
    assert (error.reason, error.code, error.status) == ("imap.parse.literal_too_large", "TOOBIG", "NO")
    assert error.params == {"size": 1001, "limit": 1000}
    # the client got no "+": its next line is a new command
    parser.feed(b"b NOOP\r\n")
    assert drain(parser) == [Noop("b")]


def test_huge_announcement_does_not_allocate() -> None:
    parser = CommandParser()
    parser.feed(b"a APPEND INBOX {99999999999999999999}\r\n")
    [error] = drain(parser)
    assert isinstance(error, ParseError)
    assert error.reason == "imap.parse.literal_too_large"


def test_line_too_long_is_reported_once_and_skipped() -> None:
    parser = CommandParser(ParserLimits(max_line=100))
    parser.feed(b"a NOOP " + b"x" * 150)
    [error] = drain(parser)
    assert isinstance(error, ParseError)
    assert error.reason == "imap.parse.line_too_long"
    assert error.tag == "a"
    parser.feed(b"y" * 10_000)  # still the same line: discarded, not buffered
    assert drain(parser) == []
    parser.feed(b"\r\nb NOOP\r\n")
    assert drain(parser) == [Noop("b")]


def test_total_command_size_limit_counts_literals() -> None:
    parser = CommandParser(ParserLimits(max_literal=100, max_command=150))
    parser.feed(b"a APPEND INBOX {90+}\r\n" + b"x" * 90 + b" {90+}\r\n" + b"y" * 90 + b"\r\nb NOOP\r\n")
    assert reasons(drain(parser)) == ["imap.parse.command_too_large", "Noop"]


def test_nesting_depth_limit() -> None:
    parser = CommandParser(ParserLimits(max_depth=8))
    parser.feed(b"a SEARCH " + b"(" * 20 + b"ALL" + b")" * 20 + b"\r\n")
    parser.feed(b"b SEARCH " + b"NOT " * 20 + b"ALL\r\n")
    parser.feed(b"c SEARCH ((ALL))\r\n")
    items = drain(parser)
    assert reasons(items) == ["imap.parse.too_deep", "imap.parse.too_deep", "Search"]


def test_resynchronises_after_errors() -> None:
    parser = CommandParser()
    parser.feed(b"a FETCH 1:x FLAGS\r\n* junk\r\n\r\nc NOOP\r\n")
    assert reasons(drain(parser)) == ["imap.parse.bad_sequence_set", "imap.parse.bad_tag", "Noop"]


def test_sync_literal_of_unknown_command_is_refused_before_continuation() -> None:
    parser = CommandParser()
    parser.feed(b"a XYZZY {5}\r\n")
    [error] = drain(parser)
    assert isinstance(error, ParseError)
    assert error.reason == "imap.parse.unknown_command"


def test_bare_lf_accepted_and_take_buffered() -> None:
    parser = CommandParser()
    parser.feed(b"a NOOP\nb STARTTLS\r\n\x16\x03\x01tls-bytes")
    assert parser.next() == Noop("a")
    assert parser.next() is not None
    assert parser.take_buffered() == b"\x16\x03\x01tls-bytes"
    assert not parser.pending


def test_binary_literal_only_in_append() -> None:
    parser = CommandParser()
    parser.feed(b"a LOGIN ~{3}\r\n")
    assert drain(parser) == [NeedContinuation("a", 3)]
    parser.feed(b"abc x\r\n")
    [error] = drain(parser)
    assert isinstance(error, ParseError)
    assert error.reason == "imap.parse.binary_literal_not_allowed"


def test_overlong_line_ending_in_non_sync_literal_skips_the_literal_too() -> None:
    parser = CommandParser(ParserLimits(max_line=64))
    parser.feed(b"a APPEND INBOX " + b"x" * 100)
    assert reasons(drain(parser)) == ["imap.parse.line_too_long"]
    parser.feed(b"y" * 50 + b" {10+}")
    parser.feed(b"\r\n0123456789\r\nb NOOP\r\n")
    assert drain(parser) == [Noop("b")]


def test_command_wrong_before_its_literal_is_refused_before_the_upload() -> None:
    parser = CommandParser()
    parser.feed(b"a APPEND &Jjo {5000}\r\n")  # invalid modified UTF-7 mailbox name
    assert reasons(drain(parser)) == ["imap.parse.bad_mailbox_name"]
    parser.feed(b"b UID SEARCH CHARSET X-NONE TEXT {4}\r\n")
    [error] = drain(parser)
    assert isinstance(error, ParseError)
    assert (error.tag, error.status, error.code) == ("b", "NO", "BADCHARSET")
    parser.feed(b"c FETCH 1:x BODY[HEADER.FIELDS ({4}\r\n")
    assert reasons(drain(parser)) == ["imap.parse.bad_sequence_set"]
    # what only the literal can tell is checked after it
    parser.feed(b"d LOGIN {4}\r\n")
    assert drain(parser) == [NeedContinuation("d", 4)]
    parser.feed(b"fred secret\r\n")
    assert drain(parser) == [Login("d", "fred", "secret")]


def test_only_append_literals_may_reach_the_append_limit() -> None:
    parser = CommandParser(ParserLimits(max_literal=1 << 20, max_argument=1024))
    parser.feed(b"a LOGIN {2048}\r\n")
    [error] = drain(parser)
    assert isinstance(error, ParseError)
    assert (error.reason, error.params["limit"]) == ("imap.parse.literal_too_large", 1024)
    parser.feed(b"b APPEND INBOX {2048}\r\n")
    assert drain(parser) == [NeedContinuation("b", 2048)]


def test_overlong_line_in_line_mode_ends_line_mode() -> None:
    parser = CommandParser(ParserLimits(max_line=100))
    parser.feed(b"a AUTHENTICATE PLAIN\r\n")
    assert reasons(drain(parser)) == ["Authenticate"]
    parser.expect_line()
    parser.feed(b"A" * 300)
    assert reasons(drain(parser)) == ["imap.parse.line_too_long"]
    parser.feed(b"AAAA\r\nb NOOP\r\n")
    assert drain(parser) == [Noop("b")]
