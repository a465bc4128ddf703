"""FETCH attributes (RFC 9051 §6.4.5 and §9 ``fetch-att``; RFC 3501 §6.4.5; RFC 3516 BINARY;
RFC 7162 MODSEQ, CHANGEDSINCE and VANISHED; RFC 8474 EMAILID/THREADID; RFC 8514 SAVEDATE).

``BODY[section]<partial>``, ``BODY.PEEK``, ``HEADER.FIELDS (…)``, ``HEADER.FIELDS.NOT``,
``MIME``, ``TEXT``, ``BINARY[part]<partial>``, ``BINARY.PEEK``, ``BINARY.SIZE`` and the
macros ``ALL``, ``FAST`` and ``FULL`` become `FetchAttribute` values. FETCH is the hot path
of a mail client (every folder open, every header scroll), and a client repeats the same
attribute list with different sequence sets, so the parsed tail of a FETCH line (attributes
and modifiers) is memoised by its bytes in a small bounded cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from congvu.imap.grammar import commands as c
from congvu.imap.grammar import errors as e
from congvu.imap.grammar.errors import Reject
from congvu.imap.grammar.lexer import LPAREN, MAX_NUMBER, Cursor, shown

_NAME = re.compile(rb"[A-Za-z0-9.\-]+")
_PART = re.compile(rb"[1-9][0-9]{0,8}(?:\.[1-9][0-9]{0,8})*")
_PARTIAL = re.compile(rb"<([0-9]{1,10})\.([0-9]{1,10})>")

#: Attributes without a section; RFC822* are IMAP4rev1, MODSEQ is RFC 7162.
SIMPLE: Final = frozenset(
    {
        "ENVELOPE", "FLAGS", "INTERNALDATE", "RFC822.SIZE", "BODY", "BODYSTRUCTURE", "UID",
        "RFC822", "RFC822.HEADER", "RFC822.TEXT", "MODSEQ", "EMAILID", "THREADID", "SAVEDATE",
    }
)  # fmt: skip
#: Obsolete RFC 1730 forms still sent by Outlook (``UID FETCH 39 (UID RFC822.SIZE RFC822.peek)``,
#: go-imap issue 657): the attribute without setting ``\Seen``.
OBSOLETE_PEEK: Final = {"RFC822.PEEK": "RFC822", "RFC822.TEXT.PEEK": "RFC822.TEXT"}
SECTION_TEXTS: Final = ("HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT", "MIME")


@dataclass(frozen=True, slots=True)
class Section:
    """``section-spec``: a part path (``1.2``) and/or a text part with its header field list.

    ``text`` is None (the whole part), ``HEADER``, ``HEADER.FIELDS``, ``HEADER.FIELDS.NOT``,
    ``TEXT`` or ``MIME`` (MIME only after a part number). ``fields`` are upper-cased.
    """

    part: tuple[int, ...] = ()
    text: str | None = None
    fields: tuple[str, ...] = ()

    def format(self) -> str:
        """The section as written between brackets, e.g. ``1.2.HEADER.FIELDS (FROM TO)``."""
        out = ".".join(str(n) for n in self.part)
        if self.text is not None:
            out = f"{out}.{self.text}" if out else self.text
            if self.text.startswith("HEADER.FIELDS"):
                out += " (" + " ".join(self.fields) + ")"
        return out


@dataclass(frozen=True, slots=True)
class FetchAttribute:
    """One ``fetch-att``. ``name`` is ``BODY``/``BINARY``/``BINARY.SIZE`` with a `Section`, or
    a simple name (``FLAGS``, ``UID``, ``ENVELOPE``, ``BODY``, …) with ``section`` None.
    ``peek`` marks ``.PEEK`` (no implicit ``\\Seen``; also the obsolete ``RFC822.PEEK`` and
    ``RFC822.TEXT.PEEK``, whose response names are ``RFC822`` and ``RFC822.TEXT``),
    ``partial`` is ``(origin, length)``."""

    name: str
    section: Section | None = None
    partial: tuple[int, int] | None = None
    peek: bool = False

    def format(self) -> str:
        """The attribute as a client writes it (``BODY.PEEK[HEADER]<0.1024>``)."""
        if self.section is None:
            return self.name + (".PEEK" if self.peek else "")
        name = self.name + (".PEEK" if self.peek else "")
        out = f"{name}[{self.section.format()}]"
        if self.partial is not None:
            out += f"<{self.partial[0]}.{self.partial[1]}>"
        return out

    @property
    def response_name(self) -> str:
        """How the server names this item in its FETCH response (no PEEK, origin only)."""
        if self.section is None:
            return self.name
        out = f"{self.name}[{self.section.format()}]"
        if self.partial is not None:
            out += f"<{self.partial[0]}>"
        return out


def _a(name: str) -> FetchAttribute:
    return FetchAttribute(name)


#: RFC 9051 §6.4.5 macros.
MACROS: Final = {
    "ALL": (_a("FLAGS"), _a("INTERNALDATE"), _a("RFC822.SIZE"), _a("ENVELOPE")),
    "FAST": (_a("FLAGS"), _a("INTERNALDATE"), _a("RFC822.SIZE")),
    "FULL": (_a("FLAGS"), _a("INTERNALDATE"), _a("RFC822.SIZE"), _a("ENVELOPE"), _a("BODY")),
}


def _section(cur: Cursor, binary: bool) -> Section:
    cur.char(0x5B, "'['")
    start = cur.pos
    part: tuple[int, ...] = ()
    m = _PART.match(cur.buf, cur.pos)
    if m is not None:
        part = tuple(int(n) for n in m.group().split(b"."))
        cur.pos = m.end()
    if cur.maybe_char(0x5D):
        return Section(part)
    if binary:
        raise Reject(e.BAD_SECTION, text=shown(cur.buf[start : cur.pos + 16]))
    if part:
        cur.char(0x2E, "'.'")
    m = _NAME.match(cur.buf, cur.pos)
    text = m.group().decode("ascii").upper() if m else ""
    if text not in SECTION_TEXTS or (text == "MIME" and not part):
        raise Reject(e.BAD_SECTION, text=shown(cur.buf[start : cur.pos + 16]))
    assert m is not None
    cur.pos = m.end()
    fields: tuple[str, ...] = ()
    if text.startswith("HEADER.FIELDS"):
        cur.sp("header field list")
        cur.open_paren()
        names = [cur.astring("header field name")]
        while cur.maybe_sp():
            names.append(cur.astring("header field name"))
        cur.close_paren()
        fields = tuple(n.decode("ascii", "replace").upper() for n in names)
    cur.char(0x5D, "']'")
    return Section(part, text, fields)


def fetch_att(cur: Cursor) -> FetchAttribute:
    """One ``fetch-att`` at the cursor."""
    m = _NAME.match(cur.buf, cur.pos)
    if m is None:
        if cur.at_end():
            raise cur.missing("FETCH attribute")
        raise Reject(e.BAD_FETCH_ATTRIBUTE, item=shown(cur.buf[cur.pos : cur.pos + 24]))
    name = m.group().decode("ascii").upper()
    cur.pos = m.end()
    if cur.peek() != 0x5B:  # no '['
        if name in SIMPLE:
            return FetchAttribute(name)
        if name in OBSOLETE_PEEK:
            return FetchAttribute(OBSOLETE_PEEK[name], peek=True)
        raise Reject(e.BAD_FETCH_ATTRIBUTE, item=name)
    if name in ("BODY", "BODY.PEEK"):
        section = _section(cur, binary=False)
        base = "BODY"
    elif name in ("BINARY", "BINARY.PEEK", "BINARY.SIZE"):
        section = _section(cur, binary=True)
        base = "BINARY.SIZE" if name == "BINARY.SIZE" else "BINARY"
    else:
        raise Reject(e.BAD_FETCH_ATTRIBUTE, item=name)
    partial = None
    if cur.peek() == 0x3C and base != "BINARY.SIZE":  # '<'
        pm = _PARTIAL.match(cur.buf, cur.pos)
        origin, length = (int(pm.group(1)), int(pm.group(2))) if pm else (0, 0)
        if pm is None or length == 0 or origin > MAX_NUMBER or length > MAX_NUMBER:
            raise Reject(e.BAD_FETCH_ATTRIBUTE, item=shown(cur.buf[cur.pos : cur.pos + 24]))
        partial = (origin, length)
        cur.pos = pm.end()
    return FetchAttribute(base, section, partial, peek=name.endswith(".PEEK"))


def _attributes(cur: Cursor) -> tuple[FetchAttribute, ...]:
    if cur.peek() == LPAREN:
        cur.open_paren()
        items = [fetch_att(cur)]
        while cur.maybe_sp():
            items.append(fetch_att(cur))
        cur.close_paren()
        return tuple(items)
    word = cur.peek_upper_atom()
    if word in MACROS:
        cur.pos += len(word)
        return MACROS[word]
    return (fetch_att(cur),)


FetchTail = tuple[tuple[FetchAttribute, ...], int | None, bool]

_CACHE: dict[bytes, FetchTail] = {}
_CACHE_MAX: Final = 512
_CACHE_KEY_MAX: Final = 1024  # at most 512 × 1 KiB of keys, whatever clients send


def fetch_tail(cur: Cursor) -> FetchTail:
    """``(attributes, changed_since, vanished)`` from the attribute list to the end of FETCH."""
    cacheable = cur.lit_index >= len(cur.literals) and cur.end - cur.pos <= _CACHE_KEY_MAX
    key = cur.buf[cur.pos :] if cacheable else b""
    if cacheable:
        hit = _CACHE.get(key)
        if hit is not None:
            cur.pos = cur.end
            return hit
    attributes = _attributes(cur)
    changed_since: int | None = None
    vanished = False
    if cur.maybe_sp():
        cur.open_paren()
        while True:
            word = cur.upper_atom("FETCH modifier")
            if word == "CHANGEDSINCE":
                cur.sp("CHANGEDSINCE value")
                changed_since = cur.number64("mod-sequence")
            elif word == "VANISHED":
                vanished = True
            else:
                raise Reject(e.BAD_OPTION, option=word)
            if not cur.maybe_sp():
                break
        cur.close_paren()
    cur.finish()
    tail = (attributes, changed_since, vanished)
    if cacheable:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[key] = tail
    return tail


def parse_attributes(text: str) -> tuple[FetchAttribute, ...]:
    """Parse a FETCH attribute list from text (``"(FLAGS UID)"``, ``"FAST"``); for tests and tools."""
    cur = Cursor(text.encode("utf-8"))
    result = _attributes(cur)
    cur.finish()
    return result


# ---------------------------------------------------------------------- FETCH and STORE commands
def fetch_command(cur: Cursor, tag: str, uid: bool = False) -> c.Command:
    """``FETCH set attributes [(CHANGEDSINCE n [VANISHED])]`` (RFC 9051 §6.4.5, RFC 7162)."""
    cur.sp("sequence set")
    sequence = cur.sequence_set()
    cur.sp("FETCH attributes")
    attributes, changed_since, vanished = fetch_tail(cur)
    return c.Fetch(tag, sequence, attributes, uid, changed_since, vanished)


def store_command(cur: Cursor, tag: str, uid: bool = False) -> c.Command:
    """``STORE set [(UNCHANGEDSINCE n)] [+-]FLAGS[.SILENT] flags`` (RFC 9051 §6.4.6, RFC 7162)."""
    cur.sp("sequence set")
    sequence = cur.sequence_set()
    cur.sp("store item")
    unchanged_since = None
    if cur.peek() == LPAREN:  # RFC 7162 store-modifiers
        cur.open_paren()
        word = cur.upper_atom("STORE modifier")
        if word != "UNCHANGEDSINCE":
            raise Reject(e.BAD_OPTION, option=word)
        cur.sp("UNCHANGEDSINCE value")
        unchanged_since = cur.number64("mod-sequence")
        cur.close_paren()
        cur.sp("store item")
    item = cur.upper_atom("store item")
    mode = ""
    if item[:1] in ("+", "-"):
        mode, item = item[0], item[1:]
    silent = item == "FLAGS.SILENT"
    if item not in ("FLAGS", "FLAGS.SILENT"):
        raise Reject(e.BAD_OPTION, option=item)
    cur.sp("flags")
    if cur.peek() == LPAREN:
        flags = cur.flag_list()
    else:
        flag_items = [cur.flag()]
        while cur.maybe_sp():
            flag_items.append(cur.flag())
        flags = tuple(flag_items)
    cur.finish()
    return c.Store(tag, sequence, mode, silent, flags, uid, unchanged_since)
