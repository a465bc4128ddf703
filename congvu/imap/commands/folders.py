"""Folder commands (RFC 9051 §6.3, §6.4): LIST, LSUB, NAMESPACE, STATUS, SELECT, EXAMINE,
CLOSE, UNSELECT (RFC 3691), CHECK.

Folder names are Unicode in the service and modified UTF-7 on the wire (RFC 9051 §5.1.3)
unless UTF8=ACCEPT is on. The hierarchy delimiter is ``/``. SELECT reads the whole folder in
one call (`Mailboxes.open_folder`) and keeps its UID list in the `Selected` state.
"""

from __future__ import annotations

import re

from congvu.imap.commands.base import (
    CLOSED,
    FIRST_UNSEEN,
    NO_MAILBOX,
    PERMANENT_ALL,
    PERMANENT_NONE,
    UIDNEXT,
    UIDVALIDITY,
    Io,
    ok,
    tagged,
    untagged,
)
from congvu.imap.grammar import Check, List, Lsub, Namespace, Select, Status, Unselect
from congvu.imap.state import Authenticated, Selected, State
from congvu.imap.wire import mailbox
from congvu.mailbox.api import FolderSummary

DELIMITER = "/"
SYSTEM_FLAGS = "(\\Answered \\Flagged \\Deleted \\Seen \\Draft)"


def _pattern(reference: str, pattern: str) -> re.Pattern[str]:
    """RFC 9051 §6.3.9: ``*`` matches anything, ``%`` anything but the delimiter; INBOX is caseless."""
    full = reference + pattern
    out = []
    for ch in full:
        if ch == "*":
            out.append(".*")
        elif ch == "%":
            out.append(f"[^{re.escape(DELIMITER)}]*")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out) + r"\Z", re.IGNORECASE if full.upper().startswith("INBOX") else 0)


def _attributes(folder: FolderSummary, names: set[str]) -> str:
    attrs = [
        "\\HasChildren" if any(n.startswith(folder.name + DELIMITER) for n in names) else "\\HasNoChildren"
    ]
    if folder.special_use:
        attrs.append(folder.special_use)
    return "(" + " ".join(attrs) + ")"


async def _list(tag: str, reference: str, patterns: tuple[str, ...], state: Authenticated | Selected, io: Io,
                verb: str) -> State:  # fmt: skip
    if patterns == ("",):
        untagged(io, f'{verb} (\\Noselect) "{DELIMITER}" ""')
        ok(io, tag, verb)
        return state
    folders = await io.ctx.mailboxes.list_folders(state.account.id)
    names = {f.name for f in folders}
    regexes = [_pattern(reference, p) for p in patterns]
    for folder in sorted(folders, key=lambda f: (f.name.upper() != "INBOX", f.name)):
        if any(rx.match(folder.name) for rx in regexes):
            line = f'{verb} {_attributes(folder, names)} "{DELIMITER}" '.encode() + mailbox(
                folder.name, io.utf8
            )
            untagged(io, line)
    ok(io, tag, verb)
    return state


async def list_(cmd: List, state: Authenticated | Selected, io: Io) -> State:
    return await _list(cmd.tag, cmd.reference, cmd.patterns, state, io, "LIST")


async def lsub(cmd: Lsub, state: Authenticated | Selected, io: Io) -> State:
    # Every folder counts as subscribed (no subscription management yet).
    return await _list(cmd.tag, cmd.reference, (cmd.pattern,), state, io, "LSUB")


async def namespace(cmd: Namespace, state: Authenticated | Selected, io: Io) -> State:
    untagged(io, f'NAMESPACE (("" "{DELIMITER}")) NIL NIL')
    ok(io, cmd.tag, "NAMESPACE")
    return state


async def status(cmd: Status, state: Authenticated | Selected, io: Io) -> State:
    folders = await io.ctx.mailboxes.list_folders(state.account.id)
    found = next((f for f in folders if _same(f.name, cmd.mailbox)), None)
    if found is None:
        tagged(io, cmd.tag, "NO", NO_MAILBOX)
        return state
    values = {
        "MESSAGES": found.exists,
        "UIDNEXT": found.uidnext,
        "UIDVALIDITY": found.uidvalidity,
        "UNSEEN": found.unseen,
        "RECENT": 0,
        "HIGHESTMODSEQ": found.highestmodseq,
    }
    items = " ".join(f"{item} {values[item]}" for item in cmd.items if item in values)
    untagged(io, b"STATUS " + mailbox(found.name, io.utf8) + f" ({items})".encode())
    ok(io, cmd.tag, "STATUS")
    return state


def _same(a: str, b: str) -> bool:
    return a == b or (a.upper() == "INBOX" and b.upper() == "INBOX")


async def select(cmd: Select, state: Authenticated | Selected, io: Io) -> State:
    verb = "EXAMINE" if cmd.readonly else "SELECT"
    name = "INBOX" if cmd.mailbox.upper() == "INBOX" else cmd.mailbox
    snapshot = await io.ctx.mailboxes.open_folder(state.account.id, name)
    if snapshot is None:
        if isinstance(state, Selected):
            untagged(io, CLOSED)
        tagged(io, cmd.tag, "NO", NO_MAILBOX)
        return Authenticated(state.account)
    if isinstance(state, Selected):
        untagged(io, CLOSED)
    summary = snapshot.summary
    messages = snapshot.messages
    selected = Selected(state.account, summary, messages, [m.uid for m in messages], cmd.readonly)
    untagged(io, f"{len(messages)} EXISTS")
    untagged(io, "0 RECENT")
    untagged(io, f"FLAGS {SYSTEM_FLAGS}")
    if cmd.readonly:
        untagged(io, PERMANENT_NONE)
    else:
        untagged(io, PERMANENT_ALL)
    first_unseen = next((i + 1 for i, m in enumerate(messages) if "\\Seen" not in m.flags), None)
    if first_unseen is not None:
        untagged(io, FIRST_UNSEEN.format(seq=first_unseen))
    untagged(io, UIDVALIDITY.format(value=summary.uidvalidity))
    untagged(io, UIDNEXT.format(value=summary.uidnext))
    ok(io, cmd.tag, verb, "READ-ONLY" if cmd.readonly else "READ-WRITE")
    return selected


async def unselect(cmd: Unselect, state: Selected, io: Io) -> State:
    ok(io, cmd.tag, "UNSELECT")
    return state.authenticated()


async def check(cmd: Check, state: Selected, io: Io) -> State:
    ok(io, cmd.tag, "CHECK")
    return state
