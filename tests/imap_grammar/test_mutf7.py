"""Modified UTF-7 mailbox names (RFC 3501 §5.1.3): vectors, strictness, round-trip properties."""

from __future__ import annotations

import base64
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.imap.grammar import mutf7
from congvu.imap.grammar.mutf7 import MUtf7Error

VECTORS = [
    ("INBOX", "INBOX"),
    ("&", "&-"),
    ("a&b&&", "a&-b&-&-"),
    # RFC 3501 §5.1.3 example.
    ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),
    ("☺!", "&Jjo-!"),
    ("Văn bản đến", "V&AQM-n b&HqM-n &AREevw-n"),
    ("Thư đã gửi", "Th&AbA- &AREA4w- g&Hu0-i"),
    ("😀", "&2D3eAA-"),
    ("\x00\x7f", "&AAAAfw-"),
]


@pytest.mark.parametrize(("text", "wire"), VECTORS)
def test_vectors(text: str, wire: str) -> None:
    assert mutf7.encode(text) == wire
    assert mutf7.decode(wire) == text


@pytest.mark.parametrize(
    "wire",
    [
        "&Jjo",  # unterminated
        "&Jjp-",  # non-zero padding bits
        "&AGE-",  # printable ASCII hidden in base64
        "&ACY-",  # '&' must be written "&-"
        "&AQM-&AQM-",  # adjacent shifted runs
        "&2D0-",  # lone high surrogate
        "&3gA-",  # lone low surrogate
        "&U/BTFw-",  # '/' is not modified base64
        "&U,BTFw=-",  # padding
        "&A-",  # truncated UTF-16 unit
        "Văn",  # 8-bit text is not modified UTF-7
        "a\tb",  # control character
    ],
)
def test_invalid_is_rejected(wire: str) -> None:
    with pytest.raises(MUtf7Error):
        mutf7.decode(wire)
    assert not mutf7.is_valid(wire)
    assert issubclass(MUtf7Error, ValueError)


def test_lone_surrogate_cannot_be_encoded() -> None:
    with pytest.raises(MUtf7Error):
        mutf7.encode("a\ud800")


_VALID_WIRE = re.compile(r"(?:[\x20-\x25\x27-\x7e]|&-|&[A-Za-z0-9+,]+-)*")


def _independent_decode(wire: str) -> str:
    """Second, simpler decoder (regex + stdlib base64) used to check the codec."""
    out = []
    for piece in re.findall(r"&[^-]*-|[^&]", wire):
        if piece == "&-":
            out.append("&")
        elif piece.startswith("&"):
            b64 = piece[1:-1].replace(",", "/")
            out.append(base64.b64decode(b64 + "=" * (-len(b64) % 4)).decode("utf-16-be"))
        else:
            out.append(piece)
    return "".join(out)


vietnamese = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵĐ &/.-"
)
unicode_names = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))


@settings(max_examples=300)
@given(st.one_of(unicode_names, vietnamese))
def test_round_trip_and_output_is_valid(text: str) -> None:
    wire = mutf7.encode(text)
    assert _VALID_WIRE.fullmatch(wire)
    assert wire.isascii()
    assert mutf7.decode(wire) == text
    assert _independent_decode(wire) == text


@settings(max_examples=300)
@given(st.text(alphabet="&-ABCabc019+,/=!~ ", max_size=20))
def test_decode_accepts_only_canonical(wire: str) -> None:
    try:
        text = mutf7.decode(wire)
    except MUtf7Error:
        return
    assert mutf7.encode(text) == wire
