"""BODYSTRUCTURE / BODY / ENVELOPE against Dovecot's own expectations and RFC 9051 §7.5.2 rules."""

from __future__ import annotations

from congvu.mime import parse_message
from tests.mime.imapsyntax import count_leaf_parts, read

# Dovecot's src/lib-imap/test-imap-bodystructure.c message, with CRLF line ends (Dovecot counts
# sizes as if lines ended in CRLF; we count the stored bytes, so the figures agree on CRLF).
DOVECOT_MESSAGE = (
    "From: user@domain.org\n"
    "Date: Sat, 24 Mar 2007 23:00:00 +0200\n"
    "Mime-Version: 1.0\n"
    'Content-Type: multipart/mixed; boundary="foo\n'
    ' bar"\n'
    "\n"
    "Root MIME prologue\n"
    "\n"
    "--foo bar\n"
    'Content-Type: text/x-myown; charset=us-ascii; foo="quoted\\"string"\n'
    "Content-ID: <foo@example.com>\n"
    "Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==\n"
    "Content-Disposition: inline; foo=bar\n"
    "Content-Description: hellodescription\n"
    "Content-Language: en, fi, se\n"
    "Content-Location: http://example.com/test.txt\n"
    "\n"
    "hello\n"
    "\n"
    "--foo bar\n"
    "Content-Type: message/rfc822\n"
    "\n"
    "From: sub@domain.org\n"
    "To: sub-to1@domain.org, sub-to2@domain.org\n"
    "Date: Sun, 12 Aug 2012 12:34:56 +0300\n"
    "Subject: submsg\n"
    'Content-Type: multipart/alternative; boundary="sub1"\n'
    "\n"
    "Sub MIME prologue\n"
    "--sub1\n"
    "Content-Type: text/html\n"
    "Content-Transfer-Encoding: 8bit\n"
    "\n"
    "<p>Hello world</p>\n"
    "\n"
    "--sub1\n"
    "Content-Type: text/plain\n"
    "Content-Transfer-Encoding: ?invalid\n"
    "\n"
    "Hello another world\n"
    "\n"
    "--sub1--\n"
    "Sub MIME epilogue\n"
    "\n"
    "--foo bar--\n"
    "Root MIME epilogue\n"
).replace("\n", "\r\n").encode()

_SUB_ENVELOPE = (
    b'("Sun, 12 Aug 2012 12:34:56 +0300" "submsg" ((NIL NIL "sub" "domain.org")) '
    b'((NIL NIL "sub" "domain.org")) ((NIL NIL "sub" "domain.org")) '
    b'((NIL NIL "sub-to1" "domain.org")(NIL NIL "sub-to2" "domain.org")) NIL NIL NIL NIL)'
)
DOVECOT_BODYSTRUCTURE = (
    b'(("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\\"string") "<foo@example.com>" '
    b'"hellodescription" "7bit" 7 1 "Q2hlY2sgSW50ZWdyaXR5IQ==" ("inline" ("foo" "bar")) '
    b'("en" "fi" "se") "http://example.com/test.txt")("message" "rfc822" NIL NIL NIL "7bit" 412 '
    + _SUB_ENVELOPE
    + b' (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1 NIL NIL NIL NIL)'
    b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1 NIL NIL NIL NIL) "alternative" '
    b'("boundary" "sub1") NIL NIL NIL) 21 NIL NIL NIL NIL) "mixed" ("boundary" "foo bar") NIL NIL NIL)'
)
DOVECOT_BODY = (
    b'(("text" "x-myown" ("charset" "us-ascii" "foo" "quoted\\"string") "<foo@example.com>" '
    b'"hellodescription" "7bit" 7 1)("message" "rfc822" NIL NIL NIL "7bit" 412 '
    + _SUB_ENVELOPE
    + b' (("text" "html" ("charset" "us-ascii") NIL NIL "8bit" 20 1)'
    b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 21 1) "alternative") 21) "mixed")'
)


def test_dovecot_bodystructure_vector() -> None:
    parsed = parse_message(DOVECOT_MESSAGE)
    assert parsed.bodystructure == DOVECOT_BODYSTRUCTURE
    assert parsed.body == DOVECOT_BODY
    assert parsed.envelope == (
        b'("Sat, 24 Mar 2007 23:00:00 +0200" NIL ((NIL NIL "user" "domain.org")) '
        b'((NIL NIL "user" "domain.org")) ((NIL NIL "user" "domain.org")) NIL NIL NIL NIL NIL)'
    )
    assert parsed.defects == ("invalid Content-Transfer-Encoding",)


def test_dovecot_vector_part_offsets_slice_the_parts() -> None:
    parsed = parse_message(DOVECOT_MESSAGE)
    spans = {p.section: p for p in parsed.parts}
    assert list(spans) == ["1", "2", "2.1", "2.2"]
    raw = DOVECOT_MESSAGE
    assert raw[spans["1"].body_start : spans["1"].end] == b"hello\r\n"
    assert raw[spans["1"].header_start : spans["1"].body_start].startswith(b"Content-Type: text/x-myown")
    assert raw[spans["2"].body_start : spans["2"].end].startswith(b"From: sub@domain.org\r\n")
    assert raw[spans["2"].body_start : spans["2"].end].endswith(b"Sub MIME epilogue\r\n")
    assert raw[spans["2.1"].body_start : spans["2.1"].end] == b"<p>Hello world</p>\r\n"
    assert raw[spans["2.2"].body_start : spans["2.2"].end] == b"Hello another world\r\n"
    rfc822 = spans["2"]
    assert rfc822.message_body_start is not None
    assert raw[rfc822.body_start : rfc822.message_body_start].endswith(b"Subject: submsg\r\n" + (
        b'Content-Type: multipart/alternative; boundary="sub1"\r\n\r\n'))
    assert raw[rfc822.message_body_start : rfc822.end].startswith(b"Sub MIME prologue\r\n")
    assert spans["1"].message_body_start is None
    assert spans["2.1"].content_type == "text/html"
    assert spans["2.1"].transfer_encoding == "8bit"
    assert parsed.header_size == raw.index(b"\r\n\r\n") + 4


def test_plain_message_defaults() -> None:
    raw = b"Subject: hi\r\n\r\nline one\r\nline two\r\n"
    parsed = parse_message(raw)
    assert parsed.bodystructure == (
        b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 20 2 NIL NIL NIL NIL)'
    )
    assert parsed.body == b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 20 2)'
    assert parsed.envelope == b'(NIL "hi" NIL NIL NIL NIL NIL NIL NIL NIL)'
    assert [(p.section, p.body_start, p.end) for p in parsed.parts] == [("1", 15, len(raw))]
    assert parsed.defects == ()


def test_text_with_other_params_still_gets_default_charset() -> None:
    raw = b"Content-Type: text/plain; format=flowed\r\n\r\nx\r\n"
    assert parse_message(raw).body == (
        b'("text" "plain" ("format" "flowed" "charset" "us-ascii") NIL NIL "7bit" 3 1)'
    )


def test_missing_subtypes() -> None:
    text = parse_message(b"Content-Type: text\r\n\r\nx").body
    assert text.startswith(b'("text" "plain" ("charset" "us-ascii")')
    assert parse_message(b"Content-Type: image\r\n\r\nx").body == b'("image" "unknown" NIL NIL NIL "7bit" 1)'


def test_attachment_with_rfc2231_filename() -> None:
    raw = (
        b"From: =?utf-8?B?VsSDbiBwaMOybmc=?= <vanphong@tinh.gov.vn>\r\n"
        b"Subject: =?utf-8?Q?C=C3=B4ng_v=C4=83n?=\r\n"
        b"MIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
        b"--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        + "Kính gửi các đơn vị.\r\n".encode()
        + b"--b1\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        b"Content-Disposition: attachment;\r\n filename*0*=utf-8''C%C3%B4ng%20v%C4%83n;\r\n"
        b" filename*1*=%20s%E1%BB%91%2012.pdf\r\n\r\n"
        b"JVBERi0xLjQK\r\n--b1--\r\n"
    )
    parsed = parse_message(raw)
    assert [(a.filename, a.content_type, a.size) for a in parsed.attachments] == [
        ("Công văn số 12.pdf", "application/pdf", 9)
    ]
    assert parsed.attachment_bytes == 9
    assert (
        b'("attachment" ("filename*" "utf-8\'\'C%C3%B4ng%20v%C4%83n%20s%E1%BB%91%2012.pdf"))'
        in parsed.bodystructure
    )
    assert parsed.subject == "Công văn"
    assert parsed.from_display == "Văn phòng"
    leaf_text = read(parsed.bodystructure)
    assert count_leaf_parts(leaf_text) == 2
    assert parsed.parts[1].filename == "Công văn số 12.pdf"
    assert parsed.defects == ()


def test_message_rfc822_single_part_numbering() -> None:
    inner = b"From: a@b.vn\r\nSubject: trong\r\n\r\nnoi dung\r\n"
    raw = (
        b'Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nA\r\n'
        b"--x\r\nContent-Type: message/rfc822\r\n\r\n" + inner + b"--x--\r\n"
    )
    parsed = parse_message(raw)
    spans = {p.section: p for p in parsed.parts}
    assert list(spans) == ["1", "2", "2.1"]
    # The CRLF before a boundary line belongs to the boundary (RFC 2046 §5.1.1).
    assert raw[spans["2"].body_start : spans["2"].end] == inner[:-2]
    assert raw[spans["2.1"].body_start : spans["2.1"].end] == b"noi dung"
    assert b'"trong"' in parsed.bodystructure
    assert "trong" in parsed.search_text


def test_multipart_without_parts_gets_an_empty_text_part() -> None:
    raw = b'Content-Type: multipart/mixed; boundary="zz"\r\n\r\nno parts here\r\n'
    parsed = parse_message(raw)
    assert parsed.body == b'(("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0) "mixed")'
    read(parsed.bodystructure)


def test_digest_parts_default_to_message_rfc822() -> None:
    raw = (
        b'Content-Type: multipart/digest; boundary="d"\r\n\r\n'
        b"--d\r\n\r\nFrom: x@y.vn\r\nSubject: s1\r\n\r\nb\r\n"
        b"--d--\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.body.startswith(b'(("message" "rfc822" NIL NIL NIL "7bit"')
    assert parsed.parts[0].content_type == "message/rfc822"


def test_content_language_location_and_multipart_disposition() -> None:
    raw = (
        b'Content-Type: multipart/related; boundary="r"; type="text/html"\r\n'
        b"Content-Disposition: inline\r\nContent-Language: vi\r\nContent-Location: http://x.vn/\r\n\r\n"
        b"--r\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>\r\n--r--\r\n"
    )
    parsed = parse_message(raw)
    assert parsed.bodystructure.endswith(
        b' "related" ("boundary" "r" "type" "text/html") ("inline" NIL) ("vi") "http://x.vn/")'
    )
