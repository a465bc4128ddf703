"""Exact ENVELOPE, BODY and BODYSTRUCTURE values that Dovecot 2.3.19 produced for these messages.

Captured once with ``doveadm fetch 'imap.envelope imap.body imap.bodystructure'`` on a throwaway
maildir (no server left running, no files kept); the values are wrapped in the parentheses that
FETCH adds. Our fragments must be byte-identical, literals included.
"""

from __future__ import annotations

import pytest

from congvu.mime import parse_message

VECTORS: dict[str, tuple[bytes, bytes, bytes, bytes]] = {
    'nested': (
        (
            b'From: a@b.vn\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\n--o'
            b'\r\nContent-Type: multipart/alternative; boundary=i\r\n\r\n--i\r\nContent-Type: text/plai'
            b'n\r\n\r\nplain\r\n--i\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>\r\n--i--'
            b'\r\n--o\r\nContent-Type: message/rfc822\r\nContent-Disposition: attachment; filename=fwd.'
            b'eml\r\n\r\nFrom: b@c.vn\r\nSubject: inner\r\nContent-Type: image/png\r\nContent-Transfer-'
            b'Encoding: base64\r\nContent-ID: <img1>\r\n\r\niVBORw0KGgo=\r\n--o--\r\n'
        ),
        (
            b'(NIL NIL ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) NIL NIL NIL'
            b' NIL NIL)'
        ),
        (
            b'((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 5 0)("text" "html" ("charset" "ut'
            b'f-8") NIL NIL "7bit" 8 0) "alternative")("message" "rfc822" NIL NIL NIL "7bit" 124 (NIL "'
            b'inner" ((NIL NIL "b" "c.vn")) ((NIL NIL "b" "c.vn")) ((NIL NIL "b" "c.vn")) NIL NIL NIL N'
            b'IL NIL) ("image" "png" NIL "<img1>" NIL "base64" 12) 6) "mixed")'
        ),
        (
            b'((("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 5 0 NIL NIL NIL NIL)("text" "html'
            b'" ("charset" "utf-8") NIL NIL "7bit" 8 0 NIL NIL NIL NIL) "alternative" ("boundary" "i") '
            b'NIL NIL NIL)("message" "rfc822" NIL NIL NIL "7bit" 124 (NIL "inner" ((NIL NIL "b" "c.vn")'
            b') ((NIL NIL "b" "c.vn")) ((NIL NIL "b" "c.vn")) NIL NIL NIL NIL NIL) ("image" "png" NIL "'
            b'<img1>" NIL "base64" 12 NIL NIL NIL NIL) 6 NIL ("attachment" ("filename" "fwd.eml")) NIL '
            b'NIL) "mixed" ("boundary" "o") NIL NIL NIL)'
        ),
    ),
    'groups': (
        (
            b'From: "Nguyen, An" <an@x.vn> (comment)\r\nTo: Group: a@x.vn, "B" <b@x.vn>;, c@x.vn\r\nCc:'
            b' undisclosed-recipients:;\r\nReply-To: <@r1,@r2:u@h.vn>\r\nSubject: a\tb  c\r\n\r\n'
        ),
        (
            b'(NIL {5}\r\na b c (("Nguyen, An" NIL "an" "x.vn")) (("Nguyen, An" NIL "an" "x.vn")) ((NIL'
            b' "@r1,@r2" "u" "h.vn")) ((NIL NIL "Group" NIL)(NIL NIL "a" "x.vn")("B" NIL "b" "x.vn")(NI'
            b'L NIL NIL NIL)(NIL NIL "c" "x.vn")) ((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL N'
            b'IL)) NIL NIL NIL)'
        ),
        (
            b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0)'
        ),
        (
            b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL)'
        ),
    ),
    'rfc2231': (
        (
            b'From: a@b.vn\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n'
            b'--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r'
            b'\nK\xc3\xadnh g\xe1\xbb\xadi c\xc3\xa1c \xc4\x91\xc6\xa1n v\xe1\xbb\x8b.\r\n--b1\r\nConte'
            b"nt-Type: application/pdf; name*=utf-8''C%C3%B4ng.pdf\r\nContent-Transfer-Encoding: base64"
            b"\r\nContent-Disposition: attachment;\r\n filename*0*=utf-8''C%C3%B4ng%20v%C4%83n;\r\n fil"
            b'ename*1*=%20s%E1%BB%91%2012.pdf\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n'
        ),
        (
            b'(NIL NIL ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) NIL NIL NIL'
            b' NIL NIL)'
        ),
        (
            b'(("text" "plain" ("charset" "utf-8") NIL NIL "8bit" 28 0)("application" "pdf" ("name*" "u'
            b'tf-8\'\'C%C3%B4ng.pdf") NIL NIL "base64" 12) "mixed")'
        ),
        (
            b'(("text" "plain" ("charset" "utf-8") NIL NIL "8bit" 28 0 NIL NIL NIL NIL)("application" "'
            b'pdf" ("name*" "utf-8\'\'C%C3%B4ng.pdf") NIL NIL "base64" 12 NIL ("attachment" ("filename*'
            b'" "utf-8\'\'C%C3%B4ng%20v%C4%83n%20s%E1%BB%91%2012.pdf")) NIL NIL) "mixed" ("boundary" "b'
            b'1") NIL NIL NIL)'
        ),
    ),
    'uppercase': (
        (
            b'From: a@b.vn\r\nMIME-Version: 1.0\r\nContent-Type: TEXT/PLAIN; CHARSET=UTF-8; Format=Flow'
            b'ed\r\nContent-Transfer-Encoding: QUOTED-PRINTABLE\r\n\r\nabc=\r\ndef\r\n'
        ),
        (
            b'(NIL NIL ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) NIL NIL NIL'
            b' NIL NIL)'
        ),
        (
            b'("TEXT" "PLAIN" ("CHARSET" "UTF-8" "Format" "Flowed") NIL NIL "QUOTED-PRINTABLE" 11 2)'
        ),
        (
            b'("TEXT" "PLAIN" ("CHARSET" "UTF-8" "Format" "Flowed") NIL NIL "QUOTED-PRINTABLE" 11 2 NIL'
            b' NIL NIL NIL)'
        ),
    ),
    'dup headers': (
        (
            b'From: a@b.vn\r\nFrom: c@d.vn\r\nSubject: one\r\nSubject: two\r\nMIME-Version: 1.0\r\nCont'
            b'ent-Type: text/plain; charset=utf-8\r\nContent-Type: text/html\r\n\r\nx'
        ),
        (
            b'(NIL "two" ((NIL NIL "a" "b.vn")(NIL NIL "c" "d.vn")) ((NIL NIL "a" "b.vn")(NIL NIL "c" "'
            b'd.vn")) ((NIL NIL "a" "b.vn")(NIL NIL "c" "d.vn")) NIL NIL NIL NIL NIL)'
        ),
        (
            b'("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 1 0)'
        ),
        (
            b'("text" "plain" ("charset" "utf-8") NIL NIL "7bit" 1 0 NIL NIL NIL NIL)'
        ),
    ),
    '8bit name': (
        (
            b'From: Nguy\xe1\xbb\x85n V\xc4\x83n An <an@tinh.gov.vn>\r\nSubject: Th\xc3\xb4ng b\xc3\xa1'
            b'o\r\n\r\nx'
        ),
        (
            b'(NIL {11}\r\nTh\xc3\xb4ng b\xc3\xa1o (({16}\r\nNguy\xe1\xbb\x85n V\xc4\x83n An NIL "an" "'
            b'tinh.gov.vn")) (({16}\r\nNguy\xe1\xbb\x85n V\xc4\x83n An NIL "an" "tinh.gov.vn")) (({16}'
            b'\r\nNguy\xe1\xbb\x85n V\xc4\x83n An NIL "an" "tinh.gov.vn")) NIL NIL NIL NIL NIL)'
        ),
        (
            b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 1 0)'
        ),
        (
            b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 1 0 NIL NIL NIL NIL)'
        ),
    ),
    'encoded name quoted': (
        (
            b'From: "=?utf-8?B?VsSDbiBwaMOybmc=?=" <vp@tinh.gov.vn>\r\nTo: =?utf-8?Q?Nguy=E1=BB=85n?= <'
            b'a@b.vn>, "Le, B" <b@c.vn>\r\n\r\n'
        ),
        (
            b'(NIL NIL (("=?utf-8?B?VsSDbiBwaMOybmc=?=" NIL "vp" "tinh.gov.vn")) (("=?utf-8?B?VsSDbiBwa'
            b'MOybmc=?=" NIL "vp" "tinh.gov.vn")) (("=?utf-8?B?VsSDbiBwaMOybmc=?=" NIL "vp" "tinh.gov.v'
            b'n")) (("=?utf-8?Q?Nguy=E1=BB=85n?=" NIL "a" "b.vn")("Le, B" NIL "b" "c.vn")) NIL NIL NIL '
            b'NIL)'
        ),
        (
            b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0)'
        ),
        (
            b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL)'
        ),
    ),
    'lang': (
        (
            b'From: a@b.vn\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Language: vi\r\n'
            b'Content-Location: http://x.vn/a\r\nContent-Description: =?utf-8?Q?C=C3=B4ng?=\r\nContent-'
            b'MD5: abc\r\n\r\nx'
        ),
        (
            b'(NIL NIL ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) NIL NIL NIL'
            b' NIL NIL)'
        ),
        (
            b'("text" "plain" ("charset" "us-ascii") NIL "=?utf-8?Q?C=C3=B4ng?=" "7bit" 1 0)'
        ),
        (
            b'("text" "plain" ("charset" "us-ascii") NIL "=?utf-8?Q?C=C3=B4ng?=" "7bit" 1 0 "abc" NIL ('
            b'"vi") "http://x.vn/a")'
        ),
    ),
    'digest': (
        (
            b'From: a@b.vn\r\nMIME-Version: 1.0\r\nContent-Type: multipart/digest; boundary=d\r\n\r\n--'
            b'd\r\n\r\nFrom: x@y.vn\r\nSubject: s1\r\n\r\nb1\r\n--d\r\nContent-Type: text/plain\r\n\r\n'
            b't\r\n--d--\r\n'
        ),
        (
            b'(NIL NIL ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) NIL NIL NIL'
            b' NIL NIL)'
        ),
        (
            b'(("message" "rfc822" NIL NIL NIL "7bit" 31 (NIL "s1" ((NIL NIL "x" "y.vn")) ((NIL NIL "x"'
            b' "y.vn")) ((NIL NIL "x" "y.vn")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-asci'
            b'i") NIL NIL "7bit" 2 0) 3)("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 1 0) "dig'
            b'est")'
        ),
        (
            b'(("message" "rfc822" NIL NIL NIL "7bit" 31 (NIL "s1" ((NIL NIL "x" "y.vn")) ((NIL NIL "x"'
            b' "y.vn")) ((NIL NIL "x" "y.vn")) NIL NIL NIL NIL NIL) ("text" "plain" ("charset" "us-asci'
            b'i") NIL NIL "7bit" 2 0 NIL NIL NIL NIL) 3 NIL NIL NIL NIL)("text" "plain" ("charset" "us-'
            b'ascii") NIL NIL "7bit" 1 0 NIL NIL NIL NIL) "digest" ("boundary" "d") NIL NIL NIL)'
        ),
    ),
    'empty parts': (
        (
            b'From: a@b.vn\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=e\r\n\r\n--e'
            b'\r\n--e\r\n\r\n--e--'
        ),
        (
            b'(NIL NIL ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) NIL NIL NIL'
            b' NIL NIL)'
        ),
        (
            b'(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0)("text" "plain" ("charset" "us'
            b'-ascii") NIL NIL "7bit" 0 0) "mixed")'
        ),
        (
            b'(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL)("text" "plain'
            b'" ("charset" "us-ascii") NIL NIL "7bit" 0 0 NIL NIL NIL NIL) "mixed" ("boundary" "e") NIL'
            b' NIL NIL)'
        ),
    ),
    'boundary ws': (
        (
            b'From: a@b.vn\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=e\r\n\r\n--e'
            b'  \r\nContent-Type: text/plain\r\n\r\nx\r\n--e-- \r\n'
        ),
        (
            b'(NIL NIL ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) NIL NIL NIL'
            b' NIL NIL)'
        ),
        (
            b'(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 1 0) "mixed")'
        ),
        (
            b'(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 1 0 NIL NIL NIL NIL) "mixed" ("bou'
            b'ndary" "e") NIL NIL NIL)'
        ),
    ),
    'raw8bit filename': (
        (
            b'From: a@b.vn\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b'
            b'\r\nContent-Type: application/pdf; name="B\xc3\xa1o c\xc3\xa1o.pdf"\r\nContent-Dispositio'
            b'n: attachment; filename="B\xc3\xa1o c\xc3\xa1o.pdf"\r\n\r\nx\r\n--b--\r\n'
        ),
        (
            b'(NIL NIL ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) ((NIL NIL "a" "b.vn")) NIL NIL NIL'
            b' NIL NIL)'
        ),
        (
            b'(("application" "pdf" ("name" {13}\r\nB\xc3\xa1o c\xc3\xa1o.pdf) NIL NIL "7bit" 1) "mixed'
            b'")'
        ),
        (
            b'(("application" "pdf" ("name" {13}\r\nB\xc3\xa1o c\xc3\xa1o.pdf) NIL NIL "7bit" 1 NIL ("a'
            b'ttachment" ("filename" {13}\r\nB\xc3\xa1o c\xc3\xa1o.pdf)) NIL NIL) "mixed" ("boundary" "'
            b'b") NIL NIL NIL)'
        ),
    ),
}


@pytest.mark.parametrize("name", list(VECTORS))
def test_fragments_match_dovecot(name: str) -> None:
    raw, envelope, body, bodystructure = VECTORS[name]
    parsed = parse_message(raw)
    assert parsed.envelope == envelope
    assert parsed.body == body
    assert parsed.bodystructure == bodystructure
