"""`congvu.ports.MessageStore` on SQLAlchemy Core: deliveries, folders, fragments, flags, expunge.

`store_deliveries` is the group-commit transaction of issue 9 (DESIGN.md "Performance by
design"): for a whole batch of messages it takes the quota rows (``FOR UPDATE`` on PostgreSQL),
adds blob rows or bumps their reference counts, stores each new blob's fragments and search
document once, allocates UIDs and MODSEQs per folder with one ``UPDATE … RETURNING`` per
distinct (folder name, count), inserts every copy with one ``executemany`` and updates the
quota counters, then commits once. A 500-recipient circular is therefore a handful of
statements, not 500 transactions.

Expunge decrements reference counts in the same transaction that deletes the copies and
removes blob rows that reach zero, returning their digests for the caller to unlink after the
commit (issue 9: "blobs reference-counted and removed when the last copy is expunged").
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Engine, and_, bindparam, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, OperationalError

from congvu.ports import (
    CopyLocation,
    CopyRow,
    FolderRow,
    FragmentRow,
    NewMessage,
    SearchTerm,
    StoredCopy,
    StoreResult,
)
from congvu.store import search as fts
from congvu.store.sql.engine import WRITE
from congvu.store.sql.schema import accounts, blobs, folders, fragments, messages

SEEN = "\\Seen"
DELETED = "\\Deleted"
_CHUNK = 500
RETRIES = 3


def _ts(value: datetime | None) -> int | None:
    return None if value is None else int(value.timestamp())


def _flags(text: str) -> tuple[str, ...]:
    return tuple(text.split()) if text else ()


class SqlMessageStore:
    """Message side of the metadata store; `SqlMetaStore` combines it with the directory side."""

    engine: Engine

    def _write(self) -> Engine:
        return self.engine.execution_options(**WRITE)

    # -- delivery ---------------------------------------------------------------------------

    def store_deliveries(self, batch: Sequence[NewMessage]) -> list[StoreResult]:
        # Several processes on one PostgreSQL may insert the same new blob or lock folders in
        # another order: a unique violation or a detected deadlock rolls the batch back, and it
        # is simply run again (the second run sees the other process's committed rows).
        for attempt in range(RETRIES):
            try:
                with self._write().begin() as conn:
                    return _store(conn, batch)
            except (IntegrityError, OperationalError):
                if attempt == RETRIES - 1 or self.engine.dialect.name != "postgresql":
                    raise
        raise AssertionError("unreachable")

    # -- reading ----------------------------------------------------------------------------

    def _folder_rows(self, conn: Connection, where: object) -> list[FolderRow]:
        count = select(func.count()).where(messages.c.folder_id == folders.c.id).scalar_subquery()
        unseen = (
            select(func.count())
            .where(messages.c.folder_id == folders.c.id, ~messages.c.flags.contains(SEEN, autoescape=True))
            .scalar_subquery()
        )
        rows = conn.execute(
            select(
                folders.c.id,
                folders.c.account_id,
                folders.c.name,
                folders.c.special_use,
                folders.c.uidvalidity,
                folders.c.uidnext,
                folders.c.highestmodseq,
                count,
                unseen,
            )
            .where(where)  # type: ignore[arg-type]
            .order_by(folders.c.id)
        )
        return [FolderRow(*row) for row in rows]

    def list_folders(self, account_id: int) -> list[FolderRow]:
        with self.engine.begin() as conn:
            return self._folder_rows(conn, folders.c.account_id == account_id)

    def find_folder(self, account_id: int, name: str) -> FolderRow | None:
        with self.engine.begin() as conn:
            rows = self._folder_rows(conn, and_(folders.c.account_id == account_id, folders.c.name == name))
        return rows[0] if rows else None

    def snapshot(self, account_id: int, name: str) -> tuple[FolderRow, list[CopyRow]] | None:
        with self.engine.begin() as conn:
            found = conn.execute(
                select(
                    folders.c.id,
                    folders.c.account_id,
                    folders.c.name,
                    folders.c.special_use,
                    folders.c.uidvalidity,
                    folders.c.uidnext,
                    folders.c.highestmodseq,
                ).where(folders.c.account_id == account_id, folders.c.name == name)
            ).first()
            if found is None:
                return None
            rows = _raw_rows(
                conn,
                "SELECT uid, modseq, flags, internal_date, size FROM messages "
                "WHERE folder_id = {folder} ORDER BY uid",
                {"folder": found[0]},
            )
        copies = cast(list[CopyRow], rows)
        # READ COMMITTED (PostgreSQL) may show copies committed after the folder row was read:
        # UIDNEXT and HIGHESTMODSEQ must never be below what the copies show.
        folder = FolderRow(*found, exists=len(copies), unseen=0)
        if copies:
            uidnext = max(folder.uidnext, copies[-1][0] + 1)
            highest = max(folder.highestmodseq, max(c[1] for c in copies))
            folder = FolderRow(*found[:5], uidnext, highest, exists=len(copies), unseen=0)
        return folder, copies

    def fragments(self, folder_id: int, uids: Sequence[int]) -> list[FragmentRow]:
        if not uids:
            return []
        wanted = set(uids)
        with self.engine.begin() as conn:
            rows = _raw_rows(
                conn,
                "SELECT m.uid, f.envelope, f.bodystructure, f.body, f.header_fields, m.trace "
                "FROM messages AS m JOIN fragments AS f ON f.blob_id = m.blob_id "
                "WHERE m.folder_id = {folder} AND m.uid BETWEEN {low} AND {high} ORDER BY m.uid",
                {"folder": folder_id, "low": min(wanted), "high": max(wanted)},
            )
        if len(wanted) == 1 + max(wanted) - min(wanted):  # a UID range: every row is wanted
            return cast(list[FragmentRow], rows)
        return cast(list[FragmentRow], [row for row in rows if row[0] in wanted])

    def header_fields(self, folder_id: int, low: int, high: int) -> list[tuple[int, bytes]]:
        """One ordered scan of a UID range returning only the stored header fields (the list
        view's FETCH; `congvu.mailbox.headercache`)."""
        with self.engine.begin() as conn:
            rows = _raw_rows(
                conn,
                "SELECT m.uid, f.header_fields "
                "FROM messages AS m JOIN fragments AS f ON f.blob_id = m.blob_id "
                "WHERE m.folder_id = {folder} AND m.uid BETWEEN {low} AND {high} ORDER BY m.uid",
                {"folder": folder_id, "low": low, "high": high},
            )
        return cast(list[tuple[int, bytes]], rows)

    def copy_location(self, folder_id: int, uid: int) -> CopyLocation | None:
        stmt = (
            select(blobs.c.digest, messages.c.trace)
            .join(blobs, blobs.c.id == messages.c.blob_id)
            .where(messages.c.folder_id == folder_id, messages.c.uid == uid)
        )
        with self.engine.begin() as conn:
            row = conn.execute(stmt).first()
        return None if row is None else CopyLocation(row[0], bytes(row[1]))

    def quota(self, account_id: int) -> tuple[int, int | None]:
        with self.engine.begin() as conn:
            row = conn.execute(
                select(accounts.c.used_bytes, accounts.c.quota_bytes).where(accounts.c.id == account_id)
            ).first()
        return (0, None) if row is None else (int(row[0]), row[1])

    def search(self, folder_id: int, terms: Sequence[SearchTerm]) -> list[int]:
        with self.engine.begin() as conn:
            return fts.search(conn, folder_id, terms)

    # -- changes ----------------------------------------------------------------------------

    def set_flags(
        self, folder_id: int, uids: Sequence[int], flags: Sequence[str], mode: str
    ) -> list[CopyRow]:
        if mode not in ("set", "add", "remove"):
            raise ValueError(f"flag mode {mode!r}")
        wanted = set(uids)
        with self._write().begin() as conn:
            rows = conn.execute(
                select(messages.c.uid, messages.c.flags, messages.c.internal_date, messages.c.size)
                .where(messages.c.folder_id == folder_id, messages.c.uid.in_(sorted(wanted)))
                .order_by(messages.c.uid)
            ).all()
            changes: list[tuple[int, tuple[str, ...], int, int]] = []
            for uid, old_text, date, size in rows:
                old = _flags(old_text)
                if mode == "set":
                    new = tuple(dict.fromkeys(flags))
                elif mode == "add":
                    new = old + tuple(f for f in dict.fromkeys(flags) if f not in old)
                else:
                    new = tuple(f for f in old if f not in flags)
                if set(new) != set(old):
                    changes.append((uid, new, date, size))
            if not changes:
                return []
            modseq = conn.execute(
                update(folders)
                .where(folders.c.id == folder_id)
                .values(highestmodseq=folders.c.highestmodseq + 1)
                .returning(folders.c.highestmodseq)
            ).scalar_one()
            conn.execute(
                update(messages)
                .where(messages.c.folder_id == bindparam("f"), messages.c.uid == bindparam("u"))
                .values(flags=bindparam("fl"), modseq=bindparam("m")),
                [{"f": folder_id, "u": uid, "fl": " ".join(new), "m": modseq} for uid, new, _, _ in changes],
            )
        return [(uid, modseq, " ".join(new), d, s) for uid, new, d, s in changes]

    def expunge(self, folder_id: int, uids: Sequence[int] | None) -> tuple[list[int], list[str]]:
        with self._write().begin() as conn:
            stmt = select(messages.c.uid, messages.c.size, messages.c.blob_id, messages.c.flags).where(
                messages.c.folder_id == folder_id
            )
            if uids is not None:
                stmt = stmt.where(messages.c.uid.in_(sorted(set(uids))))
            rows = [r for r in conn.execute(stmt) if uids is not None or DELETED in _flags(r[3])]
            if not rows:
                return [], []
            account_id = conn.execute(
                select(folders.c.account_id).where(folders.c.id == folder_id)
            ).scalar_one()
            conn.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(
                    used_bytes=accounts.c.used_bytes - sum(r[1] for r in rows),
                    message_count=accounts.c.message_count - len(rows),
                )
            )
            conn.execute(
                update(folders)
                .where(folders.c.id == folder_id)
                .values(highestmodseq=folders.c.highestmodseq + 1)
            )
            conn.execute(
                messages.delete().where(
                    messages.c.folder_id == bindparam("f"), messages.c.uid == bindparam("u")
                ),
                [{"f": folder_id, "u": r[0]} for r in rows],
            )
            refs = Counter(r[2] for r in rows)
            conn.execute(
                update(blobs)
                .where(blobs.c.id == bindparam("b"))
                .values(refcount=blobs.c.refcount - bindparam("n")),
                [{"b": b, "n": n} for b, n in refs.items()],
            )
            dead = remove_dead_blobs(conn, list(refs))
        return sorted(r[0] for r in rows), dead

    def known_digests(self, digests: Sequence[str]) -> set[str]:
        found: set[str] = set()
        with self.engine.begin() as conn:
            for i in range(0, len(digests), _CHUNK):
                chunk = list(digests[i : i + _CHUNK])
                found.update(conn.execute(select(blobs.c.digest).where(blobs.c.digest.in_(chunk))).scalars())
        return found

    def dead_blobs(self) -> list[str]:
        with self._write().begin() as conn:
            ids = list(conn.execute(select(blobs.c.id).where(blobs.c.refcount <= 0)).scalars())
            return remove_dead_blobs(conn, ids)


def _raw_rows(conn: Connection, sql: str, params: dict[str, int]) -> list[Any]:
    """Run a hot folder-sized read on the driver's own cursor (inside `conn`'s transaction).

    SQLAlchemy's Row objects and psycopg's text transfer of bytea (hex, twice the bytes)
    dominated a 100,000-row FETCH; sqlite3 tuples and psycopg's binary protocol do not.
    `sql` names its parameters ``{name}``; only integers are bound.
    """
    driver = conn.connection.driver_connection
    if conn.dialect.name == "postgresql":
        query = sql.format(**{k: f"%({k})s" for k in params})
        with driver.cursor(binary=True) as cursor:  # type: ignore[union-attr]
            return list(cursor.execute(query, params).fetchall())
    query = sql.format(**{k: f":{k}" for k in params})
    return list(driver.execute(query, params).fetchall())  # type: ignore[union-attr]


def remove_dead_blobs(conn: Connection, blob_ids: list[int]) -> list[str]:
    """Delete blob rows among `blob_ids` whose refcount reached zero; return their digests."""
    if not blob_ids:
        return []
    dead = conn.execute(
        select(blobs.c.id, blobs.c.digest).where(blobs.c.id.in_(blob_ids), blobs.c.refcount <= 0)
    ).all()
    if not dead:
        return []
    ids = [row[0] for row in dead]
    fts.unindex(conn, ids)
    conn.execute(fragments.delete().where(fragments.c.blob_id.in_(ids)))
    conn.execute(blobs.delete().where(blobs.c.id.in_(ids)))
    return [row[1] for row in dead]


def _store(conn: Connection, batch: Sequence[NewMessage]) -> list[StoreResult]:
    """The body of one group-commit transaction (see the module docstring)."""
    now = int(time.time())
    # 1. Quota: lock and read every account of the batch, decide each copy in order.
    account_ids = sorted({c.account_id for m in batch for c in m.copies})
    quota_q = select(accounts.c.id, accounts.c.quota_bytes, accounts.c.used_bytes).where(
        accounts.c.id.in_(account_ids)
    )
    if conn.dialect.name == "postgresql":
        quota_q = quota_q.order_by(accounts.c.id).with_for_update()
    usage = {row[0]: [row[1], row[2], 0, 0] for row in conn.execute(quota_q)}  # limit, used, +bytes, +count
    accepted: list[list[int]] = []  # per message: indexes of accepted copies
    refused: list[list[int]] = []
    for message in batch:
        ok: list[int] = []
        bad: list[int] = []
        for i, copy in enumerate(message.copies):
            entry = usage.get(copy.account_id)
            size = message.size + len(copy.trace)
            if entry is None:
                bad.append(copy.account_id)
                continue
            limit, used, added, _ = entry
            if message.check_quota and limit is not None and used + added + size > limit:
                bad.append(copy.account_id)
                continue
            entry[2] += size
            entry[3] += 1
            ok.append(i)
        accepted.append(ok)
        refused.append(bad)
    changed = [{"a": a, "b": e[2], "n": e[3]} for a, e in usage.items() if e[3]]
    if changed:
        conn.execute(
            update(accounts)
            .where(accounts.c.id == bindparam("a"))
            .values(
                used_bytes=accounts.c.used_bytes + bindparam("b"),
                message_count=accounts.c.message_count + bindparam("n"),
            ),
            changed,
        )
    # 2. Blob rows: bump existing reference counts, insert new blobs with fragments and search text.
    refs: Counter[str] = Counter()
    first: dict[str, NewMessage] = {}
    for message, ok in zip(batch, accepted, strict=True):
        if ok:
            refs[message.digest] += len(ok)
            first.setdefault(message.digest, message)
    blob_ids: dict[str, int] = {}
    if refs:
        existing = dict(
            conn.execute(select(blobs.c.digest, blobs.c.id).where(blobs.c.digest.in_(list(refs)))).all()
        )
        if existing:
            conn.execute(
                update(blobs)
                .where(blobs.c.id == bindparam("i"))
                .values(refcount=blobs.c.refcount + bindparam("n")),
                [{"i": i, "n": refs[d]} for d, i in existing.items()],
            )
        blob_ids.update(existing)
        new = [d for d in refs if d not in existing]
        if new:
            rows = conn.execute(
                insert(blobs).returning(blobs.c.digest, blobs.c.id, sort_by_parameter_order=True),
                [{"digest": d, "size": first[d].size, "refcount": refs[d], "created_at": now} for d in new],
            ).all()
            blob_ids.update(dict(rows))
            _insert_fragments(conn, [(blob_ids[d], first[d]) for d in new])
    # 3. UIDs and MODSEQs: one UPDATE … RETURNING per distinct (folder name, copies in batch).
    wanted: Counter[tuple[int, str]] = Counter()
    for message, ok in zip(batch, accepted, strict=True):
        for i in ok:
            wanted[(message.copies[i].account_id, message.copies[i].folder)] += 1
    groups: defaultdict[tuple[str, int], list[int]] = defaultdict(list)
    for (account_id, name), count in wanted.items():
        groups[(name, count)].append(account_id)
    next_uid: dict[tuple[int, str], list[int]] = {}  # (account, folder) → [folder id, uid, modseq]
    for (name, count), ids in groups.items():
        rows = conn.execute(
            update(folders)
            .where(folders.c.account_id.in_(ids), folders.c.name == name)
            .values(uidnext=folders.c.uidnext + count, highestmodseq=folders.c.highestmodseq + count)
            .returning(folders.c.id, folders.c.account_id, folders.c.uidnext, folders.c.highestmodseq)
        ).all()
        for folder_id, account_id, uidnext, highest in rows:
            next_uid[(account_id, name)] = [folder_id, uidnext - count, highest - count + 1]
        for account_id in set(ids) - {r[1] for r in rows}:  # a missing folder is created on delivery
            folder_id = conn.execute(
                insert(folders).returning(folders.c.id),
                {
                    "account_id": account_id,
                    "name": name,
                    "special_use": None,
                    "uidvalidity": now,
                    "uidnext": 1 + count,
                    "highestmodseq": count,
                },
            ).scalar_one()
            next_uid[(account_id, name)] = [folder_id, 1, 1]
    # 4. Copies: one executemany for the whole batch.
    copy_rows: list[dict[str, object]] = []
    results: list[StoreResult] = []
    for message, ok, bad in zip(batch, accepted, refused, strict=True):
        stored: list[StoredCopy] = []
        for i in ok:
            copy = message.copies[i]
            slot = next_uid[(copy.account_id, copy.folder)]
            folder_id, uid, modseq = slot
            slot[1] += 1
            slot[2] += 1
            copy_rows.append(
                {
                    "folder_id": folder_id,
                    "uid": uid,
                    "modseq": modseq,
                    "flags": " ".join(copy.flags),
                    "internal_date": _ts(message.internal_date),
                    "size": message.size + len(copy.trace),
                    "blob_id": blob_ids[message.digest],
                    "trace": copy.trace,
                }
            )
            stored.append(StoredCopy(copy.account_id, folder_id, uid, modseq))
        results.append(StoreResult(tuple(stored), tuple(bad)))
    if copy_rows:
        conn.execute(insert(messages), copy_rows)
    return results


def _insert_fragments(conn: Connection, new: list[tuple[int, NewMessage]]) -> None:
    conn.execute(
        insert(fragments),
        [
            {
                "blob_id": blob_id,
                "envelope": m.fragments.envelope,
                "bodystructure": m.fragments.bodystructure,
                "body": m.fragments.body,
                "header_fields": m.fragments.header_fields,
                "subject": m.fragments.subject,
                "from_display": m.fragments.from_display,
                "sent_date": _ts(m.fragments.sent_date),
                "message_id": m.fragments.message_id,
                "attachment_bytes": m.fragments.attachment_bytes,
            }
            for blob_id, m in new
        ],
    )
    fts.index(conn, [(blob_id, m.fragments.search_text) for blob_id, m in new])
