"""Search text: decoded parts, HTML stripped, Vietnamese folding (issue 9 item 5)."""

from __future__ import annotations

import base64
import unicodedata

from congvu.domain.folding import fold
from congvu.mime import parse_message
from congvu.mime.searchtext import SEARCH_TEXT_CAP, html_to_text


def _msg(subject: str, body: str, ctype: str = "text/plain", cte: str = "8bit") -> bytes:
    payload = body.encode()
    if cte == "base64":
        payload = base64.encodebytes(payload).replace(b"\n", b"\r\n")
    return (
        f"Subject: {subject}\r\nFrom: Phạm Minh Đức <duc.pm@tinh.gov.vn>\r\n"
        f"Content-Type: {ctype}; charset=utf-8\r\nContent-Transfer-Encoding: {cte}\r\n\r\n"
    ).encode() + payload


def test_folded_words_meet() -> None:
    text = parse_message(_msg("Thông báo Đăng ký", "Hỏa tốc: họp khẩn", cte="base64")).search_text
    for query in ("thong bao", "dang ky", "hoa toc", "khan", "pham minh duc", "duc.pm@tinh.gov.vn"):
        assert fold(query) in text


def test_nfd_input_and_old_tone_placement() -> None:
    nfd = unicodedata.normalize("NFD", "Thông báo hoà thuý")
    text = parse_message(_msg(nfd, "x")).search_text
    assert "thong bao hoa thuy" in text
    assert fold("hòa thúy") in parse_message(_msg("hoà thuý", "x")).search_text


def test_html_part_is_stripped_and_alternative_prefers_plain() -> None:
    html = (
        "<html><head><style>p{}</style></head><body><p>Gi&aacute;y m&#7901;i <b>họp</b></p>"
        "<script>x()</script>"
    )
    assert parse_message(_msg("s", html, "text/html")).search_text.endswith("giay moi hop")
    raw = (
        b'Content-Type: multipart/alternative; boundary="a"\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\n'
        b"ban thuong\r\n--a\r\nContent-Type: text/html\r\n\r\n<p>ban html</p>\r\n--a--\r\n"
    )
    text = parse_message(raw).search_text
    assert "ban thuong" in text
    assert "ban html" not in text


def test_attachments_are_not_indexed_and_text_is_capped() -> None:
    raw = (
        b'Content-Type: multipart/mixed; boundary="m"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\n'
        + b"chu " * (SEARCH_TEXT_CAP // 2)
        + b"\r\n--m\r\nContent-Type: text/plain\r\nContent-Disposition: attachment; filename=a.txt\r\n\r\n"
        b"secret attachment words\r\n--m--\r\n"
    )
    parsed = parse_message(raw)
    assert len(parsed.search_text) <= SEARCH_TEXT_CAP
    assert "secret" not in parsed.search_text
    assert [a.filename for a in parsed.attachments] == ["a.txt"]


def test_whitespace_is_collapsed() -> None:
    assert parse_message(_msg("a   b", "c\r\n\r\n\td")).search_text.startswith("a b pham minh duc")


def test_html_to_text_entities() -> None:
    assert " ".join(html_to_text("<p>&lt;tag&gt; &amp; &#273;</p>").split()) == "<tag> & đ"


def test_attachments_in_every_alternative_branch_count() -> None:
    # Apple Mail: alternative(plain, mixed(html, pdf, html)); the PDF is an attachment all the same.
    raw = (
        b'Content-Type: multipart/alternative; boundary="a"\r\n\r\n'
        b"--a\r\nContent-Type: text/plain\r\n\r\nxem tep\r\n"
        b'--a\r\nContent-Type: multipart/mixed; boundary="m"\r\n\r\n'
        b"--m\r\nContent-Type: text/html\r\n\r\n<p>xem tep</p>\r\n"
        b"--m\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Disposition: inline; filename=a.pdf\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n"
        b"--m\r\nContent-Type: text/html\r\n\r\n<p>het</p>\r\n--m--\r\n--a--\r\n"
    )
    parsed = parse_message(raw)
    assert [(a.filename, a.size) for a in parsed.attachments] == [("a.pdf", 9)]
    assert parsed.attachment_bytes == 9
    assert "het" not in parsed.search_text  # only the plain branch is indexed


def test_text_keeps_diacritics_and_search_text_is_its_fold() -> None:
    parsed = parse_message(_msg("Khẩn:  Đăng ký", "Hỏa tốc\r\n\r\nhọp"))
    assert parsed.text.startswith("Khẩn: Đăng ký Phạm Minh Đức duc.pm@tinh.gov.vn")
    assert parsed.text.endswith("Hỏa tốc họp")
    assert parsed.search_text == fold(parsed.text)
