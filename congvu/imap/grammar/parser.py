"""The incremental IMAP command parser: framing, literals and dispatch (issue 11 item 2;
RFC 9051 §2.2, §4.3 and §7.5, RFC 7888 LITERAL+/LITERAL-, RFC 7889 APPENDLIMIT).

`CommandParser` is sans-IO: the server ``feed``s whatever bytes arrived and calls ``next``
until it returns None. Each call yields one of

* a `Command` (see `commands`), ready to execute;
* `NeedContinuation`: a synchronising literal ``{n}`` was announced, the server must send
  ``+ Ready`` (or anything starting with ``+``) before the client sends its octets;
* a `ParseError`: answer ``<tag> BAD …`` (``* BAD`` when the tag is unknown);
* a `ClientLine`: after `CommandParser.expect_line`, the next raw line (an AUTHENTICATE
  step, ``*`` to cancel, or IDLE's ``DONE``);
* None: more bytes are needed.

Framing runs as a small state machine over a byte buffer: read a line; if it ends with a
literal announcement check the limits *before* buffering the literal (a refused
non-synchronising literal is skipped, then the rest of the command), collect the octets,
continue with the next line; a line with no announcement completes the command, which the
grammar (``_COMMANDS``) turns into a typed value. After any error the parser resynchronises
at the next line. Bare LF line ends are accepted as CRLF, as most servers do.
"""

from __future__ import annotations

import binascii
import re
from collections.abc import Callable
from typing import Final

from congvu.imap.grammar import commands as c
from congvu.imap.grammar import errors as e
from congvu.imap.grammar.commands import ClientLine, Command, NeedContinuation
from congvu.imap.grammar.errors import ParseError, Reject, frozen_params
from congvu.imap.grammar.fetch import fetch_command, store_command
from congvu.imap.grammar.lexer import DQUOTE, LPAREN, RPAREN, Cursor
from congvu.imap.grammar.limits import DEFAULT_LIMITS, ParserLimits
from congvu.imap.grammar.search import search_command, sort_command, thread_command

ParseResult = Command | NeedContinuation | ParseError | ClientLine

_LINE, _LITERAL, _SKIP_LINE, _SKIP_LITERAL = range(4)
_TAIL = re.compile(rb"(~?)\{([0-9]+)(\+?)\}\Z")
_HUGE: Final = 10**20  # stands for any announcement of more than 20 digits
_HEAD = re.compile(rb'([^\x00-\x20\x7f-\xff(){%*"\\+]+) ([A-Za-z]+)')
_FAST_HEAD = re.compile(
    rb'([^\x00-\x20\x7f-\xff(){%*"\\+]+) ([Uu][Ii][Dd] )?([A-Za-z]+)(?![^\x00-\x20\x7f-\xff(){%*"\\\]])'
)
_BASE64 = re.compile(rb"[A-Za-z0-9+/]+=*|=")
_COMPACT_AT: Final = 1 << 16
_KEEP: Final = 32  # octets of a discarded line kept to see a literal announced at its end


class CommandParser:
    """One connection's command parser; see the module docstring for the protocol.

    ``utf8`` switches mailbox names from modified UTF-7 to UTF-8 (set it after a successful
    ``ENABLE UTF8=ACCEPT``, RFC 6855 §3, or for an IMAP4rev2-only session).
    """

    __slots__ = (
        "_buf", "_held", "_line_mode", "_literals", "_mode", "_need", "_pos", "_scan", "_segments",
        "_size", "_tag", "limits", "utf8",
    )  # fmt: skip

    def __init__(self, limits: ParserLimits = DEFAULT_LIMITS, *, utf8: bool = False) -> None:
        self.limits = limits
        self.utf8 = utf8
        self._buf = bytearray()
        self._pos = 0
        self._scan = 0
        self._mode = _LINE
        self._need = 0
        self._segments: list[bytes] = []
        self._literals: list[bytes] = []
        self._size = 0
        self._held = 0
        self._tag: str | None = None
        self._line_mode = False

    # ------------------------------------------------------------------ public API
    def feed(self, data: bytes) -> None:
        """Append bytes received from the client; call `next` until it returns None."""
        self._buf += data

    def expect_line(self) -> None:
        """Return the next line as a `ClientLine` instead of parsing it as a command.

        Call it after sending an AUTHENTICATE challenge (``+ …``) or IDLE's ``+ idling``;
        it applies to one line only, so call it again for each further SASL step.
        """
        self._line_mode = True

    @property
    def pending(self) -> bool:
        """True while a command is partly received (between its first octet and its CRLF)."""
        return bool(self._segments) or self._mode != _LINE or self._pos < len(self._buf)

    @property
    def buffered(self) -> int:
        """Octets held: unparsed input plus the lines and literals of the command in progress
        (bounded by the limits plus one `feed`). While a literal is arriving its octets count
        here, so a reader must not stop reading just because this is large: when `next`
        returns None the parser needs more input."""
        return len(self._buf) - self._pos + self._held

    def take_buffered(self) -> bytes:
        """Remove and return the bytes fed but not yet parsed (for STARTTLS or COMPRESS,
        where what follows the command must go through the new layer)."""
        rest = bytes(self._buf[self._pos :])
        self._buf.clear()
        self._pos = self._scan = 0
        self._reset()
        return rest

    def next(self) -> ParseResult | None:
        """The next command, continuation request, error or line; None when more bytes are needed."""
        try:
            return self._next()
        except Exception:  # never raise to the caller; fuzzing checks this branch stays unused
            tag = _tag_of(self._segments[0]) if self._segments else None
            self._reset()
            self._line_mode = False
            self._discard_line()
            return ParseError(e.INTERNAL, tag, code="SERVERBUG")

    # ------------------------------------------------------------------ framing
    def _reset(self) -> None:
        self._mode = _LINE
        self._segments = []
        self._literals = []
        self._size = 0
        self._held = 0
        self._tag = None

    def _compact(self) -> None:
        if self._pos >= len(self._buf):
            self._buf.clear()
            self._pos = self._scan = 0
        elif self._pos > _COMPACT_AT:
            del self._buf[: self._pos]
            self._scan -= self._pos
            self._pos = 0

    def _fail(
        self, reason: str, params: dict[str, object] | None = None, code: str = "PARSE", status: str = "BAD"
    ) -> ParseError:
        if self._segments:
            self._tag = _tag_of(self._segments[0])
        error = ParseError(reason, self._tag, frozen_params(params or {}), code, None, status)
        self._reset()
        self._line_mode = False  # a refused line ends an IDLE or AUTHENTICATE exchange too
        return error

    def _next(self) -> ParseResult | None:
        buf = self._buf
        limits = self.limits
        while True:
            mode = self._mode
            if mode == _LITERAL:
                stop = self._pos + self._need
                if len(buf) < stop:
                    return None
                self._literals.append(bytes(buf[self._pos : stop]))
                self._held += self._need
                self._pos = self._scan = stop
                self._mode = _LINE
                self._compact()
                continue
            if mode == _SKIP_LITERAL:
                take = min(self._need, len(buf) - self._pos)
                self._pos += take
                self._scan = self._pos
                self._need -= take
                self._compact()
                if self._need:
                    return None
                self._mode = _SKIP_LINE
                continue
            nl = buf.find(b"\n", self._scan)
            if nl < 0:
                pending = len(buf) - self._pos
                if mode == _SKIP_LINE:
                    self._discard_line()
                    return None
                self._scan = len(buf)
                if pending > limits.max_line:
                    if not self._segments:
                        self._tag = _tag_of(buf, self._pos)
                    error = self._fail(e.LINE_TOO_LONG, {"limit": limits.max_line})
                    self._discard_line()
                    return error
                if self._size + pending > limits.max_command:
                    error = self._fail(e.COMMAND_TOO_LARGE, {"limit": limits.max_command})
                    self._discard_line()
                    return error
                return None
            end = nl - 1 if nl > self._pos and buf[nl - 1] == 0x0D else nl
            text = bytes(buf[self._pos : end])
            self._pos = self._scan = nl + 1
            self._compact()
            if mode == _SKIP_LINE:
                tail = _TAIL.search(text) if text.endswith(b"}") else None
                if tail is not None and tail.group(3):
                    self._need = _literal_size(tail.group(2))
                    self._mode = _SKIP_LITERAL
                else:
                    self._mode = _LINE
                continue
            if self._line_mode:
                self._line_mode = False
                if len(text) > limits.max_line:
                    return self._fail(e.LINE_TOO_LONG, {"limit": limits.max_line})
                return ClientLine(text)
            if len(text) > limits.max_line:
                return self._refuse_line(text, e.LINE_TOO_LONG, limit=limits.max_line)
            if not text and not self._segments:
                continue  # an empty line between commands is ignored
            self._size += len(text) + 2
            if self._size > limits.max_command:
                return self._refuse_line(text, e.COMMAND_TOO_LARGE, limit=limits.max_command)
            tail = _TAIL.search(text) if text.endswith(b"}") else None
            if tail is None:
                self._segments.append(text)
                framed = b"\r\n".join(self._segments) if len(self._segments) > 1 else text
                literals = self._literals
                self._reset()
                return self._parse(framed, literals)
            digits = tail.group(2)
            size = int(digits) if len(digits) <= 20 else _HUGE
            non_sync = bool(tail.group(3))
            self._segments.append(text)
            self._held += len(text)
            limit = limits.max_literal
            if _verb_of(self._segments[0]) != b"APPEND":
                limit = min(limit, limits.max_argument)
            if size > limit:
                return self._refuse_literal(
                    size, non_sync, e.LITERAL_TOO_LARGE, "TOOBIG", size=size, limit=limit
                )
            if self._size + size > limits.max_command:
                return self._refuse_literal(
                    size, non_sync, e.COMMAND_TOO_LARGE, "TOOBIG", limit=limits.max_command
                )
            if non_sync and size > limits.max_non_sync_literal:
                if limits.max_non_sync_literal == 0:
                    return self._refuse_literal(size, non_sync, e.NON_SYNC_REFUSED, "PARSE")
                return self._refuse_literal(
                    size,
                    non_sync,
                    e.NON_SYNC_TOO_LARGE,
                    "TOOBIG",
                    size=size,
                    limit=limits.max_non_sync_literal,
                )
            self._size += size
            self._need = size
            self._mode = _LITERAL
            if not non_sync:
                # only before the first literal: re-reading the command before each of many
                # small literals would cost time quadratic in the command's length
                early = self._precheck(len(text) - tail.start()) if len(self._segments) == 1 else None
                if early is not None:
                    return early
                return NeedContinuation(_tag_of(self._segments[0]) or "*", size)

    def _discard_line(self) -> None:
        """Drop the rest of an unwanted line as it arrives, keeping only its last few octets so
        that a non-synchronising literal announced at its end can still be skipped."""
        self._mode = _SKIP_LINE
        self._pos = max(self._pos, len(self._buf) - _KEEP)
        self._scan = len(self._buf)
        self._compact()

    def _refuse_line(self, text: bytes, reason: str, limit: int) -> ParseError:
        tail = _TAIL.search(text) if text.endswith(b"}") else None
        error = self._fail(reason, {"limit": limit})
        if tail is not None and tail.group(3):
            self._need = _literal_size(tail.group(2))
            self._mode = _SKIP_LITERAL
        return error

    def _refuse_literal(
        self, octets: int, non_sync: bool, reason: str, code: str, **params: object
    ) -> ParseError:
        # A refused synchronising literal ends the command: the client waits for "+" that
        # never comes (RFC 9051 §7.5), so nothing is skipped. A non-synchronising one is
        # already on its way: skip its octets and then the rest of the command's line.
        error = self._fail(reason, params, code, "BAD" if non_sync else "NO")
        if non_sync:
            self._need = octets
            self._mode = _SKIP_LITERAL
        return error

    def _precheck(self, marker: int) -> ParseError | None:
        """Before inviting a synchronising literal, refuse a command already wrong before it
        (RFC 9051 §7.5: the server may answer BAD instead of "+"), so that a client does not
        upload a large APPEND only to be told the mailbox name or the charset was invalid.

        The grammar runs over the command so far with an empty stand-in for the literal; an
        error at a position before the announcement (``marker`` octets from the end of the
        line) is real, anything later is the stand-in's doing and is ignored.
        """
        framed = b"\r\n".join(self._segments) + b"\r\n"
        cur = Cursor(framed, [*self._literals, b""], utf8=self.utf8, max_depth=self.limits.max_depth)
        try:
            _command(cur)
        except Reject as exc:
            if cur.pos < len(framed) - 2 - marker:
                return self._fail(exc.reason, exc.params, exc.code or "PARSE", exc.status)
        return None

    # ------------------------------------------------------------------ grammar
    def _parse(self, framed: bytes, literals: list[bytes]) -> Command | ParseError:
        cur = Cursor(framed, literals, utf8=self.utf8, max_depth=self.limits.max_depth)
        try:
            return _command(cur)
        except Reject as exc:
            params = frozen_params(exc.params)
            return ParseError(exc.reason, _tag_of(framed), params, exc.code, cur.command or None, exc.status)
        except RecursionError:  # unreachable within max_depth; kept so a bug cannot kill a session
            return ParseError(e.TOO_DEEP, _tag_of(framed), frozen_params({"limit": self.limits.max_depth}))


def _literal_size(digits: bytes) -> int:
    return int(digits) if len(digits) <= 20 else _HUGE


def _verb_of(line: bytes) -> bytes:
    head = _HEAD.match(line)
    return head.group(2).upper() if head else b""


def _tag_of(line: bytes | bytearray, start: int = 0) -> str | None:
    """The tag of a command line when it starts with ``tag SP verb``; None otherwise."""
    head = _HEAD.match(line, start)
    return head.group(1).decode("ascii") if head else None


def _command(cur: Cursor) -> Command:
    head = _FAST_HEAD.match(cur.buf)
    if head is not None:  # the common case, "tag [UID ]VERB", in one regex
        tag, uid, verb = head.groups()
        name = verb.upper().decode("ascii")
        if uid is None:
            handler = _COMMANDS.get(name)
            if handler is not None:
                cur.pos = head.end()
                cur.command = name
                return handler(cur, tag.decode("ascii"))
        else:
            uid_handler = _UID_COMMANDS.get(name)
            if uid_handler is not None:
                cur.pos = head.end()
                cur.command = "UID " + name
                return uid_handler(cur, tag.decode("ascii"), True)
    try:
        tag = cur.tag()
    except Reject:
        raise Reject(e.BAD_TAG) from None
    if not cur.maybe_sp():
        raise Reject(e.MISSING_COMMAND if cur.at_end() else e.BAD_TAG)
    if cur.at_end():
        raise Reject(e.MISSING_COMMAND)
    name = cur.atom("command").upper()
    handler = _COMMANDS.get(name)
    if handler is None:
        raise Reject(e.UNKNOWN_COMMAND, command=name)
    cur.command = name
    return handler(cur, tag)


def parse_command(
    data: bytes, *, utf8: bool = False, limits: ParserLimits = DEFAULT_LIMITS
) -> Command | ParseError:
    """Parse one complete command (literals included, continuations implied); for tests and tools."""
    parser = CommandParser(limits, utf8=utf8)
    parser.feed(data)
    while True:
        result = parser.next()
        if result is None:
            return ParseError(e.INCOMPLETE)
        if isinstance(result, (Command, ParseError)):
            return result
        if isinstance(result, ClientLine):  # pragma: no cover - line mode is never set here
            return ParseError(e.INTERNAL)


# ---------------------------------------------------------------------- command arguments
Handler = Callable[[Cursor, str], Command]


def _bare(cls: type[Command]) -> Handler:
    def handler(cur: Cursor, tag: str) -> Command:
        cur.finish()
        return cls(tag)

    return handler


def _mailbox_only(cls: Callable[[str, str], Command]) -> Handler:
    def handler(cur: Cursor, tag: str) -> Command:
        cur.sp("mailbox name")
        mailbox = cur.mailbox()
        cur.finish()
        return cls(tag, mailbox)

    return handler


def _login(cur: Cursor, tag: str) -> Command:
    cur.sp("user name")
    user = cur.astring_text("user name")
    cur.sp("password")
    password = cur.astring_text("password")
    cur.finish()
    return c.Login(tag, user, password)


def _authenticate(cur: Cursor, tag: str) -> Command:
    cur.sp("SASL mechanism")
    mechanism = cur.upper_atom("SASL mechanism")
    initial: bytes | None = None
    if cur.maybe_sp():
        m = _BASE64.match(cur.buf, cur.pos)
        if m is None:
            raise Reject(e.BAD_BASE64)
        cur.pos = m.end()
        if m.group() != b"=":
            try:
                initial = binascii.a2b_base64(m.group(), strict_mode=True)
            except binascii.Error:
                raise Reject(e.BAD_BASE64) from None
        else:
            initial = b""
    cur.finish()
    return c.Authenticate(tag, mechanism, initial)


def _id(cur: Cursor, tag: str) -> Command:
    cur.sp("ID parameters")
    if cur.keyword(b"NIL"):
        cur.finish()
        return c.Id(tag, None)
    cur.open_paren()
    params: list[tuple[str, str | None]] = []
    while not cur.maybe_char(RPAREN):
        if params:
            cur.sp("ID field")
        key = cur.string("ID field")
        cur.sp("ID value")
        value = cur.nstring("ID value")
        text = None if value is None else value.decode("utf-8", "replace")
        params.append((key.decode("utf-8", "replace"), text))
    cur.leave()
    cur.finish()
    return c.Id(tag, tuple(params))


def _enable(cur: Cursor, tag: str) -> Command:
    cur.sp("capability")
    names = [cur.upper_atom("capability")]
    while cur.maybe_sp():
        names.append(cur.upper_atom("capability"))
    cur.finish()
    return c.Enable(tag, tuple(names))


def _select(readonly: bool) -> Handler:
    def handler(cur: Cursor, tag: str) -> Command:
        cur.sp("mailbox name")
        mailbox = cur.mailbox()
        condstore = False
        qresync: c.QResyncParams | None = None
        if cur.maybe_sp():
            cur.open_paren()
            while True:
                word = cur.upper_atom("SELECT parameter")
                if word == "CONDSTORE":
                    condstore = True
                elif word == "QRESYNC":
                    cur.sp("QRESYNC parameters")
                    qresync = _qresync(cur)
                else:
                    raise Reject(e.BAD_OPTION, option=word)
                if not cur.maybe_sp():
                    break
            cur.close_paren()
        cur.finish()
        return c.Select(tag, mailbox, readonly, condstore, qresync)

    return handler


def _qresync(cur: Cursor) -> c.QResyncParams:
    # RFC 7162 §3.2.5: "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")"
    cur.open_paren()
    uidvalidity = cur.number("uidvalidity", nonzero=True)
    cur.sp("mod-sequence")
    modseq = cur.number64("mod-sequence")
    if modseq == 0:  # mod-sequence-value is positive (RFC 7162 §7)
        raise Reject(e.BAD_NUMBER, text="0")
    known = None
    match = None
    if cur.maybe_sp():
        if cur.peek() != LPAREN:
            known = cur.sequence_set("known UIDs")
            if cur.maybe_sp() and cur.peek() != LPAREN:
                raise cur.expected("'('")
        if cur.peek() == LPAREN:
            cur.open_paren()
            seqs = cur.sequence_set("known sequence set")
            cur.sp("known UID set")
            uids = cur.sequence_set("known UID set")
            cur.close_paren()
            match = (seqs, uids)
    cur.close_paren()
    return c.QResyncParams(uidvalidity, modseq, known, match)


def _create(cur: Cursor, tag: str) -> Command:
    cur.sp("mailbox name")
    mailbox = cur.mailbox()
    uses: list[str] = []
    if cur.maybe_sp():
        cur.open_paren()
        while True:
            word = cur.upper_atom("CREATE parameter")
            if word != "USE":
                raise Reject(e.BAD_OPTION, option=word)
            cur.sp("special-use list")
            uses.extend(cur.flag_list())
            if not cur.maybe_sp():
                break
        cur.close_paren()
    cur.finish()
    return c.Create(tag, mailbox, tuple(uses))


def _rename(cur: Cursor, tag: str) -> Command:
    cur.sp("mailbox name")
    old = cur.mailbox()
    cur.sp("new mailbox name")
    new = cur.mailbox("new mailbox name")
    cur.finish()
    return c.Rename(tag, old, new)


STATUS_ITEMS: Final = frozenset(
    {"MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE", "RECENT", "HIGHESTMODSEQ",
     "APPENDLIMIT", "MAILBOXID", "DELETED-STORAGE"}
)  # fmt: skip
LIST_SELECT: Final = frozenset({"SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE"})
LIST_RETURN: Final = frozenset({"SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS", "MYRIGHTS"})


def _status_items(cur: Cursor) -> tuple[str, ...]:
    items = cur.paren_atoms("status item")
    for item in items:
        if item not in STATUS_ITEMS:
            raise Reject(e.BAD_OPTION, option=item)
    if not items:
        raise cur.missing("status item")
    return items


def _list(cur: Cursor, tag: str) -> Command:
    cur.sp("reference")
    selection: tuple[str, ...] = ()
    extended = False
    if cur.peek() == LPAREN:
        extended = True
        selection = cur.paren_atoms("selection option")
        for option in selection:
            if option not in LIST_SELECT:
                raise Reject(e.BAD_OPTION, option=option)
        cur.sp("reference")
    reference = cur.mailbox("reference")
    cur.sp("mailbox pattern")
    if cur.peek() == LPAREN:
        extended = True
        cur.open_paren()
        patterns = [cur.list_mailbox()]
        while cur.maybe_sp():
            patterns.append(cur.list_mailbox())
        cur.close_paren()
    else:
        patterns = [cur.list_mailbox()]
    returns: list[str] = []
    status_items: tuple[str, ...] = ()
    if cur.maybe_sp():
        if not cur.keyword(b"RETURN"):
            raise cur.expected("RETURN")
        extended = True
        cur.sp("return options")
        cur.open_paren()
        while not cur.maybe_char(RPAREN):
            if returns:
                cur.sp("return option")
            option = cur.upper_atom("return option")
            if option not in LIST_RETURN:
                raise Reject(e.BAD_OPTION, option=option)
            returns.append(option)
            if option == "STATUS":
                cur.sp("status items")
                status_items = _status_items(cur)
        cur.leave()
    cur.finish()
    return c.List(tag, reference, tuple(patterns), selection, tuple(returns), status_items, extended)


def _lsub(cur: Cursor, tag: str) -> Command:
    cur.sp("reference")
    reference = cur.mailbox("reference")
    cur.sp("mailbox pattern")
    pattern = cur.list_mailbox()
    cur.finish()
    return c.Lsub(tag, reference, pattern)


def _status(cur: Cursor, tag: str) -> Command:
    cur.sp("mailbox name")
    mailbox = cur.mailbox()
    cur.sp("status items")
    items = _status_items(cur)
    cur.finish()
    return c.Status(tag, mailbox, items)


def _append_message(cur: Cursor) -> c.AppendMessage:
    flags: tuple[str, ...] = ()
    date = None
    if cur.peek() == LPAREN:
        flags = cur.flag_list()
        cur.sp("message literal")
    if cur.peek() == DQUOTE:
        date = cur.date_time()
        cur.sp("message literal")
    if cur.keyword(b"UTF8"):
        cur.sp("'('")
        cur.open_paren()
        data, binary = cur.literal(binary_ok=True)
        cur.close_paren()
        return c.AppendMessage(data, flags, date, binary, utf8=True)
    if cur.at_end():
        raise cur.missing("message literal")
    data, binary = cur.literal(binary_ok=True)
    return c.AppendMessage(data, flags, date, binary)


def _append(cur: Cursor, tag: str) -> Command:
    cur.sp("mailbox name")
    mailbox = cur.mailbox()
    cur.sp("message literal")
    messages = [_append_message(cur)]
    while cur.maybe_sp():  # MULTIAPPEND (RFC 3502)
        messages.append(_append_message(cur))
    cur.finish()
    return c.Append(tag, mailbox, tuple(messages))


def _compress(cur: Cursor, tag: str) -> Command:
    cur.sp("compression mechanism")
    mechanism = cur.upper_atom("compression mechanism")
    cur.finish()
    return c.Compress(tag, mechanism)


def _getquota(cur: Cursor, tag: str) -> Command:
    cur.sp("quota root")
    root = cur.astring_text("quota root")
    cur.finish()
    return c.GetQuota(tag, root)


def _setquota(cur: Cursor, tag: str) -> Command:
    cur.sp("quota root")
    root = cur.astring_text("quota root")
    cur.sp("quota limits")
    cur.open_paren()
    limits: list[tuple[str, int]] = []
    while not cur.maybe_char(RPAREN):
        if limits:
            cur.sp("quota resource")
        resource = cur.upper_atom("quota resource")
        cur.sp("quota limit")
        limits.append((resource, cur.number64("quota limit")))
    cur.leave()
    cur.finish()
    return c.SetQuota(tag, root, tuple(limits))


def _acl(kind: str) -> Handler:
    def handler(cur: Cursor, tag: str) -> Command:
        cur.sp("mailbox name")
        mailbox = cur.mailbox()
        cur.sp("identifier")
        identifier = cur.astring_text("identifier")
        if kind == "SETACL":
            cur.sp("rights")
            rights = cur.astring_text("rights")
            cur.finish()
            return c.SetAcl(tag, mailbox, identifier, rights)
        cur.finish()
        if kind == "DELETEACL":
            return c.DeleteAcl(tag, mailbox, identifier)
        return c.ListRights(tag, mailbox, identifier)

    return handler


# ---------------------------------------------------------------------- selected state (SEARCH, SORT,
# THREAD are in search.py, FETCH and STORE in fetch.py)
def _copy_like(cls: type[c.Copy] | type[c.Move]) -> Callable[[Cursor, str, bool], Command]:
    def handler(cur: Cursor, tag: str, uid: bool = False) -> Command:
        cur.sp("sequence set")
        sequence = cur.sequence_set()
        cur.sp("mailbox name")
        mailbox = cur.mailbox()
        cur.finish()
        return cls(tag, sequence, mailbox, uid)

    return handler


def _expunge(cur: Cursor, tag: str, uid: bool = False) -> Command:
    if not uid:
        cur.finish()
        return c.Expunge(tag)
    cur.sp("UID set")
    uids = cur.sequence_set("UID set")
    cur.finish()
    return c.Expunge(tag, uids)


_UID_COMMANDS: Final[dict[str, Callable[[Cursor, str, bool], Command]]] = {
    "FETCH": fetch_command,
    "STORE": store_command,
    "SEARCH": search_command,
    "COPY": _copy_like(c.Copy),
    "MOVE": _copy_like(c.Move),
    "EXPUNGE": _expunge,
    "SORT": sort_command,
    "THREAD": thread_command,
}


def _uid(cur: Cursor, tag: str) -> Command:
    cur.sp("UID command")
    name = cur.upper_atom("UID command")
    handler = _UID_COMMANDS.get(name)
    if handler is None:
        raise Reject(e.UNKNOWN_COMMAND, command=f"UID {name}")
    cur.command = f"UID {name}"
    return handler(cur, tag, True)


_COMMANDS: Final[dict[str, Handler]] = {
    "CAPABILITY": _bare(c.Capability),
    "NOOP": _bare(c.Noop),
    "LOGOUT": _bare(c.Logout),
    "STARTTLS": _bare(c.StartTls),
    "CHECK": _bare(c.Check),
    "CLOSE": _bare(c.Close),
    "UNSELECT": _bare(c.Unselect),
    "IDLE": _bare(c.Idle),
    "NAMESPACE": _bare(c.Namespace),
    "EXPUNGE": lambda cur, tag: _expunge(cur, tag, False),
    "LOGIN": _login,
    "AUTHENTICATE": _authenticate,
    "ID": _id,
    "ENABLE": _enable,
    "SELECT": _select(readonly=False),
    "EXAMINE": _select(readonly=True),
    "CREATE": _create,
    "DELETE": _mailbox_only(c.Delete),
    "RENAME": _rename,
    "SUBSCRIBE": _mailbox_only(c.Subscribe),
    "UNSUBSCRIBE": _mailbox_only(c.Unsubscribe),
    "LIST": _list,
    "LSUB": _lsub,
    "STATUS": _status,
    "APPEND": _append,
    "COMPRESS": _compress,
    "GETQUOTA": _getquota,
    "GETQUOTAROOT": _mailbox_only(c.GetQuotaRoot),
    "SETQUOTA": _setquota,
    "SETACL": _acl("SETACL"),
    "DELETEACL": _acl("DELETEACL"),
    "GETACL": _mailbox_only(c.GetAcl),
    "LISTRIGHTS": _acl("LISTRIGHTS"),
    "MYRIGHTS": _mailbox_only(c.MyRights),
    "SEARCH": lambda cur, tag: search_command(cur, tag, False),
    "FETCH": lambda cur, tag: fetch_command(cur, tag, False),
    "STORE": lambda cur, tag: store_command(cur, tag, False),
    "COPY": lambda cur, tag: _copy_like(c.Copy)(cur, tag, False),
    "MOVE": lambda cur, tag: _copy_like(c.Move)(cur, tag, False),
    "SORT": lambda cur, tag: sort_command(cur, tag, False),
    "THREAD": lambda cur, tag: thread_command(cur, tag, False),
    "UID": _uid,
}

#: Command verbs the parser knows (``UID`` sub-commands in `UID_COMMANDS`).
COMMAND_NAMES: Final = frozenset(_COMMANDS)
UID_COMMANDS: Final = frozenset(_UID_COMMANDS)
