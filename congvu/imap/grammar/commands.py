"""Typed IMAP commands: what the parser produces from a client's bytes (issue 11 item 1).

One frozen, slotted dataclass per command of RFC 9051 (IMAP4rev2) and RFC 3501 (IMAP4rev1,
including what rev2 removed: CHECK, LSUB, SUBSCRIBE/UNSUBSCRIBE stay, SEARCH CHARSET) and of
the extensions clients use (IDLE RFC 2177, UIDPLUS RFC 4315, MOVE RFC 6851, NAMESPACE
RFC 2342, ID RFC 2971, ENABLE RFC 5161, UNSELECT RFC 3691, CREATE-SPECIAL-USE RFC 6154,
LIST-EXTENDED RFC 5258, LIST-STATUS RFC 5819, CONDSTORE/QRESYNC RFC 7162, QUOTA RFC 9208,
ESEARCH RFC 4731, SEARCHRES RFC 5182, SORT/THREAD RFC 5256, SASL-IR RFC 4959, COMPRESS
RFC 4978, MULTIAPPEND RFC 3502, BINARY RFC 3516, UTF8=ACCEPT RFC 6855, ACL RFC 4314).

Every command carries the client's ``tag``. The ``UID`` prefix is the ``uid`` field of FETCH,
STORE, COPY, MOVE, SEARCH, SORT, THREAD and EXPUNGE (``UID EXPUNGE`` has ``uids``). Mailbox
names are already decoded to Unicode (``"INBOX"`` for INBOX in any case). Keywords such as
STATUS items, LIST options and capability names are upper-cased; flags keep their case.
The class attribute ``name`` is the command verb as written on the wire.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from congvu.imap.grammar.sequence import SequenceSet

if TYPE_CHECKING:  # annotations only: fetch.py and search.py build these commands
    from congvu.imap.grammar.fetch import FetchAttribute
    from congvu.imap.grammar.search import SearchKey


@dataclass(frozen=True, slots=True)
class Command:
    """Base of every parsed command."""

    name: ClassVar[str] = ""
    tag: str


# ------------------------------------------------------------------ any state (RFC 9051 §6.1)
@dataclass(frozen=True, slots=True)
class Capability(Command):
    name: ClassVar[str] = "CAPABILITY"


@dataclass(frozen=True, slots=True)
class Noop(Command):
    name: ClassVar[str] = "NOOP"


@dataclass(frozen=True, slots=True)
class Logout(Command):
    name: ClassVar[str] = "LOGOUT"


@dataclass(frozen=True, slots=True)
class Id(Command):
    """RFC 2971: ``ID NIL`` (``params`` None) or ``ID ("name" "value" …)``; values may be NIL."""

    name: ClassVar[str] = "ID"
    params: tuple[tuple[str, str | None], ...] | None = None


@dataclass(frozen=True, slots=True)
class Enable(Command):
    """RFC 5161 / RFC 9051 §6.3.1: capability names, upper-cased."""

    name: ClassVar[str] = "ENABLE"
    capabilities: tuple[str, ...] = ()


# ------------------------------------------------------------------ not authenticated (§6.2)
@dataclass(frozen=True, slots=True)
class StartTls(Command):
    name: ClassVar[str] = "STARTTLS"


@dataclass(frozen=True, slots=True)
class Login(Command):
    """RFC 9051 §6.2.3. Username and password are UTF-8 text (RFC 9051 allows UTF-8 quoted)."""

    name: ClassVar[str] = "LOGIN"
    username: str = ""
    password: str = ""

    def __repr__(self) -> str:  # never print a password into a log
        return f"Login(tag={self.tag!r}, username={self.username!r}, password='***')"


@dataclass(frozen=True, slots=True)
class Authenticate(Command):
    """RFC 9051 §6.2.2 with SASL-IR (RFC 4959): ``initial_response`` is the decoded octets
    (``b""`` for ``=``), None when the client sent none. Further steps arrive as lines read
    after `CommandParser.expect_line`."""

    name: ClassVar[str] = "AUTHENTICATE"
    mechanism: str = ""
    initial_response: bytes | None = None

    def __repr__(self) -> str:
        hidden = None if self.initial_response is None else "***"
        return f"Authenticate(tag={self.tag!r}, mechanism={self.mechanism!r}, initial_response={hidden!r})"


# ------------------------------------------------------------------ authenticated (§6.3)
@dataclass(frozen=True, slots=True)
class QResyncParams:
    """RFC 7162 §3.2.5: ``(QRESYNC (uidvalidity modseq [known-uids [(seq-match)]]))``."""

    uidvalidity: int
    modseq: int
    known_uids: SequenceSet | None = None
    seq_match: tuple[SequenceSet, SequenceSet] | None = None


@dataclass(frozen=True, slots=True)
class Select(Command):
    """SELECT, or EXAMINE when ``readonly``; with CONDSTORE / QRESYNC parameters (RFC 7162)."""

    name: ClassVar[str] = "SELECT"
    mailbox: str = ""
    readonly: bool = False
    condstore: bool = False
    qresync: QResyncParams | None = None

    @property
    def verb(self) -> str:
        return "EXAMINE" if self.readonly else "SELECT"


@dataclass(frozen=True, slots=True)
class Create(Command):
    """RFC 9051 §6.3.4; ``special_use`` from RFC 6154 ``(USE (\\Drafts …))``."""

    name: ClassVar[str] = "CREATE"
    mailbox: str = ""
    special_use: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Delete(Command):
    name: ClassVar[str] = "DELETE"
    mailbox: str = ""


@dataclass(frozen=True, slots=True)
class Rename(Command):
    name: ClassVar[str] = "RENAME"
    mailbox: str = ""
    new_name: str = ""


@dataclass(frozen=True, slots=True)
class Subscribe(Command):
    name: ClassVar[str] = "SUBSCRIBE"
    mailbox: str = ""


@dataclass(frozen=True, slots=True)
class Unsubscribe(Command):
    name: ClassVar[str] = "UNSUBSCRIBE"
    mailbox: str = ""


@dataclass(frozen=True, slots=True)
class List(Command):
    """RFC 9051 §6.3.9 with LIST-EXTENDED (RFC 5258) and LIST-STATUS (RFC 5819).

    ``selection`` holds selection options (``SUBSCRIBED``, ``REMOTE``, ``RECURSIVEMATCH``,
    ``SPECIAL-USE``), ``returns`` the return options (``SUBSCRIBED``, ``CHILDREN``,
    ``SPECIAL-USE``, ``STATUS``), ``status_items`` the items of ``RETURN (STATUS (…))``.
    ``extended`` is True when the client used the extended syntax (it then gets
    extended LIST responses)."""

    name: ClassVar[str] = "LIST"
    reference: str = ""
    patterns: tuple[str, ...] = ()
    selection: tuple[str, ...] = ()
    returns: tuple[str, ...] = ()
    status_items: tuple[str, ...] = ()
    extended: bool = False


@dataclass(frozen=True, slots=True)
class Lsub(Command):
    """RFC 3501 §6.3.9 (removed by IMAP4rev2, still sent by rev1 clients)."""

    name: ClassVar[str] = "LSUB"
    reference: str = ""
    pattern: str = ""


@dataclass(frozen=True, slots=True)
class Namespace(Command):
    name: ClassVar[str] = "NAMESPACE"


@dataclass(frozen=True, slots=True)
class Status(Command):
    """Items upper-cased: MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, DELETED, SIZE, RECENT,
    HIGHESTMODSEQ (RFC 7162), APPENDLIMIT (RFC 7889), MAILBOXID (RFC 8474), DELETED-STORAGE
    (RFC 9208)."""

    name: ClassVar[str] = "STATUS"
    mailbox: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AppendMessage:
    """One message of APPEND/MULTIAPPEND: ``binary`` for ``~{n}`` (RFC 3516), ``utf8`` for the
    ``UTF8 (~{n})`` form of RFC 6855 §4."""

    data: bytes
    flags: tuple[str, ...] = ()
    internal_date: dt.datetime | None = None
    binary: bool = False
    utf8: bool = False


@dataclass(frozen=True, slots=True)
class Append(Command):
    name: ClassVar[str] = "APPEND"
    mailbox: str = ""
    messages: tuple[AppendMessage, ...] = ()


@dataclass(frozen=True, slots=True)
class Idle(Command):
    """RFC 2177 / RFC 9051 §6.3.13: the server sends ``+ idling`` and reads ``DONE`` in line mode."""

    name: ClassVar[str] = "IDLE"


@dataclass(frozen=True, slots=True)
class Compress(Command):
    """RFC 4978 ``COMPRESS DEFLATE``."""

    name: ClassVar[str] = "COMPRESS"
    mechanism: str = "DEFLATE"


# ------------------------------------------------------------------ QUOTA (RFC 9208) and ACL (RFC 4314)
@dataclass(frozen=True, slots=True)
class GetQuota(Command):
    name: ClassVar[str] = "GETQUOTA"
    root: str = ""


@dataclass(frozen=True, slots=True)
class GetQuotaRoot(Command):
    name: ClassVar[str] = "GETQUOTAROOT"
    mailbox: str = ""


@dataclass(frozen=True, slots=True)
class SetQuota(Command):
    """``limits``: (resource name upper-cased, limit) pairs, e.g. ``("STORAGE", 512)``."""

    name: ClassVar[str] = "SETQUOTA"
    root: str = ""
    limits: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class SetAcl(Command):
    """``rights`` as written, possibly prefixed with ``+`` or ``-`` (RFC 4314 §3.1)."""

    name: ClassVar[str] = "SETACL"
    mailbox: str = ""
    identifier: str = ""
    rights: str = ""


@dataclass(frozen=True, slots=True)
class DeleteAcl(Command):
    name: ClassVar[str] = "DELETEACL"
    mailbox: str = ""
    identifier: str = ""


@dataclass(frozen=True, slots=True)
class GetAcl(Command):
    name: ClassVar[str] = "GETACL"
    mailbox: str = ""


@dataclass(frozen=True, slots=True)
class ListRights(Command):
    name: ClassVar[str] = "LISTRIGHTS"
    mailbox: str = ""
    identifier: str = ""


@dataclass(frozen=True, slots=True)
class MyRights(Command):
    name: ClassVar[str] = "MYRIGHTS"
    mailbox: str = ""


# ------------------------------------------------------------------ selected (§6.4)
@dataclass(frozen=True, slots=True)
class Check(Command):
    """RFC 3501 §6.4.1 (removed by IMAP4rev2: a NOOP)."""

    name: ClassVar[str] = "CHECK"


@dataclass(frozen=True, slots=True)
class Close(Command):
    name: ClassVar[str] = "CLOSE"


@dataclass(frozen=True, slots=True)
class Unselect(Command):
    name: ClassVar[str] = "UNSELECT"


@dataclass(frozen=True, slots=True)
class Expunge(Command):
    """EXPUNGE, or ``UID EXPUNGE <uids>`` (RFC 4315 / RFC 9051 §6.4.9) when ``uids`` is set."""

    name: ClassVar[str] = "EXPUNGE"
    uids: SequenceSet | None = None

    @property
    def uid(self) -> bool:
        return self.uids is not None


@dataclass(frozen=True, slots=True)
class Search(Command):
    """SEARCH / UID SEARCH (RFC 9051 §6.4.4, RFC 3501 §6.4.4 CHARSET).

    ``criteria`` is the search program as one key (several top-level keys are a
    `SearchAnd`). ``returns`` is None without ``RETURN`` (a rev1 ``* SEARCH`` answer) and
    the upper-cased ESEARCH return options otherwise (RFC 4731; ``()`` means ALL; ``SAVE``
    from RFC 5182)."""

    name: ClassVar[str] = "SEARCH"
    criteria: SearchKey | None = None
    uid: bool = False
    charset: str | None = None
    returns: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Fetch(Command):
    """FETCH / UID FETCH with the macros ALL, FAST and FULL expanded into ``attributes``;
    ``changed_since`` and ``vanished`` are the RFC 7162 modifiers."""

    name: ClassVar[str] = "FETCH"
    sequence: SequenceSet = SequenceSet.ALL
    attributes: tuple[FetchAttribute, ...] = ()
    uid: bool = False
    changed_since: int | None = None
    vanished: bool = False


@dataclass(frozen=True, slots=True)
class Store(Command):
    """STORE / UID STORE: ``mode`` is ``""`` (replace), ``"+"`` or ``"-"``; ``silent`` for
    ``.SILENT``; ``unchanged_since`` is the RFC 7162 modifier."""

    name: ClassVar[str] = "STORE"
    sequence: SequenceSet = SequenceSet.ALL
    mode: str = ""
    silent: bool = False
    flags: tuple[str, ...] = ()
    uid: bool = False
    unchanged_since: int | None = None


@dataclass(frozen=True, slots=True)
class Copy(Command):
    name: ClassVar[str] = "COPY"
    sequence: SequenceSet = SequenceSet.ALL
    mailbox: str = ""
    uid: bool = False


@dataclass(frozen=True, slots=True)
class Move(Command):
    """RFC 6851 / RFC 9051 §6.4.8."""

    name: ClassVar[str] = "MOVE"
    sequence: SequenceSet = SequenceSet.ALL
    mailbox: str = ""
    uid: bool = False


@dataclass(frozen=True, slots=True)
class SortCriterion:
    """One SORT key (RFC 5256 §3, DISPLAYFROM/DISPLAYTO of RFC 5957), maybe reversed."""

    key: str
    reverse: bool = False


@dataclass(frozen=True, slots=True)
class Sort(Command):
    """RFC 5256 SORT; ``returns`` are ESORT options (RFC 5267) or None."""

    name: ClassVar[str] = "SORT"
    criteria: tuple[SortCriterion, ...] = ()
    charset: str = "UTF-8"
    search: SearchKey | None = None
    uid: bool = False
    returns: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Thread(Command):
    """RFC 5256 THREAD: ``algorithm`` upper-cased (ORDEREDSUBJECT, REFERENCES, REFS)."""

    name: ClassVar[str] = "THREAD"
    algorithm: str = "REFERENCES"
    charset: str = "UTF-8"
    search: SearchKey | None = None
    uid: bool = False


@dataclass(frozen=True, slots=True)
class ClientLine:
    """A line read in line mode (`CommandParser.expect_line`): an AUTHENTICATE step or DONE."""

    data: bytes

    def __repr__(self) -> str:  # SASL steps carry credentials: never print them into a log
        shown = self.data if self.data in (b"*",) or self.is_done else f"<{len(self.data)} octets>"
        return f"ClientLine({shown!r})"

    @property
    def is_done(self) -> bool:
        """True for IDLE's ``DONE`` (RFC 2177; case-insensitive)."""
        return self.data.upper() == b"DONE"

    @property
    def is_cancel(self) -> bool:
        """True for ``*``: the client cancels an AUTHENTICATE exchange (RFC 9051 §6.2.2)."""
        return self.data == b"*"


@dataclass(frozen=True, slots=True)
class NeedContinuation:
    """A synchronising literal was announced: the server must send ``+ Ready`` (RFC 9051 §7.5)
    and then feed the literal's ``size`` octets. ``tag`` is the tag of the pending command."""

    tag: str
    size: int
