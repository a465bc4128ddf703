"""The chunked DATA reader (congvu.smtp.data): end of data, dot-unstuffing, size limit, smuggling;
and the fast envelope-address parser of congvu.smtp.server."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.smtp.data import DataReader
from congvu.smtp.server import SIMPLE_PATH


def _aiosmtpd_getaddr(arg: str) -> tuple[str | None, str | None]:
    """aiosmtpd's `SMTP._getaddr` without an SMTP instance (it uses no instance state here)."""
    from aiosmtpd.smtp import SMTP

    return SMTP._getaddr(_NoLimit(), arg)  # type: ignore[arg-type]


class _NoLimit:
    local_part_limit = 0


SMUGGLING_ENDS = [b"\n.\n", b"\r.\n", b"\n.\r\n", b"\r.\r\n", b"\r\n.\n", b"\n.\r", b"\r\n.\r", b"\r.\r"]


def stuff(lines: list[bytes]) -> bytes:
    """What a client sends: RFC 5321 §4.5.2 dot-stuffing, CRLF after each line, then CRLF.CRLF."""
    return b"".join((b"." + ln if ln.startswith(b".") else ln) + b"\r\n" for ln in lines) + b".\r\n"


def feed_all(reader: DataReader, data: bytes, sizes: list[int]) -> bytes | None:
    pos = 0
    i = 0
    while pos < len(data):
        n = sizes[i % len(sizes)] if sizes else len(data)
        i += 1
        rest = reader.feed(data[pos : pos + n])
        pos += n
        if rest is not None:
            return rest + data[pos:]
    return None


line = st.binary(max_size=40).filter(lambda b: b"\r\n" not in b)


@settings(max_examples=150, deadline=None)
@given(lines=st.lists(line, max_size=12), sizes=st.lists(st.integers(1, 17), max_size=5))
def test_any_message_survives_stuffing_and_any_chunking(lines: list[bytes], sizes: list[int]) -> None:
    reader = DataReader(limit=None)
    rest = feed_all(reader, stuff(lines) + b"QUIT\r\n", sizes)
    assert rest == b"QUIT\r\n"
    assert reader.message() == b"".join(ln + b"\r\n" for ln in lines)
    assert not reader.too_big


def test_empty_message_and_leading_dot_lines() -> None:
    reader = DataReader(None)
    assert reader.feed(b".\r\n") == b""
    assert reader.message() == b""
    reader = DataReader(None)
    assert reader.feed(b"..\r\n...x\r\n.\r\n") == b""
    assert reader.message() == b".\r\n..x\r\n"


@pytest.mark.parametrize("fake_end", SMUGGLING_ENDS)
def test_only_crlf_dot_crlf_ends_data(fake_end: bytes) -> None:
    smuggled = b"Subject: a\r\n\r\nhello" + fake_end + b"MAIL FROM:<evil@x>\r\nRCPT TO:<v@y>\r\nDATA\r\n"
    reader = DataReader(None)
    rest = reader.feed(smuggled + b"\r\n.\r\n")
    assert rest == b""
    # A line that starts with a dot after a real CRLF is unstuffed (RFC 5321 §4.5.2), nothing more.
    assert reader.message() == smuggled.replace(b"\r\n.", b"\r\n") + b"\r\n"


def test_bare_lf_message_is_kept_byte_exact() -> None:
    reader = DataReader(None)
    body = b"Subject: lf\n\nline one\n.\nline three\n\x00nul\n"
    assert reader.feed(body + b"\r\n.\r\n") == b""
    assert reader.message() == body + b"\r\n"


def test_over_the_limit_drains_then_reports_too_big() -> None:
    reader = DataReader(limit=1000)
    chunk = b"x" * 999 + b"\r\n"
    rest = None
    for _ in range(50):
        rest = reader.feed(chunk)
        assert rest is None
    rest = reader.feed(b".\r\nRSET\r\n")
    assert rest == b"RSET\r\n"
    assert reader.message() == b""
    assert reader.too_big


def test_just_over_the_limit_is_too_big_and_at_the_limit_is_not() -> None:
    at = DataReader(limit=12)
    assert at.feed(b"0123456789\r\n.\r\n") == b""
    assert at.message() == b"0123456789\r\n"
    assert not at.too_big
    over = DataReader(limit=11)
    assert over.feed(b"0123456789\r\n.\r\n") == b""
    assert over.message() == b""
    assert over.too_big


@pytest.mark.parametrize("cut", range(1, 6))
def test_end_split_across_chunks(cut: int) -> None:
    data = b"a\r\nb\r\n.\r\n"
    split = len(data) - 5 + cut - 1
    reader = DataReader(None)
    assert reader.feed(data[:split]) is None
    rest = reader.feed(data[split:])
    assert rest == b""
    assert reader.message() == b"a\r\nb\r\n"


@settings(max_examples=200, deadline=None)
@given(
    local=st.from_regex(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,20}", fullmatch=True),
    domain=st.from_regex(r"[A-Za-z0-9.-]{1,20}", fullmatch=True),
    params=st.sampled_from(["", " SIZE=100", "  BODY=8BITMIME SIZE=5", " X"]),
)
def test_fast_path_parser_agrees_with_aiosmtpd(local: str, domain: str, params: str) -> None:
    """congvu.smtp.server.SIMPLE_PATH answers exactly like aiosmtpd's own address parser."""
    arg = f"<{local}@{domain}>{params}"
    m = SIMPLE_PATH.match(arg)
    if m is None:
        return  # falls back to aiosmtpd itself
    expected = _aiosmtpd_getaddr(arg)
    assert (m.group(1), m.group(2).lstrip()) == expected
