"""Commands that change copies (RFC 9051 §6.4.3, §6.4.6; RFC 4315 UID EXPUNGE): STORE, UID
STORE, EXPUNGE, UID EXPUNGE, and the implicit expunge of CLOSE.

Each is one call into `Mailboxes.set_flags` or `Mailboxes.expunge`; the `Selected` state is
updated from what the service returns, and the client is told with untagged FETCH (unless
``.SILENT``) or EXPUNGE responses. A folder opened with EXAMINE refuses changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from congvu.imap.commands.base import BAD_SEQUENCE, READ_ONLY, Io, ok, tagged, untagged
from congvu.imap.commands.fetch import resolve
from congvu.imap.grammar import Close, Expunge, Store
from congvu.imap.state import Selected, State
from congvu.imap.wire import flags as flag_list

DELETED = "\\Deleted"
_MODES = {"": "set", "+": "add", "-": "remove"}


async def store(cmd: Store, state: Selected, io: Io) -> State:
    if state.readonly:
        tagged(io, cmd.tag, "NO", READ_ONLY)
        return state
    uids = resolve(cmd.sequence, state, cmd.uid)
    if uids is None:
        tagged(io, cmd.tag, "BAD", BAD_SEQUENCE)
        return state
    flags = [f for f in cmd.flags if f.upper() != "\\RECENT"]
    changed = await io.ctx.mailboxes.set_flags(state.folder.id, uids, flags, _MODES.get(cmd.mode, "set"))
    state = state.with_changes(changed)
    if not cmd.silent:
        for meta in changed:
            seq = state.seq_of(meta.uid)
            if seq is None:
                continue
            uid_item = b"UID %d " % meta.uid if cmd.uid else b""
            untagged(io, b"%d FETCH (" % seq + uid_item + b"FLAGS " + flag_list(meta.flags) + b")")
    ok(io, cmd.tag, "UID STORE" if cmd.uid else "STORE")
    return state


async def _expunge(state: Selected, io: Io, uids: Sequence[int] | None, announce: bool) -> Selected:
    wanted = [m.uid for m in state.messages if DELETED in m.flags and (uids is None or m.uid in uids)]
    if not wanted:
        return state
    removed = set(await io.ctx.mailboxes.expunge(state.folder.id, wanted))
    if announce:
        # Highest sequence number first, so every number is valid when it is sent.
        for seq in sorted((s for u in removed if (s := state.seq_of(u)) is not None), reverse=True):
            untagged(io, f"{seq} EXPUNGE")
    return state.without(removed)


async def expunge(cmd: Expunge, state: Selected, io: Io) -> State:
    if state.readonly:
        tagged(io, cmd.tag, "NO", READ_ONLY)
        return state
    uids = None
    if cmd.uids is not None:
        top = state.uids[-1] if state.uids else 0
        uids = [u for u in state.uids if cmd.uids.contains(u, top)]
    state = await _expunge(state, io, uids, announce=True)
    ok(io, cmd.tag, "UID EXPUNGE" if cmd.uids is not None else "EXPUNGE")
    return state


async def close(cmd: Close, state: Selected, io: Io) -> State:
    """RFC 9051 §6.4.1: CLOSE silently expunges ``\\Deleted`` copies of a read-write folder."""
    if not state.readonly:
        await _expunge(state, io, None, announce=False)
    ok(io, cmd.tag, "CLOSE")
    return state.authenticated()
