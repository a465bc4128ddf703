"""Commands valid in any state (RFC 9051 §6.1): CAPABILITY, NOOP, LOGOUT, ID (RFC 2971)."""

from __future__ import annotations

from congvu import __version__
from congvu.imap.commands.base import BYE_LOGOUT, Io, ok, untagged
from congvu.imap.grammar import Capability, Id, Logout, Noop
from congvu.imap.state import LoggedOut, NotAuthenticated, Selected, State

BASE_CAPABILITIES = ("IMAP4rev1", "LITERAL-", "SASL-IR", "ID", "IDLE", "NAMESPACE", "UNSELECT", "SPECIAL-USE")


def capabilities(io: Io, state: State) -> str:
    caps = list(BASE_CAPABILITIES)
    if isinstance(state, NotAuthenticated):
        if io.ctx.tls_context is not None and not io.tls:
            caps.append("STARTTLS")
        if io.login_allowed():
            caps.append("AUTH=PLAIN")
        else:
            caps.append("LOGINDISABLED")
    return " ".join(caps)


async def capability(cmd: Capability, state: State, io: Io) -> State:
    untagged(io, "CAPABILITY " + capabilities(io, state))
    ok(io, cmd.tag, "CAPABILITY")
    return state


async def noop(cmd: Noop, state: State, io: Io) -> State:
    if isinstance(state, Selected):
        state = await refresh(state, io)
    ok(io, cmd.tag, "NOOP")
    return state


async def refresh(state: Selected, io: Io) -> Selected:
    """Report messages delivered since SELECT (RFC 9051 §6.1.2, §7.4.1 EXISTS).

    The folder list (one cheap query) says whether UIDNEXT moved; only then is the folder
    read again. Copies expunged by another session are picked up at the next SELECT.
    """
    mailboxes = io.ctx.mailboxes
    folders = await mailboxes.list_folders(state.account.id)
    current = next((f for f in folders if f.id == state.folder.id), None)
    if current is None or current.uidnext == state.folder.uidnext:
        return state
    snapshot = await mailboxes.open_folder(state.account.id, state.folder.name)
    if snapshot is None:
        return state
    known = set(state.uids)
    new = [
        m for m in snapshot.messages if m.uid not in known and m.uid > (state.uids[-1] if state.uids else 0)
    ]
    if not new:
        return state
    messages = [*state.messages, *new]
    refreshed = Selected(state.account, snapshot.summary, messages, [m.uid for m in messages], state.readonly)
    untagged(io, f"{refreshed.exists} EXISTS")
    return refreshed


async def logout(cmd: Logout, state: State, io: Io) -> State:
    untagged(io, "BYE " + BYE_LOGOUT)
    ok(io, cmd.tag, "LOGOUT")
    return LoggedOut()


async def ident(cmd: Id, state: State, io: Io) -> State:
    untagged(io, f'ID ("name" "Congvu Mail" "version" "{__version__}")')
    ok(io, cmd.tag, "ID")
    return state
