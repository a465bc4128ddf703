"""FETCH and UID FETCH (RFC 9051 §6.4.5, §7.5.2), written in large chunks.

ENVELOPE, BODYSTRUCTURE, BODY and the cached header fields come from fragments computed at
ingest (`Mailboxes.fragments`, DESIGN.md "parsed once"); ``BODY[]``, ``BODY[HEADER]``,
``BODY[TEXT]``, ``RFC822*``, uncached or trace header fields and part sections read the
copy's bytes (trace headers + blob, `Mailboxes.read_message`) and slice them. Responses for
many messages are joined and written in chunks of `CHUNK` bytes, then drained.

A non-PEEK ``BODY[…]``, ``RFC822`` or ``RFC822.TEXT`` sets ``\\Seen`` first (one
`Mailboxes.set_flags` call) and reports the new FLAGS. Not yet: MIME part numbers other than
``1`` of a single-part message answer NIL.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from typing import Final

from congvu.imap.commands.base import BAD_SEQUENCE, Io, ok, tagged
from congvu.imap.grammar import Fetch, FetchAttribute, HeaderFetchWriter, SequenceSet
from congvu.imap.state import Selected, State
from congvu.imap.wire import date_time, flags, literal
from congvu.mailbox.api import MessageFragments, MessageMeta

CHUNK: Final = 256 * 1024
BATCH: Final = 256
FAST_BATCH: Final = 4096
_FAST_SIMPLE: Final = frozenset({"UID", "FLAGS", "RFC822.SIZE"})
TRACE_FIELDS: Final = frozenset({"RETURN-PATH", "DELIVERED-TO", "RECEIVED"})
_FRAGMENT_ITEMS: Final = frozenset({"ENVELOPE", "BODYSTRUCTURE", "BODY"})
_FULL_ITEMS: Final = frozenset({"RFC822", "RFC822.HEADER", "RFC822.TEXT"})
_BLANK = re.compile(rb"\r?\n\r?\n")
SEEN: Final = "\\Seen"


def _cached_fields() -> frozenset[str]:
    try:
        from congvu.mime import CACHED_FIELDS
    except ImportError:  # pragma: no cover - the MIME package always ships it
        return frozenset()
    return frozenset(f.upper() for f in CACHED_FIELDS)


CACHED: Final = _cached_fields()


def resolve(sequence: SequenceSet, state: Selected, uid: bool) -> list[int] | None:
    """The UIDs a set names, ascending; None when a sequence number is out of range."""
    uids = state.uids
    if uid:
        top = uids[-1] if uids else 0
        out: list[int] = []
        for lo, hi in sequence.intervals(top):  # sorted, merged: slices stay ascending
            out.extend(uids[bisect_left(uids, lo) : bisect_right(uids, hi)])
        return out
    if sequence.max_number(len(uids)) > len(uids):
        return None
    return [uids[n - 1] for n in sequence.iter_values(len(uids))]


def split_message(raw: bytes) -> tuple[bytes, bytes]:
    """(header including the blank line, body) — LF-only messages too (RFC 5322 §2.1)."""
    m = _BLANK.search(raw)
    if m is None:
        return raw, b""
    return raw[: m.end()], raw[m.end() :]


def header_lines(header: bytes) -> list[tuple[str, bytes]]:
    """(upper-cased name, raw field with its folded continuation lines)."""
    out: list[tuple[str, bytes]] = []
    for line in header.splitlines(keepends=True):
        if line in (b"\r\n", b"\n"):
            break
        if line[:1] in (b" ", b"\t") and out:
            name, raw = out[-1]
            out[-1] = (name, raw + line)
            continue
        name = line.split(b":", 1)[0].strip().decode("ascii", "replace").upper()
        out.append((name, line))
    return out


def pick_fields(header: bytes, fields: Iterable[str], exclude: bool) -> bytes:
    wanted = {f.upper() for f in fields}
    picked = b"".join(raw for name, raw in header_lines(header) if (name in wanted) != exclude)
    return picked + b"\r\n"


def _partial(data: bytes, attr: FetchAttribute) -> bytes:
    if attr.partial is None:
        return data
    origin, length = attr.partial
    return data[origin : origin + length]


def _section_bytes(attr: FetchAttribute, raw: bytes) -> bytes | None:
    section = attr.section
    assert section is not None
    header, body = split_message(raw)
    if section.part:
        if section.part != (1,) or section.text is not None:
            return None
        return body
    if section.text is None:
        return raw
    if section.text == "HEADER":
        return header
    if section.text == "TEXT":
        return body
    if section.text in ("HEADER.FIELDS", "HEADER.FIELDS.NOT"):
        return pick_fields(header, section.fields, section.text == "HEADER.FIELDS.NOT")
    return None


def _sets_seen(attr: FetchAttribute) -> bool:
    if attr.section is not None:
        return attr.name == "BODY" and not attr.peek
    return attr.name in ("RFC822", "RFC822.TEXT")


def _needs_full(attr: FetchAttribute) -> bool:
    if attr.name in _FULL_ITEMS:
        return True
    if attr.section is None:
        return False
    section = attr.section
    if section.text == "HEADER.FIELDS" and not section.part:
        fields = set(section.fields)
        return not fields <= CACHED or bool(fields & TRACE_FIELDS)
    return True


Render = Callable[[MessageMeta, MessageFragments | None, bytes | None], bytes]


def _renderer(attr: FetchAttribute) -> Render:
    """A function writing one FETCH item; chosen once per attribute, called once per message."""
    name = attr.name
    if attr.section is None:
        simple: dict[str, Render] = {
            "UID": lambda m, f, r: b"UID %d" % m.uid,
            "FLAGS": lambda m, f, r: b"FLAGS " + flags(m.flags),
            "INTERNALDATE": lambda m, f, r: b"INTERNALDATE " + date_time(m.internal_date),
            "RFC822.SIZE": lambda m, f, r: b"RFC822.SIZE %d" % m.size,
            "MODSEQ": lambda m, f, r: b"MODSEQ (%d)" % m.modseq,
            "ENVELOPE": lambda m, f, r: b"ENVELOPE " + (f.envelope if f else b"NIL"),
            "BODYSTRUCTURE": lambda m, f, r: b"BODYSTRUCTURE " + (f.bodystructure if f else b"NIL"),
            "BODY": lambda m, f, r: b"BODY " + (f.body if f else b"NIL"),
        }
        if name in simple:
            return simple[name]
        label = name.encode()
        index = {"RFC822": 0, "RFC822.HEADER": 1, "RFC822.TEXT": 2}.get(name)

        def whole(m: MessageMeta, f: MessageFragments | None, raw: bytes | None) -> bytes:
            if raw is None or index is None:
                return label + b" NIL"
            parts = (raw, *split_message(raw))
            return label + b" " + literal(parts[index])

        return whole
    label = attr.response_name.encode("utf-8") + b" "
    section = attr.section
    if name != "BODY":
        return lambda m, f, r: label + b"NIL"  # BINARY[…] not yet
    if not _needs_full(attr):
        names = [n.lower() for n in section.fields]

        def cached(m: MessageMeta, f: MessageFragments | None, r: bytes | None) -> bytes:
            if f is None:
                return label + b"NIL"
            lines = b"".join([f.header_fields.get(n, b"") for n in names])
            return label + literal(_partial(lines + b"\r\n", attr))

        return cached

    def from_raw(m: MessageMeta, f: MessageFragments | None, raw: bytes | None) -> bytes:
        data = None if raw is None else _section_bytes(attr, raw)
        return label + (b"NIL" if data is None else literal(_partial(data, attr)))

    return from_raw


def _fast_section(attrs: list[FetchAttribute]) -> FetchAttribute | None:
    """The header-list attribute when `attrs` is the clients' usual list-view FETCH
    ``(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (…)])`` answerable from fragments."""
    if len(attrs) != 4:
        return None
    simple = {a.name for a in attrs if a.section is None}
    sections = [a for a in attrs if a.section is not None]
    if simple != _FAST_SIMPLE or len(sections) != 1:
        return None
    attr = sections[0]
    if attr.name != "BODY" or not attr.peek or attr.partial is not None or _needs_full(attr):
        return None
    assert attr.section is not None
    return attr if attr.section.text == "HEADER.FIELDS" and not attr.section.part else None


async def _fetch_headers_fast(
    cmd: Fetch, state: Selected, io: Io, uids: list[int], attr: FetchAttribute
) -> None:
    """The hot path (DESIGN.md "IMAP header FETCH of a 100,000-message folder"): the header
    blocks come from the mailbox service's shared cache in one call, flags and sizes from the
    session's snapshot; rows are plain tuples rendered `FAST_BATCH` at a time by the grammar's
    `HeaderFetchWriter` and written in large chunks (`drain` waits only while the transport is
    paused). A UID expunged meanwhile by another session has no block and is left out."""
    assert attr.section is not None
    if not uids:
        return
    writer = HeaderFetchWriter(attr.section.format())
    messages = state.messages
    # The whole folder in order (UID sets come sorted and merged from resolve()).
    everything = len(uids) == len(messages) and (cmd.uid or uids == list(state.uids))
    low, high = (uids[0], uids[-1]) if everything or cmd.uid else (min(uids), max(uids))
    folder = state.folder
    blocks = await io.ctx.mailboxes.header_blocks(
        folder.id, folder.uidvalidity, low, high, attr.section.fields
    )
    get = blocks.get
    lines = writer.lines
    for start in range(0, len(uids), FAST_BATCH):
        if everything:
            chunk = messages[start : start + FAST_BATCH]
            rows = [
                (seq, m.uid, m.flags, m.size, h)
                for seq, m in enumerate(chunk, start + 1)
                if (h := get(m.uid)) is not None
            ]
        else:
            rows = []
            for uid in uids[start : start + FAST_BATCH]:
                seq = state.seq_of(uid)
                h = get(uid)
                if seq is None or h is None:
                    continue
                m = messages[seq - 1]
                rows.append((seq, uid, m.flags, m.size, h))
        io.write(lines(rows))
        await io.drain()


async def fetch(cmd: Fetch, state: Selected, io: Io) -> State:
    uids = resolve(cmd.sequence, state, cmd.uid)
    if uids is None:
        tagged(io, cmd.tag, "BAD", BAD_SEQUENCE)
        return state
    attrs = list(cmd.attributes)
    if cmd.uid and not any(a.name == "UID" and a.section is None for a in attrs):
        attrs.insert(0, FetchAttribute("UID"))
    fast = _fast_section(attrs)
    if fast is not None:
        await _fetch_headers_fast(cmd, state, io, uids, fast)
        ok(io, cmd.tag, "UID FETCH" if cmd.uid else "FETCH")
        return state
    want_frags = any(
        (a.section is None and a.name in _FRAGMENT_ITEMS) or (a.section is not None and not _needs_full(a))
        for a in attrs
    )
    want_full = any(_needs_full(a) for a in attrs)
    mailboxes = io.ctx.mailboxes
    folder_id = state.folder.id
    newly_seen: set[int] = set()
    if not state.readonly and any(_sets_seen(a) for a in attrs):
        # RFC 9051 §6.4.5: BODY[…] without .PEEK (and RFC822, RFC822.TEXT) set \Seen.
        unseen = [u for u in uids if SEEN not in state.messages[(state.seq_of(u) or 1) - 1].flags]
        if unseen:
            changed = await mailboxes.set_flags(folder_id, unseen, [SEEN], "add")
            state = state.with_changes(changed)
            newly_seen = {m.uid for m in changed}
    wants_flags = any(a.name == "FLAGS" and a.section is None for a in attrs)
    renders = [_renderer(a) for a in attrs]
    out: list[bytes] = []
    size = 0
    for start in range(0, len(uids), BATCH):
        batch = uids[start : start + BATCH]
        frags: dict[int, MessageFragments] = {}
        if want_frags:
            frags = {f.uid: f for f in await mailboxes.fragments(folder_id, batch)}
        for uid in batch:
            seq = state.seq_of(uid)
            assert seq is not None
            meta = state.messages[seq - 1]
            raw = await mailboxes.read_message(folder_id, uid) if want_full else None
            frag = frags.get(uid)
            items = b" ".join([render(meta, frag, raw) for render in renders])
            if uid in newly_seen and not wants_flags:
                items += b" FLAGS " + flags(meta.flags)
            line = b"* %d FETCH (" % seq + items + b")\r\n"
            out.append(line)
            size += len(line)
            if size >= CHUNK:
                io.write(b"".join(out))
                out.clear()
                size = 0
                await io.drain()
    if out:
        io.write(b"".join(out))
    ok(io, cmd.tag, "UID FETCH" if cmd.uid else "FETCH")
    return state
