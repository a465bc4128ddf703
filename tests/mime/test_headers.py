"""RFC 2047 encoded words, RFC 2231 parameters, header splitting and the cached header fields."""

from __future__ import annotations

import base64
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.mime import CACHED_FIELDS, parse_message
from congvu.mime.headers import decode_header, param_text, parse_value_and_params


@pytest.mark.parametrize(
    ("encoded", "decoded"),
    [
        # RFC 2047 §8 examples
        (b"(=?ISO-8859-1?Q?a?=)", "(a)"),
        (b"(=?ISO-8859-1?Q?a?= b)", "(a b)"),
        (b"(=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?b?=)", "(ab)"),
        (b"(=?ISO-8859-1?Q?a?=  =?ISO-8859-1?Q?b?=)", "(ab)"),
        (b"(=?ISO-8859-1?Q?a?=\r\n    =?ISO-8859-1?Q?b?=)", "(ab)"),
        (b"(=?ISO-8859-1?Q?a_b?=)", "(a b)"),
        (b"(=?ISO-8859-1?Q?a?= =?ISO-8859-2?Q?_b?=)", "(a b)"),
        (b"=?US-ASCII?Q?Keith_Moore?=", "Keith Moore"),
        (b"=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        # RFC 2231 §5 language in an encoded word
        (b"=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"),
        # Vietnamese: B and Q words, and one UTF-8 character split across two words
        (b"=?utf-8?B?VGjDtG5nIGLDoW8=?=", "Thông báo"),
        (b"=?UTF-8?Q?Th=C3=B4ng_b=C3=A1o_kh=E1=BA=A9n?=", "Thông báo khẩn"),
        (b"=?utf-8?Q?Kh=E1=BA?= =?utf-8?Q?=A9n?=", "Khẩn"),
        (b"=?utf-8?B?xJA=?=\r\n =?utf-8?B?xINuZyBrw70=?=", "Đăng ký"),
        # base64 without its padding, as some mailers write it
        (b"=?utf-8?B?VGjDtG5nIGLDoW8?=", "Thông báo"),
        (b"plain text", "plain text"),
    ],
)
def test_decode_header(encoded: bytes, decoded: str) -> None:
    assert decode_header(encoded) == decoded


def test_decoded_text_is_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Thông báo")
    assert decode_header(nfd.encode()) == "Thông báo"
    assert decode_header(b"=?utf-8?B?" + base64.b64encode(nfd.encode()) + b"?=") == "Thông báo"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_header_functions_never_raise(value: bytes) -> None:
    decode_header(value)
    _, params = parse_value_and_params(value)
    for name, _ in params:
        param_text(params, name.rstrip("*"))
    decode_header(b"=?utf-8?B?" + value + b"?= =?windows-1258?Q?" + value + b"?=")


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=60),
    st.sampled_from(["utf-8", "windows-1258", "iso-8859-1", "utf-16"]),
)
def test_encoded_words_round_trip(text: str, charset: str) -> None:
    try:
        data = text.encode(charset)
    except UnicodeEncodeError:
        return
    word = b"=?" + charset.encode() + b"?B?" + base64.b64encode(data) + b"?="
    assert decode_header(word) == unicodedata.normalize("NFC", text)


def test_rfc2231_continuations_and_charset() -> None:
    # RFC 2231 §3 and §4.1 examples
    _, params = parse_value_and_params(
        b'message/external-body; access-type=URL;\r\n URL*0="ftp://";\r\n'
        b' URL*1="cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"'
    )
    assert params == [("access-type", b"URL"), ("URL", b"ftp://cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar")]
    _, params = parse_value_and_params(
        b"application/x-stuff;\r\n title*0*=us-ascii'en'This%20is%20even%20more%20;\r\n"
        b" title*1*=%2A%2A%2Afun%2A%2A%2A%20;\r\n title*2=\"isn't it!\""
    )
    assert param_text(params, "title") == "This is even more ***fun*** isn't it!"
    value = b"attachment; filename*=UTF-8''C%C3%B4ng%20v%C4%83n%20s%E1%BB%91%2012.pdf"
    _, params = parse_value_and_params(value)
    assert param_text(params, "filename") == "Công văn số 12.pdf"


def test_filename_forms_mail_clients_write() -> None:
    # Outlook and Gmail: an RFC 2047 word inside quotes; old clients: raw UTF-8.
    _, params = parse_value_and_params(b'attachment; filename="=?utf-8?B?Q8O0bmcgdsSDbi5wZGY=?="')
    assert param_text(params, "filename") == "Công văn.pdf"
    _, params = parse_value_and_params('attachment; filename="Báo cáo.docx"'.encode())
    assert param_text(params, "filename") == "Báo cáo.docx"
    _, params = parse_value_and_params(b"attachment; filename*=windows-1258''B%E1o%20c%E1o.doc")
    assert param_text(params, "filename") == "Báo cáo.doc"


def test_cached_header_fields_keep_raw_lines() -> None:
    raw = (
        b"Received: from x\r\nFrom: An <an@tinh.gov.vn>\r\nSubject: =?utf-8?Q?a?=\r\n  =?utf-8?Q?b?=\r\n"
        b"References: <1@x>\r\nReferences: <2@x>\r\nX-Priority: 1\r\n\r\nbody"
    )
    parsed = parse_message(raw)
    assert parsed.header_fields["subject"] == b"Subject: =?utf-8?Q?a?=\r\n  =?utf-8?Q?b?=\r\n"
    assert parsed.header_fields["references"] == b"References: <1@x>\r\nReferences: <2@x>\r\n"
    assert parsed.header_fields["x-priority"] == b"X-Priority: 1\r\n"
    assert "received" not in parsed.header_fields
    assert parsed.subject == "ab"
    assert set(parsed.header_fields) <= set(CACHED_FIELDS)


def test_cached_fields_cover_client_requests() -> None:
    thunderbird = (
        "From To Cc Bcc Subject Date Message-ID Priority X-Priority References Newsgroups In-Reply-To"
    )
    k9 = "date subject from content-type to cc reply-to message-id references in-reply-to x-k9mail-identity"
    apple = "list-id list-unsubscribe x-uniform-type-identifier x-universally-unique-identifier"
    for name in f"{thunderbird} {k9} {apple}".lower().split():
        assert name in CACHED_FIELDS
    assert all(name == name.lower() for name in CACHED_FIELDS)


def test_date_and_message_id() -> None:
    parsed = parse_message(
        b"Date: Tue, 25 Nov 2026 08:30:00 +0700\r\nMessage-ID:\r\n <abc@tinh.gov.vn>\r\n\r\n"
    )
    assert parsed.date is not None
    assert parsed.date.isoformat() == "2026-11-25T08:30:00+07:00"
    assert parsed.message_id == "<abc@tinh.gov.vn>"
    assert parse_message(b"Date: not a date\r\n\r\n").date is None
    assert parse_message(b"Date: 99 Foo 2026 99:99:99 +9999\r\n\r\n").date is None
