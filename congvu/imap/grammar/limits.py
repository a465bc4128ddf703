"""Resource limits of the IMAP command parser (issue 11 item 2; RFC 9051 §4.3, RFC 7888, RFC 7889).

The parser is fed untrusted bytes by anyone who can open port 143/993, so every buffer it keeps
has a bound set here: the length of one command line (the text between literals), the size of
one literal (RFC 7889 APPENDLIMIT), the total size of one command (lines plus literals), the
nesting depth of parenthesised lists and SEARCH keys, and which non-synchronising literals are
accepted (RFC 7888: LITERAL+ allows any size up to the literal limit, LITERAL- only up to 4096
octets). A limit is checked *before* the bytes it guards are buffered, so no input makes the
parser hold more than these figures plus one `feed` call's data.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

#: RFC 7888 §4: a LITERAL- server accepts non-synchronising literals of at most 4096 octets.
LITERAL_MINUS_MAX = 4096


class LiteralMode(enum.Enum):
    """Which non-synchronising literals (``{n+}``) the server advertises and accepts."""

    #: Neither LITERAL+ nor LITERAL- advertised: every ``{n+}`` is refused.
    NONE = "none"
    #: LITERAL- (RFC 7888; part of IMAP4rev2): ``{n+}`` up to 4096 octets.
    MINUS = "minus"
    #: LITERAL+ (RFC 7888): ``{n+}`` of any size up to `ParserLimits.max_literal`.
    PLUS = "plus"


@dataclass(frozen=True, slots=True)
class ParserLimits:
    """Bounds on what one connection's parser may buffer; the defaults suit a public server.

    ``max_line`` is the length of one line of a command without its literals (RFC 7162 §4
    asks servers to accept at least 8192 octets, because CONDSTORE/QRESYNC lines with long
    sequence sets grow large). ``max_literal`` is the biggest single literal, which is the
    APPENDLIMIT the server advertises (RFC 7889); it applies to APPEND, while every other
    literal (a password, a mailbox name, a SEARCH string) is bounded by ``max_argument``, so
    an unauthenticated client cannot make the server hold megabytes. ``max_command`` bounds a whole command,
    lines plus literals (MULTIAPPEND sends several literals in one command). ``max_depth``
    bounds nesting of parentheses and of NOT/OR in SEARCH, so recursion stays shallow.
    """

    max_line: int = 64 * 1024
    max_literal: int = 50 * 1024 * 1024
    max_argument: int = 64 * 1024
    max_command: int = 100 * 1024 * 1024
    max_depth: int = 32
    literal_mode: LiteralMode = LiteralMode.MINUS

    def __post_init__(self) -> None:
        if min(self.max_line, self.max_literal, self.max_argument, self.max_command, self.max_depth) < 1:
            raise ValueError("parser limits must be positive")

    @property
    def max_non_sync_literal(self) -> int:
        """Largest ``{n+}`` accepted without a round trip; 0 when none is (RFC 7888 §4)."""
        if self.literal_mode is LiteralMode.PLUS:
            return self.max_literal
        if self.literal_mode is LiteralMode.MINUS:
            return min(LITERAL_MINUS_MAX, self.max_literal)
        return 0


DEFAULT_LIMITS = ParserLimits()
