"""Property tests: for any bytes the parser returns a result or asks for more, never raises,
and never holds more than its limits (issue 11 "how it is checked")."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.imap.grammar import (
    ClientLine,
    Command,
    CommandParser,
    LiteralMode,
    NeedContinuation,
    ParseError,
    ParseResult,
    ParserLimits,
)
from tests.imap_grammar.test_parse_rfc_vectors import VECTORS

LIMITS = ParserLimits(
    max_line=200, max_literal=300, max_command=600, max_depth=6, literal_mode=LiteralMode.MINUS
)
TOKENS = [
    b"a1 ", b"UID ", b"FETCH ", b"SEARCH ", b"APPEND ", b"LOGIN ", b"1:* ", b"(", b")", b"{3}\r\n",
    b"{5+}\r\n", b"~{2}\r\n", b"\r\n", b"\n", b'"x y" ', b"BODY.PEEK[HEADER.FIELDS (FROM)]",
    b"NOT ", b"OR ", b"ALL ", b"INBOX ", b"&AQM-", b"\xff", b"\x00", b" ", b"*", b"$", b"<0.5>",
    b"IDLE\r\n", b"DONE\r\n",
]  # fmt: skip
RESULT_TYPES = (Command, NeedContinuation, ParseError, ClientLine)


def run(chunks: list[bytes], limits: ParserLimits = LIMITS, line_mode_every: int = 0) -> list[ParseResult]:
    parser = CommandParser(limits)
    out: list[ParseResult] = []
    for i, chunk in enumerate(chunks):
        parser.feed(chunk)
        while (item := parser.next()) is not None:
            assert isinstance(item, RESULT_TYPES)
            if isinstance(item, ParseError):
                assert item.reason != "imap.parse.internal", item
                assert item.message("vi") != item.reason
                assert item.message("en") != item.reason
            out.append(item)
            if line_mode_every and len(out) % line_mode_every == 0:
                parser.expect_line()
        # everything held is bounded by the limits (plus one undigested feed)
        assert parser.buffered <= limits.max_command + limits.max_line + len(chunk) + 2, i
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.binary(max_size=64), max_size=12), st.integers(0, 3))
def test_arbitrary_bytes_never_raise(chunks: list[bytes], every: int) -> None:
    run(chunks, line_mode_every=every)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=30), st.integers(1, 17))
def test_token_soup_never_raises(tokens: list[bytes], size: int) -> None:
    data = b"".join(tokens)
    run([data[i : i + size] for i in range(0, len(data), size)])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(VECTORS), min_size=1, max_size=6), st.integers(1, 40))
def test_valid_streams_parse_the_same_in_any_chunking(picked: list[tuple[bytes, Command]], size: int) -> None:
    data = b"".join(wire for wire, _ in picked)
    limits = ParserLimits()
    commands = [r for r in run([data], limits) if not isinstance(r, NeedContinuation)]
    assert commands == [expected for _, expected in picked]
    chunked = run([data[i : i + size] for i in range(0, len(data), size)], limits)
    assert [r for r in chunked if not isinstance(r, NeedContinuation)] == commands


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 10**30), st.booleans())
def test_any_literal_announcement_is_bounded(size: int, plus: bool) -> None:
    announce = b"a APPEND INBOX {%d%s}\r\n" % (size, b"+" if plus else b"")
    results = run([announce])
    if size <= LIMITS.max_literal and (not plus or size <= LIMITS.max_non_sync_literal):
        assert results == ([] if plus else [NeedContinuation("a", size)])
    else:
        [error] = results
        assert isinstance(error, ParseError)
        assert error.code == "TOOBIG"
