"""RFC server-output examples: each typed response serializes to the RFC's exact bytes.

Sources: RFC 3501 (§6-§8), RFC 9051 (§6-§8), RFC 5530 codes (as kept in RFC 9051 §7.1),
RFC 4315 UIDPLUS, RFC 7162 CONDSTORE/QRESYNC, RFC 9208 QUOTA, RFC 4731 ESEARCH (as
kept in RFC 9051), RFC 5256 SORT/THREAD, RFC 2342 NAMESPACE (as kept in RFC 9051),
RFC 2971 ID, RFC 5161 ENABLE, RFC 5258 LIST-EXTENDED and RFC 5819 LIST-STATUS (as kept in
RFC 9051 §6.3.9), RFC 6154 SPECIAL-USE attributes, RFC 4314 ACL, RFC 6851 MOVE, RFC 7889
APPENDLIMIT.  Lines the RFCs wrap for width are joined with one space.

Left out on purpose, each a defect of the example rather than of the serializer:
``B283 NO [BADCHARSET UTF-8] …`` (RFC 9051 §6.4.4.4: the ABNF wants ``(UTF-8)``),
``* NAMESPACE (("INBOX." ".")) NIL  NIL`` (two spaces), ``* LIST () "." "foo"
(CHILDINFO ("SUBSCRIBED"))`` (unquoted tag, unlike every other example), ``a107 OK``
(RFC 7162; IMAP4rev1 needs text — we write ``completed``) and the LIST ``tablecloth``
example (free-form extended data, which the typed ListItem does not model).
"""

from __future__ import annotations

import base64
from datetime import datetime, timedelta, timezone

import pytest

from congvu.imap.grammar import responses as r
from congvu.imap.grammar import serialize
from congvu.imap.grammar.sequence import SequenceSet
from congvu.imap.grammar.serialize import SerializeOptions
from tests.imap_grammar.test_serialize_properties import read_responses

DEF = SerializeOptions()
Q = SerializeOptions(quote_names=True)
SYS = ("\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft")
S = SequenceSet.parse
U = SequenceSet.from_uids
OK, NO, BAD = r.StatusResponse.ok, r.StatusResponse.no, r.StatusResponse.bad


def lst(name: str, *attrs: str, d: str | None = "/", **kw: object) -> r.ListItem:
    return r.ListItem(name, d, attrs, **kw)  # type: ignore[arg-type]


def fetch(seq: int, *items: r.FetchItem) -> r.Fetch:
    return r.Fetch(seq, items)


def ns(*entries: tuple[str, str]) -> tuple[r.NamespaceEntry, ...]:
    return tuple(r.NamespaceEntry(p, d) for p, d in entries)


def thread(text: str) -> r.Thread:
    """Build the typed tree from RFC 5256 text with a tiny parser written for this test."""
    pos = 0

    def members() -> r.ThreadNode:
        nonlocal pos
        numbers: list[int] = []
        kids: list[r.ThreadNode] = []
        while text[pos] != ")":
            if text[pos] == " ":
                pos += 1
            elif text[pos] == "(":
                pos += 1
                kids.append(members())
                pos += 1
            else:
                end = pos
                while text[end].isdigit():
                    end += 1
                numbers.append(int(text[pos:end]))
                pos = end
        node = r.ThreadNode(None, tuple(kids)) if not numbers else None
        for n in reversed(numbers):
            node = r.ThreadNode(n, tuple(kids) if node is None else (node,))
        assert node is not None
        return node

    roots = []
    while pos < len(text):
        assert text[pos] == "("
        pos += 1
        roots.append(members())
        pos += 1
    return r.Thread(tuple(roots))


HEADER_342 = (
    b"Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n"
    b"From: Terry Gray <gray@cac.washington.edu>\r\n"
    b"Subject: IMAP4rev1 WG mtg summary and minutes\r\n"
    b"To: imap@cac.washington.edu\r\n"
    b"cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n"
    b"Message-Id: <B27397-0100000@cac.washington.edu>\r\n"
    b"MIME-Version: 1.0\r\n"
    b"Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n"
    b"\r\n"
)
ENVELOPE = (
    b'("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)" "IMAP4rev1 WG mtg summary and minutes" '
    b'(("Terry Gray" NIL "gray" "cac.washington.edu")) (("Terry Gray" NIL "gray" "cac.washington.edu")) '
    b'(("Terry Gray" NIL "gray" "cac.washington.edu")) ((NIL NIL "imap" "cac.washington.edu")) '
    b'((NIL NIL "minutes" "CNRI.Reston.VA.US") ("John Klensin" NIL "KLENSIN" "MIT.EDU")) NIL NIL '
    b'"<B27397-0100000@cac.washington.edu>")'
)
BODY = b'("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92)'
PDT = timezone(-timedelta(hours=7))
INTERNALDATE = datetime(1996, 7, 17, 2, 44, 25, tzinfo=PDT)
SCRAM_1 = (
    "cj1yT3ByTkdmd0ViZVJXZ2JORWtxTyVodllEcFdVYTJSYVRDQWZ1eEZJbGopaE"
    "5sRiRrMCxzPVcyMlphSjBTTlk3c29Fc1VFamI2Z1E9PSxpPTQwOTY="
)
SCRAM_2 = "dj02cnJpVFJCaTIzV3BSUi93dHVwK21NaFVaVW4vZEI1bkxUSlJzamw5NUc0PQ=="

THREAD_ORDEREDSUBJECT = (
    "(166)(167)(168)(169)(172)(170)(171)(173)(174 (175)(176)(178)(181)(180))(179)"
    "(177 (183)(182)(188)(184)(185)(186)(187)(189))(190)(191)(192)(193)(194 195)"
    "(196 (197)(198))(199)(200 202)(201)(203)(204)(205)(206 207)(208)"
)
THREAD_REFERENCES = (
    "(166)(167)(168)(169)(172)((170)(179))(171)(173)((174)(175)(176)(178)(181)(180))"
    "((177)(183)(182)(188 (184)(189))(185 186)(187))(190)(191)(192)(193)((194)(195 196))"
    "(197 198)(199)(200 202)(201)(203)(204)(205 206 207)(208)"
)

Vector = tuple[str, str | bytes, r.Response, SerializeOptions]

VECTORS: list[Vector] = [
    # ---------------------------------------------------------------- RFC 3501
    (
        "3501 6.1.1",
        "* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED",
        r.Capability(("IMAP4rev1", "STARTTLS", "AUTH=GSSAPI", "LOGINDISABLED")),
        DEF,
    ),
    ("3501 6.1.1", "abcd OK CAPABILITY completed", OK("abcd", "CAPABILITY completed"), DEF),
    (
        "3501 6.1.1",
        "* CAPABILITY IMAP4rev1 AUTH=GSSAPI AUTH=PLAIN",
        r.Capability(("IMAP4rev1", "AUTH=GSSAPI", "AUTH=PLAIN")),
        DEF,
    ),
    ("3501 6.1.2", "* 22 EXPUNGE", r.Expunge(22), DEF),
    ("3501 6.1.2", "* 23 EXISTS", r.Exists(23), DEF),
    ("3501 6.1.2", "* 3 RECENT", r.Recent(3), DEF),
    (
        "3501 6.1.2",
        "* 14 FETCH (FLAGS (\\Seen \\Deleted))",
        fetch(14, r.FetchFlags(("\\Seen", "\\Deleted"))),
        DEF,
    ),
    (
        "3501 6.1.3",
        "* BYE IMAP4rev1 Server logging out",
        r.StatusResponse.bye("IMAP4rev1 Server logging out"),
        DEF,
    ),
    ("3501 6.1.3", "A023 OK LOGOUT completed", OK("A023", "LOGOUT completed"), DEF),
    ("3501 6.2.1", "a002 OK Begin TLS negotiation now", OK("a002", "Begin TLS negotiation now"), DEF),
    (
        "3501 6.2.2",
        "+ YGgGCSqGSIb3EgECAgIAb1kwV6ADAgEFoQMCAQ+iSzBJoAMC",
        r.Challenge(base64.b64decode("YGgGCSqGSIb3EgECAgIAb1kwV6ADAgEFoQMCAQ+iSzBJoAMC")),
        DEF,
    ),
    (
        "3501 6.2.2",
        "A001 OK GSSAPI authentication successful",
        OK("A001", "GSSAPI authentication successful"),
        DEF,
    ),
    ("3501 6.3.1", "* 172 EXISTS", r.Exists(172), DEF),
    ("3501 6.3.1", "* 1 RECENT", r.Recent(1), DEF),
    (
        "3501 6.3.1",
        "* OK [UNSEEN 12] Message 12 is first unseen",
        OK(None, "Message 12 is first unseen", r.unseen(12)),
        DEF,
    ),
    (
        "3501 6.3.1",
        "* OK [UIDVALIDITY 3857529045] UIDs valid",
        OK(None, "UIDs valid", r.uidvalidity(3857529045)),
        DEF,
    ),
    (
        "3501 6.3.1",
        "* OK [UIDNEXT 4392] Predicted next UID",
        OK(None, "Predicted next UID", r.uidnext(4392)),
        DEF,
    ),
    ("3501 6.3.1", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)", r.Flags(SYS), DEF),
    (
        "3501 6.3.1",
        "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited",
        OK(None, "Limited", r.PermanentFlagsCode(("\\Deleted", "\\Seen", "\\*"))),
        DEF,
    ),
    (
        "3501 6.3.1",
        "A142 OK [READ-WRITE] SELECT completed",
        OK("A142", "SELECT completed", r.READ_WRITE),
        DEF,
    ),
    (
        "3501 6.3.2",
        "* OK [PERMANENTFLAGS ()] No permanent flags permitted",
        OK(None, "No permanent flags permitted", r.PermanentFlagsCode(())),
        DEF,
    ),
    (
        "3501 6.3.2",
        "A932 OK [READ-ONLY] EXAMINE completed",
        OK("A932", "EXAMINE completed", r.READ_ONLY),
        DEF,
    ),
    ("3501 6.3.4", '* LIST () "/" blurdybloop', lst("blurdybloop"), DEF),
    ("3501 6.3.4", '* LIST (\\Noselect) "/" foo', lst("foo", "\\Noselect"), DEF),
    ("3501 6.3.4", '* LIST () "/" foo/bar', lst("foo/bar"), DEF),
    (
        "3501 6.3.4",
        'A684 NO Name "foo" has inferior hierarchical names',
        NO("A684", 'Name "foo" has inferior hierarchical names'),
        DEF,
    ),
    ("3501 6.3.4", '* LIST () "." foo.bar', lst("foo.bar", d="."), DEF),
    ("3501 6.3.5", '* LIST () "." INBOX', lst("INBOX", d="."), DEF),
    ("3501 6.3.5", '* LIST () "." old-mail', lst("old-mail", d="."), DEF),
    ("3501 6.3.8", '* LIST (\\Noselect) "/" ""', lst("", "\\Noselect"), DEF),
    ("3501 6.3.8", '* LIST (\\Noselect) "." #news.', lst("#news.", "\\Noselect", d="."), DEF),
    ("3501 6.3.8", '* LIST (\\Noselect) "/" /', lst("/", "\\Noselect"), DEF),
    ("3501 6.3.8", '* LIST (\\Noselect) "/" ~/Mail/foo', lst("~/Mail/foo", "\\Noselect"), DEF),
    ("3501 6.3.8", '* LIST () "/" ~/Mail/meetings', lst("~/Mail/meetings"), DEF),
    ("3501 6.3.9", '* LSUB () "." #news.comp.mail.mime', lst("#news.comp.mail.mime", d=".", lsub=True), DEF),
    (
        "3501 6.3.9",
        '* LSUB (\\NoSelect) "." #news.comp.mail',
        lst("#news.comp.mail", "\\NoSelect", d=".", lsub=True),
        DEF,
    ),
    (
        "3501 6.3.10",
        "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)",
        r.MailboxStatus("blurdybloop", (("MESSAGES", 231), ("UIDNEXT", 44292))),
        DEF,
    ),
    ("3501 6.3.11", "+ Ready for literal data", r.Continuation("Ready for literal data"), DEF),
    ("3501 6.4.3", "* 8 EXPUNGE", r.Expunge(8), DEF),
    ("3501 6.4.4", "* SEARCH 2 84 882", r.Search((2, 84, 882)), DEF),
    ("3501 6.4.4", "* SEARCH", r.Search(()), DEF),
    ("3501 6.4.4", "* SEARCH 43", r.Search((43,)), DEF),
    (
        "3501 6.4.6",
        "* 2 FETCH (FLAGS (\\Deleted \\Seen))",
        fetch(2, r.FetchFlags(("\\Deleted", "\\Seen"))),
        DEF,
    ),
    (
        "3501 6.4.6",
        "* 4 FETCH (FLAGS (\\Deleted \\Flagged \\Seen))",
        fetch(4, r.FetchFlags(("\\Deleted", "\\Flagged", "\\Seen"))),
        DEF,
    ),
    (
        "3501 6.4.8",
        "* 23 FETCH (FLAGS (\\Seen) UID 4827313)",
        fetch(23, r.FetchFlags(("\\Seen",)), r.FetchUid(4827313)),
        DEF,
    ),
    ("3501 6.5.1", "* CAPABILITY IMAP4rev1 XPIG-LATIN", r.Capability(("IMAP4rev1", "XPIG-LATIN")), DEF),
    ("3501 6.5.1", "A442 OK XPIG-LATIN ompleted-cay", OK("A442", "XPIG-LATIN ompleted-cay"), DEF),
    ("3501 7.1.1", "* OK IMAP4rev1 server ready", OK(None, "IMAP4rev1 server ready"), DEF),
    (
        "3501 7.1.1",
        "* OK [ALERT] System shutdown in 10 minutes",
        OK(None, "System shutdown in 10 minutes", r.ALERT),
        DEF,
    ),
    (
        "3501 7.1.2",
        "* NO Disk is 98% full, please delete unnecessary data",
        NO(None, "Disk is 98% full, please delete unnecessary data"),
        DEF,
    ),
    ("3501 7.1.2", "A223 NO COPY failed: disk is full", NO("A223", "COPY failed: disk is full"), DEF),
    ("3501 7.1.3", "* BAD Command line too long", BAD(None, "Command line too long"), DEF),
    (
        "3501 7.1.3",
        "* BAD Disk crash, attempting salvage to a new disk!",
        BAD(None, "Disk crash, attempting salvage to a new disk!"),
        DEF,
    ),
    (
        "3501 7.1.4",
        "* PREAUTH IMAP4rev1 server logged in as Smith",
        r.StatusResponse.preauth("IMAP4rev1 server logged in as Smith"),
        DEF,
    ),
    (
        "3501 7.1.5",
        "* BYE Autologout; idle for too long",
        r.StatusResponse.bye("Autologout; idle for too long"),
        DEF,
    ),
    (
        "3501 7.4.2",
        "* 23 FETCH (FLAGS (\\Seen) RFC822.SIZE 44827)",
        fetch(23, r.FetchFlags(("\\Seen",)), r.FetchSize(44827)),
        DEF,
    ),
    (
        "3501 7.5",
        'A044 BAD No such command as "BLURDYBLOOP"',
        BAD("A044", 'No such command as "BLURDYBLOOP"'),
        DEF,
    ),
    (
        "3501 8",
        "* OK [UNSEEN 17] Message 17 is the first unseen message",
        OK(None, "Message 17 is the first unseen message", r.unseen(17)),
        DEF,
    ),
    (
        "3501 8",
        b'* 12 FETCH (FLAGS (\\Seen) INTERNALDATE "17-Jul-1996 02:44:25 -0700" RFC822.SIZE 4286 ENVELOPE '
        + ENVELOPE
        + b" BODY "
        + BODY
        + b")",
        fetch(
            12,
            r.FetchFlags(("\\Seen",)),
            r.FetchInternalDate(INTERNALDATE),
            r.FetchSize(4286),
            r.FetchRaw("ENVELOPE", ENVELOPE),
            r.FetchRaw("BODY", BODY),
        ),
        DEF,
    ),
    (
        "3501 8",
        b"* 12 FETCH (BODY[HEADER] {342}\r\n" + HEADER_342 + b")",
        fetch(12, r.FetchSection("HEADER", HEADER_342)),
        DEF,
    ),
    (
        "3501 8",
        "* BYE IMAP4rev1 server terminating connection",
        r.StatusResponse.bye("IMAP4rev1 server terminating connection"),
        DEF,
    ),
    # ---------------------------------------------------------------- RFC 9051 (+ RFC 5161 ENABLE)
    (
        "9051 6.3.1",
        "* CAPABILITY IMAP4rev2 ID LITERAL+ X-GOOD-IDEA",
        r.Capability(("IMAP4rev2", "ID", "LITERAL+", "X-GOOD-IDEA")),
        DEF,
    ),
    ("9051 6.3.1 / 5161", "* ENABLED X-GOOD-IDEA", r.Enabled(("X-GOOD-IDEA",)), DEF),
    ("9051 6.3.1 / 5161", "t2 OK foo", OK("t2", "foo"), DEF),
    ("9051 6.3.1", "* ENABLED CONDSTORE", r.Enabled(("CONDSTORE",)), DEF),
    ("9051 6.3.1", "a1 OK Conditional Store enabled", OK("a1", "Conditional Store enabled"), DEF),
    (
        "5161 3.1",
        "* CAPABILITY IMAP4rev1 ID LITERAL+ ENABLE X-GOOD-IDEA",
        r.Capability(("IMAP4rev1", "ID", "LITERAL+", "ENABLE", "X-GOOD-IDEA")),
        DEF,
    ),
    ("9051 6.3.2", '* LIST () "/" INBOX', lst("INBOX"), DEF),
    (
        "9051 6.3.2",
        "* OK [CLOSED] Previous mailbox is now closed",
        OK(None, "Previous mailbox is now closed", r.CLOSED),
        DEF,
    ),
    (
        "9051 6.3.2",
        "* OK [UIDVALIDITY 9877410381] UIDs valid",
        OK(None, "UIDs valid", r.uidvalidity(9877410381)),
        DEF,
    ),
    (
        "9051 6.3.2",
        "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\Answered \\Flagged \\Draft \\*)] "
        "System flags and keywords allowed",
        OK(
            None,
            "System flags and keywords allowed",
            r.PermanentFlagsCode(("\\Deleted", "\\Seen", "\\Answered", "\\Flagged", "\\Draft", "\\*")),
        ),
        DEF,
    ),
    (
        "9051 6.3.4",
        '* LIST () "/" "Normalized" ("OLDNAME" ("NonNormalized"))',
        lst("Normalized", oldname="NonNormalized"),
        Q,
    ),
    ("9051 6.3.6", '* LIST (\\Noselect) "/" zowie', lst("zowie", "\\Noselect"), DEF),
    ("9051 6.3.6", '* LIST () "." INBOX.bar', lst("INBOX.bar", d="."), DEF),
    ("9051 6.3.7", "A002 OK SUBSCRIBE completed", OK("A002", "SUBSCRIBE completed"), DEF),
    (
        "9051 6.3.9.3",
        '* LIST (\\Subscribed \\NonExistent) "/" "Fruit/Peach"',
        lst("Fruit/Peach", "\\Subscribed", "\\NonExistent"),
        Q,
    ),
    (
        "9051 6.3.9.7",
        '* LIST (\\NonExistent) "." "INBOX.DeletedMailbox"',
        lst("INBOX.DeletedMailbox", "\\NonExistent", d="."),
        Q,
    ),
    (
        "9051 6.3.9.7",
        '* LIST () "/" "NewMailbox" ("OLDNAME" ("OldMailbox"))',
        lst("NewMailbox", oldname="OldMailbox"),
        Q,
    ),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST (\\Marked \\NoInferiors) "/" "inbox"',
        lst("inbox", "\\Marked", "\\NoInferiors"),
        Q,
    ),
    ("9051 6.3.9.8 / 5258", '* LIST () "/" "Fruit/Apple"', lst("Fruit/Apple"), Q),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST (\\Marked \\NoInferiors \\Subscribed) "/" "inbox"',
        lst("inbox", "\\Marked", "\\NoInferiors", "\\Subscribed"),
        Q,
    ),
    ("9051 6.3.9.8 / 5258", '* LIST (\\HasChildren) "/" "Fruit"', lst("Fruit", "\\HasChildren"), Q),
    ("9051 6.3.9.8 / 5258", '* LIST (\\HasNoChildren) "/" "Tofu"', lst("Tofu", "\\HasNoChildren"), Q),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST (\\Remote \\HasNoChildren) "/" "Bread"',
        lst("Bread", "\\Remote", "\\HasNoChildren"),
        Q,
    ),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST (\\HasChildren \\Remote) "/" "Meat"',
        lst("Meat", "\\HasChildren", "\\Remote"),
        Q,
    ),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST () "/" "Foo" ("CHILDINFO" ("SUBSCRIBED"))',
        lst("Foo", childinfo=("SUBSCRIBED",)),
        Q,
    ),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST (\\Subscribed \\HasChildren) "/" "Foo" ("CHILDINFO" ("SUBSCRIBED"))',
        lst("Foo", "\\Subscribed", "\\HasChildren", childinfo=("SUBSCRIBED",)),
        Q,
    ),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST (\\NonExistent) "/" "qux2" ("CHILDINFO" ("SUBSCRIBED"))',
        lst("qux2", "\\NonExistent", childinfo=("SUBSCRIBED",)),
        Q,
    ),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST (\\Subscribed \\NonExistent) "/" foo/bar',
        lst("foo/bar", "\\Subscribed", "\\NonExistent"),
        DEF,
    ),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST (\\HasNoChildren) "/" foo ("CHILDINFO" ("SUBSCRIBED"))',
        lst("foo", "\\HasNoChildren", childinfo=("SUBSCRIBED",)),
        DEF,
    ),
    ("9051 6.3.9.8 / 5258", '* LIST (\\Remote) "/" also/jazz', lst("also/jazz", "\\Remote"), DEF),
    (
        "9051 6.3.9.8 / 5258",
        '* LIST (\\NonExistent \\HasChildren) "/" music',
        lst("music", "\\NonExistent", "\\HasChildren"),
        DEF,
    ),
    ("9051 6.3.9.8 / 5819", '* LIST () "." "INBOX"', lst("INBOX", d="."), Q),
    (
        "9051 6.3.9.8 / 5819",
        '* STATUS "INBOX" (MESSAGES 17 UNSEEN 16)',
        r.MailboxStatus("INBOX", (("MESSAGES", 17), ("UNSEEN", 16))),
        Q,
    ),
    (
        "9051 6.3.9.8 / 5819",
        '* STATUS "foo" (MESSAGES 30 UNSEEN 29)',
        r.MailboxStatus("foo", (("MESSAGES", 30), ("UNSEEN", 29))),
        Q,
    ),
    ("9051 6.3.9.8 / 5819", '* LIST (\\NoSelect) "." "bar"', lst("bar", "\\NoSelect", d="."), Q),
    (
        "9051 6.3.9.8 / 5819",
        '* STATUS "INBOX" (MESSAGES 17)',
        r.MailboxStatus("INBOX", (("MESSAGES", 17),)),
        Q,
    ),
    ("9051 6.3.10 / 2342", '* NAMESPACE (("" "/")) NIL NIL', r.Namespace(ns(("", "/"))), DEF),
    ("9051 6.3.10 / 2342", '* NAMESPACE NIL NIL (("" "."))', r.Namespace(None, None, ns(("", "."))), DEF),
    (
        "9051 6.3.10 / 2342",
        '* NAMESPACE (("" "/")) NIL (("Public Folders/" "/"))',
        r.Namespace(ns(("", "/")), None, ns(("Public Folders/", "/"))),
        DEF,
    ),
    (
        "9051 6.3.10 / 2342",
        '* NAMESPACE (("" "/")) (("~" "/")) (("#shared/" "/")("#public/" "/")("#ftp/" "/")("#news." "."))',
        r.Namespace(
            ns(("", "/")),
            ns(("~", "/")),
            ns(("#shared/", "/"), ("#public/", "/"), ("#ftp/", "/"), ("#news.", ".")),
        ),
        DEF,
    ),
    (
        "9051 6.3.10",
        '* NAMESPACE (("" "/")("#mh/" "/" "X-PARAM" ("FLAG1" "FLAG2"))) NIL NIL',
        r.Namespace(
            (r.NamespaceEntry("", "/"), r.NamespaceEntry("#mh/", "/", (("X-PARAM", ("FLAG1", "FLAG2")),)))
        ),
        DEF,
    ),
    (
        "9051 6.3.10 / 6154",
        '* LIST (\\NonExistent \\Archive) "/" Archives',
        lst("Archives", "\\NonExistent", "\\Archive"),
        DEF,
    ),
    (
        "9051 6.3.10 / 6154",
        '* LIST (\\NonExistent \\Sent) "/" "Sent Mail"',
        lst("Sent Mail", "\\NonExistent", "\\Sent"),
        DEF,
    ),
    (
        "9051 6.3.10 / 6154",
        '* LIST (\\NonExistent \\Trash) "/" "Deleted Items"',
        lst("Deleted Items", "\\NonExistent", "\\Trash"),
        DEF,
    ),
    (
        "9051 6.3.10 / 6154",
        '* LIST (\\NonExistent \\Sent) "/" "#mh/Sent Mail"',
        lst("#mh/Sent Mail", "\\NonExistent", "\\Sent"),
        DEF,
    ),
    (
        "9051 6.3.10 / 2342",
        '* NAMESPACE (("" "/")) (("Other Users/" "/")) NIL',
        r.Namespace(ns(("", "/")), ns(("Other Users/", "/"))),
        DEF,
    ),
    ("9051 6.3.10", '* LIST () "/" "Other Users/Mike"', lst("Other Users/Mike"), DEF),
    (
        "9051 6.3.10 / 2342",
        '* NAMESPACE (("" "/")) (("#Users/" "/")) NIL',
        r.Namespace(ns(("", "/")), ns(("#Users/", "/"))),
        DEF,
    ),
    (
        "9051 6.3.10",
        "A002 NO The requested item could not be found.",
        NO("A002", "The requested item could not be found."),
        DEF,
    ),
    ("9051 6.3.10", '* LIST () "/" "~mark/INBOX"', lst("~mark/INBOX"), Q),
    (
        "9051 6.3.12 / 4315",
        "A003 OK [APPENDUID 38505 3955] APPEND completed",
        OK("A003", "APPEND completed", r.AppendUidCode(38505, S("3955"))),
        DEF,
    ),
    (
        "9051 6.3.12 / 4315",
        "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done",
        OK("A004", "Done", r.CopyUidCode(38505, U([304, 319, 320]), U([3956, 3957, 3958]))),
        DEF,
    ),
    (
        "9051 6.3.12 / 4315",
        "A005 OK No matching messages, so nothing copied",
        OK("A005", "No matching messages, so nothing copied"),
        DEF,
    ),
    (
        "9051 6.3.12",
        "* OK [UIDVALIDITY 3857529045] Validity session-only",
        OK(None, "Validity session-only", r.uidvalidity(3857529045)),
        DEF,
    ),
    (
        "9051 6.3.12 / 4315",
        "* NO [UIDNOTSTICKY] Non-persistent UIDs",
        NO(None, "Non-persistent UIDs", r.UIDNOTSTICKY),
        DEF,
    ),
    (
        "9051 6.3.12",
        "* OK [PERMANENTFLAGS (\\Deleted \\Seen)] Limited",
        OK(None, "Limited", r.PermanentFlagsCode(("\\Deleted", "\\Seen"))),
        DEF,
    ),
    ("9051 6.3.12", '* LIST () "." funny', lst("funny", d="."), DEF),
    (
        "9051 6.3.13",
        "* FLAGS (\\Deleted \\Seen \\Flagged)",
        r.Flags(("\\Deleted", "\\Seen", "\\Flagged")),
        DEF,
    ),
    ("9051 6.3.13", "* OK [UIDVALIDITY 1]", OK(None, "", r.uidvalidity(1)), DEF),
    ("9051 6.3.13", "* OK [UIDNEXT 1]", OK(None, "", r.uidnext(1)), DEF),
    ("9051 6.3.13", "+ idling", r.Continuation("idling"), DEF),
    ("9051 6.3.13", "A002 OK IDLE terminated", OK("A002", "IDLE terminated"), DEF),
    ("9051 6.4.2", "A342 OK Unselect completed", OK("A342", "Unselect completed"), DEF),
    ("9051 6.4.4", '* ESEARCH (TAG "A282") MIN 2 COUNT 3', r.ESearch("A282", min=2, count=3), DEF),
    ("9051 6.4.4", '* ESEARCH (TAG "A283") ALL 2,10:11', r.ESearch("A283", all=U([2, 10, 11])), DEF),
    ("9051 6.4.4", '* ESEARCH (TAG "A284")', r.ESearch("A284"), DEF),
    ("9051 6.4.4", "+ Ready for literal text", r.Continuation("Ready for literal text"), DEF),
    ("9051 6.4.4", '* ESEARCH (TAG "A285") ALL 43', r.ESearch("A285", all=U([43])), DEF),
    ("9051 6.4.4 / 4731", '* ESEARCH (TAG "A284") MIN 4', r.ESearch("A284", min=4), DEF),
    (
        "9051 6.4.4 / 4731",
        '* ESEARCH (TAG "A285") UID MIN 7 MAX 3800',
        r.ESearch("A285", uid=True, min=7, max=3800),
        DEF,
    ),
    ("9051 6.4.4 / 4731", '* ESEARCH (TAG "A286") COUNT 15', r.ESearch("A286", count=15), DEF),
    (
        "9051 6.4.4.4",
        "A282 OK SEARCH completed, result saved",
        OK("A282", "SEARCH completed, result saved"),
        DEF,
    ),
    (
        "9051 6.4.4.4",
        '* ESEARCH (TAG "A301") UID ALL 17,900,901',
        r.ESearch("A301", uid=True, all=S("17,900,901")),
        DEF,
    ),
    (
        "9051 6.4.4.4",
        '* ESEARCH (TAG "P283") ALL 882,1102,3003,3005:3006',
        r.ESearch("P283", all=U([882, 1102, 3003, 3005, 3006])),
        DEF,
    ),
    (
        "9051 6.4.4.4",
        '* ESEARCH (TAG "G283") ALL 3:15,27,29:103',
        r.ESearch("G283", all=U([*range(3, 16), 27, *range(29, 104)])),
        DEF,
    ),
    ("9051 6.4.4.4", '* ESEARCH (TAG "C284") MIN 2', r.ESearch("C284", min=2), DEF),
    ("9051 6.4.4.4", '* ESEARCH (TAG "C285") MIN 2 MAX 21', r.ESearch("C285", min=2, max=21), DEF),
    (
        "9051 6.4.4.4",
        '* ESEARCH (TAG "C286") MIN 2 MAX 21 COUNT 8',
        r.ESearch("C286", min=2, max=21, count=8),
        DEF,
    ),
    (
        "9051 6.4.4.4",
        '* ESEARCH (TAG "C286") MIN 2 ALL 2,10:15,21',
        r.ESearch("C286", min=2, all=U([2, *range(10, 16), 21])),
        DEF,
    ),
    (
        "9051 6.4.7",
        "A003 OK [COPYUID 38505 304,319:320 3956:3958] COPY completed",
        OK("A003", "COPY completed", r.CopyUidCode(38505, S("304,319:320"), S("3956:3958"))),
        DEF,
    ),
    (
        "9051 6.4.8 / 6851",
        "* OK [COPYUID 432432 42:69 1202:1229]",
        OK(None, "", r.CopyUidCode(432432, U(range(42, 70)), U(range(1202, 1230)))),
        DEF,
    ),
    ("9051 6.4.8 / 6851", "a OK Done", OK("a", "Done"), DEF),
    ("9051 6.4.9", "A003 OK UID EXPUNGE completed", OK("A003", "UID EXPUNGE completed"), DEF),
    (
        "9051 6.4.9",
        "* 25 FETCH (FLAGS (\\Seen) UID 4828442)",
        fetch(25, r.FetchFlags(("\\Seen",)), r.FetchUid(4828442)),
        DEF,
    ),
    ("9051 6.5", "* CAPABILITY IMAP4rev2 XPIG-LATIN", r.Capability(("IMAP4rev2", "XPIG-LATIN")), DEF),
    (
        "9051 7.1 / 5530",
        'o356 NO [ALREADYEXISTS] Mailbox "that" already exists',
        NO("o356", 'Mailbox "that" already exists', r.ALREADYEXISTS),
        DEF,
    ),
    (
        "9051 7.1 / 5530",
        "b NO [AUTHENTICATIONFAILED] Authentication failed",
        NO("b", "Authentication failed", r.AUTHENTICATIONFAILED),
        DEF,
    ),
    (
        "9051 7.1 / 5530",
        "c1 NO [AUTHORIZATIONFAILED] No such authorization-ID",
        NO("c1", "No such authorization-ID", r.AUTHORIZATIONFAILED),
        DEF,
    ),
    (
        "9051 7.1 / 5530",
        "c2 NO [AUTHORIZATIONFAILED] Authenticator is not an admin",
        NO("c2", "Authenticator is not an admin", r.AUTHORIZATIONFAILED),
        DEF,
    ),
    (
        "9051 7.1 / 5530",
        "l NO [CANNOT] Adjacent slashes are not supported",
        NO("l", "Adjacent slashes are not supported", r.CANNOT),
        DEF,
    ),
    ("9051 7.1 / 5530", "k1 OK [READ-ONLY] Done", OK("k1", "Done", r.READ_ONLY), DEF),
    ("9051 7.1 / 5530", "k2 OK [CLIENTBUG] Done", OK("k2", "Done", r.CLIENTBUG), DEF),
    ("9051 7.1 / 5530", "e NO [CONTACTADMIN]", NO("e", "", r.CONTACTADMIN), DEF),
    (
        "9051 7.1 / 5530",
        "i NO [CORRUPTION] Cannot open mailbox",
        NO("i", "Cannot open mailbox", r.CORRUPTION),
        DEF,
    ),
    (
        "9051 7.1 / 5530",
        "d NO [EXPIRED] That password isn't valid any more",
        NO("d", "That password isn't valid any more", r.EXPIRED),
        DEF,
    ),
    (
        "9051 7.1",
        '* ESEARCH (TAG "h") ALL 1:3,5,8,13,21,42',
        r.ESearch("h", all=U([1, 2, 3, 5, 8, 13, 21, 42])),
        DEF,
    ),
    (
        "9051 7.1 / 5530",
        "h OK [EXPUNGEISSUED] Search completed",
        OK("h", "Search completed", r.EXPUNGEISSUED),
        DEF,
    ),
    (
        "9051 7.1",
        'o356 NO [HASCHILDREN] Mailbox "Notes" has children that need to be deleted first',
        NO("o356", 'Mailbox "Notes" has children that need to be deleted first', r.HASCHILDREN),
        DEF,
    ),
    ("9051 7.1 / 5530", "g NO [INUSE] Mailbox in use", NO("g", "Mailbox in use", r.INUSE), DEF),
    (
        "9051 7.1 / 5530",
        "m NO [LIMIT] At most 32 flags in one mailbox supported",
        NO("m", "At most 32 flags in one mailbox supported", r.LIMIT),
        DEF,
    ),
    ("9051 7.1 / 5530", "p NO [NONEXISTENT] No such mailbox", NO("p", "No such mailbox", r.NONEXISTENT), DEF),
    ("9051 7.1 / 5530", "f NO [NOPERM] Access denied", NO("f", "Access denied", r.NOPERM), DEF),
    ("9051 7.1 / 5530", "n1 NO [OVERQUOTA] Sorry", NO("n1", "Sorry", r.OVERQUOTA), DEF),
    (
        "9051 7.1 / 5530",
        "n2 OK [OVERQUOTA] You are now over your soft quota",
        OK("n2", "You are now over your soft quota", r.OVERQUOTA),
        DEF,
    ),
    (
        "9051 7.1 / 5530",
        "d NO [PRIVACYREQUIRED] Connection offers no privacy",
        NO("d", "Connection offers no privacy", r.PRIVACYREQUIRED),
        DEF,
    ),
    (
        "9051 7.1 / 5530",
        "j NO [SERVERBUG] This should not happen",
        NO("j", "This should not happen", r.SERVERBUG),
        DEF,
    ),
    (
        "9051 7.1 / 5530",
        "a NO [UNAVAILABLE] User's backend down for maintenance",
        NO("a", "User's backend down for maintenance", r.UNAVAILABLE),
        DEF,
    ),
    ("9051 7.1.1", "* OK IMAP4rev2 server ready", OK(None, "IMAP4rev2 server ready"), DEF),
    (
        "9051 7.1.4",
        "* PREAUTH IMAP4rev2 server logged in as Smith",
        r.StatusResponse.preauth("IMAP4rev2 server logged in as Smith"),
        DEF,
    ),
    ("9051 7.2.1", "* ENABLED CONDSTORE QRESYNC", r.Enabled(("CONDSTORE", "QRESYNC")), DEF),
    (
        "9051 7.2.2",
        "* CAPABILITY STARTTLS AUTH=GSSAPI IMAP4rev2 LOGINDISABLED XPIG-LATIN",
        r.Capability(("STARTTLS", "AUTH=GSSAPI", "IMAP4rev2", "LOGINDISABLED", "XPIG-LATIN")),
        DEF,
    ),
    ("9051 7.3.2", '* NAMESPACE (("" "/")) (("~" "/")) NIL', r.Namespace(ns(("", "/")), ns(("~", "/"))), DEF),
    (
        "9051 7.3.4",
        "* ESEARCH UID COUNT 17 ALL 4:18,21,28",
        r.ESearch(None, uid=True, count=17, all=U([*range(4, 19), 21, 28])),
        DEF,
    ),
    (
        "9051 7.3.4",
        '* ESEARCH (TAG "a567") UID COUNT 17 ALL 4:18,21,28',
        r.ESearch("a567", uid=True, count=17, all=U([*range(4, 19), 21, 28])),
        DEF,
    ),
    ("9051 7.3.4", "* ESEARCH COUNT 18 ALL 1:17,21", r.ESearch(count=18, all=U([*range(1, 18), 21])), DEF),
    ("9051 7.5.1", "* 44 EXPUNGE", r.Expunge(44), DEF),
    (
        "9051 7.5.2",
        "* 23 FETCH (FLAGS (\\Seen) RFC822.SIZE 44827 UID 447)",
        fetch(23, r.FetchFlags(("\\Seen",)), r.FetchSize(44827), r.FetchUid(447)),
        DEF,
    ),
    (
        "9051 7.6",
        "+ Ready for additional command text",
        r.Continuation("Ready for additional command text"),
        DEF,
    ),
    (
        "9051 8",
        "* OK [CAPABILITY STARTTLS AUTH=SCRAM-SHA-256 LOGINDISABLED IMAP4rev2] IMAP4rev2 Service Ready",
        OK(
            None,
            "IMAP4rev2 Service Ready",
            r.CapabilityCode(("STARTTLS", "AUTH=SCRAM-SHA-256", "LOGINDISABLED", "IMAP4rev2")),
        ),
        DEF,
    ),
    ("9051 8", "a000 OK Proceed with TLS negotiation", OK("a000", "Proceed with TLS negotiation"), DEF),
    ("9051 8", "+ " + SCRAM_1, r.Challenge(base64.b64decode(SCRAM_1)), DEF),
    ("9051 8", "+ " + SCRAM_2, r.Challenge(base64.b64decode(SCRAM_2)), DEF),
    (
        "9051 8",
        "A001 OK SCRAM-SHA-256 authentication successful",
        OK("A001", "SCRAM-SHA-256 authentication successful"),
        DEF,
    ),
    ("9051 8", "* ENABLED IMAP4rev2", r.Enabled(("IMAP4rev2",)), DEF),
    ("9051 8", "babc OK Some capabilities enabled", OK("babc", "Some capabilities enabled"), DEF),
    ("9051 8", '* LIST () "/" INBOX ("OLDNAME" ("inbox"))', lst("INBOX", oldname="inbox"), DEF),
    (
        "9051 8",
        "* 12 FETCH (FLAGS (\\Seen \\Deleted))",
        fetch(12, r.FetchFlags(("\\Seen", "\\Deleted"))),
        DEF,
    ),
    ("9051 8", "a005 OK +FLAGS completed", OK("a005", "+FLAGS completed"), DEF),
    (
        "9051 8",
        "* BYE IMAP4rev2 server terminating connection",
        r.StatusResponse.bye("IMAP4rev2 server terminating connection"),
        DEF,
    ),
    # ---------------------------------------------------------------- RFC 7162 CONDSTORE / QRESYNC
    ("7162 3.1.2.1", "* OK [HIGHESTMODSEQ 715194045007]", OK(None, "", r.highestmodseq(715194045007)), DEF),
    (
        "7162 3.1.2.2",
        "* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences",
        OK(None, "Sorry, this mailbox format doesn't support modsequences", r.NOMODSEQ),
        DEF,
    ),
    (
        "7162 3.1.3",
        "* 1 FETCH (UID 4 MODSEQ (12121231000))",
        fetch(1, r.FetchUid(4), r.FetchModSeq(12121231000)),
        DEF,
    ),
    ("7162 3.1.3", "a103 OK Conditional Store completed", OK("a103", "Conditional Store completed"), DEF),
    ("7162 3.1.3", "* 50 FETCH (MODSEQ (12111230047))", fetch(50, r.FetchModSeq(12111230047)), DEF),
    ("7162 3.1.3", "a104 OK Store (conditional) completed", OK("a104", "Store (conditional) completed"), DEF),
    ("7162 3.1.3", "* OK [HIGHESTMODSEQ 12111230047]", OK(None, "", r.highestmodseq(12111230047)), DEF),
    (
        "7162 3.1.3",
        "d105 OK [MODIFIED 7,9] Conditional STORE failed",
        OK("d105", "Conditional STORE failed", r.ModifiedCode(U([7, 9]))),
        DEF,
    ),
    (
        "7162 3.1.3",
        "* 7 FETCH (MODSEQ (320162342) FLAGS (\\Seen \\Deleted))",
        fetch(7, r.FetchModSeq(320162342), r.FetchFlags(("\\Seen", "\\Deleted"))),
        DEF,
    ),
    (
        "7162 3.1.3",
        "* 9 FETCH (MODSEQ (320162349) FLAGS (\\Answered))",
        fetch(9, r.FetchModSeq(320162349), r.FetchFlags(("\\Answered",))),
        DEF,
    ),
    (
        "7162 3.1.3",
        "a102 OK [MODIFIED 12] Conditional STORE failed",
        OK("a102", "Conditional STORE failed", r.ModifiedCode(U([12]))),
        DEF,
    ),
    (
        "7162 3.1.3",
        "* 101 FETCH (MODSEQ (303011130956) FLAGS ($Processed))",
        fetch(101, r.FetchModSeq(303011130956), r.FetchFlags(("$Processed",))),
        DEF,
    ),
    (
        "7162 3.1.3",
        "B001 NO [MODIFIED 2] Some of the messages no longer exist.",
        NO("B001", "Some of the messages no longer exist.", r.ModifiedCode(U([2]))),
        DEF,
    ),
    (
        "7162 3.1.3",
        "* 1 FETCH (MODSEQ (320172342) FLAGS (\\SEEN))",
        fetch(1, r.FetchModSeq(320172342), r.FetchFlags(("\\SEEN",))),
        DEF,
    ),
    ("7162 3.1.3", "B002 OK NOOP Completed.", OK("B002", "NOOP Completed."), DEF),
    (
        "7162 3.1.4",
        "* 1 FETCH (UID 4 MODSEQ (65402) FLAGS (\\Seen))",
        fetch(1, r.FetchUid(4), r.FetchModSeq(65402), r.FetchFlags(("\\Seen",))),
        DEF,
    ),
    ("7162 3.1.4", "* 1 FETCH (MODSEQ (624140003))", fetch(1, r.FetchModSeq(624140003)), DEF),
    (
        "7162 3.1.4",
        "* OK [PERMANENTFLAGS (\\Answered \\Deleted \\Seen \\*)] Limited",
        OK(None, "Limited", r.PermanentFlagsCode(("\\Answered", "\\Deleted", "\\Seen", "\\*"))),
        DEF,
    ),
    (
        "7162 3.1.4",
        "* 7 FETCH (FLAGS (\\Deleted \\Answered) MODSEQ (12121231000))",
        fetch(7, r.FetchFlags(("\\Deleted", "\\Answered")), r.FetchModSeq(12121231000)),
        DEF,
    ),
    (
        "7162 3.1.5",
        "* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)",
        r.Search((2, 5, 6, 7, 11, 12, 18, 19, 20, 23), 917162500),
        DEF,
    ),
    ("7162 3.1.5", "t OK Search complete, nothing found", OK("t", "Search complete, nothing found"), DEF),
    (
        "7162 3.1.6",
        "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292 HIGHESTMODSEQ 7011231777)",
        r.MailboxStatus(
            "blurdybloop", (("MESSAGES", 231), ("UIDNEXT", 44292), ("HIGHESTMODSEQ", 7011231777))
        ),
        DEF,
    ),
    (
        "7162 3.1.8",
        "A142 OK [READ-WRITE] SELECT completed, CONDSTORE is now enabled",
        OK("A142", "SELECT completed, CONDSTORE is now enabled", r.READ_WRITE),
        DEF,
    ),
    (
        "7162 3.1.10",
        '* ESEARCH (TAG "a") ALL 1:3,5 MODSEQ 1236',
        r.ESearch("a", all=U([1, 2, 3, 5]), modseq=1236),
        DEF,
    ),
    (
        "7162 3.1.10",
        '* ESEARCH (TAG "a") ALL 5,3,2,1 MODSEQ 1236',
        r.ESearch("a", all=S("5,3,2,1"), modseq=1236),
        DEF,
    ),
    (
        "7162 3.2.5",
        "* OK [UIDVALIDITY 3857529045] UIDVALIDITY",
        OK(None, "UIDVALIDITY", r.uidvalidity(3857529045)),
        DEF,
    ),
    (
        "7162 3.2.5",
        "* FLAGS (\\Answered \\Flagged \\Draft \\Deleted \\Seen)",
        r.Flags(("\\Answered", "\\Flagged", "\\Draft", "\\Deleted", "\\Seen")),
        DEF,
    ),
    (
        "7162 3.2.5",
        "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Draft)]",
        OK(None, "", r.PermanentFlagsCode(("\\Answered", "\\Flagged", "\\Draft"))),
        DEF,
    ),
    (
        "7162 3.2.5",
        "A02 OK [READ-WRITE] Sorry, UIDVALIDITY mismatch",
        OK("A02", "Sorry, UIDVALIDITY mismatch", r.READ_WRITE),
        DEF,
    ),
    ("7162 3.2.5", "* OK [CLOSED]", OK(None, "", r.CLOSED), DEF),
    (
        "7162 3.2.5",
        "* VANISHED (EARLIER) 41,43:116,118,120:211,214:540",
        r.Vanished(U([41, *range(43, 117), 118, *range(120, 212), *range(214, 541)]), earlier=True),
        DEF,
    ),
    ("7162 3.2.5", "A03 OK [READ-WRITE] mailbox selected", OK("A03", "mailbox selected", r.READ_WRITE), DEF),
    (
        "7162 3.2.5",
        "* OK [UNSEEN 7] There are some unseen messages in the mailbox",
        OK(None, "There are some unseen messages in the mailbox", r.unseen(7)),
        DEF,
    ),
    ("7162 3.2.10", "* VANISHED 405,407,410,425", r.Vanished(U([405, 407, 410, 425])), DEF),
    # ---------------------------------------------------------------- RFC 9208 QUOTA
    ("9208 4.2.2", '* QUOTAROOT INBOX ""', r.QuotaRoot("INBOX", ("",)), DEF),
    ("9208 4.2.2", '* QUOTA "" (STORAGE 10 512)', r.Quota("", (r.QuotaResource("STORAGE", 10, 512),)), DEF),
    (
        "9208 4.2.1",
        '* QUOTA "!partition/sda4" (STORAGE 104 10923847)',
        r.Quota("!partition/sda4", (r.QuotaResource("STORAGE", 104, 10923847),)),
        Q,
    ),
    ("9208 4.2.1", "G0001 OK Getquota complete", OK("G0001", "Getquota complete"), DEF),
    (
        "9208 4.1.4",
        "* STATUS INBOX (MESSAGES 12 DELETED 4 DELETED-STORAGE 8)",
        r.MailboxStatus("INBOX", (("MESSAGES", 12), ("DELETED", 4), ("DELETED-STORAGE", 8))),
        DEF,
    ),
    # ---------------------------------------------------------------- RFC 5256 SORT / THREAD
    ("5256 4", "* SORT 2 84 882", r.Sort((2, 84, 882)), DEF),
    ("5256 4", "* SORT 5 3 4 1 2", r.Sort((5, 3, 4, 1, 2)), DEF),
    ("5256 4", "* SORT", r.Sort(()), DEF),
    ("5256 4", "* THREAD", r.Thread(()), DEF),
    ("5256 4", "* THREAD (2)(3 6 (4 23)(44 7 96))", thread("(2)(3 6 (4 23)(44 7 96))"), DEF),
    ("5256 4", "* THREAD ((3)(5))", thread("((3)(5))"), DEF),
    ("5256 4", "* THREAD " + THREAD_ORDEREDSUBJECT, thread(THREAD_ORDEREDSUBJECT), DEF),
    ("5256 4", "* THREAD " + THREAD_REFERENCES, thread(THREAD_REFERENCES), DEF),
    # ---------------------------------------------------------------- RFC 2971 ID, RFC 4314 ACL, RFC 7889
    (
        "2971 3.2",
        '* ID ("name" "Cyrus" "version" "1.5" "os" "sunos" "os-version" "5.5" '
        '"support-url" "mailto:cyrus-bugs+@andrew.cmu.edu")',
        r.Id(
            (
                ("name", "Cyrus"),
                ("version", "1.5"),
                ("os", "sunos"),
                ("os-version", "5.5"),
                ("support-url", "mailto:cyrus-bugs+@andrew.cmu.edu"),
            )
        ),
        DEF,
    ),
    ("2971 3.2", "* ID NIL", r.Id(None), DEF),
    ("4314 3.3", "* ACL INBOX Fred rwipsldexta", r.Acl("INBOX", (("Fred", "rwipsldexta"),)), DEF),
    (
        "4314 3.4",
        "* LISTRIGHTS ~/Mail/saved smith la r swicdkxte",
        r.ListRights("~/Mail/saved", "smith", "la", ("r", "swicdkxte")),
        DEF,
    ),
    ("4314 3.5", "* MYRIGHTS INBOX rwiptsldaex", r.MyRights("INBOX", "rwiptsldaex"), DEF),
    (
        "7889 3.1",
        "* STATUS INBOX (APPENDLIMIT 257890)",
        r.MailboxStatus("INBOX", (("APPENDLIMIT", 257890),)),
        DEF,
    ),
]


@pytest.mark.parametrize(
    ("source", "wire", "response", "opts"),
    VECTORS,
    ids=[f"{v[0]}: {(v[1] if isinstance(v[1], str) else v[1].decode('latin-1'))[:48]}" for v in VECTORS],
)
def test_rfc_example(source: str, wire: str | bytes, response: r.Response, opts: SerializeOptions) -> None:
    expected = (wire.encode("ascii") if isinstance(wire, str) else wire) + b"\r\n"
    out = serialize(response, opts)
    assert out == expected, source
    read_responses(out)  # the independent reader accepts every RFC example we write


def test_9051_sample_connection_fetch_and_header_fast_path_agree() -> None:
    """RFC 9051 §8 ``* 12 FETCH (BODY[HEADER] {342}`` through the FETCH fast path's section form."""
    from congvu.imap.grammar.serialize import HeaderFetchWriter

    out = HeaderFetchWriter("HEADER").line(12, 7, ("\\Seen",), 4286, HEADER_342)
    assert out == (
        b"* 12 FETCH (UID 7 FLAGS (\\Seen) RFC822.SIZE 4286 BODY[HEADER] {342}\r\n" + HEADER_342 + b")\r\n"
    )
