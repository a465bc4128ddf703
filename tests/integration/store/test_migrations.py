"""Migrations (issue 9 item 1): an empty database upgrades to head, twice is harmless, and the
result matches the tables `congvu.store.sql.schema` queries."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Index, inspect

from congvu.store import current_revision, head_revision, upgrade
from congvu.store.sql.engine import make_engine
from congvu.store.sql.schema import metadata


def test_empty_database_upgrades_to_head_and_matches_the_schema(database_url: str) -> None:
    assert current_revision(database_url) is None
    upgrade(database_url)
    upgrade(database_url)
    assert current_revision(database_url) == head_revision() is not None
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            assert {t.name for t in metadata.sorted_tables} <= names
            assert ("search_fts" in names) or ("search_docs" in names)
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
            # search_fts/search_docs are dialect-specific and live outside the shared metadata
            # and indexes declared for another dialect only (`ddl_if`, e.g. ix_messages_snapshot)
            other = [d for d in diff if _for_other_dialect(d, conn.dialect.name)]
            assert [d for d in diff if not _is_search(d) and d not in other] == []
    finally:
        engine.dispose()


def _for_other_dialect(diff: object, dialect: str) -> bool:
    if not (isinstance(diff, tuple) and diff[0] == "add_index" and isinstance(diff[1], Index)):
        return False
    others = {
        index.name
        for table in metadata.sorted_tables
        for index in table.indexes
        if index._ddl_if is not None and index._ddl_if.dialect not in (None, dialect)
    }
    return diff[1].name in others


def _is_search(diff: object) -> bool:
    text = repr(diff)
    return "search_" in text
