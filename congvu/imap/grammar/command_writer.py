"""Typed IMAP commands → wire bytes: the inverse of `parser` (issue 11 "how it is checked").

`serialize_command` writes what a client would send for a `Command`, choosing for each
string the lightest form the grammar allows (atom, quoted string, then a synchronising
literal ``{n}`` for text with CR, LF or NUL) and encoding mailbox names in modified UTF-7
(RFC 3501 §5.1.3) unless ``utf8`` (RFC 6855). It exists so that the property
``parse_command(serialize_command(cmd)) == cmd`` can be tested and fuzzed, and for test
clients; a server never needs it.
"""

from __future__ import annotations

import base64
import datetime as dt
import re
from typing import Final

from congvu.imap.grammar import commands as c
from congvu.imap.grammar import mutf7
from congvu.imap.grammar import search as s
from congvu.imap.grammar.lexer import MONTHS

_ATOM_SAFE: Final = re.compile(rb'[^\x00-\x20\x7f-\xff(){%*"\\\]]+\Z')
_LIST_SAFE: Final = re.compile(rb'[^\x00-\x20\x7f-\xff(){"\\]+\Z')


def string(raw: bytes) -> bytes:
    """A quoted string, or a synchronising literal when quoting cannot carry the octets."""
    if b"\r" in raw or b"\n" in raw or b"\x00" in raw:
        return b"{%d}\r\n%s" % (len(raw), raw)
    return b'"' + raw.replace(b"\\", b"\\\\").replace(b'"', b'\\"') + b'"'


def astring(raw: bytes) -> bytes:
    return raw if _ATOM_SAFE.match(raw) else string(raw)


def text(value: str, charset: str | None = None) -> bytes:
    codec = "utf-8" if charset is None or charset in ("UTF-8", "US-ASCII", "UTF8") else charset
    return astring(value.encode(codec))


def mailbox(name: str, utf8: bool) -> bytes:
    raw = name.encode("utf-8") if utf8 else mutf7.encode(name).encode("ascii")
    return astring(raw)


def pattern(name: str, utf8: bool) -> bytes:
    raw = name.encode("utf-8") if utf8 else mutf7.encode(name).encode("ascii")
    return raw if _LIST_SAFE.match(raw) else string(raw)


def _nstring(value: str | None) -> bytes:
    return b"NIL" if value is None else string(value.encode())


def paren(items: list[bytes] | tuple[bytes, ...]) -> bytes:
    return b"(" + b" ".join(items) + b")"


def flags(values: tuple[str, ...]) -> bytes:
    return paren([f.encode("ascii") for f in values])


def date(value: dt.date) -> bytes:
    return f"{value.day}-{MONTHS[value.month - 1].title()}-{value.year:04d}".encode("ascii")


def date_time(value: dt.datetime) -> bytes:
    offset = value.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    hh, mm = divmod(abs(minutes), 60)
    month = MONTHS[value.month - 1].title()
    return (
        f'"{value.day:2d}-{month}-{value.year:04d} {value.hour:02d}:{value.minute:02d}:{value.second:02d} '
        f'{sign}{hh:02d}{mm:02d}"'
    ).encode("ascii")


# ---------------------------------------------------------------------- SEARCH keys
def search_key(key: s.SearchKey, charset: str | None = None) -> bytes:
    """One search key; a `SearchAnd` below the top level is parenthesised."""
    if isinstance(key, s.SearchAnd):
        return paren([search_key(k, charset) for k in key.keys])
    return _plain_key(key, charset)


def search_program(key: s.SearchKey, charset: str | None = None) -> bytes:
    """A whole program: the keys of a top-level `SearchAnd` are written side by side."""
    if isinstance(key, s.SearchAnd):
        return b" ".join(search_key(k, charset) for k in key.keys)
    return _plain_key(key, charset)


def _plain_key(key: s.SearchKey, charset: str | None) -> bytes:
    if isinstance(key, s.SearchFlag):
        return key.name.encode("ascii")
    if isinstance(key, s.SearchKeyword):
        return (b"KEYWORD " if key.present else b"UNKEYWORD ") + key.keyword.encode("ascii")
    if isinstance(key, s.SearchText):
        return key.field.encode("ascii") + b" " + text(key.value, charset)
    if isinstance(key, s.SearchHeader):
        return b"HEADER " + text(key.field) + b" " + text(key.value, charset)
    if isinstance(key, s.SearchDate):
        return key.kind.encode("ascii") + b" " + date(key.date)
    if isinstance(key, s.SearchInterval):
        return b"%s %d" % (key.kind.encode("ascii"), key.seconds)
    if isinstance(key, s.SearchSize):
        return b"%s %d" % (b"LARGER" if key.larger else b"SMALLER", key.size)
    if isinstance(key, s.SearchSet):
        return (b"UID " if key.uid else b"") + key.sequence.format().encode("ascii")
    if isinstance(key, s.SearchModSeq):
        entry = b""
        if key.entry is not None:
            entry = string(key.entry[0].encode("utf-8")) + b" " + key.entry[1].encode("ascii") + b" "
        return b"MODSEQ %s%d" % (entry, key.modseq)
    if isinstance(key, s.SearchObjectId):
        return key.kind.encode("ascii") + b" " + key.value.encode("ascii")
    if isinstance(key, s.SearchNot):
        return b"NOT " + search_key(key.key, charset)
    if isinstance(key, s.SearchOr):
        return b"OR " + search_key(key.left, charset) + b" " + search_key(key.right, charset)
    return search_key(key, charset)  # SearchAnd


# ---------------------------------------------------------------------- commands
def _uid(cmd: c.Fetch | c.Store | c.Copy | c.Move | c.Search | c.Sort | c.Thread) -> bytes:
    return b"UID " if cmd.uid else b""


def _args(cmd: c.Command, utf8: bool) -> bytes:
    if isinstance(cmd, c.Login):
        return b" " + astring(cmd.username.encode()) + b" " + astring(cmd.password.encode())
    if isinstance(cmd, c.Authenticate):
        out = b" " + cmd.mechanism.encode("ascii")
        if cmd.initial_response is not None:
            out += b" " + (base64.b64encode(cmd.initial_response) or b"=")
        return out
    if isinstance(cmd, c.Id):
        if cmd.params is None:
            return b" NIL"
        items = [string(k.encode()) + b" " + _nstring(v) for k, v in cmd.params]
        return b" " + paren(items)
    if isinstance(cmd, c.Enable):
        return b"".join(b" " + name.encode("ascii") for name in cmd.capabilities)
    if isinstance(cmd, c.Select):
        params: list[bytes] = [b"CONDSTORE"] if cmd.condstore else []
        if cmd.qresync is not None:
            q = cmd.qresync
            inner = b"%d %d" % (q.uidvalidity, q.modseq)
            if q.known_uids is not None:
                inner += b" " + q.known_uids.format().encode("ascii")
            if q.seq_match is not None:
                inner += b" " + paren([q.seq_match[0].format().encode(), q.seq_match[1].format().encode()])
            params.append(b"QRESYNC " + paren([inner]))
        return b" " + mailbox(cmd.mailbox, utf8) + (b" " + paren(params) if params else b"")
    if isinstance(cmd, c.Create):
        out = b" " + mailbox(cmd.mailbox, utf8)
        return out + (b" (USE " + flags(cmd.special_use) + b")" if cmd.special_use else b"")
    if isinstance(cmd, c.Rename):
        return b" " + mailbox(cmd.mailbox, utf8) + b" " + mailbox(cmd.new_name, utf8)
    if isinstance(cmd, c.List):
        return _list(cmd, utf8)
    if isinstance(cmd, c.Lsub):
        return b" " + mailbox(cmd.reference, utf8) + b" " + pattern(cmd.pattern, utf8)
    if isinstance(cmd, c.Status):
        return b" " + mailbox(cmd.mailbox, utf8) + b" " + paren([i.encode() for i in cmd.items])
    if isinstance(cmd, c.Append):
        return b" " + mailbox(cmd.mailbox, utf8) + b"".join(b" " + _message(m) for m in cmd.messages)
    if isinstance(cmd, c.Compress):
        return b" " + cmd.mechanism.encode("ascii")
    if isinstance(cmd, c.GetQuota):
        return b" " + astring(cmd.root.encode())
    if isinstance(cmd, c.SetQuota):
        limits = [b"%s %d" % (name.encode("ascii"), value) for name, value in cmd.limits]
        return b" " + astring(cmd.root.encode()) + b" " + paren(limits)
    if isinstance(cmd, c.SetAcl):
        ident, rights = astring(cmd.identifier.encode()), astring(cmd.rights.encode())
        return b" " + mailbox(cmd.mailbox, utf8) + b" " + ident + b" " + rights
    if isinstance(cmd, c.DeleteAcl | c.ListRights):
        return b" " + mailbox(cmd.mailbox, utf8) + b" " + astring(cmd.identifier.encode())
    if isinstance(cmd, c.Delete | c.Subscribe | c.Unsubscribe | c.GetQuotaRoot | c.GetAcl | c.MyRights):
        return b" " + mailbox(cmd.mailbox, utf8)
    if isinstance(cmd, c.Expunge):
        return b"" if cmd.uids is None else b" " + cmd.uids.format().encode("ascii")
    return _selected(cmd, utf8)


def _selected(cmd: c.Command, utf8: bool) -> bytes:
    if isinstance(cmd, c.Search):
        out = b""
        if cmd.returns is not None:
            out += b" RETURN " + paren([r.encode() for r in cmd.returns])
        if cmd.charset is not None:
            out += b" CHARSET " + cmd.charset.encode("ascii")
        assert cmd.criteria is not None
        return out + b" " + search_program(cmd.criteria, cmd.charset)
    if isinstance(cmd, c.Fetch):
        out = b" " + cmd.sequence.format().encode("ascii") + b" "
        out += paren([a.format().encode("ascii") for a in cmd.attributes])
        modifiers = [b"CHANGEDSINCE %d" % cmd.changed_since] if cmd.changed_since is not None else []
        if cmd.vanished:
            modifiers.append(b"VANISHED")
        return out + (b" " + paren(modifiers) if modifiers else b"")
    if isinstance(cmd, c.Store):
        out = b" " + cmd.sequence.format().encode("ascii") + b" "
        if cmd.unchanged_since is not None:
            out += b"(UNCHANGEDSINCE %d) " % cmd.unchanged_since
        out += cmd.mode.encode("ascii") + (b"FLAGS.SILENT " if cmd.silent else b"FLAGS ")
        return out + flags(cmd.flags)
    if isinstance(cmd, c.Copy | c.Move):
        return b" " + cmd.sequence.format().encode("ascii") + b" " + mailbox(cmd.mailbox, utf8)
    if isinstance(cmd, c.Sort):
        out = b" RETURN " + paren([r.encode() for r in cmd.returns]) if cmd.returns is not None else b""
        criteria = [(b"REVERSE " if k.reverse else b"") + k.key.encode("ascii") for k in cmd.criteria]
        assert cmd.search is not None
        program = search_program(cmd.search, cmd.charset)
        return out + b" " + paren(criteria) + b" " + cmd.charset.encode("ascii") + b" " + program
    if isinstance(cmd, c.Thread):
        assert cmd.search is not None
        program = search_program(cmd.search, cmd.charset)
        return b" %s %s %s" % (cmd.algorithm.encode("ascii"), cmd.charset.encode("ascii"), program)
    return b""  # commands without arguments


def _list(cmd: c.List, utf8: bool) -> bytes:
    out = b" "
    if cmd.extended:
        out += paren([o.encode("ascii") for o in cmd.selection]) + b" "
    out += mailbox(cmd.reference, utf8) + b" "
    patterns = [pattern(p, utf8) for p in cmd.patterns]
    out += paren(patterns) if cmd.extended else patterns[0]
    if cmd.returns:
        options = []
        for option in cmd.returns:
            item = option.encode("ascii")
            if option == "STATUS":
                item += b" " + paren([i.encode("ascii") for i in cmd.status_items])
            options.append(item)
        out += b" RETURN " + paren(options)
    return out


def _message(message: c.AppendMessage) -> bytes:
    out = b""
    if message.flags:
        out += flags(message.flags) + b" "
    if message.internal_date is not None:
        out += date_time(message.internal_date) + b" "
    literal = b"%s{%d}\r\n%s" % (b"~" if message.binary else b"", len(message.data), message.data)
    return out + (b"UTF8 (" + literal + b")" if message.utf8 else literal)


def _verb(cmd: c.Command) -> bytes:
    if isinstance(cmd, c.Select):
        return cmd.verb.encode("ascii")
    if isinstance(cmd, c.Expunge) and cmd.uid:
        return b"UID EXPUNGE"
    if isinstance(cmd, c.Fetch | c.Store | c.Copy | c.Move | c.Search | c.Sort | c.Thread):
        return _uid(cmd) + cmd.name.encode("ascii")
    return cmd.name.encode("ascii")


def serialize_command(cmd: c.Command, *, utf8: bool = False) -> bytes:
    """The client's bytes for `cmd`, CRLF included (literals inline, as after ``+ Ready``)."""
    return cmd.tag.encode("ascii") + b" " + _verb(cmd) + _args(cmd, utf8) + b"\r\n"
