"""IMAP sequence sets (RFC 9051 §9, RFC 5182 ``$``): parsing, formatting, evaluation."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.imap.grammar.sequence import MAX_NUMBER, SequenceSet, SequenceSetError


def test_parse_examples() -> None:
    s = SequenceSet.parse("2,4:7,9,12:*")
    assert s.ranges == ((2, 2), (4, 7), (9, 9), (12, None))
    assert s.format() == "2,4:7,9,12:*"
    assert SequenceSet.parse("*").ranges == ((None, None),)
    assert SequenceSet.parse("$") == SequenceSet.LAST_RESULT
    assert SequenceSet.parse("1:*") == SequenceSet.ALL
    assert SequenceSet.parse("4294967295").ranges == ((MAX_NUMBER, MAX_NUMBER),)


@pytest.mark.parametrize(
    "text",
    ["", "0", "01", "1:", ":1", "1,,2", "1,", "a", "1:2:3", "$,1", "1,$", "4294967296", "-1", "1 2", "１"],
)
def test_invalid_text(text: str) -> None:
    with pytest.raises(SequenceSetError):
        SequenceSet.parse(text)
    assert issubclass(SequenceSetError, ValueError)


def test_reversed_range_and_star() -> None:
    s = SequenceSet.parse("7:3,*:12")
    assert s.format() == "7:3,*:12"
    assert list(s.iter_values(star_value=14)) == [3, 4, 5, 6, 7, 12, 13, 14]
    assert s.contains(5, star_value=14)
    assert not s.contains(8, star_value=14)
    assert s.contains(10, star_value=10)  # "*:12" with * = 10 is 10:12


def test_uid_range_beyond_highest_includes_last() -> None:
    # RFC 9051 §6.4.9: "559:*" always includes the UID of the last message.
    s = SequenceSet.parse("559:*")
    assert list(s.iter_values(star_value=500)) == [500]
    assert s.intervals(star_value=500) == [(500, 559)]
    assert s.max_number(500) == 559


def test_empty_mailbox_star_matches_nothing() -> None:
    s = SequenceSet.parse("1:*")
    assert list(s.iter_values(star_value=0)) == []
    assert not s.contains(1, star_value=0)
    assert s.intervals(0) == []


def test_intervals_merge() -> None:
    s = SequenceSet.parse("5,1:3,4,10:8,9")
    assert s.intervals(star_value=100) == [(1, 5), (8, 10)]


def test_from_uids_compresses() -> None:
    assert SequenceSet.from_uids([5, 1, 2, 3, 3, 9, 10]).format() == "1:3,5,9:10"
    assert SequenceSet.from_uids([42]).format() == "42"
    with pytest.raises(SequenceSetError):
        SequenceSet.from_uids([])


def test_saved_result() -> None:
    saved = SequenceSet.from_uids([2, 3])
    assert SequenceSet.LAST_RESULT.format() == "$"
    assert SequenceSet.LAST_RESULT.resolve(saved) == saved
    assert SequenceSet.ALL.resolve(saved) == SequenceSet.ALL
    with pytest.raises(SequenceSetError):
        SequenceSet.LAST_RESULT.contains(1, star_value=3)
    with pytest.raises(SequenceSetError):
        SequenceSet.LAST_RESULT.resolve(None)


def test_invalid_construction() -> None:
    with pytest.raises(SequenceSetError):
        SequenceSet(())
    with pytest.raises(SequenceSetError):
        SequenceSet(((0, 1),))
    with pytest.raises(SequenceSetError):
        SequenceSet(((1, 1),), saved=True)


bounds = st.one_of(st.none(), st.integers(1, MAX_NUMBER), st.integers(1, 50))
sets = st.one_of(
    st.just(SequenceSet.LAST_RESULT),
    st.lists(st.tuples(bounds, bounds), min_size=1, max_size=6).map(lambda r: SequenceSet(tuple(r))),
)


@settings(max_examples=300)
@given(sets)
def test_parse_format_round_trip(s: SequenceSet) -> None:
    assert SequenceSet.parse(s.format()) == s


small_bound = st.one_of(st.none(), st.integers(1, 40))
small = st.lists(st.tuples(small_bound, small_bound), min_size=1, max_size=5).map(
    lambda r: SequenceSet(tuple(r))
)


@settings(max_examples=200)
@given(small, st.integers(0, 45))
def test_evaluation_agrees(s: SequenceSet, star: int) -> None:
    values = list(s.iter_values(star))
    assert values == sorted(set(values))
    assert values == [n for n in range(1, star + 1) if s.contains(n, star)]
    if values:
        again = SequenceSet.from_uids(values)
        assert list(again.iter_values(star)) == values


@settings(max_examples=200)
@given(st.sets(st.integers(1, 200), min_size=1))
def test_from_uids_round_trip(uids: set[int]) -> None:
    s = SequenceSet.from_uids(uids)
    assert list(s.iter_values(max(uids))) == sorted(uids)
    assert SequenceSet.parse(s.format()) == s
