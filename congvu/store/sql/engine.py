"""Engines for SQLite (default, WAL) and PostgreSQL (production), tuned for durable group commit.

SQLite (issue 9, docs/storage.md "Durability"): ``journal_mode=WAL`` lets readers run while the
writer commits; ``synchronous=FULL`` fsyncs the WAL at every commit, so a committed batch
survives power loss, not only a process crash (NORMAL would not). The pysqlite driver's own
transaction handling is turned off and each transaction begins explicitly: ``BEGIN IMMEDIATE``
for writers (take the write lock first: no SQLITE_BUSY upgrade deadlock), plain ``BEGIN`` for
readers. ``busy_timeout`` makes a second writer (a directory change while deliveries run) wait.

PostgreSQL runs through psycopg 3 at READ COMMITTED; row locks taken by ``UPDATE … RETURNING``
and ``SELECT … FOR UPDATE`` serialise concurrent writers on the same folders and accounts.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url

WRITE = {"congvu_write": True}


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def make_engine(database_url: str) -> Engine:
    """An Engine for `database_url` (``sqlite:///path`` or ``postgresql+psycopg://…``)."""
    url = make_url(database_url)
    if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=False)
    engine = create_engine(url, pool_size=8, max_overflow=8, connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see module docstring)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=" + __import__("os").environ.get("CONGVU_SQLITE_SYNC", "FULL"))
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA cache_size=-65536")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("congvu_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine
