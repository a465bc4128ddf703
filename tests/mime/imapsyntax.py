"""A strict reader of IMAP values for the tests: NIL, numbers, quoted strings, literals, lists.

It raises `SyntaxError` on anything RFC 9051 §4 does not allow, so a fragment that it reads
back is syntactically valid (balanced parentheses, exact literal lengths, no bare 8-bit in
quoted strings)."""

from __future__ import annotations

import re

Value = bytes | int | None | list["Value"]
_NUMBER = re.compile(rb"\d+")
_LITERAL = re.compile(rb"\{(\d+)\}\r\n")


def read(data: bytes) -> Value:
    value, pos = _value(data, 0)
    if pos != len(data):
        raise SyntaxError(f"trailing bytes at {pos}: {data[pos:pos + 20]!r}")
    return value


def _value(data: bytes, pos: int) -> tuple[Value, int]:
    if pos >= len(data):
        raise SyntaxError("value expected at end")
    c = data[pos]
    if c == 0x28:
        items: list[Value] = []
        pos += 1
        while True:
            if pos >= len(data):
                raise SyntaxError("unbalanced parenthesis")
            if data[pos] == 0x29:
                return items, pos + 1
            if items:
                if data[pos] == 0x20:
                    pos += 1
                elif not (data[pos] == 0x28 and isinstance(items[-1], list)):
                    # only parts of a multipart (body-type-mpart) follow each other unspaced
                    raise SyntaxError(f"space expected at {pos}")
            item, pos = _value(data, pos)
            items.append(item)
    if c == 0x22:
        out = bytearray()
        pos += 1
        while True:
            if pos >= len(data):
                raise SyntaxError("unterminated quoted string")
            ch = data[pos]
            if ch == 0x5C:
                nxt = data[pos + 1 : pos + 2]
                if nxt not in (b"\\", b'"'):
                    raise SyntaxError("bad escape")
                out += nxt
                pos += 2
                continue
            if ch == 0x22:
                return bytes(out), pos + 1
            if ch in (0, 0x0A, 0x0D) or ch >= 0x80:
                raise SyntaxError(f"byte {ch:#x} in a quoted string")
            out.append(ch)
            pos += 1
    if c == 0x7B:
        m = _LITERAL.match(data, pos)
        if m is None:
            raise SyntaxError("bad literal")
        n = int(m.group(1))
        start = m.end()
        if start + n > len(data):
            raise SyntaxError("literal runs past the end")
        body = data[start : start + n]
        if b"\x00" in body:
            raise SyntaxError("NUL in a literal")
        return body, start + n
    if data.startswith(b"NIL", pos):
        return None, pos + 3
    m = _NUMBER.match(data, pos)
    if m is not None:
        return int(m.group()), m.end()
    raise SyntaxError(f"unexpected byte {data[pos:pos + 10]!r} at {pos}")


def count_leaf_parts(body: Value) -> int:
    """Leaf parts of a BODYSTRUCTURE read with `read` (message/rfc822 bodies counted inside)."""
    assert isinstance(body, list)
    if body and isinstance(body[0], list):  # multipart: parts first, then the subtype
        return sum(count_leaf_parts(p) for p in body if isinstance(p, list) and p and _is_body(p))
    if len(body) > 8 and isinstance(body[0], bytes) and body[0].lower() == b"message" \
            and isinstance(body[1], bytes) and body[1].lower() in (b"rfc822", b"global"):
        return count_leaf_parts(body[8])
    return 1


def _is_body(p: list[Value]) -> bool:
    return isinstance(p[0], list) or (isinstance(p[0], bytes) and len(p) >= 7)
