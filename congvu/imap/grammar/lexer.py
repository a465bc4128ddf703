"""Lexical layer of the IMAP command grammar (RFC 9051 §4 and §9, RFC 3501 §4 and §9).

A `Cursor` walks one framed command: the command's line text with each literal announcement
(``{n}``, ``{n+}``, ``~{n}`` followed by CRLF) left in place, and the literals' octets kept
apart in a list, so large APPEND bodies are never copied into the line. The cursor reads the
data types of RFC 9051 §4: atoms, numbers (``number``, ``nz-number``, ``number64``), quoted
strings (with UTF-8 as IMAP4rev2 allows), literals and ``literal8`` (RFC 3516), ``astring``,
``nstring``, mailbox names (modified UTF-7 decoded per RFC 3501 §5.1.3, or UTF-8 after
``ENABLE UTF8=ACCEPT``, RFC 6855 §3; ``INBOX`` in any case means INBOX), ``list-mailbox``,
flags, dates, date-times and sequence sets. Every failure raises `Reject` with a reason key.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

from congvu.imap.grammar import errors as e
from congvu.imap.grammar import mutf7
from congvu.imap.grammar.errors import Reject
from congvu.imap.grammar.sequence import SequenceSet, SequenceSetError

MAX_NUMBER: Final = 0xFFFF_FFFF
MAX_NUMBER64: Final = 0x7FFF_FFFF_FFFF_FFFF  # RFC 9051 §9 number64: 63-bit unsigned

_ATOM = re.compile(rb'[^\x00-\x20\x7f-\xff(){%*"\\\]]+')
_ASTRING = re.compile(rb'[^\x00-\x20\x7f-\xff(){%*"\\]+')
_LIST_MAILBOX = re.compile(rb'[^\x00-\x20\x7f-\xff(){"\\]+')
_TAG = re.compile(rb'[^\x00-\x20\x7f-\xff(){%*"\\+]+')
_DIGITS = re.compile(rb"[0-9]+")
_SEQUENCE = re.compile(rb"[0-9:*,$]+")
_QUOTED = re.compile(rb'"((?:[^"\\\r\n\x00]|\\["\\])*)"')
_LITERAL = re.compile(rb"(~?)\{([0-9]+)(\+?)\}\r\n")
_UNESCAPE = re.compile(rb'\\(["\\])')
_DATE = re.compile(rb"([0-9]{1,2})-([A-Za-z]{3})-([0-9]{4})")
_DATE_TIME = re.compile(
    rb'"([ 0-9][0-9]|[0-9])-([A-Za-z]{3})-([0-9]{4}) '
    rb'([0-9]{2}):([0-9]{2}):([0-9]{2}) ([+-])([0-9]{2})([0-9]{2})"'
)
#: Parsed sequence sets by their wire text: clients repeat ``1:*`` and the same UID ranges.
_SEQUENCE_CACHE: dict[bytes, SequenceSet] = {}
_CACHED_TEXT_MAX: Final = 64
MONTHS: Final = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTH_NUMBER: Final = {name: i + 1 for i, name in enumerate(MONTHS)}

SP: Final = 0x20
LPAREN: Final = 0x28
RPAREN: Final = 0x29
DQUOTE: Final = 0x22
LBRACE: Final = 0x7B
TILDE: Final = 0x7E
BACKSLASH: Final = 0x5C


def decode_utf8(raw: bytes) -> str:
    """Strict UTF-8 (RFC 9051 §4.3: IMAP4rev2 strings are UTF-8); `Reject` otherwise."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Reject(e.BAD_UTF8) from None


def shown(raw: bytes) -> str:
    """A short printable excerpt of wire bytes for an error message."""
    text = raw[:24].decode("latin-1")
    text = "".join(ch if " " <= ch <= "~" else f"\\x{ord(ch):02x}" for ch in text)
    return text + ("…" if len(raw) > 24 else "")


class Cursor:
    """A read position in one framed command; methods consume one grammar element each."""

    __slots__ = ("buf", "command", "depth", "end", "lit_index", "literals", "max_depth", "pos", "utf8")

    def __init__(
        self,
        buf: bytes,
        literals: list[bytes] | None = None,
        *,
        utf8: bool = False,
        max_depth: int = 32,
    ) -> None:
        self.buf = buf
        self.pos = 0
        self.end = len(buf)
        self.literals: list[bytes] = literals if literals is not None else []
        self.lit_index = 0
        self.utf8 = utf8
        self.max_depth = max_depth
        self.depth = 0
        self.command = ""

    # ---------------------------------------------------------------- failure helpers
    def expected(self, what: str) -> Reject:
        return Reject(
            e.EXPECTED,
            command=self.command or "?",
            what=what,
            pos=self.pos,
            near=shown(self.buf[self.pos : self.pos + 24]) or e.END_OF_LINE,
        )

    def missing(self, what: str) -> Reject:
        return Reject(e.MISSING_ARGUMENT, command=self.command or "?", what=what)

    # ---------------------------------------------------------------- structure
    def at_end(self) -> bool:
        return self.pos >= self.end

    def peek(self) -> int:
        """The next octet, or -1 at the end of the command."""
        return self.buf[self.pos] if self.pos < self.end else -1

    def sp(self, what: str = "argument") -> None:
        """One SP before an argument; at the end of the line the argument is missing."""
        pos = self.pos
        if pos < self.end and self.buf[pos] == SP:
            self.pos = pos + 1
            return
        if pos >= self.end or self.buf[pos] == RPAREN:  # the list or the line ended early
            raise self.missing(what)
        raise self.expected("SP")

    def maybe_sp(self) -> bool:
        if self.pos < self.end and self.buf[self.pos] == SP:
            self.pos += 1
            return True
        return False

    def char(self, octet: int, what: str) -> None:
        if self.pos < self.end and self.buf[self.pos] == octet:
            self.pos += 1
            return
        raise self.expected(what)

    def maybe_char(self, octet: int) -> bool:
        if self.pos < self.end and self.buf[self.pos] == octet:
            self.pos += 1
            return True
        return False

    def open_paren(self) -> None:
        self.char(LPAREN, "'('")
        self.enter()

    def close_paren(self) -> None:
        self.char(RPAREN, "')'")
        self.depth -= 1

    def enter(self) -> None:
        self.depth += 1
        if self.depth > self.max_depth:
            raise Reject(e.TOO_DEEP, limit=self.max_depth)

    def leave(self) -> None:
        self.depth -= 1

    def finish(self) -> None:
        """The command must end here (RFC 9051 §2.2.1: a command ends with its CRLF)."""
        if self.pos < self.end:
            raise Reject(
                e.TRAILING_DATA, command=self.command or "?", pos=self.pos, near=shown(self.buf[self.pos :])
            )

    # ---------------------------------------------------------------- atoms and numbers
    def tag(self) -> str:
        m = _TAG.match(self.buf, self.pos)
        if m is None:
            raise Reject(e.BAD_TAG)
        self.pos = m.end()
        return m.group().decode("ascii")

    def atom(self, what: str = "atom") -> str:
        m = _ATOM.match(self.buf, self.pos)
        if m is None:
            if self.pos >= self.end:
                raise self.missing(what)
            raise self.expected(what)
        self.pos = m.end()
        return m.group().decode("ascii")

    def upper_atom(self, what: str = "atom") -> str:
        return self.atom(what).upper()

    def peek_upper_atom(self) -> str:
        """The atom at the cursor, upper-cased, without consuming it ('' if none)."""
        m = _ATOM.match(self.buf, self.pos)
        return m.group().decode("ascii").upper() if m else ""

    def keyword(self, word: bytes) -> bool:
        """Consume the case-insensitive atom `word` (upper-case bytes) when it is next."""
        pos = self.pos
        stop = pos + len(word)
        if self.buf[pos:stop].upper() == word and (stop >= self.end or not _ATOM.match(self.buf, stop)):
            self.pos = stop
            return True
        return False

    def number(self, what: str = "number", *, limit: int = MAX_NUMBER, nonzero: bool = False) -> int:
        m = _DIGITS.match(self.buf, self.pos)
        if m is None:
            if self.pos >= self.end:
                raise self.missing(what)
            raise self.expected(what)
        digits = m.group()
        if len(digits) > 20 or int(digits) > limit or (nonzero and int(digits) == 0):
            raise Reject(e.BAD_NUMBER, text=shown(digits))
        self.pos = m.end()
        return int(digits)

    def number64(self, what: str = "number") -> int:
        return self.number(what, limit=MAX_NUMBER64)

    def sequence_set(self, what: str = "sequence set") -> SequenceSet:
        m = _SEQUENCE.match(self.buf, self.pos)
        if m is None:
            if self.pos >= self.end:
                raise self.missing(what)
            raise Reject(e.BAD_SEQUENCE_SET, text=shown(self.buf[self.pos : self.pos + 24]))
        raw = m.group()
        value = _SEQUENCE_CACHE.get(raw)
        if value is None:
            try:
                value = SequenceSet.parse(raw.decode("ascii"))
            except SequenceSetError:
                raise Reject(e.BAD_SEQUENCE_SET, text=shown(raw)) from None
            if len(raw) <= _CACHED_TEXT_MAX:  # the cache stays small whatever clients send
                if len(_SEQUENCE_CACHE) >= 4096:
                    _SEQUENCE_CACHE.clear()
                _SEQUENCE_CACHE[raw] = value
        self.pos = m.end()
        return value

    def at_sequence_set(self) -> bool:
        c = self.peek()
        return 0x30 <= c <= 0x39 or c in (0x2A, 0x24)  # digit, '*', '$'

    # ---------------------------------------------------------------- strings
    def at_string(self) -> bool:
        c = self.peek()
        return c in (DQUOTE, LBRACE, TILDE)

    def quoted(self) -> bytes:
        m = _QUOTED.match(self.buf, self.pos)
        if m is None:
            raise Reject(e.BAD_QUOTED)
        self.pos = m.end()
        raw = m.group(1)
        return _UNESCAPE.sub(rb"\1", raw) if BACKSLASH in raw else raw

    def literal(self, *, binary_ok: bool = False) -> tuple[bytes, bool]:
        """A literal's octets and whether it was a ``literal8`` (``~{n}``, RFC 3516 §4.2)."""
        m = _LITERAL.match(self.buf, self.pos)
        if m is None or self.lit_index >= len(self.literals):
            raise Reject(e.BAD_LITERAL, text=shown(self.buf[self.pos : self.pos + 24]))
        binary = bool(m.group(1))
        if binary and not binary_ok:
            raise Reject(e.BINARY_LITERAL_NOT_ALLOWED)
        data = self.literals[self.lit_index]
        self.lit_index += 1
        self.pos = m.end()
        return data, binary

    def string(self, what: str = "string") -> bytes:
        c = self.peek()
        if c == DQUOTE:
            return self.quoted()
        if c in (LBRACE, TILDE):
            return self.literal()[0]
        if c < 0:
            raise self.missing(what)
        raise self.expected(what)

    def astring(self, what: str = "astring") -> bytes:
        m = _ASTRING.match(self.buf, self.pos)
        if m is not None:
            stop = m.end()
            if stop < self.end and self.buf[stop] == LBRACE and self.buf[stop - 1] == TILDE:
                raise Reject(e.BINARY_LITERAL_NOT_ALLOWED)
            self.pos = stop
            return m.group()
        return self.string(what)

    def astring_text(self, what: str = "astring") -> str:
        return decode_utf8(self.astring(what))

    def nstring(self, what: str = "nstring") -> bytes | None:
        if self.keyword(b"NIL"):
            return None
        return self.string(what)

    def text_string(self, what: str = "string", charset: str | None = None) -> str:
        """A string decoded with the SEARCH ``charset`` (UTF-8 when none is given)."""
        raw = self.astring(what)
        if charset is None or charset in ("UTF-8", "US-ASCII", "UTF8"):
            return decode_utf8(raw)
        try:
            return raw.decode(charset)
        except (LookupError, ValueError):  # ValueError covers UnicodeError of any codec
            raise Reject(e.BAD_CHARSET, code="BADCHARSET", status="NO", charset=charset) from None

    # ---------------------------------------------------------------- mailboxes
    def _mailbox_name(self, raw: bytes) -> str:
        if len(raw) == 5 and raw.upper() == b"INBOX":
            return "INBOX"
        if self.utf8:
            name = decode_utf8(raw)
        else:
            try:
                name = mutf7.decode(raw.decode("ascii"))
            except (UnicodeDecodeError, mutf7.MUtf7Error):
                raise Reject(e.BAD_MAILBOX_NAME, text=shown(raw)) from None
        if len(name) == 5 and name.upper() == "INBOX":
            return "INBOX"
        return name

    def mailbox(self, what: str = "mailbox name") -> str:
        """A mailbox name as Unicode; ``INBOX`` in any case is ``"INBOX"`` (RFC 9051 §5.1)."""
        return self._mailbox_name(self.astring(what))

    def list_mailbox(self, what: str = "mailbox pattern") -> str:
        """A LIST pattern (``list-mailbox``: wildcards ``*`` and ``%`` allowed unquoted)."""
        m = _LIST_MAILBOX.match(self.buf, self.pos)
        if m is not None:
            self.pos = m.end()
            raw = m.group()
        else:
            raw = self.string(what)
        if len(raw) == 5 and raw.upper() == b"INBOX":
            return "INBOX"
        if self.utf8:
            return decode_utf8(raw)
        try:
            return mutf7.decode(raw.decode("ascii"))
        except (UnicodeDecodeError, mutf7.MUtf7Error):
            raise Reject(e.BAD_MAILBOX_NAME, text=shown(raw)) from None

    # ---------------------------------------------------------------- flags
    def flag(self) -> str:
        """``flag``: a system/extension flag ``\\Name`` or a keyword atom (RFC 9051 §2.3.2)."""
        if self.maybe_char(BACKSLASH):
            m = _ATOM.match(self.buf, self.pos)
            if m is None:
                raise Reject(e.BAD_FLAG, text=shown(self.buf[self.pos - 1 : self.pos + 16]))
            self.pos = m.end()
            return "\\" + m.group().decode("ascii")
        m = _ATOM.match(self.buf, self.pos)
        if m is None:
            raise Reject(e.BAD_FLAG, text=shown(self.buf[self.pos : self.pos + 16]))
        self.pos = m.end()
        return m.group().decode("ascii")

    def flag_list(self) -> tuple[str, ...]:
        """``flag-list = "(" [flag *(SP flag)] ")"``."""
        self.open_paren()
        flags: list[str] = []
        if not self.maybe_char(RPAREN):
            flags.append(self.flag())
            while self.maybe_sp():
                flags.append(self.flag())
            self.char(RPAREN, "')'")
        self.leave()
        return tuple(flags)

    def paren_atoms(self, what: str = "atom") -> tuple[str, ...]:
        """``"(" [atom *(SP atom)] ")"`` upper-cased (option lists, STATUS items)."""
        self.open_paren()
        items: list[str] = []
        if not self.maybe_char(RPAREN):
            items.append(self.upper_atom(what))
            while self.maybe_sp():
                items.append(self.upper_atom(what))
            self.char(RPAREN, "')'")
        self.leave()
        return tuple(items)

    # ---------------------------------------------------------------- dates
    def date(self) -> dt.date:
        """``date``: ``d-Mon-yyyy``, optionally quoted (RFC 9051 §9)."""
        quoted = self.maybe_char(DQUOTE)
        m = _DATE.match(self.buf, self.pos)
        if m is None:
            raise Reject(e.BAD_DATE, text=shown(self.buf[self.pos : self.pos + 12]))
        day, month, year = m.groups()
        number = _MONTH_NUMBER.get(month.decode("ascii").upper())
        try:
            if number is None:
                raise ValueError(month)
            value = dt.date(int(year), number, int(day))
        except ValueError:
            raise Reject(e.BAD_DATE, text=shown(m.group())) from None
        self.pos = m.end()
        if quoted:
            self.char(DQUOTE, "'\"'")
        return value

    def date_time(self) -> dt.datetime:
        """``date-time``: ``"dd-Mon-yyyy hh:mm:ss +zzzz"`` (RFC 9051 §9), timezone-aware."""
        m = _DATE_TIME.match(self.buf, self.pos)
        if m is None:
            raise Reject(e.BAD_DATE, text=shown(self.buf[self.pos : self.pos + 28]))
        day, month, year, hh, mm, ss, sign, zh, zm = (g.decode("ascii") for g in m.groups())
        number = _MONTH_NUMBER.get(month.upper())
        try:
            if number is None or int(zm) >= 60:
                raise ValueError(month)
            offset = dt.timedelta(hours=int(zh), minutes=int(zm))
            zone = dt.timezone(-offset if sign == "-" else offset)
            value = dt.datetime(int(year), number, int(day), int(hh), int(mm), int(ss), tzinfo=zone)
        except ValueError:
            raise Reject(e.BAD_DATE, text=shown(m.group())) from None
        self.pos = m.end()
        return value
