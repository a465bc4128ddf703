"""Sans-IO IMAP wire grammar (issue 11): bytes → typed commands, typed responses → bytes.

Parsing commands (RFC 9051, RFC 3501 and the extensions listed in `commands`)::

    from congvu.imap.grammar import (
        ClientLine, CommandParser, Fetch, NeedContinuation, ParseError, ParserLimits,
    )

    parser = CommandParser(ParserLimits(max_literal=50 << 20), utf8=False)
    parser.feed(data)                       # whatever bytes the socket delivered
    while (item := parser.next()) is not None:
        match item:
            case NeedContinuation():        # synchronising literal {n}: invite it
                send(b"+ Ready\r\n")
            case ParseError():              # answer BAD (or NO for code TOOBIG/BADCHARSET)
                send(f"{item.tag or '*'} {item.status} [{item.code}] {item.message('en')}")
            case ClientLine():              # only after parser.expect_line()
                ...                         # item.is_done (IDLE), item.is_cancel (AUTHENTICATE)
            case Fetch(uid=True):           # every other result is a typed Command
                ...

``next`` never raises; after an error it resynchronises at the next line. After sending
``+ idling`` (IDLE) or an AUTHENTICATE challenge, call ``parser.expect_line()`` so that the
next line comes back raw as a `ClientLine`. After ``ENABLE UTF8=ACCEPT`` set
``parser.utf8 = True`` (mailbox names then travel as UTF-8 instead of modified UTF-7).
`parse_command(data)` parses one complete command in a single call (tests, tools).
Limits (`ParserLimits`): ``max_line`` per line, ``max_literal`` for APPEND (the APPENDLIMIT),
``max_argument`` for any other literal, ``max_command`` in total, ``max_depth`` of nesting,
``literal_mode`` for ``{n+}`` (LITERAL- by default); ``parser.limits`` may be swapped, e.g.
tighter before LOGIN. For STARTTLS and COMPRESS, ``parser.take_buffered()`` hands back the
bytes that arrived after the command. `command_writer.serialize_command` is the inverse.

Writing responses (RFC 9051 §7 and the extension RFCs) — typed objects in `responses`,
bytes from `serialize`; see the import block "responses" below and ``serialize.py``::

    from congvu.imap.grammar import SerializeOptions, StatusResponse, responses, serialize
    opts = SerializeOptions(utf8=utf8_accept_enabled, rev2=imap4rev2_enabled)
    send(serialize(responses.Exists(172), opts))
    send(serialize(StatusResponse.no(tag, text, responses.code_for_error(exc)), opts))
    send(HeaderFetchWriter(attr.section.format()).lines(rows))   # header-list FETCH hot path
"""

# ---- command parsing (parser.py, commands.py, fetch.py, search.py, errors.py, limits.py)
from congvu.imap.grammar.commands import Append as Append
from congvu.imap.grammar.commands import AppendMessage as AppendMessage
from congvu.imap.grammar.commands import Authenticate as Authenticate
from congvu.imap.grammar.commands import Capability as Capability
from congvu.imap.grammar.commands import Check as Check
from congvu.imap.grammar.commands import ClientLine as ClientLine
from congvu.imap.grammar.commands import Close as Close
from congvu.imap.grammar.commands import Command as Command
from congvu.imap.grammar.commands import Compress as Compress
from congvu.imap.grammar.commands import Copy as Copy
from congvu.imap.grammar.commands import Create as Create
from congvu.imap.grammar.commands import Delete as Delete
from congvu.imap.grammar.commands import DeleteAcl as DeleteAcl
from congvu.imap.grammar.commands import Enable as Enable
from congvu.imap.grammar.commands import Expunge as Expunge
from congvu.imap.grammar.commands import Fetch as Fetch
from congvu.imap.grammar.commands import GetAcl as GetAcl
from congvu.imap.grammar.commands import GetQuota as GetQuota
from congvu.imap.grammar.commands import GetQuotaRoot as GetQuotaRoot
from congvu.imap.grammar.commands import Id as Id
from congvu.imap.grammar.commands import Idle as Idle
from congvu.imap.grammar.commands import List as List
from congvu.imap.grammar.commands import ListRights as ListRights
from congvu.imap.grammar.commands import Login as Login
from congvu.imap.grammar.commands import Logout as Logout
from congvu.imap.grammar.commands import Lsub as Lsub
from congvu.imap.grammar.commands import Move as Move
from congvu.imap.grammar.commands import MyRights as MyRights
from congvu.imap.grammar.commands import Namespace as Namespace
from congvu.imap.grammar.commands import NeedContinuation as NeedContinuation
from congvu.imap.grammar.commands import Noop as Noop
from congvu.imap.grammar.commands import QResyncParams as QResyncParams
from congvu.imap.grammar.commands import Rename as Rename
from congvu.imap.grammar.commands import Search as Search
from congvu.imap.grammar.commands import Select as Select
from congvu.imap.grammar.commands import SetAcl as SetAcl
from congvu.imap.grammar.commands import SetQuota as SetQuota
from congvu.imap.grammar.commands import Sort as Sort
from congvu.imap.grammar.commands import SortCriterion as SortCriterion
from congvu.imap.grammar.commands import StartTls as StartTls
from congvu.imap.grammar.commands import Status as Status
from congvu.imap.grammar.commands import Store as Store
from congvu.imap.grammar.commands import Subscribe as Subscribe
from congvu.imap.grammar.commands import Thread as Thread
from congvu.imap.grammar.commands import Unselect as Unselect
from congvu.imap.grammar.commands import Unsubscribe as Unsubscribe
from congvu.imap.grammar.errors import ParseError as ParseError
from congvu.imap.grammar.fetch import FetchAttribute as FetchAttribute
from congvu.imap.grammar.fetch import Section as Section
from congvu.imap.grammar.limits import LiteralMode as LiteralMode
from congvu.imap.grammar.limits import ParserLimits as ParserLimits
from congvu.imap.grammar.parser import CommandParser as CommandParser
from congvu.imap.grammar.parser import ParseResult as ParseResult
from congvu.imap.grammar.parser import parse_command as parse_command
from congvu.imap.grammar.search import SearchKey as SearchKey

# isort: split
# ---- responses (responses.py, serialize.py, values.py, mutf7.py, sequence.py)
# Serializing responses (RFC 9051 §7 and the extension RFCs)::
#
#     from congvu.imap.grammar import SerializeOptions, StatusResponse, responses as r, serialize
#     opts = SerializeOptions(utf8=utf8_accept_enabled, rev2=imap4rev2_enabled)
#     out = serialize(r.Exists(172), opts) + serialize(StatusResponse.ok(tag, "SELECT completed",
#                                                                     r.READ_WRITE), opts)
#     out = HeaderFetchWriter("HEADER.FIELDS (FROM TO SUBJECT DATE)").lines(rows)  # hot FETCH path
#
# Response classes whose names match a command (Fetch, Search, Capability…) are reached
# through the ``responses`` module, never imported bare from here.
from congvu.imap.grammar import mutf7 as mutf7
from congvu.imap.grammar import responses as responses
from congvu.imap.grammar import values as values
from congvu.imap.grammar.mutf7 import MUtf7Error as MUtf7Error
from congvu.imap.grammar.response_parser import ResponseSyntaxError as ResponseSyntaxError
from congvu.imap.grammar.response_parser import parse_response as parse_response
from congvu.imap.grammar.responses import StatusKind as StatusKind
from congvu.imap.grammar.responses import StatusResponse as StatusResponse
from congvu.imap.grammar.sequence import SequenceSet as SequenceSet
from congvu.imap.grammar.sequence import SequenceSetError as SequenceSetError
from congvu.imap.grammar.serialize import HeaderFetchWriter as HeaderFetchWriter
from congvu.imap.grammar.serialize import SerializeOptions as SerializeOptions
from congvu.imap.grammar.serialize import fetch_header_lines as fetch_header_lines
from congvu.imap.grammar.serialize import serialize as serialize
from congvu.imap.grammar.serialize import serialize_many as serialize_many
from congvu.imap.grammar.values import ValueSyntaxError as ValueSyntaxError
