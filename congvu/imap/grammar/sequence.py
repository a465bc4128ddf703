"""IMAP sequence sets (RFC 9051 §9 ``sequence-set``; ``$`` from RFC 5182 SEARCHRES).

A sequence set names messages by sequence number or UID: ``1:*``, ``2,4:7,9``,
``7:3`` (a reversed range means the same as ``3:7``), ``*`` (the highest number in
use) or ``$`` (the result saved by the last ``SEARCH RETURN (SAVE)``).  The parser
builds a :class:`SequenceSet`; the server resolves it against the mailbox::

    from congvu.imap.grammar import SequenceSet
    s = SequenceSet.parse("1:3,7:*")
    s.contains(8, star_value=10)          # True
    list(s.iter_values(star_value=9))     # [1, 2, 3, 7, 8, 9]
    s.intervals(star_value=9)             # [(1, 3), (7, 9)]: ready for SQL BETWEEN
    SequenceSet.from_uids([1, 2, 3, 5]).format()   # "1:3,5"

``ranges`` keeps what the client wrote (order, reversed ranges, ``*`` as ``None``)
so ``SequenceSet.parse(s.format()) == s``; the resolving methods treat the set as
a set.  ``star_value`` is the highest sequence number or UID in use (0 when the
mailbox is empty, when a range that names ``*`` matches nothing).  Numbers are
``nz-number`` (1 … 2³²−1, no leading zero).  ``$`` must be replaced by the saved
result (:meth:`SequenceSet.resolve`) before it can be evaluated.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar, Final

__all__ = ["MAX_NUMBER", "SequenceSet", "SequenceSetError"]

MAX_NUMBER: Final = 0xFFFF_FFFF  # RFC 9051 §9: nz-number fits in an unsigned 32-bit integer

Bound = int | None  # None stands for "*"


class SequenceSetError(ValueError):
    """Text is not a valid ``sequence-set`` (RFC 9051 §9) or a set cannot be evaluated."""


def _number(text: str, whole: str) -> Bound:
    if text == "*":
        return None
    if not text or not text.isascii() or not text.isdigit() or text[0] == "0":
        raise SequenceSetError(f"invalid sequence number {text!r} in {whole!r}")
    value = int(text)
    if value > MAX_NUMBER:
        raise SequenceSetError(f"sequence number {text} exceeds 4294967295 in {whole!r}")
    return value


def _fmt(bound: Bound) -> str:
    return "*" if bound is None else str(bound)


@dataclass(frozen=True, slots=True)
class SequenceSet:
    """An IMAP ``sequence-set``: ``ranges`` as written (``None`` = ``*``), or ``saved`` for ``$``."""

    ranges: tuple[tuple[Bound, Bound], ...] = ()
    saved: bool = False

    ALL: ClassVar[SequenceSet]
    LAST_RESULT: ClassVar[SequenceSet]

    def __post_init__(self) -> None:
        if self.saved:
            if self.ranges:
                raise SequenceSetError("'$' cannot be combined with other ranges")
            return
        if not self.ranges:
            raise SequenceSetError("a sequence set is never empty")
        for start, end in self.ranges:
            for bound in (start, end):
                if bound is not None and not (isinstance(bound, int) and 1 <= bound <= MAX_NUMBER):
                    raise SequenceSetError(f"sequence number {bound!r} outside 1..4294967295")

    # ------------------------------------------------------------------ building
    @classmethod
    def parse(cls, text: str) -> SequenceSet:
        """Parse ``sequence-set`` text; raise :class:`SequenceSetError` when it is invalid."""
        if text == "$":
            return cls.LAST_RESULT
        if not text:
            raise SequenceSetError("empty sequence set")
        ranges: list[tuple[Bound, Bound]] = []
        for item in text.split(","):
            first, colon, second = item.partition(":")
            start = _number(first, text)
            if colon:
                ranges.append((start, _number(second, text)))
            else:
                ranges.append((start, start))
        return cls(tuple(ranges))

    @classmethod
    def from_uids(cls, values: Iterable[int]) -> SequenceSet:
        """The shortest set naming exactly *values* (sorted, consecutive runs joined)."""
        ordered = sorted(set(values))
        if not ordered:
            raise SequenceSetError("a sequence set is never empty")
        ranges: list[tuple[Bound, Bound]] = []
        start = previous = ordered[0]
        for value in ordered[1:]:
            if value != previous + 1:
                ranges.append((start, previous))
                start = value
            previous = value
        ranges.append((start, previous))
        return cls(tuple(ranges))

    @classmethod
    def single(cls, value: int) -> SequenceSet:
        """The set holding one number."""
        return cls(((value, value),))

    def resolve(self, saved_result: SequenceSet | None) -> SequenceSet:
        """Replace ``$`` by the saved search result (RFC 5182 §2.1); other sets are returned as is.

        An empty saved result is passed as ``None`` and raises :class:`SequenceSetError`;
        the caller then answers as for an empty set (RFC 5182: ``$`` then names no message).
        """
        if not self.saved:
            return self
        if saved_result is None:
            raise SequenceSetError("'$' refers to an empty or missing saved search result")
        return saved_result

    # ------------------------------------------------------------------ output
    def format(self) -> str:
        """Wire form; ``SequenceSet.parse(s.format()) == s``."""
        if self.saved:
            return "$"
        return ",".join(
            _fmt(start) if start == end else f"{_fmt(start)}:{_fmt(end)}" for start, end in self.ranges
        )

    def __str__(self) -> str:
        return self.format()

    # ------------------------------------------------------------------ evaluating
    @property
    def uses_star(self) -> bool:
        """True when any range names ``*``."""
        return any(start is None or end is None for start, end in self.ranges)

    def intervals(self, star_value: int) -> list[tuple[int, int]]:
        """Sorted, merged, inclusive ``(low, high)`` intervals with ``*`` = *star_value*.

        Intervals are not clipped to *star_value* (``UID FETCH 900:950`` in a mailbox
        whose highest UID is 500 stays ``(900, 950)``; ``559:*`` becomes ``(500, 559)``
        as RFC 9051 §6.4.9 requires).  With ``star_value`` 0 a range naming ``*`` is dropped.
        """
        if self.saved:
            raise SequenceSetError("resolve '$' before evaluating the set")
        spans: list[tuple[int, int]] = []
        for start, end in self.ranges:
            if start is None or end is None:
                if star_value < 1:
                    continue
                a = star_value if start is None else start
                b = star_value if end is None else end
            else:
                a, b = start, end
            spans.append((a, b) if a <= b else (b, a))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for low, high in spans:
            if merged and low <= merged[-1][1] + 1:
                if high > merged[-1][1]:
                    merged[-1] = (merged[-1][0], high)
            else:
                merged.append((low, high))
        return merged

    def contains(self, n: int, star_value: int) -> bool:
        """True when *n* is in the set, with ``*`` standing for *star_value*."""
        if self.saved:
            raise SequenceSetError("resolve '$' before evaluating the set")
        for start, end in self.ranges:
            if start is None or end is None:
                if star_value < 1:
                    continue
                a = star_value if start is None else start
                b = star_value if end is None else end
            else:
                a, b = start, end
            if a <= n <= b or b <= n <= a:
                return True
        return False

    def iter_values(self, star_value: int) -> Iterator[int]:
        """Ascending distinct members in ``1..star_value`` (numbers above it name no message)."""
        for low, high in self.intervals(star_value):
            if low > star_value:
                break
            yield from range(low, min(high, star_value) + 1)

    def max_number(self, star_value: int) -> int:
        """The highest number the set names (for the ``BAD`` check on sequence numbers)."""
        spans = self.intervals(star_value)
        return spans[-1][1] if spans else 0


SequenceSet.ALL = SequenceSet(((1, None),))
SequenceSet.LAST_RESULT = SequenceSet(saved=True)
