"""Decoded text of a message for the search index, folded for Vietnamese.

Issue 9 item 5 / DESIGN.md "SEARCH TEXT": the subject, the names and addresses of From/To/Cc
and the text parts (text/plain; text/html with tags, scripts and styles stripped; of a
multipart/alternative only the plain part when there is one) are decoded (RFC 2045 §6
transfer encodings, the part's charset) and folded with `congvu.domain.folding.fold` so
``thong bao`` finds ``Thông báo`` and ``dang`` finds ``Đăng``. Whitespace is collapsed and
the text capped at `SEARCH_TEXT_CAP` characters.

`fold_text` gives exactly ``fold(text)`` but takes a fast path for text that is ASCII plus
Vietnamese marks once decomposed (the usual case): fold's per-character loop costs ~90 µs per
KB, the fast path ~15.
"""

from __future__ import annotations

import binascii
import html
import re
import unicodedata

from congvu.domain.folding import fold

SEARCH_TEXT_CAP = 256 * 1024  # characters kept for the index
PART_INPUT_CAP = 1024 * 1024  # encoded bytes of one text part read for the index

# Combining marks Vietnamese uses once NFD-decomposed: the five tones, circumflex, breve, horn.
_NOT_VIET = re.compile("[^\x00-\x7f\u0300-\u0303\u0306\u0309\u031b\u0323]")
_NON_B64 = re.compile(rb"[^A-Za-z0-9+/]")
_HTML_DROP = re.compile(r"(?is)<(script|style|head)\b.*?</\1\s*>|<!--.*?-->")
_HTML_TAG = re.compile(r"(?s)<[^>]*>")


def fold_text(text: str) -> str:
    """Exactly `congvu.domain.folding.fold`, with a fast path for Vietnamese/ASCII text."""
    if text.isascii():
        return text.lower()
    work = text.replace("đ", "d").replace("Đ", "d")
    decomposed = unicodedata.normalize("NFD", work)
    if _NOT_VIET.search(decomposed) is None:
        return decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return fold(text)


def decode_transfer(data: bytes, encoding: str) -> bytes:
    """RFC 2045 §6 decoding that never raises: bad base64 loses only the broken bits."""
    if encoding == "base64":
        try:
            return binascii.a2b_base64(data)
        except (binascii.Error, ValueError):
            clean = _NON_B64.sub(b"", data)
            clean = clean[: len(clean) - len(clean) % 4]
            try:
                return binascii.a2b_base64(clean)
            except (binascii.Error, ValueError):
                return b""
    if encoding == "quoted-printable":
        return binascii.a2b_qp(data)
    return data


def decoded_size(data: bytes, encoding: str) -> int:
    """Octets after transfer decoding (attachment sizes, READINGS B.10)."""
    if encoding == "base64":
        n = len(data) - data.count(b"\n") - data.count(b"\r") - data.count(b" ") - data.count(b"\t")
        n -= data.count(b"=")
        return max(0, n * 3 // 4)
    if encoding == "quoted-printable":
        return len(binascii.a2b_qp(data))
    return len(data)


def html_to_text(text: str) -> str:
    """Visible text of an HTML part: scripts, styles, head and comments dropped, tags removed."""
    text = _HTML_DROP.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    return html.unescape(text) if "&" in text else text


def collapse(parts: list[str]) -> str:
    """Folded, whitespace-collapsed and capped search text from pieces of text."""
    text = " ".join(fold_text(" ".join(parts)).split())  # folded first: ASCII splits faster
    return text[:SEARCH_TEXT_CAP] if len(text) > SEARCH_TEXT_CAP else text
