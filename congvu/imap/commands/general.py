"""Commands valid in any state (RFC 9051 §6.1): CAPABILITY, NOOP, LOGOUT, ID (RFC 2971)."""

from __future__ import annotations

from congvu import __version__
from congvu.imap.commands.base import BYE_LOGOUT, Io, ok, untagged
from congvu.imap.grammar import Capability, Id, Logout, Noop
from congvu.imap.state import LoggedOut, NotAuthenticated, Selected, State

BASE_CAPABILITIES = ("IMAP4rev1", "LITERAL-", "SASL-IR", "ID", "NAMESPACE", "UNSELECT", "SPECIAL-USE")


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
        # Report new messages since SELECT (RFC 9051 §6.1.2): re-read the folder.
        snapshot = await io.ctx.mailboxes.open_folder(state.account.id, state.folder.name)
        if snapshot is not None and len(snapshot.messages) > state.exists:
            state = Selected(
                state.account,
                snapshot.summary,
                snapshot.messages,
                [m.uid for m in snapshot.messages],
                state.readonly,
            )
            untagged(io, f"{state.exists} EXISTS")
    ok(io, cmd.tag, "NOOP")
    return state


async def logout(cmd: Logout, state: State, io: Io) -> State:
    untagged(io, "BYE " + BYE_LOGOUT)
    ok(io, cmd.tag, "LOGOUT")
    return LoggedOut()


async def ident(cmd: Id, state: State, io: Io) -> State:
    untagged(io, f'ID ("name" "Congvu Mail" "version" "{__version__}")')
    ok(io, cmd.tag, "ID")
    return state

