"""The SQL metadata store: one Engine serving `MessageStore` and `DirectoryStore` (congvu.ports)."""

from __future__ import annotations

from sqlalchemy import Engine

from congvu.store.sql.directory import SqlDirectoryStore
from congvu.store.sql.engine import make_engine
from congvu.store.sql.folders import SqlFolderStore
from congvu.store.sql.messages import SqlMessageStore


class SqlMetaStore(SqlMessageStore, SqlFolderStore, SqlDirectoryStore):
    """Metadata in SQLite or PostgreSQL through SQLAlchemy Core; thread-safe (a pooled Engine)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


def open_metastore(database_url: str) -> SqlMetaStore:
    """Open (not migrate) the database at `database_url`; call `upgrade` first on a new one."""
    return SqlMetaStore(make_engine(database_url))
