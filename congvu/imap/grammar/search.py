"""The SEARCH key grammar (RFC 9051 §6.4.4 and §9 ``search-key``; RFC 3501 §6.4.4 with the
keys IMAP4rev2 removed: NEW, OLD, RECENT; RFC 7162 MODSEQ with entry names; RFC 5182 ``$``;
RFC 5032 OLDER/YOUNGER; RFC 8474 EMAILID/THREADID), also used by SORT and THREAD (RFC 5256).

A search program becomes a tree of small frozen dataclasses: flag tests, text and header
matches (decoded with the command's CHARSET), dates, sizes, sequence and UID sets, MODSEQ,
NOT, OR and parenthesised conjunctions. Nesting of NOT/OR/parentheses counts against the
parser's depth limit, so a hostile ``NOT NOT NOT …`` cannot exhaust the stack.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from congvu.imap.grammar import commands as c
from congvu.imap.grammar import errors as e
from congvu.imap.grammar.errors import Reject
from congvu.imap.grammar.lexer import LPAREN, Cursor
from congvu.imap.grammar.sequence import SequenceSet


@dataclass(frozen=True, slots=True)
class SearchFlag:
    """A key without arguments: ALL, ANSWERED, DELETED, DRAFT, FLAGGED, SEEN, their UN- forms,
    and rev1's NEW, OLD, RECENT (``name`` upper-cased)."""

    name: str


@dataclass(frozen=True, slots=True)
class SearchKeyword:
    """KEYWORD flag (``present``) or UNKEYWORD flag."""

    keyword: str
    present: bool = True


@dataclass(frozen=True, slots=True)
class SearchText:
    """BCC, BODY, CC, FROM, SUBJECT, TEXT or TO containing ``value`` (substring match)."""

    field: str
    value: str


@dataclass(frozen=True, slots=True)
class SearchHeader:
    """HEADER field-name string; an empty ``value`` matches any message with the field."""

    field: str
    value: str


@dataclass(frozen=True, slots=True)
class SearchDate:
    """BEFORE, ON, SINCE (internal date) or SENTBEFORE, SENTON, SENTSINCE (Date: header)."""

    kind: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class SearchInterval:
    """RFC 5032 WITHIN: OLDER or YOUNGER than ``seconds``."""

    kind: str
    seconds: int


@dataclass(frozen=True, slots=True)
class SearchSize:
    """LARGER (``larger`` True) or SMALLER than ``size`` octets."""

    larger: bool
    size: int


@dataclass(frozen=True, slots=True)
class SearchSet:
    """A sequence set (``uid`` False) or ``UID`` set; either may be ``$`` (RFC 5182)."""

    sequence: SequenceSet
    uid: bool = False


@dataclass(frozen=True, slots=True)
class SearchModSeq:
    """RFC 7162 §3.1.5: MODSEQ [entry-name entry-type-req] mod-sequence-valzer."""

    modseq: int
    entry: tuple[str, str] | None = None


@dataclass(frozen=True, slots=True)
class SearchObjectId:
    """RFC 8474 EMAILID / THREADID."""

    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class SearchNot:
    key: SearchKey


@dataclass(frozen=True, slots=True)
class SearchOr:
    left: SearchKey
    right: SearchKey


@dataclass(frozen=True, slots=True)
class SearchAnd:
    """A parenthesised list, or the top-level keys of a search program: all must match."""

    keys: tuple[SearchKey, ...]


SearchKey = (
    SearchFlag | SearchKeyword | SearchText | SearchHeader | SearchDate | SearchInterval | SearchSize
    | SearchSet | SearchModSeq | SearchObjectId | SearchNot | SearchOr | SearchAnd
)  # fmt: skip

FLAG_KEYS: Final = frozenset(
    {
        "ALL", "ANSWERED", "DELETED", "DRAFT", "FLAGGED", "SEEN", "UNANSWERED", "UNDELETED",
        "UNDRAFT", "UNFLAGGED", "UNSEEN", "NEW", "OLD", "RECENT",
    }
)  # fmt: skip
TEXT_KEYS: Final = frozenset({"BCC", "BODY", "CC", "FROM", "SUBJECT", "TEXT", "TO"})
DATE_KEYS: Final = frozenset({"BEFORE", "ON", "SINCE", "SENTBEFORE", "SENTON", "SENTSINCE"})
_CHARSET_NAME: Final = re.compile(r"[A-Z0-9][A-Z0-9._:+\-]{0,39}")  # RFC 2978 mime-charset names
ENTRY_TYPES: Final = frozenset({"PRIV", "SHARED", "ALL"})


def search_key(cur: Cursor, charset: str | None) -> SearchKey:
    """One ``search-key`` at the cursor."""
    if cur.peek() == LPAREN:
        cur.open_paren()
        keys = [search_key(cur, charset)]
        while cur.maybe_sp():
            keys.append(search_key(cur, charset))
        cur.close_paren()
        return keys[0] if len(keys) == 1 else SearchAnd(tuple(keys))
    if cur.at_sequence_set():
        return SearchSet(cur.sequence_set())
    if cur.at_end():
        raise cur.missing("search key")
    start = cur.pos
    word = cur.upper_atom("search key")
    if word in FLAG_KEYS:
        return SearchFlag(word)
    if word in TEXT_KEYS:
        cur.sp(f"{word} value")
        return SearchText(word, cur.text_string(f"{word} value", charset))
    if word in DATE_KEYS:
        cur.sp(f"{word} date")
        return SearchDate(word, cur.date())
    if word in ("KEYWORD", "UNKEYWORD"):
        cur.sp("keyword")
        return SearchKeyword(cur.flag(), word == "KEYWORD")
    if word == "HEADER":
        cur.sp("header field name")
        name = cur.text_string("header field name")
        cur.sp("header value")
        return SearchHeader(name, cur.text_string("header value", charset))
    if word in ("LARGER", "SMALLER"):
        cur.sp(f"{word} size")
        return SearchSize(word == "LARGER", cur.number64("size"))
    if word == "UID":
        cur.sp("UID set")
        return SearchSet(cur.sequence_set(), uid=True)
    if word == "NOT":
        cur.sp("search key")
        cur.enter()
        inner = search_key(cur, charset)
        cur.leave()
        return SearchNot(inner)
    if word == "OR":
        cur.sp("search key")
        cur.enter()
        left = search_key(cur, charset)
        cur.sp("search key")
        right = search_key(cur, charset)
        cur.leave()
        return SearchOr(left, right)
    if word == "MODSEQ":
        cur.sp("mod-sequence")
        entry = None
        if cur.peek() == 0x22:  # entry-name is a quoted string
            name = cur.text_string("entry name")
            cur.sp("entry type")
            kind = cur.upper_atom("entry type")
            if kind not in ENTRY_TYPES:
                raise Reject(e.BAD_SEARCH_KEY, key=f"MODSEQ {kind}")
            cur.sp("mod-sequence")
            entry = (name, kind.lower())
        return SearchModSeq(cur.number64("mod-sequence"), entry)
    if word in ("OLDER", "YOUNGER"):
        cur.sp("interval")
        return SearchInterval(word, cur.number("interval", nonzero=True))
    if word in ("EMAILID", "THREADID"):
        cur.sp("object id")
        return SearchObjectId(word, cur.atom("object id"))
    cur.pos = start
    raise Reject(e.BAD_SEARCH_KEY, key=word)


def search_program(cur: Cursor, charset: str | None) -> SearchKey:
    """``search-key *(SP search-key)`` to the end of the command; one key or a `SearchAnd`."""
    keys = [search_key(cur, charset)]
    while cur.maybe_sp():
        keys.append(search_key(cur, charset))
    cur.finish()
    return keys[0] if len(keys) == 1 else SearchAnd(tuple(keys))


def charset_name(raw: str) -> str:
    """A CHARSET argument, upper-cased; unknown charsets are refused with ``NO [BADCHARSET]``."""
    name = raw.upper()
    if name in ("UTF-8", "US-ASCII", "UTF8"):
        return name
    try:
        if not _CHARSET_NAME.fullmatch(name):  # e.g. a NUL byte, which codecs.lookup rejects
            raise LookupError(name)
        "a".encode(name)  # a text encoding, not a codec such as hex, base64 or rot13
    except (LookupError, ValueError):
        raise Reject(e.BAD_CHARSET, code="BADCHARSET", status="NO", charset=raw[:40]) from None
    return name


# ---------------------------------------------------------------------- SEARCH, SORT, THREAD commands
ESEARCH_RETURNS: Final = frozenset({"MIN", "MAX", "ALL", "COUNT", "SAVE"})


def _returns(cur: Cursor, allowed: frozenset[str]) -> tuple[str, ...] | None:
    if not cur.keyword(b"RETURN"):
        return None
    cur.sp("return options")
    options = cur.paren_atoms("return option")
    for option in options:
        if option not in allowed:
            raise Reject(e.BAD_OPTION, option=option)
    cur.sp("search criteria")
    return options


def _charset(cur: Cursor) -> str | None:
    if not cur.keyword(b"CHARSET"):
        return None
    cur.sp("charset")
    name = charset_name(cur.astring_text("charset"))
    cur.sp("search criteria")
    return name


def search_command(cur: Cursor, tag: str, uid: bool = False) -> c.Command:
    """``SEARCH [RETURN (…)] [CHARSET x] keys`` (RFC 9051 §6.4.4, RFC 4731, RFC 5182)."""
    cur.sp("search criteria")
    returns = _returns(cur, ESEARCH_RETURNS)
    charset = _charset(cur)
    criteria = search_program(cur, charset)
    return c.Search(tag, criteria, uid, charset, returns)


SORT_KEYS: Final = frozenset(
    {"ARRIVAL", "CC", "DATE", "FROM", "SIZE", "SUBJECT", "TO", "DISPLAYFROM", "DISPLAYTO"}
)
ESORT_RETURNS: Final = frozenset({"MIN", "MAX", "ALL", "COUNT", "SAVE"})


def sort_command(cur: Cursor, tag: str, uid: bool = False) -> c.Command:
    """``SORT [RETURN (…)] (criteria) charset keys`` (RFC 5256 §3, RFC 5267 ESORT)."""
    cur.sp("sort criteria")
    returns = _returns(cur, ESORT_RETURNS)
    cur.open_paren()
    criteria: list[c.SortCriterion] = []
    while True:
        reverse = cur.keyword(b"REVERSE")
        if reverse:
            cur.sp("sort key")
        key = cur.upper_atom("sort key")
        if key not in SORT_KEYS:
            raise Reject(e.BAD_OPTION, option=key)
        criteria.append(c.SortCriterion(key, reverse))
        if not cur.maybe_sp():
            break
    cur.close_paren()
    cur.sp("charset")
    charset = charset_name(cur.astring_text("charset"))
    cur.sp("search criteria")
    program = search_program(cur, charset)
    return c.Sort(tag, tuple(criteria), charset, program, uid, returns)


def thread_command(cur: Cursor, tag: str, uid: bool = False) -> c.Command:
    """``THREAD algorithm charset keys`` (RFC 5256 §3)."""
    cur.sp("thread algorithm")
    algorithm = cur.upper_atom("thread algorithm")
    cur.sp("charset")
    charset = charset_name(cur.astring_text("charset"))
    cur.sp("search criteria")
    program = search_program(cur, charset)
    return c.Thread(tag, algorithm, charset, program, uid)
