"""Folder changes of `congvu.ports.MessageStore`: CREATE, DELETE, RENAME and COPY (RFC 9051
§6.3.4–6.3.6, §6.4.7; RFC 6851 MOVE is COPY then EXPUNGE in the service).

COPY adds rows that reference the same blobs (a copy never duplicates the message bytes), bumps
their reference counts, allocates the destination UIDs with one ``UPDATE … RETURNING`` and
counts the destination account's quota (QN20-9, SL25-11.2) in the same transaction. DELETE of a
folder removes its copies like EXPUNGE does and returns the digests whose last copy went away.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence

from sqlalchemy import Engine, bindparam, case, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from congvu.domain.errors import Conflict, NotFound
from congvu.ports import FolderRow, OverQuota
from congvu.store.sql.engine import WRITE
from congvu.store.sql.messages import remove_dead_blobs
from congvu.store.sql.schema import accounts, blobs, folders, messages


class SqlFolderStore:
    engine: Engine

    def _write(self) -> Engine:
        return self.engine.execution_options(**WRITE)

    def create_folder(self, account_id: int, name: str, special_use: str | None) -> FolderRow:
        now = int(time.time())
        try:
            with self._write().begin() as conn:
                # RFC 9051 §2.3.1.1: a re-created name must get a larger UIDVALIDITY.
                next_floor = accounts.c.uidvalidity_floor + 1
                floor = conn.execute(
                    update(accounts)
                    .where(accounts.c.id == account_id)
                    .values(uidvalidity_floor=case((next_floor > now, next_floor), else_=now))
                    .returning(accounts.c.uidvalidity_floor)
                ).scalar()
                if floor is None:
                    raise NotFound(str(account_id))
                latest = conn.execute(
                    select(func.max(folders.c.uidvalidity)).where(folders.c.account_id == account_id)
                ).scalar()
                validity = max(floor, (latest or 0) + 1)
                if validity != floor:
                    conn.execute(
                        update(accounts).where(accounts.c.id == account_id).values(uidvalidity_floor=validity)
                    )
                folder_id = conn.execute(
                    insert(folders)
                    .values(
                        account_id=account_id,
                        name=name,
                        special_use=special_use,
                        uidvalidity=validity,
                        uidnext=1,
                        highestmodseq=0,
                    )
                    .returning(folders.c.id)
                ).scalar_one()
        except IntegrityError as exc:
            raise Conflict(name) from exc
        return FolderRow(folder_id, account_id, name, special_use, validity, 1, 0, 0, 0)

    def rename_folder(self, folder_id: int, new_name: str) -> None:
        try:
            with self._write().begin() as conn:
                done = conn.execute(update(folders).where(folders.c.id == folder_id).values(name=new_name))
                if done.rowcount != 1:
                    raise NotFound(str(folder_id))
        except IntegrityError as exc:
            raise Conflict(new_name) from exc

    def delete_folder(self, folder_id: int) -> list[str]:
        with self._write().begin() as conn:
            account_id = conn.execute(select(folders.c.account_id).where(folders.c.id == folder_id)).scalar()
            if account_id is None:
                raise NotFound(str(folder_id))
            rows = conn.execute(
                select(messages.c.blob_id, messages.c.size).where(messages.c.folder_id == folder_id)
            ).all()
            if rows:
                conn.execute(
                    update(accounts)
                    .where(accounts.c.id == account_id)
                    .values(
                        used_bytes=accounts.c.used_bytes - sum(r[1] for r in rows),
                        message_count=accounts.c.message_count - len(rows),
                    )
                )
                conn.execute(messages.delete().where(messages.c.folder_id == folder_id))
                refs = Counter(r[0] for r in rows)
                conn.execute(
                    update(blobs)
                    .where(blobs.c.id == bindparam("b"))
                    .values(refcount=blobs.c.refcount - bindparam("n")),
                    [{"b": b, "n": n} for b, n in refs.items()],
                )
            conn.execute(folders.delete().where(folders.c.id == folder_id))
            return remove_dead_blobs(conn, list(Counter(r[0] for r in rows))) if rows else []

    def copy_messages(
        self, source_id: int, uids: Sequence[int], target_id: int, *, check_quota: bool = True
    ) -> list[tuple[int, int]]:
        """Copy the given UIDs; returns (source UID, new UID) pairs in ascending source order."""
        with self._write().begin() as conn:
            rows = conn.execute(
                select(messages.c.uid, messages.c.flags, messages.c.internal_date, messages.c.size)
                .add_columns(messages.c.blob_id, messages.c.trace)
                .where(messages.c.folder_id == source_id, messages.c.uid.in_(sorted(set(uids))))
                .order_by(messages.c.uid)
            ).all()
            if not rows:
                return []
            account_id = conn.execute(select(folders.c.account_id).where(folders.c.id == target_id)).scalar()
            if account_id is None:
                raise NotFound(str(target_id))
            quota_q = select(accounts.c.quota_bytes, accounts.c.used_bytes).where(accounts.c.id == account_id)
            if conn.dialect.name == "postgresql":
                quota_q = quota_q.with_for_update()
            limit, used = conn.execute(quota_q).one()
            total = sum(r[3] for r in rows)
            if check_quota and limit is not None and used + total > limit:
                raise OverQuota(account_id)
            conn.execute(
                update(accounts)
                .where(accounts.c.id == account_id)
                .values(
                    used_bytes=accounts.c.used_bytes + total,
                    message_count=accounts.c.message_count + len(rows),
                )
            )
            uidnext, highest = conn.execute(
                update(folders)
                .where(folders.c.id == target_id)
                .values(
                    uidnext=folders.c.uidnext + len(rows), highestmodseq=folders.c.highestmodseq + len(rows)
                )
                .returning(folders.c.uidnext, folders.c.highestmodseq)
            ).one()
            first_uid, first_modseq = uidnext - len(rows), highest - len(rows) + 1
            conn.execute(
                insert(messages),
                [
                    {
                        "folder_id": target_id,
                        "uid": first_uid + i,
                        "modseq": first_modseq + i,
                        "flags": flags,
                        "internal_date": date,
                        "size": size,
                        "blob_id": blob_id,
                        "trace": trace,
                    }
                    for i, (_, flags, date, size, blob_id, trace) in enumerate(rows)
                ],
            )
            refs = Counter(r[4] for r in rows)
            conn.execute(
                update(blobs)
                .where(blobs.c.id == bindparam("b"))
                .values(refcount=blobs.c.refcount + bindparam("n")),
                [{"b": b, "n": n} for b, n in refs.items()],
            )
        return [(row[0], first_uid + i) for i, row in enumerate(rows)]
