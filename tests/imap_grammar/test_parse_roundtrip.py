"""Generated commands parse: ``parse_command(serialize_command(cmd)) == cmd`` for every command
type, with and without UTF8=ACCEPT (issue 11 "how it is checked")."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from congvu.imap.grammar import commands as c
from congvu.imap.grammar import parse_command
from congvu.imap.grammar import search as s
from congvu.imap.grammar.command_writer import serialize_command
from congvu.imap.grammar.fetch import SECTION_TEXTS, SIMPLE, FetchAttribute, Section
from congvu.imap.grammar.parser import LIST_RETURN, LIST_SELECT, STATUS_ITEMS
from congvu.imap.grammar.search import ESEARCH_RETURNS, SORT_KEYS
from congvu.imap.grammar.sequence import MAX_NUMBER, SequenceSet

MAX64 = 2**63 - 1
tags = st.from_regex(r"[A-Za-z0-9.]{1,8}", fullmatch=True)
atoms = st.from_regex(r"[A-Z][A-Z0-9\-]{0,8}", fullmatch=True)
keywords = st.from_regex(r"[A-Za-z$][A-Za-z0-9$_\-]{0,8}", fullmatch=True)
system_flags = st.sampled_from(["\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "\\Recent"])
flag_lists = st.lists(st.one_of(system_flags, keywords), max_size=4).map(tuple)
texts = st.text(max_size=12)
names = texts.map(lambda n: "INBOX" if n.upper() == "INBOX" else n)
numbers = st.integers(1, MAX_NUMBER)
bounds = st.one_of(st.none(), numbers)
seqsets = st.one_of(
    st.just(SequenceSet.LAST_RESULT),
    st.lists(st.tuples(bounds, bounds), min_size=1, max_size=4).map(lambda r: SequenceSet(tuple(r))),
)
concrete_sets = st.lists(st.tuples(bounds, bounds), min_size=1, max_size=4).map(
    lambda r: SequenceSet(tuple(r))
)
dates = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31))
zones = st.integers(-1439, 1439).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
date_times = st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 12, 31), timezones=zones).map(
    lambda d: d.replace(microsecond=0)
)


def subset(pool: frozenset[str], min_size: int = 0) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(sorted(pool)), min_size=min_size, max_size=4, unique=True).map(tuple)


leaf_keys = st.one_of(
    st.sampled_from(sorted(s.FLAG_KEYS)).map(s.SearchFlag),
    st.builds(s.SearchKeyword, keywords, st.booleans()),
    st.builds(s.SearchText, st.sampled_from(sorted(s.TEXT_KEYS)), texts),
    st.builds(s.SearchHeader, texts, texts),
    st.builds(s.SearchDate, st.sampled_from(sorted(s.DATE_KEYS)), dates),
    st.builds(s.SearchInterval, st.sampled_from(["OLDER", "YOUNGER"]), numbers),
    st.builds(s.SearchSize, st.booleans(), st.integers(0, MAX64)),
    st.builds(s.SearchSet, seqsets, st.booleans()),
    st.builds(
        s.SearchModSeq,
        st.integers(0, MAX64),
        st.none()
        | st.tuples(keywords.map(lambda k: "/flags/" + k), st.sampled_from(["priv", "shared", "all"])),
    ),
    st.builds(s.SearchObjectId, st.sampled_from(["EMAILID", "THREADID"]), atoms),
)
search_keys = st.recursive(
    leaf_keys,
    lambda inner: st.one_of(
        st.builds(s.SearchNot, inner),
        st.builds(s.SearchOr, inner, inner),
        st.lists(inner, min_size=2, max_size=3).map(lambda k: s.SearchAnd(tuple(k))),
    ),
    max_leaves=8,
)
sections = st.one_of(
    st.builds(Section, st.lists(st.integers(1, 999), max_size=3).map(tuple)),
    st.builds(
        Section,
        st.just(()),
        st.sampled_from(["HEADER", "TEXT"]),
    ),
    st.builds(
        Section,
        st.lists(st.integers(1, 99), min_size=1, max_size=3).map(tuple),
        st.sampled_from(SECTION_TEXTS),
    ).filter(lambda sec: not (sec.text or "").startswith("HEADER.FIELDS")),
    st.builds(
        Section,
        st.lists(st.integers(1, 99), max_size=2).map(tuple),
        st.sampled_from(["HEADER.FIELDS", "HEADER.FIELDS.NOT"]),
        st.lists(atoms, min_size=1, max_size=4).map(tuple),
    ),
)
partials = st.none() | st.tuples(st.integers(0, MAX_NUMBER), numbers)
fetch_atts = st.one_of(
    st.sampled_from(sorted(SIMPLE)).map(FetchAttribute),
    st.sampled_from(["RFC822", "RFC822.TEXT"]).map(lambda n: FetchAttribute(n, peek=True)),
    st.builds(FetchAttribute, st.just("BODY"), sections, partials, st.booleans()),
    st.builds(
        FetchAttribute,
        st.just("BINARY"),
        st.lists(st.integers(1, 99), max_size=3).map(lambda p: Section(tuple(p))),
        partials,
        st.booleans(),
    ),
    st.builds(
        FetchAttribute,
        st.just("BINARY.SIZE"),
        st.lists(st.integers(1, 99), max_size=3).map(lambda p: Section(tuple(p))),
    ),
)


@st.composite
def lists(draw: st.DrawFn) -> c.List:
    extended = draw(st.booleans())
    if not extended:
        return c.List(draw(tags), draw(names), (draw(names),))
    returns = draw(subset(LIST_RETURN))
    status = draw(subset(STATUS_ITEMS, 1)) if "STATUS" in returns else ()
    patterns = tuple(draw(st.lists(names, min_size=1, max_size=3)))
    return c.List(draw(tags), draw(names), patterns, draw(subset(LIST_SELECT)), returns, status, True)


qresyncs = st.builds(
    c.QResyncParams,
    numbers,
    st.integers(1, MAX64),
    st.none() | concrete_sets,
    st.none() | st.tuples(concrete_sets, concrete_sets),
)
messages = st.builds(
    c.AppendMessage, st.binary(max_size=40), flag_lists, st.none() | date_times, st.booleans(), st.booleans()
)
quota_limits = st.lists(st.tuples(atoms, st.integers(0, MAX64)), max_size=3).map(tuple)
sort_criteria = st.lists(
    st.builds(c.SortCriterion, st.sampled_from(sorted(SORT_KEYS)), st.booleans()), min_size=1, max_size=3
).map(tuple)
algorithms = st.sampled_from(["ORDEREDSUBJECT", "REFERENCES", "REFS"])
commands = st.one_of(
    st.builds(c.Capability, tags),
    st.builds(c.Noop, tags),
    st.builds(c.Logout, tags),
    st.builds(c.StartTls, tags),
    st.builds(c.Check, tags),
    st.builds(c.Close, tags),
    st.builds(c.Unselect, tags),
    st.builds(c.Idle, tags),
    st.builds(c.Namespace, tags),
    st.builds(c.Login, tags, texts, texts),
    st.builds(c.Authenticate, tags, atoms, st.none() | st.binary(max_size=30)),
    st.builds(c.Id, tags, st.none() | st.lists(st.tuples(texts, st.none() | texts), max_size=3).map(tuple)),
    st.builds(c.Enable, tags, st.lists(atoms, min_size=1, max_size=3).map(tuple)),
    st.builds(c.Select, tags, names, st.booleans(), st.booleans(), st.none() | qresyncs),
    st.builds(c.Create, tags, names, st.lists(system_flags, max_size=2).map(tuple)),
    st.builds(c.Delete, tags, names),
    st.builds(c.Rename, tags, names, names),
    st.builds(c.Subscribe, tags, names),
    st.builds(c.Unsubscribe, tags, names),
    lists(),
    st.builds(c.Lsub, tags, names, names),
    st.builds(c.Status, tags, names, subset(STATUS_ITEMS, 1)),
    st.builds(c.Append, tags, names, st.lists(messages, min_size=1, max_size=3).map(tuple)),
    st.builds(c.Compress, tags, atoms),
    st.builds(c.GetQuota, tags, texts),
    st.builds(c.GetQuotaRoot, tags, names),
    st.builds(c.SetQuota, tags, texts, quota_limits),
    st.builds(c.SetAcl, tags, names, texts, texts),
    st.builds(c.DeleteAcl, tags, names, texts),
    st.builds(c.GetAcl, tags, names),
    st.builds(c.ListRights, tags, names, texts),
    st.builds(c.MyRights, tags, names),
    st.builds(c.Expunge, tags, st.none() | seqsets),
    st.builds(
        c.Search,
        tags,
        search_keys,
        st.booleans(),
        st.sampled_from([None, "UTF-8", "US-ASCII"]),
        st.none() | subset(ESEARCH_RETURNS),
    ),
    st.builds(
        c.Fetch,
        tags,
        seqsets,
        st.lists(fetch_atts, min_size=1, max_size=4).map(tuple),
        st.booleans(),
        st.none() | st.integers(0, MAX64),
        st.booleans(),
    ),
    st.builds(
        c.Store,
        tags,
        seqsets,
        st.sampled_from(["", "+", "-"]),
        st.booleans(),
        flag_lists,
        st.booleans(),
        st.none() | st.integers(0, MAX64),
    ),
    st.builds(c.Copy, tags, seqsets, names, st.booleans()),
    st.builds(c.Move, tags, seqsets, names, st.booleans()),
    st.builds(
        c.Sort,
        tags,
        sort_criteria,
        st.sampled_from(["UTF-8", "US-ASCII"]),
        search_keys,
        st.booleans(),
        st.none() | subset(ESEARCH_RETURNS),
    ),
    st.builds(c.Thread, tags, algorithms, st.just("UTF-8"), search_keys, st.booleans()),
)


@settings(max_examples=400, deadline=None)
@given(commands, st.booleans())
def test_serialized_commands_parse_back(cmd: c.Command, utf8: bool) -> None:
    wire = serialize_command(cmd, utf8=utf8)
    assert parse_command(wire, utf8=utf8) == cmd, wire


def test_vietnamese_mailbox_round_trips_in_both_modes() -> None:
    cmd = c.Select("a1", "Công văn đến")
    assert serialize_command(cmd) == b'a1 SELECT "C&APQ-ng v&AQM-n &AREevw-n"\r\n'
    assert parse_command(serialize_command(cmd)) == cmd
    assert serialize_command(cmd, utf8=True) == 'a1 SELECT "Công văn đến"\r\n'.encode()
    assert parse_command(serialize_command(cmd, utf8=True), utf8=True) == cmd
