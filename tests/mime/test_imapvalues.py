"""The IMAP value encoder: whatever the bytes, a valid string that reads back to them (NUL dropped)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.mime import imapvalues as iv
from tests.mime.imapsyntax import read


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200) | st.text(max_size=80).map(str.encode))
def test_string_reads_back(value: bytes) -> None:
    encoded = iv.string(value)
    assert read(encoded) == value.replace(b"\x00", b"")
    assert read(iv.nstring(value)) == value.replace(b"\x00", b"")


def test_forms() -> None:
    assert iv.string(b"abc") == b'"abc"'
    assert iv.string(b'a"b\\c') == b'"a\\"b\\\\c"'
    assert iv.string("Đăng".encode()) == b"{6}\r\n" + "Đăng".encode()
    assert iv.string(b"a\r\n b") == b"{5}\r\na\r\n b"
    assert iv.string(b"x" * 5000).startswith(b"{5000}\r\n")
    assert iv.nstring(None) == b"NIL"
    assert iv.plist([b"NIL", b'"a"']) == b'(NIL "a")'
