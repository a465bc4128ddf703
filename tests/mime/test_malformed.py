"""Malformed messages are stored as received and still described: the parse degrades, never fails.

The corpus is generated here (issue 9 item 5), each case with what must still hold."""

from __future__ import annotations

import pytest

from congvu.mime import ParsedMessage, parse_message
from congvu.mime.parse import MAX_DEPTH
from tests.mime.imapsyntax import read

VIET = "Thông báo khẩn về việc Đăng ký"


def _nested(levels: int) -> bytes:
    head = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i) for i in range(levels)
    )
    tail = b"".join(b"\r\n--b%d--\r\n" % i for i in reversed(range(levels)))
    return b"Subject: deep\r\n" + head + b"Content-Type: text/plain\r\n\r\nday la noi dung" + tail


CORPUS: dict[str, bytes] = {
    "empty": b"",
    "only blank line": b"\r\n",
    "garbage": bytes(range(256)) * 4,
    "no final boundary": (
        b'Content-Type: multipart/mixed; boundary="q"\r\n\r\n--q\r\nContent-Type: text/plain\r\n\r\nhello\r\n'
        b"--q\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBER"
    ),
    "bad base64": (
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"VGjDtG5nIGLDoW8=*&^%$\r\nx=y==z\r\n"
    ),
    "raw utf-8 header": (
        "Subject: Thông báo khẩn\r\nFrom: Nguyễn Văn An <an@tinh.gov.vn>\r\n\r\nx\r\n".encode()
    ),
    "raw windows-1258 header": "Subject: Thông báo\r\n\r\nx\r\n".encode("windows-1258"),
    "raw latin-1 header": "Subject: café crème\r\n\r\nx\r\n".encode("latin-1"),
    "2 MB single-line header": b"Subject: " + b"a" * (2 * 1024 * 1024) + b"\r\n\r\nbody\r\n",
    "NUL bytes": b"Subject: a\x00b\r\nFrom: x\x00@y.vn\r\n\r\nbo\x00dy\r\n",
    "LF-only line ends": (
        b'Subject: lf\nContent-Type: multipart/alternative; boundary="a"\n\n--a\nContent-Type: text/plain\n\n'
        b"plain\n--a\nContent-Type: text/html\n\n<b>html</b>\n--a--\n"
    ),
    "100 nested multiparts": _nested(100),
    "no header/body separator": (
        b"Subject: no separator\r\nFrom: a@b.vn\r\nKinh gui cac don vi\r\nnoi dung\r\n"
    ),
    "header only, no separator": b"Subject: only header\r\nFrom: a@b.vn",
    "multipart without boundary": b"Content-Type: multipart/mixed\r\n\r\n--x\r\nabc\r\n",
    "base64 message/rfc822": (
        b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\nRnJvbTogYQ==\r\n"
    ),
    "unterminated quotes": b'From: "Nguyen <a@b.vn\r\nContent-Type: text/plain; charset="utf-8\r\n\r\nx',
    "broken encoded words": b"Subject: =?utf-8?B?***?= =?x-unknown?Q?=FF=FE?= =?utf-8?Q?a\r\n\r\n",
    "bogus charset": b"Content-Type: text/plain; charset=rot13\r\n\r\nxin chao\r\n",
    "surrogate charset": (
        b"Subject: =?unicode_escape?Q?\\ud800?=\r\nContent-Type: text/plain; charset=utf-7\r\n\r\n+2D3-\r\n"
    ),
    "continuation first": b" folded first\r\nSubject: s\r\n\r\nb",
    "bare CR": b"Subject: a\rb\r\r\n\rbody\r",
    "unbalanced comment": b"From: (((a@b.vn\r\nTo: a@b.vn (x\r\n\r\n",
    "group": b"To: undisclosed-recipients:;\r\nCc: Phong: a@b.vn, c@d.vn;\r\n\r\n",
    "boundary prefix": (
        b'Content-Type: multipart/mixed; boundary="ab"\r\n\r\n'
        b'--ab\r\nContent-Type: multipart/mixed; boundary="abc"\r\n\r\n'
        b"--abc\r\n\r\ninner\r\n--abc--\r\n--ab\r\n\r\nsecond\r\n--ab--\r\n"
    ),
}


@pytest.mark.parametrize("name", list(CORPUS))
def test_malformed_messages_parse_and_give_valid_fragments(name: str) -> None:
    raw = CORPUS[name]
    parsed = parse_message(raw)
    assert isinstance(parsed, ParsedMessage)
    assert not any(d.startswith("internal parser error") for d in parsed.defects), parsed.defects
    read(parsed.envelope)
    read(parsed.bodystructure)
    read(parsed.body)
    assert 0 <= parsed.header_size <= len(raw)
    for span in parsed.parts:
        assert 0 <= span.header_start <= span.body_start <= span.end <= len(raw)
    for lines in parsed.header_fields.values():
        assert lines.endswith(b"\r\n")


def test_no_final_boundary_keeps_the_last_part() -> None:
    parsed = parse_message(CORPUS["no final boundary"])
    assert [p.content_type for p in parsed.parts] == ["text/plain", "application/pdf"]
    assert any("final boundary" in d for d in parsed.defects)
    assert parsed.attachments[0].content_type == "application/pdf"


def test_bad_base64_still_yields_text() -> None:
    parsed = parse_message(CORPUS["bad base64"])
    assert "thong bao" in parsed.search_text


def test_raw_8bit_headers_are_decoded() -> None:
    assert parse_message(CORPUS["raw utf-8 header"]).subject == "Thông báo khẩn"
    assert parse_message(CORPUS["raw utf-8 header"]).from_display == "Nguyễn Văn An"
    assert parse_message(CORPUS["raw windows-1258 header"]).subject == "Thông báo"
    assert parse_message(CORPUS["raw latin-1 header"]).subject == "café crème"
    envelope = parse_message(CORPUS["raw utf-8 header"]).envelope
    assert b"{%d}\r\n" % len("Thông báo khẩn".encode()) in envelope  # 8-bit goes as a literal


def test_nul_bytes_never_reach_the_fragments() -> None:
    parsed = parse_message(CORPUS["NUL bytes"])
    assert b"\x00" not in parsed.envelope + parsed.bodystructure


def test_lf_only_message_is_structured() -> None:
    parsed = parse_message(CORPUS["LF-only line ends"])
    assert [p.content_type for p in parsed.parts] == ["text/plain", "text/html"]
    assert parsed.header_fields["subject"] == b"Subject: lf\r\n"
    assert "plain" in parsed.search_text
    assert "html" not in parsed.search_text


def test_deep_nesting_is_capped() -> None:
    parsed = parse_message(CORPUS["100 nested multiparts"])
    assert any("nesting" in d for d in parsed.defects)
    deepest = max(p.section.count(".") + 1 for p in parsed.parts)
    assert deepest == MAX_DEPTH
    assert parsed.subject == "deep"


def test_missing_separator_starts_the_body_at_the_first_non_header_line() -> None:
    raw = CORPUS["no header/body separator"]
    parsed = parse_message(raw)
    assert parsed.subject == "no separator"
    assert raw[parsed.header_size :] == b"Kinh gui cac don vi\r\nnoi dung\r\n"
    assert "kinh gui" in parsed.search_text
    header_only = CORPUS["header only, no separator"]
    assert parse_message(header_only).header_size == len(header_only)


def test_group_addresses() -> None:
    parsed = parse_message(CORPUS["group"])
    assert (
        b'((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) '
        b'((NIL NIL "Phong" NIL)(NIL NIL "a" "b.vn")(NIL NIL "c" "d.vn")(NIL NIL NIL NIL))'
    ) in parsed.envelope


def test_boundary_that_prefixes_another() -> None:
    parsed = parse_message(CORPUS["boundary prefix"])
    assert [p.section for p in parsed.parts] == ["1", "1.1", "2"]


def test_empty_input() -> None:
    parsed = parse_message(b"")
    assert parsed.body == b'("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 0 0)'
    assert parsed.envelope == b"(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"
    assert parsed.header_size == 0


@pytest.mark.parametrize("name", list(CORPUS))
def test_text_fields_hold_no_nul(name: str) -> None:
    # PostgreSQL text columns and the search index cannot hold NUL; the raw bytes keep them.
    parsed = parse_message(CORPUS[name])
    texts = [parsed.subject, parsed.from_display, parsed.to_display, parsed.cc_display, parsed.search_text,
             parsed.text, parsed.message_id or ""]
    texts += [a.filename for a in parsed.attachments] + [p.filename or "" for p in parsed.parts]
    assert not any("\x00" in t for t in texts)
    for t in texts:
        t.encode()  # no lone surrogates (utf-7, unicode_escape charsets)


def test_nul_separates_words() -> None:
    parsed = parse_message(b"Subject: nul\r\n\r\nbefore\x00after\r\n\x00\r\n")
    assert parsed.search_text == "nul before after"
