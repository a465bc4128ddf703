"""Command examples of RFC 9051, RFC 3501 and the extension RFCs, parsed to typed values.

Each vector is the client side of an RFC example (``C:`` lines, literals included); the
expected value pins what the server gets. `VECTORS` also seeds the atheris fuzzer.
"""

from __future__ import annotations

import datetime as dt

import pytest

from congvu.imap.grammar import commands as c
from congvu.imap.grammar import parse_command
from congvu.imap.grammar.errors import ParseError
from congvu.imap.grammar.fetch import FetchAttribute as A
from congvu.imap.grammar.fetch import Section
from congvu.imap.grammar.search import (
    SearchAnd,
    SearchDate,
    SearchFlag,
    SearchHeader,
    SearchModSeq,
    SearchNot,
    SearchOr,
    SearchSet,
    SearchSize,
    SearchText,
)
from congvu.imap.grammar.sequence import SequenceSet

S = SequenceSet.parse
PST = dt.timezone(dt.timedelta(hours=-8))
MSG = (
    b"Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)\r\nFrom: Fred Foobar <foobar@Blurdybloop.example>\r\n"
    b"Subject: afternoon meeting\r\nTo: mooch@owatagu.siam.edu.example\r\n\r\nHello Joe, do you think "
    b"we can meet at 3:30 tomorrow?\r\n"
)


def lit(data: bytes, plus: bool = False, binary: bool = False) -> bytes:
    return b"%s{%d%s}\r\n%s" % (b"~" if binary else b"", len(data), b"+" if plus else b"", data)


VECTORS: list[tuple[bytes, c.Command]] = [
    # RFC 9051 §6.1 any state
    (b"abcd CAPABILITY\r\n", c.Capability("abcd")),
    (b"a002 NOOP\r\n", c.Noop("a002")),
    (b"A023 LOGOUT\r\n", c.Logout("A023")),
    # §6.2 not authenticated
    (b"a001 STARTTLS\r\n", c.StartTls("a001")),
    (b"A001 AUTHENTICATE GSSAPI\r\n", c.Authenticate("A001", "GSSAPI")),
    (b"a001 LOGIN SMITH SESAME\r\n", c.Login("a001", "SMITH", "SESAME")),
    # RFC 4959 SASL-IR
    (
        b"a01 AUTHENTICATE PLAIN dGVzdAB0ZXN0AHRlc3Q=\r\n",
        c.Authenticate("a01", "PLAIN", b"test\x00test\x00test"),
    ),
    (b"a02 AUTHENTICATE EXTERNAL =\r\n", c.Authenticate("a02", "EXTERNAL", b"")),
    # §6.3 authenticated
    (b"A142 SELECT INBOX\r\n", c.Select("A142", "INBOX")),
    (b"A932 EXAMINE blurdybloop\r\n", c.Select("A932", "blurdybloop", readonly=True)),
    (b"A003 CREATE owatagusiam/\r\n", c.Create("A003", "owatagusiam/")),
    (b"A004 CREATE owatagusiam/blurdybloop\r\n", c.Create("A004", "owatagusiam/blurdybloop")),
    (b"A682 DELETE blurdybloop\r\n", c.Delete("A682", "blurdybloop")),
    (b"A683 RENAME blurdybloop sarasoop\r\n", c.Rename("A683", "blurdybloop", "sarasoop")),
    (b"Z432 RENAME INBOX old-mail\r\n", c.Rename("Z432", "INBOX", "old-mail")),
    (b"A002 SUBSCRIBE #news.comp.mail.mime\r\n", c.Subscribe("A002", "#news.comp.mail.mime")),
    (b"A002 UNSUBSCRIBE #news.comp.mail.mime\r\n", c.Unsubscribe("A002", "#news.comp.mail.mime")),
    (b'A101 LIST "" ""\r\n', c.List("A101", "", ("",))),
    (b'A103 LIST /usr/staff/jones ""\r\n', c.List("A103", "/usr/staff/jones", ("",))),
    (b"A202 LIST ~/Mail/ %\r\n", c.List("A202", "~/Mail/", ("%",))),
    (b'A02 LIST (SUBSCRIBED) "" "*"\r\n', c.List("A02", "", ("*",), ("SUBSCRIBED",), extended=True)),
    (
        b'A03 LIST () "" "%" RETURN (CHILDREN)\r\n',
        c.List("A03", "", ("%",), (), ("CHILDREN",), extended=True),
    ),
    (
        b'A05 LIST (REMOTE SUBSCRIBED) "" "*"\r\n',
        c.List("A05", "", ("*",), ("REMOTE", "SUBSCRIBED"), extended=True),
    ),
    (
        b'A06 LIST (SUBSCRIBED RECURSIVEMATCH) "" "%" RETURN (CHILDREN)\r\n',
        c.List("A06", "", ("%",), ("SUBSCRIBED", "RECURSIVEMATCH"), ("CHILDREN",), extended=True),
    ),
    (
        b'A07 LIST "" ("INBOX" "Drafts" "Sent/%")\r\n',
        c.List("A07", "", ("INBOX", "Drafts", "Sent/%"), extended=True),
    ),
    # RFC 5819 LIST-STATUS, RFC 6154 SPECIAL-USE
    (
        b'A01 LIST "" % RETURN (STATUS (MESSAGES UNSEEN))\r\n',
        c.List("A01", "", ("%",), (), ("STATUS",), ("MESSAGES", "UNSEEN"), extended=True),
    ),
    (b't1 LIST (SPECIAL-USE) "" "*"\r\n', c.List("t1", "", ("*",), ("SPECIAL-USE",), extended=True)),
    (
        b't3 LIST "" "%" RETURN (SPECIAL-USE)\r\n',
        c.List("t3", "", ("%",), (), ("SPECIAL-USE",), extended=True),
    ),
    (b"t1 CREATE MySpecial (USE (\\Drafts \\Sent))\r\n", c.Create("t1", "MySpecial", ("\\Drafts", "\\Sent"))),
    # RFC 3501 LSUB
    (b'A002 LSUB "#news." "comp.mail.*"\r\n', c.Lsub("A002", "#news.", "comp.mail.*")),
    (
        b"A042 STATUS blurdybloop (UIDNEXT MESSAGES)\r\n",
        c.Status("A042", "blurdybloop", ("UIDNEXT", "MESSAGES")),
    ),
    (
        b"A003 APPEND saved-messages (\\Seen) " + lit(MSG) + b"\r\n",
        c.Append("A003", "saved-messages", (c.AppendMessage(MSG, ("\\Seen",)),)),
    ),
    (
        b"A003 APPEND saved-messages (\\Seen) " + lit(MSG, plus=True) + b"\r\n",
        c.Append("A003", "saved-messages", (c.AppendMessage(MSG, ("\\Seen",)),)),
    ),
    (
        b'A004 APPEND drafts () " 7-Feb-1994 21:52:25 -0800" ' + lit(MSG) + b"\r\n",
        c.Append(
            "A004", "drafts", (c.AppendMessage(MSG, (), dt.datetime(1994, 2, 7, 21, 52, 25, tzinfo=PST)),)
        ),
    ),
    # RFC 3502 MULTIAPPEND
    (
        b"A003 APPEND saved-messages (\\Seen) "
        + lit(MSG)
        + b" (\\Seen) "
        + lit(b"Subject: 2\r\n\r\nx")
        + b"\r\n",
        c.Append(
            "A003",
            "saved-messages",
            (c.AppendMessage(MSG, ("\\Seen",)), c.AppendMessage(b"Subject: 2\r\n\r\nx", ("\\Seen",))),
        ),
    ),
    # RFC 3516 BINARY and RFC 6855 UTF8 APPEND
    (
        b"A003 APPEND Drafts (\\Seen $MDNSent) " + lit(b"a\x00b", binary=True) + b"\r\n",
        c.Append("A003", "Drafts", (c.AppendMessage(b"a\x00b", ("\\Seen", "$MDNSent"), binary=True),)),
    ),
    (
        b"A APPEND Drafts UTF8 (" + lit("Tiêu đề".encode(), binary=True) + b")\r\n",
        c.Append("A", "Drafts", (c.AppendMessage("Tiêu đề".encode(), binary=True, utf8=True),)),
    ),
    (b"A001 IDLE\r\n", c.Idle("A001")),
    (b"A001 NAMESPACE\r\n", c.Namespace("A001")),
    (b"t2 ENABLE CONDSTORE X-GOOD-IDEA\r\n", c.Enable("t2", ("CONDSTORE", "X-GOOD-IDEA"))),
    (b"A001 ENABLE UTF8=ACCEPT\r\n", c.Enable("A001", ("UTF8=ACCEPT",))),
    # RFC 2971 ID
    (
        b'a023 ID ("name" "sodr" "version" "19.34" "vendor" "Pink Floyd Music Limited")\r\n',
        c.Id("a023", (("name", "sodr"), ("version", "19.34"), ("vendor", "Pink Floyd Music Limited"))),
    ),
    (b"a023 ID NIL\r\n", c.Id("a023", None)),
    (b"a COMPRESS DEFLATE\r\n", c.Compress("a", "DEFLATE")),
    # §6.4 selected
    (b"FXXZ CHECK\r\n", c.Check("FXXZ")),
    (b"A341 CLOSE\r\n", c.Close("A341")),
    (b"A342 UNSELECT\r\n", c.Unselect("A342")),
    (b"A202 EXPUNGE\r\n", c.Expunge("A202")),
    (b"A003 UID EXPUNGE 3000:3002\r\n", c.Expunge("A003", S("3000:3002"))),
    (
        b'A282 SEARCH FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"\r\n',
        c.Search(
            "A282",
            SearchAnd(
                (
                    SearchFlag("FLAGGED"),
                    SearchDate("SINCE", dt.date(1994, 2, 1)),
                    SearchNot(SearchText("FROM", "Smith")),
                )
            ),
        ),
    ),
    (
        b'A283 SEARCH TEXT "string not in mailbox"\r\n',
        c.Search("A283", SearchText("TEXT", "string not in mailbox")),
    ),
    (
        b"A284 SEARCH CHARSET UTF-8 TEXT " + lit("мать".encode()) + b"\r\n",
        c.Search("A284", SearchText("TEXT", "мать"), charset="UTF-8"),
    ),
    # RFC 4731 ESEARCH, RFC 5182 SEARCHRES
    (
        b'A282 SEARCH RETURN (MIN COUNT) FLAGGED SINCE 1-Feb-1994 NOT FROM "Smith"\r\n',
        c.Search(
            "A282",
            SearchAnd(
                (
                    SearchFlag("FLAGGED"),
                    SearchDate("SINCE", dt.date(1994, 2, 1)),
                    SearchNot(SearchText("FROM", "Smith")),
                )
            ),
            returns=("MIN", "COUNT"),
        ),
    ),
    (b"A283 SEARCH RETURN () FLAGGED\r\n", c.Search("A283", SearchFlag("FLAGGED"), returns=())),
    (
        b"A285 UID SEARCH RETURN (MIN MAX) 1:5000\r\n",
        c.Search("A285", SearchSet(S("1:5000")), uid=True, returns=("MIN", "MAX")),
    ),
    (b"A300 SEARCH RETURN (SAVE) UNSEEN\r\n", c.Search("A300", SearchFlag("UNSEEN"), returns=("SAVE",))),
    (
        b"A301 SEARCH $ SMALLER 4096\r\n",
        c.Search("A301", SearchAnd((SearchSet(SequenceSet.LAST_RESULT), SearchSize(False, 4096)))),
    ),
    (
        b"A302 UID FETCH $ (UID FLAGS)\r\n",
        c.Fetch("A302", SequenceSet.LAST_RESULT, (A("UID"), A("FLAGS")), uid=True),
    ),
    (
        b'A303 UID SEARCH OR UID $ HEADER "Message-ID" "<x@y>"\r\n',
        c.Search(
            "A303",
            SearchOr(SearchSet(SequenceSet.LAST_RESULT, uid=True), SearchHeader("Message-ID", "<x@y>")),
            uid=True,
        ),
    ),
    (
        b"A654 FETCH 2:4 (FLAGS BODY[HEADER.FIELDS (DATE FROM)])\r\n",
        c.Fetch("A654", S("2:4"), (A("FLAGS"), A("BODY", Section((), "HEADER.FIELDS", ("DATE", "FROM"))))),
    ),
    (
        b"A655 FETCH 3 (BODY[1.2.MIME] BODY[1.TEXT]<0.2048> BODY[HEADER.FIELDS.NOT (Received)])\r\n",
        c.Fetch(
            "A655",
            S("3"),
            (
                A("BODY", Section((1, 2), "MIME")),
                A("BODY", Section((1,), "TEXT"), (0, 2048)),
                A("BODY", Section((), "HEADER.FIELDS.NOT", ("RECEIVED",))),
            ),
        ),
    ),
    (
        b"A999 UID FETCH 4827313:4828442 FLAGS\r\n",
        c.Fetch("A999", S("4827313:4828442"), (A("FLAGS"),), uid=True),
    ),
    (
        b"a FETCH 12 FULL\r\n",
        c.Fetch("a", S("12"), (A("FLAGS"), A("INTERNALDATE"), A("RFC822.SIZE"), A("ENVELOPE"), A("BODY"))),
    ),
    (
        b"a FETCH 1 (RFC822 RFC822.HEADER RFC822.TEXT)\r\n",
        c.Fetch("a", S("1"), (A("RFC822"), A("RFC822.HEADER"), A("RFC822.TEXT"))),
    ),
    # RFC 3516 BINARY
    (b"t101 FETCH 1 (BINARY[1.1])\r\n", c.Fetch("t101", S("1"), (A("BINARY", Section((1, 1))),))),
    (
        b"t102 FETCH 1 (BINARY.PEEK[2]<0.100> BINARY.SIZE[3])\r\n",
        c.Fetch(
            "t102", S("1"), (A("BINARY", Section((2,)), (0, 100), peek=True), A("BINARY.SIZE", Section((3,))))
        ),
    ),
    (b"A003 STORE 2:4 +FLAGS (\\Deleted)\r\n", c.Store("A003", S("2:4"), "+", False, ("\\Deleted",))),
    (
        b"A004 STORE 1 FLAGS.SILENT (\\Seen $Forwarded)\r\n",
        c.Store("A004", S("1"), "", True, ("\\Seen", "$Forwarded")),
    ),
    (b"A003 COPY 2:4 MEETING\r\n", c.Copy("A003", S("2:4"), "MEETING")),
    (b"a UID MOVE 42:69 foo\r\n", c.Move("a", S("42:69"), "foo", uid=True)),
    (b"a MOVE 1:3 Trash\r\n", c.Move("a", S("1:3"), "Trash")),
    # RFC 7162 CONDSTORE / QRESYNC
    (b"A142 SELECT INBOX (CONDSTORE)\r\n", c.Select("A142", "INBOX", condstore=True)),
    (
        b"a FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)\r\n",
        c.Fetch("a", S("1:*"), (A("FLAGS"),), changed_since=12345),
    ),
    (
        b"s100 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345 VANISHED)\r\n",
        c.Fetch("s100", S("1:*"), (A("FLAGS"),), uid=True, changed_since=12345, vanished=True),
    ),
    (
        b"a103 UID STORE 6,4,8 (UNCHANGEDSINCE 12121230045) +FLAGS.SILENT (\\Deleted)\r\n",
        c.Store("a103", S("6,4,8"), "+", True, ("\\Deleted",), uid=True, unchanged_since=12121230045),
    ),
    (
        b'a SEARCH MODSEQ "/flags/\\\\draft" all 620162338\r\n',
        c.Search("a", SearchModSeq(620162338, ("/flags/\\draft", "all"))),
    ),
    (
        b"t SEARCH OR NOT MODSEQ 720162338 LARGER 50000\r\n",
        c.Search("t", SearchOr(SearchNot(SearchModSeq(720162338)), SearchSize(True, 50000))),
    ),
    (
        b"A042 STATUS blurdybloop (UIDNEXT MESSAGES HIGHESTMODSEQ)\r\n",
        c.Status("A042", "blurdybloop", ("UIDNEXT", "MESSAGES", "HIGHESTMODSEQ")),
    ),
    (
        b"A02 SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))\r\n",
        c.Select(
            "A02", "INBOX", qresync=c.QResyncParams(67890007, 20050715194045000, S("41,43:211,214:541"))
        ),
    ),
    (
        b"B04 SELECT INBOX (QRESYNC (67890007 90060115194045000 1:29997 (5000,7500,9000,9990:9999 "
        b"15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997)))\r\n",
        c.Select(
            "B04",
            "INBOX",
            qresync=c.QResyncParams(
                67890007,
                90060115194045000,
                S("1:29997"),
                (
                    S("5000,7500,9000,9990:9999"),
                    S("15000,22500,27000,29970,29973,29976,29979,29982,29985,29988,29991,29994,29997"),
                ),
            ),
        ),
    ),
    # RFC 7889 APPENDLIMIT, RFC 9208 QUOTA
    (b"a STATUS INBOX (APPENDLIMIT)\r\n", c.Status("a", "INBOX", ("APPENDLIMIT",))),
    (b'G0001 GETQUOTA "!partition.sda4"\r\n', c.GetQuota("G0001", "!partition.sda4")),
    (b"A003 GETQUOTAROOT INBOX\r\n", c.GetQuotaRoot("A003", "INBOX")),
    (
        b'S0001 SETQUOTA "#user/alice" (STORAGE 510)\r\n',
        c.SetQuota("S0001", "#user/alice", (("STORAGE", 510),)),
    ),
    (
        b'S0002 SETQUOTA "" (STORAGE 512 MESSAGE 1000)\r\n',
        c.SetQuota("S0002", "", (("STORAGE", 512), ("MESSAGE", 1000))),
    ),
    # RFC 4314 ACL
    (b"A001 GETACL INBOX\r\n", c.GetAcl("A001", "INBOX")),
    (b"A035 SETACL INBOX/Drafts John lrQswicda\r\n", c.SetAcl("A035", "INBOX/Drafts", "John", "lrQswicda")),
    (b"A036 SETACL INBOX/Drafts Chris +cda\r\n", c.SetAcl("A036", "INBOX/Drafts", "Chris", "+cda")),
    (b"A002 DELETEACL INBOX/Drafts Chris\r\n", c.DeleteAcl("A002", "INBOX/Drafts", "Chris")),
    (b"a LISTRIGHTS ~/Mail/saved smith\r\n", c.ListRights("a", "~/Mail/saved", "smith")),
    (b"A003 MYRIGHTS INBOX\r\n", c.MyRights("A003", "INBOX")),
    # RFC 5256 SORT / THREAD
    (
        b"A282 SORT (SUBJECT) UTF-8 SINCE 1-Feb-1994\r\n",
        c.Sort("A282", (c.SortCriterion("SUBJECT"),), "UTF-8", SearchDate("SINCE", dt.date(1994, 2, 1))),
    ),
    (
        b"A283 SORT (SUBJECT REVERSE DATE) UTF-8 ALL\r\n",
        c.Sort(
            "A283", (c.SortCriterion("SUBJECT"), c.SortCriterion("DATE", True)), "UTF-8", SearchFlag("ALL")
        ),
    ),
    (
        b'A284 UID SORT (SUBJECT) US-ASCII TEXT "not in mailbox"\r\n',
        c.Sort(
            "A284", (c.SortCriterion("SUBJECT"),), "US-ASCII", SearchText("TEXT", "not in mailbox"), uid=True
        ),
    ),
    (
        b"A283 THREAD ORDEREDSUBJECT UTF-8 SINCE 5-MAR-2000\r\n",
        c.Thread("A283", "ORDEREDSUBJECT", "UTF-8", SearchDate("SINCE", dt.date(2000, 3, 5))),
    ),
    (
        b'A284 UID THREAD REFERENCES US-ASCII TEXT "gewp"\r\n',
        c.Thread("A284", "REFERENCES", "US-ASCII", SearchText("TEXT", "gewp"), uid=True),
    ),
    # RFC 9051 §6.3.9 / RFC 5258 §5 more LIST forms
    (b'A102 LIST #news.comp.mail.misc ""\r\n', c.List("A102", "#news.comp.mail.misc", ("",))),
    (
        b'A04 LIST (REMOTE) "" "%" RETURN (CHILDREN)\r\n',
        c.List("A04", "", ("%",), ("REMOTE",), ("CHILDREN",), extended=True),
    ),
    (b'A08 LIST "" "foo/%" RETURN ()\r\n', c.List("A08", "", ("foo/%",), extended=True)),
    # RFC 9051 §4.3 literal example (synchronising form)
    (b"A001 LOGIN {11}\r\nFRED FOOBAR {7}\r\nfat man\r\n", c.Login("A001", "FRED FOOBAR", "fat man")),
    # RFC 7888 LITERAL+ example
    (b"A001 LOGIN {11+}\r\nFRED FOOBAR {7+}\r\nfat man\r\n", c.Login("A001", "FRED FOOBAR", "fat man")),
]


@pytest.mark.parametrize(("wire", "expected"), VECTORS, ids=[v[0][:40].decode("latin-1") for v in VECTORS])
def test_rfc_vector(wire: bytes, expected: c.Command) -> None:
    assert parse_command(wire) == expected


def test_bad_charset_is_no_badcharset() -> None:
    error = parse_command(b"A286 SEARCH CHARSET X-NO-SUCH-CHARSET TEXT foo\r\n")
    assert isinstance(error, ParseError)
    assert (error.status, error.code, error.tag) == ("NO", "BADCHARSET", "A286")


def test_search_charset_other_than_utf8_decodes() -> None:
    cmd = parse_command(b'a SEARCH CHARSET ISO-8859-1 SUBJECT "caf\xe9"\r\n')
    assert cmd == c.Search("a", SearchText("SUBJECT", "café"), charset="ISO-8859-1")


def test_idle_then_done_in_line_mode() -> None:
    from congvu.imap.grammar import ClientLine, CommandParser

    parser = CommandParser()
    parser.feed(b"A001 IDLE\r\n")
    assert parser.next() == c.Idle("A001")
    parser.expect_line()
    assert parser.next() is None
    parser.feed(b"done\r\nA002 NOOP\r\n")
    line = parser.next()
    assert isinstance(line, ClientLine)
    assert line.is_done
    assert parser.next() == c.Noop("A002")


def test_authenticate_continuation_lines_and_cancel() -> None:
    from congvu.imap.grammar import ClientLine, CommandParser

    parser = CommandParser()
    parser.feed(b"A001 AUTHENTICATE GSSAPI\r\n")
    assert parser.next() == c.Authenticate("A001", "GSSAPI")
    parser.expect_line()
    parser.feed(b"YIIB+wYJKoZIhvcSAQICAQBuggHqMIIB5qADAgEFoQMCAQ6iBw==\r\n")
    step = parser.next()
    assert isinstance(step, ClientLine)
    assert not step.is_cancel
    assert step.data.startswith(b"YIIB")
    parser.expect_line()
    parser.feed(b"*\r\n")
    cancel = parser.next()
    assert isinstance(cancel, ClientLine)
    assert cancel.is_cancel
