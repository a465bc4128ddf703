"""Client sides of real sessions parse (issue 11: transcripts from Thunderbird, Apple Mail,
Outlook, K-9, mbsync, mutt, as found in their sources, bug trackers and mailing lists).

Sources, for the lines that are not generic: K-9 Mail's ``UidFetchCommand`` tests (its header
field list), mutt/neomutt ``imap_read_headers`` (``want_headers``), isync/mbsync ``drv_imap.c``
(``X-TUID``), go-imap issue 657 (Outlook's obsolete ``RFC822.peek``), hoodiecrow issue 18
(Evolution), hmailserver issue 459 (Roundcube against Dovecot), nextcloud/mail issue 9729
(Horde). Each session is fed as one stream, byte by byte, with IDLE answered in line mode.
"""

from __future__ import annotations

import pytest

from congvu.imap.grammar import (
    Authenticate,
    ClientLine,
    Command,
    CommandParser,
    Fetch,
    Idle,
    Login,
    NeedContinuation,
    ParseError,
    ParseResult,
    Search,
)


def lit(data: bytes, plus: bool = False) -> bytes:
    return b"{%d%s}\r\n%s" % (len(data), b"+" if plus else b"", data)


THUNDERBIRD = [
    b"1 capability\r\n",
    b"2 authenticate PLAIN\r\n",  # SASL step follows in line mode
    b'3 ID ("name" "Thunderbird" "version" "115.6.0")\r\n',
    b"4 capability\r\n",
    b'5 list (SUBSCRIBED) "" "*"\r\n',
    b'6 list "" "INBOX"\r\n',
    b"7 namespace\r\n",
    b'8 select "INBOX" (CONDSTORE)\r\n',
    b'9 getquotaroot "INBOX"\r\n',
    b"10 UID fetch 1:* (FLAGS) (CHANGEDSINCE 12345)\r\n",
    b"11 UID fetch 3:5 (UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (From To Cc Bcc Subject Date "
    b"Message-ID Priority X-Priority References Newsgroups In-Reply-To Content-Type Reply-To)])\r\n",
    b"12 UID fetch 5 (UID RFC822.SIZE BODY.PEEK[]<0.10240>)\r\n",
    b"13 uid store 5 +Flags (\\Seen)\r\n",
    b'14 uid copy 5 "Trash"\r\n',
    b"15 uid store 5 +Flags (\\Deleted)\r\n",
    b"16 uid expunge 5\r\n",
    b"17 IDLE\r\n",
    b'18 STATUS "Sent" (UIDNEXT MESSAGES UNSEEN RECENT)\r\n',
    b"19 UID fetch 1:* (FLAGS)\r\n",
    b'20 append "Sent" (\\Seen) ' + lit(b"Subject: hi\r\n\r\nhello\r\n") + b"\r\n",
    b'21 create "C&APQ-ng v&AQM-n &AREevw-n"\r\n',
    b'22 subscribe "C&APQ-ng v&AQM-n &AREevw-n"\r\n',
    b'23 uid move 7 "Archives/2026"\r\n',
    b"24 logout\r\n",
]
APPLE_MAIL = [
    b"1.1 CAPABILITY\r\n",
    b"2.1 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n",
    b'3.1 ID ("name" "Mac OS X Mail" "version" "16.0 (3731.500.231)" "os" "Mac OS X" "os-version" '
    b'"13.4 (22F66)" "vendor" "Apple Inc.")\r\n',
    b"4.2 ENABLE QRESYNC\r\n",
    b'5.2 LIST "" ""\r\n',
    b'6.2 LIST "" "*" RETURN (SPECIAL-USE)\r\n',
    b"7.2 SELECT INBOX (QRESYNC (1700000000 4321 1:812))\r\n",
    b"8.2 UID FETCH 1:* (FLAGS UID) (CHANGEDSINCE 4321 VANISHED)\r\n",
    b"9.2 UID FETCH 812 (BODYSTRUCTURE BODY.PEEK[HEADER])\r\n",
    b"10.2 UID FETCH 812 (BODY.PEEK[1.2]<0.4096> BODY.PEEK[1.2.MIME])\r\n",
    b"11.2 UID STORE 812 +FLAGS.SILENT (\\Seen)\r\n",
    b"12.2 UID SEARCH RETURN (ALL) UNDELETED UNSEEN\r\n",
    b"13.2 IDLE\r\n",
    b"14.2 UNSELECT\r\n",
    b"15.2 LOGOUT\r\n",
]
OUTLOOK = [
    b"A8W1 CAPABILITY\r\n",
    b"0TD5 LOGIN nguyenvana@tinh.gov.vn {8}\r\nmat-khau\r\n",
    b'9KD6 LIST "" "*"\r\n',
    b"S0K8 SELECT INBOX\r\n",
    b"7 UID fetch 39 (UID RFC822.SIZE RFC822.peek)\r\n",
    b"8 UID fetch 1:* (UID FLAGS)\r\n",
    b"9 UID fetch 39 (UID RFC822.SIZE FLAGS INTERNALDATE BODY.PEEK[HEADER])\r\n",
    b"10 UID STORE 39 +FLAGS.SILENT (\\Deleted \\Seen)\r\n",
    b"11 EXPUNGE\r\n",
    b"12 NOOP\r\n",
    b"13 CHECK\r\n",
    b"14 LOGOUT\r\n",
]
K9 = [
    b"1 CAPABILITY\r\n",
    b"2 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n",
    b'3 ID ("name" "K-9 Mail" "version" "6.800")\r\n',
    b'4 LIST "" ""\r\n',
    b'5 LIST "" "*"\r\n',
    b'6 SELECT "INBOX"\r\n',
    b"7 UID SEARCH 1:* NOT DELETED\r\n",
    b"8 UID FETCH 1 (UID INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (date subject from "
    b"content-type to cc reply-to message-id references in-reply-to X-K9mail-Identity)])\r\n",
    b"9 UID FETCH 1 (UID RFC822.SIZE BODYSTRUCTURE)\r\n",
    b"10 UID FETCH 1 (UID BODY.PEEK[1]<0.4096>)\r\n",
    b"11 UID STORE 1 +FLAGS.SILENT (\\Seen)\r\n",
    b'12 UID COPY 1 "Trash"\r\n',
    b"13 IDLE\r\n",
    b"14 UID SEARCH 1:* NOT DELETED SINCE 25-Oct-2026\r\n",
    b"15 LOGOUT\r\n",
]
MBSYNC = [
    b"1 CAPABILITY\r\n",
    b"2 AUTHENTICATE PLAIN AHVzZXIAcGFzcw==\r\n",
    b'3 LIST "" "*"\r\n',
    b'4 SELECT "INBOX"\r\n',
    b"5 UID FETCH 1:1000000000 (UID FLAGS)\r\n",
    b"6 UID FETCH 41:46 (UID BODY.PEEK[HEADER.FIELDS (X-TUID)])\r\n",
    b"7 UID FETCH 44 (BODY.PEEK[])\r\n",
    b'8 APPEND "INBOX" (\\Seen) ' + lit(b"X-TUID: 6x3AsU8WyY+d\r\n\r\nhi there\r\n", plus=True) + b"\r\n",
    b"9 UID SEARCH HEADER X-TUID 6x3AsU8WyY+d\r\n",
    b"10 UID STORE 44 +FLAGS.SILENT (\\Deleted)\r\n",
    b"11 UID EXPUNGE 44\r\n",
    b"12 CLOSE\r\n",
    b"13 LOGOUT\r\n",
]
MUTT = [
    b"a0000 CAPABILITY\r\n",
    b'a0001 LOGIN "nguyenvana" "m\xe1\xba\xadt kh\xe1\xba\xa9u"\r\n',
    b'a0002 LIST "" ""\r\n',
    b'a0003 LSUB "" "*"\r\n',
    b'a0004 SELECT "INBOX"\r\n',
    b"a0005 FETCH 1:27 (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (DATE FROM SENDER "
    b"SUBJECT TO CC MESSAGE-ID REFERENCES CONTENT-TYPE CONTENT-DESCRIPTION IN-REPLY-TO REPLY-TO LINES "
    b"LIST-POST X-LABEL X-ORIGINAL-TO)])\r\n",
    b"a0006 UID FETCH 12 BODY.PEEK[]\r\n",
    b"a0007 UID STORE 12 +FLAGS.SILENT (\\Seen)\r\n",
    b'a0008 STATUS "Sent" (MESSAGES)\r\n',
    b"a0009 UID SEARCH RETURN (SAVE) UNDELETED\r\n",
    b"a0010 UID STORE $ +FLAGS.SILENT (\\Deleted)\r\n",
    b"a0011 CHECK\r\n",
    b"a0012 EXPUNGE\r\n",
    b"a0013 LOGOUT\r\n",
]
EVOLUTION_ROUNDCUBE_HORDE = [
    b'A00003 LIST "" INBOX\r\n',
    b'A00004 LSUB "" INBOX\r\n',
    b"A0005 UID FETCH 1870 (BODY.PEEK[2.MIME])\r\n",
    b"A0006 UID FETCH 1870 (BODY.PEEK[2])\r\n",
    b"2 ENABLE QRESYNC\r\n",
    b"3 STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN)\r\n",
    b"A5 UID FETCH 8 (UID FLAGS INTERNALDATE BODY.PEEK[HEADER])\r\n",
    b"A6 UID SORT (REVERSE ARRIVAL) UTF-8 ALL\r\n",
    'A7 UID SEARCH CHARSET UTF-8 OR SUBJECT "khẩn" FROM "khẩn"\r\n'.encode(),
]
SESSIONS = {
    "thunderbird": THUNDERBIRD,
    "apple-mail": APPLE_MAIL,
    "outlook": OUTLOOK,
    "k9": K9,
    "mbsync": MBSYNC,
    "mutt": MUTT,
    "evolution-roundcube-horde": EVOLUTION_ROUNDCUBE_HORDE,
}


def play(lines: list[bytes]) -> list[ParseResult]:
    """Feed a session byte by byte; answer IDLE and AUTHENTICATE without IR with a line."""
    parser = CommandParser()
    data = b""
    for line in lines:
        data += line
        if line.split(b" ")[1].upper().rstrip(b"\r\n") == b"IDLE":
            data += b"DONE\r\n"
        if line.upper().endswith(b"AUTHENTICATE PLAIN\r\n"):
            data += b"AHVzZXIAcGFzcw==\r\n"
    out: list[ParseResult] = []
    for i in range(len(data)):
        parser.feed(data[i : i + 1])
        while (item := parser.next()) is not None:
            out.append(item)
            if isinstance(item, Idle) or (isinstance(item, Authenticate) and item.initial_response is None):
                parser.expect_line()
    return out


@pytest.mark.parametrize("client", sorted(SESSIONS))
def test_client_session_parses(client: str) -> None:
    results = play(SESSIONS[client])
    errors = [r for r in results if isinstance(r, ParseError)]
    assert not errors, [(e.tag, e.message("en")) for e in errors]
    commands = [r for r in results if isinstance(r, Command)]
    assert len(commands) == len(SESSIONS[client])
    assert all(isinstance(r, Command | NeedContinuation | ClientLine) for r in results)


def test_outlook_rfc822_peek_is_a_peek() -> None:
    fetch = next(r for r in play(OUTLOOK) if isinstance(r, Fetch))
    assert [a.format() for a in fetch.attributes] == ["UID", "RFC822.SIZE", "RFC822.PEEK"]
    assert fetch.attributes[-1].peek
    assert fetch.attributes[-1].response_name == "RFC822"


def test_mutt_saved_search_result_and_vietnamese_password() -> None:
    results = play(MUTT)
    search = next(r for r in results if isinstance(r, Search))
    assert search.returns == ("SAVE",)
    login = next(r for r in results if isinstance(r, Login))
    assert login.password == "mật khẩu"
