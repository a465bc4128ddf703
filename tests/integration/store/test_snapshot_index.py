"""Migration 0004's SQLite covering index: SELECT's snapshot scan reads ``ix_messages_snapshot``
(not the copies with their trace blocks), the header FETCH join keeps the primary-key scan,
an existing database gains the index on upgrade, and the snapshot read through it equals the
copies read from the table."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from congvu.store import SqlMetaStore, upgrade
from congvu.store.sql.engine import make_engine
from tests.integration.store.conftest import Stack, envelope, message

SNAPSHOT = (
    "SELECT uid, modseq, flags, internal_date, size FROM messages WHERE folder_id = 1 ORDER BY uid"
)
HEADERS = (
    "SELECT m.uid, f.header_fields FROM messages AS m JOIN fragments AS f ON f.blob_id = m.blob_id "
    "WHERE m.folder_id = 1 AND m.uid BETWEEN 1 AND 9 ORDER BY m.uid"
)


def _plan(meta: SqlMetaStore, sql: str) -> str:
    with meta.engine.connect() as conn:
        return " ".join(str(row[3]) for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))


def test_sqlite_plans_read_the_narrow_index_for_select_only(meta: SqlMetaStore) -> None:
    if meta.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only (PostgreSQL has no such index: see migration 0004)")
    assert "COVERING INDEX ix_messages_snapshot" in _plan(meta, SNAPSHOT)
    headers = _plan(meta, HEADERS)
    assert "PRIMARY KEY" in headers
    assert "ix_messages_snapshot" not in headers


def test_upgrade_from_0003_adds_the_index(database_url: str) -> None:
    upgrade(database_url, "0003")
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            before = {i["name"] for i in inspect(conn).get_indexes("messages")}
    finally:
        engine.dispose()
    assert "ix_messages_snapshot" not in before
    upgrade(database_url)
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            after = {i["name"] for i in inspect(conn).get_indexes("messages")}
    finally:
        engine.dispose()
    assert ("ix_messages_snapshot" in after) == (database_url.startswith("sqlite"))


async def test_snapshot_through_the_index_matches_the_copies(stack: Stack) -> None:
    a = await stack.account("an")
    for i in range(5):
        await stack.delivery.deliver(envelope(a), message(subject=f"Số {i}"))
    snap = stack.meta.snapshot(a.id, "INBOX")
    assert snap is not None
    folder, copies = snap
    assert [c[0] for c in copies] == [1, 2, 3, 4, 5]
    hint = "NOT INDEXED " if stack.meta.engine.dialect.name == "sqlite" else ""
    with stack.meta.engine.connect() as conn:
        table = conn.exec_driver_sql(
            f"SELECT uid, modseq, flags, internal_date, size FROM messages {hint}"
            f"WHERE folder_id = {folder.id} ORDER BY uid"
        ).all()
    assert [tuple(c) for c in copies] == [tuple(r) for r in table]
