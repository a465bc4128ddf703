"""Decoded text of a message for the search index, folded for Vietnamese.

Issue 9 item 5 / DESIGN.md "SEARCH TEXT": the subject, the names and addresses of From/To/Cc
and the text parts (text/plain; text/html with tags, scripts and styles stripped; of a
multipart/alternative only the plain part when there is one) are decoded (RFC 2045 §6
transfer encodings, the part's charset) and folded with `congvu.domain.folding.fold` so
``thong bao`` finds ``Thông báo`` and ``dang`` finds ``Đăng``. Whitespace is collapsed and
the text capped at `SEARCH_TEXT_CAP` characters.

"""

from __future__ import annotations

import binascii
import html
import re

SEARCH_TEXT_CAP = 256 * 1024  # characters kept for the index
PART_INPUT_CAP = 1024 * 1024  # encoded bytes of one text part read for the index

_NON_B64 = re.compile(rb"[^A-Za-z0-9+/]")
_HTML_DROP_START = re.compile(r"(?i)<(script|style|head)\b|<!--")
_HTML_TAG = re.compile(r"<[^<>]*>")  # [^<>]: a stray "<" never makes the scan quadratic


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


def decoded_size(raw: bytes, start: int, end: int, encoding: str) -> int:
    """Octets of ``raw[start:end]`` after transfer decoding (attachment sizes, READINGS B.10).

    Base64 is counted, not decoded, and without copying the part: the characters that are not
    line breaks, blanks or final padding, times 3/4."""
    if encoding == "base64":
        n = end - start - raw.count(b"\n", start, end)
        for blank in (b"\r", b" ", b"\t"):
            if raw.find(blank, start, end) >= 0:
                n -= raw.count(blank, start, end)
        tail = raw[max(start, end - 80) : end].rstrip(b" \t\r\n")
        n -= len(tail) - len(tail.rstrip(b"="))
        return max(0, n * 3 // 4)
    if encoding == "quoted-printable":
        return len(binascii.a2b_qp(raw[start:end]))
    return end - start


def html_to_text(text: str) -> str:
    """Visible text of an HTML part: scripts, styles, head and comments dropped, tags removed."""
    text = _drop_invisible(text)
    text = _HTML_TAG.sub(" ", text)
    return html.unescape(text) if "&" in text else text


def _drop_invisible(text: str) -> str:
    """Removes script/style/head elements and comments in one forward pass (linear time)."""
    if "<" not in text:
        return text
    out: list[str] = []
    pos = 0
    lower: str | None = None
    while True:
        m = _HTML_DROP_START.search(text, pos)
        if m is None:
            break
        out.append(text[pos : m.start()])
        if lower is None:
            lower = text.lower()
        closing = "-->" if m.group(1) is None else "</" + m.group(1).lower()
        end = lower.find(closing, m.end())
        if end < 0:
            return " ".join(out)  # unterminated: the rest is invisible
        gt = text.find(">", end)
        pos = len(text) if gt < 0 else gt + 1
        out.append(" ")
    out.append(text[pos:])
    return "".join(out)


def collapse(parts: list[str]) -> str:
    """Pieces of text joined, whitespace-collapsed and capped (diacritics kept)."""
    text = " ".join(" ".join(parts).split())
    return text[:SEARCH_TEXT_CAP] if len(text) > SEARCH_TEXT_CAP else text
