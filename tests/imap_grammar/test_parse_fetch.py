"""FETCH attributes and STORE (RFC 9051 §6.4.5-6, RFC 3516 BINARY, RFC 7162 modifiers) and the
other argument grammars' errors: each refusal names a precise reason."""

from __future__ import annotations

import pytest

from congvu.imap.grammar import Fetch, ParseError, Store, parse_command
from congvu.imap.grammar.fetch import MACROS, FetchAttribute, Section, parse_attributes
from congvu.imap.grammar.sequence import SequenceSet


def attrs(text: str) -> tuple[FetchAttribute, ...]:
    return parse_attributes(text)


def test_sections_and_partials() -> None:
    assert attrs("BODY[]") == (FetchAttribute("BODY", Section()),)
    assert attrs("BODY.PEEK[TEXT]<100.200>") == (
        FetchAttribute("BODY", Section((), "TEXT"), (100, 200), True),
    )
    assert attrs("body[3.2.header]") == (FetchAttribute("BODY", Section((3, 2), "HEADER")),)
    assert attrs("BINARY[]") == (FetchAttribute("BINARY", Section()),)
    assert attrs("BINARY.SIZE[1]") == (FetchAttribute("BINARY.SIZE", Section((1,))),)
    assert attrs("(BODY BODYSTRUCTURE MODSEQ)") == (
        FetchAttribute("BODY"),
        FetchAttribute("BODYSTRUCTURE"),
        FetchAttribute("MODSEQ"),
    )
    assert attrs("all") == MACROS["ALL"]


def test_header_field_names_as_literals() -> None:
    cmd = parse_command(b"a FETCH 1 BODY.PEEK[HEADER.FIELDS ({7}\r\nSubject DATE)]\r\n")
    assert isinstance(cmd, Fetch)
    assert cmd.attributes[0].section == Section((), "HEADER.FIELDS", ("SUBJECT", "DATE"))


def test_formatting_round_trips() -> None:
    for text in [
        "BODY.PEEK[1.2.HEADER.FIELDS.NOT (RECEIVED)]<0.512>",
        "BINARY.PEEK[1]",
        "RFC822.SIZE",
        "BODY[]",
    ]:
        (att,) = attrs(text)
        assert att.format() == text
        assert attrs(att.format()) == (att,)
    (att,) = attrs("BODY.PEEK[HEADER]<0.1024>")
    assert att.response_name == "BODY[HEADER]<0>"


def test_store_forms() -> None:
    assert parse_command(b"a STORE 1:3 -FLAGS.SILENT \\Seen $Junk\r\n") == Store(
        "a", SequenceSet.parse("1:3"), "-", True, ("\\Seen", "$Junk")
    )
    cmd = parse_command(b"a UID STORE 5 FLAGS ()\r\n")
    assert isinstance(cmd, Store)
    assert (cmd.flags, cmd.mode, cmd.uid) == ((), "", True)


@pytest.mark.parametrize(
    ("wire", "reason"),
    [
        (b"a FETCH 1 (FLAGS", "imap.parse.expected"),
        (b"a FETCH 1 FROB", "imap.parse.bad_fetch_attribute"),
        (b"a FETCH 1 BODY[FOO]", "imap.parse.bad_section"),
        (b"a FETCH 1 BODY[MIME]", "imap.parse.bad_section"),
        (b"a FETCH 1 BINARY[HEADER]", "imap.parse.bad_section"),
        (b"a FETCH 1 BODY[0]", "imap.parse.bad_section"),
        (b"a FETCH 1 BODY[]<5.0>", "imap.parse.bad_fetch_attribute"),
        (b"a FETCH 1 BODY[]<5>", "imap.parse.bad_fetch_attribute"),
        (b"a FETCH 1 (FLAGS) (FROB)", "imap.parse.bad_option"),
        (b"a FETCH 1 (FLAGS) (CHANGEDSINCE x)", "imap.parse.expected"),
        (b"a FETCH", "imap.parse.missing_argument"),
        (b"a FETCH 1", "imap.parse.missing_argument"),
        (b"a FETCH 1:* ", "imap.parse.missing_argument"),
        (b"a FETCH x FLAGS", "imap.parse.bad_sequence_set"),
        (b"a FETCH 4294967296 FLAGS", "imap.parse.bad_sequence_set"),
        (b"a STORE 1 +FLAGS", "imap.parse.missing_argument"),
        (b"a STORE 1 XFLAGS (\\Seen)", "imap.parse.bad_option"),
        (b"a STORE 1 FLAGS (\\)", "imap.parse.bad_flag"),
        (b"a STORE 1 (UNCHANGEDSINCE) FLAGS (\\Seen)", "imap.parse.missing_argument"),
        (b"a UID FROB 1", "imap.parse.unknown_command"),
        (b"a UID", "imap.parse.missing_argument"),
        (b"a SELECT", "imap.parse.missing_argument"),
        (b"a SELECT INBOX (FROB)", "imap.parse.bad_option"),
        (b"a SELECT INBOX (QRESYNC (0 5))", "imap.parse.bad_number"),
        (b"a SELECT INBOX (QRESYNC (1 0))", "imap.parse.bad_number"),
        (b"a SELECT INBOX (QRESYNC (1))", "imap.parse.missing_argument"),
        (b"a STATUS INBOX (FROB)", "imap.parse.bad_option"),
        (b"a STATUS INBOX ()", "imap.parse.missing_argument"),
        (b'a LIST (FROB) "" *', "imap.parse.bad_option"),
        (b'a LIST "" * RETURN (FROB)', "imap.parse.bad_option"),
        (b'a LIST "" * RESULT (CHILDREN)', "imap.parse.expected"),
        (b"a CREATE x (FROB (\\Drafts))", "imap.parse.bad_option"),
        (b"a APPEND INBOX", "imap.parse.missing_argument"),
        (b'a APPEND INBOX (\\Seen) "bad date" {1}\r\nx', "imap.parse.bad_date"),
        (b'a APPEND INBOX "31-Feb-2026 10:00:00 +0700" {1}\r\nx', "imap.parse.bad_date"),
        (b"a AUTHENTICATE PLAIN !!!", "imap.parse.bad_base64"),
        (b"a AUTHENTICATE PLAIN abc", "imap.parse.bad_base64"),
        (b"a LOGIN fred", "imap.parse.missing_argument"),
        (b"a LOGIN fred bar baz", "imap.parse.trailing_data"),
        (b"a NOOP now", "imap.parse.trailing_data"),
        (b"a ENABLE", "imap.parse.missing_argument"),
        (b'a ID ("name")', "imap.parse.missing_argument"),
        (b"a SELECT &Jjo", "imap.parse.bad_mailbox_name"),
        (b'a SELECT "\xc3\xa9"', "imap.parse.bad_mailbox_name"),
        (b'a SETQUOTA "" (STORAGE)', "imap.parse.missing_argument"),
        (b"a GETQUOTA", "imap.parse.missing_argument"),
        (b"a SETACL INBOX fred", "imap.parse.missing_argument"),
        (b'a LOGIN "fred', "imap.parse.bad_quoted"),
        (b"+a NOOP", "imap.parse.bad_tag"),
        (b"a", "imap.parse.missing_command"),
        (b"a ", "imap.parse.missing_command"),
        (b"a (", "imap.parse.expected"),
    ],
)
def test_precise_reasons(wire: bytes, reason: str) -> None:
    err = parse_command(wire + b"\r\n")
    assert isinstance(err, ParseError), err
    assert err.reason == reason, (err, err.message("en"))
    assert err.message("en") != err.reason


def test_memo_caches_keep_only_short_keys() -> None:
    from congvu.imap.grammar import fetch, lexer

    fields = " ".join(f"X-FIELD-{i}" for i in range(200))
    long_set = ",".join(str(n) for n in range(1, 400, 2))
    cmd = parse_command(f"a FETCH {long_set} (BODY.PEEK[HEADER.FIELDS ({fields})])\r\n".encode())
    assert isinstance(cmd, Fetch)
    section = cmd.attributes[0].section
    assert section is not None
    assert len(section.fields) == 200
    assert all(len(key) <= 1024 for key in fetch._CACHE)
    assert all(len(key) <= 64 for key in lexer._SEQUENCE_CACHE)
