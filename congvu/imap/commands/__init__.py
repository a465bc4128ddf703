"""The IMAP command table: command type → (handler, state types that admit it).

RFC 9051 §6 groups commands by the states that admit them; this table is that grouping, so
the server never checks a state with ``if``: a command whose state is not listed is answered
``BAD`` before any handler runs. One module per command or small group.
"""

from __future__ import annotations

from congvu.imap.commands import auth, fetch, flags, folders, general, idle, search
from congvu.imap.commands.base import Handler
from congvu.imap.grammar import (
    Authenticate,
    Capability,
    Check,
    Close,
    Command,
    Expunge,
    Fetch,
    Id,
    Idle,
    List,
    Login,
    Logout,
    Lsub,
    Namespace,
    Noop,
    Search,
    Select,
    StartTls,
    Status,
    Store,
    Unselect,
)
from congvu.imap.state import Authenticated, NotAuthenticated, Selected

ANY: tuple[type, ...] = (NotAuthenticated, Authenticated, Selected)
NOT_AUTH: tuple[type, ...] = (NotAuthenticated,)
AUTH: tuple[type, ...] = (Authenticated, Selected)
SELECTED: tuple[type, ...] = (Selected,)

REGISTRY: dict[type[Command], tuple[Handler, tuple[type, ...]]] = {
    Capability: (general.capability, ANY),
    Noop: (general.noop, ANY),
    Logout: (general.logout, ANY),
    Id: (general.ident, ANY),
    StartTls: (auth.starttls, NOT_AUTH),
    Login: (auth.login, NOT_AUTH),
    Authenticate: (auth.authenticate, NOT_AUTH),
    List: (folders.list_, AUTH),
    Lsub: (folders.lsub, AUTH),
    Namespace: (folders.namespace, AUTH),
    Status: (folders.status, AUTH),
    Idle: (idle.idle, AUTH),
    Select: (folders.select, AUTH),
    Close: (flags.close, SELECTED),
    Unselect: (folders.unselect, SELECTED),
    Check: (folders.check, SELECTED),
    Fetch: (fetch.fetch, SELECTED),
    Search: (search.search, SELECTED),
    Store: (flags.store, SELECTED),
    Expunge: (flags.expunge, SELECTED),
}
