"""The SEARCH key grammar (RFC 9051 §6.4.4, RFC 3501 §6.4.4, RFC 7162 MODSEQ, RFC 5032 WITHIN,
RFC 8474 EMAILID/THREADID, RFC 5182 ``$``): every key, nesting, dates and the errors."""

from __future__ import annotations

import datetime as dt

import pytest

from congvu.imap.grammar import ParseError, Search, parse_command
from congvu.imap.grammar import search as s
from congvu.imap.grammar.sequence import SequenceSet


def key(text: str, charset: str | None = None) -> s.SearchKey | None:
    prefix = f"CHARSET {charset} " if charset else ""
    cmd = parse_command(f"t SEARCH {prefix}{text}\r\n".encode())
    assert isinstance(cmd, Search), cmd
    return cmd.criteria


def error(text: str) -> ParseError:
    result = parse_command(text.encode() + b"\r\n")
    assert isinstance(result, ParseError), result
    return result


@pytest.mark.parametrize("name", sorted(s.FLAG_KEYS))
def test_flag_keys(name: str) -> None:
    assert key(name) == s.SearchFlag(name)
    assert key(name.lower()) == s.SearchFlag(name)


@pytest.mark.parametrize("name", sorted(s.TEXT_KEYS))
def test_text_keys(name: str) -> None:
    assert key(f'{name} "Nguyễn Văn A"') == s.SearchText(name, "Nguyễn Văn A")
    assert key(f"{name} plain") == s.SearchText(name, "plain")


@pytest.mark.parametrize("name", sorted(s.DATE_KEYS))
def test_date_keys(name: str) -> None:
    assert key(f"{name} 5-Mar-2026") == s.SearchDate(name, dt.date(2026, 3, 5))
    assert key(f'{name} "05-mar-2026"') == s.SearchDate(name, dt.date(2026, 3, 5))


def test_other_keys() -> None:
    assert key("KEYWORD $Forwarded") == s.SearchKeyword("$Forwarded")
    assert key("UNKEYWORD $Junk") == s.SearchKeyword("$Junk", present=False)
    assert key('HEADER "X-Priority" ""') == s.SearchHeader("X-Priority", "")
    assert key("LARGER 4096") == s.SearchSize(True, 4096)
    assert key("SMALLER 10") == s.SearchSize(False, 10)
    assert key("UID 1:*") == s.SearchSet(SequenceSet.ALL, uid=True)
    assert key("2,4:7,9") == s.SearchSet(SequenceSet.parse("2,4:7,9"))
    assert key("$") == s.SearchSet(SequenceSet.LAST_RESULT)
    assert key("MODSEQ 0") == s.SearchModSeq(0)
    assert key('MODSEQ "/flags/\\\\seen" priv 7') == s.SearchModSeq(7, ("/flags/\\seen", "priv"))
    assert key("OLDER 3600") == s.SearchInterval("OLDER", 3600)
    assert key("YOUNGER 60") == s.SearchInterval("YOUNGER", 60)
    assert key("EMAILID M6d99ac3275bb4e") == s.SearchObjectId("EMAILID", "M6d99ac3275bb4e")


def test_nesting() -> None:
    assert key("NOT (SEEN FLAGGED)") == s.SearchNot(
        s.SearchAnd((s.SearchFlag("SEEN"), s.SearchFlag("FLAGGED")))
    )
    assert key("OR OR SEEN DRAFT (DELETED)") == s.SearchOr(
        s.SearchOr(s.SearchFlag("SEEN"), s.SearchFlag("DRAFT")), s.SearchFlag("DELETED")
    )
    assert key("((ALL))") == s.SearchFlag("ALL")


def test_charset_decodes_strings() -> None:
    cmd = parse_command(b't SEARCH CHARSET ISO-8859-1 SUBJECT "c\xf4ng v\xe3n"\r\n')
    assert isinstance(cmd, Search)
    assert cmd.criteria == s.SearchText("SUBJECT", "công vãn")
    assert key('SUBJECT "khẩn"', "utf-8") == s.SearchText("SUBJECT", "khẩn")


def test_windows_1258_vietnamese_charset() -> None:
    wire = b"t SEARCH CHARSET WINDOWS-1258 SUBJECT " + '"Công văn"'.encode("cp1258") + b"\r\n"
    cmd = parse_command(wire)
    assert isinstance(cmd, Search)
    assert cmd.criteria == s.SearchText("SUBJECT", "Công văn")


def test_invalid_utf8_in_a_search_string() -> None:
    err = parse_command(b't SEARCH TEXT "\xff"\r\n')
    assert isinstance(err, ParseError)
    assert err.reason == "imap.parse.bad_utf8"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("t SEARCH", "imap.parse.missing_argument"),
        ("t SEARCH FROB", "imap.parse.bad_search_key"),
        ("t SEARCH SINCE 31-Feb-2026", "imap.parse.bad_date"),
        ("t SEARCH SINCE 1-Foo-2026", "imap.parse.bad_date"),
        ("t SEARCH SINCE yesterday", "imap.parse.bad_date"),
        ("t SEARCH OR SEEN", "imap.parse.missing_argument"),
        ("t SEARCH NOT", "imap.parse.missing_argument"),
        ("t SEARCH (SEEN", "imap.parse.expected"),
        ("t SEARCH 0:3", "imap.parse.bad_sequence_set"),
        ("t SEARCH UID 1:x", "imap.parse.bad_sequence_set"),
        ("t SEARCH LARGER big", "imap.parse.expected"),
        ("t SEARCH LARGER 99999999999999999999999", "imap.parse.bad_number"),
        ('t SEARCH MODSEQ "/flags/x" nobody 4', "imap.parse.bad_search_key"),
        ("t SEARCH RETURN (FROB) ALL", "imap.parse.bad_option"),
        ('t SEARCH TEXT "unterminated', "imap.parse.bad_quoted"),
        ("t SEARCH ALL extra)", "imap.parse.bad_search_key"),
        ("t SEARCH ALL)", "imap.parse.trailing_data"),
        ("t SEARCH ALL )", "imap.parse.expected"),
        ("t SORT (FROB) UTF-8 ALL", "imap.parse.bad_option"),
        ("t SORT SUBJECT UTF-8 ALL", "imap.parse.expected"),
    ],
)
def test_search_errors(text: str, reason: str) -> None:
    err = error(text)
    assert err.reason == reason, err
    assert err.tag == "t"
    assert err.message("vi") != err.message("en")


@pytest.mark.parametrize(
    "wire",
    [
        # found by atheris: a charset literal with NUL bytes made codecs.lookup raise ValueError
        b"A284 SEARCH CHARSET {8}\r\n\x00\x00\x00/\xd1\x82\xd1\x8c\r\n",
        b"a SEARCH CHARSET hex TEXT x\r\n",
        b"a SEARCH CHARSET base64 TEXT x\r\n",
        b"a SORT (DATE) rot13 ALL\r\n",
        b"a SEARCH CHARSET idna TEXT \"\xff\xfe\"\r\n",
    ],
)
def test_odd_charsets_are_refused_as_badcharset(wire: bytes) -> None:
    err = parse_command(wire)
    assert isinstance(err, ParseError)
    assert (err.code, err.status) == ("BADCHARSET", "NO")
