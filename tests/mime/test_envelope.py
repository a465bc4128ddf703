"""ENVELOPE (RFC 9051 §7.5.2) from RFC 5322 address lists."""

from __future__ import annotations

from congvu.mime import parse_message
from congvu.mime.envelope import address_list, parse_addresses


def test_rfc5322_appendix_a1_addresses() -> None:
    addrs = parse_addresses(b'"Joe Q. Public" <john.q.public@example.com>')
    assert address_list(addrs) == b'(("Joe Q. Public" NIL "john.q.public" "example.com"))'
    addrs = parse_addresses(b"Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>")
    assert address_list(addrs) == (
        b'(("Mary Smith" NIL "mary" "x.test")(NIL NIL "jdoe" "example.org")("Who?" NIL "one" "y.test"))'
    )
    assert address_list(parse_addresses(b"Who? <one@y.test>"))[:8] == b'(("Who?"'
    addrs = parse_addresses(b'<boss@nil.test>, "Giant; \\"Big\\" Box" <sysservices@example.net>')
    assert address_list(addrs) == (
        b'((NIL NIL "boss" "nil.test")("Giant; \\"Big\\" Box" NIL "sysservices" "example.net"))'
    )


def test_rfc5322_group_and_route() -> None:
    addrs = parse_addresses(b"A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;")
    assert address_list(addrs) == (
        b'((NIL NIL "A Group" NIL)("Ed Jones" NIL "c" "a.test")(NIL NIL "joe" "where.test")'
        b'("John" NIL "jdoe" "one.test")(NIL NIL NIL NIL))'
    )
    addrs = parse_addresses(b"<@route.test:user@host.test>")
    assert address_list(addrs) == b'((NIL "@route.test" "user" "host.test"))'


def test_comment_name_and_missing_parts() -> None:
    assert address_list(parse_addresses(b"an@tinh.gov.vn (Nguyen Van An)")) == (
        b'(("Nguyen Van An" NIL "an" "tinh.gov.vn"))'
    )
    assert address_list(parse_addresses(b"postmaster")) == b'((NIL NIL "postmaster" "MISSING_DOMAIN"))'
    assert address_list(parse_addresses(b"<@x.vn>")) == b'((NIL NIL "MISSING_MAILBOX" "x.vn"))'
    assert address_list(parse_addresses(b"")) == b"NIL"


def test_envelope_defaults_sender_and_reply_to_to_from() -> None:
    raw = (
        b"Date: Tue, 25 Nov 2026 08:30:00 +0700\r\n"
        b"From: =?utf-8?Q?V=C4=83n_ph=C3=B2ng?= <vp@tinh.gov.vn>\r\n"
        b"To: a@tinh.gov.vn\r\nCc: b@tinh.gov.vn\r\nBcc: c@tinh.gov.vn\r\n"
        b"Subject: Test\r\nIn-Reply-To: <p@x>\r\nMessage-ID: <m@x>\r\n\r\n"
    )
    env = parse_message(raw).envelope
    frm = b'(("=?utf-8?Q?V=C4=83n_ph=C3=B2ng?=" NIL "vp" "tinh.gov.vn"))'
    assert env == (
        b'("Tue, 25 Nov 2026 08:30:00 +0700" "Test" ' + frm + b" " + frm + b" " + frm
        + b' ((NIL NIL "a" "tinh.gov.vn")) ((NIL NIL "b" "tinh.gov.vn")) ((NIL NIL "c" "tinh.gov.vn"))'
        b' "<p@x>" "<m@x>")'
    )
    parsed = parse_message(raw)
    assert parsed.from_display == "Văn phòng"
    assert parsed.to_display == "a@tinh.gov.vn"


def test_explicit_sender_and_reply_to_are_kept() -> None:
    raw = b"From: a@x.vn\r\nSender: s@x.vn\r\nReply-To: r@x.vn\r\n\r\n"
    env = parse_message(raw).envelope
    assert b'((NIL NIL "a" "x.vn")) ((NIL NIL "s" "x.vn")) ((NIL NIL "r" "x.vn"))' in env
