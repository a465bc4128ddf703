"""Several processes on one database (DESIGN.md: identical processes share one PostgreSQL; SQLite
WAL lets processes of one machine share a file): two processes deliver the same messages to the
same mailboxes at once. Every delivery is stored exactly once, UIDs stay unique and dense, and
each blob's reference count equals its copies."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from congvu.directory.api import NewAccount
from congvu.directory.service import DirectoryService
from congvu.store import FileBlobStore, SqlMetaStore, open_metastore, upgrade
from congvu.store.sql.schema import blobs as blob_table
from congvu.store.sql.schema import messages
from tests.integration.store.multi_worker import RECIPIENTS

ROOT = Path(__file__).resolve().parents[3]
COUNT = 60


async def _accounts(meta: SqlMetaStore) -> None:
    directory = DirectoryService(meta, hasher=PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    await directory.add_domain("sonla.gov.vn")
    for address in RECIPIENTS:
        await directory.add_account(NewAccount(address, address, "Mk@12345678"))


@pytest.mark.slow
def test_two_processes_deliver_the_same_messages_concurrently(database_url: str, tmp_path: Path) -> None:
    upgrade(database_url)
    meta = open_metastore(database_url)
    asyncio.run(_accounts(meta))
    root = tmp_path / "blobs"
    command = [
        sys.executable,
        "-m",
        "tests.integration.store.multi_worker",
        database_url,
        str(root),
        str(COUNT),
    ]
    procs = [
        subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=240) for p in procs]
    for proc, (out, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == f"DONE {COUNT * len(RECIPIENTS)}"
    store = FileBlobStore(root)
    try:
        for address in RECIPIENTS:
            record = meta.find_account(address)
            assert record is not None
            found = meta.snapshot(record.ref.id, "INBOX")
            assert found is not None
            folder, copies = found
            assert [c[0] for c in copies] == list(range(1, 2 * COUNT + 1))
            assert folder.uidnext == 2 * COUNT + 1
        with meta.engine.begin() as conn:
            refs = dict(conn.execute(select(blob_table.c.id, blob_table.c.refcount)).all())
            uses = Counter(conn.execute(select(messages.c.blob_id)).scalars())
            digests = list(conn.execute(select(blob_table.c.digest)).scalars())
        assert len(refs) == COUNT  # the same bytes from two processes are one blob
        assert refs == dict(uses)
        assert all(store.get(d) is not None for d in digests)
    finally:
        store.close()
        meta.close()
