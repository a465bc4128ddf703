"""Typed IMAP server responses (RFC 9051 §7, RFC 3501 §7 and the extensions the server offers).

Each class is a frozen, slotted dataclass holding *values* (Python ints, strs,
:class:`SequenceSet`), never wire bytes, except where a fragment is computed once at
ingest and stored (ENVELOPE, BODYSTRUCTURE: :class:`FetchRaw`).  ``serialize`` in
``serialize.py`` turns any of them into exact bytes.  The server builds responses
like this::

    from congvu.imap.grammar import responses as r, serialize
    serialize(r.Exists(172))                                   # b"* 172 EXISTS\\r\\n"
    serialize(r.StatusResponse.ok("A142", "SELECT completed", r.READ_WRITE))
    serialize(r.StatusResponse.no("A7", "Hộp thư không tồn tại / No such mailbox",
                                  r.NONEXISTENT))
    serialize(r.Fetch(12, (r.FetchUid(4827313), r.FetchFlags(("\\\\Seen",)))))

Response codes (RFC 9051 §7.1, RFC 5530, RFC 4315, RFC 7162, RFC 9208, RFC 4978,
RFC 5255, RFC 5465…) are small typed objects too: bare codes are module constants
(``ALERT``, ``TRYCREATE``, ``OVERQUOTA``, ``LIMIT``, ``NOPERM`` …), codes with data
have a class (:class:`NumberCode` via ``uidnext(n)``/``uidvalidity(n)``/``unseen(n)``/
``highestmodseq(n)``, :class:`CapabilityCode`, :class:`PermanentFlagsCode`,
:class:`BadCharsetCode`, :class:`AppendUidCode`, :class:`CopyUidCode`,
:class:`ModifiedCode`), and any other code is ``Code("X-ANY", "free text")``.

Policy errors map to codes as DESIGN.md says: ``PolicyDenied`` → ``NO [LIMIT]`` or
``[NOPERM]``, ``TemporaryFailure`` → ``NO [UNAVAILABLE]``, ``NotFound`` →
``NO [NONEXISTENT]``, ``Conflict`` → ``NO [ALREADYEXISTS]``; the text carries the
rule ID and is written Vietnamese first, then English.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final

from congvu.domain.errors import Conflict, CongvuError, NotFound, PolicyDenied, TemporaryFailure
from congvu.imap.grammar.sequence import SequenceSet

__all__ = [
    "ALERT",
    "ALREADYEXISTS",
    "AUTHENTICATIONFAILED",
    "AUTHORIZATIONFAILED",
    "BADCOMPARATOR",
    "CANNOT",
    "CLIENTBUG",
    "CLOSED",
    "COMPRESSIONACTIVE",
    "CONTACTADMIN",
    "CORRUPTION",
    "EXPIRED",
    "EXPUNGEISSUED",
    "HASCHILDREN",
    "INUSE",
    "LIMIT",
    "NOMODSEQ",
    "NONEXISTENT",
    "NOPERM",
    "NOTSAVED",
    "OVERQUOTA",
    "PARSE",
    "PRIVACYREQUIRED",
    "READ_ONLY",
    "READ_WRITE",
    "SERVERBUG",
    "TOOBIG",
    "TRYCREATE",
    "UIDNOTSTICKY",
    "UNAVAILABLE",
    "UNKNOWN_CTE",
    "USEATTR",
    "Acl",
    "AppendUidCode",
    "BadCharsetCode",
    "Capability",
    "CapabilityCode",
    "Challenge",
    "Code",
    "Continuation",
    "CopyUidCode",
    "ESearch",
    "Enabled",
    "Exists",
    "Expunge",
    "Fetch",
    "FetchBinarySize",
    "FetchFlags",
    "FetchInternalDate",
    "FetchItem",
    "FetchModSeq",
    "FetchRaw",
    "FetchRfc822",
    "FetchSection",
    "FetchSize",
    "FetchUid",
    "Flags",
    "Id",
    "ListItem",
    "ListRights",
    "MailboxStatus",
    "ModifiedCode",
    "MyRights",
    "Namespace",
    "NamespaceEntry",
    "NumberCode",
    "PermanentFlagsCode",
    "Quota",
    "QuotaResource",
    "QuotaRoot",
    "Recent",
    "Response",
    "ResponseCode",
    "Search",
    "Sort",
    "StatusKind",
    "StatusResponse",
    "Thread",
    "ThreadNode",
    "Vanished",
    "code_for_error",
    "highestmodseq",
    "uidnext",
    "uidvalidity",
    "unseen",
]


# --------------------------------------------------------------------------- response codes
@dataclass(frozen=True, slots=True)
class Code:
    """A response code without typed data: ``[ALERT]``, or ``[X-FOO some text]`` passed through."""

    name: str
    text: str | None = None


@dataclass(frozen=True, slots=True)
class NumberCode:
    """``[UIDNEXT n]``, ``[UIDVALIDITY n]``, ``[UNSEEN n]``, ``[HIGHESTMODSEQ n]``."""

    name: str
    value: int


@dataclass(frozen=True, slots=True)
class CapabilityCode:
    """``[CAPABILITY IMAP4rev2 …]`` in the greeting or after authentication."""

    capabilities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PermanentFlagsCode:
    """``[PERMANENTFLAGS (\\Deleted \\Seen \\*)]``."""

    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BadCharsetCode:
    """``[BADCHARSET]`` or ``[BADCHARSET (UTF-8 US-ASCII)]`` listing what is supported."""

    charsets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AppendUidCode:
    """``[APPENDUID uidvalidity uid-set]`` (RFC 4315 §3)."""

    uidvalidity: int
    uids: SequenceSet


@dataclass(frozen=True, slots=True)
class CopyUidCode:
    """``[COPYUID uidvalidity source-uids destination-uids]`` (RFC 4315 §3, RFC 6851 MOVE)."""

    uidvalidity: int
    source: SequenceSet
    destination: SequenceSet


@dataclass(frozen=True, slots=True)
class ModifiedCode:
    """``[MODIFIED set]``: messages a conditional STORE left alone (RFC 7162 §3.1.3)."""

    uids: SequenceSet


ResponseCode = (
    Code
    | NumberCode
    | CapabilityCode
    | PermanentFlagsCode
    | BadCharsetCode
    | AppendUidCode
    | CopyUidCode
    | ModifiedCode
)

ALERT: Final = Code("ALERT")
PARSE: Final = Code("PARSE")
READ_ONLY: Final = Code("READ-ONLY")
READ_WRITE: Final = Code("READ-WRITE")
TRYCREATE: Final = Code("TRYCREATE")
UIDNOTSTICKY: Final = Code("UIDNOTSTICKY")
# RFC 5530 (also in RFC 9051 §7.1)
UNAVAILABLE: Final = Code("UNAVAILABLE")
AUTHENTICATIONFAILED: Final = Code("AUTHENTICATIONFAILED")
AUTHORIZATIONFAILED: Final = Code("AUTHORIZATIONFAILED")
EXPIRED: Final = Code("EXPIRED")
PRIVACYREQUIRED: Final = Code("PRIVACYREQUIRED")
CONTACTADMIN: Final = Code("CONTACTADMIN")
NOPERM: Final = Code("NOPERM")
INUSE: Final = Code("INUSE")
EXPUNGEISSUED: Final = Code("EXPUNGEISSUED")
CORRUPTION: Final = Code("CORRUPTION")
SERVERBUG: Final = Code("SERVERBUG")
CLIENTBUG: Final = Code("CLIENTBUG")
CANNOT: Final = Code("CANNOT")
LIMIT: Final = Code("LIMIT")
OVERQUOTA: Final = Code("OVERQUOTA")
ALREADYEXISTS: Final = Code("ALREADYEXISTS")
NONEXISTENT: Final = Code("NONEXISTENT")
HASCHILDREN: Final = Code("HASCHILDREN")  # RFC 9051 §7.1
CLOSED: Final = Code("CLOSED")  # RFC 7162 §3.2.11, RFC 9051 §7.1
NOMODSEQ: Final = Code("NOMODSEQ")  # RFC 7162 §3.1.2.2
COMPRESSIONACTIVE: Final = Code("COMPRESSIONACTIVE")  # RFC 4978 §3
NOTSAVED: Final = Code("NOTSAVED")  # RFC 5182 §2.1
BADCOMPARATOR: Final = Code("BADCOMPARATOR")  # RFC 5255 §4.9
UNKNOWN_CTE: Final = Code("UNKNOWN-CTE")  # RFC 3516 §4.1, RFC 9051 §7.1
TOOBIG: Final = Code("TOOBIG")  # RFC 4469 §4.2, RFC 7889 §4 (APPEND over APPENDLIMIT)
USEATTR: Final = Code("USEATTR")  # RFC 6154 §3 (CREATE with an unsupported special use)


def uidnext(value: int) -> NumberCode:
    """``[UIDNEXT value]``."""
    return NumberCode("UIDNEXT", value)


def uidvalidity(value: int) -> NumberCode:
    """``[UIDVALIDITY value]``."""
    return NumberCode("UIDVALIDITY", value)


def unseen(value: int) -> NumberCode:
    """``[UNSEEN value]`` (IMAP4rev1 only; RFC 9051 dropped it)."""
    return NumberCode("UNSEEN", value)


def highestmodseq(value: int) -> NumberCode:
    """``[HIGHESTMODSEQ value]`` (RFC 7162 §3.1.2.1)."""
    return NumberCode("HIGHESTMODSEQ", value)


def code_for_error(error: CongvuError) -> Code:
    """The response code for a domain error (DESIGN.md "Conventions"; RFC 5530 codes).

    ``PolicyDenied`` → ``LIMIT`` (callers pick ``OVERQUOTA`` or ``NOPERM`` when the
    violated rule says so), ``TemporaryFailure`` → ``UNAVAILABLE``, ``NotFound`` →
    ``NONEXISTENT``, ``Conflict`` → ``ALREADYEXISTS``, ``ConfigError`` and any other
    ``CongvuError`` → ``SERVERBUG``.
    """
    if isinstance(error, PolicyDenied):
        return LIMIT
    if isinstance(error, TemporaryFailure):
        return UNAVAILABLE
    if isinstance(error, NotFound):
        return NONEXISTENT
    if isinstance(error, Conflict):
        return ALREADYEXISTS
    return SERVERBUG  # ConfigError and anything unforeseen


# --------------------------------------------------------------------------- status responses
class StatusKind(StrEnum):
    """The five status responses (RFC 9051 §7.1)."""

    OK = "OK"
    NO = "NO"
    BAD = "BAD"
    PREAUTH = "PREAUTH"
    BYE = "BYE"


@dataclass(frozen=True, slots=True)
class StatusResponse:
    """``tag OK [code] text`` or, with ``tag=None``, ``* OK [code] text``; PREAUTH/BYE are untagged."""

    kind: StatusKind
    text: str = ""
    code: ResponseCode | None = None
    tag: str | None = None

    @classmethod
    def ok(cls, tag: str | None, text: str, code: ResponseCode | None = None) -> StatusResponse:
        """Tagged (or, with ``tag=None``, untagged) OK."""
        return cls(StatusKind.OK, text, code, tag)

    @classmethod
    def no(cls, tag: str | None, text: str, code: ResponseCode | None = None) -> StatusResponse:
        """Tagged (or untagged) NO."""
        return cls(StatusKind.NO, text, code, tag)

    @classmethod
    def bad(cls, tag: str | None, text: str, code: ResponseCode | None = None) -> StatusResponse:
        """Tagged (or untagged) BAD."""
        return cls(StatusKind.BAD, text, code, tag)

    @classmethod
    def bye(cls, text: str, code: ResponseCode | None = None) -> StatusResponse:
        """Untagged BYE."""
        return cls(StatusKind.BYE, text, code)

    @classmethod
    def preauth(cls, text: str, code: ResponseCode | None = None) -> StatusResponse:
        """Untagged PREAUTH greeting."""
        return cls(StatusKind.PREAUTH, text, code)


@dataclass(frozen=True, slots=True)
class Continuation:
    """``+ text``: the server is ready for a literal or more command text."""

    text: str = ""
    code: ResponseCode | None = None


@dataclass(frozen=True, slots=True)
class Challenge:
    """``+ <base64>``: a SASL challenge (RFC 9051 §6.2.2); *data* is the raw challenge."""

    data: bytes


# --------------------------------------------------------------------------- server and mailbox status
@dataclass(frozen=True, slots=True)
class Capability:
    """``* CAPABILITY IMAP4rev2 STARTTLS …``."""

    capabilities: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Enabled:
    """``* ENABLED CONDSTORE`` (RFC 5161 §3.2)."""

    capabilities: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ListItem:
    """``* LIST (attrs) "/" name [("CHILDINFO" (…) "OLDNAME" (…))]`` (RFC 9051 §7.3.1, RFC 5258).

    ``name`` is the Unicode mailbox name (encoded on output); ``delimiter`` ``None`` is NIL;
    ``lsub=True`` writes the IMAP4rev1 LSUB response instead.
    """

    name: str
    delimiter: str | None = "/"
    attributes: tuple[str, ...] = ()
    childinfo: tuple[str, ...] = ()
    oldname: str | None = None
    lsub: bool = False


@dataclass(frozen=True, slots=True)
class MailboxStatus:
    """``* STATUS name (MESSAGES 231 UIDNEXT 44292 …)``; items in the order requested.

    Item names: MESSAGES, UIDNEXT, UIDVALIDITY, UNSEEN, DELETED, SIZE (RFC 9051),
    RECENT (RFC 3501), HIGHESTMODSEQ (RFC 7162), APPENDLIMIT (RFC 7889; value ``None``
    writes NIL), DELETED-STORAGE (RFC 9208).
    """

    mailbox: str
    items: tuple[tuple[str, int | None], ...]


@dataclass(frozen=True, slots=True)
class Flags:
    """``* FLAGS (\\Answered \\Flagged …)``."""

    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Exists:
    """``* n EXISTS``."""

    count: int


@dataclass(frozen=True, slots=True)
class Recent:
    """``* n RECENT`` (IMAP4rev1 only)."""

    count: int


@dataclass(frozen=True, slots=True)
class Expunge:
    """``* seq EXPUNGE``."""

    seq: int


@dataclass(frozen=True, slots=True)
class Vanished:
    """``* VANISHED [(EARLIER)] uid-set`` (RFC 7162 §3.2.10)."""

    uids: SequenceSet
    earlier: bool = False


# --------------------------------------------------------------------------- search, sort, thread
@dataclass(frozen=True, slots=True)
class Search:
    """``* SEARCH 2 3 6 [(MODSEQ n)]`` (RFC 9051 §7.3.4 is IMAP4rev1-only; RFC 7162 §3.1.5)."""

    numbers: tuple[int, ...] = ()
    modseq: int | None = None


@dataclass(frozen=True, slots=True)
class Sort:
    """``* SORT 2 84 882 [(MODSEQ n)]`` (RFC 5256 §4)."""

    numbers: tuple[int, ...] = ()
    modseq: int | None = None


@dataclass(frozen=True, slots=True)
class ESearch:
    """``* ESEARCH (TAG "a") UID MIN 2 MAX 9 COUNT 4 ALL 2:9 MODSEQ 12`` (RFC 4731, RFC 9051 §7.3.4).

    Items are written in this order, which matches every example of RFC 9051 and RFC 7162.
    """

    tag: str | None = None
    uid: bool = False
    min: int | None = None
    max: int | None = None
    count: int | None = None
    all: SequenceSet | None = None
    modseq: int | None = None


@dataclass(frozen=True, slots=True)
class ThreadNode:
    """One message in a thread tree; ``number=None`` is a missing parent (RFC 5256 §4)."""

    number: int | None
    children: tuple[ThreadNode, ...] = ()


@dataclass(frozen=True, slots=True)
class Thread:
    """``* THREAD (2)(3 6 (4 23)(44 7 96))``: one root node per thread."""

    threads: tuple[ThreadNode, ...] = ()


# --------------------------------------------------------------------------- FETCH
@dataclass(frozen=True, slots=True)
class FetchUid:
    """``UID n``."""

    uid: int


@dataclass(frozen=True, slots=True)
class FetchFlags:
    """``FLAGS (\\Seen …)``."""

    flags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FetchInternalDate:
    """``INTERNALDATE "17-Jul-1996 02:44:25 -0700"`` (aware datetime)."""

    value: datetime


@dataclass(frozen=True, slots=True)
class FetchSize:
    """``RFC822.SIZE n``."""

    size: int


@dataclass(frozen=True, slots=True)
class FetchModSeq:
    """``MODSEQ (n)`` (RFC 7162 §3.1.4)."""

    modseq: int


@dataclass(frozen=True, slots=True)
class FetchRaw:
    """``NAME <fragment>`` with a fragment precomputed at ingest and sent untouched.

    For ENVELOPE, BODYSTRUCTURE and BODY (the MIME layer builds the parenthesized
    list once), EMAILID/THREADID (RFC 8474) and the like.  The fragment is trusted:
    it must already be valid IMAP syntax.
    """

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class FetchSection:
    """``BODY[section]<origin> {n}`` or, with ``binary``, ``BINARY[section]<origin> ~{n}``.

    ``section`` is the normalized section text between the brackets
    (``HEADER.FIELDS (FROM TO SUBJECT DATE)``, ``1.2.TEXT``, ``""``); ``origin`` only when
    the client asked for a partial fetch; ``data=None`` writes NIL.
    """

    section: str
    data: bytes | None
    origin: int | None = None
    binary: bool = False


@dataclass(frozen=True, slots=True)
class FetchBinarySize:
    """``BINARY.SIZE[section] n`` (RFC 3516 §4.2)."""

    section: str
    size: int


@dataclass(frozen=True, slots=True)
class FetchRfc822:
    """IMAP4rev1 ``RFC822``, ``RFC822.HEADER`` or ``RFC822.TEXT`` (``part`` "", "HEADER", "TEXT")."""

    part: str
    data: bytes | None


FetchItem = (
    FetchUid
    | FetchFlags
    | FetchInternalDate
    | FetchSize
    | FetchModSeq
    | FetchRaw
    | FetchSection
    | FetchBinarySize
    | FetchRfc822
)


@dataclass(frozen=True, slots=True)
class Fetch:
    """``* seq FETCH (item item …)``; items are written in the given order."""

    seq: int
    items: tuple[FetchItem, ...]


# --------------------------------------------------------------------------- quota, namespace, id, acl
@dataclass(frozen=True, slots=True)
class QuotaResource:
    """One ``NAME usage limit`` triple (RFC 9208 §5.1): STORAGE in KiB, MESSAGE, MAILBOX …"""

    name: str
    usage: int
    limit: int


@dataclass(frozen=True, slots=True)
class Quota:
    """``* QUOTA root (STORAGE 10 512)`` (RFC 9208 §5.1)."""

    root: str
    resources: tuple[QuotaResource, ...]


@dataclass(frozen=True, slots=True)
class QuotaRoot:
    """``* QUOTAROOT mailbox root …`` (RFC 9208 §5.2)."""

    mailbox: str
    roots: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NamespaceEntry:
    """``("prefix" "delim" ["EXT" ("v" …)]…)`` (RFC 2342 §5, RFC 9051 §7.3.5)."""

    prefix: str
    delimiter: str | None = "/"
    extensions: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Namespace:
    """``* NAMESPACE personal other shared``; an empty tuple or ``None`` writes NIL."""

    personal: tuple[NamespaceEntry, ...] | None = None
    other: tuple[NamespaceEntry, ...] | None = None
    shared: tuple[NamespaceEntry, ...] | None = None


@dataclass(frozen=True, slots=True)
class Id:
    """``* ID ("name" "Congvu" …)`` or ``* ID NIL`` (RFC 2971 §3.2)."""

    params: tuple[tuple[str, str | None], ...] | None = None


@dataclass(frozen=True, slots=True)
class Acl:
    """``* ACL mailbox identifier rights …`` (RFC 4314 §3.6)."""

    mailbox: str
    entries: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ListRights:
    """``* LISTRIGHTS mailbox identifier required optional…`` (RFC 4314 §3.7)."""

    mailbox: str
    identifier: str
    required: str
    optional: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MyRights:
    """``* MYRIGHTS mailbox rights`` (RFC 4314 §3.8)."""

    mailbox: str
    rights: str


Response = (
    StatusResponse
    | Continuation
    | Challenge
    | Capability
    | Enabled
    | ListItem
    | MailboxStatus
    | Flags
    | Exists
    | Recent
    | Expunge
    | Vanished
    | Search
    | Sort
    | ESearch
    | Thread
    | Fetch
    | Quota
    | QuotaRoot
    | Namespace
    | Id
    | Acl
    | ListRights
    | MyRights
)
