"""IMAP session states (RFC 9051 §3): each carries only the data valid in it.

``NotAuthenticated`` → (LOGIN) → ``Authenticated`` → (SELECT/EXAMINE) → ``Selected`` →
(CLOSE/UNSELECT) → ``Authenticated``; LOGOUT from any state. A command module declares which
state types admit it (`congvu.imap.commands.REGISTRY`), so no handler checks state with
scattered ``if``s. ``Selected`` keeps the folder's UID list and per-copy metadata in memory
(DESIGN.md: "keep a selected folder's UID ↔ sequence map and flags in memory").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from congvu.domain.mail import AccountRef
from congvu.mailbox.api import FolderSummary, MessageMeta


@dataclass(frozen=True, slots=True)
class NotAuthenticated:
    pass


@dataclass(frozen=True, slots=True)
class Authenticated:
    account: AccountRef


@dataclass(frozen=True, slots=True)
class Selected:
    account: AccountRef
    folder: FolderSummary
    messages: Sequence[MessageMeta]  # ascending UID; index + 1 is the sequence number
    uids: Sequence[int]
    readonly: bool

    def seq_of(self, uid: int) -> int | None:
        """Sequence number of `uid`, or None when it is not in the folder."""
        i = bisect_left(self.uids, uid)
        return i + 1 if i < len(self.uids) and self.uids[i] == uid else None

    @property
    def exists(self) -> int:
        return len(self.uids)

    def authenticated(self) -> Authenticated:
        return Authenticated(self.account)

    def with_changes(self, changed: Sequence[MessageMeta]) -> Selected:
        """The same selection with updated per-copy metadata (after STORE)."""
        if not changed:
            return self
        by_uid = {m.uid: m for m in changed}
        messages = [by_uid.get(m.uid, m) for m in self.messages]
        return Selected(self.account, self.folder, messages, self.uids, self.readonly)

    def without(self, uids: set[int]) -> Selected:
        """The selection after an EXPUNGE of `uids`."""
        messages = [m for m in self.messages if m.uid not in uids]
        return Selected(self.account, self.folder, messages, [m.uid for m in messages], self.readonly)


@dataclass(frozen=True, slots=True)
class LoggedOut:
    pass


State = NotAuthenticated | Authenticated | Selected | LoggedOut
