"""Header sections: splitting, unfolding, RFC 2047 encoded-words and RFC 2231 parameters.

* RFC 5322 §2.2 / §3.2.2: a header section is field lines up to the first empty line; a line
  that starts with WSP continues the previous field. Unfolding removes the CRLFs only.
* RFC 2047 §2, §6.2: ``=?charset?B|Q?text?=`` words; whitespace between two adjacent encoded
  words is dropped, and the bytes of adjacent words in one charset are joined before decoding,
  so a UTF-8 character split across two words (common for Vietnamese subjects) decodes whole.
* RFC 2045 §5.1 / RFC 2231 §3–4: ``;`` parameters, quoted or token values, continuations
  ``name*0``, ``name*1`` … and ``charset'lang'%XX`` values (``filename*=utf-8''C%C3%B4ng…``).

Everything here degrades instead of raising: raw 8-bit header bytes are read as UTF-8 when
they are valid UTF-8, else as windows-1258 (the legacy Vietnamese Windows code page, which
also covers Latin-1 letters); unknown charsets fall back the same way.
"""

from __future__ import annotations

import binascii
import re
import unicodedata
from typing import NamedTuple
from urllib.parse import unquote_to_bytes

# A field name is printable US-ASCII except colon (RFC 5322 §2.2); we also tolerate WSP before
# the colon ("Subject :"), which some old mailers write.
# One field: its name, then the value up to the end of its last continuation line.
_FIELD = re.compile(rb"([\x21-\x39\x3b-\x7e]+)[ \t]*:([^\n]*(?:\n[ \t][^\n]*)*)(?:\n|\Z)")
_LINE_BREAK = re.compile(rb"\r?\n")
_ENCODED_WORD = re.compile(rb"=\?([^?\s*]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=")
_Q_HEX = re.compile(rb"=([0-9A-Fa-f]{2})")
_BLANK = b" \t\r\n"
# Structured values (parameters, addresses) longer than this are read only up to it: they are lexed
# byte by byte, and no genuine Content-Type or 500-recipient To header comes near it.
MAX_STRUCTURED = 256 * 1024


class Field(NamedTuple):
    """One header field: lower-case name, raw lines (folding and line ends kept), raw value."""

    name: str
    raw: bytes
    value: bytes  # everything after the colon, still folded


def find_header_end(raw: bytes, start: int, end: int) -> tuple[int, int, bool]:
    """(end of the field lines, start of the body, whether an empty line separated them).

    The empty line belongs to the header section (RFC822.HEADER includes it). Without an empty
    line the caller decides where the body starts (see `split_fields`)."""
    if raw.startswith(b"\r\n", start) and start + 2 <= end:
        return start, start + 2, True
    if raw.startswith(b"\n", start) and start + 1 <= end:
        return start, start + 1, True
    a = raw.find(b"\n\r\n", start, end)
    b = raw.find(b"\n\n", start, end if a < 0 else a)  # never scans past a CRLF empty line
    if b >= 0:
        return b + 1, b + 2, True
    if a >= 0:
        return a + 1, a + 3, True
    return end, end, False


def split_fields(raw: bytes, start: int, end: int, defects: list[str]) -> tuple[list[Field], int, int]:
    """Fields of the header section at ``raw[start:end]``; returns (fields, header_end, body_start).

    ``header_end - start`` is the RFC822.HEADER size (empty line included) and ``body_start``
    where the body begins. Lines that are neither fields nor continuations are kept in the
    header bytes but produce no field; without an empty line the header ends before the first
    such line (the body then starts there)."""
    fields_end, body_start, separated = find_header_end(raw, start, end)
    fields: list[Field] = []
    pos = start
    if not separated:
        defects.append("no empty line between header and body")
    match = _FIELD.match
    while pos < fields_end:
        m = match(raw, pos, fields_end)
        if m is not None:
            fields.append(Field(m.group(1).decode("ascii").lower(), raw[pos : m.end()], m.group(2)))
            pos = m.end()
            continue
        nl = raw.find(b"\n", pos, fields_end)
        line_end = fields_end if nl < 0 else nl + 1
        if raw[pos] in b" \t":
            defects.append("header continuation line without a field")
        elif not separated:
            # The body starts here: the message lacks its empty line (RFC 5322 §2.1).
            return fields, pos, pos
        else:
            defects.append("header line without a field name")
        pos = line_end
    return fields, body_start if separated else fields_end, body_start if separated else fields_end


def unfold(value: bytes) -> bytes:
    """RFC 5322 §2.2.3 unfolding (CRLFs removed, the WSP after them kept), outer WSP stripped."""
    if b"\n" in value:
        value = _LINE_BREAK.sub(b"", value)
    return value.strip(_BLANK)


def decode_text(data: bytes, charset: str | None = None) -> str:
    """Bytes to text in `charset`; UTF-8, then windows-1258, when it is unknown or unset.

    NUL characters become spaces: the text goes to database columns and the search index, and
    PostgreSQL text cannot hold NUL (the raw bytes keep them; they are served unchanged)."""
    text = _decode(data, charset)
    return text.replace("\x00", " ") if "\x00" in text else text


def _decode(data: bytes, charset: str | None) -> str:
    if charset:
        cs = charset.strip().lower()
        if cs not in ("utf-8", "utf8", "us-ascii", "ascii", "unknown-8bit", "x-unknown"):
            try:
                text = data.decode(cs, "replace")
                text.encode()  # some codecs (utf-7, unicode_escape) can yield lone surrogates
                return text
            except Exception:  # unknown or non-text codec names come from the message itself
                pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("windows-1258", "replace")


def _decode_word_payload(encoding: bytes, payload: bytes) -> bytes:
    if encoding in (b"B", b"b"):
        payload = payload + b"=" * (-len(payload) % 4)
        try:
            return binascii.a2b_base64(payload)
        except (binascii.Error, ValueError):
            return b""
    payload = payload.replace(b"_", b" ")
    return _Q_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), payload)


def decode_header(value: bytes) -> str:
    """An unstructured header value (unfolded or not) as text: RFC 2047 decoded, NFC."""
    if value.isascii() and b"=?" not in value and b"\n" not in value and b"\x00" not in value:
        return value.strip(_BLANK).decode("ascii")
    value = unfold(value)
    if b"=?" not in value:
        text = decode_text(value)
        return text if text.isascii() else unicodedata.normalize("NFC", text)
    out: list[str] = []
    pending_cs: str | None = None
    pending = bytearray()
    pos = 0
    for m in _ENCODED_WORD.finditer(value):
        between = value[pos : m.start()]
        if pending_cs is None or between.strip(_BLANK):
            if pending_cs is not None:
                out.append(decode_text(bytes(pending), pending_cs))
                pending_cs = None
                pending.clear()
            out.append(decode_text(between))
        cs = m.group(1).decode("ascii", "replace").lower()
        data = _decode_word_payload(m.group(2), m.group(3))
        if pending_cs is not None and cs != pending_cs:
            out.append(decode_text(bytes(pending), pending_cs))
            pending.clear()
        pending_cs = cs
        pending += data
        pos = m.end()
    if pending_cs is not None:
        out.append(decode_text(bytes(pending), pending_cs))
    out.append(decode_text(value[pos:]))
    return unicodedata.normalize("NFC", "".join(out))


# --- RFC 2045 §5.1 content header values with parameters, RFC 2231 continuations ---------------

_PARAM_SECTION = re.compile(r"^(.*?)\*(\d+)(\*?)$|^(.*?)(\*)$")


def _strip_comments(value: bytes) -> bytes:
    """Removes RFC 5322 comments outside quoted strings (``7bit (seven bit)`` → ``7bit``)."""
    if b"(" not in value:
        return value
    out = bytearray()
    depth = 0
    quoted = False
    escape = False
    for ch in value:
        if escape:
            escape = False
            if depth == 0:
                out.append(ch)
            continue
        if ch == 0x5C:  # backslash
            escape = True
            if depth == 0:
                out.append(ch)
            continue
        if quoted:
            if ch == 0x22:
                quoted = False
            out.append(ch)
        elif ch == 0x22 and depth == 0:
            quoted = True
            out.append(ch)
        elif ch == 0x28:
            depth += 1
        elif ch == 0x29 and depth:
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return bytes(out)


def parse_value_and_params(value: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """``type/sub; a=b; c="d e"`` → (b"type/sub", [("a", b"b"), ("c", b"d e")]) with RFC 2231
    continuations merged. Names keep the case they were written in (Dovecot sends them so; compare
    them case-insensitively, RFC 2045 §5.1); an extended value keeps its ``name*`` and its
    ``charset'lang'%XX`` form (as Dovecot sends it in BODYSTRUCTURE); use `param_text` to read."""
    if len(value) > MAX_STRUCTURED:
        value = value[:MAX_STRUCTURED]
    value = _strip_comments(unfold(value))
    semi = value.find(b";")
    head = (value if semi < 0 else value[:semi]).strip(_BLANK)
    raw_params: list[tuple[str, bytes]] = []
    pos = len(value) if semi < 0 else semi + 1
    n = len(value)
    while pos < n:
        while pos < n and value[pos] in b" \t\r\n;":
            pos += 1
        if pos >= n:
            break
        eq = value.find(b"=", pos)
        sc = value.find(b";", pos)
        if eq < 0 or (0 <= sc < eq):
            pos = n if sc < 0 else sc + 1  # a parameter without "=": skipped
            continue
        name = value[pos:eq].strip(_BLANK).decode("latin-1")
        pos = eq + 1
        while pos < n and value[pos] in b" \t":
            pos += 1
        if pos < n and value[pos] == 0x22:
            buf = bytearray()
            pos += 1
            while pos < n:
                ch = value[pos]
                if ch == 0x5C and pos + 1 < n:
                    buf.append(value[pos + 1])
                    pos += 2
                    continue
                if ch == 0x22:
                    pos += 1
                    break
                buf.append(ch)
                pos += 1
            v = bytes(buf)
            sc = value.find(b";", pos)
            pos = n if sc < 0 else sc + 1
        else:
            sc = value.find(b";", pos)
            v = value[pos : n if sc < 0 else sc].strip(_BLANK)
            pos = n if sc < 0 else sc + 1
        if name:
            raw_params.append((name, v))
    if not any("*" in name for name, _ in raw_params):
        return head, raw_params
    return head, _merge_rfc2231(raw_params)


def _merge_rfc2231(raw_params: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    order: list[str] = []  # lower-case base names in order of first appearance
    spelling: dict[str, str] = {}  # lower-case base name -> as first written
    plain: dict[str, bytes] = {}
    sections: dict[str, list[tuple[int, bool, bytes]]] = {}
    for name, v in raw_params:
        m = _PARAM_SECTION.match(name)
        if m is None:
            base, key = name, name.lower()
            if key not in plain and key not in sections:
                order.append(key)
                spelling[key] = base
            plain.setdefault(key, v)
            continue
        if m.group(1) is not None:
            base, index, extended = m.group(1), int(m.group(2)), bool(m.group(3))
        else:
            base, index, extended = m.group(4), 0, True
        key = base.lower()
        if key not in sections and key not in plain:
            order.append(key)
            spelling[key] = base
        sections.setdefault(key, []).append((index, extended, v))
    result: list[tuple[str, bytes]] = []
    for key in order:
        base = spelling[key]
        if key not in sections:
            result.append((base, plain[key]))
            continue
        segs = sorted(sections[key], key=lambda s: s[0])
        if segs[0][1]:
            # charset'lang' prefix on the first segment; later unencoded segments are escaped.
            joined = b"".join(v if ext or i == 0 else _pct(v) for i, (_, ext, v) in enumerate(segs))
            result.append((base + "*", joined))
        else:
            result.append((base, b"".join(v for _, _, v in segs)))
    return result


def _pct(data: bytes) -> bytes:
    return b"".join(b"%%%02X" % c if c < 0x21 or c > 0x7E or c in b"%'*" else bytes([c]) for c in data)


def param_text(params: list[tuple[str, bytes]], name: str) -> str | None:
    """The decoded text of parameter `name` (RFC 2231 ``name*`` or plain, RFC 2047 tolerated)."""
    for key, v in params:
        if key.lower() == name + "*":
            first = v.find(b"'")
            second = v.find(b"'", first + 1) if first >= 0 else -1
            if second < 0:
                return decode_text(unquote_to_bytes(v))
            charset = v[:first].decode("ascii", "replace")
            return unicodedata.normalize("NFC", decode_text(unquote_to_bytes(v[second + 1 :]), charset))
    for key, v in params:
        if key.lower() == name:
            return decode_header(v)
    return None
